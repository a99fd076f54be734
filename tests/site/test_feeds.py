"""Feeds: RSS 2.0 and JSON Feed 1.1 of the stories, for everything, each topic and each entity."""

from __future__ import annotations

import html
import json
import posixpath
import xml.etree.ElementTree as ET

from briefing import pipeline
from briefing.model import Site
from briefing.site import paths
from briefing.slugs import slugify
from tests.conftest import copy_project

DATED = (
    "---\ntitle: Ministers meet on undersea cables & <pipes>\ndate: 2024-03-01\nauthors: [Ada Lovelace]\n"
    "url: https://example.com/story\n---\n\nMinisters met on Friday to discuss Huawei and undersea cables.\x07\n"
)


def built(tmp_path, site=Site()):
    project = copy_project(tmp_path)
    (project / "sources" / "note.md").write_text(DATED, encoding="utf-8")
    result = pipeline.build(project, project / "sources", site=site)
    return {page.path: page.markdown for page in result.pages}, result.articles


def test_rss_lists_every_story_newest_first_with_rfc822_dates(tmp_path):
    pages, articles = built(tmp_path)
    channel = ET.fromstring(pages["feeds/rss.xml"]).find("channel")
    items = channel.findall("item")
    assert len(items) == len(articles) == 6
    first = items[0]
    assert first.findtext("title") == "Ministers meet on undersea cables &amp; &lt;pipes&gt;"  # readers render it as HTML
    assert first.findtext("pubDate") == "Fri, 01 Mar 2024 00:00:00 +0000"
    assert first.findtext("guid") == "https://example.com/story"
    assert channel.findtext("lastBuildDate") == "Fri, 01 Mar 2024 00:00:00 +0000"
    assert "\x07" not in pages["feeds/rss.xml"]
    # Without site_url, links are relative to the feed and reach the story pages.
    assert first.findtext("link") == "../stories/note/"  # the address comes from the file name, note.md
    assert channel.findtext("link") == "../"


def test_json_feed_is_version_1_1_with_the_same_items(tmp_path):
    pages, articles = built(tmp_path)
    feed = json.loads(pages["feeds/feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == len(articles)
    first = feed["items"][0]
    assert first["date_published"] == "2024-03-01T00:00:00Z"
    assert first["authors"] == [{"name": "Ada Lovelace"}]
    assert first["title"] == "Ministers meet on undersea cables & <pipes>"
    assert all(item["id"] and item["content_text"] for item in feed["items"])


def test_with_site_url_links_are_absolute(tmp_path):
    pages, _ = built(tmp_path, Site(url="https://example.org/briefing/"))
    channel = ET.fromstring(pages["feeds/rss.xml"]).find("channel")
    assert channel.findtext("link") == "https://example.org/briefing/"
    links = [item.findtext("link") for item in channel.findall("item")]
    assert all(link.startswith("https://example.org/briefing/stories/") for link in links)
    assert json.loads(pages["feeds/feed.json"])["feed_url"] == "https://example.org/briefing/feeds/feed.json"


def test_each_topic_and_entity_has_its_feeds(tmp_path):
    pages, articles = built(tmp_path)
    for article in articles:
        for name in {m.entity for m in article.mentions}:
            rss, json_path = paths.feed_paths("entity", name)
            titles = [html.unescape(i.findtext("title")) for i in ET.fromstring(pages[rss]).iter("item")]
            assert article.title in titles
            assert json.loads(pages[json_path])["items"]
        for topic in article.topics:
            assert paths.feed_paths("topic", topic.topic)[0] in pages
    huawei = ET.fromstring(pages[f"feeds/entities/{slugify('Huawei')}.xml"]).find("channel")
    assert huawei.findtext("link") == "../../entities/huawei/"


def test_feeds_are_static_files_of_the_built_site_and_their_links_resolve(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    site = project / "site"
    channel = ET.parse(site / "feeds" / "rss.xml").getroot().find("channel")
    for item in channel.findall("item"):
        target = site / posixpath.normpath(posixpath.join("feeds", item.findtext("link")))
        assert (target / "index.html").is_file()
    entity = (site / "entities" / "huawei" / "index.html").read_text()
    assert 'href="../../feeds/entities/huawei.xml"' in entity
    assert (site / "feeds" / "entities" / "huawei.json").is_file()


def test_feeds_are_byte_identical_between_builds(tmp_path):
    first, _ = built(tmp_path / "a")
    second, _ = built(tmp_path / "b")
    assert {p: t for p, t in first.items() if p.startswith("feeds/")} == {
        p: t for p, t in second.items() if p.startswith("feeds/")
    }


def test_rss_text_fields_carry_no_markup_once_xml_decoded(tmp_path):
    """Feed readers render an item's title, creator and category as HTML, like its description:
    after XML decoding, each must still be escaped."""
    project = copy_project(tmp_path)
    (project / "sources" / "payload.md").write_text(
        "---\ntitle: '<img src=x onerror=alert(1)> cables'\nauthors: ['<b>Ada</b> Lovelace']\ndate: 2024-03-02\n"
        "tags: ['<script>alert(2)</script>']\n---\n\nMinisters met to discuss <b>cables</b> and Huawei.\n",
        encoding="utf-8",
    )
    pages = {page.path: page.markdown for page in pipeline.build(project, project / "sources", cache_dir=None).pages}
    item = ET.fromstring(pages["feeds/rss.xml"]).find("channel").find("item")
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    fields = {"title": item.findtext("title"), "creator": item.findtext(dc), "category": [c.text for c in item.findall("category")], "description": item.findtext("description")}
    assert fields["title"] == "&lt;img src=x onerror=alert(1)&gt; cables"
    assert fields["creator"] == "&lt;b&gt;Ada&lt;/b&gt; Lovelace"
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in fields["category"]
    assert "&lt;b&gt;cables&lt;/b&gt;" in fields["description"]
    assert "<" not in "".join([fields["title"], fields["creator"], *fields["category"], fields["description"]])
