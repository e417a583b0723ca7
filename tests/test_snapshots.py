"""Snapshots of the main views on the hand-built fixture (fixed size, no clocks, no random).

Regenerate after a deliberate change of look: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from app_fixtures import FakeLoader, settle

from tui.app import ParallaxApp

SIZE = (160, 45)


def app(loader: FakeLoader | None = None) -> ParallaxApp:
    return ParallaxApp(loader or FakeLoader(), compare_interval=0)


def prepare(*keys: str, loading: bool = False):
    async def run_before(pilot) -> None:
        await settle(pilot, pilot.app, loading=loading)
        pilot.app.clear_notifications()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


def test_main_view(snap_compare) -> None:
    assert snap_compare(app(), terminal_size=SIZE, run_before=prepare())


def test_divergence_jump_and_panel(snap_compare) -> None:
    assert snap_compare(app(), terminal_size=SIZE, run_before=prepare("]", "]", "]", "]"))


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


def test_narrow_terminal_scrolls_columns_sideways(snap_compare) -> None:
    assert snap_compare(app(), terminal_size=(90, 30), run_before=prepare("p", "5"))
