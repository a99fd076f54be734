"""The knowledge-base loader against hostile and careless files: every problem is ``file:line: what; what to do``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.knowledge import taxonomy
from tests.conftest import ROOT, copy_project


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def problems(folder: Path) -> list[str]:
    return [str(p) for p in taxonomy.load(folder, "taxonomy", with_countries=False).problems]


def within(seconds: float, work):
    """``work()``'s result, or a failed test if it has not returned after ``seconds`` (it would hang for ever)."""
    result: dict[str, object] = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} seconds"
    return result["value"]


@pytest.mark.parametrize(
    ("value", "tag"),
    [("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"), ("!!python/object/apply:os.system ['echo hi']", "tag:yaml.org,2002:python/object/apply:os.system"), ("!custom x", "!custom")],
)
def test_a_yaml_tag_is_refused_at_its_line_and_never_constructed(tmp_path, value, tag):
    write(tmp_path, "entities.yml", f"- name: Huawei\n  type: organisation\n  description: {value}\n")
    assert problems(tmp_path) == [f"taxonomy/entities.yml:3: uses the YAML tag {tag!r}; remove the tag; values are plain text and numbers"]


def test_a_date_like_alias_is_text_even_when_no_such_day_exists(tmp_path):
    write(tmp_path, "entities.yml", "- name: Leap Day Accord\n  type: other\n  aliases: [2024-02-30, 2024-02-29]\n")
    write(tmp_path, "not-entities.yml", "- 2023-02-29\n")
    kb = taxonomy.load(tmp_path, "taxonomy", with_countries=False)
    assert not kb.problems
    assert kb.entity("Leap Day Accord").aliases == ("2024-02-30", "2024-02-29")
    assert kb.ignored == {"2023-02-29"}


@pytest.mark.parametrize("weight", [".nan", ".inf", "-.inf", "0", "-2"])
def test_a_cue_weight_that_is_no_positive_number_is_refused(tmp_path, weight):
    write(tmp_path, "topics.yml", f"- name: Trade\n  cues:\n    tariffs: 2\n    trade: {weight}\n")
    assert problems(tmp_path) == [f"taxonomy/topics.yml:4: weight of cue 'trade' must be a positive number (got {weight!r}); write trade: 1"]
    topic = taxonomy.load(tmp_path, with_countries=False).topics[0]
    assert topic.cues == (("tariffs", 2.0),)


def test_empty_and_common_word_cues_are_refused(tmp_path):
    write(tmp_path, "topics.yml", """\
        - name: Trade
          cues:
            "": 2
            "  ": 1
            the: 1
            tariffs: 2
        """)
    assert problems(tmp_path) == [
        "taxonomy/topics.yml:3: a cue is empty; write the cue's words, or remove the line",
        "taxonomy/topics.yml:4: a cue is empty; write the cue's words, or remove the line",
        "taxonomy/topics.yml:5: cue 'the' is a common word that would match nearly every story; remove it, or use a phrase",
    ]


def test_aliases_that_are_common_words_are_refused_and_acronyms_kept(tmp_path):
    write(tmp_path, "entities.yml", """\
        - name: Alpha Group
          type: organisation
          aliases:
            - a
            - The
            - AG
            - "..."
        - name: United States
          type: place
          aliases: [US]
        - name: It
          type: other
        """)
    assert problems(tmp_path) == [
        "taxonomy/entities.yml:4: alias 'a' is a common word that would match nearly every story; remove it from aliases",
        "taxonomy/entities.yml:5: alias 'The' is a common word that would match nearly every story; remove it from aliases",
        "taxonomy/entities.yml:7: alias '...' has no letters or digits; remove it from aliases",
        "taxonomy/entities.yml:11: the name 'It' is a common word that would match nearly every story; write the entity's full name",
    ]
    kb = taxonomy.load(tmp_path, with_countries=False)
    assert kb.entity("Alpha Group").aliases == ("AG",)
    assert kb.entity("United States").aliases == ("US",)  # in capitals it matches only as written: no pronoun
    assert kb.entity("It") is None


def test_topics_yml_as_a_folder_is_reported_not_a_traceback(tmp_path):
    (tmp_path / "topics.yml").mkdir()
    assert problems(tmp_path) == ["taxonomy/topics.yml:1: is a folder, not a regular file; make it a plain YAML file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_in_the_knowledge_base_does_not_hang_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "taxonomy" / "not-entities.yml").unlink()
    os.mkfifo(project / "taxonomy" / "not-entities.yml")
    built = within(120, lambda: pipeline.build(project, project / "sources", cache_dir=None))
    assert "taxonomy/not-entities.yml:1: is a named pipe, not a regular file; make it a plain YAML file" in [str(p) for p in built.problems]
    assert len(built.articles) == len(list((project / "sources").glob("*.txt")))  # the rest still builds


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_in_the_knowledge_base_does_not_hang_check(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "taxonomy" / "topics.yml").unlink()
    os.mkfifo(project / "taxonomy" / "topics.yml")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "briefing", "check"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "taxonomy/topics.yml:1: error: is a named pipe, not a regular file; make it a plain YAML file" in result.stdout


def test_a_knowledge_base_linked_from_elsewhere_is_still_read(tmp_path):
    shared = tmp_path / "shared"
    write(shared, "topics.yml", "- name: Trade\n  cues: {tariffs: 2}\n")
    folder = tmp_path / "taxonomy"
    folder.mkdir()
    (folder / "topics.yml").symlink_to(shared / "topics.yml")
    assert [t.name for t in taxonomy.load(folder, with_countries=False).topics] == ["Trade"]


def test_the_seed_knowledge_base_has_no_problems():
    assert taxonomy.load(ROOT / "taxonomy").problems == ()  # the shipped files pass the new checks
