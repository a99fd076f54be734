"""Related stories: on the seeds through the real pipeline, and the rules of ranking and wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.analysis.relate import THRESHOLD, relate
from briefing.model import Article, Block, Mention, TopicScore
from briefing.site.render import render
from tests.conftest import FIXTURES, SEEDS, copy_project

RELATE = FIXTURES / "relate"
UNRELATED = ("football_match.txt", "cooking_festival.txt")


def _build(project: Path) -> pipeline.Build:
    return pipeline.build(project, project / "sources")


def _by_seed(built: pipeline.Build) -> dict[str, list[str]]:
    """Seed number (``000``) -> the seed numbers or file names of its related stories, best first."""
    number = {a.slug: Path(a.source).name[:3] if Path(a.source).name in SEEDS else Path(a.source).name for a in built.articles}
    return {number[slug]: [number[r.target] for r in relations] for slug, relations in built.related.items()}


@pytest.fixture(scope="module")
def seeds_only(tmp_path_factory) -> pipeline.Build:
    return _build(copy_project(tmp_path_factory.mktemp("seeds")))


@pytest.fixture(scope="module")
def seeds_and_unrelated(tmp_path_factory) -> pipeline.Build:
    project = copy_project(tmp_path_factory.mktemp("mixed"))
    for name in UNRELATED:
        shutil.copy(RELATE / name, project / "sources" / name)
    return _build(project)


@pytest.mark.parametrize("build", ["seeds_only", "seeds_and_unrelated"])
def test_cloud_seeds_000_and_002_are_each_others_first_related_story(build, request):
    related = _by_seed(request.getfixturevalue(build))
    assert related["000"][0] == "002"
    assert related["002"][0] == "000"


@pytest.mark.parametrize("build", ["seeds_only", "seeds_and_unrelated"])
def test_seeds_on_pressure_over_5g_001_003_004_relate_to_one_another(build, request):
    related = _by_seed(request.getfixturevalue(build))
    group = {"001", "003", "004"}
    for seed in group:
        assert group - {seed} <= set(related[seed]), (seed, related[seed])
        # The two others outrank every story outside the group.
        assert set(related[seed][:2]) == group - {seed}, (seed, related[seed])


@pytest.mark.parametrize("build", ["seeds_only", "seeds_and_unrelated"])
def test_every_seed_has_a_related_story_with_a_reason(build, request):
    built = request.getfixturevalue(build)
    for article in built.articles:
        if Path(article.source).name in SEEDS:
            relations = built.related[article.slug]
            assert relations, article.source
            for relation in relations:
                assert relation.reasons and all(reason.strip() for reason in relation.reasons)
                assert relation.score >= THRESHOLD


def test_stories_on_unrelated_subjects_get_no_related_links(seeds_and_unrelated):
    related = _by_seed(seeds_and_unrelated)
    for name in UNRELATED:
        assert related[name] == []
    for links in related.values():
        assert not set(links) & set(UNRELATED)


def test_story_page_shows_related_stories_best_first_with_their_reasons(seeds_and_unrelated):
    built = seeds_and_unrelated
    pages = {page.path: page.markdown for page in built.pages}
    seed_000 = next(a for a in built.articles if a.source.endswith(SEEDS[0]))
    seed_002 = next(a for a in built.articles if a.source.endswith(SEEDS[2]))
    page = pages[f"stories/{seed_000.slug}.md"]
    section = page[page.index("## Related stories") :]
    first = section.splitlines()[4]
    assert first.startswith(f"- [Sanction Chinese Cloud Firms Posing National Security Risk: GOP Senators]({seed_002.slug}.md)")
    relation = built.related[seed_000.slug][0]
    assert first.endswith("<br>" + "; ".join(relation.reasons))
    assert f"{relation.score:.2f}" not in section  # the score orders the list; the reasons say why
    assert "topic: Cloud services" in relation.reasons
    football = next(a for a in built.articles if a.source.endswith(UNRELATED[0]))
    assert "## Related stories" not in pages[f"stories/{football.slug}.md"]


def _article(slug: str, words: str, date: str = "", entities=(), topics=()) -> Article:
    return Article(
        source=f"sources/{slug}.md",
        title=slug.replace("-", " "),
        body=(Block("paragraph", words),),
        date=date,
        slug=slug,
        mentions=tuple(Mention(name, "organisation", name, 0, count) for name, count in entities),
        topics=tuple(TopicScore(name, score) for name, score in topics),
    )


CABLES = "Ministers met to discuss the protection of undersea cables after two cables were cut near the islands."
ORCHARD = "The orchard harvest was early this year and growers sold apples at the autumn market in the valley."
FERRY = "A ferry crossing was cancelled because of storms, and passengers waited overnight at the harbour terminal."


def test_closeness_in_time_ranks_the_nearer_of_two_equal_stories_first():
    stories = [
        _article("a-cables", CABLES, "2024-03-01"),
        _article("b-cables-years-later", CABLES + " Ministers again.", "2029-03-01"),
        _article("c-cables-next-day", CABLES + " Ministers again.", "2024-03-02"),
        _article("d-orchard", ORCHARD, "2024-03-01"),
        _article("e-ferry", FERRY, "2024-03-01"),
    ]
    related = relate(stories)
    assert [r.target for r in related["a-cables"]] == ["c-cables-next-day", "b-cables-years-later"]
    assert related["a-cables"][0].score > related["a-cables"][1].score


def test_equal_scores_break_ties_by_slug_whatever_the_input_order():
    stories = [
        _article("a-cables", CABLES),
        _article("z-cables", CABLES + " Ministers again."),
        _article("m-cables", CABLES + " Ministers again."),
        _article("d-orchard", ORCHARD),
        _article("e-ferry", FERRY),
    ]
    forward, backward = relate(stories), relate(stories[::-1])
    assert forward == backward
    assert [r.target for r in forward["a-cables"]] == ["m-cables", "z-cables"]
    assert forward["a-cables"][0].score == forward["a-cables"][1].score


def test_reasons_name_shared_entities_rarest_first_then_the_topic():
    common = ("United States", 2)
    stories = [
        _article("a", CABLES, entities=[("Huawei Cloud", 2), ("Entity List", 2), ("Alibaba Cloud", 2), common], topics=[("sanctions", 5.0), ("Diplomacy and alliances", 5.0)]),
        _article("b", CABLES, entities=[("Huawei Cloud", 2), ("Alibaba Cloud", 2), ("Entity List", 2), common], topics=[("sanctions", 4.0), ("Diplomacy and alliances", 4.0)]),
        _article("c", ORCHARD, entities=[("Huawei Cloud", 1), common]),
        _article("d", FERRY, entities=[common]),
        _article("e", FERRY + " Delays.", entities=[common]),
    ]
    reasons = relate(stories)["a"][0].reasons
    # Alibaba Cloud and the Entity List are in two stories, Huawei Cloud in three,
    # the United States in all: it says nothing and is not named.
    assert reasons[:2] == ("shares Alibaba Cloud, Entity List and Huawei Cloud", "topics: Diplomacy and alliances, sanctions")


def test_a_passing_mention_weighs_less_than_a_story_s_main_subject():
    stories = [
        _article("a", CABLES, entities=[("Huawei Cloud", 9), ("Entity List", 1)]),
        _article("b", CABLES, entities=[("Huawei Cloud", 9), ("Entity List", 1)]),
        _article("c", ORCHARD, entities=[("Huawei Cloud", 1), ("Entity List", 1)]),
        _article("d", FERRY),
    ]
    assert relate(stories)["a"][0].reasons[0] == "shares Huawei Cloud and Entity List"


def test_similar_wording_is_the_reason_when_text_drove_the_link():
    stories = [
        _article("a", CABLES),
        _article("b", CABLES.replace("Ministers", "Officials")),
        _article("c", ORCHARD),
        _article("d", FERRY),
    ]
    (relation,) = relate(stories)["a"]
    assert relation.reasons[0].startswith("similar wording: ")
    assert "cable" in relation.reasons[0]


def test_related_stories_split_into_earlier_and_later_coverage_with_undated_apart():
    stories = [
        _article("middle", CABLES, "2024-03-10"),
        _article("before", CABLES + " Earlier.", "2024-03-01"),
        _article("after", CABLES + " Later.", "2024-04-01"),
        _article("undated", CABLES + " Someday."),
        _article("orchard", ORCHARD, "2024-03-10"),
        _article("ferry", FERRY),
    ]
    pages = {page.path: page.markdown for page in render(stories, relate(stories))}
    page = pages["stories/middle.md"]
    earlier, later, plain = page.index("### Earlier coverage"), page.index("### Later coverage"), page.index("### Related")
    assert earlier < page.index("(before.md)") < later < page.index("(after.md)") < plain < page.index("(undated.md)")
    undated = pages["stories/undated.md"]
    assert "### " not in undated[undated.index("## Related stories") :]


def test_a_link_always_has_a_reason_even_when_every_shared_word_is_common():
    stories = [_article("a", "Short text here."), _article("b", "Short text here.")]
    assert relate(stories)["a"][0].reasons == ("similar wording",)
