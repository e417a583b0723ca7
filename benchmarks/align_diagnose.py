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

    python -m benchmarks.align_diagnose [--corpus DIR] [--event SUBSTRING] [--loeo]

Also prints each event's alignment figures as the scorer computes them (on a report made of
the rows alone), and the same with the gold pairs fed as edges to the same clustering (the
ceiling of a paragraph partition). Exits 2 when the corpus or the scorer is missing.

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
import itertools
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

import yaml

from benchmarks.real_corpus import DEFAULT_CORPUS, SCORER, alignment_line, load_scorer
from tui.analysis.align import (
    THRESHOLDS,
    Edges,
    Thresholds,
    Weights,
    align,
    claim_weights,
    cluster,
    gather_evidence,
    link_claims,
    source_blocks,
)
from tui.analysis.claims import WHO_TERMS, Claim
from tui.config.load import bundled_config_path, load_config
from tui.ingest.options import FetchOptions
from tui.model import Cluster, Lexicon, Member, Source
from tui.pipeline import gather_sources

Pair = tuple[Member, Member]


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--config", type=Path, default=bundled_config_path())
    parser.add_argument("--event", default="", help="only events whose id contains this")
    parser.add_argument("--loeo", action="store_true", help="the merge threshold, leave one out")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not SCORER.is_file():
        print(f"align_diagnose: no corpus at {args.corpus} or no scorer at {SCORER}")
        return 2
    scorer = load_scorer()
    events = load_events(scorer, args.corpus, args.config, args.event)
    if args.loeo:
        leave_one_out(scorer, events)
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
