"""``briefing add``: import an article from a file or a web address into ``sources/``.

The article goes through the pipeline's own read -> clean -> extract stages;
what they found is written as YAML front matter above the cleaned body, for a
person to check and correct. Nothing is ever overwritten, and an article that
is already a source is refused, naming the source that holds it.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.commands import catalog
from briefing.errors import BriefingError, SourceError
from briefing.model import Article, Block, SourceKind
from briefing.slugs import slugify
from briefing.sources.files import read_source
from briefing.sources.read import kind_of, read

MAX_BYTES = 4_000_000
"""Largest page ``add`` downloads: a saved news article is well under 1 MB."""
TIMEOUT = 20.0
"""Seconds to wait for the server to connect or send more bytes."""
USER_AGENT = "briefing-add/0.1"
CONTENT_KINDS: dict[str, SourceKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
}
SUFFIXES: dict[SourceKind, str] = {"html": ".html", "text": ".txt", "markdown": ".md"}
HEADER = (
    "# Extracted by `briefing add`: correct any field; front matter wins over the text.\n"
    "# clean: true because the body below is already cleaned; cleaning it again could only lose text.\n"
)


class AddError(BriefingError):
    """An input that cannot be added: ``where: what; what to do``."""

    def __init__(self, where: str, what: str, todo: str):
        super().__init__(f"{where}: {what}; {todo}")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded page."""

    url: str
    """The address after redirects."""
    kind: SourceKind
    data: bytes
    """The body, as UTF-8 when the server named another character set."""


def is_url(target: str) -> bool:
    """Whether ``target`` is a web address (``scheme://...``) rather than a file path."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target) is not None


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """Download ``url`` (http or https), refusing non-article content and anything over ``max_bytes``."""
    if not url.lower().startswith(("http://", "https://")):
        raise AddError(url, "only http:// and https:// addresses can be fetched", "save the page and add the file instead")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind, charset = _content_type(url, response.headers.get("Content-Type", ""))
            data = _read_capped(url, response, max_bytes)
            final = response.geturl()
    except urllib.error.HTTPError as error:
        raise AddError(url, f"the server answered HTTP {error.code} {error.reason}", "check the address") from None
    except urllib.error.URLError as error:
        raise AddError(url, _network_problem(error.reason, timeout), "check the address and your connection, then try again") from None
    except (TimeoutError, socket.timeout):
        raise AddError(url, f"no answer within {timeout:g} seconds", "try again later, or save the page and add the file") from None
    except ConnectionError as error:
        raise AddError(url, _network_problem(error, timeout), "check the address and your connection, then try again") from None
    return Fetched(final, kind, _as_utf8(url, data, charset))


def _content_type(url: str, header: str) -> tuple[SourceKind, str]:
    mime, _, params = header.partition(";")
    mime = mime.strip().lower() or "text/html"
    kind = CONTENT_KINDS.get(mime)
    if kind is None:
        raise AddError(url, f"not a web page or text but {mime}", "add the address of the article's HTML page, or save its text as a .txt file")
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.IGNORECASE)
    return kind, charset.group(1).lower() if charset else ""


def _read_capped(url: str, response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise AddError(url, f"the page is {int(declared):,} bytes, over the limit of {max_bytes:,}", "save the article's text as a file and add that")
    chunks, size = [], 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:  # the server may not say the size, or lie about it
            raise AddError(url, f"the page is over the limit of {max_bytes:,} bytes", "save the article's text as a file and add that")
        chunks.append(chunk)
    return b"".join(chunks)


def _network_problem(reason, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} seconds"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: nothing is listening at that address"
    if isinstance(reason, socket.gaierror):
        return "unknown host name"
    return f"network error: {reason}"


def _as_utf8(url: str, data: bytes, charset: str) -> bytes:
    if not charset or charset.replace("-", "").replace("_", "") in ("utf8", "usascii", "ascii"):
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        raise AddError(url, f"the page is not valid {charset}, as its server claims", "save the page as UTF-8 and add the file") from None


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
        fetched = fetch(target, timeout, max_bytes)
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
