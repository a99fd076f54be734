"""Sentence boundaries and the names of people, shared by the timeline and the quotes.

Both work on the words of one paragraph at a time and need the same two
things: where a sentence starts and ends (without splitting at "U.S." or
"Sen."), and which capitalised words name a person once titles such as
"FBI Director" are taken off.
"""

from __future__ import annotations

import re

# Words before a full stop that do not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt capt adm st jr sr inc corp co ltd no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept univ est".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")

# Words of a title or role that may stand before a name ("FBI Director Christopher Wray").
TITLES = frozenset(
    "president vice director secretary senator sen sen. rep rep. representative congressman congresswoman "
    "chancellor minister prime premier governor gov gov. mayor chairman chairwoman chair ceo cfo cto coo "
    "founder chief executive officer general gen gen. admiral adm adm. lt lt. col col. sgt sgt. judge justice "
    "attorney ambassador commissioner spokesman spokeswoman spokesperson dr dr. mr mr. mrs mrs. ms ms. prof "
    "prof. professor mp mep king queen prince princess pope deputy assistant leader speaker democrat "
    "democratic republican former acting head analyst editor reporter correspondent lawmaker envoy "
    "inspector superintendent commander captain capt capt. sir lord lady dame chairperson president-elect "
    "engineer adv adv. advocate lawyer coach officer economist scientist researcher activist".split()
)
# Words that start a capitalised run without being part of a name.
NOT_NAMES = frozenset(
    "the a an and but or if in on at of for to by with from as this that these those it its his her their "
    "our we he she they i you last next first second third however meanwhile while when after before since "
    "during although though so yet also still both each every some many most more no not one two three".split()
)
# Capital letters of the Latin scripts (Python's re has no \p{Lu}); a name word may go on in any letters.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_TOKEN = rf"[{_UPPER}][\w'’\-]*\.?"
NAME_RUN = re.compile(rf"(?<![\w.])(?:{_TOKEN})(?:\s+(?:{_TOKEN}))*")
_LONG_RUN = re.compile(rf"(?<![\w.])(?:{_TOKEN})(?:\s+(?:{_TOKEN}))+")
TRAILING_RUN = re.compile(rf"(?:{_TOKEN}\s+)*{_TOKEN}$")
# "Strayer", "LaRose", "McDonald", "O'Brien", "Jean-Luc", "Strömmer", or an initial "D."
_NAME_WORD = re.compile(rf"^(?:[{_UPPER}]\.|[{_UPPER}](?:[^\W\d_]*[a-zß-ÿ][^\W\d_]*)(?:['’\-][^\W\d_]+)*|O['’][{_UPPER}][^\W\d_]+)$")


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


def person_name(words: str) -> tuple[str, bool]:
    """The name in ``words`` once leading titles are removed, and whether a title was there.

    ``FBI Director Christopher Wray`` -> (``Christopher Wray``, True); ``Strayer`` ->
    (``Strayer``, False); a phrase that is not one to four name words -> ("", False).
    """
    tokens = words.split()
    titled = False
    for index, token in enumerate(tokens):
        if token.lower() in TITLES or token.lower().rstrip(".") in TITLES:
            titled = True
            last_title = index
    if titled:
        tokens = tokens[last_title + 1 :]
    if not 1 <= len(tokens) <= 4 or tokens[0].lower() in NOT_NAMES:
        return "", False
    if not all(_NAME_WORD.match(token) for token in tokens) or tokens[-1].endswith("."):
        return "", False
    return " ".join(tokens), titled


def name_runs(text: str) -> list[tuple[int, str, bool]]:
    """Every capitalised run of ``text`` that reads as a person's name: ``(position, name, titled)``.

    A run after "Secretary of" (``State Mike Pompeo``) keeps its last two words.
    """
    found = []
    # A name alone ("Strayer") is resolved elsewhere; here only runs of two words or more (with a title, "Sen. Hagerty").
    for match in _LONG_RUN.finditer(text):
        run = match.group()
        # Trailing full stops belong to the sentence, not the name.
        run = run[:-1] if run.endswith(".") and not re.search(r"(?:^|\s)[A-Z]\.$", run) else run
        name, titled = person_name(run)
        if not name:
            continue
        before = text[max(0, match.start() - 40) : match.start()].split()
        if len(name.split()) >= 3 and len(before) >= 2 and before[-1] in ("of", "for") and before[-2].lower() in TITLES:
            name, titled = " ".join(name.split()[-2:]), True
        if len(name.split()) >= 2 or titled:
            found.append((match.start() + run.index(name.split()[0]), name, titled))
    return found
