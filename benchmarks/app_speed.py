"""How fast the app opens and answers keys on a big event, against a hello-world Textual app.

Both apps run headless under `App.run_test` in this process, one after the other, so the
machine's noise hits both; the script prints milliseconds and, more usefully, the ratio to
the hello-world baseline. Nothing is asserted.

A key press is timed twice: wall clock (what Pilot waits for, mostly Textual's own refresh
cadence, so the same ~60 ms floor for any app) and CPU time of this process (the work the key
caused: the figure that moves when the app repaints, re-wraps or re-lays out too much).

The event is benchmarks/synthetic.py's `make_event` (30 sources x 100 paragraphs by default),
aligned and diverged once with the real core (timed separately: that is the pipeline's cost,
not the app's). The app then gets a loader that hands over the finished sources and
comparison at once, so "first paint" is: mount, lay out 30 columns, wrap 3,000 paragraphs to
size every row, and draw the first screen.

    python benchmarks/app_speed.py [--sources 30] [--paragraphs 100] [--seed 0] [--presses 28]

`--startup` times whole processes instead: `parallax demo` (the real pipeline on the bundled
demo, headless, until its first comparison is on screen) against a hello-world Textual app,
each started fresh `--runs` times.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from benchmarks.synthetic import event_parser, make_event
from tui.analysis.align import align
from tui.analysis.diverge import diverge
from tui.app import ParallaxApp
from tui.app.loader import PlannedSource, Progress
from tui.model import Comparison, Event, Side, Source

SIZE = (160, 45)
SIDES = (
    Side("armenian", "Armenian", "#d90012"),
    Side("international", "International", "#8a8f98"),
    Side("azerbaijani", "Azerbaijani", "#00b5e2"),
)
# Every kind of key, toggles pressed twice so the state comes back: filters (O, W), `d`, `w`.
KEYS = (
    "j",
    "right_square_bracket",
    "tab",
    "k",
    "left_square_bracket",
    "pagedown",
    "d",
    "d",
    "w",
    "w",
    "O",
    "O",
    "W",
    "W",
)


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, world")


@dataclass(frozen=True)
class ReadyLoader:
    """Everything already fetched and compared: measures the app alone."""

    event: Event
    sides: tuple[Side, ...]
    sources: tuple[Source, ...]
    comparison: Comparison

    def plan(self) -> tuple[PlannedSource, ...]:
        return tuple(PlannedSource(s.id, s.outlet, s.location) for s in self.sources)

    async def load(
        self,
        on_progress: Callable[[Progress], None],
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        for source in self.sources:
            on_progress(Progress(source.id, "cached", "", source))
        return self.sources

    def compare(self, sources: Sequence[Source]) -> Comparison:
        return self.comparison

    def reload(self) -> ReadyLoader:
        return self


def build(n_sources: int, n_paragraphs: int, seed: int) -> tuple[ReadyLoader, float]:
    sources, lexicon = make_event(n_sources, n_paragraphs, seed)
    started = time.perf_counter()
    clusters = align(sources, lexicon)
    divergences, figures = diverge(sources, clusters, lexicon)
    core = time.perf_counter() - started
    event = Event(
        "synthetic", f"Synthetic event, {n_sources} x {n_paragraphs}", dt.date(2020, 10, 11), ()
    )
    comparison = Comparison(
        event,
        SIDES,
        sources,
        clusters,
        divergences,
        figures,
        dt.datetime(2020, 10, 12, tzinfo=dt.UTC),
    )
    return ReadyLoader(event, SIDES, sources, comparison), core


async def measure(make_app: Callable[[], App], ready: Callable[[App], bool], presses: int):
    """(first paint seconds, [wall seconds per key press], [CPU seconds per key press]),
    keys in KEYS order."""
    app = make_app()
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while not ready(app):
            await pilot.pause()
        await pilot.pause()
        first_paint = time.perf_counter() - started
        per_key, cpu_per_key = [], []
        for i in range(presses):
            key = KEYS[i % len(KEYS)]
            began, cpu_began = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()  # let the screen repaint
            per_key.append(time.perf_counter() - began)
            cpu_per_key.append(time.process_time() - cpu_began)
    return first_paint, per_key, cpu_per_key


async def _child(which: str) -> None:
    """One whole-process start (see --startup): up to the first paint, then quit."""
    if which == "hello":
        app: App = Hello()
        ready: Callable[[App], bool] = lambda app: True  # noqa: E731
    else:
        from tui.app.run import build_app
        from tui.config.load import DEMO_EVENT, bundled_config_path, load_config
        from tui.ingest.fetch import FetchOptions
        from tui.pipeline import loader_factory

        config = load_config(bundled_config_path())
        with tempfile.TemporaryDirectory() as cache:
            loaders = loader_factory(config, FetchOptions(cache_dir=Path(cache)))
            app = build_app(config, config.event(DEMO_EVENT), loaders)

        def ready(app: App) -> bool:
            return isinstance(app, ParallaxApp) and app.comparison is not None

    async with app.run_test(size=SIZE) as pilot:
        while not ready(app):
            await pilot.pause()
        await pilot.pause()


def startup(runs: int) -> None:
    def median(which: str) -> float:
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "benchmarks.app_speed", "--child", which], check=True
            )
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    hello, demo = median("hello"), median("demo")
    print(f"whole-process start to first paint, median of {runs}:")
    print(f"  hello world {hello * 1000:6.0f} ms")
    print(f"  parallax demo {demo * 1000:4.0f} ms   ratio {demo / hello:.2f}")


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=len(KEYS) * 2)
    parser.add_argument("--startup", action="store_true", help="time whole processes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("hello", "demo"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(_child(args.child))
        return
    if args.startup:
        startup(args.runs)
        return

    loader, core = build(args.sources, args.paragraphs, args.seed)
    comparison = loader.comparison
    print(
        f"event: {len(loader.sources)} sources, "
        f"{sum(len(s.paragraphs) for s in loader.sources)} paragraphs, "
        f"{len(comparison.clusters)} rows, {len(comparison.divergences)} divergences "
        f"(align+diverge took {core:.2f} s, not counted below)"
    )

    def parallax() -> App:
        return ParallaxApp(loader, compare_interval=0, open_brief=False)

    def parallax_ready(app: App) -> bool:
        return isinstance(app, ParallaxApp) and app.settled and app.comparison is not None

    hello_paint, hello_keys, hello_cpu = asyncio.run(measure(Hello, lambda app: True, args.presses))
    app_paint, app_keys, app_cpu = asyncio.run(measure(parallax, parallax_ready, args.presses))

    hello_key = statistics.median(hello_keys)
    app_key = statistics.median(app_keys)
    print(f"{'':24}{'hello world':>14}{'parallax':>12}{'ratio':>9}")
    print(
        f"{'first paint (ms)':24}{hello_paint * 1000:14.0f}{app_paint * 1000:12.0f}"
        f"{app_paint / hello_paint:9.1f}"
    )
    print(
        f"{'key press, median (ms)':24}{hello_key * 1000:14.1f}{app_key * 1000:12.1f}"
        f"{app_key / hello_key:9.1f}"
    )
    print(
        f"{'key press, worst (ms)':24}{max(hello_keys) * 1000:14.1f}"
        f"{max(app_keys) * 1000:12.1f}{max(app_keys) / max(hello_keys):9.1f}"
    )
    hello_cpu_key, app_cpu_key = statistics.median(hello_cpu), statistics.median(app_cpu)
    print(
        f"{'key CPU, median (ms)':24}{hello_cpu_key * 1000:14.1f}{app_cpu_key * 1000:12.1f}"
        f"{app_cpu_key / hello_cpu_key:9.1f}"
    )
    print("per key, parallax (wall ms median / worst, CPU ms median):")
    for key in dict.fromkeys(KEYS):
        wall = [w for i, w in enumerate(app_keys) if KEYS[i % len(KEYS)] == key]
        cpu = [c for i, c in enumerate(app_cpu) if KEYS[i % len(KEYS)] == key]
        print(
            f"  {key:22}{statistics.median(wall) * 1000:8.1f} /{max(wall) * 1000:7.1f}"
            f"{statistics.median(cpu) * 1000:10.1f}"
        )


if __name__ == "__main__":
    main()
