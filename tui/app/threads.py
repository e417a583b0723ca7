"""Threads and processes the app can walk away from.

`asyncio.to_thread` runs on the loop's default ThreadPoolExecutor, and `asyncio.run` joins
that executor's threads on the way out: quitting the viewer waited for every extraction and
comparison still running (96 s on a 60-source event). Work here runs on daemon threads that
nobody joins; a result that arrives after the loop has closed is dropped.

"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]


async def in_thread(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` on a daemon thread, awaited without blocking the loop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            result, error = fn(*args), None
        except BaseException as exc:  # handed to the awaiting task, which decides
            result, error = None, exc
        # A closed loop means the app has quit and nobody is waiting.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=run, name=getattr(fn, "__name__", "parallax"), daemon=True).start()
    return await future


class DaemonExecutor(ThreadPoolExecutor):
    """An executor of daemon threads whose shutdown waits for nothing, for the app's loop:
    the pipeline extracts each page with `asyncio.to_thread`, and those must not hold up quit.
    (A ThreadPoolExecutor only because asyncio insists on one; its pool is never used.)"""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)

        threading.Thread(target=run, name="parallax-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads are daemons and die with the process."""
