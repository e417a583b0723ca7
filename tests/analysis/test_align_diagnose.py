"""The reasons `benchmarks/align_diagnose.py` gives for a gold pair left on two rows."""

from collections import Counter

from benchmarks.align_diagnose import pair_f1, reason, unlinked
from tui.analysis.align import claim_weights
from tui.analysis.claims import Claim, read_claims, side_keys
from tui.analysis.normalise import term_fields
from tui.model import Lexicon, Member, NameGroup

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
