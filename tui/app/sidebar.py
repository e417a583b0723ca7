"""The divergence panel: the divergences most important first; choosing one jumps to its row.

The list is `navigation.listed`: the kinds the filters let through, by importance, ties in row
order; ]/[ walk the same list, and the panel follows the grid's cursor. Each entry is its
kind's glyph and a brief of the claim wrapped to two lines, so a screenful shows twenty; the
selected entry opens to the whole claim with the outlets behind it.

It draws with the Line API rather than an OptionList: an OptionList drops every rendered
entry (and re-measures all of them) whenever one entry's text changes, which on a 900-divergence
event was the larger part of each key press. Here each brief line is rendered once per width.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.frames import set_virtual_size
from tui.app.highlight import KIND_STYLES, clean
from tui.app.layout import GridModel
from tui.app.navigation import listed
from tui.app.wrap import line_starts, one_line
from tui.model import Divergence, DivergenceKind

# Every entry is ENTRY_LINES tall and an opened one OPENED_LINES, so the list's height never
# changes with the selection: a change of height makes Textual lay out and repaint everything.
ENTRY_LINES = 2
OPENED_LINES = 4
INDENT = 2  # glyph and space; an entry's later lines sit under the text, not the glyph


class DivergencePanel(ScrollView, can_focus=True):
    """The model's divergences in row order; `selected` is the one the grid is on."""

    BINDINGS: list[BindingType] = [  # noqa: RUF012 (Textual's convention)
        Binding("up,k", "step(-1)", "Previous", id="panel.up", show=False),
        Binding("down,j", "step(1)", "Next", id="panel.down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="panel.page_up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="panel.page_down", show=False),
        Binding("home", "first", "First", id="panel.first", show=False),
        Binding("end", "last", "Last", id="panel.last", show=False),
        Binding("enter", "choose", "Go to", id="panel.choose", show=False),
    ]

    # The focused look is drawn from "-focused" classes, not :focus rules (see frames.py).
    COMPONENT_CLASSES = {  # noqa: RUF012
        "panel--selected",
        "panel--selected-focused",
        "panel--border",
        "panel--border-focused",
    }

    DEFAULT_CSS = """
    DivergencePanel {
        width: 25%;
        min-width: 26;
        max-width: 56;
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        border-left: tall $panel;
        border-top: tall $panel;
        border-title-color: $foreground;
        border-title-style: bold;
        & > .panel--selected {
            background: $block-cursor-blurred-background; text-style: bold;
        }
        & > .panel--selected-focused {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .panel--border { color: $panel; }
        & > .panel--border-focused { color: $border; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._model = GridModel((), (), {}, frozenset(), {}, ())
        self._entries: tuple[Divergence, ...] = ()
        self._hidden: frozenset[DivergenceKind] = frozenset()
        self._marks: dict[str, str] = {}  # divergence id -> review mark (✓ confirmed, ✗ rejected)
        self._index: dict[str, int] = {}
        self._selected: int | None = None
        # divergence id -> its entry's lines at _drawn_width: by id, not by place in the list,
        # so that a filter (which moves every entry) draws only the entries it brings in
        self._briefs: dict[str, list[Strip]] = {}
        self._opened: list[Strip] = []
        self._drawn_width = 0
        self._base: Style | None = None
        self._retitling = False  # the title alone is being set: see refresh
        # Called at once when an entry is chosen, so that the grid's jump is painted in the
        # same frame as the panel's step: a message reached the app after the panel had been
        # painted, and the grid came a frame (16-35 ms) later.
        self.on_chosen: Callable[[Divergence], None] | None = None
        self.border_title = "Divergences"

    # --- what the app and the tests use ---------------------------------------------------

    @property
    def entries(self) -> tuple[Divergence, ...]:
        return self._entries

    @property
    def selected(self) -> Divergence | None:
        return self.entries[self._selected] if self._selected is not None else None

    def show(self, model: GridModel) -> None:
        """List the model's divergences, nothing selected yet."""
        self._model = model
        self._forget()  # the same ids may read differently in a new comparison
        self._relist()

    def set_marks(self, marks: dict[str, str]) -> None:
        """Review marks shown after each entry's glyph."""
        self._marks = dict(marks)
        self._forget()
        self.refresh()

    def set_hidden_kinds(self, hidden: Collection[DivergenceKind]) -> None:
        self._hidden = frozenset(hidden)
        self._relist()

    def _relist(self) -> None:
        selected = self.selected
        self._entries = listed(self._model, self._hidden)
        self._index = {d.id: i for i, d in enumerate(self._entries)}
        self._selected = self._index.get(selected.id) if selected is not None else None
        self._title()
        self._opened = []
        self._resize()

    def _title(self) -> None:
        total = len(self._entries)
        hidden = len(self._model.divergences) - total
        more = f" (+{hidden} hidden)" if hidden else ""
        index = self._selected
        where = f"{index + 1}/{total}" if index is not None else f"{total}"
        self._retitling = True
        try:
            self.border_title = f"Divergences {where}{more}"
        finally:
            self._retitling = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> DivergencePanel:
        """Setting the title repaints the whole panel in Textual; here only its top border,
        where the title is drawn: whoever changed the title repaints what else changed (a
        step through the list repainted forty lines for the four that moved)."""
        if self._retitling and not regions and not (layout or recompose):
            spacing = self.styles.gutter
            regions = (Region(-spacing.left, -spacing.top, self.outer_size.width, spacing.top),)
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def highlight_divergence(self, divergence_id: str | None) -> None:
        """Select `divergence_id` (None, or an id this list lacks: nothing), keeping the panel
        in step with the grid. Posts nothing: the grid is already there."""
        self._select(self._index.get(divergence_id) if divergence_id is not None else None)

    # --- geometry: line y of the list -> (entry, line within it) -----------------------------

    def _resize(self) -> None:
        count = len(self.entries)
        set_virtual_size(
            self, Size(self._width, max(1, count * ENTRY_LINES + OPENED_LINES - ENTRY_LINES))
        )
        self.refresh()

    @property
    def _width(self) -> int:
        """The text's width: the panel less its scrollbar."""
        return self.scrollable_content_region.width

    def _top(self, index: int) -> int:
        """The first line of entry `index`."""
        extra = OPENED_LINES - ENTRY_LINES
        after = self._selected is not None and index > self._selected
        return index * ENTRY_LINES + (extra if after else 0)

    def _locate(self, y: int) -> tuple[int, int]:
        """(entry, line within it) of line `y` of the list."""
        selected = self._selected
        if selected is None or y < selected * ENTRY_LINES:
            return y // ENTRY_LINES, y % ENTRY_LINES
        if y < selected * ENTRY_LINES + OPENED_LINES:
            return selected, y - selected * ENTRY_LINES
        y -= OPENED_LINES - ENTRY_LINES
        return y // ENTRY_LINES, y % ENTRY_LINES

    def _forget(self) -> None:
        """Drop rendered lines: the model, the width or the theme changed."""
        self._briefs.clear()
        self._opened = []
        self._base = None

    def on_resize(self, event: events.Resize) -> None:
        self._resize()

    def notify_style_update(self) -> None:
        """A theme or focus change: the selected entry and the base colours are drawn again;
        the briefs carry only their kinds' own styles, so they stay (every focus change lands
        here, and re-rendering every entry on screen was half the cost of a tab)."""
        super().notify_style_update()
        self._opened = []
        self._base = None
        if self.is_mounted:  # a theme change: once the component classes have the new colours
            self.call_later(self._show_focus)
        self.refresh()

    def watch_has_focus(self, has_focus: bool) -> None:
        """The focused look from its own component classes, not a restyle (frames.py)."""
        self._show_focus()

    def on_mount(self) -> None:
        self._show_focus()  # the borders' first inline setting lays out: before the first frame

    def on_focus(self, event: events.Focus) -> None:
        self._opened = []  # the selected entry takes the focused colours
        self._base = None
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._opened = []
        self._base = None
        self.refresh()

    def _show_focus(self) -> None:
        """The left and top borders in the focused or the blurred colour."""
        name = "panel--border-focused" if self.has_focus else "panel--border"
        colour = self.get_component_styles(name).color
        self.styles.border_left = ("tall", colour)
        self.styles.border_top = ("tall", colour)

    # --- selection -----------------------------------------------------------------------------

    def _select(self, index: int | None) -> None:
        old = self._selected
        if index == old:
            return
        self._selected = index
        self._opened = []
        self._title()
        scrolled = self.scroll_offset
        if index is not None:
            self.scroll_to_region(
                Region(0, self._top(index), self._width, OPENED_LINES),
                animate=False,
                immediate=True,
            )
        if self.scroll_offset != scrolled:
            self.refresh()  # every line on screen is new
            return
        # Entries above both are where they were. With one entry opened before and after, so
        # are those below both: only the lines from one to the other changed. From or to no
        # selection, everything below the one entry moved by the lines an opened one adds.
        opened = [i for i in (old, index) if i is not None]
        top = min(opened) * ENTRY_LINES - int(self.scroll_y)
        if old is None or index is None:
            height = self.size.height - top
        else:
            height = (max(opened) - min(opened)) * ENTRY_LINES + OPENED_LINES
        if height > 0 and top < self.size.height:
            self.refresh(Region(0, max(0, top), self.size.width, height + min(0, top)))

    def _choose(self, index: int) -> None:
        """Select an entry and show it in the grid."""
        if not self.entries:
            return
        index = max(0, min(index, len(self.entries) - 1))
        self._select(index)
        if self.on_chosen is not None:
            self.on_chosen(self.entries[index])

    def action_step(self, delta: int) -> None:
        self._choose(0 if self._selected is None else self._selected + delta)

    def action_page(self, direction: int) -> None:
        page = max(1, (self.size.height - OPENED_LINES) // ENTRY_LINES)
        self._choose(0 if self._selected is None else self._selected + direction * page)

    def action_first(self) -> None:
        self._choose(0)

    def action_last(self) -> None:
        self._choose(len(self.entries) - 1)

    def action_choose(self) -> None:
        if self._selected is not None:
            self._choose(self._selected)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, _ = self._locate(offset.y + int(self.scroll_y))
        if index < len(self.entries):
            self._choose(index)

    # --- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self._width
        if width != self._drawn_width:  # resized, or a scrollbar came or went
            self._forget()
            self._drawn_width = width
        if self._base is None:  # resolving walks the CSS: once per theme or focus change
            self._base = self.rich_style
        base = self._base
        if not self.entries:
            note = Text("No divergences (yet)", style="dim") if y == 0 else Text()
            return self._fit(note, width).apply_style(base)
        index, line = self._locate(y + int(self.scroll_y))
        if index >= len(self.entries):
            return Strip.blank(width, base)
        if index == self._selected:
            if not self._opened:
                selected = "panel--selected-focused" if self.has_focus else "panel--selected"
                style = self.get_component_rich_style(selected)
                self._opened = [s.apply_style(style) for s in self._open(self.entries[index])]
            return self._opened[line].apply_style(base)
        divergence = self.entries[index]
        lines = self._briefs.get(divergence.id)
        if lines is None:
            lines = self._briefs[divergence.id] = self._entry(divergence)
        return lines[line].apply_style(base)

    def _fit(self, text: Text, width: int) -> Strip:
        return one_line(text, width, self.app.console)

    def _glyph(self, divergence: Divergence) -> Text:
        kind = KIND_STYLES[divergence.kind]
        text = Text(end="", no_wrap=True)
        text.append(kind.glyph, style=kind.style)
        text.append(" ")
        mark = self._marks.get(divergence.id)
        if mark:
            text.append(f"{mark} ", style="bold")
        return text

    def _entry(self, divergence: Divergence) -> list[Strip]:
        """The kind's glyph (its colour and text style) and the brief over two lines."""
        return self._lines(divergence, self._model.briefs[divergence.id], ENTRY_LINES)

    def _open(self, divergence: Divergence) -> list[Strip]:
        """The glyph and the whole claim over OPENED_LINES lines."""
        return self._lines(divergence, self._model.details[divergence.id], OPENED_LINES)

    def _lines(self, divergence: Divergence, claim: str, count: int) -> list[Strip]:
        """`claim` wrapped under the glyph to exactly `count` lines, an ellipsis if longer."""
        width = self._width
        claim = clean(claim)
        starts = [*line_starts(claim, max(1, width - INDENT)), len(claim)]
        pieces = [claim[a:b].strip() for a, b in itertools.pairwise(starts)]
        if len(pieces) > count:
            pieces = pieces[:count]
            pieces[-1] += " …"  # one_line cuts the line to fit, ellipsis and all
        pieces += [""] * (count - len(pieces))
        first = self._glyph(divergence)
        first.append(pieces[0])
        rest = [Text(" " * INDENT + piece, end="", no_wrap=True) for piece in pieces[1:]]
        return [self._fit(text, width) for text in (first, *rest)]
