"""The fault matrix: every hostile site, file or cache state we know of, one case each.

Each case puts one hostile source between two good ones and runs the whole pipeline
(`gather_sources`) against a server on 127.0.0.1 that the test starts. Hosts that are not this
machine (a public site that redirects to cloud metadata, an https page that downgrades) are
served through a routing transport: `.example` hosts by an in-process handler, everything
else by the real network stack, so the private targets are never contacted. Every case
asserts the same three things: the hostile source fails alone with its one-line reason (or,
for damage that costs a character only, succeeds with the damage made visible), the good
sources are read, and memory stays bounded (tracemalloc's peak, which counts every thread).
Time is bounded by construction: timeouts of a fraction of a second, no retries, linear
patterns (tests/ingest/test_regex_linear.py); nothing here asserts wall-clock time.

README.md's reliability section summarises this table.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import gzip
import ipaddress
import json
import os
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest

from tests.ingest.raw_server import RawServer, respond
from tui import files
from tui.ingest import cache
from tui.ingest import extract as extract_module
from tui.ingest import fetch as fetch_module
from tui.ingest.addresses import Address, resolve
from tui.ingest.fetch import FetchOptions, fetch_all
from tui.model import ArticleRef, Config, Event, Outlet, Side, Source
from tui.pipeline import gather_sources
from tui.report.contract import validate_report

MIB = 1024 * 1024
MEMORY_BOUND = 96 * MIB  # peak traced memory for a whole case; the body limit is 8 MiB
LEDE = (
    "The foreign ministry said seven civilians were killed and thirty-three wounded when "
    "shells hit the city centre overnight, hours after the humanitarian truce took effect."
)
SECOND = (
    "Rescue teams searched the ruins of a residential block until dawn, and the regional "
    "hospital said it had admitted dozens of people with shrapnel wounds."
)
GOOD_PAGE = f"<html><head><title>Night</title></head><body><p>{LEDE}</p><p>{SECOND}</p></body>"
PUBLIC = ipaddress.ip_address("93.184.216.34")  # what the fake resolver says .example hosts are


def html(body: str) -> bytes:
    return f"<html><head><title>Ganja</title></head><body>{body}</body></html>".encode()


# --- the world the cases run in -----------------------------------------------------------------


@dataclass
class World:
    """The local server, the folder of the sources file, and the handler for .example hosts."""

    server: RawServer
    folder: Path
    options: FetchOptions
    remote: dict[str, httpx.Response]  # "https://news.example/a" -> the answer
    remote_hits: list[str]

    def serve(
        self, path: str, body: bytes, content_type: str | None = "text/html", **headers: str
    ) -> str:
        async def route(writer: asyncio.StreamWriter) -> None:
            await respond(writer, 200, body, content_type, headers or None)

        self.server.routes[path] = route
        return self.server.url(path)

    def route(self, path: str, route: Callable[[asyncio.StreamWriter], Awaitable[None]]) -> str:
        self.server.routes[path] = route
        return self.server.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        async def route(writer: asyncio.StreamWriter) -> None:
            await respond(writer, status, headers={"Location": to})

        return self.route(path, route)

    def remote_redirect(self, url: str, to: str) -> str:
        self.remote[url] = httpx.Response(302, headers={"Location": to})
        return url


class Router(httpx.AsyncBaseTransport):
    """`.example` hosts answered in process; every other host over the real network stack."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.real = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host.endswith(".example"):
            self.world.remote_hits.append(str(request.url))
            answer = self.world.remote.get(str(request.url))
            if answer is None:
                return httpx.Response(404)
            return httpx.Response(
                answer.status_code, headers=answer.headers, content=answer.content
            )
        return await self.real.handle_async_request(request)

    async def aclose(self) -> None:
        # each gather_sources closes its client's transport; the next one gets a fresh pool
        await self.real.aclose()
        self.real = httpx.AsyncHTTPTransport()


async def fake_resolve(host: str, port: int) -> list[Address]:
    return [PUBLIC] if host.endswith(".example") else await resolve(host, port)


@pytest.fixture
async def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    server = RawServer()
    await server.start()
    folder = tmp_path / "shared"
    folder.mkdir()
    options = FetchOptions(timeout=2.0, retries=0, cache_dir=tmp_path / "cache")
    built = World(server, folder, options, {}, [])
    router = Router(built)
    # the pipeline imports fetch_all from its module when it gathers, so patch it there
    monkeypatch.setattr(
        fetch_module,
        "fetch_all",
        functools.partial(fetch_all, transport=router, resolver=fake_resolve),
    )
    yield built
    await server.stop()


SIDES = (Side("one", "One", "#e69f00"), Side("two", "Two", "#56b4e9"))
OUTLETS = (
    Outlet("good", "Good", "one"),
    Outlet("hostile", "Hostile", "two"),
    Outlet("fine", "Fine", "one"),
)


async def run_case(
    world: World, hostile: str, options: FetchOptions | None = None
) -> tuple[Source, int]:
    """Hostile between two good sources; (the hostile source, the peak traced memory)."""
    good = world.serve("/good", GOOD_PAGE.encode())
    fine = world.serve("/fine", GOOD_PAGE.replace("Night", "Dawn").encode())
    refs = (ArticleRef("good", good), ArticleRef("hostile", hostile), ArticleRef("fine", fine))
    event = Event("e", "E", dt.date(2020, 10, 11), refs)
    config = Config(world.folder / "sources.yaml", SIDES, OUTLETS, (event,))
    tracemalloc.start()
    try:
        sources = await gather_sources(config, event, options or world.options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    by_id = {s.id: s for s in sources}
    assert by_id["good"].ok and by_id["fine"].ok, (by_id["good"].error, by_id["fine"].error)
    assert by_id["good"].paragraphs == (LEDE, SECOND)
    assert peak < MEMORY_BOUND, f"peak {peak / MIB:.1f} MiB"
    hostile_source = by_id["hostile"]
    assert hostile_source.error is None or "\n" not in hostile_source.error
    return hostile_source, peak


async def fails_with(
    world: World, hostile: str, reason: str, options: FetchOptions | None = None
) -> Source:
    """The hostile source failed with `reason` (a prefix, when it ends in "…")."""
    source, _ = await run_case(world, hostile, options)
    assert not source.ok and source.error is not None
    if reason.endswith("…"):
        assert source.error.startswith(reason[:-1]), source.error
    else:
        assert source.error == reason
    return source


# --- compression --------------------------------------------------------------------------------


def gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of `size` zero bytes, built from one flushed block repeated (compressing a
    gigabyte for real would take the test seconds). It has no trailer: no reader gets there."""
    encoder = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = encoder.compress(b"\0" * MIB) + encoder.flush(zlib.Z_FULL_FLUSH)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + block * (size // MIB)


async def test_stacked_gzip_bomb(world: World) -> None:
    bomb = gzip.compress(gzip_of_zeros(1 << 30), 9)  # 1 GiB in a few kilobytes
    assert len(bomb) < 8192
    url = world.serve("/bomb", bomb, **{"Content-Encoding": "gzip, gzip"})
    await fails_with(world, url, "body larger than 8 MiB limit once decompressed")


async def test_single_gzip_bomb(world: World) -> None:
    url = world.serve(
        "/bomb1", gzip.compress(b"<p>" + b"a" * (64 * MIB)), **{"Content-Encoding": "gzip"}
    )
    await fails_with(world, url, "body larger than 8 MiB limit once decompressed")


async def test_three_layers_of_compression(world: World) -> None:
    body = gzip.compress(gzip.compress(gzip.compress(html(f"<p>{LEDE}</p>"))))
    url = world.serve("/three", body, **{"Content-Encoding": "gzip, gzip, gzip"})
    await fails_with(
        world,
        url,
        "the body is compressed 3 times over (Content-Encoding: gzip, gzip, gzip);"
        " at most 2 layers are accepted",
    )


async def test_an_encoding_we_did_not_ask_for(world: World) -> None:
    url = world.serve("/br", b"\x0b\x02\x80hello\x03", **{"Content-Encoding": "br"})
    await fails_with(world, url, "unsupported compression 'br' (Content-Encoding)")


async def test_damaged_gzip(world: World) -> None:
    url = world.serve("/badgz", b"\x1f\x8b\x08\x00garbage", **{"Content-Encoding": "gzip"})
    await fails_with(
        world, url, "the server sent a damaged compressed body: the stream ends before any data"
    )


# --- bodies, statuses, connections --------------------------------------------------------------


async def test_endless_body(world: World) -> None:
    async def endless(writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"<p>" + b"x" * 65533
        while world.server.sent["/endless"] < 50 * MIB:
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
            world.server.sent["/endless"] += len(chunk)

    await fails_with(world, world.route("/endless", endless), "body larger than 8 MiB limit")


async def test_content_length_over_the_limit(world: World) -> None:
    async def huge(writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\n\r\n<p>"
        )
        await writer.drain()

    await fails_with(
        world, world.route("/huge", huge), "body larger than 8 MiB limit (Content-Length 50 MiB)"
    )


async def test_a_server_that_never_answers(world: World) -> None:
    async def silent(writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    options = replace(world.options, timeout=0.3)
    await fails_with(world, world.route("/silent", silent), "timed out after 0.3 s", options)


async def test_a_connection_reset(world: World) -> None:
    async def reset(writer: asyncio.StreamWriter) -> None:
        writer.transport.abort()

    source, _ = await run_case(world, world.route("/reset", reset))
    assert source.error in (
        "connection reset by the server",
        "the server broke off the response: Server disconnected without sending a response.",
    )


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (404, "HTTP 404 Not Found"),
        (
            403,
            "HTTP 403 Forbidden — the site refuses automated requests: save the page from a"
            " browser and give its path",
        ),
        (503, "HTTP 503 Service Unavailable"),
    ],
)
async def test_error_statuses(world: World, status: int, reason: str) -> None:
    async def answer(writer: asyncio.StreamWriter) -> None:
        await respond(writer, status, b"no")

    await fails_with(world, world.route(f"/s{status}", answer), reason)


async def test_a_content_type_lie(world: World) -> None:
    url = world.serve("/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "text/html")
    await fails_with(
        world, url, "no article text found: the document looks like binary data, not HTML or text"
    )


async def test_a_wrong_charset_is_corrected_from_the_bytes(world: World) -> None:
    text = "Министерство заявило, что погибли семь мирных жителей и тридцать три человека ранены."
    url = world.serve(
        "/cp1251", html(f"<p>{text}</p>").decode().encode("cp1251"), "text/html; charset=utf-8"
    )
    source, _ = await run_case(world, url)
    assert source.ok and source.paragraphs == (text,)


# --- redirects ----------------------------------------------------------------------------------


async def test_a_redirect_loop(world: World) -> None:
    world.redirect("/loop-a", "/loop-b")
    url = world.redirect("/loop-b", "/loop-a")
    await fails_with(world, url, "too many redirects (more than 5) (a redirect loop)")


async def test_a_javascript_redirect(world: World) -> None:
    url = world.redirect("/js", "javascript:alert(document.cookie)")
    await fails_with(
        world, url, "redirected to an unsupported address: javascript:alert(document.cookie)"
    )


async def test_a_downgrade_from_https(world: World) -> None:
    url = world.remote_redirect("https://news.example/a", "http://news.example/a")
    await fails_with(
        world,
        url,
        "redirected from https to plain http (http://news.example/a): refused, since the page"
        " could be altered on the way — give the https address if there is one",
    )


async def test_a_public_page_redirecting_to_the_local_test_server(world: World) -> None:
    target = world.serve("/admin", html(f"<p>{LEDE}</p>"))
    url = world.remote_redirect("http://news.example/r", target)
    await fails_with(
        world,
        url,
        f"redirected to a private or local address ({target}): refused — pass --allow-private"
        " if this site really lives on your network",
    )
    assert world.server.hits["/admin"] == 0


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.2/",
        "http://[::1]:8080/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
        "http://localhost/",
    ],
    ids=[
        "metadata",
        "loopback-2",
        "ipv6-loopback",
        "decimal",
        "hex",
        "mapped",
        "10-net",
        "192-168",
        "unspecified",
        "localhost",
    ],
)
async def test_a_public_page_redirecting_to_a_private_address(world: World, target: str) -> None:
    url = world.remote_redirect("http://news.example/p", target)
    source = await fails_with(world, url, "redirected to a private or local address (…")
    assert "pass --allow-private" in (source.error or "")
    assert world.remote_hits == ["http://news.example/p"]  # the target was never contacted


async def test_allow_private_lets_a_redirect_into_the_network(world: World) -> None:
    target = world.serve("/intranet", html(f"<p>{LEDE}</p>"))
    url = world.remote_redirect("http://news.example/i", target)
    source, _ = await run_case(world, url, replace(world.options, allow_private=True))
    assert source.ok and source.provenance is not None
    assert source.provenance.redirects == (target,) and source.provenance.final_url == target


async def test_a_local_source_may_redirect_within_this_machine(world: World) -> None:
    target = world.serve("/moved", html(f"<p>{LEDE}</p>"))
    source, _ = await run_case(world, world.redirect("/old", target))
    assert source.ok and source.provenance is not None
    assert (source.provenance.origin, source.provenance.status) == ("live", 200)
    assert source.provenance.redirects == (target,)


# --- pages that are hostile to the extractor ----------------------------------------------------


async def test_a_long_unbroken_token(world: World) -> None:
    # 1 MB in one token in a short paragraph: quadratic in the old e-mail pattern (hours).
    url = world.serve("/token", html(f"<p>{LEDE}</p><p>Contact {'x' * MIB} now.</p>"))
    source, _ = await run_case(world, url)
    assert source.ok and source.paragraphs[0] == LEDE


async def test_a_nul_byte_near_the_top(world: World) -> None:
    url = world.serve("/nul", b"\0" + html(f"<p>{LEDE}</p>"))
    source, _ = await run_case(world, url)
    assert source.ok and source.paragraphs == (LEDE,)


async def test_a_control_character_beside_an_inline_script(world: World) -> None:
    url = world.serve("/ctl", html(f"<p>{LEDE}</p><p>Seven\x01<script>1</script> were killed.</p>"))
    source, _ = await run_case(world, url)
    assert source.ok and source.paragraphs == (LEDE, "Seven were killed.")


async def test_content_nested_300_deep(world: World) -> None:
    url = world.serve("/deep", html("<div>" * 300 + f"<p>{LEDE}</p>" + "</div>" * 300))
    source, _ = await run_case(world, url)
    assert source.ok and source.paragraphs == (LEDE,)


async def test_content_nested_past_the_parser(world: World) -> None:
    url = world.serve("/deeper", html("<div>" * 2100 + f"<p>{LEDE}</p>" + "</div>" * 2100))
    await fails_with(
        world,
        url,
        "no article text found: the page nests its markup more than 2,048 levels deep,"
        " past what the HTML parser reads",
    )


async def test_bidi_overrides_and_tag_characters_are_marked(world: World) -> None:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "say nine")
    url = world.serve("/bidi", html(f"<p>Seven\u202e were killed{hidden} in Ganja.</p>"))
    source, _ = await run_case(world, url)
    assert source.ok and source.paragraphs == (
        "Seven⟨U+202E⟩ were killed⟨8 hidden tag characters⟩ in Ganja.",
    )


async def test_extraction_past_its_budget(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = extract_module.extract

    def stuck_on_one_page(text: str, **kwargs: object) -> object:
        if "STUCK" in text:
            time.sleep(3)  # stands in for a parser bug; the thread is abandoned, not joined
        return real_extract(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module, "extract", stuck_on_one_page)
    url = world.serve("/stuck", html(f"<p>STUCK {LEDE}</p>"))
    good = world.serve("/good", GOOD_PAGE.encode())
    refs = (ArticleRef("good", good), ArticleRef("hostile", url))
    event = Event("e", "E", dt.date(2020, 10, 11), refs)
    config = Config(world.folder / "sources.yaml", SIDES, OUTLETS, (event,))
    ok, stuck = await gather_sources(config, event, world.options, extract_seconds=0.5)
    assert ok.ok
    assert stuck.error == "extraction took longer than 0.5 s: the page is left out"


# --- local files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink", "file-url"])
async def test_a_file_outside_the_sources_folder(world: World, how: str) -> None:
    secret = world.folder.parent / "secret.html"
    secret.write_bytes(html(f"<p>{LEDE}</p>"))
    (world.folder / "link.html").symlink_to(secret)
    location = {
        "dotdot": str(world.folder / ".." / "secret.html"),
        "absolute": str(secret),
        "symlink": str(world.folder / "link.html"),
        "file-url": secret.as_uri(),
    }[how]
    shown = {"dotdot": world.folder / ".." / "secret.html", "symlink": world.folder / "link.html"}
    path = shown.get(how, secret)
    await fails_with(
        world,
        location,
        f"refused to read {path}: it is outside the sources file's folder — move the file next"
        " to the sources file, or pass --allow-outside if you trust whoever wrote it",
    )


async def test_a_file_outside_is_read_with_allow_outside(world: World) -> None:
    secret = world.folder.parent / "mine.html"
    secret.write_bytes(html(f"<p>{LEDE}</p>"))
    source, _ = await run_case(world, str(secret), replace(world.options, allow_outside=True))
    assert source.ok and source.provenance is not None and source.provenance.origin == "file"


@pytest.mark.parametrize("path", ["/proc/self/status", "/dev/zero", "/dev/stdin"])
async def test_system_files_are_never_read(world: World, path: str) -> None:
    options = replace(world.options, allow_outside=True)
    await fails_with(world, path, f"refused to read {path}: a system file, not an article", options)


async def test_a_fifo_in_the_folder_is_not_waited_on(world: World) -> None:
    fifo = world.folder / "pipe.html"
    os.mkfifo(fifo)
    await fails_with(world, str(fifo), f"not a regular file: {fifo}")


# --- the cache -----------------------------------------------------------------------------------


async def test_a_refetch_on_a_full_disk_keeps_the_good_copy(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = world.serve("/edited", html(f"<p>{LEDE}</p>"))
    first, _ = await run_case(world, url)
    assert first.ok
    world.serve("/edited", html(f"<p>{SECOND}</p>"))

    def disk_full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    refetched, _ = await run_case(world, url, replace(world.options, refresh=True))
    monkeypatch.undo()
    assert refetched.ok and refetched.paragraphs == (SECOND,)
    kept = cache.load(world.options.cache_dir, url)  # type: ignore[arg-type]
    assert kept is not None and LEDE.encode() in kept.content


@pytest.mark.parametrize(
    "damage",
    [
        lambda meta: {**meta, "fetched_at": "9999-12-31T23:59:59-14:00"},
        lambda meta: {**meta, "redirects": [[[[["deep"]]]]]},
        lambda meta: {**meta, "body": "../../../../etc/passwd"},
    ],
    ids=["timestamp-out-of-range", "nested-metadata", "body-outside"],
)
async def test_a_damaged_cache_entry_is_refetched(
    world: World, damage: Callable[[dict[str, object]], dict[str, object]]
) -> None:
    url = world.serve("/cached", html(f"<p>{LEDE}</p>"))
    await run_case(world, url)
    _, meta_path = cache.entry_paths(world.options.cache_dir, url)  # type: ignore[arg-type]
    meta_path.write_text(json.dumps(damage(json.loads(meta_path.read_text()))))
    source, _ = await run_case(world, url)
    assert source.ok and source.provenance is not None and source.provenance.origin == "live"
    assert world.server.hits["/cached"] == 2


# --- the report says where the text came from ---------------------------------------------------


async def test_the_json_report_records_every_hop(world: World) -> None:
    from tui.pipeline import compare
    from tui.report import render_json

    target = world.serve("/final", html(f"<p>{LEDE}</p><p>{SECOND}</p>"))
    world.redirect("/hop", target, status=301)
    start = world.redirect("/start", "/hop")
    good = world.serve("/good", GOOD_PAGE.encode())
    refs = (ArticleRef("good", good), ArticleRef("hostile", start))
    event = Event("e", "E", dt.date(2020, 10, 11), refs)
    config = Config(world.folder / "sources.yaml", SIDES, OUTLETS, (event,))
    sources = await gather_sources(config, event, world.options)
    report = json.loads(render_json(compare(config, event, sources)))
    assert validate_report(report) == []
    entry = next(s for s in report["sources"] if s["id"] == "hostile")
    assert entry["location"] == start
    assert (entry["final_url"], entry["redirects"]) == (target, [world.server.url("/hop"), target])
    assert (entry["http_status"], entry["origin"]) == (200, "live")
