"""Stage 2, clean: :class:`Source` -> :class:`CleanText`.

Turns the body of a source into ordered blocks (paragraphs, headings, list
items, quotes) and records every line it drops, with the reason, so that the
article page can show a cleaning report.
"""

from __future__ import annotations

import re

from .model import Block, CleanText, Removed, Source

NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*)$")
BULLET = re.compile(r"^\s*[-*+•·▪‣◦]\s+(\S.*)$")
# A closing run of '#' counts only after a space (CommonMark): "# C#" is "C#",
# and "# #" is "#", never an empty heading that re-cleans as a paragraph.
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
MD_QUOTE = re.compile(r"^\s*>\s?(.*)$")
# A marker with no text ("#", "-", "1.") is an empty heading or list item, not
# paragraph text: joined to the next line it would turn into a block marker
# when the cleaned text is cleaned again.
MD_EMPTY_MARKER = re.compile(r"^(#{1,6}|[-*+•·▪‣◦]|\d{1,3}[.)])$")


def clean(source: Source) -> CleanText:
    """Split ``source`` into body blocks and the removed lines."""
    if source.kind == "markdown":
        return _clean_markdown(source)
    return _clean_text(source)


def _clean_text(source: Source) -> CleanText:
    blocks: list[Block] = []
    removed: list[Removed] = []
    seen: set[str] = set()
    for number, line in _lines(source):
        block = _text_block(line, number)
        # Keyed on the text without its list marker: "- x" repeats "* x", and
        # cleaning the cleaned text again finds no new repeats.
        key = " ".join(block.text.split()).casefold()
        if key in seen:
            removed.append(Removed(number, line, "repeated line"))
            continue
        seen.add(key)
        blocks.append(block)
    title = ""
    if blocks and blocks[0].kind == "paragraph":  # a list item is not a headline
        title = blocks[0].text
        blocks = blocks[1:]
    return CleanText(source=source, blocks=tuple(blocks), removed=tuple(removed), title=title)


def _text_block(line: str, number: int) -> Block:
    if match := NUMBERED.match(line):
        return Block("numbered", match.group(2).strip(), number)
    if match := BULLET.match(line):
        return Block("bullet", match.group(1).strip(), number)
    return Block("paragraph", line.strip(), number)


def _lines(source: Source):
    """Non-empty lines with their line numbers in the file."""
    for offset, line in enumerate(source.text.split("\n")):
        if line.strip():
            yield source.body_line + offset, line


def _clean_markdown(source: Source) -> CleanText:
    """Markdown written by a person: keep its structure, join wrapped lines."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    start = 0

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph), start))
            paragraph.clear()

    for offset, line in enumerate(source.text.split("\n")):
        number = source.body_line + offset
        stripped = line.strip()
        if not stripped or MD_EMPTY_MARKER.match(stripped):
            flush()
            continue
        if match := MD_HEADING.match(stripped):
            flush()
            blocks.append(Block("heading", match.group(2), number))
        elif match := NUMBERED.match(stripped):
            flush()
            blocks.append(Block("numbered", match.group(2).strip(), number))
        elif match := BULLET.match(stripped):
            flush()
            blocks.append(Block("bullet", match.group(1).strip(), number))
        elif match := MD_QUOTE.match(stripped):
            flush()
            blocks.append(Block("quote", match.group(1).strip(), number))
        else:
            if not paragraph:
                start = number
            paragraph.append(stripped)
    flush()
    title = ""
    if blocks and blocks[0].kind == "heading":
        title = blocks[0].text
        blocks = blocks[1:]
    return CleanText(source=source, blocks=tuple(blocks), title=title)
