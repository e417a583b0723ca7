"""The two lines of text around the grid, put together from what the app's parts know: the
summary above (event, sources, kinds) and the status line below (where the cursor is)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rich.text import Text

from tui.app.grid import ComparisonGrid
from tui.app.layout import build_columns
from tui.app.session import Session
from tui.app.sidebar import DivergencePanel
from tui.app.status import Fitted, status_line, summary
from tui.model import DivergenceKind
from tui.report.review import MARKS, Review


def summary_text(session: Session, hidden: Collection[DivergenceKind]) -> Fitted | None:
    """The header's text, or None before an event is loaded."""
    if session.loader is None:
        return None
    comparison = session.comparison
    sides = comparison.sides if comparison else session.loader.sides
    return summary(
        session.loader.event,
        build_columns(session.plan, sides, comparison),  # every source, one column or not
        session.states,
        comparison,
        frozenset(hidden),
    )


def status_text(
    grid: ComparisonGrid,
    panel: DivergencePanel,
    session: Session,
    reviews: Mapping[str, Review],
) -> Text:
    """The status line for the grid's cursor, the search and the current divergence."""
    column, row = grid.current_column, grid.current_row
    search = None
    position = grid.match_position
    if position is not None:
        search = (grid.query, *position)
    current = grid.current_divergence
    review = reviews.get(current.id) if current is not None else None
    return status_line(
        grid.model,
        column,
        session.states.get(column.source_id) if column else None,
        row,
        (grid.cursor_row, len(grid.visible_rows)),
        grid.shown_kinds(row) if row else (),
        current,
        numbering=panel.entries,
        loading=session.comparison is None,
        search=search,
        review=(MARKS[review.status], review.status, review.note) if review else None,
    )
