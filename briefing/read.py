"""Stage 1, read: bytes of a source file -> :class:`Source`.

Decodes strictly (no silent replacement), normalises line endings, and splits
YAML front matter off Markdown sources. Only safe YAML loading is used.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

import yaml

from .errors import SourceError
from .model import Source, SourceKind

KINDS: dict[str, SourceKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

FRONT_MATTER_FIELDS = (
    "title",
    "subtitle",
    "authors",
    "publisher",
    "date",
    "url",
    "language",
    "tags",
    "entities",
    "clean",
    "retrieved",
)


def kind_of(path: str) -> SourceKind | None:
    """The kind of source a file name denotes, or None for files we ignore."""
    return KINDS.get(PurePosixPath(path).suffix.lower())


def read(path: str, data: bytes) -> Source:
    """Turn the bytes of the file at ``path`` into a :class:`Source`.

    Raises :class:`SourceError` naming the line when the file cannot be used.
    """
    kind = kind_of(path)
    if kind is None:
        raise SourceError(path, None, "unknown kind of file", "use .txt, .md or .html")
    text = _decode(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(path, 1, "the file is empty", "add the article text or delete the file")
    front_matter: dict[str, object] = {}
    body_line = 1
    if kind == "markdown":
        front_matter, text, body_line = split_front_matter(path, text)
    return Source(
        path=path,
        kind=kind,
        text=text,
        body_line=body_line,
        front_matter=front_matter,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _decode(path: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            path,
            line,
            f"not valid UTF-8 (byte offset {error.start})",
            "re-save the file as UTF-8",
        ) from None


def split_front_matter(path: str, text: str) -> tuple[dict[str, object], str, int]:
    """Split ``---`` YAML front matter from a Markdown text.

    Returns the mapping, the body, and the line the body starts on.
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
    try:
        loaded = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SourceError(
            path, line, f"invalid front matter: {problem}", "quote the value or fix the YAML"
        ) from None
    if not isinstance(loaded, dict):
        raise SourceError(
            path, 2, "front matter is not a mapping", "write it as 'key: value' lines"
        )
    unknown = sorted(str(key) for key in loaded if key not in FRONT_MATTER_FIELDS)
    if unknown:
        raise SourceError(
            path,
            2,
            f"unknown front matter field {unknown[0]!r}",
            "use one of " + ", ".join(FRONT_MATTER_FIELDS),
        )
    return loaded, "\n".join(lines[end + 1 :]), end + 2
