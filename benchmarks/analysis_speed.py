"""How fast divergence detection and the report are next to alignment, on one big event.

The app re-runs `compare` (align, then diverge) each time a source arrives, so diverge must
cost about what align costs; and rendering the report must add little to them (the issue's
goal: analysis plus the render ≤ 1.5 × align + diverge). The figure printed for it is
(align + diverge + the slower of the two renders) ÷ (align + diverge): what `parallax report`
spends once its pages are read, not a whole `parallax report` run (no fetching, extraction or
process start). This script builds the synthetic event (benchmarks/synthetic.py), runs align
and diverge with the sides marked neutral as sources.yaml marks them and the event's date,
times them and both renderers in the same process (CPU
time, `time.process_time`: the machine is shared, wall time is noise), and prints the ratios,
then what each part of diverge costs: building the `Corpus` (every paragraph's names, denials
and figures found once, for all detectors), then each detector of
`tui.analysis.detectors.DETECTORS` on that corpus. Timings are printed, never asserted.

Align and diverge run two ways, alternately, `--repeat` times each (medians): as
`tui.pipeline.compare` runs them, inside `tui.pipeline.analysing` (one parse per paragraph
for both stages, the cyclic collector paused), and as the baseline, the same two calls on
their own (each stage parses every paragraph itself, the collector on), which is how they ran
before. The ratio of the two is the figure to compare between machines and loads.

`--scale 10 30 100` does the same on events of each number of sources (as many paragraphs
each) and prints the growth exponent of each from one size to the next and from the first to
the last (1.0 is linear; the goal is at most 1.3 for the total, and 100 x 100 in at most 10 s).

    python benchmarks/analysis_speed.py [--sources 30] [--paragraphs 100] [--seed 0] [--repeat 3]
    python benchmarks/analysis_speed.py --scale 10 30 100 [--repeat 3]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence

from benchmarks.synthetic import event_parser, make_event
from tui.analysis.align import align
from tui.analysis.corpus import build_corpus
from tui.analysis.detectors import DETECTORS
from tui.analysis.diverge import contested_figures, diverge
from tui.model import Cluster, Comparison, Event, Lexicon, Side, Source
from tui.pipeline import analysing
from tui.report import render_json, render_markdown

SIDES = (
    Side("armenian", "Armenian", "red"),
    Side("azerbaijani", "Azerbaijani", "blue"),
    Side("international", "International", "white", neutral=True),
)
NEUTRAL = frozenset(s.id for s in SIDES if s.neutral)
EVENT_DATE = dt.date(2020, 10, 11)  # the synthetic event's, which `compare` hands diverge


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float:
    """How the time grows with the number of sources between two sizes: t ~ N^exponent."""
    return math.log(large[1] / small[1]) / math.log(large[0] / small[0])


def analysis_times(
    sources: Sequence[Source], lexicon: Lexicon, shared: bool = True
) -> tuple[float, float, tuple[Cluster, ...]]:
    """CPU seconds of align and of diverge, and the clusters: as the pipeline runs them
    (`tui.pipeline.analysing`), or with `shared` false as two calls on their own."""
    labels = {s.id: s.label for s in SIDES}
    with analysing() if shared else contextlib.nullcontext():
        align_s, clusters = timed(lambda: align(sources, lexicon))
        diverge_s, _ = timed(
            lambda: diverge(sources, clusters, lexicon, NEUTRAL, labels, EVENT_DATE)
        )
    return align_s, diverge_s, clusters


def both_ways(
    sources: Sequence[Source], lexicon: Lexicon, repeat: int
) -> dict[bool, tuple[float, float]]:
    """Median align and diverge seconds with the shared reading (True) and without (False),
    run alternately, the first of each pair switching, so that neither always runs on the
    caches the other warmed."""
    runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for n in range(repeat):
        for shared in (n % 2 == 0, n % 2 != 0):
            align_s, diverge_s, _ = analysis_times(sources, lexicon, shared)
            runs[shared].append((align_s, diverge_s))
    return {
        shared: (statistics.median(a for a, _ in found), statistics.median(d for _, d in found))
        for shared, found in runs.items()
    }


def scale(counts: Sequence[int], n_paragraphs: int, seed: int, repeat: int) -> None:
    """Median CPU time of align and diverge on events of each size, both ways, and growth."""
    print(f"median of {repeat}, CPU seconds; exponent: growth from the size before")
    print(
        "sources  paragraphs  align s  diverge s  total s  exp. align  exp. total"
        "  baseline total s  ÷ baseline"
    )
    rows: list[tuple[int, float, float]] = []
    for count in counts:
        sources, lexicon = make_event(count, n_paragraphs, seed)
        found = both_ways(sources, lexicon, repeat)
        row = (count, *found[True])
        growth = " " * 22
        if rows:
            last = rows[-1]
            growth = (
                f"{exponent((last[0], last[1]), (count, row[1])):10.2f}  "
                f"{exponent((last[0], last[1] + last[2]), (count, row[1] + row[2])):10.2f}"
            )
        baseline = sum(found[False])
        print(
            f"{count:7d}  {count * n_paragraphs:10d}  {row[1]:7.2f}  {row[2]:9.2f}  "
            f"{row[1] + row[2]:7.2f}  {growth}  {baseline:16.2f}  "
            f"{(row[1] + row[2]) / baseline:10.2f}"
        )
        rows.append(row)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"{first[0]} -> {last[0]} sources: align N^{exponent(first[:2], last[:2]):.2f}, "
            f"diverge N^{exponent((first[0], first[2]), (last[0], last[2])):.2f}, total "
            f"N^{exponent((first[0], first[1] + first[2]), (last[0], last[1] + last[2])):.2f}"
        )


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="+", metavar="N", help="time N sources each")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way, median")
    args = parser.parse_args()
    if args.scale:
        scale(args.scale, args.paragraphs, args.seed, args.repeat)
        return

    sources, lexicon = make_event(args.sources, args.paragraphs, args.seed)
    found = both_ways(sources, lexicon, args.repeat)
    labels = {s.id: s.label for s in SIDES}
    with analysing():  # as `tui.pipeline.compare` runs them
        clusters = align(sources, lexicon)
        corpus_time, corpus = timed(
            lambda: build_corpus(sources, clusters, lexicon, NEUTRAL, labels, EVENT_DATE)
        )
        parts: list[tuple[str, float]] = [("corpus", corpus_time)]
        findings: list = []
        for name, detector in DETECTORS:
            seconds, result = timed(lambda detector=detector: detector(corpus, tuple(findings)))
            findings.extend(result)
            parts.append((name, seconds))
        divergences, figures = diverge(sources, clusters, lexicon, NEUTRAL, labels, EVENT_DATE)
    align_time, diverge_time = found[True]
    base_align, base_diverge = found[False]
    baseline = base_align + base_diverge
    comparison = Comparison(
        Event("synthetic", "Synthetic event", EVENT_DATE, ()),
        SIDES,
        tuple(sources),
        clusters,
        divergences,
        figures,
        dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        contested_figures(divergences, figures),
    )
    json_time, _ = timed(lambda: render_json(comparison))
    markdown_time, _ = timed(lambda: render_markdown(comparison))
    analysis = align_time + diverge_time
    paragraphs = sum(len(s.paragraphs) for s in sources)
    print(f"event: {len(sources)} sources, {paragraphs} paragraphs, {len(clusters)} clusters")
    print(f"CPU seconds, median of {args.repeat}; baseline: the two calls on their own")
    print(
        f"align     {align_time:7.2f} s   baseline {base_align:6.2f} s   ÷ baseline "
        f"{align_time / base_align:.2f}"
    )
    print(
        f"diverge   {diverge_time:7.2f} s   baseline {base_diverge:6.2f} s   ÷ baseline "
        f"{diverge_time / base_diverge:.2f}   diverge/align {diverge_time / align_time:.2f}"
    )
    print(
        f"total     {analysis:7.2f} s   baseline {baseline:6.2f} s   ÷ baseline "
        f"{analysis / baseline:.2f}   (goal ≤ 3 s at 30 x 100)"
    )
    print(f"json      {json_time:7.2f} s")
    print(f"markdown  {markdown_time:7.2f} s")
    rendered = analysis + max(json_time, markdown_time)
    print(f"(align + diverge + render) / (align + diverge) {rendered / analysis:.2f}  (goal ≤ 1.5)")
    kinds = Counter(d.kind for d in divergences)
    print(f"found: {len(divergences)} divergences {dict(sorted(kinds.items()))}")
    print(f"       {len(figures)} figures")
    print("per part of diverge (one run, the corpus reading the parses align made):")
    for name, seconds in parts:
        print(f"  {name:9} {seconds:7.2f} s   {seconds / align_time:5.2f} x align")


if __name__ == "__main__":
    main()
