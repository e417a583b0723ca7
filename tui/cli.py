"""The `parallax` command: check, fetch, report, compare, open, demo.

Every command reads the same config and goes through `tui.pipeline`, so what `report` writes
is what `open` shows. Exit status: 0 when every source was read, 1 when the work was done but
some sources failed (each named on stderr with its reason), 2 when nothing could be done
(bad arguments, a broken config, no readable source).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
from collections.abc import Sequence
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
    from tui.ingest.fetch import FetchOptions
    from tui.model import Comparison
    from tui.pipeline import Progress

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


class UsageError(Exception):
    """Something the user asked for cannot be done; the message says how to fix it."""


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
    sources = _gather(config, event, args)
    return _status(sources)


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
    from tui.ingest.fetch import FetchOptions

    timeout = getattr(args, "timeout", None)
    return FetchOptions(
        offline=getattr(args, "offline", False),
        refresh=getattr(args, "refresh", False),
        timeout=FetchOptions.timeout if timeout is None else timeout,
    )


def _gather(config: Config, event: Event, args: argparse.Namespace) -> tuple[Source, ...]:
    import asyncio

    from tui.pipeline import gather_sources, plan_sources

    planned = plan_sources(config, event)
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

    sources = _gather(config, event, args)
    comparison: Comparison = compare(config, event, sources)
    text = render_json(comparison) if args.format == "json" else render_markdown(comparison)
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
        sys.stdout.write(text)
    return _status(sources)


def _run_app(config: Config, event: Event | None, args: argparse.Namespace) -> int:
    from tui.app.run import run_app
    from tui.pipeline import loader_factory

    run_app(config, event, loader_factory(config, _options(args)))
    return EXIT_OK


# --- argument parsing ----------------------------------------------------------------------------


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
            type=float,
            default=None,  # FetchOptions.timeout, read when fetching: importing fetch is slow
            help="seconds per source (default: 20)",
        )

    def reporting(sub: argparse.ArgumentParser, default: str | None = "md") -> None:
        sub.add_argument(
            "--format",
            choices=("md", "json"),
            default=default,
            help="report format (default: %(default)s)",
        )
        sub.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="write the report here instead of standard output",
        )

    command("check", _cmd_check, "validate a sources file and summarise it")

    sub = command(
        "fetch", _cmd_fetch, "fetch and cache an event's articles, showing progress per source"
    )
    sub.add_argument("--event", metavar="ID", help="event id from the sources file")
    fetching(sub)

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

    sub = command("demo", _cmd_demo, "open the bundled offline demo event", config=False)
    reporting(sub, default=None)
    sub.set_defaults(offline=False, refresh=False)
    return parser
