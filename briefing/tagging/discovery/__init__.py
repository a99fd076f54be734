"""Discovery of entities the knowledge base does not know yet, by their form in the text.

Only strong cues make a new entity, because a bare capitalised name is as
likely to be a photo credit, a commenter or a menu item as a person:

- a person introduced with a title or role, or named by what only a person
  does (:mod:`~briefing.tagging.discovery.people`);
- an organisation by its form, by the lists it stands in, or by the shipped
  list of well-known names (:mod:`~briefing.tagging.discovery.organisations`);
  by what the sentence says of it
  (:mod:`~briefing.tagging.discovery.organisation_cues`); by its acronym
  (:mod:`~briefing.tagging.discovery.acronyms`);
- a place after a preposition of place, by a street's form,
  or a city of the shipped list standing alone; a club by its town
  (:mod:`~briefing.tagging.discovery.places`).

Each rule is a public function registered in :data:`RULES`: its docstring
states the rule with examples, and every span it returns records its name
(:attr:`briefing.model.Span.rule`). The rules look at one block of text (or
at the texts of one article) and return candidates; :mod:`briefing.tagging.tag`
decides what to keep.
"""

from briefing.tagging.discovery.acronyms import (
    acronym_after,
    organisations_by_acronym,
    organisations_by_acronym_use,
)
from briefing.tagging.discovery.common import (
    RULES,
    STOP_WORDS,
    article_text,
    looks_like_bio,
    looks_like_boilerplate,
    looks_like_headline,
    lower_elsewhere,
)  # fmt: skip
from briefing.tagging.discovery.organisation_cues import organisations_by_cue
from briefing.tagging.discovery.organisations import (
    CAPITAL_WORD_NEXT,
    listed_organisations,
    listed_with_organisations,
    makers_by_model,
    organisations_by_head_word,
    parties_by_family,
)  # fmt: skip
from briefing.tagging.discovery.people import (
    find_people,
    people_by_given_name,
    people_by_recurrence,
    titled_short_names,
)
from briefing.tagging.discovery.places import cities, find_places, opponents, teams

__all__ = [
    "CAPITAL_WORD_NEXT", "RULES", "STOP_WORDS", "acronym_after", "article_text", "cities", "find_people", "find_places",
    "listed_organisations", "listed_with_organisations", "looks_like_bio", "looks_like_boilerplate",
    "looks_like_headline", "lower_elsewhere", "makers_by_model", "opponents", "organisations_by_acronym",
    "organisations_by_acronym_use", "organisations_by_cue", "organisations_by_head_word", "parties_by_family",
    "people_by_given_name", "people_by_recurrence", "teams", "titled_short_names",
]  # fmt: skip
