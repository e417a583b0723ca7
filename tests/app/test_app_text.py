"""Untrusted article text on screen, and the app's pure helpers (layout, wrap, highlight)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from tests.app.fakes import FakeLoader, demo_comparison, settle
from tui.app import ParallaxApp
from tui.app.highlight import (
    CURRENT_CLOSE,
    CURRENT_OPEN,
    CURRENT_STYLE,
    DIMMED_STYLE,
    KIND_STYLES,
    HighlightSpan,
    clean,
    marks_kept,
    styled_paragraph,
)
from tui.app.layout import build_model
from tui.app.status import Fitted
from tui.app.summaries import brief, detail
from tui.app.wrap import line_starts
from tui.model import Comparison, Divergence, Position

HOSTILE = (
    "[bold]not bold[/bold] and [/foo] with \x1b[31mred\x1b[0m, a bell\x07, "
    "a tab\there and a\r\nline break [link=https://evil.example]click[/link]"
)


def hostile_app() -> ParallaxApp:
    comparison = demo_comparison({"hayk": (PARAGRAPH_0, HOSTILE, "Rescue teams.")})
    return ParallaxApp(FakeLoader(comparison), compare_interval=0, open_brief=False)


PARAGRAPH_0 = demo_comparison().source("hayk").paragraphs[0]


def screen_lines(app: ParallaxApp) -> list:
    grid = app.grid
    return [grid.render_line(y) for y in range(grid.size.height)]


async def test_markup_and_escapes_in_article_text_are_shown_literally() -> None:
    app = hostile_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("j")  # row c2 holds the hostile paragraph
        strips = screen_lines(app)
        text = "".join(strip.text for strip in strips)
        assert "[bold]not" in text and "[/bold]" in text
        assert "[/foo]" in text
        assert "␛[31mred␛[0m" in text
        assert "␇" in text
        for strip in strips:
            for segment in strip:
                assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in segment.text)
                if "not bold" in segment.text:
                    assert not (segment.style and segment.style.bold)
                if "click" in segment.text:
                    assert not (segment.style and segment.style.link)


async def test_hostile_outlet_names_and_errors_cannot_restyle_the_screen(
    loader: FakeLoader,
) -> None:
    app = ParallaxApp(loader, compare_interval=0, open_brief=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, app)
        hostile = "\x1b[2J[red]boom[/red]\x00"
        app.session.states["kavkaz"] = replace(app.states["kavkaz"], detail=hostile)
        app._show_states()
        await pilot.pause()
        assert "✗ error: ␛[2J" in app.grid.render_line(2).text
        # The failed source's strip shows the whole reason in its first row.
        column, width = app.grid._column_x[1] + 3, app.grid._widths[1]
        cell = "".join(app.grid.render_line(y).text[column : column + width] for y in range(4, 9))
        assert "␛[2J[red]boom[/red]␀" in cell
        svg = app.export_screenshot()
        assert "\x1b" not in svg


def test_clean_keeps_offsets_and_removes_every_control_character() -> None:
    assert len(clean(HOSTILE)) == len(HOSTILE)
    assert clean("a\x1bb\tc\x9bd\u202ee") == "a␛b c\ufffdd\ufffde"


@given(st.text())
def test_clean_is_length_preserving_and_printable(text: str) -> None:
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in cleaned)


def test_styled_paragraph_marks_exact_spans_with_a_non_colour_cue() -> None:
    text = styled_paragraph("killing 7 civilians", [HighlightSpan(8, 19, "figure", "d1")], [(0, 7)])
    figure_spans = [s for s in text.spans if s.style == KIND_STYLES["figure"].style]
    assert [(s.start, s.end) for s in figure_spans] == [(8, 19)]
    for style in KIND_STYLES.values():
        cue = style.style
        assert cue.bold or cue.italic or cue.underline or cue.underline2 or cue.reverse


def test_every_kind_has_its_own_cue_and_glyph() -> None:
    cues = {
        (s.style.bold, s.style.italic, s.style.underline, s.style.underline2, s.style.reverse)
        for s in KIND_STYLES.values()
    }
    assert len(cues) == len(KIND_STYLES)
    assert len({s.glyph for s in KIND_STYLES.values()}) == len(KIND_STYLES)


def test_spans_out_of_range_are_ignored_rather_than_crashing() -> None:
    spans = [HighlightSpan(3, 99, "figure", "d1"), HighlightSpan(-1, 2, "blame", "d2")]
    text = styled_paragraph("short", spans)
    assert text.spans == []


def test_the_current_divergence_is_bracketed_and_styled_and_the_rest_dimmed() -> None:
    paragraph = "forces killed 7 civilians in Ganja"
    spans = [HighlightSpan(14, 25, "figure", "d1"), HighlightSpan(0, 6, "blame", "d5")]
    text = styled_paragraph(paragraph, spans, current="d1")
    # The glyphs take the blanks around the span: offsets, and so wrapping, do not move.
    assert text.plain == f"forces killed{CURRENT_OPEN}7 civilians{CURRENT_CLOSE}in Ganja"
    assert len(text.plain) == len(paragraph)
    styles = {(s.start, s.end): s.style for s in text.spans}
    assert styles[14, 25] == CURRENT_STYLE
    assert styles[0, 6] == DIMMED_STYLE


def test_hidden_kinds_are_not_drawn() -> None:
    spans = [HighlightSpan(0, 6, "wording", "d8"), HighlightSpan(7, 9, "figure", "d1")]
    text = styled_paragraph("forces at 7", spans, hidden={"wording"})
    assert [(s.start, s.end) for s in text.spans] == [(7, 9)]


@given(
    st.text(alphabet=st.sampled_from("ab cd\u4e00\u00e9 -"), max_size=200),
    st.integers(min_value=1, max_value=40),
)
def test_wrapped_lines_fit_and_cover_the_text(text: str, width: int) -> None:
    starts = line_starts(text, width)
    assert starts[0] == 0 and starts == sorted(set(starts))
    bounds = [*starts, len(text)]
    for start, end in itertools.pairwise(bounds):
        assert cell_len(text[start:end].rstrip()) <= max(width, 2)


@given(
    st.text(alphabet=st.sampled_from("ae  xyzxyzxyz\n"), max_size=200),
    st.integers(min_value=1, max_value=40),
)
def test_ascii_text_wraps_where_the_word_by_word_wrap_does(text: str, width: int) -> None:
    # ASCII paragraphs are wrapped a line at a time; one accented letter (as wide as "e")
    # sends the same text through the word-by-word wrap, which must agree offset for offset.
    assert line_starts(text, width) == line_starts(text.replace("e", "\u00e9"), width)


def test_layout_groups_columns_by_side_and_rows_follow_clusters(comparison: Comparison) -> None:
    loader = FakeLoader(comparison)
    model = build_model(loader.plan(), comparison.sides, comparison)
    assert [c.side.id for c in model.columns] == [
        "armenian", "armenian", "international", "international", "azerbaijani",
    ]  # fmt: skip
    assert [r.cluster_id for r in model.rows] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    c3 = model.rows[2]
    assert dict(zip((c.source_id for c in model.columns), c3.cells, strict=True)) == {
        "hayk": (0,), "kavkaz": (), "monitor": (2,), "wire": (2,), "baku": (1,),
    }  # fmt: skip
    assert c3.kinds == ("blame", "naming")
    assert model.rows[5].kinds == ()


def test_contested_figures_are_the_ones_the_core_names(comparison: Comparison) -> None:
    model = build_model(FakeLoader(comparison).plan(), comparison.sides, comparison)
    monitor = model.spans["monitor", 0]
    start = comparison.source("monitor").paragraphs[0].index("7 people")
    assert HighlightSpan(start, start + len("7 people"), "figure", "d1") in monitor
    # "33 wounded" is a figure too, but the core does not set it against another.
    wounded = comparison.source("monitor").paragraphs[0].index("33 wounded")
    assert not any(s.start == wounded for s in monitor)
    # A contested figure that no divergence's span covers is still marked, as the core's.
    trimmed = replace(comparison, divergences=comparison.divergences[1:])
    model = build_model(FakeLoader(trimmed).plan(), trimmed.sides, trimmed)
    assert HighlightSpan(start, start + len("7 people"), "figure", "") in model.spans["monitor", 0]


NAMES = {"a": "Yerevan Courier", "b": "Baku Herald", "c": "Global Wire", "d": "Euro Desk"}


def test_briefs_and_details_come_from_positions() -> None:
    divergence = Divergence(
        "d1",
        "figure",
        "c1",
        "a summary the app must not parse (7 vs 9)",
        (),
        topic="killed",
        positions=(
            Position(("a", "b", "c", "d"), ("armenian",), "7"),
            Position(("c",), ("international",), "9", speaker="the health ministry"),
        ),
    )
    assert brief(divergence) == "killed: 7 vs 9"
    assert detail(divergence, NAMES) == (
        "killed: 7 (Yerevan Courier, Baku Herald, +2 more) vs "
        "9 (the health ministry, per Global Wire)"
    )


def test_without_positions_the_summary_is_shown_verbatim() -> None:
    summary = "Only Azerbaijani sources report (no Armenian source does): Rescuers searched"
    divergence = Divergence("d2", "omission", "c1", summary, ())
    assert brief(divergence) == summary
    assert detail(divergence, NAMES) == summary


def test_a_glyph_past_a_full_lines_edge_opens_the_next_line() -> None:
    # The grid wraps the plain text: "aaa bbb" fills 7 columns, and the blank after it, where
    # the current span's ▶ stands in the styled text, is the 8th cell.
    raw = "aaa bbb ccc dd"
    assert line_starts(raw, 7) == [0, 8]
    styled = Text(f"aaa bbb{CURRENT_OPEN}ccc dd", end="")
    assert marks_kept(styled, [0, 8], 7) == [0, 7]  # "▶ccc dd" opens line two
    roomy = Text(f"aaa bb{CURRENT_OPEN}ccc", end="")
    assert marks_kept(roomy, [0, 7], 7) == [0, 7]  # the glyph is on screen already
    full = Text(f"aaa bbb{CURRENT_CLOSE}ccc ddd", end="")
    assert marks_kept(full, [0, 8], 7) == [0, 8]  # no cell to spare below: lines unchanged


def test_the_header_draws_its_widest_rendering_that_fits() -> None:
    wide = Text("a title longer than any width\nline two is long", end="")
    narrow = Text("a title longer than any width\nline 2", end="")
    fitted = Fitted([wide, narrow])
    assert fitted.fitting(20) is wide  # the title line is cut anyway: it does not count
    assert fitted.fitting(10) is narrow
    assert fitted.fitting(3) is narrow  # nothing fits: the narrowest, cut by the widget
