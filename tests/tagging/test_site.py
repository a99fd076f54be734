"""Entities and topics in the built site: navigation, pages, and knowledge-base errors under --strict."""

from __future__ import annotations

from tests.conftest import copy_project, mkdocs_build, pagefind_fragments


def test_entity_and_topic_indexes_are_in_the_navigation(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text()
    for href in ("entities/", "entities/people/", "entities/organisations/", "entities/places/", "entities/other/", "topics/"):
        assert f'href="{href}"' in home, href
    assert 'href="entities/christopher-wray/"' not in home  # entity pages stay out of the sidebar
    wray = (project / "site" / "entities" / "christopher-wray" / "index.html").read_text()
    assert "FBI Director" in wray and "Chris Wray" in wray


def test_searching_an_alias_finds_the_entity_page(seed_site):
    project, _ = seed_site
    holders = {record["url"] for record in pagefind_fragments(project / "site") if "Chris Wray" in record["content"]}
    assert any(url.endswith("entities/christopher-wray/") for url in holders), holders


def test_a_bad_knowledge_base_entry_is_reported_with_its_line_and_fails_strict(tmp_path):
    project = copy_project(tmp_path)
    entities = project / "taxonomy" / "entities.yml"
    entities.write_text(entities.read_text(encoding="utf-8") + "- name: Acme\n  type: organisation\n  colour: red\n", encoding="utf-8")
    line = len(entities.read_text(encoding="utf-8").splitlines())
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert f"taxonomy/entities.yml:{line}: unknown key 'colour'; the keys are name, type" in result.stderr
