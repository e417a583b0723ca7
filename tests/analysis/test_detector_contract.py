"""One contract for every registered detector, as RapidFuzz tests every metric with one suite."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.analysis.corpus import build_corpus
from tui.analysis.detectors import DETECTORS, run_detectors
from tui.model import Cluster, Member

KINDS = [kind for kind, _ in DETECTORS]


def _earlier(corpus, kind):
    """What the detectors before `kind` found, as `diverge` hands it over."""
    found = []
    for other, detect in DETECTORS:
        if other == kind:
            return tuple(found)
        found.extend(detect(corpus, tuple(found)))
    raise AssertionError(kind)


def _run(event, kind, sources=None, clusters=None):
    corpus = build_corpus(
        sources if sources is not None else event.sources,
        clusters if clusters is not None else event.clusters,
        event.config.lexicon,
        event.neutral,
    )
    detect = dict(DETECTORS)[kind]
    return corpus, detect(corpus, _earlier(corpus, kind))


def test_every_kind_is_registered_once() -> None:
    assert sorted(KINDS) == sorted(set(KINDS))
    assert set(KINDS) == {"figure", "blame", "denial", "naming", "framing", "omission", "wording"}


@pytest.mark.parametrize("kind", KINDS)
def test_spans_are_exact_slices_of_their_paragraphs(demo, kind) -> None:
    corpus, found = _run(demo, kind)
    assert found, f"the demo event should show some {kind} divergence"
    for finding in found:
        assert finding.spans
        for span in finding.spans:
            assert corpus.text(Member(span.source, span.paragraph))[span.start : span.end] == (
                span.text
            )


# Detectors for which a headline is no unit: it is no fact the other side omits, and its
# few words are no rewording of a lede.
NOT_ON_HEADLINES = {"omission", "wording"}


@pytest.mark.parametrize("kind", KINDS)
def test_headline_spans_are_slices_of_a_headline_a_row_holds(demo, kind) -> None:
    corpus, found = _run(demo, kind)
    placed = {s for c in demo.clusters for s in c.headlines}
    assert placed, "the demo's rows should hold some headline"
    for span in (s for f in found for s in f.spans if s.headline):
        assert kind not in NOT_ON_HEADLINES
        assert span.source in placed
        assert corpus.sources[span.source].title[span.start : span.end] == span.text


@pytest.mark.parametrize("kind", KINDS)
def test_without_headlines_on_rows_no_span_is_on_a_headline(demo, kind) -> None:
    rows = tuple(replace(c, headlines=()) for c in demo.clusters)
    _, found = _run(demo, kind, clusters=rows)
    assert not any(s.headline for f in found for s in f.spans)


@pytest.mark.parametrize("kind", KINDS)
def test_kind_is_its_own_and_cluster_exists(demo, kind) -> None:
    corpus, found = _run(demo, kind)
    clusters = {c.id for c in corpus.clusters}
    assert {f.kind for f in found} == {kind}
    assert all(f.cluster in clusters for f in found)


@pytest.mark.parametrize("kind", KINDS)
def test_structured_fields_are_filled(demo, kind) -> None:
    _, found = _run(demo, kind)
    for finding in found:
        assert finding.topic
        assert finding.positions
        assert 0.0 < finding.importance <= 1.0
        known = {s.id for s in demo.sources}
        assert all(set(p.sources) <= known and p.sides for p in finding.positions)


@pytest.mark.parametrize("kind", KINDS)
def test_deterministic_and_independent_of_source_order(demo, kind) -> None:
    _, first = _run(demo, kind)
    _, again = _run(demo, kind)
    assert first == again
    _, reversed_order = _run(demo, kind, sources=tuple(reversed(demo.sources)))

    def key(finding):
        return (finding.kind, finding.cluster, finding.topic, frozenset(finding.spans))

    assert {key(f) for f in reversed_order} == {key(f) for f in first}


@pytest.mark.parametrize("kind", KINDS)
def test_empty_and_one_source_corpus_yield_nothing(demo, kind) -> None:
    assert _run(demo, kind, sources=(), clusters=())[1] == []
    only = demo.sources[0]
    clusters = tuple(
        Cluster(f"c{i + 1}", 1.0, (Member(only.id, i),)) for i in range(len(only.paragraphs))
    )
    assert _run(demo, kind, sources=(only,), clusters=clusters)[1] == []


def test_run_detectors_is_the_registry_in_order(demo) -> None:
    corpus = build_corpus(demo.sources, demo.clusters, demo.config.lexicon, demo.neutral)
    kinds = [f.kind for f in run_detectors(corpus)]
    assert kinds == sorted(kinds, key=KINDS.index)
