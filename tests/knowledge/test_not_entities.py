"""``taxonomy/not-entities.yml``: names people have judged junk are never tagged, and the file is checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from briefing import pipeline
from briefing.commands.cli import main
from briefing.knowledge import taxonomy
from briefing.model import Article, Block
from briefing.tagging.tag import tag
from tests.conftest import ROOT, copy_project

STORY = Article(
    source="sources/x.txt",
    title="A story",
    body=(
        Block("paragraph", "Brave Marina Lacerdaa said the case had taken years, and her lawyer agreed with her."),
        Block("paragraph", "Lacerdaa said she would speak again, and the newspaper Dagens Nyhetter reported it on Monday."),
    ),
)


def taxonomy_with(tmp_path: Path, not_entities: str) -> Path:
    folder = tmp_path / "taxonomy"
    shutil.copytree(ROOT / "taxonomy", folder)
    (folder / "not-entities.yml").write_text(not_entities, encoding="utf-8")
    return folder


def test_a_discovered_name_listed_as_no_entity_is_not_tagged_and_the_rest_is(tmp_path):
    before = {m.entity for m in tag(STORY, taxonomy.load(ROOT / "taxonomy")).mentions}
    assert {"Brave Marina Lacerdaa", "Dagens Nyhetter"} <= before  # what the tagger finds without the list
    kb = taxonomy.load(taxonomy_with(tmp_path, "# junk the tagger found\n- brave marina lacerdaa\n"))
    assert not kb.problems and kb.ignored == {"brave marina lacerdaa"}
    after = {m.entity for m in tag(STORY, kb).mentions}
    assert after == before - {"Brave Marina Lacerdaa"}  # its surname alone goes with it; nothing else changes


def test_the_list_is_checked_with_file_and_line(tmp_path):
    folder = taxonomy_with(tmp_path, "- Cheech\n- {name: Chong}\n- Huawei Technologies\n- ''\n")
    problems = [f"{p.path}:{p.line}: {p.what}" for p in taxonomy.load(folder).problems]
    assert problems == [
        "taxonomy/not-entities.yml:2: an entry must be a name (text)",
        "taxonomy/not-entities.yml:3: 'Huawei Technologies' is also a name of 'Huawei' in entities.yml",
        "taxonomy/not-entities.yml:4: an entry must be a name (text)",
    ]
    assert taxonomy.load(folder).ignored == {"cheech"}  # the valid entries still count


def test_invalid_yaml_in_the_list_is_reported_and_the_rest_of_the_knowledge_base_loads(tmp_path):
    kb = taxonomy.load(taxonomy_with(tmp_path, "- Cheech\n- [unclosed\n"))
    assert [p.path for p in kb.problems] == ["taxonomy/not-entities.yml"] and kb.problems[0].line == 3
    assert kb.ignored == frozenset() and kb.entity("Huawei") is not None


def test_briefing_check_fails_on_a_bad_entry_and_the_build_drops_listed_names(tmp_path, capsys):
    project = copy_project(tmp_path)
    built = {m.entity for a in pipeline.build(project, project / "sources").articles for m in a.mentions if m.discovered}
    junk = sorted(built)[0]
    (project / "taxonomy" / "not-entities.yml").write_text(f"- {junk}\n- 12\n", encoding="utf-8")
    assert main(["check", "--config", str(project / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line.startswith("taxonomy/")] == [
        "taxonomy/not-entities.yml:2: error: an entry must be a name (text); write '- Name'; quote a name YAML reads otherwise ('- \"True\"')"
    ]
    rebuilt = {m.entity for a in pipeline.build(project, project / "sources").articles for m in a.mentions}
    assert junk not in rebuilt and built - {junk} <= rebuilt
    assert re.search(r"not-entities\.yml", (ROOT / "README.md").read_text(encoding="utf-8"))
