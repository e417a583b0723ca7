"""A finding on a headline in the reports: JSON gives it under `headline_spans` (slices of the
source's `title`, so `spans` stays a list of paragraph slices for every reader), the contract
checks it, and Markdown quotes the marked headline in its row's table."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.report.comparisons import ganja_comparison
from tui.model import HEADLINE, Comparison, Span
from tui.report import render_json, render_markdown
from tui.report.contract import validate_report

TITLE = "Armenian forces kill 7 civilians in Ganja overnight"


def with_headline_finding() -> Comparison:
    """The Ganja comparison with Trend's headline on row c1 and the toll finding marking it."""
    comparison = ganja_comparison()
    sources = tuple(replace(s, title=TITLE) if s.id == "trend" else s for s in comparison.sources)
    clusters = tuple(
        replace(c, headlines=("trend",)) if c.id == "c1" else c for c in comparison.clusters
    )
    start = TITLE.index("7 civilians")
    head = Span("trend", HEADLINE, start, start + len("7 civilians"), "7 civilians")
    divergences = tuple(
        replace(d, spans=(head, *d.spans)) if d.id == "d1" else d for d in comparison.divergences
    )
    return replace(comparison, sources=sources, clusters=clusters, divergences=divergences)


def test_json_gives_headline_spans_apart_from_paragraph_spans() -> None:
    report = json.loads(render_json(with_headline_finding()))
    assert validate_report(report) == []
    toll = report["divergences"][0]
    assert toll["headline_spans"] == [
        {"source": "trend", "start": 21, "end": 32, "text": "7 civilians"}
    ]
    assert all(s["paragraph"] >= 0 for s in toll["spans"])  # spans: paragraph slices only
    assert all(d["headline_spans"] == [] for d in report["divergences"][1:])


def test_contract_names_a_headline_span_that_is_no_slice_of_the_title() -> None:
    report = json.loads(render_json(with_headline_finding()))
    report["divergences"][0]["headline_spans"][0]["text"] = "9 civilians"
    assert any("!= title slice '7 civilians'" in p for p in validate_report(report))
    report["divergences"][0]["headline_spans"][0]["end"] = 500
    assert any("out of range" in p for p in validate_report(report))
    report["divergences"][0]["headline_spans"] = [{"source": "news-am", "start": 0, "end": 0}]
    problems = validate_report(report)
    assert any("unknown or error source 'news-am'" in p for p in problems), problems


def test_markdown_quotes_the_marked_headline_in_the_row() -> None:
    text = render_markdown(with_headline_finding())
    assert "<b>Trend</b> headline: Armenian forces kill <mark>7 civilians</mark> in Ganja" in text
    # Quoted with its mark in the table, so not named again in the row's headline line.
    assert f"Headline of Trend: “{TITLE}”" not in text


def test_markdown_names_an_unmarked_headline_of_the_row() -> None:
    comparison = with_headline_finding()
    plain = tuple(
        replace(d, spans=tuple(s for s in d.spans if not s.headline))
        for d in comparison.divergences
    )
    text = render_markdown(replace(comparison, divergences=plain))
    assert f"Headline of Trend: “{TITLE}”" in text
    assert "headline:" not in text
