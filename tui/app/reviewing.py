"""Confirming or rejecting the current divergence from the app, with a note, saved at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from tui.report.review import MARKS, Review, Status, review_of, review_path, save_reviews

if TYPE_CHECKING:
    from tui.app.app import ParallaxApp


def review_marks(reviews: Mapping[str, Review]) -> dict[str, str]:
    """Divergence id -> the glyph the panel shows for its review."""
    return {key: MARKS[review.status] for key, review in reviews.items()}


def ask_review(app: ParallaxApp, status: Status) -> None:
    """Ask for a note on the current divergence, then mark it `status` and save the review."""
    current = app.grid.current_divergence
    loader = app.session.loader
    if current is None or loader is None:
        app.notify("No divergence here to review: ] goes to the next.", timeout=3)
        return
    before = app.reviews.get(current.id)
    question = f"Mark {current.id} ({current.kind}) {status}: {current.summary}"

    def save(note: str | None) -> None:
        if note is None:
            return
        app.reviews[current.id] = review_of(current, status, note)
        path = review_path(app.review_dir, loader.event.id)
        try:
            save_reviews(path, loader.event.id, app.reviews)
        except OSError as exc:
            app.notify(
                f"Could not save the review in {path}: {exc.strerror or exc}",
                title="Review not saved",
                severity="error",
            )
            return
        app.panel.set_marks(review_marks(app.reviews))
        app.show_cursor()
        app.notify(f"{current.id} {status}; saved in {path}", timeout=4)

    from tui.app.screens import NoteScreen

    app.push_screen(NoteScreen(question, before.note if before else ""), save)
