"""Numbers become figures only with what they count; ages, years, dates and durations do not."""

from __future__ import annotations

import pytest

from tui.analysis.figures import find_figures


def figures(text: str) -> list[tuple[str, str, float]]:
    return [(f.text, f.quantity, f.value) for f in find_figures("s", 0, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shelling of Ganja left seven people dead and 33 wounded, including children.",
            [("seven people", "killed", 7), ("33 wounded", "wounded", 33)],
        ),
        (
            "Nine people, including four women, were killed and 33 others were wounded.",
            [
                ("Nine people", "killed", 9),
                ("four women", "women killed", 4),
                ("33 others", "wounded", 33),
            ],
        ),
        (
            "The death toll rose to 10, with 33 wounded.",
            [("10", "killed", 10), ("33 wounded", "wounded", 33)],
        ),
        (
            "The shelling killed seven civilians and injured 33.",
            [("seven civilians", "killed", 7), ("injured 33", "wounded", 33)],
        ),
        (
            "Rockets killed 7 and wounded 33 people.",
            [("killed 7", "killed", 7), ("33 people", "wounded", 33)],
        ),
        (
            "Four children were among the 33 wounded.",
            [("Four children", "children wounded", 4), ("33 wounded", "wounded", 33)],
        ),
        ("Two soldiers were killed.", [("Two soldiers", "soldiers killed", 2)]),
        ("The blast destroyed nine apartments.", [("nine apartments", "buildings destroyed", 9)]),
        ("Twenty houses were damaged.", [("Twenty houses", "buildings damaged", 20)]),
        ("Air defences shot down a dozen drones.", [("a dozen drones", "drones", 12)]),
        ("Troops fired 1,200 rockets.", [("1,200 rockets", "missiles", 1200)]),
        ("The town lies 40 km from the front.", [("40 km", "km", 40)]),
        ("The first blast came at 2 a.m.", [("2 a.m.", "time", 2)]),
        ("Sirens sounded at 14:30 local time.", [("14:30 local time", "time", 14.5)]),
        ("Sirens sounded at 2:15 pm.", [("2:15 pm", "time", 14.25)]),
        ("The region is home to about 150,000 people.", [("150,000 people", "people", 150_000)]),
        ("Shelling caused five civilian deaths.", [("five civilian deaths", "killed", 5)]),
        # the displaced are counted like the toll
        ("By Friday 19,000 refugees had crossed.", [("19,000 refugees", "displaced", 19000)]),
        ("About 3,000 people fled the town.", [("3,000 people", "displaced", 3000)]),
        (
            "Some 2,906 forcibly displaced persons arrived.",
            [("2,906 forcibly displaced", "displaced", 2906)],
        ),
        # a hospital's intake is not the toll; those who died there are
        (
            "The head doctor said 40 wounded had been admitted to the hospital so far.",
            [("40 wounded", "wounded (in hospital)", 40)],
        ),
        (
            "A woman wounded in the strike died in hospital, raising the toll to 10.",
            [("toll to 10", "killed", 10)],
        ),
    ],
)
def test_figures_with_what_they_count(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Resident Zagit Aliyev, 68, said his house was gone.",  # age after a name
        "A 68-year-old man was pulled from the rubble.",
        "The woman, aged 68, survived.",
        "The war of the 1990s was recalled in 2020.",
        "In 1994 a ceasefire was signed.",
        "The truce began less than 24 hours earlier after two weeks of fighting.",
        "One witness said the 2nd floor collapsed.",
        "Two tanks were hit.",  # counts something we do not compare
        "Dozens of people were wounded.",
        "About 40% of the wounded were children.",
        "Some 40 per cent of those killed were civilians.",
        "Damage was put at $5 million; 3 million manats went to the families of the dead.",
        "Over 100 other civilian facilities were damaged.",  # facilities, not civilians
        "More than 100 civilian objects were hit.",
        "Trucks brought bedding for 500 people.",  # whom a delivery is for, not a count
        "Medicines for about 200 people were sent.",
    ],
)
def test_numbers_that_count_nothing_comparable(text: str) -> None:
    assert figures(text) == []


def test_figure_offsets_point_into_the_paragraph() -> None:
    text = "First sentence here. Then 7 civilians were killed in Ganja."
    (figure,) = find_figures("baku", 3, text)
    assert (figure.source, figure.paragraph) == ("baku", 3)
    assert text[figure.start : figure.end] == figure.text == "7 civilians"


def test_a_long_sentence_of_figures_is_read_number_by_number() -> None:
    # Each number looks only at the few characters before it (a currency sign, a name and a
    # comma); once every number re-scanned the whole sentence before it.
    counts = ", ".join(f"{i % 90 + 2} wounded" for i in range(400))
    text = f"Officials said {counts} on Sunday, after $5 million in damage, and Zagit Aliyev, 68."
    found = figures(text)
    assert len(found) == 400
    assert found[0] == ("2 wounded", "wounded", 2)
    assert all(quantity == "wounded" for _, quantity, _ in found)  # no money, no age


def test_a_sentence_of_bare_numbers_blocks_every_search() -> None:
    # A table flattened into text: each number's search for what it counts stops at the next
    # number, which is looked up token by token rather than collected for every number.
    text = " ".join(str(i % 90 + 2) for i in range(1_700)) + " wounded."
    assert figures(text) == [("81 wounded", "wounded", 81)]  # only the last one counts
