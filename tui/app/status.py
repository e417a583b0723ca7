"""The header and the status line as styled Text (no widgets): loading progress, the event's
sources per side and divergences per kind, and where the cursor is and what diverges there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import overload

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from tui.app.highlight import KIND_STYLES, plain
from tui.app.layout import Column, GridModel, Row
from tui.app.loader import Progress, ProgressState, finished
from tui.model import DIVERGENCE_KINDS, Comparison, Divergence, DivergenceKind, Event

STATE_GLYPHS: dict[ProgressState, str] = {
    "queued": "○",
    "fetching": "↓",
    "cached": "●",
    "done": "✓",
    "error": "✗",
}


def state_label(progress: Progress | None) -> Text:
    """A column's one-line status: glyph, state and the loader's detail."""
    if progress is None:
        return Text("○ waiting", style="dim", end="")
    label = Text(f"{STATE_GLYPHS[progress.state]} {progress.state}", end="", no_wrap=True)
    if progress.state == "error":
        label.stylize("bold")
    if progress.detail:
        label.append(": " if progress.state == "error" else " · ")
        label.append_text(plain(progress.detail))
    return label


def contrast_text(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (a side's band)."""
    try:
        r, g, b = Style.parse(f"on {colour}").bgcolor.get_truecolor()  # type: ignore[union-attr]
    except Exception:
        return "white"
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "white"


def safe_colour(colour: str) -> str:
    """The side's colour if rich understands it, else a neutral grey (config typos stay visible)."""
    try:
        Style.parse(f"on {colour}")
    except Exception:
        return "grey50"
    return colour


def kind_chip(kind: DivergenceKind, count: int, hidden: bool, *, short: bool = False) -> Text:
    """A kind's count in the header: its own style when shown, struck and dim when filtered
    out; a click on it toggles the filter (the style carries the action). `short` is the
    glyph and count alone ("#2"), for a terminal too narrow for every kind's name."""
    style = KIND_STYLES[kind]
    look = Style(dim=True, strike=True) if hidden else style.style
    chip = Text(f"{style.glyph}{count}" if short else f"{style.glyph}{kind} {count}", look, end="")
    chip.stylize(Style.from_meta({"@click": f"app.toggle_kind('{kind}')"}))
    return chip


class Fitted:
    """One header in several renderings, widest first: the first that fits the width it is
    given is drawn. The header's width is only known when it is drawn, and at 80
    columns the full one cut off the kind chips, which are the filters a click toggles."""

    def __init__(self, choices: Sequence[Text]) -> None:
        self.choices = choices

    def fitting(self, width: int) -> Text:
        """The first choice whose lines below the first fit; the first line is the title,
        which any rendering cuts with an ellipsis."""
        for text in self.choices:
            if all(cell_len(line) <= width for line in text.plain.split("\n")[1:]):
                return text
        return self.choices[-1]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.fitting(options.max_width)


class Renderings(Sequence[Text]):
    """Renderings made the first time they are asked for: the header is replaced on every
    source's progress (30 times while a big event loads) and drawn far less often, nearly
    always in its first rendering, so making all of them each time was wasted work."""

    def __init__(self, count: int, make: Callable[[int], Text]) -> None:
        self._count, self._make = count, make
        self._made: dict[int, Text] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Text: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Text]: ...
    def __getitem__(self, index: int | slice) -> Text | Sequence[Text]:
        if isinstance(index, slice):
            return [self[i] for i in range(self._count)[index]]
        level = range(self._count)[index]  # IndexError past the end ends iteration
        if level not in self._made:
            self._made[level] = self._make(level)
        return self._made[level]


class SummaryBar(Static):
    """The header's widget: a `Fitted` header is drawn as the Text that fits its width now
    (redrawn on resize), the way Textual draws any Static's Text."""

    def render(self) -> RenderableType:
        content = self.content
        if isinstance(content, Fitted):
            return content.fitting(self.size.width)  # what it is drawn at, on screen or not
        return super().render()


def summary(
    event: Event,
    columns: Sequence[Column],
    states: Mapping[str, Progress],
    comparison: Comparison | None,
    hidden: frozenset[DivergenceKind] = frozenset(),
) -> Fitted:
    """The header: title and date; sources per side; loading state; divergences per kind.

    Narrower terminals get shorter words between the parts, then the kinds as glyphs ("#2 !1"),
    then side labels cut to three letters, then no sides (the columns' headers name them); the
    title line is cut with an ellipsis.
    """
    return Fitted(
        Renderings(
            _LEVELS, lambda level: _summary(event, columns, states, comparison, hidden, level)
        )
    )


_LEVELS = 5  # full; short words; short chips; short side labels; no sides


def _summary(
    event: Event,
    columns: Sequence[Column],
    states: Mapping[str, Progress],
    comparison: Comparison | None,
    hidden: frozenset[DivergenceKind],
    level: int,
) -> Text:
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    text.append_text(plain(event.title))
    text.stylize("bold")
    text.append(f"  ·  {event.date.isoformat()}\n", style="bold")
    bar = " │ " if level >= 1 else "   │ "

    per_side: Counter[str] = Counter(c.side.id for c in columns)
    seen: list[str] = []
    for column in columns if level < 4 else ():  # the columns' own headers name the sides
        side = column.side
        if side.id in seen:
            continue
        seen.append(side.id)
        colour = safe_colour(side.colour)
        label = side.label[:3] if level >= 3 else side.label
        text.append(" ")
        text.append(f" {label} ", style=f"bold {contrast_text(colour)} on {colour}")
        text.append(f" {per_side[side.id]}")
    done = [s for s in states.values() if finished(s)]
    errors = sum(1 for s in done if s.state == "error")
    pending = len(columns) - len(done)
    text.append(bar)
    if pending:
        text.append(f"loading {len(done)}/{len(columns)}", style="bold")
    elif level >= 1:
        loaded = f"{len(columns) - errors}/{len(columns)}" if errors else f"{len(columns)}"
        text.append(f"{loaded} loaded")
    else:
        # "12 sources loaded" read as success when all twelve had failed.
        loaded = f"{len(columns) - errors} of {len(columns)}" if errors else f"{len(columns)}"
        text.append(f"{loaded} sources loaded")
    if errors:
        failed = f", {errors} failed" if level >= 1 else f" · {errors} failed ✗"
        text.append(failed, style="bold")

    text.append(bar)
    if comparison is None:
        text.append("no divergences yet", style="dim")
        return text
    counts = Counter(d.kind for d in comparison.divergences)
    total = len(comparison.divergences)
    text.append(f"{total} div." if level >= 1 else f"{total} divergences")
    for kind in DIVERGENCE_KINDS:
        if counts[kind]:
            text.append(" ")
            text.append_text(kind_chip(kind, counts[kind], kind in hidden, short=level >= 2))
    return text


def status_line(
    model: GridModel,
    column: Column | None,
    progress: Progress | None,
    row: Row | None,
    position: tuple[int, int],
    kinds: Sequence[DivergenceKind],
    current: Divergence | None,
    *,
    numbering: Sequence[Divergence],
    loading: bool,
    search: tuple[str, int, int] | None = None,
    review: tuple[str, str, str] | None = None,
) -> Text:
    """Where the cursor is and what diverges there, so the editor need not read the panel:
    the source (and its state unless it loaded fine), the row, the glyph of every kind
    shown on the row, the search position, then the current divergence's kind, number among
    `numbering` (the panel's list) and claim."""
    text = Text(end="")
    if column is not None:
        text.append_text(plain(column.outlet))
        text.stylize("bold")
        if progress is None or progress.state not in ("done", "cached"):
            text.append(" ")
            text.append_text(state_label(progress))
    if search is not None:
        query, number, count = search
        text.append(" · ")
        found = f"match {number}/{count}" if number else f"{count} matches"
        text.append(found if count else "no match", style="bold")
        text.append(" for “")
        text.append_text(plain(query))
        text.append("” (. next, , previous)")
    if row is None:
        if loading:
            text.append("   waiting for the first sources…", style="dim")
        return text
    text.append(f" · row {position[0] + 1}/{position[1]}")
    if current is None:
        text.append(" · no divergence here", style="dim")
        return text
    text.append(" ·")
    for kind in kinds:
        text.append(" ")
        text.append(KIND_STYLES[kind].glyph, style=KIND_STYLES[kind].style)
    style = KIND_STYLES[current.kind]
    text.append("  │ ")
    text.append(f"{style.glyph} {current.kind}", style=style.style)
    ids = [d.id for d in numbering]
    if current.id in ids:
        text.append(f" {ids.index(current.id) + 1}/{len(ids)} ", style="bold")
    else:
        text.append(" ")
    if review is not None:  # (mark, status, note)
        mark, status, note = review
        text.append(f"{mark} {status}", style="bold")
        if note:
            text.append(": ")
            text.append_text(plain(note))
        text.append(" · ")
    text.append_text(plain(model.details[current.id]))
    return text
