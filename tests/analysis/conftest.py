"""Fixtures for the analysis tests: the bundled demo event, read offline and aligned once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from tui.analysis.align import align
from tui.config import DEMO_EVENT, bundled_config_path, load_config
from tui.model import Cluster, Config, Source


@dataclass(frozen=True)
class Event:
    """One event ready for the detectors: its config, sources and clusters."""

    config: Config
    sources: tuple[Source, ...]
    clusters: tuple[Cluster, ...]

    @property
    def neutral(self) -> frozenset[str]:
        return frozenset(s.id for s in self.config.sides if s.neutral)


@pytest.fixture(scope="session")
def demo() -> Event:
    from tui.ingest.fetch import FetchOptions
    from tui.pipeline import gather_sources

    config = load_config(bundled_config_path())
    event = config.event(DEMO_EVENT)
    sources = tuple(asyncio.run(gather_sources(config, event, FetchOptions(offline=True))))
    return Event(config, sources, tuple(align(sources, config.lexicon)))
