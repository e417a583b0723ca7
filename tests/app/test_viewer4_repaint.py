"""Keys repaint only the lines they change: what is on screen after each must be what a full
repaint draws, title and all (a line left out of a partial repaint stays stale)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.app.fakes import FakeLoader, settle
from tui.app import ParallaxApp

KEYS = ("j", "j", "j", "right_square_bracket", "right_square_bracket", "k", "k")
KEYS += ("left_square_bracket", "G", "g", "j", "tab", "j", "O", "W", "j", "W", "O", "d", "d")


async def fully_repainted(app: ParallaxApp, pilot) -> str:
    for widget in app.screen.walk_children():
        widget.refresh()  # drops the widget's rendered lines: all drawn anew
    await pilot.pause()
    return app.export_screenshot()


async def test_every_key_leaves_the_screen_as_a_full_repaint_draws_it() -> None:
    app = ParallaxApp(
        FakeLoader(), compare_interval=0, open_brief=False, review_dir=Path(tempfile.mkdtemp())
    )
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot, app)
        panel = app.panel
        titles = set()
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
            titles.add(str(panel.border_title))
            shown = app.export_screenshot()
            assert shown == await fully_repainted(app, pilot), f"stale lines after {key}"
        assert len(titles) > 2  # the panel's selection (and its title) moved meanwhile
