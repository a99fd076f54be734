"""The cleaner on the five seed articles: headlines, deks, authors, structure, no boilerplate."""

from __future__ import annotations

import pytest

from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.sources.read import read
from tests.conftest import SOURCES

SEED = {
    "000": "000_669a26e6db527cb5.txt",
    "001": "001_dfa42c46ab83b6f5.txt",
    "002": "002_ac4b85bb27cce6b9.txt",
    "003": "003_042afaa683db9575.txt",
    "004": "004_2f157ccb647d0ed9.txt",
}

# Lines of the seeds that are page furniture, never article text.
BOILERPLATE = (
    "(Photo: State Department)",
    "Dado Ruvic/Reuters",
    "AFP-Yonhap",
    "Reuters-Yonhap",
    "AP-Yonhap",
    "share button",
    "font-size",
    "See Also",
    "Updated:",
    "0:00",
    "Top 10 Stories",
    "CLOSE",
    "go top LETTER",
    "Related Topics",
    "View 1 Image",
    "Load More",
    "Around the Network",
    "uses cookies",
    "is a contributing editor to MSSP Alert",
    "is a news reporter covering business",
    "award-winning journalist",
    "Alex Younger, head of MI6",
    "Alan Woodward testifies",
)


def article(seed: str):
    path = SOURCES / SEED[seed]
    return extract(clean(read(f"sources/{path.name}", path.read_bytes())))


def body_lines(seed: str) -> list[str]:
    return [block.text for block in article(seed).body]


def first_line(seed: str) -> str:
    return (SOURCES / SEED[seed]).read_text(encoding="utf-8").split("\n", 1)[0].strip()


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        ("000", None),
        ("001", "US Intensifies Pressure on Allies to Avoid Huawei, ZTE"),
        ("002", None),
        ("003", "Huawei stamps 'no-spy agreements' amid US pressure on allies over 5G fears"),
        ("004", "Huawei, the US ban, and links to Chinese spying explained"),
    ],
)
def test_each_seed_gets_its_exact_headline(seed, title):
    assert article(seed).title == (title or first_line(seed))


def test_headline_and_its_repeats_leave_the_body():
    for seed in SEED:
        story = article(seed)
        assert story.title not in body_lines(seed)
        assert any(r.reason == "headline" for r in story.removed)


def test_subtitles_appear_once_as_the_dek():
    assert article("001").subtitle == "Secretary of State Pompeo Tours Europe to Discuss Countering China, Russia"
    question = (
        "What evidence is there to prove Huawei is planting backdoor access into its equipment "
        "so data can be accessed by Chinese intelligence agencies?"
    )
    story = article("004")
    assert story.subtitle == question
    assert question not in body_lines("004")
    assert sum(r.reason == "repeated subtitle" for r in story.removed) == 3


def test_author_block_at_the_end_gives_author_and_publisher_and_loses_its_bio():
    story = article("000")
    assert story.authors == ("D. Howard Kass",)
    assert story.publisher == "MSSP Alert"
    assert not any("D. Howard Kass" in line for line in body_lines("000"))
    assert {r.reason for r in story.removed if "Kass" in r.text} == {"author bio"}


def test_author_line_under_the_headline_and_bio_at_the_end():
    story = article("002")
    assert story.authors == ("Naveen Athrappully",)
    assert story.publisher == "The Epoch Times"
    assert not any("Athrappully" in line for line in body_lines("002"))


def test_byline_with_two_names():
    story = article("003")
    assert story.authors == ("Owen Churchill", "Nectar Gan")
    assert not any(line.startswith("By ") for line in body_lines("003"))


def test_section_headings_become_heading_blocks():
    expected = {
        "000": ["Huawei Cloud Services: Data Security Concerns?", "Clean Network Concept"],
        "001": ["Five Eyes' Response", "Many Countries Undecided", "UK Demands Improvements",
                "'A Difficult Balance'", "'Trust But Verify' Has Limits"],
        "002": ["Alibaba Cloud Ties With Chinese Military"],
        "004": ["Long standing ties", "Is there any actual evidence of spying?",
                "Ban vs. better transparency", "So what happens now?"],
    }
    for seed, headings in expected.items():
        assert [b.text for b in article(seed).body if b.kind == "heading"] == headings


def test_the_five_questions_of_seed_000_are_a_numbered_list():
    numbered = [b.text for b in article("000").body if b.kind == "numbered"]
    assert len(numbered) == 5
    assert numbered[0].startswith("What actions is the Biden administration")
    assert numbered[4].startswith("Are there any additional resources")


@pytest.mark.parametrize("seed", sorted(SEED))
def test_no_boilerplate_left_in_the_body(seed):
    text = "\n".join(body_lines(seed))
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase


def test_the_reader_comment_thread_of_004_is_removed_whole():
    story = article("004")
    last = story.body[-1].text
    assert last.startswith("This recent escalation in the conflict")
    comments = [r for r in story.removed if r.reason == "reader comments"]
    assert len(comments) == 18
    assert comments[0].text.startswith("This article doesn't mention")
    assert comments[-1].text == "Load More"


def test_doubled_captions_are_removed_as_captions():
    captions = [r for r in article("003").removed if r.reason == "photo caption"]
    assert len(captions) == 10
    assert all(c.text.endswith("Yonhap") for c in captions)


def test_every_source_line_is_kept_or_reported():
    for seed, name in SEED.items():
        story = article(seed)
        text = (SOURCES / name).read_text(encoding="utf-8").split("\n")
        accounted = {r.line for r in story.removed} | {b.line for b in story.body}
        missing = [n for n, line in enumerate(text, 1) if line.strip() and n not in accounted]
        assert missing == [], (seed, missing)


def test_no_date_is_invented_for_seeds_that_show_none():
    for seed in SEED:
        assert article(seed).date == ""


def test_story_page_shows_a_collapsed_cleaning_report_grouped_by_reason():
    from dataclasses import replace

    from briefing.site.stories import story_page

    story = replace(article("004"), slug="huawei")
    markdown = story_page(story, (), {"huawei": story}).markdown
    report = markdown[markdown.index("??? note"):]
    assert report.startswith(f'??? note "Cleaning report: {len(story.removed)} lines removed"')
    assert "    **reader comments** (18)" in report
    assert report.index("reader comments") < report.index("repeated subtitle") < report.index("media player")
    assert "    - line 6: View 1 Image" in report
