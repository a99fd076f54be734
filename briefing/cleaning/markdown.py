"""Cleaning a Markdown source: a person wrote it, so only page furniture pasted in with it goes.

Front matter is already split off by ``read``; with ``clean: true`` in it the body is
trusted as it stands. Blocks keep their Markdown kind (heading, list item, quote).
"""

from __future__ import annotations

import html
import re

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import lines as ln
from briefing.model import Block, CleanText, Removed, Source

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|\d{1,3}[.)]\s+|[-*+•]\s+|>\s?)")
MD_QUOTE = re.compile(r"^\s*>\s?(.*)$")



def clean_markdown(source: Source) -> CleanText:
    """Markdown written by a person: keep its structure, join wrapped lines.

    Unless the front matter says ``clean: true``, repeated lines and lines
    that are plainly page furniture (share buttons, subscribe prompts ...)
    are dropped, each with its reason.
    """
    trusted = source.front_matter.get("clean") is True
    blocks: list[Block] = []
    removed: list[Removed] = []
    paragraph: list[str] = []
    start = 0
    seen: set[str] = set()

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph), start))
            paragraph.clear()

    for offset, line in enumerate(source.text.split("\n")):
        number = source.body_line + offset
        raw = line.strip()
        stripped = _unmark(raw)
        if not stripped:
            flush()
            continue
        if not trusted and (reason := _markdown_noise(stripped, seen)):
            flush()
            removed.append(Removed(number, stripped, reason))
            continue
        seen.add(_repeat_key(stripped))
        # Block markers are read from the line as written: an escaped "&#45; x"
        # (our own output for text that starts with "-") is text, not a list
        # item, and "*x*" is emphasis, not a bullet.
        if match := MD_HEADING.match(raw):
            flush()
            blocks.append(Block("heading", _unmark(match.group(2)), number))
        elif match := ln.NUMBERED.match(raw):
            flush()
            blocks.append(Block("numbered", _unmark(match.group(2).strip()), number))
        elif (match := ln.BULLET.match(raw)) and (raw[:1] == "•" or raw[:1] in "-*+" and raw[1:2].isspace()):
            flush()
            blocks.append(Block("bullet", _unmark(match.group(1).strip()), number))
        elif match := MD_QUOTE.match(raw):
            flush()
            blocks.append(Block("quote", _unmark(match.group(1).strip()), number))
        else:
            if not paragraph:
                start = number
            paragraph.append(stripped)
    flush()
    title = ""
    if blocks and blocks[0].kind == "heading" and MD_HEADING.match(source.text.lstrip().split("\n", 1)[0] or ""):
        title = blocks[0].text
        blocks = blocks[1:]
    given = {ln.key(str(source.front_matter.get(k) or "")): k for k in ("title", "subtitle")}
    if title:  # a headline given as "# ..." is repeated just the same (and is front matter once cleaned)
        given.setdefault(ln.key(title), "title")
    if not trusted:
        for block in blocks:
            if block.kind == "paragraph" and ln.key(block.text) in given and ln.key(block.text):
                removed.append(Removed(block.line, block.text, f"repeated {given[ln.key(block.text)]}"))
        blocks = [b for b in blocks if not (b.kind == "paragraph" and ln.key(b.text) in given and ln.key(b.text))]
    return CleanText(source=source, blocks=tuple(blocks), removed=tuple(sorted(removed, key=lambda r: r.line)), title=title)


EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])")


def _unmark(line: str) -> str:
    """Plain text of a Markdown line: character references decoded, emphasis markers dropped.

    The site shows text, not inline Markdown, so ``*word*`` would otherwise
    print its asterisks; decoding references makes cleaning our own output a
    no-op.
    """
    return html.unescape(EMPHASIS.sub(r"\2", line))  # "&#42;" is an escaped asterisk, never emphasis


def _repeat_key(line: str) -> str:
    """A line's comparison form without its block marker: "2. x" and "1. x" are one item."""
    return ln.key(BLOCK_MARKER.sub("", line, count=1))


def _markdown_noise(line: str, seen: set[str]) -> str:
    """Why a line of pasted Markdown is not article text, or "" when it is."""
    folded = _repeat_key(line)
    if folded and folded in seen and len(line.split()) >= 3:
        return "repeated line"
    text = MD_HEADING.sub(r"\2", line)
    return bp.furniture_reason(text) or bp.strong_reason(text)
