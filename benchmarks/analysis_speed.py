"""How fast divergence detection and the report are next to alignment, on one big event.

The app re-runs `compare` (align, then diverge) each time a source arrives, so diverge must
cost about what align costs; and `parallax report` must cost little more than align + diverge
(the issue's goal: the whole report's CPU time ≤ 1.5 × align + diverge). This script builds
the synthetic event (benchmarks/synthetic.py), runs the pipeline's `compare` with the sides
marked neutral as sources.yaml marks them, times align, diverge and both renderers in the same
process (CPU time, `time.process_time`: the machine is shared, wall time is noise), and prints
the ratios, then what each part of diverge costs: building the `Corpus` (every paragraph
tokenised, its names, denials and figures found once, for all detectors), then each detector of
`tui.analysis.detectors.DETECTORS` on that corpus. Timings are printed, never asserted.

    python benchmarks/analysis_speed.py [--sources 30] [--paragraphs 100] [--seed 0]
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from benchmarks.synthetic import event_parser, make_event
from tui.analysis.align import align
from tui.analysis.corpus import build_corpus
from tui.analysis.detectors import DETECTORS
from tui.analysis.diverge import contested_figures, diverge
from tui.model import Comparison, Event, Side
from tui.report import render_json, render_markdown

SIDES = (
    Side("armenian", "Armenian", "red"),
    Side("azerbaijani", "Azerbaijani", "blue"),
    Side("international", "International", "white", neutral=True),
)
NEUTRAL = frozenset(s.id for s in SIDES if s.neutral)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


def main() -> None:
    import datetime as dt

    parser = event_parser(__doc__.splitlines()[0])
    args = parser.parse_args()

    sources, lexicon = make_event(args.sources, args.paragraphs, args.seed)
    labels = {s.id: s.label for s in SIDES}
    align_time, clusters = timed(lambda: align(sources, lexicon))
    diverge_time, (divergences, figures) = timed(
        lambda: diverge(sources, clusters, lexicon, NEUTRAL, labels)
    )
    comparison = Comparison(
        Event("synthetic", "Synthetic event", dt.date(2020, 10, 11), ()),
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
    print(f"align     {align_time:7.2f} s CPU")
    print(
        f"diverge   {diverge_time:7.2f} s CPU   ratio diverge/align {diverge_time / align_time:.2f}"
    )
    print(f"json      {json_time:7.2f} s CPU")
    print(f"markdown  {markdown_time:7.2f} s CPU")
    report = analysis + max(json_time, markdown_time)
    print(f"report / (align + diverge) {report / analysis:.2f}  (goal ≤ 1.5)")
    kinds = Counter(d.kind for d in divergences)
    print(f"found: {len(divergences)} divergences {dict(sorted(kinds.items()))}")
    print(f"       {len(figures)} figures")
    print("per part of diverge:")
    corpus_time, corpus = timed(lambda: build_corpus(sources, clusters, lexicon, NEUTRAL))
    print(f"  {'corpus':9} {corpus_time:7.2f} s   {corpus_time / align_time:5.2f} x align")
    found: list = []
    for name, detector in DETECTORS:
        seconds, result = timed(lambda detector=detector: detector(corpus, tuple(found)))
        found.extend(result)
        print(f"  {name:9} {seconds:7.2f} s   {seconds / align_time:5.2f} x align")


if __name__ == "__main__":
    main()
