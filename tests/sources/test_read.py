"""Reading hostile sources, case by case, without a build: front matter rules, encodings, escapes."""

from __future__ import annotations

import pytest

from briefing.errors import SourceError
from briefing.markup import visible
from briefing.sources.read import read
from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"


def message(path: str, data: bytes) -> str:
    with pytest.raises(SourceError) as caught:
        read(path, data)
    return str(caught.value)


def test_yaml_type_traps_stay_text():
    source = read("sources/n.md", (HOSTILE / "front_matter_norway_stays_text.md").read_bytes())
    assert source.front_matter == {"title": "yes", "language": "NO", "subtitle": "1e3", "date": "2024-01-02"}


@pytest.mark.parametrize("name", ["line_endings_crlf.txt", "line_endings_cr.txt"])
def test_crlf_and_lone_cr_read_exactly_like_lf(name):
    data = (HOSTILE / name).read_bytes()
    as_lf = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    assert b"\r" in data and b"\r" not in as_lf
    assert read("sources/x.txt", data).text == read("sources/x.txt", as_lf).text


def test_byte_order_mark_before_front_matter_is_dropped():
    source = read("sources/b.md", (HOSTILE / "bom_before_front_matter.md").read_bytes())
    assert source.front_matter["title"] == "Byte order mark before front matter"
    assert source.body_line == 5


def test_a_python_tag_is_refused_and_never_run(tmp_path):
    target = tmp_path / "pwned"
    data = f'---\ntitle: !!python/object/apply:os.mkdir ["{target}"]\n---\nBody\n'.encode()
    assert message("sources/p.md", data) == (
        "sources/p.md:2: front matter uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.mkdir'; "
        "remove the tag; values are plain text"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    "front, expected",
    [
        ("title: *x", "3: front matter uses a YAML alias (*); write the value out in full"),
        ("title: !custom x", "3: front matter uses the YAML tag '!custom'; remove the tag; values are plain text"),
        ("authors: {a: b}", "3: front matter 'authors' must be a list of names; write authors: [A, B]"),
        ("subtitle: [a, b]", "3: front matter 'subtitle' must be text, not a list or fields; write subtitle: some text"),
        ("clean: maybe", "3: front matter 'clean' must be true or false, not 'maybe'; write clean: true or clean: false"),
        ("date: 2024-1-2", "3: front matter date '2024-1-2' is not a real date; write it as YYYY-MM-DD"),
        ("url: ftp://example.com/x", "3: front matter url 'ftp://example.com/x' is not a web address; "
         "write the address starting with https://"),
        ("[a]: b", "3: front matter field name is not a word; write it as 'key: value' lines"),
        ("title: 'open", "3: invalid front matter: while scanning a quoted scalar: found unexpected end of stream; "
         "quote the value or fix the YAML"),
    ],
)
def test_front_matter_problem_is_reported_on_its_line(front, expected):
    data = f"---\n# a comment line is fine\n{front}\n---\nBody\n".encode()
    assert message("sources/f.md", data) == f"sources/f.md:{expected}"


@pytest.mark.parametrize(
    "front, fields",
    [
        ("title: 'Update #2'", {"title": "Update #2"}),
        ("title: Update#2", {"title": "Update#2"}),  # no space: not a comment
        ("title:", {}),
        ("title: ~", {}),
        ("authors: Ada Lovelace", {"authors": ["Ada Lovelace"]}),
        ("tags: [a, '', b]", {"tags": ["a", "b"]}),
        ("clean: False", {"clean": False}),
        ("date: 2024-01-02T10:00:00Z", {"date": "2024-01-02T10:00:00Z"}),
        ("url: HTTPS://Example.com/a?b=c", {"url": "HTTPS://Example.com/a?b=c"}),
        ("title: \"  spaced \\t out  \"", {"title": "spaced out"}),
    ],
)
def test_front_matter_values_are_kept_as_written(front, fields):
    assert read("sources/f.md", f"---\n{front}\n---\nBody\n".encode()).front_matter == fields


def test_invalid_utf8_offset_counts_the_byte_order_mark():
    assert message("sources/u.txt", b"\xef\xbb\xbfTitle\n\xff\n") == (
        "sources/u.txt:2: not valid UTF-8: byte 0xff at byte offset 9; "
        "re-save the file as UTF-8 (text from Windows is often cp1252: iconv -f cp1252 -t utf-8)"
    )


def test_a_source_over_the_size_limit_is_refused_unread():
    assert message("sources/big.txt", b"x" * (4 * 1024 * 1024 + 1)) == (
        "sources/big.txt:1: the file is 4,194,305 bytes, over the limit of 4,194,304; keep only the article's text in the file"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a\x1b[1;31mred\x1b[0m b", "ared b"),
        ("title\x1b]0;owned\x07 after", "title after"),
        ("x\x9b2Jy", "xy"),
        ("rtl \u202eevil\u202c and \u2066iso\u2069", "rtl evil and iso"),
        ("zero\u200bwidth\u200c\u200d\u2060\ufeff", "zerowidth"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("page\x0cbreak\u2028line", "page break line"),
        ("tab\tand\nnewline stay; café 中文 😀 too", "tab\tand\nnewline stay; café 中文 😀 too"),
    ],
)
def test_invisible_characters_and_terminal_escapes_are_removed(text, expected):
    assert visible(text) == expected


def test_error_messages_escape_what_they_cannot_show():
    error = SourceError("sources/a\x1b[31m\u202e.txt", 1, "bad\nthing", "fix it")
    assert str(error) == "sources/a\\x1b[31m\\u202e.txt:1: bad\\nthing; fix it"
