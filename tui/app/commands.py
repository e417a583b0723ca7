"""The app's actions, declared once: the key bindings, the command palette, the help screen's
rows and the footer are all read from `COMMANDS`, so none of them can fall out of step with
another (the palette used to be a hand-typed list that repeated BINDINGS).

Every binding has an id (`app.…`, `grid.…`), which is what a user's keymap names to move it
(`App.set_keymap`); the help and the footer show the keys after the keymap is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from tui.app.highlight import KIND_STYLES
from tui.model import DIVERGENCE_KINDS


@dataclass(frozen=True)
class Command:
    """One action: its keys, how the footer and help name it, and its palette entry."""

    id: str  # the binding id a keymap refers to
    keys: str  # Textual key names, comma-separated
    action: str  # an app action, with arguments if any: "toggle_kind('figure')"
    label: str  # short, for the footer and the help
    description: str  # what it does, for the palette and the help
    footer: bool = False  # offered in the footer (Help and Quit always are)
    palette: str = ""  # the palette's title; "" keeps it out of the palette


# Keys per divergence kind, capital letters so the lower-case ones stay free for actions.
KIND_KEYS = {
    "figure": "F",
    "blame": "B",
    "denial": "D",
    "naming": "M",
    "framing": "V",
    "omission": "O",
    "wording": "W",
}
assert tuple(KIND_KEYS) == DIVERGENCE_KINDS

COMMANDS: tuple[Command, ...] = (
    Command(
        "app.next_divergence",
        "right_square_bracket,n",
        "next_divergence",
        "Next div",
        "Jump to the next divergence in the panel's order",
        footer=True,
        palette="Next divergence",
    ),
    Command(
        "app.prev_divergence",
        "left_square_bracket,N",
        "previous_divergence",
        "Prev div",
        "Jump to the previous divergence",
        palette="Previous divergence",
    ),
    Command(
        "app.brief",
        "b",
        "brief",
        "Brief",
        "The brief: top contradictions, figures per side, what each side alone reports",
        footer=True,
        palette="Brief",
    ),
    Command(
        "app.only_divergent",
        "d",
        "toggle_divergent",
        "Divergent only",
        "Show only rows with a divergence of a shown kind (toggle)",
        footer=True,
        palette="Only divergent rows",
    ),
    *(
        Command(
            f"app.kind_{kind}",
            key,
            f"toggle_kind('{kind}')",
            f"{KIND_STYLES[kind].glyph} {kind}",
            f"Show or hide {kind} divergences in the panel and the grid",
            palette=f"Filter: {kind}",
        )
        for kind, key in KIND_KEYS.items()
    ),
    Command(
        "app.read",
        "enter,a",
        "read",
        "Read",
        "Read the focused source's article in its own order, at this paragraph",
        footer=True,
        palette="Reader mode",
    ),
    Command(
        "app.word_diff",
        "equals_sign",
        "word_diff",
        "Word diff",
        "Two outlets word by word: the focused one and one of another side",
        palette="Word diff of two outlets",
    ),
    Command(
        "app.copy_quote",
        "y",
        "copy_quote",
        "Copy quote",
        "Copy the focused paragraph with its citation to the clipboard",
        palette="Copy quote with citation",
    ),
    Command(
        "app.confirm",
        "c",
        "review('confirmed')",
        "Confirm",
        "Mark the current divergence confirmed, with a note",
        palette="Review: confirm the current divergence",
    ),
    Command(
        "app.reject",
        "x",
        "review('rejected')",
        "Reject",
        "Mark the current divergence rejected, with a note",
        palette="Review: reject the current divergence",
    ),
    Command(
        "app.search",
        "slash",
        "search",
        "Search",
        "Search the text of every source",
        footer=True,
        palette="Search",
    ),
    Command("app.next_match", "full_stop", "next_match", "Next match", "Go to the next match"),
    Command("app.prev_match", "comma", "previous_match", "Prev match", "Go to the previous match"),
    Command(
        "app.wrap",
        "w",
        "toggle_wrap",
        "Wrap",
        "Wrap paragraphs or show one line each",
        palette="Wrap",
    ),
    Command(
        "app.export",
        "e",
        "export",
        "Export",
        "Write the Markdown report with every finding and its review status",
        footer=True,
        palette="Export report",
    ),
    Command(
        "app.export_confirmed",
        "E",
        "export(True)",
        "Export confirmed",
        "Write the Markdown report with only the confirmed findings",
        palette="Export confirmed findings only",
    ),
    Command(
        "app.open",
        "o",
        "open_source",
        "Open URL",
        "Open the focused source's URL",
        palette="Open source",
    ),
    Command(
        "app.refetch",
        "r",
        "refetch",
        "Refetch",
        "Fetch the focused source again",
        palette="Refetch source",
    ),
    Command(
        "app.refetch_all",
        "R",
        "refetch_all",
        "Reload all",
        "Reload sources.yaml and the settings, and fetch every source again",
        palette="Reload everything",
    ),
    Command(
        "app.switch_source",
        "s",
        "switch_source",
        "Switch source",
        "When each side has one column: show the focused side's next source",
        palette="Switch source in this side's column",
    ),
    Command(
        "app.panel",
        "p",
        "toggle_panel",
        "Panel",
        "Show or hide the divergence panel",
        palette="Divergence panel",
    ),
    Command(
        "app.screenshot",
        "S",
        "screenshot",
        "Screenshot",
        "Save an SVG of the screen (the message says where)",
        palette="Screenshot",
    ),
    Command(
        "app.help", "question_mark,f1", "help", "Help", "Keys and highlight legend", palette="Help"
    ),
    Command("app.quit", "q", "quit", "Quit", "Quit Parallax"),
)

# App actions that make sense on any screen; the others act on the main view only.
# focus_next/previous: tab in a modal screen (the discover list, confirm) reaches its buttons.
# Export and screenshot read nothing of the grid: on the brief or the word diff they did
# nothing at all, not even say why.
EVERYWHERE = frozenset(
    {
        "quit",
        "help",
        "command_palette",
        "help_quit",
        "focus_next",
        "focus_previous",
        "export",
        "screenshot",
    }
)


def action_name(action: str) -> str:
    """The name `check_action` is asked about: "export" for "export(True)"."""
    return action.split("(", 1)[0]


# Always in the footer, at its right end, whatever the width.
PINNED = ("app.help", "app.quit")


def bindings(commands: Sequence[Command] = COMMANDS) -> list[Binding]:
    return [
        Binding(c.keys, c.action, c.label, show=c.footer or c.id in PINNED, id=c.id)
        for c in commands
    ]


KeyDisplay = Callable[[str], str]


def shown_keys(keys: str, display: KeyDisplay) -> str:
    return " / ".join(display(key.strip()) for key in keys.split(","))


def help_rows(
    widget_bindings: Iterable[Binding],
    keymap: Mapping[str, str],
    display: KeyDisplay,
    commands: Sequence[Command] = COMMANDS,
) -> list[tuple[str, str]]:
    """(keys, what it does) for the widgets' bindings, then every command, keymap applied."""
    rows: list[tuple[str, str]] = []
    for binding in widget_bindings:
        if binding.id and binding.id.startswith("grid.source_"):
            if binding.id == "grid.source_1":
                rows.append(("1 … 9", "Focus source 1 to 9"))
            continue
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        rows.append((shown_keys(keys, display), binding.description))
    for command in commands:
        rows.append((shown_keys(keymap.get(command.id, command.keys), display), command.label))
    rows += [
        ("↑ ↓ / j k, enter", "In the divergence panel: go through the divergences"),
        ("ctrl+p", "Command palette"),
        ("mouse", "Click a cell, a column, a divergence or a kind in the header"),
    ]
    return rows


def footer_text(
    width: int, keymap: Mapping[str, str], display: KeyDisplay, commands: Sequence[Command]
) -> Text:
    """The footer's one line at `width`: Help and Quit pinned right, the rest as many as fit.

    A plain line instead of Textual's Footer, which cost two thirds of the first paint and
    dropped Help and Quit first at 80 columns. A click on a key runs it.
    """

    def chip(command: Command) -> Text:
        keys = keymap.get(command.id, command.keys).split(",")[0].strip()
        text = Text(end="", no_wrap=True)
        text.append(f" {display(keys)} ", style="bold reverse")
        text.append(f" {command.label} ")
        text.stylize(Style.from_meta({"@click": f"app.{command.action}"}))
        return text

    pinned = [chip(c) for c in commands if c.id in PINNED]
    right = Text(end="", no_wrap=True).join(pinned)
    line = Text(end="", no_wrap=True)
    room = width - right.cell_len
    for command in commands:
        if not command.footer or command.id in PINNED:
            continue
        piece = chip(command)
        if line.cell_len + piece.cell_len > room:
            break
        line.append_text(piece)
    line.append(" " * max(0, room - line.cell_len))
    line.append_text(right)
    return line
