"""One reading per paragraph text: within `shared_reading` the aligner's terms and the
detectors' corpus read the same parse, and what they read is what a parse of their own gives;
`tui.pipeline.analysing` pauses the cyclic collector and always restores it."""

from __future__ import annotations

import gc
import threading

from tui.analysis import figures
from tui.analysis.figures import find_figures
from tui.analysis.normalise import term_fields
from tui.analysis.parsed import parse, shared_reading
from tui.model import Lexicon, NameGroup
from tui.pipeline import analysing
from tui.text.numbers import find_numbers

TEXT = (
    "Drones struck the central market of Eastbridge at dawn, killing fourteen civilians. "
    "About thirty were wounded; two hundred and fifty homes were damaged."
)
LEXICON = Lexicon(
    names=(NameGroup("eastbridge", (("norland", ("Eastbridge",)), ("southmark", ("Ostbruck",)))),)
)


def test_a_text_is_parsed_once_inside_the_block_and_anew_outside() -> None:
    with shared_reading():
        first = parse(TEXT)
        assert parse(TEXT) is first
        assert term_fields(TEXT, LEXICON) == term_fields(TEXT, LEXICON)
    assert parse(TEXT) is not first
    assert parse(TEXT) == first


def test_blocks_nest_and_end_with_their_parses() -> None:
    with shared_reading():
        outer = parse(TEXT)
        with shared_reading():
            assert parse(TEXT) is not outer
        assert parse(TEXT) is outer


def test_terms_inside_a_shared_reading_equal_a_fresh_reading() -> None:
    fresh = term_fields(TEXT, LEXICON)
    with shared_reading():
        parse(TEXT)
        assert term_fields(TEXT, LEXICON) == fresh
    assert [key for key, _, _, kind in fresh if kind == "name"] == ["@eastbridge"]
    assert [key for key, _, _, kind in fresh if kind == "number"] == ["14", "30", "250"]


def test_the_paragraphs_numbers_are_the_tokens_numbers() -> None:
    parsed = parse(TEXT)
    assert list(parsed.numbers) == find_numbers(TEXT)
    assert [m.value for m in parsed.numbers] == [14, 30, 250]


def test_a_number_read_across_a_sentence_end_is_read_per_sentence_by_figures() -> None:
    # Over the whole paragraph "twenty. Three" is one number (23); a figure is read inside
    # its sentence, so the sentences are read anew: 20 killed, 3 soldiers wounded.
    text = "The shelling killed twenty. Three soldiers were wounded."
    assert [m.value for m in parse(text).numbers] == [23]
    found = [(f.text, f.quantity, f.value) for f in find_figures("s", 0, text)]
    assert found == [("killed twenty", "killed", 20), ("Three soldiers", "soldiers wounded", 3)]


def test_figures_of_a_parse_and_of_the_text_alone_agree() -> None:
    with shared_reading():
        shared = find_figures("s", 0, TEXT, parse(TEXT))
    assert shared == find_figures("s", 0, TEXT)
    assert [f.value for f in shared] == [14, 30, 250]


def test_the_collector_is_paused_while_analysing_and_restored_after() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with analysing():
            assert not gc.isenabled()
            assert parse(TEXT) is parse(TEXT)
        assert gc.isenabled()
        gc.disable()
        with analysing():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        (gc.enable if was else gc.disable)()


def test_overlapping_analyses_in_two_threads_restore_the_collector_once_both_end() -> None:
    was = gc.isenabled()
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with analysing():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    try:
        thread.start()
        inside.wait(10)
        with analysing():
            pass
        assert not gc.isenabled()  # the other thread's analysis still runs
        release.set()
        thread.join(10)
        assert gc.isenabled()
    finally:
        release.set()
        (gc.enable if was else gc.disable)()


def test_an_analysis_that_fails_restores_the_collector() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        try:
            with analysing():
                raise ValueError("boom")
        except ValueError:
            pass
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_whether_a_sentence_may_count_does_not_depend_on_its_case() -> None:
    # ASCII paragraphs are tested lower-cased with a case-sensitive pattern; others as written.
    found = find_figures("s", 0, "SEVEN PEOPLE WERE KILLED.")
    assert [(f.text, f.quantity, f.value) for f in found] == [("SEVEN PEOPLE", "killed", 7)]
    assert [f.value for f in find_figures("s", 0, "In Ağdam, Seven people were killed.")] == [7]
    for sentence in ("An Hour later", "Twelve", "AT NOON", "none", "Someone", "a. day", "9"):
        assert bool(figures._MAY_COUNT.search(sentence)) == bool(
            figures._MAY_COUNT_LOWER.search(sentence.lower())
        ), sentence
