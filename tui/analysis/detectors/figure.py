"""Figure divergences: the same quantity given different values by different outlets.

Every figure is read with its context (`tui.analysis.figures`): what it counts ("killed",
"soldiers killed", "wounded (of them)" for a partitive, "killed (more)" for an increment),
and the sentence's period: figures of background sentences (a past war, another year) are
never set against the event's (`Corpus.background`).

An outlet's several values of one quantity on one place are its timeline, in reading order
("7, later 9"): an update, not a conflict. Two outlets conflict when their timelines share no
value; an outlet that said 7 and later 9 agrees with one that said 9.

Two scopes. Inside a cluster the aligner has already said the paragraphs report the same thing.
Across the event, figures are compared only when their sentences share a place or name (Ganja;
Stepanakert and Khankendi count as one), and only for casualties and things: a bare count of
people ("500 people" fed, "3,000 people" fled) counts something different each time, and
sub-counts, increments and times of day only mean something beside their own total or moment.
One conflict is told once: an event-wide divergence that holds a cluster's whole replaces it.

"One side gives no figure" is its own, milder finding: a party's outlets speak of the dead or
the wounded without a number ("an unverified number of casualties") while others give one.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.analysis.corpus import Corpus, Finding, told_once
from tui.analysis.figures import CASUALTY_WORDS, PERSON_WORDS, format_figure
from tui.analysis.importance import importance, position
from tui.model import Figure, Member, Span
from tui.text.spans import join_names, make_span
from tui.text.wordlists import FUNCTION_WORDS, word_set

# Times of day are only compared inside a cluster: across the event "at noon" (when the truce
# began) and "at 2 a.m." (when the missiles hit) are different moments, not a disagreement.
# Inside a cluster too, two times are compared only when they time the same thing: their
# sentences share at least `SAME_MOMENT` words before the time ("missiles struck Ganja at").
CLUSTER_ONLY = frozenset({"time"})
GROUPS = frozenset(PERSON_WORDS.values())
# Casualties without a number: "there are losses", "an unverified number of casualties".
VAGUE_WORDS = {"killed": word_set("casualties losses victims"), "wounded": word_set("casualties")}
NO_FIGURE = -0.25  # "one side gives no figure" is milder than two figures that conflict
SAME_MOMENT = 2
EVENT_WIDE_QUANTITIES = frozenset({"displaced"})
EVENT_WIDE = "~event"  # the topic key every figure of those quantities shares


def figure_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    # Figures of background sentences (a past war's toll, a year's total) count another
    # period: they are never set against the event's.
    figures = [f for f in corpus.figures if not corpus.is_background(f)]
    by_cluster: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        cluster = corpus.cluster_of.get(Member(figure.source, figure.paragraph))
        if cluster is not None:
            by_cluster[cluster].append(figure)
    elsewhere = _by_source(corpus, figures)
    in_clusters: list[tuple[Finding, frozenset[Figure]]] = []
    covered: set[Figure] = set()  # figures a cluster divergence shows
    for cluster in corpus.clusters:
        for quantity, group in _by_quantity(by_cluster.get(cluster.id, [])).items():
            for same in _moments(corpus, group) if quantity == "time" else [group]:
                finding = _disagreement(corpus, cluster.id, quantity, same, elsewhere)
                if finding is not None:
                    shown = frozenset(same) | frozenset(_same_story(corpus, same, elsewhere))
                    in_clusters.append((finding, shown))
                    covered.update(shown)
    across: list[tuple[Finding, frozenset[Figure]]] = []
    for quantity, group in _by_quantity(figures).items():
        if not _comparable_across(quantity):
            continue
        for component in _topics(corpus, group):
            clusters = {corpus.cluster_of.get(Member(f.source, f.paragraph)) for f in component}
            if len(clusters) < 2 or None in clusters:
                continue
            # Reported where a figure no cluster divergence shows is (a later update, say),
            # and that figure's span comes first.
            new = [f for f in component if f not in covered]
            ordered = [*new, *(f for f in component if f in covered)]
            where = corpus.cluster_of[Member(ordered[0].source, ordered[0].paragraph)]
            finding = _disagreement(corpus, where, f"{quantity} (across the event)", ordered)
            if finding is not None:
                across.append((finding, frozenset(component)))
    # One conflict is told once: a cluster's divergence that an event-wide one holds whole is
    # left to it, and an event-wide one that adds nothing to a cluster's is left out.
    kept = [
        f
        for f, shown in in_clusters
        if not any(shown < wider and f.topic == w.topic for w, wider in across)
    ]
    kept += [
        f
        for f, shown in across
        if not any(shown <= narrower and f.topic == c.topic for c, narrower in in_clusters)
    ]
    return told_once([*kept, *_no_figure(corpus, figures)])


def _no_figure(corpus: Corpus, figures: Sequence[Figure]) -> list[Finding]:
    """The milder finding: a party's outlets speak of the dead or the wounded without a
    number ("an unverified number of casualties") while other outlets give one."""
    findings = []
    for base, words in CASUALTY_WORDS.items():
        given = [f for f in figures if f.quantity.split()[-1] == base]
        giving = {f.source for f in given}
        if not given:
            continue
        vague = [
            use
            for member in corpus.parsed
            if corpus.is_party(member.source)
            and member.source not in giving
            and member in corpus.cluster_of
            for use in _vague(corpus, member, words | VAGUE_WORDS[base])
        ]
        silent_sides = {corpus.side(m.source) for m, _ in vague}
        silent_sides -= {corpus.side(s) for s in giving}
        vague = [(m, span) for m, span in vague if corpus.side(m.source) in silent_sides]
        if not vague:
            continue
        camps: dict[float, list[str]] = defaultdict(list)
        for figure in given:
            camps[figure.value].append(figure.source)
        positions = [
            position(corpus, sources, format_figure(base, value))
            for value, sources in sorted(camps.items())
        ]
        positions.append(position(corpus, (m.source for m, _ in vague), "no figure"))
        spans = tuple(
            dict.fromkeys(
                [
                    *(span for _, span in vague),
                    *(
                        make_span(f.source, f.paragraph, corpus.text(Member(f.source, f.paragraph)),
                                  f.start, f.end)
                        for f in given
                    ),
                ]
            )
        )  # fmt: skip
        parts = [f"{p.value} ({join_names(corpus.name(s) for s in p.sources)})" for p in positions]
        first = vague[0][0]
        findings.append(
            Finding(
                "figure",
                corpus.cluster_of[first],
                f"{base}: " + " vs ".join(parts),
                spans,
                base,
                tuple(positions),
                importance(corpus, "figure", positions, spans, weight=NO_FIGURE),
            )
        )
    return findings


def _vague(corpus: Corpus, member: Member, words: frozenset[str]) -> list[tuple[Member, Span]]:
    """Words of casualties in sentences of `member` that give no number for them."""
    parsed = corpus.parsed[member]
    counted = {parsed.sentence_index(f.start) for f in corpus.figures_of[member]}
    found = []
    for k, tokens in enumerate(parsed.sentence_tokens):
        if k in counted or corpus.background[member][k]:
            continue
        for i in tokens:
            if parsed.words[i] in words:
                token = parsed.tokens[i]
                found.append(
                    (member, make_span(member.source, member.paragraph, parsed.text, token.start,
                                       token.end))
                )  # fmt: skip
                break
    return found


def _comparable_across(quantity: str) -> bool:
    """Whether figures of `quantity` from different paragraphs may count the same thing:
    casualties and things may, once their sentences share a place; a bare group of people
    ("500 people" fed, "3,000 people" fled) counts something different each time, and
    sub-counts and increments only make sense beside their total; times are moments."""
    return quantity not in CLUSTER_ONLY and quantity not in GROUPS and "(" not in quantity


def _by_quantity(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    groups: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[figure.quantity].append(figure)
    return groups


@dataclass(frozen=True)
class Elsewhere:
    """The event's figures by (source, quantity), each with its place in reading order and
    its topic keys (read once), and which of them share a place with a set of keys, found
    once per set (`_sharing`): where `_same_story` looks, so that a cluster reads its own
    sources' figures, not the event's, and one long paragraph's thousands of figures are not
    read again for every cluster."""

    groups: Mapping[tuple[str, str], Sequence[tuple[int, Figure, frozenset[str]]]]
    sharing: dict[tuple[str, str, frozenset[str]], list[tuple[int, Figure]]] = field(
        default_factory=dict
    )


def _by_source(corpus: Corpus, figures: Sequence[Figure]) -> Elsewhere:
    groups: dict[tuple[str, str], list[tuple[int, Figure, frozenset[str]]]] = defaultdict(list)
    for i, figure in enumerate(figures):
        groups[figure.source, figure.quantity].append((i, figure, _topic_keys(corpus, figure)))
    return Elsewhere(groups)


def _sharing(
    elsewhere: Elsewhere, source: str, quantity: str, keys: frozenset[str]
) -> list[tuple[int, Figure]]:
    """The figures of `elsewhere` that `source` gives for `quantity` on one of `keys`."""
    found = elsewhere.sharing.get((source, quantity, keys))
    if found is None:
        found = elsewhere.sharing[source, quantity, keys] = [
            (i, f) for i, f, its in elsewhere.groups.get((source, quantity), ()) if keys & its
        ]
    return found


def _disagreement(
    corpus: Corpus,
    cluster: str,
    quantity: str,
    figures: list[Figure],
    elsewhere: Elsewhere | None = None,
) -> Finding | None:
    """A finding when two sources state values that share nothing, else None.

    One outlet's several values are its timeline ("7, later 9"), read in its reading order: an
    update, not a conflict. Two outlets conflict only when their timelines share no value, so
    an outlet that reported 7 and later 9 agrees with one that reported 9. `elsewhere` holds the
    event's other figures (`_by_source`): an outlet's figure of the same quantity in another
    paragraph, on the same place, joins its timeline (the later toll sits further down the
    article).
    """
    figures = [*figures, *_same_story(corpus, figures, elsewhere)]
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


def _same_story(corpus: Corpus, figures: list[Figure], elsewhere: Elsewhere | None) -> list[Figure]:
    """Figures of `elsewhere` that the same sources give for the same quantity and place, in
    the event's reading order."""
    if not figures or not elsewhere or figures[0].quantity in CLUSTER_ONLY:
        return []
    shown = set(figures)
    places: dict[str, set[str]] = defaultdict(set)
    for figure in figures:
        places[figure.source] |= _topic_keys(corpus, figure)
    found = [
        (i, f)
        for source, keys in places.items()
        for i, f in _sharing(elsewhere, source, figures[0].quantity, frozenset(keys))
        if f not in shown
    ]
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


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
    """The places and names of the figure's sentence; for the displaced, also the event
    itself: the people an event drives out are one flow, however each outlet names where
    they went ("entered Armenia", "crossed into the country")."""
    member = Member(figure.source, figure.paragraph)
    keys = corpus.sentence_keys(member, corpus.parsed[member].sentence_index(figure.start))
    return keys | {EVENT_WIDE} if figure.quantity in EVENT_WIDE_QUANTITIES else keys


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
