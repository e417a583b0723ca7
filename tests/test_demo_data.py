"""The bundled offline demo: four news pages in the team's own words that carry the real
figures of 11 October 2020 and disagree the way the real coverage does."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tui.config import DEMO_EVENT, bundled_config_path, load_config
from tui.ingest.extract import extract
from tui.text.numbers import find_numbers

DEMO_DIR = bundled_config_path().resolve().parent / "demo"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "seed-article.txt"
PAGES = ("yerevan-courier.html", "baku-herald.html", "global-wire.html", "euro-desk.html")
SHARED_RUN = 60
# Navigation, footer, share buttons, related box and a credited photo: what extraction must drop.
PAGE_FURNITURE = (
    r"<nav\b|<ul id=\"menu\"",
    r"<footer\b|<div id=\"footer\"",
    r"Share|share",
    r"Related article",
    r"<img\b",
    r"Photo: [^<]+\(demo\)",
)


def page(name: str) -> str:
    return (DEMO_DIR / name).read_bytes().decode("utf-8")


def visible_text(markup: str) -> str:
    """Text as a reader sees it: tags dropped, entities decoded, whitespace collapsed."""
    without_tags = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


def body(name: str) -> str:
    return "\n".join(extract(page(name), media_type="text/html").paragraphs)


def test_the_demo_event_lists_exactly_the_bundled_pages() -> None:
    config = load_config(bundled_config_path())
    locations = {Path(a.location) for a in config.event(DEMO_EVENT).articles}
    assert locations == {DEMO_DIR / name for name in PAGES}
    assert {p.name for p in DEMO_DIR.glob("*.html")} == set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_page_is_a_whole_utf8_news_page(name: str) -> None:
    markup = page(name)
    assert re.search(r"<meta[^>]+charset=\"?utf-8", markup, re.I)
    assert re.search(r"<title>[^<]*\(demo\)[^<]*</title>", markup)
    for furniture in PAGE_FURNITURE:
        assert re.search(furniture, markup), (name, furniture)


@pytest.mark.parametrize("name", PAGES)
def test_article_body_survives_extraction_without_the_page_chrome(name: str) -> None:
    paragraphs = extract(page(name), media_type="text/html").paragraphs
    assert 8 <= len(paragraphs) <= 15, paragraphs
    text = "\n".join(paragraphs)
    for chrome in ("Share on Facebook", "Photo:", "Most read", "Latest news", "Privacy"):
        assert chrome not in text


def test_azerbaijani_outlet_reports_the_foreign_ministry_toll_and_says_khankendi() -> None:
    text = body("baku-herald.html")
    assert "killing 7 civilians and wounding 33" in text
    assert "Khankendi" in text and "Stepanakert" not in text
    for term in ("separatist regime", "occupant", "liberated", "provocation"):
        assert term in text
    # Omissions the comparison should find: no population figure, no shelling of Stepanakert.
    assert "150,000" not in text


def test_armenian_outlet_says_stepanakert_artsakh_and_absolute_lie() -> None:
    text = body("yerevan-courier.html")
    assert "Stepanakert" in text and "Khankendi" not in text
    assert "Artsakh" in text and "Shushi" in text
    assert "“an absolute lie”" in text
    assert "Azerbaijani aggression" in text and "Turkish-Azerbaijani" in text
    assert "had killed seven people and wounded 33" in text
    # Civilian casualties on the Armenian side that the Azerbaijani outlet never mentions.
    assert "had killed 25 civilians in Artsakh" in text


def test_international_outlets_attribute_and_disagree_on_the_toll() -> None:
    wire, desk = body("global-wire.html"), body("euro-desk.html")
    assert "at least nine civilians" in wire and "raising the death toll to 10" in wire
    assert "killing seven civilians and wounding 33" in desk
    for text in (wire, desk):
        assert "“an absolute lie”" in text
        assert "Stepanakert" in text and "Nagorno-Karabakh" in text
        assert "Azerbaijan’s foreign ministry" in text
    values = {m.value for m in find_numbers(desk)}
    assert {7, 33} <= values


@pytest.mark.parametrize("name", PAGES)
def test_every_page_carries_the_shared_facts(name: str) -> None:
    text = body(name)
    for fact in ("Ganja", "Moscow", "prisoners", "bodies", "humanitarian"):
        assert fact in text, (name, fact)
    assert re.search(r"noon|midday", text), name


@pytest.mark.parametrize("name", ["yerevan-courier.html", "global-wire.html", "euro-desk.html"])
def test_background_figures_where_the_outlet_gives_them(name: str) -> None:
    text = body(name)
    assert "150,000" in text and "30,000" in text


def test_untrusted_text_features_are_present() -> None:
    """Brackets and an escaped ampersand must reach the pipeline as article text."""
    texts = [body(name) for name in PAGES]
    assert sum("[" in t and "]" in t for t in texts) >= 2
    assert any(" & " in t for t in texts)
    assert any("&amp;" in page(name) for name in PAGES)


def test_demo_pages_do_not_copy_the_seed_article() -> None:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not present")
    seed = visible_text(SEED.read_text(encoding="utf-8")).casefold()
    runs = {seed[i : i + SHARED_RUN] for i in range(len(seed) - SHARED_RUN + 1)}
    for name in PAGES:
        text = visible_text(page(name)).casefold()
        shared = [
            text[i : i + SHARED_RUN]
            for i in range(len(text) - SHARED_RUN + 1)
            if text[i : i + SHARED_RUN] in runs
        ]
        assert not shared, (name, shared[:1])


def test_readme_says_the_text_is_ours_and_the_outlets_fictional() -> None:
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    assert "own words" in readme and "fictional" in readme
