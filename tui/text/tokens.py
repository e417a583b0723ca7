"""Word tokens with their character offsets.

Alignment, word diffs and figure detection all need to point back at exact characters of a
paragraph (the report contract promises `text == paragraph[start:end]`), so every stage
tokenises with this one function instead of `str.split`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
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
    return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of one word, possessive dropped.

    The one fold of the project: the aligner's terms, the lexicon's names and every detector
    compare words through it, so "Ağdam", "Agdam" and "AGDAM's" are one word to all of them.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _POSSESSIVE.sub("", plain) if len(plain) > 2 else plain
