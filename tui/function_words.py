"""English function words: the words whose differences carry no claim.

The word diff ignores them ("the shelling" vs "shelling"), the figure detector lets them sit
between a number and what it counts, and the denial matcher leaves them out of a claim's key
words. One list, so that the three agree on what "trivial" means.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for readable word lists."""
    return frozenset(text.split())


FUNCTION_WORDS = word_set(
    """
    a an the this that these those there here it its it's they them their theirs he him his she
    her we us our you your i me my and or but nor so yet if then than as of in on at by for from
    to into onto upon with without within about above below over under after before during
    since until while against between among through throughout across along around near off
    out up down is am are was were be been being has have had having do does did will would
    shall should can could may might must also too very just only still even which who whom
    whose what when where why how all any both each few more most other some such no not own
    same other another per via amid
    """
)
