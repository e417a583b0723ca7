"""What the grid shows, worked out once per Comparison: columns, rows and where spans fall.

This is indexing, not analysis: every fact here is read off the `Comparison` the core built.
Keeping it apart from the widget lets tests check the layout without a terminal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.app.highlight import HighlightSpan
from tui.app.loader import PlannedSource
from tui.app.summaries import Summaries
from tui.model import DIVERGENCE_KINDS, Comparison, Divergence, DivergenceKind, Figure, Side

FALLBACK_COLOUR = "grey50"


@dataclass(frozen=True)
class Column:
    """One source's column, whether or not its article has arrived yet."""

    source_id: str
    outlet: str
    side: Side
    location: str


@dataclass(frozen=True)
class Row:
    """One alignment cluster: per column, the paragraph indexes that column shows in it."""

    cluster_id: str
    cells: tuple[tuple[int, ...], ...]
    kinds: tuple[DivergenceKind, ...]


@dataclass(frozen=True)
class GridModel:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    paragraphs: dict[str, tuple[str, ...]]
    loaded: frozenset[str]
    spans: dict[tuple[str, int], tuple[HighlightSpan, ...]]
    divergences: tuple[Divergence, ...]  # in row order, for next/previous
    row_of_cluster: dict[str, int] = field(default_factory=dict)
    on_cluster: dict[str, tuple[Divergence, ...]] = field(default_factory=dict)
    briefs: dict[str, str] = field(default_factory=dict)  # divergence id -> one panel line
    details: dict[str, str] = field(default_factory=dict)  # divergence id -> status line text

    def column_index(self, source_id: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.source_id == source_id), None)

    def divergence_number(self, divergence: Divergence) -> int:
        """1-based position in row order, for "3/41" in the status line and panel title."""
        return self.divergences.index(divergence) + 1


def _side_lookup(sides: Sequence[Side], side_id: str) -> Side:
    return next((s for s in sides if s.id == side_id), Side(side_id, side_id, FALLBACK_COLOUR))


def build_columns(
    planned: Sequence[PlannedSource], sides: Sequence[Side], comparison: Comparison | None
) -> tuple[Column, ...]:
    """Planned sources grouped by side, in the configuration's side order.

    A source the comparison has but the plan lacks still gets a column, so nothing the core
    reports can go missing from the screen.
    """
    columns = [
        Column(p.id, p.outlet.name, _side_lookup(sides, p.outlet.side), p.location) for p in planned
    ]
    known = {c.source_id for c in columns}
    if comparison is not None:
        all_sides = (*sides, *(s for s in comparison.sides if s not in sides))
        columns += [
            Column(s.id, s.outlet.name, _side_lookup(all_sides, s.side), s.location)
            for s in comparison.sources
            if s.id not in known
        ]
    side_order = {side.id: i for i, side in enumerate(sides)}
    return tuple(sorted(columns, key=lambda c: side_order.get(c.side.id, len(side_order))))


def _conflicting_figures(comparison: Comparison) -> list[tuple[str, int, int, int]]:
    """Every stated figure of a quantity that a figure divergence says is in conflict.

    The core may point a figure divergence at a subset of the sources; an editor needs to see
    the number wherever it is stated in that cluster, so figures of the same quantity in the
    cluster's paragraphs are marked too. Figures are indexed by paragraph first: a 30-source
    event has thousands of figures, and matching each divergence against all of them cost a
    second before the first paint.
    """
    in_paragraph: dict[tuple[str, int], list[Figure]] = defaultdict(list)
    for f in comparison.figures:
        in_paragraph[f.source, f.paragraph].append(f)
    clusters = {c.id: c for c in comparison.clusters}
    marked: list[tuple[str, int, int, int]] = []
    for divergence in comparison.divergences:
        if divergence.kind != "figure" or divergence.cluster not in clusters:
            continue
        quantities = {
            f.quantity
            for s in divergence.spans
            for f in in_paragraph.get((s.source, s.paragraph), ())
            if f.start < s.end and s.start < f.end
        }
        marked += [
            (f.source, f.paragraph, f.start, f.end)
            for m in clusters[divergence.cluster].members
            for f in in_paragraph.get((m.source, m.paragraph), ())
            if f.quantity in quantities
        ]
    return marked


def build_model(
    planned: Sequence[PlannedSource], sides: Sequence[Side], comparison: Comparison | None
) -> GridModel:
    columns = build_columns(planned, sides, comparison)
    if comparison is None:
        return GridModel(columns, (), {}, frozenset(), {}, ())
    index = {c.source_id: i for i, c in enumerate(columns)}
    kinds_by_cluster: dict[str, set[DivergenceKind]] = defaultdict(set)
    for divergence in comparison.divergences:
        kinds_by_cluster[divergence.cluster].add(divergence.kind)
    rows: list[Row] = []
    for cluster in comparison.clusters:
        cells: list[list[int]] = [[] for _ in columns]
        for member in cluster.members:
            if member.source in index:
                cells[index[member.source]].append(member.paragraph)
        kinds = tuple(k for k in DIVERGENCE_KINDS if k in kinds_by_cluster[cluster.id])
        rows.append(Row(cluster.id, tuple(tuple(sorted(c)) for c in cells), kinds))
    row_of_cluster = {row.cluster_id: i for i, row in enumerate(rows)}

    spans: dict[tuple[str, int], list[HighlightSpan]] = defaultdict(list)
    for divergence in comparison.divergences:
        for span in divergence.spans:
            spans[span.source, span.paragraph].append((span.start, span.end, divergence.kind))
    for source, paragraph, start, end in _conflicting_figures(comparison):
        if (start, end, "figure") not in spans[source, paragraph]:
            spans[source, paragraph].append((start, end, "figure"))

    ordered = tuple(
        sorted(
            (d for d in comparison.divergences if d.cluster in row_of_cluster),
            key=lambda d: row_of_cluster[d.cluster],
        )
    )
    on_cluster: dict[str, list[Divergence]] = defaultdict(list)
    for divergence in ordered:
        on_cluster[divergence.cluster].append(divergence)
    summaries = Summaries.for_outlets(c.outlet for c in columns)
    return GridModel(
        columns=columns,
        rows=tuple(rows),
        paragraphs={s.id: s.paragraphs for s in comparison.sources},
        loaded=frozenset(s.id for s in comparison.sources),
        spans={key: tuple(value) for key, value in spans.items()},
        divergences=ordered,
        row_of_cluster=row_of_cluster,
        on_cluster={cluster: tuple(found) for cluster, found in on_cluster.items()},
        briefs={d.id: summaries.brief(d.summary or d.id) for d in ordered},
        details={d.id: summaries.detail(d.summary or d.id) for d in ordered},
    )
