"""How long `parallax --version` and `parallax --help` take as whole processes.

Goal: within 0.3 s. Each is run `--runs` times in a fresh interpreter, beside `python -c pass`
as the baseline of the same machine; the script prints medians and nothing is asserted.

    python benchmarks/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "parallax --version": [sys.executable, "-m", "tui", "--version"],
    "parallax --help": [sys.executable, "-m", "tui", "--help"],
}


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for name, command in COMMANDS.items():
        print(f"{name:22} {median_seconds(command, args.runs) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
