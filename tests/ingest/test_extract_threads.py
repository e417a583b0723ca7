"""Extraction in many threads at once never crashes the process.

Each extraction thread parses with an HTML parser of its own (tui/ingest/html.py): through a
parser shared with another thread, a fresh thread took over that thread's libxml2 string
dictionary, and two threads writing to one dictionary corrupted the heap ("double free or
corruption", a segfault). The stress runs in child processes, because such a crash kills the
process. A crash depends on how threads happen to interleave, so no one run is certain to show
it: the old code crashed half to three quarters of these runs (`crowded` in
benchmarks/extract_stress.py), so the four of them missed it about one time in twenty.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

STRESS = Path(__file__).resolve().parents[2] / "benchmarks" / "extract_stress.py"


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_extraction_threads_survive_a_process_crowded_with_lxml_parsing(seed: int) -> None:
    cmd = [sys.executable, str(STRESS), "--child", "crowded", "--generated", "--seed", str(seed)]
    cmd += ["--pages", "20", "--threads", "8", "--seconds", "4"]
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"return code {proc.returncode}:\n{proc.stderr[-3000:]}"
    done = int(proc.stdout.rsplit("extractions:", 1)[1])
    assert done >= 16, f"only {done} extractions ran: the stress did not stress"
