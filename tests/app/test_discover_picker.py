"""The event picker's "discover articles", against a feed served on 127.0.0.1 by the test.

The app is built as `parallax open` builds it (tui.app.run.build_app with the pipeline's loader
factory and finder), over a sources.yaml in a temporary folder whose outlet lists that feed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from textual.widgets import OptionList, SelectionList, Static

from tui.app import ParallaxApp
from tui.app.discovering import DiscoverScreen
from tui.app.run import build_app
from tui.app.screens import EventPickerScreen
from tui.config import load_config
from tui.ingest.options import FetchOptions
from tui.pipeline import loader_factory

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Courier</title><link>{base}/</link>
<item><title>Stepanakert shelled again overnight</title><link>{base}/a/shelled</link>
  <pubDate>Sun, 11 Oct 2020 07:15:00 +0400</pubDate></item>
<item><title>Ganja counts its dead</title><link>{base}/a/ganja</link>
  <pubDate>Mon, 12 Oct 2020 09:00:00 GMT</pubDate></item>
<item><title>Harvest festival opens</title><link>{base}/a/harvest</link>
  <pubDate>Sun, 11 Oct 2020 09:00:00 GMT</pubDate></item>
</channel></rss>"""

CONFIG = """\
# The editor's notes stay where they are.
sides:
  armenian: {{label: Armenian, colour: "#e69f00"}}
  azerbaijani: {{label: Azerbaijani, colour: "#56b4e9"}}
outlets:
  courier: {{name: Yerevan Courier, side: armenian, feeds: ["{base}/c/rss.xml"]}}
  broken: {{name: Broken Post, side: azerbaijani, feeds: ["{base}/bad/feed"]}}
events:
  ganja:
    title: Ganja and Stepanakert shelled
    date: 2020-10-11
    keywords: [Ganja, Stepanakert]
    articles: []  # to be found
  later:
    title: Something later
    date: 2020-11-10
    articles:
      - {{outlet: courier, url: "{base}/a/later"}}  # checked by hand
"""


@pytest.fixture
def site(httpserver: HTTPServer, tmp_path: Path) -> Path:
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/c/rss.xml").respond_with_data(
        FEED.format(base=base), content_type="application/rss+xml"
    )
    httpserver.expect_request("/bad/feed").respond_with_data(
        "<html><body><p>Our feeds have moved.</p></body></html>", content_type="text/html"
    )
    for path in ("/a/shelled", "/a/ganja"):
        httpserver.expect_request(path).respond_with_data(
            "<html><head><title>Courier</title></head><body><article><p>Shells fell on the"
            " city overnight and residents spent the night in basements, officials said."
            "</p></article></body></html>",
            content_type="text/html; charset=utf-8",
        )
    path = tmp_path / "sources.yaml"
    path.write_text(CONFIG.format(base=base), encoding="utf-8")
    return path


def picker_app(site: Path, tmp_path: Path) -> ParallaxApp:
    config = load_config(site)
    options = FetchOptions(timeout=2, retries=0, cache_dir=tmp_path / "cache")
    app = build_app(config, None, loader_factory(config, options), review_dir=tmp_path / "r")
    app._open_brief = False  # the brief would cover the grid the test looks at
    return app


async def choose(pilot, option_id: str) -> None:
    options = pilot.app.screen.query_one(OptionList)
    options.highlighted = options.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


async def proposals_shown(pilot, screen: DiscoverScreen) -> str:
    """Wait for the worker to finish; the screen's message as plain text."""
    for _ in range(200):
        await pilot.pause()
        message = str(screen.query_one("#discover-message", Static).render())
        if screen.proposals is not None or "sources.yaml" in message:
            return message
        await asyncio.sleep(0.02)
    raise AssertionError("discovery never finished")


async def test_discover_offers_the_feeds_articles_and_adds_the_checked_ones(
    site: Path, tmp_path: Path
) -> None:
    before = site.read_text(encoding="utf-8")
    app = picker_app(site, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EventPickerScreen)
        lines = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert sum("discover articles" in line for line in lines) == 1  # only ganja is empty
        assert "no articles yet" in lines[0] and "no articles yet" not in lines[-1]
        await choose(pilot, "discover #0")
        screen = app.screen
        assert isinstance(screen, DiscoverScreen)

        message = await proposals_shown(pilot, screen)

        assert screen.proposals is not None
        titles = [p.title for p in screen.proposals.found]
        assert sorted(titles) == ["Ganja counts its dead", "Stepanakert shelled again overnight"]
        assert "2020-10-09 to 2020-10-13" in message
        assert "not an RSS or Atom feed" in message  # the broken outlet, in one line
        listing = screen.query_one(SelectionList)
        assert len(listing.selected) == 2  # all checked to start with
        listing.deselect(titles.index("Ganja counts its dead"))
        await pilot.press("tab")  # from the list to its buttons, as in any modal screen
        assert app.focused is screen.query_one("#add")
        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(app.screen, (DiscoverScreen, EventPickerScreen))
        assert any("Added 1 articles to ganja" in n.message for n in app._notifications)
        assert app.session.loader is not None
        articles = app.session.loader.event.articles  # the config as it is now on disk
        assert [a.location for a in articles] == [httpserver_url(site, "/a/shelled")]
    after = site.read_text(encoding="utf-8")
    assert after.startswith("# The editor's notes stay where they are.\n")
    assert "/a/shelled" in after and "/a/ganja" not in after
    assert "# 2020-10-11 · Yerevan Courier · Stepanakert · Stepanakert shelled" in after
    backups = list(site.parent.glob("sources.yaml.*.bak"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [before]


def httpserver_url(site: Path, path: str) -> str:
    """The served address of `path`, read back from the feed line in the config."""
    config = load_config(site)
    feed = next(o for o in config.outlets if o.id == "courier").feeds[0]
    return feed.removesuffix("/c/rss.xml") + path


async def test_a_config_broken_meanwhile_is_one_message_and_changes_nothing(
    site: Path, tmp_path: Path
) -> None:
    app = picker_app(site, tmp_path)
    # The editor deletes the event's keywords while the picker is open: its empty list is
    # no longer allowed, and discovery reads the file as it is now.
    text = site.read_text(encoding="utf-8").replace("    keywords: [Ganja, Stepanakert]\n", "")
    site.write_text(text, encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await choose(pilot, "discover #0")
        screen = app.screen
        assert isinstance(screen, DiscoverScreen)

        message = await proposals_shown(pilot, screen)

        assert "sources.yaml:12: the articles of event 'ganja' must be a list" in message
        assert screen.proposals is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EventPickerScreen)  # back to the list, nothing started
        assert app.session.loader is None
    assert site.read_text(encoding="utf-8") == text
    assert not list(site.parent.glob("*.bak"))


async def test_a_write_that_fails_is_one_message_and_the_file_stays(
    site: Path, tmp_path: Path
) -> None:
    app = picker_app(site, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await choose(pilot, "discover #0")
        screen = app.screen
        assert isinstance(screen, DiscoverScreen)
        await proposals_shown(pilot, screen)
        # The editor rewrote the event's list on one line meanwhile: it cannot take new lines.
        text = site.read_text(encoding="utf-8").replace(
            "articles: []  # to be found", 'articles: [{outlet: courier, url: "https://x.test/a"}]'
        )
        site.write_text(text, encoding="utf-8")
        await pilot.click("#add")
        await pilot.pause()

        assert app.screen is screen  # still there, saying why
        message = str(screen.query_one("#discover-message", Static).render())
        assert message.startswith("Nothing was added: sources.yaml:")
        assert "written as [...]" in message
    assert site.read_text(encoding="utf-8") == text
