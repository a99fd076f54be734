"""Corrections files: read like front matter, paired with their source by name, every problem at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.commands.cli import main
from briefing.errors import SourceError
from briefing.sources import corrections
from briefing.sources.corrections import read_corrections
from briefing.sources.read import read
from tests.conftest import copy_project

ARTICLE = b"Harbour vote passes\n\nBy Jane Roe\n\nThe council voted on Tuesday to extend the harbour, a project that has divided the town for a decade.\n"


def test_fields_are_read_as_written_and_lines_kept():
    fixes = read_corrections("sources/a.yml", b"# a comment\ntitle: 'Harbour: the vote'\nauthors: [Jane Roe, John Doe]\ndate: 2024-03-01\ntags: Cloud services\n")
    assert dict(fixes.fields) == {"title": "Harbour: the vote", "authors": ["Jane Roe", "John Doe"], "date": "2024-03-01", "tags": ["Cloud services"]}
    assert fixes.lines["authors"] == 3


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (b"title: ok\ntitel: typo\n", 2, "unknown corrections field 'titel'; use one of title, subtitle, authors, publisher, date, url, language, tags, retrieved, redirect_from"),
        (b"title: ok\n\ndate: 2024-02-30\n", 3, "corrections date '2024-02-30' is not a real date; write it as YYYY-MM-DD"),
        (b"clean: true\n", 1, "unknown corrections field 'clean'; use one of title, subtitle, authors, publisher, date, url, language, tags, retrieved, redirect_from"),
        (b"url: javascript:alert(1)\n", 1, "corrections url 'javascript:alert(1)' is not a web address; write the address starting with https://"),
        (b"title: &a x\nsubtitle: *a\n", 1, "corrections uses a YAML anchor (&); write the value out in full"),
        (b"authors: [[A]]\n", 1, "corrections nests lists or fields inside a list; write a flat list: [A, B]"),
        (b"title: A # B\n", 1, "corrections 'title' is cut short by ' #', which starts a YAML comment; put the whole value in quotes: title: \"A # B\""),
        (b"- title\n", 1, "corrections is a list, not fields; write it as 'key: value' lines"),
        (b"title: [unclosed\n", 1, "invalid corrections: while parsing a flow sequence: expected ',' or ']', but got '<stream end>'; quote the value or fix the YAML"),
        (b"redirect_from: [Old Name!]\n", 1, "corrections redirect_from 'Old Name!' is not a story's address; write the old address, e.g. stories/old-name/"),
        (b"title: caf\xe9\n", 1, "not valid UTF-8: byte 0xe9 at byte offset 10; re-save the file as UTF-8 (text from Windows is often cp1252: iconv -f cp1252 -t utf-8)"),
    ],
)
def test_a_bad_corrections_file_is_reported_at_its_line(text, line, message):
    with pytest.raises(SourceError) as caught:
        read_corrections("sources/a.yml", text)
    assert (caught.value.line, f"{caught.value.what}; {caught.value.todo}") == (line, message)


def test_an_empty_or_comment_only_file_corrects_nothing():
    assert dict(read_corrections("sources/a.yml", b"# nothing yet\n").fields) == {}
    assert dict(read_corrections("sources/a.yml", b"").fields) == {}


def test_corrections_win_over_the_front_matter_of_the_original():
    source = read("sources/a.md", b"---\ntitle: From the file\nclean: true\n---\n\nText.\n")
    fixed = corrections.apply(source, read_corrections("sources/a.yml", b"title: Corrected\n"))
    assert dict(fixed.front_matter) == {"title": "Corrected", "clean": True}


def test_pairing_by_name_and_every_file_that_pairs_wrong():
    sources = [(f"sources/{n}", Path(n)) for n in ("a.html", "b.txt", "c.txt", "c.html", "sub/d.md")]
    fixes = [(f"sources/{n}", Path(n)) for n in ("a.yml", "b.yml", "b.yaml", "c.yml", "orphan.yml", "sub/d.yml", "d.yml")]
    paired, problems = corrections.pair(sources, fixes)
    assert {k: v[0] for k, v in paired.items()} == {"sources/a.html": "sources/a.yml", "sources/sub/d.md": "sources/sub/d.yml"}
    assert [str(p) for p in problems] == [
        "sources/c.yml:1: fits two sources (sources/c.html, sources/c.txt), so it corrects neither; rename one of the sources",
        "sources/d.yml:1: corrects no source: there is no article file of the same name beside it; rename it after its source, or delete it",
        "sources/orphan.yml:1: corrects no source: there is no article file of the same name beside it; rename it after its source, or delete it",
        "sources/b.yaml:1: sources/b.txt has two corrections files (sources/b.yaml, sources/b.yml), so neither is used; merge them into one",
        "sources/b.yml:1: sources/b.txt has two corrections files (sources/b.yaml, sources/b.yml), so neither is used; merge them into one",
    ]


def check(project: Path, capsys) -> tuple[int, list[str]]:
    status = main(["check", "--config", str(project / "mkdocs.yml")])
    return status, [line for line in capsys.readouterr().out.splitlines() if not line.startswith("sources/0")]


def test_check_reports_corrections_files_at_their_lines(tmp_path, capsys):
    project = copy_project(tmp_path)
    folder = project / "sources"
    (folder / "harbour.txt").write_bytes(ARTICLE)
    (folder / "harbour.yml").write_text("date: 2024-03-01\ntags: [Clod services]\n")
    (folder / "quay.txt").write_bytes(ARTICLE.replace(b"harbour", b"quay"))
    (folder / "quay.yml").write_text("title: The quay\ndate: yesterday\n")
    (folder / "lost.yml").write_text("title: Its source was deleted\n")
    status, lines = check(project, capsys)
    assert status == 1
    assert lines == [
        "sources/harbour.yml:2: error: unknown tag 'Clod services'; did you mean 'Cloud services'?",
        "sources/lost.yml:1: error: corrects no source: there is no article file of the same name beside it; rename it after its source, or delete it",
        "sources/quay.txt:1: warning: no date; add date: YYYY-MM-DD to sources/quay.yml, its corrections file",
        "sources/quay.yml:2: error: corrections date 'yesterday' is not a real date; write it as YYYY-MM-DD",
    ]


def test_check_suggests_the_corrections_file_for_what_is_missing(tmp_path, capsys):
    project = copy_project(tmp_path, with_sources=False)
    (project / "sources" / "harbour.txt").write_bytes(ARTICLE)
    status, lines = check(project, capsys)
    assert (status, lines) == (0, ["sources/harbour.txt:1: warning: no date; add date: YYYY-MM-DD to sources/harbour.yml, its corrections file"])
    (project / "sources" / "harbour.yml").write_text("date: 2024-03-01\n")
    assert check(project, capsys) == (0, [])


def test_check_reports_a_former_address_another_story_has(tmp_path, capsys):
    project = copy_project(tmp_path, with_sources=False)
    (project / "sources" / "harbour.txt").write_bytes(ARTICLE.replace(b"By Jane Roe", b"By Jane Roe, March 1, 2024"))
    (project / "sources" / "quay.txt").write_bytes(b"Quay works start\n\nBy Jane Roe, March 2, 2024\n\nThe works on the new quay started on Monday with the arrival of two cranes.\n")
    (project / "sources" / "quay.yml").write_text("# the story moved\nredirect_from: [stories/harbour/]\n")
    assert check(project, capsys) == (1, ["sources/quay.yml:2: error: redirect_from 'harbour' is the address of sources/harbour.txt; remove it from redirect_from"])
