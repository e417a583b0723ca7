"""Which sentence denies something: a lexicon denial phrase or a denial verb.

Blame leaves denying sentences to the denial detector and the denial detector starts from them,
so the corpus finds them once, here, for both. "lie"/"lies" count only where they read as the
noun ("a lie", "were lies", "lies."), not the verb ("Ganja lies far from the front").
"""

from __future__ import annotations

import re

from tui.analysis.parsed import Parsed
from tui.model import Lexicon
from tui.text.spans import find_phrases, phrases_pattern
from tui.text.wordlists import word_set

DENIAL_VERBS = (
    "deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "refuting",
    "reject", "rejects", "rejected", "rejecting",
)  # fmt: skip
AMBIGUOUS = frozenset({"lie", "lies"})  # also verbs: "the town lies 10 km away"
# What a denial verb denies: a claim, or an act ("denied shelling", "denied that …"). "Residents
# reject Baku's sovereignty" rejects no claim.
CLAIM_NOUNS = word_set(
    "claim claims report reports accusation accusations allegation allegations statement "
    "statements information that involvement responsibility charge charges this it these "
    "any all reports' rumours rumors"
)
OBJECT_REACH = 4
NOUN_CUES = word_set("a an the absolute outright blatant complete total utter is are was were")

Hit = tuple[int, int]  # paragraph offsets of a denial phrase


def denial_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """One pattern for every denial phrase of the lexicon and every denial verb."""
    return phrases_pattern((*lexicon.denial, *DENIAL_VERBS))


def denial_hits(parsed: Parsed, pattern: re.Pattern[str]) -> list[Hit]:
    """(start, end) of every denial in a paragraph, ambiguous verbs left out."""
    hits = []
    for start, end, _ in find_phrases(parsed.text, pattern):
        word = parsed.text[start:end].casefold()
        if word in AMBIGUOUS and not _reads_as_noun(parsed, start, end):
            continue
        if word in DENIAL_VERBS and not _denies_a_claim(parsed, end):
            continue
        hits.append((start, end))
    return hits


def _denies_a_claim(parsed: Parsed, end: int) -> bool:
    """Whether the words after a denial verb name a claim or an act: "rejected reports",
    "denied that", "denies shelling"; or nothing at all ("which Baku denies.")."""
    after = [i for i, t in enumerate(parsed.tokens) if t.start >= end][:OBJECT_REACH]
    _, s_end = parsed.sentence_at(end - 1)
    after = [i for i in after if parsed.tokens[i].start < s_end]
    if not after:
        return True
    words = [parsed.words[i] for i in after]
    return any(w in CLAIM_NOUNS or (w.endswith("ing") and len(w) > 5) for w in words)


def _reads_as_noun(parsed: Parsed, start: int, end: int) -> bool:
    sentence_start, sentence_end = parsed.sentence_at(start)
    before = [i for i, t in enumerate(parsed.tokens) if sentence_start <= t.start < start]
    if before and parsed.words[before[-1]] in NOUN_CUES:
        return True
    return bool(re.match(r"\s*(?:[.,;:!?)”\"'’]|$)", parsed.text[end:sentence_end]))


def sentence_denials(parsed: Parsed, pattern: re.Pattern[str]) -> tuple[Hit | None, ...]:
    """Per sentence of a paragraph, its first denial (paragraph offsets), if it has one."""
    hits = denial_hits(parsed, pattern)
    return tuple(next((h for h in hits if s <= h[0] < e), None) for s, e in parsed.sentences)
