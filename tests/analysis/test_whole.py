"""All detectors together: ids, spans, sides as data, bad input."""

from __future__ import annotations

from tui.analysis.diverge import diverge
from tui.model import DIVERGENCE_KINDS, Lexicon, Member, Source

# --- the whole -----------------------------------------------------------------------------------


def test_ids_follow_importance_then_cluster_then_kind_order(ganja) -> None:
    divergences = ganja.run()
    assert [d.id for d in divergences] == [f"d{i}" for i in range(1, len(divergences) + 1)]
    order = [c.id for c in ganja.CLUSTERS]
    keys = [
        (-d.importance, order.index(d.cluster), DIVERGENCE_KINDS.index(d.kind)) for d in divergences
    ]
    assert keys == sorted(keys)
    assert ganja.run() == divergences  # deterministic


def test_every_span_is_its_slice_and_in_its_cluster(ganja) -> None:
    by_id = {s.id: s for s in ganja.SOURCES}
    members = {c.id: set(c.members) for c in ganja.CLUSTERS}
    divergences = ganja.run()
    assert {d.kind for d in divergences} == set(DIVERGENCE_KINDS)
    for divergence in divergences:
        assert divergence.spans
        for span in divergence.spans:
            assert by_id[span.source].paragraphs[span.paragraph][span.start : span.end] == span.text
        first = divergence.spans[0]
        assert Member(first.source, first.paragraph) in members[divergence.cluster]


def test_side_ids_are_data(ganja) -> None:
    """Another conflict: sides named north/south, neutral side 'observers'."""
    from tui.model import Outlet

    def src(sid: str, side: str, text: str) -> Source:
        return Source(sid, Outlet(sid, sid.title(), side), f"/{sid}", "ok", paragraphs=(text,))

    sources = (
        src("n1", "north", "Rockets hit the Harbour Market in Velmar at dawn, killing 4 people."),
        src("s1", "south", "The southern army reported calm along the whole front line today."),
        src("o1", "observers", "Monitors counted twelve craters near Velmar on Sunday morning."),
    )
    clusters = (ganja.cluster("c1", ("n1", 0), ("o1", 0)), ganja.cluster("c2", ("s1", 0)))
    divergences = diverge(sources, clusters, Lexicon(), neutral_sides=frozenset({"observers"}))[0]
    (omission,) = ganja.of_kind(divergences, "omission")
    # the observers' paragraph sits on the row: they are no silent side
    assert omission.summary.startswith("Only North and Observers sources report 'Rockets hit")
    assert "no South source mentions 4 killed" in omission.summary
    assert [p.sides for p in omission.positions] == [("north", "observers"), ("south",)]


def test_error_sources_and_bad_members_are_ignored(ganja) -> None:
    broken = Source("north", ganja.NORTH.outlet, "/x", "error", error="HTTP 404")
    clusters = (*ganja.CLUSTERS, ganja.cluster("c9", ("north", 0), ("baku", 99), ("nobody", 0)))
    divergences = ganja.run((ganja.BAKU, ganja.YEREVAN, ganja.WIRE, broken), clusters)
    assert not ganja.of_kind(divergences, "figure")  # the 10-killed source is gone
    assert all(s.source != "north" for d in divergences for s in d.spans)


def test_untrusted_text_is_cleaned_in_summaries(ganja) -> None:
    baku = ganja.source(
        "baku", "Nine apartments \x1b[31mwere destroyed\x1b[0m in [bold]Ganja[/bold] overnight."
    )
    yerevan = ganja.source("yerevan", "Stepanakert was calm.")
    clusters = (ganja.cluster("c1", ("baku", 0)), ganja.cluster("c2", ("yerevan", 0)))
    (omission, *_) = ganja.of_kind(ganja.run((baku, yerevan), clusters), "omission")
    assert "\x1b" not in omission.summary
    assert "were destroyed" in omission.summary
    assert omission.spans[0].text.startswith("Nine apartments")
