"""The discover screen: the articles an `ArticleFinder` proposes for an event, to check and add.

Opened from the event picker (`tui.app.screens`); the seam it talks through is `tui.app.discovery`.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, LoadingIndicator, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from tui.app.discovery import ArticleFinder
from tui.app.highlight import plain
from tui.ingest.proposals import DiscoveryError, Proposal, Proposals


def proposal_label(proposal: Proposal) -> Text:
    """One line per proposal: date, outlet, title (untrusted: never markup)."""
    label = Text(f"{proposal.published.isoformat()}  ", style="bold", end="")
    label.append_text(plain(proposal.outlet))
    label.append("  ")
    label.append_text(plain(proposal.title or proposal.url))
    return label


class DiscoverScreen(ModalScreen[bool]):
    """Propose articles for one event; True once some were added to the config file."""

    BINDINGS = [Binding("escape", "close", "Cancel")]  # noqa: RUF012

    DEFAULT_CSS = """
    DiscoverScreen { align: center middle; }
    DiscoverScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    DiscoverScreen SelectionList { height: auto; max-height: 20; }
    DiscoverScreen #discover-message { height: auto; margin: 1 0; }
    DiscoverScreen Horizontal { height: auto; align-horizontal: right; }
    DiscoverScreen Button { margin-left: 2; }
    """

    def __init__(self, finder: ArticleFinder, event_id: str, title: str) -> None:
        super().__init__()
        self._finder = finder
        self._event_id = event_id
        self._title = title
        self.proposals: Proposals | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            heading = Text("Discover articles: ", style="bold", end="")
            heading.append_text(plain(self._title))
            yield Label(heading)
            yield Static(
                Text("Reading the outlets' feeds and sitemaps…", end=""), id="discover-message"
            )
            yield LoadingIndicator()
            yield SelectionList[int](id="discover-list")
            with Horizontal():
                yield Button("Add the checked articles", id="add", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(SelectionList).display = False
        self.query_one("#add", Button).display = False
        self._propose()

    @work(thread=True, exclusive=True, group="discover")
    def _propose(self) -> None:
        """Off the UI thread: feeds and sitemaps are network reads and XML parsing."""
        try:
            found = self._finder.propose(self._event_id)
        except DiscoveryError as error:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, found)

    def _failed(self, message: str) -> None:
        self.query_one(LoadingIndicator).display = False
        self._say(Text(message, style="bold", end=""))

    def _say(self, text: Text) -> None:
        self.query_one("#discover-message", Static).update(text)

    def _show(self, found: Proposals) -> None:
        self.proposals = found
        self.query_one(LoadingIndicator).display = False
        message = Text(end="")
        if found.found:
            message.append(
                f"{len(found.found)} articles published {found.window} match the event's"
                " keywords, best first: check each before adding it (space checks or unchecks,"
                " tab reaches the buttons)."
            )
        else:
            message.append(
                f"No article published {found.window} matches the event's keywords.",
                style="bold",
            )
        for problem in found.problems:
            message.append("\n⚠ ", style="bold")
            message.append_text(plain(problem))
        self._say(message)
        if found.found:
            listing = self.query_one(SelectionList)
            listing.add_options(
                Selection(proposal_label(p), index, True) for index, p in enumerate(found.found)
            )
            listing.display = True
            self.query_one("#add", Button).display = True
            listing.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self.action_add()
        else:
            self.action_close()

    def action_add(self) -> None:
        if self.proposals is None:
            return
        chosen = [self.proposals.found[i] for i in self.query_one(SelectionList).selected]
        if not chosen:
            self._say(Text("Nothing is checked: check an article with space.", end=""))
            return
        try:
            said = self._finder.add(self._event_id, sorted(chosen, key=self.proposals.found.index))
        except DiscoveryError as error:
            self._say(Text(str(error), style="bold", end=""))
            return
        self.app.notify(said, timeout=6)
        self.dismiss(True)

    def action_close(self) -> None:
        self.workers.cancel_group(self, "discover")
        self.dismiss(False)
