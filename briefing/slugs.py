"""Stable URLs: slugs for pages, and the address of each story, derived from its file's name.

A story's address never comes from its title: the title is what a person
corrects, and the address is what other pages and readers link to.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

from anyascii import anyascii

MAX_LENGTH = 80
RESERVED = frozenset({"index"})
"""Slugs a story may not take: ``stories/index.md`` is the list of all stories."""


def slugify(text: str, fallback: str = "story") -> str:
    """Lower-case ASCII words joined by hyphens: ``Huawei, the US ban`` -> ``huawei-the-us-ban``.

    Text in any script is transliterated first (anyascii): ``Société Générale``
    -> ``societe-generale``, ``Москва`` -> ``moskva``, ``北京`` -> ``beijing``.
    ``fallback`` when nothing is left to spell (a title of emoji or punctuation).
    """
    # Curly apostrophes go before transliteration, as they always have (Zürich’s -> zurichs): slugs already published keep.
    words = re.findall(r"[a-z0-9]+", anyascii(text.replace("’", "").replace("‘", "")).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug or fallback


def assign_slugs(titles_by_source: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """One unique slug per source; collisions go by sorted source path (``-2``, ``-3``...).

    Returns the slugs and the collisions as ``(slug, [paths])`` so the caller can warn.
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set(RESERVED)
    claims: dict[str, list[str]] = {}
    for path in sorted(titles_by_source):
        base = slugify(titles_by_source[path])
        claims.setdefault(base, []).append(path)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[path] = slug
    collisions = [(slug, paths) for slug, paths in sorted(claims.items()) if len(paths) > 1]
    return slugs, collisions


def story_name(path: str) -> str:
    """What a story's address is made of: its source file's name without the extension.

    ``sources/2024-03-01-cables-cut.html`` -> ``2024-03-01-cables-cut``. A name
    with nothing :func:`slugify` can keep (``新闻.txt``) gets a short hash of
    itself, so that such files do not all share one address and take turns
    at ``story-2``, ``story-3`` as files come and go.
    """
    stem = PurePosixPath(path).stem
    if slugify(stem) == slugify("") and stem.casefold() != slugify(""):
        return f"story {stem} {hashlib.sha256(stem.encode('utf-8')).hexdigest()[:8]}"
    return stem


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def address_slug(text: str) -> str:
    """The story slug an old address names, or '' when it names none.

    Takes what a person copies from the browser or the site's folder:
    ``https://example.org/stories/old-name/``, ``stories/old-name.html`` or
    ``old-name`` all give ``old-name``.
    """
    path = text.strip().split("#", 1)[0].split("?", 1)[0]
    last = next((part for part in reversed(path.split("/")) if part), "")
    for suffix in (".html", ".htm", ".md"):
        last = last.removesuffix(suffix)
    if last == "index":  # stories/old-name/index.html
        parts = [part for part in path.split("/") if part]
        last = parts[-2] if len(parts) >= 2 else ""
    return last if SLUG.match(last) and len(last) <= MAX_LENGTH else ""
