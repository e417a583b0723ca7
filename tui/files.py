"""Writing files so that a crash, a full disk or Ctrl-C never leaves half of one behind.

Reports, exports and cache entries all go through `write_atomically`: the bytes land in a
temporary file beside the target and are moved over it in one step, so the target is either
the old file or the complete new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # what a sweep of leftovers from killed writers looks for


def write_atomically(path: Path, data: bytes) -> None:
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
