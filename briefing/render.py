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
from .markup import attribute, front_matter, html_paragraph, inline, inline_linked, rich, too_heavy_for_markdown, unmarked
from .model import Article, Block, Page, Relation
from .read import kind_of

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
    parts.append(render_blocks(
        article.body, render_entities.first_mention_links(article, path, entities), markdown=_written_in_markdown(article)
    ))
    parts.append(_entities_section(path, article, entities))
    parts.append(_related_section(path, relations, by_slug))
    parts.append(_cleaning_report(article))
    return Page(path, "\n".join(p for p in parts if p))


def _written_in_markdown(article: Article) -> bool:
    """Markdown written by a person keeps its safe links and emphasis (:func:`markup.rich`)."""
    return kind_of(article.source) == "markdown"


def _description(article: Article) -> str:
    text = article.subtitle or next((b.text for b in article.body if b.kind == "paragraph"), "")
    if _written_in_markdown(article):
        text = unmarked(text)
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


def render_blocks(
    blocks: tuple[Block, ...], links: dict[int, list[tuple[int, int, str]]] | None = None, markdown: bool = False
) -> str:
    """Body blocks as Markdown; consecutive list items form one list; ``links`` by block index.

    With ``markdown``, the blocks' safe links, emphasis and code spans are kept.
    """
    escape = rich if markdown else inline
    out: list[str] = []
    previous = None
    for index, block in enumerate(blocks):
        if too_heavy_for_markdown(block.text):  # hostile or broken text: shown as text, fast
            out += ["", html_paragraph(block.text)]
            previous = None
            continue
        text = inline_linked(block.text, links[index]) if links and links.get(index) else escape(block.text)
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


def _related_section(path: str, relations: tuple[Relation, ...], by_slug: dict[str, Article]) -> str:
    if not relations:
        return ""
    lines = ["## Related stories\n"]
    for relation in relations:
        target = by_slug[relation.target]
        why = "; ".join(inline(r) for r in relation.reasons)
        lines.append(f"- [{inline(target.title)}]({link(path, story_path(target))}): {why}")
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
            lines.append(f"    - line {removed.line}: {inline(_shortened(removed.text))}")
        lines.append("")
    return "\n".join(lines)


def _shortened(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


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
