"""Countries from pycountry (the maintained ISO 3166 list), not typed by hand.

Each country becomes a ``place`` entity named by its common name ("Iran",
"South Korea") when pycountry has one, else its short name; the other
names pycountry knows become aliases, except the inverted catalogue forms
("Korea, Republic of") that no article writes. An entry of
``taxonomy/entities.yml`` with ``country: XX`` renames that country and adds
what pycountry lacks: the short forms people write ("U.S.", "UK",
"Britain") and demonyms ("Chinese").

Demonyms are weak signals by design: "Chinese" often describes a firm or a
person rather than the state, so a demonym never creates a mention of the
country on its own; it only adds to the count of a country the article
also names (see :mod:`briefing.tagging.tag`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import pycountry

from briefing.model import Entity


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(alpha-2, names)`` for every country, the preferred name first."""
    found = []
    for country in pycountry.countries:
        names = [getattr(country, "common_name", ""), country.name, getattr(country, "official_name", "")]
        names = [n for n in dict.fromkeys(names) if n and ", " not in n]
        if not names:  # only inverted forms: keep the short name as it is
            names = [country.name]
        found.append((country.alpha_2, tuple(names)))
    return tuple(sorted(found))


def is_country_code(code: str) -> bool:
    return any(alpha_2 == code.upper() for alpha_2, _ in _countries())


def country_entities() -> list[Entity]:
    """One ``place`` entity per ISO 3166 country."""
    return [
        Entity(name=names[0], type="place", aliases=names[1:], description=f"Country (ISO 3166 code {code}).", country=code)
        for code, names in _countries()
    ]


# States and provinces are added for a few large countries only: elsewhere
# pycountry's subdivision names include words such as "Central" or "Centre".
SUBDIVISIONS = {
    "AU": ("State", "Territory"),
    "CA": ("Province", "Territory"),
    "CN": ("Province", "Municipality", "Autonomous region"),
    "DE": ("Land",),
    "GB": ("Country",),
    "IN": ("State", "Union territory"),
    "US": ("State", "District"),
}
_SUFFIX = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu)$|\s*\[.*\]$")


def subdivision_entities(countries: dict[str, str]) -> list[Entity]:
    """States and provinces of :data:`SUBDIVISIONS`, each with its country as parent."""
    found = []
    for code, kinds in sorted(SUBDIVISIONS.items()):
        for sub in pycountry.subdivisions.get(country_code=code) or ():
            if sub.type in kinds:
                name = _SUFFIX.sub("", sub.name)
                description = f"{sub.type.capitalize()}, {countries[code]} (ISO 3166-2 code {sub.code})."
                found.append(Entity(name=name, type="place", description=description, parent=countries[code]))
    return sorted(found, key=lambda e: e.name)


def merge_countries(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The knowledge base's entries plus pycountry's countries (and some states), ``country:`` entries merged in.

    A name or alias the knowledge base already gives to another entity is
    dropped from the country, so the hand-written entry wins.
    """
    by_code = {e.country: e for e in entities if e.country}
    taken = {alias for e in entities for alias in (e.name, *e.aliases) if not e.country}
    countries = []
    for country in country_entities():
        own = by_code.pop(country.country, None)
        if own is not None:
            aliases = tuple(dict.fromkeys((*own.aliases, country.name, *country.aliases)))
            country = replace(own, aliases=tuple(a for a in aliases if a != own.name), description=own.description or country.description)
        names = [n for n in (country.name, *country.aliases) if n not in taken]
        if not names:
            continue
        countries.append(replace(country, name=names[0], aliases=tuple(names[1:])))
        taken.update(names)
    canonical = {c.country: c.name for c in countries}
    subdivisions = [s for s in subdivision_entities(canonical) if s.name not in taken]
    others = [e for e in entities if not e.country]
    return tuple(others + countries + subdivisions)
