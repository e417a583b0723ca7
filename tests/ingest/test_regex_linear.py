"""The patterns of the text path on the shapes of text that once made them quadratic.

Whether each pattern runs in time linear in its input is measured by
benchmarks/regex_linear.py (speed is no business of the tests): it sweeps every pattern it
collects from the modules over runs of separators, long tokens and unclosed markup. Here, only
what can be checked without a clock: that the collection finds every module's patterns, so a
new one cannot be forgotten by the sweep, and that each shape that once was quadratic still
gives the right answer at a length where the old patterns took seconds: nothing for the long
near miss, the whole of it once it is made a hit.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import tui.ingest
import tui.report
import tui.text
from benchmarks.regex_linear import MODULES, REGRESSIONS, collect_patterns, shape

PATTERNS = collect_patterns()
N = 8_000
# For each once-quadratic shape: the same run made into something the pattern is for, and the
# span it must find in it.
HITS = {
    "boilerplate._EMAIL_RE": ("a" * N + "@b.org", (0, N + 6)),
    "boilerplate._URL_LINE_RE": ("source " + " " * N + "https://x.org", (0, N + 20)),
    "boilerplate._AGENCY_ONLY_RE": ("Reuters " + ". " * (N // 2), (0, N + 8)),
    "boilerplate._UI_RE": ("loading:" + "© " * (N // 2), (0, N + 8)),
    "boilerplate._BYLINE_RE": ("author" + "\u00a0" * N + "Jane", (0, N + 7)),
    "extract._SENTENCE_END_RE": ("." * N + "! Next", (0, N + 1)),
    "html._ATTR_RE": ("-" * N + '="v"', (0, N + 4)),
    "html._TAG_RE": ("<" * N + "x>", (N - 1, N + 2)),
    "plain._LINK_RE": ("[" * N + "a](u)", (N - 1, N + 5)),
    "plain._STRONG_RE": ("**" + "a" * N + "**", (0, N + 4)),
    "politeness._ATTR_RE": ("a" * N + '="v"', (0, N + 4)),
    "politeness._META_RE": ("<meta " * (N // 6) + "<meta a=b>", (N // 6 * 6, N // 6 * 6 + 10)),
    "feeds._TAG_RE": ("<" * N + "x>", (N - 1, N + 2)),
}
# Modules whose patterns the sweep leaves out, and why.
NOT_SWEPT = {
    # swept through `sentences`; `_WORD_BEFORE_STOP` only ever reads a few characters
    "tui.text.spans",
}


def test_every_module_of_the_text_path_with_a_pattern_is_swept() -> None:
    with_patterns = set()
    for package in (tui.ingest, tui.text, tui.report):
        for found in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(found.name)
            if any(
                isinstance(value, re.Pattern) and isinstance(value.pattern, str)
                for value in vars(module).values()
            ):
                with_patterns.add(found.name)
    assert with_patterns - NOT_SWEPT <= set(MODULES)
    assert {name.split(".")[0] for name in PATTERNS} >= {"boilerplate", "html", "politeness"}
    assert len(PATTERNS) > 80


@pytest.mark.parametrize(
    ("name", "prefix", "unit", "tail"), REGRESSIONS, ids=[case[0] for case in REGRESSIONS]
)
def test_a_shape_that_was_quadratic_finds_nothing_long_and_all_of_its_hit(
    name: str, prefix: str, unit: str, tail: str
) -> None:
    pattern = PATTERNS[name]
    near_miss = shape(prefix, unit, tail, N)
    assert pattern.match(near_miss) is None
    assert list(pattern.finditer(near_miss)) == []
    hit, span = HITS[name]
    assert [m.span() for m in pattern.finditer(hit)] == [span]
