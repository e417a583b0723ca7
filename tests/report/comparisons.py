"""Hand-built Comparisons for the report tests, in the team's own words about 11 October 2020.

Azerbaijan's foreign ministry: 7 killed, 33 wounded in Ganja; the Karabakh defence ministry:
"an absolute lie"; Stepanakert, which Azerbaijani outlets call Khankendi. AzerNews is made to
say 9 killed so that the figures disagree, and News.am fails to fetch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tui.analysis.diverge import contested_figures
from tui.model import (
    Cluster,
    Comparison,
    Divergence,
    DivergenceKind,
    Event,
    Figure,
    Lexicon,
    Member,
    NameGroup,
    Outlet,
    Side,
    Source,
    Span,
)

SIDES = (
    Side("armenian", "Armenian", "red"),
    Side("azerbaijani", "Azerbaijani", "blue"),
    Side("international", "International", "grey"),
)
OUTLETS = {
    "armenpress": Outlet("armenpress", "Armenpress", "armenian"),
    "news-am": Outlet("news-am", "News.am", "armenian"),
    "trend": Outlet("trend", "Trend", "azerbaijani"),
    "azernews": Outlet("azernews", "AzerNews", "azerbaijani"),
    "wire": Outlet("wire", "Wire Service", "international"),
}
PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "trend": (
        "Azerbaijan's foreign ministry said Armenian forces shelled Ganja overnight, "
        "killing 7 civilians and wounding 33, among them children.",
        "Rescue teams searched the rubble of a residential block in the city centre.",
        "The ministry said the attack came hours after the humanitarian ceasefire began.",
        "Officials in Baku said shells also fell on Khankendi.",
    ),
    "azernews": (
        "Nine civilians were killed and 33 wounded when Armenian missiles hit Ganja overnight, "
        "the foreign ministry said.",
    ),
    "armenpress": (
        "The Karabakh defence ministry called Baku's claim that its forces struck Ganja "
        "an absolute lie.",
        "Azerbaijani artillery pounded Stepanakert through the night, the ministry said.",
        "Residents of Stepanakert spent the night in basements.",
    ),
    "wire": (
        "Azerbaijan said 7 people were killed in Ganja; Armenia denied firing on the city.",
        "Stepanakert, which Azerbaijan calls Khankendi, was also shelled.",
    ),
}
FETCHED = dt.datetime(2020, 10, 11, 14, 3, 5, tzinfo=dt.UTC)
GENERATED = dt.datetime(2026, 11, 24, 15, 0, 0, tzinfo=dt.UTC)
EVENT = Event("ganja-2020-10-11", "Shelling of Ganja and Stepanakert", dt.date(2020, 10, 11), ())
NEWS_AM_ERROR = "HTTP 404 Not Found\nwhile fetching https://news.am/eng/news/0000.html"


def source(source_id: str, paragraphs: tuple[str, ...] | None = None) -> Source:
    texts = PARAGRAPHS[source_id] if paragraphs is None else paragraphs
    return Source(
        id=source_id,
        outlet=OUTLETS[source_id],
        location=f"https://{source_id}.example/2020/10/11/ganja",
        status="ok",
        title=f"{OUTLETS[source_id].name} on Ganja",
        fetched_at=FETCHED,
        sha256=f"{len(source_id):064x}",
        paragraphs=texts,
    )


def failed_source() -> Source:
    return Source(
        id="news-am",
        outlet=OUTLETS["news-am"],
        location="https://news.am/eng/news/0000.html",
        status="error",
        error=NEWS_AM_ERROR,
    )


def span(sources: dict[str, Source], source_id: str, paragraph: int, needle: str) -> Span:
    text = sources[source_id].paragraphs[paragraph]
    start = text.index(needle)
    return Span(source_id, paragraph, start, start + len(needle), needle)


def figure(
    sources: dict[str, Source], source_id: str, paragraph: int, needle: str, what: str, value: float
) -> Figure:
    s = span(sources, source_id, paragraph, needle)
    return Figure(source_id, paragraph, s.start, s.end, s.text, what, value)


def divergence(
    divergence_id: str, kind: DivergenceKind, cluster: str, summary: str, *spans: Span
) -> Divergence:
    return Divergence(divergence_id, kind, cluster, summary, spans)


def ganja_comparison(
    armenpress: tuple[str, str] | None = None,
    *,
    naming_summary: str = "Stepanakert (Armenpress, Wire Service) vs Khankendi (Trend)",
    armenpress_marks: tuple[str, str] = ("Stepanakert", "Stepanakert"),
) -> Comparison:
    """The Ganja comparison; `armenpress` replaces its paragraphs 1 and 2 (for escaping tests).

    `armenpress_marks` are the words the naming and the omission divergences mark in Armenpress
    paragraphs 1 and 2; they must occur in those paragraphs.
    """
    texts = PARAGRAPHS["armenpress"][:1] + armenpress if armenpress else None
    ok = [source("armenpress", texts), source("trend"), source("azernews"), source("wire")]
    sources = {s.id: s for s in ok}
    clusters = (
        Cluster(
            "c1",
            0.87654,
            (Member("trend", 0), Member("azernews", 0), Member("armenpress", 0), Member("wire", 0)),
        ),
        Cluster("c2", 1.0, (Member("trend", 1),)),
        Cluster("c3", 1.0, (Member("trend", 2),)),
        Cluster("c4", 0.61, (Member("armenpress", 1), Member("trend", 3), Member("wire", 1))),
        Cluster("c5", 1.0, (Member("armenpress", 2),)),
    )
    divergences = (
        divergence(
            "d1", "figure", "c1", "killed: 7 (Trend, Wire Service) vs 9 (AzerNews)",
            span(sources, "trend", 0, "7 civilians"),
            span(sources, "azernews", 0, "Nine civilians"),
            span(sources, "wire", 0, "7 people"),
        ),
        divergence(
            "d2", "denial", "c1", "Armenpress calls the Ganja claim a lie",
            span(sources, "armenpress", 0, "an absolute lie"),
            span(sources, "wire", 0, "denied"),
        ),
        divergence(
            "d3", "blame", "c1", "who shelled Ganja",
            span(sources, "trend", 0, "Armenian forces shelled Ganja"),
            span(sources, "azernews", 0, "Armenian missiles hit Ganja"),
        ),
        divergence(
            "d4", "naming", "c4", naming_summary,
            span(sources, "armenpress", 1, armenpress_marks[0]),
            span(sources, "trend", 3, "Khankendi"),
            span(sources, "wire", 1, "Stepanakert"),
        ),
        divergence("d5", "omission", "c2", "rescue search reported by Trend only"),
        divergence(
            "d6", "omission", "c5", "night in basements reported by Armenpress only",
            span(sources, "armenpress", 2, armenpress_marks[1]),
        ),
    )  # fmt: skip
    figures = (
        figure(sources, "trend", 0, "7", "killed", 7),
        figure(sources, "trend", 0, "33", "wounded", 33),
        figure(sources, "azernews", 0, "Nine", "killed", 9),
        figure(sources, "azernews", 0, "33", "wounded", 33),
        figure(sources, "wire", 0, "7", "killed", 7),
    )
    return Comparison(
        event=EVENT,
        sides=SIDES,
        sources=(ok[0], failed_source(), *ok[1:]),
        clusters=clusters,
        divergences=divergences,
        figures=figures,
        generated_at=GENERATED,
        contested=contested_figures(divergences, figures),
    )


def analysed_comparison() -> Comparison:
    """The Ganja sources run through the real aligner and divergence detector."""
    from tui.analysis.align import align
    from tui.analysis.diverge import diverge

    stepanakert = (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi",)))
    lexicon = Lexicon(names=(NameGroup("stepanakert", stepanakert),), denial=("absolute lie",))
    comparison = ganja_comparison()
    clusters = align(comparison.sources, lexicon)
    neutral = frozenset(s.id for s in comparison.sides if s.neutral)
    divergences, figures = diverge(comparison.sources, clusters, lexicon, neutral)
    contested = contested_figures(divergences, figures)
    return replace(
        comparison,
        clusters=clusters,
        divergences=divergences,
        figures=figures,
        contested=contested,
    )
