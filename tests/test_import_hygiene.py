"""The core knows nothing of the terminal: importing it loads neither Textual nor rich.

Checked in a fresh interpreter, since this test process has long imported both. The CLI is
in the list because `parallax --version`, `--help` and `check` must not pay for the UI.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

UI_PACKAGES = ("textual", "rich")


@pytest.mark.parametrize("module", ["tui.pipeline", "tui.report", "tui.cli", "tui.analysis"])
def test_the_core_loads_no_ui_library(module: str) -> None:
    probe = (
        f"import json, sys, {module}; "
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(found))
    assert module.split(".")[0] in loaded  # the probe did import what it names
    assert not loaded & set(UI_PACKAGES), f"{module} pulls in {loaded & set(UI_PACKAGES)}"


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
