"""Manners towards the sites we read: wait when asked, do not crowd one host, follow the page's
own redirect.

An outlet that answers 429 or 503 with `Retry-After` is telling us when it will serve us; asking
sooner only gets us blocked, and waiting longer than an editor would is no better, so the wait is
honoured up to a bound. A comparison of twelve articles from one site must not open twelve
connections to it at once. And some moved articles answer 200 with a `<meta http-equiv=refresh>`
page that a browser follows at once: so do we, counted as a redirect.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import httpx

META_REFRESH_SCAN = 32 * 1024  # a refresh belongs in <head>; no need to read the whole page
MAX_REFRESH_DELAY = 10.0  # longer than this, it is a page that reloads itself, not a redirect

_NOSCRIPT_RE = re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)
# Linear on hostile heads: a tag ends at the next "<" too, so a run of unclosed "<meta" is read
# once, not once per tag; an attribute name starts only where a word starts and gives nothing
# back, so one 32 KiB word is read once (it took 7.6 s, retried from each of its characters).
_META_RE = re.compile(r"<meta\b[^<>]*+>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""(?<![\w-])([\w-]++)\s*+=\s*+(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_REFRESH_RE = re.compile(r"""^\s*(\d+(?:\.\d*)?)?\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)""", re.I)


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks us to wait (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class HostGates:
    """One semaphore per host, made on first use, so no site sees more than `limit` at once."""

    def __init__(self, limit: int) -> None:
        self.limit = max(limit, 1)
        self._gates: dict[str, asyncio.Semaphore] = {}

    def gate(self, host: str) -> asyncio.Semaphore:
        key = host.lower()
        if key not in self._gates:
            self._gates[key] = asyncio.Semaphore(self.limit)
        return self._gates[key]


def meta_refresh(content: bytes, base: str) -> str | None:
    """Where a page's `<meta http-equiv="refresh">` sends a reader at once, or None.

    A refresh inside <noscript> is ignored (it leads to a "please enable JavaScript" page, not
    the article), and so is one that reloads the page itself or waits long enough to be an
    auto-reload.
    """
    head = content[:META_REFRESH_SCAN].decode("utf-8", "replace")
    head = _NOSCRIPT_RE.sub("", head)
    for tag in _META_RE.findall(head):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in
                 _ATTR_RE.finditer(tag)}  # fmt: skip
        if attrs.get("http-equiv", "").strip().lower() != "refresh":
            continue
        match = _REFRESH_RE.match(unescape(attrs.get("content", "")))
        if match is None or not match.group(2).strip():
            continue
        delay = float(match.group(1) or 0)
        target = urljoin(base, match.group(2).strip())
        if delay > MAX_REFRESH_DELAY or _same_page(target, base):
            continue
        try:
            url = httpx.URL(target)
        except httpx.InvalidURL:
            continue
        if url.scheme in ("http", "https") and url.host:
            return str(url)
    return None


def _same_page(target: str, base: str) -> bool:
    return urlsplit(target)._replace(fragment="") == urlsplit(base)._replace(fragment="")
