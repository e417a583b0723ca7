"""Pilot tests for the editor's viewer: the brief, filters, the current divergence, fitting
the terminal, honest actions."""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections import Counter
from pathlib import Path

from textual.widgets import OptionList, Static

from tests.app.fakes import (
    FakeLoader,
    column_width,
    khankendi_at_a_line_start,
    settle,
    twelve_sources,
)
from tui.app import ParallaxApp
from tui.app.briefing import BriefScreen
from tui.app.highlight import CURRENT_OPEN, CURRENT_STYLE, KIND_STYLES
from tui.app.reader import ReaderScreen
from tui.app.screens import ConfirmScreen, NoteScreen
from tui.app.worddiff import WordDiffScreen, word_diff

SIZE = (200, 50)


def make_app(loader: FakeLoader | None = None, **kwargs) -> ParallaxApp:
    kwargs.setdefault("compare_interval", 0)
    kwargs.setdefault("review_dir", Path(tempfile.mkdtemp()))
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
        assert prompts[0] == "Top contradictions (the panel lists 5, +3 hidden)"
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
    """Every character drawn in the current divergence's style, a space between lines
    (where the text wraps depends on the column's width)."""
    grid = app.grid
    lines = (
        "".join(
            segment.text
            for segment in grid.render_line(y)
            if segment.style is not None and segment.style.bgcolor == CURRENT_STYLE.bgcolor
        )
        for y in range(grid.size.height)
    )
    return " ".join(line for line in lines if line)


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


async def test_reader_mode_shows_the_article_in_order_and_goes_back_to_the_row() -> None:
    copied: list[str] = []
    app = make_app(open_brief=False)
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("1", "j", "j")  # Hayk News, row c3: its paragraph 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        head = app.screen.query_one("#reader-head", Static).content.plain
        assert head.splitlines() == [
            "Hayk News on Ganja",
            "Hayk News · fetched 2020-10-12 08:30 UTC",
            "https://hayk.example/2020/10/11/stepanakert",
        ]
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 0
        assert str(options.get_option_at_index(1).prompt).startswith("¶ 2  The Karabakh")
        await pilot.press("down", "y")
        assert copied[-1].startswith("“The Karabakh defence ministry")
        assert copied[-1].endswith(
            "— Hayk News, “Hayk News on Ganja”, ¶ 2, "
            "https://hayk.example/2020/10/11/stepanakert (fetched 2020-10-12 08:30 UTC)"
        )
        assert any("with its citation" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReaderScreen)
        assert app.grid.current_row.cluster_id == "c2"  # where ¶ 2 sits in the grid
        assert app.grid.current_column.source_id == "hayk"


async def test_y_in_the_grid_copies_the_focused_paragraph_with_its_citation() -> None:
    copied: list[str] = []
    app = make_app(open_brief=False)
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("5", "y")  # Baku Herald, row c1: its ¶ 1
        (quote,) = copied
        assert quote.startswith("“Armenian armed forces struck")
        assert "— Baku Herald, “Baku Herald on Ganja”, ¶ 1," in quote


async def test_review_is_saved_per_event_reloaded_and_exported(tmp_path: Path) -> None:
    reviews, reports = tmp_path / "reviews", tmp_path / "reports"
    app = make_app(open_brief=False, review_dir=reviews, export_dir=reports)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("c")  # d1, the figure on the first row
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"checked with the ministry", "enter")
        await pilot.pause()
        await pilot.press("]", "x", "enter")  # d3 rejected, no note
        await pilot.pause()
        assert "⊘ rejected" in status(app)
        await pilot.press("[")
        assert "✓ confirmed: checked with the ministry" in status(app)
        assert any(line.startswith("# ✓ killed") for line in panel_lines(app))
        saved = json.loads((reviews / "ganja-2020-10-11.json").read_text(encoding="utf-8"))
        assert saved["reviews"]["d1"]["note"] == "checked with the ministry"
        assert saved["reviews"]["d3"]["status"] == "rejected"
        await pilot.press("e")
        await wait_for(pilot, lambda: (reports / "ganja-2020-10-11.md").exists())
        await pilot.press("E")
        await wait_for(pilot, lambda: (reports / "ganja-2020-10-11-confirmed.md").exists())
    everything = (reports / "ganja-2020-10-11.md").read_text(encoding="utf-8")
    assert "**Review: confirmed** — checked with the ministry" in everything
    assert "**Review: rejected**" in everything
    confirmed = (reports / "ganja-2020-10-11-confirmed.md").read_text(encoding="utf-8")
    assert "**Review: confirmed** — checked with the ministry" in confirmed
    assert "**Review: rejected**" not in confirmed

    again = make_app(open_brief=False, review_dir=reviews)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, again)
        assert again.reviews["d1"].status == "confirmed"
        assert "✓ confirmed: checked with the ministry" in status(again)


async def test_a_damaged_review_file_is_kept_aside_and_said(tmp_path: Path) -> None:
    (tmp_path / "ganja-2020-10-11.json").write_text("{not json", encoding="utf-8")
    app = make_app(open_brief=False, review_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.reviews == {}
        assert any("could not be read" in n.message for n in app._notifications)
    assert (tmp_path / "ganja-2020-10-11.broken.json").read_text(encoding="utf-8") == "{not json"


def panel_lines(app: ParallaxApp) -> list[str]:
    panel = app.panel
    return [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]


async def wait_for(pilot, condition) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


async def test_settings_apply_keymap_theme_width_and_filters(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text(
        "theme: textual-light\n"
        "panel_width: 40\n"
        "hidden_kinds: [figure]\n"
        "open_brief: false\n"
        "keymap:\n"
        "  app.next_divergence: J\n",  # x would be app.reject's too: a clash, said
        encoding="utf-8",
    )
    app = make_app(settings_file=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert not isinstance(app.screen, BriefScreen)
        assert app.theme == "textual-light"
        assert app.panel.outer_size.width == 40
        assert app.hidden_kinds == {"figure"}
        await pilot.press("J")
        assert app.grid.current_divergence.id == "d3"  # after d2, the row's shown one
        assert ("J", "Next div") in app.key_help()
        assert not [n for n in app._notifications if n.title == "Settings"]


async def test_a_broken_settings_file_is_one_message_with_file_and_line(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text("theme: nord\npanel_width: wide\nkeymap:\n  app.nope: z\n", "utf-8")
    app = make_app(settings_file=settings, open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        problems = [n for n in app._notifications if n.title == "Settings"]
        assert len(problems) == 1
        message = problems[0].message
        assert f"{settings}:2: panel_width" in message
        assert "app.nope" in message
        assert app.theme == "nord"  # the good settings still apply

    settings.write_text("theme: [unclosed\n", "utf-8")
    app = make_app(settings_file=settings, open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        (note,) = [n for n in app._notifications if n.title == "Settings"]
        assert (
            f"{settings}:2: not YAML" in note.message or f"{settings}:1: not YAML" in note.message
        )
        assert app.hidden_kinds == {"omission", "wording"}  # defaults


async def test_capital_r_reloads_the_config_and_keeps_the_old_one_when_broken() -> None:
    reloads: list[FakeLoader] = []

    class Reloading(FakeLoader):
        def reload(self) -> FakeLoader:
            if reloads:  # the second R: the file was broken meanwhile
                raise ValueError("sources.yaml:3: outlets: expected a list")
            reloads.append(Reloading())
            return reloads[0]

    loader = Reloading()
    app = make_app(loader, open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("R")
        await settle(pilot, app)
        assert app.session.loader is not loader  # the new config's loader
        fresh = app.session.loader
        await pilot.press("R")
        await settle(pilot, app)
        assert app.session.loader is fresh
        (note,) = [n for n in app._notifications if n.title == "sources.yaml not reloaded"]
        assert "sources.yaml:3" in note.message and "Keeping the configuration" in note.message


def test_word_diff_keeps_every_word_in_order() -> None:
    left = "Azerbaijani forces shelled Stepanakert overnight"
    right = "Armenian forces shelled Khankendi overnight, officials said"
    runs = word_diff(left, right)
    assert "".join(w for op, w in runs if op != "right").split() == left.split()
    assert "".join(w for op, w in runs if op != "left").split() == right.split()
    assert ("left", "Azerbaijani ") in runs and ("right", "Armenian ") in runs


async def test_word_diff_of_two_outlets_steps_through_the_differences() -> None:
    app = make_app(open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("3", "equals_sign")  # Caucasus Monitor against Hayk News
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WordDiffScreen)
        left, right = screen.columns
        assert (left.source_id, right.source_id) == ("monitor", "hayk")
        options = screen.query_one(OptionList)
        assert options.option_count == 2  # rows c2 and c3, which both report
        first = options.highlighted
        await pilot.press("]")
        assert options.highlighted != first
        await pilot.press("r")  # the other Armenian outlet has no text: another side's
        left, right = screen.columns
        assert right.source_id == "wire"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WordDiffScreen)
        assert app.grid.current_row.cluster_id in ("c1", "c3")


# --- 80 × 24: the current divergence at a line's end, the kind chips --------------------------


def test_a_current_span_that_opens_a_full_lines_successor_keeps_its_glyph() -> None:
    width = column_width("baku")
    loader = khankendi_at_a_line_start(width)

    async def run() -> None:
        app = make_app(loader, open_brief=False, hidden_kinds=())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            await pilot.press("3", "j", "j")  # Baku Herald's column, row c3: naming d4
            assert app.grid.current_divergence.id == "d4"
            lines = grid_text(app).splitlines()
            assert any(f"{CURRENT_OPEN}Khankendi" in line for line in lines)
            assert any(
                line.rstrip("│ ").endswith(" near") or "Shells also" in line for line in lines
            )

    asyncio.run(run())


async def test_the_kind_chips_fit_80_columns_and_stay_clickable() -> None:
    app = make_app()  # the header is drawn while the brief covers it: the width must hold
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        summary = app.query_one("#summary", Static)
        line = summary.render_lines(summary.region.reset_offset)[1].text
        assert "…" not in line and len(line.rstrip()) <= 80
        counts = Counter(d.kind for d in app.comparison.divergences)
        for kind, count in counts.items():
            assert f"{KIND_STYLES[kind].glyph}{count}" in line  # every kind, glyph and count
        assert "wording" in app.hidden_kinds
        x = line.index(KIND_STYLES["wording"].glyph)
        await pilot.click("#summary", offset=(x, 1))
        await pilot.pause()
        assert "wording" not in app.hidden_kinds
        line = summary.render_lines(summary.region.reset_offset)[1].text
        assert "…" not in line
