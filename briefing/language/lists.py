"""The name lists shipped inside the package (given names, cities, organisations): one name a line, ``#`` comments."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import ahocorasick


@lru_cache(maxsize=None)
def read_list(filename: str) -> frozenset[str]:
    """The names of ``briefing/language/<filename>``, read once."""
    text = resources.files("briefing.language").joinpath(filename).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def automaton(filename: str) -> ahocorasick.Automaton:
    """Every name of ``briefing/language/<filename>`` in one Aho-Corasick automaton (each name its own value), built once."""
    found = ahocorasick.Automaton()
    for name in sorted(read_list(filename)):
        found.add_word(name, name)
    found.make_automaton()
    return found
