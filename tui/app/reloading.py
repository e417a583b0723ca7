"""Fetching again: one source (r), or every source after re-reading the configuration (R)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.preferences import apply_and_tell
from tui.app.settings import load_settings

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def refetch(app: ParallaxApp) -> None:
    column = app.grid.current_column
    if column is None or app.session.loader is None:
        return
    app.session.load([column.source_id], refresh=True)
    app.notify(f"Refetching {column.outlet}…", timeout=3)


def refetch_all(app: ParallaxApp) -> None:
    """Reload sources.yaml (a broken one keeps the old config and says why) and the
    settings, then fetch every source again."""
    loader = app.session.loader
    if loader is None:
        return
    try:
        fresh = loader.reload()
    except Exception as exc:
        app.notify(
            f"{exc}\nKeeping the configuration loaded before.",
            title="sources.yaml not reloaded",
            severity="error",
            timeout=12,
        )
        fresh = loader
    if app.settings_file is not None:
        settings, problems = load_settings(app.settings_file)
        apply_and_tell(app, settings, problems, app.settings_file)
        app.set_hidden_kinds(frozenset(settings.hidden_kinds))  # the file's filters, or defaults
    if fresh is loader:
        app.session.load(None, refresh=True)
    else:
        app.session.start(fresh, refresh=True)
        app.show()
    app.notify("Refetching every source…", timeout=3)
