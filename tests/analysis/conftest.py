"""Fixtures for the analysis tests: the bundled demo event, read offline and aligned once, and
a desk that builds small events in our own words between two made-up parties."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

import pytest

from tui.analysis.align import align
from tui.analysis.diverge import diverge
from tui.config import DEMO_EVENT, bundled_config_path, load_config
from tui.model import (
    Cluster,
    Config,
    FramingTerm,
    Lexicon,
    Member,
    NameGroup,
    Outlet,
    Side,
    Source,
)


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


EVENT_DATE = dt.date(2031, 5, 4)  # the made-up events of the desk happen on this day


@dataclass(frozen=True)
class Desk:
    """Builds small events in our own words: outlets of two parties (Norland, Southmark) and a
    neutral wire, the lexicon of their conflict, and the detectors run over them."""

    lexicon: Lexicon
    sides: tuple[Side, ...]

    def source(self, outlet: str, side: str, *paragraphs: str, note: str = "") -> Source:
        name = outlet.replace("-", " ").title()
        return Source(outlet, Outlet(outlet, name, side), f"/{outlet}.html", "ok",
                      paragraphs=paragraphs, note=note)  # fmt: skip

    def one_row(self, *sources: Source) -> tuple[Cluster, ...]:
        """Every first paragraph on one row, every other paragraph alone."""
        first = Cluster("c1", 1.0, tuple(Member(s.id, 0) for s in sources))
        rest = [Member(s.id, i) for s in sources for i in range(1, len(s.paragraphs))]
        return (first, *(Cluster(f"c{n}", 1.0, (m,)) for n, m in enumerate(rest, start=2)))

    def run(self, *sources: Source, clusters: tuple[Cluster, ...] | None = None):
        """Divergences of `sources`; each paragraph its own cluster unless `clusters` says."""
        if clusters is None:
            clusters = tuple(
                Cluster(f"c{n}", 1.0, (member,))
                for n, member in enumerate(
                    (Member(s.id, i) for s in sources for i in range(len(s.paragraphs))), start=1
                )
            )
        neutral = frozenset(s.id for s in self.sides if s.neutral)
        labels = {s.id: s.label for s in self.sides}
        return diverge(sources, clusters, self.lexicon, neutral, labels, EVENT_DATE)[0]


@pytest.fixture(scope="session")
def desk() -> Desk:
    lexicon = Lexicon(
        names=(NameGroup("harbour", (("norland", ("Port Vell",)), ("southmark", ("Velport",)))),),
        framing=(
            FramingTerm("occupation", "southmark", "occupation"),
            FramingTerm("occupied", "southmark", "occupation"),
            FramingTerm("aggression", "norland"),
        ),
        denial=("an absolute lie",),
        actors=(("norland", ("Nordstad",)), ("southmark", ("Suddam",))),
    )
    sides = (
        Side("norland", "Norland", "red"),
        Side("southmark", "Southmark", "blue"),
        Side("wire", "Wire", "white", neutral=True),
    )
    return Desk(lexicon, sides)
