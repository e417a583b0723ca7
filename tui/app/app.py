"""ParallaxApp: presents a Comparison that a `ComparisonLoader` produces; does no analysis.

The widgets are composed here and the actions dispatched from here; the work of each lives in
a module named for it: loading and comparing in `session.py` (and what the app shows of it, and
the event picker, in `loading.py`), the key table in `commands.py` (the palette's entries in
`palette.py`, the help and the quit hint in `helping.py`), the header and status text in
`showing.py`, search and stepping in `searching.py` and `navigation.py`, the grid's model and
one column per side in `columns.py`, the d and p toggles in `toggles.py`, the brief, reader
and word diff in `reading.py`, reviews in `reviewing.py`, export in `exporting.py`, browser,
clipboard and screenshots in `outside.py`, refetching in `reloading.py`, settings in
`preferences.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_pictures_dir
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

from tui.app import (
    columns,
    commands,
    helping,
    loading,
    outside,
    reading,
    reloading,
    searching,
    toggles,
)
from tui.app.browser import open_in_browser
from tui.app.exporting import Exporter, MarkdownRenderer, render_report, report_filename
from tui.app.frames import MainScreen
from tui.app.grid import ComparisonGrid
from tui.app.keybar import KeyBar
from tui.app.loader import ComparisonLoader, EventChoice, Progress
from tui.app.outside import UrlOpener
from tui.app.palette import palette_commands
from tui.app.preferences import apply_and_tell
from tui.app.reviewing import ask_review, review_marks
from tui.app.session import Session
from tui.app.settings import DEFAULT_HIDDEN, Settings, load_settings
from tui.app.showing import status_text, summary_text
from tui.app.sidebar import DivergencePanel
from tui.app.status import SummaryBar
from tui.app.threads import DaemonExecutor
from tui.model import Comparison, DivergenceKind
from tui.report.review import Review, Status, default_review_dir

# The modal screens and the search line are imported when first opened (`tui.app.screens`,
# with the event picker's discovery screen): no start shows one, and importing them was 5-6 ms
# of `parallax demo`'s first frame.
if TYPE_CHECKING:
    from tui.app.discovery import ArticleFinder
    from tui.app.screens import SearchBar

__all__ = ["KeyBar", "ParallaxApp", "report_filename"]


class ParallaxApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Parallax"

    BINDINGS: list[BindingType] = [  # noqa: RUF012 (Textual's convention)
        *commands.bindings(),
    ]

    def __init__(
        self,
        loader: ComparisonLoader | None = None,
        *,
        title: str = "Parallax",
        events: Sequence[EventChoice] = (),
        loader_for: Callable[[str], ComparisonLoader] | None = None,
        finder: ArticleFinder | None = None,
        export_dir: Path | None = None,
        render_markdown: MarkdownRenderer = render_report,
        open_url: UrlOpener = open_in_browser,
        compare_interval: float = 0.25,
        hidden_kinds: Collection[DivergenceKind] = DEFAULT_HIDDEN,
        open_brief: bool = True,
        screenshot_dir: Path | None = None,
        review_dir: Path | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.title = title
        self._first_loader = loader
        self._events = tuple(events)
        self._loader_for = loader_for
        self._finder = finder  # the picker's "discover articles" for an event with none
        self._exporter = Exporter(
            self, export_dir if export_dir is not None else Path.cwd(), render_markdown
        )
        self._open_url = open_url
        self.session = Session(self, loading.listener(self, self._show_states), compare_interval)
        self.settings_file = settings_file
        self._settings, self._settings_problems = Settings(), []
        if settings_file is not None:  # the file's choices over the defaults given here
            self._settings, self._settings_problems = load_settings(settings_file)
            hidden_kinds, open_brief = self._settings.hidden_kinds, self._settings.open_brief
        self._hidden: frozenset[DivergenceKind] = frozenset(hidden_kinds)
        self._open_brief = open_brief
        self._screenshot_dir = screenshot_dir or Path(user_pictures_dir()) / "Parallax"
        self.review_dir = review_dir or default_review_dir()
        self.reviews: dict[str, Review] = {}
        self.per_side = False  # one column per side (the terminal is too narrow for all)
        self.chosen: dict[str, str] = {}  # side id -> the source its column shows
        self.panel_wanted: bool | None = None  # p's choice; None: by terminal width

    # --- what tests and the pipeline can look at -----------------------------------------

    @property
    def comparison(self) -> Comparison | None:
        return self.session.comparison

    @property
    def states(self) -> dict[str, Progress]:
        return dict(self.session.states)

    @property
    def grid(self) -> ComparisonGrid:
        return self.query_one(ComparisonGrid)

    @property
    def panel(self) -> DivergencePanel:
        return self.query_one(DivergencePanel)

    @property
    def comparing(self) -> bool:
        return self.session.comparing

    @property
    def settled(self) -> bool:
        return self.session.settled

    @property
    def hidden_kinds(self) -> frozenset[DivergenceKind]:
        return self._hidden

    # --- layout ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield SummaryBar(id="summary")
        with Horizontal(id="main"):
            yield ComparisonGrid(id="grid")
            yield DivergencePanel(id="panel")
        yield Static(id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        # Extraction threads that the pipeline starts must not hold up quitting.
        self._loop.set_default_executor(DaemonExecutor())  # type: ignore[union-attr]
        self.grid.set_hidden_kinds(self._hidden)
        self.grid.on_moved = self._cursor_moved
        self.grid.before_jump = lambda divergence: columns.show_sources_of(self, divergence)
        self.panel.on_chosen = self.grid.jump_to_divergence
        self.panel.set_hidden_kinds(self._hidden)
        apply_and_tell(self, self._settings, self._settings_problems, self.settings_file)
        self.grid.focus()
        if self._first_loader is not None:
            self.start(self._first_loader)
            if self._open_brief:
                self.action_brief()
        elif self._events and self._loader_for is not None:
            self.action_pick_event()
        else:
            self.query_one("#status", Static).update(
                "Nothing to show: start Parallax with an event (parallax open CONFIG --event ID)."
            )

    def on_ready(self) -> None:
        """The first frame is on the screen: loading may begin."""
        self.session.first_frame_painted()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications here quote untrusted text (server errors, paths, search queries):
        they are never read as markup, unlike Textual's default."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- loading (the session does it; `loading` shows what it says) ------------------------

    def start(self, loader: ComparisonLoader) -> None:
        loading.start(self, loader)

    # --- showing -----------------------------------------------------------------------------

    def show(self) -> None:
        model = columns.grid_model(self)
        self.grid.set_model(model)
        self.panel.set_marks(review_marks(self.reviews))
        self.panel.show(model)
        self._show_states()
        self.show_cursor()

    def _show_states(self) -> None:
        if self.session.loader is None:
            return
        self.grid.set_states(self.session.states)
        self._show_summary()

    def _show_summary(self) -> None:
        text = summary_text(self.session, self._hidden)
        if text is not None:  # fixed height: a relayout would repaint the whole screen
            self.query_one("#summary", Static).update(text, layout=False)

    def show_cursor(self) -> None:
        """Say what diverges where the cursor is, and select it in the panel."""
        grid = self.grid
        current = grid.current_divergence
        self.panel.highlight_divergence(current.id if current else None)
        text = status_text(grid, self.panel, self.session, self.reviews)
        self.query_one("#status", Static).update(text, layout=False)

    def _cursor_moved(self) -> None:
        """The grid's cursor moved (told at once, so that one frame shows it all)."""
        grid = self.grid
        if grid.hidden_kinds != self._hidden:  # a jump showed a hidden kind
            self._hidden = grid.hidden_kinds
            self.panel.set_hidden_kinds(self._hidden)
            self._show_summary()
        self.show_cursor()

    def on_resize(self, event: events.Resize) -> None:
        toggles.panel_by_width(self, event.size.width)

    def on_comparison_grid_resized(self, message: ComparisonGrid.Resized) -> None:
        columns.regrid(self, message.width)

    # --- actions: moving about ---------------------------------------------------------------

    def action_switch_source(self) -> None:
        columns.switch_source(self)

    def action_next_divergence(self) -> None:
        searching.step_divergence(self, 1)

    def action_previous_divergence(self) -> None:
        searching.step_divergence(self, -1)

    def action_search(self) -> None:
        self.search_bar().open(self.grid.query)

    def search_bar(self) -> SearchBar:
        """The search line, mounted the first time it is asked for: an Input, styled and laid
        out, was an eighth of the first frame's work, for a line that starts hidden."""
        from tui.app.screens import SearchBar

        found = self.query(SearchBar)
        if found:
            return found.first()
        bar = SearchBar(id="search")
        self.mount(bar, before=self.query_one(KeyBar))
        return bar

    def on_input_submitted(self, event: SearchBar.Submitted) -> None:
        searching.search(self, event.value)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.grid.focus()

    def action_next_match(self) -> None:
        searching.step_match(self, 1)

    def action_previous_match(self) -> None:
        searching.step_match(self, -1)

    # --- actions: what is shown --------------------------------------------------------------

    def action_toggle_divergent(self) -> None:
        toggles.toggle_divergent(self)

    def set_hidden_kinds(self, hidden: frozenset[DivergenceKind]) -> None:
        """Hide `hidden` kinds in the grid, the panel and the header (filters, `R`)."""
        self._hidden = hidden
        self.grid.set_hidden_kinds(hidden)
        self.panel.set_hidden_kinds(hidden)
        self._show_summary()
        self.show_cursor()

    def action_toggle_kind(self, kind: DivergenceKind) -> None:
        """Show or hide one kind of divergence in the panel, the grid's marks and `d`."""
        self.set_hidden_kinds(self._hidden ^ {kind})

    def action_toggle_panel(self) -> None:
        toggles.toggle_panel(self)

    def action_toggle_wrap(self) -> None:
        self.grid.set_wrap(not self.grid.wrap)

    # --- actions: review, export, outside the app --------------------------------------------

    def action_review(self, status: Status) -> None:
        ask_review(self, status)

    def action_export(self, confirmed_only: bool = False) -> None:
        self._exporter.export(self.session.comparison, confirmed_only)

    def action_open_source(self) -> None:
        outside.open_source(self, self._open_url)

    def copy(self, text: str, what: str) -> None:
        outside.copy(self, text, what)

    def action_screenshot(self) -> None:
        outside.screenshot(self, self._screenshot_dir)

    def action_refetch(self) -> None:
        reloading.refetch(self)

    def action_refetch_all(self) -> None:
        reloading.refetch_all(self)

    # --- actions: other screens ---------------------------------------------------------------

    def action_help(self) -> None:
        helping.show_help(self, self._keymap)

    def action_help_quit(self) -> None:
        helping.quit_hint(self, self._keymap)

    def action_brief(self) -> None:
        reading.open_brief(self)

    def action_read(self) -> None:
        reading.open_reader(self)

    def action_word_diff(self) -> None:
        reading.open_word_diff(self)

    def action_copy_quote(self) -> None:
        reading.copy_quote(self)

    def action_pick_event(self) -> None:
        loading.pick_event(self, self._events, self._finder, self._loader_for, self._open_brief)

    # --- keys and commands -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main view's keys work only on the main view: on the event picker the footer
        offered "Next div" and the rest, and pressing them acted on a grid out of sight."""
        return action in commands.EVERYWHERE or self.screen is self.screen_stack[0]

    def key_help(self) -> list[tuple[str, str]]:
        return helping.key_help(self, self._keymap)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's writes to a folder that may not exist
                yield command
        can_switch = bool(self._events and self._loader_for is not None)
        yield from palette_commands(self, can_switch, main=screen is self.screen_stack[0])
