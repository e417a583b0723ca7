"""Pilot tests for what an editor-style run of the viewer found (issue 10, round 8): the
column switcher shows the evidence, the first ] goes to the top contradiction, the palette
offers only what works, the current divergence is readable, settings say what is wrong."""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.widgets import OptionList, Static

from tests.app.fakes import FakeLoader, demo_comparison, settle, span, twelve_sources
from tui.app import ParallaxApp
from tui.app.briefing import BriefScreen
from tui.app.grid import (
    NARROW_COLUMN,
    NARROW_STRIP,
    STRIP_WIDTH,
    ComparisonGrid,
    column_widths,
)
from tui.app.highlight import CURRENT_STYLE
from tui.app.layout import build_model
from tui.app.reader import ReaderScreen
from tui.app.screens import NoteScreen, help_table
from tui.app.worddiff import WordDiffScreen, word_diff
from tui.model import Comparison, Member


def make_app(loader: FakeLoader | None = None, **kwargs) -> ParallaxApp:
    kwargs.setdefault("compare_interval", 0)
    kwargs.setdefault("open_brief", False)
    kwargs.setdefault("review_dir", Path(tempfile.mkdtemp()))
    return ParallaxApp(loader if loader is not None else FakeLoader(), **kwargs)


def grid_text(app: ParallaxApp) -> str:
    grid = app.grid
    return "\n".join(grid.render_line(y).text for y in range(grid.size.height))


def status(app: ParallaxApp) -> str:
    return app.query_one("#status", Static).content.plain


def ranked() -> Comparison:
    """The demo comparison with importance scores: the blame on row c3 ranks first, the
    figure on the first row last."""
    scores = {"d5": 0.9, "d3": 0.8, "d7": 0.6, "d4": 0.5, "d1": 0.1}
    base = demo_comparison()
    divergences = tuple(replace(d, importance=scores.get(d.id, 0.0)) for d in base.divergences)
    return replace(base, divergences=divergences)


# --- 1: one column per side ----------------------------------------------------------------


async def test_a_side_column_names_the_outlet_that_reports_a_row_it_lacks() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.per_side
        assert [c.source_id for c in app.grid.model.columns] == ["hayk", "monitor", "baku"]
        app.grid.jump_to_cluster("c5")  # Baku Herald and Global Wire: not Caucasus Monitor
        await pilot.pause()
        middle = [line.split("│")[1].strip() for line in grid_text(app).splitlines()[4:]]
        said = " ".join(piece for piece in middle if piece)
        assert "∅ in Caucasus Monitor; reported by Global Wire (s to switch)" in said


async def test_a_jump_shows_in_each_side_the_source_the_divergence_is_about() -> None:
    app = make_app(hidden_kinds=())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        wording = next(d for d in app.grid.model.divergences if d.id == "d8")
        app.grid.jump_to_divergence(wording)  # Baku Herald vs Global Wire
        await pilot.pause()
        assert [c.source_id for c in app.grid.model.columns] == ["hayk", "wire", "baku"]
        assert app.grid.current_divergence.id == "d8"
        assert "Both sides accused" in grid_text(app)
        assert "no divergence here" not in status(app)


async def test_one_column_per_side_lists_every_divergence_the_header_counts() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.per_side
        # Five shown (figure, denial, naming, blame, framing), omission and wording hidden.
        assert app.panel.border_title == "Divergences 1/5 (+3 hidden)"
        summary = app.query_one("#summary", Static)
        header = "".join(s.text for s in summary.render_lines(summary.region.reset_offset))
        assert "8 div" in header


async def test_enter_on_a_brief_item_lands_on_its_row_with_it_current_per_side() -> None:
    app = make_app(FakeLoader(comparison=ranked()), open_brief=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        options = app.screen.query_one(OptionList)
        heading = str(options.get_option_at_index(0).prompt)
        assert heading == "Top contradictions (the panel lists 5, +3 hidden)"
        await pilot.press("enter")  # the top contradiction: the blame on c3
        await pilot.pause()
        assert app.grid.current_divergence.id == "d5"
        assert "no divergence here" not in status(app)
        assert "blame 1/5" in status(app)


async def test_an_empty_cell_says_where_the_current_divergence_quotes_its_source() -> None:
    base = demo_comparison()
    claim = span("baku", 0, "Armenian armed forces struck a residential area of Ganja")
    divergences = tuple(
        replace(d, spans=(*d.spans, claim)) if d.id == "d3" else d for d in base.divergences
    )
    app = make_app(FakeLoader(comparison=replace(base, divergences=divergences)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        denial = next(d for d in app.grid.model.divergences if d.id == "d3")
        app.grid.jump_to_divergence(denial)  # row c2: Hayk News and Caucasus Monitor only
        await pilot.pause()
        right = [line.split("│")[2].strip() for line in grid_text(app).splitlines()[4:]]
        said = " ".join(piece for piece in right if piece)
        assert "∅ on this row; Baku Herald says it in ¶ 1, row 1" in said


def test_an_outlets_other_article_is_not_named_as_if_it_were_another_outlet() -> None:
    loader = twelve_sources()
    comparison = loader.comparison
    clusters = tuple(
        replace(c, members=(Member("hayk-2", 2),)) if c.id == "c4" else c
        for c in comparison.clusters
    )
    comparison = replace(comparison, clusters=clusters)
    model = build_model(loader.plan(), comparison.sides, comparison, {"armenian": "hayk"})
    row = model.rows[model.row_of_cluster["c4"]]
    said = ComparisonGrid._filler(model, row, model.column_index("hayk"))
    assert said == "∅ in Hayk News; reported by another Hayk News article (s to switch)"


# --- 8: the first ] -------------------------------------------------------------------------


async def test_the_first_bracket_goes_to_the_top_contradiction() -> None:
    app = make_app(FakeLoader(comparison=ranked()))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        assert app.grid.current_divergence.id == "d1"  # the first row's, by default
        await pilot.press("right_square_bracket")
        assert app.grid.current_divergence.id == "d5"  # the panel's first
        assert app.panel.selected.id == "d5"
        await pilot.press("right_square_bracket")
        assert app.grid.current_divergence.id == "d3"  # then the panel's second


async def test_the_first_bracket_from_the_brief_goes_to_the_top_contradiction() -> None:
    app = make_app(FakeLoader(comparison=ranked()), open_brief=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert app.grid.current_divergence.id == "d5"


# --- 9: no silent no-ops ----------------------------------------------------------------------


async def test_the_palette_off_the_grid_lists_only_what_works_there() -> None:
    app = make_app(open_brief=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Export report" in titles and "Screenshot" in titles
        assert "Next divergence" not in titles and "Reader mode" not in titles
        on_grid = {c.title for c in app.get_system_commands(app.screen_stack[0])}
        assert "Next divergence" in on_grid


async def test_export_from_the_brief_writes_the_report(tmp_path: Path) -> None:
    app = make_app(open_brief=True, export_dir=tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("e")
        for _ in range(100):
            await pilot.pause()
            if list(tmp_path.glob("*.md")):
                break
        assert list(tmp_path.glob("*.md"))


async def test_a_screenshot_of_the_word_diff_is_saved(tmp_path: Path) -> None:
    app = make_app(screenshot_dir=tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("equals_sign")
        await pilot.pause()
        assert isinstance(app.screen, WordDiffScreen)
        await pilot.press("S")
        await pilot.pause()
        assert list(tmp_path.glob("*.svg"))


# --- 10: the current divergence's contrast -----------------------------------------------------


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_current_divergence_reads_at_4_5_to_1_in_the_default_and_light_themes() -> None:
    async def run(theme: str) -> list[float]:
        app = make_app(hidden_kinds=())
        async with app.run_test(size=(200, 50)) as pilot:
            app.theme = theme
            await settle(pilot, app)
            await pilot.press("j", "j")  # c3: the naming, on a row with blame marks too
            ratios = []
            for y in range(app.grid.size.height):
                for segment in app.grid.render_line(y):
                    style = segment.style
                    if style is None or style.bgcolor != CURRENT_STYLE.bgcolor:
                        continue
                    assert not style.dim  # Textual blends dim text halfway into its background
                    fg = style.color.get_truecolor()
                    bg = style.bgcolor.get_truecolor()
                    ratios.append(contrast(tuple(fg), tuple(bg)))
            return ratios

    for theme in ("textual-dark", "textual-light"):
        ratios = asyncio.run(run(theme))
        assert ratios and min(ratios) >= 4.5


def test_the_help_legend_explains_the_current_mark() -> None:
    console = Console(width=200, record=True)
    console.print(help_table([], ()))
    text = console.export_text()
    assert "▶ current ◀" in text and "the current divergence" in text


# --- 12: settings -------------------------------------------------------------------------------


def settings_notes(app: ParallaxApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Settings"]


def with_settings(folder: Path, text: str) -> tuple[ParallaxApp, Path]:
    """An app started with a settings file of `text`, and that file."""
    settings = folder / "settings.yaml"
    settings.write_text(text, "utf-8")
    return make_app(settings_file=settings), settings


async def test_a_keymap_key_the_grid_holds_is_a_warning_with_file_and_line(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text(
        'open_brief: false\nkeymap:\n  app.next_divergence: "right_square_bracket,n,space"\n',
        "utf-8",
    )
    app = make_app(settings_file=settings)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        (note,) = settings_notes(app)
        assert f"{settings}:3: keymap: app.next_divergence: 'space'" in note
        assert "grid.page_down" in note and "wins while the grid has focus" in note
    # Moving the grid's binding too frees the key: no warning, and space steps.
    settings.write_text(
        'open_brief: false\nkeymap:\n  app.next_divergence: "right_square_bracket,n,space"\n'
        "  grid.page_down: pagedown\n",
        "utf-8",
    )
    app = make_app(FakeLoader(comparison=ranked()), settings_file=settings)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        assert not settings_notes(app)
        await pilot.press("space")
        assert app.grid.current_divergence.id == "d5"


async def test_bad_keys_themes_and_ids_are_refused_with_file_and_line(tmp_path: Path) -> None:
    text = (
        "open_brief: false\ntheme: no-such-theme\n"
        "keymap:\n  app.brief: 42\n  app.nope: z\n  app.wrap: W\n"
    )
    app, settings = with_settings(tmp_path, text)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        (note,) = settings_notes(app)  # one message, a line per problem
        assert f"{settings}:2: theme: unknown 'no-such-theme'" in note
        assert f"{settings}:4: keymap: app.brief: expected key names as text" in note
        assert f"{settings}:5: keymap: no binding called app.nope" in note
        assert "other settings are in use" in note
        assert ("W", "Wrap") in app.key_help()  # the good entry still applies
        await pilot.press("b")  # and b is still the brief
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)


async def test_a_file_that_cannot_be_read_does_not_claim_other_settings(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.mkdir()  # reading a folder fails
    app = make_app(settings_file=settings)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        (note,) = settings_notes(app)
        assert "cannot be read" in note and "using the default settings" in note
        assert "other settings" not in note


async def test_capital_r_applies_the_settings_filters_again(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text("open_brief: false\nhidden_kinds: [figure]\n", "utf-8")
    app = make_app(settings_file=settings)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        assert app.hidden_kinds == {"figure"}
        settings.write_text("open_brief: false\nhidden_kinds: [naming]\n", "utf-8")
        await pilot.press("R")
        await settle(pilot, app)
        assert app.hidden_kinds == {"naming"}
        assert "naming" not in {d.kind for d in app.panel.entries}


# --- 13: layout ---------------------------------------------------------------------------------


def test_text_columns_and_strips_narrow_before_the_grid_scrolls_sideways() -> None:
    assert column_widths(55, [False] * 3) == [17, 17, 17]  # 60 columns, one per side
    assert column_widths(195, [False] * 4) == [48] * 4  # room to spare: unchanged
    assert column_widths(100, [True, False, False]) == [STRIP_WIDTH, 42, 42]
    # Three failed sources at 60 columns: the strips narrow, both good columns stay readable.
    widths = column_widths(55, [True, True, True, False, False])
    assert widths[:3] == [NARROW_STRIP] * 3 and min(widths[3:]) >= NARROW_COLUMN
    assert sum(widths) + len(widths) - 1 <= 55


def on_screen(app: ParallaxApp) -> bool:
    grid = app.grid
    widths = grid._widths
    return sum(widths) + len(widths) - 1 <= grid._room


async def test_at_60_by_20_every_side_is_on_screen_and_readable() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, app)
        assert app.per_side and on_screen(app)
        assert min(app.grid._widths) >= NARROW_COLUMN
        text = grid_text(app)
        assert all(side in text for side in ("Armenian", "International", "Azerbaijani"))


async def test_failed_sources_are_narrow_strips_that_name_the_error() -> None:
    loader = FakeLoader(fail=("kavkaz", "monitor", "hayk"))
    app = make_app(loader)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        assert on_screen(app)
        strips = [i for i in range(len(grid.model.columns)) if grid.is_strip(grid.model, i)]
        assert len(strips) == 3 and all(grid._widths[i] == NARROW_STRIP for i in strips)
        good = [w for i, w in enumerate(grid._widths) if i not in strips]
        assert len(good) == 2 and min(good) >= NARROW_COLUMN
        assert "404" in grid_text(app)


async def test_the_panel_at_80_by_24_squeezes_no_column_to_a_sliver() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        assert app.panel.display
        assert on_screen(app) and min(app.grid._widths) >= NARROW_COLUMN


# --- 11: word diff ------------------------------------------------------------------------------


def test_word_diff_runs_never_run_words_together() -> None:
    runs = word_diff("Seven were killed.", "Seven were killed in the fighting.")
    shown = "".join(words for _, words in runs)
    assert "killed.killed" not in shown and "killed. killed in the fighting." in shown
    runs = word_diff("The ministry said.", "The ministry said. 33 wounded.")
    assert "said.33" not in "".join(words for _, words in runs)


def test_straight_and_curly_quotes_are_no_change() -> None:
    runs = word_diff('Azerbaijan\'s "war crime" claim', "Azerbaijan’s “war crime” claim")
    assert all(op == "equal" for op, _ in runs)


# --- 14: a rejected divergence, marked as such -------------------------------------------------


async def test_a_rejected_divergence_is_marked_in_the_panel_and_the_brief() -> None:
    app = make_app(FakeLoader(comparison=ranked()))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket", "x", "enter")  # the blame d5, rejected
        await pilot.pause()
        assert app.reviews["d5"].status == "rejected"
        panel = app.panel
        lines = [panel.render_line(y).text for y in range(panel.size.height)]
        (entry,) = [line for line in lines if line.lstrip().startswith("!")]
        assert "⊘" in entry and "✗" not in entry  # not the denial's glyph
        await pilot.press("b")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        blame = next(p for p in prompts if p.startswith("! blame"))
        assert "⊘ rejected:" in blame


# --- 15: small things ---------------------------------------------------------------------------


async def test_the_review_question_wraps_rather_than_being_cut() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket", "c")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        question = app.screen.query_one("#note-question", Static)
        lines = question.render_lines(question.region.reset_offset)
        said = " ".join(strip.text.strip() for strip in lines)
        summary = app.grid.current_divergence.summary
        assert len(lines) > 1 and " ".join(said.split()).endswith(" ".join(summary.split()))


async def test_j_and_k_move_through_the_reader() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("4", "a")  # Baku Herald's first paragraph
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        start = app.screen.paragraph
        await pilot.press("j")
        assert app.screen.paragraph == start + 1
        await pilot.press("k")
        assert app.screen.paragraph == start


async def test_a_column_header_counts_paragraphs_once() -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        states = dict(app.session.states)
        states["hayk"] = replace(states["hayk"], detail="3 paragraphs, 1.2 KiB")
        app.grid.set_states(states)
        hayk, _, monitor, *_ = app.grid.render_line(2).text.split("│")
        assert "3 paragraphs, 1.2 KiB" in hayk and "¶" not in hayk
        assert "4 ¶" in monitor  # Caucasus Monitor's loader did not count them: the grid does
