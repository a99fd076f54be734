"""The ``briefing`` command: help, ``check``, ``export``, and the README that documents it all."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.adapter import Options
from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.commands.cli import COMMANDS, main
from briefing.errors import SourceError
from briefing.sources.read import read
from tests.conftest import ROOT, copy_project

README = (ROOT / "README.md").read_text(encoding="utf-8")


# --- the console script and its help ---------------------------------------


def test_briefing_is_an_installed_console_script_calling_main():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, function = scripts["briefing"].partition(":")
    assert getattr(importlib.import_module(module), function) is main


@pytest.mark.slow
def test_top_level_help_says_what_it_does_with_examples():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0
    assert "Turn a folder of scraped news articles into a briefing site" in result.stdout
    assert "Examples:\n  briefing add " in result.stdout
    for command in COMMANDS:
        assert re.search(rf"^    {command.name} +\S", result.stdout, re.MULTILINE), command.name


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_subcommand_help_has_a_summary_and_an_example(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([command.name, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: briefing {command.name} ")
    assert "Example:\n  briefing " + command.name in out
    assert command.summary[1:] in " ".join(out.split())


# --- check -------------------------------------------------------------------


def check(project: Path, capsys) -> tuple[int, list[str], str]:
    status = main(["check", "--config", str(project / "mkdocs.yml")])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_check_passes_the_seeds_warning_of_each_missing_date_and_author(tmp_path, capsys):
    project = copy_project(tmp_path)
    status, lines, err = check(project, capsys)
    assert status == 0
    expected = []
    for article in sorted(pipeline.build(project, project / "sources").articles, key=lambda a: a.source):
        how = f"add {{}} to {article.source.removesuffix('.txt')}.yml, its corrections file"
        if not article.authors:
            expected.append(f"{article.source}:1: warning: no author; " + how.format("authors: [Name]"))
        if not article.date:
            expected.append(f"{article.source}:1: warning: no date; " + how.format("date: YYYY-MM-DD"))
    assert lines == expected
    assert err == f"briefing check: 0 errors, {len(expected)} warning{'s' * (len(expected) != 1)}\n"


UNDATED_TEXT = (
    b"Ministers meet on cables\n\n"
    b"Ministers from twelve countries met on Friday to discuss the protection of the undersea cables that carry most internet traffic.\n\n"
    b"They agreed to meet again in the spring, officials said after the talks.\n"
)

HOSTILE_SOURCES = {
    "bad-bytes.txt": b"Title\nfine\nbad \xff here\n",
    "bad-yaml.md": b"---\ntitle: ok\nauthors: [a, b\n---\nbody\n",
    "unknown-field.md": b"---\ntitle: ok\nauthor: A\n---\nbody\n",
    "authors-mapping.md": b"---\ntitle: Mapping\ndate: 2024-01-01\nauthors: {first: A}\n---\nbody\n",
    "bad-date.md": b"---\ntitle: Dated\nauthors: [A]\ndate: last Tuesday\n---\nbody\n",
    "empty.txt": b"  \n",
    "tagged.md": b"---\ntitle: Tagged\nauthors: [A]\ndate: 2024-01-01\ntags: [5G network, Cloud services]\n---\nAbout 5G.\n",
    "undated.md": b"---\ntitle: Undated\nauthors: [A]\n---\nNo date here.\n",
    "tagged.markdown": b"---\ntitle: Tagged!\nauthors: [A]\ndate: 2024-01-02\n---\nA different body.\n",
    "mojibake.md": "---\ntitle: Twice\nauthors: [A]\ndate: 2024-01-03\n---\nFine.\nThe minister\u00e2\u20ac\u2122s caf\u00c3\u00a9 \ufffd.\n".encode(),
}


def stage_error(name: str) -> str:
    """What the read, clean and extract stages say of a hostile source: check reports exactly that."""
    try:
        extract(clean(read(f"sources/{name}", HOSTILE_SOURCES[name])))
    except SourceError as error:
        return f"error: {error.what}; {error.todo}"
    raise AssertionError(f"the pipeline accepts {name}")


def test_check_reports_each_problem_at_its_file_and_line(tmp_path, capsys):
    project = copy_project(tmp_path)
    for name, data in HOSTILE_SOURCES.items():
        (project / "sources" / name).write_bytes(data)
    (project / "sources" / "cables.txt").write_bytes(UNDATED_TEXT)
    (project / "sources" / "copy-of-cables.txt").write_bytes(UNDATED_TEXT)
    status, lines, err = check(project, capsys)
    assert status == 1
    found = [line for line in lines if not line.startswith("sources/0")]  # the seeds' missing dates and authors
    assert found == [
        f"sources/authors-mapping.md:4: {stage_error('authors-mapping.md')}",
        f"sources/bad-bytes.txt:3: {stage_error('bad-bytes.txt')}",
        f"sources/bad-date.md:4: {stage_error('bad-date.md')}",
        f"sources/bad-yaml.md:3: {stage_error('bad-yaml.md')}",
        "sources/cables.txt:1: warning: no author; add authors: [Name] to sources/cables.yml, its corrections file",
        "sources/cables.txt:1: warning: no date; add date: YYYY-MM-DD to sources/cables.yml, its corrections file",
        "sources/copy-of-cables.txt:1: error: duplicate of sources/cables.txt (same file content); delete one of the two",
        "sources/copy-of-cables.txt:1: warning: no author; add authors: [Name] to sources/copy-of-cables.yml, its corrections file",
        "sources/copy-of-cables.txt:1: warning: no date; add date: YYYY-MM-DD to sources/copy-of-cables.yml, its corrections file",
        f"sources/empty.txt:1: {stage_error('empty.txt')}",
        "sources/mojibake.md:7: warning: replacement character \ufffd: characters were lost before the file was saved; copy the text again from the original",
        "sources/mojibake.md:7: warning: text looks encoded twice ('â€™' should read '’'); copy the text again from the original, saved as UTF-8",
        "sources/tagged.md:1: error: same file name, so same story address 'tagged', as sources/tagged.markdown; rename one of the files",
        "sources/tagged.md:5: error: unknown tag '5G network'; did you mean '5G networks'?",
        "sources/undated.md:2: warning: no date; add date: YYYY-MM-DD to its front matter",
        f"sources/unknown-field.md:3: {stage_error('unknown-field.md')}",
    ]
    assert stage_error("bad-bytes.txt").startswith("error: not valid UTF-8")
    assert err.startswith("briefing check: 9 errors, ")


def test_check_reports_clashing_names_in_the_knowledge_base(tmp_path, capsys):
    project = copy_project(tmp_path)
    entities = project / "taxonomy" / "entities.yml"
    entities.write_text(
        entities.read_text()
        + "- name: US Army\n  type: organisation\n  aliases: [US]\n  parent: Pentagon\n"
        + "- name: Nameless\n"
    )
    (project / "taxonomy" / "topics.yml").write_text("- name: Quiet\n  description: no cues\n- name: Quiet\n  cues: {calm: 1}\n")
    status, lines, _ = check(project, capsys)
    assert status == 1
    kb = [line for line in lines if line.startswith("taxonomy/")]
    start = entities.read_text().splitlines().index("- name: US Army") + 1

    def one(pattern: str) -> str:
        found = [line for line in kb if re.search(pattern, line)]
        assert len(found) == 1, (pattern, kb)  # reported, and reported once
        return found[0]

    assert one(r"'US' names both 'United States' and 'US Army'").startswith(f"taxonomy/entities.yml:{start}: error: ")
    assert one(r"parent 'Pentagon' of 'US Army' is not an entity").startswith("taxonomy/entities.yml:")
    assert one(rf"^taxonomy/entities.yml:{start + 4}: error: .*type")  # the entry without a type
    assert one(r"topic 'Quiet' is defined twice").startswith("taxonomy/topics.yml:3: error: ")
    assert one(r"topic 'Quiet' has no cues").startswith("taxonomy/topics.yml:1: warning: ")
    assert len(kb) == 5


def test_check_without_a_project_says_where_to_run_it(tmp_path, capsys):
    status = main(["check", "--config", str(tmp_path / "mkdocs.yml")])
    assert status == 1
    assert capsys.readouterr().err == (
        f"briefing: {tmp_path / 'mkdocs.yml'}: no such file; run briefing in the project folder or pass --config path/to/mkdocs.yml\n"
    )


def test_check_without_sources_folder_says_how_to_fix_it(tmp_path, capsys):
    project = copy_project(tmp_path, with_sources=False)
    (project / "sources").rmdir()
    status, lines, err = check(project, capsys)
    assert status == 1
    assert lines == ["sources: error: sources folder not found; create it or set extra.briefing.sources in mkdocs.yml"]


# --- clean ---------------------------------------------------------------


def test_clean_prints_front_matter_then_the_cleaned_article(tmp_path, capsys):
    source = tmp_path / "note.md"
    source.write_text("---\ntitle: Cables\ndate: 2024-03-01\n---\n\nBy Ada Lovelace\n\nMinisters met.\n")
    assert main(["clean", str(source)]) == 0
    assert capsys.readouterr().out == "---\ntitle: Cables\nauthors:\n- Ada Lovelace\ndate: '2024-03-01'\n---\n\n# Cables\n\nMinisters met.\n"
    assert main(["clean", "--out", str(tmp_path / "out"), str(source), str(tmp_path / "missing.txt")]) == 1
    assert (tmp_path / "out" / "note.md").read_text().endswith("# Cables\n\nMinisters met.\n")
    assert "missing.txt" in capsys.readouterr().err


# --- export --------------------------------------------------------------


def h1s(site: Path) -> dict[str, str]:
    """The H1 of every page of a built site, by page URL."""
    found = {}
    for page in sorted(site.rglob("index.html")):
        match = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.DOTALL)
        if match:
            title = re.sub(r"<a [^>]*headerlink[^>]*>.*?</a>", "", match.group(1))
            found[page.parent.relative_to(site).as_posix()] = title.strip()
    return found


@pytest.mark.slow
def test_exported_markdown_builds_with_plain_mkdocs_into_the_same_pages(tmp_path, seed_site, capsys):
    project, hooked = seed_site
    assert hooked.returncode == 0, hooked.stderr
    dest = tmp_path / "exported"
    assert main(["export", str(dest), "--config", str(project / "mkdocs.yml")]) == 0
    built = pipeline.build(project, project / "sources")
    assert capsys.readouterr().out == f"exported {len(built.pages)} generated pages to {dest}; build them with: cd {dest} && mkdocs build\n"
    config = (dest / "mkdocs.yml").read_text()
    assert "\nhooks:" not in config and "briefing:" not in config
    for page in built.pages:
        assert (dest / "docs" / page.path).read_text(encoding="utf-8") == page.markdown
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=dest,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=""),  # nothing of briefing is importable
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert plain.returncode == 0, plain.stderr
    exported, original = h1s(dest / "site"), h1s(project / "site")
    assert exported == original
    assert {f"stories/{a.slug}" for a in built.articles} <= set(exported)
    # Search: our Pagefind box needs the index only our build writes; the export searches with Material's plugin.
    assert not (dest / "overrides" / "partials" / "search.html").exists()
    index = json.loads((dest / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert {a.title for a in built.articles} <= titles
    home = (dest / "site" / "index.html").read_text(encoding="utf-8")
    assert "briefing-search.js" not in home and "pagefind" not in home
    assert "briefing-search.js" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_export_never_writes_into_a_folder_it_did_not_make(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    args = ["export", str(dest), "--replace", "--config", str(project / "mkdocs.yml")]
    assert main(args) == 1
    assert capsys.readouterr().err == f"briefing: {dest}: not made by briefing export, so --replace will not delete it; choose a new DIR\n"
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    (dest / "notes.txt").unlink()
    assert main(args[:2] + args[3:]) == 0
    assert main(args[:2] + args[3:]) == 1
    assert "folder is not empty; choose a new DIR, or pass --replace" in capsys.readouterr().err
    assert main(args) == 0  # an earlier export may be replaced


# --- the README documents everything -------------------------------------


def make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    return sorted(set(re.findall(r"^([a-z][a-z0-9_-]*):", makefile, re.MULTILINE)))


def test_every_make_target_is_documented_in_the_readme():
    targets = make_targets()
    assert {"build", "test", "check"} <= set(targets)
    missing = [t for t in targets if not re.search(rf"^\| `make {t}` \|", README, re.MULTILINE)]
    assert missing == []


def test_every_configuration_option_is_documented_in_the_readme():
    names = [f.name for f in fields(Options)]
    assert names
    missing = [n for n in names if not re.search(rf"^\| `{n}` \|", README, re.MULTILINE)]
    assert missing == []


def test_every_subcommand_is_documented_in_the_readme():
    missing = [c.name for c in COMMANDS if f"`briefing {c.name}" not in README]
    assert missing == []


# --- browser tests without a browser ---------------------------------------


@pytest.mark.slow
def test_browser_tests_skip_saying_how_to_enable_them_without_chromium(tmp_path):
    env = dict(os.environ, BRIEFING_CHROMIUM=str(tmp_path / "no-chromium"), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "tests/site/test_browser.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout
    assert re.search(r"\b\d+ skipped in\b", result.stdout) and "passed" not in result.stdout  # every one skips, none runs
    assert "sudo apt-get install chromium" in result.stdout


def test_export_keeps_a_hand_written_page_over_a_generated_one_and_says_so(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "stories").mkdir()
    (project / "docs" / "stories" / "index.md").write_text("# Our own list of stories\n")
    dest = tmp_path / "out"
    assert main(["export", str(dest), "--config", str(project / "mkdocs.yml")]) == 0
    assert (dest / "docs" / "stories" / "index.md").read_text() == "# Our own list of stories\n"
    assert "briefing: warning: docs/stories/index.md: hand-written page hides a generated one; rename or remove it\n" in capsys.readouterr().err
