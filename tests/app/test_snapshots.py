"""Snapshots of the main views on the hand-built fixture (fixed size, no clocks, no random).

Regenerate after a deliberate change of look: pytest tests/app/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.app.fakes import (
    FakeLoader,
    column_width,
    khankendi_at_a_line_start,
    settle,
    twelve_sources,
)
from tui.app import ParallaxApp

SIZE = (200, 50)


def app(loader: FakeLoader | None = None, **kwargs) -> ParallaxApp:
    kwargs.setdefault("open_brief", False)
    kwargs.setdefault("review_dir", Path(tempfile.mkdtemp()))  # no one's real reviews
    return ParallaxApp(loader or FakeLoader(), compare_interval=0, **kwargs)


def prepare(*keys: str, loading: bool = False):
    async def run_before(pilot) -> None:
        await settle(pilot, pilot.app, loading=loading)
        pilot.app.clear_notifications()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_view(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app(), terminal_size=size, run_before=prepare())


def test_brief(snap_compare) -> None:
    assert snap_compare(app(open_brief=True), terminal_size=(120, 40), run_before=prepare())


def test_twelve_sources(snap_compare) -> None:
    assert snap_compare(app(twelve_sources()), terminal_size=(200, 50), run_before=prepare())


def test_current_divergence_marked(snap_compare) -> None:
    keys = ("j", "j", "right_square_bracket")
    assert snap_compare(app(hidden_kinds=()), terminal_size=SIZE, run_before=prepare(*keys))


def test_only_divergent_rows_unwrapped(snap_compare) -> None:
    assert snap_compare(app(), terminal_size=SIZE, run_before=prepare("d", "w"))


def test_help_screen(snap_compare) -> None:
    assert snap_compare(app(), terminal_size=SIZE, run_before=prepare("question_mark"))


def test_loading_and_error_states(snap_compare) -> None:
    loader = FakeLoader(gated={"hayk", "wire"}, cached={"monitor"})
    assert snap_compare(app(loader), terminal_size=SIZE, run_before=prepare(loading=True))


def test_search_matches(snap_compare) -> None:
    keys = ("slash", *"stepanakert", "enter")
    assert snap_compare(app(), terminal_size=SIZE, run_before=prepare(*keys))


def test_current_divergence_opening_a_line_80x24(snap_compare) -> None:
    """ "Khankendi" opens a line after a full one: its ▶ opens the line, not past the edge."""
    loader = khankendi_at_a_line_start(column_width("baku"))
    keys = ("3", "j", "j")
    app_ = app(loader, hidden_kinds=())
    assert snap_compare(app_, terminal_size=(80, 24), run_before=prepare(*keys))
