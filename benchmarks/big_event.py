"""A big event in the viewer: memory, keys, export and quit on 60 sources x 150 paragraphs.

Goals (issue 11): the process stays under 400 MB with the event on screen; export renders
off the UI thread (keys still answer meanwhile); quitting takes under a second even while a
comparison is still running. The event is benchmarks/synthetic.py's; its comparison is made
once with the real core (timed apart), then handed to the app by a ready loader, except for
the quit test, whose loader's compare never finishes.

    python benchmarks/big_event.py [--sources 60] [--paragraphs 150]
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.app_speed import KEYS, SIZE, ReadyLoader, build
from benchmarks.synthetic import event_parser
from tui.app import ParallaxApp
from tui.model import Comparison, Source
from tui.pipeline import analysing


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class StuckLoader(ReadyLoader):
    """Compares forever: what quitting must not wait for."""

    gate: threading.Event = field(default_factory=threading.Event)

    def compare(self, sources: Sequence[Source]) -> Comparison:
        self.gate.wait(120)
        return self.comparison


def app_for(loader: ReadyLoader, folder: Path) -> ParallaxApp:
    return ParallaxApp(
        loader,
        compare_interval=0,
        open_brief=False,
        export_dir=folder,
        review_dir=folder,
        screenshot_dir=folder,
    )


async def keys_and_export(loader: ReadyLoader, folder: Path) -> None:
    app = app_for(loader, folder)
    async with app.run_test(size=SIZE) as pilot:
        began = time.perf_counter()
        while not (app.settled and app.comparison is not None):
            await pilot.pause()
        await pilot.pause()
        print(f"first paint {time.perf_counter() - began:.2f} s, peak RSS {rss_mb():.0f} MB")
        walls = []
        for key in KEYS:
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            walls.append(time.perf_counter() - began)
        print(
            f"keys: median {statistics.median(walls) * 1000:.0f} ms, "
            f"worst {max(walls) * 1000:.0f} ms"
        )
        began = time.perf_counter()
        await pilot.press("e")
        pressed = time.perf_counter() - began
        during = []
        report = folder / "synthetic.md"
        while not report.exists():
            key_began = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            during.append(time.perf_counter() - key_began)
        done = time.perf_counter() - began
        worst = max(during, default=0.0) * 1000
        print(
            f"export: e answered in {pressed * 1000:.0f} ms, report written after {done:.1f} s; "
            f"{len(during)} keys meanwhile, worst {worst:.0f} ms"
        )
    print(f"peak RSS after export {rss_mb():.0f} MB")


async def quit_while_comparing(loader: ReadyLoader, folder: Path) -> float:
    stuck = StuckLoader(loader.event, loader.sides, loader.sources, loader.comparison)
    app = app_for(stuck, folder)
    async with app.run_test(size=SIZE) as pilot:
        while not app.comparing:
            await pilot.pause()
        began = time.perf_counter()
        await pilot.press("q")
    elapsed = time.perf_counter() - began
    stuck.gate.set()
    return elapsed


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    parser.set_defaults(sources=60, paragraphs=150)
    args = parser.parse_args()
    began = time.perf_counter()
    with analysing():  # the core as `tui.pipeline.compare` runs it
        loader, core = build(args.sources, args.paragraphs, args.seed)
    comparison = loader.comparison
    print(
        f"event: {len(loader.sources)} sources, {len(comparison.clusters)} rows, "
        f"{len(comparison.divergences)} divergences; core {core:.1f} s "
        f"(built in {time.perf_counter() - began:.1f} s), peak RSS {rss_mb():.0f} MB"
    )
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(keys_and_export(loader, Path(folder)))
        elapsed = asyncio.run(quit_while_comparing(loader, Path(folder)))
    print(f"quit while a comparison runs: {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
