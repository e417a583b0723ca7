"""Alignment on hand-written accounts of the 11 October 2020 shelling of Ganja and Stepanakert
(the team's own wording), plus properties on random and synthetic input."""

from __future__ import annotations

import dataclasses
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.align_speed import all_claim_pairs, co_clustered, naive_align
from benchmarks.synthetic import make_event
from tui.analysis.align import THRESHOLDS, align, claim_weights, link_claims, read
from tui.model import Cluster, Lexicon, Member, NameGroup, Outlet, Source

LEXICON = Lexicon(
    names=(
        NameGroup(
            "stepanakert",
            (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi", "Xankendi"))),
        ),
    )
)

GANJA_AZ = (
    "Azerbaijan's foreign ministry said overnight Armenian shelling of Ganja killed seven "
    "civilians and wounded 33, among them children, hours after the humanitarian ceasefire "
    "began."
)
GANJA_INT = (
    "Overnight shelling of Ganja killed 7 civilians and wounded thirty-three, including "
    "children, Azerbaijan's foreign ministry said, hours after the humanitarian ceasefire began."
)
DENIAL_AM = (
    "The Karabakh defence ministry denied firing at Ganja and called the Azerbaijani "
    "accusation an absolute lie."
)
DENIAL_AZ = (
    "Yerevan and the Karabakh defence ministry denied firing at Ganja, calling the accusation "
    "an absolute lie."
)
DENIAL_INT = (
    "Karabakh's defence ministry called the accusation an absolute lie and denied firing at Ganja."
)
STEP_AM = (
    "Shells hit residential districts of Stepanakert on Sunday morning, damaging houses "
    "and cutting electricity across the city, the Karabakh emergency service said."
)
STEP_AZ = (
    "The Karabakh emergency service claimed that shells hit residential districts of Khankendi "
    "on Sunday morning, damaging houses and cutting electricity across the city."
)
STEP_INT = (
    "On Sunday morning shells hit residential districts of Stepanakert, cutting electricity "
    "across the city and damaging houses, according to the Karabakh emergency service."
)
RED_CROSS = (
    "The International Committee of the Red Cross urged both sides to spare civilians and to "
    "let rescuers recover the bodies of the dead."
)
BLANKETS = (
    "Volunteers in Yerevan collected blankets and medicine for families sheltering in basements."
)
DAM = "A reservoir dam near Mingachevir was reported undamaged after an inspection by engineers."


def source(sid: str, side: str, *paragraphs: str) -> Source:
    return Source(
        sid, Outlet(sid, sid.upper(), side), f"/tmp/{sid}.html", "ok", paragraphs=paragraphs
    )


def by_member(clusters: tuple[Cluster, ...]) -> dict[Member, Cluster]:
    return {m: c for c in clusters for m in c.members}


def assert_partition(clusters: tuple[Cluster, ...], sources: list[Source]) -> None:
    expected = [Member(s.id, i) for s in sources if s.ok for i in range(len(s.paragraphs))]
    found = [m for c in clusters for m in c.members]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found))
    assert [c.id for c in clusters] == [f"c{n}" for n in range(1, len(clusters) + 1)]
    for c in clusters:
        assert list(c.members) == sorted(c.members)
        assert 0.0 <= c.score <= 1.0


def event() -> list[Source]:
    return [
        source("armenpress", "armenian", STEP_AM, DENIAL_AM, BLANKETS),
        source("apa", "azerbaijani", GANJA_AZ, STEP_AZ, DENIAL_AZ, DAM),
        source("afp", "international", RED_CROSS, GANJA_INT + " " + DENIAL_INT, STEP_INT),
        source("bbc", "international", STEP_INT, GANJA_INT),
    ]


def test_same_fact_in_different_order_and_names_aligns_across_sources() -> None:
    sources = event()
    clusters = align(sources, LEXICON)
    assert_partition(clusters, sources)
    index = by_member(clusters)
    # Stepanakert (armenpress, afp, bbc) and Khankendi (apa) are one place.
    stepanakert = index[Member("armenpress", 0)]
    assert set(stepanakert.members) == {
        Member("armenpress", 0), Member("apa", 1), Member("afp", 2), Member("bbc", 0)
    }  # fmt: skip
    assert stepanakert.score > 0.8
    # "seven ... 33" (apa) and "7 ... thirty-three" (bbc) report the same casualties.
    assert index[Member("apa", 0)] is index[Member("bbc", 1)]


def test_long_paragraph_matches_two_short_ones_of_another_source() -> None:
    sources = [
        source("afp", "international", GANJA_INT + " " + DENIAL_INT),
        source("apa", "azerbaijani", GANJA_AZ, DAM, DENIAL_AZ),
        source("armenpress", "armenian", DENIAL_AM),
    ]
    clusters = align(sources, LEXICON)
    assert_partition(clusters, sources)
    index = by_member(clusters)
    assert index[Member("afp", 0)].members == (
        Member("afp", 0), Member("apa", 0), Member("apa", 2), Member("armenpress", 0)
    )  # fmt: skip


def test_where_others_tell_facts_apart_a_long_paragraph_joins_its_best_match() -> None:
    # Two outlets report casualties and denial separately: they stay two rows, and the
    # paragraph that tells both joins the casualties (most of its words).
    index = by_member(align(event(), LEXICON))
    assert set(index[Member("afp", 1)].members) == {
        Member("afp", 1), Member("apa", 0), Member("bbc", 1)
    }  # fmt: skip
    assert set(index[Member("apa", 2)].members) == {Member("apa", 2), Member("armenpress", 1)}


def test_unrelated_paragraphs_stay_alone() -> None:
    index = by_member(align(event(), LEXICON))
    for member in (Member("armenpress", 2), Member("apa", 3), Member("afp", 0)):
        assert index[member].members == (member,)
        assert index[member].score == 1.0


def test_paragraphs_of_one_source_do_not_chain_through_weak_links() -> None:
    # Two different Ganja facts in one outlet, each matched by a different outlet: they must
    # not end up together just because both mention Ganja.
    sources = [
        source("apa", "azerbaijani", GANJA_AZ, DENIAL_AZ),
        source("armenpress", "armenian", DENIAL_AM),
        source("bbc", "international", GANJA_INT),
    ]
    index = by_member(align(sources, LEXICON))
    assert index[Member("apa", 0)] is not index[Member("apa", 1)]
    assert index[Member("apa", 0)] is index[Member("bbc", 0)]
    assert index[Member("apa", 1)] is index[Member("armenpress", 0)]


def test_error_sources_are_ignored() -> None:
    broken = Source("trend", Outlet("trend", "Trend", "azerbaijani"), "/x", "error", "timed out")
    sources = [*event(), broken]
    clusters = align(sources, LEXICON)
    assert_partition(clusters, sources)
    assert all(m.source != "trend" for c in clusters for m in c.members)
    assert clusters == align(event(), LEXICON)


def test_ids_follow_reading_order() -> None:
    sources = [
        source("a", "armenian", STEP_AM, BLANKETS, DENIAL_AM),
        source("b", "international", STEP_INT, RED_CROSS, DENIAL_INT),
    ]
    clusters = align(sources, LEXICON)
    assert [c.members for c in clusters] == [
        (Member("a", 0), Member("b", 0)),
        (Member("a", 1),),
        (Member("b", 1),),
        (Member("a", 2), Member("b", 2)),
    ]


def test_degenerate_input() -> None:
    assert align([], LEXICON) == ()
    assert align([source("empty", "armenian")], LEXICON) == ()
    only = [source("solo", "armenian", STEP_AM, STEP_AM, "", "[b]\x1b[0m")]
    clusters = align(only, LEXICON)
    assert_partition(clusters, only)
    assert all(len(c.members) == 1 for c in clusters)  # one source: nothing to align with


WORDS = ["ganja", "stepanakert", "khankendi", "seven", "7", "shelling", "killed", "drone",
         "civilians", "market", "lie", "ministry", "said", "the", "of", "33", "school"]  # fmt: skip
paragraph_text = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join) | st.text(max_size=40)
random_sources = st.lists(st.lists(paragraph_text, max_size=6), min_size=0, max_size=5).map(
    lambda lists: [
        source(f"s{n}", ("armenian", "azerbaijani", "international")[n % 3], *paragraphs)
        for n, paragraphs in enumerate(lists)
    ]
)


@settings(max_examples=60, deadline=None)
@given(random_sources, st.randoms(use_true_random=False))
def test_partition_and_order_independence(sources: list[Source], rnd) -> None:  # type: ignore[no-untyped-def]
    clusters = align(sources, LEXICON)
    assert_partition(clusters, sources)
    shuffled = list(sources)
    rnd.shuffle(shuffled)
    assert align(shuffled, LEXICON) == clusters
    assert align(sources, LEXICON) == clusters


@settings(max_examples=80, deadline=None)
@given(
    random_sources,
    st.sampled_from([THRESHOLDS, dataclasses.replace(THRESHOLDS, claim=0.05, min_shared=1)]),
)
def test_particular_index_finds_exactly_the_links_all_pairs_give(  # type: ignore[no-untyped-def]
    sources: list[Source], t
) -> None:
    _, claims = read(sources, LEXICON)
    weights, particulars = claim_weights(claims, t)
    fast = link_claims(claims, weights, particulars, t)
    assert fast == link_claims(claims, weights, particulars, t, all_claim_pairs)


def test_order_independence_on_the_hand_written_event() -> None:
    sources = event()
    expected = align(sources, LEXICON)
    for permutation in itertools.permutations(sources):
        assert align(list(permutation), LEXICON) == expected


def test_duplicate_source_ids_are_refused_with_a_clear_message() -> None:
    sources = [source("afp", "international", STEP_INT), source("afp", "international", RED_CROSS)]
    try:
        align(sources, LEXICON)
    except ValueError as error:
        assert "afp" in str(error) and "unique" in str(error)
    else:
        raise AssertionError("duplicate ids must be refused")


def test_fast_path_agrees_with_all_pairs_baseline_on_synthetic_event() -> None:
    sources, lexicon = make_event(6, 30, seed=3)
    fast = align(sources, lexicon)
    naive = naive_align(sources, lexicon)
    assert fast == naive
    assert co_clustered(c.members for c in fast)  # something did align
    assert_partition(fast, list(sources))


def test_synthetic_event_is_deterministic() -> None:
    assert make_event(4, 10, seed=1) == make_event(4, 10, seed=1)
    assert make_event(4, 10, seed=1) != make_event(4, 10, seed=2)
    sources, _ = make_event(5, 12, seed=0)
    assert all(len(s.paragraphs) == 12 for s in sources)
    assert {s.side for s in sources} == {"armenian", "azerbaijani", "international"}
    assert dataclasses.is_dataclass(sources[0])


def test_align_never_pauses_the_garbage_collector(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The viewer aligns on every arriving source while it keeps running: a pause inside align
    would switch the collector off for the whole app. Only the one-shot CLI pauses it."""
    import gc

    import tui.analysis.align as aligner

    seen: list[bool] = []

    def reading(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return read(*args, **kwargs)

    monkeypatch.setattr(aligner, "read", reading)
    sources = [
        source("a", "armenian", "Drones struck the market of Eastbridge, killing 14."),
        source("b", "azerbaijani", "Nine people were killed when drones hit Eastbridge market."),
    ]
    align(sources, Lexicon())
    assert seen == [True] and gc.isenabled()
