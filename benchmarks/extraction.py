"""Article extraction on the shared benchmark: tui.ingest.extract against plain readability-lxml.

Runs both extractors over the same pages in this process, page by page in alternating order so
that the noisy shared machine slows both alike, and prints each one's quality (the shared
evaluate.py metric, imported, not copied), the ratio of their ms/page and the F1 delta.
`--ablate` re-runs tui.ingest.extract with each clean-up rule switched off in turn and prints what
that rule gains, which is how the rules in tui/ingest/boilerplate.py and tui/ingest/html.py are
justified.

    python benchmarks/extraction.py [--limit N] [--ids PREFIX ...] [--ablate] [--worst N]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "extraction"

Extractor = Callable[[str, "str | None"], object]


def load_evaluate(bench: Path) -> ModuleType:
    if not (bench / "evaluate.py").is_file():
        raise SystemExit(
            f"extraction benchmark not found: expected {bench / 'evaluate.py'} "
            "(the shared benchmark lives in ../shared/bench/extraction next to the repo; "
            "pass --bench DIR if it is elsewhere)"
        )
    sys.path.insert(0, str(bench))
    return importlib.import_module("evaluate")


def run(
    ev: ModuleType, rows: list[tuple[str, str, str | None]], data: Path, fns: dict[str, Extractor]
) -> dict[str, tuple[list[object], list[float]]]:
    """Per extractor: page scores and ms per page, extractors alternating within each page."""
    out: dict[str, tuple[list[object], list[float]]] = {name: ([], []) for name in fns}
    names = list(fns)
    for i, (pid, truth, url) in enumerate(rows):
        html = ev.read_html(data, pid)
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            t0 = time.perf_counter()
            try:
                pred = ev.as_text(fns[name](html, url))
            except Exception:  # the shared benchmark scores a failing page as empty output
                pred = ""
            ms = (time.perf_counter() - t0) * 1000.0
            scores, times = out[name]
            scores.append(ev.PageScore(truth, pred))
            times.append(ms)
    return out


def _paragraphs(
    extract: Callable[..., object], html: str, url: str | None, rules: frozenset[str]
) -> list[str]:
    try:
        return list(extract(html, url=url, rules=rules).paragraphs)  # type: ignore[attr-defined]
    except Exception:  # an ExtractionError scores as empty output, as in evaluate.py
        return []


def line(name: str, agg: dict[str, float], times: list[float]) -> str:
    ms = sum(times) / len(times) if times else 0.0
    return (
        f"{name:32} F1={agg['f1']:.3f} P={agg['precision']:.3f} R={agg['recall']:.3f} "
        f"ms_per_page={ms:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="shared benchmark folder")
    ap.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    ap.add_argument("--ids", nargs="*", help="only pages whose id starts with one of these")
    ap.add_argument("--ablate", action="store_true", help="F1 gained by each clean-up rule")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of ours")
    args = ap.parse_args(argv)

    ev = load_evaluate(args.bench)
    sys.path.insert(0, str(REPO))
    from tui.ingest.extract import ALL_RULES, article_text, extract

    data = args.bench / "scrapinghub-aeb"
    rows = ev.load_dataset(data)
    if args.ids:
        rows = [r for r in rows if any(r[0].startswith(x) for x in args.ids)]
    if args.limit is not None:
        rows = rows[: args.limit]
    if not rows:
        raise SystemExit("no pages selected")

    baseline = ev.EXTRACTORS["readability"]
    # untimed warm-up: imports and lazy initialisation, as evaluate.py does
    first = ev.read_html(data, rows[0][0])
    baseline(first, rows[0][2])
    article_text(first, rows[0][2])

    results = run(ev, rows, data, {"base": baseline, "ours": article_text})
    base_scores, base_ms = results["base"]
    our_scores, our_ms = results["ours"]
    base_agg, our_agg = ev.aggregate(base_scores), ev.aggregate(our_scores)
    print(f"pages: {len(rows)}  data: {data}")
    print(line("readability-lxml summary()", base_agg, base_ms))
    print(line("tui.ingest.extract:article_text", our_agg, our_ms))
    ratio = (sum(our_ms) / sum(base_ms)) if sum(base_ms) else float("nan")
    print(
        f"ms/page ours/baseline = {ratio:.2f}   F1 delta = {our_agg['f1'] - base_agg['f1']:+.3f}"
        f"   (P {our_agg['precision'] - base_agg['precision']:+.3f},"
        f" R {our_agg['recall'] - base_agg['recall']:+.3f})"
    )

    if args.worst:
        print(f"worst {args.worst} pages (ours):")
        ranked = sorted(zip(our_scores, rows, strict=True), key=lambda sr: sr[0].f1)
        for score, (pid, _, url) in ranked[: args.worst]:
            print(
                f"  {pid[:12]} F1={score.f1:.3f} P={score.precision:.3f} R={score.recall:.3f} {url}"
            )

    if args.ablate:
        # Rules overlap (a caption line may also be a duplicate), so each rule is measured both
        # ways: alone on top of no rules, and left out of all the others.
        print("rule ablation: F1 with only this rule, and with all rules but this one")
        none = run(ev, rows, data, {"x": lambda h, u: _paragraphs(extract, h, u, frozenset())})
        none_f1 = ev.aggregate(none["x"][0])["f1"]
        print(
            f"  {'(no rules)':14} F1={none_f1:.4f}   all rules: F1={our_agg['f1']:.4f} "
            f"(gain {our_agg['f1'] - none_f1:+.4f})"
        )
        for rule in sorted(ALL_RULES):
            f1 = {}
            for label, rules in (("alone", frozenset({rule})), ("without", ALL_RULES - {rule})):

                def fn(html: str, url: str | None, rules: frozenset[str] = rules) -> list[str]:
                    return _paragraphs(extract, html, url, rules)

                f1[label] = ev.aggregate(run(ev, rows, data, {"x": fn})["x"][0])["f1"]
            print(
                f"  {rule:14} alone F1={f1['alone']:.4f} (gain {f1['alone'] - none_f1:+.4f})"
                f"   without F1={f1['without']:.4f} (gain {our_agg['f1'] - f1['without']:+.4f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
