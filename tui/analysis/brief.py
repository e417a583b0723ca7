"""The brief: what an editor on deadline reads first, built from a Comparison's structured fields.

Three things, each pointing back at the rows that carry them: the top contradictions (figures,
blame, denials, names, framing; by importance), the figures each side states per quantity in the
order they were fetched (a timeline: 7 → 9 when a later article revised a toll) for the
quantities the core contests, and what each side alone reports (the omission findings, as
claims). Omission and wording are left to
the full list: they are many and rarely the story.

Pure data, no presentation: the viewer draws it as a screen, and the Markdown report can
start with the same `Brief`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.analysis.figures import NO_FIGURE, format_figure, revises
from tui.model import Comparison, Divergence, DivergenceKind, Figure, Position

CONTRADICTION_KINDS: frozenset[DivergenceKind] = frozenset(
    {"figure", "blame", "denial", "naming", "framing"}
)
TOP_CONTRADICTIONS = 10
TOP_QUANTITIES = 8
ALONE_PER_SIDE = 5
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)  # sorts sources without a fetch time together


@dataclass(frozen=True)
class Contradiction:
    divergence: str  # Divergence.id
    kind: DivergenceKind
    cluster: str
    topic: str
    summary: str
    importance: float
    positions: tuple[Position, ...]


@dataclass(frozen=True)
class Statement:
    """One source stating one figure: where, and when the source was fetched."""

    source: str
    paragraph: int
    value: float
    shown: str  # the value as the report writes it (02:00 for a time, 1,200 for a count)
    text: str
    fetched_at: dt.datetime | None
    revises: bool = False  # its sentence says it updates an earlier figure ("raising … to")


@dataclass(frozen=True)
class FigureRow:
    """A quantity ("killed") and, per side in config order, its statements in time order."""

    quantity: str
    contested: bool
    by_side: tuple[tuple[str, tuple[Statement, ...]], ...]


@dataclass(frozen=True)
class Alone:
    """A cluster only one side's sources report, with its first paragraph to quote."""

    cluster: str
    source: str
    paragraph: int
    text: str


@dataclass(frozen=True)
class SideAlone:
    side: str
    items: tuple[Alone, ...]  # the first ALONE_PER_SIDE in reading order
    total: int


@dataclass(frozen=True)
class Brief:
    contradictions: tuple[Contradiction, ...]
    figures: tuple[FigureRow, ...]
    alone: tuple[SideAlone, ...]
    hidden: int  # contradictions beyond the top ones


def _contradictions(comparison: Comparison) -> tuple[list[Divergence], int]:
    order = {c.id: i for i, c in enumerate(comparison.clusters)}
    # A camp that gives no figure contradicts no one: "only X gives a toll" is left to the
    # full list, as omissions are.
    found = [
        d
        for d in comparison.divergences
        if d.kind in CONTRADICTION_KINDS and not any(p.value == NO_FIGURE for p in d.positions)
    ]
    found.sort(key=lambda d: (-d.importance, order.get(d.cluster, len(order))))
    return found[:TOP_CONTRADICTIONS], max(0, len(found) - TOP_CONTRADICTIONS)


def _figures(comparison: Comparison) -> tuple[FigureRow, ...]:
    """The quantities the core sets against each other, each side's values as a timeline.

    Only contested figures: the core has already judged which numbers count the same thing at
    the same time (a toll from the 1990s war, a month's total or a hospital's intake is not
    today's toll), and a brief that listed every number would put those back side by side.
    The full matrix is the report's figures table.
    """
    side_of = {s.id: s.side for s in comparison.sources}
    texts = {s.id: s for s in comparison.sources if s.ok}
    fetched = {s.id: s.fetched_at for s in comparison.sources}
    plan = {s.id: i for i, s in enumerate(comparison.sources)}
    stated: dict[str, list[Figure]] = defaultdict(list)
    for figure in comparison.contested:
        stated[figure.quantity].append(figure)
    quantities = sorted(stated, key=lambda q: (-len(stated[q]), q))
    rows = []
    for quantity in quantities[:TOP_QUANTITIES]:
        by_side: dict[str, list[Figure]] = defaultdict(list)
        for figure in stated[quantity]:
            by_side[side_of.get(figure.source, "")].append(figure)
        cells = []
        for side in comparison.sides:
            figures = sorted(
                by_side.get(side.id, ()),
                key=lambda f: (
                    fetched.get(f.source) is None,
                    fetched.get(f.source) or _NEVER,
                    plan.get(f.source, len(plan)),
                    f.paragraph,
                    f.start,
                ),
            )
            statements = tuple(
                Statement(
                    f.source,
                    f.paragraph,
                    f.value,
                    format_figure(f.quantity, f.value),
                    f.text,
                    fetched.get(f.source),
                    f.source in texts and revises(texts[f.source].text(f.paragraph), f.start),
                )
                for f in figures
            )
            cells.append((side.id, statements))
        rows.append(FigureRow(quantity, True, tuple(cells)))
    return tuple(rows)


def _alone(comparison: Comparison) -> tuple[SideAlone, ...]:
    """The claims one party alone reports: the omission findings, most important first.

    The omission detector has already read each claim against the other party's whole text
    and left out background, rhetoric and page furniture, so the brief lists its findings
    rather than every paragraph that happens to sit in a one-side row.
    """
    sources = {s.id: s for s in comparison.sources if s.ok}
    reporting = {s.side for s in sources.values()}
    if len(reporting) < 2:  # with one side in, everything is "only that side"
        return ()
    items: dict[str, list[Alone]] = defaultdict(list)
    omissions = [d for d in comparison.divergences if d.kind == "omission" and d.positions]
    for divergence in sorted(omissions, key=lambda d: -d.importance):
        told = divergence.positions[0]
        span = next((s for s in divergence.spans if s.source in sources), None)
        if len(set(told.sides)) != 1 or span is None:
            continue
        text = told.value or sources[span.source].text(span.paragraph)
        items[told.sides[0]].append(Alone(divergence.cluster, span.source, span.paragraph, text))
    return tuple(
        SideAlone(side.id, tuple(items[side.id][:ALONE_PER_SIDE]), len(items[side.id]))
        for side in comparison.sides
        if side.id in reporting
    )


def timeline(statements: Sequence[Statement]) -> str:
    """One side's statements of a quantity as each outlet's own timeline ("9 → 10"), outlets
    apart ("9 → 10 · 7"): one arrow across outlets would read as a toll no one reported. An
    arrow only into a value its sentence calls an update: a second value an article gives
    without one may be an earlier statement it quotes ("20, 19"), no revision."""
    timelines: dict[str, str] = {}
    for statement in statements:
        shown = timelines.get(statement.source)
        if shown is None:
            timelines[statement.source] = statement.shown
        elif statement.shown not in shown.replace(" → ", ", ").split(", "):
            joiner = " → " if statement.revises else ", "
            timelines[statement.source] = shown + joiner + statement.shown
    return " · ".join(timelines.values())


def build_brief(comparison: Comparison) -> Brief:
    top, hidden = _contradictions(comparison)
    contradictions = tuple(
        Contradiction(d.id, d.kind, d.cluster, d.topic, d.summary, d.importance, d.positions)
        for d in top
    )
    return Brief(contradictions, _figures(comparison), _alone(comparison), hidden)
