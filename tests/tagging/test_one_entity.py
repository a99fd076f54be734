"""One thing, one entity: spellings, tails and a country's possessive join the entity they name; roles merge."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.knowledge import taxonomy
from briefing.knowledge.matcher import name_key
from briefing.model import Entity
from briefing.site.entities import distinct_roles, role_key

from .stories import found


@pytest.fixture(scope="module")
def norland():
    return taxonomy.knowledge_base(
        [
            Entity("Norland", "place", demonyms=("Norlandic",)),
            Entity("Norlandic Workers Party", "organisation", aliases=("NWP",)),
            Entity("U.N. Tarvenn Mission", "organisation"),
        ]
    )


def test_a_body_after_a_countrys_possessive_is_the_known_body_its_demonym_names(norland):
    names = found(norland, "Under Norland's ruling Workers Party, the press is not free, a senior official told reporters.")
    assert "Workers Party" not in names
    assert names["Norlandic Workers Party"].rule == "kb" and names["Norlandic Workers Party"].surface == "Workers Party"


def test_a_shorter_name_that_ends_a_longer_one_in_the_story_joins_it(norland):
    names = found(
        norland,
        "Delegates of the Norland Farmers Union Party met on Monday in the capital.",
        "Its leader said the Farmers Union Party would hold a congress in spring.",
    )
    assert "Farmers Union Party" not in names
    assert names["Norland Farmers Union Party"].count == 2


def test_a_discovered_name_spelt_like_a_known_one_is_the_known_one(norland):
    names = found(norland, "Officials said the UN Tarvenn Mission would open the border on Monday.")
    assert "UN Tarvenn Mission" not in names
    assert names["U.N. Tarvenn Mission"].rule == "kb" and names["U.N. Tarvenn Mission"].surface == "UN Tarvenn Mission"


def test_two_spellings_of_a_discovered_name_in_one_story_are_one_entity(norland):
    names = found(norland, "Velmora Systems Inc. makes routers.", "Its rival VELMORA SYSTEMS INC. said so; the firm Velmora Systems Inc said more.")
    assert [n for n in names if name_key(n) == "velmora systems inc"] == ["Velmora Systems Inc."]
    assert names["Velmora Systems Inc."].count == 3


def test_spellings_share_a_key_without_case_accents_apostrophes_full_stops_or_the():
    assert name_key("U.S. Marine Corps") == name_key("US Marine Corps") == "us marine corps"
    assert name_key("Sinn Féin") == name_key("SINN FEIN")
    assert name_key("the Kremlin") == name_key("Kremlin")


def test_roles_spelt_two_ways_are_one_role():
    roles = Counter({"U.S. Secretary of State": 1, "US Secretary of State": 2, "FBI Director": 1})
    assert distinct_roles(roles) == [("US Secretary of State", 3), ("FBI Director", 1)]
    assert role_key("U.K. Prime Minister") == role_key("UK prime minister")
