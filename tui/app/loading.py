"""Starting an event and showing what the session says of it: a comparison ready, sources
failed, a step gone wrong; and the event picker (e), which starts another event."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.app.briefing import BriefScreen
from tui.app.failures import failure_notice
from tui.app.loader import ComparisonLoader, EventChoice
from tui.app.session import Listener
from tui.model import Comparison, Source
from tui.report.review import load_reviews, review_path

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp
    from tui.app.discovery import ArticleFinder
    from tui.app.screens import Pick


def listener(app: ParallaxApp, states_changed: Callable[[], None]) -> Listener:
    """What the app's session tells it, each shown here but for the states (the app's own)."""
    return Listener(
        states_changed,
        lambda comparison: compared(app, comparison),
        lambda sources: report_failures(app, sources),
        lambda title, message: problem(app, title, message),
    )


def start(app: ParallaxApp, loader: ComparisonLoader) -> None:
    """Show `loader`'s event: columns at once, text as it arrives."""
    event = loader.event
    app.reviews, problem = load_reviews(review_path(app.review_dir, event.id))
    if problem:
        app.notify(problem, title="Reviews", severity="warning", timeout=10)
    app.session.start(loader)
    app.show()


def compared(app: ParallaxApp, comparison: Comparison) -> None:
    """Show a new comparison; one the grid cannot lay out leaves the old one in place."""
    session = app.session
    previous, session.comparison = session.comparison, comparison
    try:
        app.show()
    except Exception as exc:
        session.comparison = previous
        app.notify(
            f"{type(exc).__name__}: {exc}",
            title="Could not show the comparison",
            severity="error",
        )
        return
    if isinstance(app.screen, BriefScreen):
        app.screen.show(app.grid.model, comparison)


def problem(app: ParallaxApp, title: str, message: str) -> None:
    app.notify(message, title=title, severity="error", timeout=10)


def report_failures(app: ParallaxApp, sources: Sequence[Source]) -> None:
    notice = failure_notice(sources)
    if notice is not None:
        app.notify(notice[1], title=notice[0], severity="error", timeout=10)


def pick_event(
    app: ParallaxApp,
    events: Sequence[EventChoice],
    finder: ArticleFinder | None,
    loader_for: Callable[[str], ComparisonLoader] | None,
    open_brief: bool,
) -> None:
    """The event picker; the event chosen (re-read from disk if asked) replaces this one."""
    from tui.app.screens import EventPickerScreen

    def chosen(pick: Pick | None) -> None:
        if pick is None or loader_for is None:
            return
        loader = loader_for(pick.event_id)
        start(app, loader.reload() if pick.reread else loader)
        app.grid.focus()
        if open_brief:
            app.action_brief()

    app.push_screen(EventPickerScreen(events, finder), chosen)
