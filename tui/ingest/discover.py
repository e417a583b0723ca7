"""Proposing an event's articles from the outlets' own listings: feeds and sitemaps.

Finding every outlet's article on an event and typing its URL into sources.yaml is the slowest
part of starting a comparison. Outlets list what they publish: RSS/Atom feeds (`feeds:`), news
sitemaps (`sitemap:`, else the ones robots.txt names under the homepage). Discovery reads those
listings, keeps the entries published within a few days of the event whose title or summary
carry the event's `keywords:` (a place counts under any of the names the lexicon gives it, so
"Stepanakert" finds "Khankendi"), and ranks them: more keywords first, in the title before the
summary, nearest the event's date. A person still decides which to keep.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tui.analysis.normalise import stem
from tui.ingest import feeds, sitemaps
from tui.ingest.entries import Entry, ListingError
from tui.ingest.fetch import FetchError, FetchOptions, Session, get_data, session
from tui.model import Config, Event, Lexicon, Outlet
from tui.text.clean import clean_line
from tui.text.tokens import fold, tokenize

WINDOW_DAYS = 2
MAX_SITEMAPS = 6  # per outlet: enough for a month's and a news sitemap, not a crawl
MAX_DEPTH = 2  # robots.txt → index → index → url set is as deep as news sites go
TITLE_WEIGHT, SUMMARY_WEIGHT = 2.0, 1.0
_TRACKING = ("utm_", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid")

Notify = Callable[[str], None]


@dataclass(frozen=True)
class Candidate:
    """An entry that may be the outlet's article on the event, and why it was kept."""

    outlet: str
    url: str
    title: str
    published: dt.datetime
    matched: tuple[str, ...]  # the event's keywords it carries, as written in the config
    score: float


@dataclass(frozen=True)
class Discovery:
    event: Event
    start: dt.date
    end: dt.date
    candidates: tuple[Candidate, ...]  # best first
    problems: tuple[str, ...]  # one line per listing that could not be read
    listings: int  # feeds, sitemaps and robots.txt files asked for
    entries: int  # entries they listed, kept or not


class Keywords:
    """The event's keywords as stem sequences, each with its lexicon names' variants."""

    def __init__(self, keywords: Sequence[str], lexicon: Lexicon) -> None:
        self.groups: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
        for keyword in keywords:
            names = {keyword}
            for group in lexicon.names:
                if any(fold(name) == fold(keyword) for name in group.names) or (
                    fold(group.id) == fold(keyword)
                ):
                    names.update(group.names)
            variants = {_stems(name) for name in names}
            self.groups.append((keyword, tuple(v for v in variants if v)))

    def found(self, text: str) -> set[str]:
        """The keywords (as written) whose words appear, in order, in `text`."""
        words = _stems(text)
        return {
            keyword
            for keyword, variants in self.groups
            if any(_contains(words, variant) for variant in variants)
        }


def rank(
    entries: Sequence[tuple[str, Entry]], event: Event, lexicon: Lexicon, days: int = WINDOW_DAYS
) -> list[Candidate]:
    """Entries (with their outlet id) published in the window that carry a keyword, best first."""
    keywords = Keywords(event.keywords, lexicon)
    start, end = _window(event.date, days)
    known = {ref.location for ref in event.articles}
    best: dict[str, Candidate] = {}
    for outlet, entry in entries:
        if entry.published is None or not start <= entry.published.date() <= end:
            continue
        if entry.url in known:
            continue
        in_title = keywords.found(entry.title)
        in_summary = keywords.found(entry.summary) - in_title
        if not in_title and not in_summary:
            continue
        distance = abs((entry.published.date() - event.date).days)
        score = TITLE_WEIGHT * len(in_title) + SUMMARY_WEIGHT * len(in_summary)
        score += 1 / (2 + distance)  # between equals, nearer the event's day first
        matched = tuple(k for k in event.keywords if k in in_title | in_summary)
        candidate = Candidate(outlet, entry.url, entry.title, entry.published, matched, score)
        if entry.url not in best or best[entry.url].score < score:
            best[entry.url] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.published, c.url))


async def discover(
    config: Config,
    event: Event,
    options: FetchOptions,
    *,
    days: int = WINDOW_DAYS,
    notify: Notify | None = None,
) -> Discovery:
    """Read every outlet's listings at once (each outlet's one after the other) and rank them."""
    tell: Notify = notify or (lambda _line: None)
    outlets = [o for o in config.outlets if o.feeds or o.sitemap or o.homepage]
    async with session(options) as context:
        reader = _Reader(context, options.max_bytes, event.date, days, tell)
        results = await asyncio.gather(*(reader.outlet(outlet) for outlet in outlets))
    entries = [
        (outlet.id, replace(entry, url=untracked(entry.url)))
        for outlet, found in zip(outlets, results, strict=True)
        for entry in found
    ]
    start, end = _window(event.date, days)
    return Discovery(
        event=event,
        start=start,
        end=end,
        candidates=tuple(rank(entries, event, config.lexicon, days)),
        problems=tuple(p for outlet in outlets for p in reader.problems.get(outlet.id, ())),
        listings=reader.listings,
        entries=len(entries),
    )


def untracked(url: str) -> str:
    """The address without what feeds add to count their readers (utm_*, a fragment)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [pair for pair in pairs if not pair[0].lower().startswith(_TRACKING)]
    query = urlencode(kept) if len(kept) < len(pairs) else parts.query  # else as it was written
    return urlunsplit(parts._replace(query=query, fragment=""))


def render_yaml(discovery: Discovery, outlets: Sequence[Outlet]) -> str:
    """The candidates as an `articles:` list to paste into sources.yaml, one comment each."""
    event = discovery.event
    names = {outlet.id: outlet.name for outlet in outlets}
    lines = [
        f"# {len(discovery.candidates)} candidate articles for {event.id}, published"
        f" {discovery.start} to {discovery.end}, best first: check each before keeping it.",
        "articles:",
    ]
    lines += [f"  {config_line(c, names)}" for c in discovery.candidates]
    if not discovery.candidates:
        lines[-1] = "articles: []"
    return "\n".join(lines) + "\n"


def config_line(candidate: Candidate, names: dict[str, str]) -> str:
    """The article's line for sources.yaml with the comment that says why it is there."""
    return f"{article_line(candidate)}  # {comment(candidate, names)}"


def article_line(candidate: Candidate) -> str:
    """`- {outlet: id, url: "…"}`: JSON's string quoting is valid YAML, escapes and all."""
    return f"- {{outlet: {candidate.outlet}, url: {json.dumps(candidate.url)}}}"


def comment(candidate: Candidate, names: dict[str, str]) -> str:
    title = clean_line(candidate.title)[:90] or "(no title)"
    return (
        f"{candidate.published:%Y-%m-%d} · {names.get(candidate.outlet, candidate.outlet)} · "
        f"{', '.join(candidate.matched)} · {title}"
    )


# --- reading the listings ----------------------------------------------------------------------


class _Reader:
    """Walks one outlet's feeds and sitemaps, collecting entries and one-line problems."""

    def __init__(
        self, context: Session, max_bytes: int, day: dt.date, days: int, tell: Notify
    ) -> None:
        self.context = context
        self.max_bytes = max_bytes
        self.day = day
        self.days = days
        self.tell = tell
        self.problems: dict[str, list[str]] = {}  # by outlet, to list them in config order
        self.listings = 0

    async def outlet(self, outlet: Outlet) -> list[Entry]:
        found: list[Entry] = []
        for url in outlet.feeds:
            found += await self._read(outlet, url, "feed")
        if outlet.sitemap:
            found += await self._sitemap(outlet, outlet.sitemap, 0)
        elif not outlet.feeds and outlet.homepage:
            robots = sitemaps.robots_url(outlet.homepage)
            text = await self._get(outlet, robots, sitemaps.ROBOTS_TYPES, "robots.txt")
            if text is not None:
                named = sitemaps.sitemaps_in_robots(text.decode("utf-8", "replace"))
                if not named:
                    self._problem(outlet, robots, "names no sitemap (give feeds: or sitemap:)")
                listed = tuple((url, None) for url in named)
                picked = sitemaps.pick_children(listed, self.day, self.days, MAX_SITEMAPS)
                for url in picked:
                    found += await self._sitemap(outlet, url, 1)
        return found

    async def _read(self, outlet: Outlet, url: str, kind: str) -> list[Entry]:
        body = await self._get(outlet, url, feeds.FEED_TYPES, kind)
        if body is None:
            return []
        try:
            entries = await asyncio.to_thread(feeds.read_feed, body, url)
        except ListingError as exc:
            self._problem(outlet, url, str(exc))
            return []
        self.tell(f"{outlet.id}: {len(entries)} entries in {url}")
        return entries

    async def _sitemap(self, outlet: Outlet, url: str, depth: int) -> list[Entry]:
        body = await self._get(outlet, url, sitemaps.SITEMAP_TYPES, "sitemap")
        if body is None:
            return []
        try:
            sitemap = await asyncio.to_thread(sitemaps.parse_sitemap, body, url, self.max_bytes)
        except ListingError as exc:
            self._problem(outlet, url, str(exc))
            return []
        if not sitemap.children:
            self.tell(f"{outlet.id}: {len(sitemap.entries)} entries in {url}")
            return list(sitemap.entries)
        if depth >= MAX_DEPTH:
            self._problem(outlet, url, "sitemap indexes nested too deep")
            return []
        found: list[Entry] = []
        picked = sitemaps.pick_children(sitemap.children, self.day, self.days, MAX_SITEMAPS)
        for child in picked:
            found += await self._sitemap(outlet, child, depth + 1)
        return found

    async def _get(
        self, outlet: Outlet, url: str, accept: frozenset[str], kind: str
    ) -> bytes | None:
        self.listings += 1
        try:
            download = await get_data(self.context, url, accept)
        except FetchError as exc:
            self._problem(outlet, url, f"{kind} could not be read: {exc}")
            return None
        return download.content

    def _problem(self, outlet: Outlet, url: str, reason: str) -> None:
        line = f"{outlet.id} ({clean_line(url)[:120]}): {reason}"
        self.problems.setdefault(outlet.id, []).append(line)


# --- helpers ------------------------------------------------------------------------------------


def _window(day: dt.date, days: int) -> tuple[dt.date, dt.date]:
    return day - dt.timedelta(days=days), day + dt.timedelta(days=days)


def _stems(text: str) -> tuple[str, ...]:
    # A slug or a headline joins words with hyphens that the tokenizer would keep as one word.
    return tuple(stem(fold(token.text)) for token in tokenize(text.replace("-", " ")))


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))
