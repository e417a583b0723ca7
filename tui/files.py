"""Files on disk: written so that nothing is ever half there, read only where allowed.

Reports, exports and cache entries all go through `write_atomically`: the bytes land in a
temporary file beside the target and are moved over it in one step, so the target is either
the old file or the complete new one.

A sources file may come from someone else, so the files it names are read only inside its
own folder (`is_outside`, symlinks followed) unless the user says otherwise, and the
pseudo-files of the running system (`is_system_file`) never.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # what a sweep of leftovers from killed writers looks for
# Pseudo-files of the running system: never an article, and some never end or block.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def is_system_file(path: Path) -> bool:
    """Whether `path`, symlinks followed, is under /proc, /sys or /dev."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in SYSTEM_FOLDERS)


def is_outside(path: Path, root: Path | None) -> bool:
    """Whether `path`, symlinks followed, leaves `root` (never, when there is no root)."""
    return root is not None and not path.resolve().is_relative_to(root.resolve())


def _read_umask() -> int:
    # os.umask can only be read by setting it; do it once, at import, before any thread runs.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step.

    The result has the permissions an ordinary write would give: those of the file it
    replaces, or the user's umask for a new one (mkstemp alone would leave it private, 0600).
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
