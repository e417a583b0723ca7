"""Alignment in blocks of sources (`tui.analysis.align.align_in_blocks`), the scale path.

The events here are small; `Thresholds.block` is lowered so that they take the path a
hundred-source event takes.
"""

from __future__ import annotations

import dataclasses
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.align_speed import co_clustered
from benchmarks.synthetic import make_event
from tests.analysis.test_align import (
    LEXICON,
    STEP_AM,
    STEP_AZ,
    STEP_INT,
    assert_partition,
    by_member,
    event,
    random_sources,
    source,
)
from tui.analysis.align import THRESHOLDS, Paragraph, align, source_blocks
from tui.model import Member

IN_PAIRS = dataclasses.replace(THRESHOLDS, block=2)


def test_blocks_are_consecutive_sources_as_even_as_can_be() -> None:
    paragraphs = [
        Paragraph(Member(s, i), 0.0)
        for s, n in (("a", 2), ("b", 1), ("c", 3), ("d", 1), ("e", 2))
        for i in range(n)
    ]
    assert source_blocks(paragraphs, 5) == [(0, 9)]
    assert source_blocks(paragraphs, 2) == [(0, 2), (2, 6), (6, 9)]  # a | b c | d e
    assert source_blocks(paragraphs, 4) == [(0, 3), (3, 9)]  # a b | c d e
    assert source_blocks([], 2) == [(0, 0)]


def test_one_incident_told_in_every_block_is_one_row() -> None:
    sources = [
        source("a-am", "armenian", STEP_AM),
        source("b-az", "azerbaijani", STEP_AZ),
        source("c-int", "international", STEP_INT),
        source("d-int", "international", STEP_INT),
        source("e-am", "armenian", STEP_AM),
    ]
    clusters = align(sources, LEXICON, IN_PAIRS)
    assert_partition(clusters, sources)
    assert len(clusters) == 1
    assert clusters[0].links  # the claim links that hold the row are there, across blocks too


def test_rows_across_blocks_on_the_hand_written_event() -> None:
    """Blocks (afp apa | armenpress bbc): the Stepanakert shelling is told in both and is one
    row; the blankets appeal stays alone. (Which row a two-fact paragraph joins may differ
    from the exact alignment: each block decides it among its own sources.)"""
    sources = event()
    blocked = align(sources, LEXICON, IN_PAIRS)
    assert_partition(blocked, sources)
    rows = by_member(blocked)
    shelling = {Member("armenpress", 0), Member("apa", 1), Member("afp", 2), Member("bbc", 0)}
    assert set(rows[Member("bbc", 0)].members) == shelling
    assert rows[Member("armenpress", 2)].members == (Member("armenpress", 2),)  # blankets


def test_blocked_alignment_finds_most_of_the_synthetic_rows() -> None:
    sources, lexicon = make_event(8, 20, seed=3)
    exact = co_clustered(c.members for c in align(sources, lexicon))
    blocked = co_clustered(c.members for c in align(sources, lexicon, IN_PAIRS))
    assert len(blocked & exact) >= 0.8 * len(exact)
    assert len(blocked - exact) <= 0.2 * len(blocked)


@settings(max_examples=40, deadline=None)
@given(random_sources, st.randoms(use_true_random=False))
def test_partition_and_order_independence_in_blocks(sources, rnd) -> None:  # type: ignore[no-untyped-def]
    clusters = align(sources, LEXICON, IN_PAIRS)
    assert_partition(clusters, sources)
    shuffled = list(sources)
    rnd.shuffle(shuffled)
    assert align(shuffled, LEXICON, IN_PAIRS) == clusters


def test_order_independence_in_blocks_on_the_hand_written_event() -> None:
    sources = event()
    expected = align(sources, LEXICON, IN_PAIRS)
    for permutation in itertools.permutations(sources):
        assert align(list(permutation), LEXICON, IN_PAIRS) == expected
