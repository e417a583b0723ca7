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
    only by a line break (<br>, or a blank line in plain text), which may cut a sentence.
    """

    text: str
    kind: BlockKind = "p"
    link_chars: int = 0
    soft: bool = False

    @property
    def link_ratio(self) -> float:
        return min(1.0, self.link_chars / len(self.text)) if self.text else 0.0


# A sentence that runs on: the line does not end in closing punctuation.
_OPEN_END_RE = re.compile(r"[\w,\-–]$")
_LOWER_START_RE = re.compile(r"^[^\W\d_]")


def mend_broken_sentences(blocks: Iterable[Block]) -> list[Block]:
    """Join a soft-broken block to the one before when the break cut a sentence in two.

    Only when the earlier line ends mid-sentence and the next starts with a lower-case letter:
    that is the signature of a hard wrap, never of two paragraphs or a list.
    """
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.soft
            and prev.kind == block.kind
            and _OPEN_END_RE.search(prev.text)
            and _LOWER_START_RE.match(block.text)
            and block.text[0].islower()
        ):
            out[-1] = replace(
                prev,
                text=f"{prev.text} {block.text}",
                link_chars=prev.link_chars + block.link_chars,
            )
        else:
            out.append(block)
    return out
