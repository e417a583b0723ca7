"""The reasons `benchmarks/align_diagnose.py` gives for a gold pair left on two rows."""

from collections import Counter

from benchmarks.align_diagnose import (
    FEATURES,
    against,
    auc,
    bracket,
    candidates,
    concordance,
    fit_logistic,
    order_kind,
    pair_f1,
    pair_features,
    reason,
    study,
    unlinked,
)
from tui.analysis.align import claim_weights
from tui.analysis.claims import Claim, read_claims, side_keys
from tui.analysis.normalise import term_fields
from tui.model import Lexicon, Member, NameGroup, Outlet, Source

# Paragraphs 0-5 of sources a, b, c: 0, 1 of a; 2, 3 of b; 4, 5 of c.
SOURCES = ["a", "a", "b", "b", "c", "c"]


def _rows(*rows: list[int]) -> tuple[list[list[int]], list[int]]:
    row_of = [0] * len(SOURCES)
    for n, row in enumerate(rows):
        for i in row:
            row_of[i] = n
    return [list(r) for r in rows], row_of


def test_no_edge_and_weak_edge() -> None:
    rows, row_of = _rows([0], [2], [1], [3], [4], [5])
    assert reason(0, 2, {}, rows, row_of, SOURCES) == "no edge"
    assert reason(0, 2, {(0, 2): 0.3}, rows, row_of, SOURCES) == "weak edge"


def test_a_lone_paragraph_diluted_by_the_other_row() -> None:
    # 2 and 4 make a row; 0 links 2 well but not 4, so its mean to the row is 0.25.
    rows, row_of = _rows([0], [2, 4], [1], [3], [5])
    edges = {(0, 2): 0.5, (2, 4): 0.9}
    assert reason(0, 2, edges, rows, row_of, SOURCES) == "diluted"


def test_two_rows_each_held_by_stronger_edges() -> None:
    rows, row_of = _rows([0, 3], [2, 4], [1], [5])
    edges = {(0, 3): 0.9, (2, 4): 0.9, (0, 2): 0.5}
    assert reason(0, 2, edges, rows, row_of, SOURCES) == "pulled away"


def test_a_rule_when_the_mean_would_allow_the_merge() -> None:
    rows, row_of = _rows([0], [2, 4], [1], [3], [5])
    edges = {(0, 2): 0.5, (0, 4): 0.5, (2, 4): 0.9}
    assert reason(0, 2, edges, rows, row_of, SOURCES) == "rule"


def test_pair_f1_pools_the_events() -> None:
    one = Counter(tp=2, gold_pairs=4, lost_pairs=0, tool_pairs_in_gold_paras=2)
    two = Counter(tp=0, gold_pairs=2, lost_pairs=0, tool_pairs_in_gold_paras=2)
    # recall 2/6, precision 2/4: F1 = 2 * 2 / (6 + 4)
    assert pair_f1([one, two]) == 0.4
    assert pair_f1([]) == 0.0


# Why two paragraphs have no claim link at all (`unlinked`), on sentences in our own words.
LEXICON = Lexicon(
    names=(
        NameGroup("eastbridge", (("north", ("Eastbridge",)), ("south", ("Ostbruck",)))),
        NameGroup("millford", (("north", ("Millford",)), ("south", ("Mulvar",)))),
    )
)
SIDES = side_keys({"north": ["Northland"], "south": ["Southland"]})


def _claims(source: str, text: str) -> list[Claim]:
    return read_claims(Member(source, 0), text, term_fields(text, LEXICON), SIDES)


def _cause(first: str, second: str, particulars: frozenset[str] | None = None) -> str:
    a, b = _claims("a", first), _claims("b", second)
    weights, found = claim_weights([*a, *b])
    return unlinked(a, b, weights, found if particulars is None else particulars)


def test_unlinked_names_the_condition_that_kept_two_claims_apart() -> None:
    strike = "Drones struck the dairy of Eastbridge on Sunday, the regional governor said."
    told_again = "The dairy in Ostbruck was struck by drones on Sunday, officials said."
    elsewhere = "Drones struck the dairy of Millford on Sunday, the regional governor said."
    assert _cause(strike, told_again) == "below claim"  # they link once the score is not asked
    assert _cause(strike, told_again, frozenset()) == "no particular"
    assert _cause(strike, elsewhere) == "places"
    north = "Northland forces shelled the Eastbridge dairy overnight."
    south = "Southland forces shelled the Eastbridge dairy overnight."
    assert _cause(north, south) == "attackers"
    assert _cause(strike, "Volunteers handed out blankets at the dairy.") == "one term"
    # two terms in common, but one is a word of saying, or the two are who speaks
    assert _cause(
        "Crews reached the quarry, a statement said.", "The quarry issued a statement."
    ) == ("saying")
    assert _cause("Mayor Ilse Varn said the talks stalled.", "Mayor Ilse Varn said 12 died.") == (
        "saying"
    )


# Round 8's measurements (`--order`, `--gate`), on numbers and sentences of our own.


def test_bracket_reads_the_nearest_strong_links_on_both_sides() -> None:
    anchors = [(0, 0), (4, 5)]
    assert bracket(anchors, 2, 3) == "both"  # after (0, 0), before (4, 5) in both articles
    assert bracket(anchors, 2, 6) == "conflict"  # (4, 5) comes after it in one, before in the other
    assert bracket([(0, 0)], 3, 3) == "one"  # nothing after it to close the bracket
    assert bracket([(2, 0)], 2, 3) == "none"  # its own strong link is no anchor
    assert bracket([], 1, 1) == "none"


def test_concordance_counts_two_by_two() -> None:
    assert against([(0, 0), (2, 0), (3, 3)], 1, 1) == Counter(concordant=2, discordant=1)
    assert concordance([(0, 0), (1, 1), (2, 0)]) == Counter(concordant=1, tie=1, discordant=1)
    assert order_kind(against([(0, 0), (3, 3)], 1, 1)) == "in order"
    assert order_kind(against([(0, 2), (3, 0), (4, 4)], 1, 1)) == "out of order"
    assert order_kind(against([(0, 0), (3, 0)], 1, 1)) == "mixed"
    assert order_kind(against([(1, 0)], 1, 1)) == "no anchors"


def test_fit_logistic_learns_a_separating_feature() -> None:
    gate = fit_logistic(
        [[0.0, 1.0], [0.0, 0.0], [1.0, 1.0], [1.0, 0.0]], [False, False, True, True]
    )
    assert gate([1.0, 0.5]) > 0.5 > gate([0.0, 0.5])


def test_auc_is_the_chance_gold_ranks_first() -> None:
    assert auc([(0.9, True), (0.1, False), (0.5, True), (0.5, False)]) == 0.875
    assert auc([(0.2, True)]) == 0.5


def _source(source_id: str, side: str, *paragraphs: str) -> Source:
    return Source(source_id, Outlet(source_id, source_id, side), "", "ok", paragraphs=paragraphs)


def test_pair_features_of_a_weak_pair() -> None:
    north = _source(
        "n1",
        "north",
        "Drones struck the dairy of Eastbridge on Sunday, killing four workers, wrecking the "
        "bakery, the school, the power station and three warehouses near the river port.",
        "The regional governor promised to rebuild the dairy by spring.",
    )
    south = _source(
        "s1",
        "south",
        "Two workers died at a dairy on Sunday, officials said, who also reported long queues "
        "at petrol pumps, shortages of bread and flour, closed clinics and cold classrooms "
        "across the province.",
        "Volunteers handed out blankets in the square.",
    )
    wire = _source(
        "w1",
        "wire",
        "Aid groups asked for blankets for the families of the workers.",
        "The river port stayed closed on Monday.",
    )
    s = study("dairy", [north, south, wire], LEXICON, set(), lambda clusters: (0.0, 0.0))
    found = pair_features(s, frozenset({"wire"}))
    # the two ledes link strongly; the north lede and the wire's port line only weakly
    assert s.edges[(0, 2)] >= 0.4
    assert list(found) == candidates(s) == [(0, 5)]
    named = dict(zip(FEATURES, found[(0, 5)], strict=True))
    assert 0 < named["edge"] == named["low"] < 0.4
    assert (named["neutral"], named["opposite"], named["ledes"]) == (1.0, 0.0, 0.0)
    assert named["mutual"] == 1.0  # each is the other's best link in the other's source
    assert named["no anchors"] == 1.0  # no strong link between these two articles
    assert (named["distance"], named["later"]) == (0.5, 0.5)
