"""Threads and processes the app can walk away from.

`asyncio.to_thread` runs on the loop's default ThreadPoolExecutor, and `asyncio.run` joins
that executor's threads on the way out: quitting the viewer waited for every extraction and
comparison still running (96 s on a 60-source event). The app's own work (a comparison, an
export) runs on daemon threads that nobody joins (`in_thread`, from `tui.threads`, which the
pipeline's extraction uses too); the loop's default executor is `DaemonExecutor`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from tui.threads import in_thread

T = TypeVar("T")

__all__ = ["DaemonExecutor", "in_thread"]  # the app imports both from here


class DaemonExecutor(ThreadPoolExecutor):
    """An executor of daemon threads whose shutdown waits for nothing, for the app's loop:
    fetching reads files, the cache and compressed bodies with `asyncio.to_thread` (discovery
    parses listings so), and those must not hold up quit. (Extraction has daemon threads of
    its own: `tui.threads.in_thread`.)
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
