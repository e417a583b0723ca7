"""Exporting the Markdown report from the app: which findings, which file, off the UI thread.

A 60-source report took 28 s to render, so the default renderer runs in a child process
(`tui.app.export`); a renderer handed in (tests) runs on a daemon thread here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.export import export_in_child
from tui.app.threads import in_thread
from tui.files import write_atomically
from tui.model import Comparison
from tui.report.review import Review

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp

# Divergence id -> (status, note), as the report's renderer takes them.
ReviewNotes = Mapping[str, tuple[str, str]]
MarkdownRenderer = Callable[[Comparison, ReviewNotes], str]


def report_filename(event_id: str) -> str:
    """A file name from an event id that came from a config file (so: no path separators).

    An id with nothing usable left ("...", "/") falls back to report.md: ".md" alone would
    be a hidden file the user never finds.
    """
    stem = re.sub(r"[^\w.-]+", "_", event_id).strip("._")
    return f"{stem}.md" if stem else "report.md"


def render_report(comparison: Comparison, reviews: ReviewNotes) -> str:
    from tui.report.markdown import render_markdown

    return render_markdown(comparison, reviews)


def confirmed_only(comparison: Comparison, reviews: Mapping[str, Review]) -> Comparison:
    """The comparison with only the divergences a reviewer confirmed."""
    kept = tuple(
        d for d in comparison.divergences if d.id in reviews and reviews[d.id].status == "confirmed"
    )
    return replace(comparison, divergences=kept)


class Exporter:
    """Writes reports into one folder with one renderer, telling the app's user how it went."""

    def __init__(self, app: ParallaxApp, folder: Path, render: MarkdownRenderer) -> None:
        self._app = app
        self._folder = folder
        self._render = render

    def export(self, comparison: Comparison | None, confirmed: bool) -> None:
        app = self._app
        if comparison is None:
            app.notify("Nothing to export yet: no source has loaded.", severity="warning")
            return
        if confirmed:
            comparison = confirmed_only(comparison, app.reviews)
            if not comparison.divergences:
                app.notify("No confirmed findings yet: c confirms one.", severity="warning")
                return
        name = report_filename(comparison.event.id)
        if confirmed:
            name = name.removesuffix(".md") + "-confirmed.md"
        path = self._folder / name
        if path.exists():
            from tui.app.screens import ConfirmScreen

            chosen = comparison
            app.push_screen(
                ConfirmScreen(f"{path} already exists. Overwrite it?", yes="Overwrite"),
                lambda overwrite: self._write(chosen, path) if overwrite else None,
            )
        else:
            self._write(comparison, path)

    def _write(self, comparison: Comparison, path: Path) -> None:
        self._app.notify(f"Writing the report to {path}…", title="Exporting", timeout=3)
        self._app.run_worker(self._worker(comparison, path), group="export", exit_on_error=False)

    async def _worker(self, comparison: Comparison, path: Path) -> None:
        app = self._app
        notes = {key: (r.status, r.note) for key, r in app.reviews.items()}
        render = self._render

        def write() -> None:
            if render is render_report:  # in a process of its own: see tui.app.export
                export_in_child(comparison, notes, path)
                return
            text = render(comparison, notes)  # a renderer handed in (tests): here
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text.encode("utf-8"))

        try:
            await in_thread(write)
        except OSError as exc:
            app.notify(
                f"Could not write {path}: {exc.strerror or exc}. Check the directory exists "
                "and is writable.",
                title="Export failed",
                severity="error",
            )
            return
        except Exception as exc:
            app.notify(str(exc) or type(exc).__name__, title="Export failed", severity="error")
            return
        pending = app.session.loading
        note = f"\n({pending} sources were still loading.)" if pending else ""
        app.notify(f"Report written to {path}{note}", title="Exported", timeout=8)
