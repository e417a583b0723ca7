"""Hand-written coverage of 11 October 2020 (Ganja and Stepanakert), in the team's own words.

Four fictional outlets: Baku Herald (azerbaijani), Yerevan Courier (armenian), Global Wire and
Northern Post (international). Paragraphs are aligned by hand into clusters, so the divergence
tests do not depend on the aligner.
"""

from __future__ import annotations

from tui.model import Cluster, FramingTerm, Lexicon, Member, NameGroup, Outlet, Source

LEXICON = Lexicon(
    names=(
        NameGroup(
            "stepanakert",
            (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi", "Khankandi"))),
        ),
        NameGroup(
            "karabakh", (("armenian", ("Artsakh",)), ("international", ("Nagorno-Karabakh",)))
        ),
    ),
    framing=(
        FramingTerm("occupant", "azerbaijani"),
        FramingTerm("separatist regime", "azerbaijani"),
        FramingTerm("Artsakh", "armenian"),
        FramingTerm("aggression", "armenian"),
    ),
    denial=("absolute lie", "lie", "misinformation", "disinformation", "fake"),
    actors=(
        ("armenian", ("Yerevan", "Karabakh", "Nagorno-Karabakh", "Artsakh", "separatists")),
        ("azerbaijani", ("Azeri", "Baku")),
    ),
)

OUTLETS = {
    "baku": Outlet("baku", "Baku Herald", "azerbaijani"),
    "yerevan": Outlet("yerevan", "Yerevan Courier", "armenian"),
    "wire": Outlet("wire", "Global Wire", "international"),
    "north": Outlet("north", "Northern Post", "international"),
}


def source(outlet: str, *paragraphs: str, status: str = "ok") -> Source:
    return Source(
        id=outlet,
        outlet=OUTLETS[outlet],
        location=f"/fixtures/{outlet}.html",
        status=status,  # type: ignore[arg-type]
        error=None if status == "ok" else "could not fetch",
        paragraphs=paragraphs,
    )


def cluster(cid: str, *members: tuple[str, int]) -> Cluster:
    return Cluster(cid, 0.8, tuple(Member(s, p) for s, p in members))


BAKU = source(
    "baku",
    # 0
    "Armenian armed forces shelled Ganja overnight in breach of the humanitarian ceasefire, "
    "killing seven civilians and wounding 33 others.",
    # 1
    "The Armenian occupants also fired rockets at residential areas near Khankendi at 2 a.m.",
    # 2
    "Nine apartments were destroyed in the attack on Ganja.",
    # 3
    "Resident Elnur Mammadov, 54, said he lost his home in 1992 and again on 11 October 2020.",
    # 4
    "Azerbaijani units repelled an attack near Fuzuli overnight, inflicting heavy losses on the "
    "enemy.",
)
YEREVAN = source(
    "yerevan",
    # 0
    "The Artsakh defence ministry said claims that Armenian forces shelled Ganja were an "
    "absolute lie and that its units were respecting the truce.",
    # 1
    "Azerbaijan shelled Stepanakert through the night in an act of aggression, the ministry "
    "said, and one person was killed.",
    # 2
    "Rescue teams in Stepanakert worked through the night to clear rubble from the market.",
    # 3
    "Karabakh units repelled an Azerbaijani offensive near Fuzuli overnight, inflicting heavy "
    "losses on the enemy.",
)
WIRE = source(
    "wire",
    # 0
    "Azerbaijan's foreign ministry said Armenian forces shelled Ganja overnight, leaving seven "
    "people dead and 33 wounded less than 24 hours after the truce took effect.",
    # 1
    "Loud explosions were heard in Stepanakert throughout the night, an agency reporter said.",
)
NORTH = source(
    "north",
    # 0
    "Shelling of Ganja killed 10 people, according to local officials, and wounded 33.",
)

SOURCES = (BAKU, YEREVAN, WIRE, NORTH)
CLUSTERS = (
    cluster("c1", ("baku", 0), ("wire", 0), ("north", 0)),
    cluster("c2", ("yerevan", 0)),
    cluster("c3", ("baku", 1), ("yerevan", 1), ("wire", 1)),
    cluster("c4", ("baku", 2)),
    cluster("c5", ("baku", 3)),
    cluster("c6", ("yerevan", 2)),
    cluster("c7", ("baku", 4), ("yerevan", 3)),
)

NEUTRAL = frozenset({"international"})  # the side sources.yaml marks `neutral: true`
