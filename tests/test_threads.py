"""`tui.threads.in_thread`: the pipeline's extraction and the app's work both run through it."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tui.threads import in_thread


def test_the_result_and_the_error_reach_the_awaiting_task() -> None:
    def fail() -> None:
        raise ValueError("bad page")

    async def main() -> int:
        with pytest.raises(ValueError, match="bad page"):
            await in_thread(fail)
        return await in_thread(pow, 2, 5)

    assert asyncio.run(main()) == 32


def test_an_abandoned_thread_neither_blocks_the_caller_nor_settles_a_cancelled_await() -> None:
    release, finished = threading.Event(), threading.Event()

    def stuck() -> str:
        release.wait()
        finished.set()
        return "late"

    errors: list[dict[str, object]] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(
            lambda _loop, context: errors.append(context)
        )
        task = asyncio.ensure_future(in_thread(stuck))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert not finished.is_set()  # the caller went on while the thread still ran
        release.set()
        await asyncio.to_thread(finished.wait)
        await asyncio.sleep(0)  # the late result is scheduled onto the loop and dropped

    asyncio.run(main())
    assert finished.is_set()
    assert not errors  # settling a cancelled future would have raised InvalidStateError
