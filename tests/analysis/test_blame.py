"""Blame divergences: who is said to have attacked, and in whose voice."""

from __future__ import annotations

import pytest

# --- blame ---------------------------------------------------------------------------------------


def test_opposite_blame_in_one_cluster(ganja) -> None:
    blame = [d for d in ganja.of_kind(ganja.run(), "blame") if d.cluster == "c3"]
    assert [d.summary for d in blame] == [
        "attack blamed on Armenian side (Baku Herald) vs Azerbaijani side (Yerevan Courier)"
    ]
    assert ganja.texts(blame[0]) == [
        ("baku", "Armenian occupants also fired"),
        ("yerevan", "Azerbaijan shelled"),
    ]


def test_fact_versus_attributed_claim(ganja) -> None:
    (blame,) = [d for d in ganja.of_kind(ganja.run(), "blame") if d.cluster == "c1"]
    assert blame.summary == (
        "Baku Herald states as fact 'Armenian armed forces shelled'; Global Wire attributes it "
        "('Azerbaijan's foreign ministry said')"
    )
    assert ("wire", "Azerbaijan's foreign ministry said") in ganja.texts(blame)


def test_passive_voice_names_no_actor(ganja) -> None:
    baku = ganja.source("baku", "Ganja was shelled by Armenian forces overnight.")
    yerevan = ganja.source("yerevan", "Azerbaijani positions were shelled overnight.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),)
    assert ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame") == []


def test_accused_of_names_the_accused_as_actor(ganja) -> None:
    baku = ganja.source("baku", "Armenian forces shelled Ganja overnight.")
    yerevan = ganja.source("yerevan", "The ministry accused Azerbaijan of shelling Stepanakert.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),)
    (blame,) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame")
    assert "Azerbaijani side (Yerevan Courier)" in blame.summary


# --- blame: voice and the whole event ------------------------------------------------------------


def test_naming_the_source_after_the_claim_is_no_divergence(ganja) -> None:
    # Both give the claim to the same ministry; where the source sits in the sentence is style.
    baku = ganja.source(
        "baku",
        "Armenian forces fired missiles at Ganja overnight, killing seven civilians, "
        "the foreign ministry said.",
    )
    wire = ganja.source(
        "wire", "Azerbaijan's foreign ministry said that Armenian forces fired at Ganja."
    )
    found = ganja.run((baku, wire), (ganja.cluster("c1", ("baku", 0), ("wire", 0)),))
    assert ganja.of_kind(found, "blame") == []


def test_fact_versus_claim_across_clusters_about_the_same_place(ganja) -> None:
    # Each outlet writes its own paragraph; the lexicon makes Khankendi and Stepanakert one place.
    yerevan = ganja.source("yerevan", "Azerbaijani shelling has left Stepanakert in ruins.")
    wire = ganja.source(
        "wire",
        "The Karabakh defence ministry said its units held the line. It said Azerbaijani forces "
        "shelled Khankendi overnight.",
    )
    baku = ganja.source("baku", "Azerbaijani forces shelled Fuzuli, the ministry said.")
    clusters = (
        ganja.cluster("c1", ("yerevan", 0)),
        ganja.cluster("c2", ("wire", 0)),
        ganja.cluster("c3", ("baku", 0)),
    )
    (blame,) = ganja.of_kind(ganja.run((yerevan, wire, baku), clusters), "blame")
    assert blame.cluster == "c1"
    # "It said": the speaker is the ministry of the sentence before.
    assert blame.summary == (
        "Stepanakert (across the event): Yerevan Courier states as fact 'Azerbaijani shelling'; "
        "Global Wire attributes it ('Karabakh defence ministry said')"
    )
    assert ganja.texts(blame) == [
        ("yerevan", "Azerbaijani shelling"),
        ("wire", "Azerbaijani forces shelled"),
        ("wire", "Karabakh defence ministry said"),
    ]


def test_opposite_blame_for_one_place_across_clusters(ganja) -> None:
    baku = ganja.source("baku", "Armenian forces shelled Ganja overnight.")
    yerevan = ganja.source("yerevan", "Azerbaijani drones struck Ganja's depot, a witness told us.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    (blame,) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame")
    assert blame.summary == (
        "Ganja (across the event): attack blamed on Armenian side (Baku Herald) vs "
        "Azerbaijani side (Yerevan Courier)"
    )


def test_attacks_on_different_places_are_not_opposite_blame(ganja) -> None:
    baku = ganja.source("baku", "Armenian forces shelled Ganja overnight.")
    yerevan = ganja.source("yerevan", "Azerbaijani forces shelled Stepanakert overnight.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    assert ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame") == []


@pytest.mark.parametrize(
    "armenian_act",
    [
        "Armenian Armed Forces have committed a large-scale provocation overnight.",
        "Armenia launches full-scale attack on the border villages.",
        "Units of the Armenian armed forces, using mortars, opened intense fire overnight.",
    ],
)
def test_who_started_it_is_one_act_across_clusters(ganja, armenian_act: str) -> None:
    # A clash with no one target: a provocation, a launched attack and opening fire are each
    # the act of starting the fighting, set against each other across the event.
    baku = ganja.source("baku", armenian_act)
    yerevan = ganja.source("yerevan", "Azerbaijan unleashed the fighting after midnight.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    (blame,) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame")
    assert blame.summary == (
        "starting the fighting blamed on Armenian side (Baku Herald) vs "
        "Azerbaijani side (Yerevan Courier) (across the event)"
    )


def test_launching_missiles_at_a_place_does_not_start_the_fighting(ganja) -> None:
    baku = ganja.source("baku", "Armenian forces launched missiles at Ganja overnight.")
    yerevan = ganja.source("yerevan", "Azerbaijan unleashed the fighting after midnight.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    assert ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame") == []


def test_a_cluster_blame_the_event_wide_one_holds_is_told_once(ganja) -> None:
    baku = ganja.source("baku", "Armenia committed a provocation on the border overnight.")
    yerevan = ganja.source("yerevan", "Azerbaijani forces opened fire on the border overnight.")
    wire = ganja.source("wire", "Azerbaijan launched an attack on the border villages.")
    clusters = (
        ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),
        ganja.cluster("c2", ("wire", 0)),
    )
    # the cluster's "Baku Herald vs Yerevan Courier" is inside the event's: one finding
    (blame,) = ganja.of_kind(ganja.run((baku, yerevan, wire), clusters), "blame")
    assert blame.summary == (
        "the border (across the event): attack blamed on Armenian side (Baku Herald) vs "
        "Azerbaijani side (Yerevan Courier, Global Wire)"
    )


@pytest.mark.parametrize(
    ("armenian", "azerbaijani"),
    [
        (
            "A photograph by the Karabakh ombudsman shows a fire at a depot in Stepanakert.",
            "Azerbaijan sent fire engines to Stepanakert.",
        ),
        (
            "Karabakh officials said the fire in Stepanakert burned all night.",
            "Azerbaijani fire crews reached Stepanakert.",
        ),
    ],
)
def test_a_fire_that_burns_is_no_attack(ganja, armenian: str, azerbaijani: str) -> None:
    yerevan = ganja.source("yerevan", armenian)
    baku = ganja.source("baku", azerbaijani)
    clusters = (ganja.cluster("c1", ("yerevan", 0)), ganja.cluster("c2", ("baku", 0)))
    assert ganja.of_kind(ganja.run((yerevan, baku), clusters), "blame") == []


def test_responsibility_wording_is_blame(ganja) -> None:
    baku = ganja.source(
        "baku",
        "All responsibility for the violation of the ceasefire lies with the military-political "
        "leadership of Armenia.",
    )
    yerevan = ganja.source(
        "yerevan", "Azerbaijan bears full responsibility for breaking the ceasefire."
    )
    apart = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    (blame,) = ganja.of_kind(ganja.run((baku, yerevan), apart), "blame")
    assert blame.summary == (
        "breaking the truce blamed on Armenian side (Baku Herald) vs Azerbaijani side "
        "(Yerevan Courier) (across the event)"
    )
    assert [s.text for s in blame.spans] == [
        "responsibility for the violation of the ceasefire lies with the military-political "
        "leadership of Armenia",
        "Azerbaijan bears full responsibility",
    ]


def test_blame_alone_is_the_reporting_verb_not_responsibility(ganja) -> None:
    wire = ganja.source("wire", "Officials blame the shelling of Ganja for the power cut.")
    clusters = (ganja.cluster("c1", ("wire", 0)),)
    assert ganja.of_kind(ganja.run((wire,), clusters), "blame") == []


def test_the_speaker_is_neither_a_target_nor_a_bare_reporting_verb(ganja) -> None:
    baku = ganja.source("baku", "Armenian forces shelled Tartar overnight.")
    wire = ganja.source(
        "wire", "Armenian forces shelled Tartar overnight, presidential aide Elnur Mammadli said."
    )
    clusters = (ganja.cluster("c1", ("baku", 0), ("wire", 0)),)
    (blame,) = ganja.of_kind(ganja.run((baku, wire), clusters), "blame")
    assert blame.topic == "attack on Tartar"
    bare = ganja.source("wire", "Armenian forces shelled Tartar overnight, it was said.")
    (blame,) = ganja.of_kind(ganja.run((baku, bare), clusters), "blame")
    assert all(p.speaker != "said" for p in blame.positions)
