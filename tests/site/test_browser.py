"""The built seed site in a real browser: headless Chromium driven by Playwright.

Uses Debian's ``chromium`` (Playwright's own browser download is not needed);
without it these tests skip. Screenshots land in ``tests/artifacts/``.
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def serving(folder: Path):
    """``folder`` served on 127.0.0.1 while the block runs; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def served(seed_site):
    """The seed site built once per session, served on 127.0.0.1; yields (base URL, build)."""
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as base:
        yield base, pipeline.build(project, project / "sources")


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


@contextlib.contextmanager
def opened(browser, base: str, width: int = 1280):
    """A fresh tab on the site at ``base`` (http://... or file://...) that records console errors and blocks,
    and records, any request leaving the site."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
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
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(browser, served):
    base, _ = served
    with opened(browser, base) as tab:
        yield tab


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
    tab.page.locator("h2#related-stories ~ ul a").first.click()
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


# A reader's pass: search, tab titles, topic tags, the sidebar, the actor picture, the site opened from disk.


def search_for(tab: Tab, query: str) -> str:
    """Type ``query`` into the header's search box; the count line once the results are in."""
    box = tab.page.locator(SEARCH_INPUTS).first
    if not box.is_visible():
        tab.page.locator(SEARCH_BUTTONS).first.click()
    box.click()
    meta = tab.page.locator(".md-search-result__meta")
    box.fill("")  # an earlier query's count must not pass for this one's
    expect(meta).to_have_text("Type to start searching")
    box.fill(query)
    box.press("End")
    expect(meta).to_have_text(re.compile(r"match"))
    return meta.inner_text()


def every_result(tab: Tab, kind: str) -> list[str]:
    """The paths of all results of one group (``story`` or ``entity``), pressing its "show more" button until it goes."""
    group = tab.page.locator(f'.briefing-search__group[data-kind="{kind}"]')
    more = group.locator(".briefing-search__more")
    for _ in range(100):
        if not more.is_visible():
            break
        shown = group.locator(".md-search-result__link").count()
        more.click()
        expect(group.locator(".md-search-result__link")).not_to_have_count(shown)
    links = group.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path for href in links]


def naming(articles, word: str) -> set[str]:
    """Slugs of the stories whose title or text has ``word``."""
    pattern = re.compile(rf"\b{re.escape(word)}", re.I)
    return {a.slug for a in articles if pattern.search(a.title) or any(pattern.search(b.text) for b in a.body)}


def test_searching_huawei_reaches_every_seed_story_naming_it_stories_first(tab, served):
    _, build = served
    expected = naming(build.articles, "Huawei")
    assert len(expected) == 5
    tab.open("")
    count = search_for(tab, "Huawei")
    found = every_result(tab, "story")
    assert sorted(found) == sorted(f"/stories/{slug}/" for slug in expected)
    entities = every_result(tab, "entity")
    assert entities and all(path.startswith("/entities/") for path in entities)
    # What is counted is said apart: stories, then entity pages.
    assert count == f"{len(expected)} stories and {len(entities)} entity pages match"
    headings = tab.page.locator(".briefing-search__group:not([hidden]) .briefing-search__heading").all_inner_texts()
    assert headings == ["Stories", "Entity pages"]
    screenshot(tab, "search-huawei")
    tab.page.locator('.briefing-search__group[data-kind="story"] .md-search-result__link').first.click()
    tab.page.wait_for_url(re.compile(r"/stories/[a-z0-9-]+/$"))
    tab.assert_clean()


def test_entity_pages_do_not_match_through_the_discovered_notice(tab, served):
    # Words of the notice ("... has not been reviewed yet") are not the entity's: only the story that
    # writes "reviewed" (sources/004_...) matches it, no entity page.
    tab.open("")
    search_for(tab, "reviewed")
    assert every_result(tab, "entity") == []
    assert every_result(tab, "story") == ["/stories/004-2f157ccb647d0ed9/"]
    count = search_for(tab, "entity list")
    stories = every_result(tab, "story")
    assert count.startswith(f"{len(stories)} stories") and len(stories) == 2
    tab.assert_clean()


@pytest.fixture(scope="module")
def reader_served(reader_site):
    project, result = reader_site
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as base:
        yield base


def test_show_more_reaches_all_of_many_results_ten_at_a_time(browser, reader_served):
    from tests.conftest import LOGS

    with opened(browser, reader_served) as tab:
        tab.open("")
        assert search_for(tab, "lighthouse") == f"{LOGS} stories match"
        group = tab.page.locator('.briefing-search__group[data-kind="story"]')
        expect(group.locator(".md-search-result__link")).to_have_count(10)
        more = group.locator(".briefing-search__more")
        expect(more).to_have_text(f"Show 10 more stories ({LOGS - 10} not shown yet)")
        more.click()
        expect(group.locator(".md-search-result__link")).to_have_count(20)
        expect(more).to_have_text(f"Show the last {LOGS - 20} stories")
        more.click()
        expect(group.locator(".md-search-result__link")).to_have_count(LOGS)
        expect(more).to_be_hidden()
        links = group.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        assert len(set(links)) == LOGS and all("/stories/log-" in link for link in links)
        expect(tab.page.locator('.briefing-search__group[data-kind="entity"]')).to_be_hidden()
        tab.assert_clean()


def test_tab_titles_name_the_page_then_the_site(tab, served):
    _, build = served
    story = seed_story(build)
    tab.open("")
    expect(tab.page).to_have_title("Briefing")
    tab.open(f"stories/{story.slug}/")
    expect(tab.page).to_have_title(f"{story.title} - Briefing")
    tab.assert_clean()


def test_a_story_topic_tag_opens_that_topic_page(tab, served):
    _, build = served
    story = next(a for a in build.articles if a.topics)
    tab.open(f"stories/{story.slug}/")
    tags = tab.page.locator("a.md-tag")
    expect(tags).to_have_count(len(story.topics))
    name = tags.first.inner_text().strip()
    assert name == story.topics[0].topic
    tags.first.click()
    tab.page.wait_for_url(re.compile(r"/topics/[a-z0-9-]+/$"))
    expect(tab.page.locator("article h1")).to_have_text(heading(name))
    expect(tab.page.locator(f"article a[href*='{story.slug}/']").first).to_be_visible()
    tab.assert_clean()


def test_the_home_page_topic_names_open_their_topic_pages(tab):
    tab.open("")
    topic = tab.page.locator("h2#topics + ul li a").first
    name = topic.inner_text().strip()
    topic.click()
    tab.page.wait_for_url(re.compile(r"/topics/[a-z0-9-]+/$"))
    expect(tab.page.locator("article h1")).to_have_text(heading(name))
    tab.assert_clean()


def test_the_sidebar_names_the_entities_section_once(tab):
    tab.open("entities/")
    # The lines of the sidebar as shown: an entry wrapped in a container is one line, at one height.
    items = tab.page.locator(".md-sidebar--primary").locator(".md-nav__link, .md-nav__title").all()
    lines = {(round(item.bounding_box()["y"]), item.inner_text().strip()) for item in items if item.is_visible()}
    shown = [text for _, text in sorted(lines)]
    assert shown.count("Entities") == 1, shown
    assert {"People", "Organisations", "Places"} <= set(shown)
    tab.assert_clean()


GEOMETRY = """svg => {
  const boxes = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect());
  const circles = [...svg.querySelectorAll('circle')].map(c => {
    const b = c.getBoundingClientRect();
    return {x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2};
  });
  const font = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  return {boxes: boxes.map(b => [b.left, b.top, b.right, b.bottom]), circles: circles.map(c => [c.x, c.y, c.r]), font};
}"""


def picture_clashes(shape: dict) -> list[str]:
    """Names that overlap one another or a circle, as the browser lays them out with its own fonts."""
    boxes, circles = shape["boxes"], shape["circles"]
    found = []
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[i + 1 :], start=i + 1):
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                found.append(f"names {i} and {j}")
        for j, (x, y, r) in enumerate(circles):
            nx, ny = min(max(x, a[0]), a[2]), min(max(y, a[1]), a[3])
            if (nx - x) ** 2 + (ny - y) ** 2 < (r - 0.5) ** 2:
                found.append(f"name {i} over circle {j}")
    return found


@pytest.mark.parametrize("path", ["", "entities/huawei/"])
def test_actor_picture_names_do_not_overlap_in_the_browser(tab, path):
    tab.open(path)
    shape = tab.page.locator("svg.briefing-network").first.evaluate(GEOMETRY)
    assert len(shape["boxes"]) > 5
    assert picture_clashes(shape) == []
    tab.assert_clean()


@pytest.mark.parametrize("path", ["", "entities/huawei/"])
def test_on_a_phone_the_actor_picture_scrolls_and_its_names_read_at_11_px(browser, served, path):
    base, _ = served
    with opened(browser, base, width=390) as tab:
        tab.open(path)
        figure = tab.page.locator("figure.briefing-network").first
        figure.scroll_into_view_if_needed()
        shape = tab.page.locator("svg.briefing-network").first.evaluate(GEOMETRY)
        assert min(shape["font"]) >= 11, shape["font"]
        assert figure.evaluate("f => f.scrollWidth > f.clientWidth")  # the picture scrolls inside its figure
        assert tab.page.evaluate("() => document.documentElement.scrollWidth") <= 390  # the page itself does not
        figure.screenshot(path=str(ARTIFACTS / f"picture-390-{path.strip('/').replace('/', '-') or 'home'}.png"))
        tab.assert_clean()


def test_the_site_opened_from_disk_does_what_the_about_page_says(browser, seed_site):
    project, _ = seed_site
    site = (project / "site").resolve()
    with opened(browser, site.as_uri()) as tab:
        tab.page.goto((site / "index.html").as_uri())
        expect(tab.page).to_have_title("Briefing")
        # The tabs, a story, its topic tag, an entity of the picture: pages, not folder listings.
        tab.page.locator(".md-tabs__link", has_text="Stories").click()
        tab.page.wait_for_url(re.compile(r"/stories/index\.html$"))
        expect(tab.page.locator("article h1")).to_have_text(heading("Stories"))
        tab.page.locator("article li a[href*='stories/']").first.click()
        tab.page.wait_for_url(re.compile(r"/stories/[a-z0-9-]+/index\.html$"))
        tab.page.locator("a.md-tag").first.click()
        tab.page.wait_for_url(re.compile(r"/topics/[a-z0-9-]+/index\.html$"))
        tab.page.goto((site / "index.html").as_uri())
        tab.page.locator("svg.briefing-network a").first.click()
        tab.page.wait_for_url(re.compile(r"/entities/[a-z0-9-]+/index\.html$"))
        expect(tab.page.locator("article h1")).to_be_visible()
        # Search says plainly that it needs the site served, and how.
        said = search_for_from_disk(tab)
        assert "Search needs the site served over HTTP" in said and "make serve" in said
        screenshot(tab, "from-disk-search")
        # The About page says the same.
        tab.page.keyboard.press("Escape")
        tab.page.locator(".md-tabs__link", has_text="About").click()
        tab.page.wait_for_url(re.compile(r"/about/index\.html$"))
        about = tab.page.locator("article").inner_text()
        assert "From disk" in about and "Search does not" in about and "make serve" in about
        tab.assert_clean()


def search_for_from_disk(tab: Tab) -> str:
    box = tab.page.locator(SEARCH_INPUTS).first
    box.click()
    box.fill("Huawei")
    box.press("End")
    meta = tab.page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile("HTTP"))
    return meta.inner_text()
