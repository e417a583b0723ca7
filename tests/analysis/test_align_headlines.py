"""Headlines as units of their own (tui.analysis.align.place_headlines), on accounts in the
team's own words of an invented drone strike on the market of Eastbridge."""

from __future__ import annotations

import dataclasses

from tui.analysis.align import align
from tui.model import Cluster, Lexicon, NameGroup, Outlet, Source

LEXICON = Lexicon(
    names=(NameGroup("eastbridge", (("norland", ("Eastbridge",)), ("southland", ("Ostbruck",)))),)
)
STRIKE_N = (
    "Southland drones struck the central market of Eastbridge on Sunday morning, killing 14 "
    "civilians and wounding 40, the regional governor said."
)
STRIKE_S = (
    "At least nine people were killed and about 30 wounded when drones hit a crowded market "
    "in Ostbruck on Sunday morning, local officials said."
)
STRIKE_I = (
    "Drones hit the crowded central market of Eastbridge on Sunday morning, killing at least "
    "nine civilians, officials on both sides said."
)
TALKS = "Mediators met the two foreign ministers in Geneva to discuss an exchange of prisoners."
TALKS_I = "In Geneva, mediators hosted both foreign ministers for talks on a prisoner exchange."
BAKERY = "A bakery in the capital reopened after repairs to its roof and ovens."


def source(sid: str, side: str, title: str, *paragraphs: str) -> Source:
    outlet = Outlet(sid, sid.upper(), side)
    return Source(sid, outlet, f"/tmp/{sid}.html", "ok", title=title, paragraphs=paragraphs)


def event(**titles: str) -> list[Source]:
    return [
        source("north", "norland", titles.get("north", ""), STRIKE_N, BAKERY),
        source("south", "southland", titles.get("south", ""), TALKS, STRIKE_S),
        source("wire", "international", titles.get("wire", ""), STRIKE_I, TALKS_I),
    ]


def row_of(clusters: tuple[Cluster, ...], headline: str) -> Cluster | None:
    return next((c for c in clusters if headline in c.headlines), None)


def test_a_headline_joins_the_row_that_reports_its_fact() -> None:
    clusters = align(
        event(
            north="Drones strike Eastbridge market on Sunday, killing 14 civilians",
            south="Geneva talks: mediators host both foreign ministers on prisoner exchange",
        ),
        LEXICON,
    )
    strike = row_of(clusters, "north")
    assert strike is not None
    assert {m.source for m in strike.members} >= {"south", "wire"}
    talks = row_of(clusters, "south")
    assert talks is not None and talks is not strike
    assert {m.source for m in talks.members} == {"south", "wire"}


def test_headlines_never_change_the_rows_nor_become_members() -> None:
    titled = align(
        event(
            north="Drones strike Eastbridge market on Sunday, killing 14 civilians",
            south="Nine killed as drones hit a crowded Ostbruck market",
            wire="Drone strike on Eastbridge market kills civilians",
        ),
        LEXICON,
    )
    plain = align(event(), LEXICON)
    assert [dataclasses.replace(c, headlines=()) for c in titled] == list(plain)
    assert all(m.paragraph >= 0 for c in titled for m in c.members)
    assert all(not c.headlines for c in plain)
    assert all(link.a.paragraph >= 0 and link.b.paragraph >= 0 for c in titled for link in c.links)


def test_a_headline_of_nothing_the_others_report_joins_no_row() -> None:
    clusters = align(event(north="Bakery reopens in the capital after roof repairs"), LEXICON)
    # The bakery paragraph is the north's own: a headline never joins a row of its own source.
    assert row_of(clusters, "north") is None
    clusters = align(event(wire="Weather: a cold week ahead"), LEXICON)
    assert row_of(clusters, "wire") is None


def test_headlines_do_not_depend_on_the_order_of_the_sources() -> None:
    sources = event(
        north="Drones strike Eastbridge market on Sunday, killing 14 civilians",
        south="Nine killed as drones hit a crowded Ostbruck market",
    )
    assert align(sources, LEXICON) == align(list(reversed(sources)), LEXICON)
