"""Keeping the page cache within a size bound: least recently used entries go first.

An editor who follows a war for months fetches thousands of pages; the cache must not fill the
disk. Every file of an entry starts with the entry's key (the sha256 of its location), whatever
else the cache writes beside it, so an entry is the group of files sharing a key, and its last
use is the newest modification time among them: a read touches the metadata file, a write makes
new files. Only files named like the cache's own are ever counted or removed, so a cache folder
pointed at the wrong place loses nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.files import TEMP_PREFIX
from tui.ingest.cache import entry_paths

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_FOLDER_RE = re.compile(r"[0-9a-f]{2}\Z")
# `<k>.json`, `<k>.body` and `<k>-<16 hex of the body's sha256>.body` (tui.ingest.cache)
_ENTRY_FILE_RE = re.compile(r"([0-9a-f]{64})(?:-[0-9a-f]{16})?\.")


@dataclass(frozen=True)
class CacheUsage:
    root: Path
    entries: int
    size: int  # bytes on disk, every file of every entry
    oldest: dt.datetime | None  # least recent use, UTC
    newest: dt.datetime | None


@dataclass
class _Group:
    """The files of one entry, their total size and when the newest was written or read."""

    size: int = 0
    used: float = 0.0
    files: list[Path] = field(default_factory=list)


def usage(root: Path) -> CacheUsage:
    groups = _groups(root)
    used = [g.used for g in groups.values()]
    return CacheUsage(
        root=root,
        entries=len(groups),
        size=sum(g.size for g in groups.values()),
        oldest=_utc(min(used)) if used else None,
        newest=_utc(max(used)) if used else None,
    )


def touch(root: Path, location: str) -> None:
    """Mark `location`'s entry as just used, so that eviction keeps it longest."""
    _, meta = entry_paths(root, location)
    with contextlib.suppress(OSError):  # a read-only cache still serves; it forgets the order
        os.utime(meta)


def evict(root: Path, max_bytes: int) -> int:
    """Remove least recently used entries until the cache holds at most `max_bytes`."""
    groups = sorted(_groups(root).values(), key=lambda g: g.used)
    total = sum(g.size for g in groups)
    removed = 0
    for group in groups:
        if total <= max_bytes:
            break
        for path in group.files:
            path.unlink(missing_ok=True)
        total -= group.size
        removed += 1
    return removed


def clear(root: Path) -> int:
    """Remove every entry (and temporary files left by killed writers); say how many entries."""
    groups = _groups(root)
    for group in groups.values():
        for path in group.files:
            path.unlink(missing_ok=True)
    for folder in _folders(root):
        for leftover in folder.glob(f"{TEMP_PREFIX}*"):
            leftover.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # something that is not ours is in it: leave it
            folder.rmdir()
    return len(groups)


def _folders(root: Path) -> list[Path]:
    try:
        return [p for p in root.iterdir() if p.is_dir() and _FOLDER_RE.match(p.name)]
    except OSError:
        return []


def _groups(root: Path) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for folder in _folders(root):
        for path in folder.iterdir():
            match = _ENTRY_FILE_RE.match(path.name)
            if match is None or not match.group(1).startswith(folder.name):
                continue
            try:
                status = path.stat()
            except OSError:
                continue  # removed by another parallax meanwhile
            group = groups.setdefault(match.group(1), _Group())
            group.size += status.st_size
            group.used = max(group.used, status.st_mtime)
            group.files.append(path)
    return groups


def _utc(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC)
