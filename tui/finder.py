"""The event picker's article finder: `parallax discover --write` behind the app's seam.

The app asks for proposals and hands back the ones the editor kept (`tui.app.discovery`); this
side knows the config file, the fetch options and the listings. The file is read again for
each search, since the editor may have added keywords or outlets while the app was open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.config.add_articles import add_articles
from tui.config.load import ConfigError, load_config
from tui.ingest.proposals import DiscoveryError, Proposal, Proposals
from tui.model import Config
from tui.pipeline import LoaderFactory


@dataclass(frozen=True)
class ConfigArticleFinder:
    """Proposes articles for the events of one sources.yaml and adds the chosen ones to it.

    `loaders` is the app's loader factory, whose loaders carry the fetch options the caller
    chose (timeouts, cache, private addresses): discovery reads listings with the same ones.
    """

    path: Path
    loaders: LoaderFactory

    def propose(self, event_id: str) -> Proposals:
        # Feeds and sitemaps (httpx, the feed parser) are read only when asked for: the viewer
        # starts without them.
        from tui.ingest.discover import config_line, discover

        config = self._config()
        event = next((e for e in config.events if e.id == event_id), None)
        if event is None:
            raise DiscoveryError(f"{self.path.name}: there is no event '{event_id}' any more")
        found = asyncio.run(discover(config, event, self.loaders(event).options))
        names = {outlet.id: outlet.name for outlet in config.outlets}
        proposals = tuple(
            Proposal(
                names.get(c.outlet, c.outlet),
                c.title,
                c.url,
                c.published.date(),
                config_line(c, names),
            )
            for c in found.candidates
        )
        return Proposals(proposals, found.problems, f"{found.start} to {found.end}")

    def add(self, event_id: str, proposals: Sequence[Proposal]) -> str:
        try:
            backup = add_articles(self.path, event_id, [p.line for p in proposals])
        except ConfigError as error:
            raise DiscoveryError(f"Nothing was added: {error}") from error
        except OSError as error:
            raise DiscoveryError(
                f"Nothing was added: {self.path}: {error.strerror or error}"
            ) from error
        return (
            f"Added {len(proposals)} articles to {event_id} in {self.path.name}"
            f" (the old file is {backup.name})."
        )

    def _config(self) -> Config:
        try:
            return load_config(self.path)
        except ConfigError as error:
            raise DiscoveryError(str(error)) from error
        except OSError as error:
            raise DiscoveryError(f"{self.path}: {error.strerror or error}") from error
