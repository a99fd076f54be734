"""Unit tests of the foundation's small pieces: slugs, escaping, reading, ordering."""

from __future__ import annotations

import markdown
import pytest

from briefing.errors import SourceError
from briefing.markup import inline
from briefing.model import Article
from briefing.site.stories import render_blocks, sort_stories
from briefing.slugs import assign_slugs, slugify
from briefing.sources.read import read


def test_slugify_makes_ascii_words_joined_by_hyphens():
    assert slugify("Huawei, the US ban, and links to Chinese spying explained") == (
        "huawei-the-us-ban-and-links-to-chinese-spying-explained"
    )
    assert slugify("Zürich’s «Café» — 5G") == "zurichs-cafe-5g"
    assert slugify("???") == "story"


def test_slug_collisions_go_by_sorted_source_path():
    slugs, collisions = assign_slugs({"sources/b.txt": "Same title", "sources/a.txt": "Same Title!"})
    assert slugs == {"sources/a.txt": "same-title", "sources/b.txt": "same-title-2"}
    assert collisions == [("same-title", ["sources/a.txt", "sources/b.txt"])]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "!!! note",
        "??? note",
        "{: onclick=x }",
        "<!-- material/tags -->",
        "`code` *em* _em_ **b**",
        "&#106;avascript:",
    ],
)
def test_inline_text_renders_as_exactly_itself(text):
    html = markdown.markdown(inline(text), extensions=["admonition", "pymdownx.details", "toc"])
    assert html.startswith("<p>") and html.endswith("</p>")
    import html as htmllib

    assert htmllib.unescape(html[3:-4]) == text


def test_render_blocks_groups_list_items():
    from briefing.model import Block

    md = render_blocks((Block("paragraph", "Intro:"), Block("numbered", "One?"), Block("numbered", "Two?"), Block("heading", "Next")))
    assert md == "Intro:\n\n1. One?\n2. Two?\n\n## Next\n"


def test_read_splits_front_matter_and_counts_lines():
    source = read("sources/a.md", b"---\ntitle: T\n---\nBody line\n")
    assert source.front_matter == {"title": "T"}
    assert source.text == "Body line\n"
    assert source.body_line == 4


def test_read_reports_invalid_utf8_with_line_and_offset():
    with pytest.raises(SourceError) as caught:
        read("sources/bad.txt", b"fine\nbad \xff here\n")
    assert str(caught.value) == (
        "sources/bad.txt:2: not valid UTF-8: byte 0xff at byte offset 9; "
        "re-save the file as UTF-8 (text from Windows is often cp1252: iconv -f cp1252 -t utf-8)"
    )


def test_read_reports_invalid_front_matter_line_from_top_of_file():
    with pytest.raises(SourceError) as caught:
        read("sources/bad.md", b"---\ntitle: ok\nauthors: [a, b\n---\nbody\n")
    assert str(caught.value).startswith("sources/bad.md:3: invalid front matter")


def test_stories_sort_newest_first_then_title_undated_last():
    articles = [
        Article(source="s/1", title="b", body=(), date="2020-01-01", slug="b"),
        Article(source="s/2", title="a", body=(), date="2020-01-01", slug="a"),
        Article(source="s/3", title="c", body=(), date="2021-06-01", slug="c"),
        Article(source="s/4", title="a undated", body=(), slug="d"),
    ]
    assert [a.slug for a in sort_stories(articles)] == ["c", "a", "b", "d"]
