"""Story pages and the stories index.

Every value taken from a source goes through :mod:`briefing.markup`, so the
pages carry article text as text only. Links between pages are relative
``.md`` links, which MkDocs checks and rewrites.
"""

from __future__ import annotations

from collections import defaultdict

from briefing.markup import (
    LISTING,
    attribute,
    front_matter,
    html_paragraph,
    inline,
    inline_linked,
    link_target,
    rich,
    safe_url,
    too_heavy_for_markdown,
    unmarked,
)
from briefing.model import Article, Block, Page, Relation
from briefing.site import entities as entity_pages
from briefing.site import paths
from briefing.site.listing import human_date, story_item
from briefing.site.paths import link, story_path
from briefing.sources.read import kind_of

TYPE_HEADINGS = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "other": "Laws, programmes and lists",
}
DESCRIPTION_LENGTH = 160


def sort_stories(articles: list[Article]) -> list[Article]:
    """Newest first; undated stories last; then by title and slug."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.title.casefold(), a.slug))
    dated.sort(key=lambda a: a.date, reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return dated + undated


def stories_index(ordered: list[Article]) -> Page:
    path = paths.STORIES
    lines = [front_matter({"title": "Stories", **LISTING}), "# Stories\n", f"{len(ordered)} stories, newest first.\n"]
    lines += [story_item(path, a) for a in ordered]
    return Page(path, "\n".join(lines) + "\n")


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
    entities = entities if entities is not None else entity_pages.catalogue([article])
    parts.append(
        render_blocks(
            article.body,
            entity_pages.first_mention_links(article, path, entities),
            anchors=True,
            markdown=_written_in_markdown(article),
        )
    )
    parts.append(_entities_section(path, article, entities))
    parts.append(_related_section(path, relations, by_slug))
    parts.append(_also_reported_section(article))
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
    blocks: tuple[Block, ...],
    links_by_block: dict[int, list[tuple[int, int, str]]] | None = None,
    anchors: bool = False,
    markdown: bool = False,
) -> str:
    """Body blocks as Markdown; consecutive list items form one list.

    ``links_by_block`` gives, by block index, the spans to link (first entity
    mentions). With ``anchors``, each block but a heading starts with an empty
    ``<a id="p.N">`` (N its index in ``blocks``) that the timeline and quotes link to.
    With ``markdown``, the blocks' safe links, emphasis and code spans are kept.
    """
    escape = rich if markdown else inline
    out: list[str] = []
    previous = None
    for index, block in enumerate(blocks):
        if too_heavy_for_markdown(block.text):  # hostile or broken text: shown as text, fast
            anchor = f'<a id="{paths.paragraph_id(index)}"></a>' if anchors else ""
            out += ["", html_paragraph(block.text, anchor)]
            previous = None
            continue
        spans = links_by_block.get(index) if links_by_block else None
        text = inline_linked(block.text, spans) if spans else escape(block.text)
        if not text:
            continue
        if anchors and block.kind != "heading":
            text = f'<a id="{paths.paragraph_id(index)}"></a>{text}'
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
            lines.append(f"    - line {removed.line}: {inline(_shortened(removed.text))}")
        lines.append("")
    return "\n".join(lines)


def _shortened(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
