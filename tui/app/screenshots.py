"""Screenshots in a folder that exists, under a name that says when."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.files import write_atomically


def save_screenshot(folder: Path, svg: str, now: dt.datetime) -> Path:
    """Write `svg` into `folder` (made if need be) and return the path; raises OSError.

    Textual's own wrote to a Downloads folder that may not exist, and failed silently.
    """
    path = folder / f"parallax-{now.strftime('%Y%m%d-%H%M%S')}.svg"
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(path, svg.encode("utf-8"))
    return path
