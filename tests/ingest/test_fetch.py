"""fetch_all against real servers on 127.0.0.1 that the tests start and stop (raw_server.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import ipaddress
import os
import socket
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tests.ingest.raw_server import RawServer, page, respond, serve
from tui import __version__
from tui.ingest.addresses import is_internal, resolve
from tui.ingest.fetch import FetchOptions, FetchResult, FetchState, fetch_all, format_size

RUSSIAN = (
    "<p>По данным министерства иностранных дел, ночью в результате обстрела Гянджи погибли "
    "семь мирных жителей, ещё тридцать три человека ранены.</p>"
)
ARMENIAN = (
    "<p>Հոկտեմբերի 11-ին Ստեփանակերտը կրկին հրետակոծության ենթարկվեց, "
    "պաշտպանության նախարարությունն այդ հայտարարությունն անվանեց բացարձակ սուտ։</p>"
)


@pytest.fixture
def options(tmp_path: Path) -> FetchOptions:
    """Short limits so failures come quickly; a cache of the test's own."""
    return FetchOptions(timeout=0.3, retries=2, backoff=0.01, cache_dir=tmp_path / "cache")


async def fetch_one(location: str, options: FetchOptions) -> FetchResult:
    [result] = await fetch_all([location], options)
    return result


# --- success and charsets -------------------------------------------------------------------------


async def test_fetches_a_page_with_its_metadata(server: RawServer, options: FetchOptions) -> None:
    body = page(ARMENIAN).encode()
    url = serve(server, "/a", body, "text/html; charset=utf-8")
    before = dt.datetime.now(dt.UTC)
    result = await fetch_one(url, options)
    assert result.error is None and result.document is not None
    document = result.document
    assert document.location == url == document.final_location
    assert document.content == body
    assert document.text == page(ARMENIAN)
    assert (document.media_type, document.encoding) == ("text/html", "utf-8")
    assert document.sha256 == hashlib.sha256(body).hexdigest()
    assert document.fetched_at.tzinfo is not None and document.fetched_at >= before
    assert document.from_cache is False


async def test_sends_an_honest_user_agent(server: RawServer, options: FetchOptions) -> None:
    url = serve(server, "/ua", page("<p>x</p>").encode(), "text/html")
    await fetch_one(url, options)
    sent = dict(line.split(": ", 1) for line in server.headers["/ua"] if ": " in line)
    sent = {name.lower(): value for name, value in sent.items()}
    assert sent["user-agent"] == f"Parallax/{__version__} (+news comparison tool)"


async def test_cp1251_page_with_charset_only_in_the_header(
    server: RawServer, options: FetchOptions
) -> None:
    url = serve(server, "/ru", page(RUSSIAN).encode("cp1251"), "text/html; charset=windows-1251")
    document = (await fetch_one(url, options)).document
    assert document is not None
    assert (document.text, document.encoding) == (page(RUSSIAN), "cp1251")


async def test_koi8r_page_with_only_a_meta_tag(server: RawServer, options: FetchOptions) -> None:
    html = page(
        RUSSIAN, head='<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    )
    url = serve(server, "/koi", html.encode("koi8-r"), "text/html")
    document = (await fetch_one(url, options)).document
    assert document is not None
    assert (document.text, document.encoding) == (html, "koi8-r")


async def test_armenian_utf8_page_with_no_charset_anywhere(
    server: RawServer, options: FetchOptions
) -> None:
    url = serve(server, "/hy", page(ARMENIAN).encode(), None)
    document = (await fetch_one(url, options)).document
    assert document is not None
    assert (document.text, document.encoding, document.media_type) == (
        page(ARMENIAN),
        "utf-8",
        "text/html",
    )


async def test_wrong_header_charset_falls_back_to_the_bytes(
    server: RawServer, options: FetchOptions
) -> None:
    url = serve(server, "/liar", page(RUSSIAN).encode("cp1251"), "text/html; charset=utf-8")
    document = (await fetch_one(url, options)).document
    assert document is not None
    assert (document.text, document.encoding) == (page(RUSSIAN), "cp1251")


async def test_markdown_and_plain_text(server: RawServer, options: FetchOptions) -> None:
    note = "# Ganja\n\nSeven civilians were killed, the ministry said.\n"
    urls = [
        serve(server, "/note.md", note.encode(), "text/plain; charset=utf-8"),
        serve(server, "/note", note.encode(), "text/markdown"),
        serve(server, "/note.txt", note.encode(), "text/plain"),
        serve(server, "/bare.md", note.encode(), "application/octet-stream"),
    ]
    results = await fetch_all(urls, options)
    assert [r.document.media_type for r in results if r.document] == [
        "text/markdown",
        "text/markdown",
        "text/plain",
        "text/markdown",
    ]
    assert all(r.document is not None and r.document.text == note for r in results)


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("application/pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("application/octet-stream", b"%PDF-1.4\n...", "application/pdf"),
        (None, b"%PDF-1.4\n...", "application/pdf"),
        ("text/html", b"%PDF-1.4\n...", "application/pdf"),
        ("image/png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        (None, b"\x89PNG\r\n\x1a\n....", "image/png"),
    ],
)
async def test_not_an_article(
    server: RawServer, options: FetchOptions, content_type: str | None, body: bytes, named: str
) -> None:
    url = serve(server, "/file", body, content_type)
    result = await fetch_one(url, options)
    assert result.error == f"not an article page: {named} — give the URL of the HTML page"


async def test_sniffs_html_without_a_content_type(server: RawServer, options: FetchOptions) -> None:
    url = serve(server, "/article", b"  <!DOCTYPE html>" + page("<p>x</p>").encode(), None)
    document = (await fetch_one(url, options)).document
    assert document is not None and document.media_type == "text/html"


async def test_empty_body_is_an_error(server: RawServer, options: FetchOptions) -> None:
    result = await fetch_one(serve(server, "/empty", b"", "text/html"), options)
    assert result.error == "empty document: the page has no content"


# --- HTTP failures and retries --------------------------------------------------------------------


async def test_404_is_not_retried(server: RawServer, options: FetchOptions) -> None:
    result = await fetch_one(server.url("/gone"), options)
    assert (result.document, result.error) == (None, "HTTP 404 Not Found")
    assert server.hits["/gone"] == 1


async def test_500_then_success_on_retry(server: RawServer, options: FetchOptions) -> None:
    async def flaky(writer: asyncio.StreamWriter) -> None:
        if server.hits["/flaky"] == 1:
            await respond(writer, 500, b"oops")
        else:
            await respond(writer, 200, page("<p>ok</p>").encode())

    server.routes["/flaky"] = flaky
    events: list[tuple[int, FetchState, str]] = []
    [result] = await fetch_all([server.url("/flaky")], options, lambda *e: events.append(e))
    assert result.error is None and result.document is not None
    assert server.hits["/flaky"] == 2
    assert (0, "fetching", "retry 1/2 after HTTP 500 Internal Server Error") in events
    assert events[-1] == (0, "done", format_size(len(page("<p>ok</p>").encode())))


async def test_500_forever_exhausts_the_retries(server: RawServer, options: FetchOptions) -> None:
    async def broken(writer: asyncio.StreamWriter) -> None:
        await respond(writer, 503, b"down")

    server.routes["/down"] = broken
    result = await fetch_one(server.url("/down"), options)
    assert result.error == "HTTP 503 Service Unavailable (3 attempts)"
    assert server.hits["/down"] == 3


async def test_slow_answer_times_out_and_is_retried(
    server: RawServer, options: FetchOptions
) -> None:
    async def asleep(writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    server.routes["/slow"] = asleep
    result = await fetch_one(server.url("/slow"), replace(options, retries=1))
    assert result.error == "timed out after 0.3 s (2 attempts)"
    assert server.hits["/slow"] == 2


async def test_timeout_covers_a_trickling_body(server: RawServer, options: FetchOptions) -> None:
    async def trickle(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9999\r\n\r\n")
        while True:  # every byte arrives well within any read timeout; the whole never does
            writer.write(b"<p>")
            await writer.drain()
            await asyncio.sleep(0.05)

    server.routes["/drip"] = trickle
    result = await fetch_one(server.url("/drip"), replace(options, retries=0))
    assert result.error == "timed out after 0.3 s"


async def test_connection_refused(options: FetchOptions) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = await fetch_one(f"http://127.0.0.1:{port}/", options)
    assert result.error == "connection refused (3 attempts)"


async def test_server_hanging_up_mid_body(server: RawServer, options: FetchOptions) -> None:
    async def hang_up(writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 500\r\n\r\n<p>"
        )
        await writer.drain()

    server.routes["/cut"] = hang_up
    result = await fetch_one(server.url("/cut"), options)
    assert result.error is not None
    assert result.error.startswith("the server broke off the response")
    assert result.error.endswith("(3 attempts)") and "\n" not in result.error
    assert server.hits["/cut"] == 3


# --- redirects ------------------------------------------------------------------------------------


def redirect(server: RawServer, path: str, to: str, status: int = 302) -> None:
    async def route(writer: asyncio.StreamWriter) -> None:
        await respond(writer, status, headers={"Location": to})

    server.routes[path] = route


async def test_redirect_to_ok(server: RawServer, options: FetchOptions) -> None:
    target = serve(server, "/news/ganja", page("<p>x</p>").encode(), "text/html")
    redirect(server, "/old", server.url("/moved"), 301)
    redirect(server, "/moved", "/news/ganja")  # relative, as many sites send it
    document = (await fetch_one(server.url("/old"), options)).document
    assert document is not None
    assert (document.location, document.final_location) == (server.url("/old"), target)


async def test_redirects_up_to_the_limit_and_no_further(
    server: RawServer, options: FetchOptions
) -> None:
    serve(server, "/r3", page("<p>x</p>").encode(), "text/html")
    for hop in range(3):
        redirect(server, f"/r{hop}", f"/r{hop + 1}")
    allowed = replace(options, max_redirects=3)
    assert (await fetch_one(server.url("/r0"), allowed)).document is not None
    strict = replace(options, max_redirects=2, refresh=True)
    result = await fetch_one(server.url("/r0"), strict)
    assert result.error == "too many redirects (more than 2)"
    assert server.hits["/r3"] == 1


async def test_redirect_loop_ends_with_a_clear_error(
    server: RawServer, options: FetchOptions
) -> None:
    redirect(server, "/ping", "/pong")
    redirect(server, "/pong", "/ping")
    result = await fetch_one(server.url("/ping"), options)
    assert result.error == "too many redirects (more than 5) (a redirect loop)"
    assert server.hits["/ping"] + server.hits["/pong"] == 6  # no retries for a loop


async def test_redirect_to_another_scheme_is_refused(
    server: RawServer, options: FetchOptions
) -> None:
    redirect(server, "/ftp", "ftp://127.0.0.1/article")
    result = await fetch_one(server.url("/ftp"), options)
    assert result.error == "redirected to an unsupported address: ftp://127.0.0.1/article"


# --- size limit -----------------------------------------------------------------------------------


async def test_too_large_content_length_is_rejected_before_the_body(
    server: RawServer, options: FetchOptions
) -> None:
    async def huge(writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10485760\r\n\r\n"
        )
        await writer.drain()
        await asyncio.sleep(30)  # the body never comes: only the header can end this early

    server.routes["/huge"] = huge
    patient = replace(options, timeout=10.0, max_bytes=1024 * 1024)
    result = await fetch_one(server.url("/huge"), patient)
    assert result.error == "body larger than 1 MiB limit (Content-Length 10 MiB)"
    assert server.hits["/huge"] == 1


async def test_endless_body_stops_being_read_at_the_limit(
    server: RawServer, options: FetchOptions
) -> None:
    chunk = b"<p>" + b"x" * 65533
    stopped = asyncio.Event()

    async def endless(writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        try:
            while server.sent["/endless"] < 512 * 1024 * 1024:
                writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                await writer.drain()
                server.sent["/endless"] += len(chunk)
        finally:
            stopped.set()

    server.routes["/endless"] = endless
    patient = replace(options, timeout=10.0, max_bytes=256 * 1024)
    result = await fetch_one(server.url("/endless"), patient)
    assert result.error == "body larger than 256 KiB limit"
    await asyncio.wait_for(stopped.wait(), 10)
    # The server got to push what the socket buffers hold, then its writes failed.
    assert server.sent["/endless"] < 64 * 1024 * 1024


async def test_body_within_the_limit_without_content_length(
    server: RawServer, options: FetchOptions
) -> None:
    body = page("<p>" + "y" * 2000 + "</p>").encode()

    async def streamed(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        writer.write(body)
        await writer.drain()

    server.routes["/stream"] = streamed
    result = await fetch_one(server.url("/stream"), options)
    assert result.document is not None and result.document.content == body


# --- many sources at once -------------------------------------------------------------------------


async def test_one_failure_does_not_stop_the_others(
    server: RawServer, options: FetchOptions, tmp_path: Path
) -> None:
    local = tmp_path / "local.html"
    local.write_text(page("<p>local</p>"), encoding="utf-8")
    locations = [
        serve(server, "/one", page("<p>one</p>").encode(), "text/html"),
        server.url("/missing"),
        "ftp://example.org/article",
        str(local),
        serve(server, "/two", page("<p>two</p>").encode(), "text/html"),
    ]
    results = await fetch_all(locations, options)
    assert [r.location for r in results] == locations
    assert [r.error for r in results] == [
        None,
        "HTTP 404 Not Found",
        "unsupported address scheme 'ftp:' — give an http(s) URL, a file:// URL or a file path",
        None,
        None,
    ]
    assert [r.document.text for r in results if r.document] == [
        page("<p>one</p>"),
        page("<p>local</p>"),
        page("<p>two</p>"),
    ]


async def test_sources_are_fetched_at_the_same_time(
    server: RawServer, options: FetchOptions
) -> None:
    everyone_asked = asyncio.Event()
    count = 4

    async def rendezvous(writer: asyncio.StreamWriter) -> None:
        if sum(server.hits.values()) == count:
            everyone_asked.set()
        await everyone_asked.wait()  # one at a time, the first would wait for ever
        await respond(writer, 200, page("<p>together</p>").encode())

    for n in range(count):
        server.routes[f"/s{n}"] = rendezvous
    patient = replace(options, timeout=10.0, retries=0)
    results = await fetch_all([server.url(f"/s{n}") for n in range(count)], patient)
    assert [r.error for r in results] == [None] * count


async def test_progress_sequence(server: RawServer, options: FetchOptions, tmp_path: Path) -> None:
    good = serve(server, "/good", b"<p>fine</p>", "text/html")
    events: list[tuple[int, FetchState, str]] = []
    await fetch_all(
        [good, server.url("/bad"), "javascript:alert(1)"], options, lambda *e: events.append(e)
    )
    by_source = {i: [(state, detail) for j, state, detail in events if j == i] for i in range(3)}
    assert by_source[0] == [("queued", ""), ("fetching", ""), ("done", "11 bytes")]
    assert by_source[1] == [("queued", ""), ("fetching", ""), ("error", "HTTP 404 Not Found")]
    assert by_source[2][0] == ("queued", "")
    assert by_source[2][1][0] == "error" and "'javascript:'" in by_source[2][1][1]
    assert [e[1] for e in events[:3]] == ["queued"] * 3  # everything is queued up front

    events.clear()
    await fetch_all([good], options, lambda *e: events.append(e))
    assert [state for _, state, _ in events] == ["queued", "cached"]


# --- locations ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "scheme"),
    [
        ("ftp://example.org/a.html", "ftp"),
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,<p>hi</p>", "data"),
        ("mailto:desk@example.org", "mailto"),
    ],
)
async def test_unsupported_schemes(location: str, scheme: str, options: FetchOptions) -> None:
    result = await fetch_one(location, options)
    assert result.error == (
        f"unsupported address scheme '{scheme}:' — "
        "give an http(s) URL, a file:// URL or a file path"
    )


async def test_blank_and_hostless_locations(options: FetchOptions) -> None:
    blank, hostless = await fetch_all(["  ", "http:///article"], options)
    assert blank.error == "empty location: give an http(s) URL, a file:// URL or a file path"
    assert hostless.error == "not a valid URL: it has no host name"


async def test_local_path_and_file_url(tmp_path: Path, options: FetchOptions) -> None:
    article = tmp_path / "ganja report.html"
    article.write_bytes(page(RUSSIAN).encode("cp1251"))
    mtime = dt.datetime(2020, 10, 11, 9, 30, tzinfo=dt.UTC)
    os.utime(article, (mtime.timestamp(), mtime.timestamp()))
    note = tmp_path / "note.md"
    note.write_text("# Stepanakert\n\nShelled again.\n", encoding="utf-8")
    results = await fetch_all([str(article), article.as_uri(), str(note)], options)
    by_path, by_url, markdown = (r.document for r in results)
    assert by_path is not None and by_url is not None and markdown is not None
    for document in (by_path, by_url):
        assert (document.text, document.encoding) == (page(RUSSIAN), "cp1251")
        assert document.fetched_at == mtime
        assert document.final_location == str(article)
        assert document.sha256 == hashlib.sha256(article.read_bytes()).hexdigest()
        assert document.from_cache is False
    assert by_url.location == article.as_uri()
    assert markdown.media_type == "text/markdown"
    assert not (tmp_path / "cache").exists()  # local files are never cached


async def test_local_files_are_read_fresh_even_offline(
    tmp_path: Path, options: FetchOptions
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("first", encoding="utf-8")
    offline = replace(options, offline=True)
    assert (await fetch_one(str(article), offline)).document.text == "first"  # type: ignore[union-attr]
    article.write_text("second", encoding="utf-8")
    assert (await fetch_one(str(article), offline)).document.text == "second"  # type: ignore[union-attr]


async def test_local_file_problems(tmp_path: Path, options: FetchOptions) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"z" * 4096)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.5\n")
    small = replace(options, max_bytes=1024)
    missing, folder, too_big, not_html, elsewhere = await fetch_all(
        [
            str(tmp_path / "nope.html"),
            str(tmp_path),
            str(big),
            pdf.as_uri(),
            "file://newsroom-server/share/a.html",
        ],
        small,
    )
    [device] = await fetch_all(["/dev/null"], small)
    assert device.error == "refused to read /dev/null: a system file, not an article"
    assert missing.error == f"file not found: {tmp_path / 'nope.html'}"
    assert folder.error == f"is a directory, not a file: {tmp_path}"
    assert too_big.error == f"file larger than 1 KiB limit: {big}"
    assert not_html.error == "not an article page: application/pdf — give the URL of the HTML page"
    assert elsewhere.error == (
        "file:// URL names another host (newsroom-server): give a local path instead"
    )


def test_format_size() -> None:
    assert format_size(8 * 1024 * 1024) == "8 MiB"
    assert format_size(1536) == "1.5 KiB"
    assert format_size(512) == "512 bytes"


async def test_a_location_listed_twice_is_fetched_once(
    server: RawServer, options: FetchOptions
) -> None:
    url = serve(server, "/dup", page("<p>same</p>").encode(), "text/html")
    events: list[tuple[int, FetchState, str]] = []
    patient = replace(options, timeout=10)  # a retry after a slow answer would be a second hit
    first, second = await fetch_all([url, url], patient, lambda *e: events.append(e))
    assert first == second and first.document is not None
    assert server.hits["/dup"] == 1
    assert [state for i, state, _ in events if i == 1] == ["queued", "fetching", "done"]


async def test_damaged_compressed_body(server: RawServer, options: FetchOptions) -> None:
    async def bad_gzip(writer: asyncio.StreamWriter) -> None:
        await respond(
            writer, 200, b"\x1f\x8b not gzip at all", headers={"Content-Encoding": "gzip"}
        )

    server.routes["/gz"] = bad_gzip
    result = await fetch_one(server.url("/gz"), options)
    assert result.error is not None
    assert result.error.startswith("the server sent a damaged compressed body")
    assert server.hits["/gz"] == 1


async def test_server_text_in_errors_is_tamed(server: RawServer, options: FetchOptions) -> None:
    async def odd(writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 404 \x1b[31mGONE\x1b[0m\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        await writer.drain()

    server.routes["/odd"] = odd
    serve(server, "/weird-type", b"x", "application/x-\x1b[2J")
    gone, weird = await fetch_all([server.url("/odd"), server.url("/weird-type")], options)
    assert gone.error == "HTTP 404 Not Found"
    assert weird.error is not None and "\x1b" not in weird.error


async def test_refusals_say_what_to_do(server: RawServer, options: FetchOptions) -> None:
    async def forbidden(writer: asyncio.StreamWriter) -> None:
        await respond(writer, 403, b"bots go away")

    server.routes["/paywall"] = forbidden
    result = await fetch_one(server.url("/paywall"), options)
    assert result.error == (
        "HTTP 403 Forbidden — the site refuses automated requests: "
        "save the page from a browser and give its path"
    )
    assert server.hits["/paywall"] == 1


# --- compression ----------------------------------------------------------------------------------


def compressed(server: RawServer, path: str, body: bytes, encoding: str) -> str:
    async def route(writer: asyncio.StreamWriter) -> None:
        await respond(writer, 200, body, headers={"Content-Encoding": encoding})

    server.routes[path] = route
    return server.url(path)


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
        ("gzip, gzip", lambda data: gzip.compress(gzip.compress(data))),
        ("identity", lambda data: data),
    ],
    ids=["gzip", "x-gzip", "zlib-deflate", "raw-deflate", "gzip-twice", "identity"],
)
async def test_compressed_bodies_are_undone(
    server: RawServer, options: FetchOptions, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    html = page(ARMENIAN).encode()
    result = await fetch_one(compressed(server, "/z", compress(html), encoding), options)
    assert result.error is None and result.document is not None
    assert result.document.content == html
    assert result.document.sha256 == hashlib.sha256(html).hexdigest()


async def test_asks_only_for_encodings_it_can_undo(
    server: RawServer, options: FetchOptions
) -> None:
    url = serve(server, "/enc", page("<p>x</p>").encode(), "text/html")
    await fetch_one(url, options)
    assert "accept-encoding: gzip, deflate" in [h.lower() for h in server.headers["/enc"]]


async def test_the_limit_counts_decompressed_bytes(
    server: RawServer, options: FetchOptions
) -> None:
    body = gzip.compress(b"<p>" + b"a" * 2000 + b"</p>")
    result = await fetch_one(
        compressed(server, "/big", body, "gzip"), replace(options, max_bytes=1000)
    )
    assert result.error == "body larger than 1000 bytes limit once decompressed"


# --- where a document came from -------------------------------------------------------------------


async def test_a_document_records_its_hops_and_status(
    server: RawServer, options: FetchOptions
) -> None:
    target = serve(server, "/final", page("<p>x</p>").encode(), "text/html")
    redirect(server, "/second", target, status=301)
    redirect(server, "/first", "/second")
    result = await fetch_one(server.url("/first"), options)
    assert result.document is not None
    assert result.document.redirects == (server.url("/second"), target)
    assert result.document.final_location == target
    assert (result.document.status, result.document.origin) == (200, "live")
    [again] = await fetch_all([server.url("/first")], options)
    assert again.document is not None and again.document.origin == "cache"
    assert again.document.redirects == (server.url("/second"), target)
    assert again.document.status == 200


# --- which addresses a redirect may reach ---------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "internal"),
    [
        ("93.184.216.34", False),
        ("8.8.8.8", False),
        ("2a00:1450:4001:82b::200e", False),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.0.10", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),  # shared address space (carrier NAT)
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),
        ("::ffff:93.184.216.34", False),
        ("2002:7f00:1::", True),  # 6to4 wrapping 127.0.0.1
    ],
)
def test_internal_addresses(address: str, internal: bool) -> None:
    assert is_internal(ipaddress.ip_address(address)) is internal


async def test_names_and_odd_spellings_are_resolved_before_they_are_judged() -> None:
    for host in ("localhost", "2130706433", "0x7f000001", "127.1", "[::1]"):
        assert all(is_internal(a) for a in await resolve(host, 80)), host
