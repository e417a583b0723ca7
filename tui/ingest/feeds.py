"""RSS and Atom feeds, read with feedparser: every dialect, date format and encoding quirk of
twenty years of feeds is its problem, not ours.

feedparser takes ~80 ms to import, so it is imported when a feed is read, never by the viewer
or the report.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from html import unescape

from tui.ingest.entries import Entry, ListingError
from tui.text.clean import clean_line

# Anything XML-shaped, and the types misconfigured servers give feeds.
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
        "text/html",
    }
)
_TAG_RE = re.compile(r"<[^<>]*>")  # a stray "<" is text, and a run of them is read once


def read_feed(content: bytes, url: str, content_type: str = "") -> list[Entry]:
    """The entries of an RSS or Atom feed; `ListingError` when the body is not a feed."""
    import feedparser  # only `parallax discover` pays for the import

    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    # A stream, never a string: feedparser would treat a string as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    version = parsed.get("version", "")
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({clean_line(str(problem))[:80]})" if problem else ""
        raise ListingError(f"not an RSS or Atom feed{reason}")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link.startswith(("http://", "https://")):
            continue
        entries.append(
            Entry(
                url=link,
                title=clean_line(unescape(item.get("title", ""))),
                summary=_plain(item.get("summary") or _content(item)),
                published=_when(item.get("published_parsed") or item.get("updated_parsed")),
            )
        )
    return entries


def _content(item: dict) -> str:
    """An Atom entry's <content> when it has no <summary>: the words to match are there."""
    contents = item.get("content") or ()
    return " ".join(str(part.get("value", "")) for part in contents if isinstance(part, dict))


def _plain(html: str) -> str:
    """A summary's words for matching: feedparser has sanitised it; the tags only separate."""
    return clean_line(unescape(_TAG_RE.sub(" ", html)))


def _when(parsed: object) -> dt.datetime | None:
    """feedparser's struct_time (always UTC) as an aware datetime."""
    if parsed is None:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
