"""What a reader meets on the pages: topic links, tab titles, dates said plainly, a summary per story, no bare scores."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from briefing.model import Article, Block, Relation, Site, TopicScore
from briefing.site import home, paths, stories
from briefing.site.listing import story_item, summary

DATED = Article(
    source="sources/a.txt",
    title="Ferry service returns to the island",
    slug="ferry-service-returns",
    body=(Block("paragraph", "The ferry to Inch Island sailed again on Monday. It had been idle since the storm in March."),),
    publisher="The Harbour News",
    date="2023-04-26",
    topics=(TopicScore("5G networks", 3.0), TopicScore("Trade", 2.0)),
)
UNDATED = Article(
    source="sources/b.txt",
    title="A note on the island's water supply",
    slug="water-supply",
    subtitle="Why the reservoir ran low, and what the council will do about it",
    body=(Block("paragraph", "The reservoir fell to a third of its level. The council met."),),
)


def test_a_one_day_range_is_one_date_and_undated_stories_are_said():
    assert "dated 26 April 2023 (1 undated)" in home.covers([DATED, UNDATED], [])
    assert " to 26 April 2023" not in home.covers([DATED, UNDATED], [])
    assert "2 stories, all undated." in home.covers([UNDATED, UNDATED], [])  # not "from 0 named publishers"
    later = Article(source="sources/c.txt", title="t", slug="c", body=(), date="2023-05-03")
    assert "dated 26 April 2023 to 3 May 2023" in home.covers([later, DATED], [])


@pytest.mark.parametrize(
    "ordered, said",
    [
        ([DATED], "1 story, newest first."),
        ([DATED, UNDATED], "2 stories, newest first; the 1 undated one last, by title."),
        ([UNDATED, UNDATED], "2 stories, all undated, by title."),
    ],
)
def test_the_stories_index_says_newest_first_only_of_dated_stories(ordered, said):
    assert f"\n{said}\n" in stories.stories_index(ordered).markdown


def test_a_listed_story_says_undated_where_a_date_would_be():
    assert story_item("index.md", UNDATED).endswith("](stories/water-supply.md) · undated")
    assert story_item("index.md", DATED).endswith(" · 26 April 2023 · The Harbour News")


def test_a_story_is_summed_up_by_its_dek_else_its_first_sentence():
    assert summary(UNDATED) == "Why the reservoir ran low, and what the council will do about it"
    assert summary(DATED) == "The ferry to Inch Island sailed again on Monday."
    long = Article(source="sources/d.txt", title="t", slug="d", body=(Block("paragraph", "word " * 100),))
    assert len(summary(long)) <= 221 and summary(long).endswith("…")


def test_the_home_page_sums_up_each_latest_story_in_a_line():
    page = home.home_page([DATED, UNDATED], _no_actors(), Site(), [], []).markdown
    latest = page[page.index("## Latest stories") :]
    assert '<span class="story-summary">The ferry to Inch Island sailed again on Monday.</span>' in latest
    assert '<span class="story-summary">Why the reservoir ran low, and what the council will do about it</span>' in latest


def test_topic_names_on_the_home_page_link_to_their_topic_pages():
    page = home.home_page([DATED, UNDATED], _no_actors(), Site(), [], []).markdown
    assert f"- [5G networks]({paths.topic_path('5G networks')}): 1 story · [feed](feeds/topics/5g-networks.xml)" in page


def test_related_stories_show_what_they_share_not_a_bare_score():
    relation = Relation(DATED.slug, UNDATED.slug, 0.17, ("shares Inch Island",))
    page = stories.story_page(DATED, (relation,), {DATED.slug: DATED, UNDATED.slug: UNDATED}).markdown
    related = page[page.index("## Related stories") :]
    assert "0.17" not in related and "related-score" not in related
    assert "Most related first; under each, what it shares with this story." in related
    assert "<br>shares Inch Island" in related


def _no_actors():
    from briefing.site import network

    return network.graph([])


class Links(HTMLParser):
    """The href and text of each ``a.md-tag`` in a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "md-tag" in (attrs.get("class") or "").split():
            self._href = attrs.get("href")

    def handle_data(self, data):
        if self._href is not None and data.strip():
            self.tags.append((self._href, data.strip()))
            self._href = None


def test_topic_pages_order_their_stories_without_a_bare_score():
    from briefing.site.entities import topic_pages

    page = next(p for p in topic_pages([DATED], None) if p.path == paths.topic_path("Trade"))
    assert "most about the topic first" in page.markdown
    assert "score" not in page.markdown and not re.search(r"· \d", page.markdown)


def test_story_topic_tags_link_to_their_topic_pages(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    site = project / "site"
    pages = sorted((site / "stories").glob("*/index.html"))
    checked = 0
    for page in pages:
        html = page.read_text()
        if 'class="md-tag' not in html:
            continue
        parser = Links()
        parser.feed(html)
        assert parser.tags, page  # every chip is a link
        assert 'span class="md-tag' not in html
        for href, name in parser.tags:
            target = (page.parent / href / "index.html").resolve()
            assert target.is_file(), (page, href)
            assert re.search(rf"<h1[^>]*>{re.escape(name)}<", target.read_text()), (href, name)
            checked += 1
    assert checked >= len(pages)


def test_the_home_tab_is_titled_by_the_site_name_alone(seed_site):
    project, _ = seed_site
    site = project / "site"
    assert "<title>Briefing</title>" in (site / "index.html").read_text()
    assert "<title>Stories - Briefing</title>" in (site / "stories" / "index.html").read_text()
    assert "<title>Briefing - Briefing</title>" not in (site / "index.html").read_text()
