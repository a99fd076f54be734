"""A reader's first search, measured in headless Chromium: bytes downloaded and milliseconds to results.

The built site is served over HTTP on localhost; the page is the home page,
fully loaded first. Then the query is typed into the header's search box, and
we count every response from that moment until the first result is shown.

    python bench/search_probe.py SITE_DIR [QUERY]
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
RESULT = ".md-search-result__list .md-search-result__item"


@dataclass(frozen=True)
class Probe:
    query: str
    payload_bytes: int
    first_ms: float
    results: int
    requests: int
    first_title: str


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free localhost port in a background thread."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def probe(site: Path, query: str = "Merkel", timeout_ms: int = 60_000) -> Probe:
    """Type ``query`` into the search box of the built ``site`` and measure the first answer."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url, wait_until="networkidle")
            responses = []
            page.on("response", lambda response: responses.append(response))
            start = time.perf_counter()
            page.click(".md-search__input")
            page.keyboard.type(query)
            page.wait_for_selector(RESULT, timeout=timeout_ms)
            elapsed = (time.perf_counter() - start) * 1000
            count = page.locator(RESULT).count()
            title = page.locator(RESULT + " h1").first.inner_text()
            payload = sum(len(r.body()) for r in responses if r.ok)
            browser.close()
    finally:
        server.shutdown()
    return Probe(query, payload, round(elapsed, 1), count, len(responses), title)


if __name__ == "__main__":
    result = probe(Path(sys.argv[1]), *(sys.argv[2:3]))
    print(json.dumps(asdict(result), indent=2))
