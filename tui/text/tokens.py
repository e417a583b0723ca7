"""Word tokens with their character offsets.

Alignment, word diffs and figure detection all need to point back at exact characters of a
paragraph (the report contract promises `text == paragraph[start:end]`), so every stage
tokenises with this one function instead of `str.split`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

# A number keeps its thousands separators and decimals ("1,200", "3.5"); a word keeps inner
# hyphens and apostrophes ("thirty-three", "Azerbaijan's").
WORD_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\w+(?:['’\-]\w+)*")
_POSSESSIVE = re.compile(r"['’]s?$")


class Token(NamedTuple):
    """A word and where it stands in its paragraph.

    A NamedTuple rather than a frozen dataclass: aligning a big event makes a few hundred
    thousand of these, and a frozen dataclass costs about three times as much to create.
    """

    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        """Case- and apostrophe-insensitive form, for comparing words across outlets."""
        return self.text.casefold().replace("’", "'")


def tokenize(text: str) -> list[Token]:
    """Every word of `text` with its offsets.

    Read with `findall` and placed with `str.find` from the end of the word before: every
    character between two words is one no word can start at (no letter or digit), so the
    first occurrence of a word from there is where it was matched. A third faster than
    match objects, and every paragraph of an event goes through here.
    """
    tokens = []
    end = 0
    find = text.find
    new = tuple.__new__
    for word in WORD_RE.findall(text):
        start = find(word, end)
        end = start + len(word)
        tokens.append(new(Token, (word, start, end)))
    return tokens


def folded_words(text: str, tokens: Sequence[Token]) -> tuple[str, ...]:
    """`Token.folded` of each of `tokens` (words of `text`): without a curly apostrophe in
    the text, only the case is folded, in one pass that never calls the property."""
    if "’" in text:
        return tuple(t.folded for t in tokens)
    return tuple(map(str.casefold, map(itemgetter(0), tokens)))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of one word, possessive dropped.

    The one fold of the project: the aligner's terms, the lexicon's names and every detector
    compare words through it, so "Ağdam", "Agdam" and "AGDAM's" are one word to all of them.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _POSSESSIVE.sub("", plain) if len(plain) > 2 else plain
