"""Where the reader, the word diff and a quote start from, and where they lead back to:
pure functions over the comparison and the grid's model, so the app only pushes screens."""

from __future__ import annotations

from collections.abc import Sequence

from tui.app.layout import Column, GridModel, Row
from tui.model import Comparison, Source


def focused_paragraph(
    comparison: Comparison | None,
    column: Column | None,
    rows: Sequence[Row],
    column_index: int,
    cursor_row: int,
) -> tuple[Source, int] | None:
    """The focused source and the paragraph the cursor's cell shows (its first), or the
    source's next paragraph below when the cell is empty."""
    if column is None or comparison is None:
        return None
    source = next((s for s in comparison.sources if s.id == column.source_id), None)
    if source is None or not source.paragraphs:
        return None
    after = [r.cells[column_index] for r in rows[cursor_row:] if r.cells[column_index]]
    return source, (after[0][0] if after else 0)


def cluster_of(comparison: Comparison, source_id: str, paragraph: int) -> str | None:
    """The id of the cluster (grid row) that holds `paragraph` of `source_id`, if any."""
    return next(
        (
            c.id
            for c in comparison.clusters
            if any(m.source == source_id and m.paragraph == paragraph for m in c.members)
        ),
        None,
    )


def diff_partner(model: GridModel, left: int) -> int | None:
    """The column to set against column `left` in a word diff: the first other side's outlet
    that has text, a party before a neutral side; None when `left` or every other side has
    no text."""
    columns = model.columns
    readable = [i for i, c in enumerate(columns) if model.paragraphs.get(c.source_id)]
    others = [i for i in readable if columns[i].side.id != columns[left].side.id]
    if left not in readable or not others:
        return None
    parties = [i for i in others if not columns[i].side.neutral]
    return (parties or others)[0]
