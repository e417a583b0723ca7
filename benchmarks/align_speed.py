"""How fast `tui.analysis.align.align` is, and whether its shortcut changes the answer.

The aligner looks only at the pairs that an exact prefix-filtering index nominates. The
baseline here, run in the same process on the same synthetic event (benchmarks/synthetic.py),
checks every pair of paragraphs of different sources against the same rule (token_set_ratio
in rapidfuzz's C loop, `process.extract` per paragraph: numpy is not installed, so no
`cdist`; then `containment` for the pairs that pass) and clusters that edge set with the
same `tui.analysis.align.cluster`. The script prints both times, their ratio, and how
far the two clusterings agree (co-clustered pairs, identical clusters), plus both against the
generator's ground truth. Timings are printed, never asserted: the machine is shared.

    python benchmarks/align_speed.py [--sources 30] [--paragraphs 100] [--seed 0] [--sweep]
    python benchmarks/align_speed.py --gold

`--sweep` scores threshold combinations against the ground truth instead (how the defaults
in tui/analysis/align.py were chosen): the synthetic event's and the two hand-labelled gold events'
(tests/fixtures/align/*_gold.yaml). `--gold` prints the pairwise precision, recall and F1 of
the defaults on each of the three. Neither times anything.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from benchmarks.synthetic import LabelledEvent, event_parser, make_labelled_event
from tui.analysis.align import (
    THRESHOLDS,
    Edges,
    Paragraph,
    Thresholds,
    align,
    candidate_pairs,
    cluster,
    containment,
    paragraph_weight,
    prepare,
    score_pairs,
    term_weights,
)
from tui.config import bundled_config_path, load_config
from tui.model import Cluster, Member, Outlet, Source

Pair = tuple[Member, Member]

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "align"
GOLD_EVENTS = ("demo_gold.yaml", "shushi_gold.yaml")


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


def naive_edges(paragraphs: Sequence[Paragraph], t: Thresholds = THRESHOLDS) -> Edges:
    """Every cross-source pair checked against the rule: the baseline the index avoids.

    token_set_ratio first, for all pairs at once in rapidfuzz's C loop, then `containment`
    for the pairs that pass it.
    """
    weights = term_weights(paragraphs)
    heft = [paragraph_weight(p, weights) for p in paragraphs]
    keys = [p.key for p in paragraphs]
    edges: Edges = {}
    for i, paragraph in enumerate(paragraphs):
        for _, _, k in process.extract(
            paragraph.key,
            keys[i + 1 :],
            scorer=fuzz.token_set_ratio,
            score_cutoff=round(t.fuzz * 100, 9),
            limit=None,
        ):
            j = i + 1 + k
            other = paragraphs[j]
            if other.member.source != paragraph.member.source:
                score = containment(paragraph, other, min(heft[i], heft[j]), weights, t)
                if score:
                    edges[(i, j)] = score
    return edges


def naive_align(paragraphs: Sequence[Paragraph], t: Thresholds = THRESHOLDS) -> tuple[Cluster, ...]:
    return cluster(paragraphs, naive_edges(paragraphs, t), t)


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
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def run(n_sources: int, n_paragraphs: int, seed: int) -> None:
    event = make_labelled_event(n_sources, n_paragraphs, seed)
    n = sum(len(s.paragraphs) for s in event.sources)
    print(f"event: {n_sources} sources x {n_paragraphs} paragraphs = {n} paragraphs (seed {seed})")
    fast, fast_s = timed(align, event.sources, event.lexicon)
    paragraphs, prepare_s = timed(prepare, event.sources, event.lexicon)
    naive, naive_s = timed(naive_align, paragraphs)
    naive_s += prepare_s
    print(f"align (index + candidates): {fast_s:8.3f} s")
    print(f"naive (all pairs scored):   {naive_s:8.3f} s")
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


# IDF power 1 is left out: its loose candidate set makes one row take minutes, and at the
# gold events' recall its synthetic precision is about 0.6.
SWEEP = {
    "power": (3, 2),
    "edge": (0.3, 0.35, 0.4),
    "fuzz": (0.0, 0.55),
    "link": (0.4, 0.45, 0.5),
}


def sweep(n_sources: int, n_paragraphs: int, seed: int) -> None:
    """Pairwise P/R/F1 on the three labelled events for every combination in `SWEEP`.

    Per event and IDF power, the pairs are scored once at the loosest thresholds (with the
    exact index) and filtered for each combination.
    """
    events = labelled_events(n_sources, n_paragraphs, seed)
    names = "  ".join(f"{name:>20s}" for name, _ in events)
    print(f"power  edge  fuzz  link  {names}   (P/R/F1 each)")
    loosest = replace(THRESHOLDS, edge=min(SWEEP["edge"]), fuzz=min(SWEEP["fuzz"]))
    for power in SWEEP["power"]:
        scored = []
        for _, event in events:
            paragraphs = prepare(event.sources, event.lexicon)
            loose = candidate_pairs(paragraphs, term_weights(paragraphs, power), loosest)
            truth = co_clustered(truth_groups(event.labels))
            scored.append((event, paragraphs, loose, truth))
        for edge, fuzz_at, link in itertools.product(SWEEP["edge"], SWEEP["fuzz"], SWEEP["link"]):
            t = replace(THRESHOLDS, edge=edge, fuzz=fuzz_at, link=link)
            cells = []
            for _, paragraphs, loose, truth in scored:
                kept = {pair: score for pair, score in loose.items() if score >= edge}
                clusters = cluster(paragraphs, score_pairs(paragraphs, kept, t), t)
                p, r = agreement(co_clustered(c.members for c in clusters), truth)
                cells.append(f"{p:.3f}/{r:.3f}/{f1(p, r):.3f}")
            print(f"{power:5d}  {edge:4.2f}  {fuzz_at:4.2f}  {link:4.2f}  {'  '.join(cells)}")


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


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--sweep", action="store_true", help="score thresholds against truth")
    mode.add_argument("--gold", action="store_true", help="score the defaults against truth")
    args = parser.parse_args()
    (sweep if args.sweep else gold if args.gold else run)(args.sources, args.paragraphs, args.seed)


if __name__ == "__main__":
    main()
