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

When things happened (times of day, dates, delays such as "after 45 minutes") is compared across
the whole event, but only between passages that time the same thing: their words around the
figure share at least `SAME_MOMENT` content words inside a cluster; across clusters,
`ACROSS_MOMENT`, or `SAME_MOMENT` with a place or name, and for a delay one word. Times given
with a zone are compared in UTC ("18:30 (GMT+4)" is "1430 GMT"), a time without one by its
clock. Two sentences' dates conflict when one gives a day the other does not and the other
gives the day next to it ("October 17" against "October 18", "October 4 and 5" against
"October 4"): dates further apart are most often different incidents.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.analysis.corpus import Corpus, Finding, told_once
from tui.analysis.figures import (
    CASUALTY_WORDS,
    DURATION_WORDS,
    NO_FIGURE,
    PERSON_WORDS,
    WHEN_QUANTITIES,
    date_days,
    format_figure,
    revises,
    time_offset,
)
from tui.analysis.importance import importance, position
from tui.model import Figure, Member, Span
from tui.text.spans import join_names, make_span
from tui.text.wordlists import (
    FUNCTION_WORDS,
    MONTHS,
    ROLE_WORDS,
    SPEAKER_WORDS,
    WEEKDAYS,
    word_set,
)

# "At noon" (when the truce began) and "at 2 a.m." (when the missiles hit) are different
# moments, not a disagreement: times, dates and delays are compared only when their words
# share this many content words, inside a cluster and across clusters.
SAME_MOMENT = 2
ACROSS_MOMENT = 3
NEAR_DAYS = 1  # dates this many days apart, one missing from the other's account, conflict
GROUPS = frozenset(PERSON_WORDS.values())
# Casualties without a number: "there are losses", "an unverified number of casualties".
VAGUE_WORDS = {"killed": word_set("casualties losses victims"), "wounded": word_set("casualties")}
MILDER = -0.25  # "one side gives no figure" is milder than two figures that conflict
# "Only X gives a toll", when the outlets that give one agree, is no contradiction (a missing
# figure conflicts with none): it ranks with the omissions, below every conflict.
ALONE = -0.45
_CLAUSE_END = re.compile(r"[,;:—–(]|\bbut\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d")
MOMENT_STOP_WORDS = (
    FUNCTION_WORDS
    | MONTHS
    | WEEKDAYS
    | ROLE_WORDS
    | SPEAKER_WORDS
    | DURATION_WORDS
    | word_set("said says local")
)
EVENT_WIDE_QUANTITIES = frozenset({"displaced"})
EVENT_WIDE = "~event"  # the topic key every figure of those quantities shares


def figure_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    # Figures of background sentences (a past war's toll, a year's total) count another
    # period: they are never set against the event's.
    figures = [f for f in corpus.figures if not corpus.is_background(f) or _undated_when(corpus, f)]
    by_cluster: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        cluster = corpus.cluster_of.get(Member(figure.source, figure.paragraph))
        if cluster is not None:
            by_cluster[cluster].append(figure)
    elsewhere = _by_source(corpus, figures)
    in_clusters: list[tuple[Finding, frozenset[Figure]]] = []
    covered: set[Figure] = set()  # figures a cluster divergence shows
    for cluster in corpus.clusters:
        for quantity, same in _by_quantity(by_cluster.get(cluster.id, [])).items():
            if quantity in WHEN_QUANTITIES:
                continue
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
    return told_once([*kept, *_when_findings(corpus, figures), *_no_figure(corpus, figures)])


def _undated_when(corpus: Corpus, figure: Figure) -> bool:
    """Whether a time, date or delay sits in a background sentence only for its words
    ("historical monuments"), not for a year of another period: such a sentence still tells
    of the event's days."""
    if figure.quantity not in WHEN_QUANTITIES:
        return False
    member = Member(figure.source, figure.paragraph)
    start, end = corpus.parsed[member].sentence_at(figure.start)
    return _YEAR.search(corpus.text(member), start, end) is None


def _give(names: Sequence[str]) -> str:
    return "gives" if len(names) == 1 else "give"


def _timeline(kind: str, values: Sequence[float], updates: set[float]) -> str:
    """One camp's values in reading order, "later" before those said to be updates."""
    shown = format_figure(kind, values[0])
    for value in values[1:]:
        shown += (", later " if value in updates else ", ") + format_figure(kind, value)
    return shown


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
        positions.append(position(corpus, (m.source for m, _ in vague), NO_FIGURE))
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
        if len(camps) == 1:  # the outlets that give a toll agree: who alone gives it
            (value, sources), silent = next(iter(camps.items())), positions[-1].sources
            giving_names = list(dict.fromkeys(corpus.name(s) for s in sources))
            silent_names = list(dict.fromkeys(corpus.name(s) for s in silent))
            summary = (
                f"{base}: only {', '.join(giving_names)} {_give(giving_names)} a toll"
                f" ({format_figure(base, value)}); "
                f"{', '.join(silent_names)} {_give(silent_names)} no figure"
            )
        else:
            summary = f"{base}: " + " vs ".join(parts)
        weight = ALONE if len(camps) == 1 else MILDER
        first = vague[0][0]
        findings.append(
            Finding(
                "figure",
                corpus.cluster_of[first],
                summary,
                spans,
                base,
                tuple(positions),
                importance(corpus, "figure", positions, spans, weight=weight),
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
    return quantity not in WHEN_QUANTITIES and quantity not in GROUPS and "(" not in quantity


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
    # "7, later 9" only when the later figure's sentence says it is an update; else "20, 19":
    # an article's second value may be an earlier statement it quotes.
    updated = {
        (f.source, f.value)
        for f in figures
        if revises(corpus.text(Member(f.source, f.paragraph)), f.start)
    }
    camps: dict[tuple[float, ...], list[str]] = defaultdict(list)
    for source in corpus.sources:
        if source in timelines:
            camps[tuple(timelines[source])].append(source)
    positions = tuple(
        position(corpus, sources, _timeline(kind, values, {v for s, v in updated if s in sources}))
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
        importance(corpus, "figure", positions, spans, gap),
    )


def _same_story(corpus: Corpus, figures: list[Figure], elsewhere: Elsewhere | None) -> list[Figure]:
    """Figures of `elsewhere` that the same sources give for the same quantity and place, in
    the event's reading order."""
    if not figures or not elsewhere or figures[0].quantity in WHEN_QUANTITIES:
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
    owner: dict[str, int] = {}
    for i, ks in enumerate(keys):
        for key in ks:
            if key in owner:
                parent[_root(parent, i)] = _root(parent, owner[key])
            else:
                owner[key] = i
    components: dict[int, list[Figure]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if keys[i]:
            components[_root(parent, i)].append(figure)
    return list(components.values())


def _topic_keys(corpus: Corpus, figure: Figure) -> frozenset[str]:
    """The places and names of the figure's sentence; for the displaced, also the event
    itself: the people an event drives out are one flow, however each outlet names where
    they went ("entered Armenia", "crossed into the country")."""
    member = Member(figure.source, figure.paragraph)
    keys = corpus.sentence_keys(member, corpus.parsed[member].sentence_index(figure.start))
    return keys | {EVENT_WIDE} if figure.quantity in EVENT_WIDE_QUANTITIES else keys


@dataclass(frozen=True)
class _When:
    """Figures of one quantity of when that time one thing in one passage, its words, and the
    dates its sentence gives (a time on another day is another moment)."""

    member: Member
    figures: tuple[Figure, ...]
    words: frozenset[str]
    places: frozenset[str]
    dates: frozenset[float] = frozenset()


def _when_findings(corpus: Corpus, figures: Sequence[Figure]) -> list[Finding]:
    """Times, dates and delays that outlets give differently for the same moment.

    Across clusters, dates and times are compared only between sides: a story's sentences
    each date and time their own moment, and one side's outlets copy one another's. A delay
    is told only of the moment a story turns on ("the truce broke after 45 minutes"), by any
    outlet. A finding shows the passages in conflict and, for times and delays, those that
    time the same moment as one of them (the outlets that agree).
    """
    findings = []
    for quantity in sorted(WHEN_QUANTITIES):
        units = _when_units(corpus, [f for f in figures if f.quantity == quantity])
        same: dict[int, set[int]] = defaultdict(set)
        parent = list(range(len(units)))
        shown: dict[int, set[Figure]] = defaultdict(set)
        for i, j in itertools.combinations(range(len(units)), 2):
            a, b = units[i], units[j]
            if not _same_moment(corpus, quantity, a, b):
                continue
            same[i].add(j)
            same[j].add(i)
            in_play = _when_conflict(quantity, a.figures, b.figures)
            if in_play:
                parent[_root(parent, i)] = _root(parent, j)
                shown[i] |= in_play
                shown[j] |= in_play
        components: dict[int, list[int]] = defaultdict(list)
        for i in shown:
            components[_root(parent, i)].append(i)
        for members in components.values():
            if quantity != "date":  # single figures: add those that agree with one in conflict
                for i in list(members):
                    for j in same[i] - set(members):
                        members.append(j)
                        shown[j] |= set(units[j].figures)
            ordered = sorted(members, key=lambda i: (units[i].member, units[i].figures[0].start))
            findings.append(
                _when_finding(corpus, quantity, [(units[i], shown[i]) for i in ordered])
            )
    return findings


def _same_moment(corpus: Corpus, quantity: str, a: _When, b: _When) -> bool:
    if a.member.source == b.member.source:
        return False
    if a.dates and b.dates and a.dates.isdisjoint(b.dates):
        return False
    shared = len(a.words & b.words)
    if corpus.cluster_of.get(a.member) == corpus.cluster_of.get(b.member):
        return shared >= SAME_MOMENT
    if quantity == "delay":
        return shared >= 1
    if corpus.side(a.member.source) == corpus.side(b.member.source):
        return False
    return shared >= ACROSS_MOMENT or (shared >= SAME_MOMENT and bool(a.places & b.places))


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _when_units(corpus: Corpus, figures: Sequence[Figure]) -> list[_When]:
    """Dates by sentence (a sentence's dates are read as one account); times and delays one
    by one, each with the words of its sentence back to the previous one and on to the end of
    its clause ("at noon, but missiles struck at 2 a.m.": the truce began at noon)."""
    by_sentence: dict[tuple[Member, int], list[Figure]] = defaultdict(list)
    for figure in figures:
        member = Member(figure.source, figure.paragraph)
        if member in corpus.cluster_of:
            by_sentence[member, corpus.parsed[member].sentence_index(figure.start)].append(figure)
    units = []
    for (member, k), found in by_sentence.items():
        parsed = corpus.parsed[member]
        start, end = parsed.sentences[k] if k >= 0 else (0, len(parsed.text))
        places = corpus.topic_keys(member, parsed.sentence_tokens[k] if k >= 0 else ())
        if found[0].quantity == "date":
            words = _content_words(corpus, member, start, end)
            units.append(_When(member, tuple(found), words, places))
            continue
        dates = frozenset(
            f.value
            for f in corpus.figures_of[member]
            if f.quantity == "date" and start <= f.start < end
        )
        for n, figure in enumerate(found):
            before = found[n - 1].end if n else start
            after = found[n + 1].start if n + 1 < len(found) else end
            clause = _CLAUSE_END.search(parsed.text, figure.end, after)
            words = _content_words(corpus, member, before, clause.start() if clause else after)
            units.append(_When(member, (figure,), words, places, dates))
    return units


def _content_words(corpus: Corpus, member: Member, start: int, end: int) -> frozenset[str]:
    """The words of a passage that say what it is about: no function words, speakers,
    months or numbers."""
    parsed = corpus.parsed[member]
    first = bisect.bisect_left(parsed.tokens, start, key=lambda token: token.start)
    last = bisect.bisect_left(parsed.tokens, end, key=lambda token: token.start)
    return frozenset(
        word
        for word in parsed.folded[first:last]
        if len(word) > 2
        and word not in MOMENT_STOP_WORDS
        and word not in corpus.actors.words
        and not any(ch.isdigit() for ch in word)
    )


def _when_conflict(quantity: str, a: Sequence[Figure], b: Sequence[Figure]) -> set[Figure]:
    """The figures of two passages that disagree, none when they agree. Dates: the days of
    each that lie within `NEAR_DAYS` of the other's, when one gives a day the other does not
    beside one it does ("October 4 and 5" against "October 4"); a day inside the other's
    range ("the night of 10 to 11 October") agrees with it."""
    if quantity == "date":
        days = {f: tuple(_day(d) for d in date_days(f)) for f in (*a, *b)}

        def covered(day: int, figures: Sequence[Figure]) -> bool:
            return any(days[f][0] <= day <= days[f][1] for f in figures)

        near = {
            f
            for this, other in ((a, b), (b, a))
            for f in this
            if days[f][0] == days[f][1]
            and not covered(days[f][0], other)
            and any(abs(days[f][0] - d) == NEAR_DAYS for g in other for d in days[g])
        }
        if not near:
            return set()
        return {
            f
            for this, other in ((a, b), (b, a))
            for f in this
            if any(abs(x - y) <= NEAR_DAYS for x in days[f] for g in other for y in days[g])
        }
    if quantity == "time":
        differ = any(_utc_or_clock(x, y) != _utc_or_clock(y, x) for x in a for y in b)
    else:
        differ = any(x.value != y.value for x in a for y in b)
    return {*a, *b} if differ else set()


def _day(value: float) -> int:
    """A date's day of a leap year, so that 31 October and 1 November are a day apart."""
    month, day = divmod(round(value), 100)
    return datetime.date(2000, month, min(day, calendar.monthrange(2000, month)[1])).toordinal()


def _utc_or_clock(time: Figure, other: Figure) -> float:
    """A time of day as it compares with `other`: in UTC when both state a zone, else by the
    clock each is given in."""
    offset, other_offset = time_offset(time.text), time_offset(other.text)
    if offset is None or other_offset is None:
        return round(time.value, 2)
    return round((time.value - offset) % 24, 2)


def _when_label(figure: Figure) -> str:
    """A time with its zone and, for a zone other than UTC, the UTC time: "18:30 GMT+4 (14:30
    GMT)"; dates and delays as `format_figure` writes them."""
    text = format_figure(figure.quantity, figure.value)
    if figure.quantity == "date" and date_days(figure)[1] != figure.value:
        return f"{text}–{round(date_days(figure)[1]) % 100}"
    offset = time_offset(figure.text) if figure.quantity == "time" else None
    if offset is None:
        return text
    if not offset:
        return f"{text} GMT"
    utc = format_figure("time", (figure.value - offset) % 24)
    return f"{text} GMT{offset:+g} ({utc} GMT)"


def _when_finding(
    corpus: Corpus, quantity: str, units: Sequence[tuple[_When, set[Figure]]]
) -> Finding:
    values: dict[str, list[str]] = defaultdict(list)
    shown = [f for unit, figures in units for f in unit.figures if f in figures]
    for figure in shown:
        label = _when_label(figure)
        if label not in values[figure.source]:
            values[figure.source].append(label)
    given: dict[str, list[float]] = defaultdict(list)
    for figure in shown:
        given[figure.source].append(figure.value)
    order = list(corpus.sources)
    camps: dict[str, list[str]] = defaultdict(list)
    for source in sorted(values, key=lambda s: (given[s], order.index(s))):
        camps[", ".join(values[source])].append(source)
    positions = tuple(position(corpus, sources, value) for value, sources in camps.items())
    parts = [f"{p.value} ({join_names(corpus.name(s) for s in p.sources)})" for p in positions]
    spans = tuple(
        make_span(f.source, f.paragraph, corpus.text(Member(f.source, f.paragraph)), f.start, f.end)
        for f in shown
    )
    return Finding(
        "figure",
        corpus.cluster_of[units[0][0].member],
        f"{quantity}: " + " vs ".join(parts),
        spans,
        quantity,
        positions,
        importance(corpus, "figure", positions, spans),
    )
