"""Framing and blame read who speaks and which sides stand against each other; wording reports
only changes of meaning; importance ranks what an editor must read first."""

from __future__ import annotations

from dataclasses import replace

from tui.model import FramingTerm


def kinds(divergences, kind):
    return [d for d in divergences if d.kind == kind]


def test_a_neutral_outlet_in_its_own_voice_adopts_a_sides_vocabulary(desk) -> None:
    wire = desk.source("wire-service", "wire", "Shells fell on the occupied town of Port Vell.")
    north = desk.source("north-daily", "norland", "Shelling went on all night.")
    (framing,) = kinds(desk.run(wire, north), "framing")
    # the word as written, not its family's head ('occupation' is shown once it is used)
    assert framing.summary == (
        "Wire Service adopts Southmark vocabulary in its own voice: 'occupied'"
    )
    assert framing.positions[0].speaker == ""


def test_a_neutral_outlet_naming_a_sides_actors_adopts_no_vocabulary(desk) -> None:
    """A term that is also a side's actor word is the common name of those who act: a wire
    writing it frames nothing, while the loaded member of its family still counts."""
    lexicon = replace(
        desk.lexicon,
        framing=(
            FramingTerm("rebel regime", "southmark", "rebel regime"),
            FramingTerm("rebels", "southmark", "rebel regime"),
        ),
        actors=(*desk.lexicon.actors, ("norland", ("rebels",))),
    )
    wire_desk = replace(desk, lexicon=lexicon)
    north = wire_desk.source("north-daily", "norland", "Shelling went on all night.")
    wire = wire_desk.source("wire-service", "wire", "Fighting between Southmark and rebels.")
    assert kinds(wire_desk.run(wire, north), "framing") == []
    loaded = wire_desk.source("wire-service", "wire", "The rebel regime shelled Port Vell.")
    (adopted,) = kinds(wire_desk.run(loaded, north), "framing")
    assert (
        adopted.summary
        == "Wire Service adopts Southmark vocabulary in its own voice: 'rebel regime'"
    )


def test_quoted_words_are_the_speakers_and_a_family_is_one_term(desk) -> None:
    wire = desk.source(
        "wire-service",
        "wire",
        "Minister Ostrova said the occupation of Port Vell and the occupied villages must end.",
    )
    north = desk.source("north-daily", "norland", "Shelling went on all night.")
    assert kinds(desk.run(wire, north), "framing") == []  # the minister's words, reported
    own = desk.source(
        "wire-service", "wire", "Shells fell on the occupied town of Port Vell, under occupation."
    )
    (adopted,) = kinds(desk.run(own, north), "framing")
    assert adopted.summary == (
        "Wire Service adopts Southmark vocabulary in its own voice: 'occupation' (×2)"
    )


def test_a_partys_outlets_make_one_framing_finding(desk) -> None:
    first = desk.source("north-daily", "norland", "Southmark aggression went on all night.")
    second = desk.source("north-post", "norland", "The aggression, officials said, must stop.")
    south = desk.source("south-times", "southmark", "Calm returned to Velport.")
    (framing,) = kinds(desk.run(first, second, south), "framing")
    assert framing.summary == (
        "Norland outlets (North Daily, North Post) use loaded terms: 'aggression' (×2)"
    )


def test_blame_is_compared_between_opposing_sides_only(desk) -> None:
    north = desk.source("north-daily", "norland", "Southmark forces violated the truce at dawn.")
    post = desk.source("north-post", "norland", "Nordstad forces violated the truce at dawn.")
    assert kinds(desk.run(north, post, clusters=desk.one_row(north, post)), "blame") == []
    south = desk.source(
        "south-times", "southmark", "Norland units broke the ceasefire an hour after it began."
    )
    (blame,) = kinds(desk.run(north, south), "blame")  # two rows: linked by the truce broken
    assert blame.summary.startswith("breaking the truce blamed on ")
    assert {p.value for p in blame.positions} == {"Southmark side", "Norland side"}
    assert {p.sides for p in blame.positions} == {("norland",), ("southmark",)}


def test_two_translations_of_one_quote_are_not_wording(desk) -> None:
    north = desk.source(
        "north-daily", "norland", "Minister Ostrova said the shelling of Port Vell was a crime."
    )
    south = desk.source(
        "south-times", "southmark", "Minister Ostrova said the bombardment of Velport was barbaric."
    )
    assert kinds(desk.run(north, south, clusters=desk.one_row(north, south)), "wording") == []


def test_wording_reports_a_changed_agent(desk) -> None:
    north = desk.source("north-daily", "norland", "Southmark forces shelled the market at dawn.")
    wire = desk.source("wire-service", "wire", "The market was shelled at dawn.")
    (wording,) = kinds(desk.run(north, wire, clusters=desk.one_row(north, wire)), "wording")
    assert "Southmark forces shelled" in wording.summary
    synonyms = desk.source("wire-service", "wire", "Southmark forces bombarded the market at dawn.")
    assert kinds(desk.run(north, synonyms, clusters=desk.one_row(north, synonyms)), "wording") == []


def test_opposing_sides_and_the_lede_weigh_more(desk) -> None:
    def toll(outlet, side, value, lede=True):
        lines = [f"Rockets hit Port Vell, killing {value} people."]
        if not lede:
            lines = ["Opening words.", "More words here.", *lines]
        return desk.source(outlet, side, *lines)

    def top(*sources):
        rows = tuple(c for c in desk.one_row(*sources))
        found = kinds(desk.run(*sources, clusters=rows), "figure")
        return max(d.importance for d in found)

    opposed = top(toll("north-daily", "norland", 4), toll("south-times", "southmark", 9))
    same_side = top(toll("north-daily", "norland", 4), toll("north-post", "norland", 9))
    assert opposed > same_side
    late = top(
        toll("north-daily", "norland", 4, lede=False),
        toll("south-times", "southmark", 9, lede=False),
    )
    assert opposed > late


def test_voice_sets_a_partys_fact_against_a_neutral_attribution_only(desk) -> None:
    south = desk.source("south-times", "southmark", "Norland forces shelled Velport at dawn.")
    north = desk.source(
        "north-daily", "norland", "Southmark said that Norland forces shelled Velport at dawn."
    )
    rows = desk.one_row(south, north)
    assert kinds(desk.run(south, north, clusters=rows), "blame") == []  # the other party's report
    wire = desk.source(
        "wire-service", "wire", "Southmark said that Norland forces shelled Velport at dawn."
    )
    (voice,) = kinds(desk.run(south, wire, clusters=desk.one_row(south, wire)), "blame")
    assert voice.summary.startswith("South Times states as fact 'Norland forces shelled'")
    assert "Wire Service attributes it" in voice.summary


def test_reporting_the_other_sides_accusation_is_not_blaming(desk) -> None:
    south = desk.source("south-times", "southmark", "Norland forces violated the truce at dawn.")
    north = desk.source(
        "north-daily", "norland", "Southmark accused Norland of violating the truce at dawn."
    )
    # North Daily reports Southmark's accusation of its own side: both accounts name Norland.
    assert kinds(desk.run(south, north), "blame") == []
