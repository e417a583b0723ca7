"""Extraction in many threads at once never crashes the process.

Each extraction thread parses with an HTML parser of its own (tui/ingest/html.py): through a
parser shared with another thread, a fresh thread took over that thread's libxml2 string
dictionary, and two threads writing to one dictionary corrupted the heap ("double free or
corruption", a segfault). The stress runs in a child process, because such a crash kills the
process; the old code died in this one within about two seconds, every time out of eight.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STRESS = Path(__file__).resolve().parents[2] / "benchmarks" / "extract_stress.py"


def test_extraction_threads_survive_a_process_crowded_with_lxml_parsing() -> None:
    cmd = [sys.executable, str(STRESS), "--child", "crowded", "--generated"]
    cmd += ["--pages", "30", "--threads", "8", "--seconds", "6"]
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"return code {proc.returncode}:\n{proc.stderr[-3000:]}"
    done = int(proc.stdout.rsplit("extractions:", 1)[1])
    assert done >= 16, f"only {done} extractions ran: the stress did not stress"
