"""Sources never frozen, addresses that last: corrections survive a new cleaner, a corrected title keeps its URL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.cleaning import clean as clean_stage
from briefing.model import Site
from briefing.site import paths
from tests.conftest import copy_project

PROMO = "Readers can find the full minutes of the harbour committee at the town library on weekdays."
"""A line today's cleaner keeps and the better cleaner of the test learns to drop."""
ARTICLE = (
    "Harbour vote passes\n\nBy Jane Roe\n\n"
    "The council voted on Tuesday to extend the harbour, a project that has divided the town for a decade.\n\n"
    "Supporters say the new quay will bring the ferries back, while fishermen fear the works will drive the fish away.\n\n"
    f"{PROMO}\n"
)


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path, with_sources=False)
    (project / "sources" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    return project


def build(project: Path, **options):
    options.setdefault("cache_dir", None)
    return pipeline.build(project, project / "sources", **options)


def story(built, source: str):
    return next(a for a in built.articles if a.source == source)


def test_a_corrected_title_keeps_the_story_s_address(project):
    before = story(build(project), "sources/harbour.txt")
    (project / "sources" / "harbour.yml").write_text("title: Council approves the harbour extension\n")
    built = build(project)
    after = story(built, "sources/harbour.txt")
    assert (before.title, after.title) == ("Harbour vote passes", "Council approves the harbour extension")
    assert before.slug == after.slug == "harbour"
    assert "stories/harbour.md" in {page.path for page in built.pages}
    assert not built.problems


def test_a_better_cleaner_reaches_the_source_and_the_correction_survives_it(project, monkeypatch):
    (project / "sources" / "harbour.yml").write_text("title: Council approves the harbour extension\nauthors: [Jane Roe, John Doe]\n")
    frozen = (
        "---\ntitle: Ferry timetable\nclean: true\n---\n\n"
        "The ferry company published its winter timetable on Monday, with two fewer crossings a day.\n\n"
        f"{PROMO}\n"
    )
    (project / "sources" / "frozen.md").write_text(frozen)  # what `briefing add` used to write
    before = build(project)
    assert PROMO in [b.text for b in story(before, "sources/harbour.txt").body]  # today's cleaner keeps the line

    real_clean = clean_stage.clean

    def better_clean(source):  # a cleaner that has learnt to drop this kind of line
        cleaned = real_clean(source)
        if source.front_matter.get("clean") is True:
            return cleaned
        return replace(cleaned, blocks=tuple(b for b in cleaned.blocks if "full minutes" not in b.text))

    monkeypatch.setattr("briefing.pipeline.clean", better_clean)
    after = build(project)
    harbour = story(after, "sources/harbour.txt")
    assert PROMO not in [b.text for b in harbour.body]
    assert (harbour.title, harbour.authors) == ("Council approves the harbour extension", ("Jane Roe", "John Doe"))
    assert PROMO in [b.text for b in story(after, "sources/frozen.md").body]  # clean: true still means "as it stands"
    assert (project / "sources" / "harbour.txt").read_text(encoding="utf-8") == ARTICLE


def test_changing_the_corrections_file_rebuilds_the_story_from_the_cache(project, tmp_path):
    cache = tmp_path / "cache"
    first = build(project, cache_dir=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 1)
    assert (build(project, cache_dir=cache).cache_hits, story(first, "sources/harbour.txt").title) == (1, "Harbour vote passes")
    (project / "sources" / "harbour.yml").write_text("title: Corrected in the file\n")
    corrected = build(project, cache_dir=cache)
    assert (corrected.cache_misses, story(corrected, "sources/harbour.txt").title) == (1, "Corrected in the file")
    (project / "sources" / "harbour.yml").write_text("title: Corrected again\n")
    assert story(build(project, cache_dir=cache), "sources/harbour.txt").title == "Corrected again"


def test_a_bad_corrections_file_is_reported_and_the_story_still_built(project):
    (project / "sources" / "harbour.yml").write_text("title: Fine\ndate: 2024-13-01\n")
    built = build(project)
    assert [str(p) for p in built.problems] == ["sources/harbour.yml:2: corrections date '2024-13-01' is not a real date; write it as YYYY-MM-DD"]
    assert story(built, "sources/harbour.txt").title == "Harbour vote passes"


def test_a_renamed_file_redirects_from_its_old_address(project):
    (project / "sources" / "harbour.txt").rename(project / "sources" / "2024-03-05-harbour-vote.txt")
    (project / "sources" / "2024-03-05-harbour-vote.yml").write_text("redirect_from: [https://example.org/briefing/stories/harbour/]\n")
    pages = {page.path: page.markdown for page in build(project).pages}
    stub = pages["stories/harbour/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../2024-03-05-harbour-vote/">' in stub
    assert '<link rel="canonical" href="../2024-03-05-harbour-vote/">' in stub
    assert "stories/2024-03-05-harbour-vote.md" in pages
    flat = {page.path: page.markdown for page in build(project, site=Site(directory_urls=False)).pages}
    assert 'url=2024-03-05-harbour-vote.html"' in flat["stories/harbour.html"]


def test_a_former_address_that_a_story_has_now_or_another_claims_is_refused(project):
    other = "Ferry timetable cut\n\nThe ferry company published its winter timetable on Monday, with two fewer crossings a day.\n"
    (project / "sources" / "ferry.txt").write_text(other)
    (project / "sources" / "ferry.yml").write_text("redirect_from: [harbour, old-ferry]\n")
    (project / "sources" / "timetable.txt").write_text(other.replace("Ferry timetable cut", "Timetable").replace("two fewer", "three more"))
    (project / "sources" / "timetable.yml").write_text("redirect_from: [stories/old-ferry/]\n")
    built = build(project)
    assert [str(p) for p in built.problems] == [
        "sources/ferry.txt:1: redirect_from 'harbour' is the address of sources/harbour.txt; remove it from redirect_from",
        "sources/timetable.txt:1: redirect_from 'old-ferry' already sends readers to sources/ferry.txt; remove it from one of them",
    ]
    assert sorted(page.path for page in built.pages if page.path.endswith(".html")) == ["stories/old-ferry/index.html"]


def test_addresses_come_from_file_names_even_without_ascii(project):
    (project / "sources" / "港口.txt").write_text(
        "Ferry timetable cut\n\nThe ferry company published its winter timetable on Monday, with two fewer crossings a day.\n"
    )
    (project / "sources" / "★☆.txt").write_text(
        "Bus routes merged\n\nThe council merged two bus routes on Tuesday, saying fewer people rode the later one.\n"
    )
    slugs = sorted(a.slug for a in build(project).articles)
    # Transliterated where the name has letters; a name of symbols only gets a stable hash.
    assert slugs[:2] == ["gangkou", "harbour"] and slugs[2].startswith("story-") and len(slugs[2]) == len("story-") + 8


def test_every_redirect_path_goes_through_paths():
    assert paths.redirect_file("old", Site()) == "stories/old/index.html"
    assert paths.redirect_file("old", Site(directory_urls=False)) == "stories/old.html"
