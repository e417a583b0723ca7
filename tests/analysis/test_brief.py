"""The brief is built from a Comparison's structured fields, in a stable order."""

from __future__ import annotations

from dataclasses import replace

from tests.app.fakes import demo_comparison
from tui.analysis.brief import CONTRADICTION_KINDS, build_brief
from tui.model import Comparison, Position


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


def test_figures_matrix_holds_the_contested_quantities_with_each_sides_statements() -> None:
    comparison = demo_comparison()
    brief = build_brief(comparison)
    assert [row.quantity for row in brief.figures] == ["killed"]  # wounded: 33 everywhere
    killed = brief.figures[0]
    assert killed.contested
    by_side = dict(killed.by_side)
    assert [s.value for s in by_side["azerbaijani"]] == [7]
    assert sorted(s.value for s in by_side["international"]) == [7, 9]
    assert by_side["armenian"] == ()
    uncontested = replace(comparison, contested=())
    assert build_brief(uncontested).figures == ()


def _with_omission_positions(comparison: Comparison) -> Comparison:
    """The demo's rescue-work omission as the core states it: Armenian outlets tell it."""
    told = Position(("hayk",), ("armenian",), "Rescue teams in Stepanakert cleared rubble.")
    silent = Position(("baku",), ("azerbaijani",), "")
    return replace(
        comparison,
        divergences=tuple(
            replace(d, topic="rescue work", positions=(told, silent), importance=0.5)
            if d.id == "d6"
            else d
            for d in comparison.divergences
        ),
    )


def test_what_each_side_alone_reports_are_the_omission_claims() -> None:
    brief = build_brief(_with_omission_positions(demo_comparison()))
    alone = {a.side: a for a in brief.alone}
    assert [item.cluster for item in alone["armenian"].items] == ["c4"]
    assert alone["armenian"].items[0].text == "Rescue teams in Stepanakert cleared rubble."
    assert (alone["armenian"].items[0].source, alone["armenian"].items[0].paragraph) == ("hayk", 2)
    assert alone["azerbaijani"].total == 0
    # an omission told by two sides at once is no one side's own
    two = _with_omission_positions(demo_comparison())
    two = replace(
        two,
        divergences=tuple(
            replace(d, positions=(replace(d.positions[0], sides=("armenian", "international")),))
            if d.id == "d6"
            else d
            for d in two.divergences
        ),
    )
    assert all(not a.items for a in build_brief(two).alone)


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
    assert brief.alone == () and not (brief.contradictions or brief.figures)


def test_an_arrow_only_into_a_value_its_sentence_calls_an_update() -> None:
    from tui.analysis.brief import Statement, timeline

    def said(source: str, value: str, revises: bool = False) -> Statement:
        return Statement(source, 0, float(value), value, value, None, revises)

    assert timeline([said("a", "20"), said("a", "19")]) == "20, 19"
    assert timeline([said("a", "9"), said("a", "10", revises=True), said("b", "7")]) == "9 → 10 · 7"
