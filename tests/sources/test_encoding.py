"""Encodings: what a file declares is honoured, undeclared non-UTF-8 is refused with the right advice, binaries are named."""

from __future__ import annotations

import pytest

from briefing.errors import SourceError
from briefing.pipeline import article_of
from briefing.sources.read import read

RUSSIAN = "Москва заявила во вторник, что переговоры о поставках газа продолжатся на следующей неделе в Вене."
FRENCH = "Les propriétaires de cafés ont manifesté lundi contre les nouvelles règles d’ouverture, a-t-on appris."
POLISH = "Rząd ogłosił w poniedziałek, że rozmowy o dostawach gazu będą kontynuowane w przyszłym tygodniu."
JAPANESE = "東京で火曜日に会議が開かれ、来年度の予算について長い時間をかけて話し合った。"


def page(head: str, paragraph: str) -> str:
    return (
        f"<html><head>{head}<title>Talks go on</title></head><body><article><h1>Talks go on</h1>"
        f"<p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    )


def message(path: str, data: bytes) -> str:
    with pytest.raises(SourceError) as caught:
        read(path, data)
    return str(caught.value)


@pytest.mark.parametrize(
    ("head", "encoding", "text"),
    [
        ('<meta charset="windows-1251">', "cp1251", RUSSIAN),
        ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cp1252", FRENCH),  # iso-8859-1 means windows-1252
        ('<meta charset=iso-8859-2>', "iso-8859-2", POLISH),
        ('<meta charset="Shift_JIS">', "cp932", JAPANESE),
    ],
)
def test_an_html_page_is_read_in_the_encoding_it_declares(head, encoding, text):
    data = page(head, text).encode(encoding)
    article = article_of("sources/talks.html", data)
    assert text in [block.text for block in article.body]


def test_an_xhtml_page_is_read_in_the_encoding_its_xml_declaration_names():
    data = ('<?xml version="1.0" encoding="windows-1251"?>\n' + page("", RUSSIAN)).encode("cp1251")
    article = article_of("sources/talks.html", data)
    assert RUSSIAN in [block.text for block in article.body]


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_byte_order_mark_declares_the_encoding_of_any_file(codec):
    data = f"Talks go on\n\n{RUSSIAN}\n".encode(codec)  # Python writes the mark first
    assert read("sources/talks.txt", data).text == f"Talks go on\n\n{RUSSIAN}\n"


def test_the_byte_order_mark_wins_over_a_meta_declaration():
    data = b"\xef\xbb\xbf" + page('<meta charset="windows-1251">', RUSSIAN).encode("utf-8")
    assert RUSSIAN in [block.text for block in article_of("sources/talks.html", data).body]


@pytest.mark.parametrize("head", ['<meta charset="gb2312">', '<meta charset="iso-8859-1">', '<meta charset="Shift_JIS">'])
@pytest.mark.parametrize("text", [RUSSIAN, FRENCH, JAPANESE])
def test_a_page_saved_as_utf8_under_its_old_declaration_is_read_as_utf8(head, text):
    # Saving a page often re-encodes it as UTF-8 and keeps its old <meta charset>: read as declared, it would be
    # refused (gb2312, Shift_JIS) or turned into mojibake without a word (iso-8859-1: "é" as "Ã©").
    article = article_of("sources/talks.html", page(head, text).encode("utf-8"))
    assert text in [block.text for block in article.body]


def test_a_page_that_is_not_what_it_declares_is_refused():
    data = page('<meta charset="utf-8">', "x").encode() + b"\n<p>caf\xe9</p>"
    assert message("sources/p.html", data) == (
        f"sources/p.html:2: not valid UTF-8: byte 0xe9 at byte offset {data.index(bytes([0xE9]))}; "
        "re-save the file as UTF-8 (text from Windows is often cp1252: iconv -f cp1252 -t utf-8)"
    )
    data = page('<meta charset="shift_jis">', "x").encode() + b"\n<p>\x81\x20</p>"
    assert message("sources/p.html", data) == (
        f"sources/p.html:2: not valid cp932, as the page declares: byte 0x81 at byte offset {data.index(bytes([0x81]))}; re-save the file as UTF-8"
    )


def test_an_unknown_declared_encoding_is_named():
    assert message("sources/p.html", page('<meta charset="klingon-8">', "x").encode()) == (
        "sources/p.html:1: the page declares the encoding 'klingon-8', which is unknown; re-save the page as UTF-8"
    )


def test_a_declaration_in_a_text_file_is_just_text():
    data = f'<meta charset="windows-1251">\n\n{RUSSIAN}\n'.encode("cp1251")
    assert "not valid UTF-8" in message("sources/notes.txt", data)


@pytest.mark.parametrize(
    ("text", "codec", "advice"),
    [
        (FRENCH, "cp1252", "text from Windows is often cp1252: iconv -f cp1252 -t utf-8"),
        (RUSSIAN, "cp1251", "perhaps it is cp1251: iconv -f cp1251 -t utf-8"),
        (POLISH, "cp1250", "perhaps it is cp1250: iconv -f cp1250 -t utf-8"),
        (JAPANESE, "shift_jis", "perhaps it is cp932: iconv -f cp932 -t utf-8"),
    ],
)
def test_undeclared_text_is_refused_with_advice_for_its_likely_encoding(text, codec, advice):
    found = message("sources/notes.txt", f"Talks\n\n{text}\n".encode(codec))
    assert found.endswith(f"; re-save the file as UTF-8 ({advice})")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or a Word, Excel or OpenDocument file)"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"),
    ],
)
@pytest.mark.parametrize("name", ["report.html", "report.txt", "report.md"])
def test_a_binary_file_renamed_is_named_for_what_it_is(data, what, name):
    assert message(f"sources/{name}", data) == f"sources/{name}:1: the file is {what}, not text; save the article's text as a .txt file, or its web page as .html"
