"""The cleaner's general rules on small synthetic and hostile inputs."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from briefing.cleaning import boilerplate, lines
from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.commands.cli import cleaned_markdown
from briefing.model import Source
from briefing.sources.read import read
from tests.conftest import CLEANING_BENCH

ROOT = Path(__file__).resolve().parents[2]
BENCH = CLEANING_BENCH or ROOT / "missing"
PARAGRAPHS = [
    "The council voted on Tuesday to extend the harbour, a project that has divided the town for a decade.",
    "Supporters say the new quay will bring ferries back, while fishermen fear the works will scare the fish away for years.",
    "The mayor said the vote closed a long chapter and promised that every objection would be answered in writing.",
    "Work is due to begin in the spring, once the last permits have been signed by the regional government.",
]


def text_source(text: str, path: str = "sources/x.txt") -> Source:
    return read(path, text.encode("utf-8"))


def cleaned(text: str):
    return clean(text_source(text))


def page(*middle: str, before=(), after=()) -> str:
    return "\n".join([*before, *middle, *PARAGRAPHS, *after]) + "\n"


def test_menu_and_footer_far_from_the_body_are_removed_with_reasons():
    result = cleaned(page("Harbour extension approved after ten-year fight",
                          before=["Home", "News", "Sport", "Sign in", "Subscribe"],
                          after=["Most popular", "Privacy policy", "© 2024 All rights reserved"]))
    assert result.title == "Harbour extension approved after ten-year fight"
    assert [b.text for b in result.blocks] == PARAGRAPHS
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["Subscribe"] == boilerplate.SUBSCRIBE
    assert reasons["Most popular"] == boilerplate.RELATED
    assert reasons["© 2024 All rights reserved"] == boilerplate.LEGAL


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article", boilerplate.SHARE),
        ("Teilen", boilerplate.SHARE),
        ("Partager sur Facebook", boilerplate.SHARE),
        ("Abonnez-vous à notre newsletter", boilerplate.SUBSCRIBE),
        ("Suscríbete", boilerplate.SUBSCRIBE),
        ("Kommentare", boilerplate.COMMENTS),
        ("Lesen Sie auch", boilerplate.RELATED),
        ("Leggi anche", boilerplate.RELATED),
        ("Werbung", boilerplate.ADVERT),
        ("Load More", boilerplate.COMMENTS),
        ("Increase font size", boilerplate.SETTINGS),
    ],
)
def test_furniture_vocabulary_in_several_languages(line, reason):
    assert boilerplate.furniture_reason(line) == reason


def test_a_sentence_that_mentions_sharing_is_not_furniture():
    sentence = "Shareholders were told to share the cost of the new plant with the city."
    assert boilerplate.furniture_reason(sentence) == ""


@pytest.mark.parametrize(
    "caption",
    [
        "A fisherman mends nets on the quay in Brest on May 2, 2019. AFP-Yonhap",
        "Crowds gather outside the town hall on Tuesday. John Smith/Reuters",
        "The mayor at the vote (Photo: City Council)",
        "Jane Roe, head of the port authority",
        "The minister testifies before the committee on Oct. 15, 2018.",
    ],
)
def test_captions_are_recognised_by_shape(caption):
    assert lines.is_caption(caption)


def test_doubled_caption_inside_the_body_goes_with_its_twin():
    caption = "A ferry waits at the old quay in the rain on March 3, 2024. Jean Dupont/AFP"
    text = "\n".join(["Harbour extension approved", PARAGRAPHS[0], caption, caption, *PARAGRAPHS[1:]])
    result = cleaned(text)
    assert [r.reason for r in result.removed if r.text == caption] == ["photo caption", "photo caption"]
    assert caption not in [b.text for b in result.blocks]


def test_byline_names_are_split_and_stop_at_dates_and_outlets():
    assert lines.byline_names("By Ada Lovelace and Charles Babbage") == ("Ada Lovelace", "Charles Babbage")
    assert lines.byline_names("By Jane Roe For Example.com") == ("Jane Roe",)
    assert lines.byline_names("by John Doe Apr. 28, 2023 1:15 pm") == ("John Doe",)
    assert lines.byline_names("Von Anna Schmidt und Peter Müller") == ("Anna Schmidt", "Peter Müller")
    assert lines.byline_names("By the way, this is a sentence") == ()


def test_author_line_under_the_headline_next_to_a_date():
    text = page("Harbour extension approved after ten-year fight", "Maria Garcia", "March 3, 2024")
    result = extract(cleaned(text))
    assert result.authors == ("Maria Garcia",)
    assert result.date == "2024-03-03"
    assert "Maria Garcia" not in [b.text for b in result.body]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published: 15:56 BST, 27 April 2024", "2024-04-27"),
        ("April 25, 2023 2:26 PM GMT+2", "2023-04-25"),
        ("2024-02-14T16:15:30Z", "2024-02-14"),
        ("Published on 30/04/2024 - 16:38", "2024-04-30"),
        ("Mis à jour le 3 mars 2024", "2024-03-03"),
        ("5 hours ago", ""),
        ("31 February 2024", ""),
    ],
)
def test_dates_are_normalised_and_never_invented(text, iso):
    assert lines.find_date(text) == iso


def test_a_heading_between_paragraphs_becomes_a_heading_block():
    text = "\n".join(["Harbour extension approved", *PARAGRAPHS[:2], "What happens next", *PARAGRAPHS[2:]])
    blocks = cleaned(text).blocks
    assert ("heading", "What happens next") in [(b.kind, b.text) for b in blocks]


def test_comment_thread_after_blank_separated_paragraphs_is_removed():
    comments = [
        "Great article, thanks for writing about this.",
        "Pat Jones",
        "I disagree with the author, the harbour was fine as it was and nobody asked for ferries.",
        "Load More",
    ]
    text = "Harbour extension approved\n\n" + "\n\n".join(PARAGRAPHS * 2) + "\n\n" + "\n".join(comments) + "\n"
    result = cleaned(text)
    assert [b.text for b in result.blocks][-1] == PARAGRAPHS[-1]
    assert {r.reason for r in result.removed if r.text in comments} == {boilerplate.COMMENTS}


def test_author_bio_at_the_end_names_the_publisher():
    text = page("Harbour extension approved", after=[
        "Maria Garcia",
        "Maria Garcia is a senior reporter at The Harbour Gazette. She covers the coast.",
    ])
    result = cleaned(text)
    assert result.authors == ("Maria Garcia",)
    assert result.publisher == "The Harbour Gazette"
    assert {r.reason for r in result.removed if "Garcia" in r.text} == {"author bio"}


@pytest.mark.parametrize(
    "text",
    [
        "x",
        "\n\n\n",
        "By",
        "By \n",
        "1. \n2.",
        "• \n• \n",
        "© © ©",
        "Share\nShare\nShare",
        "a" * 5000,
        "\u200b\u202e\ufeff",
        "<script>alert(1)</script>\n" * 3,
        "Published:\n0:00\nUpdated:",
        "Title\n" + "word " * 2000,
        "# heading\n> quote\n- item\n1) one",
    ],
)
def test_clean_is_total_on_hostile_text(text):
    source = Source(path="sources/h.txt", kind="text", text=text)
    result = clean(source)
    assert all(block.text.strip() for block in result.blocks)
    for kind in ("markdown", "html"):
        clean(Source(path="sources/h.md", kind=kind, text=text))


def test_markdown_front_matter_wins_and_clean_true_keeps_the_body_as_written():
    text = "---\ntitle: Given title\nauthors: [Ada Lovelace]\nclean: true\n---\n# Other\n\nShare\n\nBody text here.\n"
    result = extract(clean(read("sources/a.md", text.encode())))
    assert result.title == "Given title"
    assert result.authors == ("Ada Lovelace",)
    assert [b.text for b in result.body] == ["Share", "Body text here."]
    assert result.removed == ()


def test_pasted_markdown_loses_plain_furniture_with_reasons():
    text = "# A headline\n\nShare this article\n\nBody text here, a real sentence.\n\nBody text here, a real sentence.\n"
    result = clean(read("sources/a.md", text.encode()))
    assert result.title == "A headline"
    assert [b.text for b in result.blocks] == ["Body text here, a real sentence."]
    assert [r.reason for r in result.removed] == [boilerplate.SHARE, "repeated line"]


@pytest.mark.parametrize("name", ["000_669a26e6db527cb5.txt", "003_042afaa683db9575.txt", "004_2f157ccb647d0ed9.txt"])
def test_cleaning_a_cleaned_article_changes_nothing(name):
    seed = ROOT / "sources" / name
    once = cleaned_markdown(f"sources/{name}", seed.read_bytes())
    again = cleaned_markdown("sources/again.md", once.encode("utf-8"))
    assert again == once


def test_html_page_goes_through_trafilatura_and_our_rules():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html><head><title>Harbour extension approved</title>"
        '<meta name="author" content="Maria Garcia"><meta property="article:published_time" content="2024-03-03">'
        "</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav><article>"
        f"<h1>Harbour extension approved</h1>{body}</article><footer>© 2024</footer></body></html>"
    )
    result = extract(clean(read("sources/page.html", html.encode())))
    assert result.title == "Harbour extension approved"
    assert result.authors == ("Maria Garcia",)
    assert result.date == "2024-03-03"
    assert [b.text for b in result.body] == PARAGRAPHS


@pytest.mark.benchmark  # not collected where the shared benchmark is absent: see tests/conftest.py
def test_a_benchmark_page_keeps_its_text_and_loses_its_furniture():
    page_id = "fundus-us-reuters-v1"
    raw = (BENCH / "text" / f"{page_id}.txt").read_bytes()
    result = extract(clean(read(f"{page_id}.txt", raw)))
    body = " ".join(b.text for b in result.body)
    assert result.title == "Nepal says 'no proof' flydubai plane suffered bird strike"
    assert result.authors == ("Gopal Sharma",)
    assert result.date == "2023-04-25"
    assert body.startswith("KATHMANDU, April 25 (Reuters)")
    assert "cookies" not in body and "Advertisement" not in body


@pytest.mark.benchmark  # not collected where the shared benchmark is absent: see tests/conftest.py
def test_a_benchmark_html_page_through_the_html_path():
    page_id = "fundus-uk-bbc-v2"
    html = gzip.decompress((BENCH / "html" / f"{page_id}.html.gz").read_bytes())
    result = extract(clean(read(f"{page_id}.html", html)))
    assert result.title == "What is Nato and which countries are in it?"
    assert result.authors == ("Duncan Walker",)
    assert "What is Nato?" in [b.text for b in result.body if b.kind == "heading"]
