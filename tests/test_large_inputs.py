"""Pathological inputs go through the whole pipeline and come out capped, not stalled.

A reviewer's 5.7 MB file of 40,000 lower-case paragraphs once became one paragraph of half a
million characters, and comparing it took minutes and gigabytes. These inputs are large enough
that the old quadratic paths took minutes; the tests only check that they complete and what
the result looks like (no timing: the machine is noisy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

import pytest

from tui.ingest.extract import MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS
from tui.ingest.fetch import Document, FetchResult
from tui.model import (
    ArticleRef,
    Comparison,
    Config,
    Event,
    Lexicon,
    NameGroup,
    Outlet,
    Side,
    Source,
)
from tui.pipeline import compare, plan_sources, source_from_fetch
from tui.plan import PlannedSource

OTHER_PAGE = """<html><head><meta charset="utf-8"><title>Night of shelling</title></head><body>
<article>
<p>Azerbaijani forces shelled Stepanakert through the night, the Karabakh defence ministry said,
and residents spent hours in basements while explosions shook the town.</p>
<p>The ministry said seven civilians were killed and 33 wounded in Ganja, and called the claims
that Armenian units had fired on the city an absolute lie.</p>
</article></body></html>"""

WORDS = [
    "khankendi",
    "ganja",
    "stepanakert",
    "wounded",
    "killed",
    "civilians",
    "shelling",
    "of",
    "the",
    "and",
    "seven",
    "three",
    "thirty",
    "residents",
    "city",
    "night",
    "rockets",
]


def _config() -> tuple[Config, Event]:
    sides = (
        Side("armenian", "Armenian", "#e67e22"),
        Side("azerbaijani", "Azerbaijani", "#3498db"),
    )
    outlets = (
        Outlet("courier", "Yerevan Courier", "armenian"),
        Outlet("herald", "Baku Herald", "azerbaijani"),
    )
    articles = (ArticleRef("herald", "/big.txt"), ArticleRef("courier", "/page.html"))
    event = Event("big", "A very large article", dt.date(2020, 10, 11), articles)
    lexicon = Lexicon(
        names=(
            NameGroup(
                "stepanakert", (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi",)))
            ),
        ),
        denial=("absolute lie",),
    )
    return Config(Path("sources.yaml"), sides, outlets, (event,), lexicon), event


def _fetched(planned: PlannedSource, text: str, media_type: str) -> Source:
    """The source the pipeline extracts from `text`, as if it had just been fetched."""
    content = text.encode("utf-8")
    document = Document(
        location=planned.location,
        final_location=planned.location,
        content=content,
        text=text,
        media_type=media_type,
        encoding="utf-8",
        fetched_at=dt.datetime(2020, 10, 11, tzinfo=dt.UTC),
        sha256=hashlib.sha256(content).hexdigest(),
        from_cache=False,
    )
    return source_from_fetch(planned, FetchResult(planned.location, document, None))


def _compare(big_text: str) -> tuple[Source, Comparison]:
    """Extract, align and diverge `big_text` against an ordinary page of the other side."""
    config, event = _config()
    big_planned, page_planned = plan_sources(config, event)
    big = _fetched(big_planned, big_text, "text/plain")
    page = _fetched(page_planned, OTHER_PAGE, "text/html")
    assert big.ok, big.error
    assert page.ok, page.error
    return big, compare(config, event, (big, page), now=dt.datetime(2020, 10, 12, tzinfo=dt.UTC))


def _assert_capped_and_consistent(big: Source, comparison: Comparison) -> None:
    assert 0 < len(big.paragraphs) <= MAX_PARAGRAPHS
    assert all(0 < len(p) <= MAX_PARAGRAPH_CHARS for p in big.paragraphs)
    # every paragraph of the big source is in exactly one cluster, and every span is its slice
    members = [m for c in comparison.clusters for m in c.members if m.source == big.id]
    assert sorted(m.paragraph for m in members) == list(range(len(big.paragraphs)))
    paragraphs = {s.id: s.paragraphs for s in comparison.sources}
    for divergence in comparison.divergences:
        for span in divergence.spans:
            assert paragraphs[span.source][span.paragraph][span.start : span.end] == span.text


def test_megabytes_of_lower_case_paragraphs() -> None:
    # the shape of the reviewer's big.txt: unpunctuated lower-case paragraphs, blank-line apart
    rng = random.Random(7)
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(8, 30))) for _ in range(12_000)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 1_000_000
    big, comparison = _compare(text)
    assert len(big.paragraphs) == MAX_PARAGRAPHS  # capped, and the first ones kept
    assert "only the first 1,000 paragraphs were kept" in big.note  # and the user is told
    assert big.paragraphs[:2] == tuple(paragraphs[1:3])  # the first line is the title
    _assert_capped_and_consistent(big, comparison)


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr. Aliyev said seven civilians were killed in Ganja and 33 wounded in the U.S. raid. ",
        "shelling of khankendi and ganja went on through the night with 7 killed and 33 wounded ",
        # thousands of times of day: each paragraph's times must be read once, not per time
        "Missiles struck Ganja at 2 a.m. and Stepanakert was shelled at 3 a.m., officials said. ",
    ],
    ids=["sentences", "no-sentence-ends", "times-of-day"],
)
def test_one_enormous_paragraph(sentence: str) -> None:
    text = "Headline\n\n" + sentence * (600_000 // len(sentence))
    big, comparison = _compare(text)
    # split into pieces instead of one half-megabyte paragraph, nothing lost from the head
    assert len(big.paragraphs) > 100
    assert big.paragraphs[0].split()[:20] == (sentence * 3).split()[:20]
    _assert_capped_and_consistent(big, comparison)
    assert any(d.kind == "figure" for d in comparison.divergences) or comparison.figures
