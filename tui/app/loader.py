"""The boundary between the app and the pipeline.

The app never imports fetch or extract: it is handed a `ComparisonLoader`, which the pipeline
implements (`tui.pipeline.EventLoader`) and the tests fake. `PlannedSource` and `Progress`
live in the pipeline, which produces them; they are re-exported here so the app has one place
to import its side of the contract from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from tui.ingest.fetch import FetchState as ProgressState
from tui.model import Comparison, Event, Side, Source
from tui.pipeline import PlannedSource, Progress

__all__ = [
    "FINISHED",
    "ComparisonLoader",
    "EventChoice",
    "PlannedSource",
    "Progress",
    "ProgressState",
]

FINISHED: frozenset[ProgressState] = frozenset({"cached", "done", "error"})


def finished(progress: Progress | None) -> bool:
    """Whether this source has reached a final state (its text, or its error, is in)."""
    return progress is not None and progress.state in FINISHED


@dataclass(frozen=True)
class EventChoice:
    """A line of the event picker."""

    id: str
    title: str
    date: dt.date


class ComparisonLoader(Protocol):
    """What the app needs from the pipeline (`tui.pipeline.EventLoader` implements it)."""

    @property
    def event(self) -> Event:
        """The event being compared, for the header before anything is fetched."""
        ...

    def plan(self) -> tuple[PlannedSource, ...]:
        """The event's sources, known before fetching."""
        ...

    async def load(
        self,
        on_progress: Callable[[Progress], None],
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        """Fetch and extract; a failing source comes back with status "error", never raises."""
        ...

    def compare(self, sources: Sequence[Source]) -> Comparison:
        """Align and diverge the sources given (pure; the app runs it off the UI thread)."""
        ...


def loader_sides(loader: object) -> tuple[Side, ...]:
    """The sides in column order: `loader.sides`, else `loader.config.sides`, else none yet.

    Before the first comparison arrives this is the only source of side labels and colours;
    with neither attribute, columns show the side id in grey until then.
    """
    sides = getattr(loader, "sides", None)
    if sides is None:
        sides = getattr(getattr(loader, "config", None), "sides", ())
    return tuple(sides)
