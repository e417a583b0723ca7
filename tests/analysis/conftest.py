"""Fixtures for the analysis tests, all in our own words: the hand-aligned coverage of
11 October 2020 (`ganja`: four fictional outlets, Baku Herald, Yerevan Courier, Global Wire and
Northern Post, aligned by hand so the divergence tests do not depend on the aligner), the
bundled demo event read offline and aligned once (`demo`), and a desk that builds small events
between two made-up parties (`desk`)."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from tui.analysis.align import align
from tui.analysis.diverge import diverge
from tui.config import DEMO_EVENT, bundled_config_path, load_config
from tui.model import (
    Cluster,
    Config,
    Divergence,
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
    from tui.ingest.options import FetchOptions
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


# --- the hand-aligned Ganja coverage -------------------------------------------------------------

LEXICON = Lexicon(
    names=(
        NameGroup(
            "stepanakert",
            (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi", "Khankandi"))),
        ),
        NameGroup(
            "karabakh", (("armenian", ("Artsakh",)), ("international", ("Nagorno-Karabakh",)))
        ),
    ),
    framing=(
        FramingTerm("occupant", "azerbaijani"),
        FramingTerm("separatist regime", "azerbaijani"),
        FramingTerm("Artsakh", "armenian"),
        FramingTerm("aggression", "armenian"),
    ),
    denial=("absolute lie", "lie", "misinformation", "disinformation", "fake"),
    actors=(
        ("armenian", ("Yerevan", "Karabakh", "Nagorno-Karabakh", "Artsakh", "separatists")),
        ("azerbaijani", ("Azeri", "Baku")),
    ),
)

OUTLETS = {
    "baku": Outlet("baku", "Baku Herald", "azerbaijani"),
    "yerevan": Outlet("yerevan", "Yerevan Courier", "armenian"),
    "wire": Outlet("wire", "Global Wire", "international"),
    "north": Outlet("north", "Northern Post", "international"),
}


def source(outlet: str, *paragraphs: str, status: str = "ok") -> Source:
    return Source(
        id=outlet,
        outlet=OUTLETS[outlet],
        location=f"/fixtures/{outlet}.html",
        status=status,  # type: ignore[arg-type]
        error=None if status == "ok" else "could not fetch",
        paragraphs=paragraphs,
    )


def cluster(cid: str, *members: tuple[str, int]) -> Cluster:
    return Cluster(cid, 0.8, tuple(Member(s, p) for s, p in members))


BAKU = source(
    "baku",
    # 0
    "Armenian armed forces shelled Ganja overnight in breach of the humanitarian ceasefire, "
    "killing seven civilians and wounding 33 others.",
    # 1
    "The Armenian occupants also fired rockets at residential areas near Khankendi at 2 a.m.",
    # 2
    "Nine apartments were destroyed in the attack on Ganja.",
    # 3
    "Resident Elnur Mammadov, 54, said he lost his home in 1992 and again on 11 October 2020.",
    # 4
    "Azerbaijani units repelled an attack near Fuzuli overnight, inflicting heavy losses on the "
    "enemy.",
)
YEREVAN = source(
    "yerevan",
    # 0
    "The Artsakh defence ministry said claims that Armenian forces shelled Ganja were an "
    "absolute lie and that its units were respecting the truce.",
    # 1
    "Azerbaijan shelled Stepanakert through the night in an act of aggression, the ministry "
    "said, and one person was killed.",
    # 2
    "Rescue teams in Stepanakert worked through the night to clear rubble from the market.",
    # 3
    "Karabakh units repelled an Azerbaijani offensive near Fuzuli overnight, inflicting heavy "
    "losses on the enemy.",
)
WIRE = source(
    "wire",
    # 0
    "Azerbaijan's foreign ministry said Armenian forces shelled Ganja overnight, leaving seven "
    "people dead and 33 wounded less than 24 hours after the truce took effect.",
    # 1
    "Loud explosions were heard in Stepanakert throughout the night, an agency reporter said.",
)
NORTH = source(
    "north",
    # 0
    "Shelling of Ganja killed 10 people, according to local officials, and wounded 33.",
)

SOURCES = (BAKU, YEREVAN, WIRE, NORTH)
CLUSTERS = (
    cluster("c1", ("baku", 0), ("wire", 0), ("north", 0)),
    cluster("c2", ("yerevan", 0)),
    cluster("c3", ("baku", 1), ("yerevan", 1), ("wire", 1)),
    cluster("c4", ("baku", 2)),
    cluster("c5", ("baku", 3)),
    cluster("c6", ("yerevan", 2)),
    cluster("c7", ("baku", 4), ("yerevan", 3)),
)

NEUTRAL = frozenset({"international"})  # the side sources.yaml marks `neutral: true`


def run(sources=SOURCES, clusters=CLUSTERS, lexicon=LEXICON) -> tuple[Divergence, ...]:
    return diverge(sources, clusters, lexicon, NEUTRAL)[0]


def of_kind(divergences: tuple[Divergence, ...], kind: str) -> list[Divergence]:
    return [d for d in divergences if d.kind == kind]


def texts(divergence: Divergence) -> list[tuple[str, str]]:
    return [(s.source, s.text) for s in divergence.spans]


@pytest.fixture(scope="session")
def ganja() -> SimpleNamespace:
    """The Ganja coverage and the helpers the divergence tests share: `run` (every detector
    over it, or over other sources and clusters), `of_kind`, `texts`, `source`, `cluster`."""
    return SimpleNamespace(
        LEXICON=LEXICON, OUTLETS=OUTLETS, BAKU=BAKU, YEREVAN=YEREVAN, WIRE=WIRE, NORTH=NORTH,
        SOURCES=SOURCES, CLUSTERS=CLUSTERS, NEUTRAL=NEUTRAL, source=source, cluster=cluster,
        run=run, of_kind=of_kind, texts=texts,
    )  # fmt: skip
