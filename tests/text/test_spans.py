"""sentences: the same sentence ends as the plain pattern, whatever runs of stops a paragraph holds.

Paragraphs from the web reach 5,000 characters, and "!!!!…" or ". . . ." runs are real page
text; a pattern that retries a run from every character inside it is quadratic on them. That
the time `sentences` takes grows linearly is measured by benchmarks/regex_linear.py.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text.spans import _SENTENCE_END, sentences

# The plain pattern the linear one replaced: the same sentence ends, found by retrying a run of
# stops from each of its characters. Kept here as the oracle for what `sentences` must find.
_PLAIN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)|;")

_PIECES = st.sampled_from(
    ["!", "?", ".", ".", ";", " ", " ", "\n", '"', "”", ")", "A", "x", "7", "Mr", "word"]
)


def _plain_ends(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PLAIN_END.finditer(text)]


def _linear_ends(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE_END.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_finds_the_same_sentence_ends_as_the_plain_pattern(text: str) -> None:
    assert _linear_ends(text) == _plain_ends(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.integers(1, 400)), max_size=12))
def test_sentences_are_ordered_trimmed_and_inside_the_text(runs: list[tuple[str, int]]) -> None:
    text = "".join(piece * count for piece, count in runs)
    ranges = sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in ranges)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(ranges))
    assert all(text[a:b] == text[a:b].strip() for a, b in ranges)
    # nothing but whitespace is left out
    covered = set().union(*(range(a, b) for a, b in ranges)) if ranges else set()
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@pytest.mark.parametrize("run", ["!", "?", ".", "!?", ". ", "!” ", "; ", "Mr. "])
@pytest.mark.parametrize("tail", ["x", " ", ","])
def test_a_long_run_of_stops_ends_the_sentences_the_plain_pattern_ends(run: str, tail: str) -> None:
    # The shapes the plain pattern was quadratic on (0.9 s for 5,000 "!" before one "x"): how
    # the time grows is benchmarks/regex_linear.py's to say; here, that the answer is right.
    text = run * (1_000 // len(run)) + tail
    assert _linear_ends(text) == _plain_ends(text)
