"""Threads nobody joins: work the caller can walk away from.

`asyncio.to_thread` runs on the loop's default ThreadPoolExecutor, and `asyncio.run` joins
that executor's threads on the way out, and Python cannot stop a thread. Work that may have to
be abandoned (an extraction past its time budget, a comparison still running when the viewer
quits: 96 s on a 60-source event) runs here on a daemon thread instead; a result that arrives
after its awaiter gave up, or after the loop has closed, is dropped. Both the pipeline and the
app use it, so it lives outside the app and loads no UI library.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.done():  # cancelled (its time was up, or the app quit): nobody is waiting
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]


async def in_thread(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` on a daemon thread, awaited without blocking the loop; never joined, so a
    cancelled await leaves the thread to finish (or die with the process) on its own."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            result, error = fn(*args), None
        except BaseException as exc:  # handed to the awaiting task, which decides
            result, error = None, exc
        # A closed loop means the caller has quit and nobody is waiting.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=run, name=getattr(fn, "__name__", "parallax"), daemon=True).start()
    return await future
