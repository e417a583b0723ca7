"""The header and the status line as styled Text (no widgets): loading progress, the event's
sources per side and divergences per kind, and where the cursor is and what diverges there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text

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


def kind_chip(kind: DivergenceKind, count: int, hidden: bool) -> Text:
    """A kind's count in the header: its own style when shown, struck and dim when filtered
    out; a click on it toggles the filter (the style carries the action)."""
    style = KIND_STYLES[kind]
    look = Style(dim=True, strike=True) if hidden else style.style
    chip = Text(f"{style.glyph}{kind} {count}", style=look, end="")
    chip.stylize(Style.from_meta({"@click": f"app.toggle_kind('{kind}')"}))
    return chip


def summary(
    event: Event,
    columns: Sequence[Column],
    states: Mapping[str, Progress],
    comparison: Comparison | None,
    hidden: frozenset[DivergenceKind] = frozenset(),
) -> Text:
    """The header: title and date; sources per side; loading state; divergences per kind."""
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    text.append_text(plain(event.title))
    text.stylize("bold")
    text.append(f"  ·  {event.date.isoformat()}\n", style="bold")

    per_side: Counter[str] = Counter(c.side.id for c in columns)
    seen: list[str] = []
    for column in columns:
        side = column.side
        if side.id in seen:
            continue
        seen.append(side.id)
        colour = safe_colour(side.colour)
        text.append(" ")
        text.append(f" {side.label} ", style=f"bold {contrast_text(colour)} on {colour}")
        text.append(f" {per_side[side.id]}")
    done = [s for s in states.values() if finished(s)]
    errors = sum(1 for s in done if s.state == "error")
    pending = len(columns) - len(done)
    text.append("   │ ")
    if pending:
        text.append(f"loading {len(done)}/{len(columns)}", style="bold")
    else:
        # "12 sources loaded" read as success when all twelve had failed.
        loaded = f"{len(columns) - errors} of {len(columns)}" if errors else f"{len(columns)}"
        text.append(f"{loaded} sources loaded")
    if errors:
        text.append(f" · {errors} failed ✗", style="bold")

    text.append("   │ ")
    if comparison is None:
        text.append("no divergences yet", style="dim")
        return text
    counts = Counter(d.kind for d in comparison.divergences)
    text.append(f"{len(comparison.divergences)} divergences")
    for kind in DIVERGENCE_KINDS:
        if counts[kind]:
            text.append(" ")
            text.append_text(kind_chip(kind, counts[kind], kind in hidden))
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
