"""Stage 1, read: bytes of a source file -> :class:`Source`.

Decodes strictly (:mod:`briefing.sources.encoding`: UTF-8 unless a
byte-order mark or, in HTML, the page declares another encoding; no silent
replacement, no guessing), removes invisible characters, normalises line endings, and splits
YAML front matter off Markdown sources.

Front matter is untrusted: it is composed (never constructed) with PyYAML's
safe loader, refusing aliases, anchors, explicit tags, nesting and duplicate
keys, and every value is kept as the text written. YAML's implicit typing is
not applied, so ``language: NO`` stays ``"NO"`` and ``title: 2024`` stays
``"2024"``; dates are checked by the pipeline, not by YAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml

from briefing.errors import SourceError
from briefing.markup import visible
from briefing.model import Source, SourceKind
from briefing.slugs import address_slug
from briefing.sources.encoding import UTF8_BOM, decode

KINDS: dict[str, SourceKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

LIST_FIELDS = ("authors", "tags", "redirect_from")
FLAG_FIELDS = ("clean",)
DATE_FIELDS = ("date", "retrieved")
FRONT_MATTER_FIELDS = (
    "title",
    "subtitle",
    "authors",
    "publisher",
    "date",
    "url",
    "language",
    "tags",
    "clean",
    "retrieved",
    "redirect_from",
)

MAX_SOURCE_BYTES = 4 * 1024 * 1024
"""Largest source file read; a news article is well under 1 MiB, also as saved HTML."""
MIN_YEAR = 1000
"""Earliest year of a source's date: earlier ones are typing mistakes (``0024-05-01``), and date arithmetic breaks near year 1."""
MAX_FRONT_MATTER_BYTES = 16 * 1024
"""Largest front matter parsed; real front matter is a few hundred bytes."""

_NULL = ("", "~", "null", "Null", "NULL")
_COMMENT_AFTER = re.compile(r"[ \t]+#")


def kind_of(path: str) -> SourceKind | None:
    """The kind of source a file name denotes, or None for files we ignore."""
    return KINDS.get(PurePosixPath(path).suffix.lower())


def too_large(path: str, size: int) -> SourceError | None:
    """The error for a file of ``size`` bytes if it is over the limit; checked before reading."""
    if size <= MAX_SOURCE_BYTES:
        return None
    return SourceError(
        path,
        1,
        f"the file is {size:,} bytes, over the limit of {MAX_SOURCE_BYTES:,}",
        "keep only the article's text in the file",
    )


def read(path: str, data: bytes) -> Source:
    """Turn the bytes of the file at ``path`` into a :class:`Source`.

    Raises :class:`SourceError` naming the line when the file cannot be used.
    """
    kind = kind_of(path)
    if kind is None:
        raise SourceError(path, 1, "unknown kind of file", "use .txt, .md or .html")
    if error := too_large(path, len(data)):
        raise error
    text = visible(decode(path, data, html=kind == "html").replace("\r\n", "\n").replace("\r", "\n"))
    _check_not_blank(path, data, text)
    front_matter: dict[str, object] = {}
    body_line = 1
    if kind == "markdown":
        front_matter, text, body_line = split_front_matter(path, text)
        if not text.strip():
            raise SourceError(path, body_line, "there is no article text after the front matter", "add the text below the closing ---")
    return Source(
        path=path,
        kind=kind,
        text=text,
        body_line=body_line,
        front_matter=front_matter,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _check_not_blank(path: str, data: bytes, text: str) -> None:
    if not data:
        raise SourceError(path, 1, "the file is empty", "add the article text or delete the file")
    if data == UTF8_BOM:
        raise SourceError(path, 1, "the file holds only a byte-order mark", "add the article text or delete the file")
    if not text.strip():
        raise SourceError(path, 1, "the file holds only blank space", "add the article text or delete the file")



def split_front_matter(path: str, text: str) -> tuple[dict[str, object], str, int]:
    """Split ``---`` YAML front matter from a Markdown text.

    Returns the mapping, the body, and the line the body starts on. Line
    numbers in errors count from the top of the file.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise SourceError(path, 1, "front matter is never closed", "end it with a line of ---")
    raw = "\n".join(lines[1:end])
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise SourceError(
            path, 2, f"front matter is over the limit of {MAX_FRONT_MATTER_BYTES:,} bytes", "keep only the fields the article needs"
        )
    return parse_front_matter(path, raw), "\n".join(lines[end + 1 :]), end + 2


@dataclass(frozen=True, slots=True)
class Fields:
    """How one block of YAML fields is read: where it is, which fields it may set, what messages call it."""

    path: str
    first: int = 2
    """Line of the file the YAML starts on (front matter starts on line 2, below its ``---``)."""
    allowed: tuple[str, ...] = FRONT_MATTER_FIELDS
    noun: str = "front matter"

    def line(self, mark_line: int) -> int:
        return mark_line + self.first

    def error(self, mark_line: int, what: str, todo: str) -> SourceError:
        return SourceError(self.path, self.line(mark_line), what, todo)


def parse_front_matter(path: str, raw: str) -> dict[str, object]:
    """The fields of the YAML between the ``---`` lines, as written; ``raw`` starts on line 2."""
    return parse_fields(Fields(path), raw)


def parse_fields(where: Fields, raw: str) -> dict[str, object]:
    """The fields of a block of YAML ``raw``, as written, read as :class:`Fields` ``where`` says."""
    noun = where.noun
    try:
        root = _compose(raw, noun)
    except _Refused as refused:
        raise where.error(refused.mark.line, refused.what, refused.todo) from None
    except yaml.YAMLError as error:
        raise SourceError(where.path, _error_line(error, raw, where.first), f"invalid {noun}: {_error_text(error)}", "quote the value or fix the YAML") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        shape = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise where.error(root.start_mark.line, f"{noun} is {shape}, not fields", "write it as 'key: value' lines")
    fields: dict[str, object] = {}
    first_line: dict[str, int] = {}
    lines = raw.split("\n")
    problems: list[SourceError] = []  # every field is checked: a person fixes them all in one go
    for key_node, value_node in root.value:
        try:
            key = _key(where, key_node)
            if key in first_line:
                raise where.error(key_node.start_mark.line, f"duplicate {noun} field {key!r} (first on line {first_line[key]})", "keep only one of them")
            first_line[key] = where.line(key_node.start_mark.line)
            value = _value(where, key, value_node, lines)
        except SourceError as problem:
            problems.append(problem)
            continue
        if value is not None:
            fields[key] = value
    if problems:
        raise problems[0].with_more(problems[1:])
    return fields


def _error_line(error: yaml.YAMLError, raw: str, first: int) -> int:
    """Where the YAML went wrong; for a list or quote left open, where it was opened."""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if context is not None and (mark is None or mark.index >= len(raw.rstrip())):
        mark = context
    return mark.line + first if mark is not None else first


def _error_text(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or "not valid YAML"
    context = getattr(error, "context", None)
    return f"{context}: {problem}" if context else problem


class _Refused(Exception):
    def __init__(self, mark, what: str, todo: str):
        super().__init__(what)
        self.mark, self.what, self.todo = mark, what, todo


class _FrontMatterLoader(yaml.SafeLoader):
    """Composes plain YAML only: no aliases, anchors, tags or nesting below a list.

    Refusing aliases stops "billion laughs" expansion; refusing tags means no
    constructor, safe or not, ever runs; the depth limit bounds recursion.
    """

    depth = 0
    noun = "front matter"

    def compose_node(self, parent, index):
        event = self.peek_event()
        noun = self.noun
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"{noun} uses a YAML alias (*)", "write the value out in full")
        if event.anchor is not None:
            raise _Refused(event.start_mark, f"{noun} uses a YAML anchor (&)", "write the value out in full")
        if getattr(event, "tag", None) is not None:
            raise _Refused(event.start_mark, f"{noun} uses the YAML tag {event.tag!r}", "remove the tag; values are plain text")
        if self.depth >= 2 and isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            raise _Refused(event.start_mark, f"{noun} nests lists or fields inside a list", "write a flat list: [A, B]")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(raw: str, noun: str):
    loader = _FrontMatterLoader(raw)
    loader.noun = noun
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _key(where: Fields, node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise where.error(node.start_mark.line, f"{where.noun} field name is not a word", "write it as 'key: value' lines")
    if node.value == "entities":
        raise where.error(node.start_mark.line, f"{where.noun} 'entities' is not used: entities are found in the text", "remove it; add a name the tagger misses to taxonomy/entities.yml")
    if node.value not in where.allowed:
        raise where.error(node.start_mark.line, f"unknown {where.noun} field {node.value!r}", "use one of " + ", ".join(where.allowed))
    return node.value


def _value(where: Fields, key: str, node, lines: list[str]) -> object:
    if key in LIST_FIELDS:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        texts = [_scalar(where, key, item, lines) for item in items]
        if key == "redirect_from":
            for item, text in zip(items, texts):
                if text and not address_slug(text):
                    raise where.error(item.start_mark.line, f"{where.noun} redirect_from {text!r} is not a story's address", "write the old address, e.g. stories/old-name/")
        return [t for t in texts if t] or None
    if not isinstance(node, yaml.ScalarNode):
        raise where.error(node.start_mark.line, f"{where.noun} {key!r} must be text, not a list or fields", f"write {key}: some text")
    text = _scalar(where, key, node, lines)
    if text is None:
        return None
    if key in FLAG_FIELDS:
        return _flag(where, key, node, text)
    if key in DATE_FIELDS:
        _check_date(where, key, node, text)
    if key == "url":
        _check_url(where, node, text)
    return text


def _scalar(where: Fields, key: str, node, lines: list[str]) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        raise where.error(node.start_mark.line, f"{where.noun} {key!r} must be a list of names", f"write {key}: [A, B]")
    if node.style is None:  # plain, unquoted
        rest = lines[node.end_mark.line][node.end_mark.column :]
        if _COMMENT_AFTER.match(rest):
            raise where.error(
                node.end_mark.line,
                f"{where.noun} {key!r} is cut short by ' #', which starts a YAML comment",
                f"put the whole value in quotes: {key}: \"{node.value}{rest}\"",
            )
        if node.value in _NULL:
            return None
    value = " ".join(node.value.split())
    return value or None


def _flag(where: Fields, key: str, node, text: str) -> bool:
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise where.error(node.start_mark.line, f"{where.noun} {key!r} must be true or false, not {text!r}", f"write {key}: true or {key}: false")


def _check_date(where: Fields, key: str, node, text: str) -> None:
    """``YYYY-MM-DD``, optionally followed by a time: the one form written, read and shown alike.

    Python reads more (``20240101``, ``2024W011``) but the rest of the
    pipeline, and people reading the file, expect the dashed form.
    """
    valid = re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", text) is not None
    if valid:
        try:
            valid = dt.date.fromisoformat(text[:10]).year >= MIN_YEAR
        except ValueError:
            valid = False
    if not valid:
        raise where.error(node.start_mark.line, f"{where.noun} {key} {text!r} is not a real date", "write it as YYYY-MM-DD")


def _check_url(where: Fields, node, text: str) -> None:
    if not re.match(r"https?://[^\s/]", text, re.IGNORECASE):
        raise where.error(node.start_mark.line, f"{where.noun} url {text!r} is not a web address", "write the address starting with https://")


def field_lines(data: bytes) -> dict[str, int]:
    """Line of each top-level ``key:`` of a file's front matter (empty without front matter).

    Read from the bytes as written, so that a message can point at a field
    even when the article came from the cache or the front matter is broken.
    """
    lines = data.decode("utf-8", "replace").lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if match := re.match(r"^([A-Za-z_]\w*)\s*:", line):
            found.setdefault(match.group(1), number)
    return found
