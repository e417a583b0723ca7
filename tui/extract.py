"""Raw document -> `Article(title, paragraphs)`: the text every later stage compares.

Paragraph boundaries matter downstream (alignment works paragraph by paragraph and the report
points at characters inside them), so block structure is kept, whitespace is normalised the
same way for every outlet, and boilerplate that would otherwise look like facts reported by
one side only is dropped. When nothing is left the caller gets one `ExtractionError` saying
why, never an empty article.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.boilerplate import RULE_NAMES, drop_boilerplate
from tui.cleantext import clean_line
from tui.extract_blocks import mend_broken_sentences
from tui.extract_html import ELEMENT_RULE_NAMES, HtmlError, html_blocks
from tui.extract_plain import plain_blocks

ALL_RULES: frozenset[str] = frozenset((*ELEMENT_RULE_NAMES, *RULE_NAMES))

_PLAIN_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]


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
            page = html_blocks(text, url=url, selector=selector, rules=rules)
        except HtmlError as exc:
            raise _no_text(str(exc)) from exc
        title, blocks = page.title, page.blocks
    if not blocks:
        raise _no_text("the page has no readable body text")
    cleaned = drop_boilerplate(mend_broken_sentences(blocks), title, rules)
    if not cleaned.paragraphs:
        if cleaned.paywall:
            raise _no_text("the page only asks the reader to log in or subscribe (a paywall)")
        raise _no_text("everything on the page was boilerplate (share bars, captions, promos)")
    return Article(clean_line(title), cleaned.paragraphs)


def article_text(html: str, url: str | None = None) -> list[str]:
    """The benchmark's adaptor: paragraphs of an HTML page, or none when there is no text."""
    try:
        return list(extract(html, url=url).paragraphs)
    except ExtractionError:
        return []


def _no_text(reason: str) -> ExtractionError:
    return ExtractionError(f"no article text found: {reason}")


def _looks_binary(text: str) -> bool:
    """NUL bytes, replacement characters or C0 controls in bulk mean a decoded binary file."""
    sample = text[:4096]
    odd = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    return "\x00" in sample or odd > len(sample) // 10


__all__ = ["ALL_RULES", "Article", "ExtractionError", "article_text", "extract"]
