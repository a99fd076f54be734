"""Page addresses: names in any script get readable slugs, and no two entities or topics share a page or a feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from briefing import pipeline
from briefing.knowledge import taxonomy
from briefing.model import Article, Block, Mention
from briefing.site import paths
from briefing.slugs import slugify
from briefing.tagging.collection import unify_spellings
from tests.conftest import copy_project


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Москва", "moskva"), ("Київ", "kiiv"), ("北京", "beijing"), ("Société Générale", "societe-generale"), ("Ελλάδα", "ellada"), ("Łódź", "lodz")],
)
def test_names_in_any_script_are_transliterated(name, slug):
    assert slugify(name) == slug


def test_names_that_slugify_alike_get_their_own_slugs():
    within = paths.addresses(["Nova", "Nová", "NOVA", "!!!", "index", "people"], ["Banking!", "banking", "index", "5G networks", "5g networks"])
    entity_paths = [paths.entity_path(n, within) for n in ("Nova", "Nová", "NOVA", "!!!", "index", "people")]
    assert len(set(entity_paths)) == 6
    assert paths.entity_path("!!!", within) == "entities/entity.md"
    assert paths.entity_path("index", within) == "entities/index-entity.md"  # clear of the index pages
    assert paths.entity_path("people", within) == "entities/people-entity.md"
    topic_paths = [paths.topic_path(n, within) for n in ("Banking!", "banking", "index", "5G networks", "5g networks")]
    assert len(set(topic_paths)) == 5 and "topics/index.md" not in topic_paths
    feeds = [paths.feed_paths(kind, n, within) for kind, n in [("entity", "Nova"), ("entity", "Nová"), ("topic", "Banking!"), ("topic", "banking")]]
    assert len({f for pair in feeds for f in pair}) == 8


def test_merging_spellings_takes_more_than_the_slug():
    def story(source: str, name: str) -> Article:
        return Article(source=source, title=source, body=(Block("paragraph", f"{name} said so."),), mentions=(Mention(name, "organisation", name, 0),))

    kb = taxonomy.knowledge_base(())
    unified = unify_spellings([story("a", "Société Générale"), story("b", "Societe-Generale"), story("c", "SOCIÉTÉ GÉNÉRALE")], kb)
    names = [a.mentions[0].entity for a in unified]
    assert names[1] == "Societe-Generale"  # a hyphen is not an accent: kept apart
    assert names[0] == names[2]  # case and accents only: one entity
    places = unify_spellings([story("a", "Москва"), story("b", "Київ")], kb)
    assert [a.mentions[0].entity for a in places] == ["Москва", "Київ"]


ENTITIES = """
- name: Москва
  type: place
- name: Київ
  type: place
- name: Nova
  type: place
- name: Nová
  type: organisation
"""
TOPICS = """
- name: Banking!
  cues: {bank loans: 2}
- name: banking
  cues: {bank deposits: 2}
"""
STORIES = {
    "cities.md": "---\ntitle: Talks between the capitals\ndate: 2024-03-01\nauthors: [A. Writer]\n---\n\nОфициальные лица: Москва and Київ exchanged notes on Monday, and Київ answered Москва on Tuesday.\n",
    "nova.md": "---\ntitle: Nova and Nová\ndate: 2024-03-02\nauthors: [A. Writer]\n---\n\nThe town of Nova hosted the firm Nová, whose bank loans and bank deposits grew.\n",
    "networks.md": "---\ntitle: Networks\ndate: 2024-03-03\nauthors: [A. Writer]\ntags: [5g networks]\n---\n\nOperators built new networks.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("addresses"))
    with open(project / "taxonomy" / "entities.yml", "a", encoding="utf-8") as handle:
        handle.write(ENTITIES)
    with open(project / "taxonomy" / "topics.yml", "a", encoding="utf-8") as handle:
        handle.write(TOPICS)
    for name, text in STORIES.items():
        (project / "sources" / name).write_text(text, encoding="utf-8")
    return pipeline.build(project, project / "sources", cache_dir=None)


def test_every_page_and_feed_has_its_own_path(built):
    counts = Counter(page.path for page in built.pages)
    assert [path for path, n in counts.items() if n > 1] == []


def test_each_entity_has_its_own_page_and_feed(built):
    by_entity = {page.entity: page for page in built.pages if page.entity}
    for name in ("Москва", "Київ", "Nova", "Nová"):
        assert f"# {name}\n" in by_entity[name].markdown
    assert len({by_entity[n].path for n in ("Москва", "Київ", "Nova", "Nová")}) == 4
    pages = {page.path: page.markdown for page in built.pages}
    for name in ("Nova", "Nová", "Москва", "Київ"):
        rss, json_path = re.search(r"Feeds: \[RSS\]\(\.\./(feeds/[^)]+)\), \[JSON\]\(\.\./(feeds/[^)]+)\)", by_entity[name].markdown).groups()
        assert ET.fromstring(pages[rss]).find("channel").findtext("title") == f"Briefing: {name}"
        assert json.loads(pages[json_path])["title"] == f"Briefing: {name}"


def test_a_story_links_each_name_to_its_own_page(built):
    story = next(a for a in built.articles if a.source == "sources/cities.md")
    page = next(p for p in built.pages if p.path == f"stories/{story.slug}.md")
    by_entity = {p.entity: p.path for p in built.pages if p.entity}
    for name in ("Москва", "Київ"):
        assert f"[{name}]({paths.link(page.path, by_entity[name])})" in page.markdown


def test_topics_that_slugify_alike_get_their_own_pages(built):
    titles = {p.path: re.search(r"^# (.+)$", p.markdown, re.M).group(1) for p in built.pages if p.path.startswith("topics/") and p.path != paths.TOPICS}
    for name in ("Banking&#33;", "banking", "5G networks", "5g networks"):
        assert list(titles.values()).count(name) == 1, name
    index = next(p.markdown for p in built.pages if p.path == paths.TOPICS)
    linked = re.findall(r"\]\(([^)]+)\)", index)
    assert len(linked) == len(set(linked))
