"""Two outlets word by word: for every row both report, what one wrote and the other did not.

The habit of delta and difftastic: words only in the left outlet struck through in red, only in
the right underlined in green, the rest as it is, one block per aligned row; n/] and N/[ step
through the rows that differ, `l` and `r` choose the outlets. The diff is difflib over words
(whitespace kept with each word), computed when the screen opens, not per key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.highlight import clean
from tui.app.layout import Column, GridModel

Op = Literal["equal", "left", "right"]
_WORD = re.compile(r"\S+\s*|\s+")
LEFT_STYLE = Style(color="#ff7b72", strike=True, bold=True)
RIGHT_STYLE = Style(color="#56d364", underline=True, bold=True)


# Typographic quotes and apostrophes compare as the typewriter ones: "Azerbaijan's" and
# "Azerbaijan’s" are one word in two outlets' typesetting, not a change of wording.
_SAME_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})


def _key(word: str) -> str:
    return word.strip().translate(_SAME_QUOTES)


def word_diff(left: str, right: str) -> list[tuple[Op, str]]:
    """`left` and `right` as runs of words: common, only left, only right (in reading order).

    Every run but the last ends in whitespace: a run taken from the end of one text (its last
    word has none after it) ran into the next ("killed.killed in the fighting")."""
    a, b = _WORD.findall(left), _WORD.findall(right)
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in a], [_key(w) for w in b])
    runs: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("left", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("right", "".join(b[j1:j2])))
    return [
        (op, words if index == len(runs) - 1 or words[-1:].isspace() else words + " ")
        for index, (op, words) in enumerate(runs)
    ]


@dataclass(frozen=True)
class RowDiff:
    cluster: str
    runs: tuple[tuple[Op, str], ...]

    @property
    def differs(self) -> bool:
        return any(op != "equal" for op, _ in self.runs)


def row_diffs(model: GridModel, left: int, right: int) -> list[RowDiff]:
    """The diff of every row where both columns have text."""
    texts = model.paragraphs
    left_id, right_id = model.columns[left].source_id, model.columns[right].source_id
    diffs = []
    for row in model.rows:
        a, b = row.cells[left], row.cells[right]
        if not a or not b:
            continue
        left_text = " ".join(texts[left_id][p] for p in a)
        right_text = " ".join(texts[right_id][p] for p in b)
        diffs.append(RowDiff(row.cluster_id, tuple(word_diff(left_text, right_text))))
    return diffs


def _styled(diff: RowDiff) -> Text:
    text = Text(end="")
    for op, words in diff.runs:
        style = LEFT_STYLE if op == "left" else RIGHT_STYLE if op == "right" else None
        text.append(clean(words), style=style)
    return text


class WordDiffScreen(Screen[str | None]):
    """Dismisses with the highlighted row's cluster id (escape: back there in the grid)."""

    BINDINGS = [  # noqa: RUF012
        Binding("right_square_bracket,n", "step(1)", "Next difference", id="diff.next"),
        Binding("left_square_bracket,N", "step(-1)", "Previous difference", id="diff.prev"),
        Binding("l", "cycle(0)", "Left outlet", id="diff.left"),
        Binding("r", "cycle(1)", "Right outlet", id="diff.right"),
        Binding("escape,equals_sign", "back", "Back", id="diff.back"),
        Binding("q", "app.quit", "Quit", id="diff.quit"),
    ]

    DEFAULT_CSS = """
    WordDiffScreen { background: $surface; }
    WordDiffScreen #diff-head { height: 2; padding: 0 1; background: $panel; }
    WordDiffScreen OptionList { height: 1fr; border: none; padding: 0 1; }
    WordDiffScreen #diff-keys { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, model: GridModel, left: int, right: int) -> None:
        super().__init__()
        self._model = model
        self.pair = [left, right]
        self._diffs: list[RowDiff] = []

    @property
    def columns(self) -> tuple[Column, Column]:
        left, right = self.pair
        return self._model.columns[left], self._model.columns[right]

    def compose(self) -> ComposeResult:
        yield Static(id="diff-head")
        yield OptionList()
        yield Static(
            Text("]/n [/N  next/previous difference   l r  change outlet   esc  back   q  quit"),
            id="diff-keys",
        )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        left, right = self.columns
        head = Text(end="")
        head.append(clean(f"− {left.outlet} ({left.side.label})"), style=LEFT_STYLE)
        head.append("\n")
        head.append(clean(f"+ {right.outlet} ({right.side.label})"), style=RIGHT_STYLE)
        self.query_one("#diff-head", Static).update(head)
        self._diffs = row_diffs(self._model, *self.pair)
        options = self.query_one(OptionList)
        options.clear_options()
        if not self._diffs:
            none = "No row holds a paragraph of both: the aligner matched none of theirs."
            options.add_option(Option(Text(none, style="dim")))
            return
        for index, diff in enumerate(self._diffs):
            row = self._model.row_of_cluster[diff.cluster] + 1
            prompt = Text(f"row {row}  ", style="bold", end="")
            if not diff.differs:
                prompt.append("(same words) ", style="dim")
            prompt.append_text(_styled(diff))
            options.add_option(Option(prompt, id=str(index)))
            options.add_option(None)
        self.action_step(1, start=-1)

    def action_step(self, delta: int, start: int | None = None) -> None:
        """Highlight the next row (after `start`, else the highlighted one) that differs."""
        options = self.query_one(OptionList)
        count = len(self._diffs)
        if not count:
            return
        here = options.highlighted if start is None else start
        here = -1 if here is None else here
        for step in range(1, count + 1):
            index = (here + delta * step) % count
            if self._diffs[index].differs:
                options.highlighted = index
                return
        self.app.notify("These two say the same words in every row they share.", timeout=3)

    def action_cycle(self, which: int) -> None:
        """The next outlet with text of the same side for the left (0) or right (1) pane; of
        any other side when it is its side's only one."""
        columns = self._model.columns
        readable = [i for i, c in enumerate(columns) if self._model.paragraphs.get(c.source_id)]
        side = columns[self.pair[which]].side.id
        same = [i for i in readable if columns[i].side.id == side]
        others = [i for i in readable if i not in same]
        pool: Sequence[int] = same if len(same) > 1 else others
        position = pool.index(self.pair[which]) if self.pair[which] in pool else -1
        after = [pool[(position + step) % len(pool)] for step in range(1, len(pool) + 1)]
        candidate = next((i for i in after if i != self.pair[1 - which]), None)
        if candidate is not None and candidate != self.pair[which]:
            self.pair[which] = candidate
            self._fill()

    def action_back(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        self.dismiss(self._diffs[index].cluster if index is not None and self._diffs else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_back()
