"""Start the app from a loaded config (what `parallax open` and `parallax demo` call)."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import ParallaxApp
from tui.app.loader import EventChoice
from tui.app.settings import settings_path
from tui.finder import ConfigArticleFinder
from tui.model import Config, Event
from tui.pipeline import LoaderFactory


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
        finder=ConfigArticleFinder(config.path, loaders),
        export_dir=Path.cwd(),
        settings_file=settings_file,
        review_dir=review_dir,
    )


def run_app(config: Config, event: Event | None, loaders: LoaderFactory) -> None:
    build_app(config, event, loaders, settings_path()).run()
