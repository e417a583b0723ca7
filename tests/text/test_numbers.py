"""find_numbers: digits and words with exact spans, as the aligner and figure detector read them."""

from __future__ import annotations

import pytest

from tui.text.numbers import find_numbers, word_value


def readings(text: str) -> list[tuple[str, float]]:
    return [(text[m.start : m.end], m.value) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seven people dead and 33 wounded", [("seven", 7), ("33", 33)]),
        ("thirty-three others", [("thirty-three", 33)]),
        ("thirty three others", [("thirty three", 33)]),
        ("two hundred and fifty homes", [("two hundred and fifty", 250)]),
        ("1,200 houses", [("1,200", 1200)]),
        ("3.5 km away", [("3.5", 3.5)]),
        ("1.5 million people", [("1.5 million", 1_500_000)]),
        ("a dozen drones", [("a dozen", 12)]),
        ("two dozen rockets", [("two dozen", 24)]),
        ("seven and 33", [("seven", 7), ("33", 33)]),
    ],
)
def test_reads_numbers(text: str, expected: list[tuple[str, float]]) -> None:
    assert readings(text) == expected


@pytest.mark.parametrize(
    "text", ["dozens of people", "hundreds of homes", "thousands fled", "Su-25 jets", "TB2 drones"]
)
def test_vague_amounts_and_model_names_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_word_value() -> None:
    assert word_value("Nine") == 9
    assert word_value("forty-two") == 42
    assert word_value("forty-twelve") is None
    assert word_value("first") is None
