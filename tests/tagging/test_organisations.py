"""Organisations, laws and programmes: by their form, acronyms, what the sentence says of them, lists, and what is none."""

from __future__ import annotations

import pytest

from briefing.language import organisations as organisation_list
from briefing.tagging.discovery import acronyms, organisation_cues, organisations
from briefing.tagging.tag import tag

from .stories import article, found, kinds

# --- acronyms ----------------------------------------------------------------------------------------


def test_a_name_defined_by_its_acronym_is_an_organisation_and_the_acronym_stands_for_it(kb):
    names = found(kb, "The Economic Freedom Fighterz (EFF) walked out of the sitting on Tuesday.", "Later the EFF returned to the chamber.")
    assert names["Economic Freedom Fighterz"].kind == "organisation" and names["Economic Freedom Fighterz"].discovered
    assert names["Economic Freedom Fighterz"].count == 3  # the name, "(EFF)" and the later "EFF"
    assert "EFF" not in names


def test_the_acronym_names_the_tail_that_spells_it(kb):
    names = found(kb, "Officials said the Gautenk Flood Disaster Response Team (FDRT) closed the roads.", "The FDRT said more rain would come.")
    assert names["Flood Disaster Response Team"].kind == "organisation" and names["Flood Disaster Response Team"].count == 3


def test_a_possessive_before_the_acronym_is_not_part_of_the_name(kb):
    names = found(kb, "It rests on the Northern Atlantic Fishing Organisation's (NAFO) common rules, the minister said.")
    assert names["Northern Atlantic Fishing Organisation"].kind == "organisation"


def test_a_government_is_an_organisation_by_its_head_but_my_government_is_no_name(kb):
    names = found(kb, "The Gautenk Provincial Government urged residents to stay indoors on Monday.", "My Government will bring forward a bill, the king said.")
    assert names["Gautenk Provincial Government"].kind == "organisation"
    assert "My Government" not in names


def test_two_plain_words_before_initials_are_no_organisation(kb):
    names = found(kb, "The report by John Smithe (JS) was read out at the hearing on Monday.")
    assert not any(m.kind == "organisation" for m in names.values())


def test_an_acronym_and_a_party_are_two_names_not_one(kb):
    names = found(kb, "The EFZ and Umkhonto Party voted against the budget in the house on Wednesday.")
    assert "Umkhonto Party" in names
    assert not any(" and " in name for name in names)


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


def test_an_acronym_that_acts_is_an_organisation_even_when_used_once(kb):
    names = kinds(kb, "In February, NASKAR kicked off the start of their 74th season with an exhibition race inside the stadium.")
    assert names.get("NASKAR") == "organisation", sorted(names.items())


# --- parties, makers, fans ---------------------------------------------------------------------------


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


# --- by what the sentence says of them ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Yahya Sinwar was named the new leader of Hamaz's political bureau on Tuesday.", "Hamaz"),
        ("She is a member of Fine Gaell, the other party in the government.", "Fine Gaell"),
        ("he told the Saudi state-owned Al-Arabiyya television on Sunday.", "Al-Arabiyya"),
        ("In addition, the Japanese Communist Party and Komeitoo also want Japan to take part.", "Komeitoo"),
    ],
)
def test_organisations_are_discovered_by_what_only_a_body_has_and_the_lists_they_share(kb, text, name):
    names = found(kb, text)
    assert names[name].kind == "organisation" and names[name].discovered


@pytest.mark.parametrize(
    "text",
    [
        "He is a member of the Kennedy family and spoke at the dinner.",
        "The investment came from the Japanese Communist Party and Tim Cookk on Friday.",
        "He met officials at the Ministry of Environment, Forestry and Tourism on Friday.",
        "When I was growing up my dad was a Conservative, the Conservative Party was the default.",
    ],
)
def test_families_people_and_a_names_own_list_are_no_new_organisations(kb, text):
    organisations = {name for name, mention in found(kb, text).items() if mention.kind == "organisation"}
    assert not {"Kennedy", "Tim Cookk", "Forestry", "Tourism", "Conservative"} & organisations, sorted(organisations)


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


def test_supporters_of_a_person_named_in_full_make_no_organisation(kb):
    names = found(kb, "Donald Trumpp spoke in Ohio.", "Trumpp supporters cheered, and Trumpp supporters stayed late.")
    assert not ("Trumpp" in names and names["Trumpp"].kind == "organisation"), sorted(names)


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


# --- outlets and public bodies -----------------------------------------------------------------------


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
    names = kinds(kb, text)
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
    names = kinds(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


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
    names = kinds(kb, text)
    assert names.get(body) == "organisation", sorted(names.items())


def test_a_region_of_a_country_is_no_public_body(kb):
    names = kinds(kb, "Flights to Western Canada and New England rose this year, and more people moved to Atlantic Canada.")
    assert "organisation" not in names.values(), sorted(names.items())


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
    names = kinds(kb, text)
    assert names.get(body) == "organisation", sorted(names.items())


def test_a_person_of_a_body_is_not_part_of_its_name(kb):
    names = kinds(kb, "Lauri Mylyvirta of the Centre for Researchh on Energy and Clean Air in Helsinki said coal use fell.")
    assert names.get("Lauri Mylyvirta") == "person" and not any(n.startswith("Lauri") and names[n] == "organisation" for n in names)


def test_the_soviet_union_is_a_place_and_the_pentagon_the_defense_department(kb):
    names = kinds(kb, "After the Soviet Union's collapse, a Pentagon memo seen by reporters warned of new risks in Europe.")
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
    names = kinds(kb, text)
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
    names = kinds(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


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
    names = kinds(kb, text)
    assert names.get(name) == kind, sorted(names.items())


def test_a_shop_after_a_price_is_an_organisation_but_a_source_after_a_sum_is_not_read_so(kb):
    names = kinds(
        kb,
        "Fans of the cleaning pad (£2.00, Asdda) swear by it, and the airer costs $19.99 at Wallmart.",
        "The deal was worth $5 billion, officials said, and it cost £40, Smithh said on Monday.",
    )
    assert names.get("Asdda") == "organisation" and names.get("Wallmart") == "organisation", sorted(names.items())
    assert names.get("Smithh") != "organisation", sorted(names.items())


# --- lists and the organisation list -----------------------------------------------------------------


def test_clubs_listed_with_a_club_are_organisations_but_cities_are_not(kb):
    names = kinds(kb, "He used complimentary seats to watch Arsenal play Manchester United, Leicesterr City and Porto this season.")
    assert names.get("Leicesterr City") == "organisation" and names.get("Porto") == "organisation", sorted(names.items())
    names = kinds(kb, "Flights go from Newark to Mexico City and Kansas City every morning, the airline said in a statement.")
    assert names.get("Mexico City") == "place" and "organisation" not in {names.get("Kansas City")}, sorted(names.items())


@pytest.mark.parametrize(
    ("text", "not_an_organisation"),
    [
        ("Booking insider Tessa Bishopp, Head of Sales and Customer Services at Ocean Resorts, shared the best time to go.", "Sales and Customer Services"),
        ("Huawei, Shenzhen and Alibaba were named in the report on Monday.", "Shenzhen"),  # a city listed with firms is a place
    ],
)
def test_departments_and_cities_in_lists_of_firms_are_no_organisations(kb, text, not_an_organisation):
    names = kinds(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


def test_a_pair_inside_a_list_is_no_two_organisations(kb):
    names = kinds(kb, "The 1979 festival lineup included Aerosmith, Cheechh and Chongg, AC/DC and Van Halen, and it sold out.")
    assert names.get("Aerosmith") == "organisation" and names.get("AC/DC") == "organisation", sorted(names.items())
    assert "organisation" not in {names.get("Cheechh"), names.get("Chongg")}, sorted(names.items())


def test_the_shipped_organisation_list_is_lower_case_without_the_stoplist():
    names = organisation_list.names()
    assert {"associated press", "goldman sachs", "metallica", "green bay packers", "beatles"} <= names
    assert not names & organisation_list.STOPLIST and all(n == n.lower() and not n.startswith("the ") for n in names)


def test_well_known_organisations_named_bare_are_found(kb):
    names = kinds(kb, "The 1979 festival lineup included Aerosmith, AC/DC and Van Halen, and the Dodgers played the next week.")
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
    names = kinds(kb, text)
    assert names.get(not_an_organisation) != "organisation", sorted(names.items())


# --- each rule, called directly ------------------------------------------------------------------

# (rule, text, what it finds: (name, kind)); the names are made up, each sentence a class of case.
RULE_CASES = [
    (organisations.organisations_by_head_word, "The Northern Grain Growers Association met on Friday.", [("Northern Grain Growers Association", "organisation")]),
    (organisations.organisations_by_head_word, "It was passed as the Clean Rivers Act last year.", [("Clean Rivers Act", "other")]),
    (organisations.listed_organisations, "Shares in Boeing rose after the deal.", [("Boeing", "organisation")]),
    (organisation_cues.organisations_by_kind, "The figures were published by the newspaper Daglig Posten on Monday.", [("Daglig Posten", "organisation")]),
    (organisation_cues.organisations_by_apposition, "Brightwater Trust, a local charity that runs shelters, said it was full.", [("Brightwater Trust", "organisation")]),
    (organisation_cues.media_by_medium, "The footage was aired by the Kessel Today television on Sunday.", [("Kessel Today", "organisation")]),
    (organisation_cues.organisations_by_membership, "She is a member of Unity Front and sits in the assembly.", [("Unity Front", "organisation")]),
    (organisation_cues.outlets_named_with_the, "He told the Harbour Ledger that the talks had failed.", [("Harbour Ledger", "organisation")]),
    (organisation_cues.employers, "The rise will last, said an economist at Fairmont Analytics on Monday.", [("Fairmont Analytics", "organisation")]),
    (organisation_cues.shops_by_price, "Wool blanket, £35, Hollins & Co.", [("Hollins & Co", "organisation")]),
    (organisation_cues.daily_newspapers, "The story first appeared in the Daily Courant on Sunday.", [("Daily Courant", "organisation")]),
    (organisation_cues.national_bodies, "The grant came from Heritage Scotland last spring.", [("Heritage Scotland", "organisation")]),
    (organisation_cues.un_bodies, "Aid was sent by UN Habitat to the region.", [("UN Habitat", "organisation")]),
    (acronyms.organisations_by_acronym, "The Coastal Rescue Volunteers Network (CRVN) sent boats.", [("Coastal Rescue Volunteers Network", "organisation")]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RULE_CASES, ids=[case[0].__name__ for case in RULE_CASES])
def test_each_organisation_rule_finds_its_case(rule, text, expected):
    spans = rule(text)
    assert [(s.entity, s.kind) for s in spans] == expected
    assert all(s.discovered and s.rule == rule.__name__ for s in spans)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (organisation_cues.organisations_by_membership, "She is a member of the Brandt family and sits in the assembly."),  # a noun after
        (organisation_cues.national_bodies, "Snow fell across Western Canada overnight."),  # a region, not a body
        (acronyms.organisations_by_acronym, "John Smith (JS) signed the letter."),  # two plain words: a person's initials
    ],
)
def test_a_rule_finds_no_organisation_where_its_words_say_otherwise(rule, text):
    assert rule(text) == []


def test_the_rules_that_need_the_whole_article_read_it():
    text = "Rovers fans sang outside the ground as Rovers lost."
    assert [s.entity for s in organisation_cues.organisations_by_members(text, text)] == ["Rovers"]
    assert organisation_cues.organisations_by_members(text, "Rovers fans sang. the rovers came home.") == []  # a word in lower case too
    text = "Velmora boss Anika Strom said the plant would stay open."
    assert [s.entity for s in organisation_cues.bodies_before_a_title(text, text)] == ["Velmora"]
    text = "He told Kestrel. Kestrel is a weekly."
    assert [s.entity for s in organisation_cues.outlets_told_by_name(text, text)] == ["Kestrel"]


def test_the_article_wide_rules_record_which_text_they_found_a_name_in():
    texts = ["A story", "Voters turned against the Greens in the city.", "The Greens' leader spoke."]
    assert [(s.entity, s.text) for s in organisations.parties_by_family(texts, [False, True, True])] == [("Green Party", 1), ("Green Party", 2)]
    texts = ["A story", "The flight was operated by an Airbus A320 on Monday."]
    assert [(s.entity, s.text) for s in organisations.makers_by_model(texts, [False, True])] == [("Airbus", 1)]
    texts = ["A story", "The KPLA said on Monday that the KPLA would strike."]
    assert [(s.entity, s.text) for s in acronyms.organisations_by_acronym_use(texts, [False, True])] == [("KPLA", 1), ("KPLA", 1)]
    assert acronyms.organisations_by_acronym_use(texts, [False, False]) == []  # nowhere discovery may look


def test_an_unknown_name_listed_with_a_known_organisation_is_one(small_kb):
    text = "Contracts went to Velmora Systems and Quillon last year."
    spans = organisations.listed_with_organisations(text, small_kb.matcher.find(text))
    assert [(s.entity, s.kind, s.strength, s.rule) for s in spans] == [("Quillon", "organisation", 1, "listed_with_organisations")]
    text = "Contracts went to Velmora Systems and Dana Whitcombe last year."
    assert organisations.listed_with_organisations(text, small_kb.matcher.find(text)) == []  # a list with a person is left alone


def test_an_organisation_found_by_its_cue_says_so_and_a_known_one_says_kb(small_kb):
    story = article("Velmora Systems signed a deal with the newspaper Daglig Posten on Monday, officials said.")
    assert {m.entity: (m.kind, m.rule) for m in tag(story, small_kb).mentions} == {
        "Velmora Systems": ("organisation", "kb"),
        "Daglig Posten": ("organisation", "organisations_by_kind"),
    }


def test_a_name_two_cues_find_takes_the_kind_and_rule_of_the_stronger(small_kb):
    story = article(
        "Daglig Posten said the report was accurate in every detail, its editor added.",  # said: a person's cue, weak
        "The figures were first printed by the newspaper Daglig Posten on Monday.",  # the newspaper: stronger
    )
    assert [(m.entity, m.kind, m.rule) for m in tag(story, small_kb).mentions] == [("Daglig Posten", "organisation", "organisations_by_kind")]
