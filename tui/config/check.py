"""What `parallax check` says beyond loading: problems that do not stop a run, and a summary.

Loading fails only on what makes the file unusable; a missing article file or a one-sided event
is reported here instead, so that one bad path cannot hide the other outlets.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tui.config.load import display_name, local_path
from tui.files import is_outside, is_system_file
from tui.model import Config
from tui.text.clean import printable


def find_problems(config: Config) -> tuple[str, ...]:
    """Problems that do not stop loading, so that one bad article cannot hide the others."""
    name = display_name(config.path)
    base = config.path.resolve().parent
    problems: list[str] = []
    for outlet in config.outlets:
        if outlet.lang is not None and not _english(outlet.lang):
            problems.append(
                f"{name}: outlet '{outlet.id}' is lang: {outlet.lang}, but the analysis reads"
                " English only, so its findings for this outlet will be unreliable — use the"
                " outlet's English edition (lang: en) or leave the outlet out"
            )
    for event in config.events:
        for ref in event.articles:
            local = local_path(ref.location)
            if local is None:
                continue
            shown = _relative_to(local, base)
            where = f"{name}:{ref.line}" if ref.line else name
            if is_system_file(local):
                problems.append(
                    f"{where}: article file '{local}' for outlet '{ref.outlet}' is a system"
                    " file, not an article — it is never read; point it at a saved page"
                )
            elif is_outside(local, base):
                problems.append(
                    f"{where}: article file '{local}' for outlet '{ref.outlet}' is outside the"
                    f" folder of {config.path.name} — it is read only with --allow-outside;"
                    " keep articles beside the sources file"
                )
            elif not local.exists():
                problems.append(
                    f"{where}: article file '{shown}' for outlet '{ref.outlet}' does not exist"
                    f" — fix the path (relative to {config.path.name})"
                )
            elif not local.is_file():
                problems.append(
                    f"{where}: article path '{shown}' for outlet '{ref.outlet}' is not a file"
                    " — point it at the saved .html or .txt file"
                )
        sides = {config.outlet(ref.outlet).side for ref in event.articles}
        if not event.articles:
            problems.append(
                f"{name}: event '{event.id}' has no articles yet"
                f" — run `parallax discover --event {event.id}` to propose some"
            )
        elif len(sides) == 1:
            problems.append(
                f"{name}: event '{event.id}' only has articles from side '{sides.pop()}'"
                " — add outlets from another side, or there is nothing to compare"
            )
    return tuple(printable(p) for p in problems)


def summarise(config: Config) -> str:
    """What `parallax check` prints: enough to see at a glance that the file says what you meant."""
    outlets_per_side = Counter(o.side for o in config.outlets)
    lines = [f"{display_name(config.path)}: OK", "", f"Sides ({len(config.sides)}):"]
    width = max((len(s.id) for s in config.sides), default=0)
    for side in config.sides:
        count = outlets_per_side[side.id]
        lines.append(
            f"  {side.id:<{width}}  {side.label} ({side.colour}), {_plural(count, 'outlet')}"
        )
    lines += ["", f"Events ({len(config.events)}):"]
    for event in config.events:
        urls = sum(local_path(a.location) is None for a in event.articles)
        files = len(event.articles) - urls
        lines.append(
            f"  {event.id}  {event.date.isoformat()}  {_plural(len(event.articles), 'article')}"
            f" ({_plural(urls, 'url')}, {_plural(files, 'local file')})"
        )
        lines.append(f"    {event.title}")
    lexicon = config.lexicon
    name_count = sum(len(g.names) for g in lexicon.names)
    lines += [
        "",
        f"Lexicon: {_plural(len(lexicon.names), 'name group')} ({_plural(name_count, 'name')}),"
        f" {_plural(len(lexicon.framing), 'framing term')},"
        f" {_plural(len(lexicon.denial), 'denial phrase')}",
    ]
    return "\n".join(lines)


def _english(lang: str) -> bool:
    """English is "en" with or without a region ("en-GB"). The stopwords, stems, number words
    and denial and blame phrases the analysis reads by are English: other text goes unread."""
    return lang.partition("-")[0].casefold() == "en"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _relative_to(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)
