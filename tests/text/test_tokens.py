"""The tokenizer places every word where the word pattern matched it, and the folded words of a
paragraph read in one pass are each token's `Token.folded`."""

from __future__ import annotations

import random

import pytest

from tui.text.tokens import WORD_RE, Token, folded_words, tokenize

TRICKY = (
    "",
    "   ",
    "Azerbaijan’s army, Azerbaijan's army",
    "1,200 people; 3.5 million; 1,20 and 1.",
    "aa a aaa a-a a--a 'a a'",
    "Ağdam, AĞDAM’S; İstanbul ß Σς",
    "thirty-three wounded\u00a0overnight\u2003at 2 a.m.",
    "x_y __ _ 5_5 ٣٤ killed",
)


def _matched(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_are_the_matches_of_the_word_pattern(text: str) -> None:
    tokens = tokenize(text)
    assert tokens == _matched(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert folded_words(text, tokens) == tuple(t.folded for t in tokens)


def test_random_text_tokenises_as_the_pattern_matches() -> None:
    alphabet = "ab1,.’'-  \n_ğİß٣é\u0301Σς"
    rnd = random.Random(8)
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        tokens = tokenize(text)
        assert tokens == _matched(text), text
        assert folded_words(text, tokens) == tuple(t.folded for t in tokens), text
