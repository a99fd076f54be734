"""The orchestrator: sources on disk -> generated pages, stage by stage.

This is the only module besides the hooks and the CLI that touches the file
system. A source that fails is reported and skipped; the rest still builds.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.analysis.clusters import attach_copies, duplicate_warnings, find_copies
from briefing.analysis.events import events
from briefing.analysis.quotes import quotes
from briefing.analysis.relate import relate
from briefing.cache import ArticleCache, folder_fingerprint
from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.errors import BriefingError, ModelUnavailable, SourceError
from briefing.knowledge import taxonomy
from briefing.model import Article, Page, Relation, Site, Source
from briefing.progress import Progress, Timings
from briefing.site.render import render
from briefing.slugs import RESERVED, assign_slugs, story_name
from briefing.sources import corrections
from briefing.sources.corrections import Corrections
from briefing.sources.files import (
    find_corrections,
    find_sources,
    read_source,
    shown_path,
)
from briefing.sources.read import field_lines, read
from briefing.tagging import model_layer
from briefing.tagging.collection import tag_with_collection
from briefing.tagging.tag import tag


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


def article_of(shown: str, data: bytes, timings: Timings | None = None, fixes: Corrections | None = None) -> Article:
    """read -> clean -> extract for one source: the article as the site will show it, before tagging.

    ``fixes`` are the source's corrections, laid over what the source says.
    Every command that looks at a source's article (``check``, ``clean``, ``add``)
    goes through here, so it sees what the build sees.
    """
    timings = timings or Timings()
    with timings.stage("read"):
        source = corrections.apply(read(shown, data), fixes)
    return article_from(source, timings)


def article_from(source: Source, timings: Timings | None = None) -> Article:
    """clean -> extract for a source already read."""
    timings = timings or Timings()
    with timings.stage("clean"):
        cleaned = clean(source)
    with timings.stage("extract"):
        return extract(cleaned)


def process_source(
    shown: str, data: bytes, kb: taxonomy.KnowledgeBase, timings: Timings | None = None, fixes: Corrections | None = None
) -> Article:
    """read -> clean -> extract -> tag for one source (with its corrections), then its dated events and quotes.

    Each stage's seconds are added to ``timings``.
    """
    timings = timings or Timings()
    article = article_of(shown, data, timings, fixes)
    with timings.stage("tag"):
        article = tag(article, kb)
    with timings.stage("events and quotes"):
        return replace(article, events=events(article), quotes=quotes(article))


def cached_process_source(
    shown: str,
    data: bytes,
    kb: taxonomy.KnowledgeBase,
    cache: ArticleCache | None,
    timings: Timings,
    key: str = "",
    fixes: tuple[Corrections, bytes] | None = None,
) -> Article:
    """:func:`process_source`, skipped when the cache holds this source's article (under ``key``, if given).

    ``fixes`` are the source's corrections and the bytes of their file, which are part of the key.
    """
    parsed = fixes[0] if fixes else None
    if cache is None:
        return process_source(shown, data, kb, timings, parsed)
    with timings.stage("cache"):
        key = key or cache.key(shown, data, *([fixes[1]] if fixes else []))
        article = cache.get(key, shown)
    if article is None:
        article = process_source(shown, data, kb, timings, parsed)
        with timings.stage("cache"):
            cache.put(key, article)
    return article


def _process(
    shown: str,
    path: Path,
    kb: taxonomy.KnowledgeBase,
    cache: ArticleCache | None,
    timings: Timings,
    keys: dict[str, str],
    fixes: tuple[Corrections, bytes] | None = None,
) -> tuple[Article, list[SourceError]]:
    """One source and the warnings about it (unknown tags); any failure turned into a :class:`SourceError`
    so that it stays one file's problem.

    Its cache key goes into ``keys``, for the results derived from it later.
    """
    try:
        with timings.stage("read"):
            data = read_source(shown, path)
        if cache is None:
            article = process_source(shown, data, kb, timings, fixes[0] if fixes else None)
        else:
            with timings.stage("cache"):
                keys[shown] = cache.key(shown, data, *([fixes[1]] if fixes else []))
            article = cached_process_source(shown, data, kb, cache, timings, keys[shown], fixes)
        topics = {topic.name for topic in kb.topics}
        return article, unknown_tags(article, topics, field_lines(data), fixes[0] if fixes else None) if article.tags else []
    except SourceError:
        raise
    except Exception as error:  # a bug met on one odd file must not stop the whole site
        raise unexpected(shown, error) from error


def unknown_tags(
    article: Article, topics: set[str] | frozenset[str], lines: dict[str, int], fixed: Corrections | None = None
) -> list[SourceError]:
    """A problem for each tag of ``article`` that is no topic of the knowledge base, at the line that gives it.

    ``lines`` gives the line of each front matter field of the source (:func:`field_lines`); tags set
    in its corrections file (``fixed``) are reported there. The build warns (``--strict`` fails) and
    ``briefing check`` errs on the same tags.
    """
    where, line = article.source, lines.get("tags", 1)
    if fixed is not None and "tags" in fixed.fields:
        where, line = fixed.path, fixed.lines.get("tags", 1)
    problems = []
    for name in article.tags:
        if name not in topics:
            close = difflib.get_close_matches(name, sorted(topics), n=1)
            todo = f"did you mean {close[0]!r}?" if close else "use a topic of taxonomy/topics.yml or add the topic there"
            problems.append(SourceError(where, line, f"unknown tag {name!r}", todo))
    return problems


def unexpected(shown: str, error: Exception) -> SourceError:
    """The problem to report for a source on which a stage failed unexpectedly: one file's problem, never a traceback."""
    what = " ".join(str(error).split())[:300]
    return SourceError(shown, 1, f"could not be processed ({type(error).__name__}: {what})", "report this with the file as a briefing bug")


def _events_and_quotes(article: Article) -> Article:
    """``article`` with its dated events and quotes computed again (its mentions changed in the collection pass)."""
    return replace(article, events=events(article), quotes=quotes(article))


@dataclass(frozen=True, slots=True)
class Collection:
    """The stories of one run, read, tagged across the collection, with copies attached and slugs given."""

    kb: taxonomy.KnowledgeBase
    articles: tuple[Article, ...]
    problems: tuple[BriefingError, ...]
    cache_hits: int = 0
    cache_misses: int = 0


def collect(
    root: Path,
    sources: Path,
    taxonomy_dir: Path | None = None,
    *,
    cache_dir: Path | None | bool = True,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> Collection:
    """Every stage up to the site's stories: read, clean, extract, tag each source, tag across the
    collection, then set near-duplicates apart and give each story its slug.

    What the site shows of its stories and entities comes from here, and so does
    what ``briefing entities`` lists. ``cache_dir`` is the article cache's folder:
    ``True`` for ``.cache/briefing`` under ``root``, ``None`` or ``False`` for no cache.
    """
    taxonomy_dir = taxonomy_dir or root / "taxonomy"
    progress = progress or Progress(enabled=False)
    timings = timings if timings is not None else Timings()
    kb = taxonomy.load(taxonomy_dir, shown_path(taxonomy_dir, root))
    problems: list[BriefingError] = list(kb.problems)
    files, skipped = find_sources(sources, root)
    problems += skipped
    paired, unpaired = find_corrections(sources, root, files)
    problems += unpaired
    cache = _open_cache(root, cache_dir, taxonomy_dir)
    articles: list[Article] = []
    progress.stage("read, clean, extract, tag", len(files))
    keys: dict[str, str] = {}
    for shown, path in files:
        fixes = None
        if shown in paired:
            try:
                with timings.stage("read"):
                    fixes = load_corrections(*paired[shown])
            except SourceError as error:  # reported; the story is built from its source alone meanwhile
                problems.append(error)
        try:
            article, warnings = _process(shown, path, kb, cache, timings, keys, fixes)
        except SourceError as error:
            problems += error.every()
        else:
            articles.append(article)
            problems += warnings
        progress.advance()
    progress.stage("tag across the collection")
    with timings.stage("tag"):
        articles = tag_with_collection(articles, kb, cache, keys, refresh=_events_and_quotes)
    if any(a.candidates is None for a in articles) and (reason := model_layer.problem()) is not None:
        problems.append(ModelUnavailable(model_layer.MODEL, reason))  # once per build, not once per story
    if cache is not None:
        with timings.stage("cache"):
            cache.prune()
    # Near-duplicates go before slugs: a copy gets no page, so it claims no URL.
    progress.stage("clusters")
    with timings.stage("clusters"):
        copies = find_copies(articles)
    problems += duplicate_warnings(copies)
    articles = attach_copies(articles, copies)
    # A story's address comes from its file's name, never from its title: correcting the title keeps every link.
    slugs, collisions = assign_slugs({a.source: story_name(a.source) for a in articles})
    for slug, paths in collisions:
        problems.append(
            SourceError(paths[1], 1, f"same story address {slug!r} as {', '.join(paths[:1] + paths[2:])}", "rename one of the files; built at distinct addresses meanwhile")
        )
    articles = [replace(a, slug=slugs[a.source]) for a in articles]
    articles, clashes = _kept_redirects(articles)
    problems += clashes
    hits, misses = (cache.hits, cache.misses) if cache else (0, len(articles))
    return Collection(kb, tuple(articles), tuple(problems), hits, misses)


def build(
    root: Path,
    sources: Path,
    taxonomy_dir: Path | None = None,
    site: Site = Site(),
    *,
    cache_dir: Path | None | bool = True,
    progress: Progress | None = None,
) -> Build:
    """Run the whole pipeline over ``sources`` with the knowledge base in ``taxonomy_dir``: :func:`collect`,
    then relate the stories and render the site's pages."""
    progress = progress or Progress(enabled=False)
    timings = Timings()
    collection = collect(root, sources, taxonomy_dir, cache_dir=cache_dir, progress=progress, timings=timings)
    articles = list(collection.articles)
    progress.stage("relate")
    with timings.stage("relate"):
        related = relate(articles)
    progress.stage("render")
    with timings.stage("render"):
        pages = render(articles, related, collection.kb, site)
    return Build(
        tuple(pages), collection.articles, related, collection.problems, timings.rounded(), collection.cache_hits, collection.cache_misses
    )


def _kept_redirects(articles: list[Article]) -> tuple[list[Article], list[SourceError]]:
    """Stories with only the former addresses no live story or earlier claim holds; the others reported."""
    taken = {a.slug for a in articles} | set(RESERVED)
    claimed: dict[str, str] = {}
    kept, problems = [], []
    for article in sorted(articles, key=lambda a: a.source):
        keep = []
        for old in article.redirect_from:
            if old in taken:
                owner = next((a.source for a in articles if a.slug == old), "the list of stories")
                problems.append(SourceError(article.source, 1, f"redirect_from {old!r} is the address of {owner}", "remove it from redirect_from"))
            elif old in claimed:
                problems.append(
                    SourceError(article.source, 1, f"redirect_from {old!r} already sends readers to {claimed[old]}", "remove it from one of them")
                )
            else:
                claimed[old] = article.source
                keep.append(old)
        kept.append(replace(article, redirect_from=tuple(keep)))
    order = {a.source: i for i, a in enumerate(articles)}
    return sorted(kept, key=lambda a: order[a.source]), problems


def load_corrections(shown: str, path: Path) -> tuple[Corrections, bytes]:
    """A source's corrections file, read through the guarded reader and parsed, with its bytes (for the cache key)."""
    data = read_source(shown, path)
    return corrections.read_corrections(shown, data), data


def _open_cache(root: Path, cache_dir: Path | None | bool, taxonomy_dir: Path) -> ArticleCache | None:
    """The article cache, salted with the knowledge base: editing it re-tags every source."""
    if cache_dir is None or cache_dir is False:
        return None
    folder = root / ".cache" / "briefing" if cache_dir is True else Path(cache_dir)
    return ArticleCache(folder, folder_fingerprint(taxonomy_dir))
