"""Article extraction: what an editor gets from an HTML page or a text file."""

from __future__ import annotations

from pathlib import Path

import pytest
from readability import Document

from tui.ingest.blocks import Block, mend_broken_sentences
from tui.ingest.extract import (
    ALL_RULES,
    MAX_PARAGRAPH_CHARS,
    MAX_PARAGRAPHS,
    Article,
    ExtractionError,
    article_text,
    extract,
    split_paragraph,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def html(body: str, title: str = "Test page") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


# --- HTML ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def article() -> Article:
    return extract(page("article.html"), url="https://example.org/news/1")


def test_paragraphs_kept_in_order_with_breaks(article: Article) -> None:
    starts = [p.split()[0] for p in article.paragraphs]
    assert starts == ["Officials", "The", "Rescuers", "Across", "Neither"]
    first = article.paragraphs[0]
    # an inline <b> does not split the paragraph; the source's line wrap becomes one space
    assert "a row of two-storey houses and left residents" in first
    # a <br> that cuts a sentence is mended with a space, never by running words together
    assert "worked side by side until the last family was found" in article.paragraphs[2]


def test_title_comes_without_site_name(article: Article) -> None:
    assert article.title == "Night shelling hits two cities"
    assert article.title not in article.paragraphs


@pytest.mark.parametrize(
    "boilerplate",
    [
        "By Anna Petrosyan",  # byline
        "Updated 10:15 GMT",  # dateline
        "Facebook",  # share bar
        "Related",
        "Advertisement",
        "Read more",
        "Follow her on Twitter",  # author contact line
        "All rights reserved",
        "Home",  # navigation
        "About us",  # footer
    ],
)
def test_boilerplate_lines_dropped(article: Article, boilerplate: str) -> None:
    assert not any(boilerplate in p for p in article.paragraphs)


def test_caption_and_credit_dropped(article: Article) -> None:
    text = "\n".join(article.paragraphs)
    assert "Volunteers search" not in text  # <figcaption>
    assert "Photo: Staff" not in text  # credit line


def test_line_breaks_separate_lines_that_are_not_one_sentence() -> None:
    body = "<p>Seven killed in Ganja.<br>Thirty-three wounded, officials say.</p>"
    assert extract(html(body), selector="article").paragraphs == (
        "Seven killed in Ganja.",
        "Thirty-three wounded, officials say.",
    )


def test_brackets_and_entities_kept_literally(article: Article) -> None:
    assert "called invented [sic] within the hour" in article.paragraphs[1]
    assert article.paragraphs[2].startswith("Rescuers & neighbours")


def test_selector_overrides_readability() -> None:
    text = page("selector.html")
    chosen = extract(text, selector="div.story-body")
    assert chosen.paragraphs == (
        "The ministry confirmed two casualties on Sunday morning.",
        "Shops in the centre stayed closed.",
    )
    # without the selector readability takes the longer comment thread
    assert "Reader one" in extract(text).paragraphs[0]


def test_selector_that_matches_nothing_falls_back_to_readability() -> None:
    assert "Reader one" in extract(page("selector.html"), selector="#nope").paragraphs[0]


def test_invalid_selector_is_reported() -> None:
    with pytest.raises(ExtractionError, match=r"CSS selector '\[\[' is not valid"):
        extract(page("selector.html"), selector="[[")


def test_page_that_default_summary_empties_still_has_text() -> None:
    text = page("partial.html")
    assert "<body></body>" in Document(text).summary()  # the readability bug this guards
    paragraphs = extract(text).paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The band will play the open-air stage in July")


def test_whitespace_and_control_characters_normalised() -> None:
    body = (
        "<p>Seven\u00a0people\u200b were kil\u00adled \x1b[31min the\x1b[0m city\x07 of\tGanja,"
        "\u202e officials\u202c said   on Sunday.</p><p>\u00a0\u200b</p>"
    )
    (paragraph,) = extract(html(body)).paragraphs
    assert paragraph == (
        "Seven people were killed in the city of Ganja,⟨U+202E⟩ officials⟨U+202C⟩ said on Sunday."
    )


def test_table_rows_are_paragraphs() -> None:
    body = (
        "<p>Reported figures by city, as given by each side on Sunday morning.</p>"
        "<table><tr><th>City</th><th>Killed</th></tr><tr><td>Ganja</td><td>7</td></tr></table>"
    )
    assert extract(html(body), selector="article").paragraphs[1:] == ("City Killed", "Ganja 7")


_STORY = (
    "<p>The river rose two metres overnight and the old bridge was closed before dawn.</p>"
    "<p>Engineers said on Tuesday that the pillars had held, but the road stays shut for now.</p>"
)


def _card(n: int) -> str:
    return (
        f'<div class="teaser"><a href="/story/{n}"><h3>Headline number {n} elsewhere</h3></a>'
        f"<p>A blurb of another story, number {n}, with no link of its own.</p></div>"
    )


def test_a_box_of_teaser_cards_and_its_heading_are_skipped() -> None:
    box = f'<div class="box"><h2>Most read</h2>{"".join(_card(n) for n in range(4))}</div>'
    paragraphs = extract(html(_STORY + box), selector="article").paragraphs
    assert paragraphs == (
        "The river rose two metres overnight and the old bridge was closed before dawn.",
        "Engineers said on Tuesday that the pillars had held, but the road stays shut for now.",
    )


def test_teaser_cards_kept_when_the_rule_is_off() -> None:
    """The box needs the rule: its blurbs carry no link, so no line rule drops them."""
    box = "".join(_card(n) for n in range(3))
    rules = ALL_RULES - {"el-cards"}
    paragraphs = extract(html(_STORY + box), selector="article", rules=rules).paragraphs
    assert "A blurb of another story, number 2, with no link of its own." in paragraphs


def test_two_cards_or_cards_of_different_templates_are_kept() -> None:
    """Two look-alike blocks are not yet a box, nor are blocks cut from different templates."""
    two = "".join(_card(n) for n in range(2))
    mixed = "".join(_card(n).replace("teaser", f"t{n}") for n in range(3))
    for extra in (two, mixed):
        paragraphs = extract(html(_STORY + extra), selector="article").paragraphs
        assert "A blurb of another story, number 1, with no link of its own." in paragraphs


def test_a_list_of_linked_one_line_items_is_not_a_box_of_cards() -> None:
    """List items with a link inside a sentence are article text: a card needs two blocks."""
    items = "".join(
        f'<li>Officials in town {n} <a href="/t/{n}">said</a> the water was falling again.</li>'
        for n in range(4)
    )
    paragraphs = extract(html(_STORY + f"<ul>{items}</ul>"), selector="article").paragraphs
    assert len(paragraphs) == 6


def test_cyrillic_page() -> None:
    result = extract(page("cyrillic.html"))
    assert result.title == "Обстрел двух городов"
    assert len(result.paragraphs) == 3
    assert result.paragraphs[1].startswith("По данным министерства, погибли семь человек")
    assert not any("Читайте также" in p for p in result.paragraphs)


def test_armenian_page() -> None:
    result = extract(page("armenian.html"))
    assert result.title == "Գիշերային հրետակոծություն"
    assert len(result.paragraphs) == 3
    assert "բացարձակ սուտ են" in result.paragraphs[1]
    assert not any(p.startswith("Տես նաև") for p in result.paragraphs)


def test_benchmark_adaptor_returns_paragraphs_or_nothing() -> None:
    assert article_text(page("article.html"))[0].startswith("Officials in the city")
    assert article_text("") == []


# --- plain text and Markdown -----------------------------------------------------------------


PLAIN = """Rescuers Dig Through Rubble After Night Strikes

By A. Reporter

October 11, 2020

Rescuers dug through the rubble of a row of houses on Sunday,
searching for survivors after overnight strikes on the city.

They carried one body to a waiting
ambulance as neighbours watched.

Related article: [Truce talks stall](https://example.org/talks)

Officials said seven people were killed and 33 wounded.

Original url:

https://example.org/news/rescuers-dig
"""


def test_plain_text_paragraphs_title_and_wrapped_lines() -> None:
    result = extract(PLAIN, media_type="text/plain; charset=utf-8")
    assert result.title == "Rescuers Dig Through Rubble After Night Strikes"
    assert result.paragraphs == (
        "Rescuers dug through the rubble of a row of houses on Sunday, "
        "searching for survivors after overnight strikes on the city.",
        "They carried one body to a waiting ambulance as neighbours watched.",
        "Officials said seven people were killed and 33 wounded.",
    )


def test_sentence_broken_across_a_blank_line_is_mended() -> None:
    text = (
        "Headline\n\nThey put it in a bag to be taken away in an\n\nambulance while people wept.\n"
    )
    assert extract(text, media_type="text/plain").paragraphs == (
        "They put it in a bag to be taken away in an ambulance while people wept.",
    )


def test_blank_line_ends_a_paragraph_even_before_a_lower_case_line() -> None:
    # a blank line is a paragraph break; only a one-line half-sentence followed by the rest
    # of the sentence is mended, and mending never chains from one pair to the next
    text = "Headline\n\n" + "\n\n".join(
        ["shelling of the city went on", "residents fled the city", "officials said so."]
    )
    assert extract(text, media_type="text/plain").paragraphs == (
        "shelling of the city went on",
        "residents fled the city officials said so.",
    )


def test_blank_line_after_a_wrapped_paragraph_is_not_mended() -> None:
    text = "Headline\n\nRescuers searched the rubble of the\nhouses on Sunday and\n\nthey left.\n"
    assert extract(text, media_type="text/plain").paragraphs == (
        "Rescuers searched the rubble of the houses on Sunday and",
        "they left.",
    )


def test_thousands_of_lower_case_paragraphs_stay_paragraphs() -> None:
    # the shape of a reviewer's 5.7 MB file, which once became one enormous paragraph
    body = "\n\n".join(f"civilians were wounded in ganja and khankendi {i}" for i in range(3000))
    result = extract(f"Headline\n\n{body}\n", media_type="text/plain")
    assert len(result.paragraphs) == MAX_PARAGRAPHS  # the first ones, see tui.ingest.extract
    assert result.paragraphs[0].endswith(" 0")
    assert result.note
    assert max(len(p) for p in result.paragraphs) < 100


def test_an_over_long_paragraph_is_split_at_sentence_ends() -> None:
    sentence = "Seven civilians were killed at 2 a.m. on Sunday in Ganja, officials said. "
    text = "Headline\n\n" + sentence * 400
    result = extract(text, media_type="text/plain")
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in result.paragraphs)
    assert all(p.endswith("officials said.") for p in result.paragraphs)  # whole sentences
    assert " ".join(result.paragraphs).split() == (sentence * 400).split()  # nothing lost
    assert "split" in result.note


def test_a_sentence_longer_than_the_limit_is_wrapped_at_spaces_or_cut() -> None:
    words = "shelling " * 2_000
    pieces = split_paragraph(words)
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in pieces)
    assert " ".join(pieces).split() == words.split()
    unbroken = "x" * (2 * MAX_PARAGRAPH_CHARS + 7)
    assert [len(p) for p in split_paragraph(unbroken)] == [
        MAX_PARAGRAPH_CHARS,
        MAX_PARAGRAPH_CHARS,
        7,
    ]


def test_an_article_within_the_limits_has_no_note() -> None:
    result = extract(PLAIN, media_type="text/plain")
    assert result.note == ""
    assert len(result.paragraphs) < MAX_PARAGRAPHS


def test_a_long_run_of_soft_breaks_is_mended_into_one_block() -> None:
    # <br>-wrapped prose is still mended however long; the run is joined once, in linear time
    blocks = [Block("word " * 20 + "and", soft=True, link_chars=1) for _ in range(20_000)]
    (mended,) = mend_broken_sentences(blocks)
    assert mended.text == " ".join(b.text for b in blocks)
    assert mended.link_chars == 20_000


def test_cut_off_lede_before_the_full_paragraph_is_dropped() -> None:
    full = "Hopes that the truce would hold were dashed on Sunday, as both sides traded fire."
    text = f"Headline\n\nHopes that the truce would hold were dashed on Sunday\n\n{full}\n"
    assert extract(text, media_type="text/plain").paragraphs == (full,)


def test_markdown_reduced_to_text() -> None:
    text = (
        "# Strikes on two cities\n\n"
        "Officials said **seven** people were _killed_, citing [the ministry](https://x.org/a) "
        "and `local` reports.\n\n"
        "![a photo](https://x.org/p.jpg)\n\n"
        "- First item of the list\n"
        "- Second item with a [link][1]\n\n"
        "> A quoted official\n> said this.\n\n"
        "A note on [brackets] that are not links, and snake_case_words.\n\n"
        "[1]: https://x.org/ref\n"
    )
    result = extract(text, media_type="text/markdown")
    assert result.title == "Strikes on two cities"
    assert result.paragraphs == (
        "Officials said seven people were killed, citing the ministry and local reports.",
        "First item of the list",
        "Second item with a link",
        "A quoted official said this.",
        "A note on [brackets] that are not links, and snake_case_words.",
    )


# --- nothing to extract ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "media_type", "reason"),
    [
        ("", "text/html", "the document is empty"),
        ("   \n\t ", "text/plain", "the document is empty"),
        ("\x00\x01\x02PK\x03\x04" * 50, "text/html", "binary"),
        ("<html><body></body></html>", "text/html", "no readable body text"),
        (
            html("<p>Share</p><p>Advertisement</p><p>Read more</p>"),
            "text/html",
            "everything on the page was boilerplate",
        ),
        (page("login.html"), "text/html", "log in or subscribe"),
        ("fine text", "image/png", "'image/png' is not HTML or text"),
    ],
)
def test_no_text_raises_with_reason(text: str, media_type: str, reason: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract(text, media_type=media_type)
    message = str(info.value)
    assert message.startswith("no article text found: ")
    assert reason in message
    assert "\n" not in message


# --- hostile pages ------------------------------------------------------------------------------

LEDE = (
    "The ministry said seven civilians were killed and thirty-three wounded in the overnight "
    "shelling of the city centre."
)


def test_a_nul_byte_costs_that_character_not_the_article() -> None:
    (paragraph,) = extract(html(f"\x00<p>{LEDE}</p>")).paragraphs
    assert paragraph == LEDE
    (paragraph,) = extract("Ganja\n\nSeven were\x00 killed.", media_type="text/plain").paragraphs
    assert paragraph == "Seven were killed."


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0b", "\x1f", "\ufffe"])
def test_a_control_character_beside_a_script_costs_that_character(control: str) -> None:
    body = f"<p>{LEDE}</p><p>Seven{control}<script>var a = 1;</script> were killed.</p>"
    assert extract(html(body)).paragraphs == (LEDE, "Seven were killed.")


def test_content_nested_past_libxml2s_default_depth_is_read() -> None:
    body = "<div>" * 600 + f"<p>{LEDE}</p>" + "</div>" * 600
    assert extract(html(body)).paragraphs == (LEDE,)


def test_content_nested_past_the_parsers_limit_is_an_explicit_error() -> None:
    body = "<div>" * 2100 + f"<p>{LEDE}</p>" + "</div>" * 2100
    with pytest.raises(ExtractionError, match="nests its markup more than 2,048 levels deep"):
        extract(html(body))


def test_hidden_and_reordering_characters_are_shown_as_markers() -> None:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore the others")
    body = f"<p>Seven\u2066 were\u2069 killed{hidden} in Ganja.</p>"
    (paragraph,) = extract(html(body)).paragraphs
    assert paragraph == "Seven⟨U+2066⟩ were⟨U+2069⟩ killed⟨17 hidden tag characters⟩ in Ganja."


def test_one_huge_token_in_a_short_paragraph_is_kept_and_cheap() -> None:
    # Before the boilerplate patterns were made linear this page took minutes (_EMAIL_RE).
    token = "a" * 200_000
    article = extract(html(f"<p>{LEDE}</p><p>See {token} here.</p>"))
    assert article.paragraphs[0] == LEDE
    assert "".join(article.paragraphs[1:]).count("a") >= 200_000


def test_text_past_the_parsers_depth_beside_shallow_text_is_noted() -> None:
    body = f"<p>{LEDE}</p>" + "<div>" * 2100 + "<p>Deep text.</p>" + "</div>" * 2100
    article = extract(html(body))
    assert article.paragraphs[0] == LEDE
    assert article.note == "text nested more than 2,048 levels deep may be missing"
