"""What every discovery rule shares: word lists, the article's words, and where discovery does not look.

It also registers the rules (:func:`rule`, :data:`RULES`): each is a
public function of the modules of this package, and every span it returns
records its name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from briefing.language.dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from briefing.language.names import LOW, NAME, TITLES, UP
from briefing.model import Span

RULES: dict[str, Callable[..., list[Span]]] = {}
"""Every discovery rule by name, the name a discovered :class:`~briefing.model.Span` records in ``rule``."""

SWITCHED_OFF: set[str] = set()
"""Names of rules that find nothing while listed here: only for measuring what a rule adds (``bench/ablate_rules.py``)."""


def rule(function: Callable[..., list[Span]]) -> Callable[..., list[Span]]:
    """Make ``function`` a discovery rule: the spans it returns are discovered and record its name."""
    name = function.__name__

    @functools.wraps(function)
    def stamped(*args, **kwargs) -> list[Span]:
        if name in SWITCHED_OFF:
            return []
        return [replace(span, discovered=True, rule=name) for span in function(*args, **kwargs)]

    RULES[name] = stamped
    return stamped


# --- word lists -------------------------------------------------------------------------------

ROLE_NOUNS = {
    t.replace("\\s+", " ").replace("\\", "").rstrip(".")
    for t in TITLES
} | set(
    """official officials expert researcher scientist professor lawyer owner resident student teacher nurse
    doctor worker member fellow executive investor adviser advisor aide deputy candidate campaigner activist
    organiser organizer journalist correspondent historian consultant partner head founder director
    vice-president spokesperson trainer player veteran survivor victim witness nominee representative""".split()
)
"""Nouns of a role, lower case: the titles' words and more ("official", "deputy", "resident"); a phrase around one is a role."""

ORG_HEADS = set(
    """Inc Corp Corporation Co Company Ltd LLC PLC Plc AG GmbH SpA NV Pty Bhd Group Holdings Agency Department Ministry Committee
    Commission Council University Institute College Academy School Bank Party Association Foundation Authority
    Bureau Office Service Court Police Organisation Organization Union Federation Society Board Army Navy Force
    Forces Club FC Airlines Airways Hospital Museum Parliament Assembly Administration Center Centre Laboratory
    Laboratories Fund Trust Coalition Alliance Movement Church Tribunal Secretariat Directorate Command Guard
    League Chamber Exchange Reserve Technologies Pharmaceuticals Motors Industries Partners Studios Properties
    Government Services Solutions Systems Records Labs Advisers Advisors Consulting Consultants Insurance Entertainment
    Communications Logistics Ventures Investments Collaborative Treasury
    Magazine Journal Times Post News Press Sports Broadcasting Herald Tribune Gazette Telegraph Chronicle Observer
    Insider Courier Examiner Front Network Brotherhood Workers Economics Caucus""".split()
)
"""Head words of an organisation's name: "Agency", "Inc", "University"."""

OTHER_HEADS = {"Act", "Initiative", "Programme", "Program", "Treaty", "Accord", "Convention", "List", "Agreement", "Law"}
"""Head words of a law, programme or treaty (type ``other``): "Act", "Initiative"."""

CONNECTORS = {"of", "for", "and", "on", "the", "&", "de", "du", "des", "la", "at"}
"""Lower-case words inside a name of several words: "Department of Homeland Security"."""

STOP_WORDS = set(
    """The A An This That These Those It Its He She We They I You Our His Her Their My Your In On At By For From With
    But And Or If When While After Before As Since Until Then Now Here There Many Several Some Both Each Every
    All Most More Other Another Former Last Next Meanwhile However Also Yet Still Even So Such According
    Mr Mrs Ms Dr Sir Today Yesterday Tomorrow Members Member""".split()
) | {*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS}
"""Capitalised words that are no part of a name: articles, pronouns, dates, honorifics."""

# Words that open a sentence and never a person's name ("Although Ishiba said"); not
# in STOP_WORDS, which also splits organisation names ("Doctors Without Borders").
OPENERS = set(
    """Although Though Because Unless Whether Where Why How What Which Who Despite During Under Over Among
    Against Without Within Through Across Into Like Unlike Including Instead Perhaps Indeed Not Yes Once Thus
    Therefore Later Earlier Elsewhere Asked Speaking""".split()
)

NOT_NAME_WORDS = STOP_WORDS | ORG_HEADS | OTHER_HEADS | set(
    """Street Road Avenue Square House Hall Palace Tower Bridge City County Island Islands Province State
    Republic Kingdom North South East West Northern Southern Eastern Western New Great Central Federal National
    International Global Capitol Hill Valley Park Airport Station Stadium Beach River Lake Mountain Mount
    Christmas Easter Covid Twitter Facebook Instagram Google Reuters Associated Press God Minister President
    Secretary Senator Governor General Chief Director Prime Chancellor Sen Rep Gov Daily Mail Insider Services Town
    Hostel Hotel Free Bay Garden Gardens World Night Caucus Terminal Lounge Statement Sports Advisers Republicans
    Democrats Conservatives Liberals Parade Royal""".split()
) | {w.capitalize() for w in ROLE_NOUNS}
"""Words no person's name holds: stop words, the words of bodies and places, titles."""

COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower"}
"""Points of the compass: "West Bank" is a place, "leader of Eastern Cape" a province's."""

CLUB_TAILS = {"City", "Town", "County", "United", "Athletic", "Rovers", "Wanderers", "Albion", "Villa", "Hotspur", "Rangers", "Orient"}
"""Tails of clubs' names: "Manchester City", "Notts County", "Leeds United"."""

# Where a title may be: the titled patterns are only tried near a word that can
# start a title (a set lookup per word is much faster than a regex alternation).
TITLE_FIRST_WORDS = {t.split("\\s+")[0].replace("\\", "") for t in TITLES}
"""First words of the titles (:data:`~briefing.language.names.TITLES`), lower case: "president", "prime"."""

DEMONYM = re.compile(r"(?:ian|ean|can|ese|ish|ch|i)$")
"""Endings of demonyms and languages: "Palestinian", "Chinese", "Scottish", "Israeli"."""


# --- the article's words ----------------------------------------------------------------------

_TOKEN = re.compile(r"[\w-]+")

def article_text(texts: list[str]) -> str:
    """The texts of one article joined by newlines, as one string object per article.

    The rules look words up in the whole article (:func:`lower_elsewhere`)
    through a cache keyed by this string; equal strings that are different
    objects would be compared character by character at every lookup.
    """
    return _joined(tuple(texts))


@lru_cache(maxsize=8)
def _joined(texts: tuple[str, ...]) -> str:
    return "\n".join(texts)


@lru_cache(maxsize=8)
def tokens(text: str) -> dict[str, tuple[int, ...]]:
    """Every word of ``text`` (hyphenated words whole) -> where it starts; computed once per article."""
    positions: dict[str, list[int]] = {}
    for match in _TOKEN.finditer(text):
        positions.setdefault(match.group(), []).append(match.start())
    return {word: tuple(starts) for word, starts in positions.items()}


def lower_elsewhere(word: str, text: str) -> bool:
    """Whether ``word`` is also written in lower case in ``text``: a common word ("Lodge", "Search"), not a name."""
    return word.lower() in tokens(text)


def sentence_start(text: str, offset: int) -> bool:
    """Whether ``text[offset:]`` opens a sentence (only spaces, quotes or a bracket since the last stop)."""
    at = offset - 1
    while at >= 0 and text[at] in " \"“‘'(":
        at -= 1  # walking back, not slicing: a long text would be copied at every call
    return at < 0 or text[at] in ".!?:"


@lru_cache(maxsize=8)
def surnames_after_a_name(article: str) -> frozenset[str]:
    """Words written after another capitalised word that opens no sentence: "Trump" in "Donald Trump".

    Then "Trump supporters" are a person's, not a body's. One scan per article.
    """
    return frozenset(match.group(1) for match in _AFTER_A_NAME.finditer(article))


_AFTER_A_NAME = re.compile(rf"\b(?!(?:{'|'.join(sorted(STOP_WORDS | OPENERS))})\s)[{UP}][{LOW}]+[ \t]+(?=([{UP}][\w'’-]*))")


@lru_cache(maxsize=8)
def word_counts(article: str) -> dict[str, int]:
    """How often each word stands in ``article``, from the token index."""
    return {word: len(starts) for word, starts in tokens(article).items()}


# --- the shape of a text ----------------------------------------------------------------------

NON_SPACE = re.compile(r"\S+")
"""A run of non-space characters: a word with its punctuation."""

WORD_BEFORE = re.compile(r"\S+\s+$")
"""The word before an offset (searched up to it)."""

CAPITAL_BEFORE = re.compile(rf"(?<![.!?:])\s(?!(?:{'|'.join(sorted(STOP_WORDS))})\s)[{UP}][\w'’.-]*\s+$")
"""A capitalised word before an offset, not a stop word and not after a stop: "Los Angeles" before "Memorial"."""

THE_BEFORE = re.compile(r"\b[Tt]he $")
""""the" before an offset."""

# Two words glued by a scrape: "AustraliaForeign Office", "BritainGypsy Council".
GLUED = re.compile(rf"[{UP}][{LOW}]{{4,}}[{UP}][{LOW}]{{4,}}")

_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|Inc\.|Corp\.|Co\.|Ltd\.|St\.|Jr\.|Bros\.")

def is_abbreviation(word: str) -> bool:
    """ "U.S.", "Inc.", "Corp.", "St.": a full stop that does not end a sentence."""
    return _ABBREVIATION.fullmatch(word) is not None


def strip_possessive(word: str) -> str:
    """``word`` without a possessive ending: "Hamas's" -> "Hamas", "Reuters'" -> "Reuters" (not a word of one letter)."""
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


def matches(pattern: re.Pattern, texts: list[str], allowed: list[bool]):
    """``(index, text, match)`` for every match of ``pattern`` in the texts discovery may read."""
    for index, text in enumerate(texts):
        if allowed[index]:
            for match in pattern.finditer(text):
                yield index, text, match


# --- where discovery does not look ----------------------------------------------------------

def looks_like_headline(text: str) -> bool:
    """Title Case text with no sentence in it: a heading the cleaner left as a paragraph."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    long_words = [w for w in words if len(w) > 3]
    if not long_words or len(words) > 25:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.75 and not re.search(r"[.!?][\"”’']?\s*$", text.strip())


# Reader-facing boilerplate, credits and contributor lines: no entity is discovered there.
_BOILERPLATE = re.compile(
    r"newsletter|subscri(?:be|ption)|sign(?:ing)? up|cookies?\b|privacy policy|terms of (?:service|use)|all rights reserved|"
    r"©|copyright|unlimited (?:online )?access|download (?:the|our) app|\b(?:photo|photograph|image|picture)s?\s*(?:by\b|:|credit)|"
    r"getty images|contributed to this report|(?:with )?(?:additional )?reporting by|editing by|writing by",
    re.IGNORECASE,
)


_SENTENCE_END_CHAR = re.compile(r"[.!?:;\"”’)]\s*$")


def looks_like_boilerplate(text: str) -> bool:
    """Not a sentence of the story: a short line without end punctuation (menus, links), or boilerplate."""
    if len(text.split()) < 12 and not _SENTENCE_END_CHAR.search(text):
        return True
    return _BOILERPLATE.search(text) is not None


_BIO = re.compile(rf"(?P<name>{NAME})\s+(?:is|was|has been)\s+(?:an?|the)\s")


def looks_like_bio(text: str, authors: tuple[str, ...]) -> bool:
    """A block about the article's author: it names an author or opens "X is a ..."."""
    if any(author and author in text for author in authors):
        return True
    match = _BIO.match(text)
    return match is not None and not any(w in NOT_NAME_WORDS for w in match.group("name").split())  # "Westmount High School is a ..."
