"""Fetching a web page for ``briefing add``: http(s) only, public addresses only, bounded in size and time.

The page is untrusted, and so is the network: what arrives is only data for
the pipeline's read stage, never followed further. Three guards:

- **Where.** Every host name is resolved once and each address checked before
  connecting; the connection goes to the checked address (the name is kept
  for the ``Host`` header and TLS), and the peer is checked again once
  connected. Loopback, private, link-local (cloud metadata), shared,
  multicast and reserved addresses are refused, for the first request and for
  every redirect, unless the person passes ``allow_private``. Redirects are
  followed here, one hop at a time, so that each hop goes through the same
  check; proxies from the environment are not used (a proxy would resolve the
  name itself, out of reach of the check).
- **How long.** One deadline covers the whole fetch: resolving, connecting,
  the headers, every redirect and the body. A watchdog shuts the socket when
  it passes, so a server that trickles a byte at a time cannot hold it open.
- **What.** Only HTML and text, at most ``max_bytes`` (compressed bodies
  included, after decompression); a body shorter than the server announced
  and a malformed answer are refused with a message naming the address.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import re
import socket
import ssl
import string
import threading
import time
import urllib.parse
import zlib
from dataclasses import dataclass

from briefing.errors import BriefingError, printable
from briefing.model import SourceKind
from briefing.sources.encoding import UTF8_BOM, declared_encoding

MAX_BYTES = 4_000_000
"""Largest page ``add`` downloads: a saved news article is well under 1 MB."""


TIMEOUT = 20.0
"""Seconds the whole fetch may take: resolving, connecting, redirects and the body."""


MAX_REDIRECTS = 10


USER_AGENT = "briefing-add/0.1"


CONTENT_KINDS: dict[str, SourceKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
}

PRIVATE_HINT = "pass --allow-private if you mean to fetch from this machine or your own network"


class AddError(BriefingError):
    """An input that cannot be added: ``where: what; what to do``, shown with invisible characters escaped."""

    def __init__(self, where: str, what: str, todo: str):
        super().__init__(printable(f"{where}: {what}; {todo}"))


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


def check_timeout(seconds: float) -> float:
    """``seconds`` if it is a usable deadline (finite, above zero), else :class:`ValueError` saying why."""
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"{seconds!r} is not a number of seconds above zero")
    return float(seconds)


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, *, allow_private: bool = False) -> Fetched:
    """Download ``url`` (http or https) within ``timeout`` seconds in all.

    Refuses non-article content, anything over ``max_bytes``, and, unless
    ``allow_private``, any address that is not public (see the module's notes).
    """
    if not url.lower().startswith(("http://", "https://")):
        raise AddError(url, "only http:// and https:// addresses can be fetched", "save the page and add the file instead")
    try:
        timeout = check_timeout(timeout)
    except ValueError as error:
        raise AddError(url, f"the timeout {error}", "pass --timeout with a number of seconds, such as 20") from None
    if max_bytes <= 0:
        raise AddError(url, f"the size limit {max_bytes} is not above zero", "pass --max-bytes with a number of bytes")
    deadline = _Deadline(timeout)
    try:
        return _fetch(url, deadline, max_bytes, allow_private)
    except AddError:
        if deadline.expired:  # the watchdog cut the connection: whatever broke, time ran out
            raise _too_slow(url, timeout) from None
        raise
    except (TimeoutError, socket.timeout):
        raise _too_slow(url, timeout) from None
    except (http.client.HTTPException, ValueError) as error:
        if deadline.expired:
            raise _too_slow(url, timeout) from None
        raise AddError(url, f"the server's answer is malformed ({_malformed(error)})", "the page cannot be fetched; save it from a browser and add the file") from None
    except ssl.SSLError as error:
        raise AddError(url, f"secure connection failed ({error.reason or error})", "check the address; save the page from a browser and add the file") from None
    except OSError as error:
        if deadline.expired:
            raise _too_slow(url, timeout) from None
        raise AddError(url, _network_problem(error), "check the address and your connection, then try again") from None
    finally:
        deadline.cancel()


def _fetch(url: str, deadline: _Deadline, max_bytes: int, allow_private: bool) -> Fetched:
    current, visited = url, [url]
    for _ in range(MAX_REDIRECTS + 1):
        parts = _parts(url, current)
        connection, sock = _connect(url, current, parts, deadline, allow_private)
        try:
            connection.putrequest("GET", _selector(parts), skip_accept_encoding=True)
            for name, value in (("User-Agent", USER_AGENT), ("Accept", "text/html, text/plain;q=0.8"), ("Accept-Encoding", "identity"), ("Connection", "close")):
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                current = _redirect(url, current, response.getheader("Location"), visited)
                continue
            if not 200 <= response.status < 300:
                raise AddError(url, f"the server answered HTTP {response.status} {printable(response.reason or '')}".rstrip(), "check the address")
            kind, charset = _content_type(url, response.getheader("Content-Type") or "")
            body = _read_capped(url, response, sock, deadline, max_bytes)
            body = _decompressed(url, body, response.getheader("Content-Encoding") or "", max_bytes)
            return Fetched(current, kind, _as_utf8(url, body, charset))
        finally:
            connection.close()
    raise AddError(url, f"more than {MAX_REDIRECTS} redirects", "open the address in a browser and add the address the article ends up at")


def _parts(url: str, current: str) -> urllib.parse.SplitResult:
    try:
        parts = urllib.parse.urlsplit(current)
        parts.port  # noqa: B018 (raises ValueError for a port that is no number)
    except ValueError:
        raise AddError(url, f"{current!r} is not a valid web address", "check the address") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise AddError(url, f"{current!r} is not a valid web address", "check the address")
    return parts


def _selector(parts: urllib.parse.SplitResult) -> str:
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # As urllib does for redirects: letters outside ASCII and spaces are %-quoted, the rest kept.
    return urllib.parse.quote(path, safe=string.punctuation)


def _redirect(url: str, current: str, location: str | None, visited: list[str]) -> str:
    if not location:
        raise AddError(url, "the server redirected without saying where to", "open the address in a browser and add the address the article ends up at")
    target = urllib.parse.urljoin(current, location.strip())
    if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
        raise AddError(url, f"redirected to {target!r}, which is not an http(s) address", "save the page from a browser and add the file")
    if target in visited:
        raise AddError(url, f"redirected in a loop (back to {target} after {len(visited)} addresses)", "open the address in a browser and add the address the article ends up at")
    visited.append(target)
    return target


# --- where: resolve, check, connect to the checked address ----------------------------


def forbidden(address: str) -> str:
    """Why ``address`` (an IP address) may not be fetched from without ``--allow-private``, or ''."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope (fe80::1%eth0) names an interface
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside an IPv6 one reaches the IPv4 host: check that one.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return forbidden(str(embedded))
    if ip.is_loopback:
        return "a loopback address (this machine)"
    if ip.is_link_local:
        return "a link-local address (where cloud machines find their metadata and credentials)"
    if ip.is_unspecified:
        return "an unspecified address (this machine)"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private or ip in ipaddress.ip_network("100.64.0.0/10"):
        return "a private address (a local network)"
    if ip.is_reserved or not ip.is_global:
        return "a reserved address"
    return ""


def _connect(url: str, current: str, parts: urllib.parse.SplitResult, deadline: _Deadline, allow_private: bool) -> tuple[http.client.HTTPConnection, socket.socket]:
    """An HTTP(S) connection to ``parts``' host, already connected to an address that was checked, and its socket."""
    https = parts.scheme.lower() == "https"
    host, port = parts.hostname, parts.port or (443 if https else 80)
    infos = _resolve(host, port, deadline)
    hop = "" if current == url else f"redirected to {current}: "
    if not allow_private:
        for *_, sockaddr in infos:
            if why := forbidden(sockaddr[0]):
                named = host if host == sockaddr[0] else f"{host} ({sockaddr[0]})"
                raise AddError(url, f"{hop}{named} is {why}", PRIVATE_HINT)
    sock = _open(infos, deadline, allow_private, url, hop, host)
    if https:
        context = ssl.create_default_context()
        sock.settimeout(deadline.remaining())
        sock = context.wrap_socket(sock, server_hostname=host)  # the name for SNI and the certificate check
        deadline.watch(sock)
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, context=context)
    else:
        connection = http.client.HTTPConnection(host, port)
    connection.sock = sock  # already connected: http.client sends on it and never resolves the name again
    return connection, sock


def _resolve(host: str, port: int, deadline: _Deadline) -> list:
    """``getaddrinfo`` for ``host``, within the deadline (the resolver itself has no timeout)."""
    found: dict[str, object] = {}

    def work() -> None:
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            found["error"] = error

    worker = threading.Thread(target=work, name="briefing-resolve", daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if worker.is_alive():
        raise TimeoutError("resolving the host name")
    if "error" in found:
        error = found["error"]
        raise error if isinstance(error, OSError) else socket.gaierror(str(error))
    infos = [info for info in found["infos"] if info[0] in (socket.AF_INET, socket.AF_INET6)]
    if not infos:
        raise socket.gaierror("no address")
    return infos


def _open(infos: list, deadline: _Deadline, allow_private: bool, url: str, hop: str, host: str) -> socket.socket:
    """A socket connected to the first of ``infos`` that answers; the peer is checked once more."""
    problem: OSError | None = None
    for family, kind, protocol, _, sockaddr in infos:
        sock = socket.socket(family, kind, protocol)
        deadline.watch(sock)
        try:
            sock.settimeout(deadline.remaining())
            sock.connect(sockaddr)
            peer = sock.getpeername()[0]
        except OSError as error:
            sock.close()
            problem = error
            if deadline.expired:
                break
            continue
        if not allow_private and (why := forbidden(peer)):
            sock.close()
            raise AddError(url, f"{hop}{host} ({peer}) is {why}", PRIVATE_HINT)
        return sock
    raise problem or ConnectionError("no address answered")


class _Deadline:
    """One time limit for a whole fetch: a watchdog shuts every socket of the fetch when it passes."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left; :class:`TimeoutError` when none are."""
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError("deadline passed")
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            self._shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked in another thread
        except OSError:
            pass


def _too_slow(url: str, timeout: float) -> AddError:
    return AddError(url, f"the page did not arrive within {timeout:g} seconds", "try again later, or save the page and add the file")


def _malformed(error: Exception) -> str:
    if isinstance(error, http.client.LineTooLong):
        return "a header or chunk line is too long"
    if isinstance(error, http.client.IncompleteRead):
        return "the body ends in the middle"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(error, http.client.BadStatusLine):
        return "no HTTP status line"
    text = " ".join(str(error).split())[:200]
    return text or type(error).__name__


def _network_problem(reason: OSError) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: nothing is listening at that address"
    if isinstance(reason, socket.gaierror):
        return "unknown host name"
    if isinstance(reason, ConnectionResetError):
        return "the server closed the connection"
    return f"network error: {' '.join(str(reason).split()) or type(reason).__name__}"


# --- what: content type, size, encoding -----------------------------------------------


def _content_type(url: str, header: str) -> tuple[SourceKind, str]:
    mime, _, params = header.partition(";")
    mime = mime.strip().lower() or "text/html"
    kind = CONTENT_KINDS.get(mime)
    if kind is None:
        raise AddError(url, f"not a web page or text but {printable(mime)}", "add the address of the article's HTML page, or save its text as a .txt file")
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.IGNORECASE)
    return kind, charset.group(1).lower() if charset else ""


def _read_capped(url: str, response: http.client.HTTPResponse, sock: socket.socket, deadline: _Deadline, max_bytes: int) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise AddError(url, f"the page is {int(declared):,} bytes, over the limit of {max_bytes:,}", "save the article's text as a file and add that")
    chunks, size = [], 0
    while True:
        sock.settimeout(deadline.remaining())
        chunk = response.read1(64 * 1024)  # what has arrived: a trickling server cannot stall a read of 64 KB
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:  # the server may not say the size, or lie about it
            raise AddError(url, f"the page is over the limit of {max_bytes:,} bytes", "save the article's text as a file and add that")
        chunks.append(chunk)
    if deadline.expired:
        raise TimeoutError("deadline passed")
    if response.length:  # bytes announced by Content-Length that never came
        announced = size + response.length
        raise AddError(url, f"the answer was cut short: {size:,} of the {announced:,} bytes announced arrived", "try again later, or save the page from a browser and add the file")
    return b"".join(chunks)


def _decompressed(url: str, data: bytes, encoding: str, max_bytes: int) -> bytes:
    """The body as the page's bytes: gzip and deflate undone (though not asked for), within ``max_bytes``."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        if not data.startswith(b"\x1f\x8b"):
            return data
        encoding = "gzip"  # compressed without saying so: no HTML or text starts with these bytes
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj(zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS)
    else:
        raise AddError(url, f"the page is compressed as {printable(encoding)!r}, which briefing add cannot read", "save the page from a browser and add the file")
    try:
        out = decoder.decompress(data, max_bytes + 1)  # a small bomb must not unpack to gigabytes
    except zlib.error:
        raise AddError(url, f"the page is said to be {encoding}-compressed but does not unpack", "save the page from a browser and add the file") from None
    if len(out) > max_bytes or decoder.unconsumed_tail:
        raise AddError(url, f"the page unpacks to over the limit of {max_bytes:,} bytes", "save the article's text as a file and add that")
    return out


def _as_utf8(url: str, data: bytes, charset: str) -> bytes:
    """The body as UTF-8 when the server named its character set, marked with a byte-order mark.

    The server's word wins over what the page declares in its markup (as in a
    browser): the mark makes the read stage take the bytes as UTF-8, whatever
    stale ``<meta charset>`` the page still carries.
    """
    if not charset:
        return data  # the page's own declaration, if any, decides
    if charset.replace("-", "").replace("_", "") in ("utf8", "usascii", "ascii"):
        # Kept byte for byte unless the markup says otherwise: then the mark settles it.
        declared = declared_encoding(data)
        if data.startswith(UTF8_BOM) or not declared or declared.replace("-", "").replace("_", "").lower() in ("utf8", "usascii", "ascii"):
            return data
        return UTF8_BOM + data
    try:
        return UTF8_BOM + data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        raise AddError(url, f"the page is not valid {printable(charset)}, as its server claims", "save the page as UTF-8 and add the file") from None
