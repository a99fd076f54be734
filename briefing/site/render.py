"""Stage 6, render: articles and relations -> the site's Markdown :class:`Page` records, sorted by path.

One module per page family (stories, entities and topics, home, timeline,
quotes, feeds, the actor picture); every path and link comes from
:mod:`briefing.site.paths`.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Article, Page, Relation, Site
from briefing.site import entities as entity_pages
from briefing.site import feeds, home, network, paths, quotes, redirects, timeline
from briefing.site.paths import link
from briefing.site.stories import sort_stories, stories_index, story_page


def render(articles: list[Article], related: dict[str, tuple[Relation, ...]], kb=None, site: Site = Site()) -> list[Page]:
    """All generated pages of the site, and its feeds, sorted by path; ``kb`` gives entities their descriptions."""
    by_slug = {article.slug: article for article in articles}
    ordered = sort_stories(articles)
    # Every entity and topic page path, unique across the site: all links and feeds go through these.
    within = paths.addresses({m.entity for a in ordered for m in a.mentions}, entity_pages.topic_names(ordered, kb))
    entities = entity_pages.catalogue(ordered, kb, within)
    actors = network.graph(ordered, within.entity_pages())
    events = timeline.placed(ordered, within)
    said = quotes.collected(ordered)
    extra = Briefing(actors, timeline.by_entity(events), quotes.by_speaker_name(said), site, within)
    pages = [
        home.home_page(ordered, actors, site, events, said, within),
        stories_index(ordered),
        *timeline.timeline_pages(events),
        *quotes.quotes_pages(said, within.entity_pages()),
        *(story_page(a, related.get(a.slug, ()), by_slug, entities) for a in ordered),
        *entity_pages.entity_pages(ordered, entities, lambda name, path: briefing_sections(name, path, extra)),
        *entity_pages.topic_pages(ordered, kb, within),
        *feeds.feeds(ordered, site, within=within),
        *redirects.redirect_pages(ordered, site),
    ]
    return sorted(pages, key=lambda page: page.path)


@dataclass(frozen=True, slots=True)
class Briefing:
    """What entity pages show beyond their stories: picture, timeline, quotes, feeds."""

    actors: network.Graph
    events: dict[str, list[timeline.Placed]]
    quotes: dict[str, list[quotes.Said]]
    site: Site
    within: paths.Addresses | None = None


def briefing_sections(name: str, path: str, extra: Briefing) -> list[str]:
    """The neighbourhood picture, timeline, quotes and feed links of entity ``name``'s page."""
    rss, json_path = paths.feed_paths("entity", name, extra.within)
    return [
        network.neighbourhood_figure(extra.actors, name, path, extra.site),
        timeline.timeline_section(extra.events.get(name, []), path),
        quotes.quotes_section(extra.quotes.get(name, []), path),
        f"Feeds: [RSS]({link(path, rss)}), [JSON]({link(path, json_path)})\n",
    ]
