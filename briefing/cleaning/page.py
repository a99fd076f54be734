"""What a saved web page says about itself: every candidate for its metadata, by where it was found.

A page names its headline, dek, publisher, address, date and authors in
several places: the ``<title>``, Open Graph and Twitter ``<meta>`` tags,
JSON-LD (schema.org) blocks, its ``<h1>`` and ``<time>`` elements. This module
only gathers them, each tagged with its origin; :mod:`briefing.cleaning.metadata`
weighs them. Nothing here trusts the page: JSON that does not parse, values of
the wrong type and absurd lengths are skipped.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Iterator

MAX_VALUE = 1000
"""Longest metadata value kept, in characters: a headline or a dek is far shorter."""
MAX_JSON = 200_000
"""Largest JSON-LD block parsed, in characters."""
MAX_NODES = 500
"""Most JSON-LD objects walked per page."""
ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report|LiveBlogPosting|SocialMediaPosting|Review)$")
"""schema.org types of an article (NewsArticle, ReportageNewsArticle, BlogPosting ...)."""
ORGANISATION_TYPE = re.compile(r"(?:Organization|NewsMediaOrganization|Corporation)$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """The candidates a page offers, each as ``(origin, value)``, in document order within an origin.

    Origins: ``title`` (the ``<title>``), ``og`` (Open Graph), ``twitter``,
    ``meta`` (plain ``<meta name=...>``), ``jsonld``, ``h1``, ``time``,
    ``canonical``, ``application`` (``application-name``).
    """

    titles: tuple[tuple[str, str], ...] = ()
    descriptions: tuple[tuple[str, str], ...] = ()
    site_names: tuple[tuple[str, str], ...] = ()
    urls: tuple[tuple[str, str], ...] = ()
    published: tuple[tuple[str, str], ...] = ()
    """Dates of first publication as written (ISO 8601 text, mostly)."""
    authors: tuple[tuple[str, str], ...] = ()
    """One name (or a line of names, for ``meta``) per entry."""
    author_kinds: tuple[tuple[str, str], ...] = ()
    """``(name, 'person' | 'organisation')`` for JSON-LD authors whose type is given."""


def read_page(tree) -> PageMeta:
    """The metadata candidates of a parsed page (an lxml ``HtmlElement``)."""
    if tree is None:
        return PageMeta()
    meta = _meta_tags(tree)
    articles, organisations = _json_ld(tree)
    titles = _first(tree, "//title", "title") + _pick(meta, "og", "og:title") + _pick(meta, "twitter", "twitter:title")
    titles += tuple(("jsonld", _text(a.get("headline"))) for a in articles if _text(a.get("headline")))
    titles += tuple(("h1", _words(h.text_content())) for h in tree.xpath("//h1")[:5] if _words(h.text_content()))
    descriptions = _pick(meta, "og", "og:description") + _pick(meta, "meta", "description") + _pick(meta, "twitter", "twitter:description")
    descriptions += tuple(("jsonld", _text(a.get("description"))) for a in articles if _text(a.get("description")))
    site_names = _pick(meta, "og", "og:site_name")
    site_names += tuple(("jsonld", name) for a in articles for name in _names(a.get("publisher"), organisations))
    site_names += _pick(meta, "application", "application-name")
    urls = _pick(meta, "og", "og:url") + tuple(("canonical", _words(link.get("href", ""))) for link in tree.xpath("//link[@rel='canonical'][@href]")[:1])
    urls += tuple(("jsonld", u) for a in articles if (u := _text(a.get("url"))))
    published = tuple(("jsonld", d) for a in articles if (d := _text(a.get("datePublished"))))
    published += _pick(meta, "meta", "article:published_time", "datePublished", "date", "dc.date", "dc.date.issued", "pubdate", "publishdate", "og:published_time")
    published += tuple(("time", _words(t.get("datetime", ""))) for t in tree.xpath("//time[@datetime]")[:3])
    authors = tuple(("jsonld", name) for a in articles for name in _names(a.get("author"), organisations))
    authors += _pick(meta, "meta", "author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")
    kinds = tuple(
        (name, "organisation" if ORGANISATION_TYPE.search(_type(node)) else "person")
        for a in articles
        for node in _nodes(a.get("author"), organisations)
        if _type(node) and (name := _text(node.get("name")))
    )
    return PageMeta(
        titles=_kept(titles),
        descriptions=_kept(descriptions),
        site_names=_kept(site_names),
        urls=_kept(tuple((origin, u) for origin, u in urls if re.match(r"https?://[^\s/]", u, re.IGNORECASE))),
        published=_kept(published),
        authors=_kept(tuple((origin, a) for origin, a in authors if not re.match(r"https?://", a, re.IGNORECASE))),
        author_kinds=kinds,
    )


def _meta_tags(tree) -> dict[str, list[str]]:
    """Values of ``<meta property|name|itemprop=KEY content=...>`` by lower-cased key, in page order."""
    found: dict[str, list[str]] = {}
    for element in tree.xpath("//meta[@content]"):
        value = _words(element.get("content", ""))
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key and value:
                found.setdefault(key, []).append(value)
    return found


def _pick(meta: dict[str, list[str]], origin: str, *keys: str) -> tuple[tuple[str, str], ...]:
    return tuple((origin, value) for key in keys for value in meta.get(key, ())[:2])


def _first(tree, path: str, origin: str) -> tuple[tuple[str, str], ...]:
    elements = tree.xpath(path)[:1]
    return tuple((origin, text) for e in elements if (text := _words(e.text_content())))


def _json_ld(tree) -> tuple[list[dict], dict[str, dict]]:
    """The article objects of the page's JSON-LD, and every object that has an ``@id`` (for references)."""
    objects: list[dict] = []
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        text = script.text or ""
        if len(text) > MAX_JSON:
            continue
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        objects.extend(_walk(data))
        if len(objects) > MAX_NODES:
            break
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    articles = [obj for obj in objects if ARTICLE_TYPE.search(_type(obj))]
    return articles, by_id


def _walk(data) -> Iterator[dict]:
    """Every object of a JSON-LD document: top level, lists, ``@graph`` and ``mainEntity``, breadth first."""
    queue, seen = [data], 0
    while queue and seen < MAX_NODES:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
                if isinstance(item.get(key), (list, dict)):
                    queue.append(item[key])


def _type(obj) -> str:
    """An object's schema.org type (the last one that is an article or organisation type, if several)."""
    if not isinstance(obj, dict):
        return ""
    kind = obj.get("@type") or obj.get("type") or ""
    kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
    return next((k for k in kinds if ARTICLE_TYPE.search(k) or ORGANISATION_TYPE.search(k)), kinds[0] if kinds else "")


def _nodes(value, by_id: dict[str, dict]) -> list[dict]:
    """The objects ``value`` holds or refers to (``{"@id": ...}`` resolved within the page)."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items[:20]:
        if isinstance(item, dict) and set(item) <= {"@id", "@type", "type"} and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        if isinstance(item, dict):
            out.append(item)
    return out


def _names(value, by_id: dict[str, dict]) -> list[str]:
    """Names of the people or organisations ``value`` gives: text, objects, references or lists of them."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item) for item in items[:20] if isinstance(item, str)]
    names += [_text(node.get("name")) for node in _nodes(value, by_id)]
    return [name for name in names if name]


def _text(value) -> str:
    """A JSON-LD text value, entities decoded (pages often escape twice), or '' for anything else."""
    if isinstance(value, list) and value and isinstance(value[0], str):
        value = value[0]
    if not isinstance(value, str):
        return ""
    return _words(html.unescape(value))


def _words(text: str) -> str:
    return " ".join(text.split())[:MAX_VALUE]


def _kept(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Non-empty values, each origin-value pair once."""
    return tuple(dict.fromkeys((origin, value) for origin, value in pairs if value))


BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "div", "span", "strong", "em", "section", "header"})
MAX_AFTER_HEADLINE = 40
"""Elements looked at after the headline's ``<h1>`` for the dek it prints."""


def printed_after_headline(tree, headline_key, stop_keys: set[str], key) -> list[str]:
    """Texts the page prints between its headline's ``<h1>`` and the article's text, in order.

    ``key`` folds a text for comparison; the walk stops at an element whose
    text is one of ``stop_keys`` (the article's own paragraphs). Only elements
    without block children count, each once.
    """
    if tree is None:
        return []
    h1s = [h for h in tree.xpath("//h1") if key(h.text_content()) == headline_key] or tree.xpath("//h1")[:1]
    if not h1s:
        return []
    out: list[str] = []
    seen = 0
    for element in _following(h1s[0]):
        if not isinstance(element.tag, str) or element.tag not in BLOCK_TAGS:
            continue
        if any(isinstance(child.tag, str) and child.tag in ("p", "div", "h2", "h3", "section") for child in element):
            continue
        text = _words(element.text_content())
        if not text:
            continue
        if key(text) in stop_keys:
            break
        out.append(text)
        seen += 1
        if seen >= MAX_AFTER_HEADLINE:
            break
    return out


def _following(element):
    """Elements after ``element`` in document order (not its own descendants)."""
    root = element.getroottree().getroot()
    passed = False
    descendants = set(element.iter())
    for node in root.iter():
        if node is element:
            passed = True
            continue
        if passed and node not in descendants:
            yield node
