"""The quotes: every quoted statement, on the quotes page(s) by speaker and in sections of entity pages.

Quotes and their speakers are found by :mod:`briefing.analysis.quotes`;
here they are grouped by speaker and linked to the paragraph they come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.markup import front_matter, inline
from briefing.model import Article, Page, Quote
from briefing.site import paths

PAGE_LIMIT = 1000
"""Quotes on the quotes page before it splits into a page per initial."""


@dataclass(frozen=True, slots=True)
class Said:
    """A quote with the story it comes from, as the pages show it."""

    quote: Quote
    article: Article
    markdown: str = ""
    """The quote escaped once, though it shows on several pages."""
    title: str = ""
    """The story's title, escaped."""


def collected(articles: list[Article]) -> list[Said]:
    """Every quote of every story, in story then reading order."""
    items = []
    for article in articles:
        title = inline(article.title)
        items += [Said(quote, article, inline(quote.text), title) for quote in article.quotes]
    return items


def speaker_label(speakers: tuple[str, ...]) -> str:
    if len(speakers) <= 2:
        return " and ".join(speakers)
    return ", ".join(speakers[:-1]) + " and " + speakers[-1]


def quote_item(said: Said, from_path: str, with_speaker: bool = False) -> str:
    """One quote as a Markdown list item, linking to its paragraph."""
    quote, article = said.quote, said.article
    line = f"- “{said.markdown or inline(quote.text)}”"
    if with_speaker and quote.speakers:
        line += f" — {inline(speaker_label(quote.speakers))}"
    elif quote.said_by and not quote.speakers:
        line += f" — {inline(quote.said_by)}, as the story puts it"
    line += f"  \n  [{said.title or inline(article.title)}]({paths.paragraph(from_path, article, quote.block)})"
    return line


def by_speaker(items: list[Said]) -> list[tuple[tuple[str, ...], list[Said]]]:
    """Quotes grouped by speaker: most quoted first, then by name; unattributed ones last."""
    groups: dict[tuple[str, ...], list[Said]] = {}
    for said in items:
        groups.setdefault(said.quote.speakers, []).append(said)
    named = sorted((k for k in groups if k), key=lambda k: (-len(groups[k]), speaker_label(k).casefold(), k))
    ordered = [(k, groups[k]) for k in named]
    if () in groups:
        ordered.append(((), groups[()]))
    return ordered


def quotes_pages(items: list[Said], entities: set[str]) -> list[Page]:
    """The quotes: one page with a section per speaker, or, past :data:`PAGE_LIMIT` quotes,
    an index and a page per initial of the speakers' names (and one for the unattributed).

    Speakers link to their entity page when ``entities`` has it.
    """
    path = paths.QUOTES
    attributed = sum(1 for s in items if s.quote.speakers)
    head = [
        front_matter({"title": "Quotes"}),
        "# Quotes\n",
        f"{len(items)} quoted statements, {attributed} with the speaker the text names. "
        "A quote whose speaker the story does not name is listed as unattributed.\n",
    ]
    groups = by_speaker(items)
    if len(items) <= PAGE_LIMIT:
        return [Page(path, "\n".join(head + _speaker_sections(groups, path, entities)))]
    buckets: dict[str, list[tuple[tuple[str, ...], list[Said]]]] = {}
    for speakers, group in groups:
        buckets.setdefault(_bucket(speakers), []).append((speakers, group))
    pages = []
    index = ["## Speakers by name", ""]
    for key in sorted(buckets, key=lambda k: (k == "unattributed", k == "other", k)):
        page_path = paths.quotes_path(key)
        count = sum(len(group) for _, group in buckets[key])
        label = key.upper() if len(key) == 1 else key.capitalize()
        index.append(f"- [{label}]({paths.link(path, page_path)}): {count} {'quote' if count == 1 else 'quotes'}")
        title = f"Quotes: {label}"
        body = [front_matter({"title": title}), f"# {title}\n", *_speaker_sections(buckets[key], page_path, entities)]
        pages.append(Page(page_path, "\n".join(body)))
    return [Page(path, "\n".join(head + index) + "\n"), *pages]


def _bucket(speakers: tuple[str, ...]) -> str:
    if not speakers:
        return "unattributed"
    initial = speaker_label(speakers)[:1].casefold()
    return initial if "a" <= initial <= "z" else "other"


def _speaker_sections(groups, path: str, entities: set[str]) -> list[str]:
    lines = []
    for speakers, group in groups:
        if speakers:
            names = [f"[{inline(s)}]({paths.entity(path, s)})" if s in entities else inline(s) for s in speakers]
            lines.append(f"## {speaker_label(tuple(names))}\n")
        else:
            lines.append("## Unattributed\n")
        lines += [quote_item(said, path) for said in group]
        lines.append("")
    return lines


def by_speaker_name(items: list[Said]) -> dict[str, list[Said]]:
    """Quotes of each speaker (a joint quote counts for each), for entity pages."""
    found: dict[str, list[Said]] = {}
    for said in items:
        for speaker in said.quote.speakers:
            found.setdefault(speaker, []).append(said)
    return found


def quotes_section(items: list[Said], from_path: str, heading: str = "## Quotes") -> str:
    """The quotes of one speaker (e.g. for an entity page); '' when there are none."""
    if not items:
        return ""
    return "\n".join([heading, "", *(quote_item(s, from_path) for s in items)]) + "\n"
