"""Headlines analysed as units of their own: a headline a row holds (`Cluster.headlines`) is
read by the detectors like one more member, and a finding on it points at it (a span of
paragraph `HEADLINE`). Small events in our own words between Norland and Southmark (the
desk's), aligned by hand so that these tests do not depend on the aligner."""

from __future__ import annotations

from dataclasses import replace

from tui.model import HEADLINE, Cluster, Divergence, Member, Source

# Paragraphs that tell the night's events without a toll, a name of either side's or an
# attacker, so that whatever diverges is in the headlines.
NORTH_BODY = (
    "Rescue teams searched the rubble of the harbour market on Sunday after a night of heavy "
    "shelling, the city council said."
)
SOUTH_BODY = (
    "Rescue teams worked through Sunday at the harbour market after a night of heavy shelling, "
    "local officials said."
)


def titled(source: Source, title: str) -> Source:
    return replace(source, title=title)


def headline_spans(divergence: Divergence) -> list[tuple[str, str]]:
    return [(s.source, s.text) for s in divergence.spans if s.headline]


def one_row_with_headlines(*sources: Source) -> tuple[Cluster, ...]:
    members = tuple(Member(s.id, 0) for s in sources)
    return (Cluster("c1", 1.0, members, headlines=tuple(s.id for s in sources)),)


def opposing(
    desk,
    north_title: str = "Southmark artillery shelled Port Vell overnight, killing 12 civilians",
    south_title: str = "Norland artillery shelled Velport overnight, killing 3 civilians",
) -> tuple[Source, Source]:
    """A Norland and a Southmark outlet whose paragraphs agree, under these headlines."""
    north = titled(desk.source("north-post", "norland", NORTH_BODY), north_title)
    south = titled(desk.source("south-daily", "southmark", SOUTH_BODY), south_title)
    return north, south


def test_opposing_headlines_on_one_row_give_toll_blame_and_name(desk) -> None:
    north, south = opposing(desk)
    found = desk.run(north, south, clusters=one_row_with_headlines(north, south))
    by_kind = {d.kind: d for d in found}
    assert {"figure", "blame", "naming"} <= set(by_kind)
    assert headline_spans(by_kind["figure"]) == [
        ("north-post", "12 civilians"),
        ("south-daily", "3 civilians"),
    ]
    assert {s for s, _ in headline_spans(by_kind["blame"])} == {"north-post", "south-daily"}
    assert headline_spans(by_kind["naming"]) == [
        ("north-post", "Port Vell"),
        ("south-daily", "Velport"),
    ]
    for divergence in found:  # every span is the exact slice it claims to be
        for span in divergence.spans:
            source = north if span.source == north.id else south
            assert source.text(span.paragraph)[span.start : span.end] == span.text


def test_the_same_headlines_unplaced_are_compared_with_nothing(desk) -> None:
    north, south = opposing(desk)
    rows = (Cluster("c1", 1.0, (Member(north.id, 0), Member(south.id, 0))),)
    assert not any(headline_spans(d) for d in desk.run(north, south, clusters=rows))


def test_a_headline_is_never_a_fact_the_other_side_omits(desk) -> None:
    """A headline's loaded few words (a hospital the other side never names, a toll) are
    not read as a claim the other side leaves out; the row's paragraphs still are."""
    north = titled(
        desk.source(
            "north-post",
            "norland",
            NORTH_BODY,
            "Southmark rockets destroyed the maternity hospital of Port Vell and a school in "
            "Eastgate on Sunday, killing 4 nurses, the regional governor Anna Brask said.",
        ),
        "Southmark rockets hit hospital in Port Vell: children among 30 dead",
    )
    south = desk.source("south-daily", "southmark", SOUTH_BODY)
    clusters = (
        Cluster("c1", 1.0, (Member(north.id, 0), Member(south.id, 0)), headlines=(north.id,)),
        Cluster("c2", 1.0, (Member(north.id, 1),)),
    )
    omissions = [d for d in desk.run(north, south, clusters=clusters) if d.kind == "omission"]
    assert omissions, "the paragraph's hospital and toll are the other side's omission"
    assert all(span.paragraph != HEADLINE for d in omissions for span in d.spans)


def test_what_a_side_s_headline_reports_that_side_has_not_omitted(desk) -> None:
    north = desk.source(
        "north-post",
        "norland",
        NORTH_BODY,
        "Southmark rockets destroyed the maternity hospital of Port Vell and a school in "
        "Eastgate on Sunday, killing 4 nurses, the regional governor Anna Brask said.",
    )
    south = titled(
        desk.source("south-daily", "southmark", SOUTH_BODY),
        "Governor Anna Brask: rockets hit Velport hospital and Eastgate school, 4 nurses dead",
    )

    def omitted(headlines: tuple[str, ...]) -> list[Divergence]:
        clusters = (
            Cluster("c1", 1.0, (Member(north.id, 0), Member(south.id, 0))),
            Cluster("c2", 1.0, (Member(north.id, 1),), headlines=headlines),
        )
        found = desk.run(north, south, clusters=clusters)
        return [d for d in found if d.kind == "omission"]

    assert omitted(()), "without its headline, Southmark never names the hospital"
    assert omitted((south.id,)) == []


def test_a_headline_that_agrees_with_its_row_adds_no_finding(desk) -> None:
    north, south = opposing(desk, "Night of shelling", "Shelling overnight")
    with_heads = desk.run(north, south, clusters=one_row_with_headlines(north, south))
    rows = (Cluster("c1", 1.0, (Member(north.id, 0), Member(south.id, 0))),)
    assert with_heads == desk.run(north, south, clusters=rows)


def test_a_place_in_a_clause_of_circumstance_is_no_target(desk) -> None:
    """A headline has no comma to end the attack's clause at: "despite Geneva truce" names
    where the truce was agreed, not what was shelled."""
    north, south = opposing(
        desk,
        "Southmark artillery shelled Port Vell overnight despite Geneva truce",
        "Norland artillery shelled Velport overnight",
    )
    found = desk.run(north, south, clusters=one_row_with_headlines(north, south))
    blame = next(d for d in found if d.kind == "blame")
    assert blame.topic == "attack on Harbour"  # the lexicon's group for Port Vell / Velport
