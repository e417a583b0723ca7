"""Why gold pairs of the real corpus that have evidence still end on different rows.

For every event of `../shared/corpus/raw` (read at run time, never copied), the gold fact
pairs are located with the reference scorer's own `Report.locate` (`../shared/tools/
real_eval.py`, imported by path), the aligner's evidence is gathered as `align` gathers it
(`tui.analysis.align.gather_evidence`), and each gold pair of different sources that is not
on one row is given one reason:

- `no edge`: no claim link between the two paragraphs at all;
- `weak edge`: an edge below `Thresholds.link`, which can neither make nor grow a row;
- `diluted`: an edge at `link` or more, but one of the two is alone and its mean edge to the
  other's row (a missing pair counting 0, as in average link) is below `link`;
- `pulled away`: an edge at `link` or more, both on rows of several paragraphs (each pulled
  there by stronger edges: the paragraph tells another fact too, or the row is another
  fact's), and the mean edge between the two rows is below `link`;
- `rule`: the mean edge would allow the merge, but the same-source or two-paragraph rule
  (`_bridged`, `_held_by_several`) kept them apart;
- `block`: the two paragraphs were aligned in different blocks of sources.

For the pairs with no edge, `unlinked` says which condition of the claim links kept every
claim pair of the two paragraphs apart (no shared particular, a score below `claim`, ...).

`--loeo` checks the merge threshold leave one event out: for each event, the `link` with the
best pooled pair F1 on the other five (pair recall against pair precision among gold-fact
paragraphs) and its figures on the held-out event, next to the default's.

`--order` and `--gate` (round 8) measure two mechanisms for the edges below `link`, against
the real events and the three guard events of `benchmarks/align_speed.py --gold` (the
synthetic 30 x 100 event, the demo, Shushi): whether the two articles' strong links bracket
a weak edge in one order in both (`bracket`), and a gate from features of the pair that are
no words of any event (`pair_features`), fitted on five events and scored on the sixth.

    python -m benchmarks.align_diagnose [--corpus DIR] [--event S] [--loeo | --order | --gate]

Also prints each event's alignment figures as the scorer computes them (on a report made of
the rows alone), and the same with the gold pairs fed as edges to the same clustering (the
ceiling of a paragraph partition). Exits 2 when the corpus or the scorer is missing.

Round 8 (six events; benchmarks/README.md, Alignment, has the whole account): neither holds
out. Of the 39 weak gold edges among gold-fact paragraphs none is bracketed at both ends (3
of the 61 others are), 24 cross the nearest strong links; the gold pairs of two articles keep
one order 76 times and cross 66 (ties 101). The gate's held-out AUC is 0.469 (the claim link
score alone 0.593); held out it changes nothing with the guards (52/7), and without them gives
58/15. A perfect gate would reach 60/7 at `link`, 73/9 with edges of 1.

Round 6 (two shared terms besides the words of saying and the speaker): 52 together, 67
with no edge (32 sharing no particular, 22 linking below `claim`, 3 sharing two terms only
with saying or the speaker, 4 naming other places, 7 sharing fewer than two terms), 36 with
a weak edge, 4 diluted, 19 pulled away; pair precision 52/59.

With gap filling (round 5): 52 together, 66 with no edge (34 sharing no particular, 22
linking below `claim`, 4 naming other places, 7 sharing fewer than two terms), 37 with a weak
edge, 4 diluted, 19 pulled away.

Measured (issue 8, round 4; six events, 178 gold pairs): 47 together, 67 with no edge, 37
with a weak edge, 8 diluted, 19 pulled away, 0 kept apart by a rule, 0 by a block. Gold as
edges reaches 133/178 at pair precision 133/163. The 27 pairs with an edge at `link` or
more join rows whose merging would bring in 33 gold pairs and 28 false ones among gold-fact
paragraphs (the rows are other facts' rows: a paragraph that tells two facts sits level with
one of them), and among gold-fact paragraphs the band below `link` holds 40 gold edges and
64 others. So the loss is in the
evidence, not the row building: every rule tried, with its setting chosen on five events and
scored on the sixth (pooled pair F1), gains gold pairs only at about one false pair each
(held-out totals against the default's 47 pairs, 9 false):

- the merge threshold `link` 0.30-0.50 (`--loeo`): 48 pairs, 14 false;
- a pair with no edge counting -0.5..+0.2 in the average link, with `link` 0.30-0.44: 61
  pairs, 23 false;
- a lone paragraph joining the row of its strongest edge when the two are each other's best
  match across their sources (edge 0.25-0.50, mean to the row 0-0.3): 51 pairs, 16 false;
- after merging, moving a paragraph to the row it has the most mean or total evidence with
  (margins 0-0.3): 46 pairs, 16 false.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import itertools
import math
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

import yaml

from benchmarks.align_speed import gold_scores, labelled_events
from benchmarks.real_corpus import DEFAULT_CORPUS, SCORER, alignment_line, load_scorer
from benchmarks.synthetic import LabelledEvent
from tui.analysis.align import (
    THRESHOLDS,
    Edges,
    Paragraph,
    Thresholds,
    Weights,
    align,
    claim_edges,
    claim_weights,
    cluster,
    gather_evidence,
    link_claims,
    source_blocks,
)
from tui.analysis.claims import ACT_TERM, COUNT_PREFIX, NAME_PREFIX, TIME_PREFIX, WHO_TERMS, Claim
from tui.analysis.normalise import NAME_PREFIX as PLACE_PREFIX
from tui.config.load import bundled_config_path, load_config
from tui.ingest.options import FetchOptions
from tui.model import Cluster, Lexicon, Member, Source
from tui.pipeline import gather_sources

Pair = tuple[Member, Member]
# What a shared term's first characters say it is: a figure's kind, the act of attack, a
# time, a name, a lexicon place (`pair_features`).
SIGNATURE_KINDS = (COUNT_PREFIX, ACT_TERM, TIME_PREFIX, NAME_PREFIX, PLACE_PREFIX)


@dataclass(frozen=True)
class RealEvent:
    """One event of the corpus as the aligner and the scorer see it."""

    annotations: dict
    sources: tuple[Source, ...]
    lexicon: Lexicon


def load_events(scorer: ModuleType, corpus: Path, config: Path, only: str = "") -> list[RealEvent]:
    """Every event of `corpus` with facts, its sources read offline from the scorer's pages."""
    base = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    events = []
    with tempfile.TemporaryDirectory(prefix="parallax-align-diagnose-") as tmp:
        work = Path(tmp)
        for ev_dir in sorted(p for p in corpus.iterdir() if (p / "event.json").is_file()):
            if only not in ev_dir.name:
                continue
            ev, config_path = scorer.build_event(ev_dir, base, work)
            if not ev.get("facts"):
                continue
            loaded = load_config(config_path)
            options = FetchOptions(offline=True, cache_dir=work / "cache")
            sources = asyncio.run(gather_sources(loaded, loaded.event(ev["id"]), options))
            events.append(RealEvent(ev, tuple(sources), loaded.lexicon))
    return events


def report_of(sources: Sequence[Source], clusters: Sequence[Cluster]) -> dict:
    """The part of a JSON report the scorer's alignment figures read: texts and rows."""
    return {
        "sources": [
            {
                "id": s.id,
                "side": s.outlet.side,
                "status": s.status,
                "paragraphs": list(s.paragraphs),
            }
            for s in sources
        ],
        "clusters": [
            {
                "id": c.id,
                "members": [{"source": m.source, "paragraph": m.paragraph} for m in c.members],
            }
            for c in clusters
        ],
    }


def gold_pairs(scorer: ModuleType, event: RealEvent) -> set[Pair]:
    """The gold cross-source paragraph pairs, located as the scorer locates them."""
    report = scorer.Report(report_of(event.sources, ()))
    pairs: set[Pair] = set()
    for fact in event.annotations["facts"]:
        located = set()
        for m in fact.get("members", []):
            found = report.locate(m["article"], m["phrase"])
            if found:
                located.add(Member(m["article"], found[0][0]))
        pairs |= {
            (a, b) for a, b in itertools.combinations(sorted(located), 2) if a.source != b.source
        }
    return pairs


def figures(scorer: ModuleType, event: RealEvent, clusters: Sequence[Cluster]) -> Counter:
    """The scorer's alignment counts for these rows."""
    scored = scorer.score_alignment(
        event.annotations, scorer.Report(report_of(event.sources, clusters))
    )
    return Counter({k: v for k, v in scored.items() if isinstance(v, int)})


def reason(
    a: int,
    b: int,
    edges: Edges,
    rows: Sequence[Sequence[int]],
    row_of: Sequence[int],
    sources: Sequence[str],
    t: Thresholds = THRESHOLDS,
) -> str:
    """Why paragraphs `a` and `b` (indices into `sources`, the source of each paragraph),
    with gold between them, sit on the different rows `rows[row_of[a]]` and
    `rows[row_of[b]]` (module docstring)."""

    def edge(i: int, j: int) -> float:
        return edges.get((min(i, j), max(i, j)), 0.0)

    if (min(a, b), max(a, b)) not in edges:
        return "no edge"
    if edge(a, b) < t.link:
        return "weak edge"
    ra, rb = rows[row_of[a]], rows[row_of[b]]
    cross = [(i, j) for i in ra for j in rb if sources[i] != sources[j]]
    if math.fsum(edge(i, j) for i, j in cross) >= t.link * len(cross):
        return "rule"
    if len(ra) == 1 or len(rb) == 1:
        return "diluted"
    return "pulled away"


def unlinked(
    first: Sequence[Claim],
    second: Sequence[Claim],
    weights: Weights,
    particulars: frozenset[str],
    t: Thresholds = THRESHOLDS,
) -> str:
    """Why no claim of one paragraph (`first`) links a claim of the other (`second`): the
    first of `link_claims`'s conditions that, lifted, would let some pair of them link.

    - `below claim`: some pair passes every condition but scores below `Thresholds.claim`;
    - `no particular`: some pair would link if any shared term could be its particular;
    - `attackers`: some pair would link but for naming opposite sides as the attacker;
    - `saying`: some pair shares two terms, but not two besides the words of saying or
      besides the speaker (`WHO_TERMS`, `Claim.speaker`), as `link_claims` asks;
    - `places`: some pair shares two terms but names other places of the lexicon;
    - `one term`: no pair shares two terms (of any weight).

    Each is asked of `link_claims` itself, with the condition lifted, so that the answer is
    the aligner's and the conditions are written once.
    """
    claims = [*first, *second]
    pairs = [(i, len(first) + j) for i in range(len(first)) for j in range(len(second))]

    def links(cs: Sequence[Claim], p: frozenset[str]) -> bool:
        return bool(link_claims(cs, weights, p, replace(t, claim=0.0), lambda *_: pairs))

    anything = frozenset(weights)
    if links(claims, particulars):
        return "below claim"
    if links(claims, anything):
        return "no particular"
    if links([replace(c, agent="") for c in claims], anything):
        return "attackers"
    if any(_only_saying(a, b, t.min_shared) for a in first for b in second):
        return "saying"
    if any(len(a.terms & b.terms) >= t.min_shared for a in first for b in second):
        return "places"
    return "one term"


def _only_saying(a: Claim, b: Claim, least: int) -> bool:
    """Whether two claims share `least` terms, but not besides the words of saying or the
    speaker (the condition of `link_claims` that no lifted threshold can show)."""
    shared = a.terms & b.terms
    return len(shared) >= least and (
        len(shared - WHO_TERMS) < least or len(shared - a.speaker - b.speaker) < least
    )


UNLINKED = ("below claim", "no particular", "attackers", "saying", "places", "one term")


def unlinked_causes(event: RealEvent, gold: set[Pair], t: Thresholds = THRESHOLDS) -> Counter:
    """`unlinked` for every gold pair of paragraphs with no edge at all."""
    evidence = gather_evidence(event.sources, event.lexicon, t)
    weights, particulars = claim_weights(evidence.claims, t)
    by_member: dict[Member, list[Claim]] = {}
    for claim in evidence.claims:
        by_member.setdefault(claim.member, []).append(claim)
    index = {p.member: n for n, p in enumerate(evidence.paragraphs)}
    out: Counter = Counter()
    for x, y in sorted(gold):
        if tuple(sorted((index[x], index[y]))) in evidence.edges:
            continue
        first, second = by_member.get(x, []), by_member.get(y, [])
        out[
            unlinked(first, second, weights, particulars, t) if first and second else "one term"
        ] += 1
    return out


def diagnose(event: RealEvent, gold: set[Pair], t: Thresholds = THRESHOLDS) -> Counter:
    """The reason of every gold pair not on one row (module docstring), `together`, and the
    edges below `link` between two paragraphs that hold gold facts, gold or not (`weak
    gold`, `weak other`): what lowering the threshold would take in."""
    evidence = gather_evidence(event.sources, event.lexicon, t)
    members = [p.member for p in evidence.paragraphs]
    index = {m: n for n, m in enumerate(members)}
    clusters = align(event.sources, event.lexicon, t)
    rows = [[index[m] for m in c.members] for c in clusters]
    row_of = [0] * len(members)
    for n, row in enumerate(rows):
        for i in row:
            row_of[i] = n
    sources = [m.source for m in members]
    block = {}
    for number, (start, end) in enumerate(source_blocks(evidence.paragraphs, t.block)):
        block.update({n: number for n in range(start, end)})
    out: Counter = Counter()
    held = {index[m] for pair in gold for m in pair}
    pairs = {(min(index[x], index[y]), max(index[x], index[y])) for x, y in gold}
    for pair, score in evidence.edges.items():
        if score < t.link and set(pair) <= held:
            out["weak gold" if pair in pairs else "weak other"] += 1
    for x, y in sorted(gold):
        a, b = index[x], index[y]
        if row_of[a] == row_of[b]:
            out["together"] += 1
        elif block[a] != block[b]:
            out["block"] += 1
        else:
            out[reason(a, b, evidence.edges, rows, row_of, sources, t)] += 1
    return out


def gold_ceiling(event: RealEvent, gold: set[Pair]) -> tuple[Cluster, ...]:
    """The rows `cluster` makes with the gold pairs as edges of 1."""
    evidence = gather_evidence(event.sources, event.lexicon)
    index = {p.member: n for n, p in enumerate(evidence.paragraphs)}
    edges = {tuple(sorted((index[a], index[b]))): 1.0 for a, b in gold}
    return cluster(evidence.paragraphs, dict(sorted(edges.items())))


REASONS = ("together", "no edge", "weak edge", "diluted", "pulled away", "rule", "block")
LINKS = tuple(round(0.30 + 0.02 * k, 2) for k in range(11))


def pair_f1(counts: Sequence[Counter]) -> float:
    """Pooled F1 of pair recall and pair precision among gold-fact paragraphs."""
    tp = sum(c["tp"] for c in counts)
    gold = sum(c["gold_pairs"] + c["lost_pairs"] for c in counts)
    tool = sum(c["tool_pairs_in_gold_paras"] for c in counts)
    return 2 * tp / (gold + tool) if gold + tool else 0.0


def leave_one_out(scorer: ModuleType, events: Sequence[RealEvent]) -> None:
    """For each event, the `link` chosen on the other five and its figures on this one."""
    scored = {
        link: [
            figures(scorer, ev, align(ev.sources, ev.lexicon, replace(THRESHOLDS, link=link)))
            for ev in events
        ]
        for link in LINKS
    }
    default = [figures(scorer, ev, align(ev.sources, ev.lexicon)) for ev in events]
    for k, event in enumerate(events):
        rest = [n for n in range(len(events)) if n != k]
        link = max(LINKS, key=lambda x: (pair_f1([scored[x][n] for n in rest]), -abs(x - 0.4)))
        got, was = scored[link][k], default[k]
        print(
            f"{event.annotations['id']}: link {link:.2f} -> pairs {got['tp']}, false "
            f"{got['tool_pairs_in_gold_paras'] - got['tp']} (default {THRESHOLDS.link:.2f}: "
            f"pairs {was['tp']}, false {was['tool_pairs_in_gold_paras'] - was['tp']}; "
            f"gold {was['gold_pairs'] + was['lost_pairs']})"
        )


# Round 8: two mechanisms for the edges below `link`, measured (`--order`, `--gate`).


@dataclass(frozen=True)
class Study:
    """One event's evidence below the rows, to re-cluster with changed edges.

    `low` are the paragraph edges of every claim link, those scoring below `Thresholds.claim`
    too (`low_links`); `gold` the gold pairs as paragraph index pairs (none for the labelled
    guard events) and `held` the paragraphs that hold a gold fact. `score` gives the rows'
    figures: gold pairs and false pairs among gold-fact paragraphs for a real event, pairwise
    precision and recall for a guard.
    """

    name: str
    paragraphs: list[Paragraph]
    claims: list[Claim]
    edges: Edges
    low: Edges
    low_links: Edges
    gold: frozenset[tuple[int, int]]
    held: frozenset[int]
    sides: list[str]  # each paragraph's source's side
    score: Callable[[Sequence[Cluster]], tuple[float, float]]


def study(
    name: str,
    sources: Sequence[Source],
    lexicon: Lexicon,
    gold: set[Pair],
    score: Callable[[Sequence[Cluster]], tuple[float, float]],
    t: Thresholds = THRESHOLDS,
) -> Study:
    """The evidence `align` gathers for an event, plus the claim links below `t.claim`."""
    evidence = gather_evidence(sources, lexicon, t)
    weights, particulars = claim_weights(evidence.claims, t)
    low_links = link_claims(evidence.claims, weights, particulars, replace(t, claim=0.0))
    low = claim_edges(evidence.paragraphs, evidence.claims, low_links, t.support)
    index = {p.member: n for n, p in enumerate(evidence.paragraphs)}
    pairs = frozenset((min(index[a], index[b]), max(index[a], index[b])) for a, b in gold)
    held = frozenset(i for pair in pairs for i in pair)
    side = {source.id: source.side for source in sources}
    sides = [side[p.member.source] for p in evidence.paragraphs]
    return Study(
        name,
        evidence.paragraphs,
        evidence.claims,
        evidence.edges,
        low,
        low_links,
        pairs,
        held,
        sides,
        score,
    )


def studies(scorer: ModuleType, events: Sequence[RealEvent]) -> list[Study]:
    """The real events as studies, scored by the reference scorer."""

    def scored(event: RealEvent) -> Callable[[Sequence[Cluster]], tuple[float, float]]:
        def score(clusters: Sequence[Cluster]) -> tuple[float, float]:
            got = figures(scorer, event, clusters)
            return got["tp"], got["tool_pairs_in_gold_paras"] - got["tp"]

        return score

    return [
        study(e.annotations["id"], e.sources, e.lexicon, gold_pairs(scorer, e), scored(e))
        for e in events
    ]


def guard_studies() -> list[Study]:
    """The synthetic 30 x 100 event and the two hand-labelled ones (`align_speed --gold`)."""

    def scored(event: LabelledEvent) -> Callable[[Sequence[Cluster]], tuple[float, float]]:
        return lambda clusters: gold_scores(event, clusters)[:2]

    return [
        study(name, e.sources, e.lexicon, set(), scored(e))
        for name, e in labelled_events(30, 100, 0)
    ]


def rows_with(
    s: Study, raised: Iterable[tuple[int, int]], value: float = THRESHOLDS.link
) -> tuple[float, float]:
    """`s.score` of the rows `cluster` makes when each pair of `raised` gets an edge of at
    least `value` (the aligner's edges otherwise)."""
    edges = dict(s.edges)
    for pair in raised:
        edges[pair] = max(edges.get(pair, 0.0), value)
    return s.score(cluster(s.paragraphs, dict(sorted(edges.items()))))


Anchors = dict[tuple[str, str], list[tuple[int, int]]]


def anchors(paragraphs: Sequence[Paragraph], edges: Edges, floor: float) -> Anchors:
    """For each pair of sources, the paragraph numbers (x in the first, y in the second) of
    their edges of `floor` or more: the strong links two articles' orders can be read by."""
    out: Anchors = defaultdict(list)
    for (a, b), score in sorted(edges.items()):
        if score >= floor:
            x, y = paragraphs[a].member, paragraphs[b].member
            out[(x.source, y.source)].append((x.paragraph, y.paragraph))
    return out


def bracket(pairs: Sequence[tuple[int, int]], x: int, y: int) -> str:
    """How the anchors `pairs` of two articles place paragraph `x` of the first against `y`
    of the second: `both` when the nearest anchor before and after `x` in the first article,
    and before and after `y` in the second, all lie on the same side of the pair in the
    other article too (a monotone bracket, both ends); `one` when they agree but one end is
    missing (the pair comes before every anchor or after); `conflict` when some nearest
    anchor crosses the pair; `none` without anchors. Anchors on `x` or on `y` are left out
    (they are the paragraph's own strong links)."""
    others = [(ax, ay) for ax, ay in pairs if ax != x and ay != y]
    if not others:
        return "none"
    ends = []
    for mine, theirs, at, other in ((0, 1, x, y), (1, 0, y, x)):
        before = [a for a in others if a[mine] < at]
        after = [a for a in others if a[mine] > at]
        if before:
            nearest = max(a[mine] for a in before)
            ends.append(all(a[theirs] < other for a in before if a[mine] == nearest))
        if after:
            nearest = min(a[mine] for a in after)
            ends.append(all(a[theirs] > other for a in after if a[mine] == nearest))
    if not all(ends):
        return "conflict"
    return "both" if len(ends) == 4 else "one"


def against(pairs: Iterable[tuple[int, int]], x: int, y: int) -> Counter:
    """How many pairs of paragraph numbers of two articles keep the order of (x, y)
    (`concordant`), cross it (`discordant`) or share a paragraph with it (`tie`)."""
    out: Counter = Counter()
    for ax, ay in pairs:
        if ax == x or ay == y:
            out["tie"] += 1
        else:
            out["concordant" if (ax - x) * (ay - y) > 0 else "discordant"] += 1
    return out


def concordance(pairs: Sequence[tuple[int, int]]) -> Counter:
    """`against`, for the pairs of paragraph numbers of two articles two by two."""
    out: Counter = Counter()
    for k, (x, y) in enumerate(pairs):
        out += against(pairs[k + 1 :], x, y)
    return out


BRACKETS = ("both", "one", "conflict", "none")
ORDER_KINDS = ("in order", "mixed", "out of order", "no anchors")


def order_kind(order: Counter) -> str:
    """Of `ORDER_KINDS`, what `against` found: every anchor keeps the pair's order, more
    cross it than keep it, no anchor (ties aside), or some of both."""
    if not order["concordant"] and not order["discordant"]:
        return "no anchors"
    if not order["discordant"]:
        return "in order"
    return "out of order" if order["discordant"] > order["concordant"] else "mixed"


def bracketed(s: Study, kinds: Iterable[str], t: Thresholds = THRESHOLDS) -> list[tuple[int, int]]:
    """The edges below `t.link` whose bracket by the edges of `t.link` or more is one of `kinds`."""
    strong = anchors(s.paragraphs, s.edges, t.link)
    out = []
    for pair, score in s.edges.items():
        x, y = (s.paragraphs[i].member for i in pair)
        if (
            score < t.link
            and bracket(strong[(x.source, y.source)], x.paragraph, y.paragraph) in kinds
        ):
            out.append(pair)
    return out


def order_report(
    real: Sequence[Study], guards: Sequence[Study], t: Thresholds = THRESHOLDS
) -> None:
    """(a) Order beyond immediate neighbours: the brackets of the weak edges among gold-fact
    paragraphs, gold or not, and their order against every anchor (`order_kind`); whether
    the gold pairs of two articles keep one order; and the figures when the bracketed weak
    edges are raised to `t.link`."""
    kinds: Counter = Counter()
    order: Counter = Counter()
    for s in real:
        strong = anchors(s.paragraphs, s.edges, t.link)
        for pair, score in s.edges.items():
            if score < t.link and set(pair) <= s.held:
                x, y = (s.paragraphs[i].member for i in pair)
                found = strong[(x.source, y.source)]
                kinds[(pair in s.gold, bracket(found, x.paragraph, y.paragraph))] += 1
                kinds[(pair in s.gold, order_kind(against(found, x.paragraph, y.paragraph)))] += 1
        by_sources: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for pair in sorted(s.gold):
            x, y = (s.paragraphs[i].member for i in pair)
            by_sources[(x.source, y.source)].append((x.paragraph, y.paragraph))
        for found in by_sources.values():
            order += concordance(found)
    for gold in (True, False):
        print(
            f"weak {'gold' if gold else 'other'} edges: "
            + ", ".join(f"{k} {kinds[(gold, k)]}" for k in BRACKETS)
            + "; against every anchor: "
            + ", ".join(f"{k} {kinds[(gold, k)]}" for k in ORDER_KINDS)
        )
    print(
        "gold pairs of two articles, two by two: "
        + ", ".join(f"{k} {order[k]}" for k in ("concordant", "discordant", "tie"))
    )
    for chosen in (("both",), ("both", "one")):
        print(
            f"raised to link, {' or '.join(chosen)}: "
            + lifted_line(real, guards, functools.partial(bracketed, kinds=chosen, t=t))
        )


def lifted_line(
    real: Sequence[Study],
    guards: Sequence[Study],
    choose: Callable[[Study], Iterable[tuple[int, int]]],
    value: float = THRESHOLDS.link,
) -> str:
    """Gold and false pairs over the real events, per event, and the guards' precision, with
    the pairs `choose` picks in each event raised to `value`."""
    got = [rows_with(s, choose(s), value) for s in real]
    per = " ".join(f"{tp:.0f}/{false:.0f}" for tp, false in got)
    shown = " ".join(f"{rows_with(g, choose(g), value)[0]:.3f}" for g in guards)
    return (
        f"pairs {sum(tp for tp, _ in got):.0f}, false {sum(f for _, f in got):.0f} "
        f"(per event {per}); guards' precision {shown}"
    )


def candidates(s: Study, t: Thresholds = THRESHOLDS) -> list[tuple[int, int]]:
    """The paragraph pairs a gate could raise: an edge below `t.link`, or claim links only
    below `t.claim`."""
    weak = {pair for pair, score in s.edges.items() if score < t.link}
    return sorted(weak | (s.low.keys() - s.edges.keys()))


FEATURES = (
    "edge", "low", "second", "links", "count", "act", "time", "name", "place", "opposite",
    "neutral", "ledes", "distance", "later", "mutual", "in order", "out of order",
    "no anchors", "below claim",
)  # fmt: skip


def pair_features(
    s: Study, neutral: frozenset[str], t: Thresholds = THRESHOLDS
) -> dict[tuple[int, int], tuple[float, ...]]:
    """For every candidate pair (`candidates`), the features of `FEATURES`, none of them a
    word of any event: its edge (0 without), its best and second claim link at any score
    and their number (at most 4, over 4); whether the two paragraphs share a figure's kind,
    the act of attack, a time, a name, a lexicon place; whether they are of opposite sides
    or one is `neutral`; both ledes; their distance in relative position and the later
    one's; whether each is the other's best link in the other's source (mutual best);
    whether the strong edges of the two articles all keep the pair's order, mostly cross
    it, or are none; and whether it links only below `t.claim`."""
    index = {p.member: n for n, p in enumerate(s.paragraphs)}
    owner = [index[c.member] for c in s.claims]
    scores: dict[tuple[int, int], list[float]] = defaultdict(list)
    for (i, j), score in s.low_links.items():
        scores[(min(owner[i], owner[j]), max(owner[i], owner[j]))].append(score)
    terms: dict[int, set[str]] = defaultdict(set)
    for claim, n in zip(s.claims, owner, strict=True):
        terms[n] |= claim.terms
    best: dict[tuple[int, str], tuple[float, int]] = {}  # (paragraph, other source) -> best
    for (a, b), score in sorted(s.low.items()):
        for mine, theirs in ((a, b), (b, a)):
            key = (mine, s.paragraphs[theirs].member.source)
            if score > best.get(key, (0.0, -1))[0]:
                best[key] = (score, theirs)
    strong = anchors(s.paragraphs, s.edges, t.link)
    out = {}
    for a, b in candidates(s, t):
        x, y = s.paragraphs[a].member, s.paragraphs[b].member
        links = sorted(scores[(a, b)], reverse=True)
        shared = terms[a] & terms[b]
        sides = (s.sides[a], s.sides[b])
        order = order_kind(against(strong[(x.source, y.source)], x.paragraph, y.paragraph))
        out[(a, b)] = (
            s.edges.get((a, b), 0.0),
            s.low.get((a, b), 0.0),
            links[1] if len(links) > 1 else 0.0,
            min(len(links), 4) / 4,
            *(float(any(term.startswith(k) for term in shared)) for k in SIGNATURE_KINDS),
            float(sides[0] != sides[1] and not set(sides) & neutral),
            float(bool(set(sides) & neutral)),
            float(x.paragraph == 0 and y.paragraph == 0),
            abs(s.paragraphs[a].position - s.paragraphs[b].position),
            max(s.paragraphs[a].position, s.paragraphs[b].position),
            float(
                best.get((a, y.source), (0.0, -1))[1] == b
                and best.get((b, x.source), (0.0, -1))[1] == a
            ),
            *(float(order == kind) for kind in ("in order", "out of order", "no anchors")),
            float((a, b) not in s.edges),
        )
    return out


def fit_logistic(
    rows: Sequence[Sequence[float]],
    labels: Sequence[bool],
    l2: float = 1.0,
    steps: int = 400,
    rate: float = 0.5,
) -> Callable[[Sequence[float]], float]:
    """A logistic regression on standardised features by gradient descent (a few hundred
    rows: no library needed), as the probability a row is a gold pair."""
    width = len(rows[0])
    mean = [math.fsum(r[k] for r in rows) / len(rows) for k in range(width)]
    spread = [
        max(1e-6, math.sqrt(math.fsum((r[k] - mean[k]) ** 2 for r in rows) / len(rows)))
        for k in range(width)
    ]

    def scaled(row: Sequence[float]) -> list[float]:
        return [(v - m) / d for v, m, d in zip(row, mean, spread, strict=True)]

    data = [scaled(r) for r in rows]
    weights, bias = [0.0] * width, 0.0

    def probability(z: Sequence[float]) -> float:
        s = bias + math.fsum(w * v for w, v in zip(weights, z, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, s))))

    for _ in range(steps):
        errors = [probability(z) - y for z, y in zip(data, labels, strict=True)]
        gradient = [
            (l2 * weights[k] + math.fsum(e * z[k] for e, z in zip(errors, data, strict=True)))
            / len(data)
            for k in range(width)
        ]
        weights = [w - rate * g for w, g in zip(weights, gradient, strict=True)]
        bias -= rate * math.fsum(errors) / len(data)
    return lambda row: probability(scaled(row))


def auc(scored: Sequence[tuple[float, bool]]) -> float:
    """The chance a gold pair scores above another pair (ties count half): 0.5 is chance."""
    gold = [v for v, g in scored if g]
    other = [v for v, g in scored if not g]
    if not gold or not other:
        return 0.5
    wins = sum((g > o) + 0.5 * (g == o) for g in gold for o in other)
    return wins / (len(gold) * len(other))


GATES = (0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def gate_report(
    real: Sequence[Study],
    guards: Sequence[Study],
    neutral: frozenset[str],
    value: float = THRESHOLDS.link,
    slack: float = 0.02,
) -> None:
    """(b) A gate on the candidate pairs from features that are no words (`pair_features`):
    how each feature alone ranks gold pairs among gold-fact paragraphs (AUC); then, leave one
    event out, a logistic fit on five events, its ranking of the sixth's pairs, and the
    sixth's figures with the pairs it passes raised to `value`, the gate's threshold chosen
    on the five by pooled pair F1 among those that keep every guard's precision within
    `slack` of today's (none: the gate is off), and without that guard; last, a perfect gate
    (the gold candidates raised) as the ceiling of the mechanism."""
    found = {s.name: pair_features(s, neutral) for s in [*real, *guards]}
    pooled = [
        (f, pair in s.gold)
        for s in real
        for pair, f in found[s.name].items()
        if set(pair) <= s.held
    ]
    print(
        f"candidates among gold-fact paragraphs: {sum(g for _, g in pooled)} gold of {len(pooled)}"
    )
    print(
        "each feature alone, AUC: "
        + ", ".join(
            f"{name} {auc([(f[k], g) for f, g in pooled]):.3f}" for k, name in enumerate(FEATURES)
        )
    )
    today = {s.name: s.score(cluster(s.paragraphs, s.edges)) for s in [*real, *guards]}

    def chosen(
        s: Study, gate: Callable[[Sequence[float]], float], least: float
    ) -> list[tuple[int, int]]:
        return [pair for pair, f in found[s.name].items() if gate(f) >= least]

    held_out: list[tuple[float, bool]] = []
    totals: dict[str, list[float]] = {"guarded": [0.0, 0.0], "unguarded": [0.0, 0.0]}
    for out in real:
        rest = [s for s in real if s is not out]
        training = [(f, pair in s.gold) for s in rest for pair, f in found[s.name].items()]
        gate = fit_logistic([f for f, _ in training], [g for _, g in training])
        held_out += [
            (gate(f), pair in out.gold)
            for pair, f in found[out.name].items()
            if set(pair) <= out.held
        ]
        base = pair_f1_of([today[s.name] for s in rest], rest)
        picks = {"guarded": (base, None), "unguarded": (base, None)}
        for least in GATES:
            f1 = pair_f1_of([rows_with(s, chosen(s, gate, least), value) for s in rest], rest)
            safe = all(
                rows_with(g, chosen(g, gate, least), value)[0] >= today[g.name][0] - slack
                for g in guards
            )
            for kind in ("guarded", "unguarded") if safe else ("unguarded",):
                if f1 > picks[kind][0]:
                    picks[kind] = (f1, least)
        line = []
        for kind, (_, least) in picks.items():
            got = (
                today[out.name]
                if least is None
                else rows_with(out, chosen(out, gate, least), value)
            )
            totals[kind][0] += got[0]
            totals[kind][1] += got[1]
            line.append(f"{kind} gate {least} -> {got[0]:.0f}/{got[1]:.0f}")
        print(
            f"  {out.name}: today {today[out.name][0]:.0f}/{today[out.name][1]:.0f}; "
            + "; ".join(line)
        )
    print(f"held out: the fitted gate's AUC {auc(held_out):.3f} among gold-fact paragraphs' pairs")
    now = [sum(today[s.name][k] for s in real) for k in (0, 1)]
    print(
        f"held out, gold/false pairs: today {now[0]:.0f}/{now[1]:.0f}, "
        + ", ".join(f"{kind} {tp:.0f}/{false:.0f}" for kind, (tp, false) in totals.items())
    )
    for ceiling in (value, 0.6, 0.7, 1.0):
        print(
            f"perfect gate, gold candidates raised to {ceiling}: "
            + lifted_line(
                real, guards, lambda s: [p for p in candidates(s) if p in s.gold], ceiling
            )
        )


def pair_f1_of(scores: Sequence[tuple[float, float]], events: Sequence[Study]) -> float:
    """`pair_f1` of gold/false pair counts over the events' gold pairs."""
    tp = math.fsum(tp for tp, _ in scores)
    tool = tp + math.fsum(false for _, false in scores)
    gold = sum(len(s.gold) for s in events)
    return 2 * tp / (gold + tool) if gold + tool else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--config", type=Path, default=bundled_config_path())
    parser.add_argument("--event", default="", help="only events whose id contains this")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--loeo", action="store_true", help="the merge threshold, leave one out")
    mode.add_argument("--order", action="store_true", help="weak edges by the articles' order")
    mode.add_argument("--gate", action="store_true", help="a gate on weak edges, leave one out")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not SCORER.is_file():
        print(f"align_diagnose: no corpus at {args.corpus} or no scorer at {SCORER}")
        return 2
    scorer = load_scorer()
    events = load_events(scorer, args.corpus, args.config, args.event)
    if args.loeo:
        leave_one_out(scorer, events)
        return 0
    if args.order or args.gate:
        real, guards = studies(scorer, events), guard_studies()
        if args.order:
            order_report(real, guards)
        else:
            neutral = frozenset(s.id for s in load_config(args.config).sides if s.neutral)
            gate_report(real, guards, neutral)
        return 0
    total: Counter = Counter()
    total_a: Counter = Counter()
    total_ceiling: Counter = Counter()
    total_causes: Counter = Counter()
    for event in events:
        gold = gold_pairs(scorer, event)
        counts = diagnose(event, gold)
        a = figures(scorer, event, align(event.sources, event.lexicon))
        ceiling = figures(scorer, event, gold_ceiling(event, gold))
        total += counts
        total_a += a
        total_ceiling += ceiling
        print(event.annotations["id"])
        print("  rows:         " + short_line(a))
        print("  gold as edges: " + short_line(ceiling))
        print("  " + ", ".join(f"{k} {counts[k]}" for k in REASONS))
        print(f"  edges below link: {counts['weak gold']} gold, {counts['weak other']} other")
        causes = unlinked_causes(event, gold)
        total_causes += causes
        print("  no edge, because: " + ", ".join(f"{k} {causes[k]}" for k in UNLINKED))
    print("TOTAL")
    print("  rows:         " + short_line(total_a))
    print("  gold as edges: " + short_line(total_ceiling))
    lost = sum(total[k] for k in REASONS)
    print("  " + ", ".join(f"{k} {total[k]}" for k in REASONS) + f" (of {lost})")
    print(f"  edges below link: {total['weak gold']} gold, {total['weak other']} other")
    print("  no edge, because: " + ", ".join(f"{k} {total_causes[k]}" for k in UNLINKED))
    return 0


def short_line(counts: Counter) -> str:
    """`real_corpus.alignment_line` without the count of paragraphs that hold no fact."""
    return alignment_line(counts).rsplit(" (no gold", 1)[0]


if __name__ == "__main__":
    sys.exit(main())
