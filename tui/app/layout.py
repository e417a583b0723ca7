"""What the grid shows, worked out once per Comparison: columns, rows and where spans fall.

This is indexing, not analysis: every fact here is read off the `Comparison` the core built.
Keeping it apart from the widget lets tests check the layout without a terminal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui.app.highlight import HighlightSpan, clean
from tui.app.loader import PlannedSource
from tui.app.summaries import brief, detail
from tui.model import DIVERGENCE_KINDS, HEADLINE, Comparison, Divergence, DivergenceKind, Side

FALLBACK_COLOUR = "grey50"


@dataclass(frozen=True)
class Column:
    """One source's column, whether or not its article has arrived yet."""

    source_id: str
    outlet: str
    side: Side
    location: str
    choice: str = ""  # "2/3" when the column stands for one of its side's sources


@dataclass(frozen=True)
class Row:
    """One alignment cluster: per column, the paragraph indexes that column shows in it, and
    the columns whose headline reports what the row reports (shown above their paragraphs)."""

    cluster_id: str
    cells: tuple[tuple[int, ...], ...]
    kinds: tuple[DivergenceKind, ...]
    headlines: frozenset[int] = frozenset()
    # With one column per side: per column, the side's other outlets that report the row (an
    # empty cell must not read as the whole side's silence).
    elsewhere: tuple[tuple[str, ...], ...] = ()


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
    titles: dict[str, str] = field(default_factory=dict)  # source id -> headline, as shown

    def column_index(self, source_id: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.source_id == source_id), None)


def _side_lookup(sides: Sequence[Side]) -> Callable[[str], Side]:
    """The side of an id (the first listed, if two share it), or a grey one named by the id:
    a dict made once per call, where a scan per source ran for every progress report."""
    by_id: dict[str, Side] = {}
    for side in sides:
        by_id.setdefault(side.id, side)
    return lambda side_id: by_id.get(side_id) or Side(side_id, side_id, FALLBACK_COLOUR)


def build_columns(
    planned: Sequence[PlannedSource], sides: Sequence[Side], comparison: Comparison | None
) -> tuple[Column, ...]:
    """Planned sources grouped by side, in the configuration's side order.

    A source the comparison has but the plan lacks still gets a column, so nothing the core
    reports can go missing from the screen.
    """
    side_of = _side_lookup(sides)
    columns = [Column(p.id, p.outlet.name, side_of(p.outlet.side), p.location) for p in planned]
    known = {c.source_id for c in columns}
    if comparison is not None:
        side_of = _side_lookup((*sides, *(s for s in comparison.sides if s not in sides)))
        columns += [
            Column(s.id, s.outlet.name, side_of(s.side), s.location)
            for s in comparison.sources
            if s.id not in known
        ]
    side_order = {side.id: i for i, side in enumerate(sides)}
    return tuple(sorted(columns, key=lambda c: side_order.get(c.side.id, len(side_order))))


def one_per_side(columns: Sequence[Column], chosen: Mapping[str, str]) -> tuple[Column, ...]:
    """One column per side: the source `chosen` for it, else its first; each says which of
    its side's sources it is, so the switcher's place is visible."""
    by_side: dict[str, list[Column]] = defaultdict(list)
    for column in columns:
        by_side[column.side.id].append(column)
    picked = []
    for side_columns in by_side.values():
        ids = [c.source_id for c in side_columns]
        wanted = chosen.get(side_columns[0].side.id)
        index = ids.index(wanted) if wanted in ids else 0
        choice = f"{index + 1}/{len(ids)}" if len(ids) > 1 else ""
        picked.append(replace(side_columns[index], choice=choice))
    return tuple(picked)


def build_model(
    planned: Sequence[PlannedSource],
    sides: Sequence[Side],
    comparison: Comparison | None,
    chosen: Mapping[str, str] | None = None,
) -> GridModel:
    """The grid's model; with `chosen` (side id -> source id), one column per side, every row
    kept (the panel lists what the header counts) and each row saying which outlets the side's
    column leaves out report it."""
    columns = every = build_columns(planned, sides, comparison)
    if chosen is not None:
        columns = one_per_side(columns, chosen)
    if comparison is None:
        return GridModel(columns, (), {}, frozenset(), {}, ())
    index = {c.source_id: i for i, c in enumerate(columns)}
    kinds_by_cluster: dict[str, set[DivergenceKind]] = defaultdict(set)
    for divergence in comparison.divergences:
        kinds_by_cluster[divergence.cluster].add(divergence.kind)
    kinds_of = {
        cluster: tuple(k for k in DIVERGENCE_KINDS if k in found)
        for cluster, found in kinds_by_cluster.items()
    }
    # Most cells of a wide event are empty (a cluster is a few sources' paragraphs): they share
    # one empty tuple, and only the columns a cluster's members fall in are touched.
    empty_row = ((),) * len(columns)
    # One line of the page title, control characters made visible: it is drawn as it is.
    titles = {s.id: " ".join(clean(s.title).split()) for s in comparison.sources if s.ok}
    titles = {source: title for source, title in titles.items() if title}
    # Each hidden source's side's column, and its name: what an empty cell says is elsewhere.
    side_column = {c.side.id: i for i, c in enumerate(columns)}
    hidden_in = {c.source_id: side_column[c.side.id] for c in every if c.source_id not in index}
    outlet_of = {c.source_id: c.outlet for c in every}
    rows: list[Row] = []
    for cluster in comparison.clusters:
        found: dict[int, list[int]] = {}
        others: dict[int, list[str]] = {}
        for member in cluster.members:
            column = index.get(member.source)
            if column is not None:
                found.setdefault(column, []).append(member.paragraph)
            elif member.source in hidden_in:
                names = others.setdefault(hidden_in[member.source], [])
                if outlet_of[member.source] not in names:
                    names.append(outlet_of[member.source])
        heads = frozenset(index[s] for s in cluster.headlines if s in index and s in titles)
        cells = list(empty_row)
        for column, paragraphs in found.items():
            cells[column] = tuple(sorted(paragraphs))
        elsewhere = tuple(tuple(others.get(i, ())) for i in range(len(columns))) if others else ()
        rows.append(Row(cluster.id, tuple(cells), kinds_of.get(cluster.id, ()), heads, elsewhere))
    row_of_cluster = {row.cluster_id: i for i, row in enumerate(rows)}

    # Marks only where a column can show them: with one column per side, most sources are
    # off screen, and making their marks was half of the model's cost.
    spans: dict[tuple[str, int], list[HighlightSpan]] = defaultdict(list)
    # A headline's marks, under (source, HEADLINE), where its line is drawn as published.
    exact = {s.id for s in comparison.sources if titles.get(s.id) == s.title}
    for divergence in comparison.divergences:
        for span in divergence.spans:
            if span.source not in index:  # most spans, with one column per side
                continue
            if span.paragraph == HEADLINE and span.source not in exact:
                continue  # its one-line form moved the characters: the mark would miss
            spans[span.source, span.paragraph].append(
                HighlightSpan(span.start, span.end, divergence.kind, divergence.id)
            )
    # The figures the core sets against each other, wherever they are stated: the report marks
    # exactly these too. They belong to no one divergence.
    for figure in comparison.contested:
        if figure.source not in index:
            continue
        marks = spans[figure.source, figure.paragraph]
        if not any((m.start, m.end, m.kind) == (figure.start, figure.end, "figure") for m in marks):
            marks.append(HighlightSpan(figure.start, figure.end, "figure", ""))

    ordered = tuple(
        sorted(
            (d for d in comparison.divergences if d.cluster in row_of_cluster),
            key=lambda d: row_of_cluster[d.cluster],
        )
    )
    on_cluster: dict[str, list[Divergence]] = defaultdict(list)
    for divergence in ordered:
        on_cluster[divergence.cluster].append(divergence)
    names = {s.id: s.outlet.name for s in comparison.sources}  # every source, shown or not
    return GridModel(
        columns=columns,
        rows=tuple(rows),
        paragraphs={s.id: s.paragraphs for s in comparison.sources},
        loaded=frozenset(s.id for s in comparison.sources),
        spans={key: tuple(value) for key, value in spans.items()},
        divergences=ordered,
        row_of_cluster=row_of_cluster,
        on_cluster={cluster: tuple(found) for cluster, found in on_cluster.items()},
        briefs={d.id: brief(d) for d in ordered},
        details={d.id: detail(d, names) for d in ordered},
        titles=titles,
    )
