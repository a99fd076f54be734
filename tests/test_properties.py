"""Property-based tests: reading, cleaning, tagging and escaping hold for any bounded input.

No timing is asserted; hypothesis' per-example deadline catches a pathological
slowdown (a hang) on inputs of a few kilobytes.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.cleaning.clean import clean
from briefing.cleaning.extract import extract
from briefing.commands.cli import cleaned_markdown
from briefing.errors import SourceError
from briefing.knowledge import taxonomy
from briefing.markup import inline, rich, visible
from briefing.model import Block
from briefing.site.stories import render_blocks
from briefing.sources.read import read
from briefing.tagging.tag import tag
from tests.conftest import ROOT

# What MkDocs renders generated pages with: its defaults plus mkdocs.yml's extensions.
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "pymdownx.details"]
KB = taxonomy.load(ROOT / "taxonomy")

# Text rich in what breaks parsers: Markdown and YAML syntax, line endings, invisible characters.
TRICKY = list("ab Z#-*_>1.)[](){}!?:|`~=&;<>\"'\\/\n\r\t") + ["\x1b[31m", "\u202e", "\u200b", "\ufeff", "\x00", "---", "&#106;", "é", "中"]
tricky_text = st.lists(st.sampled_from(TRICKY) | st.text(max_size=3), max_size=200).map("".join)
# Lines shaped like the cleaner's input: block markers followed by short text.
MARKERS = ["", "", "# ", "## ", "###### ", "#", "- ", "* ", "• ", "1. ", "12) ", "> ", ">", "    ", "---", "By "]
short_text = st.text(alphabet="ab #-*>1.) ", max_size=12)
line_text = st.lists(st.tuples(st.sampled_from(MARKERS), short_text), max_size=15).map(
    lambda lines: "\n".join(marker + text for marker, text in lines)
)
article_text = st.one_of(tricky_text, line_text)
# Lines shaped like an article: block markers followed by words.
WORDS = ["The", "minister", "said", "undersea", "cables", "5G", "Huawei", "on", "Friday.", "and", "(AP)", "—", "“quoted”",
         "U.S.", "#2", "*key*", "it's", "&", "<b>", "[link](https://example.com)", "`code`", "100%", "C#", "x_y"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
# Lines are distinct in their words (a repeated line is removed as a repeat,
# see test_a_repeated_numbered_item_is_one_item_whatever_its_number).
prose = st.lists(
    st.tuples(st.sampled_from(["", "", "", "# ", "## ", "- ", "* ", "1. ", "2. ", "> "]), sentence),
    min_size=1,
    max_size=12,
    unique_by=lambda line: " ".join(re.findall(r"\w+", line[1].casefold())),
).map(
    lambda lines: "\n\n".join(marker + text for marker, text in lines)
)
SETTINGS = settings(max_examples=150, deadline=timedelta(seconds=2))


def read_or_refuse(path: str, data: bytes):
    try:
        return read(path, data)
    except SourceError as error:
        assert str(error).startswith(path + ":")
        assert str(error).isprintable()
        return None


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["sources/x.txt", "sources/x.md", "sources/x.html"]))
def test_reading_any_bytes_gives_a_source_or_a_source_error(data, path):
    source = read_or_refuse(path, data)
    if source is not None:
        assert source.text == visible(source.text)
        assert "\r" not in source.text


@SETTINGS
@given(tricky_text, tricky_text)
def test_reading_any_front_matter_gives_a_source_or_a_source_error(front, body):
    source = read_or_refuse("sources/x.md", f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))
    if source is not None:
        for value in source.front_matter.values():
            assert isinstance(value, (str, list, bool))


@SETTINGS
@given(article_text, st.sampled_from(["sources/x.txt", "sources/x.md"]))
def test_cleaning_extracting_and_tagging_never_crash(text, path):
    source = read_or_refuse(path, text.encode("utf-8", "surrogatepass"))
    if source is None:
        return
    try:
        article = tag(extract(clean(source)), KB)
    except SourceError:
        return
    for mention in article.mentions:
        assert mention.count >= 1


@settings(max_examples=400, deadline=timedelta(seconds=2))
@given(prose, st.sampled_from(["sources/x.txt", "sources/x.md"]))
@example("Intro\n\n# #\n\nBody text of the story goes here.\n", "sources/x.md")
@example("# C#\n\nBody text of the story goes here.\n", "sources/x.md")
def test_cleaning_is_idempotent(text, path):
    """The cleaned article (``briefing clean``'s Markdown) cleans to itself."""
    try:
        once = cleaned_markdown(path, text.encode("utf-8", "surrogatepass"))
    except SourceError:
        return
    assert cleaned_markdown("sources/x.md", once.encode("utf-8")) == once


def test_a_repeated_numbered_item_is_one_item_whatever_its_number():
    # Repeats are keyed on the item's text, not its marker: "1. x" after "2. x"
    # is the same item printed twice, so cleaning keeps one and is idempotent.
    once = cleaned_markdown("sources/x.md", b"2. The minister spoke on Friday\n\nThe\n\n1. The minister spoke on Friday\n")
    assert once.count("The minister spoke on Friday") == 1
    assert cleaned_markdown("sources/x.md", once.encode()) == once


@SETTINGS
@given(article_text)
def test_escaped_text_renders_as_exactly_itself(text):
    rendered = markdown.markdown(inline(text), extensions=EXTENSIONS)
    expected = " ".join(visible(text).split())
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == expected


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "bullet", "numbered", "heading", "quote"]), tricky_text), max_size=8))
def test_rendered_blocks_hold_no_markup_from_their_text(blocks):
    rendered = markdown.markdown(render_blocks(tuple(Block(kind, text) for kind, text in blocks)), extensions=EXTENSIONS)
    tags = {tag.split(">")[0].split(" ")[0] for tag in rendered.split("<")[1:]}
    assert tags <= {"p", "/p", "ul", "/ul", "ol", "/ol", "li", "/li", "h2", "/h2", "blockquote", "/blockquote"}


LINKS = ["[x](https://a.b/c)", "![i](https://a.b/i.png)", "!", "[y](javascript:alert(1))", "[z](&#106;avascript:x)", "](", "[", "*", "**", "_", "`", "(", ")"]


@SETTINGS
@given(st.lists(st.sampled_from(LINKS) | tricky_text, max_size=12).map(" ".join))
def test_kept_markdown_renders_only_safe_inline_markup(text):
    rendered = markdown.markdown(rich(text), extensions=EXTENSIONS)
    tags = re.findall(r"<([a-z0-9]+)", rendered)
    assert set(tags) <= {"p", "a", "em", "strong", "code"}
    for href in re.findall(r'href="([^"]*)"', rendered):
        assert html.unescape(href).startswith(("http://", "https://", "mailto:")), href


@pytest.mark.parametrize("fence", ["~~~", "```", "~~~~ python"])
def test_a_fence_split_over_two_blocks_makes_no_code_block(fence):
    rendered = markdown.markdown(
        render_blocks((Block("paragraph", fence), Block("paragraph", "inside"), Block("paragraph", fence))),
        extensions=EXTENSIONS,
    )
    assert "<pre" not in rendered and "<code" not in rendered
