"""Sitemaps as news sites publish them: robots.txt → sitemap index → (news) sitemaps.

Outlets without a usable feed for a past date almost always keep sitemaps, often one per month
or per day, behind a sitemap index that robots.txt names. A news sitemap gives each article's
title and publication date; a plain one only its address and when it last changed, and the
address's slug stands in for a title. Parsing is lxml's (already here through readability),
with entities and network access off: a sitemap is data from a stranger.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from lxml import etree

from tui.ingest.entries import Entry, ListingError
from tui.text.clean import clean_line

SITEMAP_TYPES = frozenset(
    {
        "application/xml",
        "text/xml",
        "application/x-gzip",
        "application/gzip",
        "application/x-xml",
        "text/plain",
        "text/html",
    }
)
ROBOTS_TYPES = frozenset({"text/plain", "text/html"})
_UNDATED = 10**6  # an index entry without lastmod sorts after every dated one
_SLUG_SPLIT_RE = re.compile(r"[-_+.]+")
_SLUG_NOISE_RE = re.compile(r"^(?:\d+|[a-z]?\d+|html?|php|aspx?|amp|index)$", re.IGNORECASE)


@dataclass(frozen=True)
class Sitemap:
    """A sitemap is either an index of further sitemaps or a set of article entries."""

    children: tuple[tuple[str, dt.datetime | None], ...] = ()  # (address, lastmod)
    entries: tuple[Entry, ...] = ()


def robots_url(homepage: str) -> str:
    parts = urlsplit(homepage)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def sitemaps_in_robots(text: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt, absolute and in order."""
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return [url for url in parser.site_maps() or () if url.startswith(("http://", "https://"))]


def parse_sitemap(content: bytes, url: str, max_bytes: int) -> Sitemap:
    """A sitemap index or url set; gzipped sitemaps are inflated up to `max_bytes`."""
    if content.startswith(b"\x1f\x8b"):
        content = _gunzip(content, max_bytes)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"not an XML sitemap ({clean_line(str(exc))[:80]})") from None
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        children = tuple(
            (urljoin(url, loc), _date(_child_text(item, "lastmod")))
            for item in root
            if isinstance(item.tag, str) and (loc := _child_text(item, "loc"))
        )
        return Sitemap(children=children)
    if kind != "urlset":
        raise ListingError(f"not a sitemap: its root element is <{kind}>")
    entries = []
    for item in root:
        if not isinstance(item.tag, str):
            continue
        loc = _child_text(item, "loc")
        if not loc:
            continue
        address = urljoin(url, loc)
        news = next(
            (c for c in item if isinstance(c.tag, str) and etree.QName(c).localname == "news"),
            None,
        )
        title = _child_text(news, "title") if news is not None else ""
        published = _date(_child_text(news, "publication_date")) if news is not None else None
        entries.append(
            Entry(
                url=address,
                title=clean_line(title) or slug_words(address),
                summary=_child_text(news, "keywords") if news is not None else "",
                published=published or _date(_child_text(item, "lastmod")),
            )
        )
    return Sitemap(entries=tuple(entries))


def pick_children(
    children: tuple[tuple[str, dt.datetime | None], ...], day: dt.date, days: int, limit: int
) -> list[str]:
    """The few sitemaps of an index most likely to list articles of `day` ± `days`.

    Indexes of big outlets list hundreds of monthly or daily sitemaps: the ones named for the
    event's month (or day) come first, news sitemaps next, then those last changed soonest
    after the window opened; a sitemap last changed before then cannot list an article
    published in it.
    """
    start = day - dt.timedelta(days=days)
    marks = {
        f"{day:%Y-%m-%d}": 4,
        f"{day:%Y/%m/%d}": 4,
        f"{day:%Y%m%d}": 4,
        f"{day:%Y-%m}": 3,
        f"{day:%Y/%m}": 3,
        f"{day:%Y%m}": 2,
        f"{day:%Y}": 1,
    }

    def rank(child: tuple[str, dt.datetime | None]) -> tuple[int, int, int]:
        address, lastmod = child
        dated = max((weight for mark, weight in marks.items() if mark in address), default=0)
        after = (lastmod.date() - start).days if lastmod else _UNDATED
        return (-dated, 0 if "news" in address.lower() else 1, after)

    fresh = [c for c in children if c[1] is None or c[1].date() >= start]
    return [address for address, _ in sorted(fresh, key=rank)[:limit]]


def slug_words(url: str) -> str:
    """'heavy shelling dash hopes for karabakh ceasefire' from the last words of an address."""
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    for segment in reversed(segments):
        words = [w for w in _SLUG_SPLIT_RE.split(segment) if w and not _SLUG_NOISE_RE.match(w)]
        if len(words) >= 2:
            return " ".join(words)
    return ""


def _child_text(element: etree._Element | None, name: str) -> str:
    if element is None:
        return ""
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return (child.text or "").strip()
    return ""


def _date(text: str) -> dt.datetime | None:
    """W3C datetime (a date alone, or with a time and zone) as aware UTC, or None."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _gunzip(content: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, max_bytes + 1)
    except zlib.error as exc:
        raise ListingError(f"a damaged gzipped sitemap ({exc})") from None
    if len(data) > max_bytes or inflater.unconsumed_tail:
        raise ListingError("the gzipped sitemap inflates past the size limit")
    return data
