"""Headline and authors of plain-text scrapes: the general rules, on small synthetic pages and real ones."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from briefing.cleaning import boilerplate, lines
from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.sources.read import read
from tests.conftest import CLEANING_BENCH

ROOT = Path(__file__).resolve().parents[2]
BENCH = CLEANING_BENCH or ROOT / "missing"
HEADLINE = "Harbour extension approved after ten-year fight"
PARAGRAPHS = [
    "The council voted on Tuesday to extend the harbour, a project that has divided the town for a decade.",
    "Supporters say the new quay will bring ferries back, while fishermen fear the works will scare the fish away for years.",
    "The mayor said the vote closed a long chapter and promised that every objection would be answered in writing.",
    "Work is due to begin in the spring, once the last permits have been signed by the regional government.",
]


def article(*lines_: str):
    text = "\n".join(lines_) + "\n"
    return extract(clean(read("sources/x.txt", text.encode("utf-8"))))


# -- headline


def test_a_paywall_box_inside_the_text_does_not_cut_the_headline_off_the_body():
    paywall = [
        "THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY",
        "Subscribe now to read the latest news in your city and across the country.",
        "Create an account or sign in to continue with your reading experience.",
        "Access articles from across the country with one account.",
        "Enjoy additional articles per month.",
        "Get email updates from your favourite authors.",
    ] * 3
    result = article("Home", "News", HEADLINE, "By Jane Roe", "Published May 25, 2024", PARAGRAPHS[0], *paywall, *PARAGRAPHS[1:])
    assert result.title == HEADLINE
    assert result.authors == ("Jane Roe",)
    assert [b.text for b in result.body] == PARAGRAPHS


def test_the_headline_is_the_line_its_byline_follows_not_a_menu_item_above():
    result = article(
        "How To Help",
        "Support the Gazette With a Donation",
        "Gazette Store",
        "New Twist in the Harbour Case: Council Agrees to Hear the Fishermen",
        "by Jane Roe Apr. 28, 2023 1:15 pm",
        *PARAGRAPHS,
        "Support the Gazette With a Donation",
    )
    assert result.title == "New Twist in the Harbour Case: Council Agrees to Hear the Fishermen"
    assert result.authors == ("Jane Roe",)


def test_a_headline_printed_four_times_is_no_template_label():
    result = article(
        HEADLINE, "Politics", "Sport", "Log in", "Culture", "Travel", "Weather",
        "New to the Gazette? Subscribe", "Print subscriber? Activate your online access",
        HEADLINE, HEADLINE, "The town has argued about its quay for ten years; now it will be built.",
        "By Jane Roe", *PARAGRAPHS, "More stories", HEADLINE,
    )
    assert result.title == HEADLINE


def test_a_label_printed_every_few_lines_is_no_headline():
    names = ("Ada Lovelace", "Grace Hopper", "Mary Somerville")
    profiles = []
    for name in names:
        profiles += [name, "View author publications", "Search author on: Library Catalogue Index"]
    result = article("News feature", HEADLINE, "03 November 2025", "By", *names, "Show authors", *profiles, *PARAGRAPHS)
    assert result.title == HEADLINE
    assert result.authors == names


def test_a_teaser_list_printed_in_header_and_footer_gives_no_headline():
    teasers = [
        "Transport", "Ferry Operators Line Up to Serve the Town's New Quay", "Ben Wilson", "April 28, 2023",
        "Fishing", "Fishermen Ask the Court to Stop the Works Before Spawning", "Ann Kerr", "April 27, 2023",
    ]
    result = article(
        "Related posts", *teasers, "Council",
        "Harbour Extension Wins Final Vote after a Ten-Year Fight",
        "Opponents say they will take the council to court",
        "Jane Roe", "April 28, 2023", *PARAGRAPHS, "Related posts", *teasers,
    )
    assert result.title == "Harbour Extension Wins Final Vote after a Ten-Year Fight"


def test_a_headline_is_judged_by_a_shorter_variant_printed_elsewhere():
    result = article(
        "Latest stories", "Harbour extension approved, critics warn it won't be easy", "Culture news",
        *["Menu item %d" % n for n in range(12)],
        "Newsletters Events Podcasts Videos Archive",
        "Find Us",
        "News World Harbour",
        "Harbour extension approved for ferries, critics warn it won't be cheap or easy",
        "By Jane Roe",
        *PARAGRAPHS,
        "Newsletters Events Podcasts Videos Archive",
    )
    assert result.title == "Harbour extension approved for ferries, critics warn it won't be cheap or easy"


def test_a_photo_gallery_between_headline_and_text_does_not_push_the_headline_away():
    gallery = []
    for n in range(1, 13):
        gallery += [f"{n} of 12 |", f"A ferry crew waits at the quay in the rain, Friday, Aug. {n}, 2024. (AP Photo/Jean Dupont)", "Read More"]
    share = ["Share", "Copy", "Link copied", "Email", "Facebook", "X", "Reddit", "LinkedIn", "Pinterest", "Flipboard", "Print"]
    result = article("Politics", HEADLINE, HEADLINE, *gallery, "By JANE ROE and JOHN DOE", *share, *PARAGRAPHS)
    assert result.title == HEADLINE
    assert result.authors == ("JANE ROE", "JOHN DOE")


def test_a_site_suffix_leaves_the_headline_when_the_page_prints_the_headline_alone():
    result = article(
        "Most read", HEADLINE, "Politics",
        *["Menu item %d" % n for n in range(8)],
        HEADLINE + " | The Gazette", "By Jane Roe", *PARAGRAPHS,
    )
    assert result.title == HEADLINE


def test_a_dash_inside_a_headline_is_no_site_suffix():
    headline = "Harbour extension approved - then the fishermen went to court"
    result = article("Politics", headline, "By Jane Roe", *PARAGRAPHS, "Harbour extension approved")
    assert result.title == headline


@pytest.mark.parametrize(
    ("title", "h1", "expected"),
    [
        (HEADLINE + " | The Gazette", HEADLINE, HEADLINE),
        (HEADLINE + " - Politics | Gazette.example", HEADLINE, HEADLINE),
        ("Harbour approved - then the fishermen went to court", "Harbour approved - then the fishermen went to court", "Harbour approved - then the fishermen went to court"),
    ],
)
def test_html_page_title_loses_its_site_suffix_only_down_to_a_printed_h1(title, h1, expected):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f"<html><head><title>{title}</title></head><body><article><h1>{h1}</h1>{body}</article></body></html>"
    result = extract(clean(read("sources/page.html", page.encode("utf-8"))))
    assert result.title == expected


def test_the_title_of_a_video_under_its_player_is_no_headline():
    headline = "Harbour LIVE: protesters gather as council votes on the quay"
    result = article(
        "Royals", "Live", headline,
        "Protesters have gathered outside the town hall this evening as the council meets.",
        "Video Loading", "Video Unavailable", "Play now",
        "Watch in full: Police statement after the harbour protest",
        "By", "Jane Roe", "Updated 20:49, 5 Aug 2024", *PARAGRAPHS,
    )
    assert result.title == headline


@pytest.mark.parametrize(
    "line",
    [
        "Stay in touch ExampleNews @ExampleNews @example.co.uk",
        "Mayor says the town 'must not let the harbour rot'17:24",
        "Please refresh the page or navigate to another page on the site to be automatically logged in",
    ],
)
def test_lines_that_are_never_the_headline(line):
    result = article("News", line, HEADLINE, "By Jane Roe", *PARAGRAPHS)
    assert result.title == HEADLINE


def test_login_notices_are_furniture():
    assert boilerplate.strong_reason("Please refresh your browser to be logged in") == boilerplate.SUBSCRIBE


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        ("Prime Minister Dodges Criticism in Debate; Takes Cautious Stance on Revising Japan-U.S. Pact", False),
        ("Tanner Fischer leads a rally of workers in Des Moines, Iowa. (Courtesy of Tanner Fischer)", True),
        ("Rep. Jane Roe talks with Rep. John Doe at the Statehouse, Thursday, April 27, 2023. (AP Photo/Ann Lee) more >", True),
    ],
)
def test_captions_end_in_a_credit_not_in_an_abbreviation(text, caption):
    assert lines.is_caption(text) is caption


# -- authors


def test_several_authors_one_a_line_after_a_lone_by():
    result = article(HEADLINE, "By", "Ada Lovelace0,", "Charles Babbage,", "Grace Hopper &", "…", "Mary Somerville", "03 November 2025", *PARAGRAPHS)
    assert result.authors == ("Ada Lovelace", "Charles Babbage", "Grace Hopper", "Mary Somerville")
    assert result.date == "2025-11-03"


def test_authors_glued_to_their_role_after_a_lone_by():
    result = article(HEADLINE, "By", "Lucy RowanNews Reporter", "Tim HardenNews Reporter", "Updated20:49, 5 Aug 2024", *PARAGRAPHS)
    assert result.authors == ("Lucy Rowan", "Tim Harden")


def test_a_name_over_a_role_line_is_the_author():
    result = article(HEADLINE, "Share current article via Email", "Jane Roe", "Journalist", *PARAGRAPHS)
    assert result.authors == ("Jane Roe",)
    assert article(HEADLINE, "Harbour Board", "Sport", *PARAGRAPHS).authors == ()


@pytest.mark.parametrize(
    ("text", "role"),
    [("Journalist", True), ("Senior Political Correspondent", True), ("News", False), ("Sport", False), ("Gear Team", False)],
)
def test_a_role_line_names_a_job(text, role):
    assert lines.is_role(text) is role


def test_people_named_in_the_header_come_before_a_byline_naming_the_outlet():
    result = article(HEADLINE, "by Harbour TimesNovember 21, 2025", "Share0", "Ann Lee/Bo Chan", *PARAGRAPHS)
    assert result.authors == ("Ann Lee", "Bo Chan")
    assert article(HEADLINE, "By Harbour Times", *PARAGRAPHS).authors == ("Harbour Times",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ann Lee/Bo Chan", ("Ann Lee", "Bo Chan")),
        ("Ann Lee and Bo Chan", ("Ann Lee", "Bo Chan")),
        ("John Smith/Associated Press", ()),
        ("Jane Doe/Getty Images", ()),
        ("Ann Lee", ()),
    ],
)
def test_a_line_of_several_names(text, names):
    assert lines.name_list(text) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amy Gibbons Political Correspondent", ("Amy Gibbons", True)),
        ("Lucy ThorntonNews Reporter", ("Lucy Thornton", True)),
        ("Jen MillsPublished Jul 17, 2024, 11:21am", ("Jen Mills", True)),
        ("Naveen Athrappully", ("Naveen Athrappully", False)),
        ("Mountain Hardwear Bishop Pass 15", ("Mountain Hardwear Bishop Pass", False)),
    ],
)
def test_a_name_has_a_role_only_when_the_rest_reads_as_one(text, expected):
    assert lines.author_line(text) == expected


def test_a_product_name_with_a_price_below_is_no_author():
    result = article(HEADLINE, "The Best Sleeping Bag for Backpackers", "Mountain Hardwear Bishop Pass 15", "$285 at Example Store", *PARAGRAPHS)
    assert result.authors == ()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Written by Ada Lovelace", ("Ada Lovelace",)),
        ("Funeral, National, News | Published: 5 hours ago | Last Updated: 5 hours ago | Written by Ada Lovelace", ("Ada Lovelace",)),
        ("News | Politics | Europe", ()),
    ],
)
def test_written_by_bylines_also_as_one_part_of_a_metadata_line(text, names):
    assert lines.byline_names(text) == names


# -- real pages

TITLE_PAGES = [
    "fundus-ca-ottawacitizen-v1",  # paywall box between the first paragraph and the rest
    "fundus-ca-theprovince-v1",  # same
    "fundus-jp-thejapannews-v1",  # "Japan-U.S. Pact" is no photo credit
    "fundus-us-thenation-v1",  # a "(Courtesy of ...)" caption; headline printed four times
    "fundus-uk-techradar-v1",  # a 28-word headline over its byline
    "fundus-us-thegatewaypundit-v1",  # the byline's headline, not the menu item above it
    "fundus-us-freebeacon-v1",  # a teaser list printed in header and footer
]
AUTHOR_PAGES = [
    "fundus-ca-ottawacitizen-v1",  # "Author of the article:" then "By A", above a paywall box
    "fundus-ca-theprovince-v1",  # "Author of the article:" then a name
    "fundus-uk-nature-v1",  # five authors one a line after "By"
    "fundus-uk-themirror-v1_1",  # four authors after "By", two glued to their role
    "fundus-za-timeslive-v1_1",  # a name over "Journalist"
    "fundus-na-thenamibian-v1_1",  # "... | Written by A" at the end of a metadata line
    "fundus-ls-lesothotimes-v1_1",  # "A/B" over the text, after a byline naming the outlet
]


def tokens(text: str) -> list[str]:
    return [t.lower() for t in re.findall(r"\w+", text)]


def bench_page(page_id: str):
    truth = json.loads((BENCH / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    return truth, extract(clean(read(f"{page_id}.txt", (BENCH / "text" / f"{page_id}.txt").read_bytes())))


@pytest.mark.benchmark  # not collected where the shared benchmark is absent: see tests/conftest.py
@pytest.mark.parametrize("page_id", TITLE_PAGES)
def test_benchmark_pages_get_their_headline(page_id):
    truth, result = bench_page(page_id)
    assert tokens(result.title) == tokens(truth["title"])


@pytest.mark.benchmark  # not collected where the shared benchmark is absent: see tests/conftest.py
@pytest.mark.parametrize("page_id", AUTHOR_PAGES)
def test_benchmark_pages_get_all_their_authors(page_id):
    truth, result = bench_page(page_id)
    ours = " ".join(tokens(" ".join(result.authors)))
    assert [a for a in truth["authors"] if " ".join(tokens(a)) not in ours] == []


@pytest.mark.benchmark  # not collected where the shared benchmark is absent: see tests/conftest.py
@pytest.mark.parametrize("page_id", ["fundus-za-thecitizen-v1", "fundus-ls-lesothotimes-v1_1", "fundus-ca-globalnews-v1"])
def test_benchmark_html_pages_lose_the_site_suffix_of_their_title(page_id):
    truth = json.loads((BENCH / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    html = gzip.decompress((BENCH / "html" / f"{page_id}.html.gz").read_bytes())
    result = extract(clean(read(f"{page_id}.html", html)))
    assert tokens(result.title) == tokens(truth["title"])


@pytest.mark.benchmark  # not collected where the shared benchmark is absent: see tests/conftest.py
def test_a_benchmark_page_whose_reference_title_is_not_printed_gets_the_printed_headline():
    page_id = "fundus-us-apnews-v1_1"
    result = extract(clean(read(f"{page_id}.txt", (BENCH / "text" / f"{page_id}.txt").read_bytes())))
    assert result.title == "The presidential campaigns brace for an intense sprint to Election Day"
    assert result.authors == ("STEVE PEOPLES", "THOMAS BEAUMONT", "AMELIA THOMSON-DEVEAUX")
