"""The web archive fallback against a fake availability API and snapshot server on 127.0.0.1.

One pytest-httpserver plays both the outlet (whose pages are gone, moved or alive) and a
Wayback-compatible archive: `/wayback/available` picks the snapshot closest to the timestamp it
is asked for, as the real one does, and `/web/<timestamp>id_/<url>` serves the snapshot with the
archive's toolbar still in it, as an archive that ignores `id_` would.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.test_cli import COURIER
from tests.test_cli import _config as cli_config
from tui.cli import ARCHIVE_ENV, main
from tui.config import load_config
from tui.ingest import archive
from tui.ingest.fetch import FetchOptions, FetchResult, fetch_all
from tui.ingest.provenance import provenance_of
from tui.model import Provenance
from tui.pipeline import compare, gather_sources
from tui.report import render_markdown
from tui.report.contract import validate_report

EVENT_DAY = dt.date(2020, 10, 11)
ARTICLE = (
    "<p>Seven civilians were killed and thirty-three wounded in Ganja overnight, the foreign "
    "ministry said on Sunday.</p><p>The defence ministry in Stepanakert called the claim an "
    "absolute lie and said its forces had not fired on the city.</p>"
)
TOOLBAR_HEAD = (
    '<script src="//archive.org/includes/athena.js" type="text/javascript"></script>'
    '<script type="text/javascript" src="/_static/js/wombat.js"></script>'
    '<link rel="stylesheet" href="/_static/css/banner-styles.css"/>'
    "<!-- End Wayback Rewrite JS Include -->"
)
TOOLBAR_BODY = (
    "<!-- BEGIN WAYBACK TOOLBAR INSERT -->"
    '<div id="wm-ipp-base"><p>The Wayback Machine has captured this URL 42 times between '
    "2020 and 2024. Donate to keep the archive going.</p></div>"
    "<!-- END WAYBACK TOOLBAR INSERT -->"
)


def root(server: HTTPServer) -> str:
    return server.url_for("").rstrip("/")


def snapshot_page(stamp: str, server: HTTPServer, original: str) -> str:
    link = f"{root(server)}/web/{stamp}/{original}-related"
    return (
        f"<html><head>{TOOLBAR_HEAD}<title>Ganja shelled ({stamp[:8]})</title></head><body>"
        f"{TOOLBAR_BODY}<article><h1>Ganja shelled</h1>{ARTICLE}"
        f'<p>Read more: <a href="{link}">related</a> copy {stamp[:8]}.</p></article>'
        "</body></html><!-- FILE ARCHIVED ON 09:30:00 Oct 11, 2020 AND RETRIEVED FROM THE "
        "INTERNET ARCHIVE ON 10:00:00 Jan 01, 2026. -->"
    )


class FakeArchive:
    """Snapshots by timestamp; answers the closest one, and counts what it was asked."""

    def __init__(self, server: HTTPServer, stamps: tuple[str, ...]) -> None:
        self.server = server
        self.stamps = stamps
        self.asked: list[dict[str, str]] = []
        self.snapshots_read: list[str] = []
        self.broken = False
        server.expect_request("/wayback/available").respond_with_handler(self.available)
        server.expect_request(re.compile(r"^/web/.*")).respond_with_handler(self.snapshot)

    def available(self, request: Request) -> Response:
        self.asked.append(dict(request.args))
        if self.broken:
            return Response("overloaded", status=503)
        url = request.args["url"]
        if not self.stamps:
            return Response(json.dumps({"url": url, "archived_snapshots": {}}))
        wanted = archive.parse_timestamp(request.args.get("timestamp", "99991231000000"))
        stamp = min(self.stamps, key=lambda s: abs(archive.parse_timestamp(s) - wanted))
        closest = {
            "status": "200",
            "available": True,
            "url": f"{root(self.server)}/web/{stamp}/{url}",
            "timestamp": stamp,
        }
        body = {"url": url, "archived_snapshots": {"closest": closest}}
        return Response(json.dumps(body), content_type="application/json")

    def snapshot(self, request: Request) -> Response:
        match = re.match(r"/web/(\d{14})id_/(.*)", request.full_path.rstrip("?"))
        if match is None:  # the reader-facing form, with the toolbar: we must never read it
            return Response("use id_", status=400)
        stamp, original = match.groups()
        self.snapshots_read.append(stamp)
        return Response(snapshot_page(stamp, self.server, original), content_type="text/html")


@pytest.fixture
def options(tmp_path: Path, httpserver: HTTPServer) -> FetchOptions:
    return FetchOptions(
        timeout=2,
        retries=0,
        cache_dir=tmp_path / "cache",
        archive=True,
        archive_near=EVENT_DAY,
        archive_base=root(httpserver),
    )


async def fetch_one(location: str, options: FetchOptions) -> FetchResult:
    [result] = await fetch_all([location], options)
    return result


# --- the archive's conventions ---------------------------------------------------------------


def test_raw_url_asks_for_the_bytes_without_the_toolbar() -> None:
    url = "https://web.archive.org/web/20201011093000/https://tass.com/world/1210927"
    assert archive.raw_url(url) == (
        "https://web.archive.org/web/20201011093000id_/https://tass.com/world/1210927"
    )
    rewritten = "https://web.archive.org/web/20201011093000im_/https://x.am/a"
    assert (
        archive.raw_url(rewritten) == "https://web.archive.org/web/20201011093000id_/https://x.am/a"
    )


def test_availability_asks_for_the_event_day() -> None:
    query = archive.availability_url("https://web.archive.org/", "https://x.am/a?id=1", EVENT_DAY)
    assert query == (
        "https://web.archive.org/wayback/available"
        "?url=https%3A%2F%2Fx.am%2Fa%3Fid%3D1&timestamp=20201011120000"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"archived_snapshots": {}}', "has no copy of this page"),
        (b"<html>busy</html>", "is not JSON"),
        (
            b'{"archived_snapshots": {"closest": {"available": true, "status": "404",'
            b' "url": "https://a.org/web/20201011000000/x", "timestamp": "20201011000000"}}}',
            "is itself an HTTP 404 page",
        ),
        (
            b'{"archived_snapshots": {"closest": {"available": true, "url": "javascript:x",'
            b' "timestamp": "20201011000000"}}}',
            "names no snapshot address",
        ),
    ],
)
def test_unusable_availability_answers(body: bytes, reason: str) -> None:
    with pytest.raises(archive.ArchiveError, match=reason):
        archive.parse_availability(body, "https://x.am/a")


def test_strip_archive_markup_leaves_the_page_alone(httpserver: HTTPServer) -> None:
    html = snapshot_page("20201011093000", httpserver, "http://site.example/a")
    stripped = archive.strip_archive_markup(html)
    for trace in ("wm-ipp", "Wayback", "athena.js", "_static", "FILE ARCHIVED", "/web/2020"):
        assert trace not in stripped
    assert ARTICLE in stripped
    assert 'href="http://site.example/a-related"' in stripped


@pytest.mark.parametrize(
    ("asked", "final", "landed"),
    [
        ("https://x.am/eng/news/1031192/", "https://x.am/", "the site's home page"),
        ("https://x.am/eng/news/1031192/", "https://x.am/eng/", "the site's home page"),
        ("https://x.am/news/1", "https://x.am/user/login?next=/news/1", "a login page"),
        ("https://x.am/news/1", "https://x.am/news/1/", None),
        ("https://x.am/news/1", "https://www.x.am/news/1", None),
        ("https://x.am/", "https://x.am/en/", None),
    ],
)
def test_dead_end_redirects(asked: str, final: str, landed: str | None) -> None:
    assert archive.dead_end(asked, final) == landed


# --- fetching through the archive ------------------------------------------------------------


async def test_a_gone_page_is_read_from_the_closest_snapshot(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20200101000000", "20201011093000", "20201120000000"))
    httpserver.expect_request("/news/1").respond_with_data("gone", status=404)
    url = httpserver.url_for("/news/1")

    result = await fetch_one(url, options)

    assert result.error is None and result.document is not None
    document = result.document
    assert fake.asked == [{"url": url, "timestamp": "20201011120000"}]
    assert fake.snapshots_read == ["20201011093000"]
    assert document.location == url
    assert document.snapshot == archive.Snapshot(
        url=f"{root(httpserver)}/web/20201011093000/{url}",
        archived_at=dt.datetime(2020, 10, 11, 9, 30, tzinfo=dt.UTC),
    )
    assert "wm-ipp" not in document.text and "Donate" not in document.text
    assert "absolute lie" in document.text
    provenance = provenance_of(document)
    assert (provenance.origin, provenance.status) == ("archive", 200)
    assert provenance.archive_url == document.snapshot.url


async def test_the_archive_failing_keeps_the_first_error_and_says_both(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20201011093000",))
    fake.broken = True
    httpserver.expect_request("/news/1").respond_with_data("gone", status=410)

    result = await fetch_one(httpserver.url_for("/news/1"), options)

    assert result.document is None
    assert result.error == (
        "HTTP 410 Gone; the web archive did not answer: HTTP 503 Service Unavailable"
    )


async def test_no_snapshot_at_all(httpserver: HTTPServer, options: FetchOptions) -> None:
    FakeArchive(httpserver, ())
    httpserver.expect_request("/news/1").respond_with_data("gone", status=404)
    result = await fetch_one(httpserver.url_for("/news/1"), options)
    assert result.error == "HTTP 404 Not Found; the web archive has no copy of this page"


async def test_no_archive_leaves_the_error_as_it_was(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20201011093000",))
    httpserver.expect_request("/news/1").respond_with_data("gone", status=404)
    result = await fetch_one(httpserver.url_for("/news/1"), replace(options, archive=False))
    assert result.error == "HTTP 404 Not Found"
    assert fake.asked == []


async def test_a_refusal_is_not_sent_to_the_archive(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20201011093000",))
    httpserver.expect_request("/news/1").respond_with_data("no", status=403)
    result = await fetch_one(httpserver.url_for("/news/1"), options)
    assert result.error is not None and result.error.startswith("HTTP 403 Forbidden")
    assert fake.asked == []


async def test_a_redirect_to_the_home_page_is_read_from_the_archive(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20201011093000",))
    httpserver.expect_request("/news/1").respond_with_data(
        "", status=301, headers={"Location": "/"}
    )
    httpserver.expect_request("/").respond_with_data(
        "<html><body><p>Today's headlines</p></body></html>", content_type="text/html"
    )

    result = await fetch_one(httpserver.url_for("/news/1"), options)

    assert result.document is not None and result.document.snapshot is not None
    assert fake.snapshots_read == ["20201011093000"]
    assert "Today's headlines" not in result.document.text


async def test_archive_first_reads_the_snapshot_of_a_live_page(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20201010000000", "20201013000000"))
    httpserver.expect_request("/news/1").respond_with_data(
        "<html><body><p>Updated: the page now says something else.</p></body></html>",
        content_type="text/html",
    )

    result = await fetch_one(httpserver.url_for("/news/1"), replace(options, archive_first=True))

    assert result.document is not None and result.document.snapshot is not None
    assert fake.snapshots_read == ["20201010000000"]  # 10 Oct 00:00 is nearer 11 Oct noon
    assert "absolute lie" in result.document.text


async def test_archive_first_falls_back_to_the_live_page(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    FakeArchive(httpserver, ())
    httpserver.expect_request("/news/1").respond_with_data(
        "<html><body><p>Live text.</p></body></html>", content_type="text/html"
    )
    result = await fetch_one(httpserver.url_for("/news/1"), replace(options, archive_first=True))
    assert result.document is not None and result.document.snapshot is None
    assert "Live text." in result.document.text


async def test_the_snapshot_and_the_lookup_come_back_from_the_cache_offline(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    fake = FakeArchive(httpserver, ("20201011093000",))
    httpserver.expect_request("/news/1").respond_with_data("gone", status=404)
    url = httpserver.url_for("/news/1")
    first = await fetch_one(url, options)

    again = await fetch_one(url, replace(options, offline=True))

    assert first.document is not None and again.document is not None
    assert again.document.snapshot == first.document.snapshot
    assert again.document.text == first.document.text
    assert provenance_of(again.document).origin == "archive"
    assert (len(fake.asked), fake.snapshots_read) == (1, ["20201011093000"])


async def test_offline_with_nothing_cached_says_so_once(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    result = await fetch_one(httpserver.url_for("/news/1"), replace(options, offline=True))
    assert result.error == (
        "not in the cache (run `parallax fetch` online first, or drop --offline);"
        " no archived copy in the cache either"
    )


# --- the report says so ----------------------------------------------------------------------


def _config(tmp_path: Path, url: str) -> Path:
    """test_cli's two outlets: the demo's courier from a file, the herald from `url`."""
    return cli_config(tmp_path, f'{COURIER}\n      - {{outlet: herald, url: "{url}"}}')


@pytest.fixture
def cli(tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line with a cache of the test's own and the fake archive as its archive."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(ARCHIVE_ENV, root(httpserver))


@pytest.mark.usefixtures("cli")
def test_report_marks_the_archived_source(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    FakeArchive(httpserver, ("20201011093000",))
    httpserver.expect_request("/news/1").respond_with_data("gone", status=404)
    url = httpserver.url_for("/news/1")
    config = _config(tmp_path, url)

    assert main(["report", str(config), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert validate_report(report) == []
    courier, herald = report["sources"]
    assert (courier["archived_from"], courier["archive_url"], courier["archived_at"]) == (
        None,
        None,
        None,
    )
    assert herald["status"] == "ok"
    assert herald["archived_from"] == url
    assert herald["archive_url"] == f"{root(httpserver)}/web/20201011093000/{url}"
    assert herald["archived_at"] == "2020-10-11T09:30:00Z"

    assert main(["report", str(config), "--offline"]) == 0
    markdown = capsys.readouterr().out
    row = next(line for line in markdown.splitlines() if line.startswith("| <b>Baku Herald"))
    assert "from the web archive: [snapshot of 2020-10-11 09:30 UTC](http://" in row

    assert main(["report", str(config), "--refresh", "--no-archive"]) == 1
    assert "HTTP 404 Not Found" in capsys.readouterr().err


# --- provenance and "save page now" ----------------------------------------------------------


async def test_every_source_says_where_its_bytes_came_from(
    tmp_path: Path, httpserver: HTTPServer, options: FetchOptions
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/news/2"}
    )
    httpserver.expect_request("/news/2").respond_with_data(
        f"<html><body><article>{ARTICLE}</article></body></html>", content_type="text/html"
    )
    config = load_config(_config(tmp_path, httpserver.url_for("/old")))
    event = config.event("ganja")

    courier, herald = await gather_sources(config, event, options)
    _, cached = await gather_sources(config, event, options)

    assert courier.provenance is not None and courier.provenance.origin == "file"
    assert herald.provenance == Provenance(
        final_url=httpserver.url_for("/news/2"),
        origin="live",
        status=200,
        redirects=(httpserver.url_for("/news/2"),),
    )
    assert herald.sha256 is not None and herald.fetched_at is not None
    assert cached.provenance is not None and cached.provenance.origin == "cache"
    assert (cached.sha256, cached.fetched_at) == (herald.sha256, herald.fetched_at)
    comparison = compare(config, event, (courier, herald))
    row = next(
        line
        for line in render_markdown(comparison).splitlines()
        if line.startswith("| <b>Baku Herald")
    )
    assert row.endswith(f"| ok, redirected to [localhost:{httpserver.port}/news/2]"
                        f"(http://localhost:{httpserver.port}/news/2) |")  # fmt: skip


@pytest.mark.usefixtures("cli")
def test_fetch_save_archive_names_each_snapshot(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    live = httpserver.url_for("/news/1")
    httpserver.expect_request("/news/1").respond_with_data(
        f"<html><body><article>{ARTICLE}</article></body></html>", content_type="text/html"
    )
    saved_at = f"{root(httpserver)}/web/20261201101500/{live}"
    httpserver.expect_request(f"/save/{live}").respond_with_data(
        "", status=302, headers={"Location": saved_at}
    )
    httpserver.expect_request(re.compile(r"^/web/.*")).respond_with_data(
        "<html><body><p>saved</p></body></html>", content_type="text/html"
    )
    config = _config(tmp_path, live)

    assert main(["fetch", str(config), "--save-archive"]) == 0
    err = capsys.readouterr().err
    assert f"archived herald: {saved_at}" in err
    assert "courier" not in err.split("archived", 1)[1]  # a local file is not the archive's job

    httpserver.clear()
    httpserver.expect_request("/news/1").respond_with_data(
        f"<html><body><article>{ARTICLE}</article></body></html>", content_type="text/html"
    )
    httpserver.expect_request(f"/save/{live}").respond_with_data("no", status=429)
    assert main(["fetch", str(config), "--save-archive", "--refresh"]) == 1
    assert "not archived herald: the web archive did not save it: HTTP 429" in (
        capsys.readouterr().err
    )
    assert main(["fetch", str(config), "--save-archive", "--offline"]) == 2

    httpserver.clear()  # an archive that answers with a page naming the new snapshot
    httpserver.expect_request("/news/1").respond_with_data(
        f"<html><body><article>{ARTICLE}</article></body></html>", content_type="text/html"
    )
    httpserver.expect_request(f"/save/{live}").respond_with_data(
        f'<html><body><a href="/web/20261201111111/{live}">saved</a></body></html>',
        content_type="text/html",
    )
    assert main(["fetch", str(config), "--save-archive", "--refresh"]) == 0
    assert f"archived herald: {root(httpserver)}/web/20261201111111/{live}" in (
        capsys.readouterr().err
    )


def test_the_wayback_answers_http_and_we_cite_https() -> None:
    body = (
        b'{"archived_snapshots": {"closest": {"available": true, "status": "200", "url":'
        b' "http://web.archive.org/web/20201011093000/https://x.am/a",'
        b' "timestamp": "20201011093000"}}}'
    )
    snapshot = archive.parse_availability(body, "https://x.am/a")
    assert snapshot.url == "https://web.archive.org/web/20201011093000/https://x.am/a"
