"""People: found by a title or role, by a given name, by the surname acting alone, and what is no person."""

from __future__ import annotations

import json

import pytest

from briefing.language import given_names
from briefing.pipeline import build, process_source
from briefing.tagging.discovery import people
from briefing.tagging.tag import tag

from .stories import ROOT, article, found, kinds

LABELLED = ROOT / "bench" / "labels" / "bench_texts.json"


# --- by a title, a role or the words around the name -------------------------------------------------


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
        # "Jr." makes a name of words that are titles too ("King"); the statistical layer keeps it in the name.
        ("The event was held with Martin Lutherr King Jr. as the keynote speaker, and thousands came to hear him.", "Martin Lutherr King Jr."),
        # A noun only a person is.
        ("After the meeting, we learnt that Saphinaa Ndalii was a retired teacher from the town, and she agreed.", "Saphinaa Ndalii"),
        # A publisher is a title.
        ("It lists the members of the association (including then Los Angeles Times publisher Harry Chandlerr), the architects.", "Harry Chandlerr"),
    ],
)
def test_people_found_by_the_words_around_their_names(kb, text, person):
    names = kinds(kb, text)
    assert names.get(person) == "person", sorted(names.items())


def test_malaysian_honorifics_are_no_part_of_the_name(kb):
    names = kinds(
        kb,
        "Private companies did not pay for Prime Minister Datuk Seri Anwarr Ibrahimm’s recent travels abroad, the minister said.",
        "He said Izzah and Datuk Faiz (Prof Datuk Mohdd Faizz Abdullahh), who heads the institute, were invited as speakers.",
    )
    assert names.get("Anwarr Ibrahimm") == "person" and names.get("Mohdd Faizz Abdullahh") == "person", sorted(names.items())
    assert not any(name.startswith(("Datuk", "Seri", "Prof")) for name in names), sorted(names)


def test_a_hyphenated_military_rank_is_a_title_not_part_of_the_name(kb):
    names = kinds(kb, "The first witness at the trial was Hawks head Major-Gen Gopaull Govenderr, who led the unit for years.")
    assert names.get("Gopaull Govenderr") == "person" and not any(n.startswith("Major") for n in names), sorted(names.items())


def test_a_hyphenated_title_and_the_body_before_it_are_no_part_of_a_name(kb):
    names = kinds(kb, "Teamsters Secretary-Treasurer Fredd Zuckermann said the union would strike if talks failed.")
    assert names.get("Fredd Zuckermann") == "person", sorted(names.items())


def test_a_titled_person_whose_surname_is_a_place_is_a_person(kb):
    names = kinds(kb, "The team signed UCLA star Kenny Washington on March 21, 1946, making him the first Black player signed.")
    assert names.get("Kenny Washington") == "person" and "Washington, D.C." not in names, sorted(names.items())


def test_a_surname_that_is_a_place_after_no_title_stays_a_place(kb):
    names = kinds(kb, "The delegation flew from Boston to Washington on Monday, and talks began the same evening.")
    assert names.get("Washington, D.C.") == "place", sorted(names.items())


@pytest.mark.parametrize(
    "text",
    [
        "Goldman Sachss is a member of the group that lobbied the regulator last year.",  # firms are members too
        "Costa Ricaa is a small country with a large coastline and many visitors.",
    ],
)
def test_is_a_with_a_noun_firms_and_places_take_finds_no_person(kb, text):
    names = kinds(kb, text)
    assert "person" not in names.values(), sorted(names.items())


# --- by a given name ---------------------------------------------------------------------------------


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


@pytest.mark.skipif(not LABELLED.exists(), reason="labelled texts not present")
def test_on_a_real_page_the_victims_named_without_titles_are_people(kb):
    page = json.loads(LABELLED.read_text(encoding="utf-8"))["fundus-us-thegatewaypundit-v1"]
    body = [p.strip() for p in page["body"].split("\n\n") if p.strip()]
    people = {n for n, m in found(kb, *body).items() if m.kind == "person"}
    assert {"Ethan Chapin", "Xana Kernodle", "Kaylee Goncalves"} <= people


# --- names found whole -------------------------------------------------------------------------------


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


def test_an_irish_surname_with_an_apostrophe_is_a_name(kb):
    names = found(kb, "In Northern Ireland, First Minister Michellee O’Neill, has joined the campaign trail.")
    assert names["Michellee O’Neill"].kind == "person"


# --- by recurrence -----------------------------------------------------------------------------------


def test_a_full_name_then_its_surname_acting_alone_is_a_person(kb):
    names = found(
        kb,
        "Bethany Funkee, one of the two surviving roommates, has agreed to an interview.",
        "Funkee's lawyers filed a motion to quash the subpoena.",
        "However, Funkee agreed to be interviewed in the end.",
    )
    assert names["Bethany Funkee"].kind == "person" and names["Bethany Funkee"].count == 3


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a common word, written in lower case too
        ("Guests loved Point Cabin this summer.", "Cabin rates rose, and Cabin guests said the cabin was warm."),
        # the "surname" only ever beside another capitalised word
        ("Analysts at Capital Economicz agreed with the forecast.", "Desjardins Economicz expects rates to fall and Economicz Weekly agreed."),
        # a sentence's first word is no given name
        ("Although Ishibaa said so, the party was split.", "Ishibaa said he would resign.", "Ishibaa has said it before."),
    ],
)
def test_recurring_capitalised_words_that_are_no_surname_make_no_person(kb, paragraphs):
    names = found(kb, *paragraphs)
    assert not any(m.kind == "person" and " " in name for name, m in names.items()), sorted(names)


# --- roles and quoted sentences ----------------------------------------------------------------------


def test_a_role_runs_past_and_to_the_end_of_the_clause(kb):
    names = found(kb, "Jane Roee, director of the Cybersecurity and Infrastructure Security Agency, said the risk was real.")
    assert names["Jane Roee"].role == "director of the Cybersecurity and Infrastructure Security Agency"
    names = found(kb, "Jane Roee, a senior lawyer and Mark Doee said the risk was real.")
    assert names["Jane Roee"].role == "senior lawyer"


def test_seed_role_is_the_whole_appositive(kb):
    seed = process_source("sources/003_042afaa683db9575.txt", (ROOT / "sources" / "003_042afaa683db9575.txt").read_bytes(), kb)
    roles = {m.entity: m.role for m in seed.mentions}
    assert roles["Robert Strayer"] == "deputy assistant secretary of state for cyber and international communications and information policy"


def test_a_first_sentence_opening_with_a_quote_mark_is_not_quoted_again():
    pages = {p.path: p.markdown for p in build(ROOT, ROOT / "sources", ROOT / "taxonomy").pages}
    wray = pages["entities/christopher-wray.md"]
    assert '\n  "These charges lay bare' in wray
    assert '“"' not in wray and "““" not in wray
    assert "\n  “During a visit last week to Japan, German Chancellor Angela Merkel said" in pages["entities/angela-merkel.md"]


# --- each rule, called directly ------------------------------------------------------------------

# (rule, text, what it finds: (name, role)); the names are made up, each sentence a class of case.
RULE_CASES = [
    (people.titled_people, "Senator Oskar Brandvold said the budget was final.", [("Oskar Brandvold", "Senator")]),
    (people.people_with_a_role_after, "Marta Quennell, a senior engineer at the plant, said the line would reopen.", [("Marta Quennell", "senior engineer at the plant")]),
    (people.people_with_a_role_before, "The plant's chief engineer, Marta Quennell, said the line would reopen.", [("Marta Quennell", "plant's chief engineer")]),
    (people.people_with_an_age, "The driver, Lena Hartigan, 42, was unhurt.", [("Lena Hartigan", "")]),
    (people.peers, "The bill was tabled by Lord Ashcombe on Tuesday.", [("Lord Ashcombe", "")]),
    (people.people_by_speech, "The plan will work, said Tomas Velk on Monday.", [("Tomas Velk", "")]),
    (people.people_by_clause, "Ingrid Solvay, who chairs the panel, disagreed.", [("Ingrid Solvay", "")]),
    (people.people_by_human_noun, "Nadia Okafor is a mother of three from the valley.", [("Nadia Okafor", "")]),
    (people.people_by_life_years, "The bridge was drawn by Edwin Marlowe (1850-1921) in ink.", [("Edwin Marlowe", "")]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RULE_CASES, ids=[case[0].__name__ for case in RULE_CASES])
def test_each_people_rule_finds_its_case(rule, text, expected):
    spans = rule(text)
    assert [(s.entity, s.role) for s in spans] == expected
    assert all(s.kind == "person" and s.discovered and s.rule == rule.__name__ for s in spans)


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (people.titled_people, "Mr Oskar Brandvold said the budget was final.", [("Oskar Brandvold", "")]),  # an honorific is no role
        (people.peers, "Lord Mayor Kemal Ashby opened the fair.", []),  # another capitalised word after: a title, not a peer
        (people.people_by_clause, "She said a Liberal Democrat who chairs the panel disagreed.", []),  # after an article: a description
        (people.people_by_human_noun, "Harbour Bank is a partner of the school.", []),  # firms are partners too
    ],
)
def test_a_rule_finds_no_person_or_role_where_its_cue_describes_none(rule, text, expected):
    assert [(s.entity, s.role) for s in rule(text)] == expected


def test_a_surname_acting_alone_twice_makes_the_full_name_a_person():
    texts = ["A story", "Carla Montreux filed the suit last week.", "Montreux said the ruling was unfair, and Montreux has appealed."]
    spans = people.people_by_recurrence(texts, [False, True, True])
    assert [(s.entity, s.text, s.rule) for s in spans] == [("Carla Montreux", 1, "people_by_recurrence")]
    assert people.people_by_recurrence(texts[:2], [False, True]) == []  # named once: no recurrence


def test_a_given_name_and_a_surname_are_a_person_only_where_discovery_may_look():
    texts = ["Holly Brandt and Kevin Sato", "The victims were Holly Brandt and Kevin Sato, both students at the school."]
    spans = people.people_by_given_name(texts, [False, True])
    assert [(s.entity, s.text) for s in spans] == [("Holly Brandt", 1), ("Kevin Sato", 1)]


def test_a_title_before_one_name_word_is_no_rule_of_its_own():
    (titled,) = people.titled_short_names("President Brandvold said the budget was final.")
    assert (titled.entity, titled.role, titled.rule, titled.discovered) == ("Brandvold", "President", "", False)


def test_a_person_the_small_knowledge_base_knows_is_kb_and_a_titled_stranger_is_discovered(small_kb):
    story = article(
        "Dana Whitcombe met Senator Oskar Brandvold in Port Avery on Tuesday, officials said.",
        "Whitcombe said later that the talks had gone well for both of them.",
    )
    mentions = {m.entity: (m.kind, m.count, m.discovered, m.rule) for m in tag(story, small_kb).mentions}
    assert mentions == {
        "Dana Whitcombe": ("person", 2, False, "kb"),  # the surname alone is a short form: the full name says why
        "Oskar Brandvold": ("person", 1, True, "titled_people"),
        "Port Avery": ("place", 1, False, "kb"),
    }
