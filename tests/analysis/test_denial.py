"""Denials, linked to the claim they deny."""

from __future__ import annotations

# --- denial --------------------------------------------------------------------------------------


def test_denial_is_linked_to_the_claim_it_denies(ganja) -> None:
    (denial,) = ganja.of_kind(ganja.run(), "denial")
    assert denial.cluster == "c2"
    assert denial.summary == (
        "Artsakh defence ministry (Yerevan Courier) calls 'Armenian armed forces shelled Ganja' "
        "an absolute lie (claimed by Baku Herald)"
    )
    assert ganja.texts(denial) == [
        ("yerevan", "an absolute lie"),
        ("baku", "Armenian armed forces shelled Ganja"),
    ]


def test_denial_verb_without_a_matching_claim(ganja) -> None:
    yerevan = ganja.source(
        "yerevan", "The defence ministry denied reports of troop losses near Hadrut."
    )
    wire = ganja.source("wire", "Fighting continued in the south, officials said.")
    clusters = (ganja.cluster("c1", ("yerevan", 0)), ganja.cluster("c2", ("wire", 0)))
    (denial,) = ganja.of_kind(ganja.run((yerevan, wire), clusters), "denial")
    # No claim is found, so the denial itself is quoted, and never called the claim.
    assert denial.summary == (
        "Yerevan Courier reports a denial by defence ministry: "
        "'The defence ministry denied reports of troop losses near Hadrut.'"
    )
    assert ganja.texts(denial) == [("yerevan", "denied")]


def test_rejecting_what_is_no_claim_is_no_denial(ganja) -> None:
    yerevan = ganja.source(
        "yerevan", "Residents reject the rule of the new governor over the city."
    )
    wire = ganja.source("wire", "The new governor took office in the city, officials said.")
    clusters = (ganja.cluster("c1", ("yerevan", 0)), ganja.cluster("c2", ("wire", 0)))
    assert ganja.of_kind(ganja.run((yerevan, wire), clusters), "denial") == []


def test_whose_claims_are_called_false_is_not_the_denier(ganja) -> None:
    yerevan = ganja.source(
        "yerevan",
        "Yerevan denied the claims of the Azerbaijani defence ministry about troop losses.",
    )
    wire = ganja.source("wire", "Fighting continued in the south, officials said.")
    clusters = (ganja.cluster("c1", ("yerevan", 0)), ganja.cluster("c2", ("wire", 0)))
    (denial,) = ganja.of_kind(ganja.run((yerevan, wire), clusters), "denial")
    assert denial.summary.startswith("Yerevan Courier reports a denial: ")


def test_a_sentence_announcing_the_quoted_denial_is_that_denial(ganja) -> None:
    yerevan = ganja.source(
        "yerevan",
        "The Armenian side denied these statements of Baku:",
        "“The report that Armenian forces shelled Ganja overnight is an absolute lie.”",
    )
    baku = ganja.source("baku", "Armenian forces shelled Ganja overnight, the ministry said.")
    clusters = (
        ganja.cluster("c1", ("yerevan", 0)),
        ganja.cluster("c2", ("yerevan", 1), ("baku", 0)),
    )
    (denial,) = ganja.of_kind(ganja.run((yerevan, baku), clusters), "denial")
    assert denial.spans[0].text == "an absolute lie"


def test_a_claim_the_outlet_only_attributes_is_asserted_by_whom_it_quotes(ganja) -> None:
    baku = ganja.source(
        "baku",
        "Armenian forces shelled the Ganja market at dawn, the Azerbaijani defence ministry said.",
    )
    yerevan = ganja.source(
        "yerevan",
        "The Armenian defence ministry called the claim that its forces shelled the "
        "Ganja market an absolute lie.",
    )
    clusters = (ganja.cluster("c1", ("baku", 0), ("yerevan", 0)),)
    (denial,) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "denial")
    claim = denial.positions[1]
    assert claim.sources == ("baku",) and claim.value == "asserts"
    assert claim.speaker == "Azerbaijani defence ministry"


def test_a_claim_never_cuts_a_quotation_or_a_phrase_in_two() -> None:
    from tui.analysis.detectors.denial import _balanced, _clause_quote

    text = 'At dawn the Southmark army shelled the port with a "Hailstorm" launcher, it said.'
    start, end = text.index("Southmark"), text.index("Hailstorm") + len("Hailstorm")
    a, b = _balanced(text, start, end, 0, len(text))
    assert text[a:b] == 'Southmark army shelled the port with a "Hailstorm"'
    inside = "The shelling with a “Hailstorm” launcher, the ministry said"
    a, b = _balanced(inside, inside.index("Hailstorm"), len(inside), 0, len(inside))
    assert inside[a:b].startswith("“Hailstorm”")
    long = (
        "the support of its neighbour for the offensive and reports that hired fighters from "
        "abroad, whom it calls mercenaries, fought at the front"
    )
    assert _clause_quote(long, 100).endswith("hired fighters from abroad…")
