"""Alignment and divergence figures on the shared real corpus, in this process.

The corpus (`../shared/corpus/raw`: real articles of several events with gold `facts` and
annotated divergences) is third-party text: it is read at run time and never copied into the
repository. So is its reference scorer, `../shared/tools/real_eval.py`, which this script
imports by path rather than copying: every page it builds, every figure it computes and every
total it prints come from that module's own `build_event`, `Report`, `score_alignment` and
`score_divergences`, so the totals agree with `real_eval.py` by construction. The only
difference is that our pipeline (`tui.pipeline.gather_sources` + `compare` + `report_dict`)
runs here instead of in a `parallax report` subprocess: a second, not a few.

    python benchmarks/real_corpus.py [-v] [--corpus DIR] [--event SUBSTRING] [--config YAML]

`-v` lists, per event, every fact not wholly on one row (with the rows its members landed
on) and every false pair among gold-fact paragraphs, with short excerpts of the paragraphs.
Exits 2 when the corpus or the scorer is missing.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import yaml

from tui.config.load import bundled_config_path, load_config
from tui.ingest.options import FetchOptions
from tui.pipeline import compare, gather_sources
from tui.report import report_dict

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "raw"
SCORER = SHARED / "tools" / "real_eval.py"
EXCERPT = 90


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The reference scorer, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("real_eval", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise SystemExit(f"real_corpus: the reference scorer {path} is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_event(scorer: ModuleType, ev_dir: Path, base: dict, work: Path) -> tuple[dict, dict]:
    """The event's annotations and our JSON report on the pages the scorer builds for it."""
    ev, config_path = scorer.build_event(ev_dir, base, work)
    config = load_config(config_path)
    event = config.event(ev["id"])
    options = FetchOptions(offline=True, cache_dir=work / "cache")
    sources = asyncio.run(gather_sources(config, event, options))
    return ev, report_dict(compare(config, event, sources))


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else f"{a}/0"


def excerpt(report: ModuleType, member: tuple[str, int]) -> str:
    text = report.paras.get(member[0], [""])[member[1]]
    text = " ".join(text.split())
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")


def alignment_line(a: Counter) -> str:
    gold = a["gold_pairs"] + a["lost_pairs"]
    return (
        f"facts {ratio(a['facts_pair'], a['facts'])}; whole {ratio(a['facts_whole'], a['facts'])}; "
        f"pairs {ratio(a['tp'], gold)}; precision "
        f"{ratio(a['tp_in_gold_paras'], a['tool_pairs_in_gold_paras'])}; singletons "
        f"{ratio(a['singletons'], a['paragraphs'])} (no gold fact: {a['factless']})"
    )


def divergence_line(d: Counter, kinds: Counter) -> str:
    per_k = 1000 * d["reported"] / d["words"] if d["words"] else 0.0
    share = d["omissions"] / d["reported"] if d["reported"] else 0.0
    by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    return (
        f"strict recall {ratio(d['strict'], d['annotated'])}; precision "
        f"{ratio(d['matched'], d['reported'])}; {per_k:.1f}/1k words; omission share "
        f"{share:.2f}; kinds: {by_kind}"
    )


def explain(scorer: ModuleType, ev: dict, rep: dict) -> None:
    """Every fact not wholly on one row and every false pair, with excerpts."""
    report = scorer.Report(rep)
    for fact in ev.get("facts") or []:
        where = []
        for m in fact["members"]:
            locs = report.locate(m["article"], m["phrase"])
            if locs:
                member = (m["article"], locs[0][0])
                where.append((report.cluster_of.get(member), member))
        if len({c for c, _ in where}) == 1 and len(where) == len(fact["members"]):
            continue
        print(f"    FACT {fact['id']}: {fact.get('description', '')[:100]}")
        for row, member in sorted(where, key=lambda w: str(w[0])):
            size = report.cluster_size.get(row, 1)
            print(f"      {row} ({size}) {member[0]}:{member[1]}  {excerpt(report, member)}")
    alignment = scorer.score_alignment(ev, report)
    for a, b in alignment["false_pairs"] if alignment else ():
        print(f"    FALSE {report.cluster_of.get(a)} {a[0]}:{a[1]} ~ {b[0]}:{b[1]}")
        print(f"      {excerpt(report, a)}")
        print(f"      {excerpt(report, b)}")


def factless(scorer: ModuleType, ev: dict, rep: dict) -> int:
    """Paragraphs that hold no gold fact: the most that may stay alone in a cluster."""
    report = scorer.Report(rep)
    held = {
        (m["article"], loc[0])
        for fact in ev.get("facts") or []
        for m in fact["members"]
        for loc in report.locate(m["article"], m["phrase"])[:1]
    }
    return sum(len(ps) for ps in report.paras.values()) - len(held)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--config", type=Path, default=bundled_config_path())
    parser.add_argument("--event", default="", help="only events whose id contains this")
    parser.add_argument("-v", action="store_true", dest="verbose")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"real_corpus: no corpus at {args.corpus} (expected ../shared/corpus/raw)")
        return 2
    scorer = load_scorer()
    base = yaml.safe_load(args.config.read_text(encoding="utf-8")) or {}
    events = sorted(
        p for p in args.corpus.iterdir() if (p / "event.json").is_file() and args.event in p.name
    )
    total_a: Counter = Counter()
    total_d: Counter = Counter()
    total_kinds: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="parallax-real-corpus-") as tmp:
        for ev_dir in events:
            ev, rep = run_event(scorer, ev_dir, base, Path(tmp))
            report = scorer.Report(rep)
            d = scorer.score_divergences(ev, report)
            a = scorer.score_alignment(ev, report) or {}
            kinds = Counter(x["kind"] for x in rep["divergences"])
            a_counts = Counter({k: v for k, v in a.items() if isinstance(v, int)})
            a_counts["factless"] = factless(scorer, ev, rep)
            d_counts = Counter({k: v for k, v in d.items() if isinstance(v, int)})
            total_a += a_counts
            total_d += d_counts
            total_kinds += kinds
            print(ev["id"])
            print("  alignment: " + alignment_line(a_counts))
            print("  divergence: " + divergence_line(d_counts, kinds))
            if args.verbose:
                explain(scorer, ev, rep)
    print(f"TOTAL ({len(events)} events)")
    print("  alignment: " + alignment_line(total_a))
    print("  divergence: " + divergence_line(total_d, total_kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
