"""Stage 6, render: articles and relations -> Markdown :class:`Page` records.

Every value taken from a source goes through :mod:`briefing.markup`, so the
pages carry article text as text only. Links between pages are relative
``.md`` links, which MkDocs checks and rewrites.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict

from . import render_entities
from .markup import attribute, front_matter, inline, inline_linked, link_target, safe_url
from .model import Article, Block, Page, Relation

TYPE_HEADINGS = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "other": "Laws, programmes and lists",
}
LATEST_ON_HOME = 10
DESCRIPTION_LENGTH = 160


def render(articles: list[Article], related: dict[str, tuple[Relation, ...]], kb=None) -> list[Page]:
    """All generated pages of the site, sorted by path; ``kb`` gives entities their descriptions."""
    by_slug = {article.slug: article for article in articles}
    ordered = sort_stories(articles)
    entities = render_entities.catalogue(ordered, kb)
    pages = [
        home_page(ordered),
        stories_index(ordered),
        *(story_page(a, related.get(a.slug, ()), by_slug, entities) for a in ordered),
        *render_entities.entity_pages(ordered, kb, story_path),
        *render_entities.topic_pages(ordered, kb, story_path),
    ]
    return sorted(pages, key=lambda page: page.path)


def sort_stories(articles: list[Article]) -> list[Article]:
    """Newest first; undated stories last; then by title and slug."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.title.casefold(), a.slug))
    dated.sort(key=lambda a: a.date, reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return dated + undated


def story_path(article: Article) -> str:
    return f"stories/{article.slug}.md"


def link(from_path: str, to_path: str) -> str:
    """Relative link from one generated page to another."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def home_page(ordered: list[Article]) -> Page:
    path = "index.md"
    dates = sorted(a.date for a in ordered if a.date)
    publishers = sorted({a.publisher for a in ordered if a.publisher})
    lines = [front_matter({"title": "Briefing"}), "# Briefing\n"]
    covers = f"{len(ordered)} stories from {len(publishers)} named publishers"
    if dates:
        covers += f", dated {human_date(dates[0])} to {human_date(dates[-1])}"
    lines.append(covers + ".\n")
    lines.append("## Latest stories\n")
    lines += [_story_item(path, a) for a in ordered[:LATEST_ON_HOME]]
    lines.append(f"\n[All stories]({link(path, 'stories/index.md')})\n")
    return Page(path, "\n".join(lines))


def stories_index(ordered: list[Article]) -> Page:
    path = "stories/index.md"
    lines = [front_matter({"title": "Stories"}), "# Stories\n", f"{len(ordered)} stories, newest first.\n"]
    lines += [_story_item(path, a) for a in ordered]
    return Page(path, "\n".join(lines) + "\n")


def _story_item(from_path: str, article: Article) -> str:
    details = [human_date(article.date)] if article.date else []
    if article.publisher:
        details.append(inline(article.publisher))
    suffix = f" · {' · '.join(details)}" if details else ""
    return f"- [{inline(article.title)}]({link(from_path, story_path(article))}){suffix}"


def story_page(article: Article, relations: tuple[Relation, ...], by_slug: dict[str, Article], entities=None) -> Page:
    path = story_path(article)
    meta: dict[str, object] = {"title": attribute(article.title)}
    if description := _description(article):
        meta["description"] = attribute(description)
    if article.topics:
        meta["tags"] = [attribute(t.topic) for t in article.topics]
    parts = [front_matter(meta), f"# {inline(article.title)}\n"]
    if article.subtitle:
        parts.append(f"*{inline(article.subtitle)}*\n")
    if byline := _byline(article):
        parts.append(byline + "\n")
    entities = entities if entities is not None else render_entities.catalogue([article])
    parts.append(render_blocks(article.body, render_entities.first_mention_links(article, path, entities)))
    parts.append(_entities_section(path, article, entities))
    parts.append(_related_section(path, relations, by_slug))
    parts.append(_also_reported_section(article))
    parts.append(_cleaning_report(article))
    return Page(path, "\n".join(p for p in parts if p))


def _description(article: Article) -> str:
    text = article.subtitle or next((b.text for b in article.body if b.kind == "paragraph"), "")
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"


def _byline(article: Article) -> str:
    parts = []
    if article.authors:
        parts.append("By " + ", ".join(inline(a) for a in article.authors))
    if article.publisher:
        parts.append(inline(article.publisher))
    if article.date:
        parts.append(human_date(article.date))
    return '<p class="byline">' + " · ".join(parts) + "</p>" if parts else ""


def render_blocks(blocks: tuple[Block, ...], links: dict[int, list[tuple[int, int, str]]] | None = None) -> str:
    """Body blocks as Markdown; consecutive list items form one list; ``links`` by block index."""
    out: list[str] = []
    previous = None
    for index, block in enumerate(blocks):
        text = inline_linked(block.text, links[index]) if links and links.get(index) else inline(block.text)
        if not text:
            continue
        if block.kind in ("bullet", "numbered"):
            if previous != block.kind:
                out.append("")
                counter = 0
            counter += 1
            out.append(f"{counter}. {text}" if block.kind == "numbered" else f"- {text}")
        elif block.kind == "heading":
            out += ["", f"## {text}"]
        elif block.kind == "quote":
            out += ["", f"> {text}"]
        else:
            out += ["", text]
        previous = block.kind
    return "\n".join(out).strip() + "\n"


def _entities_section(path: str, article: Article, entities) -> str:
    if not article.mentions:
        return ""
    grouped: dict[str, list[str]] = defaultdict(list)
    for mention in sorted(article.mentions, key=lambda m: (m.entity.casefold(), m.entity)):
        grouped[mention.kind].append(f"[{inline(mention.entity)}]({link(path, entities[mention.entity].path)})")
    lines = ["## In this story\n"]
    for kind, heading in TYPE_HEADINGS.items():
        if grouped.get(kind):
            lines.append(f"- **{heading}:** " + ", ".join(grouped[kind]))
    return "\n".join(lines) + "\n"


RELATED_GROUPS = {"earlier": "Earlier coverage", "same": "Same day", "later": "Later coverage", "": "Related"}


def _related_section(path: str, relations: tuple[Relation, ...], by_slug: dict[str, Article]) -> str:
    """Related stories, best first, split by date into earlier and later coverage where dates are known."""
    if not relations:
        return ""
    grouped: dict[str, list[str]] = defaultdict(list)
    for relation in relations:
        target = by_slug[relation.target]
        grouped[_when(by_slug[relation.source].date, target.date)].append(_related_item(path, relation, target))
    lines = ["## Related stories\n"]
    if set(grouped) == {""}:
        lines += grouped[""]
    else:
        for when, heading in RELATED_GROUPS.items():
            if grouped.get(when):
                lines += [f"### {heading}\n", *grouped[when], ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _when(own: str, other: str) -> str:
    """``earlier``, ``same`` or ``later`` for the other story's date; ``""`` when either is unknown."""
    if not own or not other:
        return ""
    return "earlier" if other < own else "later" if other > own else "same"


def _related_item(path: str, relation: Relation, target: Article) -> str:
    why = "; ".join(inline(r) for r in relation.reasons)
    details = [human_date(target.date)] if target.date else []
    if target.publisher:
        details.append(inline(target.publisher))
    suffix = f" · {' · '.join(details)}" if details else ""
    score = f'<span class="related-score" title="relatedness, 0 to 1">{relation.score:.2f}</span>'
    return f"- [{inline(target.title)}]({link(path, story_path(target))}){suffix} {score}<br>{why}"


def _also_reported_section(article: Article) -> str:
    """The near-duplicates of this story: who else published it, and which files hold the copies."""
    if not article.copies:
        return ""
    lines = ["## Also reported by\n"]
    for copy in article.copies:
        name = inline(copy.publisher) if copy.publisher else "Unnamed publisher"
        if url := safe_url(copy.url):
            name = f"[{name}]({link_target(url)})"
        details = [human_date(copy.date)] if copy.date else []
        details.append(f"{int(copy.shared * 100)}% of the text shared with this page, from {inline(copy.source)}")
        lines.append(f"- {name} · {' · '.join(details)}")
    return "\n".join(lines) + "\n"


def _cleaning_report(article: Article) -> str:
    if not article.removed:
        return ""
    grouped: dict[str, list] = defaultdict(list)
    for removed in article.removed:
        grouped[removed.reason].append(removed)
    count = len(article.removed)
    lines = [f'??? note "Cleaning report: {count} line{"s" if count != 1 else ""} removed"', ""]
    # Biggest groups first, so the reader sees what the cleaner mostly did; ties by name.
    for reason in sorted(grouped, key=lambda r: (-len(grouped[r]), r)):
        lines.append(f"    **{inline(reason)}** ({len(grouped[reason])})")
        lines.append("")
        for removed in grouped[reason]:
            lines.append(f"    - line {removed.line}: {inline(removed.text)}")
        lines.append("")
    return "\n".join(lines)


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
