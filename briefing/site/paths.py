"""Links between generated pages, and to the paragraphs of a story.

Markdown links are relative ``.md`` paths, which MkDocs checks (anchors too)
and rewrites. Raw HTML (the network picture) and feeds are not rewritten by
MkDocs, so :func:`served` gives the URL a page is served at, following
``use_directory_urls``.
"""

from __future__ import annotations

import posixpath

from briefing.site import render  # the page paths live there; resolved at call time
from briefing.model import Article, Site


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
    return render.link(from_path, render.story_path(article))


def entity(from_path: str, name: str) -> str:
    return render.link(from_path, render.entity_path(name))


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


def page(from_path: str, to_path: str) -> str:
    """Relative Markdown link from one generated page to another."""
    return render.link(from_path, to_path)
