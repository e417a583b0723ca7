"""Modal screens and the search bar: help, event picker (with discovery), confirm overwrite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.discovering import DiscoverScreen
from tui.app.discovery import ArticleFinder
from tui.app.highlight import (
    CURRENT_CLOSE,
    CURRENT_OPEN,
    CURRENT_STYLE,
    KIND_STYLES,
    clean,
    plain,
)
from tui.app.layout import Column
from tui.app.loader import EventChoice
from tui.app.status import STATE_GLYPHS, contrast_text, safe_colour


def help_table(keys: Sequence[tuple[str, str]], columns: Sequence[Column]) -> Group:
    """Keys, the highlight legend and the side colours, as one renderable."""
    key_table = Table(title="Keys", title_justify="left", box=None, show_header=False)
    key_table.add_column(style="bold", no_wrap=True)
    key_table.add_column()
    for key, description in keys:
        key_table.add_row(key, description)

    legend = Table(title="Highlights", title_justify="left", box=None, show_header=False)
    legend.add_column(no_wrap=True)
    legend.add_column(no_wrap=True)
    legend.add_column()
    for kind, style in KIND_STYLES.items():
        sample = Text(f" {kind} ", style=style.style)
        legend.add_row(f" {style.glyph}", sample, f"{style.cue} — {style.meaning}")
    current = Text(CURRENT_OPEN, style="bold")
    current.append(" current ", style=CURRENT_STYLE)
    current.append(CURRENT_CLOSE, style="bold")
    legend.add_row(
        f" {CURRENT_OPEN}",
        current,
        "the current divergence (] [, the panel, the brief): its words in every source, "
        "between ▶ and ◀; the row's other marks dim",
    )
    legend.add_row(" ", Text("∅ not reported", style="italic dim"), "the source has nothing here")

    status = Text("Status: ")
    for state, glyph in STATE_GLYPHS.items():
        status.append(f"{glyph} {state}  ")

    sides = Text("Sides: ")
    seen: set[str] = set()
    for column in columns:
        if column.side.id in seen:
            continue
        seen.add(column.side.id)
        colour = safe_colour(column.side.colour)
        sides.append(
            clean(f" {column.side.label} "), style=f"bold {contrast_text(colour)} on {colour}"
        )
        sides.append(" ")
    return Group(key_table, Text(""), legend, Text(""), status, sides)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]  # noqa: RUF012

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, keys: Sequence[tuple[str, str]], columns: Sequence[Column]) -> None:
        super().__init__()
        self._content = help_table(keys, columns)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Parallax help — esc to close"
            yield Static(self._content)


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no; returns True only on an explicit yes."""

    BINDINGS = [  # noqa: RUF012
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 80; max-width: 100%; height: auto; border: thick $warning; background: $surface;
        padding: 1 2;
    }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self._question = question
        self._labels = (yes, no)

    def compose(self) -> ComposeResult:
        yes, no = self._labels
        with Vertical():
            # Line by line: clean() would turn the line breaks into blanks.
            lines = [plain(line) for line in self._question.splitlines()]
            question = Text("\n", end="").join(lines)
            question.no_wrap = False
            yield Static(question)
            with Horizontal():
                yield Button(f"{yes} (y)", id="yes", variant="warning")
                yield Button(f"{no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


@dataclass(frozen=True)
class Pick:
    """The event chosen in the picker; `reread` when its articles were just added to the file,
    so the app loads it from the config as it is now on disk."""

    event_id: str
    reread: bool = False


class EventPickerScreen(Screen[Pick]):
    """The config's events; returns the chosen one. An event with no articles yet also offers
    "discover articles" when the app was handed a finder."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]  # noqa: RUF012

    DEFAULT_CSS = """
    EventPickerScreen { align: center middle; }
    EventPickerScreen > Vertical { width: 100%; max-width: 100; height: auto; max-height: 90%; }
    EventPickerScreen OptionList { height: auto; max-height: 30; border: tall $primary; }
    """

    def __init__(self, events: Sequence[EventChoice], finder: ArticleFinder | None = None) -> None:
        super().__init__()
        self._events = tuple(events)
        self._finder = finder
        self._discover: dict[str, EventChoice] = {}  # option id -> the event it discovers for

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Choose an event to compare (enter to open)", style="bold"))
            options = []
            for number, event in enumerate(self._events):
                line = Text(f"{event.date.isoformat()}  ", style="bold", end="")
                line.append_text(plain(event.title))
                line.append(f"  ({event.id})", style="dim")
                if event.articles == 0:
                    line.append("  no articles yet", style="italic")
                options.append(Option(line, id=event.id))
                if event.articles == 0 and self._finder is not None:
                    option_id = f"discover #{number}"  # never an event id: those have no space
                    self._discover[option_id] = event
                    options.append(Option(Text("    ↳ discover articles", end=""), id=option_id))
            yield OptionList(*options)
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen is None:
            return
        if chosen in self._discover and self._finder is not None:
            found = self._discover[chosen]
            screen = DiscoverScreen(self._finder, found.id, found.title)
            self.app.push_screen(screen, lambda added: self._discovered(found.id, added))
        else:
            self.dismiss(Pick(chosen))

    def _discovered(self, event_id: str, added: bool | None) -> None:
        if added:
            self.dismiss(Pick(event_id, reread=True))


class SearchBar(Input):
    """One line at the bottom; enter searches, escape gives up."""

    DEFAULT_CSS = """
    SearchBar { dock: bottom; display: none; border: tall $accent; }
    SearchBar.-open { display: block; }
    """

    BINDINGS = [Binding("escape", "close", "Cancel search")]  # noqa: RUF012

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search all sources (enter to find, esc to cancel)", id=id)

    class Closed(Message):
        """The bar was dismissed without searching."""

    def open(self, query: str) -> None:
        self.value = query
        self.add_class("-open")
        self.focus()

    def close(self) -> None:
        self.remove_class("-open")

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Closed())


class NoteScreen(ModalScreen[str | None]):
    """One line of text for a review: enter keeps it (empty is fine), escape gives up."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 90; max-width: 100%; height: auto; border: thick $primary; background: $surface;
        padding: 1 2;
    }
    """

    def __init__(self, question: str, note: str = "") -> None:
        super().__init__()
        self._question = question
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            question = plain(self._question)
            question.no_wrap = False  # wrapped: a Label of one line cut a long claim off
            yield Static(question, id="note-question")
            yield Input(self._note, placeholder="a note (optional): why, what to check…")
            yield Label(Text("enter to save, esc to cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
