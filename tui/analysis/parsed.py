"""One paragraph read once: tokens, their folded words, sentences, numbers and which tokens
each sentence holds.

The aligner and seven detectors read the same paragraphs; on a big event, tokenising and
sentence-splitting in each of them cost more than all their analysis. So every paragraph is
parsed here, and within one comparison (`shared_reading`, which `tui.pipeline.compare` opens
around align and diverge) each paragraph text is parsed once: the aligner's terms
(`tui.analysis.normalise.term_fields`) and the corpus of the detectors
(`tui.analysis.corpus`) read the same `Parsed`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from operator import itemgetter

from tui.text.numbers import NumberMatch, find_numbers
from tui.text.spans import sentences
from tui.text.tokens import Token, fold, folded_words, tokenize


@dataclass(frozen=True)
class Parsed:
    """A paragraph as the aligner and every detector read it. Offsets are paragraph offsets.

    `words[i]` is `tokens[i].folded` (case only: word lists are looked up in it, and it is read
    millions of times), `folded[i]` the one fold of names (`tui.text.tokens.fold`: case,
    accents, possessive: "Ağdam's" → "agdam"), `sentence_tokens[k]` the range of token
    indices inside `sentences[k]`, and `numbers` every number of the paragraph as
    `tui.text.numbers.find_numbers` reads it over all its tokens.
    """

    text: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_tokens: tuple[range, ...]
    folded: tuple[str, ...] = ()
    numbers: tuple[NumberMatch, ...] = ()

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


# The texts parsed in the current `shared_reading` block, if one is open. A context variable,
# so that comparisons running in two threads never see each other's.
_READINGS: ContextVar[dict[str, Parsed] | None] = ContextVar("readings", default=None)


@contextmanager
def shared_reading() -> Iterator[None]:
    """Within the block, `parse` reads each paragraph text once and hands the same `Parsed`
    to every caller: the aligner and the detectors of one comparison read one parse.

    Scoped rather than a process-wide cache: the parses of a big event take tens of
    megabytes, which must go with the comparison that needed them.
    """
    token = _READINGS.set({})
    try:
        yield
    finally:
        _READINGS.reset(token)


def parse(text: str) -> Parsed:
    """Read a paragraph (once per text inside `shared_reading`)."""
    readings = _READINGS.get()
    if readings is None:
        return _parse(text)
    found = readings.get(text)
    if found is None:
        found = readings[text] = _parse(text)
    return found


def _parse(text: str) -> Parsed:
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
    words = folded_words(text, tokens)
    folded = tuple(map(fold, map(itemgetter(0), tokens)))
    numbers = tuple(find_numbers(text, tokens, words))
    return Parsed(text, tokens, words, ranges, tuple(sentence_tokens), folded, numbers)
