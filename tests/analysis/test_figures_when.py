"""When things happened is a figure too: times with their zone, dates, and delays ("after 45
minutes"), compared across the event for the same moment."""

from __future__ import annotations

import pytest

from tui.analysis.figures import find_figures, format_figure, time_offset


def figures(text: str) -> list[tuple[str, str, float]]:
    return [(f.text, f.quantity, f.value) for f in find_figures("s", 0, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The drone fell at 19:10 (GMT+4) near the lake.", [("19:10 (GMT+4)", "time", 19 + 1 / 6)]),
        ("It was downed at around 1510 GMT.", [("1510 GMT", "time", 15 + 1 / 6)]),
        ("Shots were heard at 07.45 am.", [("07.45 am", "time", 7.75)]),
        (
            "On March 3 and 4 the bridge was shelled.",
            [("March 3", "date", 303), ("4", "date", 304)],
        ),
        ("The talks ended on 9 May.", [("9 May", "date", 509)]),
        ("The truce broke down after 20 minutes.", [("after 20 minutes", "delay", 20)]),
        ("Firing resumed just an hour after it began.", [("an hour after", "delay", 60)]),
        ("Two days later the road reopened.", [("Two days later", "delay", 2 * 24 * 60)]),
    ],
)
def test_times_dates_and_delays_are_read(text: str, expected: list) -> None:
    assert figures(text) == expected


def test_a_time_that_opens_a_paragraph_stamps_a_live_update() -> None:
    assert figures("21:40 The ministry said the crew was safe.") == []


def test_zones_and_labels() -> None:
    assert time_offset("19:10 (GMT+4)") == 4
    assert time_offset("1510 GMT") == 0
    assert time_offset("8 a.m. local time") is None
    assert format_figure("date", 1017) == "October 17"
    assert format_figure("delay", 90) == "90 minutes"
    assert format_figure("delay", 120) == "2 hours"


def test_times_in_different_zones_that_agree_are_not_a_conflict(ganja) -> None:
    baku = ganja.source("baku", "A helicopter was shot down over the valley at 19:10 (GMT+4).")
    wire = ganja.source("wire", "The helicopter was shot down over the valley at 1510 GMT.")
    apart = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("wire", 0)))
    assert ganja.of_kind(ganja.run((baku, wire), apart), "figure") == []


def test_a_time_without_zone_against_zoned_ones(ganja) -> None:
    baku = ganja.source("baku", "A helicopter was shot down over the valley at 19:10 (GMT+4).")
    wire = ganja.source("wire", "The helicopter was shot down over the valley at 1510 GMT.")
    yerevan = ganja.source("yerevan", "The helicopter was shot down over the valley at 6:10 pm.")
    apart = tuple(ganja.cluster(f"c{i}", (s, 0)) for i, s in enumerate(("baku", "wire", "yerevan")))
    (figure,) = ganja.of_kind(ganja.run((baku, wire, yerevan), apart), "figure")
    assert figure.summary == (
        "time: 15:10 GMT (Global Wire) vs 18:10 (Yerevan Courier) "
        "vs 19:10 GMT+4 (15:10 GMT) (Baku Herald)"
    )


def test_dates_a_day_apart_for_the_same_incident_conflict(ganja) -> None:
    baku = ganja.source(
        "baku", "The humanitarian truce agreed in Geneva on May 3 was reaffirmed on May 9."
    )
    yerevan = ganja.source(
        "yerevan", "The humanitarian truce agreed in Geneva on May 3 was reaffirmed on May 8."
    )
    apart = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    (figure,) = ganja.of_kind(ganja.run((baku, yerevan), apart), "figure")
    assert figure.summary == "date: May 3, May 8 (Yerevan Courier) vs May 3, May 9 (Baku Herald)"


def test_dates_far_apart_or_of_other_things_do_not_conflict(ganja) -> None:
    baku = ganja.source("baku", "The humanitarian truce agreed in Geneva was reaffirmed on May 3.")
    far = ganja.source(
        "yerevan", "The humanitarian truce agreed in Geneva was reaffirmed on May 9."
    )
    other = ganja.source("yerevan", "Rescuers cleared the market on May 4.")
    apart = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    assert ganja.of_kind(ganja.run((baku, far), apart), "figure") == []
    assert ganja.of_kind(ganja.run((baku, other), apart), "figure") == []


def test_delays_of_the_same_moment_conflict(ganja) -> None:
    yerevan = ganja.source("yerevan", "The ceasefire collapsed after 20 minutes of taking effect.")
    wire = ganja.source("wire", "Fighting resumed an hour after the ceasefire took effect.")
    apart = (ganja.cluster("c1", ("yerevan", 0)), ganja.cluster("c2", ("wire", 0)))
    (figure,) = ganja.of_kind(ganja.run((yerevan, wire), apart), "figure")
    assert figure.summary == "delay: 20 minutes (Yerevan Courier) vs 1 hour (Global Wire)"
