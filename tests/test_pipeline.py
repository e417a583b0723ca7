"""The pipeline end to end on local files and a local HTTP server: one bad source never stops
the others, progress is reported per source, and the Comparison holds every source."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tui.ingest.options import FetchOptions
from tui.model import ArticleRef, Config, Event, Lexicon, NameGroup, Outlet, Side
from tui.pipeline import EventLoader, compare, gather_sources, plan_sources
from tui.plan import Progress

ARMENIAN_PAGE = """<html><head><meta charset="utf-8"><title>Night of shelling</title></head><body>
<article>
<p>Azerbaijani forces shelled Stepanakert through the night, the Karabakh defence ministry said,
and residents spent hours in basements while explosions shook the town.</p>
<p>The ministry said Armenian units were keeping to the humanitarian truce agreed in Moscow and
called the claims that they had fired on Ganja an absolute lie.</p>
<p>Volunteers handed out bread and water in the shelters of the old quarter on Sunday morning.</p>
</article></body></html>"""

AZERBAIJANI_PAGE = """<html><head><meta charset="utf-8"><title>Ganja struck again</title></head>
<body><article>
<p>Armenian armed forces shelled Ganja overnight, killing seven civilians and wounding 33,
the foreign ministry of Azerbaijan said on Sunday.</p>
<p>The ministry said the strike on Ganja came less than a day after the humanitarian truce
agreed in Moscow was meant to take effect.</p>
<p>Rescue teams searched the ruins of a residential block in the city centre until dawn.</p>
</article></body></html>"""


def _config(tmp_path: Path, articles: tuple[ArticleRef, ...]) -> tuple[Config, Event]:
    sides = (
        Side("armenian", "Armenian", "#e67e22"),
        Side("azerbaijani", "Azerbaijani", "#3498db"),
    )
    outlets = (
        Outlet("courier", "Yerevan Courier", "armenian"),
        Outlet("herald", "Baku Herald", "azerbaijani"),
        Outlet("wire", "Global Wire", "azerbaijani"),
    )
    event = Event("ganja", "Ganja and Stepanakert shelled", dt.date(2020, 10, 11), articles)
    lexicon = Lexicon(
        names=(
            NameGroup(
                "stepanakert", (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi",)))
            ),
        ),
        denial=("absolute lie",),
    )
    return Config(tmp_path / "sources.yaml", sides, outlets, (event,), lexicon), event


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, Path]:
    armenian = tmp_path / "armenian.html"
    armenian.write_text(ARMENIAN_PAGE, encoding="utf-8")
    azerbaijani = tmp_path / "azerbaijani.html"
    azerbaijani.write_text(AZERBAIJANI_PAGE, encoding="utf-8")
    return armenian, azerbaijani


async def test_sources_from_disk_and_http_with_one_failure(
    tmp_path: Path, pages: tuple[Path, Path], httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ganja").respond_with_data(
        AZERBAIJANI_PAGE, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/gone").respond_with_data("no such page", status=404)
    config, event = _config(
        tmp_path,
        (
            ArticleRef("courier", str(pages[0])),
            ArticleRef("herald", httpserver.url_for("/ganja")),
            ArticleRef("wire", httpserver.url_for("/gone")),
        ),
    )
    seen: list[Progress] = []
    options = FetchOptions(cache_dir=tmp_path / "cache", retries=0, timeout=5)

    sources = await gather_sources(config, event, options, seen.append)

    assert [s.id for s in sources] == ["courier", "herald", "wire"]
    assert [s.status for s in sources] == ["ok", "ok", "error"]
    assert "404" in (sources[2].error or "")
    assert sources[1].sha256 and sources[1].fetched_at is not None
    assert any("seven civilians" in p for p in sources[1].paragraphs)
    finals = {p.source_id: p for p in seen if p.source is not None}
    assert finals["courier"].state == "done"
    assert finals["wire"].state == "error" and "404" in finals["wire"].detail
    assert all(p.source is None for p in seen if p.state in ("queued", "fetching"))


async def test_a_quick_source_is_ready_while_a_slow_one_is_still_fetching(
    tmp_path: Path, pages: tuple[Path, Path], httpserver: HTTPServer
) -> None:
    quick_one_done = threading.Event()
    held: list[bool] = []

    def slow(request: Request) -> Response:
        # Answer only once the quick source has been extracted and announced (or give up).
        held.append(quick_one_done.wait(timeout=10))
        return Response(AZERBAIJANI_PAGE, content_type="text/html; charset=utf-8")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    config, event = _config(
        tmp_path,
        (ArticleRef("courier", str(pages[0])), ArticleRef("herald", httpserver.url_for("/slow"))),
    )

    def on_progress(progress: Progress) -> None:
        if progress.source_id == "courier" and progress.source is not None:
            quick_one_done.set()

    options = FetchOptions(cache_dir=tmp_path / "cache", retries=0, timeout=20)
    sources = await gather_sources(config, event, options, on_progress)

    assert held == [True]  # the slow server was still holding its answer
    assert [s.status for s in sources] == ["ok", "ok"]


async def test_second_run_offline_comes_from_the_cache(
    tmp_path: Path, pages: tuple[Path, Path], httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ganja").respond_with_data(
        AZERBAIJANI_PAGE, content_type="text/html; charset=utf-8"
    )
    config, event = _config(tmp_path, (ArticleRef("herald", httpserver.url_for("/ganja")),))
    cache = tmp_path / "cache"
    await gather_sources(config, event, FetchOptions(cache_dir=cache, retries=0))
    httpserver.clear()

    seen: list[Progress] = []
    offline = FetchOptions(cache_dir=cache, offline=True)
    (source,) = await gather_sources(config, event, offline, seen.append)

    assert source.ok
    assert [p.state for p in seen if p.source is not None] == ["cached"]


async def test_a_page_without_text_is_an_error_source(
    tmp_path: Path, pages: tuple[Path, Path]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home | News</nav></body></html>", encoding="utf-8")
    config, event = _config(
        tmp_path, (ArticleRef("courier", str(empty)), ArticleRef("herald", str(pages[1])))
    )

    sources = await gather_sources(config, event, FetchOptions(cache_dir=tmp_path / "cache"))

    assert [s.status for s in sources] == ["error", "ok"]
    assert sources[0].error


async def test_loader_compares_what_it_loaded(tmp_path: Path, pages: tuple[Path, Path]) -> None:
    config, event = _config(
        tmp_path, (ArticleRef("courier", str(pages[0])), ArticleRef("herald", str(pages[1])))
    )
    loader = EventLoader(config, event, FetchOptions(cache_dir=tmp_path / "cache"))
    sources = await loader.load(lambda _progress: None)

    comparison = loader.compare(sources)

    assert [p.id for p in loader.plan()] == ["courier", "herald"]
    clustered = sorted((m.source, m.paragraph) for c in comparison.clusters for m in c.members)
    expected = sorted((s.id, i) for s in sources for i in range(len(s.paragraphs)))
    assert clustered == expected
    assert any(d.kind == "denial" for d in comparison.divergences)


def test_plan_suffixes_repeated_outlets(tmp_path: Path) -> None:
    config, event = _config(
        tmp_path,
        (
            ArticleRef("herald", "https://example.org/a"),
            ArticleRef("courier", "https://example.org/b"),
            ArticleRef("herald", "https://example.org/c"),
        ),
    )
    assert [p.id for p in plan_sources(config, event)] == ["herald", "courier", "herald-2"]


def test_compare_keeps_error_sources_and_the_clock_it_is_given(tmp_path: Path) -> None:
    config, event = _config(tmp_path, ())
    from tui.model import Source

    failed = Source(
        "wire", config.outlet("wire"), "https://example.org/x", "error", error="HTTP 500"
    )
    now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)

    comparison = compare(config, event, (failed,), now=now)

    assert comparison.sources == (failed,)
    assert comparison.clusters == () and comparison.divergences == ()
    assert comparison.generated_at == now
