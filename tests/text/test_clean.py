"""tui.text.clean: one table of invisible and control characters, and what becomes of each."""

from __future__ import annotations

import pytest

from tui.text.clean import CONTROLS, DROPPED, TO_SPACE, VISIBLE_MARKS, printable, strip_controls

LRM, RLM, ALM, RLO = "\u200e", "\u200f", "\u061c", "\u202e"


@pytest.mark.parametrize("mark", [LRM, RLM, ALM])
def test_the_bidi_marks_are_dropped_quietly(mark: str) -> None:
    # Everyday in pages with right-to-left text; they cannot reorder words, so a marker in
    # every such quote would be noise, and left in they would split "Stepanakert" from itself.
    assert strip_controls(f"Stepan{mark}akert{mark} (city)") == "Stepanakert (city)"


def test_a_bidi_override_is_marked_where_it_was() -> None:
    assert strip_controls(f"7 {RLO}dellik") == "7 ⟨U+202E⟩dellik"


def test_the_sets_do_not_overlap_and_cover_every_control_but_newline() -> None:
    dropped, spaces, marked = set(map(ord, DROPPED)), set(map(ord, TO_SPACE)), set(VISIBLE_MARKS)
    assert not (dropped & spaces or dropped & marked or spaces & marked or CONTROLS & marked)
    assert not CONTROLS & spaces
    c0_c1 = {*range(0x20), *range(0x7F, 0xA0)}
    assert CONTROLS | (spaces & c0_c1) == c0_c1 - {ord("\n")}


def test_each_set_does_what_it_says() -> None:
    for code in CONTROLS:  # a newline after it, which no escape sequence can swallow
        assert strip_controls(f"a{chr(code)}\n") == "a\n", hex(code)
    for ch in TO_SPACE:
        assert strip_controls(f"a{ch}b") == "a b", hex(ord(ch))
    for ch in DROPPED:
        assert strip_controls(f"a{ch}b") == "ab", hex(ord(ch))
    assert strip_controls("a\nb") == "a\nb"


def test_printable_spells_out_what_to_delete_and_keeps_the_rest() -> None:
    assert (
        printable(f"name: Ha{RLO}yk\x1b[2J, tab\there\n")
        == "name: Ha\\u202eyk\\x1b[2J, tab\\there\n"
    )
    assert printable("Ստեփանակերտ — Xankəndi") == "Ստեփանակերտ — Xankəndi"
