"""Gap filling (`tui.analysis.align.fill_gaps`): a paragraph left alone by average-link merging
joins the row that several of its weak links agree on, and only then. Edges are given
directly, so that each case tests the rule rather than the wording that would produce it."""

from __future__ import annotations

import dataclasses

from tui.analysis.align import THRESHOLDS, Edges, Paragraph, cluster
from tui.model import Cluster, Member


def paragraphs(*labels: str) -> list[Paragraph]:
    """Paragraphs from "source:index" labels, in the aligner's order (source, index)."""
    members = sorted(Member(s, int(i)) for s, _, i in (label.partition(":") for label in labels))
    return [Paragraph(m, m.paragraph / 10) for m in members]


def edges_of(ps: list[Paragraph], scores: dict[tuple[str, str], float]) -> Edges:
    index = {f"{p.member.source}:{p.member.paragraph}": n for n, p in enumerate(ps)}
    out = {tuple(sorted((index[a], index[b]))): s for (a, b), s in scores.items()}
    return dict(sorted(out.items()))


def row_of(clusters: tuple[Cluster, ...], label: str) -> tuple[str, ...]:
    source, _, index = label.partition(":")
    row = next(c for c in clusters if Member(source, int(index)) in c.members)
    return tuple(f"{m.source}:{m.paragraph}" for m in row.members)


# Three outlets tell one fact strongly to one another (a row of three); a fourth tells it in
# words too different for any single link to make a row.
ROW = {("a:0", "b:0"): 0.9, ("a:0", "c:0"): 0.8, ("b:0", "c:0"): 0.85}


def test_a_lone_paragraph_whose_weak_links_agree_joins_their_row() -> None:
    ps = paragraphs("a:0", "b:0", "c:0", "d:0")
    weak = {("d:0", "a:0"): 0.36, ("d:0", "b:0"): 0.36, ("d:0", "c:0"): 0.36}
    clusters = cluster(ps, edges_of(ps, ROW | weak))
    assert row_of(clusters, "d:0") == ("a:0", "b:0", "c:0", "d:0")
    # Off, average link alone keeps it out (mean 0.36 < `link`).
    off = cluster(ps, edges_of(ps, ROW | weak), dataclasses.replace(THRESHOLDS, fill=0.0))
    assert row_of(off, "d:0") == ("d:0",)


def test_one_weak_link_is_not_enough() -> None:
    ps = paragraphs("a:0", "b:0", "c:0", "d:0")
    clusters = cluster(ps, edges_of(ps, ROW | {("d:0", "a:0"): 0.39}))
    assert row_of(clusters, "d:0") == ("d:0",)


def test_links_too_weak_to_count_are_no_evidence_however_many() -> None:
    ps = paragraphs("a:0", "b:0", "c:0", "d:0")
    weak = {("d:0", "a:0"): 0.3, ("d:0", "b:0"): 0.3, ("d:0", "c:0"): 0.3}
    clusters = cluster(ps, edges_of(ps, ROW | weak))
    assert THRESHOLDS.fill_edge > 0.3
    assert row_of(clusters, "d:0") == ("d:0",)


def test_weak_links_to_a_few_members_of_a_large_row_are_not_enough() -> None:
    # Two weak links into a row of six: the total passes, the mean over the row does not.
    ps = paragraphs("a:0", "b:0", "c:0", "e:0", "f:0", "g:0", "d:0")
    big = {(x, y): 0.8 for x in ("a:0", "b:0", "c:0") for y in ("e:0", "f:0", "g:0")} | ROW
    big |= {("e:0", "f:0"): 0.8, ("e:0", "g:0"): 0.8, ("f:0", "g:0"): 0.8}
    weak = {("d:0", "a:0"): 0.45, ("d:0", "b:0"): 0.45}
    clusters = cluster(ps, edges_of(ps, big | weak))
    assert len(row_of(clusters, "a:0")) == 6
    assert row_of(clusters, "d:0") == ("d:0",)


def test_a_paragraph_joins_the_row_it_has_most_evidence_with() -> None:
    ps = paragraphs("a:0", "b:0", "c:0", "a:1", "b:1", "d:0")
    other = {("a:1", "b:1"): 0.9}
    weak = {("d:0", "a:0"): 0.36, ("d:0", "b:0"): 0.36, ("d:0", "c:0"): 0.36}
    weak |= {("d:0", "a:1"): 0.38, ("d:0", "b:1"): 0.37}
    clusters = cluster(ps, edges_of(ps, ROW | other | weak))
    assert row_of(clusters, "d:0") == ("a:0", "b:0", "c:0", "d:0")
    assert row_of(clusters, "a:1") == ("a:1", "b:1")
