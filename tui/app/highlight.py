"""Turn the core's character spans into styled rich `Text`, safely.

Article text is untrusted. It is never parsed as markup (we build `Text` from plain strings and
attach `Style` objects to offsets) and every control character is swapped one-for-one for a
visible stand-in, so offsets from the core still line up and nothing can reach the terminal
as an escape sequence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from tui.model import DIVERGENCE_KINDS, DivergenceKind
from tui.text.clean import VISIBLE_MARKS


@dataclass(frozen=True)
class KindStyle:
    """How one divergence kind looks: a colour plus a cue that survives monochrome terminals."""

    style: Style
    glyph: str
    cue: str
    meaning: str


# Backgrounds with black text read the same on dark and light themes; the text attributes and
# the gutter glyph are the part that does not depend on colour at all.
KIND_STYLES: dict[DivergenceKind, KindStyle] = {
    "figure": KindStyle(
        Style(color="black", bgcolor="#ffb454", bold=True, underline=True),
        "#",
        "bold + underline",
        "numbers that conflict between sources",
    ),
    "blame": KindStyle(
        Style(color="black", bgcolor="#ff8f87", bold=True, italic=True),
        "!",
        "bold + italic",
        "who is said to be responsible",
    ),
    "denial": KindStyle(
        Style(color="black", bgcolor="#d2a8ff", reverse=True),
        "✗",
        "reverse",
        "one side denies what another reports",
    ),
    "naming": KindStyle(
        Style(color="black", bgcolor="#79b8ff", underline2=True),
        "≠",
        "double underline",
        "the same place or thing named differently",
    ),
    "framing": KindStyle(
        Style(color="black", bgcolor="#7ee787", italic=True, underline=True),
        "~",
        "italic + underline",
        "loaded vocabulary of one side",
    ),
    "omission": KindStyle(
        # Omission spans often cover whole paragraphs: a background there would drown the
        # other highlights, so it is italic only, with ∅ in the gutter and in the gaps.
        Style(italic=True),
        "∅",
        "italic; ∅ in the gutter and where missing",
        "reported by some sides, absent from others",
    ),
    "wording": KindStyle(
        # Mid grey-blue rather than pale grey: pale grey vanished on the light theme's surface.
        Style(color="black", bgcolor="#a8b5c4", underline=True),
        "±",
        "underline",
        "same fact, different words",
    ),
}
assert tuple(KIND_STYLES) == DIVERGENCE_KINDS

SEARCH_STYLE = Style(color="black", bgcolor="#ffff00", bold=True, overline=True)

# Weaker kinds are applied first so that a figure inside a reworded sentence still shows as a
# figure: later stylize calls win where spans overlap.
_PAINT_ORDER: dict[DivergenceKind, int] = {
    kind: order
    for order, kind in enumerate(
        ("wording", "omission", "framing", "naming", "blame", "denial", "figure")
    )
}

_BIDI_CONTROLS = {
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x200E,
    0x200F,
    0x061C,
}


def _visible(code: int) -> str:
    if code in (0x09, 0x0A, 0x0D):
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, so ESC shows as ␛
    if code == 0x7F:
        return "␡"
    return "\ufffd"


_CLEAN_TABLE = {
    code: _visible(code) for code in (*range(0x20), *range(0x7F, 0xA0), *_BIDI_CONTROLS)
}


def clean(text: str) -> str:
    """Replace each control or hiding character with one visible one (offsets are preserved)."""
    return text.translate(_CLEAN_TABLE).translate(VISIBLE_MARKS)


HighlightSpan = tuple[int, int, DivergenceKind]


def styled_paragraph(
    text: str,
    spans: Iterable[HighlightSpan] = (),
    matches: Iterable[tuple[int, int]] = (),
) -> Text:
    """The paragraph as `Text`, with divergence spans and search matches styled."""
    result = Text(clean(text), end="", no_wrap=True)
    size = len(text)
    for start, end, kind in sorted(spans, key=lambda span: _PAINT_ORDER[span[2]]):
        if 0 <= start < end <= size:
            result.stylize(KIND_STYLES[kind].style, start, end)
    for start, end in matches:
        result.stylize(SEARCH_STYLE, start, end)
    return result


def plain(text: str) -> Text:
    """Untrusted one-line text (titles, summaries, error reasons) as unstyled `Text`."""
    return Text(clean(text), end="", no_wrap=True)
