"""Where search and divergence keys go: pure functions over the grid's model.

Kept apart from the widget so that "which match is next" and "which divergence comes after
this one" can be tested without a terminal, and so the panel and the grid agree on one order.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tui.app.layout import GridModel
from tui.model import HEADLINE, Divergence, DivergenceKind

MatchSpans = dict[tuple[str, int], list[tuple[int, int]]]


@dataclass(frozen=True)
class Match:
    """A search hit, in the grid's coordinates."""

    row: int  # index into the visible rows
    column: int
    paragraph: int
    start: int
    end: int


def find_matches(
    model: GridModel, visible: Sequence[int], query: str
) -> tuple[list[Match], MatchSpans]:
    """Every case-insensitive hit of `query` in `model`'s `visible` rows, in reading order."""
    matches: list[Match] = []
    spans: MatchSpans = {}
    if not query:
        return matches, spans
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    for position, model_row in enumerate(visible):
        row = model.rows[model_row]
        for column, paragraphs in enumerate(row.cells):
            source_id = model.columns[column].source_id
            for paragraph in paragraphs:
                text = model.paragraphs[source_id][paragraph]
                for hit in pattern.finditer(text):
                    matches.append(Match(position, column, paragraph, hit.start(), hit.end()))
                    spans.setdefault((source_id, paragraph), []).append((hit.start(), hit.end()))
    return matches, spans


def step_match(
    matches: Sequence[Match], current: int, here: tuple[int, int], delta: int
) -> int | None:
    """The index of the match after (1) or before (-1) the cursor at `here`, wrapping.

    `current` is the match last stepped to (-1 for none): while the cursor is still on it,
    stepping goes on from it rather than from the cell's first match.
    """
    if not matches:
        return None
    on_current = 0 <= current < len(matches) and (
        (matches[current].row, matches[current].column) == here
    )
    if on_current:
        return (current + delta) % len(matches)
    if delta > 0:
        return next((i for i, m in enumerate(matches) if (m.row, m.column) >= here), 0)
    before = [i for i, m in enumerate(matches) if (m.row, m.column) <= here]
    return before[-1] if before else len(matches) - 1


def listed(model: GridModel, hidden: Collection[DivergenceKind] = ()) -> tuple[Divergence, ...]:
    """The divergences the panel lists and ]/[ walk: the kinds shown, most important first,
    ties in row order (so a comparison without importance scores reads top to bottom)."""
    rank = {d.id: i for i, d in enumerate(model.divergences)}
    shown = (d for d in model.divergences if d.kind not in hidden)
    return tuple(sorted(shown, key=lambda d: (-d.importance, rank[d.id])))


def step_divergence(
    ordered: Sequence[Divergence],
    current: Divergence | None,
    here_row: int,
    row_of_cluster: dict[str, int],
    delta: int,
    from_start: bool = False,
) -> Divergence | None:
    """The divergence after (1) or before (-1) `current` in `ordered`, wrapping.

    `from_start` (nothing stepped to yet, the cursor at the top): the first in `ordered`, the
    most important, going forward, the last going back, unless the first is current already;
    the top row's divergence, current only by default, made the first ] skip every
    contradiction ranked above it. With no current divergence (the cursor is on a row that
    agrees) it is the first one at or below the cursor's model row `here_row` going forward,
    the last one above it going back.
    """
    if not ordered:
        return None
    if from_start and (current is None or current.id != ordered[0].id):
        return ordered[0] if delta > 0 else ordered[-1]
    ids = [d.id for d in ordered]
    if current is not None and current.id in ids:
        return ordered[(ids.index(current.id) + delta) % len(ordered)]
    rows = [row_of_cluster.get(d.cluster, 0) for d in ordered]
    if delta > 0:
        after = [i for i, row in enumerate(rows) if row >= here_row]
        return ordered[min(after, key=lambda i: rows[i]) if after else 0]
    before = [i for i, row in enumerate(rows) if row < here_row]
    return ordered[max(before, key=lambda i: rows[i]) if before else len(ordered) - 1]


def said_elsewhere(
    model: GridModel, visible: Sequence[int], divergence: Divergence, column: int
) -> str | None:
    """What an empty cell on `divergence`'s row says when the divergence marks the column's
    source in another row (a claim aligned apart from the denial of it): where to read it,
    rather than "∅ not reported" for the very outlet the divergence quotes. None if the
    divergence marks nothing of that source outside the row."""
    source_id = model.columns[column].source_id
    here_row = model.row_of_cluster.get(divergence.cluster)
    here = model.rows[here_row].cells[column] if here_row is not None else ()
    places = [s.paragraph for s in divergence.spans if s.source == source_id]
    if not places or any(p in here for p in places):
        return None
    outlet = model.columns[column].outlet
    if all(p == HEADLINE for p in places):
        return f"∅ on this row; {outlet} says it in its headline"
    paragraph = min(p for p in places if p != HEADLINE)
    found = next((i for i, r in enumerate(model.rows) if paragraph in r.cells[column]), None)
    where = ""
    if found is not None:
        where = f", row {visible.index(found) + 1}" if found in visible else " (a hidden row)"
    return f"∅ on this row; {outlet} says it in ¶ {paragraph + 1}{where}"
