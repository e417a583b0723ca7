"""An editor's verdicts on divergences, kept per event in the user's data folder.

Pure data and files, no Textual: the viewer saves and shows them, and `parallax report`
writes them into the Markdown and the JSON, so a review travels with every report.

One JSON file per event id, written atomically, so a crash mid-save leaves the previous file
whole. A file that cannot be read is moved aside (never overwritten) and the app says where.
Reviews are keyed by divergence id; each keeps the kind and summary it was given for, so a
reader of the file (or a later run whose analysis renumbered) can tell what was judged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from platformdirs import user_data_path

from tui.files import write_atomically
from tui.model import Divergence

Status = Literal["confirmed", "rejected"]
STATUSES: tuple[Status, ...] = ("confirmed", "rejected")
# Not any kind's glyph: a rejected denial read "✗ ✗", a rejected blame "! ✗ attack on…".
MARKS: dict[Status, str] = {"confirmed": "✓", "rejected": "⊘"}
# Divergence id -> (status, note): what a report writes of a review.
Notes = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class Review:
    status: Status
    note: str
    kind: str
    summary: str
    at: str  # ISO 8601, UTC


def review_of(divergence: Divergence, status: Status, note: str) -> Review:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return Review(status, note, divergence.kind, divergence.summary, now)


def default_review_dir() -> Path:
    """Where reviews are kept unless told otherwise: one folder for the viewer and the CLI."""
    return user_data_path("parallax") / "reviews"


def review_notes(divergences: Iterable[Divergence], reviews: Mapping[str, Review]) -> Notes:
    """The reviews that still belong to these divergences, as a report writes them.

    A review is keyed by divergence id; a later run whose analysis renumbered may give that id
    to another finding, so a review saved for another kind is left out rather than pinned on
    the wrong finding.
    """
    return {
        d.id: (review.status, review.note)
        for d in divergences
        if (review := reviews.get(d.id)) is not None and review.kind in ("", d.kind)
    }


def review_path(folder: Path, event_id: str) -> Path:
    stem = re.sub(r"[^\w.-]+", "_", event_id).strip("._") or "event"
    return folder / f"{stem}.json"


def load_reviews(path: Path) -> tuple[dict[str, Review], str | None]:
    """The reviews saved at `path` (none if it does not exist yet), and a problem to report.

    A damaged file is renamed to `….broken.json` so the next save cannot destroy what an
    editor may still want from it.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"Could not read the reviews in {path}: {exc.strerror or exc}"
    try:
        data = json.loads(raw)
        reviews = {
            str(key): Review(
                value["status"] if value["status"] in STATUSES else "rejected",
                str(value.get("note", "")),
                str(value.get("kind", "")),
                str(value.get("summary", "")),
                str(value.get("at", "")),
            )
            for key, value in data["reviews"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        aside = path.with_suffix(".broken.json")
        try:
            path.replace(aside)
        except OSError:
            aside = path
        return {}, f"The reviews in {path} could not be read ({exc}); kept as {aside}."
    return reviews, None


def save_reviews(path: Path, event_id: str, reviews: Mapping[str, Review]) -> None:
    """Write every review of the event at once (atomically); raises OSError."""
    data = {
        "event": event_id,
        "reviews": {key: asdict(review) for key, review in sorted(reviews.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))
