"""The timeline: the dated events of every story, as the timeline page and as sections of entity and topic pages.

Events are found by :mod:`briefing.analysis.events`; here they are laid out,
oldest first, grouped by year, each linking to the paragraph it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.markup import front_matter, inline
from briefing.model import Article, Event, Page
from briefing.site import paths
from briefing.site.listing import human_date

MAX_EVENT_LENGTH = 280


PAGE_LIMIT = 1000
"""Events on the timeline page before it splits into a page per year."""


@dataclass(frozen=True, slots=True)
class Placed:
    """An event with the story it comes from, as the pages show it."""

    event: Event
    article: Article
    markdown: str = ""
    """The sentence, trimmed and escaped once, though the event shows on several pages."""
    title: str = ""
    """The story's title, escaped."""


def placed(articles: list[Article]) -> list[Placed]:
    """Every event of every story in chronological order; a less precise date comes first in its span."""
    items = []
    for article in articles:
        title = inline(article.title)
        items += [Placed(event, article, inline(trimmed(event.text)), title) for event in article.events]
    return sorted(items, key=lambda p: (p.event.date, p.article.slug, p.event.block, p.event.text))


def trimmed(text: str, limit: int = MAX_EVENT_LENGTH) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def entry(item: Placed, from_path: str) -> str:
    """One timeline entry as a Markdown list item: date, sentence, source paragraph, entities."""
    event, article = item.event, item.article
    title = item.title or inline(article.title)
    source = f"[{title}]({paths.paragraph(from_path, article, event.block)})"
    line = f"- **{human_date(event.date)}**: {item.markdown or inline(trimmed(event.text))}  \n  {source}"
    names = [f"[{inline(name)}]({paths.entity(from_path, name)})" for name in event.entities]
    if names:
        line += " · " + ", ".join(names)
    return line


def timeline_section(items: list[Placed], from_path: str, heading: str = "## Timeline") -> str:
    """The Markdown of a timeline of ``items`` (already in order), grouped by year; '' when empty."""
    if not items:
        return ""
    lines = [heading, ""] if heading else []
    year = None
    level = "#" * (heading.count("#") + 1 if heading else 2)
    for item in items:
        if item.event.date[:4] != year:
            year = item.event.date[:4]
            lines += ["", f"{level} {year}", ""]
        lines.append(entry(item, from_path))
    return "\n".join(lines) + "\n"


def by_entity(items: list[Placed]) -> dict[str, list[Placed]]:
    """The events naming each entity, in the order of ``items``."""
    found: dict[str, list[Placed]] = {}
    for item in items:
        for name in item.event.entities:
            found.setdefault(name, []).append(item)
    return found


def by_topic(items: list[Placed]) -> dict[str, list[Placed]]:
    """The events of the stories of each topic, in the order of ``items``."""
    found: dict[str, list[Placed]] = {}
    for item in items:
        for topic in sorted({t.topic for t in item.article.topics}):
            found.setdefault(topic, []).append(item)
    return found


def timeline_pages(items: list[Placed]) -> list[Page]:
    """The timeline: one page, or, past :data:`PAGE_LIMIT` events, an index of years and a page per year.

    A single page of tens of thousands of events would be megabytes to load and to index.
    """
    path = paths.TIMELINE
    stories = len({item.article.slug for item in items})
    intro = (
        f"{len(items)} dated events from {stories} {'story' if stories == 1 else 'stories'}, oldest first. "
        "Each keeps the precision its story gives (day, month or year); within a year or month, "
        "events dated only by the year or month come first. Sentences whose date cannot be worked out are left out."
    )
    head = front_matter({"title": "Timeline"}) + "# Timeline\n\n" + intro + "\n\n"
    if len(items) <= PAGE_LIMIT:
        return [Page(path, head + timeline_section(items, path, heading=""))]
    years: dict[str, list[Placed]] = {}
    for item in items:
        years.setdefault(item.event.date[:4], []).append(item)
    pages = []
    lines = ["## Years", ""]
    for year, events in years.items():  # already in date order
        year_path = paths.timeline_year_path(year)
        lines.append(f"- [{year}]({paths.link(path, year_path)}): {len(events)} {'event' if len(events) == 1 else 'events'}")
        body = timeline_section(events, year_path, heading="")
        pages.append(Page(year_path, front_matter({"title": f"Timeline: {year}"}) + f"# Timeline: {year}\n\n" + body))
    return [Page(path, head + "\n".join(lines) + "\n"), *pages]
