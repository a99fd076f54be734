"""The hostile corpus (tests/fixtures/hostile/, one file per case) built once with MkDocs.

Every bad source gives exactly one warning, word for word, through the MkDocs
plugin logger; the rest of the site builds; sources/ is left byte-identical.
"""

from __future__ import annotations

import html as htmllib
import os
import re
import shutil
import stat
from pathlib import Path
from unittest import mock

import pytest

from briefing import pipeline
from briefing.knowledge import taxonomy
from tests.conftest import FIXTURES, ROOT, copy_project, manifest, mkdocs_build

HOSTILE = FIXTURES / "hostile"
PAYLOAD = '"><svg onload=alert(1)>'
UTF8_TODO = "re-save the file as UTF-8 (text from Windows is often cp1252: iconv -f cp1252 -t utf-8)"
BLANK_TODO = "add the article text or delete the file"
FIELDS = "title, subtitle, authors, publisher, date, url, language, tags, clean, retrieved, redirect_from"

# Bad source -> the one warning it must give, exactly.
EXPECTED = {
    "empty.txt": f"1: the file is empty; {BLANK_TODO}",
    "whitespace_only.txt": f"1: the file holds only blank space; {BLANK_TODO}",
    "bom_only.txt": f"1: the file holds only a byte-order mark; {BLANK_TODO}",
    "invalid_utf8.txt": f"3: not valid UTF-8: byte 0xc3 at byte offset 62; {UTF8_TODO}",
    "cp1252.txt": f"1: not valid UTF-8: byte 0xe9 at byte offset 3; {UTF8_TODO}",
    "front_matter_invalid_yaml.md": "4: invalid front matter: while parsing a flow sequence: expected ',' or ']', "
    "but got '<stream end>'; quote the value or fix the YAML",
    "front_matter_never_closed.md": "1: front matter is never closed; end it with a line of ---",
    "front_matter_is_a_list.md": "2: front matter is a list, not fields; write it as 'key: value' lines",
    "front_matter_is_a_scalar.md": "2: front matter is a single value, not fields; write it as 'key: value' lines",
    "front_matter_duplicate_keys.md": "4: duplicate front matter field 'title' (first on line 2); keep only one of them",
    "front_matter_comment_cuts_title.md": "2: front matter 'title' is cut short by ' #', which starts a YAML comment; "
    'put the whole value in quotes: title: "Update #2 on the cable talks"',
    "front_matter_unknown_field.md": f"3: unknown front matter field 'country'; use one of {FIELDS}",
    "front_matter_impossible_date.md": "3: front matter date '2023-02-30' is not a real date; write it as YYYY-MM-DD",
    "front_matter_alias_bomb.md": "2: front matter uses a YAML anchor (&); write the value out in full",
    "front_matter_python_tag.md": "2: front matter uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'; "
    "remove the tag; values are plain text",
    "front_matter_too_large.md": "2: front matter is over the limit of 16,384 bytes; keep only the fields the article needs",
    "front_matter_nested.md": "3: front matter nests lists or fields inside a list; write a flat list: [A, B]",
    "front_matter_unsafe_url.md": "3: front matter url 'javascript:alert(1)' is not a web address; "
    "write the address starting with https://",
    "front_matter_only.md": "4: there is no article text after the front matter; add the text below the closing ---",
    "metadata_payload.md": "7: unknown tag '\"><svg onload=alert(5)>'; did you mean '\"><svg onload=alert(7)>'?",  # the story builds
    "unknown_kind.docx": "1: not a kind of source the pipeline reads; use .txt, .md or .html (.yml for corrections), or move the file out of sources/",
    # A story's address comes from its file name: one name in two kinds is one address.
    "markdown_injection.txt": "1: same story address 'markdown-injection' as sources/markdown_injection.md; "
    "rename one of the files; built at distinct addresses meanwhile",
    "markup_injection.txt": "1: same story address 'markup-injection' as sources/markup_injection.md; "
    "rename one of the files; built at distinct addresses meanwhile",
    # Made by the fixture, not kept in git: too big, or not a plain file.
    "huge_50mb.txt": "1: the file is 52,428,800 bytes, over the limit of 4,194,304; keep only the article's text in the file",
    "symlink.txt": "1: is a symbolic link, not followed; copy the file into sources/ instead",
    "linked_folder": "1: is a symbolic link, not followed; copy the file into sources/ instead",
    "named_pipe.txt": "1: is a named pipe, not a regular file; put only article files in sources/",
    "escape_\\x1b[31m_name.txt": "1: the file name holds control or invisible characters; rename the file",
    "latin1_\\udce9_name.txt": "1: the file name is not valid UTF-8; rename the file",
}

# Good sources of the corpus -> the story URL each must get: from the file's name, never from the title.
BUILT = {
    "bom_before_front_matter.md": "bom-before-front-matter",
    "line_endings_crlf.txt": "line-endings-crlf",
    "line_endings_cr.txt": "line-endings-cr",
    "front_matter_norway_stays_text.md": "front-matter-norway-stays-text",
    "invisible_characters.txt": "invisible-characters",
    "markup_injection.md": "markup-injection",
    "markup_injection.txt": "markup-injection-2",
    "markdown_injection.md": "markdown-injection",
    "markdown_injection.txt": "markdown-injection-2",
    "same_slug_a.txt": "same-slug-a",  # two sources with one title: two addresses, no clash
    "same_slug_b.txt": "same-slug-b",
    "file name with spaces.txt": "file-name-with-spaces",
    "ünïcödé-名前.txt": "unicode-mingqian",  # transliterated
    "-leading-dash.txt": "leading-dash",
    "metadata_payload.md": "metadata-payload",
    "metadata_payload_related.txt": "metadata-payload-related",
    "long_line_2mb.txt": "long-line-2mb",
    "title_index.md": "title-index",
    "markdown_kept.md": "markdown-kept",
    "utf16.txt": "utf16",  # its byte-order mark says how to read it
    "material_tags_directive_in_markdown.md": "material-tags-directive-in-markdown",
    "material_tags_directive_in_text.txt": "material-tags-directive-in-text",
    "material_tags_directive_in_a_page.html": "material-tags-directive-in-a-page",
}

HOSTILE_ENTITY = f"- name: '{PAYLOAD}'\n  type: person\n  description: '\"><img src=x onerror=alert(6)>'\n"
HOSTILE_TOPIC = "- name: '\"><svg onload=alert(7)>'\n  cues: {payload: 2, security: 2}\n"


def make_hostile_project(dest: Path) -> Path:
    """The seeds plus the hostile corpus, the cases git cannot hold, and a hostile knowledge base."""
    project = copy_project(dest)
    sources = project / "sources"
    for case in sorted(HOSTILE.iterdir()):
        shutil.copy2(case, sources / case.name)
    with open(sources / "huge_50mb.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk, refused by its size alone
    markup = "word *x* [y](https://a.b) & <z> _q_ {a} | ` \\ ! 1. #"  # dense in what Markdown must escape
    (sources / "long_line_2mb.txt").write_text("A single line of two megabytes\n\n" + (markup * 50_000)[:2_000_000] + "\n")
    (project / "outside.txt").write_text("Secret kept outside sources\n\nNever to be published.\n")
    os.symlink("../outside.txt", sources / "symlink.txt")
    (project / "outside").mkdir()
    (project / "outside" / "secret.txt").write_text("Secret folder\n\nNever to be published.\n")
    os.symlink("../outside", sources / "linked_folder")
    os.mkfifo(sources / "named_pipe.txt")
    (sources / "escape_\x1b[31m_name.txt").write_text("A terminal escape in the file name\n\nBody.\n")
    (sources / os.fsdecode(b"latin1_\xe9_name.txt")).write_text("A Latin-1 file name\n\nBody.\n")
    with open(project / "taxonomy" / "entities.yml", "a", encoding="utf-8") as handle:
        handle.write(HOSTILE_ENTITY)
    with open(project / "taxonomy" / "topics.yml", "a", encoding="utf-8") as handle:
        handle.write(HOSTILE_TOPIC)
    return project


def build_with_seed(project: Path, hashseed: str, *extra: str):
    with mock.patch.dict(os.environ, {"PYTHONHASHSEED": hashseed}):
        return mkdocs_build(project, *extra)


def _set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink() or stat.S_ISFIFO(path.lstat().st_mode):
            continue
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The hostile project, built once without --strict, with sources/ read-only during the build."""
    project = make_hostile_project(tmp_path_factory.mktemp("hostile"))
    sources = project / "sources"
    before = manifest(sources)
    _set_writable(sources, False)
    try:
        result = build_with_seed(project, "1", "--no-strict")
    finally:
        _set_writable(sources, True)
    return project, result, before


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("WARNING")]


def test_hostile_build_succeeds_without_strict(hostile_site):
    _, result, _ = hostile_site
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_source_gives_exactly_its_warning(hostile_site, name):
    _, result, _ = hostile_site
    line = f"WARNING -  briefing: sources/{name}:{EXPECTED[name]}"
    assert warnings_of(result).count(line) == 1, result.stderr


def test_no_other_warnings_and_each_only_once(hostile_site):
    _, result, _ = hostile_site
    expected = sorted(f"WARNING -  briefing: sources/{name}:{message}" for name, message in EXPECTED.items())
    assert sorted(warnings_of(result)) == expected


def test_junk_and_hidden_files_are_ignored_silently(hostile_site):
    _, result, _ = hostile_site
    for name in (".DS_Store", "Thumbs.db", "editor_backup.txt~"):
        assert (HOSTILE / name).exists()
        assert name not in result.stderr


def test_log_never_echoes_raw_escapes(hostile_site):
    _, result, _ = hostile_site
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "escape_\\x1b[31m_name.txt" in result.stderr


@pytest.mark.parametrize("name", sorted(BUILT))
def test_good_source_is_built_at_its_url(hostile_site, name):
    project, _, _ = hostile_site
    assert (project / "site" / "stories" / BUILT[name] / "index.html").is_file()


def test_only_the_good_sources_are_built(hostile_site):
    project, _, _ = hostile_site
    built = {p.name for p in (project / "site" / "stories").iterdir() if p.is_dir()}
    seeds = {a.slug for a in pipeline.build(ROOT, ROOT / "sources").articles}
    assert built == set(BUILT.values()) | seeds


def test_nothing_outside_sources_is_published(hostile_site):
    project, _, _ = hostile_site
    pages = "".join(p.read_text() for p in (project / "site").rglob("*.html"))
    assert "Never to be published" not in pages


def test_sources_stay_byte_identical(hostile_site):
    project, _, before = hostile_site
    assert manifest(project / "sources") == before
    assert len(before) > len(EXPECTED)


@pytest.mark.slow
def test_strict_build_fails_on_one_bad_source(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy2(HOSTILE / "front_matter_duplicate_keys.md", project / "sources")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 1
    assert "sources/front_matter_duplicate_keys.md:4: duplicate front matter field 'title'" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.slow
def test_missing_sources_folder_is_a_configuration_error(tmp_path):
    project = copy_project(tmp_path, with_sources=False)
    (project / "sources").rmdir()
    result = mkdocs_build(project, "--no-strict")
    assert result.returncode == 1
    expected = (
        f"Error: sources: sources folder not found at {project.resolve() / 'sources'}; "
        "create it or set extra.briefing.sources in mkdocs.yml"
    )
    assert expected in result.stderr
    assert not (project / "site").exists()


def page(project: Path, slug: str) -> str:
    return (project / "site" / "stories" / slug / "index.html").read_text(encoding="utf-8")


def content(html: str) -> str:
    """The article content of a built page, where source text lands."""
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start : html.index("</article>", start)]


def test_markdown_source_keeps_safe_links_and_emphasis_only(hostile_site):
    project, _, _ = hostile_site
    html = page(project, BUILT["markdown_kept.md"])
    body = content(html)
    assert '<a href="https://example.com/report_%28final%29?a=1&amp;b=2">the report</a>' in body
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in body
    assert '<a href="mailto:desk@example.com">mail the desk</a>' in body
    assert "></a>a script link and an encoded one</li>" in body  # unsafe targets dropped, words kept
    assert '></a>data and !<a href="https://evil.example/pixel.png">an image</a></li>' in body  # a link, never an image
    assert "></a>snake_case_names stay as typed</li>" in body
    assert set(tags_in(body)) <= RENDERED
    assert '<meta name="description" content="See the report, emphasis, strong and' in html


def test_a_two_megabyte_line_of_markup_is_built_as_text(hostile_site):
    project, _, _ = hostile_site
    body = content(page(project, BUILT["long_line_2mb.txt"]))
    assert body.count("word *x* [y](https://a.b) &amp; &lt;z&gt; _q_ {a} | ` \\ ! 1. #") > 35_000
    assert set(tags_in(body)) <= RENDERED - {"em", "code"}
    assert 'href="https://a.b"' not in body


def test_a_story_titled_index_does_not_replace_the_story_list(hostile_site):
    project, _, _ = hostile_site
    listing = (project / "site" / "stories" / "index.html").read_text(encoding="utf-8")
    assert "stories, newest first" in listing
    assert '<a href="title-index/">Index</a>' in listing


def test_bom_does_not_reach_the_title(hostile_site):
    project, _, _ = hostile_site
    html = page(project, BUILT["bom_before_front_matter.md"])
    assert "<title>Byte order mark before front matter - Briefing</title>" in html
    assert "\ufeff" not in html


@pytest.mark.parametrize("name", ["line_endings_crlf.txt", "line_endings_cr.txt"])
def test_crlf_and_lone_cr_give_the_same_article_as_lf(hostile_site, name):
    project, _, _ = hostile_site
    kb = taxonomy.load(project / "taxonomy")
    data = (HOSTILE / name).read_bytes()
    as_lf = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    article = pipeline.process_source(f"sources/{name}", data, kb)
    assert article == pipeline.process_source(f"sources/{name}", as_lf, kb)
    assert article.authors and [b.kind for b in article.body].count("numbered") == 2
    body = content(page(project, BUILT[name]))
    assert f"<p class=\"byline\">By {article.authors[0]}</p>" in body and "<ol>" in body


def test_invisible_characters_are_removed_from_the_page(hostile_site):
    project, _, _ = hostile_site
    html = page(project, BUILT["invisible_characters.txt"])
    assert "<title>Invisible characters evil in the title - Briefing</title>" in html
    body = content(html)
    for char in ("\x1b", "\x07", "\x08", "\x00", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066"):
        assert char not in html, repr(char)
    assert "[31m" not in body and "[0m" not in body and "owned" not in body
    assert "a colour red; NUL here." in body


def tags_in(html: str) -> list[str]:
    return re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)


# What the renderers make around article text; nothing else may appear in page content.
RENDERED = {"article", "nav", "span", "h1", "h2", "h3", "a", "p", "br", "ul", "ol", "li", "details", "summary", "strong", "em", "code", "div"}  # div: the search index wrapper


def test_markdown_in_text_sources_is_shown_as_text(hostile_site):
    project, _, _ = hostile_site
    html = page(project, BUILT["markdown_injection.txt"])
    body = content(html)
    assert set(tags_in(body)) <= RENDERED - {"em", "code"}
    assert tags_in(body).count("h1") == 1
    text = htmllib.unescape(body)
    for shown in ("{{ config }}", "{% include 'x' %}", "<!-- material/tags -->", "# An injected H1", "## An injected H2",
                  "four-space indented line", "title: Injected title", "[TOC]", '!!! danger "injected admonition"',
                  "{: onclick=alert(1) }", "| a | b |", "*[HTML]: abbreviation", ": definition", "```"):
        assert shown in text, shown
    assert "<title>Markdown injection in a text source - Briefing</title>" in html  # a note with no prose: its first line heads it
    assert 'class="md-tag' not in html


def test_markdown_source_keeps_structure_but_cannot_add_metadata_or_a_title(hostile_site):
    project, _, _ = hostile_site
    html = page(project, BUILT["markdown_injection.md"])
    body = content(html)
    assert "<title>Markdown injection in a Markdown source - Briefing</title>" in html
    assert 'class="md-tag' not in html
    assert tags_in(body).count("h1") == 1
    assert '<h2 id="an-injected-h1">An injected H1' in body  # a heading of the article, below the title
    assert set(tags_in(body)) <= RENDERED - {"em", "code"}
    text = htmllib.unescape(body)
    for shown in ("title: Injected title tags: [injected]", "<!-- material/tags -->", "{{ config }}", "[TOC]"):
        assert shown in text, shown
