"""Every pattern in tui.ingest runs in time linear in its input, whatever a page puts there.

A pattern that is quadratic on one shape of text (a long token, a run of separators, unclosed
markup) lets a single hostile page stall the comparison of every outlet: the regex engine holds
the interpreter lock, so no thread or budget can interrupt it. Each pattern is run on text of
length n and 4n built from a prefix (one of the pattern's own words, so that its branches get
going), a repeated unit and a tail, and must take less than 10x as long on the longer one:
linear work grows 4x, quadratic 16x. A case only fails when it is also slow in absolute terms
(CPU time, not wall time), so timer noise on tiny inputs cannot fail it.

The patterns are collected from the modules, so a new one cannot be forgotten.
"""

from __future__ import annotations

import importlib
import re
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

MODULES = (
    "tui.ingest.blocks",
    "tui.ingest.boilerplate",
    "tui.ingest.charset",
    "tui.ingest.extract",
    "tui.ingest.fetch",
    "tui.ingest.html",
    "tui.ingest.plain",
    "tui.text.clean",
    "tui.report.escape",
)
# Units of text that trip naive patterns: word and non-word runs, separators, e-mail and URL
# pieces, nested or unclosed markup (HTML, Markdown, ANSI).
UNITS = (
    "a", "1", " ", "\u00a0", "!", ".", "@", "-", "_", "*", "<", ">", "(", ")", "[", "]", "`",
    "#", ":", '"', "'", "/", "=", "©", "é", "ь", "\n", "a.", "a@", ". ", "a ", ". . ", "<a>",
    "<div>", "<title>", "<meta ", "**", "__", "![", "[a](", "](", "\x1b[", "\x1b]", "http://",
)  # fmt: skip
TAILS = ("", "x", "!", " ", "\x00")
SMALL, LARGE = 2_000, 8_000
SLOW = 0.02  # seconds of CPU for the large input below which a case never fails


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    for name in MODULES:
        module = importlib.import_module(name)
        short = name.rsplit(".", 1)[-1]
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{short}.{attr}", value))
        for rule in getattr(module, "ELEMENT_RULES", ()):
            found.append((f"{short}.{rule.name}", rule.attr_re))
    return found


PATTERNS = _patterns()


def _words(pattern: re.Pattern[str]) -> list[str]:
    """The pattern's literal words, which make good prefixes: they start its branches."""
    return sorted(set(re.findall(r"[^\W\d_]{2,}", pattern.pattern)))


def _cost(pattern: re.Pattern[str], text: str) -> float:
    """CPU seconds for every way the code uses a pattern: match, search all, substitute."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        pattern.match(text)
        for _match in pattern.finditer(text):
            pass
        best = min(best, time.process_time() - start)
    return best


def _assert_linear(pattern: re.Pattern[str], prefix: str, unit: str, tail: str) -> None:
    small = prefix + unit * (SMALL // len(unit)) + tail
    large = prefix + unit * (LARGE // len(unit)) + tail
    cost_small, cost_large = _cost(pattern, small), _cost(pattern, large)
    if cost_large > SLOW:
        assert cost_large < 10 * max(cost_small, 1e-4), (
            f"{pattern.pattern[:80]!r} on {prefix!r} + {unit!r} * n + {tail!r}: "
            f"{cost_small * 1000:.1f} ms at n={SMALL}, {cost_large * 1000:.1f} ms at n={LARGE}"
        )


def test_every_module_has_its_patterns_collected() -> None:
    names = {name.split(".")[0] for name, _ in PATTERNS}
    assert {"boilerplate", "html", "plain", "extract", "clean"} <= names
    assert len(PATTERNS) > 50


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear_on_every_unit(name: str, pattern: re.Pattern[str]) -> None:
    """The sweep: every unit and tail, with no prefix and with each of the pattern's words."""
    for prefix in ["", *(w + sep for w in _words(pattern)[:8] for sep in (" ",))]:
        for unit in UNITS:
            _assert_linear(pattern, prefix, unit, "x")


@st.composite
def _case(draw: st.DrawFn) -> tuple[re.Pattern[str], str, str, str]:
    _, pattern = draw(st.sampled_from(PATTERNS))
    words = _words(pattern)
    prefix = draw(st.sampled_from(["", *words])) if words else ""
    prefix += draw(st.sampled_from(["", " ", ":", ": ", " ("]))
    unit = "".join(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3)))
    return pattern, prefix, unit, draw(st.sampled_from(TAILS))


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_case())
# Shapes that were quadratic before the patterns were rewritten, kept as regressions.
@example((dict(PATTERNS)["boilerplate._EMAIL_RE"], "", "a", ""))
@example((dict(PATTERNS)["boilerplate._URL_LINE_RE"], "source ", " ", "x"))
@example((dict(PATTERNS)["boilerplate._AGENCY_ONLY_RE"], "Reuters ", ". ", "x"))
@example((dict(PATTERNS)["boilerplate._UI_RE"], "loading:", "© ", "x"))
@example((dict(PATTERNS)["boilerplate._BYLINE_RE"], "author", "\u00a0", ""))
@example((dict(PATTERNS)["extract._SENTENCE_END_RE"], "", ".", "!"))
@example((dict(PATTERNS)["html._ATTR_RE"], "", "-", "!"))
@example((dict(PATTERNS)["html._TAG_RE"], "", "<", "x"))
@example((dict(PATTERNS)["plain._LINK_RE"], "", "[", "!"))
@example((dict(PATTERNS)["plain._STRONG_RE"], "", "**a ", ""))
def test_pattern_is_linear_on_mixtures(case: tuple[re.Pattern[str], str, str, str]) -> None:
    pattern, prefix, unit, tail = case
    _assert_linear(pattern, prefix, unit, tail)
