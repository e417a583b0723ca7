"""Retry-After, a per-host limit, meta refresh and the cache's size bound, on 127.0.0.1.

The server is test_fetch's raw asyncio one; a route can count how many requests it is
answering at the same moment, which is what a per-host limit is about.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.ingest.raw_server import RawServer, respond
from tui.cli import main
from tui.ingest import cache, cache_limit, fetch, politeness
from tui.ingest.fetch import FetchOptions, FetchResult, FetchState, fetch_all

ARTICLE = (
    "<html><head><title>Ganja</title></head><body><p>Seven civilians were killed in Ganja "
    "overnight, the ministry said.</p></body></html>"
)


class Crowd:
    """How many requests the server is answering at the same moment, at most."""

    def __init__(self) -> None:
        self.active = 0
        self.most = 0

    async def __aenter__(self) -> None:
        self.active += 1
        self.most = max(self.most, self.active)

    async def __aexit__(self, *exc: object) -> None:
        self.active -= 1


def page(server: RawServer, path: str, body: str = ARTICLE, crowd: Crowd | None = None) -> str:
    async def route(writer: asyncio.StreamWriter) -> None:
        if crowd is None:
            await respond(writer, 200, body.encode())
            return
        async with crowd:
            await asyncio.sleep(0.1)
            await respond(writer, 200, body.encode())

    server.routes[path] = route
    return server.url(path)


@pytest.fixture
def options(tmp_path: Path) -> FetchOptions:
    return FetchOptions(timeout=5, retries=2, backoff=0.01, cache_dir=tmp_path / "cache")


async def fetch_one(location: str, options: FetchOptions) -> tuple[FetchResult, list[str]]:
    said: list[str] = []

    def listen(index: int, state: FetchState, detail: str) -> None:
        said.append(detail)

    [result] = await fetch_all([location], options, listen)
    return result, said


# --- Retry-After -------------------------------------------------------------------------------


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The retry waits fetching asks for, recorded instead of spent."""
    asked: list[float] = []

    async def pause(seconds: float) -> None:
        asked.append(seconds)

    monkeypatch.setattr(fetch, "_pause", pause)
    return asked


async def test_429_waits_as_long_as_retry_after_says(
    server: RawServer, options: FetchOptions, waits: list[float]
) -> None:
    async def busy_once(writer: asyncio.StreamWriter) -> None:
        if server.hits["/a"] == 1:
            await respond(writer, 429, b"slow down", headers={"Retry-After": "1"})
        else:
            await respond(writer, 200, ARTICLE.encode())

    server.routes["/a"] = busy_once
    result, said = await fetch_one(server.url("/a"), options)

    assert result.document is not None and server.hits["/a"] == 2
    assert waits == [1.0]  # the backoff alone would be 0.01 s
    assert "retry 1/2 in 1 s as the site asked after HTTP 429 Too Many Requests" in said


async def test_a_retry_after_past_the_bound_fails_at_once(
    server: RawServer, options: FetchOptions
) -> None:
    async def closed(writer: asyncio.StreamWriter) -> None:
        await respond(writer, 503, b"maintenance", headers={"Retry-After": "3600"})

    server.routes["/a"] = closed
    result, _ = await fetch_one(server.url("/a"), options)
    assert server.hits["/a"] == 1
    assert result.error == (
        "HTTP 503 Service Unavailable — the site asks to wait 3600 s, more than the 60 s limit:"
        " try again later"
    )


async def test_429_without_retry_after_is_not_hammered(
    server: RawServer, options: FetchOptions
) -> None:
    async def busy(writer: asyncio.StreamWriter) -> None:
        await respond(writer, 429, b"slow down")

    server.routes["/a"] = busy
    result, _ = await fetch_one(server.url("/a"), options)
    assert server.hits["/a"] == 1
    assert result.error is not None and result.error.startswith("HTTP 429 Too Many Requests")


def test_retry_after_reads_seconds_and_dates() -> None:
    now = dt.datetime(2020, 10, 11, 12, 0, tzinfo=dt.UTC)
    assert politeness.retry_after("120", now) == 120
    assert politeness.retry_after("Sun, 11 Oct 2020 12:00:30 GMT", now) == 30
    assert politeness.retry_after("Sun, 11 Oct 2020 11:00:00 GMT", now) == 0
    assert politeness.retry_after("soon", now) is None
    assert politeness.retry_after(None, now) is None


# --- one host at a time ------------------------------------------------------------------------


async def test_no_host_gets_more_than_its_share(server: RawServer, options: FetchOptions) -> None:
    crowd = Crowd()
    urls = [page(server, f"/a{i}", crowd=crowd) for i in range(8)]
    other = [u.replace("127.0.0.1", "localhost") for u in urls[:4]]  # same server, other host

    results = await fetch_all(urls, replace(options, per_host=2))
    assert all(r.document is not None for r in results)
    assert crowd.most == 2

    crowd.most = 0
    await fetch_all(urls[:4] + other, replace(options, per_host=2, refresh=True))
    assert crowd.most == 4  # two for each host name


# --- meta refresh ------------------------------------------------------------------------------


def refresh_page(target: str, delay: str = "0", wrap: str = "{}") -> str:
    meta = f'<meta http-equiv="Refresh" content="{delay}; URL=\'{target}\'">'
    return f"<html><head>{wrap.format(meta)}<title>Moved</title></head><body></body></html>"


async def test_meta_refresh_is_followed_as_a_redirect(
    server: RawServer, options: FetchOptions
) -> None:
    final = page(server, "/new")
    page(server, "/old", refresh_page("/new"))

    result, _ = await fetch_one(server.url("/old"), options)

    assert result.document is not None
    assert result.document.final_location == final
    assert result.document.redirects == (final,)
    assert "Seven civilians" in result.document.text


async def test_meta_refresh_loops_end_as_a_redirect_loop(
    server: RawServer, options: FetchOptions
) -> None:
    page(server, "/a", refresh_page("/b"))
    page(server, "/b", refresh_page("/a"))

    result, _ = await fetch_one(server.url("/a"), options)

    assert result.error == "too many redirects (more than 5) (a redirect loop)"
    assert server.hits["/a"] + server.hits["/b"] == 6


async def test_meta_refresh_counts_against_the_redirect_limit(
    server: RawServer, options: FetchOptions
) -> None:
    page(server, "/3", ARTICLE)
    page(server, "/2", refresh_page("/3"))
    page(server, "/1", refresh_page("/2"))
    result, _ = await fetch_one(server.url("/1"), replace(options, max_redirects=1))
    assert result.error == "too many redirects (more than 1)"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (refresh_page("/next"), "http://x.test/next"),
        (refresh_page("/next", wrap="<noscript>{}</noscript>"), None),  # "enable JavaScript"
        (refresh_page("/page"), None),  # reloads itself
        (refresh_page("/next", delay="300"), None),  # an auto-reload, not a redirect
        ('<meta http-equiv="refresh" content="30">', None),
        (refresh_page("javascript:alert(1)"), None),
        ('<meta content="0;url=https://y.test/a" http-equiv="refresh">', "https://y.test/a"),
    ],
)
def test_meta_refresh_targets(html: str, expected: str | None) -> None:
    assert politeness.meta_refresh(html.encode(), "http://x.test/page") == expected


@pytest.mark.parametrize(
    "junk", ["<meta " + "a" * 30_000 + ">", "<meta " * 5_000], ids=["one long word", "unclosed"]
)
def test_a_hostile_head_still_gives_its_refresh(junk: str) -> None:
    # One 30 KiB word in a <meta> tag took 7.6 s of CPU, retried from each of its characters.
    head = f'{junk}<meta http-equiv="refresh" content="0; url=/moved">'
    assert len(head) < politeness.META_REFRESH_SCAN
    assert politeness.meta_refresh(head.encode(), "http://x.test/page") == "http://x.test/moved"


# --- the cache's size bound -------------------------------------------------------------------


def store(root: Path, location: str, size: int, used: float) -> None:
    content = b"x" * size
    cache.store(
        root,
        cache.CacheEntry(
            location=location,
            final_location=location,
            media_type="text/html",
            encoding="utf-8",
            fetched_at=dt.datetime(2020, 10, 11, tzinfo=dt.UTC),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
        ),
    )
    for path in cache.entry_paths(root, location):
        os.utime(path, (used, used))


def test_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    store(root, "http://x.test/old", 4000, 1_000_000)
    store(root, "http://x.test/read-lately", 4000, 1_000_100)
    store(root, "http://x.test/new", 4000, 1_000_200)
    cache_limit.touch(root, "http://x.test/read-lately")  # now the most recently used

    assert cache_limit.evict(root, 9000) == 1

    assert cache.load(root, "http://x.test/old") is None
    assert cache.load(root, "http://x.test/read-lately") is not None
    assert cache_limit.evict(root, 5000) == 1
    assert cache.load(root, "http://x.test/new") is None
    assert cache.load(root, "http://x.test/read-lately") is not None


def test_clear_removes_only_what_the_cache_wrote(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    store(root, "http://x.test/a", 10, 1_000_000)
    store(root, "http://x.test/b", 10, 1_000_000)
    mine = root / "notes.txt"
    mine.write_text("the editor's own file", encoding="utf-8")

    assert cache_limit.usage(root).entries == 2
    assert cache_limit.clear(root) == 2

    assert cache_limit.usage(root).entries == 0
    assert mine.read_text(encoding="utf-8") == "the editor's own file"
    assert list(root.iterdir()) == [mine]


async def test_fetching_keeps_the_cache_within_its_bound(
    server: RawServer, options: FetchOptions
) -> None:
    root = options.cache_dir
    assert root is not None
    first = [page(server, f"/p{i}") for i in range(3)]
    await fetch_all(first, replace(options, cache_max_bytes=None))
    room = cache_limit.usage(root).size  # three entries, metadata included
    for age, url in enumerate(first):  # written at once: give them a known order of use
        for path in cache.entry_paths(root, url):
            os.utime(path, (1_000_000 + age, 1_000_000 + age))
    bounded = replace(options, cache_max_bytes=room + room // 6)  # not quite room for four
    await fetch_all([first[0]], bounded)  # read from the cache: now the most recent
    await fetch_all([page(server, "/p3")], bounded)

    assert cache_limit.usage(root).size <= room + room // 6
    assert cache.load(root, first[0]) is not None
    assert cache.load(root, server.url("/p3")) is not None
    assert cache.load(root, first[1]) is None


def test_cache_info_and_clear_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = cache.default_cache_dir()
    store(root, "http://x.test/a", 2048, time.time())

    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"cache: {root}" in out and "1 entries, 2." in out and "of 512 MiB" in out

    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out == f"removed 1 cached pages from {root}\n"
    assert cache_limit.usage(root).entries == 0


@pytest.mark.parametrize("action", ["info", "clear"])
def test_cache_commands_say_when_the_folder_is_unusable(
    action: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "xdg"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))

    assert main(["cache", action]) == 1

    captured = capsys.readouterr()
    assert captured.out == f"cache: {blocker / 'parallax'}\n"  # no "0 entries" as if all were well
    assert captured.err == (
        f"parallax: the cache folder is unusable: {blocker} is a file, not a folder — make it a"
        " folder you can write to, or point XDG_CACHE_HOME at one (the cache is then"
        " $XDG_CACHE_HOME/parallax)\n"
    )
