"""Figures are compared with what they count, where, when and whose claim they are."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.analysis.brief import _contradictions
from tui.analysis.figures import find_figures
from tui.analysis.importance import KIND_WEIGHT
from tui.model import Comparison, Event


def figures(text: str, actors: frozenset[str] = frozenset()) -> list[tuple[str, str, float]]:
    return [(f.text, f.quantity, f.value) for f in find_figures("s", 0, text, None, actors)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a side's adjective between the number and what it counts (the lexicon's actor words)
        ("Three Norland soldiers were killed.", [("Three Norland soldiers", "soldiers killed", 3)]),
        # a partitive is part of a group already counted, not a total
        ("Three of the wounded are children.", [("Three", "wounded (of them)", 3)]),
        # an increment is not the toll
        ("Seven more people died in hospital.", [("Seven more people", "killed (more)", 7)]),
        ("Another 5 people were injured.", [("5 people", "wounded (more)", 5)]),
    ],
)
def test_numbers_read_with_their_context(text: str, expected: list) -> None:
    assert figures(text, frozenset({"norland"})) == expected


def kinds(divergences, kind="figure"):
    return [d for d in divergences if d.kind == kind]


def test_one_outlets_earlier_and_later_toll_is_a_timeline_not_a_conflict(desk) -> None:
    wire = desk.source(
        "wire-service",
        "wire",
        "Rockets hit Port Vell overnight, killing 7 people.",
        "Officials in Port Vell later said 9 people had been killed.",
    )
    south = desk.source("south-times", "southmark", "Rockets hit Velport, killing 9 people.")
    clusters = desk.one_row(wire, south)
    assert kinds(desk.run(wire, south, clusters=clusters)) == []
    north = desk.source("north-daily", "norland", "Rockets hit Port Vell, killing 4 people.")
    (conflict,) = kinds(desk.run(wire, south, north, clusters=desk.one_row(wire, south, north)))
    assert [p.value for p in conflict.positions] == ["4", "7, later 9", "9"]
    assert conflict.summary.startswith("killed: 4 (North Daily) vs 7, later 9 (Wire Service)")
    # a second value whose sentence says no update may quote an earlier statement: no "later"
    quoted = desk.source(
        "wire-service",
        "wire",
        "Rockets hit Port Vell overnight, killing 20 people.",
        "\u201cRockets killed 19 people in Port Vell,\u201d the first statement read.",
    )
    (conflict,) = kinds(desk.run(quoted, south, clusters=desk.one_row(quoted, south)))
    assert "20, 19" in [p.value for p in conflict.positions]


def test_a_toll_of_another_period_is_not_set_against_the_events(desk) -> None:
    north = desk.source(
        "north-daily", "norland", "In the 1994 war around Port Vell 3,000 people were killed."
    )
    south = desk.source("south-times", "southmark", "Shelling of Velport killed 2 people today.")
    assert kinds(desk.run(north, south, clusters=desk.one_row(north, south))) == []


def test_one_side_giving_no_figure_is_its_own_milder_finding(desk) -> None:
    wire = desk.source("wire-service", "wire", "The strike on Port Vell killed 12 people.")
    north = desk.source(
        "north-daily", "norland", "There are casualties in Port Vell, the number is being checked."
    )
    south = desk.source("south-times", "southmark", "The strike on Velport killed 12 people.")
    (finding,) = kinds(desk.run(wire, north, south))
    assert finding.summary == (
        "killed: only Wire Service, South Times give a toll (12); North Daily gives no figure"
    )
    assert ("north-daily", "casualties") in [(s.source, s.text) for s in finding.spans]
    conflict = desk.source("north-post", "norland", "The strike on Port Vell killed 30 people.")
    stronger = kinds(desk.run(wire, south, conflict, clusters=desk.one_row(wire, south, conflict)))
    assert stronger[0].importance > finding.importance
    # no contradiction: it ranks with the omissions, and the brief leaves it out
    assert finding.importance < KIND_WEIGHT["omission"] + 0.3
    assert _contradictions(_comparison((wire, north, south), (finding,))) == ([], 0)


def _comparison(sources, divergences):
    event = Event("e", "E", dt.date(2020, 10, 11), ())
    return Comparison(
        event, (), tuple(sources), (), tuple(divergences), (), dt.datetime.now(dt.UTC)
    )
