"""Turn the core's character spans into styled rich `Text`, safely.

Article text is untrusted. It is never parsed as markup (we build `Text` from plain strings and
attach `Style` objects to offsets) and every control character is swapped one-for-one for a
visible stand-in, so offsets from the core still line up and nothing can reach the terminal
as an escape sequence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.model import DIVERGENCE_KINDS, DivergenceKind
from tui.text.clean import CONTROLS, TO_SPACE, VISIBLE_MARKS


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


def _visible(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, so ESC shows as ␛
    if code == 0x7F:
        return "␡"
    return "\ufffd"


# tui.text.clean's sets, one for one: what it turns into a space is a space (a newline too: the
# view is one line), the controls it drops are shown, what it marks is U+FFFD, and what it
# drops quietly (soft hyphen, zero-width space, the bidi marks) is left as it is: harmless to a
# terminal, and already gone from the text the core extracted.
_CLEAN_TABLE = (
    {code: _visible(code) for code in CONTROLS}
    | {ord(ch): " " for ch in TO_SPACE + "\n"}
    | VISIBLE_MARKS
)


def clean(text: str) -> str:
    """Replace each control or hiding character with one visible one (offsets are preserved)."""
    return text.translate(_CLEAN_TABLE)


class HighlightSpan(NamedTuple):
    """Characters of a paragraph to mark as `kind`, for divergence `divergence` ("" for a
    contested figure that no single divergence owns)."""

    start: int
    end: int
    kind: DivergenceKind
    divergence: str


# The divergence being looked at: the same in every source whatever its kind, and loud enough
# to find at a glance on a row that carries four kinds of marks. Its first and last blanks
# become these glyphs, so it shows without colour too.
# True white, never dim: "white" is an ANSI colour that Textual's themes draw grey (3.5:1 on
# the magenta), and the row's other marks are dimmed first, its own spans included (2.2:1).
# White on #b0108f is 6.3:1 in every theme.
CURRENT_STYLE = Style(color="#ffffff", bgcolor="#b0108f", bold=True, underline=True, dim=False)
CURRENT_OPEN, CURRENT_CLOSE = "▶", "◀"
# The other marks on the current divergence's row step back.
DIMMED_STYLE = Style(dim=True, underline=True)


def styled_paragraph(
    text: str,
    spans: Iterable[HighlightSpan] = (),
    matches: Iterable[tuple[int, int]] = (),
    *,
    current: str | None = None,
    hidden: Collection[DivergenceKind] = (),
) -> Text:
    """The paragraph as `Text`, with divergence spans and search matches styled.

    With `current` set (the paragraph is on the current divergence's row), that divergence's
    spans take CURRENT_STYLE, bracketed by glyphs in the blanks around them, and every other
    mark is dimmed. Spans of a `hidden` kind are not drawn. Offsets never move: a glyph only
    ever replaces a blank.
    """
    cleaned = clean(text)
    size = len(text)
    shown = [s for s in spans if s.kind not in hidden and 0 <= s.start < s.end <= size]
    mine = [s for s in shown if current is not None and s.divergence == current]
    if mine:
        chars = list(cleaned)
        for span in mine:
            if span.start > 0 and chars[span.start - 1] == " ":
                chars[span.start - 1] = CURRENT_OPEN
            if span.end < size and chars[span.end] == " ":
                chars[span.end] = CURRENT_CLOSE
        cleaned = "".join(chars)
    result = Text(cleaned, end="", no_wrap=True)
    for span in sorted(shown, key=lambda span: _PAINT_ORDER[span.kind]):
        style = KIND_STYLES[span.kind].style if current is None else DIMMED_STYLE
        result.stylize(style, span.start, span.end)
    for span in mine:
        result.stylize(CURRENT_STYLE, span.start, span.end)
    for start, end in matches:
        result.stylize(SEARCH_STYLE, start, end)
    return result


def marks_kept(text: Text, starts: list[int], width: int) -> list[int]:
    """`starts` (where a styled paragraph's wrapped lines begin) with no current-divergence
    glyph cut off a line's end.

    A glyph takes the place of the blank before or after the current span. Where a line that
    fills its column wraps at that blank, the blank stands one cell past the column's edge,
    and the glyph was cropped with it (the ▶ of a span that starts a line, the ◀ of one that
    ends it). The line break moves onto the glyph, which then opens the next line, when that
    line has the cell to spare; the number of lines never changes, since row heights are
    computed from the plain text before anything is drawn.
    """
    chars = text.plain
    kept = list(starts)
    for index in range(1, len(starts)):
        at = starts[index] - 1
        if chars[at] not in (CURRENT_OPEN, CURRENT_CLOSE):
            continue
        if cell_len(chars[kept[index - 1] : at + 1].rstrip()) <= width:
            continue  # the glyph is on screen where it is
        end = starts[index + 1] if index + 1 < len(starts) else len(chars)
        if cell_len(chars[at:end].rstrip()) <= width:
            kept[index] = at
    return kept


HEADLINE_STYLE = Style(bold=True)


def headline(
    text: str,
    spans: Iterable[HighlightSpan] = (),
    *,
    current: str | None = None,
    hidden: Collection[DivergenceKind] = (),
) -> Text:
    """A source's headline, set apart from its paragraphs: untrusted, so never markup, and
    marked like a paragraph where a divergence points at it (`styled_paragraph`). Bold is
    styled as a span under the marks, not as the Text's base style, which `Text.render`
    leaves out."""
    result = styled_paragraph(text, spans, current=current, hidden=hidden)
    result.stylize_before(HEADLINE_STYLE)
    return result


def plain(text: str) -> Text:
    """Untrusted one-line text (titles, summaries, error reasons) as unstyled `Text`."""
    return Text(clean(text), end="", no_wrap=True)
