"""Getting every article of a comparison: over HTTP, from disk, or from the cache.

An editor compares a dozen outlets at once, and some of them will be slow, down, geo-blocked or
moved. So all sources are fetched at the same time through one shared client, every source
has its own time limit and a few retries, and a source that fails becomes a one-line error in
its `FetchResult` while the others go on. `fetch_all` itself never raises for a source.

What counts as one attempt: the whole request, redirects and body included, must finish within
`FetchOptions.timeout`; connection errors, time-outs and 5xx answers are retried up to
`retries` more times with exponential backoff, 4xx answers are not (they will not change).

Hostile sites are expected, not exceptional: a compressed body is undone layer by layer under
the body limit (`tui.ingest.decompress`), decoding runs in a worker thread so one source can
never stall the others, and every redirect hop is checked before it is followed: http(s) only,
never from https down to http, never onto a private or local address from a public one
(`tui.ingest.addresses`). The hops are kept in the `Document` so that a report can say where
the text really came from.

A sources file may be shared, so it must not be able to quote the editor's own files into a
report: with `local_root` set (the pipeline sets it to the sources file's folder), a local path
is read only if it resolves inside that folder, symlinks followed, unless `allow_outside` says
otherwise. System pseudo-files (/proc, /sys, /dev), devices and FIFOs are never read.

Local files (plain paths and file:// URLs) are read fresh every time and never cached; their
`fetched_at` is the file's modification time, so that a report made twice from the same files
says the same thing. `offline` takes precedence over `refresh`: with both set, the cache is
read.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import os
import re
import socket
import ssl
import stat
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx

from tui.files import is_outside, is_system_file
from tui.ingest import archive, cache, cache_limit, politeness
from tui.ingest.addresses import Resolver, internal_addresses, resolve
from tui.ingest.charset import decode, decode_as
from tui.ingest.decompress import (
    ACCEPT_ENCODING,
    DecompressionError,
    TooLarge,
    decompress,
    encodings,
)
from tui.ingest.options import FetchOptions
from tui.plan import ProgressState
from tui.text.clean import clean_line

FetchState = ProgressState  # a location's state is what the app shows as its source's
Origin = Literal["live", "cache", "file"]
ProgressCallback = Callable[[int, FetchState, str], None]
ResultCallback = Callable[[int, "FetchResult"], Awaitable[object]]
_Tell = Callable[[FetchState, str], None]

# At most this many requests are in flight at once: enough for a dozen outlets in one go,
# few enough not to look like a flood to any one site. A source's timer starts only once it
# has a slot, so waiting in line never counts against its timeout.
MAX_CONCURRENT = 16

ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,*/*;q=0.5"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = {
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
}
_GENERIC_TYPES = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
)
_TYPES_BY_SUFFIX = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}
# Formats a misconfigured server sends as application/octet-stream, recognised by their first
# bytes so the message can say what the file really is.
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
)
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<p")
# What an editor can do about a refusal that another attempt will not change.
_BLOCKED = "the site refuses automated requests: save the page from a browser and give its path"
_STATUS_HINTS = {
    401: _BLOCKED,
    403: _BLOCKED,
    451: "blocked where you are: save the page from a browser elsewhere and give its path",
    429: "the site is limiting requests: try again in a few minutes",
}
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CHARSET_PARAM_RE = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    location: str  # as asked for (URL, file:// URL, or path)
    final_location: str  # after redirects
    content: bytes
    text: str  # decoded
    media_type: str  # "text/html", "text/plain", "text/markdown"
    encoding: str  # the charset actually used
    fetched_at: dt.datetime  # timezone-aware UTC; for cache hits, when originally fetched
    sha256: str  # of content
    from_cache: bool
    origin: Origin = "live"  # "archive" is told by `snapshot`, see tui.ingest.provenance
    status: int | None = None  # HTTP status of the final answer; None for files and the cache
    redirects: tuple[str, ...] = ()  # every hop after the location asked for
    snapshot: archive.Snapshot | None = None  # set when the text is the web archive's copy


@dataclass(frozen=True)
class FetchResult:
    location: str
    document: Document | None
    error: str | None  # one line: what failed and, where useful, what to do


class FetchError(Exception):
    """A request failed for good; the message is the one line the user will read."""


class _Failure(FetchError):
    """A source failed for good; the message is the one line the user will read.

    `archivable` marks the failures a web archive copy can stand in for: the page is gone
    (404, 410), or the site does not answer (time-outs, connection errors, 5xx).
    """

    def __init__(self, message: str, *, archivable: bool = False) -> None:
        super().__init__(message)
        self.archivable = archivable


class _Transient(Exception):
    """An attempt failed in a way another attempt may not: `reason` says how.

    `wait` is how long the site asked us to wait first (Retry-After), if it said.
    """

    def __init__(self, reason: str, wait: float | None = None, archivable: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
        self.archivable = archivable


@dataclass(frozen=True)
class _Download:
    final_location: str
    content: bytes  # as received, still compressed
    content_type: str
    encodings: tuple[str, ...] = ()  # Content-Encoding, in the order the server applied them
    status: int | None = None
    redirects: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Context:
    client: httpx.AsyncClient
    gate: asyncio.Semaphore
    options: FetchOptions
    cache_dir: Path
    hosts: politeness.HostGates
    resolver: Resolver


Session = _Context  # what `session` yields, for `get_data`


async def fetch_all(
    locations: Sequence[str],
    options: FetchOptions = FetchOptions(),
    on_progress: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver = resolve,
) -> list[FetchResult]:
    """Fetch every location at once; results come back in the order of `locations`.

    A location listed twice is fetched once, and both of its indices hear about its progress.
    `on_result` is awaited for each index as soon as its location is done, so that a caller
    can go on with the quick sources while a slow one is still being waited for. `transport`
    and `resolver` stand in for the network in tests of hosts that are not this machine.
    """
    report: ProgressCallback = on_progress or _ignore_progress
    indices: dict[str, list[int]] = {}
    for index, location in enumerate(locations):
        indices.setdefault(location, []).append(index)
        report(index, "queued", "")
    async with session(options, transport=transport, resolver=resolver) as context:

        async def one(location: str, positions: list[int]) -> FetchResult:
            result = await _fetch_one(context, location, _teller(report, positions))
            if on_result is not None:
                for index in positions:
                    await on_result(index, result)
            return result

        results = await asyncio.gather(*(one(loc, pos) for loc, pos in indices.items()))
        if options.cache_max_bytes is not None and not options.offline:
            with contextlib.suppress(OSError):  # an over-full cache is no reason to fail
                await asyncio.to_thread(
                    cache_limit.evict, context.cache_dir, options.cache_max_bytes
                )
    by_location = dict(zip(indices, results, strict=True))
    return [by_location[location] for location in locations]


@contextlib.asynccontextmanager
async def session(
    options: FetchOptions,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver = resolve,
) -> AsyncIterator[Session]:
    """One client, one set of limits and one cache for a batch of requests.

    `fetch_all` runs in one; discovery and "save page now" open their own and go through
    `get_data`, so that every request Parallax makes keeps the same manners and limits.
    `transport` and `resolver` stand in for the network in tests of hosts that are not this
    machine.
    """
    limits = httpx.Limits(max_connections=MAX_CONCURRENT, max_keepalive_connections=MAX_CONCURRENT)
    headers = {
        "User-Agent": options.user_agent,
        "Accept": ACCEPT,
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    async with httpx.AsyncClient(
        headers=headers,
        limits=limits,
        timeout=options.timeout,
        follow_redirects=False,
        transport=transport,
        event_hooks={"response": [_refuse_unusable_location]},
    ) as client:
        yield _Context(
            client=client,
            gate=asyncio.Semaphore(MAX_CONCURRENT),
            options=options,
            cache_dir=Path(options.cache_dir or cache.default_cache_dir()),
            hosts=politeness.HostGates(options.per_host),
            resolver=resolver,
        )


async def get_data(
    context: Session, url: str, accept: Collection[str], tell: _Tell | None = None
) -> _Download:
    """A body that is not an article (a feed, a sitemap, an API answer), under the same limits.

    Raises `FetchError` with the one line to show; `accept` lists the media types wanted
    (a missing or generic Content-Type is let through for the caller to sniff).
    """
    target = _parse_location(url)
    if isinstance(target, Path):
        raise _Failure(f"not a web address: {clean_line(url)[:120]}")
    download = await _download(context, target, tell or _ignore_tell, accept)
    content = await asyncio.to_thread(_decompressed, download, context.options.max_bytes)
    return replace(download, content=content, encodings=())


def _ignore_tell(state: FetchState, detail: str) -> None:
    """Stands in when no one shows the progress of a request."""


def _ignore_progress(index: int, state: FetchState, detail: str) -> None:
    """Stands in when the caller does not want progress."""


def _teller(report: ProgressCallback, positions: list[int]) -> _Tell:
    """Progress for one location, told to every index it was listed at."""

    def tell(state: FetchState, detail: str) -> None:
        for index in positions:
            report(index, state, detail)

    return tell


async def _fetch_one(context: _Context, location: str, tell: _Tell) -> FetchResult:
    try:
        document, note = await _read(context, location, tell)
    except _Failure as failure:
        error = str(failure)
    except Exception as exc:  # a bug or an exotic failure must not take the other sources down
        error = f"unexpected error: {type(exc).__name__}: {clean_line(str(exc))}"
    else:
        state: FetchState = "cached" if document.from_cache else "done"
        tell(state, note)
        return FetchResult(location, document, None)
    tell("error", error)
    return FetchResult(location, None, error)


async def _get(context: _Context, location: str, tell: _Tell) -> tuple[Document, str]:
    """The document for one location and the detail line to show when it is done."""
    options = context.options
    target = _parse_location(location)
    if isinstance(target, Path):
        tell("fetching", "reading the file")
        document = await asyncio.to_thread(_read_local, location, target, options)
        return document, format_size(len(document.content))

    if options.offline or not options.refresh:
        document = await asyncio.to_thread(_from_cache, context.cache_dir, location)
        if document is not None:
            stamp = document.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
            return document, f"{format_size(len(document.content))}, fetched {stamp}"
        if options.offline:
            raise _Failure(
                "not in the cache (run `parallax fetch` online first, or drop --offline)",
                archivable=True,  # an archived copy may be in the cache
            )

    download = await _download(context, target, tell)
    document = await asyncio.to_thread(_downloaded_document, location, download, options.max_bytes)
    note = format_size(len(document.content))
    try:
        await asyncio.to_thread(cache.store, context.cache_dir, _cache_entry(document))
    except OSError as exc:
        note += f" (not cached in {context.cache_dir}: {exc.strerror or exc})"
    return document, note


# --- locations ----------------------------------------------------------------------------------


def _parse_location(location: str) -> httpx.URL | Path:
    """An http(s) URL to download or a local file to read; anything else is refused."""
    text = location.strip()
    if not text:
        raise _Failure("empty location: give an http(s) URL, a file:// URL or a file path")
    match = _SCHEME_RE.match(text)
    if match is None or len(match.group(1)) == 1:  # no scheme, or a Windows drive letter
        return Path(text).expanduser()
    scheme = match.group(1).lower()
    if scheme == "file":
        parts = urlsplit(text)
        if parts.netloc not in ("", "localhost"):
            raise _Failure(
                f"file:// URL names another host ({parts.netloc}): give a local path instead"
            )
        return Path(url2pathname(parts.path))
    if scheme not in ("http", "https"):
        raise _Failure(
            f"unsupported address scheme '{scheme}:' — give an http(s) URL, "
            "a file:// URL or a file path"
        )
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise _Failure(f"not a valid URL: {clean_line(str(exc))}") from None
    if not url.host:
        raise _Failure("not a valid URL: it has no host name")
    return url


def _read_local(location: str, path: Path, options: FetchOptions) -> Document:
    max_bytes = options.max_bytes
    try:
        if is_system_file(path):
            raise _Failure(f"refused to read {path}: a system file, not an article")
        if not options.allow_outside and is_outside(path, options.local_root):
            raise _Failure(
                f"refused to read {path}: it is outside the sources file's folder — move the"
                " file next to the sources file, or pass --allow-outside if you trust whoever"
                " wrote it"
            )
        # O_NONBLOCK: a FIFO put in the file's place after the check must not hang the read.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            if stat.S_ISDIR(status.st_mode):
                raise _Failure(f"is a directory, not a file: {path}")
            if not stat.S_ISREG(status.st_mode):  # a pipe or a device could block or never end
                raise _Failure(f"not a regular file: {path}")
            if status.st_size > max_bytes:
                raise _Failure(f"file larger than {format_size(max_bytes)} limit: {path}")
            content = handle.read(max_bytes + 1)
        modified = status.st_mtime
    except FileNotFoundError:
        raise _Failure(f"file not found: {path}") from None
    except IsADirectoryError:
        raise _Failure(f"is a directory, not a file: {path}") from None
    except PermissionError:
        raise _Failure(f"permission denied: {path}") from None
    except OSError as exc:
        raise _Failure(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(content) > max_bytes:  # it grew between stat and read
        raise _Failure(f"file larger than {format_size(max_bytes)} limit: {path}")
    document = _document(
        location=location,
        final_location=str(path),
        content=content,
        content_type=_TYPES_BY_SUFFIX.get(path.suffix.lower(), ""),
        name=path.name,
        fetched_at=dt.datetime.fromtimestamp(modified, dt.UTC),
    )
    return replace(document, origin="file")


def _decompressed(download: _Download, max_bytes: int) -> bytes:
    """A download's body with its Content-Encoding undone, within the body limit."""
    try:
        return decompress(download.content, download.encodings, max_bytes)
    except TooLarge:
        raise _Failure(
            f"body larger than {format_size(max_bytes)} limit once decompressed"
        ) from None
    except DecompressionError as exc:
        raise _Failure(f"the server sent a damaged compressed body: {exc}") from None


def _meta_refresh(download: _Download, max_bytes: int) -> str | None:
    """Where a downloaded page's <meta refresh> sends the reader, read from the decoded body."""
    return politeness.meta_refresh(_decompressed(download, max_bytes), download.final_location)


def _downloaded_document(location: str, download: _Download, max_bytes: int) -> Document:
    """Decompress and decode a download; in a worker thread, since both cost time."""
    document = _document(
        location=location,
        final_location=download.final_location,
        content=_decompressed(download, max_bytes),
        content_type=download.content_type,
        name=urlsplit(download.final_location).path,
    )
    return replace(document, status=download.status, redirects=download.redirects)


# --- HTTP ---------------------------------------------------------------------------------------


async def _download(
    context: _Context, url: httpx.URL, tell: _Tell, accept: Collection[str] | None = None
) -> _Download:
    """`accept` lists the media types wanted when they are not an article's (None)."""
    options = context.options
    attempts = max(options.retries, 0) + 1
    for attempt in range(1, attempts + 1):
        try:
            async with context.hosts.gate(url.host), context.gate:
                if attempt == 1:
                    tell("fetching", "")
                async with asyncio.timeout(options.timeout):
                    return await _attempt(context, url, accept)
        except (TimeoutError, httpx.TimeoutException):
            problem = _Transient(f"timed out after {options.timeout:g} s")
        except httpx.TransportError as exc:
            problem = _Transient(_describe_transport_error(exc))
        except httpx.DecodingError as exc:
            raise _Failure(
                f"the server sent a damaged compressed body: {clean_line(str(exc))}"
            ) from None
        except _Transient as exc:
            problem = exc
        if attempt < attempts:
            if problem.wait is None:
                delay, asked = options.backoff * 2 ** (attempt - 1), ""
            else:
                delay, asked = problem.wait, f" in {problem.wait:g} s as the site asked"
            tell("fetching", f"retry {attempt}/{options.retries}{asked} after {problem.reason}")
            await _pause(delay)
    suffix = f" ({attempts} attempts)" if attempts > 1 else ""
    raise _Failure(problem.reason + suffix, archivable=problem.archivable)  # always a problem


async def _pause(seconds: float) -> None:
    """The wait before a retry: one seam, so that a test sees how long it would be without
    spending it (a test that timed the wait would be a speed test)."""
    await asyncio.sleep(seconds)


async def _attempt(
    context: _Context, url: httpx.URL, accept: Collection[str] | None = None
) -> _Download:
    """One try at `url`, following redirects by hand to count them and check where they go."""
    options = context.options
    visited = [str(url)]
    # A source that is itself on a private address may redirect within its own network.
    private_ok = options.allow_private or await _is_internal_host(context, url)
    while True:
        response = await context.client.send(context.client.build_request("GET", url), stream=True)
        try:
            if not response.has_redirect_location:
                download = await _read_response(response, options, tuple(visited[1:]), accept)
                refresh = None
                if accept is None:  # an article page may send us on with <meta refresh>
                    refresh = await asyncio.to_thread(_meta_refresh, download, options.max_bytes)
                if refresh is None:
                    return download
                target = _redirect_target(url, refresh)
            else:
                target = _redirect_target(url, response.headers["location"])
        finally:
            await response.aclose()
        if len(visited) > options.max_redirects:
            loop = " (a redirect loop)" if str(target) in visited else ""
            raise _Failure(f"too many redirects (more than {options.max_redirects}){loop}")
        if url.scheme == "https" and target.scheme == "http":
            raise _Failure(
                f"redirected from https to plain http ({_shown(target)}): refused, since the"
                " page could be altered on the way — give the https address if there is one"
            )
        if not private_ok and await _is_internal_host(context, target):
            raise _Failure(
                f"redirected to a private or local address ({_shown(target)}): refused — "
                "pass --allow-private if this site really lives on your network"
            )
        visited.append(str(target))
        url = target


async def _refuse_unusable_location(response: httpx.Response) -> None:
    """Check a Location header before httpx builds the next request from it, which raises a
    bare InvalidURL for `javascript:` and the like even when redirects are not followed."""
    if response.has_redirect_location:
        _redirect_target(response.request.url, response.headers["location"])


def _redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    """The absolute URL a Location header points at, or a `_Failure` saying why not."""
    text = location.strip()
    scheme = _SCHEME_RE.match(text)
    if scheme is not None and scheme.group(1).lower() not in ("http", "https"):
        raise _Failure(f"redirected to an unsupported address: {clean_line(text)[:100]}")
    try:
        target = current.join(text)
    except httpx.InvalidURL as exc:
        raise _Failure(f"redirected to an invalid address: {clean_line(str(exc))}") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise _Failure(f"redirected to an invalid address: {_shown(target)}")
    return target


async def _is_internal_host(context: _Context, url: httpx.URL) -> bool:
    """Whether `url`'s host resolves to any private or local address.

    A name that cannot be resolved is not internal: the connection will fail on its own.
    """
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        return bool(await internal_addresses(url.host, port, context.resolver))
    except (OSError, UnicodeError):
        return False


def _shown(url: httpx.URL) -> str:
    return clean_line(str(url))[:120]


async def _read_response(
    response: httpx.Response,
    options: FetchOptions,
    redirects: tuple[str, ...],
    accept: Collection[str] | None = None,
) -> _Download:
    # The standard phrase, not the server's: the same failure reads the same for every outlet.
    code = response.status_code
    phrase = httpx.codes.get_reason_phrase(code) or clean_line(response.reason_phrase)[:60]
    status = f"HTTP {code} {phrase}".rstrip()
    if code in (429, 503):
        wait = politeness.retry_after(response.headers.get("retry-after"))
        if wait is not None and wait > options.max_retry_after:
            raise _Failure(
                f"{status} — the site asks to wait {wait:.0f} s, more than the"
                f" {options.max_retry_after:g} s limit: try again later",
                archivable=code == 503,
            )
        if wait is not None or code == 503:
            raise _Transient(status, wait=wait, archivable=code == 503)
    if code >= 500:
        raise _Transient(status)
    if not 200 <= code < 300:
        hint = _STATUS_HINTS.get(code)
        raise _Failure(f"{status} — {hint}" if hint else status, archivable=code in (404, 410))
    content_type = response.headers.get("content-type", "")
    declared = _mime(content_type)
    if accept is not None:
        if declared not in accept and declared not in _GENERIC_TYPES:
            raise _Failure(f"unexpected content type {clean_line(declared)[:80]}")
    elif not (declared in _HTML_TYPES or declared in _TEXT_TYPES or declared in _GENERIC_TYPES):
        raise _not_an_article(declared)  # before reading a body that would be thrown away
    try:
        applied = encodings(response.headers.get("content-encoding", ""))
    except DecompressionError as exc:
        raise _Failure(str(exc)) from None
    limit = f"body larger than {format_size(options.max_bytes)} limit"
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise _Failure(f"{limit} (Content-Length {format_size(int(length))})")
    chunks: list[bytes] = []
    received = 0
    # Raw bytes, counted as they arrive; decompression happens later, bounded, off the loop.
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > options.max_bytes:
            raise _Failure(limit)
        chunks.append(chunk)
    return _Download(
        final_location=str(response.url),
        content=b"".join(chunks),
        content_type=content_type,
        encodings=applied,
        status=code,
        redirects=redirects,
    )


def _describe_transport_error(exc: httpx.TransportError) -> str:
    """Name the real cause, which httpx wraps in generic messages several layers deep."""
    causes = list(_exception_chain(exc))
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "connection refused"
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return "host not found (check the URL, or your network)"
    if any(isinstance(cause, ssl.SSLError) for cause in causes):
        return f"TLS error: {clean_line(str(causes[-1]))}"
    if any(isinstance(cause, ConnectionResetError) for cause in causes):
        return "connection reset by the server"
    message = clean_line(str(causes[-1])) or type(causes[-1]).__name__
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke off the response: {message}"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {message}"
    return f"network error: {message}"


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


# --- documents ----------------------------------------------------------------------------------


def _document(
    *,
    location: str,
    final_location: str,
    content: bytes,
    content_type: str,
    name: str,
    fetched_at: dt.datetime | None = None,
    status: int | None = None,
    redirects: tuple[str, ...] = (),
) -> Document:
    media_type = _media_type(_mime(content_type), content, name)
    if not content.strip():
        raise _Failure("empty document: the page has no content")
    decoded = decode(content, _charset_param(content_type), html=media_type == "text/html")
    return Document(
        location=location,
        final_location=final_location,
        content=content,
        text=decoded.text,
        media_type=media_type,
        encoding=decoded.encoding,
        fetched_at=fetched_at or dt.datetime.now(dt.UTC),
        sha256=hashlib.sha256(content).hexdigest(),
        from_cache=False,
        status=status,
        redirects=redirects,
    )


def _media_type(declared: str, content: bytes, name: str) -> str:
    """The article media type of a body, or a `_Failure` saying it is not an article.

    `declared` is the MIME type the server (or the file suffix) claims, `name` the path of the
    URL or file, used when the claim is missing or generic.
    """
    for magic, sniffed in _MAGIC:
        if content.startswith(magic) and (declared in _GENERIC_TYPES or magic == b"%PDF-"):
            raise _not_an_article(sniffed)
    by_suffix = _TYPES_BY_SUFFIX.get(Path(name).suffix.lower())
    if declared in _HTML_TYPES:
        return "text/html"
    if declared in _TEXT_TYPES:
        # Code hosts serve raw Markdown as text/plain; the suffix knows better.
        return "text/markdown" if by_suffix == "text/markdown" else _TEXT_TYPES[declared]
    if declared not in _GENERIC_TYPES:
        raise _not_an_article(declared)
    if by_suffix is not None:
        return by_suffix
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and any(marker in head for marker in _HTML_MARKERS):
        return "text/html"
    if b"\x00" not in head:
        return "text/plain"
    raise _not_an_article(declared or "unknown binary data")


def _not_an_article(media_type: str) -> _Failure:
    shown = clean_line(media_type)[:80]  # it may come from the server's header
    return _Failure(f"not an article page: {shown} — give the URL of the HTML page")


def _mime(content_type: str) -> str:
    return content_type.partition(";")[0].strip().lower()


def _charset_param(content_type: str) -> str | None:
    match = _CHARSET_PARAM_RE.search(content_type.partition(";")[2])
    return match.group(1) if match else None


# --- cache --------------------------------------------------------------------------------------


def _from_cache(cache_dir: Path, location: str) -> Document | None:
    entry = cache.load(cache_dir, location)
    if entry is None or entry.media_type not in ("text/html", "text/plain", "text/markdown"):
        return None
    cache_limit.touch(cache_dir, location)
    try:
        text = decode_as(entry.content, entry.encoding)
    except LookupError:  # an encoding name this Python does not know: refetch
        return None
    return Document(
        location=location,
        final_location=entry.final_location,
        content=entry.content,
        text=text,
        media_type=entry.media_type,
        encoding=entry.encoding,
        fetched_at=entry.fetched_at,
        sha256=entry.sha256,
        from_cache=True,
        origin="cache",
        status=entry.status,
        redirects=entry.redirects,
    )


def _cache_entry(document: Document) -> cache.CacheEntry:
    return cache.CacheEntry(
        location=document.location,
        final_location=document.final_location,
        media_type=document.media_type,
        encoding=document.encoding,
        fetched_at=document.fetched_at,
        sha256=document.sha256,
        content=document.content,
        status=document.status,
        redirects=document.redirects,
    )


# --- text ---------------------------------------------------------------------------------------


def format_size(size: int) -> str:
    """'8 MiB' for a round limit, '48.2 KiB' for a page, '512 bytes' for a snippet."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if size % scale == 0 else f"{value:.1f} {unit}"
    return f"{size} bytes"


# --- the web archive ----------------------------------------------------------------------------


async def _read(context: _Context, location: str, tell: _Tell) -> tuple[Document, str]:
    """The live page, or the web archive's copy when the live one is gone or not wanted.

    With `archive_first` the snapshot nearest the event is read even when the page answers (for
    what was published then); the live page is the fallback. Otherwise the archive stands in for
    a page that is gone, a site that does not answer, or a redirect to a home or login page.
    Either way, when both fail the message gives both reasons.
    """
    options = context.options
    if not options.archive or isinstance(_parse_location(location), Path):
        return await _get(context, location, tell)
    if options.archive_first:
        try:
            return await _from_archive(context, location, tell)
        except _Failure as missing:
            tell("fetching", f"{missing}; reading the live page")
            try:
                document, note = await _get(context, location, tell)
            except _Failure as failure:
                raise _Failure(f"{failure}; {missing}") from None
            return document, f"{note} (live page: {missing})"
    try:
        document, note = await _get(context, location, tell)
    except _Failure as failure:
        if not failure.archivable:
            raise
        problem = str(failure)
    else:
        landed = archive.dead_end(location, document.final_location)
        if landed is None:
            return document, note
        problem = f"redirected to {landed} ({clean_line(document.final_location)[:120]})"
    tell("fetching", f"{problem}; asking the web archive")
    try:
        document, note = await _from_archive(context, location, tell)
    except _Failure as missing:
        raise _Failure(f"{problem}; {missing}") from None
    return document, f"{note}; live page: {problem}"


async def _from_archive(context: _Context, location: str, tell: _Tell) -> tuple[Document, str]:
    """The snapshot of `location` closest to the event, through the same client and cache."""
    options = context.options
    query = archive.availability_url(options.archive_base, location, options.archive_near)
    body = await _lookup(context, query, tell)
    try:
        snapshot = archive.parse_availability(body, location)
    except archive.ArchiveError as exc:
        raise _Failure(str(exc)) from None
    try:
        document, note = await _get(context, archive.raw_url(snapshot.url), tell)
    except _Failure as failure:
        raise _Failure(f"the web archive's copy could not be read: {failure}") from None
    text = document.text
    if document.media_type == "text/html":
        text = await asyncio.to_thread(archive.strip_archive_markup, text)
    archived = replace(document, location=location, text=text, snapshot=snapshot)
    stamp = snapshot.archived_at.strftime("%Y-%m-%d %H:%M UTC")
    return archived, f"{note}, from the web archive (snapshot of {stamp})"


async def _lookup(context: _Context, url: str, tell: _Tell) -> bytes:
    """An archive API answer, cached like a page so that --offline finds the snapshot again."""
    options = context.options
    if options.offline or not options.refresh:
        entry = await asyncio.to_thread(cache.load, context.cache_dir, url)
        if entry is not None:
            await asyncio.to_thread(cache_limit.touch, context.cache_dir, url)
            return entry.content
        if options.offline:
            raise _Failure("no archived copy in the cache either")
    try:
        download = await _download(context, httpx.URL(url), tell, accept=archive.JSON_TYPES)
    except _Failure as failure:
        raise _Failure(f"the web archive did not answer: {failure}") from None
    entry = cache.CacheEntry(
        location=url,
        final_location=download.final_location,
        media_type="application/json",
        encoding="utf-8",
        fetched_at=dt.datetime.now(dt.UTC),
        sha256=hashlib.sha256(download.content).hexdigest(),
        content=download.content,
    )
    # The answer is fine even if it cannot be kept; asking again next time costs one request.
    with contextlib.suppress(OSError):
        await asyncio.to_thread(cache.store, context.cache_dir, entry)
    return download.content
