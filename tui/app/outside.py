"""What leaves the app: a source's page in a browser, text to the clipboard, a screenshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.screenshots import save_screenshot

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp

UrlOpener = Callable[[str], object]


def open_source(app: ParallaxApp, open_url: UrlOpener) -> None:
    """The focused source's page in a browser; where there is none, offer to copy the URL."""
    column = app.grid.current_column
    if column is None:
        return
    url = column.location
    try:
        opened = open_url(url)
    except Exception as exc:
        opened = False
        reason = f"Could not open {url}: {exc}."
    else:
        reason = "No web browser is available here to open it."
    if opened is not False:
        app.notify(f"Asked the browser to open {url}", timeout=3)
        return
    from tui.app.screens import ConfirmScreen

    app.push_screen(
        ConfirmScreen(f"{reason}\n{url}\nCopy the URL to the clipboard?", yes="Copy"),
        lambda copy: app.copy(url, "the URL") if copy else None,
    )


def copy(app: ParallaxApp, text: str, what: str) -> None:
    """Copy through the terminal (OSC 52), which works over ssh; not every terminal
    allows it, so the message says where it was sent rather than promising."""
    app.copy_to_clipboard(text)
    app.notify(f"Copied {what} to the clipboard (if the terminal allows it).", timeout=4)


def screenshot(app: ParallaxApp, folder: Path) -> None:
    """An SVG of the screen in a folder that exists, saying where."""
    try:
        path = save_screenshot(folder, app.export_screenshot(), dt.datetime.now())
    except OSError as exc:
        app.notify(
            f"Could not save the screenshot in {folder}: {exc.strerror or exc}",
            title="Screenshot failed",
            severity="error",
        )
        return
    app.notify(f"Saved {path}", title="Screenshot", timeout=6)
