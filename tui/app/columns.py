"""How many columns the terminal has room for: every source, or one per side (with `s`
switching which of the side's sources its column shows)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from tui.app.grid import GUTTER
from tui.app.layout import GridModel, build_model
from tui.app.loader import PlannedSource, Progress
from tui.model import Divergence

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp

# Below this many characters per source, one column per side with a source switcher.
READABLE_WIDTH = 28
# Below this terminal width the panel starts hidden, leaving the columns the room (p shows it).
PANEL_MIN_TERMINAL = 100


def wants_per_side(
    plan: Sequence[PlannedSource], states: Mapping[str, Progress], width: int
) -> bool:
    """One column per side when the sources would get less than READABLE_WIDTH each (failed
    sources are narrow strips and do not count)."""
    readable = [p for p in plan if p.id not in states or states[p.id].state != "error"]
    sides = {p.outlet.side for p in plan}
    room = max(0, width - GUTTER)
    return len(sides) < len(readable) and room < len(readable) * READABLE_WIDTH


def side_sources(plan: Sequence[PlannedSource], side_id: str) -> list[str]:
    """The ids of one side's sources, in plan order: what `s` cycles through."""
    return [p.id for p in plan if p.outlet.side == side_id]


def next_source(plan: Sequence[PlannedSource], side_id: str, current: str) -> str | None:
    """The side's source after `current`, wrapping; None when the side has only one."""
    ids = side_sources(plan, side_id)
    if len(ids) < 2:
        return None
    return ids[(ids.index(current) + 1) % len(ids)]


def grid_model(app: ParallaxApp) -> GridModel:
    """The grid's model, one column per source or per side as the grid's width allows."""
    session = app.session
    assert session.loader is not None
    if app.grid.size.width:  # decided before laying out, not after a first wasted layout
        app.per_side = wants_per_side(session.plan, session.states, app.grid.size.width)
    elif wants_per_side(session.plan, session.states, app.size.width):
        # Not laid out yet (the first frame): the grid will be narrower than the terminal, so
        # a terminal too narrow for every source is too narrow for the grid. The first frame
        # drew all 30 columns of a big event, and the grid's first resize drew it again.
        app.per_side = True
    comparison = session.comparison
    sides = comparison.sides if comparison else session.loader.sides
    chosen = app.chosen if app.per_side else None
    return build_model(session.plan, sides, comparison, chosen)


def regrid(app: ParallaxApp, width: int) -> None:
    """The grid is `width` wide now: show it again if that changes per source or per side."""
    session = app.session
    wanted = wants_per_side(session.plan, session.states, width)
    if session.loader is not None and wanted != app.per_side:
        app.show()


def switch_source(app: ParallaxApp) -> None:
    """In one-column-per-side mode (s): show the focused side's next source."""
    column = app.grid.current_column
    if column is None:
        return
    if not app.per_side:
        app.notify(
            "Every source has its own column; s switches sources when the terminal is "
            "too narrow for them all.",
            timeout=4,
        )
        return
    chosen = next_source(app.session.plan, column.side.id, column.source_id)
    if chosen is None:
        app.notify(f"{column.side.label} has one source here.", timeout=3)
        return
    app.chosen[column.side.id] = chosen
    app.show()
    app.grid.move_cursor(column=app.grid.model.column_index(chosen))
    shown = app.grid.current_column
    if shown is not None:
        app.notify(f"{shown.side.label}: {shown.outlet} ({shown.choice})", timeout=3)


def sources_about(
    plan: Sequence[PlannedSource], chosen: Mapping[str, str], *tiers: Collection[str]
) -> dict[str, str]:
    """Side id -> the source its column should show for a divergence: one of the first of
    `tiers` (source ids, best first) that has one of the side's sources, the source shown
    now where it qualifies; a side with none keeps the one it shows."""
    picked = {}
    for side_id in dict.fromkeys(p.outlet.side for p in plan):
        ids = side_sources(plan, side_id)
        shown = chosen.get(side_id, ids[0])
        picked[side_id] = shown
        for wanted in tiers:
            here = [i for i in ids if i in wanted]
            if here:
                picked[side_id] = shown if shown in here else here[0]
                break
    return picked


def show_sources_of(app: ParallaxApp, divergence: Divergence) -> None:
    """Before a jump, with one column per side: show in each side's column the source the
    divergence is about, so its evidence is on screen (a column showed "∅ not reported"
    while the side's switched-out source held the claim). Best a source the divergence
    marks on its row, then one reporting the row, then one it marks elsewhere (whose cell
    then says where: `navigation.said_elsewhere`)."""
    comparison = app.session.comparison
    if not app.per_side or comparison is None:
        return
    plan = app.session.plan
    cluster = next((c for c in comparison.clusters if c.id == divergence.cluster), None)
    members = {(m.source, m.paragraph) for m in cluster.members} if cluster else set()
    heads = set(cluster.headlines) if cluster else set()
    marked_here = {
        s.source
        for s in divergence.spans
        if (s.source, s.paragraph) in members or (s.headline and s.source in heads)
    }
    reporting = {source for source, _ in members} | heads
    marked = {span.source for span in divergence.spans}
    wanted = sources_about(plan, app.chosen, marked_here, reporting, marked)
    if wanted != sources_about(plan, app.chosen):  # what each column shows now
        app.chosen.update(wanted)
        # The grid and the panel only: the header counts every source whatever the columns
        # show, and the jump that follows says where the cursor is.
        model = grid_model(app)
        app.grid.set_model(model)
        app.panel.show(model)
