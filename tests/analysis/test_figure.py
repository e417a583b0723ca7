"""Figure divergences on the hand-aligned Ganja coverage."""

from __future__ import annotations

from tui.analysis.diverge import diverge

# --- figures -------------------------------------------------------------------------------------


def test_disagreeing_death_toll_in_a_cluster(ganja) -> None:
    (figure,) = ganja.of_kind(ganja.run(), "figure")
    assert figure.cluster == "c1"
    assert figure.summary == "killed: 7 (Baku Herald, Global Wire) vs 10 (Northern Post)"
    assert ganja.texts(figure) == [
        ("baku", "seven civilians"),
        ("wire", "seven people"),
        ("north", "10 people"),
    ]


def test_agreeing_figures_are_not_a_divergence(ganja) -> None:
    # Everyone says 33 wounded; no "wounded" divergence, but every figure is still recorded.
    divergences, figures = diverge(ganja.SOURCES, ganja.CLUSTERS, ganja.LEXICON, ganja.NEUTRAL)
    assert not any(d.summary.startswith("wounded") for d in divergences)
    wounded = [(f.source, f.value) for f in figures if f.quantity == "wounded"]
    assert wounded == [("baku", 33), ("wire", 33), ("north", 33)]
    assert ("baku", "buildings destroyed", 9) in [(f.source, f.quantity, f.value) for f in figures]


def test_ages_years_and_dates_are_not_counts(ganja) -> None:
    _, figures = diverge(ganja.SOURCES, ganja.CLUSTERS, ganja.LEXICON, ganja.NEUTRAL)
    found = [f for f in figures if f.source == "baku" and f.paragraph == 3]
    assert [(f.text, f.quantity) for f in found] == [("11 October", "date")]


def test_figures_disagree_across_the_event_when_they_share_a_place(ganja) -> None:
    baku = ganja.source("baku", "Seven civilians were killed in Ganja, officials said.")
    north = ganja.source("north", "Rescuers in Ganja said 9 people died.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("north", 0)))
    (figure,) = ganja.of_kind(ganja.run((baku, north), clusters), "figure")
    assert figure.cluster == "c1"
    assert figure.summary == "killed (across the event): 7 (Baku Herald) vs 9 (Northern Post)"


def test_figures_about_different_places_are_not_compared_across_the_event(ganja) -> None:
    baku = ganja.source("baku", "Seven civilians were killed in Ganja, officials said.")
    north = ganja.source("north", "The 1990s war over the region killed some 30,000 people.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("north", 0)))
    assert ganja.of_kind(ganja.run((baku, north), clusters), "figure") == []


def test_a_conflict_is_told_once_with_the_side_that_gives_no_figure(ganja) -> None:
    # "7 vs 10" is inside "7 vs 10 vs no figure": one finding, as important as the conflict.
    baku = ganja.source("baku", "Seven civilians were killed in Ganja overnight.")
    north = ganja.source("north", "Ten people were killed in Ganja overnight.")
    yerevan = ganja.source("yerevan", "Officials in Stepanakert spoke of casualties overnight.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("north", 0), ("yerevan", 0)),)
    pair = (ganja.cluster("c1", ("baku", 0), ("north", 0)),)
    (alone,) = ganja.of_kind(ganja.run((baku, north), pair), "figure")
    (figure,) = ganja.of_kind(ganja.run((baku, north, yerevan), clusters), "figure")
    assert figure.summary == (
        "killed: 7 (Baku Herald) vs 10 (Northern Post) vs no figure (Yerevan Courier)"
    )
    assert figure.importance == alone.importance


def test_the_displaced_are_compared_across_the_event_wherever_they_went(ganja) -> None:
    # One flow of people, however each outlet names where they went: no shared place needed.
    yerevan = ganja.source("yerevan", "Officials said 2,900 refugees had reached the capital.")
    north = ganja.source("north", "Some 19,000 people fled across the border, officials said.")
    clusters = (ganja.cluster("c1", ("yerevan", 0)), ganja.cluster("c2", ("north", 0)))
    (figure,) = ganja.of_kind(ganja.run((yerevan, north), clusters), "figure")
    assert figure.summary == (
        "displaced (across the event): 2,900 (Yerevan Courier) vs 19,000 (Northern Post)"
    )
