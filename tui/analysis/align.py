"""N-way paragraph alignment: which paragraphs of which outlets report the same thing.

Outlets tell the same facts in different orders, words and lengths, and split and join them
differently: one outlet's long lead tells the toll, the weapon and the denial, another gives
each its own short paragraph. So alignment links claims (sentences, `tui.analysis.claims`) across
outlets and builds paragraph rows from those links:

1. Every paragraph is read once (tui.analysis.normalise: numbers as values, one key per lexicon name
   group, synonyms folded, stopwords out) and split into claims, each its terms plus its
   incident signature: what is counted, the act, the time, the names (`tui.analysis.claims`).
2. Weights, over the event's claims: a term weighs ln(1 + N / df), 0 if only one source
   uses it; signature terms more, the words of who says it ("the defence ministry said")
   less. A *particular* is a term in at most 1.5 claims per source: a fact is told about
   once per outlet, the parties and the event's place are in most sentences.
3. Claim links (`link_claims`): two claims of different sources link when they share two
   terms, one of them a particular, besides the words of saying and besides the speaker
   (who the sentence is attributed to: one official quoted on two subjects is two facts),
   do not name two different places of the lexicon nor two
   different sides as the attacker (two incidents), and score at least `claim`: the shared
   weight over the lighter claim's, times (lighter / heavier) ** `balance`. The candidates
   are the pairs that share a particular (`sharing_pairs`, an inverted index over
   particulars only): blocking by the incident's particulars, so the pairs grow with the
   square of how many outlets report each fact rather than of the whole event, and the
   result is the one all pairs give.
4. Paragraph edges (`claim_edges`): a paragraph pair scores its best claim link, raised by
   a second link between two other claims of the same pair (two facts in common); a weak
   link between two paragraphs whose neighbours before and after sit level is raised too
   (`between_neighbours`).
5. Clusters: average-link agglomerative merging over the edges, where the link between two
   clusters is the mean edge over all their cross-source paragraph pairs (a pair with no
   edge counts 0) and merging stops below `link`. Averaging, unlike single link, does not
   chain: a cluster only absorbs a paragraph that matches most of its members. A merge that
   would put two paragraphs of one source together is allowed only if some paragraph of
   another source in the merged cluster links both (one long paragraph level with two short
   ones), never by chaining; and two rows of several paragraphs merge only when two
   paragraphs of each hold them together, so a paragraph that tells two facts does not weld
   their rows. Then gap filling (`fill_gaps`): a paragraph left alone joins the row that
   two or more of its weak edges agree on (each of `fill_edge` or more, their mean over the
   row at least `fill_link`; or one of `fill` or more), since average link cannot tell
   several weak links into one row from one chance link. Each cluster carries, per member,
   the best claim link that holds it there (`Cluster.links`), for the detectors and the
   reader.
6. Scale: a fact told by k outlets makes about k² claim links, which no blocking of
   candidates avoids. So an event of more than `Thresholds.block` sources is aligned in
   blocks of sources, each exactly as above, and the rows of different blocks are joined
   through a few representatives each (`align_in_blocks`): the cost grows with the sources
   times the block size. Events up to that size (the real corpus, the 30 x 100 benchmark)
   are one block and get exactly the result all pairs give.
7. Headlines (`place_headlines`): a source's headline (`Source.title`) is a unit of its own,
   read like a paragraph but never a member: once the rows are made, it joins the row its
   claims link to best by the same average link (`Cluster.headlines`), or none.

The thresholds were chosen on data, and on the mechanisms rather than the words of any
event: the real development corpus (benchmarks/real_corpus.py, read at run time from
../shared), the synthetic event with known ground truth (benchmarks/synthetic.py) and two
hand-labelled events of our own (tests/fixtures/align/); `benchmarks/align_speed.py --sweep`
prints the figures, `--gold` the chosen ones'. See `Thresholds`.

Everything is computed over paragraphs sorted by (source id, paragraph index), so the result
does not depend on the order of the sources given; ties are broken by that order too.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from tui.analysis.actors import build_actors
from tui.analysis.claims import (
    COUNT_PREFIX,
    NAME_PREFIX,
    TIME_PREFIX,
    WHO_TERMS,
    Claim,
    read_claims,
    side_keys,
)
from tui.analysis.normalise import NAME_PREFIX as PLACE_PREFIX
from tui.analysis.normalise import term_fields
from tui.model import HEADLINE, ClaimLink, Cluster, Lexicon, Member, Source


@dataclass(frozen=True)
class Thresholds:
    """The aligner's knobs, chosen on data (see the module docstring and `--sweep`).

    Measured on the real development corpus (6 events, 31 articles of all three sides, gold
    `facts`), the synthetic 30 x 100 event and the two hand-labelled events. On real text,
    pairs of sentences an editor puts on one row share few words and many of those are the
    event's background ("Armenia", "ceasefire", "the defence ministry said"); what tells
    them apart is a shared particular, the rest of the evidence is graded.
    """

    # Mean cross-source edge two clusters need to merge (a missing pair counts 0), and so
    # the least edge on which a lone pair becomes a row. On the real corpus 0.40 recalls
    # 0.69 of the facts at a pair precision of 0.84, 0.42 0.67 at 0.85 and 0.45 0.61 at
    # 0.89; at 0.38 the demo's background clauses start to join the rows of the facts they
    # mention (its precision 0.97 -> 0.85).
    link: float = 0.40
    # Least claim link score (module docstring, step 3). From 0.20 to 0.30 no figure of the
    # real corpus, the demo or Shushi changes: the particulars and the merge threshold
    # decide.
    claim: float = 0.25
    # Terms two claims must share: one shared word is chance, even a rare one.
    min_shared: int = 2
    # Power of the inverse document frequency. A sentence has a dozen terms, so the
    # particulars a fact is told by dominate at power 1 already; at 2 the real corpus's
    # ranking of gold pairs gets worse (average precision 0.59 against 0.61).
    power: float = 1.0
    # How much the longer claim's own terms count against a link: 0 is containment (a
    # short claim would match every long one holding its words), 0.5 cosine.
    balance: float = 0.5
    # Claims per source that a term may be in and still be a particular. At 2.0 the real
    # corpus gains two gold pairs and loses one point of pair precision, and the demo
    # (0.97 -> 0.85) and synthetic (0.84 -> 0.77) precisions fall: templates and background
    # vocabulary pass for particulars; at 3.0 the synthetic event's falls to 0.50.
    particular: float = 1.5
    # How much a second, independent claim link adds to a paragraph pair (`claim_edges`).
    support: float = 1.0
    # What a pair between two aligned neighbours gets of their edges (`between_neighbours`).
    # At 0.5 or 0.8 it changes none of the figures of the real corpus (whose outlets order
    # their paragraphs each their own way), the demo or Shushi; it is there for outlets that
    # follow one another's order (agency copies, translations).
    neighbours: float = 0.5
    # Gap filling (`fill_gaps`): the least edge that counts as evidence for a row, the total
    # of such edges a paragraph left alone needs to a row to join it (0 turns it off), and
    # their mean over the row's members (missing pairs 0), a lower bar than `link`. Chosen
    # leave one event out on the real corpus among settings that keep the demo's and the
    # synthetic event's precision near (0.97, 0.87): gold pairs +5, false +2, in two events
    # of six and none lost. Counting every edge (0.0) or a mean of 0.2 takes in the demo's
    # background paragraphs (its precision 0.68-0.85), and the synthetic event's asides
    # (0.84-0.85).
    fill_edge: float = 0.35
    fill: float = 0.7
    fill_link: float = 0.3
    # Scale (`align_in_blocks`): an event of more sources than `block` is aligned in blocks
    # of at most that many sources, and the rows of different blocks are joined through at
    # most `representatives` paragraphs of each. Every event of the real corpus and the 30 x
    # 100 benchmark is one block, aligned exactly as all pairs would.
    block: int = 32
    representatives: int = 4


THRESHOLDS = Thresholds()
# How much more a signature term weighs than an ordinary word of the same rarity: a figure's
# kind or a date is what makes two sentences one incident (tui.analysis.claims). A name counts once
# as its word and once as a name.
SIGNATURE_BOOST = {COUNT_PREFIX: 2.0, TIME_PREFIX: 1.5, NAME_PREFIX: 1.0}
# First characters of terms that never make a link on their own (`claim_weights`): numbers
# and times.
NOT_PARTICULAR = frozenset("0123456789" + TIME_PREFIX)
# What a shared term counts when either claim has it only in a clause of background
# (`tui.analysis.claims.Claim.background`); such a term is no particular either.
BACKGROUND_WEIGHT = 0.7
# What a word of `tui.analysis.claims.WHO_TERMS` weighs next to another word of the same rarity.
WHO_WEIGHT = 0.3


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as the aligner sees it."""

    member: Member
    position: float  # paragraph index / number of paragraphs: where it sits in its article


Edges = dict[tuple[int, int], float]
Weights = dict[str, float]
Pairs = Callable[[Sequence[Claim], Weights, frozenset[str]], Iterable[tuple[int, int]]]


def read(sources: Sequence[Source], lexicon: Lexicon) -> tuple[list[Paragraph], list[Claim]]:
    """The paragraphs of the ok sources, sorted by source id and paragraph index, and their
    claims in the same order; every paragraph is tokenised once."""
    ok = sorted((s for s in sources if s.ok), key=lambda s: s.id)
    ids = [s.id for s in ok]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(
            f"align: source ids must be unique, got {', '.join(duplicated)} more than once "
            "(give each article of one outlet its own id, e.g. trend-2)"
        )
    paragraphs: list[Paragraph] = []
    claims: list[Claim] = []
    sides = event_sides(ok, lexicon)
    for source in ok:
        count = len(source.paragraphs)
        for index, text in enumerate(source.paragraphs):
            member = Member(source.id, index)
            paragraphs.append(Paragraph(member, index / count))
            claims.extend(read_claims(member, text, term_fields(text, lexicon), sides))
    return paragraphs, claims


def event_sides(sources: Sequence[Source], lexicon: Lexicon) -> dict[str, str]:
    """The keys of the words that name each side of the event (`tui.analysis.actors`), for
    telling who attacked (`tui.analysis.claims.agent_side`)."""
    return side_keys(build_actors(lexicon, dict.fromkeys(s.side for s in sources)).by_side)


def claim_weight(claim: Claim, weights: Weights) -> float:
    """The weight of a claim's terms (`math.fsum`: exact, so the order is irrelevant)."""
    return math.fsum(map(weights.__getitem__, claim.terms))


def claim_weights(
    claims: Sequence[Claim], t: Thresholds = THRESHOLDS
) -> tuple[Weights, frozenset[str]]:
    """IDF weights over the event's claims, signature terms raised, reporting words lowered;
    and the event's particulars, the terms a link must share one of.

    A term that only one source uses weighs 0: it can never be shared across sources, so it
    would only make that outlet's claims look less like everyone else's. A particular is a
    term in at most `t.particular` claims per source: a fact is told about once per outlet,
    while the parties, the event's place and subject are in most sentences of all of them.
    A bare number is no particular: "four civilians" and "4 bakeries" share one by chance;
    what a figure counts (`#civilian`) is. Nor is a time alone (`~sep-27`): "since 27
    September" dates half the background of a war.
    """
    df: Counter[str] = Counter(term for claim in claims for term in claim.terms)
    holders: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        for term in claim.terms:
            holders[term].add(claim.member.source)
    n = len(claims)
    weights: Weights = {}
    for term, count in df.items():
        weight = math.log(1 + n / count) ** t.power if len(holders[term]) > 1 else 0.0
        if term in WHO_TERMS:
            weight *= WHO_WEIGHT
        elif (boost := SIGNATURE_BOOST.get(term[0])) is not None:
            weight *= boost
        weights[term] = weight
    most = t.particular * len({claim.member.source for claim in claims})
    particulars = frozenset(
        term
        for term, count in df.items()
        if count <= most and term not in WHO_TERMS and term[0] not in NOT_PARTICULAR
    )
    return weights, particulars


def claim_places(claims: Sequence[Claim]) -> list[frozenset[str]]:
    """The lexicon places of each claim: its own, or where it names none, those of its
    paragraph ("Drones struck Eastbridge at dawn. The strike destroyed 30 houses." tells
    where the houses were)."""
    own = [frozenset(t for t in claim.terms if t[0] == PLACE_PREFIX) for claim in claims]
    by_paragraph: dict[Member, frozenset[str]] = defaultdict(frozenset)
    for claim, places in zip(claims, own, strict=True):
        by_paragraph[claim.member] |= places
    return [places or by_paragraph[claim.member] for claim, places in zip(claims, own, strict=True)]


def sharing_pairs(
    claims: Sequence[Claim], weights: Weights, particulars: frozenset[str]
) -> list[tuple[int, int]]:
    """Every pair (i < j) of claims of different sources that share a particular of some
    weight: the only pairs `link_claims` can accept, found through an inverted index.

    A particular is in a few claims per source (`claim_weights`), so its list is short and
    the pairs grow with the number of outlets that report each fact, not with the square of
    the event: blocking by the incident's particulars rather than by every shared word.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for term in claim.terms & particulars:
            if weights[term]:
                postings[term].append(i)
    sources = [claim.member.source for claim in claims]
    found: set[tuple[int, int]] = set()
    for ids in postings.values():
        found.update((i, j) for i, j in itertools.combinations(ids, 2) if sources[i] != sources[j])
    return sorted(found)


def link_claims(
    claims: Sequence[Claim],
    weights: Weights,
    particulars: frozenset[str],
    t: Thresholds = THRESHOLDS,
    pairs: Pairs = sharing_pairs,
) -> Edges:
    """The score of every pair of claims of different sources that reaches `t.claim`.

    The score is the shared weight over the lighter claim's (containment) times (lighter /
    heavier) ** `t.balance`; a pair counts only if it shares `t.min_shared` terms, one of
    them a particular, besides the words of saying (`WHO_TERMS`: "a statement said") and,
    counted apart, besides the speaker (`Claim.speaker`: "Prime Minister X said" in two
    sentences is who speaks, not what happened), and does not name two places of the
    lexicon with none in common nor two different sides as the attacker
    (`tui.analysis.claims.agent_side`): two incidents. (Counting the two together, a
    speaker's office and "added" as one, lost two gold pairs of the real corpus.)
    Not plain containment: two claims are one proposition each, so a short claim must not
    match every long one that happens to contain its two words; not plain cosine either, or
    a long sentence that tells three things would match nothing. `pairs` are the
    candidates: `sharing_pairs`, or all pairs for the baseline that proves it exact.
    """
    terms = [claim.terms for claim in claims]
    heft = [claim_weight(claim, weights) for claim in claims]
    places = claim_places(claims)
    aside = [claim.background for claim in claims]
    said = [claim.speaker for claim in claims]
    speaking = [len(claim.speaker) for claim in claims]
    saying = [len(claim.terms & WHO_TERMS) for claim in claims]
    agents = [claim.agent for claim in claims]
    weight_of = weights.__getitem__
    out: Edges = {}
    for i, j in pairs(claims, weights, particulars):
        shared = terms[i] & terms[j]
        n = len(shared)
        # The counts first: most pairs share more terms than either has words of saying.
        if n - min(saying[i], saying[j]) < t.min_shared and (
            n < t.min_shared or len(shared - WHO_TERMS) < t.min_shared
        ):
            continue
        if n - speaking[i] - speaking[j] < t.min_shared and (
            len(shared - said[i] - said[j]) < t.min_shared
        ):
            continue
        background = shared & (aside[i] | aside[j]) if aside[i] or aside[j] else frozenset()
        if particulars.isdisjoint(shared - background if background else shared):
            continue
        if places[i] and places[j] and not places[i] & places[j]:
            continue
        if agents[i] and agents[j] and agents[i] != agents[j]:
            continue
        lighter, heavier = (heft[i], heft[j]) if heft[i] <= heft[j] else (heft[j], heft[i])
        if not lighter:
            continue
        common = math.fsum(map(weight_of, shared))
        if background:
            common -= (1 - BACKGROUND_WEIGHT) * math.fsum(map(weight_of, background))
        score = min(common / lighter, 1.0) * (lighter / heavier) ** t.balance
        if score >= t.claim:
            out[(i, j)] = score
    return out


def claim_owners(paragraphs: Sequence[Paragraph], claims: Sequence[Claim]) -> list[int]:
    """The index in `paragraphs` of each claim's paragraph."""
    index = {p.member: n for n, p in enumerate(paragraphs)}
    return [index[claim.member] for claim in claims]


def claim_edges(
    paragraphs: Sequence[Paragraph], claims: Sequence[Claim], links: Edges, support: float
) -> Edges:
    """Paragraph pairs scored by their best claim link.

    A second link between two other claims of the same two paragraphs adds `support` times
    its score to the best's distance from 1: two facts in common are more than one.
    """
    owner = claim_owners(paragraphs, claims)
    best: dict[tuple[int, int], tuple[float, int, int]] = {}  # pair -> its best link
    second: dict[tuple[int, int], float] = {}  # pair -> its best link between other claims
    # Best first (ties by claim index), so each pair's first link is its best.
    for score, i, j in sorted((-score, i, j) for (i, j), score in links.items()):
        a, b = owner[i], owner[j]
        pair, ends = ((a, b), (i, j)) if a < b else ((b, a), (j, i))
        top = best.get(pair)
        if top is None:
            best[pair] = (-score, *ends)
        elif pair not in second and ends[0] != top[1] and ends[1] != top[2]:
            second[pair] = -score
    edges: Edges = {}
    for pair in sorted(best):
        top = best[pair][0]
        edges[pair] = min(1.0, top + support * second.get(pair, 0.0) * (1 - top))
    return edges


@dataclass(frozen=True)
class Evidence:
    """Everything alignment knows about an event before clustering, for `align` and its
    benchmarks: the paragraphs, their claims, the claim links and the paragraph edges."""

    paragraphs: list[Paragraph]
    claims: list[Claim]
    links: Edges  # claim index pair -> score
    edges: Edges  # paragraph index pair -> score


def gather_evidence(
    sources: Sequence[Source],
    lexicon: Lexicon,
    t: Thresholds = THRESHOLDS,
    pairs: Pairs = sharing_pairs,
) -> Evidence:
    """Claims, their links and the paragraph edges they make (module docstring, 1-4).

    `pairs` is the candidate step, exchangeable for the all-pairs baseline of
    benchmarks/align_speed.py, which must give the same evidence.
    """
    paragraphs, claims = read(sources, lexicon)
    return evidence_of(paragraphs, claims, *claim_weights(claims, t), t, pairs)


def evidence_of(
    paragraphs: Sequence[Paragraph],
    claims: Sequence[Claim],
    weights: Weights,
    particulars: frozenset[str],
    t: Thresholds = THRESHOLDS,
    pairs: Pairs = sharing_pairs,
) -> Evidence:
    """`gather_evidence` on paragraphs already read, with the event's weights: for the whole
    event, or for one block of it (`align_in_blocks`)."""
    links = link_claims(claims, weights, particulars, t, pairs)
    edges = claim_edges(paragraphs, claims, links, t.support)
    return Evidence(list(paragraphs), list(claims), links, between_neighbours(paragraphs, edges, t))


def between_neighbours(paragraphs: Sequence[Paragraph], edges: Edges, t: Thresholds) -> Edges:
    """`edges`, raised for two paragraphs whose neighbours before and after are aligned.

    When paragraph k-1 of one outlet sits level with paragraph m-1 of another and k+1 with
    m+1, and the two paragraphs between have a link of their own too weak to make a row,
    they most likely tell the same thing in words too different to link well (a translated
    quote, a paraphrase): they get `t.neighbours` times the weaker of the two neighbouring
    edges, if that is more than their own. Without a link of their own they stay apart:
    the paragraph between two aligned ones is as often one outlet's own aside.
    """
    if not t.neighbours:
        return edges
    out = dict(edges)
    strong = {pair for pair, score in edges.items() if score >= t.link}
    for i, j in strong:
        if (i + 2, j + 2) not in strong or not (
            _follows(paragraphs, i, i + 2) and _follows(paragraphs, j, j + 2)
        ):
            continue
        between = (i + 1, j + 1)
        raised = t.neighbours * min(edges[(i, j)], edges[(i + 2, j + 2)])
        if between in edges and raised > edges[between]:
            out[between] = raised
    return dict(sorted(out.items()))


def _follows(paragraphs: Sequence[Paragraph], i: int, k: int) -> bool:
    """Whether paragraph `k` is `k - i` paragraphs after `i` in the same article."""
    if k >= len(paragraphs):
        return False
    a, b = paragraphs[i].member, paragraphs[k].member
    return a.source == b.source and b.paragraph - a.paragraph == k - i


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


def _held_by_several(a: _Group, b: _Group, strong: dict[int, set[int]]) -> bool:
    """Whether two rows of several paragraphs each are linked through two paragraphs of
    each, not just one, by edges that could make a row on their own (`strong`): a paragraph
    that tells two facts links the row of each, and that alone must not make the two rows
    one (it joins the one it matches best)."""
    if len(a.members) < 2 or len(b.members) < 2:
        return True
    theirs, ours = set(b.members), set(a.members)
    return (
        sum(1 for p in a.members if strong[p] & theirs) >= 2
        and sum(1 for q in b.members if strong[q] & ours) >= 2
    )


def cluster(
    paragraphs: Sequence[Paragraph], edges: Edges, t: Thresholds = THRESHOLDS
) -> tuple[Cluster, ...]:
    """Average-link clusters of `paragraphs` over `edges` (see the module docstring)."""
    return _finish(paragraphs, fill_gaps(paragraphs, _merge(paragraphs, edges, t), edges, t))


def fill_gaps(
    paragraphs: Sequence[Paragraph],
    groups: list[_Group],
    edges: Edges,
    t: Thresholds,
    bridging: bool = True,
) -> list[_Group]:
    """`groups`, each paragraph left alone moved to the row it has the most evidence with.

    Average link counts a missing pair as 0, so a paragraph whose weak links reach two or
    three members of a row (a translated quote, a paraphrase: each link too weak to make a
    row) is as far from it as one that matches a single member by chance. Here, once the
    rows are made, a paragraph alone joins a row of several paragraphs when its edges of at
    least `t.fill_edge` to the row's members total at least `t.fill` and average at least
    `t.fill_link` over them (missing pairs 0, as in merging): two or more weak links that
    agree on one row, or one strong link that the row's other members dilute; never one
    weak link. A row that holds a paragraph of its source already takes
    it only as merging would (`_bridged`: some member of another source links both), and
    not at all without `bridging` (the rows of blocks, `align_in_blocks`). The moves are
    weighed on the rows as merging left them and made most evidence first (ties by index),
    so the order of the sources does not matter.
    """
    if not t.fill:
        return groups
    home = {m: g for g, group in enumerate(groups) for m in group.members}
    totals: dict[tuple[int, int], float] = defaultdict(float)  # (lone paragraph, row) -> sum
    adjacency: dict[int, set[int]] = defaultdict(set)
    for (i, j), score in edges.items():
        adjacency[i].add(j)
        adjacency[j].add(i)
        for lone, other in ((i, j), (j, i)):
            if (
                score >= t.fill_edge
                and len(groups[home[lone]].members) == 1
                and len(groups[home[other]].members) > 1
            ):
                totals[(lone, home[other])] += score
    candidates = []  # (-total, lone paragraph, row), the most evidence first
    for (lone, row), total in totals.items():
        if total >= t.fill and total >= t.fill_link * len(groups[row].members):
            candidates.append((-total, lone, row))
    moved: set[int] = set()
    for total, lone, row in sorted(candidates):
        group, source = groups[row], paragraphs[lone].member.source
        if lone in moved or (source in group.sources and not bridging):
            continue
        if not _bridged(_Group([lone], Counter([source]), 0.0), group, paragraphs, adjacency):
            continue
        moved.add(lone)
        group.members.append(lone)
        group.sources[source] += 1
        group.inner -= total
        groups[home[lone]].members = []
    return [group for group in groups if group.members]


def _merge(
    paragraphs: Sequence[Paragraph], edges: Edges, t: Thresholds, bridging: bool = True
) -> list[_Group]:
    """The average-link merging of `cluster`: the groups left, in index order. Without
    `bridging`, no merge may put two members of one source together."""
    groups = [_Group([i], Counter([p.member.source]), 0.0) for i, p in enumerate(paragraphs)]
    adjacency: dict[int, set[int]] = defaultdict(set)
    links: list[dict[int, float]] = [{} for _ in paragraphs]  # group -> group -> edge sum
    strong: dict[int, set[int]] = defaultdict(set)  # edges >= t.link
    for (i, j), score in edges.items():
        adjacency[i].add(j)
        adjacency[j].add(i)
        links[i][j] = links[j][i] = score
        if score >= t.link:
            strong[i].add(j)
            strong[j].add(i)
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
        if bridging:
            if not _bridged(groups[a], groups[b], paragraphs, adjacency):
                continue
        elif groups[a].sources.keys() & groups[b].sources.keys():
            continue
        if not _held_by_several(groups[a], groups[b], strong):
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
    return [groups[g] for g in sorted(alive)]


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


def cluster_links(evidence: Evidence, clusters: Sequence[Cluster]) -> tuple[Cluster, ...]:
    """The clusters, each with the claim links that hold it together: for every member, its
    best link to a member of another source in the same cluster, best first."""
    owner = claim_owners(evidence.paragraphs, evidence.claims)
    row = {m: n for n, c in enumerate(clusters) for m in c.members}
    row_of = [row[p.member] for p in evidence.paragraphs]
    best: dict[int, tuple[float, int, int]] = {}  # paragraph -> its best link in its row
    for (i, j), score in evidence.links.items():
        a, b = owner[i], owner[j]
        if row_of[a] == row_of[b]:
            for end in (a, b):
                if (-score, i, j) < best.get(end, (0.0, 0, 0)):
                    best[end] = (-score, i, j)
    found: dict[int, set[tuple[float, int, int]]] = defaultdict(set)
    for paragraph, link in best.items():
        found[row_of[paragraph]].add(link)
    claims = evidence.claims
    return tuple(
        replace(
            c,
            links=tuple(
                _claim_link(claims[i], claims[j], -score) for score, i, j in sorted(found[n])
            ),
        )
        for n, c in enumerate(clusters)
    )


def _claim_link(a: Claim, b: Claim, score: float) -> ClaimLink:
    return ClaimLink(a.member, a.start, a.end, b.member, b.start, b.end, round(score, 4))


def source_blocks(paragraphs: Sequence[Paragraph], most: int) -> list[tuple[int, int]]:
    """The paragraph ranges of consecutive sources in blocks of at most `most` sources, as
    even as can be: one block when the event has no more sources than that."""
    starts = [
        n
        for n, p in enumerate(paragraphs)
        if not n or p.member.source != paragraphs[n - 1].member.source
    ]
    if len(starts) <= most:
        return [(0, len(paragraphs))]
    count = math.ceil(len(starts) / most)
    cuts = [starts[len(starts) * k // count] for k in range(count)]
    return list(itertools.pairwise([*cuts, len(paragraphs)]))


def align_in_blocks(
    paragraphs: Sequence[Paragraph],
    claims: Sequence[Claim],
    weights: Weights,
    particulars: frozenset[str],
    blocks: Sequence[tuple[int, int]],
    t: Thresholds = THRESHOLDS,
) -> tuple[Cluster, ...]:
    """Rows of an event of more sources than `t.block`, without linking every pair.

    A fact told by k outlets makes about k² claim links, so all-pairs evidence grows with
    the square of the sources however well the candidates are blocked. Here each block of
    sources is aligned exactly (with the weights and particulars of the whole event), and
    the rows of different blocks are then joined as units: two units link by the mean
    paragraph edge between their `t.representatives` most central paragraphs (a missing
    pair counts 0, as in `cluster`), and the units merge by `cluster`'s average link and gap
    filling, never two units of one block (the exact alignment kept those apart). A fact
    told by k outlets costs about k times the block size. A joined row's score counts the
    mean edge between two of its units for all their pairs, since the others were never
    compared.
    """
    owner = claim_owners(paragraphs, claims)
    first_claim = [bisect.bisect_left(owner, n) for n in range(len(paragraphs) + 1)]
    links: Edges = {}
    units: list[_Group] = []  # members: paragraph indices, most central first
    block_of: list[int] = []  # unit -> block
    for number, (start, end) in enumerate(blocks):
        block = paragraphs[start:end]
        offset = first_claim[start]
        evidence = evidence_of(block, claims[offset : first_claim[end]], weights, particulars, t)
        links.update({(i + offset, j + offset): v for (i, j), v in evidence.links.items()})
        groups = fill_gaps(block, _merge(block, evidence.edges, t), evidence.edges, t)
        home = {m: g for g, group in enumerate(groups) for m in group.members}
        degree: Counter[int] = Counter()
        for (i, j), score in evidence.edges.items():
            if home[i] == home[j]:
                degree[i] += score
                degree[j] += score
        for group in groups:
            group.members = [
                m + start for m in sorted(group.members, key=lambda m: (-degree[m], m))
            ]
            units.append(group)
            block_of.append(number)
    # The representatives, in reading order, and their claims.
    chosen = sorted(
        (m, u) for u, unit in enumerate(units) for m in unit.members[: t.representatives]
    )
    unit_of = [u for _, u in chosen]
    picked = [c for m, _ in chosen for c in range(first_claim[m], first_claim[m + 1])]
    sample = [claims[c] for c in picked]
    claim_block = [
        block_of[unit_of[k]]
        for k, (m, _) in enumerate(chosen)
        for _ in range(first_claim[m], first_claim[m + 1])
    ]

    def across(sample: Sequence[Claim], w: Weights, p: frozenset[str]) -> list[tuple[int, int]]:
        return [(i, j) for i, j in sharing_pairs(sample, w, p) if claim_block[i] != claim_block[j]]

    sample_links = link_claims(sample, weights, particulars, t, across)
    links.update({(picked[i], picked[j]): v for (i, j), v in sample_links.items()})
    edges = claim_edges([paragraphs[m] for m, _ in chosen], sample, sample_links, t.support)
    totals: dict[tuple[int, int], float] = defaultdict(float)
    for (a, b), score in edges.items():
        u, v = sorted((unit_of[a], unit_of[b]))
        totals[(u, v)] += score
    shown = Counter(unit_of)
    unit_edges = {(u, v): total / (shown[u] * shown[v]) for (u, v), total in sorted(totals.items())}
    as_paragraphs = [Paragraph(Member(str(block_of[u]), u), 0.0) for u in range(len(units))]
    rows = []
    merged = _merge(as_paragraphs, unit_edges, t, bridging=False)
    for joined in fill_gaps(as_paragraphs, merged, unit_edges, t, bridging=False):
        parts = [units[u] for u in joined.members]
        inner = math.fsum(part.inner for part in parts) + math.fsum(
            unit_edges.get((u, v), 0.0) * len(units[u].members) * len(units[v].members)
            for u, v in itertools.combinations(sorted(joined.members), 2)
        )
        members = [m for part in parts for m in part.members]
        rows.append(_Group(members, sum((part.sources for part in parts), Counter()), inner))
    clusters = _finish(paragraphs, rows)
    return cluster_links(Evidence(list(paragraphs), list(claims), links, {}), clusters)


def align(
    sources: Sequence[Source], lexicon: Lexicon, t: Thresholds = THRESHOLDS
) -> tuple[Cluster, ...]:
    """Clusters of the paragraphs of the ok `sources` that report the same thing.

    Every paragraph of every ok source is in exactly one cluster. A cluster's score is the
    mean edge (0..1) over its cross-source paragraph pairs, a pair with no edge counting 0:
    how strongly its members agree. A single paragraph scores 1.0.
    """
    paragraphs, claims = read(sources, lexicon)
    weights, particulars = claim_weights(claims, t)
    blocks = source_blocks(paragraphs, t.block)
    if len(blocks) > 1:
        clusters = align_in_blocks(paragraphs, claims, weights, particulars, blocks, t)
    else:
        evidence = evidence_of(paragraphs, claims, weights, particulars, t)
        clusters = cluster_links(evidence, cluster(evidence.paragraphs, evidence.edges, t))
    return place_headlines(sources, lexicon, claims, weights, particulars, clusters, t)


def headline_claims(sources: Sequence[Source], lexicon: Lexicon) -> list[Claim]:
    """The claims of the ok sources' headlines, in source order, each of paragraph
    `HEADLINE`: a headline is read like a paragraph, but is none."""
    out: list[Claim] = []
    titled = sorted((s for s in sources if s.ok and s.title.strip()), key=lambda s: s.id)
    sides = event_sides([s for s in sources if s.ok], lexicon)
    for source in titled:
        member = Member(source.id, HEADLINE)
        out.extend(read_claims(member, source.title, term_fields(source.title, lexicon), sides))
    return out


def place_headlines(
    sources: Sequence[Source],
    lexicon: Lexicon,
    claims: Sequence[Claim],
    weights: Weights,
    particulars: frozenset[str],
    clusters: Sequence[Cluster],
    t: Thresholds = THRESHOLDS,
) -> tuple[Cluster, ...]:
    """The clusters, each with the sources whose headline reports what its row reports.

    A headline is a unit of its own: the rows are made without it (a terse headline that
    shares the event's particulars with every lead must not weld their rows), and then each
    headline joins the row its claims link to best, by the same claim links as paragraphs
    (the event's weights and particulars; a word only headlines use weighs nothing) and the
    same average link: its best link to each member of another source, summed over the
    row's members of other sources, over their number. Below `t.link` it joins none. So the
    reader sees which headline tells the row's fact, and a detector can compare the
    headlines of one row. Only the paragraphs that share a particular with some headline
    are scored, so this costs a fraction of the alignment.
    """
    heads = headline_claims(sources, lexicon)
    if not heads or not clusters:
        return tuple(clusters)
    postings: dict[str, list[int]] = defaultdict(list)
    for k, head in enumerate(heads):
        for term in head.terms & particulars:
            if weights[term]:
                postings[term].append(k)
    keys = frozenset(postings)
    found: set[tuple[int, int]] = set()  # (claim, headline claim) sharing a particular
    for i, claim in enumerate(claims):
        if claim.terms.isdisjoint(keys):
            continue
        source = claim.member.source
        for term in claim.terms & keys:
            found.update((i, k) for k in postings[term] if heads[k].member.source != source)
    # Whole paragraphs, so that a claim naming no place takes its paragraph's (`claim_places`).
    wanted = {claims[i].member for i, _ in found}
    kept = [i for i, claim in enumerate(claims) if claim.member in wanted]
    local = {i: n for n, i in enumerate(kept)}
    every = [claims[i] for i in kept] + heads
    pairs = sorted((local[i], len(kept) + k) for i, k in found)
    known = dict(weights)
    known.update({term: 0.0 for head in heads for term in head.terms if term not in weights})
    links = link_claims(every, known, particulars, t, lambda *_: pairs)
    best: dict[tuple[str, Member], float] = {}  # (headline source, paragraph) -> best link
    for (i, h), score in links.items():
        key = (every[h].member.source, every[i].member)
        best[key] = max(best.get(key, 0.0), score)
    home = {m: n for n, c in enumerate(clusters) for m in c.members}
    totals: dict[tuple[str, int], list[float]] = defaultdict(list)
    for (source, member), score in sorted(best.items()):
        totals[(source, home[member])].append(score)
    row: dict[str, tuple[float, int]] = {}  # headline source -> (-link, cluster index)
    for (source, n), scores in totals.items():
        others = sum(1 for m in clusters[n].members if m.source != source)
        link = math.fsum(scores) / others
        if link >= t.link and (-link, n) < row.get(source, (0.0, 0)):
            row[source] = (-link, n)
    held: dict[int, list[str]] = defaultdict(list)
    for source, (_, n) in sorted(row.items()):
        held[n].append(source)
    return tuple(
        replace(c, headlines=tuple(held[n])) if n in held else c for n, c in enumerate(clusters)
    )
