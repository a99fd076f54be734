"""Near-duplicate clusters: copies of a story are found, named in a warning, and shown once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing import pipeline
from briefing.analysis import clusters as cluster
from briefing.markup import inline
from tests.conftest import ROOT, SEEDS, SOURCES, copy_project, mkdocs_build

CLOUD = f"sources/{SEEDS[0]}"
SENATORS = f"sources/{SEEDS[2]}"
COPY = "sources/cloud-story-saved-again.txt"
WARNING = f"{COPY}: near-duplicate of {CLOUD} (100% of text shared); delete one or keep both knowingly"


def _copies(built: pipeline.Build):
    return [copy for article in built.articles for copy in article.copies]


def _lines(name: str) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def with_copy(tmp_path_factory) -> Path:
    """The seeds plus seed 000 saved a second time under another name."""
    project = copy_project(tmp_path_factory.mktemp("copy"))
    (project / COPY).write_bytes((SOURCES / SEEDS[0]).read_bytes())
    return project


def test_the_seeds_are_not_near_duplicates_of_one_another():
    built = pipeline.build(ROOT, SOURCES)
    assert _copies(built) == []


def test_a_seed_saved_under_another_name_is_clustered_with_it(with_copy):
    built = pipeline.build(with_copy, with_copy / "sources")
    (copy,) = _copies(built)
    assert (copy.source, copy.canonical, copy.shared) == (COPY, CLOUD, 1.0)
    assert WARNING in [str(problem) for problem in built.problems]
    assert COPY not in {a.source for a in built.articles}
    assert len([p for p in built.pages if p.path.startswith("stories/") and p.path != "stories/index.md"]) == len(SEEDS)
    canonical = next(a for a in built.articles if a.source == CLOUD)
    page = next(p.markdown for p in built.pages if p.path == f"stories/{canonical.slug}.md")
    also = page[page.index("## Also reported by") :].splitlines()[2]
    assert also.startswith(f"- {inline(copy.publisher) if copy.publisher else 'Unnamed publisher'} · ")
    assert also.endswith(" · 100% of the text shared with this page, from sources/cloud-story-saved-again.txt")


@pytest.mark.slow
def test_the_build_warns_naming_both_files_and_shows_the_story_once(with_copy):
    result = mkdocs_build(with_copy, "--no-strict")  # mkdocs.yml sets strict: true
    assert result.returncode == 0, result.stderr
    assert f"WARNING -  briefing: {WARNING}\n" in result.stderr
    stories = with_copy / "site" / "stories"
    index = (stories / "index.html").read_text()
    built = pipeline.build(with_copy, with_copy / "sources")
    canonical = next(a for a in built.articles if a.source == CLOUD)
    assert index.count(f'href="{canonical.slug}/"') == 1
    assert sorted(p.name for p in stories.iterdir() if p.is_dir()) == sorted(a.slug for a in built.articles)
    assert "Also reported by" in (stories / canonical.slug / "index.html").read_text()


@pytest.mark.slow
def test_a_duplicate_fails_a_strict_build(with_copy):
    result = mkdocs_build(with_copy, "--strict")
    assert result.returncode != 0
    assert WARNING in result.stderr


def test_a_syndicated_copy_with_its_own_header_is_clustered_and_the_earliest_dated_is_canonical(tmp_path):
    """The same wire story from two outlets: own headlines, one cut short; the later one sorts first by name."""
    project = copy_project(tmp_path, with_sources=False)
    body = [line for line in _lines(SEEDS[2])[8:] if line.strip()]
    (project / "sources" / "a-second-outlet.md").write_text(
        "---\ntitle: GOP senators want Chinese cloud firms sanctioned\npublisher: Second Outlet\n"
        "date: 2023-05-02\n---\n\n" + "\n\n".join(body[:-3]) + "\n",
        encoding="utf-8",
    )
    (project / "sources" / "b-wire.md").write_text(
        "---\ntitle: Senators urge sanctions on Chinese cloud providers\npublisher: Wire Partner\n"
        "date: 2023-04-26\nurl: https://wire.example/cloud\n---\n\n" + "\n\n".join(body) + "\n",
        encoding="utf-8",
    )
    built = pipeline.build(project, project / "sources")
    (copy,) = _copies(built)
    assert (copy.source, copy.canonical, copy.publisher) == ("sources/a-second-outlet.md", "sources/b-wire.md", "Second Outlet")
    assert cluster.MIN_SHARED <= copy.shared < 1.0
    assert [a.source for a in built.articles] == ["sources/b-wire.md"]
    page = next(p.markdown for p in built.pages if p.path == f"stories/{built.articles[0].slug}.md")
    shared = cluster.percent(copy.shared)
    assert f"- Second Outlet · 2 May 2023 · {shared} of the text shared with this page, from sources/a-second-outlet.md" in page
    warning = f"sources/a-second-outlet.md: near-duplicate of sources/b-wire.md ({shared} of text shared)"
    assert [str(p) for p in built.problems] == [f"{warning}; delete one or keep both knowingly"]


def test_jaccard_of_a_text_and_its_first_two_thirds_is_about_two_thirds():
    text = " ".join(_lines(SEEDS[4]))
    words = text.split()
    whole, part = cluster.shingles(text), cluster.shingles(" ".join(words[: len(words) * 2 // 3]))
    assert abs(cluster.jaccard(whole, part) - 2 / 3) < 0.03
    other = cluster.shingles(" ".join(_lines(SEEDS[3])))
    assert cluster.jaccard(whole, other) < 0.05


def test_minhash_signatures_estimate_the_jaccard_similarity():
    text = " ".join(_lines(SEEDS[1]))
    words = text.split()
    sets = [cluster.shingles(text), cluster.shingles(" ".join(words[len(words) // 4 :]))]
    exact = cluster.jaccard(*sets)
    signature = cluster.signatures(sets)
    estimate = float(np.mean(signature[0] == signature[1]))
    assert abs(estimate - exact) < 0.12
    assert cluster.candidate_pairs(sets) == [(0, 1)]


@pytest.mark.slow
def test_hashing_does_not_depend_on_pythons_hash_seed():
    script = (
        "import json, sys; from briefing.analysis import clusters as cluster; "
        "text = open(sys.argv[1], encoding='utf-8').read(); "
        "print(json.dumps(cluster.signatures([cluster.shingles(text)])[0][:16].tolist()))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        done = subprocess.run([sys.executable, "-c", script, str(SOURCES / SEEDS[0])], env=env, capture_output=True, text=True, check=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]


def test_also_reported_by_links_a_safe_url_and_escapes_everything_else():
    from briefing.model import Article, Block, Copy
    from briefing.site.stories import story_page

    copies = (
        Copy("sources/a_[wire].txt", "sources/main.md", 0.912, publisher="Wire *Partner*", date="2023-04-26", url="https://wire.example/cloud (1)"),
        Copy("sources/b.txt", "sources/main.md", 0.7, publisher="<b>Other</b>", url="javascript:alert(1)"),
    )
    article = Article("sources/main.md", "Main", (Block("paragraph", "Text."),), slug="main", copies=copies)
    page = story_page(article, (), {"main": article}).markdown
    section = page[page.index("## Also reported by") :].splitlines()
    assert section[2] == (
        "- [Wire &#42;Partner&#42;](https://wire.example/cloud%281%29) · 26 April 2023 · "
        "91% of the text shared with this page, from sources/a&#95;&#91;wire&#93;.txt"
    )
    assert section[3] == "- &lt;b&gt;Other&lt;/b&gt; · 70% of the text shared with this page, from sources/b.txt"


def test_signatures_kept_from_the_last_build_give_the_same_copies_and_follow_the_bodies():
    """A warm build hands find_copies what the last one kept of each body; the copies found are the same as from nothing."""
    articles = [pipeline.article_of(f"sources/{name}", (SOURCES / name).read_bytes()) for name in SEEDS]
    articles.append(pipeline.article_of(COPY, (SOURCES / SEEDS[0]).read_bytes()))
    known: dict = {}
    first = cluster.find_copies(articles, known)
    assert [c.source for c in first] == [COPY] and first == cluster.find_copies(articles)
    assert len(known) == len(SEEDS)  # one entry per distinct body: the copy's is the seed's
    assert cluster.find_copies(articles, known) == first
    # The copy edited into a near copy of another seed (a paragraph added): a new body, a new entry; the entry of a
    # body no article has is dropped.
    lines = _lines(SEEDS[3])
    added = "The council said on Friday that the review of the contracts would be published in full before the end of the month."
    lines.insert(len(lines) // 2, added)
    edited = pipeline.article_of(COPY, "\n".join(lines).encode())
    assert added in "\n".join(b.text for b in edited.body)
    changed = articles[:-1] + [edited]
    near = cluster.find_copies(changed, known)
    assert near == cluster.find_copies(changed) and [(c.source, c.canonical) for c in near] == [(COPY, f"sources/{SEEDS[3]}")]
    assert near[0].shared < 1.0
    assert len(known) == len(SEEDS) + 1
    assert cluster.find_copies(articles[:-1], known) == () and len(known) == len(SEEDS)
