"""Omissions judged claim by claim against the other party's whole text."""

from __future__ import annotations

NORTH_STRIKE = (
    "Southmark rockets struck the Port Vell market at dawn, killing 12 civilians and "
    "wounding 40, the Norland emergency service said."
)


def omissions(divergences):
    return [d for d in divergences if d.kind == "omission"]


def test_a_fact_the_other_party_never_mentions_is_omitted_at_its_claim(desk) -> None:
    north = desk.source("north-daily", "norland", "Opening words of the day.", NORTH_STRIKE)
    south = desk.source(
        "south-times", "southmark", "Southmark units held their positions near the border all day."
    )
    (found,) = omissions(desk.run(north, south))
    assert found.summary.startswith("Only Norland sources report 'Southmark rockets struck")
    assert "no Southmark source mentions 12 killed, 40 wounded" in found.summary
    assert {span.paragraph for span in found.spans} == {1}
    # the claim's particulars, each marked, not the paragraph
    assert [s.text for s in found.spans] == ["Port Vell", "12 civilians and wounding 40"]
    assert found.positions[0].sides == ("norland",) and found.positions[1].sides == ("southmark",)


def test_reported_elsewhere_in_other_words_is_no_omission(desk) -> None:
    north = desk.source("north-daily", "norland", NORTH_STRIKE)
    south = desk.source(
        "south-times",
        "southmark",
        "Norland claims about Velport are invented.",
        "The toll of 12 killed and 40 wounded given for the market is not confirmed.",
    )
    assert omissions(desk.run(north, south)) == []


def test_background_rhetoric_and_furniture_are_not_omissions(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "In 1994 some 3,000 people were killed around Port Vell during the first war there.",
        "The world must condemn what Southmark did to the people of Port Vell and Harrow.",
        "Contact the Harrow desk at news@example.org or Tel 555 0101 for Port Vell reports.",
    )
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    assert omissions(desk.run(north, south)) == []


def test_one_fact_in_two_outlets_is_one_omission(desk) -> None:
    north = desk.source("north-daily", "norland", NORTH_STRIKE)
    other = desk.source(
        "north-post", "norland", "At the Port Vell market 12 civilians were killed and 40 hurt."
    )
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    (found,) = omissions(desk.run(north, other, south))
    assert {s.source for s in found.spans} == {"north-daily", "north-post"}


def test_a_cut_short_article_is_named(desk) -> None:
    north = desk.source("north-daily", "norland", NORTH_STRIKE)
    south = desk.source("south-times", "southmark", "Southmark units held their positions and")
    (found,) = omissions(desk.run(north, south))
    assert found.summary.endswith("(but South Times may be cut short)")


def test_no_omission_without_a_second_party(desk) -> None:
    north = desk.source("north-daily", "norland", NORTH_STRIKE)
    wire = desk.source("wire-service", "wire", "Fighting was reported near the border.")
    assert omissions(desk.run(north, wire)) == []


def test_the_weapon_one_side_alone_names_is_a_particular(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "Southmark cluster rockets struck the Port Vell market at dawn, killing 12 civilians "
        "and wounding 40, the Norland emergency service said.",
    )
    south = desk.source(
        "south-times", "southmark", "Southmark units held their positions near the border all day."
    )
    (found,) = omissions(desk.run(north, south))
    assert "cluster munitions" in found.summary
    assert "cluster" in [s.text for s in found.spans]


def test_targets_the_other_side_never_mentions_are_a_fact(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "The Norland ombudsman said that schools and residential homes near the border are "
        "being targeted by Southmark artillery.",
    )
    south = desk.source(
        "south-times", "southmark", "Southmark units held their positions near the border all day."
    )
    (found,) = omissions(desk.run(north, south))
    assert "homes" in found.summary and "school" in found.summary
    rhetoric = desk.source(
        "north-daily",
        "norland",
        "Shelling schools and residential homes once again exposes the nature of the regime.",
    )
    assert omissions(desk.run(rhetoric, south)) == []


def test_counts_of_the_same_thing_the_other_side_never_gives_are_one_omission(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        NORTH_STRIKE,
        "The head doctor of the Harrow clinic said that 25 wounded had been brought in so far.",
    )
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    (found,) = omissions(desk.run(north, south))
    assert {s.paragraph for s in found.spans} == {0, 1}


def test_a_long_line_without_closing_punctuation_is_a_title_not_a_claim(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "One of the twelve people hurt at the Port Vell market of Harrow still in a grave state",
    )
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    assert omissions(desk.run(north, south)) == []


def test_a_speaker_set_off_by_an_apposition_is_not_what_is_reported(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "Mira Kell, the Harrow region's ombudsman, said 30 people were still missing at Port Vell.",
    )
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    (found,) = omissions(desk.run(north, south))
    assert "Kell" not in found.summary.partition("mentions")[2]
    assert all("Kell" not in s.text for s in found.spans)


def test_a_name_of_two_words_is_one_missing_name(desk) -> None:
    north = desk.source(
        "north-daily",
        "norland",
        "Wounded from Port Vell were carried to Harrow by Green Shield volunteers all night.",
    )
    south = desk.source(
        "south-times", "southmark", "Southmark units held their positions near Port Vell."
    )
    # Harrow and Green Shield: two names, fewer than a claim without a figure needs
    assert omissions(desk.run(north, south)) == []


def test_a_neutral_outlet_that_reports_the_fact_is_not_called_silent(desk) -> None:
    north = desk.source("north-daily", "norland", NORTH_STRIKE)
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    wire = desk.source(
        "wire-service",
        "wire",
        "Both armies traded fire along the line on Tuesday.",
        "Emergency workers in Port Vell counted 12 killed and 40 wounded at the market.",
    )
    (found,) = omissions(desk.run(north, south, wire))  # the wire's paragraph sits on no row
    told, silent = found.positions
    assert told.sources == ("north-daily", "wire-service")
    assert told.sides == ("norland", "wire") and silent.sides == ("southmark",)
    assert found.summary.startswith("Only Norland and Wire sources report")
    assert "no Southmark source mentions" in found.summary


def test_a_neutral_outlet_silent_too_stays_out_of_the_reporting_camp(desk) -> None:
    north = desk.source("north-daily", "norland", NORTH_STRIKE)
    south = desk.source("south-times", "southmark", "Southmark units held their positions.")
    wire = desk.source("wire-service", "wire", "Both armies traded fire along the line.")
    (found,) = omissions(desk.run(north, south, wire))
    assert found.positions[0].sides == ("norland",)
