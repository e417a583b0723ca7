"""What the viewer shows before any stage has run: the sources an event will read, and how
each one is doing.

These types sit apart from `tui.pipeline` so that the app can lay out its columns and paint its
first frame without importing fetching (httpx), extraction (lxml, readability) and analysis
(rapidfuzz): the pipeline imports those on first use, in the worker that loads the event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from tui.model import Outlet, Source

# A source's state: its fetch's states (tui.ingest.fetch), named for the app's side of the seam.
ProgressState = Literal["queued", "fetching", "cached", "done", "error"]


@dataclass(frozen=True)
class PlannedSource:
    """A source known before anything is fetched, so the app can lay out its column at once."""

    id: str
    outlet: Outlet
    location: str


@dataclass(frozen=True)
class Progress:
    """One step of one source: queued → fetching → done/cached/error.

    `source` is set on the final step of a source that finished (ok or error), so that a
    listener can show each column as soon as its article is in.
    """

    source_id: str
    state: ProgressState
    detail: str = ""
    source: Source | None = field(default=None, compare=False)


# Per source, after extraction; not fetch's per-location `ProgressCallback` (index, state, detail).
SourceProgressCallback = Callable[[Progress], None]
