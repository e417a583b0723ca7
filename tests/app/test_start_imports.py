"""What the viewer's start leaves for later: screens no start shows, and the finder's YAML editor.

Checked in a fresh interpreter (this test process imports everything). `parallax demo` imports
the app and reads the bundled sources.yaml before its first frame; each module below was paid
by every start for something only a key or the event picker opens (benchmarks/README.md, Viewer,
round 8).
"""

from __future__ import annotations

import subprocess
import sys

LATER = {
    "tui.app.screens",  # help, confirm, note, the event picker and the search line
    "tui.app.discovering",  # the event picker's discover screen
    "tui.finder",  # the event picker's article finder
    "tui.config.add_articles",  # and the YAML editor it brings
    "zipfile",  # importlib.resources' readers, once used to find the bundled sources.yaml
}


def test_the_viewer_starts_without_what_only_a_key_opens() -> None:
    # The probe prints what of LATER it found loaded, after proving it loaded the app itself.
    probe = (
        "import sys, tui.app.run, tui.config\n"
        "tui.config.load_config(tui.config.bundled_config_path())\n"
        "assert 'tui.app.app' in sys.modules\n"
        f"print(' '.join(sorted(set({sorted(LATER)!r}) & set(sys.modules))))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [], f"the viewer's start imports {run.stdout.strip()}"
