"""How fast divergence detection is next to alignment, on the same big synthetic event.

The app re-runs `compare` (align, then diverge) each time a source arrives, so diverge must
cost about what align costs. This script builds the synthetic event (benchmarks/synthetic.py),
times `tui.analysis.align.align` and `tui.analysis.diverge.diverge` in the same process, and
prints both, the ratio diverge/align, and what each part costs: building the `Corpus` (every
paragraph tokenised and split into sentences once, for all detectors), then each detector on that
corpus. Timings are printed, never asserted: the machine is shared.

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
from tui.analysis.diverge import diverge


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    parser = event_parser(__doc__.splitlines()[0])
    args = parser.parse_args()

    sources, lexicon = make_event(args.sources, args.paragraphs, args.seed)
    align_time, clusters = timed(lambda: align(sources, lexicon))
    diverge_time, (divergences, figures) = timed(lambda: diverge(sources, clusters, lexicon))
    paragraphs = sum(len(s.paragraphs) for s in sources)
    print(f"event: {len(sources)} sources, {paragraphs} paragraphs, {len(clusters)} clusters")
    print(f"align    {align_time:7.2f} s")
    print(f"diverge  {diverge_time:7.2f} s   ratio diverge/align {diverge_time / align_time:.2f}")
    kinds = Counter(d.kind for d in divergences)
    print(f"found: {len(divergences)} divergences {dict(sorted(kinds.items()))}")
    print(f"       {len(figures)} figures")
    print("per part:")
    corpus_time, corpus = timed(lambda: build_corpus(sources, clusters, lexicon))
    print(f"  {'corpus':9} {corpus_time:7.2f} s   {corpus_time / align_time:5.2f} x align")
    found: list = []
    for name, detector in DETECTORS:
        seconds, result = timed(lambda detector=detector: detector(corpus, tuple(found)))
        found.extend(result)
        print(f"  {name:9} {seconds:7.2f} s   {seconds / align_time:5.2f} x align")


if __name__ == "__main__":
    main()
