"""The divergence panel: every divergence, grouped by kind; choosing one jumps to its row."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.app.highlight import KIND_STYLES, plain
from tui.model import DIVERGENCE_KINDS, Divergence


class DivergencePanel(OptionList):
    """An OptionList whose option ids are divergence ids; kind headings are disabled options."""

    DEFAULT_CSS = """
    DivergencePanel {
        width: 36;
        height: 1fr;
        border-left: tall $panel;
    }
    """

    class Chosen(Message):
        def __init__(self, divergence: Divergence) -> None:
            self.divergence = divergence
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._divergences: dict[str, Divergence] = {}
        self.border_title = "Divergences"

    def show(self, divergences: Sequence[Divergence]) -> None:
        """List `divergences` (already in row order) under one heading per kind."""
        previous = self.highlighted_option.id if self.highlighted_option is not None else None
        self._divergences = {d.id: d for d in divergences}
        options: list[Option] = []
        for kind in DIVERGENCE_KINDS:
            of_kind = [d for d in divergences if d.kind == kind]
            if not of_kind:
                continue
            style = KIND_STYLES[kind]
            heading = Text(f"{style.glyph} {kind} ", style=style.style, end="")
            heading.append(f" {len(of_kind)}", style="bold")
            options.append(Option(heading, disabled=True))
            for divergence in of_kind:
                line = Text("  ", end="")
                line.append_text(plain(divergence.summary or divergence.id))
                options.append(Option(line, id=divergence.id))
        if not options:
            options.append(Option(Text("No divergences (yet)", style="dim"), disabled=True))
        self.clear_options()
        self.add_options(options)
        if previous in self._divergences:
            self.highlight_divergence(previous)

    def highlight_divergence(self, divergence_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(divergence_id)
        except OptionDoesNotExist:  # an id from an older comparison: leave the highlight alone
            return

    def _chosen(self, option_id: str | None) -> None:
        if option_id is not None and option_id in self._divergences:
            self.post_message(self.Chosen(self._divergences[option_id]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen(event.option.id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:  # moving through the list previews each divergence in the grid
            self._chosen(event.option.id)
