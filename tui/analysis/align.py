"""N-way paragraph alignment: which paragraphs of which outlets report the same thing.

Outlets tell the same facts in different orders, words and lengths, so alignment is
clustering, not a sequence diff:

1. Every paragraph becomes a match key (tui.analysis.normalise: numbers as values, one key per
   lexicon name group, synonyms folded, stopwords out) and a set of informative terms.
2. Weights: a term weighs ln(1 + N / df) cubed over the event's N paragraphs, 0 if only
   one paragraph has it. Paragraphs reporting the same fact share its particulars (the
   witness's name, the figures, the place, "journalists"), which are rare in the event;
   the terms every paragraph has ("killed", "shelling", "said", the event's own town) weigh
   next to nothing.
3. Pair score (`containment`): the weight of the terms two paragraphs of different
   sources share over the weight of the lighter one's terms. Containment rather than a
   symmetric ratio, so that a long paragraph matches each of two short ones (one-to-many).
   A pair counts when it scores at least `edge`, shares at least `min_shared` terms (a
   three-word paragraph would otherwise match everything containing its words) and its
   keys' rapidfuzz token_set_ratio is at least `fuzz`. Candidates come from an exact
   weighted prefix-filtering index (`candidate_pairs`), so only a near-linear number of
   pairs is ever looked at, and the result is the same as scoring all pairs.
4. Clusters: average-link agglomerative merging over the pairs that count, where the link
   between two clusters is the mean pair score over all their cross-source paragraph pairs
   (a pair that does not count counts 0) and merging stops below `link`. Averaging, unlike
   single link, does not chain: a cluster only absorbs a paragraph that matches most of its
   members. A merge that would put two paragraphs of one source together is allowed only
   if some paragraph of another source in the merged cluster matches both (the
   one-to-many case), never by chaining.

The thresholds were chosen on data (`benchmarks/align_speed.py --sweep` prints the figures,
`--gold` the chosen ones'): a synthetic event with known ground truth (benchmarks/synthetic.py,
30 x 100) and two hand-labelled events, the demo and a held-out one (tests/fixtures/align/);
see `Thresholds`. Cost: 30 outlets x 100 paragraphs align in about 1.3 s on the shared
machine, 15x faster than checking all pairs, with identical clusters. The earlier rule
(token_set_ratio >= 0.8, tuned on synthetic text only) took 1.0 s; the looser rule real
text needs keeps 59,000 pairs where it kept 27,000, and its index must look at 520,000.

Everything is computed over paragraphs sorted by (source id, paragraph index), so the result
does not depend on the order of the sources given; ties are broken by that order too.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import itertools
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tui.analysis.normalise import informative_tokens
from tui.model import Cluster, Lexicon, Member, Source


@dataclass(frozen=True)
class Thresholds:
    """The aligner's knobs, chosen on data (see the module docstring and `--sweep`).

    Measured with `benchmarks/align_speed.py --sweep` on three labelled events: the synthetic
    30 x 100 event, the hand-labelled demo event and the held-out Shushi cathedral event
    (tests/fixtures/align/). Real paraphrase is looser than the synthetic generator's: pairs
    an editor puts on one row score token_set_ratio 0.55 to 0.85 and share 4 to 11 terms,
    while the synthetic event's different facts, told from one template, reach 0.8 with a
    dozen shared template words. What tells the two apart is which terms are shared: the
    particulars of a fact (names, figures, the village, "journalists") are rare in the event,
    template words and the event's own subject ("Ganja", "ceasefire") are not. Hence the
    score is the share of the rarer paragraph's IDF-cubed weight that the pair has in common
    (`containment`): cubing makes one shared particular outweigh several shared common words.
    """

    # Least weighted containment for a pair to count at all. Pairs from here up to `link`
    # do not merge on their own but count towards the average link of two clusters: four
    # outlets' paraphrases of one fact, a few of whose pairs score 0.35-0.45, still form one
    # row. At 0.4 the demo's recall falls from 0.651 to 0.605; at 0.3 nothing real is
    # gained and the index checks 1.5x more pairs.
    edge: float = 0.35
    # Shared informative terms a pair needs (a subset match of two or three words is luck).
    min_shared: int = 4
    # Least token_set_ratio / 100 of the match keys, a check that the wording is related at
    # all: synthetic precision 0.903 -> 0.919 at no cost on the gold events, for about a
    # sixth of the running time. A word-count overlap instead was as good on the synthetic
    # event but cost the held-out event half its recall.
    fuzz: float = 0.55
    # Mean cross-source pair score two clusters need to merge (a missing pair counts 0), and
    # so the least score on which a lone pair becomes a row. At 0.4 the demo's "less than a
    # day after the ceasefire" paragraphs of three different facts merge (precision 0.903);
    # at 0.5 one real demo row is lost.
    link: float = 0.45


THRESHOLDS = Thresholds()
# Power of the inverse document frequency in a term's weight (see `Thresholds`). At the
# thresholds that give the gold events the recall above, synthetic precision is 0.86 with
# power 2 and 0.92 with 3; with plain IDF template words dominate (about 0.6).
IDF_POWER = 3


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as the aligner sees it."""

    member: Member
    position: float  # paragraph index / number of paragraphs: where it sits in its article
    key: str
    terms: frozenset[str]


Edges = dict[tuple[int, int], float]
Weights = dict[str, float]


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


def term_weights(paragraphs: Sequence[Paragraph], power: float = IDF_POWER) -> Weights:
    """Every term's weight in this event: ln(1 + N / df) ** power, 0 where df is 1.

    A term only one paragraph has cannot be shared, so it says nothing about which
    paragraph that one matches; weighing it would only penalise the outlet with the richest
    wording. The +1 keeps a term every paragraph has above 0 (a two-paragraph event works).
    """
    df: Counter[str] = Counter(term for p in paragraphs for term in p.terms)
    n = len(paragraphs)
    return {
        term: math.log(1 + n / count) ** power if count > 1 else 0.0 for term, count in df.items()
    }


def paragraph_weight(paragraph: Paragraph, weights: Weights) -> float:
    """The weight of a paragraph's terms (`math.fsum`: exact, so the order is irrelevant)."""
    return math.fsum(map(weights.__getitem__, paragraph.terms))


def containment(
    a: Paragraph, b: Paragraph, lighter: float, weights: Weights, t: Thresholds = THRESHOLDS
) -> float:
    """The weight of the terms `a` and `b` share over `lighter`, the smaller of their
    `paragraph_weight`s (0..1); 0.0 below `t.edge` or `t.min_shared`.

    Containment rather than a symmetric ratio, so that a long paragraph matches each of two
    short ones (the one-to-many case).
    """
    shared = a.terms & b.terms
    if len(shared) < t.min_shared or not lighter:
        return 0.0
    score = math.fsum(map(weights.__getitem__, shared)) / lighter
    return min(score, 1.0) if score >= t.edge else 0.0


def _weight_planes(
    ordered: Sequence[Sequence[str]], bit: dict[str, int], weights: Weights, depth: int = 8
) -> tuple[float, list[list[tuple[int, int]]]]:
    """Each paragraph's terms as bit planes of their weights rounded up to `depth` bits.

    With q(term) = ceil(weight / scale), the sum over p of popcount(plane_p(A) & mask(B)) << p
    is the sum of q over the terms A and B share, so scale times it bounds their shared
    weight from above, at most `scale` per term too high, and it is all int operations.

    Planes come in pairs, to halve the number of those operations (each costs more in
    call overhead than in bits): with W = len(bit), plane p | plane p+1 << W | plane p+1 << 2W
    ANDed with `_tripled`(mask(B)) has popcount c_p + 2 c_(p+1), so shifting it by p adds
    both planes' share at once. Returns the scale and, per paragraph, its non-empty pairs as
    (p, paired mask).
    """
    # A hair above max / (2**depth - 1), so that rounding can never carry q past `depth` bits.
    scale = max(weights.values(), default=0.0) * (1 + 1e-9) / ((1 << depth) - 1) or 1.0
    width = len(bit)
    # Each term's set bits of q, once per term rather than once per term and paragraph.
    q_bits = {
        term: [p for p in range(depth) if math.ceil(weights[term] / scale) >> p & 1] for term in bit
    }
    out = []
    for terms in ordered:
        masks = [0] * (depth + 1)  # one spare, so that an odd depth's last pair is (p, none)
        for term in terms:
            b = bit[term]
            for p in q_bits[term]:
                masks[p] |= b
        pairs = (
            (p, masks[p] | masks[p + 1] << width | masks[p + 1] << 2 * width)
            for p in range(0, depth, 2)
        )
        out.append([(p, mask) for p, mask in pairs if mask])
    return scale, out


def _tripled(mask: int, width: int) -> int:
    """`mask` three times over, `width` bits apart: a B side for `_weight_planes`' pairs."""
    return mask | mask << width | mask << 2 * width


def candidate_pairs(
    paragraphs: Sequence[Paragraph], weights: Weights, t: Thresholds = THRESHOLDS
) -> Edges:
    """The `containment` of every pair of paragraphs of different sources it accepts."""
    return _candidates(paragraphs, weights, t)[0]


def _candidates(
    paragraphs: Sequence[Paragraph], weights: Weights, t: Thresholds = THRESHOLDS
) -> tuple[Edges, set[tuple[int, int]]]:
    """`candidate_pairs`, and those of its pairs that `_surely_related` already passes.

    The second costs little here, where each pair's shared terms are at hand anyway.

    Weighted prefix filtering (as in PPJoin): order every paragraph's terms rarest first, a
    global order, and let S(k) be the weight of a paragraph's terms from position k on. If
    A is the lighter of a pair sharing at least `edge` x weight(A), then the first term they
    share has S >= edge x weight(A) in both A and B, since every shared term comes at or
    after it. So each B is indexed under every term with its S there, and each A probes
    with the terms where its own S is still that high, taking only the entries whose S is
    too. Likewise a pair sharing `min_shared` terms shares one among the first
    n - min_shared + 1 of either, so only those are indexed. Paragraphs are visited heaviest
    first and indexed just before they probe, so A only ever meets paragraphs at least as
    heavy as itself: the pairs it is responsible for. This finds every pair `containment`
    accepts, while the common terms, light and at the end of every ordering, are almost
    never probed.
    """
    df: Counter[str] = Counter(term for p in paragraphs for term in p.terms)
    # The global order, rarest first, as ranks: sorting ints is cheaper than sorting by a
    # (df, term) tuple built per term and paragraph.
    global_order = sorted((term for term in df if weights[term]), key=lambda u: (df[u], u))
    rank = {term: n for n, term in enumerate(global_order)}
    ordered = [
        list(
            map(
                global_order.__getitem__,
                sorted(map(rank.__getitem__, filter(rank.__contains__, p.terms))),
            )
        )
        for p in paragraphs
    ]
    suffixes = [
        list(itertools.accumulate(map(weights.__getitem__, o[::-1])))[::-1] for o in ordered
    ]
    totals = [paragraph_weight(p, weights) for p in paragraphs]
    # Verification runs over every probed pair (half a million in a big event), so a C-speed
    # upper bound on the shared weight discards most of them first (see `_weight_planes`).
    # Bits only for the terms that weigh anything (narrower ints, cheaper ANDs).
    bit = {term: 1 << n for term, n in rank.items()}
    masks = [_tripled(sum(bit[term] for term in terms), len(bit)) for terms in ordered]
    scale, planes = _weight_planes(ordered, bit, weights)
    sources = sorted({p.member.source for p in paragraphs})
    source_no = {source: n for n, source in enumerate(sources)}
    owners = [source_no[p.member.source] for p in paragraphs]
    by_source: list[set[int]] = [set() for _ in source_no]
    for i, owner in enumerate(owners):
        by_source[owner].add(i)
    keys: dict[str, list[float]] = defaultdict(list)  # -S at the term, ascending
    holders: dict[str, list[int]] = defaultdict(list)  # the paragraph, in step with `keys`
    out: Edges = {}
    term_sets = [p.terms for p in paragraphs]
    chars = [sum(map(len, terms)) for terms in term_sets]
    cutoff = round(t.fuzz * 100, 9)
    related: set[tuple[int, int]] = set()
    weight_of = weights.__getitem__
    # Heaviest first; among equals, the higher index first, so a tie is found from the lower.
    for i in sorted(range(len(ordered)), key=lambda n: (-totals[n], -n)):
        terms, suffix = ordered[i], suffixes[i]
        prefix = len(terms) - t.min_shared + 1
        for term, rest in zip(terms[:prefix], suffix, strict=False):
            at = bisect.bisect_right(keys[term], -rest)
            keys[term].insert(at, -rest)
            holders[term].insert(at, i)
        if prefix < 1 or not totals[i]:
            continue
        # A hair below the bound, so that float rounding can only add candidates.
        need = t.edge * totals[i] * (1 - 1e-9)
        found: set[int] = set()
        for term, rest in zip(terms[:prefix], suffix, strict=False):
            if rest < need:
                break
            found.update(holders[term][: bisect.bisect_right(keys[term], -need)])
        found -= by_source[owners[i]]
        probed = list(found)
        others = list(map(masks.__getitem__, probed))
        bound = [0] * len(probed)
        for shift, plane in planes[i]:  # the maps keep this innermost loop in C
            shared = map(int.bit_count, map(plane.__and__, others))
            bound = list(map(operator.add, bound, map((1 << shift).__mul__, shared)))
        # `containment` inlined (same operations, so the same floats): it runs 78,000 times.
        mine, lighter = term_sets[i], totals[i]
        for j in itertools.compress(probed, map((need / scale).__le__, bound)):
            shared = mine & term_sets[j]
            if len(shared) < t.min_shared:
                continue
            score = math.fsum(map(weight_of, shared)) / lighter
            if score >= t.edge:
                pair = (j, i) if j < i else (i, j)
                out[pair] = min(score, 1.0)
                if _surely_related(
                    len(mine), len(term_sets[j]), len(shared),
                    chars[i], chars[j], sum(map(len, shared)), cutoff,
                ):  # fmt: skip
                    related.add(pair)
    return dict(sorted(out.items())), related


def score_pairs(
    paragraphs: Sequence[Paragraph],
    candidates: Edges,
    t: Thresholds = THRESHOLDS,
    related: Collection[tuple[int, int]] = frozenset(),
) -> Edges:
    """The `candidates` whose keys' token_set_ratio reaches `t.fuzz`: the pairs that count.

    Pairs in `related` are known to reach it (`_surely_related`, 55,000 of the 62,000
    candidates of the big synthetic event): only the others go through rapidfuzz's C loop,
    one `process.extract` per paragraph.
    """
    later: dict[int, list[int]] = defaultdict(list)
    for pair in candidates:
        if pair not in related:
            later[pair[0]].append(pair[1])
    kept = set(related)
    for i, js in later.items():
        choices = [paragraphs[j].key for j in js]
        found = process.extract(
            paragraphs[i].key,
            choices,
            scorer=fuzz.token_set_ratio,
            score_cutoff=round(t.fuzz * 100, 9),
            limit=None,
        )
        kept.update((i, js[k]) for _, _, k in found)
    return {pair: score for pair, score in candidates.items() if pair in kept}


def _surely_related(
    words_a: int, words_b: int, words_shared: int, chars_a: int, chars_b: int, chars_shared: int,
    cutoff: float,
) -> bool:  # fmt: skip
    """Whether two keys' token_set_ratio surely reaches `cutoff`, from their word counts.

    `words_*` count the distinct words of key a, key b and both, `chars_*` add up those
    words' lengths. A key's words are its paragraph's `terms` (`prepare` joins the tokens
    with single spaces, and a token never contains whitespace). rapidfuzz's token_set_ratio
    (fuzz_py.token_set_ratio mirrors the C++) is 100 when one word set contains the other
    and they share a word, and otherwise the largest of three ratios, two of which compare
    the sorted shared words with the shared words plus one side's own: one string is a
    prefix of the other, so that ratio depends on the joined lengths only,
    100 - 100 * (1 + own) / (2 * shared + 1 + own), where a joined length is the words'
    lengths plus a space between each two. If one of the two reaches the cutoff by a margin
    far above float rounding, so does the ratio, and rapidfuzz need not run: 55,000 of the
    big synthetic event's 62,000 candidates. False only means "ask rapidfuzz".
    """
    if not words_shared:
        return False
    own_a, own_b = words_a - words_shared, words_b - words_shared
    if not own_a or not own_b:
        return True
    sect = chars_shared + words_shared - 1
    own = min(chars_a - chars_shared + own_a - 1, chars_b - chars_shared + own_b - 1)
    return 100 - 100 * (1 + own) / (2 * sect + 1 + own) >= cutoff + 1e-6


@dataclass
class _Group:
    """A cluster under construction (mutable, private to `cluster`)."""

    members: list[int]
    sources: Counter[str]
    inner: float  # sum of edge scores between its members
    version: int = 0


def _cross_pairs(a: _Group, b: _Group) -> int:
    """Pairs of paragraphs, one from each side, that come from different sources."""
    if len(a.sources) > len(b.sources):
        a, b = b, a
    pairs = len(a.members) * len(b.members)
    if len(a.sources) == 1:  # the usual case: a paragraph not merged yet
        ((source, n),) = a.sources.items()
        return pairs - n * b.sources.get(source, 0)
    theirs = b.sources
    return pairs - sum(n * theirs[s] for s, n in a.sources.items() if s in theirs)


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

    # Between two single paragraphs (of different sources) the link is the pair's score.
    heap.extend(
        (-score, min(a, b), max(a, b), 0, 0) for (a, b), score in edges.items() if score >= t.link
    )
    heapq.heapify(heap)
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
        # `push(a, c)` for every neighbour c, inlined with the usual case of
        # `_cross_pairs` (c a single paragraph), which is most of the clustering time.
        size_a, sources_a, version = len(ga.members), ga.sources, ga.version
        for c, total in links[a].items():
            neighbour = groups[c]
            if len(neighbour.sources) == 1:
                ((source, n),) = neighbour.sources.items()
                cross = size_a * len(neighbour.members) - n * sources_a.get(source, 0)
            else:
                cross = _cross_pairs(ga, neighbour)
            link = total / cross
            if link >= t.link:
                if a < c:
                    heapq.heappush(heap, (-link, a, c, version, neighbour.version))
                else:
                    heapq.heappush(heap, (-link, c, a, neighbour.version, version))
    return _finish(paragraphs, [groups[g] for g in sorted(alive)])


def _finish(paragraphs: Sequence[Paragraph], groups: Iterable[_Group]) -> tuple[Cluster, ...]:
    """Clusters in reading order with ids c1, c2, … and members sorted."""
    rows = []
    for group in groups:
        members = sorted(paragraphs[i].member for i in group.members)
        position = sum(paragraphs[i].position for i in group.members) / len(group.members)
        pairs = _cross_pairs(group, group) // 2
        score = round(group.inner / pairs, 4) if pairs else 1.0
        rows.append((position, members[0], score, tuple(members)))
    rows.sort(key=lambda row: (row[0], row[1]))
    return tuple(
        Cluster(f"c{n}", score, members) for n, (_, _, score, members) in enumerate(rows, 1)
    )


def align(sources: Sequence[Source], lexicon: Lexicon) -> tuple[Cluster, ...]:
    """Clusters of the paragraphs of the ok `sources` that report the same thing.

    Every paragraph of every ok source is in exactly one cluster. A cluster's score is the
    mean `containment` (0..1) over its cross-source paragraph pairs that count (see
    `score_pairs`), any other pair counting 0: how strongly its members agree. A single
    paragraph scores 1.0.
    """
    # The cyclic garbage collector would run dozens of times over the hundreds of thousands
    # of tuples, sets and ints made here, none of which form cycles: about 0.1 s of a big
    # event's time. Paused, not turned off for good: its previous state comes back after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        paragraphs = prepare(sources, lexicon)
        candidates, related = _candidates(paragraphs, term_weights(paragraphs))
        return cluster(paragraphs, score_pairs(paragraphs, candidates, related=related))
    finally:
        if collecting:
            gc.enable()
