"""English function words: articles, pronouns, prepositions, conjunctions, auxiliaries.

A knowledge-base alias that is one of these ("a", "The", "it") would tag
nearly every story with its entity; the loader refuses it.
"""

from __future__ import annotations

import re

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


ENGLISH_SHARE = 0.2
"""Share of a text's lower-case words that are English function words, at least, for English: about 0.4 to 0.5 in
English news; well under 0.1 in German, French or Spanish (whose "in", "die" or "a" few are in the list)."""


def looks_english(text: str) -> bool:
    """Whether ``text`` reads as English: enough of its lower-case words are English function words (an empty text does)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w.islower()]
    return not words or sum(w in FUNCTION_WORDS for w in words) >= ENGLISH_SHARE * len(words)
