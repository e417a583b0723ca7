"""Wording divergences: only where the words differ in substance."""

from __future__ import annotations

import pytest

# --- wording -------------------------------------------------------------------------------------


def test_rewording_between_sides(ganja) -> None:
    baku = ganja.source(
        "baku", "Armenian armed forces shelled Ganja overnight, killing seven civilians."
    )
    wire = ganja.source("wire", "Ganja was shelled overnight, killing seven civilians.")
    (wording,) = ganja.of_kind(
        ganja.run((baku, wire), (ganja.cluster("c1", ("baku", 0), ("wire", 0)),)), "wording"
    )
    assert wording.summary == (
        "wording differs: Baku Herald 'Armenian armed forces shelled Ganja' vs "
        "Global Wire 'Ganja was shelled'"
    )
    assert ganja.texts(wording) == [
        ("baku", "Armenian armed forces shelled Ganja"),
        ("wire", "Ganja was shelled"),
    ]


@pytest.mark.parametrize(
    "other",
    [
        "Armenian armed forces shelled Ganja overnight, killing seven civilians.",
        "ARMENIAN armed forces shelled Ganja overnight -- killing seven civilians!",
        "The Armenian armed forces shelled Ganja overnight, killing 7 civilians.",
    ],
)
def test_same_wording_punctuation_function_words_and_numbers_are_not_wording(
    ganja, other: str
) -> None:
    baku = ganja.source(
        "baku", "Armenian armed forces shelled Ganja overnight, killing seven civilians."
    )
    wire = ganja.source("wire", other)
    clusters = (ganja.cluster("c1", ("baku", 0), ("wire", 0)),)
    assert ganja.of_kind(ganja.run((baku, wire), clusters), "wording") == []


def test_wording_only_between_different_sides(ganja) -> None:
    wire = ganja.source("wire", "Ganja was shelled overnight.")
    north = ganja.source("north", "Ganja was heavily bombarded overnight.")
    clusters = (ganja.cluster("c1", ("wire", 0), ("north", 0)),)
    assert ganja.of_kind(ganja.run((wire, north), clusters), "wording") == []


def test_a_dateline_is_where_the_story_was_filed_not_a_rewording(ganja) -> None:
    yerevan = ganja.source("yerevan", "YEREVAN, May 4. Armenian forces shelled the village.")
    baku = ganja.source("baku", "BAKU, May 4. Armenian forces shelled the village.")
    clusters = (ganja.cluster("c1", ("yerevan", 0), ("baku", 0)),)
    assert ganja.of_kind(ganja.run((yerevan, baku), clusters), "wording") == []
    # the same capital in the sentence is an agent, and its change a rewording
    yerevan = ganja.source("yerevan", "Baku forces shelled the village on May 4.")
    baku = ganja.source("baku", "Yerevan forces shelled the village on May 4.")
    assert ganja.of_kind(ganja.run((yerevan, baku), clusters), "wording") != []
