"""Reader mode: one article as it was published, to read it whole and to cite it.

The grid shows paragraphs in row order, torn out of their article; here they are in their own
order, numbered (¶ 1 …) as the report cites them, under the headline, the outlet, when it was
fetched and from where. `y` copies the highlighted paragraph with its citation; escape goes
back to the grid at that paragraph's row.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.highlight import clean, plain
from tui.model import Source


def fetched_label(source: Source) -> str:
    if source.fetched_at is None:
        return "fetch time unknown"
    return f"fetched {source.fetched_at.strftime('%Y-%m-%d %H:%M UTC')}"


def citation(source: Source, paragraph: int) -> str:
    """A quote an editor can paste: the paragraph, then outlet, headline, URL, ¶ and time."""
    quote = clean(source.paragraphs[paragraph])
    title = f", “{clean(source.title)}”" if source.title else ""
    return (
        f"“{quote}”\n"
        f"— {clean(source.outlet.name)}{title}, ¶ {paragraph + 1}, {clean(source.location)} "
        f"({fetched_label(source)})"
    )


class ReaderScreen(Screen[int | None]):
    """The article; dismisses with the highlighted paragraph to go back to (None: stay)."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,enter,a", "back", "Back to the grid", id="reader.back"),
        Binding("y", "copy", "Copy quote", id="reader.copy"),
        # j/k as in the grid: pressed in the reader they did nothing
        Binding("j", "step(1)", "Next paragraph", id="reader.down", show=False),
        Binding("k", "step(-1)", "Previous paragraph", id="reader.up", show=False),
        Binding("q", "app.quit", "Quit", id="reader.quit"),
    ]

    DEFAULT_CSS = """
    ReaderScreen { background: $surface; }
    ReaderScreen #reader-head { height: auto; padding: 0 1; background: $panel; }
    ReaderScreen OptionList { height: 1fr; border: none; padding: 0 1; }
    ReaderScreen #reader-keys { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, source: Source, paragraph: int) -> None:
        super().__init__()
        self.source = source
        self._start = paragraph

    def compose(self) -> ComposeResult:
        source = self.source
        head = Text(end="")
        head.append_text(plain(source.title or "(no headline)"))
        head.stylize("bold")
        head.append("\n")
        head.append_text(plain(f"{source.outlet.name} · {fetched_label(source)}"))
        head.append("\n")
        head.append_text(plain(source.location))
        head.stylize("dim", len(head) - len(source.location))
        yield Static(head, id="reader-head")
        options = []
        for index, text in enumerate(source.paragraphs):
            prompt = Text(end="")
            prompt.append(f"¶ {index + 1}  ", style="bold")
            prompt.append(clean(text))
            options.append(Option(prompt, id=str(index)))
            options.append(None)  # a blank line between paragraphs
        yield OptionList(*options)
        yield Static(
            Text(
                "↑↓ j k  paragraph   y  copy quote with citation   esc  back to the grid   q  quit"
            ),
            id="reader-keys",
        )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.source.paragraphs:
            options.highlighted = min(self._start, len(self.source.paragraphs) - 1)

    @property
    def paragraph(self) -> int | None:
        option = self.query_one(OptionList).highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def action_step(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(self.paragraph)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paragraph)

    def action_copy(self) -> None:
        paragraph = self.paragraph
        if paragraph is None:
            self.app.notify("This article has no text to quote.", severity="warning")
            return
        self.app.copy_to_clipboard(citation(self.source, paragraph))
        self.app.notify(
            f"Copied ¶ {paragraph + 1} of {self.source.outlet.name} with its citation "
            "(if the terminal allows the clipboard).",
            timeout=4,
        )
