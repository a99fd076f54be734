"""The orchestrator: sources on disk -> generated pages, stage by stage.

This is the only module besides the hooks and the CLI that touches the file
system. A source that fails is reported and skipped; the rest still builds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import taxonomy
from .cluster import attach_copies, duplicate_warnings, find_copies
from .clean import clean
from .errors import BriefingError, ConfigError, SourceError
from .extract import extract
from .model import Article, Page, Relation, Site
from .quotes import quotes
from .read import kind_of, read
from .relate import relate
from .render import render
from .slugs import assign_slugs
from .tag import collection_names, tag
from .timeline import events


@dataclass(frozen=True, slots=True)
class Build:
    """What one run of the pipeline produced."""

    pages: tuple[Page, ...]
    articles: tuple[Article, ...]
    related: dict[str, tuple[Relation, ...]]
    problems: tuple[BriefingError, ...]


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


def process_source(shown: str, data: bytes, kb: taxonomy.KnowledgeBase) -> Article:
    """read -> clean -> extract -> tag for one source, then its dated events and quotes."""
    article = tag(extract(clean(read(shown, data))), kb)
    return replace(article, events=events(article), quotes=quotes(article))


def tag_with_collection(articles: list[Article], kb: taxonomy.KnowledgeBase) -> list[Article]:
    """Tag every article again with the names discovered anywhere in the collection (then its events and quotes)."""
    collection = collection_names(articles)
    retagged = []
    for article in articles:
        named = {m.entity for m in article.mentions}
        texts = [article.title, article.subtitle] + [block.text for block in article.body]
        if all(hit.entity in named for text in texts for hit in collection.find(text)):
            retagged.append(article)  # nothing new to find: skip the second tagging
            continue
        tagged = tag(article, kb, collection)
        if tagged.mentions != article.mentions:
            tagged = replace(tagged, events=events(tagged), quotes=quotes(tagged))
        retagged.append(tagged)
    return retagged


def build(root: Path, sources: Path, taxonomy_dir: Path | None = None, site: Site = Site()) -> Build:
    """Run the whole pipeline over ``sources`` with the knowledge base in ``taxonomy_dir``."""
    taxonomy_dir = taxonomy_dir or root / "taxonomy"
    kb = taxonomy.load(taxonomy_dir, _shown(taxonomy_dir, root))
    problems: list[BriefingError] = list(kb.problems)
    files, skipped = discover(sources, root)
    problems += skipped
    articles: list[Article] = []
    for shown, path in files:
        try:
            articles.append(process_source(shown, path.read_bytes(), kb))
        except SourceError as error:
            problems.append(error)
    articles = tag_with_collection(articles, kb)
    # Near-duplicates go before slugs: a copy gets no page, so it claims no URL.
    copies = find_copies(articles)
    problems += duplicate_warnings(copies)
    articles = attach_copies(articles, copies)
    slugs, collisions = assign_slugs({a.source: a.title for a in articles})
    for slug, paths in collisions:
        problems.append(
            SourceError(paths[1], None, f"same URL slug {slug!r} as {', '.join(paths[:1] + paths[2:])}", "give one of them a different title; built at distinct URLs meanwhile")
        )
    articles = [replace(a, slug=slugs[a.source]) for a in articles]
    related = relate(articles)
    pages = render(articles, related, kb, site)
    return Build(tuple(pages), tuple(articles), related, tuple(problems))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
