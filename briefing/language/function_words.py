"""English function words: articles, pronouns, prepositions, conjunctions, auxiliaries.

A knowledge-base alias that is one of these ("a", "The", "it") would tag
nearly every story with its entity; the loader refuses it.
"""

from __future__ import annotations

FUNCTION_WORDS = frozenset(
    """a an the this that these those there here it its it's he him his she her hers we us our ours they them their
    theirs i me my mine you your yours who whom whose which what when where why how all any both each every either
    neither some such no nor not only own same so than too very and or but if then else because as until while of at
    by for with about against between into through during before after above below to from up down in out on off over
    under again further once is am are was were be been being have has had having do does did doing will would shall
    should can could may might must also just now yet still one ones""".split()
)


def is_function_word(word: str) -> bool:
    """Whether ``word`` (any case, surrounding space ignored) is an English function word."""
    return " ".join(word.split()).casefold() in FUNCTION_WORDS
