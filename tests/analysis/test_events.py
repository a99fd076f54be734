"""The timeline: dated events from the seeds, in date order, each linking to its paragraph."""

from __future__ import annotations

import re
from dataclasses import replace

import markdown
import pytest

from briefing import pipeline
from briefing.analysis import events
from briefing.model import Article, Block
from briefing.site import timeline
from briefing.site.stories import sort_stories
from tests.conftest import ROOT, SOURCES


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return sort_stories(list(pipeline.build(ROOT, SOURCES).articles))


def by_source(articles, name):
    return next(a for a in articles if a.source == f"sources/{name}")


def find(items, words):
    found = [i for i, item in enumerate(items) if words in item.event.text]
    assert len(found) == 1, (words, found)
    return found[0], items[found[0]].event


def test_the_timeline_holds_the_key_events_in_date_order(seeds):
    items = timeline.placed(seeds)
    order = {}
    for words, date in [
        ("On May 15, 2019, US President Donald Trump declared a national emergency", "2019-05-15"),
        ("In July, 2020, the Federal Communications Commission formally barred the company", "2020-07"),
        ("Huawei was added to the U.S. Commerce Department’s “Entity List” trade blacklist in May 2019", "2019-05"),
        ("Huawei Cloud joined the list in August 2020", "2020-08"),
    ]:
        index, event = find(items, words)
        assert event.date == date, words
        order[date] = index
    assert order["2019-05"] < order["2020-07"] < order["2020-08"]
    assert order["2019-05-15"] < order["2020-07"]
    assert [item.event.date for item in items] == sorted(item.event.date for item in items)


def test_the_timeline_page_lists_them_in_that_order(seeds):
    page = timeline.timeline_pages(timeline.placed(seeds))[0].markdown
    positions = [page.index(words) for words in ("On May 15, 2019", "in May 2019", "In July, 2020", "in August 2020")]
    assert positions[1] < positions[2] < positions[3] and positions[0] < positions[2]


def test_each_event_keeps_the_precision_the_text_gives(seeds):
    events = {e.phrase: e.date for a in seeds for e in a.events}
    assert events["May 15, 2019"] == "2019-05-15"
    assert events["July, 2020"] == "2020-07"
    assert events["May 2019"] == "2019-05"
    assert events["in 1987"] == "1987"


def test_abbreviated_months_and_captions_style_dates_are_read():
    sentence = "Alan Woodward testifies before the Joint Committee on the National Security Strategy on Oct. 15, 2018."
    article = Article(source="sources/x.md", title="t", body=(Block("paragraph", sentence),))
    assert [(e.date, e.phrase) for e in events.events(article)] == [("2018-10-15", "Oct. 15, 2018")]


def test_relative_dates_are_not_placed_when_the_story_has_no_date(seeds):
    article = by_source(seeds, "001_dfa42c46ab83b6f5.txt")
    assert article.date == ""
    texts = " ".join(e.text for e in article.events)
    for words in ("Last August", "In late January", "Last month"):
        assert words in " ".join(b.text for b in article.body)
        assert words not in texts


def test_relative_dates_resolve_against_the_story_date(seeds):
    article = replace(by_source(seeds, "001_dfa42c46ab83b6f5.txt"), date="2019-02-12")
    dates = {e.phrase: e.date for e in events.events(article)}
    assert dates["Last August"] == "2018-08"
    assert dates["In late January"] == "2019-01"
    assert dates["Last month"] == "2019-01"
    assert dates["Last year"] == "2018"
    strayer = replace(by_source(seeds, "003_042afaa683db9575.txt"), date="2019-05-15")  # a Wednesday
    dated = events.events(strayer)

    def date_of(words):
        return next(e.date for e in dated if words in e.text)

    assert date_of("the chairman of the Chinese telecommunications giant said on Tuesday") == "2019-05-14"
    assert date_of("since last August when US President Donald Trump") == "2018-08"
    assert date_of("The University of Illinois said last month") == "2019-04"


def test_a_sentence_without_a_date_is_not_placed(seeds):
    for article in seeds:
        for event in article.events:
            assert event.phrase in event.text
    ban = by_source(seeds, "004_2f157ccb647d0ed9.txt")
    assert not any("Soon after Trump's announcement" in e.text for e in ban.events)


def test_events_name_the_entities_of_their_sentence(seeds):
    _, event = find(timeline.placed(seeds), "Huawei was added to the U.S. Commerce")
    assert event.entities == ("Commerce Department", "Entity List", "Huawei", "United States")


def test_timeline_links_reach_the_paragraph_on_the_built_story_page(seed_site):
    project, result = seed_site
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = (site / "timeline" / "index.html").read_text()
    targets = re.findall(r'href="\.\./stories/([^"/]+)/#(p\.\d+)"', html)
    assert len(targets) >= 10
    for slug, anchor in targets:
        story = (site / "stories" / slug / "index.html").read_text()
        assert f'id="{anchor}"' in story
    executive_order = re.search(r'On May 15, 2019[^<]*<br ?/?>\s*<a href="\.\./stories/([^"/]+)/#(p\.\d+)"', html)
    story = (site / "stories" / executive_order.group(1) / "index.html").read_text()
    assert re.search(rf'<p><a id="{re.escape(executive_order.group(2))}"></a>On May 15, 2019', story)


def test_event_text_is_escaped_on_the_timeline_page():
    hostile = Article(
        source="sources/x.md",
        title="<img src=x onerror=alert(1)>",
        slug="x",
        body=(Block("paragraph", "On May 15, 2019, <script>alert(1)</script> [x](javascript:alert(1)) happened."),),
    )
    hostile = replace(hostile, events=events.events(hostile))
    html = markdown.markdown(timeline.timeline_pages(timeline.placed([hostile]))[0].markdown.split("---", 2)[2])
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_long_timeline_splits_into_a_page_per_year(seeds, monkeypatch):
    monkeypatch.setattr(timeline, "PAGE_LIMIT", 5)
    items = timeline.placed(seeds)
    pages = timeline.timeline_pages(items)
    index, years = pages[0], pages[1:]
    assert index.path == "timeline.md"
    assert [p.path for p in years] == sorted(f"timeline/{y}.md" for y in {i.event.date[:4] for i in items})
    assert "[2019](timeline/2019.md)" in index.markdown
    for item in items:
        holding = [p.path for p in years if item.markdown in p.markdown]
        assert f"timeline/{item.event.date[:4]}.md" in holding
    assert "(../stories/" in next(p for p in years if p.path == "timeline/2019.md").markdown


def test_one_story_adds_at_most_a_hundred_events_the_first_in_reading_order():
    sentences = " ".join(f"On March {day % 28 + 1}, 20{day % 20:02d}, the board met again." for day in range(150))
    story = Article(source="sources/dates.md", title="A table of dates", body=(Block("paragraph", sentences),))
    found = events.events(story)
    assert len(found) == events.MAX_EVENTS_PER_STORY == 100
    assert found[0].text.startswith("On March 1, 2000") and found[-1].text.startswith("On March 16, 2019")
