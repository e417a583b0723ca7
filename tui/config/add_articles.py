"""Adding article lines to an event in sources.yaml without touching anything else in it.

The file is the editor's: its comments (which say why each URL is there), its order and its
layout must survive. A round-trip YAML library keeps comments but re-indents and re-spaces
other lines (ruamel.yaml 0.19 rewrote 51 of the shipped file's 146 lines in a trial), so the new
lines are inserted as text, at the place PyYAML's node marks point to, in the style of the
lines around them; the result is loaded again before it replaces the file, and a copy of the
old file is kept beside it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.config.load import CONFIG_NAME, ConfigError, load_config
from tui.files import write_atomically

_LINE_ENDS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # what PyYAML counts as a line break
_LINE_RE = re.compile(r".*?(?:\r\n|[\r\n\x85\u2028\u2029])|.+\Z", re.DOTALL)


def add_articles(path: Path, event_id: str, lines: Sequence[str]) -> Path:
    """Add `- {outlet: …, url: …}` lines (with their comments) to an event; return the backup.

    Raises `ConfigError` when the file cannot take them (it changed shape since it was loaded,
    or the event's articles are written on one line as [...]), leaving the file as it was.
    """
    text = path.read_bytes().decode("utf-8-sig")  # not read_text: keep the file's line ends
    updated = insert_articles(text, event_id, lines, name=path.name)
    backup = path.with_name(f"{path.name}.{dt.datetime.now():%Y%m%d-%H%M%S}.bak")
    shutil.copy2(path, backup)
    trial = path.with_name(f".{path.name}.discover")
    try:
        write_atomically(trial, updated.encode("utf-8"))
        load_config(trial)  # the new lines must load, with every path resolving as before
    finally:
        trial.unlink(missing_ok=True)
    write_atomically(path, updated.encode("utf-8"))
    return backup


def insert_articles(text: str, event_id: str, lines: Sequence[str], name: str = CONFIG_NAME) -> str:
    """`text` with `lines` added at the end of the event's articles list."""
    event = _event_node(yaml.compose(text, Loader=yaml.SafeLoader), event_id, name)
    rows = _LINE_RE.findall(text)  # the lines exactly as PyYAML counts them
    end = "\r\n" if rows and rows[0].endswith("\r\n") else "\n"  # the file's own line ends
    if rows and not rows[-1].endswith(_LINE_ENDS):
        rows[-1] += end
    key_column = event.value[0][0].start_mark.column if event.value else 4
    articles = next(
        ((k, v) for k, v in event.value if isinstance(k, ScalarNode) and k.value == "articles"),
        None,
    )
    if articles is None:  # no articles: key: add one after the event's last line
        at = _after_last_content(rows, event.end_mark.line, event.end_mark.column)
        block = [" " * key_column + "articles:" + end]
        block += [" " * (key_column + 2) + line + end for line in lines]
        return "".join(rows[:at] + block + rows[at:])
    key, value = articles
    if isinstance(value, SequenceNode) and value.value and value.flow_style:
        raise ConfigError(
            [
                f"{name}:{value.start_mark.line + 1}: the articles of event '{event_id}' are"
                " written as [...] — write one '- {outlet: …}' line per article, or paste the"
                " printed list by hand"
            ]
        )
    if isinstance(value, SequenceNode) and value.value:
        indent = value.start_mark.column
        last = value.value[-1]
        at = _after_last_content(rows, last.end_mark.line, last.end_mark.column)
    else:  # `articles:` or `articles: []`: the list starts on the next line
        row = rows[key.start_mark.line]
        if isinstance(value, SequenceNode):  # drop the `[]`, keep a comment after it
            opening, closing = value.start_mark.column, value.end_mark.column
            rows[key.start_mark.line] = row[:opening].rstrip() + row[closing:]
        indent = key.start_mark.column + 2
        at = key.start_mark.line + 1
    block = [" " * indent + line + end for line in lines]
    return "".join(rows[:at] + block + rows[at:])


def _event_node(root: Node | None, event_id: str, name: str) -> MappingNode:
    events = _value(root, "events")
    event = _value(events, event_id)
    if not isinstance(event, MappingNode):
        raise ConfigError([f"{name}: no event '{event_id}' under events: to add articles to"])
    return event


def _value(node: Node | None, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def _after_last_content(rows: list[str], line: int, column: int) -> int:
    """The row after a node's last line, not after blank lines or comments that follow it.

    A block node's end mark lies at the start of whatever comes next, which may be several
    blank and comment lines below its last real line; those belong to what follows.
    """
    at = line + 1 if line < len(rows) and rows[line][:column].strip() else line
    while at > 0 and (not rows[at - 1].strip() or rows[at - 1].lstrip().startswith("#")):
        at -= 1
    return at
