"""The headline in the grid: a row whose cluster names a source's headline shows it, bold,
above that source's paragraph, and the row stays level."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from tests.app.fakes import PLAN, FakeLoader, demo_comparison, settle
from tui.app import ParallaxApp
from tui.app.grid import FILLER, ComparisonGrid
from tui.app.highlight import CURRENT_STYLE
from tui.app.layout import build_model
from tui.model import HEADLINE, Comparison, Divergence, Span

# Markup and an escape sequence: both must show as text, never act.
WIRE_TITLE = "[bold red]Drones[/] hit\x1b[2J a Ganja market, killing nine"
BAKU_TITLE = "Baku: Armenia's denial of the Ganja strike is a lie"


def headlined() -> Comparison:
    """The demo with Global Wire's headline on c1 (beside its lede) and Baku Herald's
    on c2, a row where Baku Herald has no paragraph."""
    comparison = demo_comparison()
    titles = {"wire": WIRE_TITLE, "baku": BAKU_TITLE}
    sources = tuple(
        replace(s, title=titles[s.id]) if s.id in titles else s for s in comparison.sources
    )
    heads = {"c1": ("wire",), "c2": ("baku",)}
    clusters = tuple(replace(c, headlines=heads.get(c.id, ())) for c in comparison.clusters)
    return replace(comparison, sources=sources, clusters=clusters)


def make_app(comparison: Comparison) -> ParallaxApp:
    return ParallaxApp(
        FakeLoader(comparison),
        compare_interval=0,
        open_brief=False,
        review_dir=Path(tempfile.mkdtemp()),
    )


def drawn(grid: ComparisonGrid, row: int, source_id: str, current: str | None = None):
    """The strips the grid draws for a source's cell on visible row `row`."""
    column = grid.model.column_index(source_id)
    assert column is not None
    return grid._render_cell(row, column, current)


def cell_lines(grid: ComparisonGrid, row: int, source_id: str) -> list[tuple[str, bool]]:
    """(text, every character bold) of each drawn line of the cell."""
    out = []
    for strip in drawn(grid, row, source_id):
        segments = [s for s in strip if s.text.strip()]
        bold = bool(segments) and all(s.style is not None and s.style.bold for s in segments)
        out.append((strip.text.rstrip(), bold))
    return out


def rows_level(grid: ComparisonGrid) -> None:
    """Every cell of every row fits the row's height: nothing pushes the next row down."""
    for position in range(len(grid.visible_rows)):
        for column in range(len(grid.model.columns)):
            assert len(grid._render_cell(position, column, None)) <= grid._heights[position]


async def test_the_headline_shows_bold_above_the_paragraph_it_reports() -> None:
    app = make_app(headlined())
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        c1 = grid.model.row_of_cluster["c1"]
        wire = cell_lines(grid, c1, "wire")
        head = [text for text, bold in wire if bold]
        assert head and wire[: len(head)] == [(text, True) for text in head]  # first, bold
        shown = " ".join(head)
        assert shown.startswith("[bold red]Drones[/] hit␛[2J a Ganja")  # text, not markup
        assert wire[len(head)][0].startswith("At least nine people")  # then the paragraph
        assert not any(bold for _, bold in cell_lines(grid, c1, "monitor"))  # no headline
        rows_level(grid)
        plain_app = make_app(demo_comparison())
        async with plain_app.run_test(size=(200, 50)) as plain_pilot:
            await settle(plain_pilot, plain_app)
            before = plain_app.grid._heights[plain_app.grid.model.row_of_cluster["c1"]]
        assert grid._heights[c1] == max(before, len(wire))


async def test_a_headline_on_a_row_without_its_paragraph_replaces_the_filler() -> None:
    app = make_app(headlined())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        c2 = grid.model.row_of_cluster["c2"]
        baku = cell_lines(grid, c2, "baku")
        assert baku and all(bold for _, bold in baku)
        assert " ".join(text for text, _ in baku) == BAKU_TITLE
        assert FILLER not in " ".join(text for text, _ in baku)
        rows_level(grid)
        await pilot.press("w")  # unwrapped: one line each, still level
        await pilot.pause()
        assert not grid.wrap
        [(line, bold)] = cell_lines(grid, c2, "baku")  # one line, cut
        assert bold and line.startswith("Baku: Armenia's") and line.endswith("…")
        rows_level(grid)


async def test_search_and_marks_never_point_into_the_headline() -> None:
    app = make_app(headlined())
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        assert grid.set_search("Drones") == 0  # only in a headline
        assert grid.set_search("nine people") == 1  # Wire Service's lede, below its headline
        c1 = grid.model.row_of_cluster["c1"]
        wire = cell_lines(grid, c1, "wire")
        assert wire[0][1] and "nine people" not in wire[0][0]


def test_one_column_per_side_keeps_every_row_and_says_who_reports_it() -> None:
    comparison = headlined()
    clusters = tuple(
        replace(c, headlines=("baku",)) if c.id == "c4" else c for c in comparison.clusters
    )
    comparison = replace(comparison, clusters=clusters)
    chosen = {"armenian": "kavkaz"}  # c4 is Hayk News' paragraph alone: not in these columns
    model = build_model(PLAN, comparison.sides, comparison, chosen)
    row = model.rows[model.row_of_cluster["c4"]]
    assert not any(row.cells) and row.headlines == {model.column_index("baku")}
    unheaded = replace(comparison, clusters=demo_comparison().clusters)
    model = build_model(PLAN, comparison.sides, unheaded, chosen)
    # Kept (the panel lists every divergence the header counts), and the Armenian column
    # names the outlet of its side that reports the row.
    row = model.rows[model.row_of_cluster["c4"]]
    assert not any(row.cells) and not row.headlines
    assert row.elsewhere[model.column_index("kavkaz")] == ("Hayk News",)


def with_headline_denial() -> Comparison:
    """`headlined`, with a denial that points at Baku Herald's headline alone (row c2)."""
    comparison = headlined()
    start = BAKU_TITLE.index("a lie")
    head = Span("baku", HEADLINE, start, start + len("a lie"), "a lie")
    denial = Divergence("d9", "denial", "c2", "Baku Herald calls the denial a lie", (head,))
    return replace(comparison, divergences=(*comparison.divergences, denial))


def segment_of(grid: ComparisonGrid, row: int, source_id: str, text: str, current: str | None):
    """The style of the drawn segment holding `text` in the cell's lines."""
    for strip in drawn(grid, row, source_id, current):
        for segment in strip:
            if text in segment.text:
                return segment.style
    raise AssertionError(f"{text!r} not drawn")


async def test_a_finding_on_the_headline_marks_its_line_and_is_jumped_to() -> None:
    app = make_app(with_headline_denial())
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        c2 = grid.model.row_of_cluster["c2"]
        style = segment_of(grid, c2, "baku", "a lie", None)
        assert style.reverse and style.bold  # the denial's mark, on the bold headline
        assert not segment_of(grid, c2, "baku", "Baku:", None).reverse  # only its words
        divergence = next(d for d in grid.model.divergences if d.id == "d9")
        grid.jump_to_divergence(divergence)
        await pilot.pause()
        assert grid.current_row is not None and grid.current_row.cluster_id == "c2"
        assert grid.current_column is not None and grid.current_column.source_id == "baku"
        assert segment_of(grid, grid.cursor_row, "baku", "a lie", "d9").bgcolor == (
            CURRENT_STYLE.bgcolor
        )
        rows_level(grid)
