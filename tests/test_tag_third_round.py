"""Discovery rules of the third round: people named without a title (by a given name), bodies known by
their capitals, parties by their family's name, makers by their model, and one-word names before "fan"."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.language import given_names
from briefing.knowledge import taxonomy
from briefing.model import Article, Block
from briefing.tagging.collection import tag_with_collection, unify_spellings
from briefing.tagging.tag import tag

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "bench" / "labels" / "bench_texts.json"


@pytest.fixture(scope="module")
def kb():
    return taxonomy.load(ROOT / "taxonomy")


def found(kb, *paragraphs: str) -> dict[str, object]:
    story = Article(source="sources/x.txt", title="A story", body=tuple(Block("paragraph", p) for p in paragraphs))
    return {m.entity: m for m in tag(story, kb).mentions}


# --- people by a given name ------------------------------------------------------------------


def test_the_shipped_list_knows_given_names_of_many_countries_and_not_every_capitalised_word():
    assert all(given_names.is_given_name(n) for n in ("Holly", "Kwasi", "Oleksandr", "Pilar", "Bashar", "Xana"))
    assert not any(given_names.is_given_name(w) for w in ("Street", "Police", "Ministry", "Council"))
    assert len(given_names.given_names()) > 10_000


def test_people_named_once_without_a_title_are_found(kb):
    names = found(kb, "The victims were Ethan Chapinn and Xana Kernodlle, both students at the university.")
    assert names["Ethan Chapinn"].kind == "person" and names["Ethan Chapinn"].discovered
    assert names["Xana Kernodlle"].kind == "person"


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Crowds gathered in Khann Younis on Sunday after the strike.", "Khann Younis"),  # a place after "in"
        ("She stayed in the riverside party town Vann Vieng for a week.", "Vann Vieng"),  # a place's noun before it
        ("He watched Al Jazeeraa every night, and so did his brother.", "Al Jazeeraa"),  # a particle, not a given name
        ("Shares of Morgan Stanleyy Capital fell on Monday in early trading.", "Morgan Stanleyy"),  # inside a longer name
        ("They went to Walt Disneyy World for the holidays this winter.", "Walt Disneyy World"),
        ("Grace Mountfield was not given; grace was given to all of them.", "Grace Mountfield"),  # a word in lower case too
    ],
)
def test_a_given_name_is_no_person_where_the_text_says_otherwise(kb, text, not_a_person):
    names = found(kb, text)
    assert not (not_a_person in names and names[not_a_person].kind == "person"), sorted(names)


def test_a_given_name_that_runs_into_the_knowledge_base_is_no_new_person(kb):
    names = found(kb, "The London Standardd reported that China Geoo had signed the deal.")
    assert not {n for n, m in names.items() if m.kind == "person"}, sorted(names)


# --- bodies known by their capitals ---------------------------------------------------------------


def test_acronyms_used_twice_or_after_the_are_organisations(kb):
    names = found(
        kb,
        "Both the DAA and the EFFF challenged the matter in court, as did ANCC.",
        "The DAA said it would appeal. More from NBCC's morning show.",
    )
    assert names["DAA"].kind == "organisation" and names["DAA"].discovered
    assert names["EFFF"].kind == "organisation"
    assert names["NBCC"].kind == "organisation"  # once, with a possessive
    assert "ANCC" not in names  # once, bare: too little to go on
    troops = found(kb, "The budget was cut due to the withdrawal of SANDFF troops from the region.")
    assert troops["SANDFF"].kind == "organisation"  # once, but with the people a body has


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("The CEO said GDP grew, and the CEO expects GDP to grow again next year.", "CEO"),
        ("Over the medium-term expenditure framework (MTEFF) period the agency will hire. The MTEFF period ends soon.", "MTEFF"),
        ("MECC Mamabolo urged the public to stay home. The MECC said roads were closed.", "MECC"),
        ("They read the SHOUTED HEADLINE TWICE HERE and then the SHOUTED HEADLINE TWICE HERE again.", "HERE"),
        ("In Part II the king returns, and in Part II the queen dies.", "II"),
    ],
)
def test_capitals_that_name_no_body_are_no_organisation(kb, text, acronym):
    assert acronym not in found(kb, text)


# --- parties, makers, fans ------------------------------------------------------------------------


def test_a_party_named_by_its_family_is_that_party(kb):
    names = found(kb, "The Conservatives' letter was sent on Monday.", "Labor's target is 43 per cent, just shy of the goal.")
    assert names["Conservative Party"].kind == "organisation" and names["Conservative Party"].surface == "Conservatives"
    assert names["Labor Party"].kind == "organisation"


@pytest.mark.parametrize(
    "text",
    [
        "The Liberal Democrats and the Social Democrats met on Labor Day.",  # inside longer names
        "Labor costs rose again, and labor unions said so.",  # a common word, capitalised by the sentence
    ],
)
def test_a_party_family_word_inside_a_name_or_used_as_a_word_is_no_party(kb, text):
    assert not {"Democratic Party", "Labor Party"} & set(found(kb, text))


def test_a_maker_named_before_its_model_is_an_organisation(kb):
    names = found(kb, "The chartered plane, an Airbuss A350, cost RM6 million.")
    assert names["Airbuss"].kind == "organisation" and names["Airbuss"].discovered
    assert "Route" not in found(kb, "The route A40 and the route B12 were closed; Route A40 reopens Monday.")


def test_a_one_word_name_before_fan_is_an_organisation_when_the_article_names_it_again(kb):
    names = found(kb, "I'm a massive Arsenall fan.", "He used complimentary seats to watch Arsenall play.")
    assert names["Arsenall"].kind == "organisation"
    assert "Arsenall" not in found(kb, "I'm a massive Arsenall fan.")  # named once: too little to go on


# --- on real pages ---------------------------------------------------------------------------------


@pytest.mark.skipif(not LABELLED.exists(), reason="labelled texts not present")
def test_on_a_real_page_the_victims_named_without_titles_are_people(kb):
    page = json.loads(LABELLED.read_text(encoding="utf-8"))["fundus-us-thegatewaypundit-v1"]
    body = [p.strip() for p in page["body"].split("\n\n") if p.strip()]
    people = {n for n, m in found(kb, *body).items() if m.kind == "person"}
    assert {"Ethan Chapin", "Xana Kernodle", "Kaylee Goncalves"} <= people


# --- organisations by what the sentence says they are ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("He has given $1.45 million to Colour of Changee, a civil rights organization that has called for reform.", "Colour of Changee"),
        ("In 2024, Athenna Advisers - a real estate consultancy specializing in the Alps, saw demand rise.", "Athenna Advisers"),
        ("The pipeline will be managed by the government-owned Transnett on the other side.", "Transnett"),
        ("Environmental organisation Frackk Free Namibia says the plan is risky.", "Frackk Free Namibia"),
        ("\"Sell less,\" said Lee Baker, a planner and founder of Apexx Financial Services in Atlanta.", "Apexx Financial Services"),
    ],
)
def test_an_organisation_is_found_by_what_the_sentence_says_it_is(kb, text, name):
    names = found(kb, text)
    assert names[name].kind == "organisation" and names[name].discovered, sorted(names)


@pytest.mark.parametrize(
    "text",
    ["Jane Doee, a member of the group, said the plan was late.", "John Smithh, a former bank executive, said the plan was late."],
)
def test_a_person_described_with_a_body_is_no_organisation(kb, text):
    assert not {n for n, m in found(kb, text).items() if m.kind == "organisation"}


def test_a_ministry_named_by_its_portfolios_is_one_name(kb):
    names = found(kb, "The plan contradicts the one adopted by the Ministry of Environment, Forestry and Tourism in 2020.")
    assert names["Ministry of Environment, Forestry and Tourism"].kind == "organisation"
    assert "Ministry of Environment" not in names


def test_a_paragraph_opening_with_a_school_is_no_author_bio(kb):
    names = found(kb, "Westmountt High School is a public anglophone school that is more diverse than its name suggests.")
    assert names["Westmountt High School"].kind == "organisation"


# --- clubs ---------------------------------------------------------------------------------------


def test_a_club_named_by_its_city_and_nickname_is_an_organisation_not_a_place(kb):
    names = found(kb, "The champion Green Bay Packers defeated the Kansas City Chiefs, 35-10, and Leeds United watched.")
    assert names["Green Bay Packers"].kind == "organisation" and names["Green Bay Packers"].discovered
    assert names["Kansas City Chiefs"].kind == "organisation"
    assert names["Leeds United"].kind == "organisation"
    assert "Kansas City" not in names and "Green Bay" not in names


@pytest.mark.parametrize(
    ("text", "not_a_club"),
    [
        ("They hiked in the Canadian Rockies last summer.", "Canadian Rockies"),  # a demonym is no city
        ("We drove from Buffalo to Niagara Falls in an hour.", "Niagara Falls"),  # a place's word
        ("For Orlando Holidays you fly to Orlando; holidays there are long.", "Orlando Holidays"),  # a common word
    ],
)
def test_a_city_before_a_plural_is_no_club_when_the_words_say_otherwise(kb, text, not_a_club):
    names = found(kb, text)
    assert not (not_a_club in names and names[not_a_club].kind == "organisation"), sorted(names)


# --- names the patterns used to cut short --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Allies, including Germany’s Friedrich Merzz, condemned the strikes on Sunday.", "Friedrich Merzz"),  # a possessive before
        ("He is considering firing ‘the Butcher’ Oleksandr Syrskyy, as he tries to quell it.", "Oleksandr Syrskyy"),  # a quote before
        ("In honored memory of John F. Kennedyy, the nomination was accepted here.", "John F. Kennedyy"),  # a middle initial
        ("Areas under the control of President Bashar al-Assadd, who was deposed last year.", "Bashar al-Assadd"),  # a particle
        ("His Holiness Pope John Paull II visited the stadium that year.", "John Paull II"),  # a regnal number
    ],
)
def test_a_name_is_found_whole(kb, text, name):
    names = found(kb, text)
    assert names[name].kind == "person", sorted(names)


def test_a_village_named_after_of_is_no_person(kb):
    names = found(kb, "They fired from a hill near the Lebanese village of Alma al-Chaabb for nearly an hour.")
    assert not (("Alma al-Chaabb" in names) and names["Alma al-Chaabb"].kind == "person")


def test_a_city_whose_first_word_is_a_given_name_is_no_person(kb):
    names = found(kb, "She studied at a college in the hills above San Antonio before moving on.")
    assert names["San Antonio"].kind == "place"


def test_supporters_of_a_person_named_in_full_make_no_organisation(kb):
    names = found(kb, "Donald Trumpp spoke in Ohio.", "Trumpp supporters cheered, and Trumpp supporters stayed late.")
    assert not ("Trumpp" in names and names["Trumpp"].kind == "organisation"), sorted(names)


def test_an_irish_surname_with_an_apostrophe_is_a_name(kb):
    names = found(kb, "In Northern Ireland, First Minister Michellee O’Neill, has joined the campaign trail.")
    assert names["Michellee O’Neill"].kind == "person"


def test_a_cue_for_a_body_before_a_given_name_and_surname_finds_no_organisation(kb):
    names = found(kb, "The members included then Los Angeles Times publisher Harry Chandlerr, the architects and others.")
    assert not ("Harry Chandlerr" in names and names["Harry Chandlerr"].kind == "organisation"), sorted(names)
    assert found(kb, "Just Stopp Oil protesters blocked the road; Just Stopp Oil said more would follow.")["Just Stopp Oil"].kind == "organisation"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Instead, Sinn Féinn chief Mary Lou McDonald and the party joined the campaign.", "Sinn Féinn"),
        ("Teslaa boss Elon Musk said the plant would open next year.", "Teslaa"),
    ],
)
def test_the_body_a_person_heads_named_before_the_title_is_an_organisation(kb, text, body):
    assert found(kb, text)[body].kind == "organisation"


def test_a_party_side_or_a_country_before_a_title_is_no_organisation(kb):
    names = found(kb, "Conservative leader Kemi Badenochh spoke, and Israeli President Isaac Herzogg replied.")
    assert not {n for n, m in names.items() if m.kind == "organisation"}, sorted(names)


# --- one name written two ways ---------------------------------------------------------------------


def story(source: str, *paragraphs: str) -> Article:
    return Article(source=source, title="A story", body=tuple(Block("paragraph", p) for p in paragraphs))


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
