"""Applying the user's settings file to a running app: theme, panel width, keymap."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.app import commands
from tui.app.commands import COMMANDS
from tui.app.grid import ComparisonGrid
from tui.app.keybar import KeyBar
from tui.app.settings import Settings
from tui.app.sidebar import DivergencePanel

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def binding_ids() -> set[str]:
    """Every id a keymap may name: the commands' and the widgets' bindings'."""
    return {c.id for c in COMMANDS} | {
        b.id
        for b in (*ComparisonGrid.BINDINGS, *DivergencePanel.BINDINGS)
        if isinstance(b, commands.Binding) and b.id
    }


def apply_settings(app: ParallaxApp, settings: Settings, file: Path | None) -> list[str]:
    """Apply what can be applied; returns a line per setting that could not (file and why)."""
    problems = []
    if settings.theme is not None:
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            known = ", ".join(sorted(app.available_themes))
            problems.append(f"{file}: theme: unknown '{settings.theme}' ({known})")
    if settings.panel_width is not None:
        app.panel.styles.width = settings.panel_width
        app.panel.styles.max_width = settings.panel_width
    known_ids = binding_ids()
    unknown = sorted(set(settings.keymap) - known_ids)
    if unknown:
        problems.append(
            f"{file}: keymap: no binding called {', '.join(unknown)} "
            "(the help screen, ?, lists the keys; README lists the ids)"
        )
    app.set_keymap({k: v for k, v in settings.keymap.items() if k in known_ids})
    return problems


def apply_and_tell(
    app: ParallaxApp, settings: Settings, problems: list[str], file: Path | None
) -> None:
    """Apply `settings` (read from `file` with `problems`); every problem in one message."""
    problems = problems + apply_settings(app, settings, file)
    app.query_one(KeyBar).refresh()
    if problems:
        app.notify(
            "\n".join(problems) + "\nThe other settings are in use; the rest are defaults.",
            title="Settings",
            severity="warning",
            timeout=12,
        )
