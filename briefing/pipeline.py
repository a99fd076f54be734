"""The orchestrator: sources on disk -> generated pages, stage by stage.

This is the only module besides the hooks and the CLI that touches the file
system. A source that fails is reported and skipped; the rest still builds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import taxonomy
from .cache import ArticleCache, folder_fingerprint
from .clean import clean
from .errors import BriefingError, ConfigError, SourceError
from .extract import extract
from .model import Article, Page, Relation
from .progress import Progress, Timings
from .read import kind_of, read
from .relate import relate
from .render import render
from .slugs import assign_slugs
from .tag import tag


@dataclass(frozen=True, slots=True)
class Build:
    """What one run of the pipeline produced."""

    pages: tuple[Page, ...]
    articles: tuple[Article, ...]
    related: dict[str, tuple[Relation, ...]]
    problems: tuple[BriefingError, ...]
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage (read, clean, extract, tag, cache, relate, render), summed over sources."""
    cache_hits: int = 0
    cache_misses: int = 0


def discover(sources: Path, root: Path) -> tuple[list[tuple[str, Path]], list[SourceError]]:
    """Source files under ``sources``, sorted by path, as ``(shown path, real path)``.

    Hidden files and files of unknown kinds are ignored; symbolic links are
    reported and not followed.
    """
    if not sources.is_dir():
        raise ConfigError(f"{_shown(sources, root)}: sources folder not found; create it or set extra.briefing.sources in mkdocs.yml")
    found: list[tuple[str, Path]] = []
    problems: list[SourceError] = []
    for directory, dirnames, filenames in os.walk(sources):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(directory) / name
            shown = _shown(path, root)
            if name.startswith(".") or kind_of(name) is None:
                continue
            if path.is_symlink():
                problems.append(SourceError(shown, None, "is a symbolic link, not followed", "copy the file into sources/ instead"))
                continue
            found.append((shown, path))
    found.sort(key=lambda item: item[0])
    return found, problems


def process_source(shown: str, data: bytes, kb: taxonomy.KnowledgeBase, timings: Timings | None = None) -> Article:
    """read -> clean -> extract -> tag for one source, adding each stage's seconds to ``timings``."""
    timings = timings or Timings()
    with timings.stage("read"):
        source = read(shown, data)
    with timings.stage("clean"):
        cleaned = clean(source)
    with timings.stage("extract"):
        article = extract(cleaned)
    with timings.stage("tag"):
        return tag(article, kb)


def cached_process_source(
    shown: str, data: bytes, kb: taxonomy.KnowledgeBase, cache: ArticleCache | None, timings: Timings
) -> Article:
    """:func:`process_source`, skipped when the cache holds this source's article."""
    if cache is None:
        return process_source(shown, data, kb, timings)
    with timings.stage("cache"):
        key = cache.key(shown, data)
        article = cache.get(key, shown)
    if article is None:
        article = process_source(shown, data, kb, timings)
        with timings.stage("cache"):
            cache.put(key, article)
    return article


def build(
    root: Path,
    sources: Path,
    taxonomy_dir: Path | None = None,
    *,
    cache_dir: Path | None | bool = True,
    progress: Progress | None = None,
) -> Build:
    """Run the whole pipeline over ``sources`` with the knowledge base in ``taxonomy_dir``.

    ``cache_dir`` is the article cache's folder: ``True`` for ``.cache/briefing``
    under ``root``, ``None`` or ``False`` for no cache.
    """
    taxonomy_dir = taxonomy_dir or root / "taxonomy"
    progress = progress or Progress(enabled=False)
    timings = Timings()
    kb = taxonomy.load(taxonomy_dir, _shown(taxonomy_dir, root))
    problems: list[BriefingError] = list(kb.problems)
    files, skipped = discover(sources, root)
    problems += skipped
    cache = _open_cache(root, cache_dir, taxonomy_dir)
    articles: list[Article] = []
    progress.stage("read, clean, extract, tag", len(files))
    for shown, path in files:
        try:
            with timings.stage("read"):
                data = path.read_bytes()
            articles.append(cached_process_source(shown, data, kb, cache, timings))
        except SourceError as error:
            problems.append(error)
        progress.advance()
    if cache is not None:
        with timings.stage("cache"):
            cache.prune()
    slugs, collisions = assign_slugs({a.source: a.title for a in articles})
    for slug, paths in collisions:
        problems.append(
            SourceError(paths[1], None, f"same URL slug {slug!r} as {', '.join(paths[:1] + paths[2:])}", "give one of them a different title; built at distinct URLs meanwhile")
        )
    articles = [replace(a, slug=slugs[a.source]) for a in articles]
    progress.stage("relate")
    with timings.stage("relate"):
        related = relate(articles)
    progress.stage("render")
    with timings.stage("render"):
        pages = render(articles, related)
    hits, misses = (cache.hits, cache.misses) if cache else (0, len(articles))
    return Build(tuple(pages), tuple(articles), related, tuple(problems), timings.rounded(), hits, misses)


def _open_cache(root: Path, cache_dir: Path | None | bool, taxonomy_dir: Path) -> ArticleCache | None:
    """The article cache, salted with the knowledge base: editing it re-tags every source."""
    if cache_dir is None or cache_dir is False:
        return None
    folder = root / ".cache" / "briefing" if cache_dir is True else Path(cache_dir)
    return ArticleCache(folder, folder_fingerprint(taxonomy_dir))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
