"""Digests of the JSON report on the demo and on the synthetic 30 x 100 event.

A change that claims to change no behaviour (a regrouping of modules, a faster data structure)
must leave `parallax report --format json` byte-identical apart from `generated_at`. This
prints one SHA-256 per event so two commits can be compared by a script, not by eye:

    python benchmarks/report_identity.py --save /tmp/before.txt     # on the old commit
    python benchmarks/report_identity.py --check /tmp/before.txt    # on the new: 1 if changed
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_event

from tui.config import DEMO_EVENT, bundled_config_path, load_config
from tui.model import Config, Event, Side
from tui.pipeline import compare, gather_sources
from tui.report import render_json

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def demo_json() -> str:
    from tui.ingest.options import FetchOptions

    config = load_config(bundled_config_path())
    event = next(e for e in config.events if e.id == DEMO_EVENT)
    sources = asyncio.run(gather_sources(config, event, FetchOptions(offline=True)))
    return render_json(compare(config, event, sources, now=FIXED))


def synthetic_json(n_sources: int = 30, n_paragraphs: int = 100, seed: int = 0) -> str:
    sources, lexicon = make_event(n_sources, n_paragraphs, seed)
    sides = (
        Side("armenian", "Armenian", "red"),
        Side("azerbaijani", "Azerbaijani", "blue"),
        Side("international", "International", "white", neutral=True),
    )
    config = Config(Path("synthetic.yaml"), sides, (), (), lexicon)
    event = Event("synthetic", "Synthetic event", dt.date(2020, 10, 11), ())
    return render_json(compare(config, event, sources, now=FIXED))


def digests() -> dict[str, str]:
    return {"demo": _digest(demo_json()), "synthetic-30x100": _digest(synthetic_json())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", metavar="FILE", help="write the digests to FILE")
    group.add_argument("--check", metavar="FILE", help="compare with digests saved in FILE")
    args = parser.parse_args()
    found = digests()
    lines = [f"{name} {value}" for name, value in found.items()]
    print("\n".join(lines))
    if args.save:
        Path(args.save).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.check:
        saved = dict(
            line.split(" ", 1) for line in Path(args.check).read_text().splitlines() if line
        )
        changed = [name for name, value in found.items() if saved.get(name) != value]
        if changed:
            print(f"changed: {', '.join(changed)}")
            return 1
        print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
