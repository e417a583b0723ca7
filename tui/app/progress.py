"""How loading progress and the event summary read on screen (text only, no widgets)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text

from tui.app.highlight import KIND_STYLES, plain
from tui.app.layout import Column
from tui.app.loader import Progress, ProgressState, finished
from tui.model import DIVERGENCE_KINDS, Comparison, Event

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


def summary(
    event: Event,
    columns: Sequence[Column],
    states: Mapping[str, Progress],
    comparison: Comparison | None,
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
            text.append(
                f"{KIND_STYLES[kind].glyph}{kind} {counts[kind]}", style=KIND_STYLES[kind].style
            )
    return text
