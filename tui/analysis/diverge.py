"""Where the outlets' accounts of one event diverge, with the exact characters that show it.

Each kind has its own detector module (figures, blame, denial, naming, framing, omission,
wording); this module builds the shared `Corpus` (every paragraph read once, for all of them),
runs them and numbers what they find in a stable order: by cluster (in the order given), then
by kind (model.DIVERGENCE_KINDS), then by where the first span is. The same input always
yields the same ids. Naming runs before framing, which skips the spans naming reports: a
name that is also a loaded term ("Artsakh") is one concept, reported once.

Sides: a side in `neutral_sides` reports on the conflict without being a party to it; every
other side of an ok source is a party. Omissions are judged between parties only, and neutral
outlets never make a cluster "one-sided".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.analysis.corpus import DEFAULT_NEUTRAL_SIDES, Corpus, Finding, build_corpus
from tui.analysis.detectors.blame import blame_findings
from tui.analysis.detectors.denial import denial_findings
from tui.analysis.detectors.figure import all_figures, figure_findings
from tui.analysis.detectors.framing import framing_findings
from tui.analysis.detectors.naming import named_spans, naming_findings
from tui.analysis.detectors.omission import omission_findings
from tui.analysis.detectors.wording import wording_findings
from tui.model import DIVERGENCE_KINDS, Cluster, Divergence, Figure, Lexicon, Source


def diverge(
    sources: Sequence[Source],
    clusters: Sequence[Cluster],
    lexicon: Lexicon,
    neutral_sides: frozenset[str] = DEFAULT_NEUTRAL_SIDES,
    side_labels: Mapping[str, str] | None = None,
) -> tuple[tuple[Divergence, ...], tuple[Figure, ...]]:
    """Every divergence, numbered d1, d2, …, and every figure stated by any source.

    `side_labels` (side id → Side.label) names sides in summaries; without it a side is named
    by its id ("azerbaijani" → "Azerbaijani").
    """
    corpus = build_corpus(sources, clusters, lexicon, neutral_sides, side_labels)
    figures = all_figures(corpus)
    naming = naming_findings(corpus)
    findings = [
        *figure_findings(corpus, figures),
        *blame_findings(corpus),
        *denial_findings(corpus),
        *naming,
        *framing_findings(corpus, named_spans(naming)),
        *omission_findings(corpus),
        *wording_findings(corpus),
    ]
    ordered = sorted(findings, key=_order_key(corpus))
    divergences = tuple(
        Divergence(f"d{i}", f.kind, f.cluster, f.summary, f.spans)
        for i, f in enumerate(ordered, start=1)
    )
    return divergences, tuple(figures)


def _order_key(corpus: Corpus):
    cluster_rank = {c.id: i for i, c in enumerate(corpus.clusters)}
    source_rank = {sid: i for i, sid in enumerate(corpus.sources)}

    def key(finding: Finding) -> tuple:
        first = finding.spans[0] if finding.spans else None
        where = (
            (source_rank[first.source], first.paragraph, first.start, first.end) if first else ()
        )
        return (
            cluster_rank.get(finding.cluster, len(cluster_rank)),
            DIVERGENCE_KINDS.index(finding.kind),
            where,
            finding.summary,
        )

    return key
