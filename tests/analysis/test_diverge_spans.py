"""Property: whatever the text, every span is exactly its slice and nothing crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.analysis.diverge import diverge
from tui.analysis.parsed import parse
from tui.model import Cluster, Member, Source
from tui.text.tokens import tokenize

WORDS = [
    "Armenian", "forces", "shelled", "Ganja", "Azerbaijan", "accused", "Armenia", "of",
    "shelling", "Stepanakert", "Khankendi", "Khankendi's", "seven", "33", "1,200", "3.5", "a",
    "dozen", "people", "were", "killed", "wounded", "including", "four", "women", "said",
    "according", "to", "an", "absolute", "lie", "denied", "occupants", "aggression", "Artsakh",
    "at", "2", "a.m.", "02:00", "aged", "68", "68-year-old", "1992", "October", "11", "24",
    "hours", "drones", "km", "by", "was", "the", "[bold]", "\x1b[31m", "\x07", "“", "”", "’s",
    "thirty-three", "among", "them", "apartments", "destroyed", "Baku", "Yerevan", "that",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", ", ", ". ", "; ", "\n", "  ", " - ", "'", '"']

paragraph = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=0, max_size=30
).map(lambda parts: "".join(w + s for w, s in parts))
texts = st.lists(paragraph, min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_spans_are_slices(ganja, paragraph_lists: list[list[str]], rnd) -> None:
    outlets = list(ganja.OUTLETS.values())
    sources = tuple(
        Source(o.id, o, f"/{o.id}", "ok", paragraphs=tuple(ps))
        for o, ps in zip(outlets, paragraph_lists, strict=False)
    )
    members = [Member(s.id, i) for s in sources for i in range(len(s.paragraphs))]
    rnd.shuffle(members)
    clusters: list[Cluster] = []
    while members:
        take = rnd.randint(1, 3)
        clusters.append(Cluster(f"c{len(clusters) + 1}", 0.5, tuple(members[:take])))
        members = members[take:]
    divergences, figures = diverge(sources, clusters, ganja.LEXICON, ganja.NEUTRAL)
    paragraphs = {s.id: s.paragraphs for s in sources}
    cluster_ids = {c.id for c in clusters}
    members = {c.id: set(c.members) for c in clusters}
    for divergence in divergences:
        assert divergence.cluster in cluster_ids
        first = divergence.spans[0]
        assert Member(first.source, first.paragraph) in members[divergence.cluster]
        for span in divergence.spans:
            assert paragraphs[span.source][span.paragraph][span.start : span.end] == span.text
            assert span.text == span.text.strip()
        assert "\x1b" not in divergence.summary and "\x07" not in divergence.summary
    for figure in figures:
        assert paragraphs[figure.source][figure.paragraph][figure.start : figure.end] == figure.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=3))
def test_arbitrary_text_never_crashes(ganja, paragraphs: list[str]) -> None:
    sources = tuple(
        Source(o.id, o, f"/{o.id}", "ok", paragraphs=(text,))
        for o, text in zip(ganja.OUTLETS.values(), paragraphs, strict=False)
    )
    clusters = (Cluster("c1", 0.5, tuple(Member(s.id, 0) for s in sources)),)
    divergences, figures = diverge(sources, clusters, ganja.LEXICON, ganja.NEUTRAL)
    for span in [s for d in divergences for s in d.spans]:
        assert (
            sources[[s.id for s in sources].index(span.source)].paragraphs[0][span.start : span.end]
            == span.text
        )
    assert all(f.text for f in figures)


@settings(max_examples=200, deadline=None)
@given(st.one_of(paragraph, st.text(max_size=200)))
def test_a_paragraph_is_read_once_into_sentences_that_hold_every_token(text: str) -> None:
    """What every detector reads instead of tokenising again: the same tokens, each in the
    sentence whose range holds it, sentences in order."""
    parsed = parse(text)
    assert parsed.tokens == tuple(tokenize(text))
    assert parsed.words == tuple(t.folded for t in parsed.tokens)
    held = [i for r in parsed.sentence_tokens for i in r]
    assert held == list(range(len(parsed.tokens)))
    for (start, end), indices in zip(parsed.sentences, parsed.sentence_tokens, strict=True):
        for i in indices:
            assert start <= parsed.tokens[i].start < parsed.tokens[i].end <= end
            assert parsed.sentence_at(parsed.tokens[i].start) == (start, end)
