"""What a name the statistical model found is: the evidence decides its type, the model's label comes last.

:func:`judge` turns one of the model's spans (:mod:`briefing.tagging.model_layer`)
into a discovered :class:`~briefing.model.Span` (rule ``model``, the weakest
strength: any rule's or the knowledge base's name wins over it), or drops it.

First the name is trimmed ("the", a possessive, an honorific) and junk goes:
no capital, digits, a line break, more than six words, only stop words, a word
the article also writes in lower case, an author of the story, a ship. Then
its type, by the strongest evidence there is (:func:`kind_of`):

1. the shipped lists: a city of :mod:`briefing.language.cities` is a place,
   an organisation of :mod:`briefing.language.organisations` an organisation;
2. head words: "Corps", "Ministry", "Institute", "Authority" (the
   organisations' heads of :data:`~briefing.tagging.discovery.common.ORG_HEADS`)
   make an organisation; "Region", "Province", "Valley", "Strip" a place;
   "Act", "Treaty" a law (``other``);
3. a point of the compass first ("West Bank"): a place;
4. else the model's label: PERSON a person (only where the name looks like
   one: a given name of :mod:`briefing.language.given_names` first, an
   initial or a particle; the model calls drinks and brands people), ORG an
   organisation, GPE, LOC and FAC a place.

The knowledge base comes before all of these, in :mod:`briefing.tagging.tag`:
a name it knows is found by its matcher, and the model's span is then not used.
"""

from __future__ import annotations

import re

from briefing.language import cities as gazetteer
from briefing.language import organisations as organisation_list
from briefing.language.given_names import is_given_name
from briefing.language.names import (
    HONORIFIC_WORDS,
    HONORIFICS,
    PARTICLES,
    TITLE_WORDS,
    UP,
)
from briefing.model import Span
from briefing.tagging.discovery.common import (
    COMPASS,
    CONNECTORS,
    DEMONYM,
    NOT_NAME_WORDS,
    OPENERS,
    ORG_HEADS,
    OTHER_HEADS,
    ROLE_NOUNS,
    STOP_WORDS,
    is_abbreviation,
    lower_elsewhere,
    word_counts,
)  # fmt: skip
from briefing.tagging.discovery.places import no_place_here

KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
"""The model's labels as the site's types: the last evidence."""

MAX_WORDS = 6
"""No name the model gives is longer than this and still one name: "Museum of Neon Art" is four."""

MORE_ORG_HEADS = frozenset({"Corps", "Regiment", "Brigade", "Battalion", "Squadron", "Fleet", "Orchestra", "Choir", "Ensemble", "Cooperative"})
"""Organisations' head words beyond :data:`ORG_HEADS`: the military's units, the musicians' bodies."""

PLACE_HEADS = frozenset(
    """Region Area Province County District Valley Strip Street Avenue Boulevard Road Square Island Islands River Lake
    Mountains Mountain Bay Sea Ocean Peninsula Desert Coast Gulf Basin Delta Plateau Borough Township Prefecture Oblast
    Territory Territories Canal Heights Hills Highlands Lowlands Plain Plains Forest Archipelago Park Glacier Palace Meadows
    Stadium Arena Airport Station Bridge Castle Cathedral Falls Canyon Beach Harbour Harbor Coliseum""".split()
)
"""Head words of a place's name: "Greater Bay Area", "Gaza Strip", "Jasper National Park", "Peace Palace"."""

PLACE_PREFIXES = frozenset({"Greater", "Mount", "Lake", "Port", "Fort", "Cape", "Saint", "St.", "San", "Santa"})
"""First words of a place's name: "Greater Manchester", "Mount Kenya", "Lake Victoria"."""

SHIP_PREFIXES = frozenset({"USS", "USNS", "HMS", "HMCS", "HMAS", "HMNZS", "INS", "RFA", "RMS", "MV", "SS", "CNS"})
"""Prefixes of ships' names: "USS Nimitz" is no place and no person."""

_VESSEL_BEFORE = re.compile(
    r"\b(?:aircraft[ -]carrier|carrier|warship|destroyer|frigate|submarine|cruiser|battleship|ship|vessel|tanker|ferry|liner|yacht|"
    r"spacecraft|rocket|probe)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""A vessel's kind before a name: "the aircraft carrier Shandong" names a ship, not the province."""

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_POSSESSOR = re.compile(rf"\S['’]s\s+(?=[{UP}])")
_JUNK_CHARACTERS = re.compile(r"[\d@#/\\|•·_=<>{}\[\]()*+\"“”]|https?:|www\.")
_CAPITAL = re.compile(rf"[{UP}]")


def judge(
    text: str, start: int, end: int, label: str, article: str, authors: tuple[str, ...] = (), people: frozenset[str] = frozenset()
) -> Span | None:
    """The model's span ``text[start:end]`` labelled ``label`` as a discovered span (rule ``model``), or None for junk.

    ``article`` is the whole article's text (:func:`~briefing.tagging.discovery.article_text`), for the words
    it also writes in lower case; ``authors`` are the story's authors, never an entity of it; ``people`` the
    words of the names of the article's people (one alone is theirs: :func:`single_word`).
    """
    start, end = trim(text, start, end)
    name = " ".join(text[start:end].split())
    if not name or name in authors or _ship(text, start, name):
        return None
    if " " not in name:
        kind = single_word(text, start, name, label, article, people)
    else:
        kind = None if is_junk(name, article) else kind_of(name, label)
    if kind is None:
        return None
    return Span(start, end, name, kind, strength=1, discovered=True, rule="model")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The name within ``text[start:end]``.

    After an owner ("Netanyahu’s Likud" is Likud), without a leading "the", honorific or title ("Mr", "Datuk Seri", "Rear
    Admiral", "MEC"), a trailing possessive or punctuation, or trailing
    lower-case words ("Fianna Fáil party").
    """
    if (owner := _POSSESSOR.search(text, start, end)) is not None:
        start = owner.end()  # "Netanyahu’s Likud": the owner is a name of its own
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    while words and _leading_word(text[start + words[0][0] : start + words[0][1]]):
        words.pop(0)
    while words and not _CAPITAL.match(text, start + words[-1][0]):
        words.pop()  # "party", "administration": a common noun after the name
    if not words:
        return start, start
    first, last = start + words[0][0], start + words[-1][1]
    span = text[first:last]
    while span and span[-1] in ".,;:!?-–—'’" and not (span[-1] == "." and is_abbreviation(span.split()[-1])):
        span = span[:-1]
    span = _POSSESSIVE.sub("", span) if len(span) > 3 else span
    return first, first + len(span.rstrip())


_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|across|around|across|throughout|to|from|at)\s+$")
"""A preposition of place before a name: "in Gauteng" is a place, whatever the model's label."""

MIN_COUNT_ALONE = 3
"""How often one capitalised word must be written in the article to stand alone as a person: a surname written
once or twice says too little ("Slater", "Blues"). Measured on the labelled pages (issue 15): at 2, one-word people
added 18 right and 16 wrong; at 3, 10 right and 7 wrong, person precision 0.95."""


def single_word(text: str, start: int, word: str, label: str, article: str, people: frozenset[str]) -> str | None:
    """The type of a one-word name of the model, or None: a word alone needs more evidence than a name of several.

    Not a word of a person's name in the article ("Harris" is Kamala Harris's:
    the short forms resolve it), one written in lower case too ("Studio"), a
    word of bodies, places or titles ("Party", "Highway", "Duchess"), a stop
    word, an adjective of a people ("Nepali"), an abbreviation ("Calif."), or
    a word in capitals (an acronym: "CPU", "VR"; the acronym rules find a body's
    with their evidence). Then the shipped lists decide; else a place
    labelled a place stands once ("Gauteng"), as does a name labelled a person
    once after a preposition of place ("in Swakopmund": the model reads an
    unknown town as a person), unless the words around it say it is no place
    (:func:`~briefing.tagging.discovery.places.no_place_here`: "published in
    Jacobin", "180 Kent", "Newcastle, who are seventh"); a person must be
    written at least :data:`MIN_COUNT_ALONE` times in the article. One word the
    model calls an organisation is not taken ("Plaintiff", "Merseyside",
    "Zendaya": on the labelled pages fewer than half were bodies); the rules and
    the lists find those.
    """
    if len(word) < 2 or not _CAPITAL.match(word) or _JUNK_CHARACTERS.search(word) or word in people:
        return None
    if word in NOT_NAME_WORDS or word in PLACE_HEADS or word in MORE_ORG_HEADS or word.casefold() in TITLE_WORDS | ROLE_NOUNS:
        return None
    if word in OPENERS or (DEMONYM.search(word) and word not in gazetteer.cities()) or lower_elsewhere(word, article):
        return None
    if word.isupper() or _ABBREVIATED.match(text, start + len(word)):
        return None  # an acronym alone ("CPU", "VR", "MD") is the acronym rules' to find, with their evidence
    listed = evidence(word, "")
    if listed is not None and listed[0] != "place":
        return listed[0]
    if listed is not None or label in ("GPE", "LOC"):
        return None if no_place_here(text, start, start + len(word)) else "place"
    count = word_counts(article).get(word, 0)
    if label == "PERSON" and count < MIN_COUNT_ALONE and _PLACE_BEFORE.search(text, max(0, start - 12), start):
        return None if no_place_here(text, start, start + len(word)) else "place"
    return "person" if count >= MIN_COUNT_ALONE and label == "PERSON" else None


_ABBREVIATED = re.compile(r"\.(?:,|\s+[a-z(])")
"""A full stop after a word that ends no sentence: "Calif., a state", "Mo. (pop.": an abbreviation."""


def _leading_word(word: str) -> bool:
    """A word before a name that is no part of it: "the", an honorific, a title, a word in lower case."""
    bare = word.strip(".,'’").casefold()
    return (
        bare in ("the", "a", "an")
        or bare in HONORIFICS
        or bare in HONORIFIC_WORDS - {"al", "el", "bin", "de", "van", "von", "abu"}
        or bare in TITLE_WORDS
        or bare in {"rear", "vice", "lt-col", "datuk", "dato", "seri", "sri", "tan", "tun", "mec"}
        or not _CAPITAL.match(word)
    )


def is_junk(name: str, article: str) -> bool:
    """Whether ``name`` can be no entity's name: the model's noise.

    Junk: no capital first
    letter, a digit or a symbol ("COVID-19", "@user", a link), a comma (a
    list: "Boulter, Burrage, Draper"), a word in lower case that joins no name
    ("Black university"), "and" joining names with no head word saying they are
    one ("Archie and Princess Lilibet"), more than :data:`MAX_WORDS` words, only stop words and
    sentence openers, a role at its end ("Lindi Municipal Director"), or a word
    the article also writes in lower case ("Blur Together").
    """
    words = name.split()
    if len(words) > MAX_WORDS or not _CAPITAL.match(name) or _JUNK_CHARACTERS.search(name) or "," in name:
        return True
    if any(not _CAPITAL.match(w) and w not in CONNECTORS for w in words):
        return True
    if any(w in ("and", "&") for w in words) and not _named_by_its_form(name):
        return True  # "Archie and Princess Lilibet", "Raspberry & Ginger": two names, or none
    if all(w in STOP_WORDS or w in OPENERS for w in words) or words[-1].casefold() in ROLE_NOUNS | TITLE_WORDS:
        return True
    return any(lower_elsewhere(w, article) for w in words if w not in CONNECTORS and w.isalpha() and not w.isupper())


def _named_by_its_form(name: str) -> bool:
    """Whether the lists or a head word say what ``name`` is ("Department of Energy and Climate Change")."""
    found = evidence(name, "")
    return found is not None


def not_a_person(name: str) -> str | None:
    """The type a rule's "person" has by its own words, or None: a head word of a body or a place ("Royal Marine
    Corps said", "Greater Dunmere said": the speech rules read a region or a body as a person)."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[-1] in ORG_HEADS or words[-1] in MORE_ORG_HEADS:
        return "organisation"
    if words[-1] in PLACE_HEADS or words[0] == "Greater":
        return "place"
    return None


def is_ship(text: str, start: int, name: str) -> bool:
    """Whether ``name`` (at ``start`` of ``text``) names a ship: "the aircraft carrier Shandong", "USS Nimitz"."""
    return _ship(text, start, name)


def _ship(text: str, start: int, name: str) -> bool:
    """Whether ``name`` (at ``start``) is a ship's: a ship's prefix ("USS Nimitz") or a vessel's kind before it."""
    return name.split()[0] in SHIP_PREFIXES or _VESSEL_BEFORE.search(text, max(0, start - 40), start) is not None


def kind_of(name: str, label: str) -> str | None:
    """The type of ``name`` by its evidence: the shipped lists, head words, a given name, then the model's ``label``."""
    reason = evidence(name, label)
    return reason[0] if reason else None


def evidence(name: str, label: str) -> tuple[str, str] | None:
    """``(type, why)`` for ``name`` labelled ``label`` by the model; None when no type fits (no label, or an unknown one)."""
    words = name.split()
    if name in gazetteer.cities():
        return "place", "a city of the shipped list"
    if name.casefold().removeprefix("the ") in organisation_list.names():
        return "organisation", "an organisation of the shipped list"
    head = words[-1]
    if len(words) > 1 and (head in ORG_HEADS or head in MORE_ORG_HEADS):
        return "organisation", f"its head word {head!r}"
    if any(w in ORG_HEADS or w in MORE_ORG_HEADS for w in words[:-1]) and " of " in f" {name} ":
        return "organisation", "an organisation's head word before 'of'"
    if len(words) > 1 and head in OTHER_HEADS:
        return "other", f"its head word {head!r}"
    if len(words) > 1 and (head in PLACE_HEADS or words[0] in PLACE_PREFIXES):
        return "place", f"a place's word {head if head in PLACE_HEADS else words[0]!r}"
    if label not in KINDS:
        return None  # no label: only the lists and head words speak
    if len(words) > 1 and words[0] in COMPASS and label != "PERSON":
        return "place", f"the point of the compass {words[0]!r}"
    if label == "PERSON" and not _person_like(words):
        return None
    return KINDS[label], f"the model's label {label}"


def _person_like(words: list[str]) -> bool:
    """Whether a name the model calls a person's looks like one: a given name first ("Soumitra Das"), initials, or a
    particle ("Alano De La Rosa"). "Espresso Martini", "Bottega Veneta" and "Ha Pitso" do not."""
    return (is_given_name(words[0]) and words[0].casefold() not in PARTICLES | HONORIFIC_WORDS) or any(re.fullmatch(r"[A-Z]\.", w) for w in words) or any(w.casefold() in PARTICLES for w in words[1:-1])
