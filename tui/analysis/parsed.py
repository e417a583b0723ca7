"""One paragraph read once: tokens, their folded words, sentences and which tokens each holds.

Seven detectors read the same paragraphs; on a big event, tokenising and sentence-splitting in
each of them cost more than all their analysis, so `tui.analysis.corpus` parses every paragraph
here once and every detector reads the result.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from tui.text.spans import sentences
from tui.text.tokens import Token, fold, tokenize


@dataclass(frozen=True)
class Parsed:
    """A paragraph as every detector reads it. Offsets are paragraph offsets.

    `words[i]` is `tokens[i].folded` (case only: word lists are looked up in it, and it is read
    millions of times), `folded[i]` the one fold of names (`tui.analysis.normalise.fold`: case,
    accents, possessive: "Ağdam's" → "agdam"), and `sentence_tokens[k]` the range of token
    indices inside `sentences[k]`.
    """

    text: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_tokens: tuple[range, ...]
    folded: tuple[str, ...] = ()

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding character `offset` (the whole paragraph if none does)."""
        k = self.sentence_index(offset)
        return self.sentences[k] if k >= 0 else (0, len(self.text))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding character `offset` (-1 if none does).

        By bisection: a paragraph cut from a megabyte page holds hundreds of sentences and
        thousands of figures, each asking once."""
        k = bisect.bisect_right(self.sentences, offset, key=lambda sentence: sentence[0]) - 1
        return k if k >= 0 and offset < self.sentences[k][1] else -1


def parse(text: str) -> Parsed:
    """Read a paragraph: tokens, their folded words, sentences and which tokens each holds."""
    tokens = tuple(tokenize(text))
    ranges = tuple(sentences(text))
    starts = [t.start for t in tokens]
    sentence_tokens = []
    first = 0
    for start, end in ranges:  # by bisection: a long sentence is not walked token by token
        first = bisect.bisect_left(starts, start, first)
        last = bisect.bisect_left(starts, end, first)
        sentence_tokens.append(range(first, last))
        first = last
    words = tuple(t.folded for t in tokens)
    folded = tuple(fold(t.text) for t in tokens)
    return Parsed(text, tokens, words, ranges, tuple(sentence_tokens), folded)
