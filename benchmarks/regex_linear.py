"""Does every pattern of the text path run in time linear in its input, whatever a page holds?

A pattern that is quadratic on one shape of text (a long token, a run of separators, unclosed
markup) lets a single hostile page stall the comparison of every outlet: the regex engine holds
the interpreter lock, so no thread or budget can interrupt it. Each pattern is run on text of
length n and 4n built from a prefix (one of the pattern's own words, so that its branches get
going), a repeated unit and a tail; the figure is how much longer the longer one takes, in CPU
time of this process: linear work grows about 4x, quadratic 16x. `sentences`
(tui.text.spans) is swept the same way on runs of stops, 16x apart: linear 16x, quadratic 256x.

The patterns are collected from the modules, so a new one cannot be forgotten
(tests/ingest/test_regex_linear.py checks the collection, and that the shapes that once were
quadratic still give the right answer). Nothing is timed in the tests; this script prints the
growth figures and exits 1 when a case grows like quadratic work. The sweep and the random
mixtures are thousands of cases, each timed once (a screen, and noisy: it counts only cases
that take over `SLOW` seconds on the large input); a case the screen flags, the
once-quadratic shapes and `sentences` are timed over enough calls to trust the ratio.

    .venv/bin/python benchmarks/regex_linear.py [--worst 10] [--mixtures 300] [--seed 0]
"""

from __future__ import annotations

import argparse
import importlib
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

MODULES = (
    "tui.ingest.archive",
    "tui.ingest.blocks",
    "tui.ingest.boilerplate",
    "tui.ingest.cache_limit",
    "tui.ingest.extract",
    "tui.ingest.feeds",
    "tui.ingest.fetch",
    "tui.ingest.html",
    "tui.ingest.plain",
    "tui.ingest.politeness",
    "tui.ingest.save",
    "tui.ingest.sitemaps",
    "tui.text.clean",
    "tui.text.numbers",
    "tui.text.tokens",
    "tui.report.contract",
    "tui.report.escape",
)  # tui.text.spans is swept through `sentences`: one of its patterns only ever sees a few
# characters before a stop (`_WORD_BEFORE_STOP`), and grows 16x here on a whole paragraph
# Units of text that trip naive patterns: word and non-word runs, separators, e-mail and URL
# pieces, nested or unclosed markup (HTML, Markdown, ANSI).
UNITS = (
    "a", "1", " ", "\u00a0", "!", ".", "@", "-", "_", "*", "<", ">", "(", ")", "[", "]", "`",
    "#", ":", '"', "'", "/", "=", "©", "é", "ь", "\n", "a.", "a@", ". ", "a ", ". . ", "<a>",
    "<div>", "<title>", "<meta ", "**", "__", "![", "[a](", "](", "\x1b[", "\x1b]", "http://",
)  # fmt: skip
TAILS = ("", "x", "!", " ", "\x00")
SMALL, LARGE = 2_000, 8_000  # 4x apart
SLOW = 0.001  # CPU seconds for the large input below which a quick measurement is noise
SUSPECT = 10.0  # growth at 4x the input: linear 4, quadratic 16
# Shapes that were quadratic before the patterns were rewritten: (pattern, prefix, unit, tail).
REGRESSIONS = (
    ("boilerplate._EMAIL_RE", "", "a", ""),
    ("boilerplate._URL_LINE_RE", "source ", " ", "x"),
    ("boilerplate._AGENCY_ONLY_RE", "Reuters ", ". ", "x"),
    ("boilerplate._UI_RE", "loading:", "© ", "x"),
    ("boilerplate._BYLINE_RE", "author", "\u00a0", ""),
    ("extract._SENTENCE_END_RE", "", ".", "!"),
    ("html._ATTR_RE", "", "-", "!"),
    ("html._TAG_RE", "", "<", "x"),
    ("plain._LINK_RE", "", "[", "!"),
    ("plain._STRONG_RE", "", "**a ", ""),
    ("politeness._ATTR_RE", "", "a", "x"),
    ("politeness._META_RE", "", "<meta ", "x"),
    ("feeds._TAG_RE", "", "<", "x"),
)
# `sentences` on runs of stops: the plain pattern it replaced took 0.9 s for 5,000 "!" and one "x".
STOP_RUNS = ("!", "?", ".", "!?", ". ", "!” ", "; ", "Mr. ")
STOP_TAILS = ("x", " ", ",")
STOPS_SMALL, STOPS_LARGE = 500, 8_000  # 16x apart
STOPS_SUSPECT = 64.0  # growth at 16x the input: linear 16, quadratic 256


def collect_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled str pattern at module level, and every element rule's, by short name."""
    found: dict[str, re.Pattern[str]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        short = name.rsplit(".", 1)[-1]
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{short}.{attr}"] = value
        for rule in getattr(module, "ELEMENT_RULES", ()):
            found[f"{short}.{rule.name}"] = rule.attr_re
    return found


def words(pattern: re.Pattern[str]) -> list[str]:
    """The pattern's literal words, which make good prefixes: they start its branches."""
    return sorted(set(re.findall(r"[^\W\d_]{2,}", pattern.pattern)))


def shape(prefix: str, unit: str, tail: str, size: int) -> str:
    return prefix + unit * (size // len(unit)) + tail


@dataclass(frozen=True)
class Growth:
    case: str
    small: float  # CPU seconds for one call
    large: float
    again: Callable[[], Growth] | None = None  # the same case measured carefully

    @property
    def ratio(self) -> float:
        return self.large / max(self.small, 1e-6)


def _cpu(call: Callable[[], object], loops: int, repeats: int) -> float:
    """CPU seconds per call, the least of `repeats` tries: load only ever adds time."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        for _ in range(loops):
            call()
        best = min(best, time.process_time() - started)
    return best / loops


def quick(case: str, small: Callable[[], object], large: Callable[[], object]) -> Growth:
    """One call of each, twice: cheap enough for thousands of cases, and noisy below `SLOW`."""
    return Growth(case, _cpu(small, 1, 2), _cpu(large, 1, 2), lambda: careful(case, small, large))


def careful(case: str, small: Callable[[], object], large: Callable[[], object]) -> Growth:
    """As many calls as make the small input take 5 ms, three times: a ratio to trust."""
    loops = 1
    while loops < 100_000 and _cpu(small, loops, 1) * loops < 0.005:
        loops *= 4
    return Growth(case, _cpu(small, loops, 3), _cpu(large, loops, 3))


def _every_use(pattern: re.Pattern[str], text: str) -> None:
    """Every way the code uses a pattern: match, and search all (which `sub` does too)."""
    pattern.match(text)
    for _match in pattern.finditer(text):
        pass


def pattern_growth(
    name: str,
    pattern: re.Pattern[str],
    prefix: str,
    unit: str,
    tail: str,
    measure: Callable[[str, Callable[[], object], Callable[[], object]], Growth] = quick,
) -> Growth:
    small, large = shape(prefix, unit, tail, SMALL), shape(prefix, unit, tail, LARGE)
    return measure(
        f"{name} on {prefix!r} + {unit!r} * n + {tail!r}",
        lambda: _every_use(pattern, small),
        lambda: _every_use(pattern, large),
    )


def sweep(patterns: dict[str, re.Pattern[str]]) -> list[Growth]:
    """Every unit, with no prefix and with each of the pattern's first eight words."""
    return [
        pattern_growth(name, pattern, prefix, unit, "x")
        for name, pattern in patterns.items()
        for prefix in ["", *(w + " " for w in words(pattern)[:8])]
        for unit in UNITS
    ]


def mixtures(patterns: dict[str, re.Pattern[str]], count: int, seed: int) -> list[Growth]:
    """Random prefixes, units of up to three pieces and tails, as a fuzzer would draw them."""
    rng = random.Random(seed)
    names = sorted(patterns)
    found = []
    for _ in range(count):
        name = rng.choice(names)
        pattern = patterns[name]
        prefix = rng.choice(["", *words(pattern)]) + rng.choice(["", " ", ":", ": ", " ("])
        unit = "".join(rng.choices(UNITS, k=rng.randint(1, 3)))
        found.append(pattern_growth(name, pattern, prefix, unit, rng.choice(TAILS)))
    return found


def sentences_growth() -> list[Growth]:
    from tui.text import spans

    sentences = spans._sentences.__wrapped__  # uncached: each call must do the work

    found = []
    for run in STOP_RUNS:
        for tail in STOP_TAILS:
            small, large = shape("", run, tail, STOPS_SMALL), shape("", run, tail, STOPS_LARGE)
            found.append(
                careful(
                    f"sentences on {run!r} * n + {tail!r}",
                    lambda small=small: sentences(small),
                    lambda large=large: sentences(large),
                )
            )
    return found


def report(title: str, found: list[Growth], suspect: float, worst: int) -> int:
    """Print the group's figures; the number of suspects: cases that grow like quadratic
    work when measured carefully (a quick measurement is only a screen, and is only trusted
    when the large input is slow enough to time)."""
    trusted = [g for g in found if g.again is None or g.large > SLOW]
    ratios = [g.ratio for g in trusted]
    print(f"\n{title}: {len(found)} cases, growth measured on {len(trusted)}")
    if ratios:
        print(f"  growth: median {statistics.median(ratios):.1f}, largest {max(ratios):.1f}")
    for g in sorted(found, key=lambda g: g.large, reverse=True)[:worst]:
        print(f"  {g.ratio:7.1f}x  {g.small * 1000:8.3f} -> {g.large * 1000:8.3f} ms  {g.case}")
    suspects = 0
    for g in trusted:
        if g.ratio < suspect:
            continue
        checked = g.again() if g.again is not None else g
        if checked.ratio >= suspect:
            suspects += 1
            print(f"  SUSPECT {checked.ratio:.1f}x (>= {suspect:g}x): {checked.case}")
    return suspects


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=5, help="slowest cases listed per group")
    parser.add_argument("--mixtures", type=int, default=300, help="random mixed cases")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    patterns = collect_patterns()
    print(f"{len(patterns)} patterns from {len(MODULES)} modules")
    print(f"patterns: n = {SMALL:,} and {LARGE:,} (linear 4x, quadratic 16x)")
    regressions = [
        pattern_growth(name, patterns[name], prefix, unit, tail, careful)
        for name, prefix, unit, tail in REGRESSIONS
    ]
    suspects = report("once quadratic", regressions, SUSPECT, args.worst)
    suspects += report("sweep", sweep(patterns), SUSPECT, args.worst)
    mixed = mixtures(patterns, args.mixtures, args.seed)
    suspects += report("mixtures", mixed, SUSPECT, args.worst)
    print(f"\nsentences: n = {STOPS_SMALL:,} and {STOPS_LARGE:,} (linear 16x, quadratic 256x)")
    suspects += report("sentences", sentences_growth(), STOPS_SUSPECT, args.worst)
    print(f"\n{suspects} suspect case{'s' if suspects != 1 else ''}")
    return 1 if suspects else 0


if __name__ == "__main__":
    sys.exit(main())
