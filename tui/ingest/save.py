"""Asking the web archive to keep a copy of the pages a comparison was made from.

A report that cites a live URL rots when the outlet edits or pulls the article; a snapshot taken
on the day does not. `parallax fetch --save-archive` asks the archive's "save page now" endpoint
for each page that was read live, one at a time (the archive limits anonymous saves), and says
for each where the copy is, or why there is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from tui.ingest import archive
from tui.ingest.fetch import FetchError, FetchOptions, get_data, session

# A capture can take the archive a minute; the usual per-page limit would give up on most.
SAVE_TIMEOUT = 120.0
_HTML = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_SNAPSHOT_PATH_RE = re.compile(r"/web/(\d{14})")


@dataclass(frozen=True)
class Saved:
    """The archive's answer for one page: the snapshot's address and time, or why not."""

    location: str
    snapshot: archive.Snapshot | None
    error: str | None


async def save_pages(
    locations: Sequence[str],
    options: FetchOptions,
    on_saved: Callable[[Saved], None] | None = None,
) -> list[Saved]:
    """Ask the archive to capture each location, in turn; never raises for one page."""
    options = replace(options, timeout=max(options.timeout, SAVE_TIMEOUT))
    results: list[Saved] = []
    async with session(options) as context:
        for location in locations:
            try:
                download = await get_data(
                    context, archive.save_url(options.archive_base, location), _HTML
                )
            except FetchError as exc:
                saved = Saved(location, None, f"the web archive did not save it: {exc}")
            else:
                saved = _answer(location, download.final_location, download.content)
            results.append(saved)
            if on_saved is not None:
                on_saved(saved)
    return results


def _answer(location: str, final: str, body: bytes) -> Saved:
    """Where the new snapshot is: the archive redirects to it, or names it in its answer page."""
    match = _SNAPSHOT_PATH_RE.search(final)
    url = final
    if match is None:
        named = re.search(rb"/web/(\d{14})/" + re.escape(location.encode()), body)
        if named is None:
            return Saved(location, None, "the web archive answered but named no snapshot")
        stamp = named.group(1).decode()
        parts = urlsplit(final)
        url = f"{parts.scheme}://{parts.netloc}/web/{stamp}/{location}"
    else:
        stamp = match.group(1)
    snapshot = archive.Snapshot(url=url, archived_at=archive.parse_timestamp(stamp))
    return Saved(location, snapshot, None)
