"""Fetching a web page for ``briefing add``: http(s) only, bounded in size, refused when it is no article.

The page is untrusted, and so is the network: what arrives is only data
for the pipeline's read stage, never followed further.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from briefing.errors import BriefingError
from briefing.model import SourceKind

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
