"""Source text never reaches a plugin's directive syntax: Material's ``<!-- material/tags -->`` above all.

Material's tags plugin looks for its directive in each page's Markdown before
Markdown runs; found in a story, it aborted the whole build ("Couldn't find
listing configuration") or fed source text to a YAML parser. Whatever the
source kind (.md, .txt, saved HTML, or what ``briefing add`` made of them),
the generated Markdown must hold no HTML comment at all.
"""

from __future__ import annotations

import re
import shutil

import pytest

from briefing import pipeline
from briefing.commands.cli import main
from briefing.markup import rich
from tests.conftest import FIXTURES, copy_project, mkdocs_build

CASES = sorted((FIXTURES / "hostile").glob("material_tags_directive_*"))
# Material's own pattern (material/plugins/tags/structure/listing/manager), with its default directive name.
MATERIAL_DIRECTIVE = re.compile(r"(<!--\s*?material/tags(.*?)\s*-->)", re.I | re.M | re.S)


@pytest.mark.parametrize(
    "code",
    ["<!-- material/tags nope -->", "<!--MATERIAL/TAGS { include: [x] }-->", "<!-- material/tags {[: -->", "<!--", "-->"],
)
def test_a_code_span_keeps_its_text_but_not_its_syntax(code):
    out = rich(f"Before `{code}` after.")
    assert "<!--" not in out and "-->" not in out
    assert out.startswith("Before <code>") and out.endswith("</code> after.")


@pytest.fixture
def project(tmp_path, capsys):
    """The seeds, the Markdown case as a source, and the .txt and .html ones imported by ``briefing add`` (kept as they are).

    (The .txt and .html as sources themselves are in the hostile site.)
    """
    project = copy_project(tmp_path / "project")
    for case in CASES:
        if case.suffix == ".md":
            shutil.copy2(case, project / "sources" / case.name)
        else:
            assert main(["add", str(case), "--config", str(project / "mkdocs.yml")]) == 0
    capsys.readouterr()
    return project


def test_no_generated_page_holds_a_directive_or_any_html_comment(project):
    built = pipeline.build(project, project / "sources", cache_dir=None)
    stories = [a for a in built.articles if "directive" in a.title.lower()]
    assert sorted(a.source.rsplit(".", 1)[1] for a in stories) == ["html", "md", "txt"]
    for page in built.pages:
        if not page.path.endswith(".md"):
            continue  # feeds are static files: no plugin reads them, and JSON and XML escape them their own way
        assert not MATERIAL_DIRECTIVE.search(page.markdown), page.path
        assert "<!--" not in page.markdown, page.path


@pytest.mark.slow
def test_the_strict_build_succeeds_and_shows_the_directives_as_text(project):
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "stories" / "material-tags-directive-in-markdown" / "index.html").read_text(encoding="utf-8")
    assert "<code>&lt;!-- material/tags nope --&gt;</code>" in html
    assert "<code>&lt;!--MATERIAL/TAGS { include: [secret] }--&gt;</code>" in html
