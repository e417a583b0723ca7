"""Extraction under heavy concurrent load: counts the runs that died of a native crash.

Each run is a child process that extracts many pages at once through the pipeline's own
thread machinery: one daemon thread per page, as `gather_sources` does, many more at a time
than `EXTRACT_SLOTS`, some of them under a budget so short that the thread is abandoned in the
middle of its parse, and the process then exits while abandoned threads are still parsing. A
crash in lxml/libxml2 (the "double free or corruption" glibc abort this was written for) kills
the child with a signal: a negative return code, counted here and shown with the stderr lines
that name the fault (PYTHONFAULTHANDLER=1 has CPython print each thread's stack).

Pages are the shared benchmark's 181 real pages (../shared/bench/extraction), read at run time
when present, or generated pages of our own otherwise; `--generated` forces the latter.

    python benchmarks/extract_stress.py [--pattern extract|crowded|shared-parser] [--runs N]
        [--threads N] [--pages N] [--rounds N] [--seconds S] [--generated] [--malloc-check]

Patterns. `extract` is what `gather_sources` does. `crowded` runs extraction threads while the
main thread, standing for the rest of the process, parses through lxml's and readability's
shared parsers and then hard with a parser of its own (tests/ingest/test_extract_threads.py
runs it). `shared-parser` is the pattern that used to crash, on lxml alone: fresh threads
parsing through one shared parser; it shows the harness sees a crash when there is one.

Measured on this 2-core machine before the fix (readability's shared parser) and after it (a
parser per thread, tui/ingest/html.py), crashed runs / runs:

    extract, the 181 real pages, 16 threads, --malloc-check   before 6/10   after 0/10
    extract, generated pages, 16 threads                       before 3/12   after 0/10
    crowded, the 181 real pages, 8 threads, 10 s               before 7/8    after 0/8
    crowded, generated pages, 8 threads, 6 s                   before 8/10   after 0/10
    shared-parser (lxml alone), generated pages, 8 s           6/6 (the hazard is lxml's)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import itertools
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "extraction" / "scrapinghub-aeb" / "html"
_T = TypeVar("_T")
# What glibc and CPython print when the heap or the interpreter is found broken.
CRASH_MARKS = ("double free", "corruption", "Fatal Python error", "Segmentation fault")


@dataclass(frozen=True)
class Load:
    """How hard one child run works: extractions at once, passes over the pages (extract and
    shared-parser), seconds (crowded), and the seed of its random choices."""

    threads: int
    rounds: int
    seconds: float
    seed: int


def generated_pages(count: int, seed: int = 0) -> list[str]:
    """Article-like pages of our own words: nested blocks, links, tables and many distinct
    short texts and class names, which is what makes libxml2 fill and grow its dictionaries."""
    rng = random.Random(seed)
    words = ("report", "town", "road", "shelling", "army", "village", "minister", "said", "told")
    pages = []
    for p in range(count):
        parts = [f"<html><head><title>Report {p} | Example</title></head><body>"]
        parts.append(f"<nav class='menu-{p}'><a href='/a'>Home</a> <a href='/b'>World</a></nav>")
        parts.append("<article><h1>Headline</h1>")
        for i in range(rng.randint(20, 80)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30)))
            # short texts and unknown tag names go into the dictionary, each distinct one anew
            tags = "".join(f"<x-{p}-{i}-{j}>{p}:{i}:{j}</x-{p}-{i}-{j}>" for j in range(10))
            parts.append(
                f"<div class='blk-{p}-{i}'><p id='p{p}x{i}'>{sentence.capitalize()} "
                f"<a href='/n/{i}'>n{i}</a> <span>{p}.{i}</span>.</p>{tags}"
                f"<table><tr><td>t{i}</td><td>{rng.randint(0, 999)}</td></tr></table></div>"
            )
        parts.append("</article><footer>© Example</footer></body></html>")
        pages.append("".join(parts))
    return pages


def load_pages(limit: int, generated: bool, bench: Path) -> tuple[list[str], str]:
    """The real pages when they are there (and not refused), else generated ones."""
    files = sorted(bench.glob("*.html.gz")) if bench.is_dir() and not generated else []
    if not files:
        return generated_pages(limit), "generated"
    pages = []
    for path in files[:limit]:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            pages.append(f.read())
    return pages, f"{len(files)} real pages in {bench}"


# --- the child: one run ---------------------------------------------------------------------


def child_extract(pages: list[str], load: Load) -> None:
    """Every page in a daemon thread of its own, `threads` at once, a quarter of them under a
    budget too short to finish: those threads are abandoned mid-parse and still run at exit."""
    sys.path.insert(0, str(REPO))
    from tui.ingest.extract import ExtractionError, extract
    from tui.threads import in_thread

    def one(page: str) -> None:
        with contextlib.suppress(ExtractionError):
            extract(page)

    async def main() -> None:
        rng = random.Random(load.seed)
        slots = asyncio.Semaphore(load.threads)

        async def run(page: str) -> None:
            budget = rng.uniform(0.001, 0.05) if rng.random() < 0.25 else 60.0
            async with slots:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(in_thread(one, page), budget)

        for _ in range(load.rounds):
            order = pages[:]
            rng.shuffle(order)
            await asyncio.gather(*(run(page) for page in order))

    asyncio.run(main())


def child_shared_parser(pages: list[str], load: Load) -> None:
    """The hazard on lxml alone, no Parallax code: fresh threads whose first parse goes through
    a parser that the main thread used last, and which copy the tree (as readability's cleaner
    does), while the main thread parses through a parser of its own into its dictionary."""
    import copy

    import lxml.html

    shared = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    data = [page.encode("utf-8", "replace") for page in pages]

    def work(raw: bytes) -> None:
        doc = lxml.html.document_fromstring(raw, parser=shared)
        sum(1 for _ in copy.deepcopy(doc).iter())

    print(f"parses: {_crowd(data, load, work, (shared,))}")


def child_crowded(pages: list[str], load: Load) -> None:
    """Extraction threads, `threads` fresh ones at a time, while the main thread stands for
    other code in the process: it parses through lxml's and readability's shared parsers (as
    the extraction benchmark and the tests do) and then parses big pages of new names with a
    parser of its own. Half the threads extract a page of the set (none with `--pages 0`), the
    others a page of new names. An extraction thread that took over the main thread's dictionary
    writes to it while the main thread does: the old code crashed this within a second or two."""
    sys.path.insert(0, str(REPO))
    import lxml.html
    import readability.htmls

    from tui.ingest.extract import ExtractionError, extract

    fresh = itertools.count(-1, -1)  # keys the main thread never uses

    def one(page: str | None) -> None:
        # a page of the set, or one of new names, which fills the dictionary fastest
        with contextlib.suppress(ExtractionError):
            extract(page if page is not None else unique_names_page(next(fresh), 300))

    shared = (readability.htmls.utf8_parser, lxml.html.html_parser)
    items: list[str | None] = [*pages, *[None] * max(1, len(pages))]
    print(f"extractions: {_crowd(items, load, one, shared)}")


def unique_names_page(key: int, names: int) -> str:
    """A page whose every tag name and short text is new to libxml2's dictionary."""
    paragraphs = "".join(
        f"<p>Paragraph {i} of page {key}: the town was shelled on Monday, officials said. "
        + "".join(f"<x-{key}-{i}-{j}>{j}</x-{key}-{i}-{j}>" for j in range(names))
        + "</p>"
        for i in range(8)
    )
    return f"<html><head><title>Page {key}</title></head><body><article>{paragraphs}</article>"


def _crowd(
    items: Sequence[_T], load: Load, work: Callable[[_T], None], shared: Sequence[object]
) -> int:
    """`work` on random items in fresh threads, `load.threads` at a time, for `load.seconds`,
    while this thread parses small pages through each `shared` parser, then a big one through
    a parser of its own; returns how many items were worked on."""
    import lxml.html

    stop = time.monotonic() + load.seconds
    rng = random.Random(load.seed)
    done = itertools.count()

    def one(item: _T) -> None:
        work(item)
        next(done)

    def spawn() -> None:
        while time.monotonic() < stop:
            batch = [
                threading.Thread(target=one, args=(rng.choice(items),)) for _ in range(load.threads)
            ]
            for thread in batch:
                thread.start()
            for thread in batch:
                thread.join()

    spawner = threading.Thread(target=spawn)
    spawner.start()
    own = lxml.html.HTMLParser()
    key = 0
    while time.monotonic() < stop:
        key += 1
        for parser in shared:
            lxml.html.document_fromstring(unique_names_page(key, 5), parser=parser)
        lxml.html.document_fromstring(unique_names_page(key, 2_000), parser=own)
    spawner.join()
    return next(done)


CHILDREN = {
    "crowded": child_crowded,
    "extract": child_extract,
    "shared-parser": child_shared_parser,
}


# --- the parent: many runs ------------------------------------------------------------------


def run_child(args: argparse.Namespace, seed: int) -> tuple[int, str, float]:
    """One child run: its return code (negative: killed by that signal), stderr tail, seconds."""
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    if args.malloc_check:
        env["MALLOC_CHECK_"] = "3"
    cmd = [
        sys.executable,
        __file__,
        "--child",
        args.pattern,
        "--threads",
        str(args.threads),
        "--pages",
        str(args.pages),
        "--rounds",
        str(args.rounds),
        "--seconds",
        str(args.seconds),
        "--seed",
        str(seed),
        *(["--generated"] if args.generated else []),
    ]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return 0, f"timed out after {args.timeout:g} s (a hang, not a crash)", args.timeout
    return proc.returncode, proc.stderr, time.perf_counter() - t0


def crashed(returncode: int, stderr: str) -> bool:
    return returncode < 0 or any(mark in stderr for mark in CRASH_MARKS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20, help="child processes to run")
    ap.add_argument("--threads", type=int, default=16, help="extractions at once")
    ap.add_argument("--pages", type=int, default=181, help="pages per round")
    ap.add_argument("--rounds", type=int, default=1, help="passes over the pages per run")
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds per crowded run")
    ap.add_argument("--pattern", choices=sorted(CHILDREN), default="extract")
    ap.add_argument("--generated", action="store_true", help="our generated pages only")
    ap.add_argument("--malloc-check", action="store_true", help="run with MALLOC_CHECK_=3")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of .html.gz pages")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        pages, _ = load_pages(args.pages, args.generated, args.bench)
        CHILDREN[args.child](pages, Load(args.threads, args.rounds, args.seconds, args.seed))
        return 0

    _, source = load_pages(args.pages, args.generated, args.bench)
    print(
        f"pattern: {args.pattern}  pages: {args.pages} of {source}  threads: {args.threads}"
        f"  rounds: {args.rounds}  malloc-check: {args.malloc_check}"
    )
    crashes = failures = 0
    seconds = 0.0
    for run in range(args.runs):
        returncode, stderr, took = run_child(args, args.seed + run)
        seconds += took
        if crashed(returncode, stderr):
            crashes += 1
            marked = [line for line in stderr.splitlines() if any(m in line for m in CRASH_MARKS)]
            print(f"  run {run}: crashed (return code {returncode}): {' / '.join(marked[:2])}")
        elif returncode != 0:
            failures += 1
            print(f"  run {run}: failed (return code {returncode}): {stderr.strip()[-300:]}")
    print(
        f"crashes/runs = {crashes}/{args.runs}   other failures: {failures}"
        f"   s/run = {seconds / max(args.runs, 1):.1f}"
    )
    return 1 if crashes or failures else 0


if __name__ == "__main__":
    sys.exit(main())
