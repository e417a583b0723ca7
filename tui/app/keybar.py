"""The footer: one line of keys read from the command table.

A plain line instead of Textual's Footer, which cost two thirds of the first paint and dropped
Help and Quit first at 80 columns; `commands.footer_text` decides what fits.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.app import commands
from tui.app.commands import COMMANDS


class KeyBar(Widget):
    """The footer: one line of keys from the command table, Help and Quit always in it."""

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $panel; color: $foreground; }
    """

    def render(self) -> Text:
        app = self.app
        keymap = getattr(app, "_keymap", {})
        return commands.footer_text(self.size.width, keymap, self._display, COMMANDS)

    def _display(self, key: str) -> str:
        return self.app.get_key_display(commands.Binding(key, ""))
