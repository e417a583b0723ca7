"""The sentence-pair scorer on sentences of our own (benchmarks.similarity)."""

from __future__ import annotations

import statistics

import pytest

from benchmarks.paraphrase import DATA, baseline, best_threshold, mrpc_figures, ours, read_sts
from benchmarks.similarity import NUMBERS_DIFFER, Scorer, fit, sentence_words

# A small event of our own: two accounts of one strike, one of another, and background.
STRIKE_NORTH = "Drones struck the central market of Eastbridge on Sunday morning."
STRIKE_SOUTH = "On Sunday morning a drone strike hit the crowded market in Eastbridge."
OTHER = "The foreign ministry summoned the ambassador over the border closure."
BACKGROUND = "The two countries fought a war over the region in the 1990s."
SENTENCES = [STRIKE_NORTH, STRIKE_SOUTH, OTHER, BACKGROUND]


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return fit(sentence_words(s) for s in SENTENCES)


def score(scorer: Scorer, a: str, b: str) -> float:
    return scorer.similarity(sentence_words(a), sentence_words(b))


def test_two_accounts_of_one_incident_score_above_unrelated_sentences(scorer: Scorer) -> None:
    same = score(scorer, STRIKE_NORTH, STRIKE_SOUTH)
    assert same > 0.4
    assert same > 2 * score(scorer, STRIKE_NORTH, OTHER)
    assert same > 2 * score(scorer, STRIKE_SOUTH, BACKGROUND)


def test_identical_sentences_score_one_and_empty_ones_zero(scorer: Scorer) -> None:
    assert score(scorer, OTHER, OTHER) == pytest.approx(1.0)
    assert scorer.similarity(frozenset(), sentence_words(OTHER)) == 0.0


def test_the_score_is_symmetric(scorer: Scorer) -> None:
    for a in SENTENCES:
        for b in SENTENCES:
            assert score(scorer, a, b) == pytest.approx(score(scorer, b, a))


def test_a_transliterated_name_counts_by_its_spelling() -> None:
    a = sentence_words("Shells fell on Khankendi overnight.")
    b = sentence_words("Shells fell on Khankandi overnight.")
    c = sentence_words("Shells fell on Lachin overnight.")
    scorer = fit([a, b, c])
    assert scorer.similarity(a, b) > scorer.similarity(a, c)
    assert scorer.similarity(a, b) < 1.0  # near, not the same word


def test_a_rare_shared_word_weighs_more_than_a_common_one() -> None:
    common = "The army said the attack was repelled."
    sentences = [sentence_words(s) for s in (common, common, common, "Rare words here.")]
    scorer = fit(sentences)
    assert scorer.weight("rare") > scorer.weight("army")
    assert scorer.weight("never-seen") == scorer.unseen >= scorer.weight("rare")


def test_different_figures_lower_the_score_only_when_asked() -> None:
    a = sentence_words("Seven civilians were killed in the shelling.")
    b = sentence_words("Twelve civilians were killed in the shelling.")
    ignored, counted = fit([a, b]), fit([a, b], NUMBERS_DIFFER)
    assert counted.similarity(a, b) == pytest.approx(NUMBERS_DIFFER * ignored.similarity(a, b))
    same = sentence_words("Seven civilians died in the shelling.")
    assert counted.similarity(a, same) == pytest.approx(fit([a, b]).similarity(a, same))


def test_words_are_compared_as_claims_read_them() -> None:
    words = sentence_words("Seven people were killed by the shelling.")
    assert "7" in words  # a number word as its value
    assert "by" in words  # function words are kept
    assert sentence_words("The villages were shelled.") >= {"villag", "shell"}


def test_the_benchmark_threshold_is_the_most_accurate_one() -> None:
    scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    labels = [0, 0, 1, 1, 0, 1]
    assert best_threshold(scores, labels) == 0.3  # 5 of 6 right, any other 4 or fewer
    assert best_threshold([0.2, 0.8], [1, 1]) == 0.2  # all paraphrases: everything "yes"
    assert best_threshold([0.2, 0.8], [0, 0]) > 0.8  # none: everything "no"
    cv, last = mrpc_figures([0.1, 0.9] * 10, [0, 1] * 10)
    assert cv == last == 1.0


@pytest.mark.skipif(
    not (DATA / "sts-dev.csv").is_file(), reason="../shared/bench/paraphrase is not here"
)
def test_the_scorer_beats_rapidfuzz_on_news_sentence_pairs() -> None:
    pairs = read_sts(DATA / "sts-dev.csv")
    gold = [g for g, _, _ in pairs]
    ours_r = statistics.correlation(ours(pairs), gold)
    theirs = statistics.correlation(baseline(pairs), gold)
    assert ours_r > theirs + 0.03  # measured 0.778 against 0.730
