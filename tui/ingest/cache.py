"""The on-disk cache of fetched pages.

Editors re-run comparisons many times on deadline and sometimes offline (a train, a press room
with bad wifi), and outlets quietly edit or pull articles; the cache keeps exactly the bytes
that a comparison was made from. One entry per location: `<root>/<k[:2]>/<k>.body` holds the
body as received and `<k>.json` its metadata, where `k` is the sha256 of the location.

Every file is written to a temporary file in the same directory and moved into place with
`os.replace`, body first and metadata last, so the metadata file marks a complete entry. A
reader that finds anything wrong (missing file, bad JSON, a body whose sha256 does not match)
treats it as a miss: a broken cache costs a refetch, never a crash. Temporary files left by a
writer that was killed are swept up by later writes to the same folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("parallax"))


def cache_key(location: str) -> str:
    return hashlib.sha256(location.encode("utf-8")).hexdigest()


def entry_paths(root: Path, location: str) -> tuple[Path, Path]:
    """Where the body and the metadata of `location` live under `root`."""
    key = cache_key(location)
    folder = root / key[:2]
    return folder / f"{key}.body", folder / f"{key}.json"


def load(root: Path, location: str) -> CacheEntry | None:
    """The cached entry for `location`, or None when there is none or it is damaged."""
    body_path, meta_path = entry_paths(root, location)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        content = body_path.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    fields = ("location", "final_location", "media_type", "encoding", "fetched_at", "sha256")
    if not all(isinstance(meta.get(name), str) for name in fields):
        return None
    if meta["location"] != location or hashlib.sha256(content).hexdigest() != meta["sha256"]:
        return None
    try:
        fetched_at = dt.datetime.fromisoformat(meta["fetched_at"])
    except ValueError:
        return None
    if fetched_at.tzinfo is None:
        return None
    return CacheEntry(
        location=location,
        final_location=meta["final_location"],
        media_type=meta["media_type"],
        encoding=meta["encoding"],
        fetched_at=fetched_at.astimezone(dt.UTC),
        sha256=meta["sha256"],
        content=content,
    )


def store(root: Path, entry: CacheEntry) -> None:
    """Write `entry` atomically, replacing any older entry for the same location.

    Raises OSError when the cache cannot be written (full disk, no permission); the caller
    decides whether that matters, since the fetched page itself is fine.
    """
    body_path, meta_path = entry_paths(root, entry.location)
    body_path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale_temps(body_path.parent)
    meta = {
        "location": entry.location,
        "final_location": entry.final_location,
        "media_type": entry.media_type,
        "encoding": entry.encoding,
        "fetched_at": entry.fetched_at.astimezone(dt.UTC).isoformat(),
        "sha256": entry.sha256,
    }
    # Drop the old metadata first: a crash between the two replaces must not leave old
    # metadata in front of a new body (the sha256 check would catch it, but a clean miss is
    # clearer than a mismatch).
    meta_path.unlink(missing_ok=True)
    write_atomically(body_path, entry.content)
    write_atomically(meta_path, json.dumps(meta, indent=2).encode("utf-8"))


def _sweep_stale_temps(folder: Path) -> None:
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            continue  # another writer finished or swept it first
