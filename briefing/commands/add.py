"""``briefing add``: import an article from a file or a web address into ``sources/``.

The article is kept as it came, byte for byte (a page fetched in another
character set is stored as UTF-8, which is all the build reads), named
``YYYY-MM-DD-slug.<ext>`` from what the pipeline finds in it, and every build
cleans it again with the cleaner of the day. Beside it goes its corrections
file, ``YYYY-MM-DD-slug.yml``: what the pipeline found, as comments for a person
to check, and the facts of the import (the address fetched, the day). A field
set there wins over the page on every build (see
:mod:`briefing.sources.corrections`).

Nothing is ever overwritten: every file is created exclusively, a taken name
gets ``-2``, ``-3``... An article that is already a source is refused, naming
the source that holds it, also when several ``add`` run at once on the same
article: the original is put in place in one step (a hard link of a finished
temporary file), so a second run finds the first one's complete file under the
name they both chose and recognises it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path

import yaml

from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.commands import catalog
from briefing.commands.fetch import MAX_BYTES, TIMEOUT, AddError, fetch, is_url
from briefing.errors import SourceError
from briefing.model import Article, SourceKind
from briefing.slugs import slugify
from briefing.sources import corrections
from briefing.sources.files import read_source
from briefing.sources.read import KINDS, kind_of, read

SUFFIXES: dict[SourceKind, str] = {"html": ".html", "text": ".txt", "markdown": ".md"}
MAX_NAMES = 1000
"""``name``, ``name-2`` ... ``name-999``: after that a person should tidy up."""


def article_of(shown: str, data: bytes, kind: SourceKind) -> Article:
    """The article in ``data``, through the pipeline's read -> clean -> extract stages."""
    stand_in = f"article{SUFFIXES[kind]}"  # read() knows the kind by the file suffix
    try:
        source = replace(read(stand_in, data), path=shown)
    except SourceError as error:
        raise SourceError(shown, error.line, error.what, error.todo) from None
    return extract(clean(source))


def corrections_template(article: Article, original: str, url: str = "", retrieved: str = "") -> str:
    """The new corrections file: what was found, commented out, then the facts of the import as fields."""
    found: dict[str, object] = {"title": article.title}
    if article.subtitle:
        found["subtitle"] = article.subtitle
    found["authors"] = list(article.authors)
    found["publisher"] = article.publisher or None
    found["date"] = _yaml_date(article.date)
    if article.url and article.url != url:
        found["url"] = article.url
    lines = [
        f"# Corrections to {original}, which stays as it was added: every build cleans it again.",
        "# A field set here wins over what briefing finds in it; delete the field to let briefing decide again.",
        "# Found when it was added (remove the # in front of a line to correct it):",
        *(f"# {line}" for line in _dump(found).splitlines()),
        "# Other fields: language, tags: [Topic], redirect_from: [old address].",
    ]
    facts: dict[str, object] = {}
    if url:
        facts["url"] = url
    if retrieved:
        facts["retrieved"] = _yaml_date(retrieved)
    return "\n".join(lines) + "\n" + (_dump(facts) if facts else "")


def _dump(fields: dict[str, object]) -> str:
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)


def _yaml_date(iso: str):
    """A date object, so that YAML writes ``2024-03-01`` unquoted as people do; else the text, or None."""
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return iso or None


def file_stem(article: Article) -> str:
    """``YYYY-MM-DD-slug``, or ``slug`` for an undated article: the new source's name, and its story's address."""
    slug = slugify(article.title)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.date):
        return f"{article.date}-{slug}"
    return slug


class AlreadyThere(Exception):
    """The article being added is already in ``path`` (another run of ``add`` finished first)."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


def write_original(folder: Path, stem: str, suffix: str, data: bytes, same) -> Path:
    """Put ``data`` in ``folder/stem+suffix``, or ``stem-2``... when taken; never overwrites.

    A name counts as taken when any source or corrections file has that stem
    (two files of one stem would share a story address and a corrections
    file). The file appears complete or not at all: it is written under a
    hidden temporary name, then hard-linked to its name, which fails if the
    name exists. ``same(path)`` says whether a file there holds this same
    article: then :class:`AlreadyThere` is raised instead of taking the next name.
    """
    temporary = folder / f".{stem}.{os.getpid()}.tmp"
    with open(temporary, "xb") as handle:
        handle.write(data)
    try:
        for n in range(1, MAX_NAMES):
            name = stem if n == 1 else f"{stem}-{n}"
            target = folder / f"{name}{suffix}"
            taken = _same_stem(folder, name)
            if holder := next((path for path in taken if same(path)), None):
                raise AlreadyThere(holder)
            if taken:
                continue
            try:
                _place(temporary, target)
                return target
            except FileExistsError:
                if same(target):
                    raise AlreadyThere(target) from None
        raise AddError(str(folder / f"{stem}{suffix}"), f"{MAX_NAMES - 1} files already have this name", "rename some of them")
    finally:
        temporary.unlink(missing_ok=True)


def _same_stem(folder: Path, name: str) -> list[Path]:
    """Files of ``folder`` named ``name`` with a source or corrections ending."""
    endings = [*KINDS, *corrections.SUFFIXES]
    return [path for ending in endings for path in [folder / f"{name}{ending}"] if path.exists() or path.is_symlink()]


def _place(temporary: Path, target: Path) -> None:
    """Link ``temporary`` to ``target`` in one step (FileExistsError if taken); copy exclusively where links fail."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: exclusive creation, then the bytes
        with open(target, "xb") as handle:
            handle.write(temporary.read_bytes())


def write_corrections(original: Path, text: str) -> Path:
    """Create the corrections file beside ``original``; refused (never overwritten) when it exists."""
    path = original.with_suffix(corrections.SUFFIXES[0])
    for suffix in corrections.SUFFIXES:
        if original.with_suffix(suffix).exists():
            raise AddError(str(original), f"already has a corrections file, {original.with_suffix(suffix).name}", "edit that file instead")
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise AddError(str(original), f"already has a corrections file, {path.name}", "edit that file instead") from None
    return path


def add(
    target: str,
    sources: Path,
    root: Path,
    known: list[catalog.Known],
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    allow_private: bool = False,
    today: dt.date | None = None,
) -> tuple[str, str]:
    """Import one file or URL into ``sources``; returns the paths (relative to ``root``) of the source and of its corrections file.

    A file already inside ``sources`` stays where it is: only its corrections
    file is made. ``known`` is what :func:`catalog.scan` found; the new source
    is appended so that later targets of the same run are checked against it.
    Raises :class:`AddError` or :class:`SourceError` with a message for a person.
    """
    if is_url(target):
        if found := _same_requested_url(target, known):  # refuse before going to the network
            _refuse(target, *found)
        fetched = fetch(target, timeout, max_bytes, allow_private=allow_private)
        data, url, kind = fetched.data, fetched.url, fetched.kind
        retrieved = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
        shown = target
    else:
        data, url, retrieved = _local(target)
        kind = kind_of(target) or "text"
        shown = _shown(Path(target), root)
    article = article_of(shown, data, kind)
    candidate = catalog.entry(shown, data, replace(article, url=url or article.url))
    if found := catalog.duplicate_of(candidate, known):  # a source's own path is skipped: adding it makes its corrections
        _refuse(target, *found)
    if not is_url(target) and _inside(Path(target), sources):
        fixes = write_corrections(Path(target), corrections_template(article, Path(target).name))
        return shown, _shown(fixes, root)
    sources.mkdir(parents=True, exist_ok=True)

    def same(path: Path) -> bool:
        return _holds_same_article(path, data, candidate)

    try:
        written = write_original(sources, file_stem(article), SUFFIXES[kind], data, same)
    except AlreadyThere as there:
        raise AddError(target, f"already in {_shown(there.path, root)} (same article, added meanwhile)", "edit that source instead, or delete it first") from None
    fixes = write_corrections(written, corrections_template(article, written.name, url, retrieved))
    shown = _shown(written, root)
    known.append(replace(candidate, path=shown))
    return shown, _shown(fixes, root)


def _holds_same_article(path: Path, data: bytes, candidate: catalog.Known) -> bool:
    """Does the source at ``path`` hold the article being added (same bytes, or same cleaned text)?"""
    if corrections.is_corrections(path.name) or kind_of(path.name) is None:
        return False
    try:
        existing = read_source(path.name, path)
    except SourceError:
        return False
    if existing == data:
        return True
    try:
        return catalog.content_hash(article_of(path.name, existing, kind_of(path.name))) == candidate.content != ""
    except SourceError:
        return False


def _refuse(target: str, other: catalog.Known, why: str):
    raise AddError(target, f"already in {other.path} ({why})", "edit that source instead, or delete it first")


def _same_requested_url(target: str, known: list[catalog.Known]):
    """A source recorded under the address as typed, before redirects."""
    if not is_url(target):
        return None
    wanted = catalog.normal_url(target)
    return next(((other, f"same url {wanted}") for other in known if other.url == wanted), None)


def _local(target: str) -> tuple[bytes, str, str]:
    path = Path(target)
    if kind_of(path.name) is None:
        raise AddError(target, "unknown kind of file", "add a .txt, .md or .html file, or an http(s) address")
    if not path.exists() and not path.is_symlink():
        raise AddError(target, "no such file", "check the path")
    return read_source(target, path), "", ""


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent.is_relative_to(folder.resolve())
    except OSError:
        return False


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
