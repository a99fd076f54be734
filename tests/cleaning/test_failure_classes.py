"""Each failure class of issue 14, on a page written here in that shape (no benchmark text).

The pages imitate what a naive scraper saves from a news site: menus, a
headline, a dek, a byline, the story, then teasers, promos and a footer.
"""

from __future__ import annotations

from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.sources.read import read

STORY = [
    "The regional council approved on Monday a plan to rebuild the old river bridge, closed since a flood cracked two of its piers last winter.",
    "Engineers told the council that the new bridge would carry buses as well as cars, and that a path for bicycles would run along its northern side.",
    "Shop owners on both banks said the closure had cost them a third of their trade, as customers no longer crossed the river to reach them.",
    "The work is expected to take two years, and a temporary footbridge will open next month so that pupils can walk to the school on the far bank.",
    "Opponents argued that the money should go to flood defences first, warning that a new bridge would be no safer than the old one in a bad winter.",
]
MENU = ["Home", "News", "Politics", "Business", "Sport", "Subscribe", "Sign in"]
FOOTER = ["Most read", "Contact us", "Privacy policy", "© 2024 The Example Courier. All rights reserved."]


def article(*lines: str):
    source = read("sources/story.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    return extract(clean(source))


def body(result) -> list[str]:
    return [block.text for block in result.body]


def test_the_headline_printed_above_the_dek_is_the_title_and_the_dek_the_subtitle():
    result = article(
        *MENU,
        "Council backs new river bridge after a year of closure",
        "The vote ends months of argument over how to reconnect the two halves of the town and its schools",
        "By Ada Lindqvist",
        *STORY,
        *FOOTER,
    )
    assert result.title == "Council backs new river bridge after a year of closure"
    assert result.subtitle.startswith("The vote ends months of argument")
    assert body(result) == STORY


def test_an_up_next_teaser_for_another_article_is_not_the_title():
    result = article(
        *MENU,
        "Up Next",
        "Storm warning issued for the coast as winds pick up overnight",
        "Council backs new river bridge after a year of closure",
        "By Ada Lindqvist",
        "Published 14 March 2024",
        *STORY,
        *FOOTER,
    )
    assert result.title == "Council backs new river bridge after a year of closure"
    assert "Storm warning issued for the coast as winds pick up overnight" not in body(result)


def test_a_long_context_paragraph_that_mentions_a_date_stays_in_the_body():
    context = (
        "The bridge was built in 1911 and widened twice, most recently when the mayor of the time stands beside "
        "the engineers in the photographs of its reopening, a ceremony the town still remembers as the start of its "
        "boom years, on 4 May 1987."
    )
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     STORY[0], STORY[1], context, *STORY[2:], *FOOTER)
    assert context in body(result)


def test_a_byline_with_a_date_gives_the_author_and_the_date():
    result = article(
        *MENU,
        "Council backs new river bridge after a year of closure",
        "by Ada Lindqvist January 18, 2017 11:00 PM PST",
        *STORY,
        *FOOTER,
    )
    assert result.authors == ("Ada Lindqvist",)
    assert result.date == "2017-01-18"
    assert not any("Lindqvist" in text for text in body(result))


def test_a_video_block_title_and_caption_are_not_the_first_paragraph():
    result = article(
        *MENU,
        "Council backs new river bridge after a year of closure",
        "By Ada Lindqvist",
        "Video",
        "Play Video",
        "Watch: how the flood cracked the piers",
        "Footage filmed by a resident shows the water rising against the bridge last winter.",
        "02:14",
        *STORY,
        *FOOTER,
    )
    assert body(result)[0] == STORY[0]
    assert not any("Footage filmed" in text for text in body(result))


def test_a_caption_that_ends_in_a_photo_credit_in_parentheses_is_removed():
    caption = "Workers inspect the cracked pier of the old river bridge on Monday. (Photo: Lena Marsh / Example Agency)"
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     STORY[0], caption, *STORY[1:], *FOOTER)
    assert caption not in body(result)
    assert body(result) == STORY


def test_capitalised_links_to_other_stories_are_neither_text_nor_headings():
    links = ["FERRY SERVICE CUT AS FUEL COSTS RISE", "SCHOOL ROOF REPAIRS DELAYED AGAIN"]
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     STORY[0], STORY[1], links[0], STORY[2], links[1], *STORY[3:], *FOOTER)
    assert not any(text in links for text in body(result))
    assert all(block.kind == "paragraph" for block in result.body)


def test_the_authors_bio_after_the_story_is_removed():
    bio = "Ada Lindqvist is a politics reporter for The Example Courier, covering the regional council and its budget."
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     *STORY, bio, *FOOTER)
    assert body(result) == STORY
    assert result.authors == ("Ada Lindqvist",)


def test_a_promo_for_the_publishers_updates_is_removed():
    promo = "Get the latest updates from The Example Courier delivered to your phone every morning."
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     *STORY[:3], promo, *STORY[3:], *FOOTER)
    assert promo not in body(result)
    assert body(result) == STORY


def test_a_click_here_app_prompt_in_capitals_is_removed():
    prompt = "CLICK HERE TO GET THE EXAMPLE COURIER APP"
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     *STORY[:2], prompt, *STORY[2:], *FOOTER)
    assert body(result) == STORY


def test_teasers_of_other_articles_after_the_story_are_removed():
    teasers = [
        "HARBOUR: The ferry company said on Friday that it would cut its winter timetable by half because of the cost of fuel.",
        "SCHOOLS: Parents at the village primary school have started a petition to keep the library open on Saturdays.",
        "WEATHER: Forecasters expect the heaviest rain of the season to reach the valley by Thursday evening.",
    ]
    result = article(*MENU, "Council backs new river bridge after a year of closure", "By Ada Lindqvist",
                     *STORY, "More from the region", *teasers, *FOOTER)
    assert body(result) == STORY


def test_a_saved_page_loses_the_same_teasers_promos_and_bio_as_its_scrape():
    paragraphs = "".join(f"<p>{text}</p>" for text in STORY)
    teasers = "".join(
        f"<p>{kicker}: {text}</p>"
        for kicker, text in (
            ("HARBOUR", "The ferry company said on Friday that it would cut its winter timetable by half."),
            ("SCHOOLS", "Parents at the village primary school have started a petition to keep the library open."),
        )
    )
    page = (
        "<html><head><title>Council backs new river bridge | The Example Courier</title></head><body><article>"
        "<h1>Council backs new river bridge</h1>"
        f"{paragraphs}"
        "<p>CLICK HERE TO GET THE EXAMPLE COURIER APP</p>"
        f"{teasers}"
        "<p>Ada Lindqvist is a politics reporter for The Example Courier, covering the regional council.</p>"
        "</article></body></html>"
    )
    result = extract(clean(read("sources/story.html", page.encode("utf-8"))))
    texts = body(result)
    assert [t for t in texts if t in STORY] == STORY
    assert not any(t.startswith(("HARBOUR", "SCHOOLS", "CLICK HERE", "Ada Lindqvist")) for t in texts)
