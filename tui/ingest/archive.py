"""The web archive as a second source of an article: the Wayback Machine's conventions.

Many 2020 article URLs no longer answer, or redirect to a home page; the Internet Archive kept
most of them. This module knows how to ask its availability API for the snapshot closest to an
event's date, how to address the snapshot's original bytes, how to take the archive's toolbar
and rewritten links back out of a page, and when a live answer is a dead end worth replacing.
It does no I/O: `tui.ingest.fetch` downloads through its one client, limits and cache.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

DEFAULT_BASE = "https://web.archive.org"
AVAILABILITY_PATH = "/wayback/available"
SAVE_PATH = "/save/"
JSON_TYPES = frozenset({"application/json", "text/json", "text/plain", "text/javascript"})

_TIMESTAMP_RE = re.compile(r"\d{14}\Z")
# /web/<timestamp><modifier>/<original>: the modifier (id_, im_, js_ …) says how it was rewritten
_SNAPSHOT_RE = re.compile(r"/web/(\d{1,14})(?:[a-z]{2}_)?/(?=[A-Za-z][A-Za-z0-9+.-]*:|//)")
_TOOLBAR_RE = re.compile(
    r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
    re.DOTALL | re.IGNORECASE,
)
# The archive's scripts and styles sit in <head> before this comment; the page's own follow it.
_REWRITE_JS_RE = re.compile(
    r"<script[^>]*(?:archive\.org/includes|/_static/)[^>]*>.*?"
    r"<!--\s*End Wayback Rewrite JS Include\s*-->",
    re.DOTALL | re.IGNORECASE,
)
_ARCHIVE_NOTES_RE = re.compile(r"<!--\s*(?:FILE ARCHIVED ON|playback timings).*?-->", re.DOTALL)
_REWRITTEN_LINK_RE = re.compile(
    r"(?:https?:)?(?://[^/\s\"'<>]+)?/web/\d{1,14}(?:[a-z]{2}_)?/(?=[A-Za-z][A-Za-z0-9+.-]*:|//)"
)
# Where a site sends a reader when the article is gone or walled off.
_LOGIN_WORDS = ("login", "log-in", "signin", "sign-in", "sign_in", "auth", "account", "register")
_HOME_SEGMENTS = re.compile(r"/?(?:[a-z]{2,3}(?:[-_][a-z]{2})?/?|index\.\w+)?\Z", re.IGNORECASE)


class ArchiveError(Exception):
    """The archive has no usable copy; the message is one line a reader can act on."""


@dataclass(frozen=True)
class Snapshot:
    """One archived copy of a page: where a reader opens it and when it was taken."""

    url: str
    archived_at: dt.datetime  # timezone-aware UTC


def availability_url(base: str, location: str, near: dt.date | None) -> str:
    """The query for the snapshot of `location` closest to `near` (the latest without one)."""
    query = f"url={quote(location, safe='')}"
    if near is not None:
        query += f"&timestamp={near:%Y%m%d}120000"  # midday: no time zone is favoured
    return f"{base.rstrip('/')}{AVAILABILITY_PATH}?{query}"


def save_url(base: str, location: str) -> str:
    """The "save page now" address that asks the archive to capture `location` today."""
    return f"{base.rstrip('/')}{SAVE_PATH}{location}"


def parse_availability(body: bytes, location: str) -> Snapshot:
    """The closest snapshot in an availability answer, or `ArchiveError` saying why not."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ArchiveError("the archive's availability answer is not JSON") from None
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is False:
        raise ArchiveError("the web archive has no copy of this page")
    url, stamp = closest.get("url"), str(closest.get("timestamp", ""))
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ArchiveError("the archive's availability answer names no snapshot address")
    if not _TIMESTAMP_RE.match(stamp):
        raise ArchiveError(f"the archive's snapshot has no valid timestamp ({stamp[:20]!r})")
    status = str(closest.get("status", "200"))
    if not status.startswith("2"):
        raise ArchiveError(f"the archive's closest copy is itself an HTTP {status[:3]} page")
    if url.startswith("http://web.archive.org/"):  # the API still answers with http://
        url = "https://" + url.removeprefix("http://")
    return Snapshot(url=url, archived_at=parse_timestamp(stamp))


def parse_timestamp(stamp: str) -> dt.datetime:
    """A Wayback timestamp (YYYYMMDDhhmmss, always UTC) as a datetime."""
    return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


def raw_url(snapshot_url: str) -> str:
    """The snapshot's bytes as the site sent them: the `id_` form has no toolbar, no rewriting."""
    return _SNAPSHOT_RE.sub(lambda m: f"/web/{m.group(1)}id_/", snapshot_url, count=1)


def strip_archive_markup(html: str) -> str:
    """Take out what the archive adds to a page, so that extraction sees the article alone.

    `raw_url` normally avoids it; this is for archives (or snapshots) that ignore `id_`.
    """
    html = _TOOLBAR_RE.sub("", html)
    html = _REWRITE_JS_RE.sub("", html)
    html = _ARCHIVE_NOTES_RE.sub("", html)
    return _REWRITTEN_LINK_RE.sub("", html)


def dead_end(asked: str, final: str) -> str | None:
    """What a redirect landed on when it is not the article (a home or login page), else None."""
    if asked == final:
        return None
    asked_path = urlsplit(asked).path
    parts = urlsplit(final)
    path = parts.path.lower()
    if any(word in path or word in parts.query.lower() for word in _LOGIN_WORDS):
        return "a login page"
    if _HOME_SEGMENTS.match(parts.path) and not _HOME_SEGMENTS.match(asked_path):
        return "the site's home page"
    return None
