"""Every page's path and every link between pages: the site's URL scheme, in one place.

A page's path is its Markdown file under the docs tree (``stories/<slug>.md``);
MkDocs serves it at a URL that depends on ``use_directory_urls``. Markdown links are relative ``.md`` paths, which MkDocs checks (anchors too)
and rewrites. Raw HTML (the network picture) and feeds are not rewritten by
MkDocs, so :func:`served` gives the URL a page is served at, following
``use_directory_urls``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

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


def entity_path(name: str, within: Addresses | None = None) -> str:
    """The page of the entity called ``name``: ``entities/<slug>.md``, clear of the index pages.

    ``within`` gives the site's unique slugs (:func:`addresses`); without it,
    the slug of ``name`` alone, which two names may share.
    """
    return f"entities/{within.entity_slug(name) if within else _base(name, ENTITY_RESERVED)}.md"


def topic_path(name: str, within: Addresses | None = None) -> str:
    """The page of topic ``name``: ``topics/<slug>.md`` (see :func:`entity_path` for ``within``)."""
    return f"topics/{within.topic_slug(name) if within else _base(name, TOPIC_RESERVED)}.md"


def feed_paths(kind: str, name: str = "", within: Addresses | None = None) -> tuple[str, str]:
    """``(rss path, json path)`` of the feed of everything (``kind='all'``), a topic or an entity.

    A feed is named by the same unique slug as its page, so two entities never share a feed file.
    """
    if kind == "all":
        return "feeds/rss.xml", "feeds/feed.json"
    if kind == "topic":
        slug = topic_path(name, within).removeprefix("topics/").removesuffix(".md")
        return f"feeds/topics/{slug}.xml", f"feeds/topics/{slug}.json"
    slug = entity_path(name, within).removeprefix("entities/").removesuffix(".md")
    return f"feeds/entities/{slug}.xml", f"feeds/entities/{slug}.json"


ENTITY_RESERVED = frozenset(RESERVED)
TOPIC_RESERVED = frozenset({"index"})
"""Slugs of index pages, which a topic's page must not take."""


@dataclass(frozen=True, slots=True)
class Addresses:
    """The page slugs of one site's entities and topics: transliterated, then made unique.

    Names that slugify alike ("Nova" and "Nová", "Banking!" and "banking",
    two names in a script the slug cannot spell) each get their own page
    and feed: ``nova``, ``nova-2``... in sorted order of the names.
    """

    entities: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)

    def entity_slug(self, name: str) -> str:
        return self.entities.get(name) or _base(name, ENTITY_RESERVED)

    def topic_slug(self, name: str) -> str:
        return self.topics.get(name) or _base(name, TOPIC_RESERVED)

    def entity_pages(self) -> dict[str, str]:
        """Entity name -> its page path."""
        return {name: f"entities/{slug}.md" for name, slug in self.entities.items()}


def addresses(entity_names, topic_names) -> Addresses:
    """Unique slugs for every entity and every topic of a site (see :class:`Addresses`)."""
    return Addresses(unique_slugs(entity_names, ENTITY_RESERVED), unique_slugs(topic_names, TOPIC_RESERVED))


def unique_slugs(names, reserved: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """One slug per name, none in ``reserved``: the first name (sorted) of a shared slug keeps it, the others get -2, -3..."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (_base(n, reserved), n)):
        base = _base(name, reserved)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def _base(name: str, reserved) -> str:
    """The slug of ``name`` alone: transliterated (:func:`slugify`), clear of ``reserved`` (``index-entity``,
    ``index-topic``); ``entity`` or ``topic`` for a name with nothing to spell."""
    kind = "topic" if reserved is TOPIC_RESERVED else "entity"
    slug = slugify(name, fallback=kind)
    return f"{slug}-{kind}" if slug in reserved else slug


def timeline_year_path(year: str) -> str:
    return f"timeline/{year}.md"


def quotes_path(bucket: str) -> str:
    return f"quotes/{bucket}.md"


def link(from_path: str, to_path: str) -> str:
    """Relative Markdown link from one generated page to another (``posixpath.relpath`` of the two, as strings:
    relpath asks the operating system for the working directory on every call, and a site makes millions)."""
    base = [part for part in from_path.split("/")[:-1] if part and part != "."]
    target = [part for part in to_path.split("/") if part and part != "."]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:]) or "."


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
