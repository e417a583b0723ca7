"""Fixtures the ingest tests share: a raw HTTP server on 127.0.0.1 that each test starts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.ingest.raw_server import RawServer


@pytest.fixture
async def server() -> AsyncIterator[RawServer]:
    raw = RawServer()
    await raw.start()
    yield raw
    await raw.stop()
