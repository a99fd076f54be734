"""``briefing add`` against a hostile network: internal addresses, slow, cut and malformed answers.

Every server here listens on this machine's loopback range. 127.0.0.2 plays a
public web server (the tests tell the address check so); 127.0.0.1 plays an
internal service that must never be reached without ``--allow-private``.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from pathlib import Path

import pytest

from briefing.commands import fetch
from briefing.commands.cli import main
from briefing.commands.fetch import AddError
from tests.commands.test_add import ARTICLE_HTML
from tests.conftest import SOURCES, copy_project

PUBLIC = "127.0.0.2"
"""Stands for a public server: :func:`public_stand_in` lets the check pass it."""
INTERNAL = "127.0.0.1"


class RawServer:
    """An HTTP server that answers each path with raw bytes (or a function writing them), recording what was asked."""

    def __init__(self, host: str):
        self.routes: dict[str, object] = {}
        self.requests: list[str] = []
        self.listener = socket.create_server((host, 0))
        self.host, self.port = host, self.listener.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            request = b""
            try:
                while b"\r\n\r\n" not in request:
                    data = conn.recv(4096)
                    if not data:
                        return
                    request += data
                path = request.split(b" ")[1].decode()
                self.requests.append(path)
                route = self.routes.get(path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                if callable(route):
                    route(conn, self.stop)
                else:
                    conn.sendall(route)
            except OSError:
                pass  # the client gave up, as it should

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


def ok(body: bytes, *headers: str) -> bytes:
    head = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def redirect(location: str) -> bytes:
    return f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()


@pytest.fixture
def internal():
    server = RawServer(INTERNAL)
    server.routes["/admin/secrets"] = ok(b"<html><body><h1>Admin</h1><p>internal token 5f2c</p></body></html>")
    server.routes["/news/cables.html"] = ok(ARTICLE_HTML)
    yield server
    server.close()


@pytest.fixture
def public(monkeypatch):
    try:
        server = RawServer(PUBLIC)
    except OSError:
        pytest.skip("this machine's loopback range has no 127.0.0.2")
    real = fetch.forbidden
    monkeypatch.setattr(fetch, "forbidden", lambda address: "" if address == PUBLIC else real(address))
    yield server
    server.close()


@pytest.fixture
def names(monkeypatch):
    """Host names resolved as the test says: ``names[host] = [address, ...]``; calls are counted."""
    table: dict[str, list[str]] = {}
    calls: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            calls.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host][min(len(calls), len(table[host])) - 1], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    table["calls"] = calls  # type: ignore[assignment]
    return table


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def run(project: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = main([*args, "--config", str(project / "mkdocs.yml")])
    out, err = capsys.readouterr()
    return status, out, err


def sources_unchanged(project: Path) -> bool:
    return sorted(p.name for p in (project / "sources").iterdir()) == sorted(p.name for p in SOURCES.iterdir())


# --- where: internal addresses -------------------------------------------------------------


def test_a_redirect_to_an_internal_address_is_refused_and_never_requested(public, internal, project, capsys):
    public.routes["/story.html"] = redirect(f"{internal.base}/admin/secrets")
    status, out, err = run(project, "add", f"{public.base}/story.html", capsys=capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"briefing: {public.base}/story.html: redirected to {internal.base}/admin/secrets: 127.0.0.1 is a loopback address (this machine); "
        "pass --allow-private if you mean to fetch from this machine or your own network\n"
    )
    assert internal.requests == []
    assert sources_unchanged(project)


def test_a_redirect_to_a_name_that_resolves_inside_is_refused(public, internal, names, project, capsys):
    names["intranet.example"] = [INTERNAL]
    public.routes["/story.html"] = redirect(f"http://intranet.example:{internal.port}/admin/secrets")
    status, _, err = run(project, "add", f"{public.base}/story.html", capsys=capsys)
    assert status == 1
    assert f"redirected to http://intranet.example:{internal.port}/admin/secrets: intranet.example (127.0.0.1) is a loopback address" in err
    assert internal.requests == []


def test_naming_an_internal_address_needs_allow_private(internal, project, capsys):
    url = f"{internal.base}/news/cables.html"
    status, _, err = run(project, "add", url, capsys=capsys)
    assert status == 1
    assert err == f"briefing: {url}: 127.0.0.1 is a loopback address (this machine); pass --allow-private if you mean to fetch from this machine or your own network\n"
    assert internal.requests == []
    status, out, err = run(project, "add", "--allow-private", url, capsys=capsys)
    assert status == 0, err
    assert out.startswith("added sources/2024-03-01-ministers-agree-to-guard-undersea-cables.html")


def test_a_public_name_that_resolves_to_an_internal_address_is_refused(internal, names, project, capsys):
    names["news.example"] = [INTERNAL]
    url = f"http://news.example:{internal.port}/news/cables.html"
    status, _, err = run(project, "add", url, capsys=capsys)
    assert status == 1
    assert err.startswith(f"briefing: {url}: news.example (127.0.0.1) is a loopback address (this machine); pass --allow-private")
    assert internal.requests == []


def test_a_metadata_address_is_refused_before_any_connection(names, monkeypatch):
    names["metadata.example"] = ["169.254.169.254"]
    monkeypatch.setattr(fetch, "_open", lambda *args: pytest.fail("connected to a forbidden address"))
    with pytest.raises(AddError) as caught:
        fetch.fetch("http://metadata.example/latest/meta-data/")
    assert "metadata.example (169.254.169.254) is a link-local address (where cloud machines find their metadata and credentials)" in str(caught.value)


def test_the_address_connected_to_is_the_one_checked(public, names):
    """A name is resolved once per hop: a resolver that answers differently the second time is never asked again."""
    public.routes["/news/cables.html"] = ok(ARTICLE_HTML)
    names["news.example"] = [PUBLIC, INTERNAL]  # the second answer would be an internal address
    fetched = fetch.fetch(f"http://news.example:{public.port}/news/cables.html")
    assert fetched.data.removeprefix(b"\xef\xbb\xbf") == ARTICLE_HTML
    assert names["calls"] == ["news.example"]
    assert public.requests == ["/news/cables.html"]


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.4.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "224.0.0.1", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::"],
)
def test_internal_addresses_are_forbidden(address):
    assert fetch.forbidden(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert fetch.forbidden(address) == ""


# --- how long: one deadline for the whole fetch --------------------------------------------


def trickle(head: bytes, body: bytes):
    def send(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(head)
        for byte in body:  # one byte every half second: each read is quick, the whole is not
            if stop.wait(0.5):
                return
            conn.sendall(bytes([byte]))

    return send


def test_a_server_that_trickles_its_body_is_cut_off_at_the_deadline(public):
    body = b"<p>" + b"x" * 20 + b"</p>"  # 13 seconds at the trickle's pace
    public.routes["/slow.html"] = trickle(f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode(), body)
    started = time.monotonic()
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{public.base}/slow.html", timeout=1.5)
    assert str(caught.value) == f"{public.base}/slow.html: the page did not arrive within 1.5 seconds; try again later, or save the page and add the file"
    assert time.monotonic() - started < 10  # well before the body could have arrived


def test_a_server_that_trickles_its_headers_is_cut_off_at_the_deadline(public):
    public.routes["/slow-head.html"] = trickle(b"", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok")
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{public.base}/slow-head.html", timeout=1.5)
    assert "the page did not arrive within 1.5 seconds" in str(caught.value)


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "soon"])
def test_an_unusable_timeout_is_refused_by_the_command_line(project, capsys, value):
    with pytest.raises(SystemExit) as exited:
        main(["add", "--timeout", value, "https://example.com/a.html"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --timeout: {value!r} is not a number of seconds above zero; write e.g. --timeout 20" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", [-1.0, float("nan"), float("inf")])
def test_an_unusable_timeout_is_refused_by_fetch(value):
    with pytest.raises(AddError) as caught:
        fetch.fetch("https://example.com/a.html", timeout=value)
    assert "is not a number of seconds above zero; pass --timeout with a number of seconds" in str(caught.value)


# --- what: cut, malformed and compressed answers -------------------------------------------


def cut_short(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + b"<p>" + b"y" * 197)


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (cut_short, "the answer was cut short: 200 of the 100,000 bytes announced arrived; try again later, or save the page from a browser and add the file"),
        (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Header-%d: v\r\n" % n for n in range(101)) + b"\r\nbody",
         "the server's answer is malformed (got more than 100 headers); the page cannot be fetched; save it from a browser and add the file"),
        (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 100_000 + b"\r\n\r\nbody",
         "the server's answer is malformed (a header or chunk line is too long); the page cannot be fetched; save it from a browser and add the file"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\nzz\r\n",
         "the server's answer is malformed (the body ends in the middle); the page cannot be fetched; save it from a browser and add the file"),
        (b"NOT HTTP AT ALL\r\n\r\n", "the server's answer is malformed (no HTTP status line); the page cannot be fetched; save it from a browser and add the file"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\nContent-Length: 4\r\n\r\nabcd",
         "the page is compressed as 'br', which briefing add cannot read; save the page from a browser and add the file"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd",
         "the page is said to be gzip-compressed but does not unpack; save the page from a browser and add the file"),
    ],
    ids=["cut-short", "101-headers", "100kb-header-line", "broken-chunks", "no-status-line", "brotli", "not-gzip"],
)
def test_broken_answers_are_explained_naming_the_address(public, project, capsys, route, message):
    public.routes["/page.html"] = route
    url = f"{public.base}/page.html"
    status, out, err = run(project, "add", url, capsys=capsys)
    assert (status, out) == (1, "")
    assert err == f"briefing: {url}: {message}\n"
    assert sources_unchanged(project)


@pytest.mark.parametrize("header", ["Content-Encoding: gzip", "X-Nothing: said"])
def test_a_gzip_body_nobody_asked_for_is_unpacked(public, project, capsys, header):
    public.routes["/gz.html"] = ok(gzip.compress(ARTICLE_HTML), header)
    status, out, err = run(project, "add", f"{public.base}/gz.html", capsys=capsys)
    assert status == 0, err
    assert out.startswith("added sources/2024-03-01-ministers-agree-to-guard-undersea-cables.html")


def test_a_gzip_bomb_is_refused_at_the_size_limit(public):
    public.routes["/bomb.html"] = ok(gzip.compress(b" " * 50_000_000), "Content-Encoding: gzip")
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{public.base}/bomb.html")
    assert str(caught.value).endswith(f"the page unpacks to over the limit of {fetch.MAX_BYTES:,} bytes; save the article's text as a file and add that")


def test_a_redirect_loop_is_one_line(public):
    public.routes["/a"] = redirect("/b")
    public.routes["/b"] = redirect("/a")
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{public.base}/a")
    assert str(caught.value) == (
        f"{public.base}/a: redirected in a loop (back to {public.base}/a after 2 addresses); "
        "open the address in a browser and add the address the article ends up at"
    )


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/x"])
def test_a_redirect_off_the_web_is_refused(public, target):
    public.routes["/away"] = redirect(target)
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{public.base}/away")
    assert f"redirected to {target!r}, which is not an http(s) address" in str(caught.value)


def test_a_reason_phrase_cannot_drive_the_terminal(public, project, capsys):
    public.routes["/gone"] = b"HTTP/1.1 410 Gone\x1b]0;pwned\x07\r\nContent-Length: 0\r\n\r\n"
    status, _, err = run(project, "add", f"{public.base}/gone", capsys=capsys)
    assert status == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "the server answered HTTP 410 Gone" in err
