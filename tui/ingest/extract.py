"""Raw document -> `Article(title, paragraphs)`: the text every later stage compares.

Paragraph boundaries matter downstream (alignment works paragraph by paragraph and the report
points at characters inside them), so block structure is kept, whitespace is normalised the
same way for every outlet, and boilerplate that would otherwise look like facts reported by
one side only is dropped. When nothing is left the caller gets one `ExtractionError` saying
why, never an empty article.

Limits. One pathological page (a 5 MB text dump, a page that is one giant paragraph) must not
stall the comparison of every other outlet, so what one article can contribute is capped:

- at most `MAX_BLOCKS` paragraph candidates go through the boilerplate rules, and at most
  `MAX_PARAGRAPHS` paragraphs come out, the first ones: news leads with what matters, so the
  head of an over-long article is the useful part, and alignment stays cheap;
- a paragraph longer than `MAX_PARAGRAPH_CHARS` is split at sentence ends into pieces no
  longer than that, and hard-wrapped at spaces (or, failing those, anywhere) where a sentence
  alone is longer: detectors and the viewer work sentence by sentence within a paragraph, so
  the pieces lose nothing they could use.

Real articles are far below both limits (the bundled events have tens of paragraphs of a few
hundred characters). When a limit applies, `Article.note` says so in one line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tui.ingest.blocks import mend_broken_sentences
from tui.ingest.boilerplate import RULE_NAMES, drop_boilerplate
from tui.ingest.html import (
    ELEMENT_RULE_NAMES,
    PARSER_DEPTH,
    HtmlError,
    html_blocks,
    nests_too_deep,
)
from tui.ingest.plain import plain_blocks
from tui.text.clean import clean_line, xml_safe

ALL_RULES: frozenset[str] = frozenset((*ELEMENT_RULE_NAMES, *RULE_NAMES))

_PLAIN_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})


MAX_PARAGRAPHS = 1_000
MAX_PARAGRAPH_CHARS = 5_000
# Candidates kept for the boilerplate rules: room for many dropped lines and repeats, but a
# bound on the work done for a page whose tail is cut off anyway.
MAX_BLOCKS = 4 * MAX_PARAGRAPHS


@dataclass(frozen=True)
class Article:
    """An article's title and paragraphs; `note` says, in one line, if a size limit applied."""

    title: str
    paragraphs: tuple[str, ...]
    note: str = ""


class ExtractionError(Exception):
    """No article text could be had; the message is one line saying why."""


def extract(
    text: str,
    *,
    media_type: str = "text/html",
    url: str | None = None,
    selector: str | None = None,
    rules: frozenset[str] = ALL_RULES,
) -> Article:
    """Title and paragraphs of one article.

    `media_type` may carry parameters ("text/html; charset=utf-8"). `selector` is the outlet's
    CSS selector; when it matches it replaces readability's choice of block. `rules` names the
    clean-up rules to apply; everything but the extraction benchmark leaves it alone.
    """
    kind = media_type.split(";", 1)[0].strip().lower() or "text/html"
    if kind not in _PLAIN_TYPES and kind not in _HTML_TYPES:
        raise _no_text(f"the media type {kind!r} is not HTML or text")
    if not text or not text.strip():
        raise _no_text("the document is empty")
    if _looks_binary(text):
        raise _no_text("the document looks like binary data, not HTML or text")
    if kind in _PLAIN_TYPES:
        parsed = plain_blocks(text)
        title, blocks = parsed.title, parsed.blocks
    else:
        try:
            page = html_blocks(xml_safe(text), url=url, selector=selector, rules=rules)
        except HtmlError as exc:
            raise _no_text(str(exc)) from exc
        title, blocks = page.title, page.blocks
    # The parser drops whatever lies deeper than it reads; that must never go unsaid.
    too_deep = kind in _HTML_TYPES and nests_too_deep(text)
    if not blocks:
        if too_deep:
            raise _no_text(
                f"the page nests its markup more than {PARSER_DEPTH:,} levels deep,"
                " past what the HTML parser reads"
            )
        raise _no_text("the page has no readable body text")
    mended = mend_broken_sentences(blocks)
    cleaned = drop_boilerplate(mended[:MAX_BLOCKS], title, rules)
    if not cleaned.paragraphs:
        if cleaned.paywall:
            raise _no_text("the page only asks the reader to log in or subscribe (a paywall)")
        raise _no_text("everything on the page was boilerplate (share bars, captions, promos)")
    paragraphs, note = _within_limits(cleaned.paragraphs, cut=len(mended) > MAX_BLOCKS)
    if too_deep:
        deep = f"text nested more than {PARSER_DEPTH:,} levels deep may be missing"
        note = f"{note}; {deep}" if note else deep
    return Article(clean_line(title), paragraphs, note)


def _within_limits(paragraphs: tuple[str, ...], *, cut: bool) -> tuple[tuple[str, ...], str]:
    """Paragraphs split and counted down to the limits, and a note when either applied.

    `cut` says the candidates were already cut to `MAX_BLOCKS` before the boilerplate rules.
    """
    out: list[str] = []
    split = 0
    for paragraph in paragraphs:
        if len(out) >= MAX_PARAGRAPHS:
            cut = True
            break
        pieces = split_paragraph(paragraph) if len(paragraph) > MAX_PARAGRAPH_CHARS else []
        split += bool(pieces)
        out.extend(pieces or [paragraph])
    if len(out) > MAX_PARAGRAPHS:
        del out[MAX_PARAGRAPHS:]
        cut = True
    notes = []
    if split:
        notes.append(
            f"{split:,} paragraph(s) longer than {MAX_PARAGRAPH_CHARS:,} characters were split"
        )
    if cut:
        notes.append(f"only the first {MAX_PARAGRAPHS:,} paragraphs were kept")
    return tuple(out), "; ".join(notes)


# The end of a sentence: closing punctuation and any closing quotes or brackets, before a space;
# the group is the next word's first character, which must not be lower-case.
# It starts only where a run of punctuation starts, so a page of dots costs one pass.
_SENTENCE_END_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s++(\S))")


def split_paragraph(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at sentence ends where possible.

    Each piece is as long as whole sentences allow; a sentence longer than `limit` is wrapped
    at the last space that fits, or cut at `limit` when there is none. A full stop followed by a
    lower-case word ("2 a.m. on Sunday") is not a sentence end; one before a capital ("Mr.
    Aliyev") may be taken for one, which costs a piece break, nothing more. Runs in time linear
    in the text, whatever its shape.
    """
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text) if not m.group(1).islower()]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = start + limit
        # the last sentence end within the window, else the last space, else the window's end
        i = bisect.bisect_right(ends, window) - 1
        if i >= 0 and ends[i] > start:
            cut = ends[i]
        else:
            space = text.rfind(" ", start + 1, window + 1)
            cut = space if space > start else window
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def article_text(html: str, url: str | None = None) -> list[str]:
    """The benchmark's adaptor: paragraphs of an HTML page, or none when there is no text."""
    try:
        return list(extract(html, url=url).paragraphs)
    except ExtractionError:
        return []


def _no_text(reason: str) -> ExtractionError:
    return ExtractionError(f"no article text found: {reason}")


def _looks_binary(text: str) -> bool:
    """Replacement characters or C0 controls (NUL among them) in bulk mean a decoded binary
    file; a few of them are damage in a real page, which costs those characters only."""
    sample = text[:4096]
    odd = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    return odd > len(sample) // 10


__all__ = [
    "ALL_RULES",
    "MAX_PARAGRAPHS",
    "MAX_PARAGRAPH_CHARS",
    "Article",
    "ExtractionError",
    "article_text",
    "extract",
    "split_paragraph",
]
