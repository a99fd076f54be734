"""Feeds of the stories: RSS 2.0 and JSON Feed 1.1, for the whole briefing, each topic and each entity.

Written with ``xml.etree`` and ``json`` (mkdocs-rss-plugin reads pages' git
history and metadata, which generated pages do not have). Output is
deterministic: items in the stories' order (newest first), the build date
is the newest story's date, never the clock. Text goes through
:func:`briefing.markup.plain` so that no control character makes the XML invalid;
ElementTree and json escape the rest.

Links are absolute under ``site_url`` when it is set. Without it they are
relative to the feed's own URL, which feed readers resolve against the
address they fetched the feed from.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass

from briefing.markup import plain
from briefing.model import Article, Page, Site
from briefing.site import paths
from briefing.site.paths import entity_path, feed_paths, story_path

MAIN_ITEMS = 50
ITEMS = 20
SUMMARY_LENGTH = 300
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """What every feed says of one story, made once per story however many feeds list it."""

    article: Article
    title: str
    summary: str
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    id: str


def entry(article: Article, site: Site) -> FeedItem:
    return FeedItem(
        article,
        _plain(article.title),
        summary(article),
        tuple(_plain(a) for a in article.authors),
        tuple(_plain(t.topic) for t in article.topics),
        _id(article, site),
    )


def feeds(ordered: list[Article], site: Site, title: str = "Briefing", within: paths.Addresses | None = None, memo=None) -> list[Page]:
    """Every feed as a static file, sorted by path; ``ordered`` is newest first; ``within``: the pages' unique slugs.

    With a ``memo`` (:class:`briefing.site.memo.Memo`), a feed whose stories did not change is taken from it.
    """
    entries: dict[str, FeedItem] = {}

    def made(articles: list[Article]) -> list[FeedItem]:  # each story's item made once, and only for a feed made anew
        return [entries.get(a.slug) or entries.setdefault(a.slug, entry(a, site)) for a in articles]

    pages = _pair(ordered[:MAIN_ITEMS], "all", "", title, "Stories of the briefing, newest first.", paths.HOME, site, within, made, memo)
    topics: dict[str, list[Article]] = defaultdict(list)
    entities: dict[str, list[Article]] = defaultdict(list)
    for article in ordered:
        for topic in sorted({t.topic for t in article.topics}):
            topics[topic].append(article)
        for name in sorted({m.entity for m in article.mentions}):
            entities[name].append(article)
    for topic, items in sorted(topics.items()):
        home = paths.topic_path(topic, within)
        pages += _pair(items[:ITEMS], "topic", topic, f"{title}: {topic}", f"Stories on {topic}.", home, site, within, made, memo)
    for name, items in sorted(entities.items()):
        home = entity_path(name, within)
        pages += _pair(items[:ITEMS], "entity", name, f"{title}: {name}", f"Stories that mention {name}.", home, site, within, made, memo)
    return sorted(pages, key=lambda page: page.path)


def _pair(articles, kind, name, title, description, home, site, within, made, memo=None) -> list[Page]:
    rss_path, json_path = feed_paths(kind, name, within)
    if memo is None:
        items = made(articles)
        return [
            Page(rss_path, rss(items, title, description, rss_path, home, site)),
            Page(json_path, json_feed(items, title, description, json_path, home, site)),
        ]
    parts = (kind, name, title, description, home, rss_path, json_path, site, tuple(memo.version(a) for a in articles))
    return [
        Page(rss_path, memo.text(("rss", *parts), lambda: rss(made(articles), title, description, rss_path, home, site))),
        Page(json_path, memo.text(("json feed", *parts), lambda: json_feed(made(articles), title, description, json_path, home, site))),
    ]


def _url(feed_path: str, to_path: str, site: Site) -> str:
    return paths.absolute(to_path, site) or paths.served(feed_path, to_path, site)


def rss(items: list[FeedItem], title: str, description: str, path: str, home: str, site: Site) -> str:
    """An RSS 2.0 document of ``items``."""
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", _html_text(_plain(title)))
    _text(channel, "link", _url(path, home, site))
    _text(channel, "description", _html_text(_plain(description)))
    _text(channel, "generator", "briefing")
    if newest := max((e.article.date for e in items if e.article.date), default=""):
        _text(channel, "lastBuildDate", rfc822(newest))
    for story in items:
        item = ET.SubElement(channel, "item")
        _text(item, "title", _html_text(story.title))
        _text(item, "link", _url(path, story_path(story.article), site))
        _text(item, "description", _html_text(story.summary))
        for author in story.authors:
            _text(item, "dc:creator", _html_text(author))
        for topic in story.topics:
            _text(item, "category", _html_text(topic))
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = story.id
        if story.article.date:
            _text(item, "pubDate", rfc822(story.article.date))
    if any(e.authors for e in items):
        root.set("xmlns:dc", "http://purl.org/dc/elements/1.1/")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(items: list[FeedItem], title: str, description: str, path: str, home: str, site: Site) -> str:
    """A JSON Feed 1.1 document of ``items``."""
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": _plain(title),
        "home_page_url": _url(path, home, site),
        "feed_url": _url(path, path, site),
        "description": _plain(description),
        "items": [],
    }
    for story in items:
        article = story.article
        item: dict[str, object] = {
            "id": story.id,
            "url": _url(path, story_path(article), site),
            "title": story.title,
            "content_text": story.summary,
        }
        if article.url:
            item["external_url"] = _plain(article.url)
        if article.date:
            item["date_published"] = f"{article.date}T00:00:00Z"
        if story.authors:
            item["authors"] = [{"name": a} for a in story.authors]
        if story.topics:
            item["tags"] = list(story.topics)
        feed["items"].append(item)
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _id(article: Article, site: Site) -> str:
    """A story's identity in every feed: its original URL, else its URL on this site (from the site root)."""
    path = story_path(article)
    return _plain(article.url) or paths.absolute(path, site) or paths.url_of(path, site)


def summary(article: Article) -> str:
    """The subtitle or the first paragraph, cut at a word near :data:`SUMMARY_LENGTH`."""
    text = article.subtitle or next((b.text for b in article.body if b.kind == "paragraph"), "")
    text = " ".join(plain(text).split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"


def rfc822(iso: str) -> str:
    """``2019-05-15`` -> ``Wed, 15 May 2019 00:00:00 +0000`` (midnight UTC: the day is all we know)."""
    day = dt.date.fromisoformat(iso)
    return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _html_text(text: str) -> str:
    """Text for an RSS element that feed readers may render as HTML (description, and in many readers title,
    creator and category too): a '<' from a source stays a '<' on screen, never a tag."""
    return html.escape(text, quote=False)


def _plain(text: str) -> str:
    """Text without control characters (invalid in XML 1.0) or runs of white space."""
    return " ".join(plain(text).split())
