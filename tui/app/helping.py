"""What the keys are, as the user's keymap left them: the help screen (?) and the quit hint
(ctrl+c), both read from the command table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from tui.app import commands
from tui.app.grid import ComparisonGrid

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.app import ParallaxApp


def key_help(app: App, keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every binding as (keys, what it does), after the user's `keymap` is applied."""
    widget_bindings = [b for b in ComparisonGrid.BINDINGS if isinstance(b, commands.Binding)]
    return commands.help_rows(widget_bindings, keymap, _display(app))


def show_help(app: ParallaxApp, keymap: Mapping[str, str]) -> None:
    from tui.app.screens import HelpScreen

    app.push_screen(HelpScreen(key_help(app, keymap), app.grid.model.columns))


def quit_hint(app: App, keymap: Mapping[str, str]) -> None:
    """ctrl+c: Textual's own hint is markup, which these notifications show literally."""
    quit_keys = commands.shown_keys(keymap.get("app.quit", "q"), _display(app))
    app.notify(f"Press {quit_keys} to quit Parallax.", title="Quit?", timeout=4)


def _display(app: App) -> commands.KeyDisplay:
    return lambda key: app.get_key_display(commands.Binding(key, ""))
