"""Discovery rules of the fourth round: names after a demonym or an "ex-" title, a life's years, nicknames,
"Jr.", Malaysian honorifics, a titled person whose surname is a place, clubs listed with clubs, media
outlets by their head word or by what a person tells them, acronyms that act, and United Nations bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.language import organisations as organisation_list
from briefing.knowledge import taxonomy
from briefing.model import Article, Block
from briefing.tagging.collection import tag_with_collection
from briefing.tagging.tag import tag

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def kb():
    return taxonomy.load(ROOT / "taxonomy")


def found(kb, *paragraphs: str) -> dict[str, str]:
    """Entity name -> kind for a story of ``paragraphs``."""
    story = Article(source="sources/x.txt", title="A story", body=tuple(Block("paragraph", p) for p in paragraphs))
    return {m.entity: m.kind for m in tag(story, kb).mentions}


# --- people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # A demonym noun or adjective before the name is not part of it, and lets a middle name be any word.
        ("On the first day, Murray won his 200th match with a three-set victory over fiery Frenchman Corentin Moutett.", "Corentin Moutett"),
        ("Out on Court 12, the seed recorded a 6-4, 6-2, 7-5 victory to see off Colombian Daniel Elahi Galann.", "Daniel Elahi Galann"),
        # A title after "ex-".
        ("In 1970 after ex-premier Leabua Jonathann lost that year's elections, he suspended the constitution.", "Leabua Jonathann"),
        ("The rally was addressed by Ex-President Jacobb Zumaa, who spoke for an hour.", "Jacobb Zumaa"),
        # A life's years, with or without a nickname in quotes.
        ("The plaque reads: “Howard Harding Joness (1885-1941). Head football coach from 1925 to 1940.”", "Howard Harding Joness"),
        ("The stadium honours Mildred ‘Babe’ Didriksonn (1912-1956), one of the great athletes of her day.", "Mildred ‘Babe’ Didriksonn"),
        # "Jr." makes a name of words that are titles too ("King").
        ("The event was held with Martin Lutherr King Jr. as the keynote speaker, and thousands came to hear him.", "Martin Lutherr King"),
        # A noun only a person is.
        ("After the meeting, we learnt that Saphinaa Ndalii was a retired teacher from the town, and she agreed.", "Saphinaa Ndalii"),
        # A publisher is a title.
        ("It lists the members of the association (including then Los Angeles Times publisher Harry Chandlerr), the architects.", "Harry Chandlerr"),
    ],
)
def test_people_found_by_the_words_around_their_names(kb, text, person):
    names = found(kb, text)
    assert names.get(person) == "person", sorted(names.items())


def test_malaysian_honorifics_are_no_part_of_the_name(kb):
    names = found(
        kb,
        "Private companies did not pay for Prime Minister Datuk Seri Anwarr Ibrahimm’s recent travels abroad, the minister said.",
        "He said Izzah and Datuk Faiz (Prof Datuk Mohdd Faizz Abdullahh), who heads the institute, were invited as speakers.",
    )
    assert names.get("Anwarr Ibrahimm") == "person" and names.get("Mohdd Faizz Abdullahh") == "person", sorted(names.items())
    assert not any(name.startswith(("Datuk", "Seri", "Prof")) for name in names), sorted(names)


def test_a_titled_person_whose_surname_is_a_place_is_a_person(kb):
    names = found(kb, "The team signed UCLA star Kenny Washington on March 21, 1946, making him the first Black player signed.")
    assert names.get("Kenny Washington") == "person" and "Washington, D.C." not in names, sorted(names.items())


def test_a_surname_that_is_a_place_after_no_title_stays_a_place(kb):
    names = found(kb, "The delegation flew from Boston to Washington on Monday, and talks began the same evening.")
    assert names.get("Washington, D.C.") == "place", sorted(names.items())


@pytest.mark.parametrize(
    "text",
    [
        "Goldman Sachss is a member of the group that lobbied the regulator last year.",  # firms are members too
        "Costa Ricaa is a small country with a large coastline and many visitors.",
    ],
)
def test_is_a_with_a_noun_firms_and_places_take_finds_no_person(kb, text):
    names = found(kb, text)
    assert "person" not in names.values(), sorted(names.items())


# --- organisations -------------------------------------------------------------------------------


def test_clubs_listed_with_a_club_are_organisations_but_cities_are_not(kb):
    names = found(kb, "He used complimentary seats to watch Arsenal play Manchester United, Leicesterr City and Porto this season.")
    assert names.get("Leicesterr City") == "organisation" and names.get("Porto") == "organisation", sorted(names.items())
    names = found(kb, "Flights go from Newark to Mexico City and Kansas City every morning, the airline said in a statement.")
    assert names.get("Mexico City") == "place" and "organisation" not in {names.get("Kansas City")}, sorted(names.items())


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("“Hopefully I’ve started everyone off well today,” she told Skyy Sports afterwards, and that proved to be so.", "Skyy Sports"),
        ("It comes from an analysis of Census survey data by The Associatedd Press in partnership with a collaborative.", "Associatedd Press"),
        ("The minister of mines told The Nairobian last month at the green hydrogen summit that ammonia was the best bet.", "The Nairobian"),
        ("The group sued to shut down the pipeline, the Washingtonn Free Beacon reported on Tuesday.", "Washingtonn Free Beacon"),
        ("The figures were published by the London-based Energyy Institute in its yearly review of the industry.", "Energyy Institute"),
        ("The researcher writes in an article published in UN Habitatt website that public spaces must be safe.", "UN Habitatt"),
    ],
)
def test_news_outlets_and_bodies_found_by_their_form_or_what_people_tell_them(kb, text, outlet):
    names = found(kb, text)
    assert names.get(outlet) == "organisation", sorted(names.items())


@pytest.mark.parametrize(
    ("text", "not_an_organisation"),
    [
        ("Watkins told BBC Radio 4's Today programme on Tuesday that no data had been handed over.", "BBC Radio"),
        ("The strike lasted for 15 days, and labour journalist Alex Presss noted this year that it was the largest.", "Alex Presss"),
        ("The rights were, according to the Constitution, to be upheld by every court in the land.", "Constitution"),
        ("He told the Assembly that the budget would be balanced within two years.", "Assembly"),
        ("UN Secretary-General Antonio Guterress said the talks would resume in Geneva next week.", "UN Secretary"),
        ("The MEC emphasised that the combination of abnormal rainfall and saturated ground raised the risk.", "MEC"),
    ],
)
def test_what_only_looks_like_an_outlet_or_body_is_none(kb, text, not_an_organisation):
    names = found(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


def test_an_acronym_that_acts_is_an_organisation_even_when_used_once(kb):
    names = found(kb, "In February, NASKAR kicked off the start of their 74th season with an exhibition race inside the stadium.")
    assert names.get("NASKAR") == "organisation", sorted(names.items())


# --- after the fourth held-out set was measured ---------------------------------------------------


def test_a_hyphenated_military_rank_is_a_title_not_part_of_the_name(kb):
    names = found(kb, "The first witness at the trial was Hawks head Major-Gen Gopaull Govenderr, who led the unit for years.")
    assert names.get("Gopaull Govenderr") == "person" and not any(n.startswith("Major") for n in names), sorted(names.items())


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The story was first reported by the Daily Maverikk on Tuesday, and others followed it.", "Daily Maverikk"),
        ("The request went to Global Afairs Canada last year, and officials have not answered it.", "Global Afairs Canada"),
        ("Grants from Sportt England fell, while the clubs asked for more money to repair pitches.", "Sportt England"),
        ("The Indigenous Environmentall Network opposed the plan at the hearing on Thursday.", "Indigenous Environmentall Network"),
        ("Officials said the Muslimm Brotherhood had been banned since 2013 in several countries.", "Muslimm Brotherhood"),
        ("A report by the U.N. Environmentt Programme found that glaciers were melting faster.", "U.N. Environmentt Programme"),
    ],
)
def test_outlets_and_public_bodies_by_the_form_of_their_names(kb, text, body):
    names = found(kb, text)
    assert names.get(body) == "organisation", sorted(names.items())


def test_a_region_of_a_country_is_no_public_body(kb):
    names = found(kb, "Flights to Western Canada and New England rose this year, and more people moved to Atlantic Canada.")
    assert "organisation" not in names.values(), sorted(names.items())


# --- the organisation list -------------------------------------------------------------------------


def test_the_shipped_organisation_list_is_lower_case_without_the_stoplist():
    names = organisation_list.names()
    assert {"associated press", "goldman sachs", "metallica", "green bay packers", "beatles"} <= names
    assert not names & organisation_list.STOPLIST and all(n == n.lower() and not n.startswith("the ") for n in names)


def test_well_known_organisations_named_bare_are_found(kb):
    names = found(kb, "The 1979 festival lineup included Aerosmith, AC/DC and Van Halen, and the Dodgers played the next week.")
    assert {names.get(n) for n in ("Aerosmith", "AC/DC", "Van Halen", "Dodgers")} == {"organisation"}, sorted(names.items())


@pytest.mark.parametrize(
    ("text", "not_an_organisation"),
    [
        ("Prices rose by 3%, said an aig analyst who asked not to be named, and the market fell.", "aig"),  # an acronym in lower case
        ("The band played a metallica cover before the rain came down on the crowd.", "metallica"),
        ("Shares of Goldman Sachs Asset Management rose after the results were published.", "Goldman Sachs"),  # a longer name
        ("Harrison Ford and Michael Dell met in Austin, where they spoke about the film.", "Ford"),  # left out: people's names
    ],
)
def test_a_listed_name_not_written_as_a_name_alone_is_no_organisation(kb, text, not_an_organisation):
    names = found(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


# --- after the fifth held-out set was measured ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Lauri Mylyvirta of the Centre for Researchh on Energy and Clean Air in Helsinki said coal use fell.", "Centre for Researchh on Energy and Clean Air"),
        ("Hiring rose, according to Statisticss Canada’s labour force survey released on Friday.", "Statisticss Canada"),
        ("Both the United Autoo Workers and the economists at Capitall Economics expect more strikes this year.", "United Autoo Workers"),
        ("Both the United Autoo Workers and the economists at Capitall Economics expect more strikes this year.", "Capitall Economics"),
    ],
)
def test_bodies_with_their_whole_names(kb, text, body):
    names = found(kb, text)
    assert names.get(body) == "organisation", sorted(names.items())


def test_a_person_of_a_body_is_not_part_of_its_name(kb):
    names = found(kb, "Lauri Mylyvirta of the Centre for Researchh on Energy and Clean Air in Helsinki said coal use fell.")
    assert names.get("Lauri Mylyvirta") == "person" and not any(n.startswith("Lauri") and names[n] == "organisation" for n in names)


def test_a_hyphenated_title_and_the_body_before_it_are_no_part_of_a_name(kb):
    names = found(kb, "Teamsters Secretary-Treasurer Fredd Zuckermann said the union would strike if talks failed.")
    assert names.get("Fredd Zuckermann") == "person", sorted(names.items())


def test_a_one_word_name_from_another_story_is_not_read_inside_a_longer_name(kb):
    stories = [
        Article(source="sources/a.txt", title="A", body=(Block("paragraph", "Mr Cohen, a former adviser, told The Sunn: “It all started to change.”"),)),
        Article(source="sources/b.txt", title="B", body=(Block("paragraph", "Voters across the Sunn Belt states of Arizona and Georgia have moved."),)),
    ]
    tagged = tag_with_collection([tag(story, kb) for story in stories], kb)
    assert "Sunn" in {m.entity for m in tagged[0].mentions} and "Sunn" not in {m.entity for m in tagged[1].mentions}


def test_the_soviet_union_is_a_place_and_the_pentagon_the_defense_department(kb):
    names = found(kb, "After the Soviet Union's collapse, a Pentagon memo seen by reporters warned of new risks in Europe.")
    assert names.get("Soviet Union") == "place" and names.get("Department of Defense") == "organisation", sorted(names.items())


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Yao Zhee, a Beijing-based researcher at Greenpeacee East Asia, suspects that it slowed the work.", "Greenpeacee East Asia"),
        ("It may take years, said Peter McNallyy of Thirdd Bridge, a London-based private equity and investment research firm.", "Thirdd Bridge"),
        ("“We have never forgotten these things,” a volunteer told Metroo previously, and others agreed.", "Metroo"),
        ("Shares of Siemenss Energy AG fell by 4% after the results were published in Munich.", "Siemenss Energy AG"),
    ],
)
def test_bodies_by_who_works_there_who_talks_to_them_and_their_legal_form(kb, text, body):
    names = found(kb, text)
    assert names.get(body) == "organisation", sorted(names.items())


@pytest.mark.parametrize(
    ("text", "not_an_organisation"),
    [
        ("“It was hard,” she told Harriss. Kamala Harriss had asked her about the case before.", "Harriss"),  # a person's surname
        ("He told Parliament that the budget would be balanced, and left for the summit.", "Parliament"),
        ("She is a student at Oxford and a researcher at the Natural History Museum in London.", "Oxford"),  # a city
    ],
)
def test_who_is_told_or_where_one_works_is_no_body_when_the_article_says_otherwise(kb, text, not_an_organisation):
    names = found(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


# --- after the sixth held-out set was measured ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Author and one of the organisers, Kelly L Clarkee, from Vredehoek, said the conference was a success.", "Kelly L Clarkee", "person"),
        ("Manchester United manager Erik ten Hagg said the injuries had cost them the season.", "Erik ten Hagg", "person"),
        ("Members of the Montanna Freedom Caucus voted against the bill on Tuesday.", "Montanna Freedom Caucus", "organisation"),
        ("The bill now goes to the House of Lords, where peers will debate it next month.", "House of Lords", "organisation"),
        ("It became Chelsea’s game in hand over Newcastlee and Manchester United in the race for Europe.", "Newcastlee", "organisation"),
    ],
)
def test_names_found_after_the_sixth_set(kb, text, name, kind):
    names = found(kb, text)
    assert names.get(name) == kind, sorted(names.items())


@pytest.mark.parametrize(
    ("text", "not_an_organisation"),
    [
        ("Booking insider Tessa Bishopp, Head of Sales and Customer Services at Ocean Resorts, shared the best time to go.", "Sales and Customer Services"),
        ("Huawei, Shenzhen and Alibaba were named in the report on Monday.", "Shenzhen"),  # a city listed with firms is a place
    ],
)
def test_departments_and_cities_in_lists_of_firms_are_no_organisations(kb, text, not_an_organisation):
    names = found(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


def test_a_shop_after_a_price_is_an_organisation_but_a_source_after_a_sum_is_not_read_so(kb):
    names = found(
        kb,
        "Fans of the cleaning pad (£2.00, Asdda) swear by it, and the airer costs $19.99 at Wallmart.",
        "The deal was worth $5 billion, officials said, and it cost £40, Smithh said on Monday.",
    )
    assert names.get("Asdda") == "organisation" and names.get("Wallmart") == "organisation", sorted(names.items())
    assert names.get("Smithh") != "organisation", sorted(names.items())


SPORTS_REPORT = (
    "Chelsea won the match 2-0 to keep their season alive, and the manager praised the squad after the final whistle.",
    "The two goals came before half-time, and the points lift them to sixth in the league table after beating Tottenhamm.",
    "Next they face Bournemouthh away, and the fixture could decide who finishes in the European places.",
)


def test_in_a_sports_report_the_side_a_team_plays_is_a_club(kb):
    names = found(kb, *SPORTS_REPORT)
    assert names.get("Tottenhamm") == "organisation" and names.get("Bournemouthh") == "organisation", sorted(names.items())


def test_outside_a_sports_report_a_town_after_against_is_no_club(kb):
    names = found(kb, "Residents protested against Tottenhamm council's plans, and officials will face Bournemouthh voters next week.")
    assert "organisation" not in {names.get("Tottenhamm"), names.get("Bournemouthh")}, sorted(names.items())


def test_a_person_or_a_country_after_against_in_a_sports_report_is_no_club(kb):
    names = found(kb, *SPORTS_REPORT, "He scored against Germany last year and played against Harry Kanee in the final.")
    assert names.get("Germany") == "place" and names.get("Harry Kanee") != "organisation", sorted(names.items())


def test_a_pair_inside_a_list_is_no_two_organisations(kb):
    names = found(kb, "The 1979 festival lineup included Aerosmith, Cheechh and Chongg, AC/DC and Van Halen, and it sold out.")
    assert names.get("Aerosmith") == "organisation" and names.get("AC/DC") == "organisation", sorted(names.items())
    assert "organisation" not in {names.get("Cheechh"), names.get("Chongg")}, sorted(names.items())
