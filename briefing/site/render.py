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
from briefing.site.memo import Memo
from briefing.site.paths import link, story_path
from briefing.site.stories import sort_stories, stories_index, story_page


def render(articles: list[Article], related: dict[str, tuple[Relation, ...]], kb=None, site: Site = Site(), memo: Memo | None = None) -> list[Page]:
    """All generated pages of the site, and its feeds, sorted by path; ``kb`` gives entities their descriptions.

    With a ``memo`` (:mod:`briefing.site.memo`), story pages, entity pages and feeds whose inputs did not
    change since the last build are taken from it; the others, and the pages about the whole collection
    (home, indexes, timeline, quotes, topics), are made anew.
    """
    memo = memo if memo is not None and memo.covers(articles) else None
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
        *(_story_page(a, related.get(a.slug, ()), by_slug, entities, memo) for a in ordered),
        *entity_pages.entity_pages(
            ordered,
            entities,
            lambda name, path: briefing_sections(name, path, extra),
            memo,
            lambda name: section_inputs(name, extra, memo) if memo else (),
        ),
        *entity_pages.topic_pages(ordered, kb, within),
        *feeds.feeds(ordered, site, within=within, memo=memo),
        *redirects.redirect_pages(ordered, site),
    ]
    return sorted(pages, key=lambda page: page.path)


def _story_page(article: Article, relations: tuple[Relation, ...], by_slug: dict[str, Article], entities, memo: Memo | None) -> Page:
    if memo is None:
        return story_page(article, relations, by_slug, entities)
    parts = (
        "story",
        memo.version(article),
        relations,
        tuple(memo.version(by_slug[r.target]) for r in relations),
        tuple((m.entity, entities[m.entity].path) for m in article.mentions),
    )
    return Page(story_path(article), memo.text(parts, lambda: story_page(article, relations, by_slug, entities).markdown))


@dataclass(frozen=True, slots=True)
class Briefing:
    """What entity pages show beyond their stories: picture, timeline, quotes, feeds."""

    actors: network.Graph
    events: dict[str, list[timeline.Placed]]
    quotes: dict[str, list[quotes.Said]]
    site: Site
    within: paths.Addresses | None = None


def section_inputs(name: str, extra: Briefing, memo: Memo) -> tuple:
    """Everything :func:`briefing_sections` shows of entity ``name`` is made from, for its page's digest."""
    g = extra.actors
    picture: tuple = ()
    if name in g.stories:
        nodes = [name, *network.neighbours(g, name)]
        picture = tuple((n, g.stories[n], g.kinds.get(n), g.pages.get(n), tuple(g.weight(n, m) for m in nodes)) for n in nodes)
    events = tuple((memo.version(p.article), p.event, p.pages) for p in extra.events.get(name, []))
    said = tuple((memo.version(s.article), s.quote) for s in extra.quotes.get(name, []))
    return picture, events, said, paths.feed_paths("entity", name, extra.within), extra.site


def briefing_sections(name: str, path: str, extra: Briefing) -> list[str]:
    """The neighbourhood picture, timeline, quotes and feed links of entity ``name``'s page."""
    rss, json_path = paths.feed_paths("entity", name, extra.within)
    return [
        network.neighbourhood_figure(extra.actors, name, path, extra.site),
        timeline.timeline_section(extra.events.get(name, []), path),
        quotes.quotes_section(extra.quotes.get(name, []), path),
        f"Feeds: [RSS]({link(path, rss)}), [JSON]({link(path, json_path)})\n",
    ]
