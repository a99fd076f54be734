"""Places by a cue (a dateline, a preposition of place, a street's form) or by the city list, and clubs named by their town.

The cues here are weak: the tagger lets what the article knows overrule
them (:mod:`briefing.tagging.tag`). A city of the shipped list
(:mod:`briefing.language.cities`) is the weakest cue of all, tried last.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.knowledge.matcher import leftmost_longest
from briefing.language import cities as gazetteer
from briefing.language.given_names import is_given_name
from briefing.language.names import HONORIFICS, LOW, NAME_END, NAME_WORD, PARTICLE, UP
from briefing.language.speech import SAY
from briefing.model import Span
from briefing.tagging.discovery.common import (
    CLUB_TAILS,
    COMPASS,
    DEMONYM,
    NOT_NAME_WORDS,
    OPENERS,
    ROLE_NOUNS,
    STOP_WORDS,
    TITLE_FIRST_WORDS,
    WORD_BEFORE,
    is_abbreviation,
    lower_elsewhere,
    rule,
    surnames_after_a_name,
    tokens,
)  # fmt: skip


def find_places(text: str, first: bool) -> list[Span]:
    """Places of one text by every cue rule below, in order (a dateline only in ``first``, the story's first block)."""
    found = places_by_dateline(text) if first else []
    return found + places_after_a_preposition(text) + streets(text)


# --- by a cue ---------------------------------------------------------------------------------------

# A dateline opens a wire story: "KATHMANDU, April 25 (Reuters) -", "MEXICO CITY (AP) —".
_DATELINE = re.compile(r"^(?P<name>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z ]+\))? ?[—–-] ")


# "in Tehran", "from Nottingham", "near Khan Younis": a capitalised name after a
# lower-case preposition of place, ending before a lower-case word or punctuation.
_AFTER_PREPOSITION = re.compile(
    rf"(?<![\w-])(?P<prep>in|from|near|outside)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})(?![\w'’-])(?!\s+[{UP}0-9])"
    r"(?!\s+(?:es|de|del|da|do|di|la|le|du|d['’]))"  # "Dar es Salaam", "Val d'Isère": the name goes on
)

_FROM_HOME = re.compile(rf"(?:,|\b(?:{'|'.join(sorted(re.escape(n) for n in ROLE_NOUNS | {'resident', 'residents', 'man', 'woman', 'boy', 'girl', 'family', 'people'}))}))\s+$", re.IGNORECASE)

_REGION_AFTER = re.compile(rf",\s+(?P<name>(?:{'|'.join(sorted(COMPASS))})\s+{NAME_WORD})(?=[,.;])")


# "Downing Street", "Drury Lane": a street is named by its form.
_STREET = re.compile(rf"(?<![\w'’.-])(?P<name>(?:{NAME_WORD}\s+){{1,2}}(?:Street|Road|Avenue|Lane|Boulevard|Square|Plaza)){NAME_END}(?!\s+[{UP}])")


# Words that end a place name ("Drury Lane", "Kansas City", "Gaza Strip", "North Tyneside").
PLACE_WORDS = COMPASS | {"Street", "Road", "Avenue", "Lane", "Square", "City", "County", "Island", "Islands", "Province",
                         "Valley", "Bay", "Beach", "Hill", "Hills", "Park", "Heights", "Strip", "Coast", "Town", "Village"}

# Not places after "in": languages, seasons, events, and what one invests or believes in.
_NOT_PLACES = {"English", "French", "German", "Spanish", "Dutch", "Italian", "Portuguese", "Russian", "Chinese", "Japanese",
               "Korean", "Arabic", "Hebrew", "Hindi", "Urdu", "Mandarin", "Cantonese", "Ukrainian", "Polish", "Turkish",
               "Swedish", "Greek", "Latin", "Persian", "Farsi", "Swahili", "Afrikaans", "Malay", "Welsh", "Irish",
               "Congress", "Cabinet", "Brexit", "Ramadan", "Lent", "Advent", "Spring", "Summer", "Autumn", "Winter", "Fall",
               "Parliament", "Senate", "Government", "Office", "Court", "Power", "Charge", "Time", "Vogue", "Print", "Depth",
               "Hotels", "Stores", "Shops", "My", "Your"}

_NOT_AFTER = {"stake", "stakes", "share", "shares", "invest", "invested", "investing", "investment", "investments", "interest",
              "believe", "believes", "believed", "faith", "trust", "role", "part", "confidence", "starring", "starred", "letter",
              "message", "note", "statement", "words", "support", "help", "call", "calls", "quote", "quotes", "tweet", "post",
              # what is written in or worn from a publication, a brand or a shop
              "wrote", "written", "writes", "writing", "published", "posted", "reported", "appeared", "featured", "listed",
              "mentioned", "quoted", "article", "column", "op-ed", "interview", "podcast", "episode", "video", "dressed",
              "clad", "outfit", "look", "bought", "ingredient", "ingredients", "found"}


@rule
def places_by_dateline(text: str) -> list[Span]:
    """The place in capitals that opens a wire story's first paragraph (strength 2).

    "KATHMANDU, April 25 (Reuters) -" is Kathmandu, "MEXICO CITY (AP) —" Mexico City.
    """
    if match := _DATELINE.match(text):
        name = match.group("name").title().replace("'S", "'s")
        return [Span(match.start("name"), match.end("name"), name, "place", "", 2)]
    return []


@rule
def places_after_a_preposition(text: str) -> list[Span]:
    """A capitalised name after "in", "near", "outside" (or "from", for where a person comes from) is a place (strength 1).

    "in Tehran", "near Khan Younis", "a lecturer from Nottingham,", "60, from
    Tynemouth, North Tyneside," (with its region). Not what one invests,
    believes or writes in ("a stake in Tesla", "wrote in Vogue"), a source
    ("from Reddit", "from Al Jazeera and AFP"), a language, a season or a
    body ("in English", "in Spring", "in Congress"), nor a name that goes on
    ("Dar es Salaam").
    """
    found = []
    for match in _AFTER_PREPOSITION.finditer(text):
        before = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())  # not a slice: texts may be long
        if before and before.group().split()[0].lower().strip(",") in _NOT_AFTER:
            continue
        home = _FROM_HOME.search(text, max(0, match.start() - 60), match.start())
        if match.group("prep") == "from" and not (home and text[match.end() : match.end() + 1] in (",", ".", ";")):
            continue
        found += _place(match.start("name"), match.group("name"), 1)
        if region := _REGION_AFTER.match(text, match.end()):
            found += _place(region.start("name"), region.group("name"), 1)
    return found


@rule
def streets(text: str) -> list[Span]:
    """A street is named by its form (strength 2): "Downing Street", "Drury Lane", "Pennsylvania Avenue"."""
    return [span for match in _STREET.finditer(text) for span in _place(match.start("name"), match.group("name"), 2)]


# --- the city list -------------------------------------------------------------------------------

# A city inside a longer name: a capitalised word runs on from it ("Dallas Cowboys", "New York Times",
# "Serra da Estrela") or leads into it ("Greater Manchester", "Mr Jackson", "University of Leeds",
# "Camino de Santiago"); a comma ends the name ("Dallas, Texas") and a possessive opens a new one
# ("Ukraine's Kharkiv"). A number before it makes it an address ("180 Kent").
_CAPITAL_NEXT = re.compile(rf"(?:-|[ \t]+(?:{PARTICLE}[ \t]+)?)[{UP}0-9]")

_CAPITAL_PREVIOUS = re.compile(rf"(?:(?<![\w'’.-])(?P<word>[{UP}][\w'’.&-]*)(?:[ \t]+(?:of|{PARTICLE}))?|\d)[ \t]+$")

# Words that may stand before a city at the start of a sentence ("In Moscow", "But Kharkiv"); not a title.
_SENTENCE_WORDS = (STOP_WORDS | OPENERS) - {w.capitalize() for w in HONORIFICS} - {"Mr", "Mrs", "Ms", "Dr", "Sir"}

# Places are not "who", nor, when the city's name is also a given name, quoted: "Newcastle, who are seventh", "Nancy said".
_WHO_AFTER = re.compile(r",?\s+who\b")

_SAYS_AFTER = re.compile(rf",?\s+{SAY}\b")


@rule
def cities(text: str) -> list[Span]:
    """A name of the city list (:mod:`briefing.language.cities`) as written is a place, the weakest cue (strength 1).

    "Protests spread to Kharkiv".

    Only a name standing alone: not part of a word ("Moura-George") nor of a
    longer capitalised name ("Dallas Cowboys", "Mr Jackson", "University of
    Leeds"), not an address ("180 Kent"), not "who" ("Newcastle, who are
    seventh"). The article may still overrule it (:func:`briefing.tagging.tag`): a
    word of a person's name ("Andrew Jackson"), or a word also written in
    lower case ("mobile").
    """
    found = []
    for end, name in gazetteer.automaton().iter(text):
        start, end = end + 1 - len(name), end + 1
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or (end < len(text) and text[end].isalnum()):
            continue  # part of a word: "Parisian", "Romeo", "Moura-George"
        if _CAPITAL_NEXT.match(text, end) or _in_name_after(text, start) or _WHO_AFTER.match(text, end):
            continue
        if is_given_name(name) and _SAYS_AFTER.match(text, end):
            continue
        found.append(Span(start, end, name, "place", "", 1))
    return leftmost_longest(found)


# --- clubs and sports ----------------------------------------------------------------------------

# A team's nickname after its city: "Green Bay Packers", "Boston Red Sox", "Leeds United".
_NICKNAME = re.compile(rf"[ \t]+(?P<nick>(?:[{UP}][{LOW}]+[ \t]+)?(?:[{UP}][{LOW}]*[^\Ws]s|[{UP}][{LOW}]*x|United))(?![\w'’-])(?![ \t]+[{UP}])")

SPORTS_WORDS = frozenset(
    """match matches season league fixture fixtures kick-off striker midfielder defender goalkeeper goal goals scored
    scorer manager coach squad stadium tournament cup playoff playoffs quarterback touchdown innings wicket referee
    penalty penalties semi-final quarter-final final points table relegation promotion transfer derby""".split()
)
"""Words of a sports report: where :data:`SPORTS_MIN` of them are written, a club is named by its town alone."""

SPORTS_MIN = 5


@lru_cache(maxsize=8)
def is_sports_report(article: str) -> bool:
    """Whether ``article`` (one string: :func:`article_text`) reads as a sports report."""
    return len(SPORTS_WORDS & set(tokens(article))) >= SPORTS_MIN


# The other side of a game: "against Spurs", "beating Tottenham", "when facing West Ham".
_OPPONENT = re.compile(
    rf"\b(?:beat|beats|beating|against|vs\.?|versus|drew\s+with|draw\s+with|lost\s+to|losing\s+to|defeated|defeating|"
    rf"face|faces|facing|hosts?|hosting|hosted|visit|visits|visiting|thrashed|edged|knocked\s+out)\s+(?:the\s+)?"
    rf"(?P<name>[{UP}][{LOW}]+(?:[ \t]+[{UP}][{LOW}]+){{0,2}}){NAME_END}(?![ \t]+[{UP}])"
)


@rule
def opponents(text: str, article: str) -> list[Span]:
    """In a sports report, the side a team plays is a club, even named by its town (strength 2).

    "beating Tottenham", "against Spurs", "when facing West Ham".

    Not a person's name (a given name first, or a surname the article writes
    after a given name), not a common word written in lower case too; a
    country the knowledge base knows stays a place, as it wins over this cue.
    """
    if not is_sports_report(article):
        return []
    found = []
    for match in _OPPONENT.finditer(text):
        name = match.group("name")
        words = name.split()
        if is_given_name(words[0]) and len(words) > 1 or words[-1] in surnames_after_a_name(article):
            continue
        if any(w in NOT_NAME_WORDS and w not in CLUB_TAILS or lower_elsewhere(w, article) for w in words):
            continue
        found.append(Span(match.start("name"), match.end("name"), name, "organisation", "", 2))
    return found


@rule
def teams(text: str, known: list[Span], article: str = "") -> list[Span]:
    """A city and a nickname name a club (strength 2): "the Kansas City Chiefs", "Green Bay Packers", "Manchester United".

    The city is a name of the city list or a place the text already names
    (``known``); the nickname is one or two
    capitalised words ending in a plural ("Chiefs", "Red Sox") or "United",
    and not a word of places ("Falls", "Heights"), bodies or titles, nor one
    the ``article`` also writes in lower case ("Orlando Holidays ... holidays").
    """
    article = article or text
    places = [(s.start, s.end) for s in known if s.kind == "place"]
    for end, name in gazetteer.automaton().iter(text):
        places.append((end + 1 - len(name), end + 1))
    found = []
    for start, end in sorted(set(places)):
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or _in_name_after(text, start):
            continue
        match = _NICKNAME.match(text, end)
        nick = match.group("nick").split() if match else ()
        if not nick or any(w in PLACE_WORDS or w in NOT_NAME_WORDS or DEMONYM.search(w[:-1]) or lower_elsewhere(w, article) for w in nick):
            continue
        found.append(Span(start, match.end(), " ".join(text[start : match.end()].split()), "organisation", "", 2))
    return leftmost_longest(found)


_COMMA_WHO_AFTER = re.compile(r",\s+who\b")
_OF_BEFORE = re.compile(r"\bof\s+$")
_NAME_GOES_ON = re.compile(rf"\s+(?:es|de|del|da|do|di|la|le|du)\s+[{UP}]|\s+d['’][{UP}]")
_PREPOSITION_BEFORE = re.compile(r"\b(?P<prep>in|from|near|outside|at|to)\s+$")


def no_place_here(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` say it is no place, whatever else calls it one.

    The contexts the place rules avoid: part of a longer name or an address
    ("Dallas Cowboys", "180 Kent"), ", who" after it ("Newcastle, who are
    seventh"), a language, season or body ("in English"), what is written or
    invested in ("published in Jacobin", "a stake in Tesla"), and a source
    ("removed from Reddit"; "from" makes a place only of where a person comes
    from: "a lecturer from Nottingham,"). For the statistical layer's one-word
    places (:func:`briefing.tagging.evidence.single_word`); not a rule.
    """
    if text[start:end] in _NOT_PLACES or _CAPITAL_NEXT.match(text, end) or _COMMA_WHO_AFTER.match(text, end):
        return True
    if not _OF_BEFORE.search(text, max(0, start - 5), start) and _in_name_after(text, start):
        return True  # "180 Kent", "Mr Jackson"; but "Kaylee Goncalves of Rathdrum" is a place's (the model's span ends the name)
    if _NAME_GOES_ON.match(text, end):
        return True  # "Val d'Isère", "Dar es Salaam": the model's word is the start of a longer name
    prep = _PREPOSITION_BEFORE.search(text, max(0, start - 12), start)
    if prep is None:
        return False
    before = WORD_BEFORE.search(text, max(0, prep.start() - 40), prep.start())
    if before and before.group().split()[0].lower().strip(",") in _NOT_AFTER:
        return True
    home = _FROM_HOME.search(text, max(0, prep.start() - 60), prep.start())
    return prep.group("prep") == "from" and not (home and text[end : end + 1] in (",", ".", ";"))


def _in_name_after(text: str, start: int) -> bool:
    """Whether the word before ``start`` begins a longer name or an address (see :func:`cities`)."""
    previous = _CAPITAL_PREVIOUS.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group("word")
    if word is None:
        return True  # a number: "180 Kent"
    if len(word) > 2 and word.endswith(".") and not is_abbreviation(word) and word.lower() not in TITLE_FIRST_WORDS:
        return False  # the end of the sentence before ("... in Russia. Moscow said"), not an initial ("John F. Kennedy")
    return word not in _SENTENCE_WORDS and not re.search(r"['’]s?$", word)


def _place(start: int, name: str, strength: int) -> list[Span]:
    """A place by a cue, unless its words say it is something else (a month, a language, a body, a title)."""
    words = name.split()
    if any(w in _NOT_PLACES or (w in NOT_NAME_WORDS and w not in PLACE_WORDS) for w in words):
        return []
    if words[0] in PLACE_WORDS and len(words) == 1 or re.search(r"(?:ish|ese|ian|ean|ican)$", words[-1]):
        return []
    if any(w in {"St", "Mt", "Ft"} or re.search(rf"(?<!^Mc)(?<!^Mac)[{LOW}][{UP}]", w) for w in words):
        return []  # "St. Joseph" is cut short; "PlymouthLive" is a brand
    return [Span(start, start + len(name), " ".join(words), "place", "", strength)]
