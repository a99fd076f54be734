"""What several page families share: how a story is listed and how a date is written."""

from __future__ import annotations

import datetime as dt

from briefing.language.sentences import sentence_spans
from briefing.markup import inline, unmarked
from briefing.model import Article
from briefing.site.paths import link, story_path
from briefing.sources.read import kind_of

SUMMARY_LENGTH = 220
"""Characters of a story's one-line summary; a longer first sentence is cut at a word."""


def story_item(from_path: str, article: Article, summarised: bool = False) -> str:
    """A story as a list item: its title linked, its date (or "undated") and publisher; with ``summarised``, its summary under it."""
    details = [human_date(article.date) if article.date else "undated"]
    if article.publisher:
        details.append(inline(article.publisher))
    item = f"- [{inline(article.title)}]({link(from_path, story_path(article))}) · {' · '.join(details)}"
    if summarised and (line := summary(article)):
        item += f'  \n  <span class="story-summary">{inline(line)}</span>'
    return item


def summary(article: Article) -> str:
    """What the story is about in a sentence: its own dek (subtitle), else the first sentence of its first paragraph."""
    text = article.subtitle or next((b.text for b in article.body if b.kind == "paragraph"), "")
    if kind_of(article.source) == "markdown":
        text = unmarked(text)
    text = " ".join(text.split())
    if not article.subtitle and (spans := sentence_spans(text)):
        text = text[: spans[0][1]]
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


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
