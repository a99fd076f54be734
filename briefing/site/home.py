"""The home page that briefs: what the collection covers and what matters in it.

In order: what the briefing covers (date range, stories, publishers, feeds),
key developments (the dated events most connected to the rest), the actors
in most stories and their picture, topics with counts, latest stories and
notable quotes. Everything is sorted with explicit tie-breaks.
"""

from __future__ import annotations

from collections import Counter

from briefing.markup import LISTING, front_matter, inline
from briefing.model import Article, Page, Site
from briefing.site import network, paths, quotes, timeline
from briefing.site.listing import human_date, story_item
from briefing.site.paths import link

KEY_DEVELOPMENTS = 6
PER_STORY = 2
TOP_ACTORS = 10
LATEST = 10
NOTABLE_QUOTES = 5
PATH = paths.HOME


def home_page(
    ordered: list[Article],
    actors: network.Graph,
    site: Site,
    events: list[timeline.Placed],
    said: list[quotes.Said],
    within: paths.Addresses | None = None,
) -> Page:
    """The home page; ``ordered`` is newest first, ``actors`` the co-occurrence graph, ``events`` and ``said`` all events and quotes,
    ``within`` the entities' and topics' page slugs."""
    parts = [
        front_matter({"title": "Briefing", **LISTING}),
        "# Briefing\n",
        covers(ordered, events) + "\n",
        _key_developments(events),
        _actors(ordered, actors, site, within),
        _topics(ordered, within),
        _latest(ordered),
        _notable_quotes(said),
    ]
    return Page(PATH, "\n".join(p for p in parts if p))


def covers(ordered: list[Article], events: list[timeline.Placed]) -> str:
    """One paragraph: how many stories from how many publishers over which dates, and the feeds."""
    dates = sorted(a.date for a in ordered if a.date)
    publishers = {a.publisher for a in ordered if a.publisher}
    text = f"{len(ordered)} {_plural(len(ordered), 'story', 'stories')}"
    if publishers:  # "from 0 named publishers" says nothing
        text += f" from {len(publishers)} named {_plural(len(publishers), 'publisher', 'publishers')}"
    undated = len(ordered) - len(dates)
    if dates:
        text += f", dated {date_range(dates[0], dates[-1])}"
        if undated:
            text += f" ({undated} undated)"
    elif undated:
        text += ", all undated" if undated > 1 else ", undated"
    if events:
        first, last = events[0].event.date, events[-1].event.date
        text += f"; the events they date {'fall on' if first == last else 'run from'} {date_range(first, last)}"
    rss, json_path = paths.feed_paths("all")
    return (
        text
        + f".\n\n[Timeline]({link(PATH, paths.TIMELINE)}) · [Quotes]({link(PATH, paths.QUOTES)})"
        + f" · [All stories]({link(PATH, paths.STORIES)})"
        + f" · Feeds: [RSS]({link(PATH, rss)}), [JSON]({link(PATH, json_path)})"
    )


def date_range(first: str, last: str) -> str:
    """``26 April 2023 to 3 May 2023``, or one date when both are the same."""
    return human_date(first) if first == last else f"{human_date(first)} to {human_date(last)}"


def key_developments(events: list[timeline.Placed], n: int = KEY_DEVELOPMENTS) -> list[timeline.Placed]:
    """The ``n`` events most connected to the rest, at most :data:`PER_STORY` from one story.

    An event's score counts, for each of its entities, the other stories whose
    events name it too, plus the other stories that date something to the same
    month (what several stories report is a development, not an aside). Stories,
    not sentences, are counted so that one long story cannot outvote the rest.
    Both come from tables, so the cost stays linear. Ties go to the more precise date,
    then the later one, then by story and paragraph. Shown in date order.
    """
    per_entity = Counter(name for name, _ in {(name, p.article.slug) for p in events for name in p.event.entities})
    per_month = Counter(month for month, _ in {(p.event.date[:7], p.article.slug) for p in events})

    def score(p: timeline.Placed) -> int:
        month = p.event.date[:7]
        others = per_month[month] - 1 if len(month) == 7 else 0
        return sum(per_entity[name] - 1 for name in p.event.entities) + others

    scored = sorted(events, key=lambda p: (-score(p), -len(p.event.date), _negated(p.event.date), p.article.slug, p.event.block))
    chosen: list[timeline.Placed] = []
    taken: Counter[str] = Counter()
    for item in scored:
        if len(chosen) < n and taken[item.article.slug] < PER_STORY:
            chosen.append(item)
            taken[item.article.slug] += 1
    return sorted(chosen, key=lambda p: (p.event.date, p.article.slug, p.event.block))


def _negated(iso: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in iso.split("-"))


def _key_developments(events: list[timeline.Placed]) -> str:
    chosen = key_developments(events)
    if not chosen:
        return ""
    lines = ["## Key developments\n"]
    lines += [timeline.entry(item, PATH) for item in chosen]
    lines.append(f"\n[The whole timeline]({link(PATH, paths.TIMELINE)})\n")
    return "\n".join(lines)


def top_actors(ordered: list[Article], n: int = TOP_ACTORS) -> list[tuple[str, int, int]]:
    """``(name, stories, mentions)`` of the ``n`` people, organisations and places in most stories."""
    stories: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for article in ordered:
        for mention in article.mentions:
            if mention.kind in network.ACTOR_KINDS:
                stories[mention.entity] += 1
                mentions[mention.entity] += mention.count
    ranked = sorted(stories, key=lambda name: (-stories[name], -mentions[name], name))
    return [(name, stories[name], mentions[name]) for name in ranked[:n]]


def _actors(ordered: list[Article], actors: network.Graph, site: Site, within: paths.Addresses | None = None) -> str:
    ranked = top_actors(ordered)
    if not ranked:
        return ""
    lines = ["## Who is involved\n"]
    for name, stories, mentions in ranked:
        lines.append(
            f"- [{inline(name)}]({link(PATH, paths.entity_path(name, within))}): "
            f"{stories} {_plural(stories, 'story', 'stories')}, {mentions} {_plural(mentions, 'mention', 'mentions')}"
        )
    lines.append("")
    lines.append(network.actors_figure(actors, PATH, site))
    return "\n".join(lines)


def _topics(ordered: list[Article], within: paths.Addresses | None = None) -> str:
    counts = Counter(topic for a in ordered for topic in sorted({t.topic for t in a.topics}))
    if not counts:
        return ""
    lines = ["## Topics\n"]
    for topic in sorted(counts, key=lambda t: (-counts[t], t.casefold(), t)):
        rss, _ = paths.feed_paths("topic", topic, within)
        page = link(PATH, paths.topic_path(topic, within))
        lines.append(f"- [{inline(topic)}]({page}): {counts[topic]} {_plural(counts[topic], 'story', 'stories')} · [feed]({link(PATH, rss)})")
    return "\n".join(lines) + "\n"


def _latest(ordered: list[Article]) -> str:
    lines = ["## Latest stories\n"]
    lines += [story_item(PATH, a, summarised=True) for a in ordered[:LATEST]]
    lines.append(f"\n[All stories]({link(PATH, paths.STORIES)})\n")
    return "\n".join(lines)


def notable_quotes(said: list[quotes.Said], n: int = NOTABLE_QUOTES) -> list[quotes.Said]:
    """One quote from each of the ``n`` most quoted speakers: the longest of theirs, up to 300 characters."""
    groups = [(speakers, items) for speakers, items in quotes.by_speaker(said) if speakers]
    chosen = []
    for speakers, items in groups[:n]:
        fitting = [s for s in items if len(s.quote.text) <= 300] or items
        chosen.append(max(fitting, key=lambda s: (len(s.quote.text), s.article.slug, -s.quote.block)))
    return chosen


def _notable_quotes(said: list[quotes.Said]) -> str:
    chosen = notable_quotes(said)
    if not chosen:
        return ""
    lines = ["## Notable quotes\n"]
    lines += [quotes.quote_item(said, PATH, with_speaker=True) for said in chosen]
    lines.append(f"\n[All quotes, by speaker]({link(PATH, paths.QUOTES)})\n")
    return "\n".join(lines)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many
