from tui.analysis.normalise import group_key, name_matcher, stem, term_fields
from tui.model import Lexicon, NameGroup

LEXICON = Lexicon(
    names=(
        NameGroup(
            "stepanakert",
            (("armenian", ("Stepanakert",)), ("azerbaijani", ("Khankendi", "Xankendi"))),
        ),
        NameGroup(
            "karabakh",
            (("armenian", ("Republic of Artsakh", "Artsakh")), ("azerbaijani", ("Karabakh",))),
        ),
    )
)


def keys(text: str) -> list[str]:
    return [key for key, _, _, _ in term_fields(text, LEXICON)]


def test_number_words_and_digits_give_the_same_key() -> None:
    assert keys("Seven civilians were killed") == keys("7 civilians were killed")
    assert keys("thirty-three wounded, 1,200 displaced") == [
        "33",
        "wound",
        "1200",
        "displac",
    ]


def test_every_name_of_a_group_becomes_one_key() -> None:
    found = {tuple(keys(f"Shelling hit {name} overnight")) for name in
             ("Stepanakert", "Khankendi", "XANKENDI", "Stepanakert's")}  # fmt: skip
    assert len(found) == 1
    assert group_key("stepanakert") in next(iter(found))


def test_multi_word_names_match_longest_first_with_spans() -> None:
    text = "Officials of the Republic of Artsakh said"
    found = [(key, text[start:end]) for key, start, end, kind in term_fields(text, LEXICON)
             if kind == "name"]  # fmt: skip
    assert found == [(group_key("karabakh"), "Republic of Artsakh")]


def test_spans_point_at_the_original_characters() -> None:
    text = "Azerbaijan's ministry: seven dead in Ganja."
    fields = term_fields(text, LEXICON)
    for _, start, end, _ in fields:
        assert text[start:end].strip() == text[start:end]
    [number] = [(key, text[start:end]) for key, start, end, kind in fields if kind == "number"]
    assert number == ("7", "seven")


def test_possessives_and_accents_fold_away_and_stopwords_stay_for_the_reader() -> None:
    # Stopwords are terms too: which words count is for the reader of the terms to decide.
    assert keys("The shelling of the city's market") == [
        "the",
        "shell",
        "of",
        "the",
        "city",
        "market",
    ]
    assert keys("Ağdam") == keys("Agdam")


def test_stem_is_consistent_across_inflections() -> None:
    assert stem("killed") == stem("killing") == stem("kills") == "kill"
    assert stem("casualties") == stem("casualty")


def test_untrusted_text_does_not_break_normalisation() -> None:
    text = "\x1b[31m[red]Ganja[/red]\x1b[0m <b>7</b>\x00 killed"
    assert "ganja" in keys(text)
    assert "7" in keys(text)
    assert keys("") == []


def test_matcher_is_compiled_once_per_lexicon() -> None:
    assert name_matcher(LEXICON) is name_matcher(LEXICON)
    assert name_matcher(Lexicon()).longest == 0


def test_words_outlets_swap_for_one_another_are_one_term() -> None:
    assert keys("Three reporters were injured") == keys("three journalists were wounded")
    assert keys("journalists hurt") == keys("journalists wounded")
    assert keys("rockets struck the city") == keys("missiles hit the city")
    assert keys("the truce") == keys("the ceasefire") == keys("the cease-fire")
    assert keys("seven dead") == keys("seven killed") == keys("7 died")
    assert keys("Baku rejected the claim") == keys("Baku denied the claim")
    # Not everything: a town is not a city, and whether a claim is asserted or reported is
    # for the divergence finder to read.
    assert keys("the town") != keys("the city")
    assert keys("officials said") != keys("officials claimed")


def test_plural_and_final_e_do_not_split_a_word() -> None:
    assert stem("buildings") == stem("building") == stem("build")
    assert stem("damage") == stem("damaged") == stem("damaging")
    assert stem("injuries") == stem("injured") == stem("wounds")


def test_one_fold_for_the_aligner_and_the_name_matcher() -> None:
    """Issue 7: the fold lives in the text layer and both readers use that one function."""
    from tui.analysis import names, normalise
    from tui.text import tokens

    assert normalise.fold is tokens.fold
    assert names.fold is tokens.fold
    assert tokens.fold("Ağdam’s") == tokens.fold("AGDAM") == "agdam"
    assert tokens.fold("it's") == "it"
    assert tokens.fold("'s") == "'s"  # too short to hold a possessive
