"""The brief is built from a Comparison's structured fields, in a stable order."""

from __future__ import annotations

from dataclasses import replace

from app_fixtures import demo_comparison

from tui.analysis.brief import CONTRADICTION_KINDS, build_brief


def test_top_contradictions_by_importance_then_row_order_without_omission_or_wording() -> None:
    comparison = demo_comparison()
    scores = {"d5": 0.9, "d3": 0.7}
    comparison = replace(
        comparison,
        divergences=tuple(
            replace(d, importance=scores.get(d.id, 0.0)) for d in comparison.divergences
        ),
    )
    brief = build_brief(comparison)
    ids = [c.divergence for c in brief.contradictions]
    assert ids[:2] == ["d5", "d3"]
    assert ids[2:] == ["d1", "d4", "d7"]  # unscored: in row order
    assert {c.kind for c in brief.contradictions} <= CONTRADICTION_KINDS
    d1 = next(c for c in brief.contradictions if c.divergence == "d1")
    assert d1.topic == "killed" and [p.value for p in d1.positions] == ["7", "9"]


def test_figures_matrix_puts_contested_quantities_first_with_each_sides_statements() -> None:
    brief = build_brief(demo_comparison())
    assert [row.quantity for row in brief.figures] == ["killed", "wounded"]
    killed = brief.figures[0]
    assert killed.contested and not brief.figures[1].contested
    by_side = dict(killed.by_side)
    assert [s.value for s in by_side["azerbaijani"]] == [7]
    assert sorted(s.value for s in by_side["international"]) == [7, 9]
    assert by_side["armenian"] == ()


def test_what_each_side_alone_reports() -> None:
    brief = build_brief(demo_comparison())
    alone = {a.side: a for a in brief.alone}
    assert [item.cluster for item in alone["armenian"].items] == ["c4"]
    assert alone["armenian"].items[0].text.startswith("Rescue teams in Stepanakert")
    assert alone["azerbaijani"].total == 0


def test_one_side_alone_has_nothing_to_set_apart() -> None:
    comparison = demo_comparison()
    only_baku = replace(
        comparison,
        sources=tuple(s for s in comparison.sources if s.id == "baku"),
        divergences=(),
        figures=(),
        contested=(),
    )
    brief = build_brief(only_baku)
    assert brief.alone == () and brief.empty
