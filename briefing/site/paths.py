"""Every page's path and every link between pages: the site's URL scheme, in one place.

A page's path is its Markdown file under the docs tree (``stories/<slug>.md``);
MkDocs serves it at a URL that depends on ``use_directory_urls``. Markdown links are relative ``.md`` paths, which MkDocs checks (anchors too)
and rewrites. Raw HTML (the network picture) and feeds are not rewritten by
MkDocs, so :func:`served` gives the URL a page is served at, following
``use_directory_urls``.
"""

from __future__ import annotations

import posixpath

from briefing.model import Article, Site
from briefing.slugs import slugify

HOME = "index.md"
STORIES = "stories/index.md"
TIMELINE = "timeline.md"
QUOTES = "quotes.md"
TOPICS = "topics/index.md"
ENTITIES = "entities/index.md"
ENTITY_INDEXES = {
    "person": "entities/people.md",
    "organisation": "entities/organisations.md",
    "place": "entities/places.md",
    "other": "entities/other.md",
}
"""The index page of each entity type."""
RESERVED = {"index"} | {posixpath.basename(p).removesuffix(".md") for p in ENTITY_INDEXES.values()}
"""Slugs of index pages, which an entity's page must not take."""


def story_path(article: Article) -> str:
    return f"stories/{article.slug}.md"


def former_story_path(slug: str) -> str:
    """Where a story was before its file was renamed (``redirect_from``), as a page path."""
    return f"stories/{slug}.md"


def redirect_file(slug: str, site: Site) -> str:
    """The static file that answers at a story's former address: ``stories/<slug>/index.html``
    (``stories/<slug>.html`` without directory URLs)."""
    served_at = url_of(former_story_path(slug), site)
    return served_at + "index.html" if served_at.endswith("/") else served_at


def entity_path(name: str) -> str:
    """The page of the entity called ``name``: ``entities/<slug>.md``, clear of the index pages."""
    base = slugify(name)
    return f"entities/{base if base not in RESERVED else base + '-entity'}.md"


def topic_path(name: str) -> str:
    return f"topics/{slugify(name) if slugify(name) != 'index' else 'index-topic'}.md"


def feed_paths(kind: str, name: str = "") -> tuple[str, str]:
    """``(rss path, json path)`` of the feed of everything (``kind='all'``), a topic or an entity."""
    if kind == "all":
        return "feeds/rss.xml", "feeds/feed.json"
    folder = {"topic": "topics", "entity": "entities"}[kind]
    return f"feeds/{folder}/{slugify(name)}.xml", f"feeds/{folder}/{slugify(name)}.json"


def timeline_year_path(year: str) -> str:
    return f"timeline/{year}.md"


def quotes_path(bucket: str) -> str:
    return f"quotes/{bucket}.md"


def link(from_path: str, to_path: str) -> str:
    """Relative Markdown link from one generated page to another."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def paragraph_id(block: int) -> str:
    """The HTML id of body block ``block`` on its story page.

    The dot keeps it apart from heading ids, which the toc extension makes of
    letters, digits and hyphens only.
    """
    return f"p.{block}"


def paragraph(from_path: str, article: Article, block: int) -> str:
    """Relative link from ``from_path`` to one paragraph of ``article``."""
    return f"{story(from_path, article)}#{paragraph_id(block)}"


def story(from_path: str, article: Article) -> str:
    return link(from_path, story_path(article))


def entity(from_path: str, name: str) -> str:
    return link(from_path, entity_path(name))


def url_of(path: str, site: Site) -> str:
    """Where the page made of ``path`` is served, relative to the site root (``''`` for the home page)."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not site.directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def served(from_path: str, to_path: str, site: Site) -> str:
    """URL of ``to_path`` relative to where ``from_path`` is served, for raw HTML and feeds."""
    here, there = url_of(from_path, site), url_of(to_path, site)
    base = [part for part in (here if here.endswith("/") or not here else posixpath.dirname(here)).split("/") if part]
    target = [part for part in there.split("/") if part]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    # Pure string work: posixpath.relpath asks the operating system for the working directory on every call.
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if relative == ".":
        return "./"
    return relative + "/" if there.endswith("/") or not there else relative


def absolute(to_path: str, site: Site) -> str:
    """Absolute URL of ``to_path`` under ``site_url``; '' when ``site_url`` is unset."""
    if not site.url:
        return ""
    return site.url.rstrip("/") + "/" + url_of(to_path, site)
