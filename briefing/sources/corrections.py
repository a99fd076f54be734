"""A person's corrections to a source, kept apart from it: ``sources/<name>.yml`` beside ``sources/<name>.<ext>``.

The original (the saved page, the text scrape, the Markdown) stays as it was
added, so every build cleans it again with the current cleaner; the
corrections file holds only what a person decided, and each field set there
wins over what the pipeline finds (and over the original's own front
matter). The file is YAML read like front matter: plain text values only, no
aliases, tags or nesting; unknown fields, bad dates and bad addresses are
reported with their line.

A corrections file pairs with the one source of the same name in the same
folder. One without a source, one whose name fits two sources
(``x.txt`` and ``x.html``), and two for one source (``x.yml`` and
``x.yaml``) are reported; none of them is applied.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Mapping

from briefing.errors import SourceError
from briefing.markup import visible
from briefing.model import Source
from briefing.sources.read import (
    FRONT_MATTER_FIELDS,
    MAX_FRONT_MATTER_BYTES,
    Fields,
    decode,
    parse_fields,
)

SUFFIXES = (".yml", ".yaml")
"""File name endings of corrections files."""
FIELDS = tuple(name for name in FRONT_MATTER_FIELDS if name != "clean")
"""What a correction may set: every front matter field but ``clean`` (the original is always cleaned again)."""
MAX_BYTES = MAX_FRONT_MATTER_BYTES


@dataclass(frozen=True, slots=True)
class Corrections:
    """The fields of one corrections file."""

    path: str
    """Shown path of the corrections file, e.g. ``sources/foo.yml``."""
    fields: Mapping[str, object]
    lines: Mapping[str, int]
    """Line of each field in the file, for messages about its value."""
    sha256: str = ""


def corrections_path(source: str) -> str:
    """Where the corrections file of ``source`` goes: ``sources/foo.html`` -> ``sources/foo.yml``."""
    return str(PurePosixPath(source).with_suffix(SUFFIXES[0]))


def is_corrections(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in SUFFIXES


def read_corrections(path: str, data: bytes) -> Corrections:
    """Parse the bytes of the corrections file at ``path``; raises :class:`SourceError` naming the line."""
    if len(data) > MAX_BYTES:
        raise SourceError(path, 1, f"the corrections file is {len(data):,} bytes, over the limit of {MAX_BYTES:,}", "keep only the fields you correct")
    text = visible(decode(path, data).replace("\r\n", "\n").replace("\r", "\n"))
    fields = parse_fields(Fields(path, first=1, allowed=FIELDS, noun="corrections"), text)
    return Corrections(path, fields, field_lines(text), hashlib.sha256(data).hexdigest())


def field_lines(text: str) -> dict[str, int]:
    """Line of each top-level field of a corrections file's text."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        name = line.split(":", 1)[0]
        if ":" in line and name in FIELDS:
            found.setdefault(name, number)
    return found


def apply(source: Source, corrections: Corrections | None) -> Source:
    """``source`` with the corrected fields laid over its front matter."""
    if corrections is None or not corrections.fields:
        return source
    return replace(source, front_matter={**source.front_matter, **corrections.fields})


def pair(sources: list[tuple[str, Path]], corrections: list[tuple[str, Path]]) -> tuple[dict[str, tuple[str, Path]], list[SourceError]]:
    """Which corrections file belongs to which source (by shown path), and the files that pair with none or several."""
    by_stem: dict[str, list[str]] = {}
    for shown, _ in sources:
        by_stem.setdefault(_stem(shown), []).append(shown)
    claims: dict[str, list[tuple[str, Path]]] = {}
    problems: list[SourceError] = []
    for shown, path in sorted(corrections):
        originals = sorted(by_stem.get(_stem(shown), []))
        if not originals:
            problems.append(SourceError(shown, 1, "corrects no source: there is no article file of the same name beside it", "rename it after its source, or delete it"))
        elif len(originals) > 1:
            problems.append(
                SourceError(shown, 1, f"fits two sources ({', '.join(originals)}), so it corrects neither", "rename one of the sources")
            )
        else:
            claims.setdefault(originals[0], []).append((shown, path))
    paired: dict[str, tuple[str, Path]] = {}
    for original, files in sorted(claims.items()):
        if len(files) > 1:
            names = ", ".join(shown for shown, _ in files)
            problems += [SourceError(shown, 1, f"{original} has two corrections files ({names}), so neither is used", "merge them into one") for shown, _ in files]
        else:
            paired[original] = files[0]
    return paired, problems


def _stem(shown: str) -> str:
    """``sources/a/b.html`` -> ``sources/a/b``: the name a source and its corrections share."""
    path = PurePosixPath(shown)
    return str(path.with_suffix(""))
