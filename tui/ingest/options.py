"""The fetch options, apart from fetching itself.

`parallax demo` and the viewer build these before anything is fetched; keeping them here means
that doing so does not import httpx and the fetch machinery (tui.ingest.fetch), which the loader
imports on first use, after the first frame is painted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tui import __version__
from tui.ingest import archive, cache_limit

_ARCHIVE_BASE = archive.DEFAULT_BASE  # the field `archive` hides the module in the class body


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: limits, cache, archive and politeness, one value for the whole run."""

    timeout: float = 20.0  # per attempt, seconds, the whole request including the body
    retries: int = 2  # extra attempts on connection errors / timeouts / 5xx
    backoff: float = 0.5  # first retry delay, doubled each time
    max_bytes: int = 8 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False  # let a public page redirect to a private or local address
    local_root: Path | None = None  # local files must resolve inside this folder, if set
    allow_outside: bool = False  # read local files outside `local_root` too
    offline: bool = False  # read only the cache; a miss is an error naming the source
    refresh: bool = False  # ignore the cache (still write it)
    cache_dir: Path | None = None  # None -> platformdirs.user_cache_dir("parallax")
    user_agent: str = f"Parallax/{__version__} (+news comparison tool)"
    # The web archive (tui.ingest.fetch `_read`): off unless asked for, so that nothing calls
    # it unbidden.
    archive: bool = False  # read a snapshot when the live page is gone
    archive_first: bool = False  # read the snapshot nearest `archive_near` even if the page lives
    archive_near: dt.date | None = None  # the event's date; None asks for the latest snapshot
    archive_base: str = _ARCHIVE_BASE  # tests point it at a server of their own
    per_host: int = 4  # requests in flight to any one host
    max_retry_after: float = 60.0  # seconds: a longer Retry-After fails the source instead
    cache_max_bytes: int | None = cache_limit.DEFAULT_MAX_BYTES  # least recently used go first
