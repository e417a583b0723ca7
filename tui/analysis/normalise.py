"""Paragraph text reduced to the words that say what happened, for matching across outlets.

Two outlets reporting the same strike share little wording: one writes "Seven civilians were
killed in Khankendi", the other "7 people died in Stepanakert's centre". Matching the raw
strings would see mostly differences, so every paragraph is first reduced to terms:

- case and accents folded ("Ağdam" == "agdam"), possessives dropped ("Azerbaijan's"),
- numbers read as values, whether digits or words ("seven" == "7", "1,200" == "1200"),
- every name in a lexicon name group replaced by one key for the group, so the sides' names
  for one place (Stepanakert / Khankendi / Xankendi, multi-word names too) are one term,
- a light suffix strip ("killed", "killing", "kills" -> "kill") and a short English stopword
  list, so that the informative words drive matching rather than "the" and "of".

Each term keeps the character span it came from, so the divergence finder can point back at
the exact text (the report contract requires `text == paragraph[start:end]`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tui.analysis.parsed import parse
from tui.model import Lexicon
from tui.text.tokens import fold, tokenize

TermKind = Literal["word", "number", "name"]

# Function words of news English: they are in every paragraph and say nothing about which
# fact a paragraph reports. Reporting verbs ("said") are kept: IDF weighting discounts them.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves s t
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# Words outlets use interchangeably for what happened, folded (as stems) into one term each.
# Kept small and specific to how war and disaster news is written: a paraphrase swaps
# "wounded" for "injured", "truce" for "ceasefire", "rockets" for "missiles", and without the
# fold two accounts of one strike share too few terms to be matched. Only words that, in
# this kind of report, name the same thing; not "town"/"city", not "said"/"claimed" (whether
# a claim is asserted or reported is what the divergence finder looks at, in the raw text).
SYNONYMS = {
    **dict.fromkeys(("dead", "die", "died", "death"), "kill"),
    **dict.fromkeys(("injur", "injury", "hurt"), "wound"),
    **dict.fromkeys(("fir", "struck", "strik", "hit", "bombard", "bomb", "pound"), "shell"),
    **dict.fromkeys(("rocket",), "missil"),
    **dict.fromkeys(("truc", "cease-fir"), "ceasefir"),
    **dict.fromkeys(("reporter", "correspondent"), "journalist"),
    **dict.fromkeys(("reject", "dismiss"), "deny"),
    **dict.fromkeys(("breach", "break"), "violat"),
}

NAME_PREFIX = "@"  # marks a name-group key so that it can never collide with a real word


@dataclass(frozen=True)
class NameMatcher:
    """Lexicon names as token sequences, longest first, mapped to their group key."""

    sequences: dict[tuple[str, ...], str]
    longest: int
    first_words: frozenset[str]

    def match(self, words: Sequence[str], i: int) -> tuple[str, int] | None:
        """The group key and token count of the longest name starting at `words[i]`."""
        if words[i] not in self.first_words:  # the usual case, and it must be cheap
            return None
        for length in range(min(self.longest, len(words) - i), 0, -1):
            key = self.sequences.get(tuple(words[i : i + length]))
            if key is not None:
                return key, length
        return None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip the commonest inflections so "shelled", "shelling" and "shells" are one term.

    Deliberately crude (no dictionary): both sides of a comparison go through the same
    function, so a wrong stem ("injur") costs nothing as long as it is consistent. The plural
    goes first and a final "e" last, so that "buildings" meets "building" ("build") and
    "damage" meets "damaged" ("damag").
    """
    if len(word) > 4 and word.endswith(("ies", "ied")):
        word = word[:-3] + "y"
    else:
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        if len(word) > 5 and word.endswith("ing"):
            word = word[:-3]
        elif len(word) > 4 and word.endswith("ed"):
            word = word[:-2]
        if len(word) > 4 and word.endswith("e"):
            word = word[:-1]
    return SYNONYMS.get(word, word)


def group_key(group_id: str) -> str:
    return NAME_PREFIX + re.sub(r"\s+", "_", group_id.casefold())


@lru_cache(maxsize=16)
def name_matcher(lexicon: Lexicon) -> NameMatcher:
    """Compile the lexicon's name groups once per lexicon (lexicons are frozen, hashable)."""
    sequences: dict[tuple[str, ...], str] = {}
    for group in lexicon.names:
        for name in group.names:
            words = tuple(fold(t.text) for t in tokenize(name))
            if words:
                sequences.setdefault(words, group_key(group.id))
    return NameMatcher(
        sequences,
        max((len(s) for s in sequences), default=0),
        frozenset(s[0] for s in sequences),
    )


def _number_key(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def term_fields(text: str, lexicon: Lexicon) -> list[tuple[str, int, int, TermKind]]:
    """Every term of `text` in reading order, stopwords included, as (key, start, end, kind).

    The aligner reads every paragraph of an event (100,000 terms in a big one) and needs
    only the keys: a tuple costs a fraction of a frozen dataclass, and the name lookup is
    inlined for the usual word that starts no name. The tokens, their folds and the numbers
    are the paragraph's one reading (`tui.analysis.parsed.parse`), which the detectors'
    corpus reads too.
    """
    parsed = parse(text)
    tokens = parsed.tokens
    words = parsed.folded
    numbers = {m.start: m for m in parsed.numbers}
    matcher = name_matcher(lexicon)
    first_words = matcher.first_words
    out: list[tuple[str, int, int, TermKind]] = []
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        name = matcher.match(words, i) if words[i] in first_words else None
        if name is not None:
            key, length = name
            out.append((key, token.start, tokens[i + length - 1].end, "name"))
            i += length
            continue
        number = numbers.get(token.start) if numbers else None
        if number is not None:
            out.append((_number_key(number.value), number.start, number.end, "number"))
            while i < count and tokens[i].end <= number.end:
                i += 1
            continue
        out.append((stem(words[i]), token.start, token.end, "word"))
        i += 1
    return out
