"""The HTML path of the cleaner: saved web pages through trafilatura, then our own steps.

trafilatura finds the article in the page's markup (and its metadata: title,
author, date, site name); the Markdown it returns then goes through the same
line rules as pasted Markdown, so captions, credits and furniture it let
through are still removed and reported.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import lines as ln
from briefing.cleaning.markdown import clean_markdown
from briefing.model import Block, CleanText, Removed, Source

EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
AUTHOR_SPLIT = re.compile(r"\s*;\s*")
# Bounded, so that a page of unclosed <h1> tags cannot make the search quadratic.
H1 = re.compile(r"<h1\b[^>]{0,500}>(.{0,1000}?)</h1\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]*>")


def clean_html(source: Source) -> CleanText:
    """Extract the article of a saved page and clean it like pasted Markdown."""
    document = _extract(source.text)
    if document is None:
        return CleanText(source=source, blocks=(), removed=(Removed(1, source.text[:200], "no article text found in the page"),))
    text = EMPHASIS.sub(r"\2", document.text or "")
    markdown = replace(source, kind="markdown", text=text, body_line=0, front_matter={})
    cleaned = clean_markdown(markdown)
    title = _headline(" ".join((document.title or cleaned.title or "").split()), source.text)
    blocks, removed = _drop_furniture(cleaned.blocks, title)
    body_text = " ".join(b.text for b in blocks)
    description = " ".join((document.description or "").split())
    subtitle = description if description and ln.key(description) not in ln.key(body_text) and description != title else ""
    return CleanText(
        source=source,
        blocks=tuple(blocks),
        removed=cleaned.removed + tuple(removed),
        title=title,
        subtitle=subtitle,
        authors=_authors(document.author),
        publisher=" ".join((document.sitename or "").split()),
        date=ln.find_date(document.date or ""),
    )


def _headline(title: str, page: str) -> str:
    """The page title without its site suffix: the ``<h1>`` the title starts with, when there is one.

    A page title is often "Headline | Site" or "Headline - Section | Site";
    the headline the page prints is the part before the suffix. Only a
    printed ``<h1>`` of three words or more may shorten the title, so a
    dash inside a headline ("... bed - then ...") is never cut.
    """
    folded = ln.key(title)
    for match in H1.finditer(page):
        heading = " ".join(html.unescape(TAG.sub(" ", match.group(1))).split())
        key = ln.key(heading)
        if len(key.split()) >= 3 and folded.startswith(key + " "):
            return heading
    return title


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


def _drop_furniture(blocks: tuple[Block, ...], title: str) -> tuple[list[Block], list[Removed]]:
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
