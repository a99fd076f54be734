"""Discovery rules of the second round: acronyms, coordination, places by cue, people by recurrence,
organisations by what only a body has, lists, the collection pass, whole roles and quoted sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.language import cities as gazetteer
from briefing.knowledge import taxonomy
from briefing.model import Article, Block
from briefing.pipeline import build, process_source
from briefing.tagging.collection import collection_names, tag_with_collection
from briefing.tagging.tag import tag

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def kb():
    return taxonomy.load(ROOT / "taxonomy")


def article(*paragraphs: str, source: str = "sources/x.txt", authors: tuple[str, ...] = ()) -> Article:
    return Article(source=source, title="A story", body=tuple(Block("paragraph", p) for p in paragraphs), authors=authors)


def found(kb, *paragraphs: str, authors: tuple[str, ...] = ()) -> dict[str, object]:
    return {m.entity: m for m in tag(article(*paragraphs, authors=authors), kb).mentions}


# --- acronyms and coordination ---------------------------------------------------------------


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


# --- places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Haniyeh was killed by an airstrike in Tehrann, where he was attending the inauguration.", "Tehrann"),
        ("One of the protesters, a lecturer from Nottinghamm, said the plays must stop.", "Nottinghamm"),
        ("The Lisbonn-based firm said it would hire more people this year.", "Lisbonn"),
        ("He was given a pass to access Bramblewood Street after the election.", "Bramblewood Street"),
        ("Richard Weir, 60, from Tynemouth, North Tynesidde, said he started his career there.", "North Tynesidde"),
        ("He went on to his constituency count at Camdenn town hall, north London.", "Camdenn"),
    ],
)
def test_places_are_discovered_after_a_preposition_before_based_and_by_a_street_form(kb, text, name):
    names = found(kb, text)
    assert names[name].kind == "place" and names[name].discovered


@pytest.mark.parametrize(
    "text",
    [
        "The interview was given in English, and later published in Jacobin for the wider public.",
        "The posts were removed from Reddit within hours of being written.",
        "She bought a chalet in Val d'Isère last year with her savings.",
        "Two journalists from Al Jazeera and another from AFP were also killed in the attack.",
        "Stores in Public Spaces were closed, and the public spaces were empty for weeks.",
        "Save this story in My Bookmarks and read it later, when you have the time.",
    ],
)
def test_languages_sources_and_common_words_after_a_preposition_are_no_places(kb, text):
    assert not any(m.kind == "place" and m.discovered for m in found(kb, text).values())


def test_a_surname_after_from_is_the_person_not_a_place(kb):
    names = found(kb, "Montana senator Jon Testerr bills himself as a moderate.", "The elder donor has given to two candidates aside from Testerr.")
    assert names["Jon Testerr"].kind == "person" and names["Jon Testerr"].count == 2
    assert "Testerr" not in names


def test_a_demonym_of_a_place_of_the_article_is_no_place(kb):
    names = found(kb, "The plane flew from the capital of Nepal on Tuesday.", "The crew spoke in Nepali to the passengers.")
    assert "Nepali" not in names


# --- cities of the shipped list ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, places",
    [
        ("Protests spread to Kharkiv and Odesa on Sunday, and the crowds grew.", ["Kharkiv", "Odesa"]),
        ("Storms could hit Tulsa, Oklahoma, and Omaha late on Friday night.", ["Omaha", "Tulsa"]),
        ("Buses leaving Dar es Salaam were full before dawn on the holiday.", ["Dar es Salaam"]),
        ("Fans drove up from Montreal for the game, a four-hour trip.", ["Montreal"]),
    ],
)
def test_a_city_of_the_list_is_a_place_without_a_preposition(kb, text, places):
    names = found(kb, text)
    assert [n for n, m in sorted(names.items()) if m.kind == "place" and m.discovered] == places


def test_the_city_list_keeps_big_cities_and_capitals_written_as_names_with_their_plain_spelling():
    def city(name, population, country="XX"):
        return {"name": name, "population": population, "countrycode": country}

    cities = {
        1: city("Montréal", 1_600_000, "CA"),
        2: city("Smallton", 20_000),
        3: city("Tinyville", 20_000, "YY"),  # a capital
        4: city("les Escaldes", 150_000),
        5: city("Būsh", 150_000),  # a transliteration: no plain spelling
        6: city("Metro", 150_000),  # a word of the stoplist
        7: city("Paris 20 Ménilmontant", 190_000),
    }
    countries = {"YY": {"iso": "YY", "capital": "Tinyville"}}
    assert gazetteer.select(cities, countries) == ["Būsh", "Montreal", "Montréal", "Tinyville"]


def test_a_persons_surname_that_is_also_a_city_is_no_place(kb):
    names = found(kb, "President Andrew Jackson signed the removal act in 1830.", "Jackson later defended the policy in a message.")
    assert names["Andrew Jackson"].kind == "person" and names["Andrew Jackson"].count == 2
    assert "Jackson" not in names


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("Fans of the Dallas Cowboys queued for hours outside the stadium on Sunday.",),  # inside a longer name
        ("He wrote for the Washington Post before he joined the campaign last year.",),
        ("The old fort above Bath was busy on Monday morning.", "He ran a hot bath when he came home."),  # a word in lower case
        ("The department said 180 Kent is assigned to another agency this year.",),  # an address
        ("Newcastle, who are seventh, are two points above Chelsea but have played a game more.",),  # a club
        ("The old Harris-Boston mill was sold to developers last year.",),  # part of a word
    ],
)
def test_a_city_name_that_is_part_of_another_name_or_a_word_is_no_place(kb, paragraphs):
    names = found(kb, *paragraphs)
    assert not any(m.kind == "place" and m.discovered for m in names.values()), sorted(names)


def test_the_city_list_gives_way_to_a_stronger_cue_and_stays_out_of_the_collection(kb):
    names = found(kb, "Rival clubs Arsenal, Chelsea FC and Porto all bid for the striker this week.")
    assert "Porto" not in names or names["Porto"].kind != "place"
    first = tag(article("Thousands marched in San Francisco on Saturday against the plan."), kb)
    assert "San Francisco" in {m.entity for m in first.mentions}
    assert not collection_names([first]).find("San Francisco")


# --- people by recurrence -----------------------------------------------------------------------


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


# --- organisations by what only a body has, and by lists -------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Yahya Sinwar was named the new leader of Hamaz's political bureau on Tuesday.", "Hamaz"),
        ("That reflects the preference for a presidency that can challenge the current Fianna Faill-led coalition.", "Fianna Faill"),
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


# --- the collection pass -------------------------------------------------------------------------


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


# --- roles and quoted sentences ------------------------------------------------------------------


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
