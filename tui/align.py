"""N-way paragraph alignment: which paragraphs of which outlets report the same thing.

Outlets tell the same facts in different orders, words and lengths, so alignment is
clustering, not a sequence diff:

1. Every paragraph becomes a match key (tui.normalise: numbers as values, one key per
   lexicon name group, stopwords out) and a set of informative terms.
2. Candidates (cheap): an inverted index over terms that are neither unique nor common
   (document frequency between 2 and `common_df`); two paragraphs of different sources are
   candidates when they share at least `rare_shared` such terms. Paragraphs reporting the
   same fact share its particulars (the witness's name, the figures, the place, the weapon),
   while the terms every paragraph has ("killed", "shelling", "said") are what the index
   skips, which keeps the candidate list near-linear in the number of paragraphs.
3. Scores (expensive, candidates only): rapidfuzz `token_set_ratio` of the match keys,
   which is high when one paragraph's terms are (nearly) a subset of the other's, so that a
   long paragraph matches each of two short ones (one-to-many). A pair is an edge when it
   scores at least `edge` and shares at least `min_shared` terms; the second
   condition stops a three-word paragraph from matching everything that contains its words.
4. Clusters: average-link agglomerative merging over the edge graph, where the link between
   two clusters is the mean edge score over all their cross-source paragraph pairs (a missing
   edge counts 0) and merging stops below `link`. Averaging, unlike single link,
   does not chain: a cluster only absorbs a paragraph that matches most of its members. A
   merge that would put two paragraphs of one source together is allowed only if some
   paragraph of another source in the merged cluster matches both with an edge (the
   one-to-many case), never by chaining.

The thresholds were chosen on data (benchmarks/align_speed.py --sweep prints the figures):
on synthetic events with known ground truth (tui/../benchmarks/synthetic.py, 30 x 100) and the
hand-written Ganja/Stepanakert fixtures, see the constants' comments.

Everything is computed over paragraphs sorted by (source id, paragraph index), so the result
does not depend on the order of the sources given; ties are broken by that order too.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tui.model import Cluster, Lexicon, Member, Source
from tui.normalise import informative_tokens


@dataclass(frozen=True)
class Thresholds:
    """The aligner's knobs, chosen on data (see the module docstring and `--sweep`)."""

    # token_set_ratio / 100 at which two paragraphs are taken to report the same thing.
    edge: float = 0.8
    # Shared informative terms an edge needs (a subset match of two or three words is luck).
    min_shared: int = 4
    # Mean cross-source edge score two clusters need to merge. Below `edge` because a
    # missing edge counts 0: a cluster of 20 paraphrases in which a few pairs fell below the
    # edge threshold still averages above it.
    link: float = 0.5
    # Least share of the shorter paragraph's informative terms a pair must have in common.
    # A pair at token_set_ratio 0.8 shares about two thirds of the shorter key's characters,
    # so this rarely decides anything by itself; it is what makes candidate generation exact
    # (see `candidate_pairs`).
    overlap: float = 0.6


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as the aligner sees it."""

    member: Member
    position: float  # paragraph index / number of paragraphs: where it sits in its article
    key: str
    terms: frozenset[str]


Edges = dict[tuple[int, int], float]


def prepare(sources: Sequence[Source], lexicon: Lexicon) -> list[Paragraph]:
    """The paragraphs of the ok sources, sorted by source id and paragraph index."""
    ok = sorted((s for s in sources if s.ok), key=lambda s: s.id)
    ids = [s.id for s in ok]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(
            f"align: source ids must be unique, got {', '.join(duplicated)} more than once "
            "(give each article of one outlet its own id, e.g. trend-2)"
        )
    out: list[Paragraph] = []
    for source in ok:
        count = len(source.paragraphs)
        for index, text in enumerate(source.paragraphs):
            tokens = informative_tokens(text, lexicon)
            out.append(
                Paragraph(
                    Member(source.id, index), index / count, " ".join(tokens), frozenset(tokens)
                )
            )
    return out


def _least_shared(paragraph: Paragraph, t: Thresholds) -> int:
    """Terms `paragraph` must share with a paragraph at least as long to be an edge."""
    return max(t.min_shared, math.ceil(t.overlap * len(paragraph.terms)))


def candidate_pairs(
    paragraphs: Sequence[Paragraph], t: Thresholds = THRESHOLDS
) -> dict[int, list[int]]:
    """For each paragraph i, the later paragraphs j of other sources that may be edges.

    Prefix filtering (as in PPJoin): order every paragraph's terms rarest first. If A is the
    shorter of a pair that shares at least `a` terms, then A's first |A| - a + 1 terms and B's
    first |B| - a + 1 terms have a term in common (pigeonhole). So each paragraph B is indexed
    under every term together with the largest `a` for which that term is still in B's
    prefix, and each A probes with its own prefix, taking only the entries valid for its `a`.
    Paragraphs are visited longest first and indexed just before they probe, so A only ever
    meets the paragraphs at least as long as itself: the pairs it is responsible for. This
    finds every pair that `is_edge` can accept, while the common terms ("killed", "said"),
    which sit at the end of every ordering, are almost never probed.
    """
    df: Counter[str] = Counter(term for p in paragraphs for term in p.terms)
    ordered = [sorted(p.terms, key=lambda term: (df[term], term)) for p in paragraphs]
    # Verification runs over every probed pair (hundreds of thousands in a big event), so it
    # works on plain ints: a bitmask of terms per paragraph and a source number.
    bit = {term: 1 << n for n, term in enumerate(df)}
    masks = [sum(bit[term] for term in terms) for terms in ordered]
    sources = sorted({p.member.source for p in paragraphs})
    source_no = {source: n for n, source in enumerate(sources)}
    owners = [source_no[p.member.source] for p in paragraphs]
    by_source: list[set[int]] = [set() for _ in source_no]
    for i, owner in enumerate(owners):
        by_source[owner].add(i)
    keys: dict[str, list[int]] = defaultdict(list)  # -(largest a for which the term counts)
    holders: dict[str, list[int]] = defaultdict(list)  # the paragraph, in step with `keys`
    out: dict[int, list[int]] = defaultdict(list)
    # Longest first; among equals, the higher index first, so a tie is found from the lower.
    for i in sorted(range(len(ordered)), key=lambda n: (-len(ordered[n]), -n)):
        terms = ordered[i]
        size = len(terms)
        for k, term in enumerate(terms):
            at = bisect.bisect_right(keys[term], k - size)
            keys[term].insert(at, k - size)
            holders[term].insert(at, i)
        least = _least_shared(paragraphs[i], t)
        if size < least:
            continue
        found: set[int] = set()
        for term in terms[: size - least + 1]:
            found.update(holders[term][: bisect.bisect_right(keys[term], -least)])
        found -= by_source[owners[i]]
        # A is the shorter, so "shares at least `least` terms" is the whole of `_shares_enough`;
        # the maps keep this innermost loop in C.
        probed = list(found)
        shared = map(int.bit_count, map(masks[i].__and__, map(masks.__getitem__, probed)))
        for j, count in zip(probed, shared, strict=True):
            if count >= least:
                out[min(i, j)].append(max(i, j))
    for js in out.values():
        js.sort()
    return dict(sorted(out.items()))


def _shares_enough(a: Paragraph, b: Paragraph, t: Thresholds) -> bool:
    shared = len(a.terms & b.terms)
    return shared >= t.min_shared and shared >= t.overlap * min(len(a.terms), len(b.terms))


def is_edge(a: Paragraph, b: Paragraph, score: float, t: Thresholds = THRESHOLDS) -> bool:
    """Whether a pair scored by token_set_ratio (0..1) is a match (see `Thresholds`)."""
    return score >= t.edge and _shares_enough(a, b, t)


def score_pairs(
    paragraphs: Sequence[Paragraph],
    candidates: dict[int, list[int]],
    t: Thresholds = THRESHOLDS,
) -> Edges:
    """token_set_ratio of the candidate pairs, kept where they are edges."""
    edges: Edges = {}
    for i, js in candidates.items():
        choices = [paragraphs[j].key for j in js]
        for _, score, k in process.extract(
            paragraphs[i].key,
            choices,
            scorer=fuzz.token_set_ratio,
            score_cutoff=t.edge * 100,
            limit=None,
        ):
            j = js[k]
            if is_edge(paragraphs[i], paragraphs[j], score / 100, t):
                edges[(i, j)] = score / 100
    return edges


@dataclass
class _Group:
    """A cluster under construction (mutable, private to `cluster`)."""

    members: list[int]
    sources: Counter[str]
    inner: float  # sum of edge scores between its members
    version: int = 0


def _cross_pairs(a: Counter[str], b: Counter[str]) -> int:
    """Pairs of paragraphs, one from each side, that come from different sources."""
    if len(a) > len(b):
        a, b = b, a
    return a.total() * b.total() - sum(n * b[s] for s, n in a.items() if s in b)


def _bridged(
    a: _Group, b: _Group, paragraphs: Sequence[Paragraph], adjacency: dict[int, set[int]]
) -> bool:
    """Whether every same-source pair the merge creates has a common neighbour in it."""
    common = a.sources.keys() & b.sources.keys()
    if not common:
        return True
    merged = set(a.members) | set(b.members)
    for p in a.members:
        source = paragraphs[p].member.source
        if source not in common:
            continue
        for q in b.members:
            if paragraphs[q].member.source == source and not (adjacency[p] & adjacency[q] & merged):
                return False
    return True


def cluster(
    paragraphs: Sequence[Paragraph], edges: Edges, t: Thresholds = THRESHOLDS
) -> tuple[Cluster, ...]:
    """Average-link clusters of `paragraphs` over `edges` (see the module docstring)."""
    groups = [_Group([i], Counter([p.member.source]), 0.0) for i, p in enumerate(paragraphs)]
    adjacency: dict[int, set[int]] = defaultdict(set)
    links: list[dict[int, float]] = [{} for _ in paragraphs]  # group -> group -> edge sum
    for (i, j), score in edges.items():
        adjacency[i].add(j)
        adjacency[j].add(i)
        links[i][j] = links[j][i] = score
    alive = set(range(len(groups)))
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        link = links[a][b] / _cross_pairs(groups[a].sources, groups[b].sources)
        if link >= t.link:
            heapq.heappush(heap, (-link, a, b, groups[a].version, groups[b].version))

    for a, b in edges:
        push(a, b)
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        if (groups[a].version, groups[b].version) != (version_a, version_b):
            continue
        if not _bridged(groups[a], groups[b], paragraphs, adjacency):
            continue
        # Merge b into a (a is the lower index, so ids stay independent of merge history).
        ga, gb = groups[a], groups[b]
        ga.inner += gb.inner + links[a].pop(b)
        del links[b][a]
        ga.members += gb.members
        ga.sources += gb.sources
        ga.version += 1
        alive.discard(b)
        for c, score in links[b].items():
            links[a][c] = links[a].get(c, 0.0) + score
            links[c][a] = links[a][c]
            del links[c][b]
        links[b] = {}
        for c in links[a]:
            push(a, c)
    return _finish(paragraphs, [groups[g] for g in sorted(alive)])


def _finish(paragraphs: Sequence[Paragraph], groups: Iterable[_Group]) -> tuple[Cluster, ...]:
    """Clusters in reading order with ids c1, c2, … and members sorted."""
    rows = []
    for group in groups:
        members = sorted(paragraphs[i].member for i in group.members)
        position = sum(paragraphs[i].position for i in group.members) / len(group.members)
        pairs = _cross_pairs(group.sources, group.sources) // 2
        score = round(group.inner / pairs, 4) if pairs else 1.0
        rows.append((position, members[0], score, tuple(members)))
    rows.sort(key=lambda row: (row[0], row[1]))
    return tuple(
        Cluster(f"c{n}", score, members) for n, (_, _, score, members) in enumerate(rows, 1)
    )


def align(sources: Sequence[Source], lexicon: Lexicon) -> tuple[Cluster, ...]:
    """Clusters of the paragraphs of the ok `sources` that report the same thing.

    Every paragraph of every ok source is in exactly one cluster. A cluster's score is the
    mean token_set_ratio (0..1) over its cross-source paragraph pairs, a missing edge
    counting 0: how strongly its members agree. A single paragraph scores 1.0.
    """
    paragraphs = prepare(sources, lexicon)
    return cluster(paragraphs, score_pairs(paragraphs, candidate_pairs(paragraphs)))
