"""Organisations by what the sentence says of them: what they are, what only a body has or does, who talks to them.

Each rule reads one cue; the name it finds goes through
:func:`~briefing.tagging.discovery.organisations.cued_organisation`, which
drops what the name's own words say is no body ("publisher Harry
Chandler", "Palestinian protesters"). The cues of what a body has (its
members) are weak (strength 1): a person's cue wins over them ("the
leadership of Ron Carey"). Rules that added nothing beside the statistical
layer were dropped (issue 15's ablation): a body by a possessive ("Unity
Front's manifesto"), by "-led"/"-run", an outlet "told" in capitals.
"""

from __future__ import annotations

import re

from briefing.language import cities as gazetteer
from briefing.language.given_names import is_given_name
from briefing.language.names import LOW, NAME, NAME_END, UP
from briefing.model import Span
from briefing.tagging.discovery.common import (
    COMPASS,
    DEMONYM,
    GLUED,
    NOT_NAME_WORDS,
    TITLE_FIRST_WORDS,
    lower_elsewhere,
    rule,
    sentence_start,
    surnames_after_a_name,
    word_counts,
)  # fmt: skip
from briefing.tagging.discovery.organisations import cued_organisation
from briefing.tagging.discovery.people import MODIFIER

ORG_NAME = rf"[{UP}][\w+&-]*(?:\s+(?:(?:of|and|&)\s+)?[{UP}][\w+&-]*){{0,3}}{NAME_END}"
"""A body's name after or before its cue: up to four capitalised words, "of" or "and" between them."""
_FUNCTION_WORDS = "and|or|but|in|on|at|to|for|of|who|which|that|since|as|was|is|has|had|said|says|with|from|after|before|during|until|when"
# A lower-case noun after the name: the name is a modifier ("member of the Kennedy family").
_NOUN_AFTER = re.compile(rf"\s+(?!(?:{_FUNCTION_WORDS})\b)[a-z]")


def organisations_by_cue(text: str, article: str = "") -> list[Span]:
    """Organisations of one text by every cue rule below, in order.

    ``article``: the whole article's text, where some rules check that a
    name is no common word nor a person's surname.
    """
    article = article or text
    return (
        organisations_by_kind(text)
        + organisations_by_members(text, article)
        + organisations_by_membership(text)
        + media_by_medium(text)
        + organisations_by_apposition(text)
        + daily_newspapers(text)
        + national_bodies(text)
        + un_bodies(text)
        + shops_by_price(text)
        + employers(text)
        + outlets_told_by_name(text, article)
        + outlets_named_with_the(text)
        + bodies_before_a_title(text, article)
    )


def _named(text: str, pattern: re.Pattern, weak: bool = False) -> list[Span]:
    """The organisations ``pattern`` names (group ``name``); a ``weak`` cue gives way to a compass point, a common word or a noun after."""
    found = []
    for match in pattern.finditer(text):
        name = match.group("name")
        if GLUED.search(name):
            continue
        if weak and (name.split()[0] in COMPASS or name.split()[0] in NOT_NAME_WORDS or _NOUN_AFTER.match(text, match.end("name"))):
            continue  # "leader of Eastern Cape" is a province's; "member of the Kennedy family" a family's
        found += cued_organisation(match.start("name"), name, 1 if weak else 2)
    return found


# --- what it is ------------------------------------------------------------------------------------

ORG_PREFIX = (
    r"newspaper|broadcaster|airline|carrier|company|firm|group|party|club|brand|retailer|bank|network|channel|"
    r"magazine|website|start-?up|insurer|lender|charity|union|think[- ]tank|outlet|agency|publisher|manufacturer|"
    r"automaker|carmaker|chipmaker|conglomerate|label|studio|operator|platform|app|daily|tabloid|developer|regulator|"
    r"organi[sz]ation|consultancy|non-?profit|NGO|(?:state|government|publicly|privately|family)-(?:owned|run|controlled)"
)
"""Nouns of what a body is, written before its name."""
_KIND_BEFORE = re.compile(rf"\b(?:{ORG_PREFIX})\s+(?P<name>{ORG_NAME})")
_KIND_BEFORE_COMMA = re.compile(rf"\b(?:{ORG_PREFIX}),\s+(?P<name>{ORG_NAME})(?=,)")


@rule
def organisations_by_kind(text: str) -> list[Span]:
    """A name after a noun that says what a body it is (strength 2).

    "newspaper Dagens Nyheter", "think-tank Chatham House", "British brand
    Me+Em", "the state-owned Petronas"; between commas: "the Financial Crime
    Prevention agency, Advisense,".
    """
    return _named(text, _KIND_BEFORE) + _named(text, _KIND_BEFORE_COMMA)


# What an organisation is, said after its name: "Color of Change, a civil rights organization".
APPOSED_ORG_NOUNS = (
    r"organi[sz]ation|company|firm|group|consultancy|charity|non-?profit|think[- ]tank|airline|carrier|bank|lender|insurer|"
    r"retailer|broadcaster|newspaper|publisher|manufacturer|maker|start-?up|agency|party|union|club|foundation|coalition|"
    r"brand|chain|developer|operator|conglomerate|institute|university|hospital|regulator|watchdog|association|NGO"
)
_APPOSED_ORG = re.compile(
    rf"(?<![\w'’-])(?P<name>{ORG_NAME})\s*(?:,|\s[-–—])\s+(?:a|an)\s+(?:(?!(?:of|for|at|with|or)\b)[\w-]+\s+){{0,6}}?"
    rf"(?:{APPOSED_ORG_NOUNS})(?=\s*[,.;:)]|\s+(?:that|which|based|in|with|specialising|specializing|founded|headquartered|whose|"
    rf"known|focused|operating|owned|run|backed)\b)"
)


@rule
def organisations_by_apposition(text: str) -> list[Span]:
    """A name followed by what body it is, after a comma or a dash (strength 2).

    "Color of Change, a civil rights organization that ...", "Athena
    Advisers - a real estate consultancy", "Acme, a Texas-based firm,".
    """
    return [span for match in _APPOSED_ORG.finditer(text) for span in cued_organisation(match.start("name"), match.group("name"))]


_MEDIUM_AFTER = re.compile(rf"(?<![\w'’-])(?P<name>{ORG_NAME})\s+(?:television|TV|radio|newspaper|tabloid|broadcaster|news\s+agency|news\s+channel)\b")


@rule
def media_by_medium(text: str) -> list[Span]:
    """A name before the medium it is (strength 2): "the state-owned Al-Arabiya television", "the Kyiv Post newspaper"."""
    return _named(text, _MEDIUM_AFTER)


# A party's side, not its name: "Conservative leader Kemi Badenoch".
PARTY_SIDES = {"Conservative", "Republican", "Democratic", "Democrat", "Socialist", "Liberal", "Labour", "Labor", "Green", "Tory",
               "Unionist", "Nationalist", "Progressive", "Centrist"}  # fmt: skip
_HEADED_BY = re.compile(
    rf"(?<![\w'’.-])(?P<name>{ORG_NAME})\s+(?:chief|boss|leader|founder|co-founder|chairman|chairwoman|chair|president|"
    rf"chief\s+executive|CEO|head|manager|coach|captain|owner)\s+(?={NAME})"
)


@rule
def bodies_before_a_title(text: str, article: str = "") -> list[Span]:
    """The body a person heads, named before the person's title (strength 2).

    "Sinn Féin chief Mary Lou McDonald", "Tesla boss Elon Musk", "Chelsea
    manager Mauricio Pochettino"; not a party's side or a country ("Labour
    leader", "Conservative leader Kemi Badenoch", "Israeli Prime Minister"),
    nor a sentence's first word also written in lower case ("Party leader ...").
    """
    article = article or text
    found = []
    for match in _HEADED_BY.finditer(text):
        name = match.group("name")
        first = name.split()[0]
        if sentence_start(text, match.start()) and lower_elsewhere(first, article):
            continue
        if re.fullmatch(MODIFIER, name) or name in PARTY_SIDES or first in COMPASS or first in NOT_NAME_WORDS or lower_elsewhere(name, article):
            continue
        found += cued_organisation(match.start("name"), name)
    return found


# --- what only a body has or does ------------------------------------------------------------------

_MEMBERS_NAMED = re.compile(
    rf"(?<![\w'’-])(?P<name>{ORG_NAME})\s+(?:protesters|activists|supporters|militants|fighters|fans?|shareholders|spokesman|spokeswoman|spokesperson)\b"
)


@rule
def organisations_by_members(text: str, article: str = "") -> list[Span]:
    """A name before its members or spokesman is a body's (strength 2): "Just Stop Oil protesters", "Arsenal fans".

    One capitalised word is weak: it must come back in the ``article`` and
    be no common word nor a person's surname ("Military spokesperson",
    "Counter protesters", "Trump supporters").
    """
    article = article or text
    found = []
    for match in _MEMBERS_NAMED.finditer(text):
        name = match.group("name")
        if " " not in name and (lower_elsewhere(name, article) or word_counts(article).get(name, 0) < 2 or name in surnames_after_a_name(article)):
            continue
        if not GLUED.search(name):
            found += cued_organisation(match.start("name"), name, 2)
    return found


_MEMBERSHIP = re.compile(
    rf"\b(?:members?|leaders?|leadership|founders?|co-founders?|spokes(?:man|woman|person)|chairman|chairwoman|chairperson)"
    rf"\s+(?:of|for)\s+(?:the\s+)?(?P<name>{ORG_NAME})"
)


@rule
def organisations_by_membership(text: str) -> list[Span]:
    """A name its members or leaders are "of" is a body's (weak, strength 1): "a member of Fine Gael", "the leader of Hamas".

    Not "leader of Eastern Cape" (a province) nor "a member of the Kennedy family" (a noun after the name).
    """
    return _named(text, _MEMBERSHIP, weak=True)


# --- who talks to them, or who works or buys there -----------------------------------------------


# An outlet told something, named in one word: "told Fox.", "told Metro previously".
_TOLD_WORD = re.compile(rf"\btold\s+(?P<name>[{UP}][{LOW}]{{2,}})(?=\s*[.,;:]|\s+(?:previously|last|earlier|on|in|this|that)\b)")


@rule
def outlets_told_by_name(text: str, article: str = "") -> list[Span]:
    """One capitalised word told something, the sentence going no further, is an outlet (strength 2).

    "told Fox.", "told Metro previously"; not a given name, a city, a
    surname of the ``article`` or a word it also writes in lower case.
    """
    article = article or text
    found = []
    for match in _TOLD_WORD.finditer(text):
        word = match.group("name")
        if not (word in NOT_NAME_WORDS or is_given_name(word) or word in gazetteer.cities() or word in surnames_after_a_name(article) or lower_elsewhere(word, article)):
            found += cued_organisation(match.start("name"), word)
    return found


# Who a person talks to or a report comes from, named with "the".
_TOLD_THE = re.compile(
    rf"\b(?:told|tells|telling|according\s+to|interview\s+with|speaking\s+to|spoke\s+to|statement\s+to|reported\s+by|"
    rf"(?:writing|wrote)\s+in|published\s+(?:in|by)|quoted\s+by|cited\s+by|seen\s+by|obtained\s+by|reviewed\s+by)"
    rf"\s+[Tt]he\s+(?P<name>{ORG_NAME})(?=\s*[,.;:!?)”\"]|\s+(?:{_FUNCTION_WORDS}|last|this|earlier|previously|today|yesterday)\b|$)"
)
_THE_REPORTED = re.compile(rf"\b[Tt]he\s+(?P<name>{ORG_NAME})\s+(?:reported|reports|has\s+reported|first\s+reported|revealed)\b")
_NOT_SOURCES = {"Constitution", "Bible", "Quran", "Koran", "Torah", "Census", "Charter", "Gospel", "Scriptures"}
_NOT_SOURCES_LOWER = {w.lower() for w in _NOT_SOURCES}


@rule
def outlets_named_with_the(text: str) -> list[Span]:
    """Who a person talks to or a report comes from, named with "the", is a news outlet or a body (strength 2).

    "told The Namibian", "according to the Montana Free Press", "the
    Washington Free Beacon reported"; a capitalised "The" inside a sentence
    is the name's ("The Namibian"). Not a generic body or a text ("told the
    Assembly", "according to the Constitution").
    """
    found = []
    for pattern in (_TOLD_THE, _THE_REPORTED):
        for match in pattern.finditer(text):
            words = match.group("name").split()
            titled = text[match.start("name") - 4 : match.start("name")] == "The " and not sentence_start(text, match.start("name") - 4)
            if len(words) == 1 and (words[0] in NOT_NAME_WORDS or words[0] in _NOT_SOURCES or DEMONYM.search(words[0]) and not titled):
                continue
            found += cued_organisation(match.start("name"), match.group("name"), titled=titled)
    return found


_WORKS_AT = re.compile(
    rf"\b(?:researcher|analyst|economist|strategist|professor|lecturer|scientist|executive|director|manager|engineer|fellow|"
    rf"spokes(?:man|woman|person)|partner|officer|lawyer|attorney|editor|reporter|correspondent|columnist|producer|"
    rf"employee|staffer|consultant|adviser|advisor|chairman|chairwoman|founder|president)s?\s+at\s+(?:the\s+)?(?P<name>{ORG_NAME})"
)


@rule
def employers(text: str) -> list[Span]:
    """Where a person works, after their job and "at" (strength 2).

    "a Beijing-based researcher at Greenpeace East Asia", "an economist at
    Capital Economics"; not a city ("a lecturer at Leeds") nor a name before
    a lower-case noun.
    """
    found = []
    for match in _WORKS_AT.finditer(text):
        name = match.group("name")
        if name.split()[0] not in NOT_NAME_WORDS and name not in gazetteer.cities() and not _NOUN_AFTER.match(text, match.end("name")):
            found += cued_organisation(match.start("name"), name)
    return found


_SOLD_BY = re.compile(
    rf"[£$€]\s?\d[\d,]*(?:\.\d{{2}})?\s*(?:,|\s(?:at|from))\s+(?P<name>{ORG_NAME})(?=\s*(?:[)\n;]|$)|[.,](?:\s|$))"
)


@rule
def shops_by_price(text: str) -> list[Span]:
    """A shop after a price, as buying guides write it (strength 2): "£40, Dunelm", "(£2.00, Asda)", "$19.99 at Walmart"."""
    found = []
    for match in _SOLD_BY.finditer(text):
        if match.group("name").split()[0] not in NOT_NAME_WORDS:
            found += cued_organisation(match.start("name"), match.group("name"))
    return found


# --- by the form of a newspaper's or public body's name --------------------------------------------

_DAILY = re.compile(rf"(?<![\w'’.-])(?P<name>Daily\s+[{UP}][{LOW}]+){NAME_END}(?![ \t]+[{UP}])")
_REGION_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Central", "Atlantic",
                 "New", "Rural", "Greater", "Middle", "Old", "Little", "All", "Inside", "Across", "Outback", "Regional", "Coastal"}  # fmt: skip
_NATIONS = {"Canada", "England", "Scotland", "Wales", "Australia"}
_NATIONAL_BODY = re.compile(
    rf"(?<![\w'’.-])(?P<name>(?!(?:{'|'.join(sorted(_REGION_WORDS))})\b)"
    rf"[{UP}][{LOW}]+(?:,?\s+(?:and\s+)?[{UP}][{LOW}]+){{0,3}}\s+(?:{'|'.join(sorted(_NATIONS))})){NAME_END}(?![ \t]+[{UP}])"
)


def _national(text: str, pattern: re.Pattern) -> list[Span]:
    """The names ``pattern`` finds, unless a word before the last is a region's or a nation's ("Canada and New England")."""
    found = []
    for match in pattern.finditer(text):
        words = match.group("name").replace(",", "").split()
        if not any(w in _REGION_WORDS or w in _NATIONS for w in words[:-1]):
            found += cued_organisation(match.start("name"), match.group("name"))
    return found


@rule
def daily_newspapers(text: str) -> list[Span]:
    """A newspaper is named by "Daily" and one capitalised word (strength 2): "the Daily Mail", "Daily Maverick"."""
    return _national(text, _DAILY)


@rule
def national_bodies(text: str) -> list[Span]:
    """A public body named for its country (strength 2): "Global Affairs Canada", "Natural England", "Police Scotland", "Tourism Australia".

    Not a region: "Western Canada", "New England".
    """
    return _national(text, _NATIONAL_BODY) if any(nation in text for nation in _NATIONS) else []


_UN_BODY = re.compile(rf"(?<![\w.-])(?:UN|U\.N\.)[ -](?P<word>[{UP}][{LOW}]+){NAME_END}(?![ \t]+[{UP}])")


@rule
def un_bodies(text: str) -> list[Span]:
    """A United Nations programme named by one word (strength 2): "UN Habitat", "UN Women" ("UN Secretary-General" is a title)."""
    found = []
    for match in _UN_BODY.finditer(text):
        if match.group("word") not in NOT_NAME_WORDS and match.group("word").lower() not in TITLE_FIRST_WORDS | _NOT_SOURCES_LOWER:
            found += cued_organisation(match.start(), match.group())
    return found
