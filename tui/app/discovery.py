"""Finding articles for an event that has none, from the event picker.

An event typed into sources.yaml with a date and keywords but no articles yet is where an
editor starts; sending them back to the shell for `parallax discover --write` breaks the flow.
The app is handed an `ArticleFinder` (the pipeline's `tui.finder.ConfigArticleFinder`, a fake in
tests) and never sees feeds, fetch options or the YAML file itself.

This module is the seam (the protocol; what the finder returns is core data,
`tui.ingest.proposals`); the screen that shows it is
`tui.app.discovering`, imported with the event picker: its widgets (a selection list, a loading
indicator) cost 2-3 ms of every start, for a screen most starts never open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tui.ingest.proposals import Proposal, Proposals


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
