"""What ``sources/`` already holds, for spotting duplicates.

``briefing add`` refuses an article that is already a source and ``briefing
check`` reports two sources holding the same article. Both compare the same
three keys: the file's bytes, the cleaned text, and the article's URL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import SourceError
from briefing.model import Article
from briefing.pipeline import article_of, load_corrections
from briefing.sources.files import find_corrections, find_sources, read_source


@dataclass(frozen=True, slots=True)
class Known:
    """One readable source and its duplicate keys."""

    path: str
    sha256: str
    """Hash of the file's bytes."""
    content: str
    """Hash of the cleaned body text (see :func:`content_hash`); empty for an empty body."""
    url: str


def content_hash(article: Article) -> str:
    """Hash of the article's body text, ignoring case, spacing and markup kind.

    Two files holding the same article hash alike even when one is the raw
    ``.txt`` scrape and the other the ``.md`` that ``briefing add`` made of it.
    """
    words = " ".join(" ".join(block.text.split()) for block in article.body).casefold()
    return hashlib.sha256(words.encode("utf-8")).hexdigest() if words else ""


def normal_url(url: str) -> str:
    """A URL compared loosely: no fragment, no trailing slash, host in lower case."""
    url = url.strip().split("#", 1)[0].rstrip("/")
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}"


def entry(shown: str, data: bytes, article: Article) -> Known:
    """The duplicate keys of one source."""
    return Known(shown, hashlib.sha256(data).hexdigest(), content_hash(article), normal_url(article.url))


def scan(sources: Path, root: Path) -> list[Known]:
    """Entries of every readable source under ``sources``, sorted by path; unreadable ones are left out."""
    files, _ = find_sources(sources, root)
    paired, _ = find_corrections(sources, root, files)
    entries = []
    for shown, path in files:
        try:
            data = read_source(shown, path)
        except SourceError:
            continue  # `briefing check` reports it; it cannot be a duplicate of anything
        try:
            fixes = load_corrections(*paired[shown])[0] if shown in paired else None
        except SourceError:
            fixes = None  # `briefing check` reports it; the source alone still counts
        try:
            article = article_of(shown, data, fixes=fixes)
        except Exception:  # noqa: BLE001 (a SourceError, or a bug met on one odd file: `briefing check` reports it)
            continue  # it cannot be a duplicate of anything, and must not block adding another file
        entries.append(entry(shown, data, article))
    return entries


def duplicate_of(candidate: Known, known: list[Known]) -> tuple[Known, str] | None:
    """The first known entry holding the same article as ``candidate``, and why, or None."""
    for other in known:
        if other.path == candidate.path:
            continue
        if other.sha256 == candidate.sha256:
            return other, "same file content"
        if candidate.content and other.content == candidate.content:
            return other, "same article text"
        if candidate.url and other.url == candidate.url:
            return other, f"same url {candidate.url}"
    return None
