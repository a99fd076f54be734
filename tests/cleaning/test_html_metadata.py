"""The metadata of saved HTML pages: weighed among what the page says about itself, never first match.

The fixture pages (tests/fixtures/metadata/, see its README) each imitate one
way a page misleads: the site's name in <title>, a slogan as description, a
masthead in another script, a date only in JSON-LD.
"""

from __future__ import annotations

import pytest

from briefing.cleaning import metadata as md
from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.cleaning.page import PageMeta, read_page
from briefing.sources.read import read
from tests.conftest import FIXTURES

PAGES = FIXTURES / "metadata"
PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "The council voted on Tuesday to extend the harbour, a project that has divided the town for a decade.",
        "Supporters say the new quay will bring ferries back, while fishermen fear the works will scare the fish away.",
        "The mayor said the vote closed a long chapter and promised that every objection would be answered in writing.",
    )
)


def article_of(name: str):
    return extract(clean(read(f"sources/{name}", (PAGES / name).read_bytes())))


def page(head: str, body: str = PARAGRAPHS):
    return extract(clean(read("sources/page.html", f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode())))


def test_the_site_name_leaves_the_page_title_and_og_title_is_the_headline():
    result = article_of("site_name_in_title.html")
    assert result.title == "Harbour extension approved after ten-year fight"
    assert result.publisher == "The Northbay Courier"
    assert result.authors == ("Jane Roe",)


def test_a_site_slogan_in_og_description_is_no_subtitle():
    result = article_of("slogan_description.html")
    assert result.subtitle == ""
    assert result.title == "Orchard growers count the cost of a late frost"


def test_a_description_that_is_the_printed_dek_becomes_the_subtitle_and_leaves_the_body():
    result = article_of("dek_description.html")
    assert result.subtitle == "Half the blossom in the valley was lost in two cold nights, and smaller farms fear for the harvest."
    assert [b.text for b in result.body if "Half the blossom" in b.text] == []
    assert result.body[0].text.startswith("Apple and pear growers across the valley")
    assert any(r.reason == "dek, shown as the subtitle" for r in result.removed)


def test_og_site_name_wins_over_a_masthead_and_a_publisher_in_another_script():
    result = article_of("site_name_other_script.html")
    assert result.publisher == "Северная звезда"
    assert result.title == "Мост через реку откроют осенью"


def test_a_date_only_in_json_ld_authors_by_reference_and_the_address_from_og_url():
    result = article_of("jsonld_date_only.html")
    assert result.date == "2023-11-07"  # datePublished, not dateModified
    assert result.authors == ("Ann Kerr", "Ben Wilson")
    assert result.url == "https://ledger.example/local/library-reopens"


def test_the_html_route_of_an_unseen_publisher_gets_headline_dek_date_and_publisher():
    result = article_of("unseen_publisher.html")
    assert result.title == "Ferry crews walk out over new rosters"
    assert result.subtitle.startswith("Crews say the rosters leave them too tired to sail safely")
    assert result.date == "2017-01-18"
    assert result.publisher == "Coastline Post"
    assert result.authors == ("Maria Lindqvist",)
    assert not any("Up Next" in b.text or "Council weighs a second bridge" in b.text for b in result.body)


def test_a_front_matter_field_still_wins_over_the_page():
    source = read("sources/page.md", b"---\ntitle: Corrected\n---\n\nText.\n")
    assert extract(clean(source)).title == "Corrected"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # <title> alone: the site's name goes, by og:site_name or by the structure of the candidates
        ('<title>Harbour vote passes | Courier</title><meta property="og:site_name" content="Courier">', "Harbour vote passes"),
        ("<title>Courier - Harbour vote passes</title><meta property=\"og:site_name\" content=\"Courier\">", "Harbour vote passes"),
        ('<title>Harbour vote passes · Courier</title><meta name="twitter:title" content="Harbour vote passes">', "Harbour vote passes"),
        # a dash inside a headline is no separator when nothing names a site
        ("<title>Harbour vote passes - then the fishermen sue</title>", "Harbour vote passes - then the fishermen sue"),
    ],
)
def test_the_title_loses_the_site_name_only(head, expected):
    assert page(head).title == expected


def test_a_printed_h1_agreeing_with_json_ld_outweighs_a_social_title():
    head = (
        '<title>Council approves the harbour plan | Courier</title><meta property="og:title" content="You will not believe what the council did">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves the harbour plan"}</script>'
    )
    assert page(head, "<h1>Council approves the harbour plan</h1>" + PARAGRAPHS).title == "Council approves the harbour plan"


def test_an_h1_that_names_the_site_or_the_next_story_is_no_headline():
    head = '<title>Harbour extension approved after a ten-year fight - Courier</title><meta property="og:site_name" content="Courier">'
    body = "<h1>Courier</h1><h1>Up Next: Bridge tolls to rise in spring</h1><h1>Harbour extension approved after a ten-year fight</h1>" + PARAGRAPHS
    assert page(head, body).title == "Harbour extension approved after a ten-year fight"


def test_a_section_label_in_the_first_h1_counts_less_than_a_title_about_the_text():
    body = "<h1>Local services directory</h1>" + PARAGRAPHS
    assert page("<title>Harbour extension divides the town</title>", body).title == "Harbour extension divides the town"


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Harbour vote | Politics | The Courier", ["The Courier"], "Harbour vote"),
        ("Harbour vote — The Courier", ["the courier"], "Harbour vote"),
        ("The Courier: Harbour vote", ["The Courier"], "Harbour vote"),
        ("Harbour vote | The Courier", [], "Harbour vote | The Courier"),
        ("Harbour vote on the Courier Road", ["Courier Road"], "Harbour vote on the Courier Road"),
    ],
)
def test_without_site(title, names, expected):
    assert md.without_site(title, names) == expected


@pytest.mark.parametrize(
    ("values", "names"),
    [
        (["By Jane Roe and John Doe"], ("Jane Roe", "John Doe")),
        (["Jane Roe (https://example.org/jane)"], ("Jane Roe",)),
        (["jane.roe@example.org", "jane-roe", "(Image: Agency)"], ()),
        (["Jane Roe und John Doe, dpa"], ("Jane Roe", "John Doe", "dpa")),
        (["Elena Doe (edo)"], ("Elena Doe",)),
        (["JANE ROE March"], ("JANE ROE",)),
        (["Jane Roe Political Correspondent"], ("Jane Roe",)),
        (["Guardian staff reporter"], ("Guardian staff reporter",)),
        (["Autor: Jane Roe"], ("Jane Roe",)),
    ],
)
def test_author_names_are_cleaned_of_what_bylines_glue_on(values, names):
    meta = PageMeta(authors=tuple(("meta", v) for v in values))
    assert md.choose_authors(meta, "The Courier")[0] == names


def test_authors_naming_only_the_site_give_way_to_a_byline_in_the_text():
    head = '<meta name="author" content="The Courier"><meta property="og:site_name" content="The Courier">'
    assert page(head, "<h1>Harbour vote passes</h1><p>By Jane Roe</p>" + PARAGRAPHS).authors == ("Jane Roe",)
    assert page(head, "<h1>Harbour vote passes</h1>" + PARAGRAPHS).authors == ("The Courier",)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ((("jsonld", "2024-05-03T15:47:42+02:00"), ("time", "2020-01-01")), "2024-05-03"),
        ((("meta", "1750680000000"),), "2025-06-23"),  # milliseconds since 1970
        ((("time", "2022-02-02T10:00"),), "2022-02-02"),
        ((("jsonld", "not a date"), ("meta", "2021-03-04")), "2021-03-04"),
    ],
)
def test_the_date_comes_from_the_page_before_any_guess(published, expected):
    assert md.choose_date(PageMeta(published=published), guess="") == expected


def test_a_guess_comes_before_a_time_element():
    assert md.choose_date(PageMeta(published=(("time", "2020-01-01"),)), guess="2024-06-01") == "2024-06-01"


@pytest.mark.parametrize(
    ("site_names", "expected"),
    [
        ((("og", "nationalcourier"), ("jsonld", "National Courier")), "National Courier"),  # the same name, spelt out
        ((("og", "Courier"), ("jsonld", "Courier Media Holdings")), "Courier"),
        ((("og", "https://courier.example"), ("application", "COURIER")), "COURIER"),
        ((), ""),
    ],
)
def test_the_publisher_is_the_page_s_own_name(site_names, expected):
    assert md.choose_publisher(PageMeta(site_names=site_names)) == expected


def test_json_ld_that_is_broken_huge_or_strange_is_skipped():
    scripts = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<script type="application/ld+json">[1, "x", null, {"@graph": {"@type": "NewsArticle", "headline": ["Harbour vote passes"]}}]</script>'
    )
    result = page(scripts)
    assert result.title == "Harbour vote passes"


def test_a_page_without_markup_metadata_still_gets_a_title():
    from trafilatura.utils import load_html

    assert read_page(None) == PageMeta()
    assert read_page(load_html("<html><body><p>x</p></body></html>")).titles == ()
