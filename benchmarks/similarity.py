"""How alike two sentences are in meaning, from their words alone: the aligner's second opinion.

Two outlets of opposing sides tell one incident in different words, and the aligner's claim
links (tui.analysis.align) need a shared *particular* (a term about one fact) to see it. Where
they have none, this scorer says whether the two sentences still say the same thing: a soft,
weighted overlap of their words, in both directions.

- Words are compared as the claims read them (`tui.analysis.claims.word_key`): folded,
  stemmed, one derivational ending off, numbers as values, the lexicon's names as one key per
  name group; function words are kept, since "by" and "against" carry who did what to whom and
  their weight is small anyway.
- Each word weighs its inverse document frequency over the sentences being compared (the
  event's own claims, or a benchmark's sentences): the place every sentence names weighs
  little, the village two outlets name a lot.
- A word with no exact counterpart still counts for its closest spelling in the other sentence
  (rapidfuzz `ratio` of at least `FUZZY`): transliterations ("Khankendi" / "Khankandi"),
  spelling variants and inflections the stemmer leaves apart.
- The score is the harmonic mean of the two directions' weighted coverage (like BERTScore's F1,
  with exact and near-exact words instead of vectors), so that a short sentence does not match
  every long one that contains its words.
- Two sentences that both give numbers and share none are likelier two facts, for paraphrase
  (`Scorer.numbers` says how much less alike, `NUMBERS_DIFFER`). Off by default: for the
  aligner the same incident told with different figures is exactly what an editor must see on
  one row.

Measured by benchmarks/paraphrase.py on ../shared/bench/paraphrase (STS-B news, MRPC), against
rapidfuzz `token_set_ratio` in the same run; see benchmarks/README.md. No model, no word list:
the weights come from the sentences themselves.

It lives among the benchmarks, not in the package, because the aligner does not use it: the
gold pairs the aligner misses score no higher here than the top tenth of pairs that are not
gold, and every way of adding it to the claim links tried lowered pair precision on the real
corpus for at most +0.05 pair recall (benchmarks/README.md). It is kept as the measured
baseline the next scorer has to beat.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from tui.analysis.claims import word_key
from tui.analysis.normalise import term_fields
from tui.model import Lexicon

# Least rapidfuzz `ratio` (0..1) at which a word counts for another of a different spelling; it
# counts that much. From 0.80 to 0.90 the benchmark's figures move by less than 0.01 (0.80 is
# the best of the three on STS-B train); at 1.0 (exact words only) STS-B news falls by 0.02.
FUZZY = 0.80
# Shortest word that may count for another by spelling: short words differ by one letter from
# too many others ("war" / "car").
FUZZY_LENGTH = 4
# What the similarity of two sentences that both give numbers and share none is multiplied by,
# for paraphrase (`fit(numbers=NUMBERS_DIFFER)`): STS-B news r 0.78 -> 0.79 on dev, 0.75 ->
# 0.75 on train; MRPC accuracy falls by 0.005, its pairs differ in figures more subtly. The
# default is 1.0 (figures ignored), what the aligner needs.
NUMBERS_DIFFER = 0.6


@dataclass(frozen=True)
class Scorer:
    """Word weights over a set of sentences, and the similarity of two of them."""

    weights: Mapping[str, float] = field(default_factory=dict)
    unseen: float = 1.0  # the weight of a word none of the fitted sentences has
    numbers: float = 1.0  # the factor for two sentences with different numbers only

    def weight(self, word: str) -> float:
        return self.weights.get(word, self.unseen)

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """0..1: how much of each sentence's weight the other covers, harmonised."""
        if not a or not b:
            return 0.0
        forward = self._coverage(a, b)
        backward = self._coverage(b, a)
        if not forward + backward:
            return 0.0
        score = 2 * forward * backward / (forward + backward)
        if self.numbers < 1.0:
            mine = {w for w in a if w[0].isdigit()}
            theirs = {w for w in b if w[0].isdigit()}
            if mine and theirs and mine.isdisjoint(theirs):
                score *= self.numbers
        return score

    def _coverage(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The share of `a`'s weight that `b` has, exactly or by spelling."""
        total = covered = 0.0
        spelled = None
        for word in a:
            weight = self.weight(word)
            total += weight
            if word in b:
                covered += weight
                continue
            if len(word) < FUZZY_LENGTH or not word[0].isalpha():
                continue
            if spelled is None:
                spelled = [w for w in b if len(w) >= FUZZY_LENGTH and w[0].isalpha()]
            if spelled:
                found = process.extractOne(
                    word, spelled, scorer=fuzz.ratio, score_cutoff=FUZZY * 100
                )
                if found is not None:
                    covered += weight * found[1] / 100
        return covered / total if total else 0.0


def fit(sentences: Iterable[frozenset[str]], numbers: float = 1.0) -> Scorer:
    """A scorer weighting each word by ln(1 + N / df) over `sentences`: what they have in
    common weighs little, what few of them have a lot."""
    bags = list(sentences)
    df = Counter(word for bag in bags for word in bag)
    n = len(bags)
    weights = {word: math.log(1 + n / count) for word, count in df.items()}
    return Scorer(weights, math.log(1 + n) if n else 1.0, numbers)


def sentence_words(text: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """Every word of `text` as a claim reads it (module docstring)."""
    fields = term_fields(text, lexicon or Lexicon())
    return frozenset(word_key(key, kind) for key, _, _, kind in fields)
