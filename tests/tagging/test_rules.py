"""The discovery rules as a catalogue: each registered, documented with examples, and tested directly."""

from __future__ import annotations

import inspect

from briefing.tagging import discovery
from briefing.tagging.discovery import (
    acronyms,
    organisation_cues,
    organisations,
    people,
    places,
)

from .test_organisations import RULE_CASES as ORGANISATION_CASES
from .test_people import RULE_CASES as PEOPLE_CASES
from .test_places import RULE_CASES as PLACE_CASES

MODULES = (people, organisations, organisation_cues, acronyms, places)

# The rules whose cases need more than a text (a whole article, the names already found) and have tests of their own.
TESTED_APART = {
    "people_by_recurrence", "people_by_given_name", "listed_with_organisations", "organisations_by_members",
    "bodies_before_a_title", "outlets_told_by_name", "parties_by_family", "makers_by_model", "organisations_by_acronym_use",
    "teams", "opponents",
}  # fmt: skip


def test_every_rule_is_registered_under_its_function_name():
    assert all(discovery.RULES[name].__name__ == name for name in discovery.RULES)
    public = {
        name
        for module in MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and name in discovery.RULES
    }
    assert public == set(discovery.RULES)
    assert len(discovery.RULES) == 37  # 45 before issue 15's ablations dropped eight


def test_every_rule_states_its_rule_and_an_example():
    for name, rule in discovery.RULES.items():
        doc = inspect.getdoc(rule) or ""
        assert len(doc.partition("\n")[0].split()) >= 6, f"{name}: the docstring's first line states the rule"
        assert doc.count('"') >= 2, f"{name}: no quoted example in its docstring"


def test_every_rule_is_tested_directly():
    tested = {case[0].__name__ for case in PEOPLE_CASES + ORGANISATION_CASES + PLACE_CASES} | TESTED_APART
    assert tested == set(discovery.RULES)
