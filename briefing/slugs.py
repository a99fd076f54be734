"""Stable URLs for stories, derived from titles; the slugs of every other page are made the same way."""

from __future__ import annotations

import re

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
