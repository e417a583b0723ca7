"""An editor's saved reviews travel with every report: the CLI's Markdown and JSON carry them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from tests.report.comparisons import ganja_comparison
from tui.cli import main
from tui.config import DEMO_EVENT, bundled_config_path
from tui.report import render_json, render_markdown
from tui.report.contract import validate_report
from tui.report.review import (
    Review,
    default_review_dir,
    review_notes,
    review_path,
    save_reviews,
)


def _review(status: str, note: str, kind: str) -> Review:
    return Review(status, note, kind, "what the editor saw", "2026-11-24T15:00:00+00:00")  # type: ignore[arg-type]


def test_a_review_saved_for_another_kind_is_not_pinned_on_the_finding() -> None:
    comparison = ganja_comparison()
    first = comparison.divergences[0]
    other = next(k for k in ("figure", "wording") if k != first.kind)
    notes = review_notes(
        comparison.divergences,
        {
            first.id: _review("confirmed", "checked", first.kind),
            "nowhere": _review("rejected", "", ""),
        },
    )
    assert notes == {first.id: ("confirmed", "checked")}
    stale = review_notes(comparison.divergences, {first.id: _review("confirmed", "", other)})
    assert stale == {}


def test_json_carries_the_review_as_an_added_field() -> None:
    comparison = ganja_comparison()
    first, second = comparison.divergences[:2]
    data = json.loads(render_json(comparison, {first.id: ("rejected", "misread the toll")}))
    by_id = {d["id"]: d for d in data["divergences"]}
    assert by_id[first.id]["review"] == {"status": "rejected", "note": "misread the toll"}
    assert by_id[second.id]["review"] is None
    assert validate_report(data) == []
    by_id[second.id]["review"] = {"status": "maybe", "note": 3}
    assert len(validate_report(data)) == 2


def test_markdown_marks_the_review_in_the_brief_and_the_details() -> None:
    comparison = ganja_comparison()
    top = max(
        (d for d in comparison.divergences if d.kind != "omission"), key=lambda d: d.importance
    )
    text = render_markdown(comparison, {top.id: ("confirmed", "two sources agree")})
    assert text.count("**Review: confirmed** — two sources agree") == 2  # brief and details
    assert "Review:" not in render_markdown(replace(comparison))


def test_the_cli_report_reads_the_reviews_the_viewer_saved(tmp_path: Path) -> None:
    out = tmp_path / "before.json"
    config = str(bundled_config_path())
    assert main(["report", config, "--event", DEMO_EVENT, "--format", "json", "-o", str(out)]) == 0
    first = json.loads(out.read_text(encoding="utf-8"))["divergences"][0]
    assert first["review"] is None
    saved = {first["id"]: _review("confirmed", "seen on the wire", first["kind"])}
    save_reviews(review_path(default_review_dir(), DEMO_EVENT), DEMO_EVENT, saved)
    try:
        after = tmp_path / "after.json"
        markdown = tmp_path / "after.md"
        args = ["report", config, "--event", DEMO_EVENT, "-o"]
        assert main([*args, str(after), "--format", "json"]) == 0
        assert main([*args, str(markdown), "--format", "md"]) == 0
    finally:
        review_path(default_review_dir(), DEMO_EVENT).unlink()
    data = json.loads(after.read_text(encoding="utf-8"))
    assert data["divergences"][0]["review"] == {"status": "confirmed", "note": "seen on the wire"}
    assert validate_report(data) == []
    assert "**Review: confirmed** — seen on the wire" in markdown.read_text(encoding="utf-8")
