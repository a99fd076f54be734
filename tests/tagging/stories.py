"""Stories made of a few paragraphs, and what tagging finds in them."""

from __future__ import annotations

from pathlib import Path

from briefing.model import Article, Block, Mention
from briefing.tagging.tag import tag

ROOT = Path(__file__).resolve().parents[2]


def article(*paragraphs: str, source: str = "sources/x.txt", authors: tuple[str, ...] = ()) -> Article:
    return Article(source=source, title="A story", body=tuple(Block("paragraph", p) for p in paragraphs), authors=authors)


def story(source: str, *paragraphs: str) -> Article:
    return article(*paragraphs, source=source)


def found(kb, *paragraphs: str, authors: tuple[str, ...] = ()) -> dict[str, Mention]:
    """Entity name -> mention for a story of ``paragraphs``."""
    return {m.entity: m for m in tag(article(*paragraphs, authors=authors), kb).mentions}


def kinds(kb, *paragraphs: str) -> dict[str, str]:
    """Entity name -> kind for a story of ``paragraphs``."""
    return {m.entity: m.kind for m in tag(article(*paragraphs), kb).mentions}
