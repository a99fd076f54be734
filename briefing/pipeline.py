"""The orchestrator: sources on disk -> generated pages, stage by stage.

This is the only module besides the hooks and the CLI that touches the file
system. A source that fails is reported and skipped; the rest still builds.
"""

from __future__ import annotations

import difflib
import hashlib
import time
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
from briefing.progress import Progress, Timings, peak_mb
from briefing.site import search
from briefing.site.memo import Memo
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
from briefing.workers import Workers, worker_count


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
    workers: int = 1
    """Processes that ran the per-source stages (1: this one alone)."""
    stories: tuple[search.Indexed, ...] = ()
    """What the search index and the topic chips need of each story (all the hooks keep through MkDocs' build)."""
    pages_reused: int = 0
    """Story pages, entity pages and feeds taken from the last build (:mod:`briefing.site.memo`)."""
    memory: dict[str, float] = field(default_factory=dict)
    """Peak resident memory (MB) of this process when each stage ended; ``workers``: the largest worker's."""


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


@dataclass(frozen=True, slots=True)
class Job:
    """One source for :func:`process_job`: its shown and real path, and its corrections with their bytes."""

    shown: str
    path: Path
    fixes: tuple[Corrections, bytes] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What :func:`process_job` made of one source: its article (None when it failed) and the problems with it."""

    article: Article | None
    problems: tuple[SourceError, ...]
    digest: str = ""
    """sha256 of the bytes read, so that the build keys the cache by what was processed."""
    seconds: tuple[tuple[str, float], ...] = ()
    peak: float = 0.0
    """The peak memory (MB) of the process that made it, so far."""


def process_job(job: Job, kb: taxonomy.KnowledgeBase, _context=None) -> Outcome:
    """Read one source and run :func:`process_source` over it, in a worker process or here.

    A failure becomes the :class:`SourceError` of that one file, never an exception:
    the source is skipped, the rest still builds.
    """
    timings = Timings()
    digest = ""
    try:
        with timings.stage("read"):
            data = read_source(job.shown, job.path)
        digest = hashlib.sha256(data).hexdigest()
        fixed = job.fixes[0] if job.fixes else None
        article = process_source(job.shown, data, kb, timings, fixed)
        warnings = unknown_tags(article, {t.name for t in kb.topics}, field_lines(data), fixed) if article.tags else []
        return Outcome(article, tuple(warnings), digest, tuple(timings.seconds.items()), peak_mb())
    except SourceError as error:
        return Outcome(None, error.every(), digest, tuple(timings.seconds.items()), peak_mb())
    except Exception as error:  # a bug met on one odd file must not stop the whole site
        return Outcome(None, (unexpected(job.shown, error),), digest, tuple(timings.seconds.items()), peak_mb())


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
    workers: int = 1
    """Processes that ran the per-source stages (1: this one alone)."""
    versions: dict[str, str] = field(default_factory=dict)
    """Each story's version by source path (with a cache only): a digest of everything its article was made from."""
    cache: ArticleCache | None = field(default=None, compare=False, repr=False)


def collect(
    root: Path,
    sources: Path,
    taxonomy_dir: Path | None = None,
    *,
    cache_dir: Path | None | bool = True,
    progress: Progress | None = None,
    timings: Timings | None = None,
    workers: int | str | None = None,
) -> Collection:
    """Every stage up to the site's stories: read, clean, extract, tag each source, tag across the
    collection, then set near-duplicates apart and give each story its slug.

    What the site shows of its stories and entities comes from here, and so does
    what ``briefing entities`` lists. ``cache_dir`` is the article cache's folder:
    ``True`` for ``.cache/briefing`` under ``root``, ``None`` or ``False`` for no cache.
    ``workers``: processes for the per-source stages (:func:`briefing.workers.worker_count`:
    ``None`` or ``"auto"`` for one per core, 1 for none); the result is the same with any number.
    """
    progress = progress or Progress(enabled=False)
    timings = timings if timings is not None else Timings()
    survey = _survey(root, sources, taxonomy_dir, cache_dir, timings)
    return _collect(survey, progress, timings, workers)


@dataclass(frozen=True, slots=True)
class _Survey:
    """What a build starts from: the knowledge base, the cache, and each source read and keyed (not processed)."""

    kb: taxonomy.KnowledgeBase
    cache: ArticleCache | None
    plan: tuple[tuple[Job, bool | None, str, tuple[BriefingError, ...]], ...]
    """``(job, in the cache? (None: unreadable), cache key, the file's problems so far)`` per source, in path order."""
    problems: tuple[BriefingError, ...]

    def digest(self, *more: str) -> str:
        """sha256 of every input of the build: the cache's salt (code, libraries, knowledge base), each source's key, every problem so far."""
        parts = [self.cache.salt if self.cache else "", *more, *(str(p) for p in self.problems)]
        parts += [f"{job.shown}\0{key}\0{hit is None}\0" + "\0".join(str(p) for p in own) for job, hit, key, own in self.plan]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _survey(root: Path, sources: Path, taxonomy_dir: Path | None, cache_dir: Path | None | bool, timings: Timings) -> _Survey:
    taxonomy_dir = taxonomy_dir or root / "taxonomy"
    kb = taxonomy.load(taxonomy_dir, shown_path(taxonomy_dir, root))
    problems: list[BriefingError] = list(kb.problems)
    files, skipped = find_sources(sources, root)
    problems += skipped
    paired, unpaired = find_corrections(sources, root, files)
    problems += unpaired
    cache = _open_cache(root, cache_dir, taxonomy_dir)
    return _Survey(kb, cache, tuple(_plan(files, paired, cache, timings)), tuple(problems))


def _collect(survey: _Survey, progress: Progress, timings: Timings, workers: int | str | None) -> Collection:
    kb, cache = survey.kb, survey.cache
    problems = list(survey.problems)
    keys: dict[str, str] = {}
    versions: dict[str, str] = {}
    with Workers(worker_count(workers), kb) as pool:
        articles, found = _per_source(survey.plan, kb, cache, keys, pool, progress, timings)
        problems += found
        progress.stage("tag across the collection")
        with timings.stage("tag"):
            articles = tag_with_collection(articles, kb, cache, keys, refresh=_events_and_quotes, map=pool.map, versions=versions)
    used = pool.count if pool.pooled_jobs else 1
    if any(a.candidates is None for a in articles) and (reason := model_layer.problem()) is not None:
        problems.append(ModelUnavailable(model_layer.MODEL, reason))  # once per build, not once per story
    if cache is not None:
        with timings.stage("cache"):
            cache.prune()
    # Near-duplicates go before slugs: a copy gets no page, so it claims no URL.
    progress.stage("clusters")
    with timings.stage("clusters"):
        known = cache.load_state(CLUSTERS) if cache is not None else None
        known = known if isinstance(known, dict) else {}
        copies = find_copies(articles, known)
        if cache is not None:
            cache.save_state(CLUSTERS, known)
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
    # A story's version: what its article was made from, down to its copies and address (see briefing.site.memo).
    versions = {
        a.source: ArticleCache.derived(versions[a.source], "story", repr(a.copies), a.slug, repr(a.redirect_from))
        for a in articles
        if a.source in versions
    }
    hits, misses = (cache.hits, cache.misses) if cache else (0, len(articles))
    return Collection(kb, tuple(articles), tuple(problems), hits, misses, used, versions, cache)


def _plan(files, paired, cache: ArticleCache | None, timings: Timings) -> list:
    """Each source read and keyed, to find what the cache lacks (see :attr:`_Survey.plan`)."""
    plan = []
    for shown, path in files:
        own: list[BriefingError] = []
        fixes = None
        if shown in paired:
            try:
                with timings.stage("read"):
                    fixes = load_corrections(*paired[shown])
            except SourceError as error:  # reported; the story is built from its source alone meanwhile
                own.append(error)
        if cache is None:
            plan.append((Job(shown, path, fixes), False, "", tuple(own)))
            continue
        try:
            with timings.stage("read"):
                data = read_source(shown, path)
        except SourceError as error:
            plan.append((Job(shown, path, fixes), None, "", (*own, *error.every())))
            continue
        with timings.stage("cache"):
            key = cache.key(shown, data, *([fixes[1]] if fixes else []))
            hit = cache.has(key)
        del data
        cache.misses += not hit
        plan.append((Job(shown, path, fixes), hit, key, tuple(own)))
    return plan


def _per_source(plan, kb, cache, keys, pool: Workers, progress: Progress, timings: Timings) -> tuple[list[Article], list[BriefingError]]:
    """Every source's article, in the order of ``plan`` (:attr:`_Survey.plan`): from the cache, else through :func:`process_job`.

    The sources the cache lacks are processed (in the worker processes when they
    are many) while the cached ones are loaded, in file order, and the new
    articles are cached here. The problems of each file keep their order.
    """
    progress.stage("read, clean, extract, tag", len(plan))
    missing = [job for job, hit, _, _ in plan if hit is False]
    started = time.perf_counter()
    outcomes = pool.map(process_job, missing)
    articles: list[Article] = []
    problems: list[BriefingError] = []
    for job, hit, key, own in plan:
        problems += own
        if hit is None:  # unreadable: its problem is in ``own``
            progress.advance()
            continue
        article = None
        if hit:
            with timings.stage("cache"):
                article = cache.get(key, job.shown)
            if article is not None:
                keys[job.shown] = key
                articles.append(article)
                problems += _cached_warnings(job, article, kb)
                progress.advance()
                continue
            outcome = process_job(job, kb)  # a damaged entry: processed again here
        else:
            outcome = next(outcomes)
        for stage, seconds in outcome.seconds:
            timings.seconds[stage] += seconds
        if pool.pooled_jobs:
            timings.peaks["workers"] = max(timings.peaks.get("workers", 0.0), outcome.peak)
        problems += outcome.problems
        if outcome.article is not None:
            articles.append(outcome.article)
            if cache is not None:
                with timings.stage("cache"):
                    # Keyed by the bytes the job read: a file edited meanwhile is cached under its new content.
                    keys[job.shown] = cache.key_of(job.shown, outcome.digest, *([job.fixes[1]] if job.fixes else []))
                    cache.put(keys[job.shown], outcome.article)
        progress.advance()
    timings.seconds["sources wall"] += time.perf_counter() - started
    return articles, problems


def _cached_warnings(job: Job, article: Article, kb: taxonomy.KnowledgeBase) -> list[SourceError]:
    """The unknown tags of a cached article (its source read again for the lines; tags are rare)."""
    if not article.tags:
        return []
    try:
        data = read_source(job.shown, job.path)
    except SourceError as error:
        return list(error.every())
    return unknown_tags(article, {t.name for t in kb.topics}, field_lines(data), job.fixes[0] if job.fixes else None)


def build(
    root: Path,
    sources: Path,
    taxonomy_dir: Path | None = None,
    site: Site = Site(),
    *,
    cache_dir: Path | None | bool = True,
    progress: Progress | None = None,
    workers: int | str | None = None,
    snapshot: bool = False,
) -> Build:
    """Run the whole pipeline over ``sources`` with the knowledge base in ``taxonomy_dir``: :func:`collect`,
    then relate the stories and render the site's pages.

    With the cache, pages whose inputs did not change since the last build are
    taken from it (:mod:`briefing.site.memo`). With ``snapshot`` too (the
    MkDocs hooks), a build whose inputs are all as last time returns the last
    build's pages, problems and :attr:`Build.stories` at once, with no
    articles (:attr:`Build.articles` is then empty).
    """
    progress = progress or Progress(enabled=False)
    timings = Timings()
    survey = _survey(root, sources, taxonomy_dir, cache_dir, timings)
    cache = survey.cache
    digest = survey.digest(repr(site)) if cache is not None and snapshot else ""
    if digest:
        with timings.stage("cache"):
            last = _last_build(cache, digest)
        if last is not None:
            return replace(last, timings=timings.rounded(), cache_hits=len(survey.plan), cache_misses=0, memory=timings.memory())
    collection = _collect(survey, progress, timings, workers)
    articles = list(collection.articles)
    progress.stage("relate")
    with timings.stage("relate"):
        related = relate(articles)
    progress.stage("render")
    store = cache.texts() if cache is not None else None
    memo = Memo(collection.versions, store) if store is not None else None
    with timings.stage("render"):
        pages = render(articles, related, collection.kb, site, memo)
    result = Build(
        tuple(pages),
        collection.articles,
        related,
        collection.problems,
        timings.rounded(),
        collection.cache_hits,
        collection.cache_misses,
        collection.workers,
        tuple(search.indexed(a) for a in articles),
        memo.reused if memo else 0,
    )
    if store is not None:
        with timings.stage("cache"):
            if digest:
                _keep_build(cache, store, digest, result)
            store.close()
    return replace(result, timings=timings.rounded(), memory=timings.memory())


def _keep_build(cache: ArticleCache, store, digest: str, result: Build) -> None:
    """Keep what the next build returns if none of its inputs changed: each page's text in ``store``, the rest in a state file."""
    pages = []
    for page in result.pages:
        key = "page:" + hashlib.sha256(page.markdown.encode()).hexdigest()
        store.put(key, page.markdown)
        pages.append((page.path, key, page.entity))
    kept = replace(result, pages=(), articles=(), related={}, timings={}, memory={})
    cache.save_state(SNAPSHOT, (digest, tuple(pages), kept))


def _last_build(cache: ArticleCache, digest: str) -> Build | None:
    """The last build, when its inputs' digest is ``digest`` and every page of it is still stored."""
    last = cache.load_state(SNAPSHOT)
    if not (isinstance(last, tuple) and len(last) == 3 and last[0] == digest and isinstance(last[2], Build)):
        return None
    store = cache.texts()
    pages = []
    for path, key, entity in last[1]:
        text = store.get(key)
        if text is None:
            store.close(prune=False)
            return None
        pages.append(Page(path, text, entity))
    store.close(prune=False)
    return replace(last[2], pages=tuple(pages))


CLUSTERS = "clusters.pickle"
"""Each body's shingle-set digest and MinHash signature, by the body's digest (:func:`find_copies`)."""
SNAPSHOT = "build.pickle"
"""The digest of the last build's inputs, its page list (texts in the cache's text store), problems and stories."""


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
