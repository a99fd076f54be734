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


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def build_index(site_dir: Path) -> Index:
    """Run Pagefind over the story pages of the built site in ``site_dir``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--glob", STORY_GLOB]
    # Permalink anchors (the pilcrow after each heading) are not words of the article.
    command += ["--exclude-selectors", ".headerlink", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"pagefind did not run ({error}); install it with pip install 'pagefind[bin]'") from None
    output = site_dir / BUNDLE
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SearchIndexError(f"pagefind failed: {detail[0]}; install it with pip install 'pagefind[bin]'")
    for pattern in UNUSED_UI:
        for path in output.glob(pattern):
            path.unlink()
    pages = sum(1 for _ in site_dir.glob(STORY_GLOB))
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    return Index(output, pages, size)


def available() -> bool:
    """Whether the Pagefind binary can run here."""
    try:
        return subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def remove_index(site_dir: Path) -> None:
    """Drop a stale index before a build writes a new one."""
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
