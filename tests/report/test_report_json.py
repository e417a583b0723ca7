"""The JSON report keeps the DESIGN.md contract, and `validate_report` catches every broken
invariant a reader of the contract relies on."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.report.comparisons import NEWS_AM_ERROR, analysed_comparison, ganja_comparison
from tui.report import render_json, report_dict
from tui.report.contract import (
    CLUSTER_KEYS,
    DIVERGENCE_KEYS,
    EVENT_KEYS,
    FIGURE_KEYS,
    HEADLINE_SPAN_KEYS,
    POSITION_KEYS,
    SCHEMA,
    SOURCE_KEYS,
    SPAN_KEYS,
    TOP_KEYS,
    validate_report,
)


@pytest.fixture
def report() -> dict[str, Any]:
    return json.loads(render_json(ganja_comparison()))


def test_round_trips_through_json_loads() -> None:
    comparison = ganja_comparison()
    text = render_json(comparison)
    assert text.endswith("}\n")
    assert json.loads(text) == report_dict(comparison)


def test_contract_fields_in_order(report: dict[str, Any]) -> None:
    assert report["schema"] == SCHEMA == "parallax.report/1"
    assert list(report)[: len(TOP_KEYS)] == list(TOP_KEYS)
    assert tuple(report["event"]) == EVENT_KEYS
    for source in report["sources"]:
        assert tuple(source)[: len(SOURCE_KEYS)] == SOURCE_KEYS
    for cluster in report["clusters"]:
        assert tuple(cluster) == (*CLUSTER_KEYS, "headlines")  # headlines: an added field
        assert set(cluster["headlines"]) <= {s["id"] for s in report["sources"]}
        assert all(tuple(m) == ("source", "paragraph") for m in cluster["members"])
    for divergence in report["divergences"]:
        added = ("topic", "positions", "importance", "headline_spans", "review")
        assert tuple(divergence) == (*DIVERGENCE_KEYS, *added)
        assert all(tuple(s) == SPAN_KEYS for s in divergence["spans"])
        assert all(tuple(s) == HEADLINE_SPAN_KEYS for s in divergence["headline_spans"])
        assert all(tuple(p) == POSITION_KEYS for p in divergence["positions"])
    assert all(tuple(f) == (*FIGURE_KEYS, "contested") for f in report["figures"])


def test_structured_fields_of_an_analysed_event() -> None:
    comparison = analysed_comparison()
    report = json.loads(render_json(comparison))
    assert validate_report(report) == []
    figure = next(d for d in report["divergences"] if d["kind"] == "figure")
    assert figure["topic"] == "killed"
    assert [p["value"] for p in figure["positions"]] == ["7", "9"]
    assert [p["sources"] for p in figure["positions"]] == [["trend", "wire"], ["azernews"]]
    assert [p["sides"] for p in figure["positions"]] == [
        ["azerbaijani", "international"],
        ["azerbaijani"],
    ]
    importances = [d["importance"] for d in report["divergences"]]
    assert importances == sorted(importances, reverse=True)  # listed most important first
    assert all(0 < value <= 1 for value in importances)
    contested = {(f["source"], f["value"]) for f in report["figures"] if f["contested"]}
    assert contested == {("trend", 7), ("azernews", 9), ("wire", 7)}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(importance=1.5), "importance 1.5 is not a number in 0..1"),
        (lambda d: d.update(topic=3), "topic must be a string"),
        (lambda d: d.update(positions={}), "positions must be a list"),
        (lambda d: d["positions"].append({"sources": ["bbc"], "sides": [], "value": "",
                                          "speaker": ""}), "unknown sources ['bbc']"),
        (lambda d: d["positions"].append({"sources": "trend"}), "sources must be a list"),
    ],
)  # fmt: skip
def test_structured_fields_are_validated(change, problem) -> None:
    report = json.loads(render_json(analysed_comparison()))
    change(report["divergences"][0])
    assert any(problem in p for p in validate_report(report)), validate_report(report)


def test_contested_must_be_a_boolean(report: dict[str, Any]) -> None:
    report["figures"][0]["contested"] = "yes"
    assert "figures[0]: contested must be true or false" in validate_report(report)


def test_good_report_has_no_problems(report: dict[str, Any]) -> None:
    assert validate_report(report) == []


def test_values(report: dict[str, Any]) -> None:
    assert report["event"] == {
        "id": "ganja-2020-10-11",
        "title": "Shelling of Ganja and Stepanakert",
        "date": "2020-10-11",
    }
    assert report["generated_at"] == "2026-11-24T15:00:00Z"
    assert [s["id"] for s in report["sources"]] == [
        "armenpress",
        "news-am",
        "trend",
        "azernews",
        "wire",
    ]
    trend = report["sources"][2]
    assert trend["outlet"] == "Trend" and trend["side"] == "azerbaijani"
    assert trend["status"] == "ok" and trend["error"] is None
    assert trend["fetched_at"] == "2020-10-11T14:03:05Z"
    assert trend["paragraphs"][3] == "Officials in Baku said shells also fell on Khankendi."
    assert report["clusters"][0]["score"] == 0.877
    figure = report["divergences"][0]
    assert figure["kind"] == "figure" and figure["cluster"] == "c1"
    assert figure["spans"][0] == {
        "source": "trend", "paragraph": 0, "start": 84, "end": 95, "text": "7 civilians",
    }  # fmt: skip


def test_error_source_keeps_its_entry_with_one_line_reason(report: dict[str, Any]) -> None:
    failed = report["sources"][1]
    assert failed["status"] == "error"
    assert failed["error"] == " ".join(NEWS_AM_ERROR.split())
    assert "\n" not in failed["error"]
    assert failed["paragraphs"] == [] and failed["fetched_at"] is None and failed["sha256"] is None


def test_additions_sides_words_figures(report: dict[str, Any]) -> None:
    assert [s["id"] for s in report["sides"]] == ["armenian", "azerbaijani", "international"]
    assert report["sides"][0] == {"id": "armenian", "label": "Armenian", "colour": "red"}
    assert report["sources"][4]["words"] == 22
    assert report["sources"][1]["words"] == 0
    killed = [f for f in report["figures"] if f["quantity"] == "killed"]
    assert [(f["source"], f["value"], f["text"]) for f in killed] == [
        ("trend", 7, "7"),
        ("azernews", 9, "Nine"),
        ("wire", 7, "7"),
    ]
    assert all(isinstance(f["value"], int) for f in killed)


def test_times_are_converted_to_utc_with_z() -> None:
    baku = dt.timezone(dt.timedelta(hours=4))
    comparison = replace(
        ganja_comparison(), generated_at=dt.datetime(2020, 10, 11, 18, 30, tzinfo=baku)
    )
    assert report_dict(comparison)["generated_at"] == "2020-10-11T14:30:00Z"
    naive = replace(comparison, generated_at=dt.datetime(2020, 10, 11, 18, 30, 1, 999))
    assert report_dict(naive)["generated_at"] == "2020-10-11T18:30:01Z"


def test_non_ascii_kept_readable() -> None:
    comparison = ganja_comparison(("Stepanakert — «это ложь»", "Stepanakert, Ստեփանակերտ"))
    text = render_json(comparison)
    assert "Stepanakert — «это ложь»" in text and "Ստեփանակերտ" in text


# --- validate_report on broken data ------------------------------------------------------------

Breaker = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Breaker:
    def breaker(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return breaker


def _drop_member(data: dict[str, Any]) -> None:
    data["clusters"][1]["members"].clear()
    del data["clusters"][1]


def _duplicate_member(data: dict[str, Any]) -> None:
    data["clusters"][0]["members"].append({"source": "trend", "paragraph": 1})


BROKEN: dict[str, tuple[Breaker, str]] = {
    "wrong schema": (_set(("schema",), "parallax.report/0"), "schema: expected"),
    "missing field": (lambda d: d["sources"][0].pop("sha256"), "missing field 'sha256'"),
    "bad date": (_set(("event", "date"), "11/10/2020"), "is not YYYY-MM-DD"),
    "local time": (_set(("generated_at",), "2026-11-24T15:00:00+04:00"), "ending in Z"),
    "unknown status": (_set(("sources", 2, "status"), "partial"), "neither 'ok' nor 'error'"),
    "error without reason": (_set(("sources", 1, "error"), None), "one-line error reason"),
    "two-line reason": (_set(("sources", 1, "error"), "a\nb"), "one-line error reason"),
    "error with paragraphs": (
        _set(("sources", 1, "paragraphs"), ["text"]),
        "error source must have no paragraphs",
    ),
    "duplicate source": (_set(("sources", 3, "id"), "trend"), "duplicate source id"),
    "paragraph in no cluster": (_drop_member, "'trend' paragraph 1 is in 0 clusters"),
    "paragraph in two clusters": (_duplicate_member, "'trend' paragraph 1 is in 2 clusters"),
    "member out of range": (
        _set(("clusters", 4, "members", 0, "paragraph"), 9),
        "paragraph 9 is out of range",
    ),
    "member of error source": (
        _set(("clusters", 4, "members", 0, "source"), "news-am"),
        "is an error source",
    ),
    "member of unknown source": (
        _set(("clusters", 4, "members", 0, "source"), "bbc"),
        "unknown source 'bbc'",
    ),
    "score not a number": (_set(("clusters", 0, "score"), "high"), "is not a number"),
    "unknown kind": (_set(("divergences", 0, "kind"), "lie"), "kind 'lie' is not one of"),
    "unknown cluster": (_set(("divergences", 0, "cluster"), "c99"), "cluster 'c99' does not exist"),
    "span text differs": (
        _set(("divergences", 0, "spans", 0, "text"), "9 civilians"),
        "text '9 civilians' != paragraph slice '7 civilians'",
    ),
    "span past the end": (_set(("divergences", 0, "spans", 0, "end"), 10_000), "out of range"),
    "span paragraph out of range": (
        _set(("divergences", 0, "spans", 0, "paragraph"), 4),
        "paragraph 4 is out of range",
    ),
    "figure text differs": (_set(("figures", 0, "text"), "8"), "!= paragraph slice '7'"),
    "duplicate divergence": (_set(("divergences", 1, "id"), "d1"), "duplicate divergence id"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_validate_finds_each_broken_invariant(report: dict[str, Any], name: str) -> None:
    breaker, expected = BROKEN[name]
    broken = copy.deepcopy(report)
    breaker(broken)
    problems = validate_report(broken)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize("data", [None, [], "report", {"schema": SCHEMA}, {"sources": 3}])
def test_validate_names_problems_in_garbage(data: object) -> None:
    problems = validate_report(data)
    assert problems and all(isinstance(p, str) for p in problems)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(key=st.sampled_from(["event", "sources", "clusters", "divergences", "figures"]), value=JSON)
def test_validate_never_raises(key: str, value: object) -> None:
    data = report_dict(ganja_comparison())
    data[key] = value
    assert isinstance(validate_report(data), list)


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from([("sources", 0), ("clusters", 0), ("divergences", 0)]), value=JSON)
def test_validate_never_raises_on_broken_items(path: tuple[str, int], value: object) -> None:
    data = report_dict(ganja_comparison())
    data[path[0]][path[1]] = value  # type: ignore[index]
    assert validate_report(data)


@pytest.mark.parametrize(
    ("section", "field"),
    [("sources", "id"), ("clusters", "id"), ("divergences", "id"), ("divergences", "cluster")],
)
def test_ids_that_are_not_text_are_reported_not_crashed_on(section: str, field: str) -> None:
    data = report_dict(ganja_comparison())
    data[section][0] = {**data[section][0], field: ["not", "text"]}  # type: ignore[index]
    problems = validate_report(data)
    assert any(p.startswith(f"{section}[0]") for p in problems), problems


def test_what_the_analysis_produces_is_a_valid_report() -> None:
    """The stages upstream (align, diverge) and this writer agree on the contract."""
    data = json.loads(render_json(analysed_comparison()))
    assert validate_report(data) == []
    assert {d["kind"] for d in data["divergences"]} >= {"figure", "denial"}
