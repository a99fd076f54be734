"""The commands around the build against hostile and careless input: where they write, what they read, what they print."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.commands.cli import main
from briefing.sources import files
from tests.conftest import SOURCES, copy_project, manifest

MEETING = """---
title: Council meets on Tuesday
authors: [Ada Lovelace]
publisher: The Example Times
date: 2024-03-01
---

The council met on Tuesday to discuss the new budget for the coming year, officials said.

Members agreed to meet again in April.
"""


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "sources" / "meet.md").write_text(MEETING, encoding="utf-8")
    return project


def run(project: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = main([*args, "--config", str(project / "mkdocs.yml")])
    out, err = capsys.readouterr()
    return status, out, err


# --- where commands write -------------------------------------------------------------------


def test_clean_never_writes_into_the_sources_folder(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    before = manifest(project / "sources")
    status, out, err = run(project, "clean", "--out", "sources", "sources/meet.md", capsys=capsys)
    assert (status, out) == (1, "")
    assert err == f"briefing: sources: is inside the sources folder ({project / 'sources'}); --out must be a folder outside the project's inputs\n"
    assert manifest(project / "sources") == before


@pytest.mark.parametrize(("out", "what"), [("sources/cleaned", "the sources folder"), ("taxonomy", "the knowledge base"), ("docs/clean", "the docs folder")])
def test_clean_never_writes_into_the_project_inputs(project, capsys, monkeypatch, out, what):
    monkeypatch.chdir(project)
    status, _, err = run(project, "clean", "--out", out, "sources/meet.md", capsys=capsys)
    assert status == 1
    assert f"briefing: {out}: is inside {what}" in err
    assert not (project / out / "meet.md").exists()


def test_clean_never_writes_over_a_file_it_cleans(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project here: only the files given count
    Path("notes.md").write_text(MEETING, encoding="utf-8")
    status = main(["clean", "--out", ".", "notes.md"])
    err = capsys.readouterr().err
    assert status == 1
    assert err == "briefing: notes.md: is one of the files to clean, which would be overwritten; choose another --out folder\n"
    assert Path("notes.md").read_text(encoding="utf-8") == MEETING


def test_clean_refuses_two_inputs_that_would_share_one_output(project, tmp_path, capsys):
    first, second = tmp_path / "a" / "story.txt", tmp_path / "b" / "story.html"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("A headline\n\nThe first article says one thing about the council and its budget.\n")
    second.write_text("<html><body><h1>Another</h1><p>The second article says something else about the harbour.</p></body></html>")
    out = tmp_path / "out"
    status, _, err = run(project, "clean", "--out", str(out), str(first), str(second), capsys=capsys)
    assert status == 1
    assert err == f"briefing: {out / 'story.md'}: {first}, {second} would all be written to this one file; clean them in separate runs or rename one\n"
    assert not out.exists()


def test_clean_writes_where_it_may(project, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(project)
    status, _, err = run(project, "clean", "--out", str(tmp_path / "out"), "sources/meet.md", capsys=capsys)
    assert status == 0, err
    assert (tmp_path / "out" / "meet.md").read_text(encoding="utf-8").startswith("---\ntitle: Council meets on Tuesday\n")


@pytest.mark.parametrize("dest", ["docs/out", "docs", "sources/export", "taxonomy/x", "overrides/x"])
def test_export_never_writes_into_the_project_inputs(project, capsys, monkeypatch, dest):
    monkeypatch.chdir(project)
    docs, sources = manifest(project / "docs"), manifest(project / "sources")
    status, out, err = run(project, "export", dest, capsys=capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"briefing: {dest}: is inside the ")
    assert err.endswith("; DIR must be a folder outside the project's inputs\n")
    assert (manifest(project / "docs"), manifest(project / "sources")) == (docs, sources)
    assert not (project / dest).exists() or dest == "docs"


def test_export_never_replaces_a_folder_that_holds_the_project(tmp_path, capsys):
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / ".briefing-export").write_text("made by briefing export\n")  # as if an earlier export made it
    project = copy_project(outer / "project")
    status, _, err = run(project, "export", "--replace", str(outer), capsys=capsys)
    assert status == 1
    assert err.startswith(f"briefing: {outer}: holds the sources folder")
    assert (project / "sources").is_dir()


# --- what commands read -----------------------------------------------------------------------


def test_a_compact_date_is_reported_by_check_and_does_not_block_add(project, tmp_path, capsys):
    (project / "sources" / "compact.md").write_text("---\ntitle: Compact\ndate: 20240101\n---\n\nSome text of the article.\n")
    (project / "sources" / "week.md").write_text("---\ntitle: Week\ndate: 2024W011\n---\n\nOther text of another article.\n")
    status, out, _ = run(project, "check", capsys=capsys)
    assert status == 1
    assert "sources/compact.md:3: error: front matter date '20240101' is not a real date; write it as YYYY-MM-DD" in out
    assert "sources/week.md:3: error: front matter date '2024W011' is not a real date; write it as YYYY-MM-DD" in out
    notes = tmp_path / "notes.txt"
    notes.write_text("Harbour reopens\n\nThe harbour reopened on Monday after repairs to the sea wall.\n")
    status, out, err = run(project, "add", str(notes), capsys=capsys)
    assert status == 0, err
    status, out, err = run(project, "entities", capsys=capsys)
    assert "sources/compact.md:3: front matter date '20240101' is not a real date" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("date", ["0001-01-01", "0999-12-31"])
def test_a_date_before_the_year_1000_is_refused(project, capsys, date):
    (project / "sources" / "old.md").write_text(f"---\ntitle: Old\ndate: {date}\n---\n\nIt happened yesterday, and on Monday, and last month.\n")
    built = pipeline.build(project, project / "sources", cache_dir=None)
    assert f"sources/old.md:3: front matter date '{date}' is not a real date; write it as YYYY-MM-DD" in [str(p) for p in built.problems]


def test_a_page_dated_year_1_by_its_cms_is_undated(project):
    page = (
        '<html><head><title>Harbour reopens</title><meta property="article:published_time" content="0001-01-01T00:00:00Z"></head>'
        "<body><article><h1>Harbour reopens</h1><p>The harbour reopened yesterday after repairs, officials said on Monday.</p>"
        "<p>Boats returned last month, before the work was finished.</p></article></body></html>"
    )
    (project / "sources" / "cms.html").write_text(page)
    built = pipeline.build(project, project / "sources", cache_dir=None)
    story = next(a for a in built.articles if a.source == "sources/cms.html")
    assert story.date == ""
    assert not [p for p in built.problems if "cms.html" in str(p)]


def test_an_oversized_file_is_refused_before_a_byte_is_read(project, tmp_path, capsys, monkeypatch):
    huge = project / "sources" / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(5 * 1024**3)  # sparse: 5 GB that take no room
    outside = tmp_path / "huge.txt"
    os.link(huge, outside)
    real = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda fd, *a, **k: pytest.fail("read") if os.fstat(fd).st_size > 2**32 else real(fd, *a, **k))
    status, out, _ = run(project, "check", capsys=capsys)
    assert "sources/huge.txt:1: error: the file is 5,368,709,120 bytes, over the limit of 4,194,304; keep only the article's text in the file" in out
    status, _, err = run(project, "add", str(outside), capsys=capsys)
    assert status == 1
    assert err == f"briefing: {outside}:1: the file is 5,368,709,120 bytes, over the limit of 4,194,304; keep only the article's text in the file\n"


def test_add_refuses_a_symbolic_link_as_the_build_does(project, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes\n\nThe password of the staging server is swordfish, do not publish.\n")
    link = tmp_path / "story.txt"
    link.symlink_to(secret)
    before = manifest(project / "sources")
    status, _, err = run(project, "add", str(link), capsys=capsys)
    assert status == 1
    assert err == f"briefing: {link}:1: is a symbolic link, not followed; copy the file into sources/ instead\n"
    assert manifest(project / "sources") == before


@pytest.mark.parametrize("command", ["add", "clean"])
def test_a_missing_file_is_worded_alike_by_every_command(project, capsys, command):
    status, _, err = run(project, command, "nothere.txt", capsys=capsys)
    assert status == 1
    assert err == "briefing: nothere.txt: no such file; check the path\n"


def test_entities_takes_the_project_by_config_like_the_other_commands(project, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the project folder
    status, out, err = run(project, "entities", capsys=capsys)
    assert status == 0, err
    assert re.fullmatch(r"\d+ entities", out.splitlines()[0])
    assert "Huawei [organisation]: 5 stories" in out  # the project's sources, found through --config
    with pytest.raises(SystemExit):  # one way everywhere: the old --sources is gone
        main(["entities", "--sources", str(project / "sources")])


# --- what commands print ----------------------------------------------------------------------


def test_check_escapes_a_crafted_file_name(project, capsys):
    (project / "sources" / "evil\x1b]0;owned\x07.txt").write_text("A headline\n\nSome text.\n")
    status, out, _ = run(project, "check", capsys=capsys)
    assert status == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "sources/evil\\x1b]0;owned\\x07.txt:1: error: the file name holds control or invisible characters; rename the file" in out


def test_check_reports_every_problem_of_a_file(project, capsys):
    (project / "sources" / "many.md").write_text(
        "---\ntitle: Many problems\ndate: 2024-02-30\nurl: javascript:alert(1)\ncolour: red\nclean: maybe\n---\n\nThe text.\n"
    )
    status, out, _ = run(project, "check", capsys=capsys)
    assert status == 1
    found = [line for line in out.splitlines() if line.startswith("sources/many.md")]
    assert found == [
        "sources/many.md:3: error: front matter date '2024-02-30' is not a real date; write it as YYYY-MM-DD",
        "sources/many.md:4: error: front matter url 'javascript:alert(1)' is not a web address; write the address starting with https://",
        "sources/many.md:5: error: unknown front matter field 'colour'; use one of title, subtitle, authors, publisher, date, url, language, tags, clean, retrieved, redirect_from",
        "sources/many.md:6: error: front matter 'clean' must be true or false, not 'maybe'; write clean: true or clean: false",
    ]


def test_the_entities_field_is_refused_rather_than_ignored(project, capsys):
    (project / "sources" / "named.md").write_text("---\ntitle: Named\nentities: [Huawei]\n---\n\nThe text of the article.\n")
    status, out, _ = run(project, "check", capsys=capsys)
    assert "sources/named.md:3: error: front matter 'entities' is not used: entities are found in the text; remove it; add a name the tagger misses to taxonomy/entities.yml" in out


def test_build_and_check_agree_on_an_unknown_tag(project, capsys):
    (project / "sources" / "tagged.md").write_text("---\ntitle: Tagged\ndate: 2024-03-01\nauthors: [A. Writer]\ntags: [5G]\n---\n\nThe text of the article about networks.\n")
    built = pipeline.build(project, project / "sources", cache_dir=None)
    warning = "sources/tagged.md:5: unknown tag '5G'; use a topic of taxonomy/topics.yml or add the topic there"
    assert warning in [str(p) for p in built.problems]
    assert any(a.source == "sources/tagged.md" for a in built.articles)  # a warning: the story still builds
    status, out, _ = run(project, "check", capsys=capsys)
    assert status == 1
    assert warning.replace(":5: ", ":5: error: ") in out.splitlines()


def test_a_title_of_blank_letters_is_no_empty_heading(project):
    (project / "sources" / "blank.md").write_text("---\ntitle: \"\u3164\u3164 \u2800\"\n---\n\nThe text of the article.\n")
    built = pipeline.build(project, project / "sources", cache_dir=None)
    story = next(a for a in built.articles if a.source == "sources/blank.md")
    assert story.title == "blank"
    page = next(p for p in built.pages if p.path == f"stories/{story.slug}.md")
    assert "\n# blank\n" in page.markdown


def test_sources_are_untouched_by_every_command(project, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(project)
    before = manifest(project / "sources")
    run(project, "check", capsys=capsys)
    run(project, "entities", capsys=capsys)
    run(project, "clean", "--out", str(tmp_path / "c"), "sources/meet.md", capsys=capsys)
    run(project, "export", str(tmp_path / "e"), capsys=capsys)
    assert manifest(project / "sources") == before
    assert sorted(p.name for p in (project / "sources").iterdir()) == sorted([*(p.name for p in SOURCES.iterdir()), "meet.md"])
