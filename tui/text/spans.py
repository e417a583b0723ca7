"""Exact character ranges of paragraphs, and the text helpers every divergence detector shares.

The report contract promises `span.text == paragraphs[span.paragraph][span.start:span.end]`, so
spans are only ever made here, by slicing; detectors pass offsets, never text. Summaries quote
article text, which is untrusted, so quoting strips control characters and escapes here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tui.model import Span

# A match starts only where a run of stops starts (the lookbehind) and takes the whole run and
# its closing quotes without giving any back (possessive), so a long run that does not end a
# sentence is read once, not once per character: "!" * 5000 + "x" was quadratic.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9]|\s*+$)|;")
# Abbreviations whose full stop does not end a sentence ("Mr. Aliyev", "2 a.m. on Sunday").
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "no", "u.s", "u.n", "a.m", "p.m"}
)
# The word that a full stop ends, and how far back to look for it: further than the longest
# abbreviation, so a longer word is never cut down to one.
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
_WORD_REACH = 2 + max(map(len, _ABBREVIATIONS))
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")


def make_span(source: str, paragraph: int, text: str, start: int, end: int) -> Span:
    """A span over `text[start:end]`, trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(source, paragraph, start, end, text[start:end])


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; clauses after ';' count as sentences.

    Linear in the text: each sentence end is checked against the few characters before it.
    Cached by the text: the aligner's claims and the paragraph's parse
    (`tui.analysis.parsed`) both ask, one right after the other, and the app asks again for
    every paragraph each time a source arrives.
    """
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # the word just before the stop, looked for in the last few characters only: `start`
        # stays put across abbreviations, and searching text[start:] each time was quadratic
        word = _WORD_BEFORE_STOP.search(
            text, max(start, match.start() - _WORD_REACH), match.start() + 1
        )
        if match.group().startswith(".") and word and word.group(1).casefold() in _ABBREVIATIONS:
            continue
        ranges.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        ranges.append((start, len(text)))
    return tuple(_trim(text, s, e) for s, e in ranges if text[s:e].strip())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=64)
def phrases_pattern(phrases: tuple[str, ...], *, inflect: bool = False) -> re.Pattern[str]:
    """One whole-word, case-insensitive pattern for all of `phrases` (compiled once per list).

    Words may be separated by any whitespace; straight and curly apostrophes are the same. With
    `inflect`, the last word may take a plural (-s, -es) and any word a possessive ('s). Longer
    phrases are tried first, so "absolute lie" wins over "lie"; which phrase matched is
    `find_phrases`' third value. Blank phrases never match.
    """
    alternatives = []
    for index, phrase in sorted(enumerate(phrases), key=lambda p: -len(p[1])):
        words = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
        if words:
            if inflect:
                words[-1] += r"(?:e?s)?"
            body = r"\s+".join(words)
            alternatives.append(f"(?P<p{index}>{body})")
    either = "|".join(alternatives) or r"(?!)"
    return re.compile(rf"(?<![\w'’-])(?:{either})(?:['’]s?)?(?![\w'’-]*\w)", re.IGNORECASE)


def find_phrases(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches of a `phrases_pattern`: (start, end, index of the phrase)."""
    return [(m.start(), m.end(), int(m.lastgroup[1:])) for m in pattern.finditer(text)]  # type: ignore[index]


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
