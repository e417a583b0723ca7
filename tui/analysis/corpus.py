"""What every divergence detector reads: the usable sources, the clusters, the sides, and what
several detectors need from every paragraph, computed once.

Detectors are plain functions of a `Corpus` (see `tui.analysis.detectors`); `tui.analysis.diverge`
orders and numbers what they find. Bad input is dropped here once (error sources, members
pointing at unknown sources or paragraphs) so that no detector has to guard against it, and every
paragraph is read here once for all of them: `parsed` (tokens, folded words, sentences and
numbers, `tui.analysis.parsed.parse`: inside `compare`, the very reading the aligner's terms
came from), `name_uses` (the lexicon names, by the one matcher of `tui.analysis.names`),
`denials` (which sentences deny something) and `figures` (the numbers with what they count). No
detector reads a paragraph again, and none imports another.

A headline is a unit of its own (`tui.analysis.align.place_headlines` puts it on the row whose
fact it tells): here it is one more member of that row, `Member(source, HEADLINE)`, parsed,
named and counted like a paragraph, so that every detector reads it without a code path of
its own and a finding on it has spans of paragraph `HEADLINE`. A detector for which a headline
is no unit of comparison skips those members: wording (a headline is no rewording of a lede)
and omission, where a headline is never a fact the other side leaves out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from tui.analysis.actors import Actors, build_actors
from tui.analysis.denials import Hit, denial_pattern, sentence_denials
from tui.analysis.figures import DAY, MONTH, MONTH_NUMBER, find_figures
from tui.analysis.names import NameUse, names_for
from tui.analysis.parsed import Parsed, parse
from tui.model import (
    HEADLINE,
    Cluster,
    DivergenceKind,
    Figure,
    Lexicon,
    Member,
    Position,
    Source,
    Span,
)
from tui.text.wordlists import (
    FUNCTION_WORDS,
    MONTHS,
    ROLE_WORDS,
    SPEAKER_WORDS,
    WEEKDAYS,
    word_set,
)

# A sentence about another period than the event's: a year before the latest the sources
# mention, a decade ("the 1990s"), or the words news English gives history in.
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")
# A calendar date in news English: "October 10", "Oct. 10, 2020", "10 October", and a month
# alone where a preposition makes it a time ("since September", "in early August"). Months are
# matched capitalised only, so that the verb "may" and the noun "march" are no dates.
_DATE = re.compile(
    rf"\b(?:(?P<m1>{MONTH})\s+(?P<d1>{DAY})|(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH})"
    rf"|(?:[Ss]ince|[Ii]n|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?:early\s+|late\s+|mid-?)?(?P<m3>{MONTH}))"
    rf"(?!\w)(?:,?\s+(?P<year>1[89]\d\d|20\d\d)\b)?"
)
# How long before the event's date a date must lie to tell of another time than the event's
# days: a week, the span over which a news report follows one event.
RECENT = dt.timedelta(days=7)
# Words that make a capitalised run an institution's name ("Ministry of Emergency Situations",
# "State Fire Protection Service"): who acts or speaks, not where or what happened.
INSTITUTION_WORDS = (
    ROLE_WORDS
    | SPEAKER_WORDS
    | word_set(
        "service committee department center centre office council agency republic federation "
        "situations affairs protection assistant official representative spokesman mod moh mfa "
        "news gmt utc union organization organisation court parliament assembly"
    )
)
NOT_NAMES = FUNCTION_WORDS | MONTHS | WEEKDAYS | ROLE_WORDS | SPEAKER_WORDS
HISTORY_WORDS = word_set(
    "decades centuries historically history historical soviet nineties formerly ancient"
)

__all__ = ["Corpus", "Finding", "Parsed", "build_corpus", "parse"]


@dataclass(frozen=True)
class Finding:
    """A divergence before it is numbered."""

    kind: DivergenceKind
    cluster: str
    summary: str
    spans: tuple[Span, ...]
    topic: str = ""
    positions: tuple[Position, ...] = ()
    importance: float = 0.0


@dataclass(frozen=True)
class Corpus:
    sources: Mapping[str, Source]  # ok sources only, in input order
    clusters: tuple[Cluster, ...]  # members restricted to paragraphs of ok sources
    cluster_of: Mapping[Member, str]
    lexicon: Lexicon
    neutral_sides: frozenset[str]
    side_labels: Mapping[str, str] = field(default_factory=dict)
    parsed: Mapping[Member, Parsed] = field(default_factory=dict)  # every ok paragraph
    actors: Actors = field(default_factory=lambda: Actors({}))
    name_uses: Mapping[Member, tuple[NameUse, ...]] = field(default_factory=dict)
    denials: Mapping[Member, tuple[Hit | None, ...]] = field(default_factory=dict)  # by sentence
    figures: tuple[Figure, ...] = ()  # every figure, in source and reading order
    figures_of: Mapping[Member, tuple[Figure, ...]] = field(default_factory=dict)
    background: Mapping[Member, tuple[bool, ...]] = field(default_factory=dict)  # by sentence
    # Per paragraph, per token: the topic key it gives, if any. Capitalised words that name
    # no place give none: function words, months and weekdays, speakers' titles ("Ministry",
    # "Defence") and the institutions they head ("State Fire Protection Service"), the sides
    # themselves, and words some source writes in lower case (a first word: "Moreover").
    token_keys: Mapping[Member, tuple[str | None, ...]] = field(default_factory=dict)
    # `sentence_keys`' answers, filled as detectors ask: one figure of thousands in one
    # sentence must not read the sentence's keys again (nor a whole unpunctuated paragraph's).
    _sentence_keys: dict[tuple[Member, int], frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def is_background(self, figure: Figure) -> bool:
        """Whether a figure's sentence is about another period (history, a past war)."""
        member = Member(figure.source, figure.paragraph)
        k = self.parsed[member].sentence_index(figure.start)
        return k >= 0 and self.background[member][k]

    @cached_property
    def party_sides(self) -> tuple[str, ...]:
        """Sides taking part in the conflict: every side of an ok source that is not neutral."""
        return _party_sides(self.sources.values(), self.neutral_sides)

    @cached_property
    def sides_present(self) -> tuple[str, ...]:
        """Every side with an ok source, parties and neutral alike, in source order."""
        return tuple(dict.fromkeys(s.side for s in self.sources.values()))

    @cached_property
    def actor_sides(self) -> tuple[str, ...]:
        """Sides an article may name as actors: the parties, plus any non-neutral side the
        lexicon knows, so that a side whose outlets failed (or are not in this event) can
        still be blamed."""
        return _actor_sides(self.sources.values(), self.lexicon, self.neutral_sides)

    def side_label(self, side_id: str) -> str:
        """How summaries name a side: its configured label, else its id as a word."""
        return self.side_labels.get(side_id) or side_id.replace("_", " ").replace("-", " ").title()

    def topic_keys(self, member: Member, tokens: Iterable[int]) -> frozenset[str]:
        """What a passage is about, to link passages of different clusters: the proper names
        among `tokens` (indices into the paragraph's tokens), a lexicon name as its group id
        (by the one name matcher, so "Ağdam" = "Agdam" and multi-word names are one key).
        See `token_keys` for what counts."""
        keys = self.token_keys[member]
        return frozenset(key for i in tokens if (key := keys[i]) is not None)

    def sentence_keys(self, member: Member, k: int) -> frozenset[str]:
        """`topic_keys` of sentence `k` of the paragraph (of the whole paragraph when `k` is
        -1, an offset in no sentence), computed once per sentence."""
        found = self._sentence_keys.get((member, k))
        if found is None:
            parsed = self.parsed[member]
            tokens = parsed.sentence_tokens[k] if k >= 0 else range(len(parsed.tokens))
            found = self._sentence_keys[member, k] = self.topic_keys(member, tokens)
        return found

    def text(self, member: Member) -> str:
        return self.sources[member.source].text(member.paragraph)

    def name(self, source_id: str) -> str:
        return self.sources[source_id].outlet.name

    def side(self, source_id: str) -> str:
        return self.sources[source_id].side

    def is_party(self, source_id: str) -> bool:
        return self.side(source_id) not in self.neutral_sides

    def is_party_side(self, side_id: str) -> bool:
        return side_id not in self.neutral_sides


def _party_sides(sources: Iterable[Source], neutral: frozenset[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.side for s in sources if s.side not in neutral))


def _actor_sides(
    sources: Iterable[Source], lexicon: Lexicon, neutral: frozenset[str]
) -> tuple[str, ...]:
    lexicon_sides = [side for group in lexicon.names for side, _ in group.variants]
    lexicon_sides += [term.side for term in lexicon.framing]
    lexicon_sides += [side for side, _ in lexicon.actors]
    extra = (s for s in lexicon_sides if s not in neutral)
    return tuple(dict.fromkeys((*_party_sides(sources, neutral), *extra)))


def build_corpus(
    sources: Sequence[Source],
    clusters: Sequence[Cluster],
    lexicon: Lexicon,
    neutral_sides: frozenset[str] = frozenset(),
    side_labels: Mapping[str, str] | None = None,
    event_date: dt.date | None = None,
) -> Corpus:
    """The corpus of the ok sources; `event_date` tells background from the event (a sentence
    dated more than a week before it, or another year), else the latest year the sources
    mention does."""
    ok = {s.id: s for s in sources if s.ok}
    neutral = frozenset(neutral_sides)
    kept: list[Cluster] = []
    cluster_of: dict[Member, str] = {}
    for cluster in clusters:
        heads = tuple(
            Member(sid, HEADLINE)
            for sid in cluster.headlines
            if sid in ok and ok[sid].title.strip() and Member(sid, HEADLINE) not in cluster_of
        )
        members = heads + tuple(
            m
            for m in cluster.members
            if m.source in ok and 0 <= m.paragraph < len(ok[m.source].paragraphs)
        )
        kept.append(replace(cluster, members=members))  # its links and headlines kept
        for member in members:
            cluster_of.setdefault(member, cluster.id)
    parsed = {
        member: parse(text)
        for sid, src in ok.items()
        for member, text in _units(sid, src, cluster_of)
    }
    actors = build_actors(lexicon, _actor_sides(ok.values(), lexicon, neutral))
    names = names_for(lexicon)
    pattern = denial_pattern(lexicon)
    actor_words = actors.words
    figures_of = {
        member: tuple(find_figures(member.source, member.paragraph, p.text, p, actor_words))
        for member, p in parsed.items()
    }
    paragraphs = [p for m, p in parsed.items() if m.paragraph != HEADLINE]
    years = [int(m.group(1)) for p in paragraphs for m in _YEAR.finditer(p.text) if not m.group(2)]
    latest = event_date.year if event_date else max(years, default=0)
    background = {m: _background(p, latest, event_date) for m, p in parsed.items()}
    # Paragraphs only: a headline in Title Case would make every one of its words look like
    # a name written capitalised mid-sentence.
    common = _common_words(paragraphs)
    name_uses = {m: tuple(names.find(p.folded, p.tokens)) for m, p in parsed.items()}
    return Corpus(
        ok,
        tuple(kept),
        cluster_of,
        lexicon,
        neutral,
        dict(side_labels or {}),
        parsed,
        actors,
        name_uses,
        {m: sentence_denials(p, pattern) for m, p in parsed.items()},
        tuple(f for found in figures_of.values() for f in found),
        figures_of,
        background,
        {m: _token_keys(p, name_uses[m], actor_words | common) for m, p in parsed.items()},
    )


def _units(
    source_id: str, source: Source, cluster_of: Mapping[Member, str]
) -> Iterable[tuple[Member, str]]:
    """A source's units in reading order: its headline when a row holds it (a headline no row
    reports is compared with nothing), then its paragraphs."""
    if Member(source_id, HEADLINE) in cluster_of:
        yield Member(source_id, HEADLINE), source.title
    for i, text in enumerate(source.paragraphs):
        yield Member(source_id, i), text


def _token_keys(
    parsed: Parsed, uses: Sequence[NameUse], no_names: frozenset[str]
) -> tuple[str | None, ...]:
    institution = _institutions(parsed)
    keys: list[str | None] = [  # the commonest test first: most words are common words
        word
        if word not in no_names
        and token.text[:1].isupper()
        and i not in institution
        and word not in NOT_NAMES
        else None
        for i, (token, word) in enumerate(zip(parsed.tokens, parsed.folded, strict=True))
    ]
    for use in uses:  # a name inside an institution's ("Information Center of X") is its name
        if not any(i in institution for i in use.range):
            for i in use.range:
                keys[i] = use.group
    return tuple(keys)


def _institutions(parsed: Parsed) -> frozenset[int]:
    """Token indices of capitalised runs ("Ministry of Emergency Situations of Armenia" up to
    the country) that an institution word makes an institution's name."""
    if INSTITUTION_WORDS.isdisjoint(parsed.folded):
        return frozenset()  # most paragraphs: no run to look for
    found: set[int] = set()
    run: list[int] = []
    capitalised = [token.text[:1].isupper() for token in parsed.tokens]
    for i in [*range(len(parsed.tokens)), -1]:
        if not run and i >= 0 and not capitalised[i]:
            continue  # no run open and none to open: most words
        if (
            i >= 0
            and (capitalised[i] or (run and parsed.words[i] in {"of", "for"}))
            and (  # joined to the run: nothing but spaces between
                not run
                or not parsed.text[parsed.tokens[run[-1]].end : parsed.tokens[i].start].strip()
            )
        ):
            run.append(i)
            continue
        while run and parsed.words[run[-1]] in {"of", "for"}:
            run.pop()
        if any(parsed.folded[k] in INSTITUTION_WORDS for k in run):
            found.update(run)
        run = [i] if i >= 0 and capitalised[i] else []
    return frozenset(found)


def _common_words(parsed: Iterable[Parsed]) -> frozenset[str]:
    """Folded words that are no name: written in lower case somewhere, or capitalised only
    where a sentence starts ("Moreover", "Perplexingly")."""
    lower: set[str] = set()
    inner_caps: set[str] = set()
    initial: set[str] = set()
    for p in parsed:
        firsts = {r.start for r in p.sentence_tokens}
        for i, (token, word) in enumerate(zip(p.tokens, p.folded, strict=True)):
            if token.text[:1].islower():
                lower.add(word)
            elif i in firsts:
                initial.add(word)
            else:
                inner_caps.add(word)
    return frozenset(lower | (initial - inner_caps))


def _background(parsed: Parsed, latest: int, event_date: dt.date | None) -> tuple[bool, ...]:
    """Per sentence, whether it tells of another period than the event's: a year before the
    latest mentioned, history's words, or (the event's date known) a date more than a week
    before it: the war's start, an earlier ceasefire of the same year, "since September"."""
    marks = []
    for (start, end), tokens in zip(parsed.sentences, parsed.sentence_tokens, strict=True):
        years = _YEAR.findall(parsed.text, start, end)
        old = any(decade or int(year) < latest for year, decade in years)
        old = old or (event_date is not None and _dated_before(parsed.text, start, end, event_date))
        marks.append(old or not HISTORY_WORDS.isdisjoint(parsed.words[tokens.start : tokens.stop]))
    return tuple(marks)


def _dated_before(text: str, start: int, end: int, event_date: dt.date) -> bool:
    """Whether text[start:end] is dated more than a week before the event's date, and not
    also on its day or after ("agreed on May 2 to take effect on May 20" tells the event). A
    date without a year is of the event's year; a month alone ends on its last day."""
    dates = []
    for match in _DATE.finditer(text, start, end):
        month = MONTH_NUMBER[(match["m1"] or match["m2"] or match["m3"]).rstrip(".").casefold()]
        year = int(match["year"] or event_date.year)
        last = calendar.monthrange(year, month)[1]
        named = match["d1"] or match["d2"]  # "10" or "10th"
        day = int(re.match(r"\d+", named)[0]) if named else last
        if 1 <= day <= last:
            dates.append(dt.date(year, month, day))
    return bool(dates) and min(dates) < event_date - RECENT and max(dates) < event_date


def told_once(findings: list[Finding]) -> list[Finding]:
    """One detector's findings with each conflict told once: a finding whose spans another
    holds whole ("killed: 20 vs 68" inside "killed: 20 vs 68 vs no figure"; one cluster's
    blame inside the event's) is left to that one, which keeps the higher importance of the
    two, so the conflict does not sink by being merged."""
    spans = [frozenset(f.spans) for f in findings]
    wider = {
        i: next(
            (j for j in range(len(findings)) if j != i and spans[i] <= spans[j]
             and (spans[i] < spans[j] or j < i)),
            None,
        )
        for i in range(len(findings))
    }  # fmt: skip
    kept = []
    for i, finding in enumerate(findings):
        if wider[i] is not None:
            continue
        held = [j for j in range(len(findings)) if spans[j] <= spans[i]]
        top = max(findings[j].importance for j in held)
        kept.append(replace(finding, importance=top))
    return kept
