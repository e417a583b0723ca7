"""Load sources.yaml into a `Config`, reporting every problem with its file, line and fix.

The people who edit sources.yaml are editors on deadline, not programmers, so a typo must
never end in a traceback. We compose the YAML node tree instead of calling `safe_load`
because only nodes know their line numbers, and we keep walking after the first problem so
that one run lists everything that needs fixing.

A sources file is also shared, so it may be hostile. The walk is bounded before it starts:
nesting deeper than `MAX_DEPTH` is refused while the file is still an event stream (the
composer would recurse past Python's stack), and a file whose aliases (`*name`) would make the
walk visit more than `MAX_NODES` nodes is refused before the walk (7 KB of nested aliases can
stand for a billion entries). At most `MAX_PROBLEMS` problems are listed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.model import ArticleRef, Config, Event, FramingTerm, Lexicon, NameGroup, Outlet, Side
from tui.text.clean import printable

DEMO_EVENT = "demo-ganja-2020-10-11"
CONFIG_NAME = "sources.yaml"

TOP_KEYS = ("sides", "outlets", "events", "lexicon")
SIDE_KEYS = ("label", "colour", "neutral")
SIDE_REQUIRED = ("label", "colour")
OUTLET_KEYS = ("name", "side", "homepage", "selector", "lang", "feeds", "sitemap")
EVENT_KEYS = ("title", "date", "articles", "keywords")
ARTICLE_KEYS = ("outlet", "url", "path")
LEXICON_KEYS = ("names", "framing", "denial", "actors")

ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
COLOUR_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
HASH_VALUE_RE = re.compile(r":\s+#")
LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
URL_SCHEMES = ("http", "https", "file")
YAML_STR = "tag:yaml.org,2002:str"
YAML_NULL = "tag:yaml.org,2002:null"
YAML_BOOL = "tag:yaml.org,2002:bool"
SCALAR_KINDS = {
    YAML_BOOL: "true/false",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_PROBLEMS = 100


class ConfigError(Exception):
    """sources.yaml cannot be used; `problems` holds one `file:line: what — fix` line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def bundled_config_path() -> Path:
    """The sources.yaml shipped inside the package (with the offline demo event).

    Found beside the package's modules, which an installed Parallax always has on disk:
    `importlib.resources` (for packages inside zip files) imported zipfile and its readers
    for it, 2-3 ms of `parallax demo`'s start."""
    return Path(__file__).parent.parent / CONFIG_NAME


def default_config_path() -> Path:
    """./sources.yaml when the user keeps their own, else the bundled one."""
    local = Path.cwd() / CONFIG_NAME
    return local if local.is_file() else bundled_config_path()


def display_name(path: Path) -> str:
    """How messages name a file: relative to the working directory when it is below it."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def load_config(path: Path | str) -> Config:
    """Read and validate sources.yaml; raise one `ConfigError` listing every problem."""
    path = Path(path).expanduser()
    name = display_name(path)
    root = _compose(path, name)
    walker = _Walker(name, path.resolve().parent)
    config = walker.config(root, path.absolute())
    if walker.problems or config is None:
        problems = walker.problems
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            rest = f"{name}: … and {more:,} more problems — fix the ones above first"
            problems = [*problems[:MAX_PROBLEMS], rest]
        raise ConfigError(problems)
    return config


# --- reading -------------------------------------------------------------------------------------


def _compose(path: Path, name: str) -> Node:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            [f"{name}: no such file — create it, or pass the path of your sources.yaml"]
        ) from None
    except IsADirectoryError:
        raise ConfigError(
            [f"{name}: is a directory — pass the path of the sources.yaml file"]
        ) from None
    except OSError as exc:
        raise ConfigError(
            [f"{name}: cannot be read ({exc.strerror}) — check the file's permissions"]
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            [
                f"{name}:{line}: is not UTF-8 (byte 0x{data[exc.start]:02x})"
                " — save the file as UTF-8 in your editor"
            ]
        ) from None
    try:
        root = _compose_text(name, text)
    except yaml.MarkedYAMLError as exc:
        raise ConfigError([_syntax_message(name, exc, text)]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ConfigError(
            [
                f"{name}:{line}: contains the control character {exc.character!r}"
                " — delete it (it is invisible in most editors)"
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(
            [f"{name}: is not valid YAML ({exc}) — check the file's syntax"]
        ) from None
    if root is None:
        raise ConfigError(
            [f"{name}: is empty — it needs sides:, outlets: and events: (see the bundled example)"]
        )
    _check_size(name, root)
    return root


def _compose_text(name: str, text: str) -> Node:
    """The node tree, read by libyaml when PyYAML has it: the Python parser took 45-60 ms of
    the bundled file, most of `parallax demo`'s start before its first frame, and libyaml
    takes 4-8. The messages below are written for the Python parser's errors, so a file that
    libyaml refuses is read again by it, and says what it always said."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            _check_depth(name, text, fast)
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    _check_depth(name, text, yaml.SafeLoader)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _check_depth(name: str, text: str, loader: type) -> None:
    """Refuse nesting past `MAX_DEPTH`, reading events, which needs no recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise ConfigError(
                    [
                        f"{name}:{line}: lists and mappings are nested more than {MAX_DEPTH}"
                        " levels deep — a sources file needs five; remove the extra brackets"
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_size(name: str, root: Node) -> None:
    """Refuse a node graph that aliases make larger than `MAX_NODES` nodes when walked."""
    visits = 0
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        visits += 1
        if visits > MAX_NODES:
            raise ConfigError(
                [
                    f"{name}:{node.start_mark.line + 1}: the file's aliases (*name) expand to more"
                    f" than {MAX_NODES:,} entries — write the entries out instead of aliasing"
                    " them"
                ]
            )
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def _syntax_message(name: str, exc: yaml.MarkedYAMLError, text: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    problem = " ".join(p for p in (exc.context, exc.problem) if p)
    if mark is None:
        return f"{name}: YAML syntax error: {problem} — check the file's indentation and quotes"
    line = mark.line + 1
    first = exc.context_mark.line if exc.context_mark is not None else mark.line
    lines = text.splitlines()
    # An unquoted colour ("colour: #e67e22") turns the rest of the line into a comment, which
    # inside {…} surfaces as a confusing error on a later line: point at the real cause.
    comment = next(
        (
            n
            for n in range(first, min(mark.line, len(lines) - 1) + 1)
            if HASH_VALUE_RE.search(lines[n])
        ),
        None,
    )
    if comment is not None:
        line = comment + 1
        fix = 'in YAML " #" starts a comment: put the value in quotes, colour: "#e67e22"'
    elif "'\\t'" in problem:
        fix = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        fix = 'put quotes around text that contains ": "'
    else:
        fix = "check the indentation and quotes on this line and the one before"
    return printable(f"{name}:{line}: YAML syntax error: {problem} — {fix}")


# --- validation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """A key of a mapping with its value node, after duplicate keys were reported."""

    key: str
    key_node: Node
    value: Node


class _Walker:
    """Walks the node tree once, building the Config and collecting every problem on the way."""

    def __init__(self, name: str, base: Path) -> None:
        self.name = name
        self.base = base
        self.problems: list[str] = []

    def problem(self, node: Node, what: str, fix: str) -> None:
        message = f"{self.name}:{node.start_mark.line + 1}: {what} — {fix}"
        # one line each, whatever the file's keys and values hold
        self.problems.append(printable(message).replace("\n", "\\n"))

    # generic shapes ----------------------------------------------------------------------------

    def mapping(self, node: Node, where: str) -> list[_Entry] | None:
        if not isinstance(node, MappingNode):
            self.problem(
                node,
                f"{where} must be a mapping of key: value lines",
                _shape_fix(node, "indented key: value lines under it"),
            )
            return None
        entries: list[_Entry] = []
        first_line: dict[str, int] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == YAML_NULL:
                self.problem(key_node, f"{where} has a key that is not plain text", "use a name")
                continue
            key = str(key_node.value)
            if key == "<<":
                self.problem(
                    key_node, f"{where} uses a YAML merge key (<<)", "write the keys out in full"
                )
                continue
            if key in first_line:
                self.problem(
                    key_node,
                    f"'{key}' appears twice in {where} (first on line {first_line[key]})",
                    "keep one of them; YAML would silently drop the other",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            entries.append(_Entry(key, key_node, value))
        return entries

    def fields(
        self, node: Node, where: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, Node] | None:
        entries = self.mapping(node, where)
        if entries is None:
            return None
        found: dict[str, Node] = {}
        for entry in entries:
            if entry.key in allowed:
                found[entry.key] = entry.value
            else:
                self.problem(
                    entry.key_node,
                    f"unknown key '{entry.key}' in {where}",
                    _suggest(entry.key, allowed, "valid"),
                )
        for key in required:
            if key not in found:
                self.problem(node, f"{where} has no '{key}'", f"add a '{key}:' line")
        return found

    def text(self, node: Node, where: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == YAML_STR:
            value = str(node.value).strip()
            if not value:
                self.problem(node, f"{where} is empty", "write a value or remove the line")
            elif printable(value) != value:
                self.problem(node, f"{where} '{value}' contains a control character", "delete it")
            else:
                return value
            return None
        if isinstance(node, ScalarNode) and node.tag == YAML_NULL:
            self.problem(node, f"{where} is empty", "write a value or remove the line")
        elif isinstance(node, ScalarNode):
            kind = SCALAR_KINDS.get(node.tag, "not text")
            self.problem(
                node,
                f"{where} is {kind} ({node.value}), not text",
                f'put it in quotes: "{node.value}"',
            )
        else:
            self.problem(node, f"{where} must be text", _shape_fix(node, "a single value"))
        return None

    def texts(self, node: Node, where: str) -> list[tuple[str, Node]]:
        """A list of phrases; a single phrase on its own is accepted as a list of one."""
        items = [node] if isinstance(node, ScalarNode) else None
        if isinstance(node, SequenceNode):
            items = node.value
        if items is None:
            self.problem(node, f"{where} must be a list of phrases", "write [first, second, …]")
            return []
        result: list[tuple[str, Node]] = []
        for item in items:
            value = self.text(item, f"an entry of {where}")
            if value is not None:
                result.append((value, item))
        return result

    def ident(self, entry: _Entry, kind: str) -> bool:
        if ID_RE.match(entry.key):
            return True
        self.problem(
            entry.key_node,
            f"{kind} id '{entry.key}' is not a valid id",
            "use lowercase letters, digits, '-' and '_' (ids are typed on the command line)",
        )
        return False

    # sections ----------------------------------------------------------------------------------

    def config(self, root: Node, path: Path) -> Config | None:
        if not isinstance(root, MappingNode):
            self.problem(
                root,
                "the top level must be a mapping with sides:, outlets: and events:",
                "start the file with 'sides:' (see the bundled sources.yaml)",
            )
            return None
        top = self.fields(root, "the top level", TOP_KEYS, TOP_KEYS[:3])
        if top is None:
            return None
        side_nodes = self.mapping(top["sides"], "sides") if "sides" in top else None
        side_ids = [e.key for e in side_nodes or ()]
        sides = [s for e in side_nodes or () if (s := self.side(e)) is not None]
        outlet_nodes = self.mapping(top["outlets"], "outlets") if "outlets" in top else None
        outlet_ids = [e.key for e in outlet_nodes or ()]
        outlets = [o for e in outlet_nodes or () if (o := self.outlet(e, side_ids)) is not None]
        event_nodes = self.mapping(top["events"], "events") if "events" in top else None
        events = [ev for e in event_nodes or () if (ev := self.event(e, outlet_ids)) is not None]
        lexicon = self.lexicon(top["lexicon"], side_ids) if "lexicon" in top else Lexicon()
        for key, entries in (("sides", side_nodes), ("outlets", outlet_nodes)):
            if entries == []:
                self.problem(
                    top[key], f"{key}: is empty", f"define at least one entry under {key}:"
                )
        if self.problems:
            return None
        return Config(
            path=path,
            sides=tuple(sides),
            outlets=tuple(outlets),
            events=tuple(events),
            lexicon=lexicon,
        )

    def side(self, entry: _Entry) -> Side | None:
        where = f"side '{entry.key}'"
        valid_id = self.ident(entry, "side")
        found = self.fields(entry.value, where, SIDE_KEYS, SIDE_REQUIRED)
        if found is None:
            return None
        label = self.text(found["label"], f"the label of {where}") if "label" in found else None
        colour = self.colour(found["colour"], where) if "colour" in found else None
        neutral = (
            self.flag(found["neutral"], f"'neutral' of {where}") if "neutral" in found else False
        )
        if not valid_id or label is None or colour is None or neutral is None:
            return None
        return Side(id=entry.key, label=label, colour=colour, neutral=neutral)

    def flag(self, node: Node, where: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == YAML_BOOL:
            return node.value.lower() in ("true", "yes", "on")
        shown = node.value if isinstance(node, ScalarNode) else "a list or mapping"
        self.problem(node, f"{where} is '{shown}', not true or false", "write true or false")
        return None

    def colour(self, node: Node, where: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == YAML_NULL:
            self.problem(
                node,
                f"the colour of {where} is empty",
                "write it in quotes, colour: \"#e67e22\" (unquoted, '#' starts a YAML comment)",
            )
            return None
        value = self.text(node, f"the colour of {where}")
        if value is None:
            return None
        if not COLOUR_RE.match(value):
            self.problem(
                node,
                f"the colour of {where} is '{value}', not a hex colour",
                'write it as "#rrggbb", for example "#e67e22"',
            )
            return None
        return value.lower()

    def outlet(self, entry: _Entry, side_ids: list[str]) -> Outlet | None:
        where = f"outlet '{entry.key}'"
        before = len(self.problems)
        self.ident(entry, "outlet")
        found = self.fields(entry.value, where, OUTLET_KEYS, ("name", "side"))
        if found is None:
            return None
        name = self.text(found["name"], f"the name of {where}") if "name" in found else None
        side = None
        if "side" in found:
            side = self.text(found["side"], f"the side of {where}")
            if side is not None and side not in side_ids:
                self.problem(
                    found["side"],
                    f"side '{side}' of {where} is not defined under sides:",
                    _suggest(side, side_ids, "defined"),
                )
        homepage = (
            self.web_url(found["homepage"], f"the homepage of {where}")
            if "homepage" in found
            else None
        )
        selector = (
            self.text(found["selector"], f"the selector of {where}")
            if "selector" in found
            else None
        )
        lang = self.lang(found["lang"], f"the lang of {where}") if "lang" in found else None
        feeds = self.feeds(found["feeds"], where) if "feeds" in found else ()
        sitemap = (
            self.web_url(found["sitemap"], f"the sitemap of {where}")
            if "sitemap" in found
            else None
        )
        if len(self.problems) > before or name is None or side is None:
            return None
        return Outlet(
            id=entry.key,
            name=name,
            side=side,
            homepage=homepage,
            selector=selector,
            lang=lang,
            feeds=feeds,
            sitemap=sitemap,
        )

    def feeds(self, node: Node, where: str) -> tuple[str, ...]:
        found: dict[str, str] = {}
        for _, item in self.texts(node, f"the feeds of {where}"):
            url = self.web_url(item, f"a feed of {where}")
            if url is None:
                continue
            if url in found:
                self.problem(item, f"feed '{url}' of {where} is listed twice", "keep one")
                continue
            found[url] = url
        return tuple(found)

    def web_url(self, node: Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.problem(node, f"{where} '{value}' is not a web address", "write https://…")
            return None
        return value

    def lang(self, node: Node, where: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == YAML_BOOL:
            self.problem(
                node,
                f"{where} was read as true/false because '{node.value}' is unquoted",
                f'put it in quotes: "{node.value}"',
            )
            return None
        value = self.text(node, where)
        if value is not None and not LANG_RE.match(value):
            self.problem(node, f"{where} '{value}' is not a language code", "write en, hy, az, ru…")
            return None
        return value

    def event(self, entry: _Entry, outlet_ids: list[str]) -> Event | None:
        where = f"event '{entry.key}'"
        valid_id = self.ident(entry, "event")
        found = self.fields(entry.value, where, EVENT_KEYS, ("title", "date"))
        if found is None:
            return None
        title = self.text(found["title"], f"the title of {where}") if "title" in found else None
        date = self.date(found["date"], where) if "date" in found else None
        keywords = self.keywords(found["keywords"], where) if "keywords" in found else None
        articles: tuple[ArticleRef, ...] | None = ()
        if "articles" in found and not (keywords and _empty_list(found["articles"])):
            articles = self.articles(found["articles"], where, outlet_ids)
        elif "articles" not in found and not keywords:
            self.problem(
                entry.value,
                f"{where} has no 'articles'",
                "add an 'articles:' list, or 'keywords:' to find them with parallax discover",
            )
            articles = None
        if not valid_id or title is None or date is None or articles is None:
            return None
        return Event(
            id=entry.key, title=title, date=date, articles=articles, keywords=keywords or ()
        )

    def keywords(self, node: Node, where: str) -> tuple[str, ...] | None:
        found: dict[str, str] = {}
        for keyword, item in self.texts(node, f"the keywords of {where}"):
            if keyword.casefold() in found:
                self.problem(item, f"keyword '{keyword}' of {where} is listed twice", "keep one")
                continue
            found[keyword.casefold()] = keyword
        return tuple(found.values()) or None

    def date(self, node: Node, where: str) -> dt.date | None:
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
        if DATE_RE.match(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        shown = f"'{raw}'" if raw else "empty"
        self.problem(
            node, f"the date of {where} is {shown}, not a real date", "write it as YYYY-MM-DD"
        )
        return None

    def articles(
        self, node: Node, where: str, outlet_ids: list[str]
    ) -> tuple[ArticleRef, ...] | None:
        if not isinstance(node, SequenceNode) or not node.value:
            self.problem(
                node,
                f"the articles of {where} must be a list with at least one article",
                "write one '- {outlet: id, url: \"https://…\"}' line per article",
            )
            return None
        refs: list[ArticleRef] = []
        seen: dict[str, int] = {}
        ok = True
        for number, item in enumerate(node.value, start=1):
            ref = self.article(item, f"article {number} of {where}", where, outlet_ids)
            if ref is None:
                ok = False
                continue
            if ref.location in seen:
                self.problem(
                    item,
                    f"article {number} of {where} repeats article {seen[ref.location]}",
                    "remove one of them",
                )
                ok = False
                continue
            seen[ref.location] = number
            refs.append(ref)
        return tuple(refs) if ok else None

    def article(
        self, node: Node, where: str, event_where: str, outlet_ids: list[str]
    ) -> ArticleRef | None:
        found = self.fields(node, where, ARTICLE_KEYS, ("outlet",))
        if found is None:
            return None
        line = node.start_mark.line + 1
        outlet = self.text(found["outlet"], f"the outlet of {where}") if "outlet" in found else None
        if outlet is not None and outlet not in outlet_ids:
            self.problem(
                found["outlet"],
                f"outlet '{outlet}' in {event_where} is not defined under outlets:",
                _suggest(outlet, outlet_ids, "defined"),
            )
            outlet = None
        if ("url" in found) == ("path" in found):
            both = "both url and path" if "url" in found else "neither url nor path"
            self.problem(
                node,
                f"{where} has {both}",
                "give exactly one: url: for the web, path: for a saved file",
            )
            return None
        location = (
            self.article_url(found["url"], where)
            if "url" in found
            else self.article_path(found["path"], where)
        )
        if outlet is None or location is None:
            return None
        return ArticleRef(outlet=outlet, location=location, line=line)

    def article_url(self, node: Node, where: str) -> str | None:
        value = self.text(node, f"the url of {where}")
        if value is None:
            return None
        parts = urlsplit(value)
        if not parts.scheme:
            fix = "start it with https:// (or use path: for a file on disk)"
        elif parts.scheme not in URL_SCHEMES:
            fix = "use an http://, https:// or file:// address"
        elif parts.scheme != "file" and not parts.netloc:
            fix = "write the full address, https://host/…"
        else:
            return value
        self.problem(node, f"the url of {where} '{value}' cannot be fetched", fix)
        return None

    def article_path(self, node: Node, where: str) -> str | None:
        value = self.text(node, f"the path of {where}")
        if value is None:
            return None
        if "://" in value:
            self.problem(node, f"the path of {where} '{value}' is a web address", "use url:")
            return None
        return str((self.base / Path(value).expanduser()).resolve())

    def lexicon(self, node: Node, side_ids: list[str]) -> Lexicon:
        found = self.fields(node, "lexicon", LEXICON_KEYS, ())
        if found is None:
            return Lexicon()
        names = self.name_groups(found["names"], side_ids) if "names" in found else ()
        framing = self.framing(found["framing"], side_ids) if "framing" in found else ()
        denial = self.denial(found["denial"]) if "denial" in found else ()
        actors = self.actors(found["actors"], side_ids) if "actors" in found else ()
        return Lexicon(names=names, framing=framing, denial=denial, actors=actors)

    def known_side(self, entry: _Entry, where: str, side_ids: list[str]) -> bool:
        if entry.key in side_ids:
            return True
        self.problem(
            entry.key_node,
            f"side '{entry.key}' in {where} is not defined under sides:",
            _suggest(entry.key, side_ids, "defined"),
        )
        return False

    def name_groups(self, node: Node, side_ids: list[str]) -> tuple[NameGroup, ...]:
        groups: list[NameGroup] = []
        owner: dict[str, str] = {}
        for group in self.mapping(node, "lexicon names") or ():
            where = f"lexicon name group '{group.key}'"
            variants: list[tuple[str, tuple[str, ...]]] = []
            for entry in self.mapping(group.value, where) or ():
                if not self.known_side(entry, where, side_ids):
                    continue
                names: list[str] = []
                for name, name_node in self.texts(entry.value, f"the {entry.key} names of {where}"):
                    folded = name.casefold()
                    if folded in owner:
                        self.problem(
                            name_node,
                            f"name '{name}' in {where} is already in group '{owner[folded]}'",
                            "list each name in one group only",
                        )
                        continue
                    owner[folded] = group.key
                    names.append(name)
                variants.append((entry.key, tuple(names)))
            if self.ident(group, "name group"):
                groups.append(NameGroup(id=group.key, variants=tuple(variants)))
        return tuple(groups)

    def framing(self, node: Node, side_ids: list[str]) -> tuple[FramingTerm, ...]:
        """Loaded terms per side; an entry that is itself a list is one family of terms
        (`[occupation, occupied, occupier]`), counted as one term under its first."""
        terms: list[FramingTerm] = []
        owner: dict[str, str] = {}
        for entry in self.mapping(node, "lexicon framing") or ():
            if not self.known_side(entry, "lexicon framing", side_ids):
                continue
            where = f"the {entry.key} framing terms"
            items = entry.value.value if isinstance(entry.value, SequenceNode) else [entry.value]
            for item in items:
                family = isinstance(item, SequenceNode)
                listed = self.texts(item, f"a term family of {where}") if family else None
                for term, term_node in listed or self.texts(item, where):
                    folded = term.casefold()
                    if folded in owner:
                        self.problem(
                            term_node,
                            f"framing term '{term}' is listed twice (under '{owner[folded]}')",
                            "list it once, under the side whose vocabulary it is",
                        )
                        continue
                    owner[folded] = entry.key
                    head = listed[0][0] if family and listed else ""
                    terms.append(FramingTerm(term=term, side=entry.key, family=head))
        return tuple(terms)

    def actors(self, node: Node, side_ids: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Words naming each side as an actor ("Baku", "Yerevan"), beyond its id."""
        found: list[tuple[str, tuple[str, ...]]] = []
        owner: dict[str, str] = {}
        for entry in self.mapping(node, "lexicon actors") or ():
            if not self.known_side(entry, "lexicon actors", side_ids):
                continue
            words: list[str] = []
            for word, word_node in self.texts(entry.value, f"the {entry.key} actor words"):
                folded = word.casefold()
                if folded in owner:
                    self.problem(
                        word_node,
                        f"actor word '{word}' is listed twice (under '{owner[folded]}')",
                        "list each word under one side only",
                    )
                    continue
                owner[folded] = entry.key
                words.append(word)
            found.append((entry.key, tuple(words)))
        return tuple(found)

    def denial(self, node: Node) -> tuple[str, ...]:
        phrases: dict[str, str] = {}
        for phrase, phrase_node in self.texts(node, "lexicon denial"):
            if phrase.casefold() in phrases:
                self.problem(phrase_node, f"denial phrase '{phrase}' is listed twice", "keep one")
                continue
            phrases[phrase.casefold()] = phrase
        return tuple(phrases.values())


# --- helpers -------------------------------------------------------------------------------------


def _suggest(value: str, choices: Iterable[str], label: str) -> str:
    """'did you mean …? (defined: …)' so that the fix is in the message itself."""
    choices = list(choices)
    listed = ", ".join(choices) if choices else "none"
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.casefold() == value.casefold()]
    if close:
        return f"did you mean '{close[0]}'? ({label}: {listed})"
    return f"use one of: {listed}" if choices else f"nothing is {label} yet"


def _empty_list(node: Node) -> bool:
    """`articles: []` or a bare `articles:`, which an event with keywords may have for now."""
    if isinstance(node, ScalarNode):
        return node.tag == YAML_NULL
    return isinstance(node, SequenceNode) and not node.value


def _shape_fix(node: Node, wanted: str) -> str:
    if isinstance(node, ScalarNode) and node.tag == YAML_NULL:
        found = "empty"
    elif isinstance(node, SequenceNode):
        found = "a list"
    elif isinstance(node, MappingNode):
        found = "a mapping (key: value)"
    else:
        found = "a single value"
    return f"it is {found}; write {wanted} (see the bundled sources.yaml)"


def local_path(location: str) -> Path | None:
    """The file an article location points at, or None for a web address."""
    parts = urlsplit(location)
    if parts.scheme in ("http", "https"):
        return None
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    return Path(location)
