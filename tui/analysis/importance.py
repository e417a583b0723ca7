"""How much a divergence matters to an editor, and the camps it sets against each other.

Every detector describes its finding the same way: `positions` (who says what: sources, their
sides, the value or term, and the person quoted when it is not the outlet's own voice) and an
`importance` in (0, 1] that reports and the app sort by. The score is built from what an editor
weighs, in this order: the kind (a denial or a conflicting toll forces a correction, a synonym
does not), whom it sets against whom (the two parties against each other weigh most, a party
against a neutral outlet next, outlets of one side least), where it sits (a headline or lede is
what readers take away), and for figures how far apart the values are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tui.analysis.corpus import Corpus
from tui.model import DivergenceKind, Position, Span

KIND_WEIGHT: dict[str, float] = {
    "denial": 0.70,
    "figure": 0.65,
    "blame": 0.65,
    "naming": 0.45,
    "framing": 0.40,
    "omission": 0.30,
    "wording": 0.20,
}
OPPOSED = 0.15  # two parties set against each other
AGAINST_NEUTRAL = 0.08  # a party against a neutral outlet
SAME_SIDE = -0.10  # only one side's outlets differ
LEDE = 0.08  # a span in the first two paragraphs (the headline is the first)
GAP = 0.12  # times the relative gap between the extreme figures
LEDE_PARAGRAPHS = 2


def position(
    corpus: Corpus, sources: Iterable[str], value: str = "", speaker: str = ""
) -> Position:
    """One camp: its sources in corpus order, their sides in order of first use."""
    ranks = {sid: i for i, sid in enumerate(corpus.sources)}
    ordered = sorted(dict.fromkeys(sources), key=lambda s: ranks.get(s, len(ranks)))
    sides = tuple(dict.fromkeys(corpus.side(s) for s in ordered if s in corpus.sources))
    return Position(tuple(ordered), sides, value, speaker)


def importance(
    corpus: Corpus,
    kind: DivergenceKind,
    positions: Sequence[Position],
    spans: Sequence[Span],
    gap: float = 0.0,
    weight: float = 0.0,
) -> float:
    """The score in (0, 1]; `gap` is a relative gap in [0, 1], `weight` a detector's own
    adjustment (a quoted term weighs less than one in the outlet's own voice)."""
    score = KIND_WEIGHT[kind] + weight
    sides = [set(p.sides) for p in positions if p.sources]
    parties = {s for group in sides for s in group if s not in corpus.neutral_sides}
    neutral = any(s in corpus.neutral_sides for group in sides for s in group)
    if len(parties) >= 2:
        score += OPPOSED
    elif parties and neutral:
        score += AGAINST_NEUTRAL
    elif len(positions) > 1 and len({s for group in sides for s in group}) <= 1:
        score += SAME_SIDE
    if any(span.paragraph < LEDE_PARAGRAPHS for span in spans):
        score += LEDE
    score += GAP * max(0.0, min(1.0, gap))
    return round(max(0.01, min(1.0, score)), 3)
