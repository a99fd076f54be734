"""Entity and topic pages: plain Markdown computed from the tagged articles.

One page per entity at ``entities/<slug>.md`` (type, description, aliases,
roles, every story with the sentence where the entity first appears, the
entities it appears with most often, counts), one page per topic at
``topics/<slug>.md``, and indexes of people, organisations, places, other
entities and topics. Every value from a source goes through
:mod:`briefing.markup`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from briefing.markup import LISTING, attribute, front_matter, inline
from briefing.model import Article, Page
from briefing.site import paths, search
from briefing.site.listing import human_date
from briefing.site.paths import entity_path, link, story_path, topic_path

TYPES = {
    # type: (index page, heading, one item)
    "person": (paths.ENTITY_INDEXES["person"], "People", "Person"),
    "organisation": (paths.ENTITY_INDEXES["organisation"], "Organisations", "Organisation"),
    "place": (paths.ENTITY_INDEXES["place"], "Places", "Place"),
    "other": (paths.ENTITY_INDEXES["other"], "Laws, programmes and lists", "Law, programme or list"),
}
CO_MENTIONED = 10
ROLES_SHOWN = 5
DISCOVERED_NOTICE = (
    "This name was found in the text of the stories and has not been reviewed yet: "
    "its type and the stories listed here may be wrong."
)
"""What a reader is told on the page of an entity the tagger discovered (no maintainer's how-to: that is in the README
and ``briefing entities``)."""


@dataclass
class EntityInfo:
    """What the site shows about one entity, gathered over all stories."""

    name: str
    kind: str
    path: str = ""
    discovered: bool = True
    description: str = ""
    parent: str = ""
    aliases: tuple[str, ...] = ()
    surfaces: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    stories: list = field(default_factory=list)
    """``(article, sentence)`` in story order."""
    mentions: int = 0


def catalogue(ordered: list[Article], kb=None, within: paths.Addresses | None = None) -> dict[str, EntityInfo]:
    """Every entity mentioned in ``ordered`` (stories in site order), with a unique page path.

    ``within`` gives the site's slugs; without it they are made for these entities (:func:`paths.addresses`).
    """
    entities: dict[str, EntityInfo] = {}
    for article in ordered:
        for mention in sorted(article.mentions, key=lambda m: m.entity):
            info = entities.setdefault(mention.entity, EntityInfo(mention.entity, mention.kind))
            known = kb.entity(mention.entity) if kb is not None else None
            if known is not None:
                info.discovered = False
                info.description, info.parent, info.aliases = known.description, known.parent, known.aliases
            elif not mention.discovered:
                info.discovered = False
            info.surfaces[mention.surface] += 1
            if mention.role:
                info.roles[mention.role] += 1
            info.stories.append((article, mention.sentence))
            info.mentions += mention.count
    # Two names with one slug ("Nova" and "Nová" of two kinds) get -2, -3 in sorted
    # order; every page links through the same addresses, so each name reaches its own page.
    within = within or paths.addresses(entities, ())
    for name, info in entities.items():
        info.path = entity_path(name, within)
    return entities


def role_key(role: str) -> str:
    """What two spellings of one role share: "U.S. Secretary of State" and "US secretary of state"."""
    return " ".join(re.sub(r"\b([A-Z])\.", r"\1", role).casefold().split())


def distinct_roles(roles: Counter) -> list[tuple[str, int]]:
    """``roles`` (spelling -> stories) with the spellings of one role counted together under the most frequent
    one (then the first in sorted order), most frequent first."""
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for role, count in sorted(roles.items()):
        groups[role_key(role)].append((role, count))
    merged = [(min(spellings, key=lambda rc: (-rc[1], rc[0]))[0], sum(c for _, c in spellings)) for spellings in groups.values()]
    return sorted(merged, key=lambda r: (-r[1], r[0].casefold(), r[0]))


def entity_pages(ordered: list[Article], entities: dict[str, EntityInfo], sections=None, memo=None, inputs=None) -> list[Page]:
    """The entity pages, the entities index and one index per type.

    ``entities`` is the :func:`catalogue` of ``ordered``. ``sections(name, path)``,
    when given, returns more Markdown sections for an entity's page (its
    picture, timeline, quotes and feeds). With a ``memo`` (:class:`briefing.site.memo.Memo`),
    a page whose inputs did not change is taken from it; ``inputs(name)`` gives what the sections are made from.
    """
    together = _co_mentions(ordered)
    children: dict[str, list[str]] = defaultdict(list)
    for info in entities.values():
        if info.parent in entities:
            children[info.parent].append(info.name)
    if memo is None:
        pages = [_entity_page(info, entities, together[info.name], sorted(children[info.name]), sections) for info in entities.values()]
    else:
        pages = [_remembered(info, entities, together[info.name], sorted(children[info.name]), sections, memo, inputs) for info in entities.values()]
    pages += _entity_indexes(entities)
    return pages


def _remembered(info: EntityInfo, entities: dict[str, EntityInfo], together: Counter, children: list[str], sections, memo, inputs) -> Page:
    """An entity's page from ``memo`` when nothing it shows changed (see :func:`entity_pages`)."""
    parent = entities.get(info.parent)
    parts = (
        "entity",
        info.name,
        info.kind,
        info.path,
        info.discovered,
        info.description,
        info.parent,
        parent.path if parent else "",
        info.aliases,
        sorted(info.surfaces.items()),
        sorted(info.roles.items()),
        info.mentions,
        tuple((memo.version(article), sentence) for article, sentence in info.stories),
        tuple((c, entities[c].path) for c in children),
        tuple((n, c, entities[n].path) for n, c in _most_with(together, entities)),
        inputs(info.name) if inputs is not None else (),
    )
    text = memo.text(parts, lambda: _entity_page(info, entities, together, children, sections).markdown)
    return Page(info.path, text, entity=info.name)


def _most_with(together: Counter, entities: dict[str, EntityInfo]) -> list[tuple[str, int]]:
    """The entities mentioned most often in the same stories, most first (ties by name)."""
    return sorted(((n, c) for n, c in together.items() if n in entities), key=lambda nc: (-nc[1], nc[0].casefold(), nc[0]))[:CO_MENTIONED]


def _co_mentions(ordered: list[Article]) -> dict[str, Counter]:
    together: dict[str, Counter] = defaultdict(Counter)
    for article in ordered:
        names = sorted({m.entity for m in article.mentions})
        for name in names:
            together[name].update(other for other in names if other != name)
    return together


def _entity_page(info: EntityInfo, entities: dict[str, EntityInfo], together: Counter, children: list[str], sections=None) -> Page:
    path = info.path
    meta = {"title": attribute(info.name)}
    if info.description:
        meta["description"] = attribute(info.description)
    lines = [front_matter(meta), f"# {inline(info.name)}\n"]
    stories = len(info.stories)
    # The head of the page is indexed for search (its name, description, other spellings and roles);
    # the type, counts, notice and labels are the site's words, not the entity's, and stay out.
    lines.append(
        f'<p {search.IGNORE}><strong>{TYPES[info.kind][2]}</strong> · {stories} stor{"y" if stories == 1 else "ies"} · '
        f'{info.mentions} mention{"" if info.mentions == 1 else "s"}</p>\n'
    )
    if info.discovered:
        lines.append(
            f'<div class="admonition info" {search.IGNORE}><p class="admonition-title">Not yet reviewed</p>'
            f"<p>{DISCOVERED_NOTICE}</p></div>\n"
        )
    if info.description:
        lines.append(inline(info.description) + "\n")
    facts = []
    if info.parent:
        parent = entities.get(info.parent)
        shown = f"[{inline(info.parent)}]({link(path, parent.path)})" if parent else inline(info.parent)
        facts.append(f"- {_label('Part of')} {shown}")
    if children:
        facts.append(f"- {_label('Includes')} " + ", ".join(f"[{inline(c)}]({link(path, entities[c].path)})" for c in children))
    written = sorted({*info.aliases, *info.surfaces} - {info.name}, key=lambda w: (w.casefold(), w))  # ties by case: never by set order
    if written:
        facts.append(f"- {_label('Also written')} " + ", ".join(inline(w) for w in written))
    if info.roles:
        roles = distinct_roles(info.roles)[:ROLES_SHOWN]
        facts.append(f"- {_label('Roles')} " + "; ".join(inline(role) for role, _ in roles))
    if facts:
        lines.append("\n".join(facts) + "\n")
    lines.append(search.END_MARK + "\n")  # the stories below name other entities: search stops here
    lines.append("## Stories\n")
    for article, sentence in info.stories:
        item = f"- [{inline(article.title)}]({link(path, story_path(article))})"
        if article.date:
            item += f" · {human_date(article.date)}"
        if sentence:
            item += f"  \n  {_quoted(sentence)}"
        lines.append(item)
    common = _most_with(together, entities)
    if common:
        lines.append("\n## Often mentioned with\n")
        lines += [f"- [{inline(n)}]({link(path, entities[n].path)}): {c} stor{'y' if c == 1 else 'ies'}" for n, c in common]
    if sections is not None:
        lines += ["", *(section for section in sections(info.name, path) if section)]
    return Page(path, "\n".join(lines) + "\n", entity=info.name)


def _entity_indexes(entities: dict[str, EntityInfo]) -> list[Page]:
    by_type: dict[str, list[EntityInfo]] = defaultdict(list)
    for info in entities.values():
        by_type[info.kind].append(info)
    overview = [front_matter({"title": "Entities", **LISTING}), "# Entities\n", "The people, organisations, places, laws, programmes and lists the stories mention.\n"]
    pages = []
    for kind, (index_path, heading, _) in TYPES.items():
        items = sorted(by_type[kind], key=lambda i: (-len(i.stories), i.name.casefold(), i.name))
        discovered = sum(1 for i in items if i.discovered)
        overview.append(f"- [{heading}]({link(paths.ENTITIES, index_path)}): {len(items)} ({discovered} discovered)")
        lines = [front_matter({"title": heading, **LISTING}), f"# {heading}\n", f"{len(items)} entities, most mentioned first; *discovered* ones are not yet in the knowledge base.\n"]
        for info in items:
            mark = " · *discovered*" if info.discovered else ""
            lines.append(f"- [{inline(info.name)}]({link(index_path, info.path)}) ({len(info.stories)}){mark}")
        pages.append(Page(index_path, "\n".join(lines) + "\n"))
    pages.append(Page(paths.ENTITIES, "\n".join(overview) + "\n"))
    return pages


def topic_names(ordered: list[Article], kb) -> list[str]:
    """Every topic of the site: those of the knowledge base and those the stories carry."""
    return sorted({t.name for t in (kb.topics if kb is not None else ())} | {t.topic for a in ordered for t in a.topics})


def topic_pages(ordered: list[Article], kb, within: paths.Addresses | None = None) -> list[Page]:
    """One page per topic with its stories (highest score first), and the topics index; ``within``: the topics' slugs."""
    stories: dict[str, list[tuple[float, Article]]] = defaultdict(list)
    for article in ordered:
        for topic in article.topics:
            stories[topic.topic].append((topic.score, article))
    described = {t.name: t.description for t in (kb.topics if kb is not None else ())}
    names = sorted(set(described) | set(stories), key=lambda n: (n.casefold(), n))
    within = within or paths.addresses((), names)
    index = [front_matter({"title": "Topics", **LISTING}), "# Topics\n", "Each story gets one to five topics, scored from cue words (`taxonomy/topics.yml`).\n"]
    pages = []
    for name in names:
        items = sorted(stories.get(name, []), key=lambda sa: (-sa[0], sa[1].slug))
        path = topic_path(name, within)
        index.append(f"- [{inline(name)}]({link(paths.TOPICS, path)}) ({len(items)})")
        lines = [front_matter({"title": attribute(name)}), f"# {inline(name)}\n"]
        if described.get(name):
            lines.append(inline(described[name]) + "\n")
        lines.append(f"{len(items)} stor{'y' if len(items) == 1 else 'ies'}, those most about the topic first (by the weight of its cue words).\n")
        lines += [f"- [{inline(a.title)}]({link(path, story_path(a))})" for _, a in items]
        pages.append(Page(path, "\n".join(lines) + "\n"))
    pages.append(Page(paths.TOPICS, "\n".join(index) + "\n"))
    return pages


def first_mention_links(article: Article, from_path: str, entities: dict[str, EntityInfo]) -> dict[int, list[tuple[int, int, str]]]:
    """Body block index -> ``(start, end, href)`` of the first mention of each entity in the body."""
    links: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for mention in sorted(article.mentions, key=lambda m: (m.block, m.start)):
        if mention.block >= 0 and mention.start >= 0 and mention.entity in entities:
            links[mention.block].append((mention.start, mention.end, link(from_path, entities[mention.entity].path)))
    return links


def _label(name: str) -> str:
    """A fact's label, bold and kept out of the search index."""
    return f"<strong {search.IGNORE}>{name}:</strong>"


def _quoted(sentence: str) -> str:
    """The sentence in quote marks, unless it opens with a quote mark itself (shown doubled otherwise)."""
    if sentence[:1] in "\"“‘'«":
        return inline(sentence)
    return f"“{inline(sentence)}”"
