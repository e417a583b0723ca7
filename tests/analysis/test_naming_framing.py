"""Naming and framing: one place, two names; loaded vocabulary."""

from __future__ import annotations

import pytest

# --- naming and framing --------------------------------------------------------------------------


def test_naming_is_one_divergence_where_the_names_meet_with_every_use(ganja) -> None:
    (naming,) = ganja.of_kind(ganja.run(), "naming")
    assert naming.cluster == "c3"
    assert naming.summary == "Khankendi (Baku Herald) / Stepanakert (Yerevan Courier, Global Wire)"
    # The uses in c3 first, then Yerevan Courier's Stepanakert of c6.
    assert ganja.texts(naming) == [
        ("baku", "Khankendi"),
        ("yerevan", "Stepanakert"),
        ("wire", "Stepanakert"),
        ("yerevan", "Stepanakert"),
    ]
    assert naming.spans[-1].paragraph == 2


def test_naming_across_the_event_when_names_never_meet(ganja) -> None:
    baku = ganja.source("baku", "Artillery hit military targets in Khankendi.")
    yerevan = ganja.source("yerevan", "Stepanakert's market was hit.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    (naming,) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "naming")
    assert naming.cluster == "c1"
    assert [s.text for s in naming.spans] == ["Khankendi", "Stepanakert's"]


def test_one_side_using_its_own_name_only_is_not_naming(ganja) -> None:
    yerevan = ganja.source("yerevan", "Stepanakert was shelled.", "Stepanakert's hospital was hit.")
    clusters = (ganja.cluster("c1", ("yerevan", 0), ("yerevan", 1)),)
    assert ganja.of_kind(ganja.run((yerevan,), clusters), "naming") == []


def test_one_source_using_both_names_is_not_naming(ganja) -> None:
    # A single ok source cannot diverge from itself, even when it writes both sides' names.
    baku = ganja.source("baku", "Khankendi (Stepanakert) was hit.", "Stepanakert, or Khankendi.")
    yerevan = ganja.source("yerevan", "Stepanakert was shelled.", status="error")
    clusters = (ganja.cluster("c1", ("baku", 0), ("baku", 1)),)
    assert ganja.of_kind(ganja.run((baku, yerevan), clusters), "naming") == []


def test_outlets_of_one_side_differing_on_a_name_is_not_naming(ganja) -> None:
    wire = ganja.source("wire", "Khankendi was hit.")
    north = ganja.source("north", "Stepanakert was hit.")
    clusters = (ganja.cluster("c1", ("wire", 0), ("north", 0)),)
    assert ganja.of_kind(ganja.run((wire, north), clusters), "naming") == []


def test_naming_needs_the_other_sides_name_from_another_side(ganja) -> None:
    # Baku writes both names, Yerevan only its own: they still differ, so it is naming.
    baku = ganja.source("baku", "Khankendi (Stepanakert) was hit.")
    yerevan = ganja.source("yerevan", "Stepanakert was shelled.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),)
    (naming,) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "naming")
    assert naming.summary == "Khankendi (Baku Herald) / Stepanakert (Baku Herald, Yerevan Courier)"


def test_framing_terms_with_plurals_and_whole_words_only(ganja) -> None:
    divergences = ganja.run()
    summaries = [d.summary for d in ganja.of_kind(divergences, "framing")]
    assert summaries == [
        "Armenian outlets (Yerevan Courier) use loaded terms: 'Artsakh', 'aggression'",
        "Azerbaijani outlets (Baku Herald) use loaded terms: 'occupant'",
    ]
    baku = ganja.source("baku", "A preoccupant mood; the occupantsfoo were absent.")
    assert ganja.of_kind(ganja.run((baku,), (ganja.cluster("c1", ("baku", 0)),)), "framing") == []


def test_framing_is_one_divergence_per_party_side_and_neutral_voice_with_every_occurrence(
    ganja,
) -> None:
    baku = ganja.source(
        "baku",
        "The occupants shelled Ganja; the separatist regime denies it.",
        "The occupant's guns fell silent at noon, officials in Ganja said.",
    )
    wire = ganja.source("wire", "Baku accuses the separatist regime in Khankendi of aggression.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("wire", 0)), ganja.cluster("c2", ("baku", 1)))
    framing = ganja.of_kind(ganja.run((baku, wire), clusters), "framing")
    assert [(d.cluster, d.summary) for d in framing] == [
        (
            "c1",
            "Azerbaijani outlets (Baku Herald) use loaded terms: "
            "'occupant' (×2), 'separatist regime'",
        ),
    ]  # Global Wire reports Baku's words: the outlet frames nothing
    assert ganja.texts(framing[0]) == [
        ("baku", "occupants"),
        ("baku", "separatist regime"),
        ("baku", "occupant's"),
    ]


def test_a_name_reported_as_naming_is_not_framing_too(ganja) -> None:
    # "Artsakh" is a lexicon name (karabakh group) and an Armenian framing term: one concept.
    # Where naming reports it, framing does not repeat the span.
    yerevan = ganja.source("yerevan", "Artsakh was shelled.", "Shelling hit Artsakh's capital.")
    wire = ganja.source("wire", "Nagorno-Karabakh was shelled.")
    clusters = (
        ganja.cluster("c1", ("yerevan", 0), ("wire", 0)),
        ganja.cluster("c2", ("yerevan", 1)),
    )
    divergences = ganja.run((yerevan, wire), clusters)
    (naming,) = ganja.of_kind(divergences, "naming")
    assert ganja.texts(naming) == [
        ("yerevan", "Artsakh"),
        ("wire", "Nagorno-Karabakh"),
        ("yerevan", "Artsakh's"),
    ]
    assert ganja.of_kind(divergences, "framing") == []
    # When no other side names the region, "Artsakh" is no naming divergence: it is framing.
    calm = ganja.source("baku", "Ganja was calm.")
    clusters = (
        ganja.cluster("c1", ("yerevan", 0), ("yerevan", 1)),
        ganja.cluster("c2", ("baku", 0)),
    )
    only_yerevan = ganja.run((yerevan, calm), clusters)
    assert ganja.of_kind(only_yerevan, "naming") == []
    (framing,) = ganja.of_kind(only_yerevan, "framing")
    assert ganja.texts(framing) == [("yerevan", "Artsakh"), ("yerevan", "Artsakh's")]


def _where(ganja, baku_text: str, yerevan_text: str):
    baku = ganja.source("baku", baku_text)
    yerevan = ganja.source("yerevan", yerevan_text)
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    framing = ganja.of_kind(ganja.run((baku, yerevan), clusters), "framing")
    return [f for f in framing if f.topic == "distance from the fighting"]


def test_sides_placing_the_event_on_opposite_sides_of_the_fighting_is_framing(ganja) -> None:
    (where,) = _where(
        ganja,
        "The rockets hit homes far from the conflict zone, the ministry said.",
        "The shells fell on the frontline town of Martuni, close to the line of contact.",
    )
    assert where.summary == (
        "distance from the fighting: 'far from the conflict zone' (Baku Herald) vs "
        "'frontline town' (Yerevan Courier), 'close to the line of contact' (Yerevan Courier)"
    )
    assert [p.value for p in where.positions] == ["far from it", "at or near it"]


@pytest.mark.parametrize(
    ("baku_text", "yerevan_text"),
    [
        # both place it at the fighting
        ("Shells fell near the front line overnight.", "Shelling went on in the combat zone."),
        # no place as to the fighting at all
        ("Shells fell on the town overnight.", "The town was shelled at night."),
    ],
)
def test_no_proximity_framing_without_opposite_places(
    ganja, baku_text: str, yerevan_text: str
) -> None:
    assert _where(ganja, baku_text, yerevan_text) == []


def test_several_places_renamed_in_one_passage_pair_each_place_s_names(desk) -> None:
    from dataclasses import replace

    from tui.analysis.diverge import diverge
    from tui.model import NameGroup

    lexicon = replace(
        desk.lexicon,
        names=(
            NameGroup("hill", (("norland", ("Ardmore",)), ("southmark", ("Tepeli",)))),
            NameGroup("ford", (("norland", ("Kelso",)), ("southmark", ("Gecit",)))),
        ),
    )
    north = desk.source("north-daily", "norland", "Shells fell on Ardmore and Kelso at dawn.")
    south = desk.source(
        "south-times", "southmark", "Our units answered fire from Tepeli and Gecit."
    )
    clusters = desk.one_row(north, south)
    labels = {s.id: s.label for s in desk.sides}
    found = diverge((north, south), clusters, lexicon, frozenset({"wire"}), labels)[0]
    (naming,) = [d for d in found if d.kind == "naming"]
    assert naming.topic == "Ardmore / Tepeli; Kelso / Gecit"
    assert [(p.value, p.sides) for p in naming.positions] == [
        ("Ardmore, Kelso", ("norland",)),
        ("Tepeli, Gecit", ("southmark",)),
    ]


def test_the_other_partys_word_is_its_speakers_or_turned_against_it(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "Southmark's defence ministry said that the occupation of the ridge had ended.",
        "The ministry in Nordstad called it “occupation” and nothing more.",
        "Our army ended the occupation of the Southmark side along the river at dawn.",
    )
    south = desk.source(
        "south-times",
        "southmark",
        "The raid on the border posts showed open aggression, said the ministry.",
    )
    found = desk.run(north, south)
    framing = {d.topic: d for d in found if d.kind == "framing"}
    assert set(framing) == {"Norland vocabulary", "Southmark vocabulary"}
    # quoted from Southmark's ministry: its words; in the outlet's own voice: Norland rhetoric
    assert [(s.paragraph, s.text) for s in framing["Norland vocabulary"].spans] == [
        (1, "occupation"),
        (2, "occupation"),
    ]
    # its own ministry, named by its title alone, speaks for the outlet's camp
    assert [s.text for s in framing["Southmark vocabulary"].spans] == ["aggression"]


def test_an_outlet_writing_both_names_is_a_camp_of_its_own(ganja) -> None:
    baku = ganja.source("baku", "Artillery hit Khankendi overnight.")
    yerevan = ganja.source("yerevan", "Stepanakert was shelled overnight.")
    wire = ganja.source("wire", "Stepanakert (Khankendi) was shelled overnight.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("yerevan", 0), ("wire", 0)),)
    (naming,) = ganja.of_kind(ganja.run((baku, yerevan, wire), clusters), "naming")
    assert [(p.value, p.sources) for p in naming.positions] == [
        ("Stepanakert", ("yerevan",)),
        ("Khankendi", ("baku",)),
        ("Stepanakert and Khankendi", ("wire",)),
    ]
