"""Decoding bodies: which declaration wins, and what happens when they lie."""

from __future__ import annotations

import codecs

from hypothesis import given
from hypothesis import strategies as st

from tui.ingest.charset import META_SCAN_BYTES, codec_name, declared_in_html, decode, decode_as

RUSSIAN = (
    "Министерство иностранных дел сообщило, что ночью в результате обстрела погибли "
    "семь мирных жителей, ещё тридцать три человека получили ранения."
)
ARMENIAN = "Ստեփանակերտը կրկին հրետակոծության ենթարկվեց, հայտնում է պաշտպանության նախարարությունը։"
AZERBAIJANI = "Gəncə şəhəri yenidən atəşə tutulub, yeddi mülki şəxs həlak olub."


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


def test_header_charset_is_used_when_the_bytes_agree() -> None:
    decoded = decode(RUSSIAN.encode("koi8-r"), "KOI8-R")
    assert (decoded.text, decoded.encoding) == (RUSSIAN, "koi8-r")


def test_meta_charset_and_http_equiv() -> None:
    short = html(RUSSIAN, '<meta charset="windows-1251">')
    long = html(RUSSIAN, "<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>")
    assert decode(short.encode("cp1251"), html=True).encoding == "cp1251"
    assert decode(long.encode("koi8-r"), html=True).text == long


def test_xml_declaration() -> None:
    page = f'<?xml version="1.0" encoding="koi8-r"?><html><body>{RUSSIAN}</body></html>'
    assert declared_in_html(page.encode("koi8-r")) == "koi8-r"


def test_meta_is_only_read_near_the_top_and_only_for_html() -> None:
    late = html("x" * META_SCAN_BYTES + '<meta charset="koi8-r">')
    assert declared_in_html(late.encode()) is None
    text = '<meta charset="koi8-r"> ' + ARMENIAN
    assert decode(text.encode(), html=False).encoding == "utf-8"


def test_header_beats_meta() -> None:
    page = html(RUSSIAN, '<meta charset="koi8-r">')
    decoded = decode(page.encode("cp1251"), "windows-1251", html=True)
    assert (decoded.text, decoded.encoding) == (page, "cp1251")


def test_wrong_utf8_header_over_cp1251_bytes() -> None:
    decoded = decode(html(RUSSIAN).encode("cp1251"), "utf-8", html=True)
    assert (decoded.text, decoded.encoding) == (html(RUSSIAN), "cp1251")


def test_single_byte_label_on_utf8_bytes_is_overruled() -> None:
    decoded = decode(html(ARMENIAN).encode(), "windows-1251", html=True)
    assert (decoded.text, decoded.encoding) == (html(ARMENIAN), "utf-8")


def test_undeclared_pages_in_the_region_s_charsets() -> None:
    for text, encoding in [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (ARMENIAN, "utf-8"),
        (AZERBAIJANI, "utf-8"),
    ]:
        decoded = decode(html(text).encode(encoding), html=True)
        assert (decoded.text, decoded.encoding) == (html(text), encoding)


def test_short_koi8r_snippet_is_not_taken_for_cjk() -> None:
    snippet = "<p>Привет, это короткая новость о Гяндже.</p>"
    assert decode(snippet.encode("koi8-r")).text == snippet


def test_byte_order_marks_win_and_are_removed() -> None:
    assert decode(codecs.BOM_UTF8 + ARMENIAN.encode(), "cp1251").text == ARMENIAN
    utf16 = decode(codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"))
    assert (utf16.text, utf16.encoding) == (RUSSIAN, "utf-16-le")


def test_labels() -> None:
    assert codec_name("Windows-1251") == "cp1251"
    assert codec_name(' "koi8-r" ') == "koi8-r"
    assert codec_name("ISO-8859-1") == "cp1252"  # as browsers read it
    assert codec_name("utf-16") == "utf-8"  # a meta tag cannot really mean it
    assert codec_name("utf-7") is None
    assert codec_name("base64") is None
    assert codec_name("no-such-charset") is None
    assert codec_name(None) is None


def test_latin1_label_decodes_windows_quotes() -> None:
    assert decode(b"\x93Ganja\x94", "iso-8859-1").text == "“Ganja”"


def test_unknown_header_label_is_ignored() -> None:
    decoded = decode(ARMENIAN.encode(), "x-no-such-thing")
    assert (decoded.text, decoded.encoding) == (ARMENIAN, "utf-8")


def test_decode_as_repeats_a_decision() -> None:
    first = decode(codecs.BOM_UTF8 + ARMENIAN.encode())
    assert decode_as(codecs.BOM_UTF8 + ARMENIAN.encode(), first.encoding) == ARMENIAN
    assert decode_as(RUSSIAN.encode("koi8-r"), "koi8-r") == RUSSIAN


@given(st.binary(max_size=512), st.sampled_from([None, "utf-8", "koi8-r", "bogus", "utf-16"]))
def test_any_bytes_decode_without_raising(content: bytes, header: str | None) -> None:
    decoded = decode(content, header, html=True)
    assert codecs.lookup(decoded.encoding)  # a real codec, usable again for the cache
    assert decode_as(content, decoded.encoding) == decoded.text
