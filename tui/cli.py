"""The `parallax` command: check, fetch, report, compare, open, discover, cache, demo.

Every command reads the same config and goes through `tui.pipeline`, so what `report` writes
is what `open` shows. Exit status: 0 when every source was read, 1 when the work was done but
some sources failed (each named on stderr with its reason), 2 when nothing could be done
(bad arguments, a broken config, no readable source).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import math
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui import __version__
from tui.config import (
    DEMO_EVENT,
    ConfigError,
    bundled_config_path,
    default_config_path,
    display_name,
    find_problems,
    load_config,
    summarise,
)
from tui.files import write_atomically
from tui.model import ArticleRef, Config, Event, Source

# Fetching (httpx, asyncio) and the pipeline (rapidfuzz, readability, lxml) are imported by the
# commands that run them, so that `--version`, `--help` and `check` answer at once.
if TYPE_CHECKING:
    from tui.ingest.options import FetchOptions
    from tui.model import Comparison
    from tui.plan import Progress

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
ARCHIVE_ENV = "PARALLAX_ARCHIVE_BASE"  # another Wayback-compatible archive (or a test's server)


class UsageError(Exception):
    """Something the user asked for cannot be done; the message says how to fix it."""


# A file -o may replace without --force: a report of the same format written by parallax.
_REPORT_MARKERS = {"md": "Parallax report · ", "json": '"schema": "parallax.report/'}
MAX_TIMEOUT = 600.0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (ConfigError, UsageError) as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130


# --- commands ------------------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace) -> int:
    config = _load(args.config)
    problems = find_problems(config)
    summary = summarise(config)
    if problems:  # the summary's first line says "OK": not when the status will say otherwise
        first, _, rest = summary.partition("\n")
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        summary = f"{first.removesuffix(': OK')}: loads, but {count} (listed below)\n{rest}"
    print(summary)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if problems:
        print(
            f"parallax: {display_name(config.path)} has {len(problems)} "
            f"problem{'s' if len(problems) > 1 else ''} (above); exit status 1",
            file=sys.stderr,
        )
    return EXIT_PARTIAL if problems else EXIT_OK


def _cmd_fetch(args: argparse.Namespace) -> int:
    config = _load(args.config)
    event = _event(config, args.event)
    if args.save_archive and args.offline:
        raise UsageError("--save-archive needs the network: drop --offline")
    sources = _gather(config, event, args)
    status = max(_status(sources), _cached(sources))
    if args.save_archive:
        status = max(status, _save_archive(sources, args))
    return status


def _cached(sources: Sequence[Source]) -> int:
    """Caching is what `fetch` is for: when no page read from the web could be kept, say so
    once, with the folder and how to move it, and fail (each page's note says it quietly)."""
    from tui.ingest import cache

    live = [s for s in sources if s.provenance is not None and s.provenance.origin == "live"]
    root = cache.default_cache_dir()
    if not live or any(cache.load(root, s.location) is not None for s in live):
        return EXIT_OK
    reason = cache.unusable(root) or "it could not be written"
    print(
        f"parallax: none of the {len(live)} pages read from the web could be cached in {root}"
        f" ({reason}) — {_CACHE_FIX}",
        file=sys.stderr,
    )
    return EXIT_PARTIAL


_CACHE_FIX = (
    "make it a folder you can write to, or point XDG_CACHE_HOME at one"
    " (the cache is then $XDG_CACHE_HOME/parallax)"
)


def _save_archive(sources: Sequence[Source], args: argparse.Namespace) -> int:
    """Ask the web archive to keep the pages read from the web; say where each copy is."""
    import asyncio

    from tui.ingest.save import Saved, save_pages

    web = [
        s
        for s in sources
        if s.ok and s.provenance is not None and s.provenance.origin in ("live", "cache")
    ]
    names = {s.location: s.id for s in web}

    def show(saved: Saved) -> None:
        if saved.snapshot is not None:
            print(f"archived {names[saved.location]}: {saved.snapshot.url}", file=sys.stderr)
        else:
            print(f"not archived {names[saved.location]}: {saved.error}", file=sys.stderr)

    results = asyncio.run(save_pages(list(names), _options(args), show))
    return EXIT_OK if all(r.snapshot is not None for r in results) else EXIT_PARTIAL


def _cmd_report(args: argparse.Namespace) -> int:
    config = _load(args.config)
    event = _event(config, args.event)
    return _report(config, event, args)


def _cmd_compare(args: argparse.Namespace) -> int:
    config = _load(args.config)
    refs = tuple(_adhoc_ref(config, item) for item in args.locations)
    today = dt.datetime.now(dt.UTC).date()
    event = Event("adhoc", "Ad-hoc comparison", today, refs)
    if args.open:
        return _run_app(config, event, args)
    return _report(config, event, args)


def _cmd_open(args: argparse.Namespace) -> int:
    config = _load(args.config)
    event = _event(config, args.event) if args.event else None
    return _run_app(config, event, args)


def _cmd_discover(args: argparse.Namespace) -> int:
    import asyncio

    from tui.ingest.discover import config_line, discover, render_yaml

    config = _load(args.config)
    event = _event(config, args.event)
    if not event.keywords:
        raise UsageError(
            f"event '{event.id}' has no keywords: add a line such as 'keywords: [Ganja, shelling]'"
            f" to it in {config.path.name}, with the words its articles' titles would use"
        )
    if args.days < 0:
        raise UsageError("--days must be 0 or more")
    verbose = print if args.verbose else (lambda *_a, **_k: None)
    found = asyncio.run(
        discover(
            config,
            event,
            _options(args),
            days=args.days,
            notify=lambda line: verbose(line, file=sys.stderr),
        )
    )
    for problem in found.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(
        f"{len(found.candidates)} candidates from {found.entries} entries"
        f" ({found.listings} feeds, sitemaps and robots.txt files asked for)",
        file=sys.stderr,
    )
    candidates = found.candidates[: args.limit] if args.limit else found.candidates
    found = replace(found, candidates=candidates)
    if args.write and candidates:
        from tui.config.add_articles import add_articles

        names = {outlet.id: outlet.name for outlet in config.outlets}
        lines = [config_line(c, names) for c in candidates]
        backup = add_articles(config.path, event.id, lines)
        print(
            f"added {len(lines)} articles to {event.id} in {config.path.name}"
            f" (the old file is {backup.name})",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(render_yaml(found, config.outlets))
    if not candidates:
        return EXIT_FAILED if found.problems and not found.entries else EXIT_PARTIAL
    return EXIT_PARTIAL if found.problems else EXIT_OK


def _cmd_cache(args: argparse.Namespace) -> int:
    from tui.ingest import cache, cache_limit
    from tui.ingest.fetch import FetchOptions, format_size

    root = cache.default_cache_dir()
    reason = cache.unusable(root)
    if reason is not None:
        print(f"cache: {root}")
        print(f"parallax: the cache folder is unusable: {reason} — {_CACHE_FIX}", file=sys.stderr)
        return EXIT_PARTIAL
    if args.action == "clear":
        removed = cache_limit.clear(root)
        print(f"removed {removed} cached pages from {root}")
        return EXIT_OK
    used = cache_limit.usage(root)
    limit = FetchOptions.cache_max_bytes
    print(f"cache: {root}")
    print(
        f"{used.entries} entries, {format_size(used.size)}"
        + (f" of {format_size(limit)} (least recently used go first)" if limit else "")
    )
    if used.oldest and used.newest:
        print(f"used between {used.oldest:%Y-%m-%d %H:%M} and {used.newest:%Y-%m-%d %H:%M} UTC")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    config = load_config(bundled_config_path())
    event = config.event(DEMO_EVENT)
    if args.format:
        return _report(config, event, args)
    return _run_app(config, event, args)


# --- shared steps --------------------------------------------------------------------------------


def _load(path: str | None) -> Config:
    return load_config(Path(path) if path else default_config_path())


def _event(config: Config, event_id: str | None) -> Event:
    known = [e.id for e in config.events]
    if event_id is None:
        if len(known) == 1:
            return config.events[0]
        raise UsageError(
            f"{config.path.name} has {len(known)} events: choose one with --event ID "
            f"({', '.join(known)})"
        )
    if event_id not in known:
        close = difflib.get_close_matches(event_id, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(
            f"{config.path.name} has no event '{event_id}' — {hint}(events: {', '.join(known)})"
        )
    return config.event(event_id)


def _adhoc_ref(config: Config, item: str) -> ArticleRef:
    """`outlet=LOCATION`, or a URL whose host is an outlet's homepage host."""
    outlet_id, sep, location = item.partition("=")
    known = [o.id for o in config.outlets]
    if sep and "://" not in outlet_id:
        if outlet_id not in known:
            raise UsageError(
                f"unknown outlet '{outlet_id}' in '{item}' "
                f"(outlets in {config.path.name}: {', '.join(known)})"
            )
        return ArticleRef(outlet_id, _absolute(location))
    host = _host(item)
    for outlet in config.outlets:
        if host and outlet.homepage and _host(outlet.homepage) == host:
            return ArticleRef(outlet.id, item)
    raise UsageError(
        f"cannot tell which outlet published '{item}': give it as OUTLET={item} "
        f"(outlets in {config.path.name}: {', '.join(known)})"
    )


def _host(location: str) -> str:
    host = urlsplit(location).hostname or ""
    return host.removeprefix("www.")


def _absolute(location: str) -> str:
    if "://" in location:
        return location
    return str(Path(location).expanduser().resolve())


def _options(args: argparse.Namespace) -> FetchOptions:
    from tui.ingest.options import FetchOptions

    timeout = getattr(args, "timeout", None)
    return FetchOptions(
        offline=getattr(args, "offline", False),
        refresh=getattr(args, "refresh", False),
        timeout=FetchOptions.timeout if timeout is None else timeout,
        archive=not getattr(args, "no_archive", False),
        archive_first=getattr(args, "archive_first", False),
        archive_base=os.environ.get(ARCHIVE_ENV) or FetchOptions.archive_base,
        allow_private=getattr(args, "allow_private", False),
        # paths typed on the command line are the user's own, wherever they are
        allow_outside=getattr(args, "allow_outside", False) or args.run is _cmd_compare,
    )


def _gather(config: Config, event: Event, args: argparse.Namespace) -> tuple[Source, ...]:
    import asyncio

    from tui.pipeline import gather_sources, plan_sources

    planned = plan_sources(config, event)
    if not planned:
        raise UsageError(
            f"event '{event.id}' has no articles yet — propose some with"
            f" `parallax discover {config.path.name} --event {event.id} --write`"
        )
    width = max((len(p.id) for p in planned), default=0)
    order = {p.id: i + 1 for i, p in enumerate(planned)}

    def show(progress: Progress) -> None:
        if progress.state == "queued":
            return
        detail = f"  {progress.detail}" if progress.detail else ""
        position = f"[{order[progress.source_id]}/{len(planned)}]"
        print(
            f"{position} {progress.source_id:<{width}}  {progress.state}{detail}", file=sys.stderr
        )

    sources = asyncio.run(gather_sources(config, event, _options(args), show))
    failed = [s for s in sources if not s.ok]
    if failed:
        print(f"{len(failed)} of {len(sources)} sources failed:", file=sys.stderr)
        for source in failed:
            print(f"  {source.id} ({source.location}): {source.error}", file=sys.stderr)
    return sources


def _status(sources: Sequence[Source]) -> int:
    if not any(s.ok for s in sources):
        return EXIT_FAILED
    return EXIT_OK if all(s.ok for s in sources) else EXIT_PARTIAL


def _report(config: Config, event: Event, args: argparse.Namespace) -> int:
    from tui.pipeline import compare
    from tui.report import render_json, render_markdown

    if args.output:  # refuse before the slow part, not after it
        _check_output(Path(args.output), config, args.format, force=args.force)
    sources = _gather(config, event, args)
    # `compare` pauses the cyclic collector while it analyses (`tui.pipeline.analysing`).
    comparison: Comparison = compare(config, event, sources)
    notes = _review_notes(comparison)
    if args.format == "json":
        text = render_json(comparison, notes)
    else:
        text = render_markdown(comparison, notes)
    if args.output:
        output = Path(args.output)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(output, text.encode("utf-8"))
        except OSError as exc:
            raise UsageError(
                f"cannot write the report to {output}: {exc.strerror or exc} "
                "— give -o a file path in a directory you can write to"
            ) from exc
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        _write_stdout(text)
    return _status(sources)


def _review_notes(comparison: Comparison) -> Mapping[str, tuple[str, str]]:
    """The verdicts an editor saved for this event in the viewer, so the report carries them."""
    from tui.report.review import default_review_dir, load_reviews, review_notes, review_path

    reviews, problem = load_reviews(review_path(default_review_dir(), comparison.event.id))
    if problem:
        print(f"parallax: {problem}", file=sys.stderr)
    return review_notes(comparison.divergences, reviews)


def _check_output(output: Path, config: Config, fmt: str, *, force: bool) -> None:
    """Refuse to replace the sources file ever, and any other file that is not an earlier
    report of the same format unless `force`: a typo in -o must not cost an editor a file."""
    if not output.exists():
        return
    if output.is_dir():
        raise UsageError(f"cannot write the report to {output}: it is a directory — give -o a file")
    if config.path.exists() and output.resolve() == config.path.resolve():
        raise UsageError(f"-o {output} is the sources file itself — give the report another name")
    if force or _is_report(output, fmt):
        return
    raise UsageError(
        f"-o {output} exists and is not a parallax {fmt} report — give another name, "
        "or pass --force to replace it"
    )


def _is_report(path: Path, fmt: str) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    if fmt == "json":
        head = head.replace(" ", "").replace("\n", "")
        return _REPORT_MARKERS["json"].replace(" ", "") in head
    return _REPORT_MARKERS["md"] in head


def _write_stdout(text: str) -> None:
    """The report on standard output; a closed pipe or a full disk is one message."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): nothing to say. Point stdout at /dev/null so that
        # the interpreter's own flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(EXIT_FAILED) from None
    except OSError as exc:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise UsageError(
            f"cannot write the report to standard output: {exc.strerror or exc} "
            "— write it to a file with -o FILE"
        ) from None


def _run_app(config: Config, event: Event | None, args: argparse.Namespace) -> int:
    from tui.app.run import run_app
    from tui.pipeline import loader_factory

    run_app(config, event, loader_factory(config, _options(args)))
    return EXIT_OK


# --- argument parsing ----------------------------------------------------------------------------


def _seconds(value: str) -> float:
    """A time limit: a real number of seconds above zero and at most `MAX_TIMEOUT`."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a usable time limit: give seconds above 0, at most {MAX_TIMEOUT:g}"
        )
    return seconds


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare how several outlets covered the same event.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def command(name: str, run, help_text: str, *, config: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        if config:
            sub.add_argument(
                "config",
                nargs="?",
                metavar="CONFIG",
                help="sources file (default: ./sources.yaml, else the bundled one)",
            )
        return sub

    def fetching(sub: argparse.ArgumentParser) -> None:
        mode = sub.add_mutually_exclusive_group()
        mode.add_argument(
            "--offline", action="store_true", help="read only the cache; never touch the network"
        )
        mode.add_argument(
            "--refresh", action="store_true", help="ignore the cache and fetch everything again"
        )
        sub.add_argument(
            "--timeout",
            type=_seconds,
            default=None,  # FetchOptions.timeout, read when fetching: importing fetch is slow
            help="seconds per source (default: 20)",
        )
        archived = sub.add_mutually_exclusive_group()
        archived.add_argument(
            "--no-archive",
            action="store_true",
            help="never read a web archive copy, even of a page that is gone",
        )
        archived.add_argument(
            "--archive-first",
            action="store_true",
            help="read the web archive's snapshot nearest the event date, even of a live page",
        )
        sub.add_argument(
            "--allow-private",
            action="store_true",
            help="let a site redirect to a private or local address (an intranet site)",
        )
        sub.add_argument(
            "--allow-outside",
            action="store_true",
            help="read article files outside the sources file's folder (trusted files only)",
        )

    def reporting(sub: argparse.ArgumentParser, default: str | None = "md") -> None:
        sub.add_argument(
            "--format",
            choices=("md", "json"),
            default=default,
            help="report format (default: %(default)s)"
            if default
            else "write a report in this format instead of opening the viewer",
        )
        sub.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="write the report here instead of standard output",
        )
        sub.add_argument(
            "--force",
            action="store_true",
            help="let -o replace a file that is not an earlier report (never the sources file)",
        )

    command("check", _cmd_check, "validate a sources file and summarise it")

    sub = command(
        "fetch", _cmd_fetch, "fetch and cache an event's articles, showing progress per source"
    )
    sub.add_argument("--event", metavar="ID", help="event id from the sources file")
    fetching(sub)
    sub.add_argument(
        "--save-archive",
        action="store_true",
        help="ask the web archive to save the pages read live, for citations that do not rot",
    )

    sub = command(
        "report", _cmd_report, "write the divergence report for an event (Markdown or JSON)"
    )
    sub.add_argument("--event", metavar="ID", help="event id from the sources file")
    fetching(sub)
    reporting(sub)

    sub = command(
        "compare", _cmd_compare, "compare articles given on the command line", config=False
    )
    sub.add_argument(
        "locations",
        nargs="+",
        metavar="LOCATION",
        help="URL of a known outlet, or OUTLET=URL-or-path",
    )
    sub.add_argument(
        "--config", metavar="CONFIG", help="sources file for outlets, sides and lexicon"
    )
    sub.add_argument("--open", action="store_true", help="show them in the viewer instead")
    fetching(sub)
    reporting(sub)

    sub = command("open", _cmd_open, "open the side-by-side viewer (event picker without --event)")
    sub.add_argument("--event", metavar="ID", help="event id from the sources file")
    fetching(sub)

    sub = command(
        "discover",
        _cmd_discover,
        "propose articles for an event from the outlets' feeds and sitemaps",
    )
    sub.add_argument("--event", metavar="ID", help="event id from the sources file")
    sub.add_argument(
        "--days",
        type=int,
        default=2,
        help="entries published this many days either side of the event (default: %(default)s)",
    )
    sub.add_argument("--limit", type=int, default=0, metavar="N", help="keep the N best")
    sub.add_argument(
        "--write",
        action="store_true",
        help="add them to the event in the sources file (a backup is kept) instead of printing",
    )
    sub.add_argument("-v", "--verbose", action="store_true", help="name every listing read")
    sub.add_argument(
        "--timeout",
        type=_seconds,
        default=None,  # FetchOptions.timeout, read when fetching: importing fetch is slow
        help="seconds per feed or sitemap (default: 20)",
    )

    sub = command("cache", _cmd_cache, "show how big the page cache is, or empty it", config=False)
    sub.add_argument("action", choices=("info", "clear"), help="info: size and place; clear: empty")

    sub = command("demo", _cmd_demo, "open the bundled offline demo event", config=False)
    reporting(sub, default=None)
    sub.set_defaults(offline=False, refresh=False)
    return parser
