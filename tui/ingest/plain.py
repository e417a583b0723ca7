"""Plain-text and Markdown articles -> title and paragraph candidates.

Outlets' text exports, wire copy pasted into a file and Markdown notes all arrive here. They
share one reader because in practice "plain text" articles carry Markdown links and headings
(the seed article does), and reducing `[text](url)` to `text` is right for both. A paragraph
ends at a blank line; lines wrapped inside a paragraph are joined with a space.

One exception: a blank line that plainly cuts one sentence in two (the seed article has "…to be
taken away in an" / blank / "ambulance while…") is mended. The block after the blank line is
marked soft only when the block before it is a single line of prose and the block itself ends
a sentence; `mend_broken_sentences` then joins the two only if the first stops mid-sentence and
the second starts lower-case. A mended pair ends in closing punctuation, so mending never
chains: a file of thousands of unpunctuated lower-case paragraphs stays thousands of paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.ingest.blocks import Block, BlockKind
from tui.text.clean import clean_line, collapse_spaces

_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_ITEM_RE = re.compile(r"^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_FENCE_RE = re.compile(r"^\s{0,3}(?:```|~~~)")
_REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")

# Bracketed parts exclude their own opening character, so a run of "[" or "![" costs one pass
# instead of a scan to the end of the paragraph from each of them.
_IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_LINK_RE = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()]*\))*+(?:\s+\"[^\"]*\")?\)")
_REF_LINK_RE = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# The emphasised text never runs past the next delimiter, so every opener is looked at up to
# the next one only: a paragraph of unclosed "**" costs one pass, not one per opener.
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_EMPHASIS_RE = re.compile(r"(?<![\w*])([*_])(?=\S)((?:(?!\1).)+?)(?<=\S)\1(?![\w*])")
_CODE_RE = re.compile(r"`([^`]+)`")
# Closing punctuation; searched from the last character only, so long paragraphs cost nothing.
_SENTENCE_END_RE = re.compile(r"[.!?…:;\"”»)]$")


def reduce_inline(text: str) -> str:
    """Markdown inline syntax to the words a reader sees; lone [brackets] stay as they are."""
    text = _IMAGE_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _REF_LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _CODE_RE.sub(r"\1", text)
    text = _STRONG_RE.sub(r"\2", text)
    return _EMPHASIS_RE.sub(r"\2", text)


@dataclass(frozen=True)
class PlainArticle:
    title: str
    blocks: tuple[Block, ...]


def plain_blocks(text: str) -> PlainArticle:
    """Title and paragraph candidates of a text or Markdown article."""
    blocks: list[Block] = []
    lines: list[str] = []
    kind: BlockKind = "p"
    after_blank = False
    # whether the last block kept was one line of prose, the only kind a blank line may cut
    prev_single_line = False

    def flush() -> None:
        nonlocal after_blank, prev_single_line
        if lines:
            joined = clean_line(reduce_inline(" ".join(lines)))
            if joined:
                # the second half of a sentence cut by a blank line: it follows a one-line
                # paragraph and completes a sentence itself (see the module docstring)
                soft = (
                    after_blank
                    and kind == "p"
                    and prev_single_line
                    and _SENTENCE_END_RE.search(joined, len(joined) - 1) is not None
                )
                blocks.append(Block(joined, kind, 0, soft=soft))
                prev_single_line = kind == "p" and len(lines) == 1
            lines.clear()
        after_blank = False

    in_fence = False
    for raw in collapse_spaces(text).split("\n"):
        if _FENCE_RE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if not raw.strip():
            flush()
            after_blank = True
            continue
        if in_fence:
            lines.append(raw)
            continue
        if _RULE_RE.match(raw) or _REF_DEF_RE.match(raw):
            flush()
            continue
        if lines and kind == "p" and _SETEXT_RE.match(raw):
            kind = "heading"
            flush()
            kind = "p"
            continue
        heading = _HEADING_RE.match(raw)
        if heading:
            flush()
            # the closing #s and spaces are stripped here: as one pattern they were quadratic
            kind, lines[:] = "heading", [heading.group(2).rstrip().rstrip("#").rstrip()]
            flush()
            kind = "p"
            continue
        item = _ITEM_RE.match(raw)
        quote = _QUOTE_RE.match(raw)
        if item:
            flush()
            kind = "item"
            lines.append(raw[item.end() :])
        elif quote:
            if kind != "quote":
                flush()
            kind = "quote"
            lines.append(raw[quote.end() :])
        else:
            if kind == "quote":
                flush()
                kind = "p"
            lines.append(raw)
    flush()
    return _split_title(blocks)


def _split_title(blocks: list[Block]) -> PlainArticle:
    """The first heading, or a short first line that is not a sentence, is the title."""
    if len(blocks) < 2:
        return PlainArticle("", tuple(blocks))
    first = blocks[0]
    if first.kind == "heading" or (
        len(first.text.split()) <= 20 and not _SENTENCE_END_RE.search(first.text)
    ):
        return PlainArticle(first.text, tuple(blocks[1:]))
    return PlainArticle("", tuple(blocks))
