"""What the viewer keeps between key presses to stay fast must never show stale text.

The grid keeps each row's height for a model, width and wrap, and each rendered cell by its
model row, so `d` and the kind filters re-lay out without re-wrapping or re-rendering what
they had; the status line follows the cursor in the same call (the frame the key paints), not
a message later. Built on the real core over paragraphs written for this test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.segment import Segment
from textual.widgets import Static

from tui.app import ParallaxApp
from tui.app.commands import KIND_KEYS
from tui.app.grid import HEADER_HEIGHT
from tui.app.loader import PlannedSource, Progress
from tui.config.load import DEMO_EVENT, bundled_config_path, load_config
from tui.model import Comparison, Config, Event, Side, Source
from tui.pipeline import compare

# Two outlets per side, one shared story told with different figures and words, and
# paragraphs that only one side reports (rows that agree, rows that diverge, empty cells).
STORY = {
    "armenpress": [
        "Shelling hit the centre of Stepanakert overnight, killing 9 civilians, officials said.",
        "Rescue teams searched the ruins of a school until the morning.",
        "The ministry said the strikes came from positions near the river.",
        "Aid convoys reached the southern villages on Tuesday.",
    ],
    "news-am": [
        "Shelling hit the centre of Stepanakert overnight, killing 9 civilians.",
        "Rescue teams searched the ruins of a school until dawn.",
        "Water and power were cut in three districts after the attack.",
    ],
    "trend": [
        "Artillery fire hit military targets near Stepanakert overnight, killing 2 soldiers.",
        "The ministry denied that any school had been hit.",
        "Aid convoys reached the southern villages on Tuesday.",
    ],
    "apa": [
        "Artillery fire hit military targets near Stepanakert overnight, the ministry said.",
        "The ministry said the strikes answered shelling of Tartar earlier in the week.",
    ],
}
FETCHED = dt.datetime(2020, 10, 11, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class StoryLoader:
    """Every source at once, compared by the real core."""

    config: Config
    event: Event
    sources: tuple[Source, ...]

    @property
    def sides(self) -> tuple[Side, ...]:
        return self.config.sides

    def plan(self) -> tuple[PlannedSource, ...]:
        return tuple(PlannedSource(s.id, s.outlet, s.location) for s in self.sources)

    async def load(
        self,
        on_progress: Callable[[Progress], None],
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        for source in self.sources:
            on_progress(Progress(source.id, "cached", "", source))
        return self.sources

    def compare(self, sources: Sequence[Source]) -> Comparison:
        return compare(self.config, self.event, sources, now=FETCHED)

    def reload(self) -> StoryLoader:
        return self


def story_loader() -> StoryLoader:
    config = load_config(bundled_config_path())
    sources = tuple(
        Source(
            outlet_id,
            config.outlet(outlet_id),
            f"https://example.org/{outlet_id}/story",
            "ok",
            title=f"{outlet_id}: the night of shelling",
            fetched_at=FETCHED,
            sha256="0" * 64,
            paragraphs=tuple(paragraphs),
        )
        for outlet_id, paragraphs in STORY.items()
    )
    return StoryLoader(config, config.event(DEMO_EVENT), sources)


def make_app(tmp_path: Path) -> ParallaxApp:
    return ParallaxApp(
        story_loader(),
        compare_interval=0,
        open_brief=False,
        hidden_kinds=(),
        review_dir=tmp_path / "reviews",
        export_dir=tmp_path,
    )


async def settle(pilot, app: ParallaxApp) -> None:
    while not (app.settled and app.comparison is not None):
        await pilot.pause()
    await pilot.pause()


def screen_lines(app: ParallaxApp) -> list[tuple[Segment, ...]]:
    """The grid as painted: every line's segments, text and style (a mark is a style)."""
    grid = app.grid
    return [tuple(grid.render_line(y)) for y in range(grid.size.height)]


def status(app: ParallaxApp) -> str:
    return app.query_one("#status", Static).content.plain


async def test_the_status_line_follows_the_cursor_before_anything_is_painted(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        rows = len(app.grid.visible_rows)
        assert rows >= 3
        assert f"row 1/{rows}" in status(app)
        app.grid.move_cursor(2)  # no pause: no message has been handled, no frame painted
        assert f"row 3/{rows}" in status(app)


async def test_d_twice_paints_the_grid_as_it_was(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        before = screen_lines(app)
        all_rows = len(app.grid.visible_rows)
        await pilot.press("d")
        assert len(app.grid.visible_rows) < all_rows  # some rows agree, and `d` hid them
        await pilot.press("d")
        assert len(app.grid.visible_rows) == all_rows
        assert screen_lines(app) == before


async def test_rows_hidden_by_d_are_painted_as_a_grid_that_never_showed_them(
    tmp_path: Path,
) -> None:
    """The cells kept from the full view must look exactly as freshly rendered ones."""
    shown = make_app(tmp_path)
    fresh = make_app(tmp_path)
    async with shown.run_test(size=(140, 40)) as pilot:
        await settle(pilot, shown)
        await pilot.press("d")
        kept = screen_lines(shown)
    async with fresh.run_test(size=(140, 40)) as pilot:
        await settle(pilot, fresh)
        fresh.grid._cells.clear()  # nothing rendered before `d`
        fresh.grid.set_only_divergent(True)
        await pilot.pause()
        assert screen_lines(fresh) == kept


async def test_a_filter_redraws_the_marks_it_hides_and_keeps_the_heights(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        # a row away from the cursor (whose row is redrawn anyway), with marks in its cells
        position, row = next((i, r) for i, r in enumerate(grid.visible_rows) if i and r.kinds)
        kind = row.kinds[0]
        top = HEADER_HEIGHT + grid._tops[position]
        lines = slice(top, top + grid._heights[position])
        heights = list(grid._heights)
        before = screen_lines(app)
        await pilot.press(KIND_KEYS[kind])
        assert kind in app.hidden_kinds
        after = screen_lines(app)
        # past the gutter's three segments (mark, glyph, space): the cells' own marks went
        assert [line[3:] for line in after[lines]] != [line[3:] for line in before[lines]]
        assert grid._heights == heights  # hiding marks moves no row
        await pilot.press(KIND_KEYS[kind])
        assert screen_lines(app) == before


async def test_w_twice_lays_the_rows_out_as_they_were(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        grid = app.grid
        heights, before = list(grid._heights), screen_lines(app)
        await pilot.press("w")
        assert grid._heights != heights  # one line per paragraph: the rows shrink
        await pilot.press("w")
        assert grid._heights == heights
        assert screen_lines(app) == before
