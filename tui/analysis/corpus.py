"""What every divergence detector reads: the usable sources, the clusters, and the sides.

Detectors are plain functions of a `Corpus` returning `Finding`s; `tui.analysis.diverge` orders and
numbers them. Bad input is dropped here once (error sources, members pointing at unknown
sources or paragraphs) so that no detector has to guard against it, and every paragraph is
read here once (`Parsed`: tokens, folded words, sentences) so that no detector reads it again:
`Corpus.parsed` holds every ok paragraph, in source and reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tui.analysis.actors import is_actor_word
from tui.model import Cluster, DivergenceKind, Lexicon, Member, Source, Span
from tui.text.spans import sentences
from tui.text.tokens import Token, tokenize
from tui.text.wordlists import FUNCTION_WORDS, MONTHS, ROLE_WORDS, SPEAKER_WORDS, WEEKDAYS

DEFAULT_NEUTRAL_SIDES = frozenset({"international"})


@dataclass(frozen=True)
class Finding:
    """A divergence before it is numbered."""

    kind: DivergenceKind
    cluster: str
    summary: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Parsed:
    """One paragraph read once for every detector.

    Seven detectors read the same paragraphs; on a big event, tokenising and sentence-splitting
    in each of them cost more than all their analysis. `words[i]` is `tokens[i].folded`
    (computed once: it is read millions of times), and `sentence_tokens[k]` is the range of
    token indices inside `sentences[k]`. Offsets are paragraph offsets.
    """

    text: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_tokens: tuple[range, ...]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding character `offset` (the whole paragraph if none does)."""
        return next(((s, e) for s, e in self.sentences if s <= offset < e), (0, len(self.text)))


def parse(text: str) -> Parsed:
    """Read a paragraph: tokens, their folded words, sentences and which tokens each holds."""
    tokens = tuple(tokenize(text))
    ranges = tuple(sentences(text))
    starts = [t.start for t in tokens]
    sentence_tokens = []
    first = 0
    for start, end in ranges:
        while first < len(starts) and starts[first] < start:
            first += 1
        last = first
        while last < len(starts) and starts[last] < end:
            last += 1
        sentence_tokens.append(range(first, last))
        first = last
    words = tuple(t.folded for t in tokens)
    return Parsed(text, tokens, words, ranges, tuple(sentence_tokens))


@dataclass(frozen=True)
class Corpus:
    sources: Mapping[str, Source]  # ok sources only, in input order
    clusters: tuple[Cluster, ...]  # members restricted to paragraphs of ok sources
    cluster_of: Mapping[Member, str]
    lexicon: Lexicon
    neutral_sides: frozenset[str]
    side_labels: Mapping[str, str] = field(default_factory=dict)
    parsed: Mapping[Member, Parsed] = field(default_factory=dict)  # every ok paragraph

    @property
    def party_sides(self) -> tuple[str, ...]:
        """Sides taking part in the conflict: every side of an ok source that is not neutral."""
        sides = (s.side for s in self.sources.values() if s.side not in self.neutral_sides)
        return tuple(dict.fromkeys(sides))

    @property
    def actor_sides(self) -> tuple[str, ...]:
        """Sides an article may name as actors: the parties, plus any non-neutral side the
        lexicon knows, so that a side whose outlets failed (or are not in this event) can
        still be blamed."""
        lexicon_sides = [side for group in self.lexicon.names for side, _ in group.variants]
        lexicon_sides += [term.side for term in self.lexicon.framing]
        extra = (s for s in lexicon_sides if s not in self.neutral_sides)
        return tuple(dict.fromkeys((*self.party_sides, *extra)))

    def side_label(self, side_id: str) -> str:
        """How summaries name a side: its configured label, else its id as a word."""
        return self.side_labels.get(side_id) or side_id.replace("_", " ").replace("-", " ").title()

    @cached_property
    def name_variants(self) -> dict[str, str]:
        """Folded lexicon names → their group id: Stepanakert and Khankendi are one topic."""
        return {name.casefold(): group.id for group in self.lexicon.names for name in group.names}

    def topic_keys(self, member: Member, tokens: Iterable[int]) -> frozenset[str]:
        """What a passage is about, to link passages of different clusters: the proper names
        among `tokens` (indices into the paragraph's tokens), lexicon variants as their group.
        Capitalised words that name no place are left out: function words, months and
        weekdays, speakers' titles ("Ministry", "Defence") and the sides themselves."""
        parsed = self.parsed[member]
        keys: set[str] = set()
        for i in tokens:
            word = parsed.words[i].removesuffix("'s")
            if word in self.name_variants:
                keys.add(self.name_variants[word])
            elif (
                parsed.tokens[i].text[:1].isupper()
                and word not in FUNCTION_WORDS
                and word not in MONTHS
                and word not in WEEKDAYS
                and word not in ROLE_WORDS
                and word not in SPEAKER_WORDS
                and not is_actor_word(word)
            ):
                keys.add(word)
        return frozenset(keys)

    def text(self, member: Member) -> str:
        return self.sources[member.source].paragraphs[member.paragraph]

    def name(self, source_id: str) -> str:
        return self.sources[source_id].outlet.name

    def side(self, source_id: str) -> str:
        return self.sources[source_id].side

    def is_party(self, source_id: str) -> bool:
        return self.side(source_id) not in self.neutral_sides


def build_corpus(
    sources: Sequence[Source],
    clusters: Sequence[Cluster],
    lexicon: Lexicon,
    neutral_sides: frozenset[str] = DEFAULT_NEUTRAL_SIDES,
    side_labels: Mapping[str, str] | None = None,
) -> Corpus:
    ok = {s.id: s for s in sources if s.ok}
    kept: list[Cluster] = []
    cluster_of: dict[Member, str] = {}
    for cluster in clusters:
        members = tuple(
            m
            for m in cluster.members
            if m.source in ok and 0 <= m.paragraph < len(ok[m.source].paragraphs)
        )
        kept.append(Cluster(cluster.id, cluster.score, members))
        for member in members:
            cluster_of.setdefault(member, cluster.id)
    parsed = {
        Member(sid, i): parse(text)
        for sid, src in ok.items()
        for i, text in enumerate(src.paragraphs)
    }
    return Corpus(
        ok,
        tuple(kept),
        cluster_of,
        lexicon,
        frozenset(neutral_sides),
        dict(side_labels or {}),
        parsed,
    )
