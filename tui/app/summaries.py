"""How a divergence reads in the panel and the status line, from its structured fields.

The core fills `Divergence.topic` and `positions` (who says what, set against whom); the app
writes its short forms from those, never by parsing `summary`. A divergence without positions
(a detector that does not fill them yet) is shown by its `summary`, verbatim.

A *brief* is the claim alone ("killed: 7 vs 9"), for a panel entry; a *detail* names the
outlets behind each position, cut to a few names and a count on a 30-source event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.model import Divergence, Position

NAMES_KEPT = 3


def _value(position: Position) -> str:
    """A position with no value is a camp that says nothing on the topic (an omission)."""
    return position.value or "not reported"


def brief(divergence: Divergence) -> str:
    """The positions' values side by side, after the topic; else the summary as it is."""
    if not divergence.positions:
        return divergence.summary or divergence.id
    values = " vs ".join(_value(p) for p in divergence.positions)
    return f"{divergence.topic}: {values}" if divergence.topic else values


def outlet_list(source_ids: Sequence[str], names: Mapping[str, str]) -> str:
    """Outlet names of `source_ids`, the first few and "+N more" beyond them."""
    shown = [names.get(s, s) for s in source_ids]
    if len(shown) > NAMES_KEPT:
        shown = [*shown[: NAMES_KEPT - 1], f"+{len(shown) - NAMES_KEPT + 1} more"]
    return ", ".join(shown)


def detail(divergence: Divergence, names: Mapping[str, str]) -> str:
    """Each position's value with who says it (and who is quoted); else the summary."""
    if not divergence.positions:
        return divergence.summary or divergence.id
    parts = []
    for position in divergence.positions:
        who = outlet_list(position.sources, names)
        if position.speaker:
            who = f"{position.speaker}, per {who}" if who else position.speaker
        parts.append(f"{_value(position)} ({who})" if who else _value(position))
    values = " vs ".join(parts)
    return f"{divergence.topic}: {values}" if divergence.topic else values
