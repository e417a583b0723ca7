"""Where the outlets' accounts of one event diverge, with the exact characters that show it.

Each kind has its own detector module, listed once in `tui.analysis.detectors.DETECTORS`; this
module builds the shared `Corpus` (every paragraph read once, for all of them), runs them and
numbers what they find in a stable order: most important first (`tui.analysis.importance`),
then by cluster (in the order given), by kind (model.DIVERGENCE_KINDS), and by where the first
span is. The same input always yields the
same ids.

Sides: a side in `neutral_sides` (`sides.*.neutral` in sources.yaml) reports on the conflict
without being a party to it; every other side of an ok source is a party. Omissions are
judged between parties only, and neutral outlets never make a cluster "one-sided".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from tui.analysis.corpus import Corpus, Finding, build_corpus
from tui.analysis.detectors import run_detectors
from tui.model import DIVERGENCE_KINDS, HEADLINE, Cluster, Divergence, Figure, Lexicon, Source


def diverge(
    sources: Sequence[Source],
    clusters: Sequence[Cluster],
    lexicon: Lexicon,
    neutral_sides: frozenset[str] = frozenset(),
    side_labels: Mapping[str, str] | None = None,
    event_date: dt.date | None = None,
) -> tuple[tuple[Divergence, ...], tuple[Figure, ...]]:
    """Every divergence, numbered d1, d2, …, and every figure stated by any source.

    `side_labels` (side id → Side.label) names sides in summaries; without it a side is named
    by its id ("azerbaijani" → "Azerbaijani"). `event_date` tells background (a year before
    the event's, a date more than a week before it) from the event.
    """
    corpus = build_corpus(sources, clusters, lexicon, neutral_sides, side_labels, event_date)
    ordered = sorted(run_detectors(corpus), key=_order_key(corpus))
    divergences = tuple(
        Divergence(
            f"d{i}", f.kind, f.cluster, f.summary, f.spans, f.topic, f.positions, f.importance
        )
        for i, f in enumerate(ordered, start=1)
    )
    # Figures of paragraphs: a headline's figure shows in the findings that set it against
    # another, while the figures table and timelines count what the articles' texts state.
    return divergences, tuple(f for f in corpus.figures if f.paragraph != HEADLINE)


def contested_figures(
    divergences: Sequence[Divergence], figures: Sequence[Figure]
) -> tuple[Figure, ...]:
    """The figures a figure divergence sets against each other: those its spans cover.

    The report's figures table and the app's grid mark exactly these, so that what one shows
    as contested the other does too. Figures are indexed by paragraph, so this is linear.
    """
    by_paragraph: dict[tuple[str, int], list[Figure]] = {}
    for figure in figures:
        by_paragraph.setdefault((figure.source, figure.paragraph), []).append(figure)
    contested: dict[Figure, None] = {}
    for divergence in divergences:
        if divergence.kind != "figure":
            continue
        for span in divergence.spans:
            for figure in by_paragraph.get((span.source, span.paragraph), ()):
                if span.start < figure.end and figure.start < span.end:
                    contested[figure] = None
    order = {figure: i for i, figure in enumerate(figures)}
    return tuple(sorted(contested, key=order.__getitem__))


def _order_key(corpus: Corpus):
    cluster_rank = {c.id: i for i, c in enumerate(corpus.clusters)}
    source_rank = {sid: i for i, sid in enumerate(corpus.sources)}

    def key(finding: Finding) -> tuple:
        first = finding.spans[0] if finding.spans else None
        where = (
            (source_rank[first.source], first.paragraph, first.start, first.end) if first else ()
        )
        return (
            -finding.importance,
            cluster_rank.get(finding.cluster, len(cluster_rank)),
            DIVERGENCE_KINDS.index(finding.kind),
            where,
            finding.summary,
        )

    return key
