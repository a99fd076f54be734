"""Stage 3, extract: :class:`CleanText` -> :class:`Article`.

Decides the article's metadata. Front matter always wins, field by field,
over what the cleaner found in the text; a value nobody gave stays empty.
"""

from __future__ import annotations

import datetime as dt

from briefing.cleaning.lines import byline_names
from briefing.errors import SourceError
from briefing.model import Article, CleanText
from briefing.slugs import address_slug
from briefing.sources.read import MIN_YEAR

MAX_TITLE = 300
"""A first line longer than this is not a headline; it is cut at a word (a hostile 2 MB line would be printed on every list)."""


def extract(clean: CleanText) -> Article:
    """Build the :class:`Article` from the cleaned text and the front matter."""
    source = clean.source
    meta = source.front_matter
    blocks = clean.blocks
    authors = clean.authors
    if not authors:
        authors, blocks = _byline(blocks)
    title = _at_most(_text(meta, "title", source.path) or clean.title or _fallback_title(source.path), MAX_TITLE)
    return Article(
        source=source.path,
        title=title,
        subtitle=_text(meta, "subtitle", source.path) or clean.subtitle,
        authors=_names(meta, "authors", source.path) or authors,
        publisher=_text(meta, "publisher", source.path) or clean.publisher,
        date=_date(meta, source.path) or _plausible(clean.date),
        url=_text(meta, "url", source.path) or clean.url,
        language=_text(meta, "language", source.path),
        tags=_names(meta, "tags", source.path),
        redirect_from=tuple(dict.fromkeys(slug for old in _names(meta, "redirect_from", source.path) if (slug := address_slug(old)))),
        body=blocks,
        removed=clean.removed,
    )


def _byline(blocks):
    """Authors from a ``By A, B`` line among the first blocks, which then leaves the body."""
    for index, block in enumerate(blocks[:6]):
        if block.kind == "paragraph" and (names := byline_names(block.text)):
            return names, blocks[:index] + blocks[index + 1 :]
    return (), blocks


def _at_most(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _fallback_title(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip() or path


def _text(meta, key: str, path: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise SourceError(path, None, f"front matter {key!r} must be text", f"write {key}: some text")
    return " ".join(str(value).split())


def _names(meta, key: str, path: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise SourceError(path, None, f"front matter {key!r} must be a list of names", f"write {key}: [A, B]")
    return tuple(" ".join(str(v).split()) for v in value if str(v).strip())


def _plausible(iso: str) -> str:
    """A date found in the page, or '' when its year is before :data:`MIN_YEAR` (a CMS's empty date: 0001-01-01)."""
    return iso if iso[:4].isdigit() and int(iso[:4]) >= MIN_YEAR else ""


def _date(meta, path: str) -> str:
    value = meta.get("date")
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise SourceError(
            path, None, f"front matter date {str(value)!r} is not a date", "write it as YYYY-MM-DD"
        ) from None
