"""The orchestrator: sources on disk -> generated pages, stage by stage.

This is the only module besides the hooks and the CLI that touches the file
system. A source that fails is reported and skipped; the rest still builds.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.knowledge import taxonomy
from briefing.cache import ArticleCache, folder_fingerprint
from briefing.analysis.clusters import attach_copies, duplicate_warnings, find_copies
from briefing.cleaning.clean import clean
from briefing.errors import BriefingError, ConfigError, SourceError
from briefing.cleaning.extract import extract
from briefing.model import Article, Page, Relation, Site
from briefing.progress import Progress, Timings
from briefing.analysis.quotes import quotes
from briefing.sources.read import MAX_SOURCE_BYTES, kind_of, read, too_large
from briefing.analysis.relate import relate
from briefing.site.render import render
from briefing.slugs import assign_slugs
from briefing.tagging.collection import tag_with_collection
from briefing.tagging.tag import tag
from briefing.analysis.timeline import events


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


JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})
"""Files operating systems leave behind; ignored like hidden files."""
JUNK_SUFFIXES = (".swp", ".swo", ".tmp", ".bak", ".orig", ".part", ".crdownload", "~")
"""Editor, download and backup leftovers; ignored."""


def discover(sources: Path, root: Path) -> tuple[list[tuple[str, Path]], list[SourceError]]:
    """Source files under ``sources``, sorted by path, as ``(shown path, real path)``.

    Hidden files (``.DS_Store``) and junk (``Thumbs.db``, ``*~``, ``*.swp``)
    are ignored. Symbolic links are reported and not followed: a link could
    pull any file of the machine into the site. Other files that are not
    sources are reported, so that nothing dropped into ``sources/`` is lost
    without a word.
    """
    if not sources.is_dir():
        raise ConfigError(f"{_shown(sources, root)}: sources folder not found; create it or set extra.briefing.sources in mkdocs.yml")
    found: list[tuple[str, Path]] = []
    problems: list[SourceError] = []
    for directory, dirnames, filenames in os.walk(sources):
        here = Path(directory)
        for name in sorted(dirnames):
            if not name.startswith(".") and (here / name).is_symlink():
                problems.append(_not_followed(_shown(here / name, root)))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            if _is_junk(name):
                continue
            path = here / name
            shown = _shown(path, root)
            if path.is_symlink():
                problems.append(_not_followed(shown))
            elif problem := _bad_name(shown, name):
                problems.append(problem)
            elif kind_of(name) is None:
                problems.append(SourceError(shown, 1, "not a kind of source the pipeline reads", "use .txt, .md or .html, or move the file out of sources/"))
            else:
                found.append((shown, path))
    found.sort(key=lambda item: item[0])
    problems.sort(key=lambda error: error.path)
    return found, problems


def _is_junk(name: str) -> bool:
    return name.startswith(".") or name.lower() in JUNK_NAMES or name.lower().endswith(JUNK_SUFFIXES)


def _bad_name(shown: str, name: str) -> SourceError | None:
    """A file name that cannot be shown safely: not UTF-8, or holding control or invisible characters."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.walk gives undecodable bytes as lone surrogates
        return SourceError(shown, 1, "the file name is not valid UTF-8", "rename the file")
    if not name.isprintable():
        return SourceError(shown, 1, "the file name holds control or invisible characters", "rename the file")
    return None


def _not_followed(shown: str) -> SourceError:
    return SourceError(shown, 1, "is a symbolic link, not followed", "copy the file into sources/ instead")


def read_source(shown: str, path: Path) -> bytes:
    """The bytes of one source, its size checked before reading; never follows a link.

    Opening with ``O_NOFOLLOW`` closes the gap between ``discover`` and now,
    and only a regular file is read (a named pipe would block the build).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise SourceError(shown, 1, f"cannot be opened ({error.strerror})", "check that the file exists and is readable") from None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise SourceError(shown, 1, "is not a regular file", "put only article files in sources/")
        if error := too_large(shown, status.st_size):
            raise error
        try:
            return handle.read(MAX_SOURCE_BYTES + 1)
        except OSError as error:
            raise SourceError(shown, 1, f"cannot be read ({error.strerror})", "check that the file is readable") from None


def process_source(shown: str, data: bytes, kb: taxonomy.KnowledgeBase, timings: Timings | None = None) -> Article:
    """read -> clean -> extract -> tag for one source, then its dated events and quotes.

    Each stage's seconds are added to ``timings``.
    """
    timings = timings or Timings()
    with timings.stage("read"):
        source = read(shown, data)
    with timings.stage("clean"):
        cleaned = clean(source)
    with timings.stage("extract"):
        article = extract(cleaned)
    with timings.stage("tag"):
        article = tag(article, kb)
    with timings.stage("events and quotes"):
        return replace(article, events=events(article), quotes=quotes(article))


def cached_process_source(
    shown: str, data: bytes, kb: taxonomy.KnowledgeBase, cache: ArticleCache | None, timings: Timings, key: str = ""
) -> Article:
    """:func:`process_source`, skipped when the cache holds this source's article (under ``key``, if given)."""
    if cache is None:
        return process_source(shown, data, kb, timings)
    with timings.stage("cache"):
        key = key or cache.key(shown, data)
        article = cache.get(key, shown)
    if article is None:
        article = process_source(shown, data, kb, timings)
        with timings.stage("cache"):
            cache.put(key, article)
    return article


def _process(
    shown: str, path: Path, kb: taxonomy.KnowledgeBase, cache: ArticleCache | None, timings: Timings, keys: dict[str, str]
) -> Article:
    """One source, any failure turned into a :class:`SourceError` so that it stays one file's problem.

    Its cache key goes into ``keys``, for the results derived from it later.
    """
    try:
        with timings.stage("read"):
            data = read_source(shown, path)
        if cache is None:
            return process_source(shown, data, kb, timings)
        with timings.stage("cache"):
            keys[shown] = cache.key(shown, data)
        return cached_process_source(shown, data, kb, cache, timings, keys[shown])
    except SourceError:
        raise
    except Exception as error:  # a bug met on one odd file must not stop the whole site
        raise SourceError(
            shown, 1, f"could not be processed ({type(error).__name__}: {error})", "report this with the file as a briefing bug"
        ) from error


def _events_and_quotes(article: Article) -> Article:
    """``article`` with its dated events and quotes computed again (its mentions changed in the collection pass)."""
    return replace(article, events=events(article), quotes=quotes(article))


def build(
    root: Path,
    sources: Path,
    taxonomy_dir: Path | None = None,
    site: Site = Site(),
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
    keys: dict[str, str] = {}
    for shown, path in files:
        try:
            articles.append(_process(shown, path, kb, cache, timings, keys))
        except SourceError as error:
            problems.append(error)
        progress.advance()
    progress.stage("tag across the collection")
    with timings.stage("tag"):
        articles = tag_with_collection(articles, kb, cache, keys, refresh=_events_and_quotes)
    if cache is not None:
        with timings.stage("cache"):
            cache.prune()
    # Near-duplicates go before slugs: a copy gets no page, so it claims no URL.
    progress.stage("clusters")
    with timings.stage("clusters"):
        copies = find_copies(articles)
    problems += duplicate_warnings(copies)
    articles = attach_copies(articles, copies)
    slugs, collisions = assign_slugs({a.source: a.title for a in articles})
    for slug, paths in collisions:
        problems.append(
            SourceError(paths[1], 1, f"same URL slug {slug!r} as {', '.join(paths[:1] + paths[2:])}", "give one of them a different title; built at distinct URLs meanwhile")
        )
    articles = [replace(a, slug=slugs[a.source]) for a in articles]
    progress.stage("relate")
    with timings.stage("relate"):
        related = relate(articles)
    progress.stage("render")
    with timings.stage("render"):
        pages = render(articles, related, kb, site)
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
