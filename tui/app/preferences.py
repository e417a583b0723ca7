"""Applying the user's settings file to a running app: theme, panel width, keymap."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Bound:
    """A binding a keymap can move: its id, default keys, name, and where it acts."""

    id: str
    keys: str
    label: str
    scope: str  # "" for the app (everywhere), else the widget: "grid", "divergence panel"


def _bound() -> list[_Bound]:
    widgets = (("grid", ComparisonGrid.BINDINGS), ("divergence panel", DivergencePanel.BINDINGS))
    return [_Bound(c.id, c.keys, c.label, "") for c in COMMANDS] + [
        _Bound(b.id, b.key, b.description, scope)
        for scope, found in widgets
        for b in found
        if isinstance(b, commands.Binding) and b.id
    ]


def binding_ids() -> set[str]:
    """Every id a keymap may name: the commands' and the widgets' bindings'."""
    return {b.id for b in _bound()}


def _keys(keys: str) -> set[str]:
    return {key.strip() for key in keys.split(",") if key.strip()}


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(binding id, key, why) for each key the `keymap` gives a binding that another binding
    holds too, once the keymap is applied; keys two bindings already share by default
    (enter reads in the grid and chooses in the panel) are not the keymap's doing.
    A focused widget's binding wins over the app's: the README's own example, space for
    next divergence, only ever paged the grid down."""
    bound = _bound()
    found = []
    for entry in (b for b in bound if b.id in keymap):
        for key in sorted(_keys(keymap[entry.id])):
            for other in bound:
                ours = _keys(keymap.get(other.id, other.keys))
                if other.id == entry.id or key not in ours:
                    continue
                if key in _keys(entry.keys) and key in _keys(other.keys):
                    continue  # shared before the keymap
                if entry.scope == other.scope:
                    why = "only one of them can have it"
                elif other.scope:
                    why = f"which wins while the {other.scope} has focus"
                else:
                    why = f"which the {entry.scope}'s {entry.id} hides while it has focus"
                where = f"{other.scope} " if other.scope else ""
                found.append(
                    (
                        entry.id,
                        key,
                        f"'{key}' is also the {where}binding {other.id} ({other.label}), {why}: "
                        f"choose another key, or move {other.id} too",
                    )
                )
    return found


def apply_settings(app: ParallaxApp, settings: Settings, file: Path | None) -> list[str]:
    """Apply what can be applied; returns a line per setting that could not (file and line,
    and why), and one per key that the keymap gives two bindings."""
    problems = []
    where = settings.where
    if settings.theme is not None:
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            known = ", ".join(sorted(app.available_themes))
            at = where.get("theme", str(file))
            problems.append(f"{at}: theme: unknown '{settings.theme}' ({known})")
    if settings.panel_width is not None:
        app.panel.styles.width = settings.panel_width
        app.panel.styles.max_width = settings.panel_width
    known_ids = binding_ids()
    for unknown in sorted(set(settings.keymap) - known_ids):
        problems.append(
            f"{where.get(f'keymap.{unknown}', str(file))}: keymap: no binding called {unknown} "
            "(the help screen, ?, lists the keys; README lists the ids)"
        )
    keymap = {k: v for k, v in settings.keymap.items() if k in known_ids}
    for binding_id, _, why in clashes(keymap):
        problems.append(
            f"{where.get(f'keymap.{binding_id}', str(file))}: keymap: {binding_id}: {why}"
        )
    app.set_keymap(keymap)
    return problems


def apply_and_tell(
    app: ParallaxApp, settings: Settings, problems: list[str], file: Path | None
) -> None:
    """Apply `settings` (read from `file` with `problems`); every problem in one message,
    which says the file's other settings are in use only when some are (a file that could
    not be read said "using the default settings", then "The other settings are in use")."""
    problems = problems + apply_settings(app, settings, file)
    app.query_one(KeyBar).refresh()
    if problems:
        rest = "\nThe other settings are in use; the rest are defaults." if settings.where else ""
        app.notify(
            "\n".join(problems) + rest,
            title="Settings",
            severity="warning",
            timeout=12,
        )
