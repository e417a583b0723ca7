"""What the main view leaves out, switched by a key: rows that agree (d), the divergence
panel (p, or the terminal's width until p is pressed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.columns import PANEL_MIN_TERMINAL

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def toggle_divergent(app: ParallaxApp) -> None:
    grid = app.grid
    grid.set_only_divergent(not grid.only_divergent)
    shown = "only rows that diverge" if grid.only_divergent else "every row"
    app.notify(f"Showing {shown}.", timeout=3)


def toggle_panel(app: ParallaxApp) -> None:
    """Hide the divergence panel to give wide events more room for columns."""
    panel = app.panel
    panel.display = app.panel_wanted = not panel.display
    if not panel.display and panel.has_focus:
        app.grid.focus()


def panel_by_width(app: ParallaxApp, width: int) -> None:
    """Until p chooses, the panel shows only on a terminal wide enough to spare it."""
    if app.panel_wanted is None:
        app.panel.display = width >= PANEL_MIN_TERMINAL
