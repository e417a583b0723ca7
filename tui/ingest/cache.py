"""The on-disk cache of fetched pages.

Editors re-run comparisons many times on deadline and sometimes offline (a train, a press room
with bad wifi), and outlets quietly edit or pull articles; the cache keeps exactly the bytes
that a comparison was made from. One entry per location: `<root>/<k[:2]>/<k>.json` holds the
metadata, where `k` is the sha256 of the location, and names the body file beside it,
`<k>-<first 16 hex digits of the body's sha256>.body` (entries written before bodies were
named so are `<k>.body`).

Nothing good is given up before its replacement is complete: a refetch writes the new body
under its own name beside the old one, then the metadata that points at it, each to a
temporary file moved into place with `os.replace`; only then is the old body removed. A full
disk or a kill at any step leaves the old entry readable. A reader that finds anything wrong
(missing file, bad JSON, a body whose sha256 does not match, a timestamp out of range,
metadata nested absurdly deep) treats it as a miss: a broken cache costs a refetch, never a
crash and never a failed source. Temporary files and bodies left by a writer that was killed
are swept up by later writes to the same folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tui.files import TEMP_PREFIX, write_atomically

# A temporary file this old belongs to a writer that died (killed, power cut); a younger one
# may belong to another parallax running right now.
STALE_TEMP_SECONDS = 3600


@dataclass(frozen=True)
class CacheEntry:
    location: str
    final_location: str
    media_type: str
    encoding: str
    fetched_at: dt.datetime  # timezone-aware UTC
    sha256: str
    content: bytes
    status: int | None = None  # HTTP status of the final answer
    redirects: tuple[str, ...] = ()  # every hop after the location asked for


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("parallax"))


def unusable(root: Path) -> str | None:
    """Why pages cannot be kept under `root`, or None; looked at without creating anything.

    A cache that cannot be written costs no fetch (each page is still read), so the fetch only
    notes it per page; the commands that are about the cache say it once, with this reason.
    """
    found = root
    while not found.exists() and found.parent != found:  # the nearest part that is there
        found = found.parent
    if not found.is_dir():
        return f"{found} is a file, not a folder"
    if not os.access(found, os.W_OK | os.X_OK):
        return f"{found} is not writable"
    return None


def cache_key(location: str) -> str:
    return hashlib.sha256(location.encode("utf-8")).hexdigest()


def entry_paths(root: Path, location: str) -> tuple[Path, Path]:
    """Where the body and the metadata of `location` live under `root` now.

    The body is the one the metadata names (the legacy `<k>.body` when it names none or is
    missing or unreadable).
    """
    meta_path = _meta_path(root, location)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        meta = None
    return _body_path(meta_path, meta), meta_path


def load(root: Path, location: str) -> CacheEntry | None:
    """The cached entry for `location`, or None when there is none or it is damaged."""
    meta_path = _meta_path(root, location)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        content = _body_path(meta_path, meta).read_bytes()
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(meta, dict):
        return None
    fields = ("location", "final_location", "media_type", "encoding", "fetched_at", "sha256")
    if not all(isinstance(meta.get(name), str) for name in fields):
        return None
    if meta["location"] != location or hashlib.sha256(content).hexdigest() != meta["sha256"]:
        return None
    status = meta.get("status")
    redirects = meta.get("redirects", [])
    if not (status is None or (type(status) is int and 100 <= status <= 999)):
        return None
    if not (isinstance(redirects, list) and all(isinstance(hop, str) for hop in redirects)):
        return None
    try:
        fetched_at = dt.datetime.fromisoformat(meta["fetched_at"])
        if fetched_at.tzinfo is None:
            return None
        fetched_at = fetched_at.astimezone(dt.UTC)  # out of range near year 1 or 9999
    except (ValueError, OverflowError):
        return None
    return CacheEntry(
        location=location,
        final_location=meta["final_location"],
        media_type=meta["media_type"],
        encoding=meta["encoding"],
        fetched_at=fetched_at,
        sha256=meta["sha256"],
        content=content,
        status=status,
        redirects=tuple(redirects),
    )


def store(root: Path, entry: CacheEntry) -> None:
    """Write `entry`, replacing any older entry for the same location only once it is whole.

    Raises OSError when the cache cannot be written (full disk, no permission); the older
    entry is then still there. The caller decides whether that matters, since the fetched
    page itself is fine.
    """
    meta_path = _meta_path(root, entry.location)
    folder = meta_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    _sweep_stale_temps(folder)
    key = meta_path.stem
    body_path = folder / f"{key}-{entry.sha256[:16]}.body"
    meta = {
        "location": entry.location,
        "final_location": entry.final_location,
        "media_type": entry.media_type,
        "encoding": entry.encoding,
        "fetched_at": entry.fetched_at.astimezone(dt.UTC).isoformat(),
        "sha256": entry.sha256,
        "body": body_path.name,
        "status": entry.status,
        "redirects": list(entry.redirects),
    }
    old_bodies = [p for p in _bodies(folder, key) if p != body_path]
    had_body = body_path.exists()  # the same bytes stored before: the old metadata may use it
    write_atomically(body_path, entry.content)
    try:
        write_atomically(meta_path, json.dumps(meta, indent=2).encode("utf-8"))
    except BaseException:
        if not had_body:  # the old metadata, if any, still points at the old body
            body_path.unlink(missing_ok=True)
        raise
    for old in old_bodies:
        old.unlink(missing_ok=True)


def _meta_path(root: Path, location: str) -> Path:
    key = cache_key(location)
    return root / key[:2] / f"{key}.json"


def _body_path(meta_path: Path, meta: object) -> Path:
    """The body file that `meta` names, if it names a plain file name of its own entry."""
    key = meta_path.stem
    name = meta.get("body") if isinstance(meta, dict) else None
    if isinstance(name, str) and name.startswith(f"{key}-") and Path(name).name == name:
        return meta_path.with_name(name)
    return meta_path.with_name(f"{key}.body")


def _bodies(folder: Path, key: str) -> list[Path]:
    return [*folder.glob(f"{key}-*.body"), *folder.glob(f"{key}.body")]


def _sweep_stale_temps(folder: Path) -> None:
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            continue  # another writer finished or swept it first
