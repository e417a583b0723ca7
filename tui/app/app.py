"""ParallaxApp: presents a Comparison that a `ComparisonLoader` produces; does no analysis.

The widgets are composed here and the actions are handled here; loading and comparing live in
`session.py`, the key table in `commands.py`, the header and status text in `status.py`, and
where search and divergence keys go in `navigation.py`.
"""

from __future__ import annotations

import datetime as dt
import re
import webbrowser
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from platformdirs import user_data_path, user_pictures_dir
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.app import commands
from tui.app.briefing import BriefScreen, Target
from tui.app.commands import COMMANDS
from tui.app.discovery import ArticleFinder
from tui.app.export import export_in_child
from tui.app.grid import GUTTER, ComparisonGrid
from tui.app.layout import GridModel, build_columns, build_model
from tui.app.loader import ComparisonLoader, EventChoice, Progress
from tui.app.reader import ReaderScreen, citation
from tui.app.review import (
    MARKS,
    Review,
    Status,
    load_reviews,
    review_of,
    review_path,
    save_reviews,
)
from tui.app.screens import (
    ConfirmScreen,
    EventPickerScreen,
    HelpScreen,
    NoteScreen,
    Pick,
    SearchBar,
)
from tui.app.session import Listener, Session
from tui.app.settings import DEFAULT_HIDDEN, Settings, load_settings
from tui.app.sidebar import DivergencePanel
from tui.app.status import SummaryBar, status_line, summary
from tui.app.threads import DaemonExecutor, in_thread
from tui.app.worddiff import WordDiffScreen
from tui.files import write_atomically
from tui.model import Comparison, DivergenceKind, Source

# Divergence id -> (status, note), as the report's renderer takes them.
ReviewNotes = Mapping[str, tuple[str, str]]
MarkdownRenderer = Callable[[Comparison, ReviewNotes], str]
UrlOpener = Callable[[str], object]

# Below this many characters per source, one column per side with a source switcher.
READABLE_WIDTH = 28
# Below this terminal width the panel starts hidden, leaving the columns the room (p shows it).
PANEL_MIN_TERMINAL = 100
# Browsers that would take over this very terminal: as good as none for a TUI.
CONSOLE_BROWSERS = frozenset({"lynx", "links", "elinks", "w3m", "www-browser"})


def report_filename(event_id: str) -> str:
    """A file name from an event id that came from a config file (so: no path separators).

    An id with nothing usable left ("...", "/") falls back to report.md: ".md" alone would
    be a hidden file the user never finds.
    """
    stem = re.sub(r"[^\w.-]+", "_", event_id).strip("._")
    return f"{stem}.md" if stem else "report.md"


def open_in_browser(url: str) -> bool:
    """Open `url` in a graphical browser; False when there is none (say, over ssh)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if getattr(browser, "name", "") in CONSOLE_BROWSERS:
        return False
    return bool(browser.open(url))


def _render_markdown(comparison: Comparison, reviews: ReviewNotes) -> str:
    from tui.report.markdown import render_markdown

    return render_markdown(comparison, reviews)


# App actions that make sense on any screen; the others act on the main view only.
# focus_next/previous: tab in a modal screen (the discover list, confirm) reaches its buttons.
_EVERYWHERE = frozenset(
    {"quit", "help", "command_palette", "help_quit", "focus_next", "focus_previous"}
)


class KeyBar(Widget):
    """The footer: one line of keys from the command table, Help and Quit always in it."""

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $panel; color: $foreground; }
    """

    def render(self) -> Text:
        app = self.app
        keymap = getattr(app, "_keymap", {})
        return commands.footer_text(self.size.width, keymap, self._display, COMMANDS)

    def _display(self, key: str) -> str:
        return self.app.get_key_display(commands.Binding(key, ""))


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
        render_markdown: MarkdownRenderer = _render_markdown,
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
        self._export_dir = export_dir if export_dir is not None else Path.cwd()
        self._render_markdown = render_markdown
        self._open_url = open_url
        self.session = Session(
            self,
            Listener(self._show_states, self._compared, self._report_failures, self._problem),
            compare_interval,
        )
        self._settings_file = settings_file
        self._settings, self._settings_problems = Settings(), []
        if settings_file is not None:  # the file's choices over the defaults given here
            self._settings, self._settings_problems = load_settings(settings_file)
            hidden_kinds, open_brief = self._settings.hidden_kinds, self._settings.open_brief
        self._hidden: frozenset[DivergenceKind] = frozenset(hidden_kinds)
        self._open_brief = open_brief
        self._screenshot_dir = screenshot_dir or Path(user_pictures_dir()) / "Parallax"
        self._review_dir = review_dir or user_data_path("parallax") / "reviews"
        self.reviews: dict[str, Review] = {}
        self._per_side = False  # one column per side (the terminal is too narrow for all)
        self._chosen: dict[str, str] = {}  # side id -> the source its column shows
        self._panel_wanted: bool | None = None  # p's choice; None: by terminal width

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

    def compose(self) -> ComposeResult:
        yield SummaryBar(id="summary")
        with Horizontal(id="main"):
            yield ComparisonGrid(id="grid")
            yield DivergencePanel(id="panel")
        yield Static(id="status")
        yield SearchBar(id="search")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        # Extraction threads that the pipeline starts must not hold up quitting.
        self._loop.set_default_executor(DaemonExecutor())  # type: ignore[union-attr]
        self.grid.set_hidden_kinds(self._hidden)
        self.panel.set_hidden_kinds(self._hidden)
        self._apply_settings()
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

    # --- loading (the session does it; these show what it says) -----------------------------

    def start(self, loader: ComparisonLoader) -> None:
        """Show `loader`'s event: columns at once, text as it arrives."""
        event = loader.event
        self.sub_title = f"{event.title} · {event.date.isoformat()}"
        self.reviews, problem = load_reviews(review_path(self._review_dir, event.id))
        if problem:
            self.notify(problem, title="Reviews", severity="warning", timeout=10)
        self.session.start(loader)
        self._show()

    def _compared(self, comparison: Comparison) -> None:
        session = self.session
        previous, session.comparison = session.comparison, comparison
        try:
            self._show()
        except Exception as exc:  # a comparison the grid cannot lay out: keep the old one
            session.comparison = previous
            self.notify(
                f"{type(exc).__name__}: {exc}",
                title="Could not show the comparison",
                severity="error",
            )
            return
        if isinstance(self.screen, BriefScreen):
            self.screen.show(self.grid.model, comparison)

    def _problem(self, title: str, message: str) -> None:
        self.notify(message, title=title, severity="error", timeout=10)

    def _report_failures(self, sources: Sequence[Source]) -> None:
        """One notification per load, however many sources failed: a dozen dead outlets
        must not bury the screen under a dozen toasts. Each column keeps its own reason."""
        failed = [s for s in sources if not s.ok]
        if not failed:
            return
        reasons = Counter(s.error or "failed" for s in failed)
        if len(reasons) == 1:
            detail = next(iter(reasons))
        else:
            detail = "\n".join(f"{s.outlet.name}: {s.error or 'failed'}" for s in failed[:4])
            if len(failed) > 4:
                detail += f"\n… and {len(failed) - 4} more (see the column headers)"
        self.notify(
            f"{detail}\nFocus a column and press r to retry it, or R to retry all.",
            title=f"{len(failed)} of {len(sources)} sources failed",
            severity="error",
            timeout=10,
        )

    # --- showing -----------------------------------------------------------------------------

    def _model(self) -> GridModel:
        session = self.session
        assert session.loader is not None
        if self.grid.size.width:  # decided before laying out, not after a first wasted layout
            self._per_side = self._wants_per_side(self.grid.size.width)
        comparison = session.comparison
        sides = comparison.sides if comparison else session.loader.sides
        chosen = self._chosen if self._per_side else None
        return build_model(session.plan, sides, comparison, chosen)

    def _show(self) -> None:
        model = self._model()
        self.grid.set_model(model)
        self.panel.set_marks(self._review_marks())
        self.panel.show(model)
        self._show_states()
        self._show_cursor()

    def _show_states(self) -> None:
        session = self.session
        if session.loader is None:
            return
        grid = self.grid
        grid.set_states(session.states)
        self._show_summary()

    def _show_summary(self) -> None:
        session = self.session
        if session.loader is None:
            return
        comparison = session.comparison
        sides = comparison.sides if comparison else session.loader.sides
        text = summary(
            session.loader.event,
            build_columns(session.plan, sides, comparison),  # every source, one column or not
            session.states,
            session.comparison,
            self._hidden,
        )
        # Fixed height: a relayout would repaint the whole screen.
        self.query_one("#summary", Static).update(text, layout=False)

    def _show_cursor(self) -> None:
        """Say what diverges where the cursor is, and select it in the panel."""
        grid = self.grid
        current = grid.current_divergence
        self.panel.highlight_divergence(current.id if current else None)
        self.query_one("#status", Static).update(self._status_text(), layout=False)

    def _status_text(self) -> Text:
        grid = self.grid
        column, row = grid.current_column, grid.current_row
        search = None
        position = grid.match_position
        if position is not None:
            search = (grid.query, *position)
        current = grid.current_divergence
        review = self.reviews.get(current.id) if current is not None else None
        return status_line(
            grid.model,
            column,
            self.session.states.get(column.source_id) if column else None,
            row,
            (grid.cursor_row, len(grid.visible_rows)),
            grid.shown_kinds(row) if row else (),
            grid.current_divergence,
            numbering=self.panel.entries,
            loading=self.session.comparison is None,
            search=search,
            review=(MARKS[review.status], review.status, review.note) if review else None,
        )

    def on_comparison_grid_cursor_moved(self, message: ComparisonGrid.CursorMoved) -> None:
        if self.grid.hidden_kinds != self._hidden:  # a jump showed a hidden kind
            self._set_hidden(self.grid.hidden_kinds)
        self._show_cursor()

    def on_resize(self, event: events.Resize) -> None:
        if self._panel_wanted is None:
            self.panel.display = event.size.width >= PANEL_MIN_TERMINAL

    def _wants_per_side(self, width: int) -> bool:
        """One column per side when the sources would get less than READABLE_WIDTH each."""
        session = self.session
        readable = [
            p
            for p in session.plan
            if p.id not in session.states or session.states[p.id].state != "error"
        ]
        sides = {p.outlet.side for p in session.plan}
        room = max(0, width - GUTTER)
        return len(sides) < len(readable) and room < len(readable) * READABLE_WIDTH

    def on_comparison_grid_resized(self, message: ComparisonGrid.Resized) -> None:
        wanted = self._wants_per_side(message.width)
        if self.session.loader is not None and wanted != self._per_side:
            self._show()

    def action_switch_source(self) -> None:
        """In one-column-per-side mode: show the focused side's next source."""
        column = self.grid.current_column
        if column is None:
            return
        if not self._per_side:
            self.notify(
                "Every source has its own column; s switches sources when the terminal is "
                "too narrow for them all.",
                timeout=4,
            )
            return
        session = self.session
        ids = [p.id for p in session.plan if p.outlet.side == column.side.id]
        if len(ids) < 2:
            self.notify(f"{column.side.label} has one source here.", timeout=3)
            return
        chosen = ids[(ids.index(column.source_id) + 1) % len(ids)]
        self._chosen[column.side.id] = chosen
        self._show()
        self.grid.move_cursor(column=self.grid.model.column_index(chosen))
        shown = self.grid.current_column
        if shown is not None:
            self.notify(f"{shown.side.label}: {shown.outlet} ({shown.choice})", timeout=3)

    def on_divergence_panel_chosen(self, message: DivergencePanel.Chosen) -> None:
        self.grid.jump_to_divergence(message.divergence)

    # --- actions -----------------------------------------------------------------------------

    def _step_divergence(self, delta: int) -> None:
        """Move to the next or previous divergence; the CursorMoved handler updates the
        status line and the panel."""
        if self.grid.step_divergence(delta) is None:
            self.notify("No divergences to move to.", severity="warning", timeout=3)

    def action_next_divergence(self) -> None:
        self._step_divergence(1)

    def action_previous_divergence(self) -> None:
        self._step_divergence(-1)

    def action_toggle_divergent(self) -> None:
        grid = self.grid
        grid.set_only_divergent(not grid.only_divergent)
        shown = "only rows that diverge" if grid.only_divergent else "every row"
        self.notify(f"Showing {shown}.", timeout=3)

    def _set_hidden(self, hidden: frozenset[DivergenceKind]) -> None:
        self._hidden = hidden
        self.grid.set_hidden_kinds(hidden)
        self.panel.set_hidden_kinds(hidden)
        self._show_summary()
        self._show_cursor()

    def action_toggle_kind(self, kind: DivergenceKind) -> None:
        """Show or hide one kind of divergence in the panel, the grid's marks and `d`."""
        self._set_hidden(self._hidden ^ {kind})

    def action_toggle_panel(self) -> None:
        """Hide the divergence panel to give wide events more room for columns."""
        panel = self.panel
        panel.display = self._panel_wanted = not panel.display
        if not panel.display and panel.has_focus:
            self.grid.focus()

    def action_toggle_wrap(self) -> None:
        self.grid.set_wrap(not self.grid.wrap)

    def action_search(self) -> None:
        self.query_one(SearchBar).open(self.grid.query)

    def on_input_submitted(self, event: SearchBar.Submitted) -> None:
        bar = self.query_one(SearchBar)
        bar.close()
        grid = self.grid
        grid.focus()
        query = event.value
        count = grid.set_search(query)
        if query and count:
            grid.step_match(1)
        elif query:
            self.notify(f"No match for “{query}”.", severity="warning", timeout=4)
        self._show_cursor()

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.grid.focus()

    def _step_match(self, delta: int) -> None:
        if self.grid.step_match(delta) is None:
            self.notify("No search matches: press / to search.", severity="warning", timeout=3)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _review_marks(self) -> dict[str, str]:
        return {key: MARKS[review.status] for key, review in self.reviews.items()}

    def action_review(self, status: Status) -> None:
        """Confirm or reject the current divergence, with a note; saved at once."""
        current = self.grid.current_divergence
        loader = self.session.loader
        if current is None or loader is None:
            self.notify("No divergence here to review: ] goes to the next.", timeout=3)
            return
        before = self.reviews.get(current.id)
        question = f"Mark {current.id} ({current.kind}) {status}: {current.summary}"

        def save(note: str | None) -> None:
            if note is None:
                return
            self.reviews[current.id] = review_of(current, status, note)
            path = review_path(self._review_dir, loader.event.id)
            try:
                save_reviews(path, loader.event.id, self.reviews)
            except OSError as exc:
                self.notify(
                    f"Could not save the review in {path}: {exc.strerror or exc}",
                    title="Review not saved",
                    severity="error",
                )
                return
            self.panel.set_marks(self._review_marks())
            self._show_cursor()
            self.notify(f"{current.id} {status}; saved in {path}", timeout=4)

        self.push_screen(NoteScreen(question, before.note if before else ""), save)

    def action_export(self, confirmed_only: bool = False) -> None:
        comparison = self.session.comparison
        if comparison is None:
            self.notify("Nothing to export yet: no source has loaded.", severity="warning")
            return
        if confirmed_only:
            kept = tuple(
                d
                for d in comparison.divergences
                if d.id in self.reviews and self.reviews[d.id].status == "confirmed"
            )
            if not kept:
                self.notify("No confirmed findings yet: c confirms one.", severity="warning")
                return
            comparison = replace(comparison, divergences=kept)
        name = report_filename(comparison.event.id)
        if confirmed_only:
            name = name.removesuffix(".md") + "-confirmed.md"
        path = self._export_dir / name
        if path.exists():
            self.push_screen(
                ConfirmScreen(f"{path} already exists. Overwrite it?", yes="Overwrite"),
                lambda overwrite: self._export(comparison, path) if overwrite else None,
            )
        else:
            self._export(comparison, path)

    def _export(self, comparison: Comparison, path: Path) -> None:
        """Render and write off the UI thread: a 60-source report took 28 s to render."""
        self.notify(f"Writing the report to {path}…", title="Exporting", timeout=3)
        self.run_worker(self._export_worker(comparison, path), group="export", exit_on_error=False)

    async def _export_worker(self, comparison: Comparison, path: Path) -> None:
        notes = {key: (r.status, r.note) for key, r in self.reviews.items()}
        render = self._render_markdown

        def write() -> None:
            if render is _render_markdown:  # in a process of its own: see tui.app.export
                export_in_child(comparison, notes, path)
                return
            text = render(comparison, notes)  # a renderer handed in (tests): here
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text.encode("utf-8"))

        try:
            await in_thread(write)
        except OSError as exc:
            self.notify(
                f"Could not write {path}: {exc.strerror or exc}. Check the directory exists "
                "and is writable.",
                title="Export failed",
                severity="error",
            )
            return
        except Exception as exc:
            self.notify(str(exc) or type(exc).__name__, title="Export failed", severity="error")
            return
        pending = self.session.loading
        note = f"\n({pending} sources were still loading.)" if pending else ""
        self.notify(f"Report written to {path}{note}", title="Exported", timeout=8)

    def action_open_source(self) -> None:
        column = self.grid.current_column
        if column is None:
            return
        url = column.location
        try:
            opened = self._open_url(url)
        except Exception as exc:
            opened = False
            reason = f"Could not open {url}: {exc}."
        else:
            reason = "No web browser is available here to open it."
        if opened is not False:
            self.notify(f"Asked the browser to open {url}", timeout=3)
            return
        self.push_screen(
            ConfirmScreen(f"{reason}\n{url}\nCopy the URL to the clipboard?", yes="Copy"),
            lambda copy: self._copy(url, "the URL") if copy else None,
        )

    def _copy(self, text: str, what: str) -> None:
        """Copy through the terminal (OSC 52), which works over ssh; not every terminal
        allows it, so the message says where it was sent rather than promising."""
        self.copy_to_clipboard(text)
        self.notify(f"Copied {what} to the clipboard (if the terminal allows it).", timeout=4)

    def action_refetch(self) -> None:
        column = self.grid.current_column
        if column is None or self.session.loader is None:
            return
        self.session.load([column.source_id], refresh=True)
        self.notify(f"Refetching {column.outlet}…", timeout=3)

    def _apply_settings(self) -> None:
        """Theme, panel width and keymap from the settings; every problem in one message."""
        settings, problems = self._settings, list(self._settings_problems)
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                known = ", ".join(sorted(self.available_themes))
                problems.append(
                    f"{self._settings_file}: theme: unknown '{settings.theme}' ({known})"
                )
        if settings.panel_width is not None:
            self.panel.styles.width = settings.panel_width
            self.panel.styles.max_width = settings.panel_width
        known_ids = {c.id for c in COMMANDS} | {
            b.id
            for b in (*ComparisonGrid.BINDINGS, *DivergencePanel.BINDINGS)
            if isinstance(b, commands.Binding) and b.id
        }
        unknown = sorted(set(settings.keymap) - known_ids)
        if unknown:
            problems.append(
                f"{self._settings_file}: keymap: no binding called {', '.join(unknown)} "
                "(the help screen, ?, lists the keys; README lists the ids)"
            )
        self.set_keymap({k: v for k, v in settings.keymap.items() if k in known_ids})
        self.query_one(KeyBar).refresh()
        if problems:
            self.notify(
                "\n".join(problems) + "\nThe other settings are in use; the rest are defaults.",
                title="Settings",
                severity="warning",
                timeout=12,
            )

    def action_refetch_all(self) -> None:
        """Reload sources.yaml (a broken one keeps the old config and says why) and the
        settings, then fetch every source again."""
        loader = self.session.loader
        if loader is None:
            return
        try:
            fresh = loader.reload()
        except Exception as exc:
            self.notify(
                f"{exc}\nKeeping the configuration loaded before.",
                title="sources.yaml not reloaded",
                severity="error",
                timeout=12,
            )
            fresh = loader
        if self._settings_file is not None:
            self._settings, self._settings_problems = load_settings(self._settings_file)
            self._apply_settings()
        if fresh is loader:
            self.session.load(None, refresh=True)
        else:
            self.session.start(fresh, refresh=True)
            self._show()
        self.notify("Refetching every source…", timeout=3)

    def action_screenshot(self) -> None:
        """An SVG of the screen in a folder that exists (made if need be), saying where;
        Textual's own wrote to a Downloads folder that may not exist, and failed silently."""
        folder = self._screenshot_dir
        name = f"parallax-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.svg"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(folder / name, self.export_screenshot().encode("utf-8"))
        except OSError as exc:
            self.notify(
                f"Could not save the screenshot in {folder}: {exc.strerror or exc}",
                title="Screenshot failed",
                severity="error",
            )
            return
        self.notify(f"Saved {folder / name}", title="Screenshot", timeout=6)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_help(), self.grid.model.columns))

    def action_help_quit(self) -> None:
        """ctrl+c: Textual's own hint is markup, which these notifications show literally."""
        quit_keys = commands.shown_keys(self._keymap.get("app.quit", "q"), self._key_display)
        self.notify(f"Press {quit_keys} to quit Parallax.", title="Quit?", timeout=4)

    def action_brief(self) -> None:
        """The brief over the grid; choosing a line jumps to its row."""
        loader = self.session.loader
        if loader is None:
            return
        screen = BriefScreen(f"{loader.event.title} · {loader.event.date.isoformat()}")
        self.push_screen(screen, self._brief_chosen)
        if self.session.comparison is not None:
            self.call_after_refresh(screen.show, self.grid.model, self.session.comparison)

    def _brief_chosen(self, target: Target | None) -> None:
        grid = self.grid
        grid.focus()
        if target is None:
            return
        kind, target_id = target
        if kind == "divergence":
            found = next((d for d in grid.model.divergences if d.id == target_id), None)
            if found is not None:
                grid.jump_to_divergence(found)
        else:
            grid.jump_to_cluster(target_id)

    def _focused_paragraph(self) -> tuple[Source, int] | None:
        """The focused source and the paragraph the cursor's cell shows (its first), or the
        source's next paragraph below when the cell is empty."""
        grid, comparison = self.grid, self.session.comparison
        column = grid.current_column
        if column is None or comparison is None:
            return None
        source = next((s for s in comparison.sources if s.id == column.source_id), None)
        if source is None or not source.paragraphs:
            return None
        rows = grid.visible_rows
        index = grid.cursor_column
        after = [r.cells[index] for r in rows[grid.cursor_row :] if r.cells[index]]
        return source, (after[0][0] if after else 0)

    def action_read(self) -> None:
        found = self._focused_paragraph()
        if found is None:
            self.notify("No article text here to read.", severity="warning", timeout=3)
            return
        source, paragraph = found
        self.push_screen(
            ReaderScreen(source, paragraph), lambda back: self._read_done(source, back)
        )

    def _read_done(self, source: Source, paragraph: int | None) -> None:
        """Back from the reader: to the row of the paragraph it was on."""
        grid = self.grid
        grid.focus()
        comparison = self.session.comparison
        if paragraph is None or comparison is None:
            return
        cluster = next(
            (
                c.id
                for c in comparison.clusters
                if any(m.source == source.id and m.paragraph == paragraph for m in c.members)
            ),
            None,
        )
        if cluster is not None:
            grid.jump_to_cluster(cluster)
            grid.move_cursor(column=grid.model.column_index(source.id))

    def action_word_diff(self) -> None:
        """The focused outlet against the first outlet of another side that has text."""
        grid = self.grid
        model, left = grid.model, grid.cursor_column
        columns = model.columns
        if not columns or self.session.comparison is None:
            self.notify("Nothing to compare yet.", severity="warning", timeout=3)
            return
        readable = [i for i, c in enumerate(columns) if model.paragraphs.get(c.source_id)]
        others = [i for i in readable if columns[i].side.id != columns[left].side.id]
        if left not in readable or not others:
            self.notify(
                "A word diff needs text from two sides: focus a source that loaded.",
                severity="warning",
                timeout=4,
            )
            return
        parties = [i for i in others if not columns[i].side.neutral]
        right = (parties or others)[0]
        self.push_screen(WordDiffScreen(model, left, right), self._diff_done)

    def _diff_done(self, cluster: str | None) -> None:
        self.grid.focus()
        if cluster is not None:
            self.grid.jump_to_cluster(cluster)

    def action_copy_quote(self) -> None:
        found = self._focused_paragraph()
        if found is None:
            self.notify("No article text here to quote.", severity="warning", timeout=3)
            return
        source, paragraph = found
        self._copy(citation(source, paragraph), f"¶ {paragraph + 1} of {source.outlet.name}")

    def action_pick_event(self) -> None:
        self.push_screen(EventPickerScreen(self._events, self._finder), self._event_chosen)

    def _event_chosen(self, pick: Pick | None) -> None:
        if pick is not None and self._loader_for is not None:
            loader = self._loader_for(pick.event_id)
            self.start(loader.reload() if pick.reread else loader)
            self.grid.focus()
            if self._open_brief:
                self.action_brief()

    # --- keys and commands -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main view's keys work only on the main view: on the event picker the footer
        offered "Next div" and the rest, and pressing them acted on a grid out of sight."""
        return action in _EVERYWHERE or self.screen is self.screen_stack[0]

    def _key_display(self, key: str) -> str:
        return self.get_key_display(commands.Binding(key, ""))

    def key_help(self) -> list[tuple[str, str]]:
        """Every binding as (keys, what it does), after the user's keymap is applied."""
        widget_bindings = [b for b in ComparisonGrid.BINDINGS if isinstance(b, commands.Binding)]
        return commands.help_rows(widget_bindings, self._keymap, self._key_display)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's writes to a folder that may not exist
                yield command
        for command in COMMANDS:
            if command.palette:
                yield SystemCommand(command.palette, command.description, self._runner(command))
        if self._events and self._loader_for is not None:
            yield SystemCommand("Switch event", "Compare another event", self.action_pick_event)

    def _runner(self, command: commands.Command) -> Callable[[], None]:
        def run() -> None:
            self.call_later(self.run_action, command.action)

        return run
