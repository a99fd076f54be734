"""The name lists shipped inside the package (given names, cities, organisations): one name a line, ``#`` comments."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_list(filename: str) -> frozenset[str]:
    """The names of ``briefing/<filename>``, read once."""
    text = resources.files("briefing").joinpath(filename).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
