"""The collection pass: names discovered in one story are recognised bare in the others, spelt one way."""

from __future__ import annotations

from dataclasses import replace

from briefing.model import Article, Block
from briefing.pipeline import process_source
from briefing.tagging.collection import tag_with_collection, unify_spellings
from briefing.tagging.tag import tag

from .stories import ROOT, article, story

# --- names from other stories ------------------------------------------------------------------------


def test_a_name_discovered_in_one_story_is_recognised_bare_in_another(kb):
    first = tag(article("The report by think-tank Chathem Housse said so on Monday.", source="sources/a.txt"), kb)
    second = tag(article("Chathem Housse published a second report on the war.", source="sources/b.txt"), kb)
    assert "Chathem Housse" not in {m.entity for m in second.mentions}
    retagged = tag_with_collection([first, second], kb)
    names = {m.entity: m for m in retagged[1].mentions}
    assert names["Chathem Housse"].kind == "organisation" and names["Chathem Housse"].discovered


def test_the_collection_pass_never_spreads_an_author_or_into_a_bio(kb):
    first = tag(article("Sen. Mary Majorr said the bill would pass.", source="sources/a.txt"), kb)
    second = tag(article("The vote was held on Friday as planned.", "Mary Majorr is a senior editor at Example News.", source="sources/b.txt", authors=("Mary Majorr",)), kb)
    retagged = tag_with_collection([first, second], kb)
    assert "Mary Majorr" in {m.entity for m in retagged[0].mentions}
    assert "Mary Majorr" not in {m.entity for m in retagged[1].mentions}


def test_the_seeds_keep_their_entities_through_the_collection_pass(kb):
    seeds = [process_source(f"sources/{p.name}", p.read_bytes(), kb) for p in sorted((ROOT / "sources").glob("0*_*.txt"))]
    retagged = tag_with_collection(seeds, kb)
    for before, after in zip(seeds, retagged):
        assert {m.entity for m in before.mentions} <= {m.entity for m in after.mentions}


def test_a_one_word_name_from_another_story_is_not_read_inside_a_longer_name(kb):
    stories = [
        Article(source="sources/a.txt", title="A", body=(Block("paragraph", "Mr Cohen, a former adviser, told The Sunn: “It all started to change.”"),)),
        Article(source="sources/b.txt", title="B", body=(Block("paragraph", "Voters across the Sunn Belt states of Arizona and Georgia have moved."),)),
    ]
    tagged = tag_with_collection([tag(story, kb) for story in stories], kb)
    assert "Sunn" in {m.entity for m in tagged[0].mentions} and "Sunn" not in {m.entity for m in tagged[1].mentions}


# --- one name written two ways -----------------------------------------------------------------------


def test_a_name_written_two_ways_across_stories_is_one_entity(kb):
    articles = [
        tag(story("sources/a.txt", "First Minister Michelle O’Neilll said the vote was close."), kb),
        tag(story("sources/b.txt", "First Minister Michelle O'Neilll said she would campaign."), kb),
        tag(story("sources/c.txt", "First Minister Michelle O'Neilll spoke again on Monday."), kb),
    ]
    assert {m.entity for a in articles for m in a.mentions if m.kind == "person"} == {"Michelle O’Neilll", "Michelle O'Neilll"}
    unified = tag_with_collection(articles, kb)
    people = [m for a in unified for m in a.mentions if m.kind == "person"]
    assert {m.entity for m in people} == {"Michelle O'Neilll"}  # the spelling written most often
    assert people[0].surface == "Michelle O’Neilll"  # what the first story wrote is kept


def test_the_knowledge_base_name_wins_over_another_spelling(kb):
    known = next(e for e in kb.entities if e.type == "organisation")
    first = tag(story("sources/a.txt", f"Officials at {known.name} said so."), kb)
    shouted = replace(first.mentions[0], entity=known.name.upper(), discovered=True)  # as if discovered written in capitals
    second = replace(story("sources/b.txt", "x"), mentions=(shouted,))
    unified = unify_spellings([first, second], kb)
    assert unified[1].mentions[0].entity == known.name and not unified[1].mentions[0].discovered
    assert unified[0] is first  # a story with nothing to rename is not copied


# --- why a name is an entity, through the pass -----------------------------------------------------


def test_a_name_found_only_through_another_story_says_collection_and_its_own_story_keeps_its_rule(small_kb):
    first = tag(story("sources/c.txt", "The figures were first printed by the newspaper Daglig Posten on Monday, officials said."), small_kb)
    second = tag(story("sources/d.txt", "Daglig Posten declined to comment on the figures when asked on Tuesday."), small_kb)
    assert second.mentions == ()
    refreshed = []
    tagged = tag_with_collection([first, second], small_kb, refresh=lambda a: refreshed.append(a.source) or a)
    assert [[(m.entity, m.kind, m.rule) for m in a.mentions] for a in tagged] == [
        [("Daglig Posten", "organisation", "organisations_by_kind")],
        [("Daglig Posten", "organisation", "collection")],
    ]
    assert tagged[0] is first and refreshed == ["sources/d.txt"]  # only the story whose mentions changed


def test_a_story_tagged_again_keeps_its_own_rule_for_a_name_the_collection_also_holds(small_kb):
    first = tag(
        story(
            "sources/c.txt",
            "The figures were first printed by the newspaper Daglig Posten on Monday, officials said.",
            "Harbour Ledger ran the same figures a day later, without comment.",
        ),
        small_kb,
    )
    second = tag(story("sources/e.txt", "A spokesman told the Harbour Ledger that the figures were wrong."), small_kb)
    tagged = tag_with_collection([first, second], small_kb)
    assert [(m.entity, m.rule) for m in tagged[0].mentions] == [("Daglig Posten", "organisations_by_kind"), ("Harbour Ledger", "collection")]
    assert [(m.entity, m.rule) for m in tagged[1].mentions] == [("Harbour Ledger", "outlets_named_with_the")]


def test_a_discovered_spelling_of_a_known_name_becomes_the_known_entity_and_says_kb(small_kb):
    first = tag(story("sources/a.txt", "Officials at Velmora Systems said so."), small_kb)
    shouted = replace(first.mentions[0], entity="VELMORA SYSTEMS", discovered=True, rule="organisations_by_head_word")
    second = replace(story("sources/b.txt", "x"), mentions=(shouted,))
    renamed = unify_spellings([first, second], small_kb)[1].mentions[0]
    assert (renamed.entity, renamed.discovered, renamed.rule) == ("Velmora Systems", False, "kb")
