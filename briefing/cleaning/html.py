"""The HTML path of the cleaner: saved web pages through trafilatura, then our own steps.

trafilatura finds the article in the page's markup; the Markdown it returns
then goes through the same line rules as pasted Markdown, so captions,
credits and furniture it let through are still removed and reported. The
headline, dek, authors, publisher, date and address are weighed among
everything the page says about itself (:mod:`briefing.cleaning.page` gathers,
:mod:`briefing.cleaning.metadata` weighs); trafilatura's own findings only
count as guesses.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import lines as ln
from briefing.cleaning import metadata as md
from briefing.cleaning.markdown import clean_markdown
from briefing.cleaning.page import PageMeta, printed_after_headline, read_page
from briefing.model import Block, CleanText, Removed, Source

EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
AUTHOR_SPLIT = re.compile(r"\s*;\s*")
BYLINE_BLOCKS = 6
"""A byline is looked for among this many first blocks."""


def clean_html(source: Source) -> CleanText:
    """Extract the article of a saved page, clean it like pasted Markdown, and weigh the page's metadata."""
    document = _extract(source.text)
    if document is None:
        return CleanText(source=source, blocks=(), removed=(Removed(1, source.text[:200], "no article text found in the page"),))
    text = EMPHASIS.sub(r"\2", document.text or "")
    markdown = replace(source, kind="markdown", text=text, body_line=0, front_matter={})
    cleaned = clean_markdown(markdown)
    tree = _tree(source.text)
    page = read_page(tree)
    publisher = md.choose_publisher(page, " ".join((document.sitename or "").split()))
    names = md.site_names(page, publisher)
    body = " ".join(b.text for b in cleaned.blocks)
    title = md.choose_title(page, names, found=cleaned.title, body=body) or " ".join((document.title or "").split())
    blocks, removed = _drop_furniture(cleaned.blocks, title)
    subtitle, blocks, removed = _dek(page, tree, title, blocks, removed, names)
    authors, people = md.choose_authors(page, publisher, _authors(document.author))
    if not people and (byline := _byline(blocks)):  # the page's metadata named only the site: a byline names people
        authors, index = byline
        blocks = blocks[:index] + blocks[index + 1 :]
    return CleanText(
        source=source,
        blocks=tuple(blocks),
        removed=tuple(sorted(cleaned.removed + tuple(removed), key=lambda r: r.line)),
        title=title,
        subtitle=subtitle,
        authors=authors,
        publisher=publisher,
        date=md.choose_date(page, document.date or ""),
        url=md.choose_url(page),
    )


def _dek(page: PageMeta, tree, title: str, blocks: list[Block], removed: list[Removed], names: list[str]):
    """The subtitle, and the body without the paragraph that printed it (reported as moved there, not lost)."""
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    printed = printed_after_headline(tree, ln.key(title), {ln.key(b.text) for b in paragraphs[md.DEK_BLOCKS :]}, ln.key)
    subtitle, index = md.choose_dek(page, printed, title, [b.text for b in paragraphs], names)
    if index >= 0:
        moved = paragraphs[index]
        blocks = [b for b in blocks if b is not moved]
        removed = removed + [Removed(moved.line, moved.text, "dek, shown as the subtitle")]
    return subtitle, blocks, removed


def _byline(blocks: list[Block]) -> tuple[tuple[str, ...], int] | None:
    """Authors from a ``By A, B`` paragraph among the first blocks, and its index."""
    for index, block in enumerate(blocks[:BYLINE_BLOCKS]):
        if block.kind == "paragraph" and (names := ln.byline_names(block.text)):
            return names, index
    return None


def _tree(page: str):
    """The page parsed by lxml (as trafilatura parses it), or None when it cannot be."""
    from trafilatura.utils import load_html

    try:
        return load_html(page)
    except Exception:  # lxml refuses some broken markup: the page then offers no metadata, not an error
        return None


def _extract(page: str):
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_formatting=True,
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    except Exception:  # trafilatura raises many kinds on broken markup; a bad page is empty, not fatal
        return None


def _drop_furniture(blocks: tuple[Block, ...] | list[Block], title: str) -> tuple[list[Block], list[Removed]]:
    """The text path's line decisions on trafilatura's blocks: a saved page is never dirtier than its scrape.

    Captions and credits, timestamps, telling phrases (promos, app prompts,
    "See also:"), links in capitals, an author's bio and runs of teasers
    with a kicker ("HARBOUR: The ferry ...") leave, each with its reason.
    """
    kept: list[Block] = []
    removed: list[Removed] = []
    title_key = ln.key(title)
    kickers = _teaser_runs(blocks)
    for number, block in enumerate(blocks):
        text = block.text
        reason = ""
        if block.kind == "heading" and ln.key(text) == title_key:
            reason = "headline"
        elif ln.is_caption(text) and not ln.is_prose(text) or ln.is_credit(text):
            reason = "photo caption"
        elif ln.TIMESTAMP.match(text):
            reason = bp.TIMESTAMP
        elif strong := bp.strong_reason(text):
            reason = strong if len(text.split()) <= 40 else ""  # a long paragraph that quotes a phrase stays
        elif text.isupper() and len(text.split()) >= 4:
            reason = "link to another story (a line in capitals)"
        elif number in kickers:
            reason = bp.RELATED
        elif number >= len(blocks) - 3 and ln.is_writer_bio(text):
            reason = "author bio"
        if reason:
            removed.append(Removed(block.line, text, reason))
        else:
            kept.append(block)
    return kept, removed


def _teaser_runs(blocks: tuple[Block, ...]) -> set[int]:
    """Blocks in a run of teasers, each opening with another kicker in capitals ("HARBOUR: ...", "SCHOOLS: ...").

    Three or more, or two that close the article. An interview's speakers
    ("SMITH: ...", "JONES: ...") come back turn after turn: a run where a
    kicker repeats is a transcript, not teasers.
    """
    out: set[int] = set()
    run: list[int] = []
    for number, block in enumerate((*blocks, Block("paragraph", ""))):
        if ln.is_kicker(block.text):
            run.append(number)
            continue
        heads = [blocks[i].text.partition(":")[0] for i in run]
        closing = bool(run) and run[-1] >= len(blocks) - 3
        if len(run) >= 2 and len(set(heads)) == len(heads) and (len(run) >= 3 or closing):
            out.update(run)
        run = []
    return out


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    names = [" ".join(n.split()) for n in AUTHOR_SPLIT.split(value)]
    return tuple(n for n in names if n)
