"""sentences: linear in the length of a paragraph, whatever runs of stops it holds.

Paragraphs from the web reach 5,000 characters, and "!!!!…" or ". . . ." runs are real page
text; a pattern that retries a run from every character inside it is quadratic on them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from itertools import pairwise

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


def _best_time(call: Callable[[], object], repeats: int = 5, loops: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(loops):
            call()
        best = min(best, time.perf_counter() - started)
    return best


@given(st.sampled_from(["!", "?", ".", "!?", ". ", "!” ", "; ", "Mr. "]), st.sampled_from("x ,"))
@settings(max_examples=8, deadline=None)
def test_time_grows_linearly_with_a_run_of_stops(run: str, tail: str) -> None:
    # Two sizes, sixteen times apart, timed in the same process: linear work grows about
    # 16-fold, the quadratic pattern 256-fold (it took 0.9 s for 5,000 "!" before one "x");
    # the bound between them leaves a shared, loaded machine a 4-fold margin either way.
    # Load on the machine only ever makes one of the two slower, so the least ratio of three
    # tries is the one that says how the work grows.
    small, large = 500, 8000
    ratios = []
    for _ in range(3):
        short = _best_time(lambda: sentences(run * (small // len(run)) + tail))
        long = _best_time(lambda: sentences(run * (large // len(run)) + tail))
        ratios.append(long / max(short, 1e-6))
    assert min(ratios) < 64
