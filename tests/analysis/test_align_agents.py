"""Who attacked (tui.analysis.claims.agent_side) and what it does to claim links: accounts in
the team's own words of fighting between two invented countries, Norland and Southland."""

from __future__ import annotations

import dataclasses

import pytest

from tui.analysis.align import align, event_sides
from tui.analysis.claims import read_claims
from tui.analysis.normalise import term_fields
from tui.model import Lexicon, Member, Outlet, Source

LEXICON = Lexicon(actors=(("norland", ("Northam",)), ("southland", ("Southport",))))


def source(sid: str, side: str, *paragraphs: str) -> Source:
    return Source(
        sid, Outlet(sid, sid.upper(), side), f"/tmp/{sid}.html", "ok", paragraphs=paragraphs
    )


def agent(text: str) -> str:
    sides = event_sides([source("n", "norland"), source("s", "southland")], LEXICON)
    (claim,) = read_claims(Member("n", 0), text, term_fields(text, LEXICON), sides)
    return claim.agent


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Norland armed forces shelled the border village of Tamarisk overnight.", "norland"),
        ("The Southland army had fired rockets at the dam on Monday.", "southland"),
        ("Troops of Northam struck a bridge near Tamarisk.", ""),  # no side word before them
        ("Northam troops struck a bridge near Tamarisk.", "norland"),  # a lexicon actor word
        ("Border posts near Tamarisk were shelled by Southland forces overnight.", "southland"),
        ("Southport said rockets fired overnight hit the dam at Tamarisk.", ""),  # a claimant
        ("A bridge near Tamarisk was damaged by shelling, officials said.", ""),
        ("Norland and Southland agreed a truce in Geneva.", ""),  # no attack
    ],
)
def test_the_attacker_is_read_only_from_its_plainest_forms(text: str, side: str) -> None:
    assert agent(text) == side


def rows(sources: list[Source]) -> list[set[str]]:
    return [{m.source for m in c.members} for c in align(sources, LEXICON)]


def test_same_words_with_opposite_attackers_are_two_incidents() -> None:
    sources = [
        source("north", "norland", "Southland forces shelled Norland border posts near Tamarisk "
               "overnight, wounding four soldiers."),
        source("south", "southland", "Norland forces shelled Southland border posts near "
               "Tamarisk overnight, wounding four soldiers."),
    ]  # fmt: skip
    assert {"north", "south"} not in rows(sources)


def test_one_side_blaming_the_other_for_one_incident_stays_on_one_row() -> None:
    sources = [
        source("north", "norland", "Norland said its posts near Tamarisk were hit overnight and "
               "four soldiers were wounded, and blamed Southland."),
        source("south", "southland", "Southland forces shelled Norland posts near Tamarisk "
               "overnight, wounding four soldiers, the Norland ministry claimed."),
    ]  # fmt: skip
    assert {"north", "south"} in rows(sources)


def test_a_headline_naming_the_other_attacker_does_not_join_the_row() -> None:
    posts = (
        "Southland forces shelled Norland border posts near Tamarisk overnight, wounding four "
        "soldiers."
    )
    mirrored = "Norland forces shelled Southland border posts near Tamarisk overnight"
    sources = [
        dataclasses.replace(source("north", "norland", posts), title=mirrored),
        source("wire", "international", posts),
    ]
    (row,) = [c for c in align(sources, LEXICON) if len(c.members) == 2]
    assert "north" not in row.headlines
    sources[0] = dataclasses.replace(
        sources[0], title="Southland forces shelled Norland border posts near Tamarisk"
    )
    (row,) = [c for c in align(sources, LEXICON) if len(c.members) == 2]
    assert row.headlines == ("north",)
