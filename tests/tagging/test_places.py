"""Places: by a preposition, a street's form or the city list; clubs named by their town; and what is no place."""

from __future__ import annotations

import pytest

from briefing.language import cities as gazetteer
from briefing.tagging.collection import collection_names
from briefing.tagging.discovery import places
from briefing.tagging.tag import tag

from .stories import article, found, kinds

# --- by a cue ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Haniyeh was killed by an airstrike in Tehrann, where he was attending the inauguration.", "Tehrann"),
        ("One of the protesters, a lecturer from Nottinghamm, said the plays must stop.", "Nottinghamm"),
        ("He was given a pass to access Bramblewood Street after the election.", "Bramblewood Street"),
        ("Richard Weir, 60, from Tynemouth, North Tynesidde, said he started his career there.", "North Tynesidde"),
        ("He went on to his constituency count at Camdenn town hall, north London.", "Camdenn"),
    ],
)
def test_places_are_discovered_after_a_preposition_by_a_dateline_region_and_a_street_form(kb, text, name):
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


# --- the city list -----------------------------------------------------------------------------------


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


# --- clubs and sports --------------------------------------------------------------------------------


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


SPORTS_REPORT = (
    "Chelsea won the match 2-0 to keep their season alive, and the manager praised the squad after the final whistle.",
    "The two goals came before half-time, and the points lift them to sixth in the league table after beating Tottenhamm.",
    "Next they face Bournemouthh away, and the fixture could decide who finishes in the European places.",
)


def test_in_a_sports_report_the_side_a_team_plays_is_a_club(kb):
    names = kinds(kb, *SPORTS_REPORT)
    assert names.get("Tottenhamm") == "organisation" and names.get("Bournemouthh") == "organisation", sorted(names.items())


def test_outside_a_sports_report_a_town_after_against_is_no_club(kb):
    names = kinds(kb, "Residents protested against Tottenhamm council's plans, and officials will face Bournemouthh voters next week.")
    assert "organisation" not in {names.get("Tottenhamm"), names.get("Bournemouthh")}, sorted(names.items())


def test_a_person_or_a_country_after_against_in_a_sports_report_is_no_club(kb):
    names = kinds(kb, *SPORTS_REPORT, "He scored against Germany last year and played against Harry Kanee in the final.")
    assert names.get("Germany") == "place" and names.get("Harry Kanee") != "organisation", sorted(names.items())


# --- each rule, called directly ------------------------------------------------------------------

SPORTS = "The match was tight: the striker scored a goal, the goalkeeper saved a penalty, and the league season ended with the derby."

# (rule, text, what it finds: (name, kind)); the names are made up, each sentence a class of case.
RULE_CASES = [
    (places.places_by_dateline, "BRACKLEY, May 3 (Wire) - Officials said the bridge would reopen.", [("Brackley", "place")]),
    (places.places_after_a_preposition, "The protest took place in Tarnwick on Sunday.", [("Tarnwick", "place")]),
    (places.places_after_a_preposition, "Ellen Marsh, 60, from Tarnwick, Upper Dene, was hurt.", [("Tarnwick", "place"), ("Upper Dene", "place")]),
    (places.streets, "Crowds filled Elmwood Road by noon.", [("Elmwood Road", "place")]),
    (places.cities, "Protests spread to Kharkiv overnight.", [("Kharkiv", "place")]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RULE_CASES, ids=[f"{case[0].__name__}-{i}" for i, case in enumerate(RULE_CASES)])
def test_each_place_rule_finds_its_case(rule, text, expected):
    spans = rule(text)
    assert [(s.entity, s.kind) for s in spans] == expected
    assert all(s.discovered and s.rule == rule.__name__ for s in spans)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (places.places_after_a_preposition, "She had a stake in Velmora and wrote in Harbour, in English, in Spring."),  # invested, written, a language
        (places.places_after_a_preposition, "The clip spread from Kestrel to other sites."),  # "from": a source, not a home
        (places.cities, "The Dallas Cowboys and Mr Jackson met at 180 Kent."),  # inside a longer name, a person, an address
    ],
)
def test_a_rule_finds_no_place_where_the_words_around_say_otherwise(rule, text):
    assert rule(text) == []


def test_find_places_reads_a_dateline_only_in_the_first_block():
    text = "BRACKLEY, May 3 (Wire) - Officials said the bridge would reopen."
    assert [s.rule for s in places.find_places(text, True)] == ["places_by_dateline"]
    assert places.find_places(text, False) == []


def test_a_known_place_and_a_nickname_make_a_club(small_kb):
    text = "The Port Avery Comets beat the visitors, and fans gathered in Norland."
    spans = places.teams(text, small_kb.matcher.find(text), text)
    assert [(s.entity, s.kind, s.rule) for s in spans] == [("Port Avery Comets", "organisation", "teams")]


def test_in_a_sports_report_the_side_played_is_a_club_and_elsewhere_no_rule_reads_it():
    text = f"{SPORTS} They lost to Tarnwick."
    assert [(s.entity, s.kind) for s in places.opponents(text, text)] == [("Tarnwick", "organisation")]
    assert places.opponents("They lost to Tarnwick.", "They lost to Tarnwick.") == []


def test_a_place_found_by_a_preposition_says_so_and_a_known_place_says_kb(small_kb):
    story = article("Officials from Port Avery met the council in Tarnwick on Sunday, the mayor said.")
    assert {m.entity: (m.kind, m.rule) for m in tag(story, small_kb).mentions} == {
        "Port Avery": ("place", "kb"),
        "Tarnwick": ("place", "places_after_a_preposition"),
    }
