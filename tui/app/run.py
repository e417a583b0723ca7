"""Start the app from a loaded config (what `parallax open` and `parallax demo` call)."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import ParallaxApp
from tui.app.loader import EventChoice
from tui.ingest.fetch import FetchOptions
from tui.model import Config, Event
from tui.pipeline import EventLoader


def build_app(config: Config, event: Event | None, options: FetchOptions) -> ParallaxApp:
    """The app on `event`, or on an event picker over the config's events when it is None."""
    choices = [EventChoice(e.id, e.title, e.date) for e in config.events]

    def loader_for(event_id: str) -> EventLoader:
        return EventLoader(config, config.event(event_id), options)

    return ParallaxApp(
        EventLoader(config, event, options) if event is not None else None,
        events=choices,
        loader_for=loader_for,
        export_dir=Path.cwd(),
    )


def run_app(config: Config, event: Event | None, options: FetchOptions) -> None:
    build_app(config, event, options).run()
