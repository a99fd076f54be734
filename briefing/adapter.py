"""What the MkDocs hooks call: configuration and one pipeline run per build.

Options live under ``extra.briefing`` in ``mkdocs.yml`` (MkDocs rejects unknown
top-level keys); see :class:`Options`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from briefing import pipeline
from briefing.errors import ConfigError
from briefing.markup import attribute, sanitise_html
from briefing.model import Page, Site
from briefing.progress import Progress, peak_mb
from briefing.site import paths, search
from briefing.site.paths import story_path
from briefing.workers import worker_count

__all__ = ["ConfigError", "Options", "Session", "configure", "run", "staged", "watched"]

STAGED = Path(".cache") / "briefing" / "pages"
"""Where generated pages wait for MkDocs, under the project: one file per page text, named by its digest."""
STAGED_KEPT_SECONDS = 3600
"""A staged page no build used for this long is removed (a build running beside this one may still read its own)."""

TIMINGS_ENV = "BRIEFING_TIMINGS"
"""If set, the path of a JSON file that receives each build's seconds per stage (for ``make bench``),
its peak memory when each stage ended (``memory``, MB), the workers used and the pages reused."""


@dataclass(frozen=True, slots=True)
class Options:
    """Options of ``extra.briefing`` in ``mkdocs.yml``."""

    sources: str = "sources"
    """Folder of source articles, relative to mkdocs.yml."""
    taxonomy: str = "taxonomy"
    """Folder of the knowledge base (entities.yml, topics.yml), relative to mkdocs.yml."""
    workers: str = "auto"
    """Processes for the per-source stages (read, clean, extract, tag, events, quotes): ``auto`` for one
    per core, or a whole number from 1 (1: none besides MkDocs' own). The site is the same with any number."""


def options(config) -> Options:
    raw = (config.get("extra") or {}).get("briefing") or {}
    if not isinstance(raw, dict):
        raise ConfigError("mkdocs.yml: extra.briefing must be a mapping; write 'sources: sources' under it")
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"mkdocs.yml: unknown option extra.briefing.{unknown[0]}; the options are {', '.join(sorted(known))}"
        )
    if "workers" in raw:
        # Raises ConfigError for anything but auto or a whole number from 1 (an empty value included).
        worker_count("" if raw["workers"] is None else raw["workers"])
    return Options(**{k: str(v) for k, v in raw.items()})


def root_of(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def configure(config) -> Options:
    """Check the options and that the sources folder exists."""
    opts = options(config)
    root = root_of(config)
    sources = root / opts.sources
    if not sources.is_dir():
        raise ConfigError(f"{opts.sources}: sources folder not found at {sources}; create it or set extra.briefing.sources in mkdocs.yml")
    return opts


def site_of(config) -> Site:
    return Site(url=config.get("site_url") or "", directory_urls=bool(config.get("use_directory_urls", True)))


def run(config, progress: Progress | None = None) -> pipeline.Build:
    opts = options(config)
    root = root_of(config)
    return pipeline.build(root, root / opts.sources, root / opts.taxonomy, site_of(config), progress=progress, workers=opts.workers, snapshot=True)


@dataclass(frozen=True, slots=True)
class TopicTag:
    """A story's topic as Material's tags partial shows it: a chip linking to the topic's page."""

    name: str
    """Escaped: the template prints it as it is."""
    url: str
    """Where the topic's page is served, from the site root (the template makes it relative)."""
    hidden: bool = False


class Session:
    """One MkDocs build as the hooks see it: the pipeline's result, progress, seconds per stage."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.progress = Progress()
        self.stories: dict[str, search.Indexed] = {}
        self.entities: dict[str, str] = {}
        """Entity page path -> the entity's name."""
        self.digests: dict[str, str] = {}
        self.root: Path | None = None
        self.site = Site()
        self.timings: dict[str, float] = {}
        self.pipeline_seconds = 0.0
        self.hook_seconds = 0.0
        """Seconds in our page hooks (sanitising, search markup): spent inside MkDocs' own time."""
        self.pages_written = 0
        self.pages_total = 0
        self.memory: dict[str, float] = {}
        self.extra: dict[str, float] = {}

    def run(self, config) -> pipeline.Build:
        """Run the pipeline; remember which generated page shows which story."""
        start = time.perf_counter()
        self.root = root_of(config)
        self.site = site_of(config)
        result = run(config, self.progress)
        self.progress.done()  # clear the status line before the hooks log any problem
        self.pipeline_seconds = time.perf_counter() - start
        self.timings = dict(result.timings)
        self.memory = dict(result.memory)
        self.extra = {"workers": result.workers, "pages reused": result.pages_reused, "cache hits": result.cache_hits}

        # Only what the index and the topic chips need: the articles' text is not kept through MkDocs' build.
        self.stories = {story_path(a): a for a in result.stories}
        self.entities = {page.path: page.entity for page in result.pages if page.entity}
        return result

    def expect_pages(self, total: int) -> None:
        """MkDocs is about to convert ``total`` pages to HTML, then put each into its template."""
        self.pages_total = total
        self.progress.stage("mkdocs: Markdown to HTML", total)

    def page_content(self, html: str, src_uri: str, generated: bool = False) -> str:
        """A page's HTML, sanitised when ``generated`` from sources, then marked up for the search index
        when it is a story or an entity page."""
        self.progress.advance()
        start = time.perf_counter()
        try:
            return self._page_content(sanitise_html(html) if generated else html, src_uri)
        finally:
            self.hook_seconds += time.perf_counter() - start

    def _page_content(self, html: str, src_uri: str) -> str:
        article = self.stories.get(src_uri)
        if article is None:
            name = self.entities.get(src_uri)
            if name is None:
                return html
            self.digests[search.ENTITY_KEY + src_uri.split("/")[-1].removesuffix(".md")] = search.entity_digest(html, name)
            return search.entity_markup(html, name)
        self.digests[article.slug] = search.indexed_digest(html, article)
        return search.story_markup(html, article)

    def topic_tags(self, src_uri: str) -> list[TopicTag]:
        """The topics of the story page ``src_uri``, each linking to its topic page; [] for other pages."""
        article = self.stories.get(src_uri)
        if article is None:
            return []
        return [TopicTag(attribute(topic), paths.url_of(paths.topic_path(topic), self.site)) for topic in article.topics]

    def page_written(self) -> None:
        """MkDocs put one more page into its template."""
        if not self.pages_written:
            self.progress.stage("mkdocs: pages into templates", self.pages_total)
        self.pages_written += 1
        self.progress.advance()

    def post_build(self, config) -> str | None:
        """Build the search index; return a warning when that failed."""
        self.timings["mkdocs"] = round(time.perf_counter() - self.started - self.pipeline_seconds, 3)
        self.timings["hooks"] = round(self.hook_seconds, 3)
        self.memory["mkdocs"] = round(peak_mb(), 1)

        self.progress.stage("search index")
        start = time.perf_counter()
        try:
            cache = self.root / ".cache" / "briefing" / "search" if self.root else None
            index = search.build_index(
                Path(config["site_dir"]), digests=self.digests, cache_dir=cache, directory_urls=self.site.directory_urls
            )
            problem = None
        except search.SearchIndexError as error:
            index, problem = None, str(error)
        if index is not None and self.stories and not index.pages:
            # Pagefind indexes story pages at stories/<slug>/index.html; with use_directory_urls: false there are none.
            problem = (
                f"no search index was built for the {len(self.stories)} stories (with use_directory_urls: false the story pages are not "
                "where the indexer looks); search will not answer: set use_directory_urls: true in mkdocs.yml"
            )
        self.timings["search"] = round(time.perf_counter() - start, 3)
        self.progress.done(f"{len(self.stories)} stories" + (f", search index {index.bytes / 1e6:.1f} MB" if index else ""))
        self._write_timings()
        return problem

    def _write_timings(self) -> None:
        target = os.environ.get(TIMINGS_ENV)
        if target:
            record = {**self.timings, "memory": self.memory, **self.extra}
            Path(target).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def staged(root: Path | None, pages: Sequence[Page]) -> Iterator[tuple[Page, Path | None]]:
    """Each page with the file MkDocs should read it from, or None to hand it over in memory.

    MkDocs keeps a generated file's content for the whole build, beside the
    Markdown and HTML it makes of it, so a page given as a string is held
    twice (at 1,000 stories some 230 MB). Written under :data:`STAGED`, a page
    is read when MkDocs renders it, as a hand-written page is, and a feed is
    copied from disk. Files are named by the digest of their text and written
    whole (a temporary file, then a rename), so an unchanged page is not
    written again and two builds side by side never read each other's half
    page. A folder that cannot be written leaves every page in memory.
    """
    folder = root / STAGED if root is not None else None
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = None
    used: set[str] = set()
    for page in pages:
        yield page, _stage(folder, page, used) if folder is not None else None
    if folder is not None:
        _prune(folder, used)


def _stage(folder: Path, page: Page, used: set[str]) -> Path | None:
    data = page.markdown.encode("utf-8")
    target = folder / (hashlib.sha256(data).hexdigest() + (".md" if page.path.endswith(".md") else ".bin"))
    try:
        if target.is_file() and target.stat().st_size == len(data):
            os.utime(target)
        else:
            temporary = folder / f".{target.name}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            os.replace(temporary, target)
    except OSError:
        return None
    used.add(target.name)
    return target


def _prune(folder: Path, used: set[str]) -> None:
    """Remove the staged pages no build used for :data:`STAGED_KEPT_SECONDS`."""
    old = time.time() - STAGED_KEPT_SECONDS
    try:
        for entry in os.scandir(folder):
            if entry.name not in used and entry.stat(follow_symlinks=False).st_mtime < old:
                os.unlink(entry.path)
    except OSError:
        pass


def watched(config) -> list[Path]:
    opts = options(config)
    root = root_of(config)
    return [root / opts.sources, root / opts.taxonomy]
