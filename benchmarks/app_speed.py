"""How fast the app opens and answers keys on a big event, against a hello-world Textual app.

Both apps run headless under `App.run_test` in this process, one after the other, so the
machine's noise hits both; the script prints milliseconds and, more usefully, the ratio to
the hello-world baseline. Nothing is asserted.

What is timed is what the user waits for, read off the frames the app paints: every frame
Textual hands to its driver is turned into the bytes a terminal would get (the headless driver
skips that step, a real terminal does not) and stamped. First paint is the time from creating
the app to the first frame painted with the comparison in it; a key press is the time from the
key to the last frame it caused (the screen as it stays). Pilot's own waits (~60 ms of idle
detection per press, the same for any app) are outside both. Beside the wall clock, the CPU time
of this process up to the same frame shows the work itself: on a shared machine the wall clock
also counts the time other processes had the cores.

The event is benchmarks/synthetic.py's `make_event` (30 sources x 100 paragraphs by default),
aligned and diverged once with the real core (timed separately: that is the pipeline's cost,
not the app's). The app then gets a loader that hands over the finished sources and
comparison at once, so "first paint" is: mount, lay out 30 columns, wrap 3,000 paragraphs to
size every row, and draw the first screen.

    python benchmarks/app_speed.py [--sources 30] [--paragraphs 100] [--seed 0]
        [--presses 28] [--repeat 3]

`--startup` times whole processes instead: `parallax demo` (the real pipeline on the bundled
demo, headless, until its first comparison is on screen) against a hello-world Textual app,
each started fresh `--runs` times, up to its first frame painted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from textual.app import App

from benchmarks.first_frame import Frames, Hello
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


def focus_name(app: App) -> str:
    """Where a key acts: the focused widget's id (`tab` past the last source moves on to
    the panel, where j, k and page down step through the divergences instead of rows)."""
    focused = app.focused
    return focused.id or type(focused).__name__ if focused is not None else "app"


async def measure(make_app: Callable[[], App], ready: Callable[[App], bool], presses: int):
    """(first paint seconds, its CPU seconds, [seconds to the last frame per key press], [CPU
    seconds to it per key press], [where each key acted]), keys in KEYS order."""
    started, cpu_started = time.perf_counter(), time.process_time()
    app = make_app()
    frames = Frames(app, ready)
    async with app.run_test(size=SIZE) as pilot:
        while frames.first_ready is None or not ready(app):
            await pilot.pause()
        await pilot.pause()
        first_paint = frames.first_ready - started
        first_paint_cpu = frames.first_ready_cpu - cpu_started
        per_key, cpu_per_key, where = [], [], []
        for i in range(presses):
            key = KEYS[i % len(KEYS)]
            where.append(focus_name(app))
            began, cpu_began = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()  # until the app is idle: every frame the key causes is in
            painted = frames.last_after(began)
            if painted is None:
                raise SystemExit(f"{key} painted nothing: the benchmark would time nothing")
            per_key.append(painted - began)
            cpu_per_key.append(frames.cpu_of(painted) - cpu_began)
    return first_paint, first_paint_cpu, per_key, cpu_per_key, where


def startup(runs: int) -> None:
    """Whole processes, alternated: from spawning the interpreter to its first frame painted
    and to the first with the demo's comparison in it (the child stamps both on the same wall
    clock as the parent's); teardown left out.

    The children read compiled bytecode, as an installed app does: with
    PYTHONDONTWRITEBYTECODE set (as it is on the project's machine) every start compiled all
    of Parallax's modules from source (~50 ms) while Textual's came compiled from its wheel.
    Their caches go to a temporary folder, filled by one untimed start of each."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="parallax-bench-pycache-")

    def once(which: str) -> tuple[float, float]:
        began = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.first_frame", which],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        first, ready = (float(stamp) for stamp in done.stdout.split()[-2:])
        return first - began, ready - began

    once("hello")
    once("demo")
    hello, demo = [], []
    for _ in range(runs):
        hello.append(once("hello"))
        demo.append(once("demo"))
    median = statistics.median
    hello_first = median(t for t, _ in hello)
    demo_first, demo_ready = median(t for t, _ in demo), median(t for _, t in demo)
    print(f"whole-process start, median of {runs} (ms; ratio to hello world's first frame):")
    print(f"  hello world, first frame       {hello_first * 1000:6.0f}")
    for label, seconds in (("first frame", demo_first), ("first comparison", demo_ready)):
        print(f"  parallax demo, {label:17}{seconds * 1000:6.0f}  {seconds / hello_first:.2f}")


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=len(KEYS) * 2)
    parser.add_argument("--startup", action="store_true", help="time whole processes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each app, alternated")
    args = parser.parse_args()
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

    hello_paints, app_paints, hello_paint_cpu, app_paint_cpu = [], [], [], []
    hello_keys, hello_cpu, app_keys, app_cpu = [], [], [], []
    pressed: list[tuple[str, str]] = []  # (key, where it acted) of each of app_keys
    for _ in range(args.repeat):  # alternated, so that the machine's noise hits both
        paint, paint_cpu, keys, cpu, _where = asyncio.run(
            measure(Hello, lambda app: True, args.presses)
        )
        hello_paints.append(paint)
        hello_paint_cpu.append(paint_cpu)
        hello_keys += keys
        hello_cpu += cpu
        paint, paint_cpu, keys, cpu, where = asyncio.run(
            measure(parallax, parallax_ready, args.presses)
        )
        app_paints.append(paint)
        app_paint_cpu.append(paint_cpu)
        app_keys += keys
        app_cpu += cpu
        pressed += [(KEYS[i % len(KEYS)], where[i]) for i in range(args.presses)]

    def row(label: str, hello: float, app: float) -> None:
        print(f"{label:24}{hello * 1000:14.1f}{app * 1000:12.1f}{app / hello:9.1f}")

    median = statistics.median
    print(f"medians of {args.repeat} run(s), {args.presses} key presses each")
    print(f"{'':24}{'hello world':>14}{'parallax':>12}{'ratio':>9}")
    row("first paint (ms)", median(hello_paints), median(app_paints))
    row("first paint CPU (ms)", median(hello_paint_cpu), median(app_paint_cpu))
    row("key press, median (ms)", median(hello_keys), median(app_keys))
    row("key press, worst (ms)", max(hello_keys), max(app_keys))
    row("key CPU, median (ms)", median(hello_cpu), median(app_cpu))
    row("key CPU, worst (ms)", max(hello_cpu), max(app_cpu))
    print("per key and where it acted, parallax (ms to the last frame: median / worst; CPU ms")
    print("median; presses):")
    for key, focus in sorted(set(pressed), key=lambda p: (KEYS.index(p[0]), p[1])):
        picked = [i for i, p in enumerate(pressed) if p == (key, focus)]
        wall = [app_keys[i] for i in picked]
        cpu = [app_cpu[i] for i in picked]
        times = f"{median(wall) * 1000:8.1f} /{max(wall) * 1000:7.1f}"
        print(f"  {key + ' in ' + focus:30}{times}{median(cpu) * 1000:10.1f}{len(picked):5}")


if __name__ == "__main__":
    main()
