"""Pilot tests for the editor's viewer: the brief, filters, the current divergence, fitting
the terminal, honest actions."""

from __future__ import annotations

from pathlib import Path

from app_fixtures import FakeLoader, demo_comparison, settle
from textual.widgets import OptionList, Static

from tui.app import ParallaxApp
from tui.app.briefing import BriefScreen
from tui.app.highlight import CURRENT_OPEN, CURRENT_STYLE
from tui.app.screens import ConfirmScreen

SIZE = (200, 50)


def make_app(loader: FakeLoader | None = None, **kwargs) -> ParallaxApp:
    kwargs.setdefault("compare_interval", 0)
    return ParallaxApp(loader if loader is not None else FakeLoader(), **kwargs)


def status(app: ParallaxApp) -> str:
    return app.query_one("#status", Static).content.plain


def grid_text(app: ParallaxApp) -> str:
    grid = app.grid
    return "\n".join(grid.render_line(y).text for y in range(grid.size.height))


async def test_the_app_opens_on_the_brief_and_a_chosen_line_jumps_to_its_row() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0] == "Top contradictions"
        assert any("killed: 7" in p for p in prompts)
        assert any(p.startswith("Only Armenian sources report") for p in prompts)
        # The highlight starts on the first line that leads somewhere, not on a heading.
        assert options.highlighted == 1
        await pilot.press("down", "enter")  # the second contradiction: the denial
        await pilot.pause()
        assert not isinstance(app.screen, BriefScreen)
        assert app.grid.current_divergence.id == "d3"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.grid.current_divergence.id == "d3"  # escape leaves the grid as it was


async def test_choosing_what_one_side_alone_reports_jumps_to_that_row() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        index = next(
            i
            for i in range(options.option_count)
            if "Rescue teams" in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.grid.current_row.cluster_id == "c4"


async def test_omission_and_wording_start_hidden_and_keys_and_chips_filter() -> None:
    app = make_app(open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        panel = app.panel
        assert {d.kind for d in panel.entries} == {"figure", "denial", "naming", "blame", "framing"}
        assert "(+3 hidden)" in panel.border_title
        await pilot.press("O")
        assert "omission" in {d.kind for d in panel.entries}
        await pilot.press("F")
        assert "figure" not in {d.kind for d in panel.entries}
        assert "figure" in app.hidden_kinds
        await pilot.press("d")  # only rows with a shown kind
        rows = [r.cluster_id for r in app.grid.visible_rows]
        assert rows == ["c1", "c2", "c3", "c4", "c5"]
        # The header's chips are clickable: a click on "#figure" shows figures again.
        summary = app.query_one("#summary", Static)
        line = summary.render_lines(summary.region.reset_offset)[1].text
        x = line.index("#figure")
        await pilot.click("#summary", offset=(x + 2, 1))
        await pilot.pause()
        assert "figure" not in app.hidden_kinds


async def test_a_jump_to_a_hidden_kind_shows_it() -> None:
    app = make_app(open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        omission = next(d for d in app.grid.model.divergences if d.kind == "omission")
        app.grid.jump_to_divergence(omission)
        await pilot.pause()
        assert "omission" not in app.hidden_kinds
        assert app.grid.current_divergence.id == omission.id


async def test_the_current_divergence_is_marked_in_every_source_it_names() -> None:
    app = make_app(open_brief=False, hidden_kinds=())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j")  # c3: naming d4 and blame d5
        assert app.grid.current_divergence.id == "d4"
        text = grid_text(app)
        assert f"{CURRENT_OPEN}Khankendi" in text  # Baku Herald's paragraph
        assert text.count(CURRENT_OPEN) >= 3  # and every source naming Stepanakert
        assert "Khankendi" in current_text(app)
        await pilot.press("]")
        assert app.grid.current_divergence.id == "d5"
        assert f"{CURRENT_OPEN}Khankendi" not in grid_text(app)
        marked = current_text(app)
        assert "Armenian forces" in marked and "Azerbaijani forces shelled" in marked
        assert "Khankendi" not in marked


def current_text(app: ParallaxApp) -> str:
    """Every character drawn in the current divergence's style."""
    grid = app.grid
    return "".join(
        segment.text
        for y in range(grid.size.height)
        for segment in grid.render_line(y)
        if segment.style is not None and segment.style.bgcolor == CURRENT_STYLE.bgcolor
    )


async def test_a_jump_scrolls_the_row_into_view_with_the_row_above() -> None:
    app = make_app(open_brief=False, hidden_kinds=())
    async with app.run_test(size=(200, 16)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        d8 = next(d for d in grid.model.divergences if d.id == "d8")
        grid.jump_to_divergence(d8)
        await pilot.pause()
        top = grid._tops[grid.cursor_row]
        assert grid.scroll_y < top  # some of the row before is in sight
        assert top + grid._heights[grid.cursor_row] <= grid.scroll_y + grid.size.height


async def test_search_shows_its_position_in_the_status_line() -> None:
    app = make_app(open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"stepanakert", "enter")
        count = len(app.grid.matches)
        assert f"match 1/{count} for “stepanakert”" in status(app)
        await pilot.press("full_stop")
        assert f"match 2/{count}" in status(app)
        await pilot.press("comma", "comma")
        assert f"match {count}/{count}" in status(app)


async def test_ctrl_c_says_how_to_quit_in_plain_words() -> None:
    app = make_app(open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.clear_notifications()
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert "q" in note.message and "[" not in note.message


async def test_o_without_a_browser_says_so_and_offers_to_copy_the_url() -> None:
    copied: list[str] = []
    app = make_app(open_brief=False, open_url=lambda url: False)
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("3", "o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert copied == ["https://monitor.example/ganja-strike"]
        assert any("Copied the URL" in n.message for n in app._notifications)
        assert not any(n.message.startswith("Asked the browser") for n in app._notifications)


async def test_screenshots_go_to_a_folder_that_is_made_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "shots"
    app = make_app(open_brief=False, screenshot_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("S")
        await pilot.pause()
        (shot,) = folder.glob("parallax-*.svg")
        assert shot.read_text(encoding="utf-8").startswith("<svg")
        assert any(str(shot) in n.message for n in app._notifications)


async def test_twelve_sources_keep_every_side_on_screen() -> None:
    app = make_app(twelve_sources(), open_brief=False)
    async with app.run_test(size=(220, 50)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        sides = [c.side.id for c in grid.model.columns]
        assert sides == ["armenian", "international", "azerbaijani"]
        assert grid._column_x[-1] + grid._widths[-1] <= grid.size.width - 3


def twelve_sources() -> FakeLoader:
    """The demo's four outlets, three copies each: twelve sources over three sides."""
    from dataclasses import replace

    from app_fixtures import PLAN

    plan = tuple(
        replace(p, id=f"{p.id}-{n}" if n else p.id)
        for n in range(3)
        for p in PLAN
        if p.id != "kavkaz"
    )
    return FakeLoader(demo_comparison(), plan_=plan, fail=())
