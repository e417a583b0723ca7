"""Figure divergences: the same quantity stated with different values by different sources.

Two scopes. Inside a cluster the aligner has already said the paragraphs report the same
thing, so any disagreement on a quantity is a divergence. Across the event, two figures are
only compared when their sentences share a place or name (Ganja; Stepanakert and Khankendi
count as one), because "killed: 7" in Ganja and "killed: 30,000" in the 1990s war are not a
disagreement. An event-wide divergence is only reported when it holds a figure that no cluster
divergence already shows, in that figure's cluster; times of day are never compared event-wide.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Sequence

from tui.analysis.corpus import Corpus, Finding
from tui.analysis.figures import format_figure
from tui.analysis.importance import importance, position
from tui.model import Figure, Member
from tui.text.spans import join_names, make_span
from tui.text.wordlists import FUNCTION_WORDS

# Times of day are only compared inside a cluster: across the event "at noon" (when the truce
# began) and "at 2 a.m." (when the missiles hit) are different moments, not a disagreement.
# Inside a cluster too, two times are compared only when they time the same thing: their
# sentences share at least `SAME_MOMENT` words before the time ("missiles struck Ganja at").
CLUSTER_ONLY = frozenset({"time"})
SAME_MOMENT = 2


def figure_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    # Figures of background sentences (a past war's toll, a year's total) count another
    # period: they are never set against the event's.
    figures = [f for f in corpus.figures if not corpus.is_background(f)]
    findings: list[Finding] = []
    by_cluster: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        cluster = corpus.cluster_of.get(Member(figure.source, figure.paragraph))
        if cluster is not None:
            by_cluster[cluster].append(figure)
    covered: set[Figure] = set()  # figures already shown by a cluster divergence
    for cluster in corpus.clusters:
        for quantity, group in _by_quantity(by_cluster.get(cluster.id, [])).items():
            for same in _moments(corpus, group) if quantity == "time" else [group]:
                finding = _disagreement(corpus, cluster.id, quantity, same)
                if finding is not None:
                    findings.append(finding)
                    covered.update(same)
    for quantity, group in _by_quantity(figures).items():
        if quantity in CLUSTER_ONLY:
            continue
        for component in _topics(corpus, group):
            clusters = {corpus.cluster_of.get(Member(f.source, f.paragraph)) for f in component}
            new = [f for f in component if f not in covered]
            if len(clusters) < 2 or not new:
                continue
            # Reported where the figure no cluster divergence shows is (a later update, say),
            # and that figure's span comes first, as for every event-wide divergence.
            where = corpus.cluster_of.get(Member(new[0].source, new[0].paragraph))
            ordered = [*new, *(f for f in component if f in covered)]
            finding = (
                _disagreement(corpus, where, f"{quantity} (across the event)", ordered)
                if where
                else None
            )
            if finding is not None:
                findings.append(finding)
    return findings


def _by_quantity(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    groups: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[figure.quantity].append(figure)
    return groups


def _disagreement(
    corpus: Corpus, cluster: str, quantity: str, figures: list[Figure]
) -> Finding | None:
    """A finding when two sources state values that share nothing, else None.

    One outlet's several values are its timeline ("7, later 9"), read in its reading order: an
    update, not a conflict. Two outlets conflict only when their timelines share no value, so
    an outlet that reported 7 and later 9 agrees with one that reported 9.
    """
    timelines: dict[str, list[float]] = defaultdict(list)
    for figure in sorted(figures, key=lambda f: (f.source, f.paragraph, f.start)):
        if figure.value not in timelines[figure.source]:
            timelines[figure.source].append(figure.value)
    if len(timelines) < 2:
        return None
    sets = {source: frozenset(values) for source, values in timelines.items()}
    if not any(sets[a].isdisjoint(sets[b]) for a, b in itertools.combinations(sets, 2)):
        return None
    kind = figures[0].quantity
    camps: dict[tuple[float, ...], list[str]] = defaultdict(list)
    for source in corpus.sources:
        if source in timelines:
            camps[tuple(timelines[source])].append(source)
    positions = tuple(
        position(corpus, sources, ", later ".join(format_figure(kind, v) for v in values))
        for values, sources in sorted(camps.items())
    )
    parts = [f"{p.value} ({join_names(corpus.name(s) for s in p.sources)})" for p in positions]
    spans = tuple(
        make_span(f.source, f.paragraph, corpus.text(Member(f.source, f.paragraph)), f.start, f.end)
        for f in figures
    )
    values = [v for found in timelines.values() for v in found]
    gap = (max(values) - min(values)) / max(abs(max(values)), abs(min(values)), 1)
    topic = quantity.removesuffix(" (across the event)")
    return Finding(
        "figure",
        cluster,
        f"{quantity}: " + " vs ".join(parts),
        spans,
        topic,
        positions,
        importance(corpus, "figure", positions, spans, gap if kind != "time" else 0.0),
    )


def _topics(corpus: Corpus, figures: list[Figure]) -> list[list[Figure]]:
    """Figures grouped by shared place or name in their sentence (connected components)."""
    keys = [_topic_keys(corpus, f) for f in figures]
    parent = list(range(len(figures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, ks in enumerate(keys):
        for key in ks:
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    components: dict[int, list[Figure]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if keys[i]:
            components[root(i)].append(figure)
    return list(components.values())


def _topic_keys(corpus: Corpus, figure: Figure) -> frozenset[str]:
    """The places and names of the figure's sentence."""
    member = Member(figure.source, figure.paragraph)
    parsed = corpus.parsed[member]
    start, end = parsed.sentence_at(figure.start)
    indices = (i for i, token in enumerate(parsed.tokens) if start <= token.start < end)
    return corpus.topic_keys(member, indices)


def _moments(corpus: Corpus, times: list[Figure]) -> list[list[Figure]]:
    """Times of day grouped by what they time (connected by shared context words)."""
    contexts = [_time_context(corpus, f) for f in times]
    components: list[list[int]] = []
    for i in range(len(times)):
        joined = [
            c for c in components if any(len(contexts[i] & contexts[j]) >= SAME_MOMENT for j in c)
        ]
        merged = sorted([i, *(j for c in joined for j in c)])
        components = [c for c in components if c not in joined] + [merged]
    return [[times[j] for j in c] for c in sorted(components)]


def _time_context(corpus: Corpus, figure: Figure) -> frozenset[str]:
    """The content words of the figure's sentence before it, back to the previous time of day
    ("missiles struck Ganja at" 2 a.m.); the words after it when nothing comes before."""
    member = Member(figure.source, figure.paragraph)
    parsed = corpus.parsed[member]
    start, end = parsed.sentence_at(figure.start)
    times = [
        f for f in corpus.figures_of[member] if f.quantity == "time" and start <= f.start < end
    ]
    after_previous = max((f.end for f in times if f.end <= figure.start), default=start)
    next_start = min((f.start for f in times if f.start >= figure.end), default=end)

    def words(a: int, b: int) -> frozenset[str]:
        first = bisect.bisect_left(parsed.tokens, a, key=lambda token: token.start)
        last = bisect.bisect_left(parsed.tokens, b, key=lambda token: token.start)
        return frozenset(
            word
            for word in parsed.words[first:last]
            if len(word) > 2 and word not in FUNCTION_WORDS and not any(ch.isdigit() for ch in word)
        )

    return words(after_previous, figure.start) or words(figure.end, next_start)
