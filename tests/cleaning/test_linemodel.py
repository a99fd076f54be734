"""The learned line decision: its tree walker, its shipped weights, and its place beside the rules."""

from __future__ import annotations

import json

import numpy as np

from briefing.cleaning import linemodel, lines
from briefing.cleaning.clean import clean
from briefing.cleaning.text import _lines as split
from briefing.sources.read import read

# Two stumps: the first splits on feature 0 at 1.5, the second on feature 1 at 0.0.
STUMPS = {
    "feature": [0, 0, 0, 1, 0, 0],
    "threshold": [1.5, 0.0, 0.0, 0.0, 0.0, 0.0],
    "left": [1, 1, 2, 4, 4, 5],
    "right": [2, 1, 2, 5, 4, 5],
    "value": [0.0, -2.0, 2.0, 0.0, -1.0, 1.0],
    "roots": [0, 3],
    "depth": 1,
    "baseline": 0.5,
}


def test_the_forest_adds_the_leaf_of_every_tree_to_the_baseline():
    forest = linemodel.Forest(STUMPS)
    rows = np.array([[1.0, -1.0], [2.0, -1.0], [2.0, 3.0]])
    raw = np.log(forest.chances(rows) / (1 - forest.chances(rows)))
    assert np.allclose(raw, [0.5 - 2 - 1, 0.5 + 2 - 1, 0.5 + 2 + 1])


def test_the_shipped_weights_are_json_with_both_models_and_a_vocabulary():
    data = json.loads(linemodel.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert {"lines", "headline", "vocabulary"} <= set(data)
    assert data["lines"]["depth"] <= 8
    one_line = linemodel.features(_lines("A line of text."), {}, (0, 0), {})
    assert max(data["lines"]["feature"]) < one_line.shape[1]
    assert all(isinstance(value, float) for value in data["vocabulary"].values())


def _lines(text: str):
    return split(text, 1)


def test_without_weights_the_rules_decide_alone():
    page = "\n".join(
        ["Home", "Harbour works begin after ten years of argument", "By Jane Roe"]
        + ["The council voted on Tuesday to extend the harbour, a project that has divided the town for a decade."]
        + ["Supporters say the new quay will bring ferries back, while fishermen fear the works will scare the fish."]
    )
    source = read("sources/x.txt", page.encode("utf-8"))
    with linemodel.using({}):
        ruled = clean(source)
    assert ruled.title == "Harbour works begin after ten years of argument"
    assert not any(r.reason == linemodel.NOT_TEXT for r in ruled.removed)


def test_words_of_scripts_written_without_spaces_are_counted():
    assert lines.word_count("東京都の新しい橋が来月開通する予定だと市が発表した。") >= 10
    assert lines.word_count("The bridge opens next month.") == 5
    assert lines.is_prose("東京都の新しい橋が来月開通する予定だと市が発表した。住民は歓迎している。")


def test_a_teasers_kicker_is_a_word_or_three_in_capitals_and_a_colon():
    assert lines.is_kicker("HARBOUR: The ferry company said it would cut its timetable.")
    assert not lines.is_kicker("Harbour: the ferry company said it would cut its timetable.")
    assert not lines.is_kicker("Q: Why?")
