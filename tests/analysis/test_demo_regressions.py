"""Regressions found on the bundled demo, and the demo read as an editor would."""

from __future__ import annotations

import pytest

from tui.analysis.diverge import diverge
from tui.model import Divergence, Source
from tui.text.spans import sentences

# --- regressions found on the bundled demo -------------------------------------------------------


def test_lie_as_a_verb_is_not_a_denial(ganja) -> None:
    baku = ganja.source("baku", "Ganja lies far outside the zone of hostilities, officials said.")
    yerevan = ganja.source("yerevan", "Stepanakert was shelled overnight, the ministry said.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    assert ganja.of_kind(ganja.run((baku, yerevan), clusters), "denial") == []


def test_denial_of_that_finds_the_claim_in_the_sentence_before(ganja) -> None:
    wire = ganja.source(
        "wire",
        "Azerbaijan's defence ministry said Ganja had been fired on from Armenian territory. "
        "Armenia's defence ministry rejected that as misinformation.",
    )
    clusters = (ganja.cluster("c1", ("wire", 0)), ganja.cluster("c2", ("north", 0)))
    (denial,) = ganja.of_kind(ganja.run((wire, ganja.NORTH), clusters), "denial")
    assert denial.summary == (
        "Armenia's defence ministry (Global Wire) rejected "
        "'Azerbaijan's defence ministry said Ganja had been fired on from Armenian territory'"
    )
    # what is denied is said, but one outlet is never both camps of a denial
    assert [p.sources for p in denial.positions] == [("wire",)]


def test_one_denial_reported_by_several_outlets_is_one_divergence(ganja) -> None:
    wire = ganja.source(
        "wire",
        "The defence ministry of Nagorno-Karabakh called accusations that its forces shelled "
        "Ganja an absolute lie.",
    )
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0), ("wire", 0)))
    (denial,) = ganja.of_kind(ganja.run((ganja.BAKU, ganja.YEREVAN, wire), clusters), "denial")
    assert denial.cluster == "c2"
    assert denial.summary.startswith("Artsakh defence ministry (Yerevan Courier) calls ")
    assert denial.summary.endswith("; also reported by Global Wire")
    assert [s.source for s in denial.spans][:2] == ["yerevan", "baku"]
    assert ("wire", "an absolute lie") in ganja.texts(denial)


def test_a_denial_verb_claim_stops_at_the_clause(ganja) -> None:
    baku = ganja.source(
        "baku",
        "Yerevan denied that Armenian forces had shelled Ganja, but photos filmed at the scene "
        "by foreign journalists show the destruction.",
    )
    wire = ganja.source("wire", "Armenian forces shelled Ganja overnight, killing seven people.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("wire", 0)))
    (denial,) = ganja.of_kind(ganja.run((baku, wire), clusters), "denial")
    assert ganja.texts(denial) == [("baku", "denied"), ("wire", "Armenian forces shelled Ganja")]


def test_who_claims_is_not_who_attacks(ganja) -> None:
    yerevan = ganja.source("yerevan", "Baku claimed that missiles fired overnight hit Ganja.")
    baku = ganja.source("baku", "Armenian forces fired missiles at Ganja overnight.")
    clusters = (ganja.cluster("c1", ("yerevan", 0), ("baku", 0)),)
    assert ganja.of_kind(ganja.run((yerevan, baku), clusters), "blame") == []


def test_times_of_day_are_compared_only_for_the_same_moment(ganja) -> None:
    baku = ganja.source("baku", "Missiles struck Ganja at 2 a.m. on Sunday.")
    wire = ganja.source("wire", "Missiles struck Ganja at 3 a.m., officials said.")
    truce = ganja.source("wire", "The truce took effect at 3 a.m., officials said.")
    apart = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("wire", 0)))
    assert ganja.of_kind(ganja.run((baku, truce), apart), "figure") == []
    (across,) = ganja.of_kind(ganja.run((baku, wire), apart), "figure")
    assert across.summary == "time: 02:00 (Baku Herald) vs 03:00 (Global Wire)"
    together = (ganja.cluster("c1", ("baku", 0), ("wire", 0)),)
    (figure,) = ganja.of_kind(ganja.run((baku, wire), together), "figure")
    assert figure.summary == "time: 02:00 (Baku Herald) vs 03:00 (Global Wire)"


def test_times_of_different_moments_are_not_compared(ganja) -> None:
    # The strike at 2 a.m. and the truce at noon are two facts, even in one cluster.
    baku = ganja.source(
        "baku", "The truce took effect at noon, but missiles struck Ganja at 2 a.m."
    )
    wire = ganja.source("wire", "The truce in Ganja took effect at noon on Saturday.")
    north = ganja.source(
        "north", "Missiles struck Ganja at 2 a.m.; the truce had taken effect at 11:00."
    )
    together = (ganja.cluster("c1", ("baku", 0), ("wire", 0), ("north", 0)),)
    (figure,) = ganja.of_kind(ganja.run((baku, wire, north), together), "figure")
    assert figure.summary == "time: 11:00 (Northern Post) vs 12:00 (Baku Herald, Global Wire)"


def test_the_attacked_side_is_not_the_attacker(ganja) -> None:
    baku = ganja.source(
        "baku",
        "The aide said the enemy was hiding behind the truce to attack Azerbaijani civilians, "
        "and called the strike on Ganja a provocation.",
    )
    yerevan = ganja.source("yerevan", "Armenian positions were hit overnight.")
    clusters = (ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),)
    assert ganja.of_kind(ganja.run((baku, yerevan), clusters), "blame") == []


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
def test_attribution_span_names_who_says_it(ganja, sentence: str, speaker: str) -> None:
    baku = ganja.source("baku", "Armenian forces fired on Tartar overnight.")
    wire = ganja.source("wire", sentence)
    clusters = (ganja.cluster("c1", ("baku", 0), ("wire", 0)),)
    (blame,) = ganja.of_kind(ganja.run((baku, wire), clusters), "blame")
    assert ("wire", speaker) in ganja.texts(blame)
    assert blame.summary.endswith(f"attributes it ('{speaker}')")


def test_side_labels_name_sides_in_summaries(ganja) -> None:
    labels = {"armenian": "Yerevan camp", "azerbaijani": "Baku camp", "international": "Neutral"}
    divergences = diverge(
        ganja.SOURCES, ganja.CLUSTERS, ganja.LEXICON, ganja.NEUTRAL, side_labels=labels
    )[0]
    omission = next(d for d in divergences if d.kind == "omission" and d.cluster == "c1")
    assert omission.summary.startswith("Only Baku camp and Neutral sources report")
    assert "no Yerevan camp source mentions" in omission.summary


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


def test_demo_blame_names_who_states_as_fact_and_who_attributes(
    ganja, demo: tuple[Divergence, ...]
) -> None:
    summaries = [d.summary for d in ganja.of_kind(demo, "blame")]
    # the Baku outlet and the agency both give the Ganja claim to Azerbaijan's ministry
    assert not any(s.startswith("Baku Herald (demo) asserts") for s in summaries)
    assert any(
        "Yerevan Courier (demo) states as fact 'Azerbaijani shelling'" in s
        and "defence ministry of Nagorno-Karabakh said" in s
        for s in summaries
    )


def test_demo_figures_framing_and_naming(ganja, demo: tuple[Divergence, ...]) -> None:
    figures = [d.summary for d in ganja.of_kind(demo, "figure")]
    # Global Wire's toll rose through the day: its timeline, set against the others' 7.
    assert any(
        s.startswith("killed") and "vs 9, later 10 (Global Wire (demo))" in s for s in figures
    )
    # 33 wounded, later 34, in one outlet, beside others' 33: an update, not a conflict.
    assert not any(s.startswith("wounded") for s in figures)
    assert not any(s.startswith("time") for s in figures)  # the strike at 2 a.m., truce at noon
    framing = ganja.of_kind(demo, "framing")
    assert len(framing) <= 4  # one per outlet and voice, not one per term and paragraph
    assert all(s.spans for s in framing)
    named = {s for d in ganja.of_kind(demo, "naming") for s in d.spans}
    assert not named & {s for d in framing for s in d.spans}


def test_a_name_variant_is_naming_not_wording(ganja) -> None:
    baku = ganja.source("baku", "Artillery hit the market in Khankendi overnight, officials said.")
    yerevan = ganja.source(
        "yerevan", "Artillery hit the market in Stepanakert overnight, officials said."
    )
    divergences = ganja.run((baku, yerevan), (ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),))
    assert ganja.of_kind(divergences, "wording") == []
    assert [d.summary for d in ganja.of_kind(divergences, "naming")] == [
        "Khankendi (Baku Herald) / Stepanakert (Yerevan Courier)"
    ]


def test_wording_that_only_one_outlet_has_is_named_as_added(ganja) -> None:
    baku = ganja.source(
        "baku", "Ten apartment buildings were damaged, the Prosecutor General's Office said."
    )
    wire = ganja.source("wire", "Ten apartment buildings were damaged.")
    (wording,) = ganja.of_kind(
        ganja.run((baku, wire), (ganja.cluster("c1", ("baku", 0), ("wire", 0)),)), "wording"
    )
    assert wording.summary == (
        "wording differs: Baku Herald adds 'Prosecutor General's Office said' (not in Global Wire)"
    )
    assert ganja.texts(wording) == [("baku", "Prosecutor General's Office said")]


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
