"""The viewer's settings: one YAML file in the user's config folder, every field optional.

    # ~/.config/parallax/settings.yaml (see the README for the whole list)
    theme: textual-light          # any theme in the palette's "Theme" list
    panel_width: 48               # the divergence panel's width, in columns
    hidden_kinds: [omission, wording]   # kinds the panel and grid start without; [] for none
    open_brief: true              # start on the brief rather than the grid
    keymap:                       # binding id -> keys (ids are in the help screen, ?)
      app.next_divergence: "right_square_bracket,n,J"

A file that cannot be used is never fatal: each problem is reported with the file and line,
and that setting (or keymap entry; or, for a file that is not YAML at all, every setting) keeps
its default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from platformdirs import user_config_path

from tui.model import DIVERGENCE_KINDS, DivergenceKind

DEFAULT_HIDDEN: frozenset[DivergenceKind] = frozenset({"omission", "wording"})
FIELDS = ("theme", "panel_width", "hidden_kinds", "open_brief", "keymap")


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    panel_width: int | None = None
    hidden_kinds: frozenset[DivergenceKind] = DEFAULT_HIDDEN
    open_brief: bool = True
    keymap: dict[str, str] = field(default_factory=dict)
    # "file:line" of each setting read from the file ("keymap.<id>" for a keymap entry), so a
    # problem found when applying it (an unknown theme, a clashing key) can say where it is.
    # Empty when nothing in the file was used.
    where: dict[str, str] = field(default_factory=dict)


def settings_path() -> Path:
    return user_config_path("parallax") / "settings.yaml"


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in `path` (defaults if it does not exist) and the problems found."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(), [f"{path}: cannot be read ({exc}); using the default settings"]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return Settings(), [f"{path}{line}: not YAML ({reason}); using the default settings"]
    if root is None:
        return Settings(), []
    if not isinstance(root, yaml.MappingNode):
        return Settings(), [f"{_where(path, root)}: expected 'name: value' lines"]
    values: dict[str, object] = {}
    problems: list[str] = []
    places: dict[str, str] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        where = _where(path, key_node)
        if key not in FIELDS:
            problems.append(f"{where}: unknown setting '{key}' (known: {', '.join(FIELDS)})")
            continue
        if key == "keymap":
            keymap, entries, bad = _keymap(path, value_node)
            problems += bad
            if entries:
                values[key] = keymap
                places.update(entries)
            continue
        value, problem = _read(key, value_node)
        if problem:
            problems.append(f"{_where(path, value_node)}: {key}: {problem}")
        else:
            values[key] = value
            places[key] = where
    return Settings(**values, where=places), problems  # type: ignore[arg-type]


_TEXT = "tag:yaml.org,2002:str"


def _keymap(path: Path, node: yaml.Node) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """The keymap's usable entries, where each is ("keymap.<id>" -> file:line), and a problem
    per entry that cannot be used (it keeps its default keys). A key list must be text:
    `app.brief: 42` read as a number was bound as the key "42", and b stopped working."""
    if not isinstance(node, yaml.MappingNode):
        return {}, {}, [f"{_where(path, node)}: keymap: {_KEYMAP_FORM}"]
    keymap: dict[str, str] = {}
    places: dict[str, str] = {}
    problems: list[str] = []
    for key, value in node.value:
        where = _where(path, key)
        if not isinstance(key, yaml.ScalarNode):
            problems.append(f"{where}: keymap: {_KEYMAP_FORM}")
        elif not (isinstance(value, yaml.ScalarNode) and value.tag == _TEXT and value.value):
            shown = value.value if isinstance(value, yaml.ScalarNode) else "a list"
            problems.append(
                f'{where}: keymap: {key.value}: expected key names as text, like "n" or '
                f'"ctrl+n,f2", not {shown!r} (quote a digit: "4")'
            )
        else:
            keymap[key.value] = value.value
            places[f"keymap.{key.value}"] = where
    return keymap, places, problems


_KEYMAP_FORM = "expected 'binding.id: keys' lines, like app.next_divergence: n"


def _read(key: str, node: yaml.Node) -> tuple[object, str | None]:
    """One setting's value, or why it cannot be used (it then keeps its default)."""
    if key == "theme":
        if isinstance(node, yaml.ScalarNode) and node.value:
            return node.value, None
        return None, "expected a theme name"
    if key == "panel_width":
        if isinstance(node, yaml.ScalarNode) and node.value.isdigit():
            width = int(node.value)
            if 20 <= width <= 200:
                return width, None
        return None, "expected a number of columns from 20 to 200"
    if key == "open_brief":
        if isinstance(node, yaml.ScalarNode) and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true", None
        return None, "expected true or false"
    # hidden_kinds (the keymap has a reader of its own: `_keymap`)
    if isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        kinds = [item.value for item in node.value]
        unknown = [k for k in kinds if k not in DIVERGENCE_KINDS]
        if not unknown:
            return frozenset(kinds), None
        return None, f"unknown kind {unknown[0]!r} (kinds: {', '.join(DIVERGENCE_KINDS)})"
    return None, "expected a list of kinds, like [omission, wording]"
