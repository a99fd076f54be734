"""The foundation, end to end: sources/ -> a strict MkDocs build."""

from __future__ import annotations

import shutil

import pytest

from briefing import pipeline
from tests.conftest import ROOT, SEEDS, SOURCES, copy_project, manifest, mkdocs_build


def test_seeds_are_the_shared_seed_articles_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    assert len(SEEDS) == 5
    if shared.is_dir():  # a user's clone has no ../shared
        for name in SEEDS:
            assert (SOURCES / name).read_bytes() == (shared / name).read_bytes()


def test_site_builds_from_the_seeds_under_strict(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "stories" / "index.html").is_file()


def test_every_seed_has_its_page(seed_site):
    project, _ = seed_site
    built = pipeline.build(project, project / "sources")
    by_source = {a.source: a for a in built.articles}
    index = (project / "site" / "stories" / "index.html").read_text()
    for name in SEEDS:
        article = by_source[f"sources/{name}"]
        page = project / "site" / "stories" / article.slug / "index.html"
        assert page.is_file(), name
        assert f'href="{article.slug}/"' in index


def test_stories_are_not_listed_in_the_sidebar(seed_site):
    project, _ = seed_site
    about = (project / "site" / "about" / "index.html").read_text()  # links to stories only via nav
    assert 'href="../stories/"' in about
    built = pipeline.build(project, project / "sources")
    for article in built.articles:
        assert f"stories/{article.slug}/" not in about


@pytest.mark.slow
def test_build_leaves_sources_byte_identical(tmp_path):
    project = copy_project(tmp_path)
    before = manifest(project / "sources")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert manifest(project / "sources") == before
    assert not (project / "docs" / "stories").exists()


@pytest.mark.slow
def test_a_new_markdown_source_gets_its_page_at_its_file_name_and_its_old_address_redirects(tmp_path):
    project = copy_project(tmp_path)
    (project / "sources" / "note.md").write_text(
        "---\ntitle: Ministers meet on undersea cables\ndate: 2024-03-01\nauthors: [Ada Lovelace]\n"
        "redirect_from: [ministers-meet-on-undersea-cables]\n---\n\n"
        "Ministers met on Friday to discuss the protection of undersea cables.\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    page = project / "site" / "stories" / "note" / "index.html"
    html = page.read_text()
    assert "Ministers met on Friday" in html
    assert "By Ada Lovelace" in html
    index = (project / "site" / "stories" / "index.html").read_text()
    assert index.index("note/") < index.index("002-ac4b85bb27cce6b9/")  # newest first; addresses from file names
    moved = (project / "site" / "stories" / "ministers-meet-on-undersea-cables" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../note/">' in moved


@pytest.mark.slow
def test_make_test_prints_no_skips_about_a_benchmark_the_clone_has_not_got(tmp_path):
    """A fresh clone has no ../shared: its benchmark checks are left out with one line, not skipped with a path."""
    import subprocess
    import sys

    clone = tmp_path / "lonely" / "clone"  # nothing called shared beside it, or beside its parent
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(".venv", ".git", "site", ".cache", "__pycache__", "*.egg-info", ".pytest_cache"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests/cleaning/test_text.py", "tests/cleaning/test_metadata.py"],
        cwd=clone, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "SKIPPED" not in result.stdout and "needs ../shared" not in result.stdout
    assert "benchmark checks left out: they score the cleaner on the shared benchmark pages" in result.stdout


@pytest.mark.slow
def test_properdocs_builds_the_pages_mkdocs_builds(tmp_path):
    from tests import engines

    project = copy_project(tmp_path / "project")
    for engine in engines.ENGINES:
        result = engines.build(project, engine, tmp_path / engine)
        assert result.returncode == 0, result.stderr
    assert engines.differences(tmp_path / "mkdocs", tmp_path / "properdocs") == []
    html = (tmp_path / "properdocs" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"' in html  # it was ProperDocs that built it
