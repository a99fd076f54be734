"""Search with Pagefind: what story pages tell the index, and building the index.

Pagefind reads the built HTML and writes a chunked index into ``site/pagefind/``:
a reader's query downloads only the chunks for its words, so search stays
light at 10,000 stories (Material's lunr index must be downloaded and built
whole first). Story pages are indexed, and of each only the article itself:
title, dek, byline and body, not the entity list, related stories or
cleaning report. Each story carries its filters (topic, entity, publisher,
year) and the publisher and date shown under a result. Entity pages are
indexed too, whole (name, aliases, roles, description), in their own shard,
so that searching any way of writing a name finds the entity.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from briefing.markup import attribute
from briefing.model import Article
from briefing.site.listing import human_date

BUNDLE = "pagefind"
STORY_GLOB = "stories/*/index.html"
ENTITY_GLOB = "entities/*/index.html"
ENTITY_KEY = "entity:"
"""Prefix of entity pages' keys in the digests (story keys are bare slugs)."""
SHARD_PAGES = 2000
"""Stories per Pagefind run: keeps its memory near 1 GB even for long, noisy stories."""
# Where the article ends on a story page: the sections render adds after the body.
ARTICLE_END = re.compile(r'<h2 id="(?:in-this-story|related-stories)"|<details')
# Where an entity page's own part ends: its list of stories.
ENTITY_END = re.compile(r'<h2 id="stories"')
# Files of Pagefind's own ready-made interfaces; our script in overrides/ replaces them.
UNUSED_UI = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def filters(article: Article) -> dict[str, list[str]]:
    """The values a reader can filter this story by, sorted within each filter."""
    return {
        "topic": sorted({t.topic for t in article.topics}),
        "entity": sorted({m.entity for m in article.mentions}),
        "publisher": [article.publisher] if article.publisher else [],
        "year": [article.date[:4]] if article.date[:4].isdigit() else [],
    }


def story_markup(html: str, article: Article) -> str:
    """The story page's content HTML, marked up for Pagefind.

    The article part is wrapped in ``data-pagefind-body`` (pages without it
    are not indexed); the filters and result details follow in a hidden
    block, outside the body so that they are not indexed as words.
    """
    body, rest, hidden = _parts(html, article)
    return f"<div data-pagefind-body>\n{body}\n</div>\n{rest}\n<div hidden>{hidden}</div>\n"


def entity_markup(html: str, name: str) -> str:
    """An entity page's content HTML, its head (name, type, description, aliases, roles) indexed under its name.

    The stories and neighbours below name other entities: indexed, they would
    make every entity page a result for every name.
    """
    head, rest = _entity_parts(html)
    return f'<div data-pagefind-body>\n{head}\n</div>\n{rest}\n<div hidden><span data-pagefind-meta="title">{attribute(name)}</span></div>\n'


def entity_digest(html: str, name: str) -> str:
    """sha256 of what Pagefind reads from an entity page."""
    return hashlib.sha256(f"{name}\0{_entity_parts(html)[0]}".encode()).hexdigest()


def _entity_parts(html: str) -> tuple[str, str]:
    end = ENTITY_END.search(html)
    cut = end.start() if end else len(html)
    return html[:cut], html[cut:]


def indexed_digest(html: str, article: Article) -> str:
    """sha256 of what Pagefind reads from this story page: the article part and the hidden block."""
    body, _, hidden = _parts(html, article)
    return hashlib.sha256(f"{body}\0{hidden}".encode()).hexdigest()


def _parts(html: str, article: Article) -> tuple[str, str, str]:
    end = ARTICLE_END.search(html)
    cut = end.start() if end else len(html)
    hidden = [
        f'<span data-pagefind-filter="{name}">{attribute(value)}</span>'
        for name, values in filters(article).items()
        for value in values
    ]
    hidden.append(f'<span data-pagefind-meta="title">{attribute(article.title)}</span>')
    if article.publisher:
        hidden.append(f'<span data-pagefind-meta="publisher">{attribute(article.publisher)}</span>')
    if article.date:
        hidden.append(f'<span data-pagefind-meta="date">{attribute(human_date(article.date))}</span>')
    return html[:cut], html[cut:], "".join(hidden)


@dataclass(frozen=True, slots=True)
class Index:
    """What building the search index produced."""

    folder: Path
    pages: int
    bytes: int
    shards: int = 1
    reused: int = 0
    """Shards copied from the cache because none of their stories' indexed text changed."""


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def build_index(
    site_dir: Path,
    shard_pages: int = SHARD_PAGES,
    digests: dict[str, str] | None = None,
    cache_dir: Path | None = None,
) -> Index:
    """Run Pagefind over the story pages of the built site in ``site_dir``.

    Pagefind holds every word of the pages it indexes in memory (about 0.35 KB
    per word: some 6 GB for 10,000 long stories), so a large site is indexed
    in shards of at most ``shard_pages`` stories, one Pagefind run each. The
    first shard is the main bundle in ``pagefind/``; the others go to
    ``pagefind/shards/N/``, listed in ``pagefind/shards.json`` (empty for one shard), and the search
    script merges them in the browser (Pagefind's ``mergeIndex``, which reuses
    the main bundle's WebAssembly). Each query still fetches only the chunks
    for its words, from each shard.

    With ``digests`` (story folder name -> :func:`indexed_digest`) and a
    ``cache_dir``, a shard whose stories' indexed text is unchanged since an
    earlier build is copied from the cache instead of indexed again.
    """
    remove_index(site_dir)
    output = site_dir / BUNDLE
    names = sorted(p.parent.name for p in site_dir.glob(STORY_GLOB))
    if not names:  # Pagefind refuses an empty site; the search box then says there is nothing to search
        return Index(output, 0, 0, 0)
    groups = shard_groups(names, shard_pages) if len(names) > shard_pages else [(STORY_GLOB, names)]
    entities = sorted(p.parent.name for p in site_dir.glob(ENTITY_GLOB))
    if entities:
        # Entity pages join the main bundle (their indexed heads are small), so
        # that a small site stays one bundle; pages without data-pagefind-body
        # (the type indexes) are skipped by Pagefind.
        # The type indexes (entities/people/ ...) match the glob but have no digest: they are not indexed.
        keys = [ENTITY_KEY + n for n in entities if digests is None or ENTITY_KEY + n in digests]
        glob, members = groups[0]
        groups[0] = ("{" + glob.removesuffix("/index.html") + ",entities/*}/index.html", members + keys)
    extra, kept, reused = [], set(), 0
    for number, (glob, members) in enumerate(groups, start=1):
        subdir = BUNDLE if number == 1 else f"{BUNDLE}/shards/{number}"
        key = _shard_key(subdir, glob, members, digests) if cache_dir is not None else None
        if key and (cache_dir / key / "pagefind-entry.json").is_file():
            shutil.copytree(cache_dir / key, site_dir / subdir, dirs_exist_ok=True)
            reused += 1
        else:
            _run_pagefind(site_dir, subdir, glob)
            if key:
                _save_shard(site_dir / subdir, cache_dir / key)
        kept.add(key)
        if number > 1:
            extra.append(f"{subdir}/")
    if cache_dir is not None and cache_dir.is_dir():
        for old in cache_dir.iterdir():
            if old.name not in kept:
                shutil.rmtree(old, ignore_errors=True)
    # Written even when empty: the search script always asks, and a 404 would be noise in the console.
    (output / "shards.json").write_text(json.dumps(extra) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    return Index(output, len(names), size, len(groups), reused)


def _shard_key(subdir: str, glob: str, members: list[str], digests: dict[str, str] | None) -> str | None:
    """The cache name of a shard: its place, its stories and their indexed text, and this code."""
    if digests is None or any(name not in digests for name in members):
        return None
    parts = [_code(), subdir, glob, *(f"{name}\0{digests[name]}" for name in members)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _code() -> str:
    from briefing.cache import (
        code_fingerprint,  # the package's code, Pagefind's version with it
    )

    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{code_fingerprint()} pagefind {version}"


def _save_shard(bundle: Path, target: Path) -> None:
    """Keep a copy of a freshly built shard; a failure only costs the next build time."""
    temporary = target.with_name(target.name + ".tmp")
    try:
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(bundle, temporary, ignore=shutil.ignore_patterns("shards"))
        os.replace(temporary, target)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)


def shard_globs(names: list[str], limit: int) -> list[str]:
    """Globs that split the story folders ``names`` into groups of at most ``limit``, by slug prefix."""
    return [glob for glob, _ in shard_groups(names, limit)]


def shard_groups(names: list[str], limit: int) -> list[tuple[str, list[str]]]:
    """The shards as ``(glob, story folder names)``, each of at most ``limit`` stories.

    A prefix holding more than ``limit`` stories is split by its next
    character; prefixes are then packed in order. Slugs are ``[a-z0-9-]``,
    so they are safe inside a glob.
    """
    groups: list[list[tuple[str, list[str]]]] = [[]]
    for pattern, members in _prefixes(sorted(names), "", limit):
        if groups[-1] and sum(len(m) for _, m in groups[-1]) + len(members) > limit:
            groups.append([])
        groups[-1].append((pattern, members))
    return [
        ("stories/{" + ",".join(p for p, _ in group) + "}/index.html", [n for _, m in group for n in m])
        for group in groups
    ]


def _prefixes(names: list[str], prefix: str, limit: int) -> list[tuple[str, list[str]]]:
    if len(names) <= limit:
        return [(prefix + "*", names)]
    found = [(prefix, [prefix])] if prefix in names else []
    longer = [n for n in names if len(n) > len(prefix)]
    for char in sorted({n[len(prefix)] for n in longer}):
        found += _prefixes([n for n in longer if n[len(prefix)] == char], prefix + char, limit)
    return found


def _run_pagefind(site_dir: Path, subdir: str, glob: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", subdir, "--glob", glob]
    # Permalink anchors (the pilcrow after each heading) are not words of the article.
    command += ["--exclude-selectors", ".headerlink", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"pagefind did not run ({error}); install it with pip install 'pagefind[bin]'") from None
    if result.returncode != 0 or not (site_dir / subdir / "pagefind-entry.json").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SearchIndexError(f"pagefind failed: {detail[0]}; the site is built but search will not answer")
    for pattern in UNUSED_UI:
        for path in (site_dir / subdir).glob(pattern):
            path.unlink()


def available() -> bool:
    """Whether the Pagefind binary can run here."""
    try:
        return subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def remove_index(site_dir: Path) -> None:
    """Drop a stale index before a build writes a new one."""
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
