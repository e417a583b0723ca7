"""Pilot tests: every key, progress and error states, export, search, picker, palette."""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from tests.app.fakes import (
    EVENT,
    FETCHED,
    LOCATIONS,
    FakeLoader,
    StaggeredLoader,
    demo_comparison,
    exported,
    settle,
)
from tui.app import EventChoice, ParallaxApp
from tui.app.app import KeyBar, report_filename
from tui.app.grid import HEADER_HEIGHT
from tui.app.screens import ConfirmScreen, EventPickerScreen, HelpScreen
from tui.app.sidebar import OPENED_LINES, DivergencePanel
from tui.model import Comparison, Provenance, Source

SIZE = (200, 50)


def make_app(loader: FakeLoader | None = None, **kwargs) -> ParallaxApp:
    kwargs.setdefault("compare_interval", 0)
    kwargs.setdefault("hidden_kinds", ())
    kwargs.setdefault("open_brief", False)
    kwargs.setdefault("review_dir", Path(tempfile.mkdtemp()))
    return ParallaxApp(loader if loader is not None else FakeLoader(), **kwargs)


def row_ids(app: ParallaxApp) -> list[str]:
    return [row.cluster_id for row in app.grid.visible_rows]


def status(app: ParallaxApp) -> str:
    return app.query_one("#status", Static).content.plain


def panel_lines(app: ParallaxApp) -> list[str]:
    panel = app.query_one(DivergencePanel)
    return [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]


def current(app: ParallaxApp) -> tuple[str | None, str | None]:
    row, column = app.grid.current_row, app.grid.current_column
    return (row.cluster_id if row else None, column.source_id if column else None)


async def test_columns_appear_before_anything_is_fetched_and_fill_as_sources_arrive() -> None:
    loader = FakeLoader(gated={"hayk", "monitor", "wire", "baku", "kavkaz"})
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [c.source_id for c in app.grid.model.columns] == [
            "hayk", "kavkaz", "monitor", "wire", "baku",
        ]  # fmt: skip
        assert {p.state for p in app.states.values()} == {"fetching"}
        assert app.comparison is None

        loader.release("baku")
        await settle(pilot, app, loading=True)
        assert app.states["baku"].state == "done"
        assert app.states["hayk"].state == "fetching"
        assert [s.id for s in app.comparison.sources] == ["baku"]
        assert "c1" in row_ids(app)

        loader.release("hayk", "monitor", "wire", "kavkaz")
        await settle(pilot, app)
        assert row_ids(app) == ["c1", "c2", "c3", "c4", "c5", "c6"]
        assert app.states["kavkaz"].state == "error"


async def test_cached_and_error_states_are_shown_with_their_reason() -> None:
    app = make_app(FakeLoader(cached={"monitor"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.states["monitor"].state == "cached"
        assert app.states["kavkaz"].state == "error"
        assert "HTTP 404" in app.states["kavkaz"].detail
        header = "".join(app.grid.render_line(2).text for _ in [0])
        assert "✗ error" in header and "cached" in header
        assert any("HTTP 404" in n.message for n in app._notifications)


async def test_a_source_read_from_the_web_archive_says_so_and_of_when(
    comparison: Comparison,
) -> None:
    snapshot = Provenance(
        final_url="https://archive.example/web/20201012093000/https://baku.example/a",
        origin="archive",
        status=200,
        archive_url="https://archive.example/web/20201012093000/https://baku.example/a",
        archived_at=dt.datetime(2020, 10, 12, 9, 30, tzinfo=dt.UTC),
    )
    comparison = replace(
        comparison,
        sources=tuple(
            replace(s, provenance=snapshot) if s.id == "baku" else s for s in comparison.sources
        ),
    )
    app = make_app(FakeLoader(comparison=comparison))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot, app)
        header = app.grid.render_line(2).text
        assert header.count("archived 2020-10-12") == 1  # the archived column only


async def test_many_failures_make_one_notification_not_one_each() -> None:
    app = make_app(FakeLoader(fail=("kavkaz", "wire", "monitor")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        failures = [n for n in app._notifications if n.severity == "error"]
        assert len(failures) == 1
        assert failures[0].title == "3 of 5 sources failed"
        assert "HTTP 404" in failures[0].message
        assert "press r to retry" in failures[0].message


async def test_a_failed_source_can_be_retried_with_r(loader: FakeLoader) -> None:
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("2")  # Kavkaz Post, the failing column
        assert current(app)[1] == "kavkaz"
        loader.fail = ()
        await pilot.press("r")
        await settle(pilot, app)
        assert loader.loads[-1] == (("kavkaz",), True)
        assert app.states["kavkaz"].state == "done"
        assert app.comparison.source("kavkaz").ok


async def test_capital_r_refetches_everything(loader: FakeLoader) -> None:
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("R")
        await settle(pilot, app)
        assert loader.loads[-1] == (None, True)


async def test_an_older_fetch_that_finishes_last_does_not_replace_a_refetch() -> None:
    loader = StaggeredLoader()
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")  # Baku Herald, still loading in load 0
        assert current(app)[1] == "baku"
        await pilot.press("r")  # load 1: baku again
        await pilot.pause()
        loader.release_load(1)
        await settle(pilot, app, loading=True)
        assert app.comparison.source("baku").fetched_at == loader.fetched_at(1)
        loader.release_load(0)  # the older load finishes last, baku included
        await settle(pilot, app)
        assert app.comparison.source("baku").fetched_at == loader.fetched_at(1)
        assert app.states["baku"].source.fetched_at == loader.fetched_at(1)
        assert app.comparison.source("hayk").fetched_at == loader.fetched_at(0)


async def test_switching_event_mid_load_drops_the_old_events_late_sources() -> None:
    old = StaggeredLoader()
    other = replace(EVENT, id="other", title="Other event")
    new = FakeLoader(comparison=replace(demo_comparison(), event=other))
    app = make_app(old)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.states["baku"].state == "fetching"
        app.start(new)
        await settle(pilot, app)  # the old load, still held, no longer counts
        assert app.comparison.event.id == "other"
        assert app.comparison.source("baku").fetched_at == FETCHED
        old.release_load(0)  # the old event's sources arrive late
        for _ in range(5):
            await pilot.pause()
        await settle(pilot, app)
        assert app.comparison.event.id == "other"
        assert {s.fetched_at for s in app.comparison.sources} <= {FETCHED, None}
        # FakeLoader's failed source has no fetched_at; every old load's source has one.
        assert {p.source.fetched_at for p in app.states.values() if p.source} <= {FETCHED, None}


async def test_a_comparison_the_grid_cannot_show_keeps_the_old_one_and_says_so(
    loader: FakeLoader,
) -> None:
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        shown = app.comparison
        # Baku's refetch brings one paragraph; the clusters still name its 2nd and 3rd.
        loader.comparison = demo_comparison({"baku": ["One paragraph about Ganja."]})
        await pilot.press("5", "r")
        await settle(pilot, app)
        assert any(n.title == "Could not show the comparison" for n in app._notifications)
        assert app.comparison is shown
        assert row_ids(app) == ["c1", "c2", "c3", "c4", "c5", "c6"]
        grid = app.grid
        assert len(grid._heights) == len(grid.visible_rows) == len(grid._tops) - 1
        for y in range(grid.size.height):  # every line still paints
            grid.render_line(y)
        await pilot.press("G", "g", "d", "w")
        await pilot.pause()


async def test_a_loader_that_raises_marks_sources_failed_instead_of_crashing() -> None:
    class Broken(FakeLoader):
        async def load(self, on_progress, only=None, refresh=False):
            raise RuntimeError("disk full")

    app = make_app(Broken())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert {p.state for p in app.states.values()} == {"error"}
        assert "disk full" in app.states["hayk"].detail
        # No rows to show: the body says why instead of staying blank.
        body = [app.grid.render_line(HEADER_HEIGHT + y).text for y in range(3)]
        assert "✗ loader failed: disk full" in body[0]
        assert "press r to retry" in body[1]


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_row_keys_move_between_rows(down: str, up: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert current(app)[0] == "c1"
        await pilot.press(down, down)
        assert current(app)[0] == "c3"
        await pilot.press(up)
        assert current(app)[0] == "c2"
        await pilot.press(up, up)
        assert current(app)[0] == "c1"  # stops at the top


async def test_home_end_and_page_keys() -> None:
    app = make_app()
    async with app.run_test(size=(200, 20)) as pilot:
        await settle(pilot, app)
        await pilot.press("end")
        assert current(app)[0] == "c6"
        assert app.grid.scroll_y > 0
        await pilot.press("home")
        assert current(app)[0] == "c1"
        assert app.grid.scroll_y == 0
        await pilot.press("pagedown")
        assert app.grid.cursor_row > 0
        await pilot.press("pageup")
        assert current(app)[0] == "c1"


@pytest.mark.parametrize(("forward", "back"), [("]", "["), ("n", "N")])
async def test_divergence_keys_jump_to_divergences_in_row_order(forward: str, back: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.grid.current_divergence.id == "d1"  # the first row diverges: d1 is current
        seen = []
        for _ in range(8):
            await pilot.press(forward)
            seen.append(app.grid.current_divergence.id)
            assert current(app)[0] == app.grid.current_divergence.cluster
        assert seen == ["d2", "d3", "d4", "d5", "d6", "d7", "d8", "d1"]  # wraps at the end
        await pilot.press(back, back)
        assert app.grid.current_divergence.id == "d7"
        assert app.query_one(DivergencePanel).selected.id == "d7"


async def test_next_divergence_puts_the_cursor_on_a_source_it_marks() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j", "5")  # row c3 (naming d4, blame d5), in Kavkaz Post
        assert app.grid.current_divergence.id == "d4"
        assert current(app) == ("c3", "baku")
        await pilot.press("]")
        assert app.grid.current_divergence.id == "d5"
        assert current(app) == ("c3", "hayk")  # the first source the blame span marks


async def test_tab_shift_tab_and_digits_move_between_sources() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert current(app)[1] == "hayk"
        await pilot.press("tab")
        assert current(app)[1] == "kavkaz"
        await pilot.press("shift+tab")
        assert current(app)[1] == "hayk"
        await pilot.press("4")
        assert current(app)[1] == "wire"
        await pilot.press("5", "tab")  # past the last source: focus moves to the panel
        assert isinstance(app.focused, DivergencePanel)
        await pilot.press("tab")
        assert app.focused is app.grid
        await pilot.press("9")  # no ninth source: nothing happens
        assert current(app)[1] == "baku"


async def test_d_shows_only_divergent_rows_and_back() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("end")
        await pilot.press("d")
        assert row_ids(app) == ["c1", "c2", "c3", "c4", "c5"]
        assert current(app)[0] == "c5"
        await pilot.press("d")
        assert row_ids(app)[-1] == "c6"


async def test_search_finds_highlights_and_cycles_matches() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("/")
        assert app.focused.id == "search"
        await pilot.press(*"khankendi", "enter")
        assert app.focused is app.grid
        assert [(m.row, app.grid.model.columns[m.column].source_id) for m in app.grid.matches] == [
            (2, "wire"),
            (2, "baku"),
        ]
        assert current(app) == ("c3", "wire")
        await pilot.press(".")
        assert current(app) == ("c3", "baku")
        await pilot.press(".")
        assert current(app) == ("c3", "wire")
        await pilot.press(",")
        assert current(app) == ("c3", "baku")


async def test_search_with_no_match_says_so_and_escape_cancels() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("/", *"zzz", "enter")
        assert app.grid.matches == ()
        assert any("No match" in n.message for n in app._notifications)
        await pilot.press("/", "x", "escape")
        assert app.focused is app.grid
        assert not app.query_one("#search").has_class("-open")


async def test_notifications_quote_untrusted_text_instead_of_reading_markup() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("/", *"[bold]x[/bold]", "enter")
        (note,) = [n for n in app._notifications if "No match" in n.message]
        assert note.message == "No match for “[bold]x[/bold]”."
        assert note.markup is False
        await pilot.pause()


async def test_w_toggles_wrapping() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        wrapped = app.grid.virtual_size.height
        await pilot.press("w")
        assert not app.grid.wrap
        unwrapped = app.grid.virtual_size.height
        assert unwrapped < wrapped
        line = app.grid.render_line(4).text
        assert "…" in line  # long paragraphs end in an ellipsis on one line
        await pilot.press("w")
        assert app.grid.virtual_size.height == wrapped


async def test_e_exports_and_asks_before_overwriting(tmp_path: Path) -> None:
    rendered: list[Comparison] = []

    def render(comparison: Comparison, reviews) -> str:
        rendered.append(comparison)
        return f"# report {len(rendered)}\n"

    app = make_app(export_dir=tmp_path, render_markdown=render)
    target = tmp_path / f"{EVENT.id}.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        await exported(pilot, app)
        assert target.read_text() == "# report 1\n"
        assert any(str(target) in n.message for n in app._notifications)

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "# report 1\n"

        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await exported(pilot, app)
        assert target.read_text() == "# report 2\n"


async def test_export_to_an_unwritable_place_reports_the_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    app = make_app(export_dir=blocker / "reports", render_markdown=lambda c, r: "x")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        await exported(pilot, app)
        assert any("Could not write" in n.message for n in app._notifications)


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [("...", "report.md"), ("/", "report.md"), ("_._", "report.md"), ("a/b c", "a_b_c.md")],
)
def test_report_filename_falls_back_when_the_id_leaves_nothing(
    event_id: str, expected: str
) -> None:
    assert report_filename(event_id) == expected


async def test_an_event_id_of_dots_exports_to_report_md_not_a_hidden_file(
    comparison: Comparison,
    tmp_path: Path,
) -> None:
    comparison = replace(comparison, event=replace(comparison.event, id="..."))
    app = make_app(FakeLoader(comparison), export_dir=tmp_path, render_markdown=lambda c, r: "x")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        await exported(pilot, app)
        assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


async def test_o_opens_the_focused_source() -> None:
    opened: list[str] = []
    app = make_app(open_url=opened.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("3", "o")
        assert opened == [LOCATIONS["monitor"]]


async def test_question_mark_shows_help_with_keys_and_legend() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict((d, k) for k, d in app.key_help())
        assert keys["Next div"].startswith("]")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_p_hides_and_shows_the_panel() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        panel = app.query_one(DivergencePanel)
        await pilot.press("p")
        await pilot.pause()
        assert not panel.display
        await pilot.press("p")
        assert panel.display


async def test_keymap_remaps_bindings_by_id() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.set_keymap({"app.next_divergence": "x", "grid.row_down": "ctrl+j"})
        await pilot.press("x")
        assert app.grid.current_divergence is not None
        await pilot.press("home", "ctrl+j")
        assert current(app)[0] == "c2"
        assert ("x", "Next div") in app.key_help()


async def test_command_palette_lists_the_actions() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"only divergent")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.grid.only_divergent


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_clicks_move_the_cursor_and_choose_divergences() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        grid = app.grid
        x = grid.region.x + 3 + grid._column_x[2] + 2
        y = grid.region.y + 4 + grid._tops[1] + 1
        await pilot.click(offset=(x, y))
        assert current(app) == ("c2", "monitor")
        panel = app.query_one(DivergencePanel)
        y = next(y for y in range(panel.size.height) if "rescue work" in panel.render_line(y).text)
        await pilot.click(offset=(panel.content_region.x + 4, panel.content_region.y + y))
        await pilot.pause()
        assert current(app) == ("c4", "hayk")
        assert panel.selected.id == "d6"


async def test_moving_through_the_panel_previews_each_divergence() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.query_one(DivergencePanel).focus()
        await pilot.pause()
        await pilot.press("down", "down")
        assert app.grid.current_divergence is not None
        assert current(app)[0] == app.grid.current_divergence.cluster


async def test_event_picker_starts_the_chosen_event() -> None:
    chosen: list[str] = []

    def loader_for(event_id: str) -> FakeLoader:
        chosen.append(event_id)
        return FakeLoader()

    events = [
        EventChoice(EVENT.id, EVENT.title, EVENT.date),
        EventChoice("other", "Another day", EVENT.date),
    ]
    app = ParallaxApp(events=events, loader_for=loader_for, compare_interval=0, open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EventPickerScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        # The main view's keys are neither offered nor obeyed while the picker is up.
        shown = {b.action for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert "quit" in shown and "next_divergence" not in shown
        await pilot.press("]", "d")
        assert not app._notifications and isinstance(app.screen, EventPickerScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert chosen == [EVENT.id]
        assert app.comparison is not None


async def test_compare_is_throttled_while_sources_arrive(loader: FakeLoader) -> None:
    app = ParallaxApp(loader, compare_interval=0.05, open_brief=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert 1 <= loader.compares <= 2  # five arrivals, at most one compare per interval + final
        assert len(app.comparison.sources) == 5


async def test_the_cursor_stays_on_its_cluster_when_the_comparison_changes() -> None:
    loader = FakeLoader(gated={"kavkaz"})
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app, loading=True)
        await pilot.press("j", "j", "4")
        assert current(app) == ("c3", "wire")
        loader.release("kavkaz")
        await settle(pilot, app)
        assert current(app) == ("c3", "wire")


def test_demo_comparison_spans_are_exact(comparison: Comparison) -> None:
    for divergence in comparison.divergences:
        for span in divergence.spans:
            paragraph = comparison.source(span.source).paragraphs[span.paragraph]
            assert paragraph[span.start : span.end] == span.text


async def test_status_line_says_what_diverges_on_the_row() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        # Row c1 has a figure and an omission; the figure is current.
        assert "row 1/6 · # ∅" in status(app)
        assert "# figure 1/8 killed: 7 (Baku Herald, Caucasus Monitor) vs 9 (Global Wire)" in (
            status(app)
        )
        await pilot.press("]")
        assert "∅ omission 2/8 Only Azerbaijani and international outlets" in status(app)
        await pilot.press("j")
        assert "row 2/6 · ✗  │ ✗ denial 3/8 Karabakh defence ministry" in status(app)
        await pilot.press("G")  # c6: every source agrees
        assert status(app).endswith("row 6/6 · no divergence here")


async def test_panel_lists_two_lines_per_divergence_from_its_structured_fields() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        panel = app.query_one(DivergencePanel)
        assert [d.id for d in panel.entries] == [f"d{n}" for n in range(1, 9)]  # ties: row order
        lines = panel_lines(app)
        # d1 is open (the cursor's row diverges): its claim with the outlets behind each value,
        # from Divergence.positions, over OPENED_LINES lines; every other entry takes two.
        assert lines[0] == "# killed: 7 (Baku Herald, Caucasus Monitor) vs 9"
        assert lines[1] == "  (Global Wire)"
        assert lines[OPENED_LINES] == "∅ Only Azerbaijani and international outlets"
        assert lines[OPENED_LINES + 1] == "  report the dead in Ganja"  # summary, verbatim
        # d4 has positions: its brief is the values alone.
        assert lines[OPENED_LINES + 4] == "≠ Stepanakert: Stepanakert vs Khankendi"
        assert all(len(line) <= panel.scrollable_content_region.width for line in lines)
        assert panel.border_title == "Divergences 1/8"


async def test_panel_follows_the_cursor_and_the_divergence_keys() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        panel = app.query_one(DivergencePanel)
        assert panel.selected.id == "d1"
        await pilot.press("]", "]")
        assert panel.selected.id == "d3" and panel.border_title == "Divergences 3/8"
        await pilot.press("j")  # c3: its first divergence
        assert panel.selected.id == "d4"
        await pilot.press("[")
        assert panel.selected.id == "d3"
        await pilot.press("G")  # a row that agrees: nothing selected
        assert panel.selected is None and panel.border_title == "Divergences 8"


async def test_keys_in_the_panel_move_through_it_and_show_each_divergence() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        panel = app.query_one(DivergencePanel)
        panel.focus()
        await pilot.press("down", "down", "down")
        assert panel.selected.id == "d4" and current(app)[0] == "c3"
        await pilot.press("end")
        assert panel.selected.id == "d8" and current(app)[0] == "c5"
        await pilot.press("home", "up")  # stops at the first
        assert panel.selected.id == "d1" and current(app)[0] == "c1"


async def test_light_theme_repaints_the_grid_in_its_own_colours() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        grid = app.grid
        dark = grid.rich_style.bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        light = grid.rich_style.bgcolor
        assert light != dark
        for y in range(grid.size.height):
            for segment in grid.render_line(y):
                # Every cell is painted: nothing falls back to the terminal's own colours.
                assert segment.style is not None and segment.style.bgcolor is not None
        # The filler, drawn and cached under the dark theme, took the light one's colours.
        below_cursor = range(HEADER_HEIGHT + grid._tops[1], grid.size.height)
        filler = next(
            seg for y in below_cursor for seg in grid.render_line(y) if "∅ not" in seg.text
        )
        assert filler.style.color == grid.get_component_rich_style("grid--filler").color
        assert filler.style.color != light  # (it used to come out white on white)


async def test_the_focused_source_is_marked_without_colour() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        header = app.grid.render_line(0)
        underlined = "".join(seg.text for seg in header if seg.style and seg.style.underline)
        assert "Hayk News" in underlined and "Kavkaz" not in underlined


async def test_at_80_columns_every_side_has_a_readable_column_and_s_switches_sources() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        assert not app.panel.display  # started hidden at this width; p brings it back
        columns = grid.model.columns
        assert [c.side.id for c in columns] == ["armenian", "international", "azerbaijani"]
        assert all(width >= 22 for width in grid._widths)
        assert grid._column_x[-1] + grid._widths[-1] <= grid.size.width - 3  # all on screen
        assert [c.source_id for c in columns] == ["hayk", "monitor", "baku"]
        assert columns[1].choice == "1/2"
        await pilot.press("2", "s")
        assert [c.source_id for c in grid.model.columns] == ["hayk", "wire", "baku"]
        assert grid.current_column.source_id == "wire"
        assert "⇄2/2" in grid.render_line(0).text
        keys = app.query_one(KeyBar).render().plain
        assert len(keys) == 80 and keys.rstrip().endswith("Quit") and "Help" in keys
        summary = app.query_one("#summary", Static)
        lines = [strip.text for strip in summary.render_lines(summary.region.reset_offset)]
        assert "Shelling of Ganja" in lines[0]
        assert "Arm " in lines[1]  # the title no longer wraps over the sides line (cut to fit)


@dataclass
class BlockingLoader(FakeLoader):
    """A FakeLoader whose compare holds its thread until the test lets it go, and counts how
    many run at once."""

    gate: threading.Event = field(default_factory=threading.Event)
    running: int = 0
    most: int = 0
    seen: list[int] = field(default_factory=list)

    def compare(self, sources: Sequence[Source]) -> Comparison:
        self.running += 1
        self.most = max(self.most, self.running)
        self.seen.append(len(sources))
        try:
            self.gate.wait(5)
            return super().compare(sources)
        finally:
            self.running -= 1


async def test_one_compare_in_flight_and_the_newest_sources_win() -> None:
    loader = BlockingLoader(gated={"hayk", "monitor", "wire", "kavkaz"})
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):  # baku arrives; its compare starts and blocks
            await pilot.pause()
            if loader.running:
                break
        for source_id in ("hayk", "monitor", "wire", "kavkaz"):  # four more arrive meanwhile
            loader.release(source_id)
            for _ in range(5):
                await pilot.pause()
        assert loader.running == 1 and app.comparing
        loader.gate.set()
        await settle(pilot, app)
        assert loader.most == 1
        # The one pending compare read every source when it started: nothing in between ran.
        assert loader.seen == [1, 5]
        assert len(app.comparison.sources) == 5


async def test_quitting_abandons_a_comparison_that_is_still_running() -> None:
    loader = BlockingLoader()
    app = make_app(loader)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause()
            if loader.running:
                break
        assert loader.running == 1
        await pilot.press("q")
    # The app is gone while its comparison still runs, on a daemon thread nobody joins.
    assert app.return_code == 0
    assert loader.running == 1
    workers = [t for t in threading.enumerate() if t.name == "compare"]
    assert workers and all(t.daemon for t in workers)
    loader.gate.set()
