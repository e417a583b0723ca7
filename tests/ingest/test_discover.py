"""`parallax discover` against feeds, sitemaps and robots.txt served from 127.0.0.1.

The outlets of the test config list their articles every way news sites do: an RSS 2.0 and an
Atom feed, a news sitemap behind a sitemap index, a plain sitemap found through robots.txt, and
one "feed" that is a web page. Every listing also carries entries that must not be proposed:
published outside the window, or about something else.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer

from tui.cli import main
from tui.config import ConfigError, find_problems, load_config
from tui.config.add_articles import insert_articles
from tui.ingest import feeds, sitemaps
from tui.ingest.discover import Keywords, discover, rank, untracked
from tui.ingest.entries import Entry, ListingError
from tui.ingest.options import FetchOptions
from tui.model import Event, Lexicon, NameGroup

DAY = dt.date(2020, 10, 11)
LEXICON = Lexicon(
    names=(
        NameGroup("stepanakert", (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi",)))),
    )
)


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Courier</title><link>{base}/</link>
<item><title>Stepanakert shelled again overnight</title>
  <link>{base}/a/stepanakert-shelled?utm_source=rss&amp;utm_medium=feed</link>
  <description>&lt;p&gt;Residents spent the night in basements.&lt;/p&gt;</description>
  <pubDate>Sun, 11 Oct 2020 07:15:00 +0400</pubDate></item>
<item><title>Ceasefire talks in Moscow</title><link>{base}/a/moscow-talks</link>
  <description>Ministers met for ten hours; Ganja was not mentioned.</description>
  <pubDate>Sat, 10 Oct 2020 02:00:00 GMT</pubDate></item>
<item><title>Harvest festival opens</title><link>{base}/a/harvest</link>
  <description>Apples and apricots.</description>
  <pubDate>Sun, 11 Oct 2020 09:00:00 GMT</pubDate></item>
<item><title>Stepanakert a year on</title><link>{base}/a/year-on</link>
  <pubDate>Mon, 11 Oct 2021 09:00:00 GMT</pubDate></item>
</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier opinion</title>
<id>{base}/atom</id><updated>2020-10-12T10:00:00Z</updated>
<entry><title>Why Ganja matters</title><link href="{base}/op/ganja"/>
  <id>{base}/op/ganja</id><updated>2020-10-12T10:00:00Z</updated>
  <summary>Shelling of Khankendi and Ganja in one weekend.</summary></entry>
<entry><title>Sunday in pictures</title><link href="{base}/op/pictures"/>
  <id>{base}/op/pictures</id><updated>2020-10-11T18:00:00Z</updated>
  <content type="html">&lt;p&gt;Queues for water in Stepanakert.&lt;/p&gt;</content></entry>
<entry><title>Ganja, ten years earlier</title><link href="{base}/op/old"/>
  <id>{base}/op/old</id><updated>2010-10-12T10:00:00Z</updated></entry>
</feed>"""


NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/h/3314640.html</loc><news:news>
  <news:publication><news:name>Herald</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2020-10-11T10:20:00+04:00</news:publication_date>
  <news:title>Seven civilians killed in Ganja, ministry says</news:title></news:news></url>
<url><loc>{base}/h/3314700.html</loc><news:news>
  <news:publication_date>2020-10-11T12:00:00+04:00</news:publication_date>
  <news:title>Exchange rates for Monday</news:title></news:news></url>
<url><loc>{base}/h/3200000.html</loc><news:news>
  <news:publication_date>2020-09-01T12:00:00+04:00</news:publication_date>
  <news:title>Ganja museum reopens</news:title></news:news></url>
</urlset>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/h/sitemap-2019-01.xml</loc><lastmod>2019-02-01</lastmod></sitemap>
<sitemap><loc>{base}/h/sitemap-news-2020-10.xml.gz</loc><lastmod>2020-10-31</lastmod></sitemap>
</sitemapindex>"""

PLAIN_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/w/2020/10/12/toll-in-ganja-rises-to-ten-a71713</loc>
  <lastmod>2020-10-12T08:00:00Z</lastmod></url>
<url><loc>{base}/w/2020/10/12/football-results</loc><lastmod>2020-10-12T08:00:00Z</lastmod></url>
</urlset>"""


WIRE_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/w/sitemap-2020-09.xml</loc><lastmod>2020-09-30</lastmod></sitemap>
<sitemap><loc>{base}/w/sitemap-2020-10.xml</loc><lastmod>2020-10-31</lastmod></sitemap>
</sitemapindex>"""


@pytest.fixture
def site(httpserver: HTTPServer, tmp_path: Path) -> Path:
    """Serve every listing and write a sources.yaml (with comments) that points at them."""
    base = httpserver.url_for("").rstrip("/")
    serve = httpserver.expect_request
    serve("/c/rss.xml").respond_with_data(rss(base), content_type="application/rss+xml")
    serve("/c/atom.xml").respond_with_data(atom(base), content_type="application/atom+xml")
    serve("/h/index.xml").respond_with_data(INDEX.format(base=base), content_type="text/xml")
    serve("/h/sitemap-news-2020-10.xml.gz").respond_with_data(
        gzip.compress(NEWS_SITEMAP.format(base=base).encode()), content_type="application/x-gzip"
    )
    serve("/robots.txt").respond_with_data(
        f"User-agent: *\nDisallow: /private/\nSitemap: {base}/w/index.xml\n",
        content_type="text/plain",
    )
    serve("/w/index.xml").respond_with_data(
        WIRE_INDEX.format(base=base), content_type="application/xml"
    )
    serve("/w/sitemap-2020-10.xml").respond_with_data(
        PLAIN_SITEMAP.format(base=base), content_type="application/xml"
    )
    serve("/bad/feed").respond_with_data(
        "<html><body><p>Our feeds have moved.</p></body></html>", content_type="text/html"
    )
    config = tmp_path / "sources.yaml"
    config.write_text(
        f"""\
# The editor's notes stay where they are.
sides:
  armenian: {{label: Armenian, colour: "#e69f00"}}
  azerbaijani: {{label: Azerbaijani, colour: "#56b4e9"}}
  international: {{label: International, colour: "#a0a0a0", neutral: true}}
outlets:
  courier:
    name: Yerevan Courier
    side: armenian
    feeds: ["{base}/c/rss.xml", "{base}/c/atom.xml"]
  herald: {{name: Baku Herald, side: azerbaijani, sitemap: "{base}/h/index.xml"}}
  wire: {{name: Global Wire, side: international, homepage: "{base}/"}}
  broken: {{name: Broken Post, side: international, feeds: ["{base}/bad/feed"]}}
events:
  ganja:
    title: Ganja and Stepanakert shelled
    date: 2020-10-11
    keywords: [Ganja, Stepanakert]   # the lexicon adds Khankendi
    # filled by parallax discover
    articles: []

  later:
    title: Something later
    date: 2020-11-10
    articles:
      - {{outlet: wire, url: "{base}/w/later"}}  # checked by hand
lexicon:
  names:
    stepanakert: {{armenian: [Stepanakert], azerbaijani: [Khankendi]}}
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def options(tmp_path: Path) -> FetchOptions:
    return FetchOptions(timeout=2, retries=0, cache_dir=tmp_path / "cache")


# --- end to end ------------------------------------------------------------------------------


async def test_discovers_from_feeds_and_sitemaps(
    site: Path, httpserver: HTTPServer, options: FetchOptions
) -> None:
    config = load_config(site)
    base = httpserver.url_for("").rstrip("/")

    found = await discover(config, config.event("ganja"), options)

    urls = [c.url for c in found.candidates]
    assert set(urls) == {
        f"{base}/a/stepanakert-shelled",  # RSS 2.0, title
        f"{base}/a/moscow-talks",  # RSS 2.0, keyword in the summary only
        f"{base}/op/ganja",  # Atom: Ganja in the title, Khankendi in the summary
        f"{base}/op/pictures",  # Atom: a keyword in the content, with no summary
        f"{base}/h/3314640.html",  # news sitemap behind an index, gzipped
        f"{base}/w/2020/10/12/toll-in-ganja-rises-to-ten-a71713",  # robots.txt → slug
    }
    assert urls[0] == f"{base}/op/ganja"  # both keywords, one of them through the lexicon
    assert urls[-1] == f"{base}/a/moscow-talks"  # a summary counts less than a title
    best = found.candidates[0]
    assert (best.outlet, best.matched) == ("courier", ("Ganja", "Stepanakert"))
    by_url = {c.url: c for c in found.candidates}
    assert by_url[f"{base}/h/3314640.html"].published == dt.datetime(
        2020, 10, 11, 6, 20, tzinfo=dt.UTC
    )
    assert by_url[f"{base}/w/2020/10/12/toll-in-ganja-rises-to-ten-a71713"].title == (
        "toll in ganja rises to ten"
    )
    assert found.problems == (f"broken ({base}/bad/feed): not an RSS or Atom feed",)
    asked = {request.path for request, _ in httpserver.log}
    assert "/h/sitemap-2019-01.xml" not in asked  # last changed before the window opened
    assert "/w/sitemap-2020-09.xml" not in asked
    assert {"/robots.txt", "/w/index.xml", "/w/sitemap-2020-10.xml"} <= asked


def test_cli_prints_articles_yaml_to_paste(
    site: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["discover", str(site), "--event", "ganja"])

    assert code == 1  # one listing could not be read
    captured = capsys.readouterr()
    pasted = yaml.safe_load(captured.out)
    base = httpserver.url_for("").rstrip("/")
    assert pasted["articles"][0] == {"outlet": "courier", "url": f"{base}/op/ganja"}
    assert len(pasted["articles"]) == 6
    assert "# 2020-10-12 · Yerevan Courier · Ganja, Stepanakert · Why Ganja matters" in (
        captured.out
    )
    assert "warning: broken (" in captured.err and "6 candidates from" in captured.err


def test_cli_write_adds_them_keeping_comments_and_order(
    site: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    before = site.read_text(encoding="utf-8")

    main(["discover", str(site), "--event", "ganja", "--write", "--limit", "2"])

    after = site.read_text(encoding="utf-8")
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert removed == ["    articles: []"]
    assert added[0] == "    articles:"  # in its place, then the two articles under it
    assert len(added) == 3 and all(line.startswith("      - {outlet: ") for line in added[1:])
    event = load_config(site).event("ganja")
    assert [ref.location for ref in event.articles] == [
        f"{httpserver.url_for('').rstrip('/')}/op/ganja",
        f"{httpserver.url_for('').rstrip('/')}/a/stepanakert-shelled",
    ]
    [backup] = site.parent.glob("sources.yaml.*.bak")
    assert backup.read_text(encoding="utf-8") == before
    assert "added 2 articles to ganja" in capsys.readouterr().err

    main(["discover", str(site), "--event", "ganja", "--write"])  # again: only the new ones
    assert len(load_config(site).event("ganja").articles) == 6


def test_cli_needs_keywords(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", str(site), "--event", "later"]) == 2
    assert "event 'later' has no keywords" in capsys.readouterr().err


# --- feeds and sitemaps on their own ---------------------------------------------------------


def test_a_feed_that_is_not_xml() -> None:
    with pytest.raises(ListingError, match="not an RSS or Atom feed"):
        feeds.read_feed(b"\x00\x01 binary junk", "http://127.0.0.1/feed")
    with pytest.raises(ListingError, match="not an RSS or Atom feed"):
        feeds.read_feed(b'{"items": "json, not a feed"}', "http://127.0.0.1/feed")


def test_a_stray_angle_bracket_in_a_summary_keeps_the_words_after_it() -> None:
    # "<" up to the next tag's ">" was one tag, and ate "b"; a run of them was quadratic.
    assert feeds._plain("a &lt; b <i>c</i>") == "a < b c"
    assert feeds._plain("a < b <i>c</i>") == "a < b c"
    assert feeds._plain("<" * 30_000 + "x") == "<" * 30_000 + "x"


def test_rss_dates_become_utc() -> None:
    [entry, *_] = feeds.read_feed(rss("http://x.test").encode(), "http://x.test/rss")
    assert entry.published == dt.datetime(2020, 10, 11, 3, 15, tzinfo=dt.UTC)
    assert entry.summary == "Residents spent the night in basements."


def test_a_sitemap_that_is_not_xml_or_not_a_sitemap() -> None:
    with pytest.raises(ListingError, match="not an XML sitemap"):
        sitemaps.parse_sitemap(b"<html><p>hi", "http://x.test/s.xml", 1000)
    with pytest.raises(ListingError, match="root element is <rss>"):
        sitemaps.parse_sitemap(rss("http://x.test").encode(), "http://x.test/s.xml", 100_000)
    bomb = gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>")
    with pytest.raises(ListingError, match="past the size limit"):
        sitemaps.parse_sitemap(bomb, "http://x.test/s.xml.gz", 1000)


def test_sitemap_entities_are_not_expanded() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.test/a'
        b"&x;</loc></url></urlset>"
    )
    [entry] = sitemaps.parse_sitemap(evil, "http://x.test/s.xml", 10_000).entries
    assert "root:" not in entry.url


def test_robots_names_its_sitemaps() -> None:
    text = (
        "User-agent: *\nDisallow: /x\nSitemap: https://x.test/a.xml\nsitemap: https://x.test/b.xml"
    )
    assert sitemaps.sitemaps_in_robots(text) == ["https://x.test/a.xml", "https://x.test/b.xml"]


def test_lexicon_names_count_as_one_keyword() -> None:
    keywords = Keywords(["Stepanakert", "shelling"], LEXICON)
    assert keywords.found("Khankendi shelled overnight") == {"Stepanakert", "shelling"}
    assert keywords.found("Stepanakertsi festival") == set()  # a whole word, not a prefix


def test_rank_ignores_the_window_and_keyword_misses() -> None:
    event = Event("e", "E", DAY, (), keywords=("Stepanakert",))
    at = dt.datetime(2020, 10, 11, 12, tzinfo=dt.UTC)
    entries = [
        ("a", Entry("http://x.test/1", "Stepanakert shelled", "", at)),
        ("a", Entry("http://x.test/2", "Stepanakert shelled", "", at + dt.timedelta(days=3))),
        ("a", Entry("http://x.test/3", "Weather", "", at)),
        ("a", Entry("http://x.test/4", "Stepanakert", "", None)),
        ("b", Entry("http://x.test/5", "Khankendi", "", at - dt.timedelta(days=2))),
    ]
    assert [c.url for c in rank(entries, event, LEXICON)] == ["http://x.test/1", "http://x.test/5"]


# --- --write on its own ----------------------------------------------------------------------

LINE = '- {outlet: wire, url: "https://x.test/new"}  # 2020-10-11 · Wire · Ganja · New'


def test_insert_after_the_last_article_keeps_comments() -> None:
    text = (
        "events:\n  e:\n    title: E\n    date: 2020-10-11\n    articles:\n"
        '      - {outlet: wire, url: "https://x.test/old"}  # why this one\n'
        "\n  # the next event\n  f:\n    title: F\n"
    )
    assert insert_articles(text, "e", [LINE]) == text.replace(
        "# why this one\n", f"# why this one\n      {LINE}\n"
    )


def test_insert_into_an_event_without_articles_key() -> None:
    text = "events:\n  e:\n    title: E\n    keywords: [Ganja]\n\n  f:\n    title: F\n"
    assert insert_articles(text, "e", [LINE]) == (
        "events:\n  e:\n    title: E\n    keywords: [Ganja]\n"
        f"    articles:\n      {LINE}\n\n  f:\n    title: F\n"
    )


def test_a_one_line_articles_list_is_refused() -> None:
    text = 'events:\n  e:\n    articles: [{outlet: wire, url: "https://x.test/old"}]\n'
    with pytest.raises(ConfigError, match=r"sources.yaml:3: .* written as \[\.\.\.\]"):
        insert_articles(text, "e", [LINE])


# --- the new keys in sources.yaml ------------------------------------------------------------

CONFIG = """\
sides:
  armenian: {label: Armenian, colour: "#e69f00"}
outlets:
  courier: {name: Courier, side: armenian, feeds: ["https://c.test/rss"], sitemap: "https://c.test/s.xml"}
events:
  ganja:
    title: Ganja shelled
    date: 2020-10-11
    keywords: [Ganja, Stepanakert]
"""


def test_an_event_with_keywords_may_wait_for_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    config = load_config(path)
    assert config.outlet("courier").feeds == ("https://c.test/rss",)
    assert config.outlet("courier").sitemap == "https://c.test/s.xml"
    event = config.event("ganja")
    assert (event.keywords, event.articles) == (("Ganja", "Stepanakert"), ())
    assert (
        "has no articles yet — run `parallax discover --event ganja`" in (find_problems(config)[0])
    )
    assert main(["report", str(path)]) == 2


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ('feeds: ["https://c.test/rss"]', 'feeds: ["c.test/rss"]', 4, "is not a web address"),
        (
            'feeds: ["https://c.test/rss"]',
            'feeds: ["https://c.test/rss", "https://c.test/rss"]',
            4,
            "is listed twice",
        ),
        ('sitemap: "https://c.test/s.xml"', "sitemap: [x]", 4, "must be text"),
        ("[Ganja, Stepanakert]", "[Ganja, ganja]", 9, "keyword 'ganja' of event 'ganja' is listed"),
        ("    keywords: [Ganja, Stepanakert]\n", "", 7, "has no 'articles'"),
        ("[Ganja, Stepanakert]", "{a: b}", 9, "must be a list of phrases"),
    ],
)
def test_new_keys_are_checked_with_file_and_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    line: int,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "sources.yaml"
    path.write_text(CONFIG.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert any(
        p.startswith(f"sources.yaml:{line}: ") and expected in p and " — " in p
        for p in caught.value.problems
    ), caught.value.problems


def test_pick_children_prefers_the_event_month_then_news_then_the_nearest_change() -> None:
    def at(day: str) -> dt.datetime:
        return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)

    children = (
        ("https://x.test/sitemap-1.xml", at("2026-11-30")),
        ("https://x.test/sitemap-2.xml", at("2020-10-31")),
        ("https://x.test/sitemap-old.xml", at("2019-01-31")),
        ("https://x.test/news-sitemap.xml", at("2026-12-01")),
        ("https://x.test/sitemap-2020-10.xml", None),
    )
    assert sitemaps.pick_children(children, DAY, 2, 3) == [
        "https://x.test/sitemap-2020-10.xml",
        "https://x.test/news-sitemap.xml",
        "https://x.test/sitemap-2.xml",
    ]


def test_insert_after_block_mapping_articles_with_windows_line_ends() -> None:
    text = (
        "events:\r\n  e:\r\n    articles:\r\n    - outlet: wire\r\n      url: https://x.test/a\r\n"
        "    # about f\r\n  f: {title: F}"
    )
    assert insert_articles(text, "e", [LINE]) == (
        "events:\r\n  e:\r\n    articles:\r\n    - outlet: wire\r\n      url: https://x.test/a\r\n"
        f"    {LINE}\r\n    # about f\r\n  f: {{title: F}}\r\n"
    )


def test_an_empty_list_keeps_its_comment() -> None:
    text = "events:\n  e:\n    articles: []  # to be found\n"
    assert insert_articles(text, "e", [LINE]) == (
        f"events:\n  e:\n    articles:  # to be found\n      {LINE}\n"
    )


def test_proposed_addresses_lose_their_tracking() -> None:
    assert untracked("https://x.test/a?id=7&utm_source=rss&fbclid=x#top") == "https://x.test/a?id=7"
    assert untracked("https://x.test/a") == "https://x.test/a"
    assert untracked("https://x.test/s?q=a%20b&p=2") == "https://x.test/s?q=a%20b&p=2"
