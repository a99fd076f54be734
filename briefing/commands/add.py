"""``briefing add``: import an article from a file or a web address into ``sources/``.

The article goes through the pipeline's own read -> clean -> extract stages;
what they found is written as YAML front matter above the cleaned body, for a
person to check and correct. Nothing is ever overwritten, and an article that
is already a source is refused, naming the source that holds it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import yaml

from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.commands import catalog
from briefing.commands.fetch import MAX_BYTES, TIMEOUT, AddError, fetch, is_url
from briefing.errors import SourceError
from briefing.model import Article, Block, SourceKind
from briefing.slugs import slugify
from briefing.sources.files import read_source
from briefing.sources.read import kind_of, read

SUFFIXES: dict[SourceKind, str] = {"html": ".html", "text": ".txt", "markdown": ".md"}
HEADER = (
    "# Extracted by `briefing add`: correct any field; front matter wins over the text.\n"
    "# clean: true because the body below is already cleaned; cleaning it again could only lose text.\n"
)


def article_of(shown: str, data: bytes, kind: SourceKind) -> Article:
    """The article in ``data``, through the pipeline's read -> clean -> extract stages."""
    stand_in = f"article{SUFFIXES[kind]}"  # read() knows the kind by the file suffix
    try:
        source = replace(read(stand_in, data), path=shown)
    except SourceError as error:
        raise SourceError(shown, error.line, error.what, error.todo) from None
    cleaned = clean(source)
    # A page's <title> often ends with the site's name, which a person would delete.
    cleaned = replace(cleaned, title=_without_site_name(cleaned.title, cleaned.publisher))
    return extract(cleaned)


SITE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+[|\-–—·]\s+(?P<tail>[^|\-–—·]+)$")


def _without_site_name(title: str, publisher: str) -> str:
    """``Headline | Publisher`` -> ``Headline``: pages often append their name to the title."""
    match = SITE_SUFFIX.match(title)
    if not match or not publisher:
        return title
    tail, name = match["tail"].strip().casefold(), publisher.casefold()
    if name.startswith(tail) or tail.startswith(name):
        return match["head"].strip()
    return title


def source_markdown(article: Article, url: str = "", retrieved: str = "") -> str:
    """The new source file: extracted metadata as front matter, then the cleaned body.

    The body is written as plain Markdown structure (paragraphs, ``##``
    headings, ``-`` and ``1.`` lists, ``>`` quotes) that the Markdown cleaner
    reads back into the same blocks; it is source text, escaped at render time.
    """
    meta: dict[str, object] = {"title": article.title}
    if article.subtitle:
        meta["subtitle"] = article.subtitle
    meta["authors"] = list(article.authors)
    meta["publisher"] = article.publisher or None
    meta["date"] = _yaml_date(article.date)
    meta["url"] = url or article.url or None
    if article.language:
        meta["language"] = article.language
    if article.tags:
        meta["tags"] = list(article.tags)
    if retrieved:
        meta["retrieved"] = _yaml_date(retrieved)
    meta["clean"] = True
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)
    return f"---\n{HEADER}{dumped}---\n\n{_body(article.body)}"


def _yaml_date(iso: str):
    """A date object, so that YAML writes ``2024-03-01`` unquoted as people do; else the text, or None."""
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return iso or None


def _body(blocks: tuple[Block, ...]) -> str:
    out: list[str] = []
    previous = None
    for block in blocks:
        text = " ".join(block.text.split())
        if not text:
            continue
        in_list = block.kind in ("bullet", "numbered") and previous == block.kind
        if not in_list:
            out.append("")
        out.append({"heading": "## ", "bullet": "- ", "numbered": "1. ", "quote": "> "}.get(block.kind, "") + text)
        previous = block.kind
    return "\n".join(out).strip() + "\n"


def file_name(article: Article) -> str:
    """``YYYY-MM-DD-slug.md``, or ``slug.md`` for an undated article."""
    slug = slugify(article.title)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.date):
        return f"{article.date}-{slug}.md"
    return f"{slug}.md"


def write_new(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name``, or to ``name-2.md``, ``-3``... if taken: never overwrites."""
    stem = name.removesuffix(".md")
    for n in range(1, 1000):
        path = folder / (name if n == 1 else f"{stem}-{n}.md")
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": fails if it exists
                handle.write(text)
            return path
        except FileExistsError:
            continue
    raise AddError(str(folder / name), "a thousand files already have this name", "rename some of them")


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
) -> str:
    """Import one file or URL into ``sources``; returns the new file's path relative to ``root``.

    ``known`` is what :func:`catalog.scan` found; the new source is appended
    so that later targets of the same run are checked against it too.
    Raises :class:`AddError` or :class:`SourceError` with a message for a person.
    """
    if is_url(target):
        if found := _same_requested_url(target, known):  # refuse before going to the network
            _refuse(target, *found)
        fetched = fetch(target, timeout, max_bytes, allow_private=allow_private)
        data, url = fetched.data, fetched.url
        article = article_of(target, data, fetched.kind)
        retrieved = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
        shown = target
    else:
        data, url, retrieved = _local(target)
        article = article_of(target, data, kind_of(target) or "text")
        shown = _shown(Path(target), root)
    url = url or article.url
    candidate = catalog.entry(shown, data, replace(article, url=url))
    # duplicate_of skips the candidate's own path: adding a file of sources/ converts it to .md
    if found := catalog.duplicate_of(candidate, known):
        _refuse(target, *found)
    sources.mkdir(parents=True, exist_ok=True)
    written = write_new(sources, file_name(article), source_markdown(article, url, retrieved))
    shown = _shown(written, root)
    known.append(replace(candidate, path=shown))
    return shown


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


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
