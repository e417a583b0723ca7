"""Loading an event and comparing what has arrived: the app's only moving parts.

Sources arrive one by one; after each the comparison is worth redoing, so columns fill in while
slow outlets still download. A comparison of a big event takes seconds of CPU, though, and
used to be started on every throttle tick whether or not the previous one had finished (four
ran at once, 31.8 s of CPU for 12 s of work). Here at most one comparison is in flight and at
most one is pending; the pending one reads the sources when it starts, so the newest wins and
nothing in between is computed for nothing.

Loads are numbered: only the newest request for a source may change it, so a slow older fetch
(or the previous event's) cannot overwrite a newer one. Work runs on daemon threads
(`tui.app.threads`) so that quitting never waits for it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial

from textual.app import App
from textual.timer import Timer

from tui.app.loader import ComparisonLoader, PlannedSource, Progress, finished
from tui.app.threads import in_thread
from tui.model import Comparison, Source


@dataclass(frozen=True)
class Listener:
    """What the session tells the app: states changed, a comparison is ready (the app returns
    False if it could not show it), some sources failed, a step went wrong."""

    states_changed: Callable[[], None]
    compared: Callable[[Comparison], None]
    failed: Callable[[Sequence[Source]], None]
    problem: Callable[[str, str], None]  # title, message


class Session:
    def __init__(self, app: App, listener: Listener, compare_interval: float = 0.25) -> None:
        self._app = app
        self._listener = listener
        self._compare_interval = compare_interval
        self.loader: ComparisonLoader | None = None
        self.plan: tuple[PlannedSource, ...] = ()
        self.states: dict[str, Progress] = {}
        self.sources: dict[str, Source] = {}
        self.comparison: Comparison | None = None
        self._timer: Timer | None = None
        self._queued = False  # a compare is waiting for the throttle
        self._running = False  # a compare is in flight
        self._pending = False  # another is due when it lands
        self._request_counter = 0
        self._requests: dict[str, int] = {}
        self._pending_loads: set[int] = set()
        self._last_compared: tuple[int, ...] = ()  # which source objects the last compare read
        self._held: list[Callable[[], None]] | None = []  # loads waiting for the first frame

    # --- what the app shows -------------------------------------------------------------

    @property
    def comparing(self) -> bool:
        """A comparison is due, waiting or running."""
        return self._queued or self._running or self._pending

    @property
    def settled(self) -> bool:
        """Nothing loading, nothing waiting to be compared."""
        return not self._pending_loads and not self.comparing

    @property
    def loading(self) -> int:
        return sum(1 for p in self.plan if not finished(self.states.get(p.id)))

    def ordered_sources(self) -> list[Source]:
        order = {p.id: i for i, p in enumerate(self.plan)}
        return sorted(self.sources.values(), key=lambda s: order.get(s.id, len(order)))

    # --- loading -------------------------------------------------------------------------

    def start(self, loader: ComparisonLoader, refresh: bool = False) -> None:
        """Show `loader`'s event; what the previous event had running is forgotten (its
        source ids are outlet ids, so its late arrivals would land in this event's columns)."""
        self._app.workers.cancel_group(self._app, "load")
        self._app.workers.cancel_group(self._app, "compare")
        self._stop_timer()
        self._queued = self._pending = self._running = False
        self._last_compared = ()
        self._requests = {}
        self._pending_loads = set()
        self.loader = loader
        self.plan = loader.plan()
        self.states = {p.id: Progress(p.id, "queued") for p in self.plan}
        self.sources = {}
        self.comparison = None
        self.load(None, refresh=refresh)

    def load(self, only: Collection[str] | None, refresh: bool) -> None:
        loader = self.loader
        assert loader is not None
        ids = list(only) if only is not None else [p.id for p in self.plan]
        self._request_counter += 1
        request = self._request_counter
        for source_id in ids:
            self.states[source_id] = Progress(source_id, "queued")
            self._requests[source_id] = request
        self._listener.states_changed()
        self._pending_loads.add(request)
        begin = partial(self._begin_load, loader, request, only, refresh)
        if self._held is None:
            begin()
        else:
            self._held.append(begin)

    def first_frame_painted(self) -> None:
        """Begin the loads asked for so far. The loader's first steps import the fetching and
        extraction stages and start threads: `parallax demo`'s first frame waited for all of
        that, and then shared the interpreter with it."""
        held, self._held = self._held or [], None
        for begin in held:
            begin()

    def _begin_load(
        self,
        loader: ComparisonLoader,
        request: int,
        only: Collection[str] | None,
        refresh: bool,
    ) -> None:
        if loader is not self.loader or request not in self._pending_loads:
            return  # another event started meanwhile
        self._app.run_worker(
            self._load_worker(loader, request, only, refresh), group="load", exit_on_error=False
        )

    def _is_current(self, loader: ComparisonLoader, request: int, source_id: str) -> bool:
        """Whether `request` of `loader` is still the one that speaks for `source_id`."""
        return loader is self.loader and self._requests.get(source_id) == request

    async def _load_worker(
        self,
        loader: ComparisonLoader,
        request: int,
        only: Collection[str] | None,
        refresh: bool,
    ) -> None:
        def on_progress(progress: Progress) -> None:
            self._on_progress(progress, loader, request)

        try:
            sources = await loader.load(on_progress, only=only, refresh=refresh)
        except Exception as exc:  # the loader promised not to raise; say so rather than die
            sources = ()
            reason = f"loader failed: {exc}"
            ids = only if only is not None else [p.id for p in self.plan]
            mine = [i for i in ids if self._is_current(loader, request, i)]
            for source_id in mine:
                self.states[source_id] = Progress(source_id, "error", reason)
            if mine:
                self._listener.problem("Loading failed", reason)
        finally:
            self._pending_loads.discard(request)
        if loader is not self.loader:  # the user switched events meanwhile
            return
        sources = [s for s in sources if self._is_current(loader, request, s.id)]
        for source in sources:
            self.sources[source.id] = source
            if not finished(self.states.get(source.id)):
                self.states[source.id] = Progress(
                    source.id, "done" if source.ok else "error", source.error or "", source
                )
        self._listener.states_changed()
        self._listener.failed(sources)
        self.compare_now()

    def _on_progress(self, progress: Progress, loader: ComparisonLoader, request: int) -> None:
        """A loader's report on one source, dropped if a newer request (or event) owns it."""
        if threading.get_ident() != self._app._thread_id:
            self._app.call_from_thread(self._on_progress, progress, loader, request)
            return
        if not self._is_current(loader, request, progress.source_id):
            return
        self.states[progress.source_id] = progress
        if progress.source is not None:
            self.sources[progress.source_id] = progress.source
            self._schedule_compare()
        self._listener.states_changed()

    # --- comparing -----------------------------------------------------------------------

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _schedule_compare(self) -> None:
        """Compare at most once per interval however many sources arrive meanwhile."""
        if self._queued:
            return
        self._queued = True
        if self._compare_interval > 0:
            self._timer = self._app.set_timer(self._compare_interval, self.compare_now)
        else:
            self._app.call_later(self.compare_now)

    def compare_now(self) -> None:
        """Compare what has arrived now, or as soon as the comparison in flight lands."""
        self._stop_timer()
        self._queued = False
        if not self.sources or self.loader is None:
            return
        if self._running:
            self._pending = True
            return
        sources = self.ordered_sources()
        snapshot = tuple(id(source) for source in sources)
        if snapshot == self._last_compared:  # nothing arrived since: the result would be the same
            return
        self._last_compared = snapshot
        self._running = True
        self._app.run_worker(
            self._compare_worker(self.loader, sources),
            group="compare",
            exit_on_error=False,
        )

    async def _compare_worker(self, loader: ComparisonLoader, sources: list[Source]) -> None:
        try:
            comparison = await in_thread(loader.compare, sources)
        except Exception as exc:
            if loader is self.loader:
                self._listener.problem("Comparison failed", f"{type(exc).__name__}: {exc}")
            comparison = None
        finally:
            if loader is self.loader:
                self._running = False
        if loader is not self.loader:
            return
        if comparison is not None:
            # The comparison is the bulk of the heap and lives until the next one replaces it
            # (its dataclasses hold no cycles, so refcounting frees it then): left to the
            # collector, every full collection walked it again, mid-frame (the worst key press
            # of a 30-source event). Young garbage is collected first (a millisecond), so the
            # little that freezing keeps for good is what was alive when the comparison landed.
            gc.collect(1)
            gc.freeze()
            self._listener.compared(comparison)
        if self._pending:
            self._pending = False
            self.compare_now()
