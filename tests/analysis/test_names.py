"""One fold and one name matcher for every detector."""

from __future__ import annotations

from tui.analysis.corpus import build_corpus
from tui.analysis.names import names_for
from tui.analysis.parsed import parse
from tui.model import Cluster, Lexicon, Member, NameGroup, Outlet, Source

LEXICON = Lexicon(
    names=(
        NameGroup("agdam", (("norland", ("Agdam",)), ("southmark", ("Akna",)))),
        NameGroup("highlands", (("norland", ("Nagorno-Karabakh",)), ("southmark", ("Uplands",)))),
    )
)


def groups(text: str) -> list[tuple[str, str]]:
    parsed = parse(text)
    return [
        (use.group, text[use.start : use.end])
        for use in names_for(LEXICON).find(parsed.folded, parsed.tokens)
    ]


def test_accents_and_other_side_names_are_one_group() -> None:
    assert groups("Shells hit Agdam, Ağdam's market and Akna.") == [
        ("agdam", "Agdam"),
        ("agdam", "Ağdam's"),
        ("agdam", "Akna"),
    ]


def test_multi_word_name_with_a_space_or_a_hyphen() -> None:
    assert groups("Nagorno Karabakh and Nagorno-Karabakh and the Uplands") == [
        ("highlands", "Nagorno Karabakh"),
        ("highlands", "Nagorno-Karabakh"),
        ("highlands", "Uplands"),
    ]


def test_corpus_topic_keys_use_the_one_matcher() -> None:
    outlet = Outlet("n", "North", "norland")
    text = "Rockets struck Ağdam and Nagorno Karabakh."
    source = Source("n", outlet, "/n", "ok", paragraphs=(text,))
    corpus = build_corpus([source], [Cluster("c1", 1.0, (Member("n", 0),))], LEXICON)
    tokens = range(len(corpus.parsed[Member("n", 0)].tokens))
    # "Rockets" is capitalised only where the sentence starts: no name.
    assert corpus.topic_keys(Member("n", 0), tokens) == {"agdam", "highlands"}
