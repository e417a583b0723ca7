"""The paragraph candidates that HTML and plain-text extraction both produce.

Both front ends hand the boilerplate rules the same shape, so the rules and the repair of
sentences broken across lines are written once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

BlockKind = Literal["p", "heading", "item", "quote", "row"]


@dataclass(frozen=True)
class Block:
    """One paragraph candidate with the little layout knowledge the rules need.

    `link_chars` counts characters inside links: a line that is nothing but a link inside an
    article is a promo for another article. `soft` marks a block separated from the one before
    only by a break that may cut a sentence: a <br>, or in plain text a blank line after a
    one-line paragraph when this block completes a sentence (see `tui.ingest.plain`).
    """

    text: str
    kind: BlockKind = "p"
    link_chars: int = 0
    soft: bool = False

    @property
    def link_ratio(self) -> float:
        return min(1.0, self.link_chars / len(self.text)) if self.text else 0.0


# A sentence that runs on: the line does not end in closing punctuation. Only ever matched
# against the last character (`_open_end`), so the check costs the same on any length of text.
_OPEN_END_RE = re.compile(r"[\w,\-–]")
_LOWER_START_RE = re.compile(r"^[^\W\d_]")


def _open_end(text: str) -> bool:
    """Whether `text` stops mid-sentence; looks at its last character only."""
    return bool(text) and _OPEN_END_RE.fullmatch(text[-1]) is not None


def mend_broken_sentences(blocks: Iterable[Block]) -> list[Block]:
    """Join a soft-broken block to the one before when the break cut a sentence in two.

    Only when the earlier line ends mid-sentence and the next starts with a lower-case letter:
    that is the signature of a hard wrap, never of two paragraphs or a list.

    A run of mended blocks is collected as a list of parts and joined once, and only the last
    part's end is checked: a page of thousands of soft breaks is mended in linear time, where
    re-scanning and rebuilding the growing paragraph for each break was quadratic.
    """
    out: list[Block] = []
    parts: list[str] = []  # the pieces of out[-1], joined when the run ends
    link_chars = 0

    def close_run() -> None:
        if len(parts) > 1:
            out[-1] = replace(out[-1], text=" ".join(parts), link_chars=link_chars)

    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.soft
            and prev.kind == block.kind
            and _open_end(parts[-1])
            and _LOWER_START_RE.match(block.text)
            and block.text[0].islower()
        ):
            parts.append(block.text)
            link_chars += block.link_chars
            continue
        close_run()
        out.append(block)
        parts = [block.text]
        link_chars = block.link_chars
    close_run()
    return out
