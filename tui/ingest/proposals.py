"""What discovery offers the event picker, and how it says it cannot: plain data, no UI.

Both sides of the picker's seam use these: `tui.finder` builds them from `tui.ingest.discover`'s
candidates, the app (`tui.app.discovery`) shows them. They live in the core so that building a
proposal never loads the terminal libraries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Proposal:
    """One article a listing offered, as the picker shows it and as the config will get it."""

    outlet: str  # the outlet's name
    title: str
    url: str
    published: dt.date
    line: str  # the `- {outlet: …, url: …}  # why` line added to the event


@dataclass(frozen=True)
class Proposals:
    """What the listings offered, best first, and one line per listing that could not be read."""

    found: tuple[Proposal, ...]
    problems: tuple[str, ...]
    window: str  # the dates searched, "2020-10-09 to 2020-10-13"


class DiscoveryError(Exception):
    """Discovery or the write cannot go on; the message says which file or event and why."""
