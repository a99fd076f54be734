"""``briefing add``: files and web pages into sources/, served from a local HTTP server."""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import json
import socket
import threading
from pathlib import Path

import pytest
import yaml

from briefing.commands import add, catalog, fetch
from briefing.commands.cli import main
from briefing.commands.fetch import AddError
from briefing.sources.read import read
from tests.conftest import ROOT, SOURCES, copy_project

PAGES = ROOT / "tests" / "fixtures" / "pages"
REAL_PAGE = "fundus-za-thecitizen-v1"

ARTICLE_HTML = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree to guard undersea cables | The Example Times</title>
<meta property="og:title" content="Ministers agree to guard undersea cables">
<meta property="og:site_name" content="The Example Times">
<meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2024-03-01T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article>
<h1>Ministers agree to guard undersea cables</h1>
<p>Ministers from twelve countries agreed on Friday to share patrols of the undersea cables that carry most of the world's internet traffic, after a series of unexplained breaks in the Baltic Sea.</p>
<p>The agreement, signed in Brussels, commits each country to report damage within a day and to let the others inspect repair ships, officials said after the meeting.</p>
<p>Cable operators welcomed the plan but warned that patrols alone cannot protect thousands of kilometres of cable lying on the open sea floor.</p>
</article>
<footer>Copyright 2024 The Example Times. All rights reserved.</footer>
</body></html>
"""

PLAIN_TEXT = "Cable breaks in the Baltic\n\nBy Charles Babbage\n\nTwo cables were cut on Tuesday, the operators said.\n"


LATIN_TEXT = (
    "Café owners protest new rules\n\n"
    "The owners of more than forty cafés gathered outside the town hall on Monday to protest against the new opening-hour rules.\n\n"
    "The council said it would review the rules after the summer, when the café terraces close.\n"
)


class Site(http.server.BaseHTTPRequestHandler):
    """Routes of the test server: path -> (status, headers, body)."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    release = threading.Event()

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/silent":
            Site.release.wait(30)  # answer nothing until the test is over
            return
        if self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the size is only known by reading
            try:
                for _ in range(10_000):
                    self.wfile.write(b"<p>" + b"x" * 1020 + b"</p>")
            except OSError:
                pass  # the client hung up, as it should
            return
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    Site.routes = {
        "/news/cables.html": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML),
        "/moved": (301, {"Location": "/news/cables.html"}, b""),
        "/notes.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, PLAIN_TEXT.encode()),
        "/latin.txt": (200, {"Content-Type": "text/plain; charset=iso-8859-1"}, LATIN_TEXT.encode("latin-1")),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."),
        "/big.html": (200, {"Content-Type": "text/html", "Content-Length": "900000000"}, b""),
        "/real.html": (200, {"Content-Type": "text/html; charset=utf-8"}, gzip.decompress((PAGES / f"{REAL_PAGE}.html.gz").read_bytes())),
    }
    Site.release.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Site.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def run(project: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = main([*args, "--config", str(project / "mkdocs.yml")])
    out, err = capsys.readouterr()
    return status, out, err


def front_matter(path: Path) -> dict:
    return dict(read(path.name, path.read_bytes()).front_matter)


def test_adding_a_web_page_writes_dated_markdown_with_its_metadata(server, project, capsys):
    status, out, err = run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)
    assert status == 0, err
    written = project / "sources" / "2024-03-01-ministers-agree-to-guard-undersea-cables.md"
    assert out.startswith("added sources/2024-03-01-ministers-agree-to-guard-undersea-cables.md: check the title")
    meta = front_matter(written)
    today = dt.datetime.now(dt.timezone.utc).date()
    assert meta["title"] == "Ministers agree to guard undersea cables"
    assert meta["authors"] == ["Ada Lovelace"]
    assert meta["publisher"] == "The Example Times"
    assert str(meta["date"]) == "2024-03-01"
    assert meta["url"] == f"{server}/news/cables.html"
    assert str(meta["retrieved"]) in (str(today), str(today - dt.timedelta(days=1)))  # the test may straddle midnight
    assert meta["clean"] is True  # the body is already clean: the Markdown cleaner keeps it as it is
    body = written.read_text()
    assert "Ministers from twelve countries agreed on Friday" in body
    assert "Subscribe" not in body and "All rights reserved" not in body


def test_a_real_news_page_gives_its_reference_metadata_and_every_paragraph(server, project, capsys):
    truth = json.loads((PAGES / f"{REAL_PAGE}.json").read_text(encoding="utf-8"))
    status, out, err = run(project, "add", "--allow-private", f"{server}/real.html", capsys=capsys)
    assert status == 0, err
    written = project / out.split()[1].rstrip(":")
    assert written.name == "2025-11-28-severe-storms-escalate-in-gauteng-residents-urged-to-avoid-flood-risks.md"
    meta = front_matter(written)
    assert (meta["title"], meta["authors"], str(meta["date"])) == (truth["title"], truth["authors"], truth["date"][:10])
    assert meta["publisher"] == "The Citizen"
    assert "authors: [Enkosi Selane]\n" in written.read_text(encoding="utf-8")
    body = " ".join(written.read_text(encoding="utf-8").split("\n---\n", 1)[1].split())
    body = meta.get("subtitle", "") + " " + body  # a cleaner may take the first paragraph as the dek
    paragraphs = [" ".join(p.split()) for p in truth["articleBody"].split("\n\n")]
    assert [p for p in paragraphs if p not in body] == []


def test_the_new_source_builds_into_a_story_page(server, project, capsys):
    from briefing import pipeline

    assert run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)[0] == 0
    built = pipeline.build(project, project / "sources")
    assert not built.problems
    story = next(a for a in built.articles if a.source.endswith("undersea-cables.md"))
    assert (story.title, story.authors, story.date) == ("Ministers agree to guard undersea cables", ("Ada Lovelace",), "2024-03-01")


def test_adding_the_same_page_again_is_refused_naming_the_source(server, project, capsys):
    assert run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)[0] == 0
    before = sorted(p.name for p in (project / "sources").iterdir())
    status, out, err = run(project, "add", "--allow-private", f"{server}/moved", capsys=capsys)  # redirects to the same page
    assert status == 1
    assert err == (
        f"briefing: {server}/moved: already in sources/2024-03-01-ministers-agree-to-guard-undersea-cables.md "
        "(same article text); edit that source instead, or delete it first\n"
    )
    assert sorted(p.name for p in (project / "sources").iterdir()) == before


def test_a_page_whose_url_is_already_a_source_is_refused_even_if_it_changed(server, project, capsys):
    (project / "sources" / "cables.md").write_text(f"---\ntitle: Old copy\nurl: {server}/news/cables.html/\n---\n\nAn older version.\n")
    status, _, err = run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)
    assert status == 1
    assert f"already in sources/cables.md (same url {server}/news/cables.html)" in err


def test_adding_a_local_text_file_finds_title_and_byline(project, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text(PLAIN_TEXT)
    status, out, err = run(project, "add", str(notes), capsys=capsys)
    assert status == 0, err
    written = project / "sources" / "cable-breaks-in-the-baltic.md"
    meta = front_matter(written)
    assert meta["title"] == "Cable breaks in the Baltic"
    assert meta["authors"] == ["Charles Babbage"]
    assert meta.get("date") is None and meta.get("url") is None and "retrieved" not in meta
    assert written.read_text().endswith("---\n\nTwo cables were cut on Tuesday, the operators said.\n")


def test_a_seed_added_again_is_a_duplicate_of_the_seed(project, capsys):
    seed = SOURCES / "002_ac4b85bb27cce6b9.txt"
    status, _, err = run(project, "add", str(seed), capsys=capsys)
    assert status == 1
    assert err.startswith(f"briefing: {seed}: already in sources/002_ac4b85bb27cce6b9.txt (same file content)")


def test_a_file_of_sources_is_converted_and_its_markdown_then_refused(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    status, out, _ = run(project, "add", "sources/002_ac4b85bb27cce6b9.txt", capsys=capsys)
    assert status == 0
    assert "sources/002_ac4b85bb27cce6b9.txt holds the same article: delete it" in out
    written = out.split()[1].rstrip(":")
    entries = {entry.path: entry for entry in catalog.scan(project / "sources", project)}
    assert entries[written].content == entries["sources/002_ac4b85bb27cce6b9.txt"].content  # reads back alike
    status, _, err = run(project, "add", "sources/002_ac4b85bb27cce6b9.txt", capsys=capsys)
    assert status == 1 and "same article text" in err


def test_existing_files_are_never_overwritten(project, tmp_path, capsys):
    taken = project / "sources" / "cable-breaks-in-the-baltic.md"
    taken.write_text("---\ntitle: Something else\n---\n\nA different article entirely.\n")
    notes = tmp_path / "notes.txt"
    notes.write_text(PLAIN_TEXT)
    assert run(project, "add", str(notes), capsys=capsys)[0] == 0
    assert taken.read_text().startswith("---\ntitle: Something else")
    assert front_matter(project / "sources" / "cable-breaks-in-the-baltic-2.md")["title"] == "Cable breaks in the Baltic"


def test_plain_text_pages_in_another_charset_become_utf8(server, project, capsys):
    status, out, err = run(project, "add", "--allow-private", f"{server}/latin.txt", capsys=capsys)
    assert status == 0, err
    written = project / out.split()[1].rstrip(":")
    assert "when the café terraces close." in written.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/report.pdf", "not a web page or text but application/pdf; add the address of the article's HTML page, or save its text as a .txt file"),
        ("/missing.html", "the server answered HTTP 404 Not Found; check the address"),
        ("/big.html", f"the page is 900,000,000 bytes, over the limit of {fetch.MAX_BYTES:,}; save the article's text as a file and add that"),
    ],
)
def test_unusable_responses_are_explained(server, project, capsys, path, message):
    status, out, err = run(project, "add", "--allow-private", f"{server}{path}", capsys=capsys)
    assert (status, out) == (1, "")
    assert err == f"briefing: {server}{path}: {message}\n"
    assert sorted(p.name for p in (project / "sources").iterdir()) == sorted(p.name for p in SOURCES.iterdir())


def test_a_huge_page_without_declared_size_is_cut_off_while_streaming(server):
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{server}/endless", max_bytes=200_000, allow_private=True)
    assert str(caught.value) == (
        f"{server}/endless: the page is over the limit of 200,000 bytes; save the article's text as a file and add that"
    )


def test_a_silent_server_times_out(server):
    with pytest.raises(AddError) as caught:
        fetch.fetch(f"{server}/silent", timeout=0.5, allow_private=True)
    assert str(caught.value) == (
        f"{server}/silent: the page did not arrive within 0.5 seconds; try again later, or save the page and add the file"
    )


def test_a_refused_connection_is_explained(project, capsys):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, _, err = run(project, "add", "--allow-private", f"http://127.0.0.1:{port}/a.html", capsys=capsys)
    assert status == 1
    assert err == (
        f"briefing: http://127.0.0.1:{port}/a.html: connection refused: nothing is listening at that address; "
        "check the address and your connection, then try again\n"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("ftp://example.com/a.html", "only http:// and https:// addresses can be fetched; save the page and add the file instead"),
        ("missing.txt", "no such file; check the path"),
        ("picture.png", "unknown kind of file; add a .txt, .md or .html file, or an http(s) address"),
    ],
)
def test_unusable_targets_are_explained(project, capsys, target, message):
    status, _, err = run(project, "add", target, capsys=capsys)
    assert status == 1
    assert err == f"briefing: {target}: {message}\n"


def test_one_bad_target_does_not_stop_the_others(server, project, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text(PLAIN_TEXT)
    status, out, err = run(project, "add", "--allow-private", f"{server}/report.pdf", str(notes), capsys=capsys)
    assert status == 1
    assert "application/pdf" in err
    assert out.startswith("added sources/cable-breaks-in-the-baltic.md")


def test_source_markdown_reads_back_into_the_same_blocks():
    from briefing.cleaning.clean import clean
    from briefing.cleaning.extract import extract
    from briefing.model import Article, Block

    body = (
        Block("paragraph", "Intro."),
        Block("bullet", "one"),
        Block("bullet", "two"),
        Block("heading", "Next part"),
        Block("numbered", "first"),
        Block("numbered", "second"),
        Block("quote", "Said someone."),
        Block("paragraph", "End."),
    )
    article = Article(source="x", title="A: title, with [brackets]", body=body, authors=("A. B.",), date="2020-01-02")
    text = add.source_markdown(article, "https://example.com/a")
    again = extract(clean(read("sources/a.md", text.encode())))
    assert [(b.kind, b.text) for b in again.body] == [(b.kind, b.text) for b in body]
    assert (again.title, again.authors, again.date, again.url) == (article.title, article.authors, article.date, "https://example.com/a")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == "A: title, with [brackets]"


@pytest.mark.parametrize(
    ("title", "publisher", "expected"),
    [
        ("Mining blasts shatter homes - Lesotho Times", "Lesotho Times", "Mining blasts shatter homes"),
        ("Storms escalate | The Citizen", "The Citizen", "Storms escalate"),
        ("Solar-powered lights boost women’s businesses - Daily News", "Daily News", "Solar-powered lights boost women’s businesses"),
        ("Budget - what it means for you", "The Example Times", "Budget - what it means for you"),
        ("Storms escalate | The Citizen", "", "Storms escalate | The Citizen"),
    ],
)
def test_a_site_name_appended_to_the_title_is_dropped(title, publisher, expected):
    assert add._without_site_name(title, publisher) == expected
