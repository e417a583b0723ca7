"""Word wrapping by character offsets.

The grid needs every row's height before it draws anything (to size the scroll area), so it
wraps thousands of paragraphs up front. rich's `Text.wrap` builds a `Text` per line, which is
several times slower than counting here; the grid then cuts the styled `Text` at these offsets
only for rows that are on screen. `one_line` is the other case: text that gets one line,
cut to fit (headers, unwrapped cells, the panel's entries).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.strip import Strip

_WORD = re.compile(r"(\S+)(\s*)")
_LAST_BLANKS = re.compile(r"\s+\S*\Z")  # searched up to an end: the last run of blanks
_NON_BLANK = re.compile(r"\S")


def line_starts(text: str, width: int) -> list[int]:
    """Offsets where each wrapped line of `text` begins (greedy, words longer than a line fold)."""
    width = max(1, width)
    if text.isascii() and text.isprintable():  # a control character takes no cell: below
        return _ascii_line_starts(text, width) if len(text) > width else [0]
    measure = cell_len
    starts = [0]
    used = measure(text[: len(text) - len(text.lstrip())])  # leading blanks take room too
    for match in _WORD.finditer(text):
        word_width = measure(match.group(1))
        if used and used + word_width > width:
            starts.append(match.start())
            used = 0
        if word_width > width:
            for index in range(match.start(1), match.end(1)):
                char_width = measure(text[index])
                if used and used + char_width > width:
                    starts.append(index)
                    used = 0
                used += char_width
        else:
            used += word_width
        used += measure(match.group(2))
    return starts


def _ascii_line_starts(text: str, width: int) -> list[int]:
    """`line_starts` where every character is one cell (printable ASCII), a line at a time
    rather than a word at a time (the grid wraps every paragraph of an event before its first
    paint): a line from `start` ends at the last blank within `width` characters, and the next
    begins at the following word; with no blank in reach, the word folds at `width`."""
    starts = [0]
    start, end = 0, len(text)
    while end - start > width:
        blanks = _LAST_BLANKS.search(text, start, start + width + 1)
        if blanks is None:  # one word longer than the line: fold it
            start += width
        else:
            word = _NON_BLANK.search(text, blanks.start())
            if word is None:  # only blanks follow
                break
            start = word.start()
        starts.append(start)
    return starts


def one_line(text: Text, width: int, console: Console) -> Strip:
    """`text` as exactly `width` cells: cut with an ellipsis if longer, padded if shorter."""
    text.truncate(width, overflow="ellipsis", pad=True)
    return Strip(list(text.render(console))).adjust_cell_length(width)
