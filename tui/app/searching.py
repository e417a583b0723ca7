"""Search from the app: run the query the search bar submitted, step through its matches;
and step through the divergences the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def search(app: ParallaxApp, query: str) -> None:
    """Close the bar, mark every match of `query` and go to the first after the cursor."""
    app.search_bar().close()
    grid = app.grid
    grid.focus()
    count = grid.set_search(query)
    if query and count:
        grid.step_match(1)
    elif query:
        app.notify(f"No match for “{query}”.", severity="warning", timeout=4)
    app.show_cursor()


def step_match(app: ParallaxApp, delta: int) -> None:
    if app.grid.step_match(delta) is None:
        app.notify("No search matches: press / to search.", severity="warning", timeout=3)


def step_divergence(app: ParallaxApp, delta: int) -> None:
    """The grid tells the app its cursor moved, which updates the status line and the panel."""
    if app.grid.step_divergence(delta) is None:
        app.notify("No divergences to move to.", severity="warning", timeout=3)
