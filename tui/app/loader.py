"""The boundary between the app and the pipeline.

The app never imports fetch or extract: it is handed a `ComparisonLoader`, which the pipeline
implements (`tui.pipeline.EventLoader`) and the tests fake. `PlannedSource`, `Progress` and
`ProgressState` live in the pipeline, which produces them; they are re-exported here so the
app has one place to import its side of the contract from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from tui.model import Comparison, Event, Side, Source
from tui.plan import PlannedSource, Progress, ProgressState, SourceProgressCallback

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
    articles: int | None = None  # how many the config lists; 0 offers "discover articles"


class ComparisonLoader(Protocol):
    """What the app needs from the pipeline (`tui.pipeline.EventLoader` implements it)."""

    @property
    def event(self) -> Event:
        """The event being compared, for the header before anything is fetched."""
        ...

    @property
    def sides(self) -> tuple[Side, ...]:
        """The config's sides in column order: labels and colours before the first comparison."""
        ...

    def plan(self) -> tuple[PlannedSource, ...]:
        """The event's sources, known before fetching."""
        ...

    async def load(
        self,
        on_progress: SourceProgressCallback,
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        """Fetch and extract; a failing source comes back with status "error", never raises."""
        ...

    def compare(self, sources: Sequence[Source]) -> Comparison:
        """Align and diverge the sources given (pure; the app runs it off the UI thread)."""
        ...

    def reload(self) -> ComparisonLoader:
        """The same event from the configuration as it is now on disk (R); raises with a
        message naming the file and line when it cannot be read."""
        ...
