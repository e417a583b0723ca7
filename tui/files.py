"""Writing files so that a crash, a full disk or Ctrl-C never leaves half of one behind.

Reports, exports and cache entries all go through `write_atomically`: the bytes land in a
temporary file beside the target and are moved over it in one step, so the target is either
the old file or the complete new one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # what a sweep of leftovers from killed writers looks for


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
