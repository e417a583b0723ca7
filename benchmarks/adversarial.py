"""Extraction on adversarial pages, against an ordinary page of the same size.

A hostile page (one unbroken token, a run of separators, unclosed markup, deep nesting) must
cost about what an ordinary article of the same size costs: every pattern in tui.ingest is
linear, and the line rules skip blocks too long to be boilerplate. For each shape this prints
ms for `tui.ingest.extract.extract` at two sizes, the ratio to the ordinary page of the same
size (the baseline, run in the same process, alternating), and the growth from the smaller size
to the larger one (4x the bytes: about 4 for linear work, 16 for quadratic).

    python benchmarks/adversarial.py [--kib 64] [--repeat 3]

All pages are generated here, in our own words.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable

from tui.ingest.extract import ExtractionError, extract

SENTENCE = (
    "The ministry said seven civilians were killed and thirty-three wounded when shells hit "
    "the city centre overnight, hours after the humanitarian truce took effect. "
)
LEDE = f"<p>{SENTENCE}</p>"


def _page(body: str) -> str:
    return f"<html><head><title>Night of shelling</title></head><body>{LEDE}{body}</body></html>"


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary article (baseline)": lambda n: _page(_fill(f"<p>{SENTENCE * 3}</p>", n)),
    "one unbroken token": lambda n: _page(f"<p>Contact {'x' * n} now.</p>"),
    "token of e-mail characters": lambda n: _page(f"<p>{_fill('a.b-c+', n)}</p>"),
    "run of separators": lambda n: _page(f"<p>Loading{_fill('! ', n)}x</p>"),
    "caption then separators": lambda n: _page(f"<p>Photo: {_fill('© ', n)}x</p>"),
    "unclosed <title> and <meta>": lambda n: _fill("<title><meta ", n) + _page(""),
    "unclosed brackets (Markdown)": lambda n: "Title\n\n" + _fill("[a](", n) + "\n\n" + SENTENCE,
    "unclosed emphasis (Markdown)": lambda n: "Title\n\n" + _fill("**a ", n) + "\n\n" + SENTENCE,
    "dots without spaces": lambda n: _page(f"<p>{SENTENCE}{'.' * n}!</p>"),
    "nested 1,500 divs": lambda n: _page("<div>" * 1500 + _fill(LEDE, n) + "</div>" * 1500),
}


def _media(shape: str) -> str:
    return "text/markdown" if "Markdown" in shape else "text/html"


def _ms(text: str, media_type: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(ExtractionError):  # a refusal is a result too; it is timed
            extract(text, media_type=media_type)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kib", type=int, default=64, help="size of the smaller pages")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    small, large = args.kib * 1024, args.kib * 4096
    pages = {
        shape: (make(small), make(large)) for shape, make in SHAPES.items()
    }  # built before timing
    baseline_name = next(iter(SHAPES))
    results: dict[str, tuple[float, float, float, float, float]] = {}
    for shape, (short, long) in pages.items():
        base_short, base_long = pages[baseline_name]
        # alternate with the baseline so that machine noise hits both alike
        base = (_ms(base_short, "text/html", args.repeat), _ms(base_long, "text/html", args.repeat))
        mine = (_ms(short, _media(shape), args.repeat), _ms(long, _media(shape), args.repeat))
        results[shape] = (mine[0] / base[0], mine[1] / base[1], mine[1] / mine[0], *mine)
    print(
        f"{'shape':<32} {'ms ' + str(args.kib) + ' KiB':>12} {'ms ' + str(4 * args.kib):>10}"
        f" {'÷ baseline':>11} {'growth 4x':>10}"
    )
    for shape, (_, ratio_long, growth, ms_short, ms_long) in results.items():
        print(f"{shape:<32} {ms_short:>12.1f} {ms_long:>10.1f} {ratio_long:>11.2f} {growth:>10.2f}")


if __name__ == "__main__":
    main()
