"""Claim linking on invented accounts in our own words: opposing outlets tell one incident in
different words and figures (they must share a row), or different incidents in the same words
(they must not). Places, outlets and people are made up; so are the figures."""

from __future__ import annotations

from tui.analysis.align import (
    THRESHOLDS,
    Paragraph,
    align,
    between_neighbours,
    claim_weights,
    link_claims,
    read,
)
from tui.analysis.claims import ACT_TERM, claim_key, read_claims, signature
from tui.analysis.normalise import term_fields
from tui.model import Cluster, Lexicon, Member, NameGroup, Outlet, Source

LEXICON = Lexicon(
    names=(
        NameGroup("eastbridge", (("north", ("Eastbridge",)), ("south", ("Ostbruck",)))),
        NameGroup("millford", (("north", ("Millford",)), ("south", ("Mulvar",)))),
    )
)

MARKET_NORTH = (
    "Drones struck the central market of Eastbridge on Sunday morning, killing 14 civilians "
    "and wounding 40, the regional governor said."
)
MARKET_SOUTH = (
    "At least nine people were killed and about 30 wounded when drones hit a crowded market "
    "in Ostbruck, the Southland defence ministry said."
)
SCHOOL_MILLFORD = (
    "Drones struck a school in Millford on Sunday morning, killing 14 civilians and wounding "
    "40, the regional governor said."
)
DENIAL = "The Southland defence ministry denied that its drones had fired at the market."
QUOTE_NORTH = (
    'Governor Arlen Vask said: "The market was full of families buying bread when the drones came."'
)
QUOTE_SOUTH = (
    "Arlen Vask, the governor, told reporters that families had been buying bread at the "
    "market when the drones arrived."
)
BLANKETS = "Volunteers handed out blankets and hot tea at the railway station."
EXHIBITION = "The ministry of culture opened an exhibition of embroidery in the capital."
TRUCE = "The truce took effect at noon on 3 May, both capitals confirmed."
TRUCE_BACKGROUND = "Shells fell on the Millford dairy a day after the truce took effect."


def source(sid: str, side: str, *paragraphs: str) -> Source:
    return Source(sid, Outlet(sid, sid, side), f"/tmp/{sid}.html", "ok", paragraphs=paragraphs)


def claims_of(text: str) -> list:  # type: ignore[type-arg]
    return read_claims(Member("x", 0), text, term_fields(text, LEXICON))


def row_of(clusters: tuple[Cluster, ...], member: Member) -> Cluster:
    return next(c for c in clusters if member in c.members)


def test_signature_reads_what_is_counted_the_act_and_the_time() -> None:
    (north,) = claims_of(MARKET_NORTH)
    (south,) = claims_of(MARKET_SOUTH)
    for terms in (north.terms, south.terms):
        assert {"#kill", "#wound", ACT_TERM} <= terms
    assert "#civilia" in north.terms and "#peopl" in south.terms
    assert {"~sunda", "~morn"} <= north.terms
    # "wounding 40, the regional governor": a count never reaches across the comma
    assert "#region" not in north.terms
    (soldiers,) = claims_of("Three Norland soldiers were killed overnight near the ridge.")
    assert {"3", "#kill", "#soldier", "~overnight", "!norland"} <= soldiers.terms


def test_a_date_is_a_time_not_a_count_and_an_age_counts_nothing() -> None:
    assert "~may-3" in signature(["3", "may"])
    assert "#may" not in signature(["3", "may"])
    assert signature(["26", "year-old", "resident"]) == frozenset()


def test_one_incident_in_other_words_and_figures_is_one_row() -> None:
    sources = [
        source("north-post", "north", BLANKETS, MARKET_NORTH),
        source("south-wire", "south", EXHIBITION, MARKET_SOUTH),
    ]
    clusters = align(sources, LEXICON)
    row = row_of(clusters, Member("north-post", 1))
    assert Member("south-wire", 1) in row.members
    # the row says which sentences made it
    (link,) = row.links
    assert {link.a, link.b} == {Member("north-post", 1), Member("south-wire", 1)}
    assert 0 < link.score <= 1
    assert row_of(clusters, Member("north-post", 0)).members == (Member("north-post", 0),)


def test_the_same_words_about_another_place_are_another_incident() -> None:
    sources = [
        source("north-post", "north", MARKET_NORTH),
        source("south-wire", "south", SCHOOL_MILLFORD),
    ]
    clusters = align(sources, LEXICON)
    assert len(clusters) == 2 and all(len(c.members) == 1 for c in clusters)


def test_a_long_paragraph_sits_level_with_the_two_short_ones_it_tells() -> None:
    sources = [
        source("north-post", "north", MARKET_NORTH + " " + DENIAL),
        source("south-wire", "south", MARKET_SOUTH, BLANKETS, DENIAL),
    ]
    row = row_of(align(sources, LEXICON), Member("north-post", 0))
    assert {Member("south-wire", 0), Member("south-wire", 2)} <= set(row.members)
    assert Member("south-wire", 1) not in row.members
    # one link per short paragraph, each from its own sentence of the long one
    starts = {link.a_start if link.a.source == "north-post" else link.b_start for link in row.links}
    assert len(starts) == 2


def test_a_quote_of_one_named_speaker_in_two_translations_is_one_row() -> None:
    sources = [
        source("north-post", "north", QUOTE_NORTH, BLANKETS),
        source("south-wire", "south", EXHIBITION, QUOTE_SOUTH),
    ]
    row = row_of(align(sources, LEXICON), Member("north-post", 0))
    assert Member("south-wire", 1) in row.members


def test_a_clause_of_background_does_not_make_a_row_on_its_own() -> None:
    (claim,) = claims_of(TRUCE_BACKGROUND)
    assert {claim_key("truce"), "took", "effect"} <= claim.background
    assert "dairy" not in claim.background
    sources = [
        source("north-post", "north", TRUCE),
        source("south-wire", "south", TRUCE_BACKGROUND),
    ]
    assert all(len(c.members) == 1 for c in align(sources, LEXICON))


def test_followed_by_reports_what_happened_following_dates_it() -> None:
    """The cue is the word as written: "following" opens a clause of background, "followed"
    (the same stem) tells the sequence of the incident itself."""
    (told,) = claims_of("A blast followed by a fire hit the depot near the dairy on Monday.")
    assert told.background == frozenset()
    (dated,) = claims_of("Shells hit the dairy following the truce agreed in Vell.")
    assert {claim_key("truce"), claim_key("agreed")} <= dated.background
    assert claim_key("dairy") not in dated.background


def test_words_of_who_says_it_are_no_particular() -> None:
    sources = [
        source("north-post", "north", "The defence ministry said so in a statement.", BLANKETS),
        source("south-wire", "south", "The defence ministry said so in a statement.", DENIAL),
    ]
    _, claims = read(sources, LEXICON)
    _, particulars = claim_weights(claims)
    assert not {"said", "ministr", "defenc"} & particulars
    clusters = align(sources, LEXICON)
    assert row_of(clusters, Member("north-post", 0)).members == (Member("north-post", 0),)


def test_bylines_and_credits_stay_alone() -> None:
    sources = [
        source("north-post", "north", "By Mira Tallis", MARKET_NORTH, "Photo: Reuters"),
        source("south-wire", "south", "By Oren Dask", MARKET_SOUTH, "Photo: AFP"),
    ]
    clusters = align(sources, LEXICON)
    for member in (Member("north-post", 0), Member("north-post", 2), Member("south-wire", 0)):
        assert row_of(clusters, member).members == (member,)


def test_a_weak_link_between_two_aligned_neighbours_is_raised() -> None:
    paragraphs = [Paragraph(Member(s, i), i / 3) for s in ("a", "b") for i in range(3)]
    edges = {(0, 3): 0.9, (1, 4): 0.3, (2, 5): 0.8}
    raised = between_neighbours(paragraphs, edges, THRESHOLDS)
    assert raised[(1, 4)] == THRESHOLDS.neighbours * 0.8 > 0.3
    # no link of their own: the paragraphs between stay apart
    assert (1, 4) not in between_neighbours(paragraphs, {(0, 3): 0.9, (2, 5): 0.8}, THRESHOLDS)
    # neighbours too weak to make rows raise nothing
    weak = {(0, 3): 0.2, (1, 4): 0.1, (2, 5): 0.2}
    assert between_neighbours(paragraphs, weak, THRESHOLDS) == weak


def test_the_speaker_is_who_a_sentence_is_attributed_to() -> None:
    """The names and offices right before a reporting verb, or after "according to", are
    the speaker; what the speaker reports is not."""
    (before,) = claims_of("Prime Minister Tamsin Rell said the talks in Vell had stalled.")
    assert {claim_key("Tamsin"), claim_key("Rell"), "!" + claim_key("Rell")} <= before.speaker
    assert claim_key("talks") not in before.speaker
    (after,) = claims_of("According to Governor Arlen Vask, the bridge was closed at dawn.")
    assert {claim_key("Arlen"), claim_key("Vask")} <= after.speaker
    assert claim_key("bridge") not in after.speaker
    # a name that is also what the sentence is about is not only the speaker
    (both,) = claims_of("Rell said that Rell would resign.")
    assert claim_key("Rell") not in both.speaker
    # a side that says so is a party to what it says, not only its speaker
    text = "The Norland defence ministry said the bridge was shelled."
    (side,) = read_claims(Member("x", 0), text, term_fields(text, LEXICON), {"norland": "north"})
    assert "norland" not in side.speaker and claim_key("defence") in side.speaker


def test_one_speaker_on_two_subjects_is_not_one_row() -> None:
    """Outlets quote the same official all through an event: sharing only who speaks, two
    sentences report two things, while the same statement in two outlets still links
    (`test_a_quote_of_one_named_speaker_in_two_translations_is_one_row`)."""
    sources = [
        source("north-post", "north", "Prime Minister Tamsin Rell said the talks had stalled."),
        source("south-wire", "south", "Prime Minister Tamsin Rell said 12 soldiers died."),
    ]
    assert all(len(c.members) == 1 for c in align(sources, LEXICON))


def test_words_of_saying_are_not_one_of_the_two_shared_terms() -> None:
    """Two claims must share two terms besides the words of saying: "a statement" and one
    rare word are a quote formula and a coincidence, not one fact."""
    lone = "Crews reached the quarry, a statement said."
    other = "The quarry owners issued a statement on Friday."
    sources = [
        source("north-post", "north", lone, BLANKETS),
        source("south-wire", "south", other, EXHIBITION),
    ]
    _, claims = read(sources, LEXICON)
    weights, particulars = claim_weights(claims)
    assert claim_key("quarry") in particulars
    assert not link_claims(claims, weights, particulars)
    # one more shared word of what happened, and they link
    sources = [
        source("north-post", "north", "Crews reached the flooded quarry, a statement said."),
        source("south-wire", "south", "The flooded quarry owners issued a statement."),
    ]
    _, claims = read(sources, LEXICON)
    assert link_claims(claims, *claim_weights(claims))
