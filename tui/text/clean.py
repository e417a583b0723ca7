"""Make untrusted article text safe and comparable.

Article text ends up in a terminal and in character offsets that the report promises are exact,
so anything invisible or able to move the cursor (ANSI escapes, control characters, bidi
overrides) must be dropped or made visible before any stage counts characters, and the many
kinds of Unicode space must become one ordinary space so that "7 killed" matches
"7\u00a0killed" across outlets.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT escape sequences (CSI like ESC[31m, OSC like ESC]0;title BEL, and two-byte escapes).
# Removing only the ESC byte would leave "[31m" in the text, so whole sequences go.
_ANSI_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
)

# Every invisible or control character, and what happens to it, in one place:
#
# - dropped quietly: formatting hints with everyday uses that only break word matching (soft
#   hyphen, zero-width space, word joiner, BOM, and the left-to-right/right-to-left/Arabic
#   letter marks that real RTL pages carry). The marks can change where a neutral character
#   such as a bracket shows, never the order of words: Unicode's source-code advice (UTS #55)
#   recommends them for fixing a display, and rustc's Trojan Source lint leaves them out.
#   ZWJ/ZWNJ (U+200C/D) are kept: they change spelling in Persian and Indic scripts and glue
#   emoji together.
# - marked: characters that can make a terminal or a browser show text in an order other than
#   the one stored (bidi embeddings, overrides, isolates) or hide text altogether (Unicode tag
#   characters, invisible operators, interlinear annotations, fillers). A fact-checker must
#   see that they were there, so each becomes a visible marker, ⟨U+202E⟩, and a run of tag
#   characters one ⟨N hidden tag characters⟩.
# - C0 and C1 control characters: dropped (NUL included); tab and the line/page breaks become
#   spaces. One such character costs itself, never the paragraph or the article.
#
# A view that must keep offsets (the app's highlight.clean) builds its one-for-one table from
# the same sets: DROPPED, TO_SPACE, CONTROLS, VISIBLE_MARKS.
DROPPED = "\u00ad\u200b\u2060\ufeff\u200e\u200f\u061c"
_DELETE = {ord(c): None for c in DROPPED}
_MARKED_CHARS = (
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\u2061-\u2064\u206a-\u206f\u180e"  # invisible operators, deprecated formats, MVS
    "\ufff9-\ufffb\u115f\u1160\u3164\uffa0"  # interlinear annotations, Hangul fillers
)
_TAGS = "\U000e0000-\U000e007f"
_MARKED_RE = re.compile(f"[{_TAGS}]+|[{_MARKED_CHARS}]")
# The same characters for a view that must keep offsets: each becomes one visible character.
VISIBLE_MARKS: dict[int, str] = {
    code: "\ufffd"
    for first, last in ((0x202A, 0x202E), (0x2066, 0x2069), (0x2061, 0x2064), (0x206A, 0x206F),
                        (0xFFF9, 0xFFFB), (0xE0000, 0xE007F))
    for code in range(first, last + 1)
} | {code: "\ufffd" for code in (0x180E, 0x115F, 0x1160, 0x3164, 0xFFA0)}  # fmt: skip
# Tab and the line/page breaks other than newline become spaces; the other C0 and C1 control
# characters are dropped.
TO_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
CONTROLS = frozenset((*range(0x20), *range(0x7F, 0xA0))) - {ord("\n"), *map(ord, TO_SPACE)}
_TO_SPACE_RE = re.compile(f"[{re.escape(TO_SPACE)}]")
_CONTROL_RE = re.compile(f"[{re.escape(''.join(map(chr, sorted(CONTROLS))))}]")
# What an XML parser (lxml, under readability) refuses outright: one of them anywhere used to
# cost the whole page.
_XML_INCOMPATIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES_RE = re.compile(r"[^\S\n]+")


def strip_controls(text: str) -> str:
    """Remove escapes, invisible and control characters, keeping newlines.

    Line-like separators become spaces rather than vanishing, so words on either side of them
    are never run together.
    """
    text = _ANSI_RE.sub("", text)
    text = text.replace("\r\n", "\n")
    text = _TO_SPACE_RE.sub(" ", text)
    text = _CONTROL_RE.sub("", text)
    return _MARKED_RE.sub(_marker, text.translate(_DELETE))


def _marker(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1 or ord(found) >= 0xE0000:
        return f"⟨{len(found)} hidden tag character{'s' if len(found) > 1 else ''}⟩"
    return f"⟨U+{ord(found):04X}⟩"


def xml_safe(text: str) -> str:
    """`text` without the characters an XML parser refuses, so one of them costs itself only.

    Escape sequences go whole first: dropping only their ESC would leave "[31m" in the text.
    """
    return _XML_INCOMPATIBLE_RE.sub("", _ANSI_RE.sub("", text))


def clean_line(text: str) -> str:
    """One paragraph: controls stripped and every run of whitespace (newlines too) one space."""
    return " ".join(strip_controls(text).split())


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal whitespace (NBSP, thin space, …) but keep newlines."""
    return _SPACES_RE.sub(" ", strip_controls(text))


def printable(text: str) -> str:
    """Escape control and format characters so that a message cannot rewrite the terminal.

    For messages about a config file rather than article text: the person who wrote the file
    must see exactly which character to delete, so each is spelled out (`\\u202e`), not
    dropped or marked.
    """
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n"
        else ch
        for ch in text
    )
