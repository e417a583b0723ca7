"""The screens over the grid that lead back into it: the brief, the reader, the word diff;
and a quote copied with its citation. Each opens from the cursor and, when closed on a line,
puts the cursor on that line's row. The reader and the word diff are imported when first
opened: `parallax demo` needs neither before its first frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import jumps
from tui.app.briefing import BriefScreen, Target
from tui.model import Source

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def open_brief(app: ParallaxApp) -> None:
    """The brief over the grid; choosing a line jumps to its row."""
    loader = app.session.loader
    if loader is None:
        return
    screen = BriefScreen(
        f"{loader.event.title} · {loader.event.date.isoformat()}",
        lambda: app.hidden_kinds,
        lambda: {key: review.status for key, review in app.reviews.items()},
    )
    app.push_screen(screen, lambda target: _brief_chosen(app, target))
    if app.session.comparison is not None:
        app.call_after_refresh(screen.show, app.grid.model, app.session.comparison)


def _brief_chosen(app: ParallaxApp, target: Target | None) -> None:
    grid = app.grid
    grid.focus()
    if target is None:
        return
    kind, target_id = target
    if kind == "divergence":
        found = next((d for d in grid.model.divergences if d.id == target_id), None)
        if found is not None:
            grid.jump_to_divergence(found)
    else:
        grid.jump_to_cluster(target_id)


def _focused_paragraph(app: ParallaxApp) -> tuple[Source, int] | None:
    grid = app.grid
    return jumps.focused_paragraph(
        app.session.comparison,
        grid.current_column,
        grid.visible_rows,
        grid.cursor_column,
        grid.cursor_row,
    )


def open_reader(app: ParallaxApp) -> None:
    from tui.app.reader import ReaderScreen

    found = _focused_paragraph(app)
    if found is None:
        app.notify("No article text here to read.", severity="warning", timeout=3)
        return
    source, paragraph = found
    app.push_screen(ReaderScreen(source, paragraph), lambda back: _read_done(app, source, back))


def _read_done(app: ParallaxApp, source: Source, paragraph: int | None) -> None:
    """Back from the reader: to the row of the paragraph it was on."""
    grid = app.grid
    grid.focus()
    comparison = app.session.comparison
    if paragraph is None or comparison is None:
        return
    cluster = jumps.cluster_of(comparison, source.id, paragraph)
    if cluster is not None:
        grid.jump_to_cluster(cluster)
        grid.move_cursor(column=grid.model.column_index(source.id))


def open_word_diff(app: ParallaxApp) -> None:
    """The focused outlet against the first outlet of another side that has text."""
    from tui.app.worddiff import WordDiffScreen

    model, left = app.grid.model, app.grid.cursor_column
    if not model.columns or app.session.comparison is None:
        app.notify("Nothing to compare yet.", severity="warning", timeout=3)
        return
    right = jumps.diff_partner(model, left)
    if right is None:
        app.notify(
            "A word diff needs text from two sides: focus a source that loaded.",
            severity="warning",
            timeout=4,
        )
        return
    app.push_screen(WordDiffScreen(model, left, right), lambda cluster: _diff_done(app, cluster))


def _diff_done(app: ParallaxApp, cluster: str | None) -> None:
    app.grid.focus()
    if cluster is not None:
        app.grid.jump_to_cluster(cluster)


def copy_quote(app: ParallaxApp) -> None:
    from tui.app.reader import citation

    found = _focused_paragraph(app)
    if found is None:
        app.notify("No article text here to quote.", severity="warning", timeout=3)
        return
    source, paragraph = found
    app.copy(citation(source, paragraph), f"¶ {paragraph + 1} of {source.outlet.name}")
