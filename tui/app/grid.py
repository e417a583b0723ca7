"""The aligned-rows view: one column per source, one row per alignment cluster.

Built on the Line API (ScrollView + render_line) because an event can have 30 sources of 100
paragraphs: a widget per paragraph would mean thousands of widgets to lay out, while here only
the lines on screen are drawn. Rows have the height of their tallest cell, so matching
paragraphs stay level; wrapped cells are cached as Strips and thrown away only when what they
show changes (model, width, wrap, search).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app import navigation
from tui.app.frames import set_virtual_size
from tui.app.highlight import (
    KIND_STYLES,
    headline,
    marks_kept,
    plain,
    styled_paragraph,
)
from tui.app.layout import Column, GridModel, Row
from tui.app.loader import Progress
from tui.app.navigation import Match, MatchSpans
from tui.app.status import contrast_text, safe_colour, state_label
from tui.app.wrap import line_starts, one_line
from tui.model import HEADLINE, Divergence, DivergenceKind

HEADER_HEIGHT = 4
GUTTER = 3
MIN_COLUMN = 22
NARROW_COLUMN = 12  # the least a text column is squeezed to before the grid scrolls sideways
FILLER = "∅ not reported"
STRIP_WIDTH = 14  # a failed source's column
NARROW_STRIP = 6  # ... when the text columns need the room: "✗ HTTP" / "404" still says why
WRAP_CACHE_LIMIT = 200_000


def column_widths(room: int, strips: Sequence[bool]) -> list[int]:
    """The columns' widths in `room` cells, a rule after each: STRIP_WIDTH for a failed
    source's strip (`strips`), the rest share what is left. Where text columns would get
    less than MIN_COLUMN, the strips narrow first (down to NARROW_STRIP), then the text
    columns (down to NARROW_COLUMN), and only then does the grid scroll sideways: at 60x20
    the third side was cut to "Baku He", three failed strips took 45 of 60 columns and left
    the one good column 9, and at 80x24 with the panel a side kept 3 characters."""
    count, failed = len(strips), sum(strips)
    full = count - failed
    if not full:  # every source failed: the strips are all there is to read
        return [max(MIN_COLUMN, (room + 1) // max(1, count) - 1)] * count

    def share(strip: int) -> int:
        return (room - failed * (strip + 1) + 1) // full - 1

    strip = STRIP_WIDTH
    if failed and share(strip) < MIN_COLUMN:
        spare = room - full * (MIN_COLUMN + 1) + 1  # what MIN_COLUMN text columns leave
        strip = max(NARROW_STRIP, min(STRIP_WIDTH, spare // failed - 1))
    width = max(NARROW_COLUMN, share(strip))
    return [strip if failed_here else width for failed_here in strips]


@dataclass(frozen=True)
class _Layout:
    """Everything derived from (model, visible rows, width, wrap, query), computed apart
    from the grid and assigned in one go: a model that fails half way through leaves the
    grid's previous, consistent layout in place instead of rows without heights."""

    widths: list[int]
    column_x: list[int]
    heights: list[int]
    tops: list[int]
    matches: list[Match]
    match_spans: MatchSpans


class ComparisonGrid(ScrollView, can_focus=True):
    """Sources side by side; the cursor is a (row, column) cell."""

    BINDINGS: list[BindingType] = [  # noqa: RUF012 (Textual's convention)
        Binding("j,down", "cursor_down", "Row ↓", id="grid.row_down", show=False),
        Binding("k,up", "cursor_up", "Row ↑", id="grid.row_up", show=False),
        Binding("pagedown,space", "page_down", "Page ↓", id="grid.page_down", show=False),
        Binding("pageup", "page_up", "Page ↑", id="grid.page_up", show=False),
        Binding("home,g", "first_row", "First row", id="grid.first_row", show=False),
        Binding("end,G", "last_row", "Last row", id="grid.last_row", show=False),
        Binding("tab,l,right", "next_source", "Source →", id="grid.next_source"),
        Binding(
            "shift+tab,h,left", "previous_source", "Source ←", id="grid.prev_source", show=False
        ),
        *(
            Binding(
                str(n), f"focus_source({n - 1})", f"Source {n}", id=f"grid.source_{n}", show=False
            )
            for n in range(1, 10)
        ),
    ]

    COMPONENT_CLASSES = {  # noqa: RUF012
        "grid--header",
        "grid--focused-header",
        "grid--cursor-row",
        "grid--cursor-cell",
        "grid--cursor-cell-focused",
        "grid--filler",
        "grid--rule",
    }

    DEFAULT_CSS = """
    ComparisonGrid {
        background: $surface;
        color: $foreground;
        & > .grid--header { text-style: bold; color: $foreground; }
        & > .grid--focused-header {
            background: $accent; color: $text; text-style: bold underline;
        }
        & > .grid--cursor-row { background: $boost; }
        & > .grid--cursor-cell { background: $primary 30%; }
        & > .grid--filler { color: $text-muted; text-style: italic; }
        & > .grid--rule { color: $foreground-muted; }
        & > .grid--cursor-cell-focused { background: $primary 45%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._model = GridModel((), (), {}, frozenset(), {}, ())
        self._states: Mapping[str, Progress] = {}
        self._visible: list[int] = []  # model row indexes shown (all, or divergent only)
        self._heights: list[int] = []
        self._tops: list[int] = [0]
        self._widths: list[int] = []
        self._column_x: list[int] = []
        # Rendered cells by (model row, column, first shown row?): `d` keeps them.
        self._cells: dict[tuple[int, int, bool], tuple[str | None, list[Strip]]] = {}
        self._wraps: dict[tuple[str, int], list[int]] = {}
        # Each model row's height, for one (model, widths, wrap): `d` lays the same rows out
        # again, and summing every row's wrapped lines was most of its cost.
        self._heights_model: GridModel | None = None
        self._heights_key: tuple[tuple[int, ...], bool] | None = None
        self._height_of: dict[int, int] = {}
        # Resolved styles by component name ("" for the widget's own), until the theme changes:
        # resolving walks the CSS each time, a third of a repaint's cost.
        self._styles: dict[str, Style] = {}
        self._query = ""
        self._matches: list[Match] = []
        self._match_spans: MatchSpans = {}
        self._match_index = -1
        self._divergence_id: str | None = None
        self._hidden: frozenset[DivergenceKind] = frozenset()
        self.cursor_row = 0
        self.cursor_column = 0
        self.wrap = True
        self.only_divergent = False
        # Called at once when the cursor moves, before the key's frame is painted: a message
        # to the status line and panel reached them a frame (16 ms) later.
        self.on_moved: Callable[[], None] | None = None
        # Called before a jump to a divergence: with one column per side, the app shows the
        # sources it is about (and sets a new model) first.
        self.before_jump: Callable[[Divergence], None] | None = None

    # --- state from the app ------------------------------------------------------------------

    @property
    def model(self) -> GridModel:
        return self._model

    @property
    def visible_rows(self) -> tuple[Row, ...]:
        return tuple(self._model.rows[i] for i in self._visible)

    @property
    def current_row(self) -> Row | None:
        if 0 <= self.cursor_row < len(self._visible):
            return self._model.rows[self._visible[self.cursor_row]]
        return None

    @property
    def current_column(self) -> Column | None:
        columns = self._model.columns
        return columns[self.cursor_column] if 0 <= self.cursor_column < len(columns) else None

    @property
    def current_divergence(self) -> Divergence | None:
        """The divergence the status line and panel describe: always one on the cursor's row
        (the one ]/[ chose, else the row's first), or None where the row agrees."""
        row = self.current_row
        if row is None:
            return None
        here = [
            d for d in self._model.on_cluster.get(row.cluster_id, ()) if d.kind not in self._hidden
        ]
        return next((d for d in here if d.id == self._divergence_id), here[0] if here else None)

    @property
    def hidden_kinds(self) -> frozenset[DivergenceKind]:
        return self._hidden

    def shown_kinds(self, row: Row) -> tuple[DivergenceKind, ...]:
        """The row's kinds that the filters let through."""
        return tuple(k for k in row.kinds if k not in self._hidden)

    @property
    def matches(self) -> tuple[Match, ...]:
        return tuple(self._matches)

    def set_model(self, model: GridModel) -> None:
        """Show a new comparison, keeping the cursor on the same cluster and source.

        Everything is worked out before anything is assigned, so if `model` is broken
        (a cell naming a paragraph its source lacks, say) this raises and the grid still
        shows the previous model, whole.
        """
        row, column = self.current_row, self.current_column
        visible = self._visible_of(model, self.only_divergent, self._hidden)
        layout = self._compute_layout(model, visible)
        cursor_row = min(self.cursor_row, max(0, len(visible) - 1))
        if row is not None and row.cluster_id in model.row_of_cluster:
            cursor_row = self._position_of(visible, model.row_of_cluster[row.cluster_id])
        cursor_column = self.cursor_column
        if column is not None:
            found = model.column_index(column.source_id)
            cursor_column = found if found is not None else 0
        cursor_column = min(cursor_column, max(0, len(model.columns) - 1))
        self._model = model
        self._visible = visible
        self.cursor_row = cursor_row
        self.cursor_column = cursor_column
        self._apply(layout)

    def set_states(self, states: Mapping[str, Progress]) -> None:
        changed = {
            i
            for i, column in enumerate(self._model.columns)
            if states.get(column.source_id) != self._states.get(column.source_id)
        }
        self._states = dict(states)
        self._cells = {key: lines for key, lines in self._cells.items() if key[1] not in changed}
        self.refresh()

    def set_wrap(self, wrap: bool) -> None:
        self.wrap = wrap
        self._relayout()
        self._scroll_to_cursor()

    def set_only_divergent(self, only: bool) -> None:
        self._set_rows(only, self._hidden)

    def set_hidden_kinds(self, hidden: Collection[DivergenceKind]) -> None:
        """Filter marks, gutter glyphs and (with `only_divergent`) rows by kind."""
        self._set_rows(self.only_divergent, frozenset(hidden))

    def _set_rows(self, only: bool, hidden: frozenset[DivergenceKind]) -> None:
        row = self.current_row
        same_marks = hidden == self._hidden
        self._hidden = hidden
        visible = self._visible_of(self._model, only, hidden)
        layout = self._compute_layout(self._model, visible)
        cursor_row = min(self.cursor_row, max(0, len(visible) - 1))
        if row is not None:
            model_row = self._model.row_of_cluster.get(row.cluster_id, 0)
            cursor_row = self._position_of(visible, model_row)
        self.only_divergent = only
        self._visible = visible
        self.cursor_row = cursor_row
        self._apply(layout, keep_cells=same_marks)
        self._scroll_to_cursor()
        self._moved()

    def set_search(self, query: str) -> int:
        """Highlight every case-insensitive occurrence of `query`; returns the match count."""
        self._query = query
        self._match_index = -1
        self._matches, self._match_spans = self._find_matches(self._model, self._visible)
        self._cells.clear()
        self.refresh()
        return len(self._matches)

    # --- layout --------------------------------------------------------------------------------

    @staticmethod
    def _visible_of(
        model: GridModel, only_divergent: bool, hidden: Collection[DivergenceKind]
    ) -> list[int]:
        """The model rows to show: all, or only those with a divergence of a shown kind."""
        if not only_divergent:
            return list(range(len(model.rows)))
        return [i for i, r in enumerate(model.rows) if any(k not in hidden for k in r.kinds)]

    @staticmethod
    def _position_of(visible: list[int], model_row: int) -> int:
        """Where `model_row` is among `visible`, or the nearest shown row after it."""
        position = next((i for i, r in enumerate(visible) if r >= model_row), None)
        return position if position is not None else max(0, len(visible) - 1)

    @staticmethod
    def is_strip(model: GridModel, column: int) -> bool:
        """A source that came back without text (it failed) gets a narrow strip naming the
        error, not a full-width column of nothing."""
        source_id = model.columns[column].source_id
        return source_id in model.loaded and not model.paragraphs.get(source_id)

    @property
    def _room(self) -> int:
        """The columns' width on screen: the grid's less the gutter and the vertical
        scrollbar, kept free whether it shows or not. The scrollbar comes with the rows, after
        the widths are set, and covered the last column's line ends (words were cut at 80
        columns, and a horizontal scrollbar took a line)."""
        return max(0, self.size.width - GUTTER - self.styles.scrollbar_size_vertical)

    def _widths_of(self, model: GridModel) -> list[int]:
        """Each column's width: strips for failed sources, the rest share what is left."""
        return column_widths(
            self._room, [self.is_strip(model, i) for i in range(len(model.columns))]
        )

    def _compute_layout(self, model: GridModel, visible: list[int]) -> _Layout:
        """The layout of `model` at the current width, wrap and search; assigns nothing."""
        widths = self._widths_of(model)
        key = (tuple(widths), self.wrap)
        if model is not self._heights_model or key != self._heights_key:  # `d` and filters
            self._heights_model, self._heights_key, self._height_of = model, key, {}
        height_of = self._height_of
        heights = []
        for i in visible:
            height = height_of.get(i)
            if height is None:
                height = height_of[i] = self._row_height(model, model.rows[i], widths)
            heights.append(height)
        tops = [0]
        for height in heights:
            tops.append(tops[-1] + height + 1)
        matches, match_spans = self._find_matches(model, visible)
        column_x = [0]
        for width in widths[:-1]:
            column_x.append(column_x[-1] + width + 1)
        if not widths:
            column_x = []
        return _Layout(widths, column_x, heights, tops, matches, match_spans)

    def _apply(self, layout: _Layout, keep_cells: bool = False) -> None:
        """Make `layout` (computed for the current model and visible rows) the grid's;
        `keep_cells` when only which rows are shown changed, not how any cell looks."""
        self._widths = layout.widths
        self._column_x = layout.column_x
        self._heights = layout.heights
        self._tops = layout.tops
        self._matches = layout.matches
        self._match_spans = layout.match_spans
        if self._match_index >= len(self._matches):
            self._match_index = -1
        if not keep_cells:
            self._cells.clear()
        total_width = GUTTER + (sum(layout.widths) + len(layout.widths) - 1 if layout.widths else 0)
        set_virtual_size(self, Size(total_width, HEADER_HEIGHT + layout.tops[-1]))
        self.refresh()

    def _relayout(self) -> None:
        """Lay the current model out again (new width or wrap)."""
        self._apply(self._compute_layout(self._model, self._visible))

    def _cell_height(self, model: GridModel, row: Row, column: int, width: int) -> int:
        """The cell's lines: its headline's, if it reports the row, then its paragraphs'."""
        paragraphs = row.cells[column]
        source_id = model.columns[column].source_id
        head = 0
        if column in row.headlines:
            head = len(self._starts(model.titles[source_id], width)) if self.wrap else 1
        if not paragraphs:
            filler = self._filler(model, row, column)
            return head or (len(self._starts(filler, width)) if self.wrap else 1)
        if not self.wrap:
            return head + len(paragraphs)
        texts = model.paragraphs[source_id]
        lines = sum(len(self._starts(texts[p], width)) for p in paragraphs)
        return head + lines + len(paragraphs) - 1

    def _row_height(self, model: GridModel, row: Row, widths: list[int]) -> int:
        return max(
            (self._cell_height(model, row, c, widths[c]) for c in range(len(row.cells))),
            default=1,
        )

    class Resized(Message):
        """The grid's width changed: the app may want one column per side, or all again."""

        def __init__(self, width: int) -> None:
            self.width = width
            super().__init__()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self.post_message(self.Resized(self.size.width))

    def notify_style_update(self) -> None:
        """A theme change: cached cells carry the old theme's colours (the filler's; the rest
        of a cell is styled by kind, or at drawing time). Every focus change lands here too,
        and re-rendering every cell on screen for it made tab the slowest key."""
        super().notify_style_update()
        filler = self._styles.get("grid--filler")
        self._styles.clear()
        if filler is None or self._style("grid--filler") != filler:
            self._cells.clear()
        self.refresh()

    def watch_has_focus(self, has_focus: bool) -> None:
        """No restyle: the focused cursor is drawn from its own component class (frames.py)."""

    def on_focus(self, event: events.Focus) -> None:
        self._styles.clear()  # the cursor cell has a focused colour
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._styles.clear()
        self.refresh()

    # --- search --------------------------------------------------------------------------------

    def _find_matches(self, model: GridModel, visible: list[int]) -> tuple[list[Match], MatchSpans]:
        return navigation.find_matches(model, visible, self._query)

    @property
    def query(self) -> str:
        return self._query

    @property
    def match_position(self) -> tuple[int, int] | None:
        """(1-based number of the match last stepped to, count), while a search is active."""
        if not self._query:
            return None
        return (self._match_index + 1, len(self._matches))

    def step_match(self, delta: int) -> Match | None:
        """Move to the next (1) or previous (-1) search match after the cursor, wrapping."""
        here = (self.cursor_row, self.cursor_column)
        index = navigation.step_match(self._matches, self._match_index, here, delta)
        if index is None:
            return None
        self._match_index = index
        match = self._matches[index]
        self.move_cursor(match.row, match.column)
        return match

    # --- cursor --------------------------------------------------------------------------------

    def move_cursor(
        self, row: int | None = None, column: int | None = None, *, context: bool = False
    ) -> None:
        before = (self.cursor_row, self.cursor_column, self.scroll_offset)
        if row is not None and self._visible:
            self.cursor_row = max(0, min(row, len(self._visible) - 1))
        if column is not None and self._model.columns:
            self.cursor_column = max(0, min(column, len(self._model.columns) - 1))
        self._scroll_to_cursor(context)
        if self.scroll_offset != before[2]:
            self.refresh()  # scrolled: every line on screen is new
        else:
            self._refresh_cursor_change(before[0], before[1])
        self._moved()

    def _refresh_cursor_change(self, old_row: int, old_column: int) -> None:
        """Repaint only what the cursor touched: the row it left, the row it is on, and the
        headers if the focused source changed. A full repaint of 30 columns on every j/k
        was most of the cost of a key press on a big event."""
        width = self.size.width
        for position in {old_row, self.cursor_row}:
            if position < len(self._visible):
                y = HEADER_HEIGHT + self._tops[position] - int(self.scroll_y)
                self.refresh(Region(0, y, width, self._heights[position]))
        if old_column != self.cursor_column:
            self.refresh(Region(0, 0, width, HEADER_HEIGHT))

    def _moved(self) -> None:
        if self.on_moved is not None:
            self.on_moved()

    def _scroll_to_cursor(self, context: bool = False) -> None:
        """Bring the cursor's cell into view; with `context` (a jump to a divergence), with
        the row above it in sight too, up to a quarter of the view, unless it fits already."""
        if not self._visible:
            return
        top = self._tops[self.cursor_row]
        height = self._heights[self.cursor_row]
        view_height = max(1, self.size.height - HEADER_HEIGHT)
        y = self.scroll_y
        if context and (top < y or top + height > y + view_height):
            above = self._tops[self.cursor_row - 1] if self.cursor_row else top
            lead = min(top - above, view_height // 4, max(0, view_height - height))
            y = max(0, top - lead)
        elif top < y:
            y = top
        elif top + height > y + view_height:
            y = min(top, top + height - view_height)
        x = self.scroll_x
        if self._column_x:
            left = self._column_x[self.cursor_column]
            view_width = max(1, self._room)
            if left < x:
                x = left
            elif left + self._widths[self.cursor_column] > x + view_width:
                x = left + self._widths[self.cursor_column] - view_width
        self.scroll_to(x=x, y=y, animate=False, immediate=True)

    def jump_to_divergence(self, divergence: Divergence) -> None:
        """Put the cursor on the divergence's row, in the first source it marks."""
        if self.before_jump is not None:
            self.before_jump(divergence)
        model_row = self._model.row_of_cluster.get(divergence.cluster)
        if model_row is None:
            return
        if model_row not in self._visible:
            self.set_only_divergent(False)
        if divergence.kind in self._hidden:
            self.set_hidden_kinds(self._hidden - {divergence.kind})
        self._divergence_id = divergence.id
        column = None
        if divergence.spans:
            column = self._model.column_index(divergence.spans[0].source)
        self.move_cursor(self._visible.index(model_row), column, context=True)

    def jump_to_cluster(self, cluster_id: str) -> None:
        """Put the cursor on the cluster's row (shown even if `d` had hidden it)."""
        model_row = self._model.row_of_cluster.get(cluster_id)
        if model_row is None:
            return
        if model_row not in self._visible:
            self.set_only_divergent(False)
        self._divergence_id = None
        self.move_cursor(self._visible.index(model_row), context=True)

    def step_divergence(self, delta: int) -> Divergence | None:
        """The next (1) or previous (-1) divergence in the panel's order, wrapping."""
        shown = set(self._visible)
        row_of = self._model.row_of_cluster
        ordered = [
            d for d in navigation.listed(self._model, self._hidden) if row_of[d.cluster] in shown
        ]
        here = self._visible[self.cursor_row] if self._visible else 0
        fresh = self._divergence_id is None and self.cursor_row == 0
        current = self.current_divergence
        found = navigation.step_divergence(ordered, current, here, row_of, delta, fresh)
        if found is not None:
            self.jump_to_divergence(found)
        return found

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        target = self._tops[self.cursor_row] + max(1, self.size.height - HEADER_HEIGHT)
        self.move_cursor(max(self.cursor_row + 1, bisect_right(self._tops, target) - 1))

    def action_page_up(self) -> None:
        target = self._tops[self.cursor_row] - max(1, self.size.height - HEADER_HEIGHT)
        self.move_cursor(min(self.cursor_row - 1, bisect_right(self._tops, target) - 1))

    def action_first_row(self) -> None:
        self.move_cursor(0)

    def action_last_row(self) -> None:
        self.move_cursor(len(self._visible) - 1)

    def action_next_source(self) -> None:
        if self.cursor_column + 1 >= len(self._model.columns):
            self.screen.focus_next()  # past the last source, on to the divergence panel
            return
        self.move_cursor(column=self.cursor_column + 1)

    def action_previous_source(self) -> None:
        if self.cursor_column == 0:
            self.screen.focus_previous()
            return
        self.move_cursor(column=self.cursor_column - 1)

    def action_focus_source(self, index: int) -> None:
        if index < len(self._model.columns):
            self.move_cursor(column=index)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        column = None
        x = offset.x - GUTTER + int(self.scroll_x)
        if offset.x >= GUTTER and self._column_x:
            column = bisect_right(self._column_x, x) - 1
        row = None
        if offset.y >= HEADER_HEIGHT and self._visible:
            y = offset.y - HEADER_HEIGHT + int(self.scroll_y)
            row = min(bisect_right(self._tops, y) - 1, len(self._visible) - 1)
        self.move_cursor(row, column)

    # --- drawing -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """A component's style ("" for the widget's); only cursor and header styles carry a
        background of their own.

        The others keep their colour, resolved against the grid's background, but drop the
        background so the cursor's shows through. (A partial style would not resolve the
        colour: the theme's translucent $text-muted came out white, invisible on light.)
        """
        cached = self._styles.get(name)
        if cached is not None:
            return cached
        if name == "":  # the widget's own colours
            style = self.rich_style
        else:
            style = self.get_component_rich_style(name)
            if name in ("grid--filler", "grid--rule", "grid--header"):
                style = Style.from_color(style.color) + style.without_color
        self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        """One line of the grid over the widget's own colours.

        Textual paints the background of a Line API widget only where a segment says so:
        without this, text and gaps keep the terminal's default colours, and a light theme
        shows a dark grid in a dark terminal.
        """
        width = self.size.width
        base = self._style("")
        if not self._model.columns:
            return Strip.blank(width, base)
        blank = [Segment(" " * GUTTER)]
        if y < HEADER_HEIGHT:
            return self._join_columns(blank, lambda c: self._header_cell(c, y), None)
        line = y - HEADER_HEIGHT + int(self.scroll_y)
        if not self._visible:
            return self._join_columns(blank, lambda c: self._failure_line(c, line), None)
        position = bisect_right(self._tops, line) - 1
        if position >= len(self._visible):
            return Strip.blank(width, base)
        within = line - self._tops[position]
        if within >= self._heights[position]:  # the blank line between rows
            return self._join_columns(blank, lambda c: None, None)
        cursor = position == self.cursor_row
        return self._join_columns(
            self._gutter(position, within, cursor),
            lambda c: self._cell_line(position, c, within),
            self._style("grid--cursor-row") if cursor else None,
        )

    def _failure_line(self, column: int, line: int) -> Strip | None:
        """With no rows to show (every source failed, say), each failed column says why."""
        progress = self._states.get(self._model.columns[column].source_id)
        if progress is None or progress.state != "error":
            return None
        lines = self._wrapped(
            plain(f"✗ {progress.detail} — press r to retry"), self._widths[column]
        )
        return lines[line] if line < len(lines) else None

    def _join_columns(self, gutter: list[Segment], cell, row_style: Style | None) -> Strip:
        """Gutter + the columns that are on screen, cropped to the horizontal scroll, over the
        widget's colours: one Strip per line, built from segments (a Strip per cell and per
        step was most of a repaint's cost)."""
        view_width = self._room
        left = int(self.scroll_x)
        first = max(0, bisect_right(self._column_x, left) - 1)
        base = self._style("")
        rule = Segment("│", base + self._style("grid--rule"))
        body: list[Segment] = []
        column, used = first, 0
        while column < len(self._column_x) and self._column_x[column] < left + view_width:
            strip = cell(column)
            width = self._widths[column]
            style = base
            if row_style is not None:
                cursor_cell = column == self.cursor_column
                cell_style = "grid--cursor-cell-focused" if self.has_focus else "grid--cursor-cell"
                style = base + (self._style(cell_style) if cursor_cell else row_style)
            if strip is None:
                body.append(Segment(" " * width, style))
            else:
                body.extend(Segment.apply_style(strip, style))
            body.append(rule)
            used += width + 1
            column += 1
        offset = left - self._column_x[first]
        if offset or used > view_width:
            pieces = list(Segment.divide(body, [offset, offset + view_width]))
            body = pieces[1] if len(pieces) > 1 else []
            used = min(view_width, used - offset)
        line_width = max(0, self.size.width - GUTTER)  # under the scrollbar, or blank
        if used < line_width:
            body.append(Segment(" " * (line_width - used), base))
        return Strip([*Segment.apply_style(gutter, base), *body], GUTTER + line_width)

    def _gutter(self, position: int, within: int, cursor: bool) -> list[Segment]:
        kinds = self.shown_kinds(self._model.rows[self._visible[position]])
        mark = "▶" if cursor and within == 0 else " "
        segments = [Segment(mark, Style(bold=True))]
        if within < len(kinds):
            kind = KIND_STYLES[kinds[within]]
            segments.append(Segment(kind.glyph, kind.style))
        else:
            segments.append(Segment(" "))
        segments.append(Segment(" "))
        return segments

    def _header_cell(self, column: int, line: int) -> Strip:
        info = self._model.columns[column]
        width = self._widths[column]
        if line == 0:
            number = f"{column + 1} " if column < 9 else ""
            text = Text(number, end="", no_wrap=True)
            if info.choice:  # one of its side's sources: s switches
                text.append(f"⇄{info.choice} ", style="bold")
            text.append_text(plain(info.outlet))
            focused = column == self.cursor_column
            style = self._style("grid--focused-header" if focused else "grid--header")
            return self._text_strip(text, width, style)
        if line == 1:
            colour = safe_colour(info.side.colour)
            band = Style.parse(f"bold {contrast_text(colour)} on {colour}")
            return self._text_strip(plain(f" {info.side.label}"), width, band)
        if line == 2:
            progress = self._states.get(info.source_id)
            label = state_label(progress)
            read = progress.source if progress is not None else None
            if read is not None and read.provenance and read.provenance.origin == "archive":
                # not the live page: said first, so that a narrow column still shows it
                stamp = read.provenance.archived_at
                archived = Text("archived" + (f" {stamp:%Y-%m-%d}" if stamp else ""), "bold")
                label = archived.append(" · ").append_text(label)
            paragraphs = self._model.paragraphs.get(info.source_id)
            said = progress is not None and f"{len(paragraphs or ())} paragraphs" in progress.detail
            if paragraphs and progress is not None and progress.state != "error" and not said:
                label.append(f" · {len(paragraphs)} ¶")  # unless the loader counted them
            return self._text_strip(label, width, Style())
        return Strip([Segment("─" * width, self._style("grid--rule"))], width)

    def _text_strip(self, text: Text, width: int, style: Style) -> Strip:
        return one_line(text, width, self.app.console).apply_style(style)

    def _cell_line(self, position: int, column: int, line: int) -> Strip | None:
        current = self._current_on(position)
        key = (self._visible[position], column, position == 0)
        cached = self._cells.get(key)
        if cached is None or cached[0] != current:
            cached = (current, self._render_cell(position, column, current))
            self._cells[key] = cached
        lines = cached[1]
        return lines[line] if line < len(lines) else None

    def _current_on(self, position: int) -> str | None:
        """The id of the divergence drawn as current on visible row `position`, if any."""
        if position != self.cursor_row:
            return None
        current = self.current_divergence
        return current.id if current is not None else None

    def _render_cell(self, position: int, column: int, current: str | None) -> list[Strip]:
        row = self._model.rows[self._visible[position]]
        source_id = self._model.columns[column].source_id
        width = self._widths[column]
        paragraphs = row.cells[column]
        lines: list[Strip] = []
        if column in row.headlines:  # the source's headline reports this row: said first
            title = self._model.titles[source_id]
            marks = self._model.spans.get((source_id, HEADLINE), ())
            head = headline(title, marks, current=current, hidden=self._hidden)
            if self.wrap:
                starts = self._starts(title, width)
                if current is not None:  # its glyphs must not fall off a full line's end
                    starts = marks_kept(head, starts, width)
                lines += self._wrapped(head, width, starts)
            else:
                lines.append(self._text_strip(head, width, Style()))
        if not paragraphs:
            if lines:
                return lines
            if self._model.paragraphs.get(source_id):
                divergence = self.current_divergence if current is not None else None
                elsewhere = divergence and navigation.said_elsewhere(
                    self._model, self._visible, divergence, column
                )
                filler = elsewhere or self._filler(self._model, row, column)
                if filler == FILLER:
                    text = Text(FILLER, end="", justify="center")
                    return [self._text_strip(text, width, self._style("grid--filler"))]
                style = self._style("grid--filler")
                if not self.wrap:
                    return [self._text_strip(plain(filler), width, style)]
                return [s.apply_style(style) for s in self._wrapped(plain(filler), width)]
            progress = self._states.get(source_id)
            if position == 0 and progress is not None and progress.state == "error":
                return self._wrapped(plain(f"✗ {progress.detail} — press r to retry"), width)
            return []
        for number, paragraph in enumerate(paragraphs):
            if number:
                lines.append(Strip.blank(width))
            text = self._model.paragraphs[source_id][paragraph]
            marks = self._model.spans.get((source_id, paragraph), ())
            styled = styled_paragraph(
                text,
                marks,
                self._match_spans.get((source_id, paragraph), ()),
                current=current,
                hidden=self._hidden,
            )
            if not self.wrap:
                lines.append(self._text_strip(styled, width, Style()))
                continue
            starts = self._starts(text, width)
            if current is not None:  # its glyphs must not fall off a full line's end
                starts = marks_kept(styled, starts, width)
            lines += self._wrapped(styled, width, starts)
        return lines

    @staticmethod
    def _filler(model: GridModel, row: Row, column: int) -> str:
        """What an empty cell says: with one column per side, which of the side's other
        outlets report the row ("∅ not reported" was false when one did)."""
        others = row.elsewhere[column] if row.elsewhere else ()
        if not others:
            return FILLER
        shown = model.columns[column].outlet
        # An outlet with two articles in the event: "reported by" its own name read as a lie.
        names = [f"another {name} article" if name == shown else name for name in others]
        return f"∅ in {shown}; reported by {', '.join(names)} (s to switch)"

    def _starts(self, text: str, width: int) -> list[int]:
        """Where a paragraph's wrapped lines begin at `width`, computed once per text and width:
        `d`, a filter or a new comparison re-lay rows out at the same width, and re-wrapping
        3,000 paragraphs each time was most of their cost. Keyed by the text (whose hash
        Python keeps), so it holds across comparisons while sources arrive."""
        key = (text, width)
        starts = self._wraps.get(key)
        if starts is None:
            if len(self._wraps) > WRAP_CACHE_LIMIT:
                self._wraps.clear()
            starts = self._wraps[key] = line_starts(text, width)
        return starts

    def _wrapped(self, text: Text, width: int, starts: list[int] | None = None) -> list[Strip]:
        console = self.app.console
        lines = []
        if starts is None:
            starts = line_starts(text.plain, width)
        for piece in text.divide(starts[1:]):
            piece.rstrip()
            lines.append(Strip(list(piece.render(console))).adjust_cell_length(width))
        return lines
