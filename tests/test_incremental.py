"""Warm builds: after any change, the site a rebuild makes from the cache is the site a build from nothing makes.

Each test changes the project as a person would (an edited story, a new name, a
story added, deleted or renamed, the knowledge base edited), rebuilds with the
cache and compares every page and problem with a build without any cache.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing import pipeline
from tests.conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

pytestmark = pytest.mark.slow


def build(project: Path, **options) -> pipeline.Build:
    return pipeline.build(project, project / "sources", workers=1, snapshot=True, **options)


def fresh(project: Path) -> pipeline.Build:
    return pipeline.build(project, project / "sources", cache_dir=None, workers=1)


def same(one: pipeline.Build, other: pipeline.Build) -> None:
    assert [p.path for p in one.pages] == [p.path for p in other.pages]
    for a, b in zip(one.pages, other.pages):
        assert a.markdown == b.markdown, a.path
    assert [str(p) for p in one.problems] == [str(p) for p in other.problems]


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    corpus.generate(30, project / "sources" / "more", seed=3, shared=False)
    build(project)  # the cache, as the last build left it
    return project


def story(project: Path, index: int) -> Path:
    return sorted((project / "sources" / "more").iterdir())[index]


def test_nothing_changed_returns_the_last_build_without_making_an_article(project):
    again = build(project)
    assert again.articles == () and again.cache_misses == 0
    assert {"clean", "tag", "relate", "render"}.isdisjoint(again.timings)
    same(again, fresh(project))
    assert [s.slug for s in again.stories] == [a.slug for a in fresh(project).articles]


def remembered(built: pipeline.Build) -> list[pipeline.Page]:
    """The pages a warm build may take from the last one: story pages, entity pages and feeds."""
    return [p for p in built.pages if p.entity or p.path.startswith("feeds/") or (p.path.startswith("stories/") and p.path != "stories/index.md")]


def test_an_edited_story_is_made_again_and_only_the_pages_that_show_it_are_made_again(project):
    before = build(project)
    target = story(project, 10)
    target.write_text(target.read_text(encoding="utf-8") + "\nThis story was updated with a correction after publication.\n", encoding="utf-8")
    warm = build(project)
    assert (warm.cache_hits, warm.cache_misses) == (before.cache_hits + before.cache_misses - 1, 1)
    same(warm, fresh(project))
    edited = next(a for a in warm.articles if a.source.endswith(target.name))
    own = f"stories/{edited.slug}.md"
    # Made again: the story's page and the pages that show it (which link to it); every other page is reused.
    showing = {p.path for p in remembered(warm) if edited.slug in p.markdown} | {own}
    assert 0 < len(remembered(warm)) - warm.pages_reused <= len(showing) < len(remembered(warm)) // 2
    changed = {p.path for p, q in zip(before.pages, warm.pages) if p.markdown != q.markdown}
    assert own in changed and changed & {p.path for p in remembered(warm)} <= showing


def test_a_story_that_gains_a_name_changes_the_pages_that_name_touches(project):
    target = next(p for p in sorted((project / "sources" / "more").iterdir()) if p.suffix == ".md")  # every paragraph kept
    added = "\nThe nationalist party Sinn Féin said on Tuesday that Ursula Brennagh, the party's treasurer, would resign.\n"
    before = fresh(project)
    slug = next(a.slug for a in before.articles if a.source.endswith(target.name))
    target.write_text(target.read_text(encoding="utf-8") + added, encoding="utf-8")
    warm = build(project)
    cold = fresh(project)
    same(warm, cold)
    gained = {p.path for p in remembered(warm)} - {p.path for p in remembered(before)}  # the names' pages and feeds
    assert {"entities/sinn-fein.md", "feeds/entities/sinn-fein.xml"} <= gained
    # Made again: the new names' pages, and the pages that show a story the names touch (this one, and any other
    # the collection pass now tags with them) or a name such a story holds, and the stories whose related stories
    # moved (relatedness weighs names by how rare they are); every other page is reused.
    was = {a.source: a for a in before.articles}
    touched = sorted(a.slug for a in cold.articles if was.get(a.source) != a)
    assert slug in touched and len(touched) < len(cold.articles) // 2
    names = {m.entity for a in [*before.articles, *cold.articles] if a.slug in touched for m in a.mentions}
    showing = {p.path for p in remembered(warm) if p.entity in names or any(s in p.markdown for s in touched)}
    showing |= {f"stories/{s}.md" for s in touched}
    showing |= {f"stories/{s}.md" for s in cold.related if cold.related[s] != before.related.get(s)}  # scores move
    assert 0 < len(remembered(warm)) - warm.pages_reused <= len(showing | gained) < len(remembered(warm)) // 2
    # and losing it again
    target.write_text(target.read_text(encoding="utf-8").replace(added, "\n"), encoding="utf-8")
    same(build(project), fresh(project))


def test_a_story_added_or_deleted_rebuilds_to_the_fresh_site(project):
    (project / "sources" / "more" / "added.md").write_text(
        "---\ntitle: A harbour opens\ndate: 2024-05-02\npublisher: The Keeper's Gazette\n---\n\n"
        "The harbourmaster of Port Ellery, Maren Quist, opened the new quay on Thursday, the council said.\n",
        encoding="utf-8",
    )
    same(build(project), fresh(project))
    story(project, 0).unlink()
    same(build(project), fresh(project))


def test_a_renamed_story_moves_its_address_in_every_page(project):
    target = story(project, 7)
    target.rename(target.with_name("renamed-" + target.name))
    same(build(project), fresh(project))


def test_an_edited_knowledge_base_rebuilds_to_the_fresh_site(project):
    entities = project / "taxonomy" / "entities.yml"
    entities.write_text(entities.read_text(encoding="utf-8").replace("description: Chinese maker", "description: Edited. Chinese maker", 1), encoding="utf-8")
    same(build(project), fresh(project))


def test_a_site_option_is_an_input_too(project):
    from briefing.model import Site

    flat = Site(directory_urls=False)
    warm = pipeline.build(project, project / "sources", site=flat, workers=1, snapshot=True)
    cold = pipeline.build(project, project / "sources", site=flat, cache_dir=None, workers=1)
    same(warm, cold)
