"""Search with Pagefind: what story pages tell the index, and building the index.

Pagefind reads the built HTML and writes a chunked index into ``site/pagefind/``:
a reader's query downloads only the chunks for its words, so search stays
light at 10,000 stories (Material's lunr index must be downloaded and built
whole first). Only story pages are indexed, and of each only the article
itself: title, dek, byline and body, not the entity list, related stories
or cleaning report. Each story carries its filters (topic, entity,
publisher, year) and the publisher and date shown under a result.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .markup import attribute
from .model import Article
from .render import human_date

BUNDLE = "pagefind"
STORY_GLOB = "stories/*/index.html"
SHARD_PAGES = 2000
"""Stories per Pagefind run: keeps its memory near 1 GB even for long, noisy stories."""
# Where the article ends on a story page: the sections render adds after the body.
ARTICLE_END = re.compile(r'<h2 id="(?:in-this-story|related-stories)"|<details')
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
    return (
        f"<div data-pagefind-body>\n{html[:cut]}\n</div>\n{html[cut:]}"
        + f'\n<div hidden>{"".join(hidden)}</div>\n'
    )


@dataclass(frozen=True, slots=True)
class Index:
    """What building the search index produced."""

    folder: Path
    pages: int
    bytes: int
    shards: int = 1


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def build_index(site_dir: Path, shard_pages: int = SHARD_PAGES) -> Index:
    """Run Pagefind over the story pages of the built site in ``site_dir``.

    Pagefind holds every word of the pages it indexes in memory (about 0.35 KB
    per word: some 6 GB for 10,000 long stories), so a large site is indexed
    in shards of at most ``shard_pages`` stories, one Pagefind run each. The
    first shard is the main bundle in ``pagefind/``; the others go to
    ``pagefind/shards/N/``, listed in ``pagefind/shards.json`` (empty for one shard), and the search
    script merges them in the browser (Pagefind's ``mergeIndex``, which reuses
    the main bundle's WebAssembly). Each query still fetches only the chunks
    for its words, from each shard.
    """
    remove_index(site_dir)
    output = site_dir / BUNDLE
    names = sorted(p.parent.name for p in site_dir.glob(STORY_GLOB))
    if not names:  # Pagefind refuses an empty site; the search box then says there is nothing to search
        return Index(output, 0, 0, 0)
    groups = shard_globs(names, shard_pages) if len(names) > shard_pages else [STORY_GLOB]
    extra = []
    for number, glob in enumerate(groups, start=1):
        subdir = BUNDLE if number == 1 else f"{BUNDLE}/shards/{number}"
        _run_pagefind(site_dir, subdir, glob)
        if number > 1:
            extra.append(f"{subdir}/")
    # Written even when empty: the search script always asks, and a 404 would be noise in the console.
    (output / "shards.json").write_text(json.dumps(extra) + "\n", encoding="utf-8")
    for pattern in UNUSED_UI:
        for path in output.rglob(pattern):
            path.unlink()
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    return Index(output, len(names), size, len(groups))


def shard_globs(names: list[str], limit: int) -> list[str]:
    """Globs that split the story folders ``names`` into groups of at most ``limit``, by slug prefix.

    A prefix holding more than ``limit`` stories is split by its next
    character; prefixes are then packed in order. Slugs are ``[a-z0-9-]``,
    so they are safe inside a glob.
    """
    prefixes = _prefixes(sorted(names), "", limit)
    groups: list[list[tuple[str, int]]] = [[]]
    for prefix, count in prefixes:
        if groups[-1] and sum(c for _, c in groups[-1]) + count > limit:
            groups.append([])
        groups[-1].append((prefix, count))
    return ["stories/{" + ",".join(p for p, _ in group) + "}/index.html" for group in groups]


def _prefixes(names: list[str], prefix: str, limit: int) -> list[tuple[str, int]]:
    if len(names) <= limit:
        return [(prefix + "*", len(names))]
    found = [(prefix, 1)] if prefix in names else []
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


def available() -> bool:
    """Whether the Pagefind binary can run here."""
    try:
        return subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def remove_index(site_dir: Path) -> None:
    """Drop a stale index before a build writes a new one."""
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
