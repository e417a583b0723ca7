"""Exact character ranges of paragraphs, and the text helpers every divergence detector shares.

The report contract promises `span.text == paragraphs[span.paragraph][span.start:span.end]`, so
spans are only ever made here, by slicing; detectors pass offsets, never text. Summaries quote
article text, which is untrusted, so quoting strips control characters and escapes here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.model import Span

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)|;")
# Abbreviations whose full stop does not end a sentence ("Mr. Aliyev", "2 a.m. on Sunday").
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "no", "u.s", "u.n", "a.m", "p.m"}
)
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")


def make_span(source: str, paragraph: int, text: str, start: int, end: int) -> Span:
    """A span over `text[start:end]`, trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(source, paragraph, start, end, text[start:end])


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; clauses after ';' count as sentences."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)\.$", text[start : match.start() + 1])
        if match.group().startswith(".") and word and word.group(1).casefold() in _ABBREVIATIONS:
            continue
        ranges.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        ranges.append((start, len(text)))
    return [_trim(text, s, e) for s, e in ranges if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def phrase_pattern(phrase: str, *, inflect: bool = False) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for `phrase`.

    Words may be separated by any whitespace; straight and curly apostrophes are the same. With
    `inflect`, the last word may take a plural (-s, -es) and any word a possessive ('s).
    """
    words = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
    if not words:
        raise ValueError("empty phrase")
    if inflect:
        words[-1] += r"(?:e?s)?"
    body = r"\s+".join(words)
    return re.compile(rf"(?<![\w'’-]){body}(?:['’]s?)?(?![\w'’-]*\w)", re.IGNORECASE)


def find_phrases(text: str, patterns: Iterable[re.Pattern[str]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches of several patterns, longest first: (start, end, pattern index)."""
    found: list[tuple[int, int, int]] = []
    for index, pattern in enumerate(patterns):
        found.extend((m.start(), m.end(), index) for m in pattern.finditer(text))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, int]] = []
    for start, end, index in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, index))
    return kept


def quote(text: str, limit: int = 80) -> str:
    """Article text made safe and short enough for a one-line summary."""
    clean = " ".join(_CONTROL.sub(" ", text).split())
    if len(clean) <= limit:
        return clean
    cut = clean[: limit - 1].rsplit(" ", 1)[0]
    return (cut or clean[: limit - 1]) + "…"


def join_names(names: Iterable[str]) -> str:
    """Outlet names, deduplicated, in order, comma-separated."""
    return ", ".join(dict.fromkeys(names))
