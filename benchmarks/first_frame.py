"""When an app paints its first frame: the stamp both app benchmarks time against.

Kept apart from the benchmarks' other imports on purpose: `python -m benchmarks.first_frame
hello` is the baseline process of `app_speed.py --startup`, and must load no more than a
hello-world Textual app does (importing the benchmark itself loaded the whole of Parallax
into the baseline, and the ratio came out near 1 for the wrong reason).

    python -m benchmarks.first_frame hello|demo   # time.time() at the first frame, and at
                                                  # the first with a comparison in it
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class Hello(App[None]):
    """The baseline: one line of text, which every key press changes (so it paints)."""

    def compose(self) -> ComposeResult:
        yield Static("Hello, world")

    def on_key(self, event: events.Key) -> None:
        self.query_one(Static).update(f"Hello, world: {event.key}")


class Frames:
    """Stamps every frame `app` paints, after rendering it as a terminal's bytes would be
    (the headless driver skips that step; a real terminal does not)."""

    def __init__(self, app: App, ready: Callable[[App], bool], clock=time.perf_counter) -> None:
        self.times: list[float] = []
        self.cpu: list[float] = []  # this process's CPU time at each frame
        self.first_ready: float | None = None  # the first frame painted once `ready`
        self.first_ready_cpu = 0.0  # this process's CPU time then
        display = app._display

        def stamped(screen: Screen, renderable: object) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:
                return
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(app.console)
            now = clock()
            self.times.append(now)
            self.cpu.append(time.process_time())
            if self.first_ready is None and ready(app):
                self.first_ready, self.first_ready_cpu = now, time.process_time()

        app._display = stamped  # type: ignore[method-assign]

    def last_after(self, moment: float) -> float | None:
        """The last frame painted after `moment` (the screen as a key press left it)."""
        return next((t for t in reversed(self.times) if t > moment), None)

    def cpu_of(self, moment: float) -> float:
        """The CPU time stamped with the frame painted at `moment`."""
        return self.cpu[self.times.index(moment)]


async def first_frames(
    app: App, ready: Callable[[App], bool], size: tuple[int, int]
) -> tuple[float, float]:
    """Run `app` headless until a frame is painted with `ready(app)` true: the time.time() of
    its first frame and of that one."""
    frames = Frames(app, ready, clock=time.time)
    async with app.run_test(size=size) as pilot:
        while frames.first_ready is None:
            await pilot.pause()
    return frames.times[0], frames.first_ready


def demo_app() -> tuple[App, Callable[[App], bool]]:
    """What `parallax demo` builds (the real pipeline on the bundled demo event), and when it
    has its first comparison."""
    from tui.app.run import build_app
    from tui.config.load import DEMO_EVENT, bundled_config_path, load_config
    from tui.ingest.options import FetchOptions
    from tui.pipeline import loader_factory

    config = load_config(bundled_config_path())
    cache = Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    app = build_app(
        config, config.event(DEMO_EVENT), loader_factory(config, FetchOptions(cache_dir=cache))
    )
    return app, lambda app: getattr(app, "comparison", None) is not None


def main() -> None:
    which = sys.argv[1]
    if which == "hello":
        app: App = Hello()
        ready: Callable[[App], bool] = lambda app: True  # noqa: E731
    else:
        app, ready = demo_app()
    print(*asyncio.run(first_frames(app, ready, (160, 45))))


if __name__ == "__main__":
    main()
