"""What several page families share: how a story is listed and how a date is written."""

from __future__ import annotations

import datetime as dt

from briefing.markup import inline
from briefing.model import Article
from briefing.site.paths import link, story_path


def story_item(from_path: str, article: Article) -> str:
    details = [human_date(article.date)] if article.date else []
    if article.publisher:
        details.append(inline(article.publisher))
    suffix = f" · {' · '.join(details)}" if details else ""
    return f"- [{inline(article.title)}]({link(from_path, story_path(article))}){suffix}"


def human_date(iso: str) -> str:
    """``2019-05-15`` -> ``15 May 2019``; partial dates keep their precision."""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return dt.date.fromisoformat(iso).strftime("%-d %B %Y")
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    except ValueError:
        pass
    return iso
