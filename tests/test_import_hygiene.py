"""The core knows nothing of the terminal: importing it loads neither Textual nor rich.

Checked in a fresh interpreter, since this test process has long imported both, for every
module outside tui/app: the CLI among them, because `parallax --version`, `--help` and `check`
must not pay for the UI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import tui

UI_PACKAGES = ("textual", "rich")


def core_modules() -> list[str]:
    """Every module of the package outside the app, found on disk so a new one is covered."""
    root = Path(tui.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[1:2] == ("app",) or parts[-1] == "__main__":  # __main__ would run the CLI
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_no_module_outside_the_app_loads_a_ui_library() -> None:
    # One fresh interpreter imports them one by one and names the first that pulls a UI
    # library in (after it, every later import would look guilty).
    modules = core_modules()
    assert {"tui", "tui.cli", "tui.finder", "tui.pipeline", "tui.ingest.proposals"} <= set(modules)
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"    ui = sorted({{m.split('.')[0] for m in sys.modules}} & {set(UI_PACKAGES)!r})\n"
        "    if ui:\n"
        "        print(json.dumps([name, ui]))\n"
        "        break\n"
        "else:\n"
        "    print(json.dumps(None))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    culprit = json.loads(found)
    assert culprit is None, f"{culprit[0]} pulls in {culprit[1]}"


def test_the_cli_leaves_the_pipeline_to_the_commands_that_run_it() -> None:
    probe = "import json, sys, tui.cli; print(json.dumps(sorted(sys.modules)))"
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(found))
    assert "tui.cli" in loaded
    assert not {"tui.pipeline", "tui.analysis.align", "rapidfuzz", "readability"} & loaded


def test_the_viewer_paints_before_fetching_extraction_and_alignment_load() -> None:
    # `parallax demo` imports the app and builds its loader before the first frame; the
    # pipeline's heavy stages are imported by the worker that loads the event (tui.plan).
    probe = (
        "import json, sys, tui.app.run, tui.pipeline, tui.ingest.options; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(found))
    assert "tui.app.app" in loaded
    heavy = {"httpx", "lxml", "readability", "rapidfuzz", "tui.ingest.fetch", "tui.analysis.align"}
    assert not heavy & loaded, f"the viewer's start pulls in {heavy & loaded}"
