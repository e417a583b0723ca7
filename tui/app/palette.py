"""The command palette's entries, read from the same command table as the keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.app.commands import COMMANDS, EVERYWHERE, Command, action_name

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def palette_commands(
    app: ParallaxApp, can_switch_event: bool, main: bool = True
) -> Iterator[SystemCommand]:
    """Every command that has a palette title, then "Switch event" when there are others.
    Off the `main` view only the commands that work there: the brief listed "Next divergence"
    and the rest, which the app then refused without a word."""
    for command in COMMANDS:
        if command.palette and (main or action_name(command.action) in EVERYWHERE):
            yield SystemCommand(command.palette, command.description, _runner(app, command))
    if can_switch_event:
        yield SystemCommand("Switch event", "Compare another event", app.action_pick_event)


def _runner(app: ParallaxApp, command: Command) -> Callable[[], None]:
    def run() -> None:
        app.call_later(app.run_action, command.action)

    return run
