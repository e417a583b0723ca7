"""Writing the Markdown report in a child process, so the viewer keeps answering keys.

Rendering a 60-source report is seconds of pure Python; on a thread of the app's own process it
holds the GIL against the UI (keys took up to 3 s to answer meanwhile). Here the comparison and
the reviews are pickled to a temporary file and `python -m tui.app.export FILE` renders and
writes the report atomically; the app waits for it on a thread and reports its last line on
failure. (multiprocessing's spawn failed inside Textual: "bad value(s) in fds_to_keep".)
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from tui.files import write_atomically
from tui.model import Comparison


def write_report(
    comparison: Comparison, reviews: Mapping[str, tuple[str, str]], path: Path
) -> None:
    from tui.report.markdown import render_markdown

    text = render_markdown(comparison, reviews)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))


def export_in_child(
    comparison: Comparison, reviews: Mapping[str, tuple[str, str]], path: Path
) -> None:
    """Blocking (call it on a thread): raises OSError or RuntimeError with the child's reason."""
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as job:
        pickle.dump((comparison, dict(reviews), path), job)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui.app.export", job.name],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(job.name).unlink(missing_ok=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"the export process exited {done.returncode}")


def main(job: str) -> int:
    with open(job, "rb") as handle:
        comparison, reviews, path = pickle.load(handle)  # our own file, written just now
    try:
        write_report(comparison, reviews, path)
    except OSError as exc:
        print(f"Could not write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
