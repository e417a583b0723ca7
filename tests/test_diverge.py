"""Every divergence kind on hand-aligned coverage of the 11 October 2020 shelling."""

from __future__ import annotations

import pytest
from diverge_fixtures import (
    BAKU,
    CLUSTERS,
    LEXICON,
    NEUTRAL,
    NORTH,
    SOURCES,
    WIRE,
    YEREVAN,
    cluster,
    source,
)

from tui.analysis.diverge import diverge
from tui.model import DIVERGENCE_KINDS, Divergence, Lexicon, Member, Source
from tui.text.spans import sentences


def run(sources=SOURCES, clusters=CLUSTERS, lexicon=LEXICON) -> tuple[Divergence, ...]:
    return diverge(sources, clusters, lexicon, NEUTRAL)[0]


def of_kind(divergences: tuple[Divergence, ...], kind: str) -> list[Divergence]:
    return [d for d in divergences if d.kind == kind]


def texts(divergence: Divergence) -> list[tuple[str, str]]:
    return [(s.source, s.text) for s in divergence.spans]


# --- figures -------------------------------------------------------------------------------------


def test_disagreeing_death_toll_in_a_cluster() -> None:
    (figure,) = of_kind(run(), "figure")
    assert figure.cluster == "c1"
    assert figure.summary == "killed: 7 (Baku Herald, Global Wire) vs 10 (Northern Post)"
    assert texts(figure) == [
        ("baku", "seven civilians"),
        ("wire", "seven people"),
        ("north", "10 people"),
    ]


def test_agreeing_figures_are_not_a_divergence() -> None:
    # Everyone says 33 wounded; no "wounded" divergence, but every figure is still recorded.
    divergences, figures = diverge(SOURCES, CLUSTERS, LEXICON, NEUTRAL)
    assert not any(d.summary.startswith("wounded") for d in divergences)
    wounded = [(f.source, f.value) for f in figures if f.quantity == "wounded"]
    assert wounded == [("baku", 33), ("wire", 33), ("north", 33)]
    assert ("baku", "buildings destroyed", 9) in [(f.source, f.quantity, f.value) for f in figures]


def test_ages_years_and_dates_are_not_figures() -> None:
    _, figures = diverge(SOURCES, CLUSTERS, LEXICON, NEUTRAL)
    assert not [f for f in figures if f.source == "baku" and f.paragraph == 3]


def test_figures_disagree_across_the_event_when_they_share_a_place() -> None:
    baku = source("baku", "Seven civilians were killed in Ganja, officials said.")
    north = source("north", "Rescuers in Ganja said 9 people died.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("north", 0)))
    (figure,) = of_kind(run((baku, north), clusters), "figure")
    assert figure.cluster == "c1"
    assert figure.summary == "killed (across the event): 7 (Baku Herald) vs 9 (Northern Post)"


def test_figures_about_different_places_are_not_compared_across_the_event() -> None:
    baku = source("baku", "Seven civilians were killed in Ganja, officials said.")
    north = source("north", "The 1990s war over the region killed some 30,000 people.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("north", 0)))
    assert of_kind(run((baku, north), clusters), "figure") == []


# --- blame ---------------------------------------------------------------------------------------


def test_opposite_blame_in_one_cluster() -> None:
    blame = [d for d in of_kind(run(), "blame") if d.cluster == "c3"]
    assert [d.summary for d in blame] == [
        "attack blamed on Armenian side (Baku Herald) vs Azerbaijani side (Yerevan Courier)"
    ]
    assert texts(blame[0]) == [
        ("baku", "Armenian occupants also fired"),
        ("yerevan", "Azerbaijan shelled"),
    ]


def test_fact_versus_attributed_claim() -> None:
    (blame,) = [d for d in of_kind(run(), "blame") if d.cluster == "c1"]
    assert blame.summary == (
        "Baku Herald states as fact 'Armenian armed forces shelled'; Global Wire attributes it "
        "('Azerbaijan's foreign ministry said')"
    )
    assert ("wire", "Azerbaijan's foreign ministry said") in texts(blame)


def test_passive_voice_names_no_actor() -> None:
    baku = source("baku", "Ganja was shelled by Armenian forces overnight.")
    yerevan = source("yerevan", "Azerbaijani positions were shelled overnight.")
    clusters = (cluster("c1", ("baku", 0), ("yerevan", 0)),)
    assert of_kind(run((baku, yerevan), clusters), "blame") == []


def test_accused_of_names_the_accused_as_actor() -> None:
    baku = source("baku", "Armenian forces shelled Ganja overnight.")
    yerevan = source("yerevan", "The ministry accused Azerbaijan of shelling Stepanakert.")
    clusters = (cluster("c1", ("baku", 0), ("yerevan", 0)),)
    (blame,) = of_kind(run((baku, yerevan), clusters), "blame")
    assert "Azerbaijani side (Yerevan Courier)" in blame.summary


# --- denial --------------------------------------------------------------------------------------


def test_denial_is_linked_to_the_claim_it_denies() -> None:
    (denial,) = of_kind(run(), "denial")
    assert denial.cluster == "c2"
    assert denial.summary == (
        "Artsakh defence ministry (Yerevan Courier) calls 'Armenian armed forces shelled Ganja' "
        "an absolute lie (claimed by Baku Herald)"
    )
    assert texts(denial) == [
        ("yerevan", "an absolute lie"),
        ("baku", "Armenian armed forces shelled Ganja"),
    ]


def test_denial_verb_without_a_matching_claim() -> None:
    yerevan = source("yerevan", "The defence ministry denied reports of troop losses near Hadrut.")
    wire = source("wire", "Fighting continued in the south, officials said.")
    clusters = (cluster("c1", ("yerevan", 0)), cluster("c2", ("wire", 0)))
    (denial,) = of_kind(run((yerevan, wire), clusters), "denial")
    # No claim is found, so the denial itself is quoted, and never called the claim.
    assert denial.summary == (
        "Yerevan Courier reports a denial by defence ministry: "
        "'The defence ministry denied reports of troop losses near Hadrut.'"
    )
    assert texts(denial) == [("yerevan", "denied")]


def test_rejecting_what_is_no_claim_is_no_denial() -> None:
    yerevan = source("yerevan", "Residents reject the rule of the new governor over the city.")
    wire = source("wire", "The new governor took office in the city, officials said.")
    clusters = (cluster("c1", ("yerevan", 0)), cluster("c2", ("wire", 0)))
    assert of_kind(run((yerevan, wire), clusters), "denial") == []


# --- naming and framing --------------------------------------------------------------------------


def test_naming_is_one_divergence_where_the_names_meet_with_every_use() -> None:
    (naming,) = of_kind(run(), "naming")
    assert naming.cluster == "c3"
    assert naming.summary == "Khankendi (Baku Herald) / Stepanakert (Yerevan Courier, Global Wire)"
    # The uses in c3 first, then Yerevan Courier's Stepanakert of c6.
    assert texts(naming) == [
        ("baku", "Khankendi"),
        ("yerevan", "Stepanakert"),
        ("wire", "Stepanakert"),
        ("yerevan", "Stepanakert"),
    ]
    assert naming.spans[-1].paragraph == 2


def test_naming_across_the_event_when_names_never_meet() -> None:
    baku = source("baku", "Artillery hit military targets in Khankendi.")
    yerevan = source("yerevan", "Stepanakert's market was hit.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("yerevan", 0)))
    (naming,) = of_kind(run((baku, yerevan), clusters), "naming")
    assert naming.cluster == "c1"
    assert [s.text for s in naming.spans] == ["Khankendi", "Stepanakert's"]


def test_one_side_using_its_own_name_only_is_not_naming() -> None:
    yerevan = source("yerevan", "Stepanakert was shelled.", "Stepanakert's hospital was hit.")
    clusters = (cluster("c1", ("yerevan", 0), ("yerevan", 1)),)
    assert of_kind(run((yerevan,), clusters), "naming") == []


def test_one_source_using_both_names_is_not_naming() -> None:
    # A single ok source cannot diverge from itself, even when it writes both sides' names.
    baku = source("baku", "Khankendi (Stepanakert) was hit.", "Stepanakert, or Khankendi.")
    yerevan = source("yerevan", "Stepanakert was shelled.", status="error")
    clusters = (cluster("c1", ("baku", 0), ("baku", 1)),)
    assert of_kind(run((baku, yerevan), clusters), "naming") == []


def test_outlets_of_one_side_differing_on_a_name_is_not_naming() -> None:
    wire = source("wire", "Khankendi was hit.")
    north = source("north", "Stepanakert was hit.")
    clusters = (cluster("c1", ("wire", 0), ("north", 0)),)
    assert of_kind(run((wire, north), clusters), "naming") == []


def test_naming_needs_the_other_sides_name_from_another_side() -> None:
    # Baku writes both names, Yerevan only its own: they still differ, so it is naming.
    baku = source("baku", "Khankendi (Stepanakert) was hit.")
    yerevan = source("yerevan", "Stepanakert was shelled.")
    clusters = (cluster("c1", ("baku", 0), ("yerevan", 0)),)
    (naming,) = of_kind(run((baku, yerevan), clusters), "naming")
    assert naming.summary == "Khankendi (Baku Herald) / Stepanakert (Baku Herald, Yerevan Courier)"


def test_framing_terms_with_plurals_and_whole_words_only() -> None:
    divergences = run()
    summaries = [d.summary for d in of_kind(divergences, "framing")]
    assert summaries == [
        "Armenian outlets (Yerevan Courier) use loaded terms: 'Artsakh', 'aggression'",
        "Azerbaijani outlets (Baku Herald) use loaded terms: 'occupant'",
    ]
    baku = source("baku", "A preoccupant mood; the occupantsfoo were absent.")
    assert of_kind(run((baku,), (cluster("c1", ("baku", 0)),)), "framing") == []


def test_framing_is_one_divergence_per_party_side_and_neutral_voice_with_every_occurrence() -> None:
    baku = source(
        "baku",
        "The occupants shelled Ganja; the separatist regime denies it.",
        "The occupant's guns fell silent at noon, officials in Ganja said.",
    )
    wire = source("wire", "Baku accuses the separatist regime in Khankendi of aggression.")
    clusters = (cluster("c1", ("baku", 0), ("wire", 0)), cluster("c2", ("baku", 1)))
    framing = of_kind(run((baku, wire), clusters), "framing")
    assert [(d.cluster, d.summary) for d in framing] == [
        (
            "c1",
            "Azerbaijani outlets (Baku Herald) use loaded terms: "
            "'occupant' (×2), 'separatist regime'",
        ),
        ("c1", "Global Wire quotes Baku using loaded terms: 'separatist regime', 'aggression'"),
    ]
    assert framing[1].positions[0].speaker == "Baku"  # the agency reports Baku's words
    assert texts(framing[0]) == [
        ("baku", "occupants"),
        ("baku", "separatist regime"),
        ("baku", "occupant's"),
    ]


def test_a_name_reported_as_naming_is_not_framing_too() -> None:
    # "Artsakh" is a lexicon name (karabakh group) and an Armenian framing term: one concept.
    # Where naming reports it, framing does not repeat the span.
    yerevan = source("yerevan", "Artsakh was shelled.", "Shelling hit Artsakh's capital.")
    wire = source("wire", "Nagorno-Karabakh was shelled.")
    clusters = (cluster("c1", ("yerevan", 0), ("wire", 0)), cluster("c2", ("yerevan", 1)))
    divergences = run((yerevan, wire), clusters)
    (naming,) = of_kind(divergences, "naming")
    assert texts(naming) == [
        ("yerevan", "Artsakh"),
        ("wire", "Nagorno-Karabakh"),
        ("yerevan", "Artsakh's"),
    ]
    assert of_kind(divergences, "framing") == []
    # When no other side names the region, "Artsakh" is no naming divergence: it is framing.
    calm = source("baku", "Ganja was calm.")
    clusters = (cluster("c1", ("yerevan", 0), ("yerevan", 1)), cluster("c2", ("baku", 0)))
    only_yerevan = run((yerevan, calm), clusters)
    assert of_kind(only_yerevan, "naming") == []
    (framing,) = of_kind(only_yerevan, "framing")
    assert texts(framing) == [("yerevan", "Artsakh"), ("yerevan", "Artsakh's")]


# --- omission ------------------------------------------------------------------------------------


# --- wording -------------------------------------------------------------------------------------


def test_rewording_between_sides() -> None:
    baku = source("baku", "Armenian armed forces shelled Ganja overnight, killing seven civilians.")
    wire = source("wire", "Ganja was shelled overnight, killing seven civilians.")
    (wording,) = of_kind(run((baku, wire), (cluster("c1", ("baku", 0), ("wire", 0)),)), "wording")
    assert wording.summary == (
        "wording differs: Baku Herald 'Armenian armed forces shelled Ganja' vs "
        "Global Wire 'Ganja was shelled'"
    )
    assert texts(wording) == [
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
def test_same_wording_punctuation_function_words_and_numbers_are_not_wording(other: str) -> None:
    baku = source("baku", "Armenian armed forces shelled Ganja overnight, killing seven civilians.")
    wire = source("wire", other)
    clusters = (cluster("c1", ("baku", 0), ("wire", 0)),)
    assert of_kind(run((baku, wire), clusters), "wording") == []


def test_wording_only_between_different_sides() -> None:
    wire = source("wire", "Ganja was shelled overnight.")
    north = source("north", "Ganja was heavily bombarded overnight.")
    clusters = (cluster("c1", ("wire", 0), ("north", 0)),)
    assert of_kind(run((wire, north), clusters), "wording") == []


# --- the whole -----------------------------------------------------------------------------------


def test_ids_follow_importance_then_cluster_then_kind_order() -> None:
    divergences = run()
    assert [d.id for d in divergences] == [f"d{i}" for i in range(1, len(divergences) + 1)]
    order = [c.id for c in CLUSTERS]
    keys = [
        (-d.importance, order.index(d.cluster), DIVERGENCE_KINDS.index(d.kind)) for d in divergences
    ]
    assert keys == sorted(keys)
    assert run() == divergences  # deterministic


def test_every_span_is_its_slice_and_in_its_cluster() -> None:
    by_id = {s.id: s for s in SOURCES}
    members = {c.id: set(c.members) for c in CLUSTERS}
    divergences = run()
    assert {d.kind for d in divergences} == set(DIVERGENCE_KINDS)
    for divergence in divergences:
        assert divergence.spans
        for span in divergence.spans:
            assert by_id[span.source].paragraphs[span.paragraph][span.start : span.end] == span.text
        first = divergence.spans[0]
        assert Member(first.source, first.paragraph) in members[divergence.cluster]


def test_side_ids_are_data() -> None:
    """Another conflict: sides named north/south, neutral side 'observers'."""
    from tui.model import Outlet

    def src(sid: str, side: str, text: str) -> Source:
        return Source(sid, Outlet(sid, sid.title(), side), f"/{sid}", "ok", paragraphs=(text,))

    sources = (
        src("n1", "north", "Rockets hit the Harbour Market in Velmar at dawn, killing 4 people."),
        src("s1", "south", "The southern army reported calm along the whole front line today."),
        src("o1", "observers", "Monitors counted twelve craters near Velmar on Sunday morning."),
    )
    clusters = (cluster("c1", ("n1", 0), ("o1", 0)), cluster("c2", ("s1", 0)))
    divergences = diverge(sources, clusters, Lexicon(), neutral_sides=frozenset({"observers"}))[0]
    (omission,) = of_kind(divergences, "omission")
    assert omission.summary.startswith("Only North sources report 'Rockets hit the Harbour")
    assert "no South source mentions 4 killed" in omission.summary
    assert [p.sides for p in omission.positions] == [("north",), ("south",)]


def test_error_sources_and_bad_members_are_ignored() -> None:
    broken = Source("north", NORTH.outlet, "/x", "error", error="HTTP 404")
    clusters = (*CLUSTERS, cluster("c9", ("north", 0), ("baku", 99), ("nobody", 0)))
    divergences = run((BAKU, YEREVAN, WIRE, broken), clusters)
    assert not of_kind(divergences, "figure")  # the 10-killed source is gone
    assert all(s.source != "north" for d in divergences for s in d.spans)


def test_untrusted_text_is_cleaned_in_summaries() -> None:
    baku = source(
        "baku", "Nine apartments \x1b[31mwere destroyed\x1b[0m in [bold]Ganja[/bold] overnight."
    )
    yerevan = source("yerevan", "Stepanakert was calm.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("yerevan", 0)))
    (omission, *_) = of_kind(run((baku, yerevan), clusters), "omission")
    assert "\x1b" not in omission.summary
    assert "were destroyed" in omission.summary
    assert omission.spans[0].text.startswith("Nine apartments")


# --- regressions found on the bundled demo -------------------------------------------------------


def test_lie_as_a_verb_is_not_a_denial() -> None:
    baku = source("baku", "Ganja lies far outside the zone of hostilities, officials said.")
    yerevan = source("yerevan", "Stepanakert was shelled overnight, the ministry said.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("yerevan", 0)))
    assert of_kind(run((baku, yerevan), clusters), "denial") == []


def test_denial_of_that_finds_the_claim_in_the_sentence_before() -> None:
    wire = source(
        "wire",
        "Azerbaijan's defence ministry said Ganja had been fired on from Armenian territory. "
        "Armenia's defence ministry rejected that as misinformation.",
    )
    clusters = (cluster("c1", ("wire", 0)), cluster("c2", ("north", 0)))
    (denial,) = of_kind(run((wire, NORTH), clusters), "denial")
    assert denial.summary == (
        "Armenia's defence ministry (Global Wire) rejected "
        "'Azerbaijan's defence ministry said Ganja had been fired on from Armenian territory'"
    )


def test_one_denial_reported_by_several_outlets_is_one_divergence() -> None:
    wire = source(
        "wire",
        "The defence ministry of Nagorno-Karabakh called accusations that its forces shelled "
        "Ganja an absolute lie.",
    )
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("yerevan", 0), ("wire", 0)))
    (denial,) = of_kind(run((BAKU, YEREVAN, wire), clusters), "denial")
    assert denial.cluster == "c2"
    assert denial.summary.startswith("Artsakh defence ministry (Yerevan Courier) calls ")
    assert denial.summary.endswith("; also reported by Global Wire")
    assert [s.source for s in denial.spans][:2] == ["yerevan", "baku"]
    assert ("wire", "an absolute lie") in texts(denial)


def test_a_denial_verb_claim_stops_at_the_clause() -> None:
    baku = source(
        "baku",
        "Yerevan denied that Armenian forces had shelled Ganja, but photos filmed at the scene "
        "by foreign journalists show the destruction.",
    )
    wire = source("wire", "Armenian forces shelled Ganja overnight, killing seven people.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("wire", 0)))
    (denial,) = of_kind(run((baku, wire), clusters), "denial")
    assert texts(denial) == [("baku", "denied"), ("wire", "Armenian forces shelled Ganja")]


def test_who_claims_is_not_who_attacks() -> None:
    yerevan = source("yerevan", "Baku claimed that missiles fired overnight hit Ganja.")
    baku = source("baku", "Armenian forces fired missiles at Ganja overnight.")
    clusters = (cluster("c1", ("yerevan", 0), ("baku", 0)),)
    assert of_kind(run((yerevan, baku), clusters), "blame") == []


def test_times_of_day_are_compared_only_inside_a_cluster_and_for_the_same_moment() -> None:
    baku = source("baku", "Missiles struck Ganja at 2 a.m. on Sunday.")
    wire = source("wire", "Missiles struck Ganja at 3 a.m., officials said.")
    apart = (cluster("c1", ("baku", 0)), cluster("c2", ("wire", 0)))
    assert of_kind(run((baku, wire), apart), "figure") == []
    together = (cluster("c1", ("baku", 0), ("wire", 0)),)
    (figure,) = of_kind(run((baku, wire), together), "figure")
    assert figure.summary == "time: 02:00 (Baku Herald) vs 03:00 (Global Wire)"


def test_times_of_different_moments_are_not_compared() -> None:
    # The strike at 2 a.m. and the truce at noon are two facts, even in one cluster.
    baku = source("baku", "The truce took effect at noon, but missiles struck Ganja at 2 a.m.")
    wire = source("wire", "The truce in Ganja took effect at noon on Saturday.")
    north = source("north", "Missiles struck Ganja at 2 a.m.; the truce had taken effect at 11:00.")
    together = (cluster("c1", ("baku", 0), ("wire", 0), ("north", 0)),)
    (figure,) = of_kind(run((baku, wire, north), together), "figure")
    assert figure.summary == "time: 11:00 (Northern Post) vs 12:00 (Baku Herald, Global Wire)"


def test_the_attacked_side_is_not_the_attacker() -> None:
    baku = source(
        "baku",
        "The aide said the enemy was hiding behind the truce to attack Azerbaijani civilians, "
        "and called the strike on Ganja a provocation.",
    )
    yerevan = source("yerevan", "Armenian positions were hit overnight.")
    clusters = (cluster("c1", ("baku", 0), ("yerevan", 0)),)
    assert of_kind(run((baku, yerevan), clusters), "blame") == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "According to the Ministry of Defence, Armenian forces fired on Tartar overnight.",
            "According to the Ministry of Defence",
        ),
        (
            "Azerbaijan's Ministry of Foreign Affairs said Armenian forces fired on Tartar.",
            "Azerbaijan's Ministry of Foreign Affairs said",
        ),
        (
            "Armenian forces fired on Tartar, according to local officials.",
            "according to local officials",
        ),
    ],
)
def test_attribution_span_names_who_says_it(sentence: str, speaker: str) -> None:
    baku = source("baku", "Armenian forces fired on Tartar overnight.")
    wire = source("wire", sentence)
    clusters = (cluster("c1", ("baku", 0), ("wire", 0)),)
    (blame,) = of_kind(run((baku, wire), clusters), "blame")
    assert ("wire", speaker) in texts(blame)
    assert blame.summary.endswith(f"attributes it ('{speaker}')")


def test_side_labels_name_sides_in_summaries() -> None:
    labels = {"armenian": "Yerevan camp", "azerbaijani": "Baku camp", "international": "Neutral"}
    divergences = diverge(SOURCES, CLUSTERS, LEXICON, NEUTRAL, side_labels=labels)[0]
    omission = next(d for d in divergences if d.kind == "omission" and d.cluster == "c1")
    assert omission.summary.startswith("Only Baku camp sources report")
    assert "no Yerevan camp source mentions" in omission.summary


# --- blame: voice and the whole event ------------------------------------------------------------


def test_asserted_with_the_source_after_versus_attributed_up_front() -> None:
    baku = source(
        "baku",
        "Armenian forces fired missiles at Ganja overnight, killing seven civilians, "
        "the foreign ministry said.",
    )
    wire = source("wire", "Azerbaijan's foreign ministry said that Armenian forces fired at Ganja.")
    (blame,) = of_kind(run((baku, wire), (cluster("c1", ("baku", 0), ("wire", 0)),)), "blame")
    assert blame.summary == (
        "Baku Herald asserts 'Armenian forces fired', naming the source after it "
        "('foreign ministry said'); Global Wire attributes it up front "
        "('Azerbaijan's foreign ministry said')"
    )
    assert texts(blame) == [
        ("baku", "Armenian forces fired"),
        ("baku", "foreign ministry said"),
        ("wire", "Armenian forces fired"),
        ("wire", "Azerbaijan's foreign ministry said"),
    ]


def test_fact_versus_claim_across_clusters_about_the_same_place() -> None:
    # Each outlet writes its own paragraph; the lexicon makes Khankendi and Stepanakert one place.
    yerevan = source("yerevan", "Azerbaijani shelling has left Stepanakert in ruins.")
    wire = source(
        "wire",
        "The Karabakh defence ministry said its units held the line. It said Azerbaijani forces "
        "shelled Khankendi overnight.",
    )
    baku = source("baku", "Azerbaijani forces shelled Fuzuli, the ministry said.")
    clusters = (
        cluster("c1", ("yerevan", 0)),
        cluster("c2", ("wire", 0)),
        cluster("c3", ("baku", 0)),
    )
    (blame,) = of_kind(run((yerevan, wire, baku), clusters), "blame")
    assert blame.cluster == "c1"
    # "It said": the speaker is the ministry of the sentence before.
    assert blame.summary == (
        "Stepanakert (across the event): Yerevan Courier states as fact 'Azerbaijani shelling'; "
        "Global Wire attributes it ('Karabakh defence ministry said')"
    )
    assert texts(blame) == [
        ("yerevan", "Azerbaijani shelling"),
        ("wire", "Azerbaijani forces shelled"),
        ("wire", "Karabakh defence ministry said"),
    ]


def test_opposite_blame_for_one_place_across_clusters() -> None:
    baku = source("baku", "Armenian forces shelled Ganja overnight.")
    yerevan = source("yerevan", "Azerbaijani drones struck Ganja's depot, a witness told us.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("yerevan", 0)))
    (blame,) = of_kind(run((baku, yerevan), clusters), "blame")
    assert blame.summary == (
        "Ganja (across the event): attack blamed on Armenian side (Baku Herald) vs "
        "Azerbaijani side (Yerevan Courier)"
    )


def test_attacks_on_different_places_are_not_opposite_blame() -> None:
    baku = source("baku", "Armenian forces shelled Ganja overnight.")
    yerevan = source("yerevan", "Azerbaijani forces shelled Stepanakert overnight.")
    clusters = (cluster("c1", ("baku", 0)), cluster("c2", ("yerevan", 0)))
    assert of_kind(run((baku, yerevan), clusters), "blame") == []


# --- the bundled demo, read as an editor would ---------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> tuple[Divergence, ...]:
    from pathlib import Path

    from tui.config import DEMO_EVENT, bundled_config_path, load_config
    from tui.ingest.extract import extract
    from tui.pipeline import compare, plan_sources

    config = load_config(bundled_config_path())
    event = config.event(DEMO_EVENT)
    sources = []
    for planned in plan_sources(config, event):
        article = extract(Path(planned.location).read_text(encoding="utf-8"))
        sources.append(
            Source(
                planned.id, planned.outlet, planned.location, "ok", paragraphs=article.paragraphs
            )
        )
    return compare(config, event, sources).divergences


def test_demo_blame_names_who_asserts_and_who_attributes(demo: tuple[Divergence, ...]) -> None:
    summaries = [d.summary for d in of_kind(demo, "blame")]
    assert any(
        s.startswith("Baku Herald (demo) asserts 'Armenian armed forces fired'")
        and "Euro Desk (demo) attributes it up front" in s
        for s in summaries
    )
    assert any(
        "Yerevan Courier (demo) states as fact 'Azerbaijani shelling'" in s
        and "defence ministry of Nagorno-Karabakh said" in s
        for s in summaries
    )


def test_demo_figures_framing_and_naming(demo: tuple[Divergence, ...]) -> None:
    figures = [d.summary for d in of_kind(demo, "figure")]
    # Global Wire's toll rose through the day: its timeline, set against the others' 7.
    assert any(
        s.startswith("killed") and "vs 9, later 10 (Global Wire (demo))" in s for s in figures
    )
    # 33 wounded, later 34, in one outlet, beside others' 33: an update, not a conflict.
    assert not any(s.startswith("wounded") for s in figures)
    assert not any(s.startswith("time") for s in figures)  # the strike at 2 a.m., truce at noon
    framing = of_kind(demo, "framing")
    assert len(framing) <= 4  # one per outlet and voice, not one per term and paragraph
    assert all(s.spans for s in framing)
    named = {s for d in of_kind(demo, "naming") for s in d.spans}
    assert not named & {s for d in framing for s in d.spans}


def test_a_name_variant_is_naming_not_wording() -> None:
    baku = source("baku", "Artillery hit the market in Khankendi overnight, officials said.")
    yerevan = source(
        "yerevan", "Artillery hit the market in Stepanakert overnight, officials said."
    )
    divergences = run((baku, yerevan), (cluster("c1", ("baku", 0), ("yerevan", 0)),))
    assert of_kind(divergences, "wording") == []
    assert [d.summary for d in of_kind(divergences, "naming")] == [
        "Khankendi (Baku Herald) / Stepanakert (Yerevan Courier)"
    ]


def test_wording_that_only_one_outlet_has_is_named_as_added() -> None:
    baku = source(
        "baku", "Ten apartment buildings were damaged, the Prosecutor General's Office said."
    )
    wire = source("wire", "Ten apartment buildings were damaged.")
    (wording,) = of_kind(run((baku, wire), (cluster("c1", ("baku", 0), ("wire", 0)),)), "wording")
    assert wording.summary == (
        "wording differs: Baku Herald adds 'Prosecutor General's Office said' (not in Global Wire)"
    )
    assert texts(wording) == [("baku", "Prosecutor General's Office said")]


def test_sentences_of_a_long_run_of_abbreviations() -> None:
    # "Mr." never ends a sentence, so the sentence start stays put across all of them; each
    # stop is checked against the few characters before it, not the whole sentence so far.
    text = "Mr. " * 30_000 + "Aliyev said so. Then he left."
    ranges = sentences(text)
    assert ranges == [(0, len(text) - len(" Then he left.")), (len(text) - 13, len(text))]
    short = "Gen. Smith met Dr. Lee at 2 a.m. on Sunday. No. 5 was hit."
    assert [short[a:b] for a, b in sentences(short)] == [
        "Gen. Smith met Dr. Lee at 2 a.m. on Sunday.",
        "No. 5 was hit.",
    ]
