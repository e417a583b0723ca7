"""Finding articles for an event that has none, from the event picker.

An event typed into sources.yaml with a date and keywords but no articles yet is where an
editor starts; sending them back to the shell for `parallax discover --write` breaks the flow.
The app is handed an `ArticleFinder` (the pipeline's `tui.finder.ConfigArticleFinder`, a fake in
tests) and never sees feeds, fetch options or the YAML file itself.

This module is the seam (what the finder returns, and the protocol); the screen that shows it is
`tui.app.discovering`, imported with the event picker: its widgets (a selection list, a loading
indicator) cost 2-3 ms of every start, for a screen most starts never open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


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


class ArticleFinder(Protocol):
    """What the picker needs from the pipeline to propose articles and keep them."""

    def propose(self, event_id: str) -> Proposals:
        """Read the outlets' feeds and sitemaps for the event (slow: the app runs it in a
        thread); raises DiscoveryError when the event cannot be searched (no keywords)."""
        ...

    def add(self, event_id: str, proposals: Sequence[Proposal]) -> str:
        """Add the proposals to the event in the config file (after a backup, comments kept)
        and say so in one line; raises DiscoveryError, leaving the file as it was."""
        ...
