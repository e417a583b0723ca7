"""Start the app from a loaded config (what `parallax open` and `parallax demo` call)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.app import ParallaxApp
from tui.app.loader import EventChoice
from tui.app.settings import settings_path
from tui.model import Config, Event
from tui.pipeline import LoaderFactory

if TYPE_CHECKING:
    from tui.finder import ConfigArticleFinder
    from tui.ingest.proposals import Proposal, Proposals


class _FinderOnFirstUse:
    """The pipeline's `ConfigArticleFinder`, imported when the event picker first asks it for
    articles: it brings the YAML editor and the discovery seam with it (2 ms of every start),
    for a search most starts never make."""

    def __init__(self, path: Path, loaders: LoaderFactory) -> None:
        self._path = path
        self._loaders = loaders

    def propose(self, event_id: str) -> Proposals:
        return self._finder().propose(event_id)

    def add(self, event_id: str, proposals: Sequence[Proposal]) -> str:
        return self._finder().add(event_id, proposals)

    def _finder(self) -> ConfigArticleFinder:
        from tui.finder import ConfigArticleFinder

        return ConfigArticleFinder(self._path, self._loaders)


def build_app(
    config: Config,
    event: Event | None,
    loaders: LoaderFactory,
    settings_file: Path | None = None,
    review_dir: Path | None = None,
) -> ParallaxApp:
    """The app on `event`, or on an event picker over the config's events when it is None.

    `loaders` is the pipeline's loader factory: how sources are fetched (cache, offline,
    timeouts) was decided by the caller, and the app never sees it.
    """
    choices = [EventChoice(e.id, e.title, e.date, len(e.articles)) for e in config.events]
    return ParallaxApp(
        loaders(event) if event is not None else None,
        events=choices,
        loader_for=lambda event_id: loaders(config.event(event_id)),
        finder=_FinderOnFirstUse(config.path, loaders),
        export_dir=Path.cwd(),
        settings_file=settings_file,
        review_dir=review_dir,
    )


def run_app(config: Config, event: Event | None, loaders: LoaderFactory) -> None:
    build_app(config, event, loaders, settings_path()).run()
