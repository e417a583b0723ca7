"""The boundary between the app and the pipeline.

The app never imports fetch or extract: it is handed a `ComparisonLoader`, which the pipeline
implements (tui/pipeline.py) and the tests fake. That keeps the UI testable without a network
and lets the pipeline change its internals without touching the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from tui.model import Comparison, Event, Side, Source

ProgressState = Literal["queued", "fetching", "cached", "done", "error"]
PROGRESS_STATES: tuple[ProgressState, ...] = ("queued", "fetching", "cached", "done", "error")


@dataclass(frozen=True)
class PlannedSource:
    """A source as it is known before fetching, so its column can appear at once."""

    id: str
    outlet: str
    side: str
    location: str


@dataclass(frozen=True)
class Progress:
    """One step of one source's fetch.

    `source` is set on the final step ("cached", "done" or "error") when the loader has the
    extracted `Source` to hand; the app then fills that column straight away instead of waiting
    for every other source to finish.
    """

    source_id: str
    state: ProgressState
    detail: str = ""
    source: Source | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("cached", "done", "error")


@dataclass(frozen=True)
class EventChoice:
    """A line of the event picker."""

    id: str
    title: str
    date: dt.date


class ComparisonLoader(Protocol):
    """What the app needs from the pipeline (the lead implements it in tui/pipeline.py)."""

    @property
    def event(self) -> Event:
        """The event being compared, for the header before anything is fetched."""
        ...

    @property
    def sides(self) -> tuple[Side, ...]:
        """Every side of the configuration, in the order their columns should appear."""
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
