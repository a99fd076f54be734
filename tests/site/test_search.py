"""Search is Pagefind in Material's search box: story pages marked up, an index with filters."""

from __future__ import annotations

import gzip
import io
import re

import pytest

from briefing import pipeline
from briefing.markup import attribute
from briefing.model import Article, Block, Mention, TopicScore
from briefing.progress import Progress, Timings
from briefing.site import search
from tests.conftest import SEEDS, pagefind_fragments

needs_pagefind = pytest.mark.skipif(
    not search.available(), reason="the pagefind binary is missing: pip install 'pagefind[bin]' (see requirements.txt)"
)

STORY = Article(
    source="sources/x.txt",
    title="Ministers <b>meet</b> & talk",
    body=(Block("paragraph", "Body."),),
    publisher="The <i>Times</i>",
    date="2021-05-04",
    mentions=(Mention("Zed, Inc.", "organisation", "Zed", 0), Mention("Angela Merkel", "person", "Merkel", 0)),
    topics=(TopicScore("Trade", 3.0), TopicScore("Cloud services", 2.0)),
)


def test_filters_are_topic_entity_publisher_and_year_sorted():
    assert search.filters(STORY) == {
        "topic": ["Cloud services", "Trade"],
        "entity": ["Angela Merkel", "Zed, Inc."],
        "publisher": ["The <i>Times</i>"],
        "year": ["2021"],
    }


def test_undated_story_without_publisher_has_no_year_or_publisher_filter():
    bare = Article(source="sources/y.txt", title="T", body=(), date="")
    assert search.filters(bare) == {"topic": [], "entity": [], "publisher": [], "year": []}


def test_story_markup_indexes_the_article_but_not_the_sections_after_it():
    html = (
        '<h1 id="t">Title</h1>\n<p>Body.</p>\n'
        f"{search.END_MARK}\n"
        '<h2 id="in-this-story">In this story</h2>\n<ul><li>Huawei</li></ul>\n'
        '<h2 id="related-stories">Related stories</h2>\n<ul><li>Other</li></ul>\n'
    )
    marked = search.story_markup(html, STORY)
    body = marked[marked.index("<div data-pagefind-body>") : marked.index("</div>")]
    assert "<p>Body.</p>" in body
    assert "In this story" not in body and "Related stories" not in body
    assert marked.index("</div>") < marked.index('<h2 id="related-stories">')


def test_an_article_heading_called_in_this_story_does_not_end_what_is_indexed():
    # The toc extension gives the article's own heading the id the site's section would have had.
    html = (
        '<h1 id="t">Title</h1>\n<p>Body.</p>\n<h2 id="in-this-story">In this story</h2>\n<p>Cormorants nest here.</p>\n'
        f"{search.END_MARK}\n"
        '<h2 id="in-this-story_1">In this story</h2>\n<ul><li>Huawei</li></ul>\n'
    )
    marked = search.story_markup(html, STORY)
    body = marked[marked.index("<div data-pagefind-body>") : marked.index("</div>")]
    assert "<p>Cormorants nest here.</p>" in body and "Huawei" not in body


def test_the_end_mark_cannot_be_a_heading_id():
    # Heading ids are letters, digits, hyphens and underscores; the mark's id has a dot.
    import markdown

    page = markdown.markdown(f"## {search.END_ID}\n\n## end indexed\n", extensions=["toc"])
    assert f'id="{search.END_ID}"' not in page
    assert search.END_MARK not in page


def test_every_indexed_page_says_whether_it_is_a_story_or_an_entity():
    assert '<span data-pagefind-filter="kind">story</span>' in search.story_markup("<p>Body.</p>", STORY)
    assert '<span data-pagefind-filter="kind">entity</span>' in search.entity_markup("<p>Zed.</p>", "Zed, Inc.")


def test_story_markup_escapes_values_from_the_source():
    marked = search.story_markup("<p>Body.</p>", STORY)
    assert '<span data-pagefind-filter="publisher">The &lt;i&gt;Times&lt;/i&gt;</span>' in marked
    assert '<span data-pagefind-meta="title">Ministers &lt;b&gt;meet&lt;/b&gt; &amp; talk</span>' in marked
    assert '<span data-pagefind-filter="entity">Zed, Inc.</span>' in marked
    assert '<span data-pagefind-meta="date">4 May 2021</span>' in marked
    assert "<b>" not in marked and "<i>" not in marked


def test_only_material_search_plugin_is_gone_and_the_box_remains(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "search" / "search_index.json").exists()
    home = (site / "index.html").read_text()
    assert 'class="md-search__input"' in home
    assert "assets/javascripts/briefing-search.js" in home
    assert (site / "assets" / "javascripts" / "briefing-search.js").is_file()
    assert "data-pagefind-body" not in home  # only stories are indexed


def test_story_pages_carry_the_index_region_and_filters(seed_site):
    project, _ = seed_site
    built = pipeline.build(project, project / "sources", cache_dir=None)
    tagged = [a for a in built.articles if a.mentions]
    assert tagged
    for article in tagged:
        html = (project / "site" / "stories" / article.slug / "index.html").read_text()
        assert html.count("<div data-pagefind-body>") == 1
        for mention in article.mentions:
            assert f'<span data-pagefind-filter="entity">{attribute(mention.entity)}</span>' in html


def _decoded(path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data


@needs_pagefind
def test_pagefind_indexes_every_story_with_entity_and_topic_filters(seed_site):
    project, _ = seed_site
    bundle = project / "site" / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = (bundle / "pagefind-entry.json").read_text()
    entity_pages = [p for p in (project / "site" / "entities").glob("*/index.html") if "data-pagefind-body" in p.read_text()]
    assert f'"page_count":{len(SEEDS) + len(entity_pages)}' in entry
    filters = b"".join(_decoded(p) for p in sorted((bundle / "filter").glob("*.pf_filter")))
    assert b"entity" in filters and b"Huawei" in filters
    assert b"topic" in filters and b"5G networks" in filters
    # Pagefind's own ready-made interfaces are not shipped: our script drives the Material box.
    assert not list(bundle.glob("pagefind-ui.*"))


@needs_pagefind
def test_a_failing_pagefind_run_is_reported_with_what_to_do(tmp_path):
    (tmp_path / "stories").mkdir()
    with pytest.raises(search.SearchIndexError, match=r"^pagefind failed: .*; the site is built but search will not answer$"):
        search._run_pagefind(tmp_path, "pagefind", search.STORY_GLOB)


class Terminal(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_shows_stage_count_and_elapsed_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    terminal = Terminal(tty=True)
    progress = Progress(terminal)
    progress.stage("read, clean, extract, tag", 2)
    progress.advance()
    progress.advance()
    progress.done("2 stories")
    shown = terminal.getvalue()
    assert "briefing: read, clean, extract, tag 0/2 (" in shown
    assert "briefing: read, clean, extract, tag 2/2 (" in shown
    assert shown.rstrip().endswith("s)") and "briefing: 2 stories (" in shown


@pytest.mark.parametrize("tty, ci", [(False, None), (True, "true"), (True, "1")])
def test_progress_is_quiet_off_a_terminal_and_in_ci(monkeypatch, tty, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    stream = Terminal(tty)
    progress = Progress(stream)
    progress.stage("relate")
    progress.advance()
    progress.done("done")
    assert stream.getvalue() == ""


def test_build_reports_seconds_for_every_stage(tmp_path):
    from tests.conftest import copy_project

    project = copy_project(tmp_path)
    built = pipeline.build(project, project / "sources", cache_dir=None)
    # "sources wall": the wall seconds of the per-source stages, whose own figures are summed over sources (and workers).
    assert set(built.timings) == {"read", "clean", "extract", "tag", "events and quotes", "sources wall", "clusters", "relate", "render"}
    assert all(seconds >= 0 for seconds in built.timings.values())


def test_timings_sum_over_calls():
    timings = Timings()
    for _ in range(3):
        with timings.stage("tag"):
            pass
    assert list(timings.rounded()) == ["tag"]


def test_shard_globs_split_by_slug_prefix_within_the_limit():
    names = ["alpha", "alps", "beta", "berlin-talks", "berlin", "zeta", "z"]
    assert search.shard_globs(names, 3) == [
        "stories/{a*}/index.html",
        "stories/{b*}/index.html",
        "stories/{z*}/index.html",
    ]


def test_without_directory_urls_the_shards_glob_html_files():
    names = ["alpha", "alps", "beta", "berlin-talks", "berlin", "zeta", "z"]
    assert search.shard_globs(names, 3, directory_urls=False) == [
        "stories/{a*}.html",
        "stories/{b*}.html",
        "stories/{z*}.html",
    ]


def test_a_crowded_prefix_is_split_by_its_next_character():
    names = [f"the-{i:02d}" for i in range(12)] + ["the"]
    assert search.shard_globs(names, 5) == [
        "stories/{the,the-00*,the-01*,the-02*,the-03*}/index.html",
        "stories/{the-04*,the-05*,the-06*,the-07*,the-08*}/index.html",
        "stories/{the-09*,the-1*}/index.html",
    ]


@needs_pagefind
def test_a_sharded_index_covers_every_story_once(seed_site, tmp_path):
    import json
    import shutil

    project, _ = seed_site
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)
    index = search.build_index(site, shard_pages=2)
    assert index.shards == 3
    shards = json.loads((site / "pagefind" / "shards.json").read_text())
    assert shards == ["pagefind/shards/2/", "pagefind/shards/3/"]
    counts = [
        json.loads((site / folder / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
        for folder in ["pagefind/", *shards]
    ]
    # The main bundle also holds the entity pages.
    entity_pages = [p for p in (site / "entities").glob("*/index.html") if "data-pagefind-body" in p.read_text()]
    assert len(entity_pages) > 50
    stories = [counts[0] - len(entity_pages), *counts[1:]]
    assert sum(stories) == len(SEEDS) and max(stories) <= 2


@needs_pagefind
def test_a_small_site_has_one_bundle_and_an_empty_shard_list(seed_site):
    project, _ = seed_site
    assert (project / "site" / "pagefind" / "shards.json").read_text().strip() == "[]"


@pytest.mark.slow
def test_a_site_without_stories_builds_under_strict_with_no_index(tmp_path):
    from tests.conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path, with_sources=False)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "pagefind").exists()


@needs_pagefind
def test_unchanged_shards_are_copied_from_the_cache_and_a_changed_one_is_rebuilt(seed_site, tmp_path):
    import shutil

    from tests.conftest import manifest

    project, _ = seed_site
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)
    names = sorted(p.parent.name for p in site.glob(search.STORY_GLOB))
    digests = {name: f"digest of {name}" for name in names}
    digests |= {search.ENTITY_KEY + p.parent.name: "an entity page" for p in site.glob(search.ENTITY_GLOB)}
    cache_dir = tmp_path / "cache"
    first = search.build_index(site, 2, digests, cache_dir)
    built = manifest(site / "pagefind")
    assert (first.shards, first.reused) == (3, 0)
    assert len(list(cache_dir.iterdir())) == 3
    again = search.build_index(site, 2, digests, cache_dir)
    assert again.reused == 3
    assert manifest(site / "pagefind") == built
    digests[names[-1]] = "the last story changed"
    changed = search.build_index(site, 2, digests, cache_dir)
    assert changed.reused == 2
    assert len(list(cache_dir.iterdir())) == 3  # the superseded shard is pruned


def test_indexed_digest_ignores_what_follows_the_article():
    head = f'<h1 id="t">Title</h1>\n<p>Body.</p>\n{search.END_MARK}'
    one = search.indexed_digest(head + '<h2 id="related-stories">Related stories</h2><ul><li>A</li></ul>', STORY)
    two = search.indexed_digest(head + '<h2 id="related-stories">Related stories</h2><ul><li>B</li></ul>', STORY)
    three = search.indexed_digest(head.replace("Body.", "Body changed."), STORY)
    assert one == two != three


@pytest.mark.slow
@needs_pagefind
def test_a_rebuild_reuses_the_search_index_of_unchanged_stories(tmp_path):
    from tests.conftest import copy_project, manifest, mkdocs_build

    project = copy_project(tmp_path)
    assert mkdocs_build(project, "--strict").returncode == 0
    saved = project / ".cache" / "briefing" / "search"
    assert len(list(saved.iterdir())) == 1
    first = manifest(project / "site" / "pagefind")
    assert mkdocs_build(project, "--strict").returncode == 0
    assert manifest(project / "site" / "pagefind") == first
    source = project / "sources" / SEEDS[0]
    text = source.read_text(encoding="utf-8")
    assert "Two lawmakers are warning" in text
    source.write_text(text.replace("Two lawmakers are warning", "Three lawmakers are warning"), encoding="utf-8")
    assert mkdocs_build(project, "--strict").returncode == 0
    assert manifest(project / "site" / "pagefind") != first
    assert len(list(saved.iterdir())) == 1


# --- a search cache that survives full disks and kills; a build that says when search is missing ---------------


def tiny_site(folder):
    for slug, words in (("alpha", "harbour cables"), ("beta", "council budget")):
        page = folder / "stories" / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><body><div data-pagefind-body><h1>{slug}</h1><p>{words}</p></div></body></html>", encoding="utf-8")
    return folder, {"alpha": "a", "beta": "b"}


@needs_pagefind
def test_a_damaged_cache_entry_is_rebuilt_never_shipped(tmp_path):
    from tests.conftest import manifest

    site, digests = tiny_site(tmp_path / "site")
    cache = tmp_path / "cache"
    search.build_index(site, digests=digests, cache_dir=cache)
    good = manifest(site / "pagefind")
    (entry,) = cache.iterdir()
    for path in entry.rglob("*"):
        if path.is_file() and path.name != search.MANIFEST:
            path.write_bytes(b"")  # what a build that failed on a full disk left behind
    again = search.build_index(site, digests=digests, cache_dir=cache)
    assert again.reused == 0
    assert manifest(site / "pagefind") == good
    assert search.build_index(site, digests=digests, cache_dir=cache).reused == 1  # saved whole again


@needs_pagefind
def test_an_incomplete_fresh_index_is_reported_and_not_cached(tmp_path, monkeypatch):
    site, digests = tiny_site(tmp_path / "site")
    real = search._run_pagefind

    def cut_short(site_dir, subdir, glob):
        real(site_dir, subdir, glob)
        next((site_dir / subdir).rglob("*.pf_fragment")).write_bytes(b"")

    monkeypatch.setattr(search, "_run_pagefind", cut_short)
    with pytest.raises(search.SearchIndexError, match=r"^pagefind wrote an incomplete index \(.*\.pf_fragment is empty or unreadable: is the disk full\?\); the site is built but search will not answer$"):
        search.build_index(site, digests=digests, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


@needs_pagefind
def test_a_full_disk_while_writing_the_index_is_a_warning_not_a_traceback(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    site, digests = tiny_site(tmp_path / "site")
    real = Path.write_text

    def full(self, *args, **kwargs):
        if self.name == "shards.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(search.SearchIndexError) as caught:
        search.build_index(site, digests=digests)
    assert str(caught.value) == (
        "the search index could not be written (No space left on device); the site is built but search will not answer: "
        "free some disk space and build again"
    )


def test_a_build_whose_stories_were_not_indexed_says_so(tmp_path):
    from briefing.adapter import Session

    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "alpha.html").write_text("<html><body>flat page</body></html>")  # use_directory_urls: false
    session = Session()
    session.stories = {"stories/alpha.md": STORY}
    problem = session.post_build({"site_dir": str(tmp_path)})
    assert problem.startswith("no search index was built for the 1 stories (with use_directory_urls: false")
    assert problem.endswith("search will not answer: set use_directory_urls: true in mkdocs.yml")


def _cbor(data: bytes, at: int = 0):
    """The CBOR item at ``data[at]`` and where the next starts: the subset Pagefind writes (ints, texts, arrays, maps)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major == 0:
        return value, at
    if major in (2, 3):
        chunk = data[at : at + value]
        return (chunk.decode() if major == 3 else chunk), at + value
    items = []
    for _ in range(value * (2 if major == 5 else 1)):
        item, at = _cbor(data, at)
        items.append(item)
    if major == 5:
        return {repr(k): v for k, v in zip(items[::2], items[1::2])}, at
    return items, at


def _filters(bundle) -> list:
    """Every filter of a bundle, as sorted ``(filter, value, pages)``: what the filter chunks mean, whatever their order."""
    import gzip

    found = []
    for path in (bundle / "filter").glob("*.pf_filter"):
        decoded, _ = _cbor(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        name, values = decoded
        found += [(name, value, tuple(pages)) for value, pages in values]
    return sorted(found)


@needs_pagefind
def test_what_pagefind_writes_is_the_same_every_build_but_the_order_of_filter_values(seed_site, tmp_path):
    """Pagefind 1.5 is not byte-reproducible: it writes each filter's values in hash-map order, which changes
    from run to run, so the filter chunks, their hashed names, the pf_meta file and pagefind-entry.json differ.
    Everything else (the word index, the fragments, the scripts) is identical, and the filters mean the same."""
    import shutil

    from tests.conftest import manifest

    project, _ = seed_site
    bundles = []
    for name in ("one", "two"):
        site = tmp_path / name
        shutil.copytree(project / "site", site)
        search.build_index(site)
        bundles.append(site / "pagefind")
    one, two = (manifest(bundle) for bundle in bundles)
    varying = re.compile(r"^(filter/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$")
    assert {p: h for p, h in one.items() if not varying.match(p)} == {p: h for p, h in two.items() if not varying.match(p)}
    assert sum(1 for p in one if p.startswith(("index/", "fragment/"))) > 100
    assert _filters(bundles[0]) == _filters(bundles[1])
    assert len([p for p in one if p.startswith("filter/")]) == len([p for p in two if p.startswith("filter/")])


def _indexed(site) -> dict[str, dict]:
    """The index's page records by URL."""
    return {record["url"]: record for record in pagefind_fragments(site)}


@needs_pagefind
def test_the_index_holds_every_story_and_entity_page_each_with_its_kind(seed_site):
    project, _ = seed_site
    records = _indexed(project / "site")
    kinds = {url: record["filters"]["kind"] for url, record in records.items()}
    assert sorted(url for url, kind in kinds.items() if kind == ["story"]) == sorted(
        f"/stories/{p.parent.name}/" for p in (project / "site" / "stories").glob("*/index.html")
    )
    assert all(kind == ["entity"] for url, kind in kinds.items() if url.startswith("/entities/"))
    assert len(kinds) == len(SEEDS) + sum(1 for url in kinds if url.startswith("/entities/"))


@needs_pagefind
def test_notices_labels_and_counts_of_entity_pages_are_not_indexed(seed_site):
    project, _ = seed_site
    records = _indexed(project / "site")
    discovered = [url for url in records if "has not been reviewed yet" in (project / "site" / url.strip("/") / "index.html").read_text()]
    assert discovered  # the seeds have entities the knowledge base does not
    entities = {url: record["content"] for url, record in records.items() if url.startswith("/entities/")}
    for url, content in entities.items():
        for words in ("reviewed", "knowledge base", "briefing entities", "taxonomy", "Also written", "Roles:", "mention", "Organisation ·"):
            assert words not in content, (url, words)
    # What the entity is still is: its name, description and other spellings.
    assert "Chinese maker of telecommunications equipment" in entities["/entities/huawei/"]
    assert "Huawei Technologies" in entities["/entities/huawei/"]


@needs_pagefind
def test_an_article_with_its_own_in_this_story_heading_is_indexed_to_its_end(reader_site):
    project, result = reader_site
    assert result.returncode == 0, result.stderr
    story = _indexed(project / "site")["/stories/in-this-story/"]
    assert "cormorants" in story["content"] and "high tide" in story["content"]


@pytest.mark.slow
@needs_pagefind
def test_without_directory_urls_the_index_is_built_and_answers_with_html_pages(tmp_path):
    from tests.conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("use_directory_urls: true", "use_directory_urls: false"))
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    records = _indexed(project / "site")
    stories = sorted(url for url, record in records.items() if record["filters"]["kind"] == ["story"])
    assert len(stories) == len(SEEDS) and all(url.startswith("/stories/") and url.endswith(".html") for url in stories)
    assert all((project / "site" / url.lstrip("/")).is_file() for url in records)
    assert "/entities/huawei.html" in records
    assert "/stories/index.html" not in records and "/entities/people.html" not in records
