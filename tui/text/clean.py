"""Make untrusted article text safe and comparable.

Article text ends up in a terminal and in character offsets that the report promises are exact,
so anything invisible or able to move the cursor (ANSI escapes, control characters, bidi
overrides) must go before any stage counts characters, and the many kinds of Unicode space must
become one ordinary space so that "7 killed" matches "7\u00a0killed" across outlets.
"""

from __future__ import annotations

import re

# ANSI/VT escape sequences (CSI like ESC[31m, OSC like ESC]0;title BEL, and two-byte escapes).
# Removing only the ESC byte would leave "[31m" in the text, so whole sequences go.
_ANSI_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
)

# Characters that render as nothing but break word matching: soft hyphen, zero-width space,
# word joiner, BOM. ZWJ/ZWNJ (U+200C/D) are kept: they change spelling in Persian and Indic
# scripts and glue emoji together.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
# Bidi embeddings, overrides and isolates can make a terminal show text in an order other than
# the one stored, which a fact-checker must never be shown.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DELETE = {ord(c): None for c in _INVISIBLE + _BIDI_CONTROLS}
# C0 and C1 control characters except newline; tab and the other line/page breaks become spaces.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TO_SPACE_RE = re.compile(r"[\t\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]")
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
    return text.translate(_DELETE)


def clean_line(text: str) -> str:
    """One paragraph: controls stripped and every run of whitespace (newlines too) one space."""
    return " ".join(strip_controls(text).split())


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal whitespace (NBSP, thin space, …) but keep newlines."""
    return _SPACES_RE.sub(" ", strip_controls(text))
