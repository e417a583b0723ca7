"""Turning a fetched body into text in the charset it was really written in.

Outlets in the region still serve pages in windows-1251 or koi8-r, sometimes with a header that
lies (a CMS that says utf-8 in front of cp1251 bytes). A wrong guess here turns every later stage
into nonsense without any error, so the decoder checks each declaration against the bytes
instead of trusting it:

1. a byte-order mark (it cannot be there by accident);
2. the charset of the Content-Type header;
3. for HTML, `<meta charset>`, `<meta http-equiv>` or an XML declaration near the top;
4. strict UTF-8 (valid multi-byte UTF-8 almost never happens by chance, and detection on short
   pages is less sure than this);
5. detection with charset-normalizer;
6. UTF-8 with replacement characters, so that something readable always comes out.

A declaration is only used when the bytes decode under it without error. A declared single-byte
charset (cp1251, koi8-r, latin-1…) decodes any bytes, so it is also overruled when the body is
valid UTF-8 with non-ASCII characters in it: that combination is a mislabelled UTF-8 page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# How far into an HTML page to look for a declared charset: the HTML standard says 1024 bytes,
# but real news pages often put kilobytes of inline script and styles before the meta tag.
META_SCAN_BYTES = 8192

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers (per the WHATWG Encoding standard) read as windows-1252, a superset that
# also decodes the bytes 0x80-0x9F that pages labelled latin-1 really contain.
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii"})

# UTF-7 lets a page smuggle markup past anything that scans for "<"; browsers refuse it too.
_REFUSED = frozenset({"utf-7"})

# Codecs that map every byte to some character, so a clean decode proves nothing.
_SINGLE_BYTE_PREFIXES = ("cp12", "cp8", "iso8859", "koi8", "mac-", "latin", "tis-620")


# Legacy charsets still served by news sites in the region and in Europe, most likely first.
_COMMON_LEGACY = (
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1252",
    "cp1250",
    "cp1254",
    "iso8859_5",
    "iso8859_2",
    "iso8859_15",
    "cp866",
    "mac_cyrillic",
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python's canonical codec name, e.g. "utf-8", "cp1251", "koi8-r"


def codec_name(label: str | None) -> str | None:
    """Python's canonical name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in _REFUSED or not _is_text_codec(name):
        return None
    if name in _WINDOWS_1252_ALIASES:
        return "cp1252"
    # A page cannot really declare UTF-16 in a meta tag it could read as ASCII; browsers treat
    # such a declaration as UTF-8, and so do we.
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def declared_in_html(content: bytes) -> str | None:
    """The charset an HTML page declares about itself near its top, if any."""
    head = content[:META_SCAN_BYTES]
    match = _XML_DECL_RE.match(head) or _META_CHARSET_RE.search(head)
    if match is None:
        return None
    return codec_name(match.group(1).decode("ascii"))


def decode(content: bytes, header_charset: str | None = None, *, html: bool = False) -> Decoded:
    """Decode a body, checking every declaration against the bytes (see the module docstring)."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return Decoded(content[len(bom) :].decode(name, errors="replace"), name)

    candidates = [codec_name(header_charset)]
    if html:
        candidates.append(declared_in_html(content))
    for name in candidates:
        if name is None:
            continue
        text = _strict(content, name)
        if text is None:
            continue
        if _is_single_byte(name) and not content.isascii():
            as_utf8 = _strict(content, "utf-8")
            if as_utf8 is not None:
                return Decoded(as_utf8, "utf-8")
        return Decoded(text, name)

    as_utf8 = _strict(content, "utf-8")
    if as_utf8 is not None:
        return Decoded(as_utf8, "utf-8")

    detected = _detect(content)
    if detected is not None:
        text = _strict(content, detected)
        if text is not None:
            return Decoded(text, detected)

    return Decoded(content.decode("utf-8", errors="replace"), "utf-8")


def decode_as(content: bytes, encoding: str) -> str:
    """Decode again with the encoding `decode` chose before (for cached pages).

    Raises LookupError when `encoding` is not a codec this Python knows.
    """
    for bom, name in _BOMS:
        if name == encoding and content.startswith(bom):
            content = content[len(bom) :]
            break
    return content.decode(encoding, errors="replace")


def _detect(content: bytes) -> str | None:
    """charset-normalizer's guess, steered towards the charsets news pages really use.

    On a short page a handful of Cyrillic letters in koi8-r are as valid in big5 or shift_jis,
    and the unrestricted guess is a CJK codec with no language behind it. When that happens,
    a second pass limited to the common single-byte web charsets that does recognise a
    language is the better answer.
    """
    best = charset_normalizer.from_bytes(content).best()
    if best is None or best.coherence == 0:
        for match in charset_normalizer.from_bytes(content, cp_isolation=list(_COMMON_LEGACY)):
            if match.language != "Unknown":
                return codec_name(match.encoding)
    return codec_name(best.encoding) if best is not None else None


def _strict(content: bytes, name: str) -> str | None:
    try:
        return content.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_text_codec(name: str) -> bool:
    """False for codecs.lookup's bytes-to-bytes transforms (base64, rot13, zlib…)."""
    return getattr(codecs.lookup(name), "_is_text_encoding", True)


def _is_single_byte(name: str) -> bool:
    return name.startswith(_SINGLE_BYTE_PREFIXES)
