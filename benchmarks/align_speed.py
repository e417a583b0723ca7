"""How fast `tui.analysis.align.align` is, and whether its shortcut changes the answer.

The aligner scores only the pairs of claims that share a particular (`tui.align.
sharing_pairs`, an inverted index over the event's particulars). The baseline here, run in the
same process on the same synthetic event (benchmarks/synthetic.py), scores every pair of
claims of different sources with the same `tui.analysis.align.link_claims` and clusters the
result with the same `tui.analysis.align.cluster`. The script prints both times, their ratio, and
how far the two clusterings agree (co-clustered pairs, identical clusters), plus both against the
generator's ground truth. Timings are CPU seconds, each run as `tui.pipeline.compare` runs
the analysis (`tui.pipeline.analysing`), printed, never asserted: the machine is shared.

    python benchmarks/align_speed.py [--sources 30] [--paragraphs 100] [--seed 0] [--sweep]
    python benchmarks/align_speed.py --gold
    python benchmarks/align_speed.py --scale 10 30 100

`--sweep` scores threshold combinations against the ground truth instead (how the defaults
in tui/analysis/align.py were chosen): the synthetic event's and the two hand-labelled gold events'
(tests/fixtures/align/*_gold.yaml). `--gold` prints the pairwise precision, recall and F1 of
the defaults on each of the three. Neither times anything. `--scale N ...` times align and
diverge on synthetic events of N sources each and prints the growth exponent between them.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from benchmarks.analysis_speed import EVENT_DATE, NEUTRAL, SIDES
from benchmarks.synthetic import LabelledEvent, event_parser, make_event, make_labelled_event
from tui.analysis.align import (
    THRESHOLDS,
    Thresholds,
    Weights,
    align,
    cluster,
    cluster_links,
    gather_evidence,
)
from tui.analysis.claims import Claim
from tui.analysis.diverge import diverge
from tui.config.load import bundled_config_path, load_config
from tui.model import Cluster, Lexicon, Member, Outlet, Source
from tui.pipeline import analysing

Pair = tuple[Member, Member]

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "align"
GOLD_EVENTS = ("demo_gold.yaml", "shushi_gold.yaml")
# What `tui.pipeline.compare` hands diverge, so that the scale table times what a run does.
LABELS = {s.id: s.label for s in SIDES}


def _member(label: str) -> Member:
    source, _, index = label.rpartition(":")
    return Member(source, int(index))


def load_gold(path: Path) -> LabelledEvent:
    """A hand-labelled event: its articles (plain text, blank-line paragraphs) and gold facts.

    The lexicon is the bundled configuration's, as in the demo. Raises ValueError unless every
    paragraph is labelled exactly once, so a stale label cannot pass silently.
    """
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = []
    for source_id, side in spec["sides"].items():
        file = path.parent / spec["directory"] / f"{source_id}.txt"
        blocks = file.read_text(encoding="utf-8").split("\n\n")
        paragraphs = tuple(b.strip() for b in blocks if b.strip())
        outlet = Outlet(source_id, source_id, side)
        sources.append(Source(source_id, outlet, str(file), "ok", paragraphs=paragraphs))
    labelled = [(_member(m), f"g{n}") for n, g in enumerate(spec["groups"]) for m in g["members"]]
    labelled += [(_member(m), m) for m in spec["singletons"]]
    labels = dict(labelled)
    expected = {Member(s.id, i) for s in sources for i in range(len(s.paragraphs))}
    counts = Counter(member for member, _ in labelled)
    problems = {
        "labelled twice": [m for m, n in counts.items() if n > 1],
        "unlabelled": list(expected - labels.keys()),
        "no such paragraph": list(labels.keys() - expected),
    }
    if any(problems.values()):
        found = "; ".join(
            f"{what}: {', '.join(f'{m.source}:{m.paragraph}' for m in sorted(members))}"
            for what, members in problems.items()
            if members
        )
        raise ValueError(f"{path.name}: label every paragraph exactly once ({found})")
    lexicon = load_config(bundled_config_path()).lexicon
    return LabelledEvent(tuple(sources), lexicon, labels)


def all_claim_pairs(
    claims: Sequence[Claim], weights: Weights, particulars: frozenset[str]
) -> Iterable[tuple[int, int]]:
    """Every pair of claims of different sources: what `tui.analysis.align.sharing_pairs` avoids."""
    return (
        (i, j)
        for i, j in itertools.combinations(range(len(claims)), 2)
        if claims[i].member.source != claims[j].member.source
    )


def naive_align(
    sources: Sequence[Source], lexicon: Lexicon, t: Thresholds = THRESHOLDS
) -> tuple[Cluster, ...]:
    """`tui.analysis.align.align` with its candidate step replaced by all pairs."""
    evidence = gather_evidence(sources, lexicon, t, all_claim_pairs)
    return cluster_links(evidence, cluster(evidence.paragraphs, evidence.edges, t))


def co_clustered(groups: Iterable[Iterable[Member]]) -> set[Pair]:
    return {pair for g in groups for pair in itertools.combinations(sorted(g), 2)}


def agreement(found: set[Pair], reference: set[Pair]) -> tuple[float, float]:
    """Pairwise precision and recall of `found` against `reference` (1.0 when both empty)."""
    hits = len(found & reference)
    return (hits / len(found) if found else 1.0, hits / len(reference) if reference else 1.0)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def gold_scores(event: LabelledEvent, clusters: Iterable[Cluster]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of `clusters` against the event's labels."""
    p, r = agreement(
        co_clustered(c.members for c in clusters), co_clustered(truth_groups(event.labels))
    )
    return p, r, f1(p, r)


def truth_groups(labels: dict[Member, str]) -> list[list[Member]]:
    by_fact: dict[str, list[Member]] = defaultdict(list)
    for member, fact in labels.items():
        by_fact[fact].append(member)
    return list(by_fact.values())


def timed(fn, *args):  # type: ignore[no-untyped-def]
    """`fn(*args)` and its CPU seconds, run as `tui.pipeline.compare` runs the analysis
    (`tui.pipeline.analysing`: its own shared reading, the cyclic collector paused), so that
    the aligner and its baseline run alike. CPU time: the machine is shared."""
    with analysing():
        start = time.process_time()
        result = fn(*args)
        return result, time.process_time() - start


def run(n_sources: int, n_paragraphs: int, seed: int) -> None:
    event = make_labelled_event(n_sources, n_paragraphs, seed)
    n = sum(len(s.paragraphs) for s in event.sources)
    print(f"event: {n_sources} sources x {n_paragraphs} paragraphs = {n} paragraphs (seed {seed})")
    fast, fast_s = timed(align, event.sources, event.lexicon)
    naive, naive_s = timed(naive_align, event.sources, event.lexicon)
    print(f"align (particulars index): {fast_s:8.3f} s")
    print(f"naive (all claim pairs):   {naive_s:8.3f} s")
    print(f"speed-up: {naive_s / fast_s:.1f}x")
    fast_pairs = co_clustered(c.members for c in fast)
    naive_pairs = co_clustered(c.members for c in naive)
    precision, recall = agreement(fast_pairs, naive_pairs)
    same = len({c.members for c in fast} & {c.members for c in naive})
    print(
        f"fast vs naive: co-clustered pairs precision {precision:.4f} recall {recall:.4f}; "
        f"identical clusters {same}/{len(naive)} (fast has {len(fast)})"
    )
    truth = co_clustered(truth_groups(event.labels))
    for name, pairs in (("fast", fast_pairs), ("naive", naive_pairs)):
        p, r = agreement(pairs, truth)
        print(f"{name} vs ground truth: precision {p:.4f} recall {r:.4f}")


SWEEP = {
    "link": (0.38, 0.4, 0.42, 0.45),
    "claim": (0.2, 0.25, 0.3),
    "balance": (0.25, 0.5),
}


def sweep(n_sources: int, n_paragraphs: int, seed: int) -> None:
    """Pairwise P/R/F1 on the three labelled events for every combination in `SWEEP`."""
    events = labelled_events(n_sources, n_paragraphs, seed)
    names = "  ".join(f"{name:>20s}" for name, _ in events)
    print(f" link  claim  balance  {names}   (P/R/F1 each)")
    for link, claim, balance in itertools.product(*SWEEP.values()):
        t = replace(THRESHOLDS, link=link, claim=claim, balance=balance)
        cells = []
        for _, event in events:
            p, r, f = gold_scores(event, align(event.sources, event.lexicon, t))
            cells.append(f"{p:.3f}/{r:.3f}/{f:.3f}")
        print(f"{link:5.2f}  {claim:5.2f}  {balance:7.2f}  {'  '.join(cells)}")


def labelled_events(
    n_sources: int, n_paragraphs: int, seed: int
) -> list[tuple[str, LabelledEvent]]:
    """The synthetic event and the gold events, by name."""
    synthetic = make_labelled_event(n_sources, n_paragraphs, seed)
    gold = [(name.removesuffix(".yaml"), load_gold(GOLD_DIR / name)) for name in GOLD_EVENTS]
    return [(f"synthetic {n_sources}x{n_paragraphs}", synthetic), *gold]


def gold(n_sources: int, n_paragraphs: int, seed: int) -> None:
    print("event                 precision  recall   F1     multi-source clusters")
    for name, event in labelled_events(n_sources, n_paragraphs, seed):
        clusters = align(event.sources, event.lexicon)
        p, r, f = gold_scores(event, clusters)
        multi = sum(1 for c in clusters if len({m.source for m in c.members}) > 1)
        print(f"{name:20s}  {p:9.4f}  {r:6.4f}  {f:6.4f}  {multi}/{len(clusters)}")


def scale(counts: Sequence[int], n_paragraphs: int, seed: int) -> None:
    """Align and diverge on synthetic events of each number of sources (CPU seconds), with
    the growth exponent of the total from one size to the next (1.0 is linear), and the time
    of the exact alignment in one block (`Thresholds.block`) next to it."""
    print("sources  paragraphs  align s  diverge s  total s  exponent  one block s")
    previous: tuple[int, float] | None = None
    whole = replace(THRESHOLDS, block=max(counts))
    for count in counts:
        sources, lexicon = make_event(count, n_paragraphs, seed)
        with analysing():  # one reading for both stages, as compare runs them
            started = time.process_time()
            clusters = align(sources, lexicon)
            align_s = time.process_time() - started
            diverge(sources, clusters, lexicon, NEUTRAL, LABELS, EVENT_DATE)
            diverge_s = time.process_time() - started - align_s
        _, exact_s = timed(align, sources, lexicon, whole)
        total = align_s + diverge_s
        growth = (
            f"{math.log(total / previous[1]) / math.log(count / previous[0]):8.2f}"
            if previous
            else "       -"
        )
        n = sum(len(s.paragraphs) for s in sources)
        print(
            f"{count:7d}  {n:10d}  {align_s:7.2f}  {diverge_s:9.2f}  {total:7.2f}  {growth}"
            f"  {exact_s:11.2f}"
        )
        previous = (count, total)


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--sweep", action="store_true", help="score thresholds against truth")
    mode.add_argument("--gold", action="store_true", help="score the defaults against truth")
    mode.add_argument("--scale", type=int, nargs="+", metavar="N", help="time N sources each")
    args = parser.parse_args()
    if args.scale:
        scale(args.scale, args.paragraphs, args.seed)
        return
    (sweep if args.sweep else gold if args.gold else run)(args.sources, args.paragraphs, args.seed)


if __name__ == "__main__":
    main()
