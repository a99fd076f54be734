"""The home page that briefs, and the picture of the actors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.model import Article, Mention, Site
from briefing.site import home, network, quotes, timeline
from briefing.site.stories import sort_stories
from tests.conftest import ROOT, SOURCES


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return sort_stories(list(pipeline.build(ROOT, SOURCES).articles))


def resolves(site: Path, page_dir: Path, href: str) -> bool:
    target = (page_dir / href.split("#")[0]).resolve()
    return (target / "index.html").is_file() if href.endswith("/") else target.is_file()


def test_the_home_page_shows_the_actor_picture_inline_with_no_external_load(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = (site / "index.html").read_text()
    figure = re.search(r'<figure class="briefing-network">.*?</figure>', page, re.S).group()
    svg = re.search(r"<svg .*?</svg>", figure, re.S).group()
    assert not re.search(r"(?:src|href|xlink:href)=\"(?:https?:)?//", svg)
    assert "<script" not in svg and "@import" not in svg
    hrefs = re.findall(r'<a xlink:href="([^"]+)"', svg)
    assert hrefs and all(h.startswith("entities/") for h in hrefs)
    assert all(resolves(site, site, h) for h in hrefs)
    assert re.search(r">Huawei</text>", svg)


def test_entity_pages_carry_their_neighbourhood_timeline_and_quotes(seed_site):
    project, _ = seed_site
    site = project / "site"
    page_dir = site / "entities" / "huawei"
    page = (page_dir / "index.html").read_text()
    svg = re.search(r'<svg class="briefing-network".*?</svg>', page, re.S).group()
    hrefs = re.findall(r'<a xlink:href="([^"]+)"', svg)
    assert "./" in hrefs  # the centre links to the page itself
    assert all(resolves(site, page_dir, h) for h in hrefs)
    assert 'id="timeline"' in page and "Huawei Cloud joined the list in August 2020" in page


def test_the_home_page_briefs(seed_site, seeds):
    project, _ = seed_site
    page = (project / "site" / "index.html").read_text()
    for heading in ("Key developments", "Who is involved", "Topics", "Latest stories", "Notable quotes"):
        assert f">{heading}<" in page
    publishers = {a.publisher for a in seeds if a.publisher}
    covers = f"{len(seeds)} stories from {len(publishers)} named publisher"
    assert covers in page
    assert f"({sum(1 for a in seeds if not a.date)} undated)" in page or all(a.date for a in seeds)
    assert 'href="feeds/rss.xml"' in page and 'href="feeds/feed.json"' in page
    assert (project / "site" / "feeds" / "rss.xml").is_file()
    quoted = home.notable_quotes(quotes.collected(seeds))
    assert all(s.quote.speakers for s in quoted)
    assert len({s.quote.speakers for s in quoted}) == len(quoted)


def test_key_developments_are_events_shared_across_stories(seeds):
    chosen = home.key_developments(timeline.placed(seeds))
    assert len(chosen) == home.KEY_DEVELOPMENTS
    assert [p.event.date for p in chosen] == sorted(p.event.date for p in chosen)
    assert any(p.event.text.startswith("On May 15, 2019") for p in chosen)
    per_story = {}
    for p in chosen:
        per_story[p.article.slug] = per_story.get(p.article.slug, 0) + 1
    assert max(per_story.values()) <= home.PER_STORY


def test_the_most_mentioned_actors_come_first(seeds):
    ranked = home.top_actors(seeds)
    assert ranked[0][0] == "Huawei" and ranked[0][1] == 5
    assert [r[1] for r in ranked] == sorted((r[1] for r in ranked), reverse=True)


def test_the_network_is_deterministic_and_escapes_labels():
    articles = [
        Article(source=f"sources/{i}.md", title="t", body=(), slug=f"s{i}", mentions=tuple(
            Mention(name, kind, name, 0) for name, kind in people
        ))
        for i, people in enumerate([
            [("A <b>&amp;</b> \"Co\"", "organisation"), ("Ada Lovelace", "person")],
            [("Ada Lovelace", "person"), ("Paris", "place")],
            [("Paris", "place"), ("A <b>&amp;</b> \"Co\"", "organisation"), ("Ada Lovelace", "person")],
        ])
    ]
    g = network.graph(articles)
    first = network.actors_figure(g, "index.md", Site())
    assert first == network.actors_figure(network.graph(list(articles)), "index.md", Site())
    assert "<b>" not in first and "A &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Co&quot;" in first
    assert g.pairs[("Ada Lovelace", "Paris")] == 2
    non_directory = network.actors_figure(g, "index.md", Site(directory_urls=False))
    assert 'href="entities/paris.html"' in non_directory


@pytest.mark.parametrize(
    "from_path, to_path, directory_urls, expected",
    [
        ("index.md", "entities/huawei.md", True, "entities/huawei/"),
        ("entities/huawei.md", "entities/huawei.md", True, "./"),
        ("entities/huawei.md", "entities/zte.md", True, "../zte/"),
        ("stories/a.md", "index.md", True, "../../"),
        ("feeds/entities/x.xml", "entities/x.md", True, "../../entities/x/"),
        ("feeds/rss.xml", "index.md", False, "../index.html"),
        ("entities/huawei.md", "entities/zte.md", False, "zte.html"),
    ],
)
def test_raw_html_and_feed_links_follow_use_directory_urls(from_path, to_path, directory_urls, expected):
    from briefing.site.paths import served

    assert served(from_path, to_path, Site(directory_urls=directory_urls)) == expected


@pytest.mark.slow
def test_runs_with_different_hash_seeds_render_byte_identical_pages():
    # String hashing differs between the two processes, so any set iterated into output would show.
    script = (
        "import hashlib, json; from pathlib import Path; from briefing import pipeline; "
        f"b = pipeline.build(Path({str(ROOT)!r}), Path({str(SOURCES)!r})); "
        "print(json.dumps({p.path: hashlib.sha256(p.markdown.encode()).hexdigest() for p in b.pages}))"
    )
    runs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
    assert {"index.md", "timeline.md", "quotes.md", "feeds/rss.xml", "feeds/feed.json"} <= set(runs[0])


def _chromium():
    """Playwright's Chromium, or the system's; None when neither can run here."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    import shutil

    return sync_playwright, shutil.which("chromium") or shutil.which("chromium-browser")


def test_pages_print_black_on_white_without_reports_and_load_nothing_external(seed_site):
    found = _chromium()
    if found is None:
        pytest.skip("playwright is not installed")
    sync_playwright, executable = found
    project, _ = seed_site
    story = next(p for p in sorted((project / "site" / "stories").glob("*/index.html")) if "<details" in p.read_text())
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(**({"executable_path": executable} if executable else {}))
        except Exception as error:  # no browser on this machine
            pytest.skip(f"no Chromium to run: {error}")
        page = browser.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((project / "site" / "index.html").as_uri())
        assert page.locator("svg.briefing-network a").count() >= 4
        page.goto(story.as_uri())
        assert page.locator(".md-typeset details").count() == 1  # the cleaning report
        page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")  # dark mode on screen
        page.emulate_media(media="print")
        printed = page.evaluate(
            "() => [getComputedStyle(document.querySelector('.md-typeset')).color,"
            " getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('.md-typeset details')).display,"
            " getComputedStyle(document.querySelector('.md-header')).display]"
        )
        browser.close()
    assert printed == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "none", "none"]
    assert [u for u in requests if not u.startswith("file://")] == []
