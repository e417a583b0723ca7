"""The view's offset-keeping clean agrees with tui.text.clean about every character."""

from __future__ import annotations

import pytest

from tui.app.highlight import clean
from tui.text.clean import CONTROLS, DROPPED, TO_SPACE, VISIBLE_MARKS


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_the_bidi_marks_the_core_drops_quietly_are_not_flagged(mark: str) -> None:
    assert clean(f"Khankendi{mark} (city)") == f"Khankendi{mark} (city)"


def test_every_character_the_core_cleans_is_one_for_one_in_the_view() -> None:
    for ch in TO_SPACE + "\n":
        assert clean(f"a{ch}b") == "a b", hex(ord(ch))
    for code in VISIBLE_MARKS:
        assert clean(f"a{chr(code)}b") == "a\ufffdb", hex(code)
    for code in CONTROLS:
        shown = clean(chr(code))
        assert len(shown) == 1 and shown.isprintable() and shown != " ", hex(code)
    assert clean("\x1b\x00\x7f\x9b") == "␛␀␡\ufffd"
    assert clean(DROPPED) == DROPPED
