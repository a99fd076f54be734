"""Search with Pagefind: what story pages tell the index, and building the index.

Pagefind reads the built HTML and writes a chunked index into ``site/pagefind/``:
a reader's query downloads only the chunks for its words, so search stays
light at 10,000 stories (Material's lunr index must be downloaded and built
whole first). Story pages are indexed, and of each only the article itself:
title, dek, byline and body, not the entity list, related stories or
cleaning report. Each story carries its filters (topic, entity, publisher,
year) and the publisher and date shown under a result. Entity pages are
indexed too, their head only (name, description, aliases, roles), so that
searching any way of writing a name finds the entity; their notices and
labels are not words of the entity and carry :data:`IGNORE`.

Every indexed page has a ``kind`` filter, ``story`` or ``entity``: the search
box asks for each kind apart and shows stories first, then entity pages.

Where the indexed part ends, the renderers put :data:`END_MARK`, whose id has
a dot: no heading id can take it (the toc extension makes heading ids of
letters, digits, hyphens and underscores), so an article's own heading, even
one called "In this story", cannot cut it short.
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
FLAT_STORY_GLOB = "stories/*.html"
FLAT_ENTITY_GLOB = "entities/*.html"
"""With ``use_directory_urls: false`` a page is ``stories/<slug>.html``, not ``stories/<slug>/index.html``."""
ENTITY_KEY = "entity:"
"""Prefix of entity pages' keys in the digests (story keys are bare slugs)."""
SHARD_PAGES = 2000
"""Stories per Pagefind run: keeps its memory near 1 GB even for long, noisy stories."""
END_ID = "end.indexed"
END_MARK = f'<div id="{END_ID}"></div>'
"""Raw HTML the renderers put where a page's indexed part ends (after a story's body, before an entity's stories)."""
_END = re.compile(rf'<div id="{re.escape(END_ID)}">')
IGNORE = "data-pagefind-ignore"
"""The attribute that keeps an element of an indexed part out of the index (notices, labels, counts)."""
# Files of Pagefind's own ready-made interfaces; our script in overrides/ replaces them.
UNUSED_UI = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


@dataclass(frozen=True, slots=True)
class Indexed:
    """What the index and a story page's topic chips need of a story: kept through the MkDocs build instead of
    the whole article (its body, mentions, events and quotes are not needed once its page is written)."""

    slug: str
    title: str
    publisher: str = ""
    date: str = ""
    topics: tuple[str, ...] = ()
    """Topic names, in the article's order."""
    entities: tuple[str, ...] = ()
    """Names of the entities it mentions, sorted."""


def indexed(story: Article | Indexed) -> Indexed:
    """The :class:`Indexed` record of a story."""
    if isinstance(story, Indexed):
        return story
    return Indexed(
        story.slug, story.title, story.publisher, story.date, tuple(t.topic for t in story.topics), tuple(sorted({m.entity for m in story.mentions}))
    )


def filters(story: Article | Indexed) -> dict[str, list[str]]:
    """The values a reader can filter this story by, sorted within each filter."""
    story = indexed(story)
    return {
        "topic": sorted(set(story.topics)),
        "entity": list(story.entities),
        "publisher": [story.publisher] if story.publisher else [],
        "year": [story.date[:4]] if story.date[:4].isdigit() else [],
    }


def story_markup(html: str, article: Article | Indexed) -> str:
    """The story page's content HTML, marked up for Pagefind.

    The article part is wrapped in ``data-pagefind-body`` (pages without it
    are not indexed); the filters and result details follow in a hidden
    block, outside the body so that they are not indexed as words.
    """
    body, rest, hidden = _parts(html, article)
    return f"<div data-pagefind-body>\n{body}\n</div>\n{rest}\n<div hidden>{hidden}{_KIND.format('story')}</div>\n"


def entity_markup(html: str, name: str) -> str:
    """An entity page's content HTML, its head (name, type, description, aliases, roles) indexed under its name.

    The stories and neighbours below name other entities: indexed, they would
    make every entity page a result for every name.
    """
    head, rest = _cut(html)
    hidden = f'<span data-pagefind-meta="title">{attribute(name)}</span>{_KIND.format("entity")}'
    return f"<div data-pagefind-body>\n{head}\n</div>\n{rest}\n<div hidden>{hidden}</div>\n"


def entity_digest(html: str, name: str) -> str:
    """sha256 of what Pagefind reads from an entity page."""
    return hashlib.sha256(f"{name}\0{_cut(html)[0]}".encode()).hexdigest()


_KIND = '<span data-pagefind-filter="kind">{}</span>'


def _cut(html: str) -> tuple[str, str]:
    """``html`` split at :data:`END_MARK`: the indexed part and the rest (all of it indexed without a mark)."""
    end = _END.search(html)
    cut = end.start() if end else len(html)
    return html[:cut], html[cut:]


def indexed_digest(html: str, article: Article | Indexed) -> str:
    """sha256 of what Pagefind reads from this story page: the article part and the hidden block."""
    body, _, hidden = _parts(html, article)
    return hashlib.sha256(f"{body}\0{hidden}".encode()).hexdigest()


def _parts(html: str, article: Article | Indexed) -> tuple[str, str, str]:
    article = indexed(article)
    body, rest = _cut(html)
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
    return body, rest, "".join(hidden)


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
    directory_urls: bool = True,
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
    ``directory_urls`` is MkDocs' ``use_directory_urls``: whether a page is
    ``stories/<slug>/index.html`` or ``stories/<slug>.html``.
    """
    try:
        return _build_index(site_dir, shard_pages, digests, cache_dir, directory_urls)
    except OSError as error:  # a full disk, a read-only site folder: the site is built, search is not
        raise SearchIndexError(
            f"the search index could not be written ({error.strerror or error}); the site is built but search will not answer: free some disk space and build again"
        ) from None


def _build_index(
    site_dir: Path, shard_pages: int, digests: dict[str, str] | None, cache_dir: Path | None, directory_urls: bool
) -> Index:
    remove_index(site_dir)
    output = site_dir / BUNDLE
    names = page_names(site_dir, "stories", directory_urls)
    if not names:  # Pagefind refuses an empty site; the search box then says there is nothing to search
        return Index(output, 0, 0, 0)
    story_glob = STORY_GLOB if directory_urls else FLAT_STORY_GLOB
    groups = shard_groups(names, shard_pages, directory_urls) if len(names) > shard_pages else [(story_glob, names)]
    entities = page_names(site_dir, "entities", directory_urls)
    if entities:
        # Entity pages join the main bundle (their indexed heads are small), so
        # that a small site stays one bundle; pages without data-pagefind-body
        # (the type indexes) are skipped by Pagefind.
        # The type indexes (entities/people/ ...) match the glob but have no digest: they are not indexed.
        keys = [ENTITY_KEY + n for n in entities if digests is None or ENTITY_KEY + n in digests]
        glob, members = groups[0]
        suffix = "/index.html" if directory_urls else ".html"
        groups[0] = ("{" + glob.removesuffix(suffix) + ",entities/*}" + suffix, members + keys)
    extra, kept, reused = [], set(), 0
    for number, (glob, members) in enumerate(groups, start=1):
        subdir = BUNDLE if number == 1 else f"{BUNDLE}/shards/{number}"
        key = _shard_key(subdir, glob, members, digests) if cache_dir is not None else None
        if key and _intact(cache_dir / key):
            shutil.copytree(cache_dir / key, site_dir / subdir, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MANIFEST))
            reused += 1
        else:
            _run_pagefind(site_dir, subdir, glob)
            _check_bundle(site_dir / subdir)
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


MANIFEST = "briefing-manifest.json"
"""Written last into a cached shard: the size and sha256 of each of its files, checked before the shard is reused."""


def _save_shard(bundle: Path, target: Path) -> None:
    """Keep a copy of a freshly built shard; a failure only costs the next build time.

    Written under a temporary name, with its manifest last, then renamed: a
    build stopped halfway (a full disk, a kill) leaves no entry, or one
    whose manifest does not match, which :func:`_intact` turns down.
    """
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(bundle, temporary, ignore=shutil.ignore_patterns("shards"))
        (temporary / MANIFEST).write_text(json.dumps(_files(temporary), sort_keys=True), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(temporary, target)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)


def _files(folder: Path) -> dict[str, list]:
    """``relative path -> [size, sha256]`` of every file under ``folder`` but the manifest."""
    return {
        path.relative_to(folder).as_posix(): [path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()]
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def _intact(entry: Path) -> bool:
    """Whether the cached shard ``entry`` holds exactly the files its manifest lists; a damaged one is deleted."""
    if not entry.is_dir():
        return False
    try:
        listed = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        intact = listed == _files(entry) and "pagefind-entry.json" in listed
    except (OSError, ValueError):
        intact = False
    if not intact:
        shutil.rmtree(entry, ignore_errors=True)  # rebuilt and saved again by this build
    return intact


def _check_bundle(bundle: Path) -> None:
    """A bundle Pagefind says it wrote, checked before it is published or cached: no empty file, a readable entry."""
    try:
        json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        empty = [p.name for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0]
    except (OSError, ValueError):
        empty = ["pagefind-entry.json"]
    if empty:
        raise SearchIndexError(
            f"pagefind wrote an incomplete index ({empty[0]} is empty or unreadable: is the disk full?); the site is built but search will not answer"
        )


def page_names(site_dir: Path, folder: str, directory_urls: bool = True) -> list[str]:
    """The slugs of the pages in ``folder`` of the built site (its own index page apart), sorted."""
    if directory_urls:
        return sorted(p.parent.name for p in site_dir.glob(f"{folder}/*/index.html"))
    return sorted(p.stem for p in site_dir.glob(f"{folder}/*.html") if p.stem != "index")


def shard_globs(names: list[str], limit: int, directory_urls: bool = True) -> list[str]:
    """Globs that split the story pages ``names`` into groups of at most ``limit``, by slug prefix."""
    return [glob for glob, _ in shard_groups(names, limit, directory_urls)]


def shard_groups(names: list[str], limit: int, directory_urls: bool = True) -> list[tuple[str, list[str]]]:
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
    suffix = "/index.html" if directory_urls else ".html"
    return [
        ("stories/{" + ",".join(p for p, _ in group) + "}" + suffix, [n for _, m in group for n in m])
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
