"""Where sentences start and end, without splitting at "U.S." or "Sen.".

Two splitters, with the rules their readers were tuned on:

- :func:`sentence_spans`, for the timeline and the quotes: a stop (``.``,
  ``!``, ``?``, ``…``) before a capital or a digit ends a sentence, unless
  the word before it is an abbreviation (:data:`ABBREVIATIONS`) or an initial;
- :func:`sentence_at`, for the sentence shown with a mention: a stop, maybe
  closing a quote, before a capital or a digit, unless after an initial or a
  short title ("U.S. Secretary", "Sen. Cotton").

They differ in a few cases (an ellipsis, "No.", a closing bracket); making
them one would change the sentences the site shows.
"""

from __future__ import annotations

import re

from briefing.language.dates import MONTH_ABBREVIATIONS

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt capt adm st jr sr inc corp co ltd no vs etc fig approx dept univ est".split()
) | {month.lower() for month in MONTH_ABBREVIATIONS}
"""Words before a full stop that do not end a sentence, lower case."""
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start() + 1].split()
        last = before[-1].rstrip(".!?…\"'”’)]").lower() if before else ""
        if text[match.start()] == "." and (last in ABBREVIATIONS or _is_initialism(last)):
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _is_initialism(word: str) -> bool:
    """``u.s``, ``d``: single letters and letters joined by dots, which a full stop follows without ending a sentence."""
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


SENTENCE_LENGTH = 300
"""How long a sentence :func:`sentence_at` returns may be, in characters, before it is cut at a word."""
# A sentence ends at . ! or ? (maybe closing a quote) before a capital, but not
# after an initial or a short title ("U.S. Secretary", "Sen. Cotton").
_SENTENCE_END = re.compile(
    r"(?<![A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt)\.)(?<!\b(?:Sen|Rep|Gov|Mrs|Gen|Col)\.)(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z0-9])"
)


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` holding ``offset``, shortened to about 300 characters."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > offset:
            sentence = text[start : match.start()]
            break
        start = match.end()
    else:
        sentence = text[start:]
    sentence = " ".join(sentence.split())
    if len(sentence) > SENTENCE_LENGTH:
        sentence = sentence[:SENTENCE_LENGTH].rsplit(" ", 1)[0] + " …"
    return sentence
