"""HTML page -> title and paragraph candidates.

readability-lxml finds the article block; `summary(html_partial=True)` is used because the
default mode lets readability's own sanitiser delete its wrapper and return an empty page for
some real articles. An outlet's CSS selector, when it matches, replaces readability's guess.
The chosen HTML is then walked once, turning block elements into paragraph boundaries so that
words are never run together across them, and skipping the page furniture that readability
keeps (captions, share bars, bylines) where the markup itself says what it is.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import lxml.html
from lxml import etree
from readability import Document

from tui.ingest.blocks import Block, BlockKind
from tui.text.clean import clean_line


class HtmlError(Exception):
    """The page cannot be read as HTML or the selector is unusable; the message says why."""


# libxml2 stops at 256 levels of nesting and drops whatever lies deeper without a word, and
# some CMS templates nest that deep; with huge_tree it reads 2,048 levels.
PARSER_DEPTH = 2_048
# One parser per thread, made in that thread, never readability's module-level one. A new
# thread's first parse decides which libxml2 string dictionary all its trees use: through a
# parser last used by another thread, it takes over that thread's dictionary, and libxml2
# dictionaries are not thread-safe, so two extractions at once corrupted the heap ("double
# free", see benchmarks/extract_stress.py). A parser of the thread's own gives it a dictionary
# of its own; lxml.html's shared default parser, which readability uses for its small
# fragments, then switches to that dictionary under its lock.
_THREAD = threading.local()
_TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*+)")
_VOID_TAG_NAMES = "area base br col embed hr img input link meta param source track wbr"
_VOID_TAGS = frozenset(_VOID_TAG_NAMES.split())


# Names as one string (split below) keep these long tag lists readable.
_BLOCK_TAG_NAMES = (
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p pre section summary table tbody tfoot thead tr ul"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_KIND_OF: dict[str, BlockKind] = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "item",
    "dt": "item",
    "dd": "item",
    "blockquote": "quote",
    "tr": "row",
}
_INVISIBLE_TAG_NAMES = (
    "head title script style noscript template meta link iframe object embed svg math canvas "
    "audio video source track map param button select option input textarea label"
)
_INVISIBLE_TAGS = frozenset(_INVISIBLE_TAG_NAMES.split())
# Table cells are not paragraphs: a row ("Ganja 7 33") is, so cells only get a space between them.
_CELL_TAGS = frozenset({"td", "th"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(frozen=True)
class ElementRule:
    """Skip elements by tag or by words in their class/id, under a name the benchmark reports."""

    name: str
    tags: frozenset[str]
    attr_re: re.Pattern[str] | None


# Class/id words are matched as whole hyphen/underscore-separated parts ("share-bar",
# "post_tags") so that "shared-content" or "mediashare" style accidents stay rare.
def _attr_words(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])", re.IGNORECASE)


ELEMENT_RULES: tuple[ElementRule, ...] = (
    ElementRule(
        "el-caption",
        frozenset({"figcaption"}),
        _attr_words(r"caption|captions|credit|credits|image-credit|photo-credit|wp-caption-text"),
    ),
    ElementRule(
        "el-chrome",
        frozenset({"nav", "aside"}),
        _attr_words(
            r"share|sharing|social|share-bar|sharebar|related|promo|newsletter|subscribe"
            r"|subscription|advert|advertisement|ad|ads|sponsor|sponsored|tags|tag-list"
            r"|breadcrumb|breadcrumbs|toolbar|comments|comment-list|signup|outbrain|taboola"
        ),
    ),
    ElementRule(
        "el-byline",
        frozenset(),
        _attr_words(r"byline|bylines|dateline|timestamp|author|authors|post-meta|entry-meta"),
    ),
)
# Not a tag or class rule but a shape one (see `_card_runs`), so it is named here on its own.
CARDS_RULE = "el-cards"
ELEMENT_RULE_NAMES: tuple[str, ...] = (*(r.name for r in ELEMENT_RULES), CARDS_RULE)


@dataclass(frozen=True)
class HtmlArticle:
    title: str
    blocks: tuple[Block, ...]


def html_blocks(
    text: str,
    *,
    url: str | None = None,
    selector: str | None = None,
    rules: frozenset[str] | None = None,
) -> HtmlArticle:
    """Title and paragraph candidates of an HTML page, before boilerplate lines are dropped."""
    active = [r for r in ELEMENT_RULES if rules is None or r.name in rules]
    cards = rules is None or CARDS_RULE in rules
    try:
        doc = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"the HTML could not be parsed ({exc})") from exc
    if selector:
        roots = _select(doc, selector)
        if roots:
            return HtmlArticle(
                page_title(text), tuple(_walk(roots, active, skip_hidden=True, cards=cards))
            )
    try:
        # readability cleans a copy of the tree on each of its passes, as it would its own parse
        document = Document(doc, url=url)
        summary = document.summary(html_partial=True)
    except Exception as exc:  # readability wraps every parser failure in its Unparseable
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise HtmlError(f"readability could not parse the page ({reason})") from exc
    title = page_title(text)
    if not summary or not summary.strip():
        return HtmlArticle(title, ())
    root = lxml.html.fragment_fromstring(summary, create_parent="div", parser=_parser())
    # readability has already dropped hidden elements and stripped style attributes
    return HtmlArticle(title, tuple(_walk([root], active, skip_hidden=False, cards=cards)))


def _parser() -> lxml.html.HTMLParser:
    """This thread's HTML parser (see `_THREAD`), made on its first use."""
    parser: lxml.html.HTMLParser | None = getattr(_THREAD, "parser", None)
    if parser is None:
        parser = _THREAD.parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    return parser


def nests_too_deep(text: str) -> bool:
    """Whether the markup opens more than `PARSER_DEPTH` elements inside one another.

    A rough count (unclosed <p> and <li> count as open), good enough to explain an empty
    result, not to decide one.
    """
    depth = 0
    for match in _TAG_NAME_RE.finditer(text):
        if match.group(2).lower() in _VOID_TAGS:
            continue
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth > PARSER_DEPTH:
            return True
    return False


def _select(doc: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Elements matching the outlet's selector, outermost only, in document order."""
    try:
        found = doc.cssselect(selector)
    except Exception as exc:  # cssselect raises SelectorSyntaxError / ExpressionError
        raise HtmlError(f"the CSS selector {selector!r} is not valid ({exc})") from exc
    chosen = set(found)
    return [el for el in found if not any(a in chosen for a in el.iterancestors())]


def _skip(el: etree._Element, tag: str, rules: list[ElementRule], skip_hidden: bool) -> bool:
    if tag in _INVISIBLE_TAGS:
        return True
    if skip_hidden and (
        el.get("hidden") is not None or _HIDDEN_STYLE_RE.search(el.get("style") or "")
    ):
        return True
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    for rule in rules:
        if tag in rule.tags or (attrs and rule.attr_re is not None and rule.attr_re.search(attrs)):
            return True
    return False


# A "Top stories" / "Related" box is a run of teaser cards: sibling elements cut from one
# template (same tag, same class), each a link to another page with a headline and a blurb in
# blocks of their own. No article paragraph has that shape, whatever language the box is in,
# and the blurbs carry no link, so the line rules alone (`link-promo`) let them through.
_CARD_TAGS = frozenset({"div", "li", "article", "section"})
_CARD_MIN_RUN = 3
_CARD_MAX_WORDS = 60


def _template(el: etree._Element) -> tuple[str, str] | None:
    """The template a sibling may be cut from: its tag and class, for the card tags only."""
    if not isinstance(el.tag, str) or el.tag not in _CARD_TAGS:
        return None
    return el.tag, el.get("class") or ""


def _is_card(el: etree._Element) -> bool:
    """A link, at least two blocks (headline and blurb) and few words; every scan stops early."""
    if el.find(".//a[@href]") is None:
        return False
    blocks = (d for d in el.iterdescendants() if isinstance(d.tag, str) and d.tag in _BLOCK_TAGS)
    if next(blocks, None) is None or next(blocks, None) is None:
        return False
    words = 0
    for piece in el.itertext():
        words += len(piece.split())
        if words > _CARD_MAX_WORDS:
            return False
    return True


def _card_runs(root: etree._Element) -> set[etree._Element]:
    """Elements of every run of at least `_CARD_MIN_RUN` teaser cards under `root`.

    Siblings are grouped by template first, which costs nothing; only the members of a long
    enough group are looked into, so an ordinary page of distinct blocks is not scanned twice.
    """
    found: set[etree._Element] = set()
    for parent in root.iter():
        for run in _runs(list(parent), _template):
            for cards in _runs(run, lambda el: True if _is_card(el) else None):
                found.update(cards)
                # the box's own title ("Most read") is the heading just before its cards
                title = cards[0].getprevious()
                if title is not None and _KIND_OF.get(str(title.tag)) == "heading":
                    found.add(title)
    return found


def _runs(
    items: list[etree._Element], key: Callable[[etree._Element], object]
) -> list[list[etree._Element]]:
    """Maximal runs of consecutive items with one key (None breaks a run), long enough only."""
    runs: list[list[etree._Element]] = []
    run: list[etree._Element] = []
    last: object = None
    for item in items:
        value = key(item)
        if value is not None and value == last:
            run.append(item)
            continue
        if len(run) >= _CARD_MIN_RUN:
            runs.append(run)
        run = [item] if value is not None else []
        last = value
    if len(run) >= _CARD_MIN_RUN:
        runs.append(run)
    return runs


def _walk(
    roots: Iterable[etree._Element],
    rules: list[ElementRule],
    *,
    skip_hidden: bool,
    cards: bool,
) -> list[Block]:
    """Text of the trees as blocks; a boundary at every block element and at <br>."""
    blocks: list[Block] = []
    chunks: list[tuple[str, bool]] = []
    kinds: list[BlockKind] = []
    state = {"soft": False}

    def flush(next_soft: bool) -> None:
        if chunks:
            text = clean_line("".join(c for c, _ in chunks))
            if text:
                link_chars = sum(len(clean_line(c)) for c, in_link in chunks if in_link)
                kind = kinds[-1] if kinds else "p"
                blocks.append(Block(text, kind, link_chars, state["soft"]))
            chunks.clear()
        state["soft"] = next_soft

    for root in roots:
        teasers = _card_runs(root) if cards else set()
        skip_depth = 0
        link_depth = 0
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):  # comments and processing instructions
                if event == "end" and not skip_depth and el.tail:
                    chunks.append((el.tail, link_depth > 0))
                continue
            tag = tag.rsplit("}", 1)[-1].lower()
            if event == "start":
                if skip_depth or el in teasers or _skip(el, tag, rules, skip_hidden):
                    skip_depth += 1
                    continue
                if tag == "br":
                    flush(next_soft=True)
                elif tag in _BLOCK_TAGS:
                    flush(next_soft=False)
                    if tag in _KIND_OF:
                        kinds.append(_KIND_OF[tag])
                elif tag in _CELL_TAGS:
                    chunks.append((" ", False))
                if tag == "a":
                    link_depth += 1
                if el.text:
                    chunks.append((el.text, link_depth > 0))
                continue
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
            else:
                if tag == "a":
                    link_depth -= 1
                if tag in _BLOCK_TAGS:
                    flush(next_soft=False)
                    if tag in _KIND_OF:
                        kinds.pop()
                elif tag in _CELL_TAGS:
                    chunks.append((" ", False))
            if el.tail:
                chunks.append((el.tail, link_depth > 0))
        flush(next_soft=False)
    return blocks


# The title is read from the raw text with patterns, not from a parsed tree: readability
# replaces its own tree while summarising, and parsing the page a second time only for its
# <head> would cost as much as a tenth of the whole extraction.
_HEAD_LIMIT = 300_000
# A tag never contains "<", so a page of unclosed "<" or "<meta" costs one pass, not a scan to
# the end from each; an attribute name starts where a name starts, for the same reason. The
# title's end is searched for once, after its start, rather than lazily from every "<title".
_TITLE_OPEN_RE = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE_RE = re.compile(r"</title\s*+>", re.IGNORECASE)
_META_RE = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""(?<![\w:-])([\w:-]++)\s*+=\s*+("[^"]*"|'[^']*'|[^\s"'>]+)""")
_TAG_RE = re.compile(r"<[^<>]*>")
_TITLE_KEYS = ("og:title", "twitter:title")
_SITE_KEYS = ("og:site_name", "application-name")
# Separators that almost only ever divide a headline from a site name, and weaker ones that
# headlines also use ("Armenia - Azerbaijan talks"), which need more evidence.
_STRONG_SEPARATORS = (" | ", " || ", " :: ", " · ", " » ", " « ")
_WEAK_SEPARATORS = (" — ", " – ", " - ")


def page_title(text: str) -> str:
    """The headline: og:title, else <title>, without a " | Site name" part."""
    head = text[:_HEAD_LIMIT]
    meta: dict[str, str] = {}
    for tag in _META_RE.findall(head):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR_RE.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key and "content" in attrs:
            meta.setdefault(key, attrs["content"])
    candidates = [meta[k] for k in _TITLE_KEYS if k in meta]
    opening = _TITLE_OPEN_RE.search(head)
    closing = _TITLE_CLOSE_RE.search(head, opening.end()) if opening else None
    if opening and closing:
        candidates.append(head[opening.end() : closing.start()])
    site_names = [_plain(meta[k]) for k in _SITE_KEYS if k in meta]
    for raw in candidates:
        title = strip_site_name(_plain(raw), site_names)
        if title:
            return title
    return ""


def _plain(fragment: str) -> str:
    return clean_line(html_lib.unescape(_TAG_RE.sub(" ", fragment)))


def strip_site_name(title: str, site_names: Iterable[str] = ()) -> str:
    """Drop a site-name segment at either end of a title ("Headline | Outlet")."""
    known = {fold for name in site_names if (fold := name.casefold())}
    for sep in (*_STRONG_SEPARATORS, *_WEAK_SEPARATORS):
        if sep not in title:
            continue
        strong = sep in _STRONG_SEPARATORS
        head, _, tail = title.rpartition(sep)
        if tail.casefold() in known or (
            len(tail.split()) <= (4 if strong else 3)
            and len(head.split()) >= 2
            and len(head) > len(tail)
        ):
            return strip_site_name(head.strip(), known)
        first, _, rest = title.partition(sep)
        if first.casefold() in known or (
            strong and len(first.split()) <= 3 and len(rest.split()) >= 4
        ):
            return strip_site_name(rest.strip(), known)
    return title
