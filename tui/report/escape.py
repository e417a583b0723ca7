"""Untrusted text made inert inside a Markdown report that GitHub or GitLab will render.

Article text comes from whoever published the page: it may hold pipes that would split a table
row, `[links](…)` and `<tags>` that would turn into live markup, backticks, emphasis markers,
entities, ANSI colour codes or other control characters. Everything from an article (and, as a
matter of habit, from config) goes through `inline` before it reaches the report.

`inline` produces text for an *inline* position: a table cell, a heading after its `#`s, a list
item after its marker. The report never starts a line with escaped text, so block-level syntax
(`# heading`, `> quote`, `1. list`) at the start of an article paragraph is inert by position;
the `#`, `>` and `|` are escaped anyway, so a mistake in the writer would not become an injection.

Highlights are placed on the raw text first (span offsets point into the raw paragraph) and
escaping happens per piece, so a `<mark>` can never be broken or forged by the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from tui.text.clean import strip_controls

_BREAKS = re.compile(r"\n+")
# HTML's three plus every character with an inline Markdown meaning on GitHub or GitLab:
# code, emphasis, links and images, footnotes, strikethrough, math, table cells, headings.
_SPECIAL = re.compile(r"[&<>\\`*_\[\]!|~$#]")
# GitHub looks for $math$ before it applies backslash escapes, so "\$" can show its backslash;
# its documented way to write a literal dollar is inside a <span>.
_REPLACEMENTS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "<span>$</span>"}
# GFM turns bare "scheme://…", "www.…" and e-mail addresses into links, and a report pasted
# into a GitHub issue would turn "@name" into a notification and "#12" into an issue link. An
# empty HTML element splits the text node so that no autolinker sees them; it shows nothing.
_BREAK_TAG = "<wbr>"
_SCHEME = re.compile(r"://")
_WWW = re.compile(r"(?i)\b(www)\.")
_REFERENCE = re.compile(r"(?<=[@#])(?=\w)")
_URL_SAFE = "/:?#=&;,+%~.-_@!$'*"


def clean(text: str) -> str:
    """The text as it should read in one line: no escapes, no control characters, no breaks
    (`strip_controls` keeps newlines for paragraph work; a table cell cannot have them)."""
    return _BREAKS.sub(" ", strip_controls(text))


def inline(text: str) -> str:
    """Untrusted text for an inline position (table cell, heading, list item)."""
    escaped = _SPECIAL.sub(lambda m: _REPLACEMENTS.get(m[0], "\\" + m[0]), clean(text))
    escaped = _SCHEME.sub(_BREAK_TAG + "://", escaped)
    escaped = _WWW.sub(r"\1" + _BREAK_TAG + ".", escaped)
    return _REFERENCE.sub(_BREAK_TAG, escaped)


def marked(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """`inline(text)` with the characters in `ranges` wrapped in <mark>.

    Ranges are offsets into the raw `text`; overlapping or touching ranges merge, and ranges
    outside the text are clipped, so a bad span costs a highlight, never the report.
    """
    pieces: list[str] = []
    position = 0
    for start, end in _merged(ranges, len(text)):
        pieces.append(inline(text[position:start]))
        pieces.append(f"<mark>{inline(text[start:end])}</mark>")
        position = end
    pieces.append(inline(text[position:]))
    return "".join(pieces)


def _merged(ranges: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    clipped = sorted(
        (max(0, start), min(length, end)) for start, end in ranges if min(length, end) > start
    )
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def code(text: str) -> str:
    """Text shown in a monospace font (ids, paths) and still inert."""
    return f"<code>{inline(text)}</code>"


def location(value: str, *, width: int = 60, label: str = "") -> str:
    """An article's location: a link for http(s) URLs, a code span for anything else.

    The link's target is percent-encoded so that it cannot close the Markdown link or split a
    table row; its visible text is `label`, else the URL without the scheme, shortened to
    `width`.
    """
    parts = urlsplit(clean(value).strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return code(value)
    target = quote(parts.geturl(), safe=_URL_SAFE).replace("&", "&amp;")
    shown = label or (parts.netloc + parts.path).rstrip("/")
    if len(shown) > width:
        shown = shown[: width - 1] + "…"
    return f"[{inline(shown)}]({target})"
