"""Regenerate the README's screenshots: the real app on the bundled demo event.

Runs the app headless (App.run_test) on `parallax demo`'s event with the real pipeline, reading
only the bundled local pages, and saves SVGs here: the brief, the main view, the current
divergence marked, the main view at 80×24, reader mode, a review being written, the help
screen, and an error state (one demo source pointed at a file that does not exist). Fetch
results are cached, and reviews kept, in a temporary directory: the user's are left alone.

    python screenshots/generate.py [--png]   # --png also writes PNGs (needs cairosvg)
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tui.app import ParallaxApp
from tui.app.run import build_app
from tui.config.load import DEMO_EVENT, bundled_config_path, load_config
from tui.ingest.fetch import FetchOptions
from tui.model import Config
from tui.pipeline import loader_factory

HERE = Path(__file__).resolve().parent
SIZE = (160, 45)


async def settle(app: ParallaxApp, pilot) -> None:
    while not (app.settled and app.comparison is not None):
        await pilot.pause(0.05)
    await pilot.pause()


async def shoot(
    app: ParallaxApp,
    name: str,
    keys: Sequence[str],
    clear: bool = True,
    size: tuple[int, int] = SIZE,
) -> Path:
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        if clear:
            app.clear_notifications()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    return path


def broken(config: Config) -> Config:
    """The demo config with its last article pointed at a missing file."""
    event = config.event(DEMO_EVENT)
    articles = list(event.articles)
    articles[-1] = replace(articles[-1], location="/demo/missing-article.html")
    events = tuple(replace(e, articles=tuple(articles)) if e is event else e for e in config.events)
    return replace(config, events=events)


async def main(png: bool) -> None:
    config = load_config(bundled_config_path())
    with tempfile.TemporaryDirectory() as scratch:
        options = FetchOptions(cache_dir=Path(scratch) / "cache")

        def app(cfg: Config = config, brief: bool = False) -> ParallaxApp:
            settings = Path(scratch) / f"settings-{brief}.yaml"  # not the user's settings
            settings.write_text(f"open_brief: {str(brief).lower()}\n", encoding="utf-8")
            return build_app(
                cfg,
                cfg.event(DEMO_EVENT),
                loader_factory(cfg, options),
                settings_file=settings,
                review_dir=Path(scratch) / "reviews",
            )

        shots = [
            await shoot(app(brief=True), "brief", ()),
            await shoot(app(), "main", ()),
            await shoot(app(), "divergences", ("right_square_bracket",) * 3),
            await shoot(app(), "narrow", (), size=(80, 24)),
            await shoot(app(), "reader", ("3", "j", "j", "enter")),
            await shoot(app(), "review", ("right_square_bracket", "c", *"checked the ministry")),
            await shoot(app(), "help", ("question_mark",)),
            await shoot(app(broken(config)), "error", ("4",), clear=False),
        ]
    for shot in shots:
        print(shot)
        if png:
            import cairosvg

            cairosvg.svg2png(url=str(shot), write_to=str(shot.with_suffix(".png")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", action="store_true", help="also write PNGs (needs cairosvg)")
    asyncio.run(main(parser.parse_args().png))
