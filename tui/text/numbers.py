"""Numbers in running text, written as digits or as words.

Outlets write the same figure differently ("7", "seven", "a dozen", "1,200"), and both the
aligner (which must see "seven killed" and "7 killed" as the same words) and the figure
detector (which must compare them) read numbers through `find_numbers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from tui.text.tokens import Token, tokenize

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12,
}  # fmt: skip
# "dozens", "hundreds", "thousands" are deliberately absent: they are not figures.
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    value: float


def word_value(word: str) -> int | None:
    """The value of one number word, including hyphenated tens ("thirty-three")."""
    word = word.casefold()
    if word in UNITS:
        return UNITS[word]
    if word in TENS:
        return TENS[word]
    tens, _, unit = word.partition("-")
    if tens in TENS and unit in UNITS and UNITS[unit] < 10:
        return TENS[tens] + UNITS[unit]
    return None


@lru_cache(maxsize=65536)
def _text_value(text: str) -> float | None:
    """The value of one token written as digits or as a number word, None for any other word.

    Cached by the token's text: every token of every paragraph is asked, and most are a few
    thousand common words."""
    if _DIGITS.fullmatch(text):
        return float(text.replace(",", ""))
    return word_value(text)


def find_numbers(
    text: str, tokens: Sequence[Token] | None = None, words: Sequence[str] | None = None
) -> list[NumberMatch]:
    """Every number in `text` with its exact span, longest reading first.

    "two hundred and fifty" is one number (250), "1.5 million" is 1,500,000, "thirty three" is
    33; "a dozen" is 12. Ordinals ("first") and years written as digits are left to the
    caller to interpret. A caller that has already tokenised `text` passes `tokens` (offsets
    into `text`) so that it is not tokenised again, and their `Token.folded` as `words` if
    it has them.
    """
    if tokens is None:
        tokens = tokenize(text)
    if words is None:
        words = [t.folded for t in tokens]
    matches: list[NumberMatch] = []
    values = list(map(_text_value, map(itemgetter(0), tokens)))  # a token's text is its first
    j = 0  # the first token no number has taken
    for i in [k for k, value in enumerate(values) if value is not None]:
        if i < j:
            continue  # a word of the number before ("two hundred")
        value = values[i]
        start, end = tokens[i].start, tokens[i].end
        if words[i] == "dozen" and i and words[i - 1] == "a":
            start = tokens[i - 1].start  # "a dozen" is the number, not just "dozen"
        total, current = 0.0, value
        j = i + 1
        while j < len(tokens):
            word = words[j]
            if word == "dozen" and current < 100:
                current *= 12  # "two dozen"
            elif word in SCALES:
                scale = SCALES[word]
                if scale == 100:
                    current *= scale
                else:
                    total += current * scale
                    current = 0.0
            elif (
                word == "and"
                and j + 1 < len(tokens)
                and word_value(tokens[j + 1].text) is not None
                and (current >= 100 or total)
            ):
                pass
            elif (nxt := word_value(tokens[j].text)) is not None and _combines(current, nxt):
                current += nxt
            else:
                break
            end = tokens[j].end
            j += 1
        matches.append(NumberMatch(start, end, total + current))
    return matches


def _combines(current: float, nxt: int) -> bool:
    """Whether a following number word continues the current one ("thirty" "three")."""
    if current % 100 == 0 and current >= 100:
        return nxt < 100
    return current in TENS.values() and 0 < nxt < 10
