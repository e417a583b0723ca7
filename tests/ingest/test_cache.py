"""The on-disk cache, on its own and as fetch_all uses it (against pytest-httpserver)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import platformdirs
import pytest
from pytest_httpserver import HTTPServer

from tui import files
from tui.ingest import cache
from tui.ingest.fetch import FetchOptions, FetchResult, FetchState, fetch_all

RUSSIAN_PAGE = (
    "<html><body><p>Министерство обороны назвало это заявление абсолютной ложью, "
    "а в Степанакерте снова звучали сирены.</p></body></html>"
)


@pytest.fixture(scope="module")
def http() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1")
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_server(http: HTTPServer) -> Iterator[None]:
    yield
    http.clear()


@pytest.fixture
def options(tmp_path: Path) -> FetchOptions:
    return FetchOptions(timeout=2.0, retries=0, cache_dir=tmp_path / "cache")


def publish(http: HTTPServer, path: str, html: str, charset: str = "utf-8") -> str:
    http.expect_request(path).respond_with_data(
        html.encode(charset), content_type=f"text/html; charset={charset}"
    )
    return http.url_for(path)


def requests_for(http: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in http.log if request.path == path)


async def fetch_with_states(
    location: str, options: FetchOptions
) -> tuple[FetchResult, list[tuple[FetchState, str]]]:
    events: list[tuple[FetchState, str]] = []
    [result] = await fetch_all(
        [location], options, lambda _, state, detail: events.append((state, detail))
    )
    return result, events


def entry(
    location: str = "https://example.org/ganja", content: bytes = b"<p>x</p>"
) -> cache.CacheEntry:
    return cache.CacheEntry(
        location=location,
        final_location=location + "?amp",
        media_type="text/html",
        encoding="utf-8",
        fetched_at=dt.datetime(2020, 10, 11, 6, 0, tzinfo=dt.UTC),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )


# --- the cache module -----------------------------------------------------------------------------


def test_store_then_load_round_trip(tmp_path: Path) -> None:
    cache.store(tmp_path, entry())
    assert cache.load(tmp_path, "https://example.org/ganja") == entry()
    assert cache.load(tmp_path, "https://example.org/other") is None


def test_layout_is_keyed_by_the_sha256_of_the_location(tmp_path: Path) -> None:
    location = "https://example.org/ganja"
    cache.store(tmp_path, entry(location))
    key = hashlib.sha256(location.encode()).hexdigest()
    digest = hashlib.sha256(b"<p>x</p>").hexdigest()
    body = tmp_path / key[:2] / f"{key}-{digest[:16]}.body"
    meta = tmp_path / key[:2] / f"{key}.json"
    assert body.read_bytes() == b"<p>x</p>"
    assert json.loads(meta.read_text()) == {
        "location": location,
        "final_location": location + "?amp",
        "media_type": "text/html",
        "encoding": "utf-8",
        "fetched_at": "2020-10-11T06:00:00+00:00",
        "sha256": digest,
        "body": body.name,
        "status": None,
        "redirects": [],
    }


def test_an_entry_in_the_earlier_layout_still_loads(tmp_path: Path) -> None:
    location = "https://example.org/ganja"
    key = hashlib.sha256(location.encode()).hexdigest()
    folder = tmp_path / key[:2]
    folder.mkdir()
    (folder / f"{key}.body").write_bytes(b"<p>x</p>")
    meta = {
        "location": location,
        "final_location": location + "?amp",
        "media_type": "text/html",
        "encoding": "utf-8",
        "fetched_at": "2020-10-11T06:00:00+00:00",
        "sha256": hashlib.sha256(b"<p>x</p>").hexdigest(),
    }
    (folder / f"{key}.json").write_text(json.dumps(meta))
    assert cache.load(tmp_path, location) == entry()
    cache.store(tmp_path, entry(content=b"<p>new</p>"))
    assert not (folder / f"{key}.body").exists()  # replaced, and only once the new one was whole


def test_store_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    cache.store(tmp_path, entry(content=b"<p>old</p>"))
    cache.store(tmp_path, entry(content=b"<p>new</p>"))
    loaded = cache.load(tmp_path, "https://example.org/ganja")
    assert loaded is not None and loaded.content == b"<p>new</p>"
    assert sorted(p.suffix for p in tmp_path.rglob("*") if p.is_file()) == [".body", ".json"]


@pytest.mark.parametrize("failing_write", [1, 2], ids=["body", "metadata"])
def test_a_failed_refetch_keeps_the_good_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_write: int
) -> None:
    cache.store(tmp_path, entry(content=b"<p>old</p>"))
    real_replace = files.os.replace
    writes = []

    def disk_full_at_one_write(source: str, target: str) -> None:
        writes.append(target)
        if len(writes) == failing_write:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", disk_full_at_one_write)
    with pytest.raises(OSError, match="No space left"):
        cache.store(tmp_path, entry(content=b"<p>new</p>"))
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []
    kept = cache.load(tmp_path, "https://example.org/ganja")
    assert kept is not None and kept.content == b"<p>old</p>"
    assert sorted(p.suffix for p in tmp_path.rglob("*") if p.is_file()) == [".body", ".json"]


def test_storing_the_same_bytes_again_keeps_one_body(tmp_path: Path) -> None:
    cache.store(tmp_path, entry())
    cache.store(tmp_path, replace(entry(), status=200, redirects=("https://example.org/b",)))
    loaded = cache.load(tmp_path, "https://example.org/ganja")
    assert loaded is not None and loaded.redirects == ("https://example.org/b",)
    assert loaded.status == 200
    assert sorted(p.suffix for p in tmp_path.rglob("*") if p.is_file()) == [".body", ".json"]


def test_temporary_files_of_dead_writers_are_swept(tmp_path: Path) -> None:
    cache.store(tmp_path, entry())
    folder = cache.entry_paths(tmp_path, "https://example.org/ganja")[0].parent
    dead, live = folder / ".tmp-dead", folder / ".tmp-live"
    dead.write_bytes(b"half")
    live.write_bytes(b"half")
    long_ago = time.time() - cache.STALE_TEMP_SECONDS - 60
    os.utime(dead, (long_ago, long_ago))
    cache.store(tmp_path, entry(content=b"<p>again</p>"))
    assert not dead.exists()
    assert live.exists()  # it may be another parallax writing right now


def damage_truncated_body(body: Path, meta: Path) -> None:
    body.write_bytes(body.read_bytes()[:3])


def damage_missing_body(body: Path, meta: Path) -> None:
    body.unlink()


def damage_half_written_json(body: Path, meta: Path) -> None:
    meta.write_text(meta.read_text()[:20])


def damage_json_not_an_object(body: Path, meta: Path) -> None:
    meta.write_text("[1, 2, 3]")


def damage_field_missing(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    del data["encoding"]
    meta.write_text(json.dumps(data))


def damage_other_location(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    data["location"] = "https://example.org/elsewhere"
    meta.write_text(json.dumps(data))


def damage_naive_timestamp(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    data["fetched_at"] = "2020-10-11T06:00:00"
    meta.write_text(json.dumps(data))


def damage_bad_timestamp(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    data["fetched_at"] = "yesterday"
    meta.write_text(json.dumps(data))


def damage_binary_metadata(body: Path, meta: Path) -> None:
    meta.write_bytes(b"\xff\xfe\x00garbage")


def damage_timestamp_out_of_range(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    data["fetched_at"] = "9999-12-31T23:59:59-14:00"  # valid ISO, but past year 9999 in UTC
    meta.write_text(json.dumps(data))


def damage_deeply_nested_metadata(body: Path, meta: Path) -> None:
    meta.write_text("[" * 100_000 + "]" * 100_000)


def damage_body_name_leaves_the_folder(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    data["body"] = "../../../etc/passwd"
    meta.write_text(json.dumps(data))


def damage_status_not_a_number(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    data["status"] = "200"
    meta.write_text(json.dumps(data))


Damage = Callable[[Path, Path], None]
DAMAGES: list[Damage] = [
    damage_truncated_body,
    damage_missing_body,
    damage_half_written_json,
    damage_json_not_an_object,
    damage_field_missing,
    damage_other_location,
    damage_naive_timestamp,
    damage_bad_timestamp,
    damage_binary_metadata,
    damage_timestamp_out_of_range,
    damage_deeply_nested_metadata,
    damage_body_name_leaves_the_folder,
    damage_status_not_a_number,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__.removeprefix("damage_"))
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: Damage) -> None:
    cache.store(tmp_path, entry())
    damage(*cache.entry_paths(tmp_path, "https://example.org/ganja"))
    assert cache.load(tmp_path, "https://example.org/ganja") is None


# --- fetch_all with the cache ---------------------------------------------------------------------


async def test_fetch_then_offline_hit(http: HTTPServer, options: FetchOptions) -> None:
    url = publish(http, "/ru", RUSSIAN_PAGE, "windows-1251")
    online, online_states = await fetch_with_states(url, options)
    assert online.document is not None and not online.document.from_cache
    assert [state for state, _ in online_states] == ["queued", "fetching", "done"]

    offline, offline_states = await fetch_with_states(url, replace(options, offline=True))
    assert offline.error is None and offline.document is not None
    assert offline.document.from_cache
    assert offline.document.text == RUSSIAN_PAGE
    assert offline.document.encoding == "cp1251"
    assert offline.document.fetched_at == online.document.fetched_at
    assert offline.document.sha256 == online.document.sha256
    assert offline.document.final_location == url
    assert [state for state, _ in offline_states] == ["queued", "cached"]
    assert "fetched " in offline_states[-1][1]
    assert requests_for(http, "/ru") == 1


async def test_cache_hit_without_offline_skips_the_network(
    http: HTTPServer, options: FetchOptions
) -> None:
    url = publish(http, "/twice", "<p>one</p>")
    await fetch_all([url], options)
    [again] = await fetch_all([url], options)
    assert again.document is not None and again.document.from_cache
    assert requests_for(http, "/twice") == 1


async def test_offline_miss_names_the_way_out(http: HTTPServer, options: FetchOptions) -> None:
    url = publish(http, "/never", "<p>x</p>")
    result, states = await fetch_with_states(url, replace(options, offline=True))
    assert result.error == (
        "not in the cache (run `parallax fetch` online first, or drop --offline)"
    )
    assert states[-1] == ("error", result.error)
    assert requests_for(http, "/never") == 0


async def test_refresh_refetches_and_overwrites(http: HTTPServer, options: FetchOptions) -> None:
    url = publish(http, "/edited", "<p>first version</p>")
    await fetch_all([url], options)
    http.clear()
    publish(http, "/edited", "<p>corrected version</p>")

    [stale] = await fetch_all([url], options)
    assert stale.document is not None and stale.document.text == "<p>first version</p>"

    [fresh] = await fetch_all([url], replace(options, refresh=True))
    assert fresh.document is not None and not fresh.document.from_cache
    assert fresh.document.text == "<p>corrected version</p>"

    [later] = await fetch_all([url], replace(options, offline=True))
    assert later.document is not None and later.document.text == "<p>corrected version</p>"


async def test_offline_wins_over_refresh(http: HTTPServer, options: FetchOptions) -> None:
    url = publish(http, "/both", "<p>cached</p>")
    await fetch_all([url], options)
    [result] = await fetch_all([url], replace(options, offline=True, refresh=True))
    assert result.document is not None and result.document.from_cache
    assert requests_for(http, "/both") == 1


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__.removeprefix("damage_"))
async def test_a_damaged_entry_is_refetched_and_repaired(
    http: HTTPServer,
    options: FetchOptions,
    damage: Damage,
) -> None:
    url = publish(http, "/fragile", "<p>whole</p>")
    await fetch_all([url], options)
    assert options.cache_dir is not None
    damage(*cache.entry_paths(options.cache_dir, url))
    [result] = await fetch_all([url], options)
    assert result.document is not None and result.document.text == "<p>whole</p>"
    assert not result.document.from_cache
    assert requests_for(http, "/fragile") == 2
    assert cache.load(options.cache_dir, url) is not None


async def test_an_unwritable_cache_does_not_fail_the_fetch(
    http: HTTPServer, options: FetchOptions, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    url = publish(http, "/ok", "<p>fine</p>")
    result, states = await fetch_with_states(url, replace(options, cache_dir=blocker))
    assert result.error is None and result.document is not None
    assert states[-1][0] == "done" and f"(not cached in {blocker}: " in states[-1][1]


def test_an_unusable_cache_folder_is_named_with_the_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert cache.unusable(blocker) == f"{blocker} is a file, not a folder"
    assert cache.unusable(blocker / "parallax" / "deeper") == f"{blocker} is a file, not a folder"
    assert cache.unusable(tmp_path / "not-yet" / "parallax") is None  # it will be made
    assert cache.unusable(tmp_path) is None
    assert not (tmp_path / "not-yet").exists()  # looking creates nothing


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is how Linux moves it")
async def test_default_cache_dir_is_the_user_cache(
    http: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_cache_dir() == Path(platformdirs.user_cache_dir("parallax"))
    url = publish(http, "/default", "<p>x</p>")
    await fetch_all([url], FetchOptions(timeout=2.0, retries=0))
    assert cache.load(tmp_path / "xdg" / "parallax", url) is not None
