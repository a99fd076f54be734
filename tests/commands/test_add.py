"""``briefing add``: files and web pages into sources/, served from a local HTTP server."""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.commands import add, fetch
from briefing.commands.cli import main
from briefing.commands.fetch import AddError
from briefing.sources.corrections import read_corrections
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


def corrections(path: Path) -> dict:
    """The fields a corrections file sets (its comments aside)."""
    return dict(read_corrections(path.name, path.read_bytes()).fields)


def article(project: Path, name: str):
    """The story of ``sources/name`` as the build makes it (with its corrections)."""
    built = pipeline.build(project, project / "sources", cache_dir=None)
    return next(a for a in built.articles if a.source == f"sources/{name}")


def test_adding_a_web_page_keeps_it_as_fetched_with_a_corrections_file(server, project, capsys):
    status, out, err = run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)
    assert status == 0, err
    name = "2024-03-01-ministers-agree-to-guard-undersea-cables"
    assert out == f"added sources/{name}.html: check what was found in sources/{name}.yml and correct it there\n"
    assert (project / "sources" / f"{name}.html").read_bytes() == ARTICLE_HTML  # the original, byte for byte
    fixes = project / "sources" / f"{name}.yml"
    today = dt.datetime.now(dt.timezone.utc).date()
    assert corrections(fixes)["url"] == f"{server}/news/cables.html"
    assert corrections(fixes)["retrieved"] in (str(today), str(today - dt.timedelta(days=1)))  # the test may straddle midnight
    assert set(corrections(fixes)) == {"url", "retrieved"}  # what was found is only shown, never frozen
    assert "# title: Ministers agree to guard undersea cables\n# authors: [Ada Lovelace]\n# publisher: The Example Times\n# date: 2024-03-01\n" in fixes.read_text()
    story = article(project, f"{name}.html")
    assert (story.title, story.authors, story.publisher, story.date) == ("Ministers agree to guard undersea cables", ("Ada Lovelace",), "The Example Times", "2024-03-01")
    assert story.url == f"{server}/news/cables.html"
    assert "Ministers from twelve countries agreed on Friday" in story.body[0].text


def test_a_real_news_page_gives_its_reference_metadata_and_every_paragraph(server, project, capsys):
    truth = json.loads((PAGES / f"{REAL_PAGE}.json").read_text(encoding="utf-8"))
    status, out, err = run(project, "add", "--allow-private", f"{server}/real.html", capsys=capsys)
    assert status == 0, err
    name = "2025-11-28-severe-storms-escalate-in-gauteng-residents-urged-to-avoid-flood-risks"
    assert out.split()[1] == f"sources/{name}.html:"
    story = article(project, f"{name}.html")
    assert (story.title, list(story.authors), story.date) == (truth["title"], truth["authors"], truth["date"][:10])
    assert story.publisher == "The Citizen"
    assert "# authors: [Enkosi Selane]\n" in (project / "sources" / f"{name}.yml").read_text(encoding="utf-8")
    body = story.subtitle + " " + " ".join(b.text for b in story.body)  # the dek may be the subtitle
    paragraphs = [" ".join(p.split()) for p in truth["articleBody"].split("\n\n")]
    assert [p for p in paragraphs if p not in " ".join(body.split())] == []


def test_the_new_source_builds_into_a_story_page_at_its_file_name(server, project, capsys):
    assert run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)[0] == 0
    built = pipeline.build(project, project / "sources")
    assert not built.problems
    story = next(a for a in built.articles if a.source.endswith("undersea-cables.html"))
    assert story.slug == "2024-03-01-ministers-agree-to-guard-undersea-cables"
    assert (story.title, story.authors, story.date) == ("Ministers agree to guard undersea cables", ("Ada Lovelace",), "2024-03-01")


def test_adding_the_same_page_again_is_refused_naming_the_source(server, project, capsys):
    assert run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)[0] == 0
    before = sorted(p.name for p in (project / "sources").iterdir())
    status, out, err = run(project, "add", "--allow-private", f"{server}/moved", capsys=capsys)  # redirects to the same page
    assert status == 1
    assert err == (
        f"briefing: {server}/moved: already in sources/2024-03-01-ministers-agree-to-guard-undersea-cables.html "
        "(same file content); edit that source instead, or delete it first\n"
    )
    assert sorted(p.name for p in (project / "sources").iterdir()) == before


def test_a_page_whose_url_is_already_a_source_is_refused_even_if_it_changed(server, project, capsys):
    (project / "sources" / "cables.md").write_text(f"---\ntitle: Old copy\nurl: {server}/news/cables.html/\n---\n\nAn older version.\n")
    status, _, err = run(project, "add", "--allow-private", f"{server}/news/cables.html", capsys=capsys)
    assert status == 1
    assert f"already in sources/cables.md (same url {server}/news/cables.html)" in err


def test_a_url_given_in_a_corrections_file_counts_as_the_source_s_url(server, project, capsys):
    (project / "sources" / "old.txt").write_text("Cables\n\nAn older version of the cable story, saved as text.\n")
    (project / "sources" / "old.yml").write_text(f"url: {server}/news/cables.html\n")
    status, _, err = run(project, "add", f"{server}/news/cables.html", capsys=capsys)
    assert (status, f"already in sources/old.txt (same url {server}/news/cables.html)" in err) == (1, True)


def test_adding_a_local_text_file_keeps_it_as_text(project, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text(PLAIN_TEXT)
    status, out, err = run(project, "add", str(notes), capsys=capsys)
    assert status == 0, err
    assert (project / "sources" / "cable-breaks-in-the-baltic.txt").read_text() == PLAIN_TEXT
    fixes = project / "sources" / "cable-breaks-in-the-baltic.yml"
    assert corrections(fixes) == {}  # nothing fetched, nothing decided: only comments
    assert "# title: Cable breaks in the Baltic\n# authors: [Charles Babbage]\n# publisher: null\n# date: null\n" in fixes.read_text()
    story = article(project, "cable-breaks-in-the-baltic.txt")
    assert (story.title, story.authors, story.date, story.url) == ("Cable breaks in the Baltic", ("Charles Babbage",), "", "")


def test_text_with_markdown_in_it_stays_text(project, tmp_path, capsys):
    scraped = tmp_path / "scrape.txt"
    scraped.write_text(
        "Cable repair ships sail\n\nThe operators sent two repair ships to the Baltic on Monday, the company said in a statement.\n\n"
        "[download the report](https://example.com/report.pdf) and **share** it.\n"
    )
    assert run(project, "add", str(scraped), capsys=capsys)[0] == 0
    built = pipeline.build(project, project / "sources", cache_dir=None)
    page = next(p.markdown for p in built.pages if p.path == "stories/cable-repair-ships-sail.md")
    assert "](https://example.com/report.pdf)" not in page and "**share**" not in page
    assert "download the report" in page


def test_a_file_of_sources_only_gets_its_corrections_file(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    before = (project / "sources" / "002_ac4b85bb27cce6b9.txt").read_bytes()
    status, out, err = run(project, "add", "sources/002_ac4b85bb27cce6b9.txt", capsys=capsys)
    assert status == 0, err
    assert out == "added sources/002_ac4b85bb27cce6b9.txt: check what was found in sources/002_ac4b85bb27cce6b9.yml and correct it there\n"
    assert (project / "sources" / "002_ac4b85bb27cce6b9.txt").read_bytes() == before
    assert "# title: 'Sanction Chinese Cloud Firms Posing National Security Risk: GOP Senators'" in (project / "sources" / "002_ac4b85bb27cce6b9.yml").read_text()
    status, _, err = run(project, "add", "sources/002_ac4b85bb27cce6b9.txt", capsys=capsys)
    assert status == 1
    assert err == "briefing: sources/002_ac4b85bb27cce6b9.txt: already has a corrections file, 002_ac4b85bb27cce6b9.yml; edit that file instead\n"


def test_a_seed_added_again_is_a_duplicate_of_the_seed(project, capsys):
    seed = SOURCES / "002_ac4b85bb27cce6b9.txt"
    status, _, err = run(project, "add", str(seed), capsys=capsys)
    assert status == 1
    assert err.startswith(f"briefing: {seed}: already in sources/002_ac4b85bb27cce6b9.txt (same file content)")


def test_existing_files_are_never_overwritten(project, tmp_path, capsys):
    taken = project / "sources" / "cable-breaks-in-the-baltic.md"
    taken.write_text("---\ntitle: Something else\n---\n\nA different article entirely.\n")
    stray = project / "sources" / "cable-breaks-in-the-baltic-2.yml"
    stray.write_text("title: A correction whose source was deleted\n")
    notes = tmp_path / "notes.txt"
    notes.write_text(PLAIN_TEXT)
    status, out, _ = run(project, "add", str(notes), capsys=capsys)
    assert status == 0
    assert out.startswith("added sources/cable-breaks-in-the-baltic-3.txt")  # -2 is taken by the stray corrections file
    assert taken.read_text().startswith("---\ntitle: Something else")
    assert stray.read_text() == "title: A correction whose source was deleted\n"
    assert (project / "sources" / "cable-breaks-in-the-baltic-3.txt").read_text() == PLAIN_TEXT
    assert not [p for p in (project / "sources").iterdir() if p.name.startswith(".")]  # no temporary file left


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
    assert out.startswith("added sources/cable-breaks-in-the-baltic.txt")


def test_a_name_taken_by_the_same_article_meanwhile_is_refused_not_copied(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "cables.html").write_bytes(ARTICLE_HTML)  # another run of add finished first

    def holding(data):
        return lambda path: path.read_bytes() == data

    with pytest.raises(add.AlreadyThere) as caught:
        add.write_original(folder, "cables", ".html", ARTICLE_HTML, holding(ARTICLE_HTML))
    assert caught.value.path == folder / "cables.html"
    other = b"<p>another article</p>"
    assert add.write_original(folder, "cables", ".html", other, holding(other)) == folder / "cables-2.html"
    assert sorted(p.name for p in folder.iterdir()) == ["cables-2.html", "cables.html"]


@pytest.mark.slow
def test_three_adds_of_one_file_at_once_keep_one_copy(project, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(ARTICLE_HTML)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    command = [sys.executable, "-m", "briefing", "add", str(page), "--config", str(project / "mkdocs.yml")]
    runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(run.wait(timeout=300), run.stdout.read(), run.stderr.read()) for run in runs]
    name = "2024-03-01-ministers-agree-to-guard-undersea-cables"
    assert sorted(status for status, _, _ in results) == [0, 1, 1], results
    assert sorted(p.name for p in (project / "sources").iterdir() if p.name not in {s.name for s in SOURCES.iterdir()}) == [f"{name}.html", f"{name}.yml"]
    refused = [err for status, _, err in results if status == 1]
    assert all(err.startswith(f"briefing: {page}: already in sources/{name}.html (") for err in refused), refused
