"""The indexes and caches that keep a big event's analysis near linear give what the plain
scans they replaced give.

Each lookup here replaced a rescan (of the event's figures per cluster, of every candidate
claim per denial, of a sentence's tokens per figure); the plain definition is written out in
the test and compared on a synthetic event of many sources, where the shortcuts matter.
"""

from __future__ import annotations

import pytest

from benchmarks.synthetic import make_event
from tui.analysis.align import align
from tui.analysis.corpus import Corpus, build_corpus
from tui.analysis.detectors import denial, figure
from tui.analysis.figures import WHEN_QUANTITIES
from tui.analysis.parsed import parse
from tui.model import Figure, Member

NEUTRAL = frozenset({"international"})


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    sources, lexicon = make_event(12, 30, 3)
    return build_corpus(sources, align(sources, lexicon), lexicon, NEUTRAL)


@pytest.mark.parametrize(
    "text",
    [
        "Shelling went on. Seven were killed in Ganja!  Officials said so",
        "no sentence ends here at all just words and 7 killed and 33 wounded",
        "",
        "One. Two. Three.",
    ],
)
def test_sentence_tokens_are_the_tokens_that_start_in_each_sentence(text: str) -> None:
    parsed = parse(text)
    for (start, end), tokens in zip(parsed.sentences, parsed.sentence_tokens, strict=True):
        inside = [i for i, t in enumerate(parsed.tokens) if start <= t.start < end]
        assert list(tokens) == inside


def test_sentence_keys_are_the_topic_keys_of_the_sentence(corpus: Corpus) -> None:
    for member, parsed in corpus.parsed.items():
        for k, tokens in enumerate(parsed.sentence_tokens):
            assert corpus.sentence_keys(member, k) == corpus.topic_keys(member, tokens)
        whole = corpus.topic_keys(member, range(len(parsed.tokens)))
        assert corpus.sentence_keys(member, -1) == whole
        assert corpus.sentence_keys(member, -1) is corpus.sentence_keys(member, -1)  # cached


def _same_story_by_rescan(
    corpus: Corpus, figures: list[Figure], elsewhere: list[Figure]
) -> list[Figure]:
    places: dict[str, set[str]] = {}
    for f in figures:
        places.setdefault(f.source, set()).update(figure._topic_keys(corpus, f))
    return [
        f
        for f in elsewhere
        if f.source in places
        and f not in figures
        and f.quantity == figures[0].quantity
        and places[f.source] & figure._topic_keys(corpus, f)
    ]


def test_same_story_index_finds_what_a_rescan_finds(corpus: Corpus) -> None:
    figures = [f for f in corpus.figures if not corpus.is_background(f)]
    index = figure._by_source(corpus, figures)
    groups = 0
    for cluster in corpus.clusters:
        members = set(cluster.members)
        mine = [f for f in figures if Member(f.source, f.paragraph) in members]
        for group in figure._by_quantity(mine).values():
            if group[0].quantity in WHEN_QUANTITIES:
                continue
            expected = _same_story_by_rescan(corpus, group, figures)
            assert figure._same_story(corpus, group, index) == expected
            groups += bool(expected)
    assert groups  # the event has figures the index must find in other clusters


def _score(match: denial.Match, denier_side: str, cluster: str) -> tuple[int, ...]:
    """`denial._claim`'s score of a candidate."""
    shared, s = match
    place = (-s.rank, -s.member.paragraph, -s.range[0])
    return (shared, int(s.party and s.side != denier_side), int(s.cluster == cluster), *place)


def test_ranked_claims_pick_what_scoring_every_candidate_picks(corpus: Corpus) -> None:
    asked = []  # (member, keys) of every denying sentence, its long words as the keys
    for member, parsed in corpus.parsed.items():
        if corpus.cluster_of.get(member) is None:
            continue
        for tokens, hit in zip(parsed.sentence_tokens, corpus.denials[member], strict=True):
            if hit is not None:
                words = {parsed.words[i] for i in tokens}
                asked.append((member, frozenset(denial._stem(w) for w in words if len(w) > 3)))
    index = denial._index(corpus, frozenset(k for _, keys in asked for k in keys))
    checked = 0
    for member, keys in asked:
        cluster = corpus.cluster_of[member]
        side = corpus.side(member.source)
        need = max(denial.MIN_SHARED, (len(keys) + 1) // 2)
        for party in (True, False):
            ranked = denial._matches(index, keys, side, party, member.source)
            every = [  # every candidate, by a rescan of the index
                (len(keys & s.stem_set), s)
                for s in index.sentences
                if not (party and s.side == side)
                and s.member.source != member.source
                and len(keys & s.stem_set) >= need
            ]
            if not every:
                assert ranked.top is None
                continue
            picked = [m for m in (ranked.top, ranked.by_cluster.get(cluster)) if m is not None]
            best = max(_score(m, side, cluster) for m in every)
            assert max(_score(m, side, cluster) for m in picked) == best
            checked += 1
    assert checked


def test_claim_index_holds_every_sentence_that_could_make_a_claim(corpus: Corpus) -> None:
    """Sentences left out of the index deny something or share fewer than two key stems."""
    needed = frozenset({"armen", "azerb", "shell", "ganja", "stepa", "kille"})
    index = denial._index(corpus, needed)
    held = {(s.member, s.range) for s in index.sentences}
    for member, parsed in corpus.parsed.items():
        stems = tuple(map(denial._stem, parsed.words))
        for sentence, tokens, hit in zip(
            parsed.sentences, parsed.sentence_tokens, corpus.denials[member], strict=True
        ):
            shared = needed & set(stems[tokens.start : tokens.stop])
            could = hit is None and len(shared) >= denial.MIN_SHARED
            assert ((member, sentence) in held) == could
    assert held
