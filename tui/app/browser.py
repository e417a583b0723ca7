"""Opening a source's page: only in a browser that does not take over this terminal."""

from __future__ import annotations

# Browsers that would take over this very terminal: as good as none for a TUI.
CONSOLE_BROWSERS = frozenset({"lynx", "links", "elinks", "w3m", "www-browser"})


def open_in_browser(url: str) -> bool:
    """Open `url` in a graphical browser; False when there is none (say, over ssh)."""
    import webbrowser  # on first use: it reads the environment's browsers, at every start

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if getattr(browser, "name", "") in CONSOLE_BROWSERS:
        return False
    return bool(browser.open(url))
