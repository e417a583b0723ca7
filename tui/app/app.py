"""ParallaxApp: presents a Comparison that a `ComparisonLoader` produces; does no analysis.

Loading runs in workers: the loader reports progress per source, and every time sources
arrive the app asks the loader to compare what it has so far (throttled, off the UI thread),
so columns fill in while slower outlets are still downloading.
"""

from __future__ import annotations

import asyncio
import re
import threading
import webbrowser
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from tui import report
from tui.app.grid import ComparisonGrid
from tui.app.highlight import KIND_STYLES, plain
from tui.app.layout import GridModel, build_model
from tui.app.loader import (
    ComparisonLoader,
    EventChoice,
    PlannedSource,
    Progress,
    finished,
    loader_sides,
)
from tui.app.progress import state_label, summary
from tui.app.screens import ConfirmScreen, EventPickerScreen, HelpScreen, SearchBar
from tui.app.sidebar import DivergencePanel
from tui.files import write_atomically
from tui.model import Comparison, Source

MarkdownRenderer = Callable[[Comparison], str]


def report_filename(event_id: str) -> str:
    """A file name from an event id that came from a config file (so: no path separators).

    An id with nothing usable left ("...", "/") falls back to report.md: ".md" alone would
    be a hidden file the user never finds.
    """
    stem = re.sub(r"[^\w.-]+", "_", event_id).strip("._")
    return f"{stem}.md" if stem else "report.md"


# App actions that make sense on any screen; the others act on the main view only.
_EVERYWHERE = frozenset({"quit", "help", "command_palette"})


class ParallaxApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Parallax"

    BINDINGS: list[BindingType] = [  # noqa: RUF012 (Textual's convention)
        Binding("right_square_bracket,n", "next_divergence", "Next div", id="app.next_divergence"),
        Binding(
            "left_square_bracket,N", "previous_divergence", "Prev div", id="app.prev_divergence"
        ),
        Binding("d", "toggle_divergent", "Divergent only", id="app.only_divergent"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("full_stop", "next_match", "Next match", id="app.next_match", show=False),
        Binding("comma", "previous_match", "Prev match", id="app.prev_match", show=False),
        Binding("w", "toggle_wrap", "Wrap", id="app.wrap"),
        Binding("e", "export", "Export", id="app.export"),
        Binding("o", "open_source", "Open URL", id="app.open"),
        Binding("r", "refetch", "Refetch", id="app.refetch"),
        Binding("R", "refetch_all", "Refetch all", id="app.refetch_all", show=False),
        Binding("p", "toggle_panel", "Panel", id="app.panel"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        loader: ComparisonLoader | None = None,
        *,
        title: str = "Parallax",
        events: Sequence[EventChoice] = (),
        loader_for: Callable[[str], ComparisonLoader] | None = None,
        export_dir: Path | None = None,
        render_markdown: MarkdownRenderer = report.render_markdown,
        open_url: Callable[[str], object] = webbrowser.open,
        compare_interval: float = 0.25,
    ) -> None:
        super().__init__()
        self.title = title
        self._loader = loader
        self._events = tuple(events)
        self._loader_for = loader_for
        self._export_dir = export_dir if export_dir is not None else Path.cwd()
        self._render_markdown = render_markdown
        self._open_url = open_url
        self._compare_interval = compare_interval
        self._plan: tuple[PlannedSource, ...] = ()
        self._states: dict[str, Progress] = {}
        self._sources: dict[str, Source] = {}
        self._comparison: Comparison | None = None
        self._compare_timer: Timer | None = None
        self._compare_queued = False
        self._generation = 0
        # Load requests: every _load() takes the next number and stamps it on each source it
        # fetches. Only the newest request for a source may change that source, so a slow
        # older fetch (or the previous event's) can't overwrite a newer one.
        self._request_counter = 0
        self._requests: dict[str, int] = {}
        self._pending_loads: set[int] = set()

    # --- what tests and the pipeline can look at -----------------------------------------

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def states(self) -> dict[str, Progress]:
        return dict(self._states)

    @property
    def grid(self) -> ComparisonGrid:
        return self.query_one(ComparisonGrid)

    @property
    def comparing(self) -> bool:
        """A comparison is due or running."""
        return self._compare_queued or any(
            w.group == "compare" and w.is_running for w in self.workers
        )

    @property
    def settled(self) -> bool:
        """Nothing loading, nothing waiting to be compared."""
        return not self._pending_loads and not self.comparing

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        with Horizontal(id="main"):
            yield ComparisonGrid(id="grid")
            yield DivergencePanel(id="panel")
        yield Static(id="status")
        yield SearchBar(id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.grid.focus()
        if self._loader is not None:
            self.start(self._loader)
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

    # --- loading -----------------------------------------------------------------------------

    def start(self, loader: ComparisonLoader) -> None:
        """Show `loader`'s event: columns at once, text as it arrives.

        Whatever the previous event still had running is cancelled and forgotten: its
        source ids are outlet ids, so its late arrivals would land in this event's columns.
        """
        self.workers.cancel_group(self, "load")
        self.workers.cancel_group(self, "compare")
        if self._compare_timer is not None:
            self._compare_timer.stop()
            self._compare_timer = None
        self._compare_queued = False
        self._requests = {}
        self._pending_loads = set()
        self._loader = loader
        self._generation += 1
        self._plan = loader.plan()
        self._states = {p.id: Progress(p.id, "queued") for p in self._plan}
        self._sources = {}
        self._comparison = None
        event = loader.event
        self.sub_title = f"{event.title} · {event.date.isoformat()}"
        self._show()
        self._load(None, refresh=False)

    def _load(self, only: Collection[str] | None, refresh: bool) -> None:
        assert self._loader is not None
        ids = list(only) if only is not None else [p.id for p in self._plan]
        self._request_counter += 1
        request = self._request_counter
        for source_id in ids:
            self._states[source_id] = Progress(source_id, "queued")
            self._requests[source_id] = request
        self._show_states()
        self._pending_loads.add(request)
        self.run_worker(
            self._load_worker(self._loader, request, only, refresh),
            group="load",
            exit_on_error=False,
        )

    def _is_current(self, loader: ComparisonLoader, request: int, source_id: str) -> bool:
        """Whether `request` of `loader` is still the one that speaks for `source_id`."""
        return loader is self._loader and self._requests.get(source_id) == request

    async def _load_worker(
        self,
        loader: ComparisonLoader,
        request: int,
        only: Collection[str] | None,
        refresh: bool,
    ) -> None:
        """Run one load; its progress and results count only while it is still the newest
        request for each source (see `_requests`)."""

        def on_progress(progress: Progress) -> None:
            self._on_load_progress(progress, loader, request)

        try:
            sources = await loader.load(on_progress, only=only, refresh=refresh)
        except Exception as exc:  # the loader promised not to raise; say so rather than die
            sources = ()
            reason = f"loader failed: {exc}"
            ids = only if only is not None else [p.id for p in self._plan]
            mine = [i for i in ids if self._is_current(loader, request, i)]
            for source_id in mine:
                self._states[source_id] = Progress(source_id, "error", reason)
            if mine:
                self.notify(reason, title="Loading failed", severity="error", timeout=10)
        finally:
            self._pending_loads.discard(request)
        if loader is not self._loader:  # the user switched events meanwhile
            return
        sources = [s for s in sources if self._is_current(loader, request, s.id)]
        for source in sources:
            self._sources[source.id] = source
            state = self._states.get(source.id)
            if not finished(state):
                self._states[source.id] = Progress(
                    source.id, "done" if source.ok else "error", source.error or "", source
                )
        self._show_states()
        self._report_failures(sources)
        self._compare_now()

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

    def _on_load_progress(self, progress: Progress, loader: ComparisonLoader, request: int) -> None:
        """A loader's report on one source, dropped if a newer request (or event) owns it."""
        if threading.get_ident() != self._thread_id:
            self.call_from_thread(self._on_load_progress, progress, loader, request)
            return
        if self._is_current(loader, request, progress.source_id):
            self._on_progress(progress)

    def _on_progress(self, progress: Progress) -> None:
        """Show a source's progress (loads come through `_on_load_progress`'s check)."""
        if threading.get_ident() != self._thread_id:
            self.call_from_thread(self._on_progress, progress)
            return
        self._states[progress.source_id] = progress
        if progress.source is not None:
            self._sources[progress.source_id] = progress.source
            self._schedule_compare()
        self._show_states()

    def _schedule_compare(self) -> None:
        """Compare at most once per interval however many sources arrive meanwhile."""
        if self._compare_queued:
            return
        self._compare_queued = True
        if self._compare_interval > 0:
            self._compare_timer = self.set_timer(self._compare_interval, self._compare_now)
        else:
            self.call_later(self._compare_now)

    def _compare_now(self) -> None:
        if self._compare_timer is not None:
            self._compare_timer.stop()
            self._compare_timer = None
        self._compare_queued = False
        if not self._sources or self._loader is None:
            return
        order = {p.id: i for i, p in enumerate(self._plan)}
        sources = sorted(self._sources.values(), key=lambda s: order.get(s.id, len(order)))
        self._generation += 1
        self.run_worker(
            self._compare_worker(self._generation, self._loader, sources),
            group="compare",
            exit_on_error=False,
        )

    async def _compare_worker(
        self, generation: int, loader: ComparisonLoader, sources: list[Source]
    ) -> None:
        try:
            comparison = await asyncio.to_thread(loader.compare, sources)
        except Exception as exc:
            self.notify(f"{type(exc).__name__}: {exc}", title="Comparison failed", severity="error")
            return
        if generation != self._generation:
            return
        previous, self._comparison = self._comparison, comparison
        try:
            self._show()
        except Exception as exc:  # a comparison the grid cannot lay out: keep the old one
            self._comparison = previous
            self.notify(
                f"{type(exc).__name__}: {exc}",
                title="Could not show the comparison",
                severity="error",
            )

    # --- showing -----------------------------------------------------------------------------

    def _model(self) -> GridModel:
        assert self._loader is not None
        sides = self._comparison.sides if self._comparison else loader_sides(self._loader)
        return build_model(self._plan, sides, self._comparison)

    def _show(self) -> None:
        model = self._model()
        self.grid.set_model(model)
        self.query_one(DivergencePanel).show(model)
        self._show_states()
        self._show_cursor()

    def _show_states(self) -> None:
        if self._loader is None:
            return
        grid = self.grid
        grid.set_states(self._states)
        self.query_one("#summary", Static).update(
            summary(self._loader.event, grid.model.columns, self._states, self._comparison),
            layout=False,  # fixed height: a relayout would repaint the whole screen
        )

    def _show_cursor(self) -> None:
        """Say what diverges where the cursor is, and select it in the panel."""
        current = self.grid.current_divergence
        self.query_one(DivergencePanel).highlight_divergence(current.id if current else None)
        self.query_one("#status", Static).update(self._status_text(), layout=False)

    def _status_text(self) -> Text:
        """Where the cursor is and what diverges there, so the editor need not read the panel:
        the source (and its state unless it loaded fine), the row, the glyph of every kind
        on the row, then the current divergence's kind, number and claim."""
        grid = self.grid
        row, column = grid.current_row, grid.current_column
        text = Text(end="")
        if column is not None:
            text.append_text(plain(column.outlet))
            text.stylize("bold")
            progress = self._states.get(column.source_id)
            if progress is None or progress.state not in ("done", "cached"):
                text.append(" ")
                text.append_text(state_label(progress))
        if row is None:
            if self._comparison is None:
                text.append("   waiting for the first sources…", style="dim")
            return text
        text.append(f" · row {grid.cursor_row + 1}/{len(grid.visible_rows)}")
        current = grid.current_divergence
        if current is None:
            text.append(" · no divergence here", style="dim")
            return text
        text.append(" ·")
        for kind in row.kinds:
            text.append(" ")
            text.append(KIND_STYLES[kind].glyph, style=KIND_STYLES[kind].style)
        model = grid.model
        style = KIND_STYLES[current.kind]
        text.append("  │ ")
        text.append(f"{style.glyph} {current.kind}", style=style.style)
        text.append(f" {model.divergence_number(current)}/{len(model.divergences)} ", style="bold")
        text.append_text(plain(model.details[current.id]))
        return text

    def on_comparison_grid_cursor_moved(self, message: ComparisonGrid.CursorMoved) -> None:
        self._show_cursor()

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

    def action_toggle_panel(self) -> None:
        """Hide the divergence panel to give wide events more room for columns."""
        panel = self.query_one(DivergencePanel)
        panel.display = not panel.display
        if not panel.display and panel.has_focus:
            self.grid.focus()

    def action_toggle_wrap(self) -> None:
        self.grid.set_wrap(not self.grid.wrap)

    def action_search(self) -> None:
        self.query_one(SearchBar).open(self.grid._query)

    def on_input_submitted(self, event: SearchBar.Submitted) -> None:
        bar = self.query_one(SearchBar)
        bar.close()
        grid = self.grid
        grid.focus()
        query = event.value
        count = grid.set_search(query)
        if not query:
            return
        if count:
            grid.step_match(1)
            self.notify(f"{count} matches for “{query}” (. next, , previous)", timeout=4)
        else:
            self.notify(f"No match for “{query}”.", severity="warning", timeout=4)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.grid.focus()

    def _step_match(self, delta: int) -> None:
        if self.grid.step_match(delta) is None:
            self.notify("No search matches: press / to search.", severity="warning", timeout=3)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def action_export(self) -> None:
        comparison = self._comparison
        if comparison is None:
            self.notify("Nothing to export yet: no source has loaded.", severity="warning")
            return
        path = self._export_dir / report_filename(comparison.event.id)
        if path.exists():
            self.push_screen(
                ConfirmScreen(f"{path} already exists. Overwrite it?"),
                lambda overwrite: self._export(comparison, path) if overwrite else None,
            )
        else:
            self._export(comparison, path)

    def _export(self, comparison: Comparison, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, self._render_markdown(comparison).encode("utf-8"))
        except OSError as exc:
            self.notify(
                f"Could not write {path}: {exc.strerror or exc}. Check the directory exists "
                "and is writable.",
                title="Export failed",
                severity="error",
            )
            return
        pending = sum(1 for p in self._plan if not finished(self._states.get(p.id)))
        note = f"\n({pending} sources were still loading.)" if pending else ""
        self.notify(f"Report written to {path}{note}", title="Exported", timeout=8)

    def action_open_source(self) -> None:
        column = self.grid.current_column
        if column is None:
            return
        try:
            self._open_url(column.location)
        except Exception as exc:
            self.notify(f"Could not open {column.location}: {exc}", severity="error")
            return
        self.notify(f"Opening {column.location}", timeout=3)

    def action_refetch(self) -> None:
        column = self.grid.current_column
        if column is None or self._loader is None:
            return
        self._load([column.source_id], refresh=True)
        self.notify(f"Refetching {column.outlet}…", timeout=3)

    def action_refetch_all(self) -> None:
        if self._loader is not None:
            self._load(None, refresh=True)
            self.notify("Refetching every source…", timeout=3)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_help(), self.grid.model.columns))

    def action_pick_event(self) -> None:
        self.push_screen(EventPickerScreen(self._events), self._event_chosen)

    def _event_chosen(self, event_id: str | None) -> None:
        if event_id is not None and self._loader_for is not None:
            self.start(self._loader_for(event_id))
            self.grid.focus()

    # --- keys and commands -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main view's keys work only on the main view: on the event picker the footer
        offered "Next div" and the rest, and pressing them acted on a grid out of sight."""
        return action in _EVERYWHERE or self.screen is self.screen_stack[0]

    def key_help(self) -> list[tuple[str, str]]:
        """Every binding as (keys, what it does), after the user's keymap is applied."""
        rows: list[tuple[str, str]] = []
        bindings: Iterable[BindingType] = (*ComparisonGrid.BINDINGS, *self.BINDINGS)
        for binding in bindings:
            assert isinstance(binding, Binding)
            if binding.id and binding.id.startswith("grid.source_"):
                if binding.id == "grid.source_1":
                    rows.append(("1 … 9", "Focus source 1 to 9"))
                continue
            keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
            shown = " / ".join(
                self.get_key_display(Binding(key.strip(), "")) for key in keys.split(",")
            )
            rows.append((shown, binding.description))
        rows += [
            ("↑ ↓ / j k, enter", "In the divergence panel: go through the divergences"),
            ("ctrl+p", "Command palette"),
            ("mouse", "Click a cell, a column or a divergence"),
        ]
        return rows

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Next divergence", "Jump to the next divergence", self.action_next_divergence
        )
        yield SystemCommand(
            "Previous divergence",
            "Jump to the previous divergence",
            self.action_previous_divergence,
        )
        yield SystemCommand(
            "Only divergent rows",
            "Show only rows that diverge (toggle)",
            self.action_toggle_divergent,
        )
        yield SystemCommand("Search", "Search the text of every source", self.action_search)
        yield SystemCommand(
            "Wrap", "Wrap paragraphs or show one line each (toggle)", self.action_toggle_wrap
        )
        yield SystemCommand("Export report", "Write the Markdown report", self.action_export)
        yield SystemCommand("Open source", "Open the focused source's URL", self.action_open_source)
        yield SystemCommand("Refetch source", "Fetch the focused source again", self.action_refetch)
        yield SystemCommand("Refetch all", "Fetch every source again", self.action_refetch_all)
        yield SystemCommand(
            "Divergence panel", "Show or hide the divergence panel", self.action_toggle_panel
        )
        yield SystemCommand("Help", "Keys and highlight legend", self.action_help)
        if self._events and self._loader_for is not None:
            yield SystemCommand("Switch event", "Compare another event", self.action_pick_event)
