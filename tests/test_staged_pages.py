"""Generated pages wait for MkDocs on disk (``.cache/briefing/pages``), so that MkDocs does not hold them twice."""

from __future__ import annotations

import os
import time

from briefing import adapter
from briefing.model import Page

PAGES = (
    Page("stories/a.md", "---\ntitle: A\n---\n\n# A\n\nText of a, with “quotes” and 東京.\n"),
    Page("entities/b.md", "# B\n", entity="B"),
    Page("feed.xml", "<rss/>\n"),
)


def test_every_page_is_staged_with_its_exact_text(tmp_path):
    staged = list(adapter.staged(tmp_path, PAGES))
    assert [page for page, _ in staged] == list(PAGES)
    for page, path in staged:
        assert path is not None and path.parent == tmp_path / adapter.STAGED
        assert path.read_bytes() == page.markdown.encode("utf-8")
    assert not [p for p in (tmp_path / adapter.STAGED).iterdir() if p.name.endswith(".tmp")]


def test_an_unchanged_page_is_not_written_again(tmp_path):
    first = dict(adapter.staged(tmp_path, PAGES))
    inodes = {page.path: os.stat(path).st_ino for page, path in first.items()}
    again = dict(adapter.staged(tmp_path, PAGES))
    assert {page.path: os.stat(path).st_ino for page, path in again.items()} == inodes


def test_pages_no_build_used_for_an_hour_are_removed_and_the_others_kept(tmp_path):
    dict(adapter.staged(tmp_path, PAGES))
    folder = tmp_path / adapter.STAGED
    stale, recent = folder / "stale.md", folder / "recent.md"
    stale.write_text("old page")
    recent.write_text("a page another build is reading")
    an_hour_ago = time.time() - adapter.STAGED_KEPT_SECONDS - 60
    os.utime(stale, (an_hour_ago, an_hour_ago))
    for _, path in adapter.staged(tmp_path, PAGES):  # the used ones are touched, never removed
        os.utime(path, (an_hour_ago, an_hour_ago))
    list(adapter.staged(tmp_path, PAGES))
    assert not stale.exists() and recent.exists()
    assert len([p for p in folder.iterdir() if p.name != "recent.md"]) == len(PAGES)


def test_a_cache_that_cannot_be_written_leaves_the_pages_in_memory(tmp_path):
    (tmp_path / ".cache").write_text("a file where the cache folder should be")
    assert [path for _, path in adapter.staged(tmp_path, PAGES)] == [None, None, None]
    assert [path for _, path in adapter.staged(None, PAGES)] == [None, None, None]
