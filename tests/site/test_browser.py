"""The built seed site in a real browser: headless Chromium driven by Playwright.

Uses Debian's ``chromium`` (Playwright's own browser download is not needed);
without it these tests skip. Screenshots land in ``tests/artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from briefing import pipeline
from briefing.site.stories import sort_stories
from tests.conftest import ROOT, SEEDS

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
"""Debian's chromium; set BRIEFING_CHROMIUM to use another Chromium binary."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "tests" / "artifacts"
HOW_TO_ENABLE = (
    "install Debian's chromium (`sudo apt-get install chromium`, as .ci/run does), "
    "or set BRIEFING_CHROMIUM to a Chromium binary, to run the browser tests"
)

# The header search box and its result links, in Material's own search and in Pagefind's UI.
SEARCH_BUTTONS = 'label[for="__search"], button[aria-label*="earch"], .md-search__button'
SEARCH_INPUTS = "input.md-search__input, .pagefind-ui__search-input, header input[type=search], input[type=search]"
RESULT_LINKS = ".md-search-result__link, .pagefind-ui__result-link, [data-md-component=search-result] a[href], .pagefind-ui__results a[href]"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - playwright is in requirements.lock
    sync_playwright = None

pytestmark = pytest.mark.skipif(
    sync_playwright is None or not CHROMIUM.exists(),
    reason=f"no browser: {CHROMIUM} not found; {HOW_TO_ENABLE}",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(seed_site):
    """The seed site built once per session, served on 127.0.0.1; yields (base URL, build)."""
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(project / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", pipeline.build(project, project / "sources")
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page, with what went wrong while it was open."""

    page: object
    base: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}")
        self.page.wait_for_load_state("load")

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.foreign_requests == []


@pytest.fixture
def tab(browser, served):
    base, _ = served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    tab = Tab(page, base)
    page.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    page.on("pageerror", lambda error: tab.console_errors.append(str(error)))

    def guard(route):
        if route.request.url.startswith(base + "/") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:  # record and block: nothing may leave the machine
            tab.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield tab
    context.close()


def seed_story(build) -> object:
    """Seed 001's article (its title depends on the cleaner; its source does not)."""
    return next(a for a in build.articles if a.source == f"sources/{SEEDS[1]}")


def heading(text: str):
    """An H1's text, with or without the permalink sign after it."""
    return re.compile(r"^\s*" + re.escape(text) + r"\s*¶?\s*$")


def screenshot(tab: Tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_page_renders_with_the_latest_stories(tab, served):
    _, build = served
    tab.open("")
    expect(tab.page).to_have_title(re.compile("Briefing"))
    expect(tab.page.locator("article h1")).to_have_text(heading("Briefing"))
    expect(tab.page.locator("article a[href*='stories/']").first).to_be_visible()
    linked = {
        urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]
        for href in tab.page.locator("article a[href*='stories/']").evaluate_all("links => links.map(a => a.href)")
    }
    newest = sort_stories(list(build.articles))[0]
    assert newest.slug in linked  # the latest story is on the home page
    assert linked <= {a.slug for a in build.articles} | {"stories"}  # and every link leads to a story
    screenshot(tab, "home")
    tab.assert_clean()


def test_searching_merkel_lists_seed_001_among_the_first_three_results(tab, served):
    _, build = served
    story = seed_story(build)
    tab.open("")
    box = tab.page.locator(SEARCH_INPUTS).first
    if not box.is_visible():
        tab.page.locator(SEARCH_BUTTONS).first.click()
    expect(box).to_be_visible()
    box.click()
    # The whole query at once (an input event), then a key press (a keyup event): search UIs
    # listen to one or the other, and no results for a partial query can show up first.
    box.fill("Merkel")
    box.press("End")
    tab.page.locator(RESULT_LINKS).first.wait_for(state="attached")
    pages: list[str] = []
    for href in tab.page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)"):
        path = urlsplit(href).path
        if path not in pages:  # a page may be listed with several of its sections
            pages.append(path)
    assert f"/stories/{story.slug}/" in pages[:3], pages
    tab.assert_clean()


def test_a_story_links_to_an_entity_page_that_opens(tab, served):
    _, build = served
    story = seed_story(build)
    tab.open(f"stories/{story.slug}/")
    expect(tab.page.locator("article h1")).to_have_text(heading(story.title))
    screenshot(tab, "story")
    entity = tab.page.locator("h2#in-this-story + ul a").first
    name = entity.inner_text().strip()
    entity.click()
    tab.page.wait_for_url(re.compile(r"/entities/[a-z0-9-]+/$"))
    expect(tab.page.locator("article h1")).to_have_text(heading(name))
    expect(tab.page.locator(f"article a[href*='{story.slug}/']").first).to_be_visible()  # back to the story
    screenshot(tab, "entity")
    tab.assert_clean()


def test_a_related_story_link_navigates_to_that_story(tab, served):
    _, build = served
    story = next(a for a in build.articles if build.related.get(a.slug))
    target = next(a for a in build.articles if a.slug == build.related[story.slug][0].target)
    tab.open(f"stories/{story.slug}/")
    tab.page.locator("h2#related-stories + ul a").first.click()
    tab.page.wait_for_url(re.compile(rf"/stories/{re.escape(target.slug)}/$"))
    expect(tab.page.locator("article h1")).to_have_text(heading(target.title))
    tab.assert_clean()


def test_the_light_dark_toggle_switches_the_colour_scheme(tab):
    tab.open("")
    body = tab.page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = body.evaluate("b => getComputedStyle(b).backgroundColor")
    tab.page.locator('form[data-md-component="palette"] label:not([hidden])').first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert body.evaluate("b => getComputedStyle(b).backgroundColor") != light
    tab.page.locator('form[data-md-component="palette"] label:not([hidden])').first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    tab.assert_clean()


def test_no_page_requests_anything_but_the_local_server(tab, served):
    base, build = served
    requested: list[str] = []
    tab.page.on("request", lambda request: requested.append(request.url))
    tab.open(f"stories/{seed_story(build).slug}/")
    entity = tab.page.locator("h2#in-this-story + ul a").first.evaluate("a => a.href")
    for path in ["", "stories/", "entities/", "about/"]:
        tab.open(path)
    tab.page.goto(entity)
    tab.page.wait_for_load_state("load")
    assert len({urlsplit(url).path for url in requested if url.endswith("/")}) == 6  # the listener saw every page
    assert all(url.startswith(base + "/") or url.startswith(("data:", "blob:")) for url in requested)
    tab.assert_clean()
