"""Reader comments below an article are readers' words: never paragraphs of the article."""

from __future__ import annotations

import pytest

from tui.ingest.blocks import Block
from tui.ingest.boilerplate import drop_boilerplate
from tui.ingest.extract import extract

BODY = (
    "<p>The river flooded the lower town overnight, and two hundred families left their homes "
    "before dawn, the mayor's office said on Monday.</p>"
    "<p>Pumps from three nearby towns were brought in, and the water had fallen by noon, "
    "although the main bridge stayed closed to traffic.</p>"
)


@pytest.mark.parametrize(
    "heading",
    ["Comments 2 Lakeside_fan 3 March 2021, 09:41", "4 comments", "Comments (2)", "Comments"],
)
def test_the_comment_thread_and_all_after_it_are_dropped(heading: str) -> None:
    page = (
        f"<html><head><title>Flood</title></head><body><article>{BODY}"
        f"<p>{heading}</p>"
        "<p>What a shame for the lower town, I grew up there and we always knew.</p>"
        "<p>Blame the dam!!!</p></article></body></html>"
    )
    paragraphs = extract(page).paragraphs
    assert len(paragraphs) == 2 and paragraphs[0].startswith("The river flooded")


def test_a_sentence_about_comments_is_prose_and_a_heading_before_the_article_cuts_nothing() -> None:
    def blocks(*texts: str) -> list[Block]:
        return [Block(text) for text in texts]

    prose = "Comments on the flood plan are due by Friday, the council said."
    kept = drop_boilerplate(blocks("The river flooded the lower town.", prose, "Pumps came in."))
    assert kept.paragraphs[1:] == (prose, "Pumps came in.")
    first = drop_boilerplate(blocks("12 comments", "The river flooded the lower town."))
    assert first.paragraphs == ("The river flooded the lower town.",)
