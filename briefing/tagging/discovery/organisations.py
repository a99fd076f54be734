"""Organisations, laws and programmes by the form of their names, by the lists they stand in, and bare well-known names.

What a sentence says of a body ("newspaper Dagens Nyheter") is read in
:mod:`briefing.tagging.discovery.organisation_cues`, acronyms in
:mod:`briefing.tagging.discovery.acronyms`.
"""

from __future__ import annotations

import re

from briefing.knowledge.matcher import SpanIndex, leftmost_longest
from briefing.language import cities as gazetteer
from briefing.language import organisations as organisation_list
from briefing.language.given_names import is_given_name
from briefing.language.names import LOW, NAME_END, UP
from briefing.model import Span
from briefing.tagging.discovery.common import (
    CAPITAL_BEFORE,
    CLUB_TAILS,
    COMPASS,
    CONNECTORS,
    GLUED,
    NON_SPACE,
    NOT_NAME_WORDS,
    OPENERS,
    ORG_HEADS,
    OTHER_HEADS,
    ROLE_NOUNS,
    STOP_WORDS,
    TITLE_FIRST_WORDS,
    article_text,
    is_abbreviation,
    lower_elsewhere,
    matches,
    rule,
    sentence_start,
    strip_possessive,
)  # fmt: skip

# --- by the form of the name ---------------------------------------------------------------------

# At most 40 words a run: no name is longer, and a page of capitalised words must not make the split quadratic.
_CAP_RUN = re.compile(
    rf"(?:[{UP}][\w&'’.-]*)(?:\s+(?:(?:of|for|and|on|the|&|de|du|des|la)\s+){{0,2}}(?:[{UP}][\w&'’.-]*)){{0,40}}"
)

_ACRONYM_WORD = re.compile(r"[A-Z]{2,}s?")


@rule
def organisations_by_head_word(text: str, known: list[Span] = ()) -> list[Span]:
    """A capitalised name ending in, or headed by, a body's word is an organisation's (strength 2).

    The head words (:data:`~briefing.tagging.discovery.common.ORG_HEADS`):
    Inc., Corp., Agency, Department, Committee, University ...:
    "Cybersecurity and Infrastructure Security Agency", "University of
    Surrey", "Department of Homeland Security", "Ministry of Environment,
    Forestry and Tourism" (a ministry runs to its last portfolio). A law or
    programme by "Act" or "Initiative" is of type ``other``. Not "Labour
    Force Survey" or "Air Force One" (the head inside another name), "West
    Bank" (a place), "journalist Alex Press" (a person), "Head of Sales and
    Customer Services at Ocean Florida" (a department in a title); "David
    Watt of Rosenberg Research Inc." is a person of the body, which starts
    after "of".

    ``known`` holds the spans of names already found, so that a known
    possessor ("Britain's Labour Party") is not glued to the name.
    """
    found = []
    known_starts = {s.start for s in known}
    for match in _CAP_RUN.finditer(text):
        start, run = match.start(), match.group()
        # "Shares of Acme Widgets Inc.": a sentence's first word is capitalised anyway.
        if (lead := _SENTENCE_LEAD.match(run)) and sentence_start(text, start) and lead.group(1) not in ORG_HEADS:
            start, run = start + lead.end(), run[lead.end() :]
        found += _organisation(start, run, known_starts)
    return [_with_portfolios(text, c) for c in found if not _titled_person(text, c) and not _department(text, c)]


_HEAD_OF_BEFORE = re.compile(r"\b(?:[Hh]ead|[Dd]irector|[Cc]hief|[Mm]anager|[Vv]ice[- ][Pp]resident|VP)\s+of\s+(?:the\s+)?$")

_AT_AFTER = re.compile(rf"\s+at\s+(?:the\s+)?[{UP}]")


def _department(text: str, candidate: Span) -> bool:
    """Whether ``candidate`` is a department named in a title: "Head of Sales and Customer Services at Ocean Florida"."""
    return bool(_HEAD_OF_BEFORE.search(text, max(0, candidate.start - 30), candidate.start)) and bool(_AT_AFTER.match(text, candidate.end))


_WORD_END = re.compile(r"([a-z]+)\s+$")


def _titled_person(text: str, candidate: Span) -> bool:
    """Whether a title and a given name make ``candidate`` a person: "journalist Alex Press", not "the Alex Press"."""
    before = _WORD_END.search(text, max(0, candidate.start - 30), candidate.start)
    return before is not None and before.group(1) in TITLE_FIRST_WORDS and is_given_name(candidate.entity.split()[0])


_PORTFOLIO = rf"[{UP}][{LOW}]+(?:\s+[{UP}][{LOW}]+){{0,2}}"

# "Ministry of Environment, Forestry and Tourism": a government's portfolios listed after "of".
_PORTFOLIOS = re.compile(rf",\s+{_PORTFOLIO}(?:,\s+{_PORTFOLIO})*,?\s+(?:and|&)\s+{_PORTFOLIO}(?![\w-])(?!\s+[{UP}])")


def _with_portfolios(text: str, candidate: Span) -> Span:
    """A ministry or department named by its portfolios runs to the last of them."""
    words = candidate.entity.split()
    if words[0] not in {"Ministry", "Department"} or len(words) < 3 or words[1] != "of":
        return candidate
    match = _PORTFOLIOS.match(text, candidate.end)
    if not match or any(w in STOP_WORDS for w in match.group().replace(",", " ").split()):
        return candidate
    return Span(candidate.start, match.end(), " ".join(text[candidate.start : match.end()].split()), candidate.kind, "", candidate.strength)


_SENTENCE_LEAD = re.compile(r"(\w+)\s+(?:of|for|on|and)\s+")

# --- by the lists they stand in --------------------------------------------------------------------

LIST_ITEM = rf"[{UP}][\w+&-]*(?:\s+(?:of\s+)?[{UP}][\w+&-]*){{0,3}}{NAME_END}"

_LIST_NEXT = re.compile(rf"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?P<name>{LIST_ITEM})")

_LIST_PREV = re.compile(rf"(?<![\w'’-])(?<!\ba )(?<!\ban )(?P<name>{LIST_ITEM}),\s+(?:the\s+)?$")


@rule
def listed_with_organisations(text: str, spans: list[Span]) -> list[Span]:
    """Unknown names listed with organisations are organisations (strength 1): "the Japanese Communist Party and Komeito".

    ``spans``: the names already found in ``text``.
    A list that also holds a person or a place is left alone; an unknown item
    must be one word, an acronym or a name with an organisation's head word
    ("Apple and Tim Cook" names a person). A list of clubs takes a city's
    name as its club ("Manchester United, ... and Porto", "over Newcastle and
    Manchester United"); a pair inside a list is one name ("Aerosmith,
    Cheech and Chong, AC/DC").
    """
    found = []
    index = SpanIndex((span.start, span.end, span) for span in spans)
    for span in spans:
        if span.kind != "organisation":
            continue
        start, end = span.start, span.end
        club = text[start:end].split()[-1] in CLUB_TAILS | {"FC", "AFC", "CF", "SC"}  # "Manchester United, ... and Porto": cities are clubs too
        # "Ministry of Environment, Forestry and Tourism": after "of", the list is the name's own.
        position = end if " of " not in text[start:end] else len(text)
        while (match := _LIST_NEXT.match(text, position)) and not _in_a_pair(text, match):
            item = _list_item(match, index, club)
            if not item:
                break  # the list ends, or goes on from a known organisation, which walks it itself
            found += item
            position = max([match.end("name")] + [s.end for s in index.overlapping(*match.span("name"))])
            if "," not in match.group()[: match.start("name") - match.start()]:
                break  # "... and Komeito": the last item
        position = start
        previous = (_LIST_PREV, _CLUB_BEFORE_AND) if club else (_LIST_PREV,)  # "over Newcastle and Manchester United"
        while (
            (match := _search_any(previous, text, max(0, position - 80), position))
            and not sentence_start(text, match.start("name"))
            and not _in_a_pair(text, match)
        ):
            item = _list_item(match, index, club)
            if not item:
                break
            found += item
            position = min([match.start("name")] + [s.start for s in index.overlapping(*match.span("name"))])
    return found


_PAIR_AFTER = re.compile(rf"\s+(?:and|&)\s+[{UP}][\w'’-]*,")

_PAIR_BEFORE = re.compile(rf",\s+[{UP}][\w'’-]*\s+(?:and|&)\s+$")


def _in_a_pair(text: str, match: re.Match) -> bool:
    """Whether a list item is half of a pair inside the list ("Aerosmith, Cheech and Chong, AC/DC"): a duo, not two names."""
    start, end = match.span("name")
    return bool(_PAIR_AFTER.match(text, end)) or bool(_PAIR_BEFORE.search(text, max(0, start - 40), start))


_CLUB_BEFORE_AND = re.compile(rf"(?<![\w'’-])(?P<name>[{UP}][{LOW}]+)\s+(?:and|&)\s+(?:the\s+)?$")


def _search_any(patterns: tuple[re.Pattern, ...], text: str, start: int, end: int) -> re.Match | None:
    """The first of ``patterns`` found in ``text[start:end]``."""
    return next((match for pattern in patterns if (match := pattern.search(text, start, end))), None)


def _list_item(match: re.Match, spans: SpanIndex, club: bool = False) -> list[Span] | None:
    """The candidate of one list item ([] when it is a known organisation), or None when the list ends.

    ``club``: the list is of clubs, so a city's name is its club ("Porto"); otherwise a city ends it.
    """
    start, end = match.span("name")
    kinds = {s.kind for s in spans.overlapping(start, end)}
    if kinds:
        return [] if kinds == {"organisation"} else None
    words = match.group("name").split()
    if _club_like(words):
        return cued_organisation(start, match.group("name"), 1)
    if any(w in STOP_WORDS or (w in NOT_NAME_WORDS and w not in ORG_HEADS) or re.search(r"-[a-z]", w) for w in words):
        return None  # "PRC-based", "state-owned": an adjective ends the list
    if len(words) > 1 and not (any(w in ORG_HEADS for w in words) or any(w.isupper() for w in words)):
        return None
    if len(words) == 1 and re.search(r"(?:an|ese|ish|i)$", words[0]):
        return None  # "Palestinian": a demonym
    if not club and match.group("name") in gazetteer.cities():
        return None  # "Huawei, Shenzhen and ...": a city is a place
    return cued_organisation(start, match.group("name"), 1)


def _club_like(words: list[str]) -> bool:
    """A place and a club's tail, listed with organisations: "Manchester City", "Notts County" (not "Mexico City")."""
    return len(words) == 2 and words[1] in CLUB_TAILS and words[0] not in NOT_NAME_WORDS and " ".join(words) not in gazetteer.cities()


def cued_organisation(start: int, name: str, strength: int = 2, titled: bool = False) -> list[Span]:
    """An organisation a cue names, unless its words say otherwise (shared by the cue rules).

    ``titled``: written after a capitalised "The" inside a sentence, as names
    of newspapers are ("told The Namibian"), so a demonym's form is no objection.
    """
    if (based := name.split(maxsplit=1))[0].endswith("-based") and len(based) > 1:
        start, name = start + len(name) - len(based[1]), based[1]  # "the London-based Energy Institute"
    person, of, body = name.partition(" of ")
    if of and is_given_name(person.split()[0]) and len(person.split()) in (2, 3) and not set(person.split()) & ORG_HEADS:
        start, name = start + len(person) + len(of), body  # "Peter McNally of Third Bridge": a person of the body
    words = name.split()
    if words[0] in STOP_WORDS or words[0].lower() in ROLE_NOUNS or words[-1] in CONNECTORS:
        return []
    if len(words) == 2 and is_given_name(words[0]) and words[1] not in ORG_HEADS:
        return []  # "publisher Harry Chandler", "Taylor Swift fans": a person's name
    if len(words) == 1 and re.search(r"(?:an|ese|ish|i)$", words[0]):  # "Palestinian protesters": a demonym
        if not titled:
            return []
        start, name, words = start - 4, f"The {name}", ["The", *words]  # "The Namibian": the article is the name's
    head = words[-1]
    kind = "other" if head in OTHER_HEADS else "organisation"
    return [Span(start, start + len(name), " ".join(words), kind, "", strength)]


def _organisation(offset: int, run: str, known_starts: set[int]) -> list[Span]:
    """Split a capitalised run into the names it may hold, then keep those with an organisation's form."""
    pieces: list[list[tuple[int, str]]] = [[]]
    words = [(m.start(), m.group().rstrip(",")) for m in NON_SPACE.finditer(run)]
    for index, (start, word) in enumerate(words):
        bare = strip_possessive(word)
        if word == "the" and pieces[-1] and pieces[-1][-1][1] == "and":
            pieces[-1].pop()  # "Stanford and the University of California" is two names
            pieces.append([])
            continue
        if bare.rstrip(".") in STOP_WORDS and pieces[-1]:
            pieces.append([])  # "... Strategy on Oct. 15": a date ends the name
            continue
        if word in {"on", "for"} and not (pieces[-1] and pieces[-1][-1][1] in ORG_HEADS | OTHER_HEADS) and not _in_complement(pieces[-1], word):
            pieces.append([])  # "Committee on ...", "Institute for ...", but "Follow TechRadar on Google News" is no name
            continue
        if word.endswith("-based") or GLUED.search(word):
            pieces[-1] = []  # "London-based Energy Institute": the name starts after
            continue
        if word in {"and", "&"} and pieces[-1] and pieces[-1][-1][1] in ORG_HEADS and index + 1 < len(words) and any(
            w.rstrip(".,") in ORG_HEADS for _, w in words[index + 1 :]
        ):
            pieces.append([])  # "Mashreq University and Sudan University of ...": two names
            continue
        if word in {"and", "&"} and len(named := [w for _, w in pieces[-1] if w not in STOP_WORDS]) == 1 and _ACRONYM_WORD.fullmatch(named[0]):
            pieces.append([])  # "the EFF and MK Party": an acronym is a whole name, so "and" joins two
            continue
        ends_sentence = word.endswith(".") and not is_abbreviation(word)
        if ends_sentence:
            bare = word[:-1]
        # A possessive ends a name ("Department of Homeland Security's Cybersecurity ... Agency"),
        # except a lone unknown word before it ("People's Liberation Army").
        possessive = bare != word and not ends_sentence
        lone = not pieces[-1] and offset + start not in known_starts and bare not in ORG_HEADS and any(c.islower() for c in bare)
        pieces[-1].append((start, word if possessive and lone else bare))
        # A corporate suffix ends a name: "Corus Entertainment Inc. Corus News" is two.
        if ends_sentence or (possessive and not lone) or bare.rstrip(".") in CORPORATE:
            pieces.append([])
    out = []
    for piece in pieces:
        out += _organisation_piece(offset, piece)
    return out


def _in_complement(piece: list[tuple[int, str]], word: str) -> bool:
    """Whether "on" goes on a name already past its head and "for"/"of": "Centre for Research on Energy and Clean Air"."""
    words = [w for _, w in piece]
    heads = [i for i, w in enumerate(words) if w in ORG_HEADS]
    return word == "on" and bool(heads) and any(w in {"for", "of"} for w in words[heads[0] + 1 :])


CORPORATE = {"Inc", "Corp", "Corporation", "Ltd", "LLC", "PLC", "Plc", "Co", "AG", "GmbH", "SpA", "NV", "Pty", "Bhd"}


def _organisation_piece(offset: int, words: list[tuple[int, str]]) -> list[Span]:
    """The organisation one piece of a capitalised run names, from its first name word to its head (and complement)."""
    # "The ...", "Chair of the Local Government Association", "Leader of Burnley Council": not part of the name
    while words and (
        words[0][1] in STOP_WORDS
        or words[0][1] in CONNECTORS
        or (words[0][1].lower() in ROLE_NOUNS and len(words) > 1 and words[1][1] == "of")
    ):
        words = words[1:]
    heads = [i for i, (_, w) in enumerate(words) if w.rstrip(".") in ORG_HEADS | OTHER_HEADS]
    if not heads:
        return []
    last = heads[-1]
    if last + 1 < len(words) and words[last + 1][1] in {"of", "for", "on"}:
        end = len(words) - 1  # "Department of Homeland Security", "University of Surrey"
    elif last == len(words) - 1 or words[last + 1][1] in {"and", "&"}:
        end = last  # "the Japanese Communist Party and Komeito": the name ends at its head
    else:
        return []  # "Labour Force Survey", "Air Force One": the head is inside another name
    while end > last and words[end][1] in CONNECTORS:
        end -= 1
    words = words[: end + 1]
    head = words[last][1].rstrip(".")
    # "David Watt of Rosenberg Research Inc.", "Teri Allery of North Dakota State University", "Lauri Myllyvirta of
    # the Centre for Research on Energy and Clean Air": a person of the body.
    first = heads[0] if last < len(words) - 1 else last
    cut = max((i for i, (_, w) in enumerate(words[:first]) if w == "of"), default=-1)
    if cut >= 2 and not any(w in ORG_HEADS for _, w in words[:cut]) and (first - cut >= 2 or words[cut + 1][1] == "the"):
        words, last = words[cut + 1 :], last - cut - 1
        while words[0][1] in CONNECTORS:
            words, last = words[1:], last - 1
    names = [w for _, w in words if w not in CONNECTORS]
    if len(names) < 2 or len(words) > 10 or (len(names) == 2 and names[0] in COMPASS):
        return []  # "West Bank" is a place
    kind = "other" if head in OTHER_HEADS and words[0][1] not in {"UN", "U.N."} else "organisation"  # "U.N. Environment Programme"
    start = offset + words[0][0]
    stop = offset + words[-1][0] + len(words[-1][1])
    return [Span(start, stop, " ".join(w for _, w in words), kind, "", 2)]


# --- by a word of their own --------------------------------------------------------------------------

# Parties called by their family's name, as every democracy's press does: "the Conservatives", "Labor's target".
PARTY_FAMILIES = {
    "Conservatives": "Conservative Party", "Tories": "Conservative Party", "Liberals": "Liberal Party",
    "Democrats": "Democratic Party", "Republicans": "Republican Party", "Greens": "Green Party",
    "Socialists": "Socialist Party", "Labour": "Labour Party", "Labor": "Labor Party",
}  # fmt: skip

_PARTY_FAMILY = re.compile(rf"(?<![\w'’.-])(?P<name>{'|'.join(sorted(PARTY_FAMILIES))})(?![\w-])(?!\s+[{UP}])")


@rule
def parties_by_family(texts: list[str], allowed: list[bool]) -> list[Span]:
    """A party named by its family is that party (strength 2): "the Conservatives' letter", "Labor's climate policies".

    Not inside a longer name ("Liberal Democrats", "Labor Day"), and not
    when the word is also written in lower case in the article ("labour
    costs"): then the capital may be a sentence's first letter.
    """
    joined = article_text(texts)
    found = []
    for index, text, match in matches(_PARTY_FAMILY, texts, allowed):
        word = match.group("name")
        if not (CAPITAL_BEFORE.search(text, max(0, match.start() - 40), match.start()) or lower_elsewhere(word, joined)):
            found.append(Span(match.start(), match.end(), PARTY_FAMILIES[word], "organisation", "", 2, text=index))
    return found


# "the Airbus A350", "an Embraer E190": a maker named before its model's letters and number.
_MAKER_MODEL = re.compile(rf"(?<![\w'’.-])(?P<name>[{UP}][{LOW}]{{2,}})\s+[A-Z]{{1,2}}-?\d{{2,4}}[a-z]?(?![\w-])")


@rule
def makers_by_model(texts: list[str], allowed: list[bool]) -> list[Span]:
    """A capitalised word before a model designation is its maker, a company (strength 1): "the Airbus A350", "an Embraer E190".

    The name must be no common word of the article ("flight MH17",
    "route A40") and no word of places, bodies or titles ("Route", "Highway").
    """
    joined = article_text(texts)
    found = []
    for index, text, match in matches(_MAKER_MODEL, texts, allowed):
        name = match.group("name")
        if not (name in NOT_NAME_WORDS or name in OPENERS or lower_elsewhere(name, joined) or sentence_start(text, match.start())):
            found.append(Span(match.start(), match.end("name"), name, "organisation", "", 1, text=index))
    return found


@rule
def listed_organisations(text: str) -> list[Span]:
    """A name of the organisation list (:mod:`briefing.language.organisations`) written as a name is one: "Aerosmith", "AC/DC".

    Matched in any case, kept only where the text writes every word
    capitalised (a short name in capitals: "AIG", not "aig"), standing alone
    (not inside a word or before another capitalised word: "Boeing Capital").
    A name of several words is a cue as good as a head word; one word is
    weak, so the article can overrule it (a word also written in lower case).
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return []  # a letter whose lower case is longer ("İ"): offsets would not line up
    found = []
    for end, name in organisation_list.automaton().iter(lowered):
        start, end = end + 1 - len(name), end + 1
        if (start and (text[start - 1].isalnum() or text[start - 1] in "-&/")) or (end < len(text) and (text[end].isalnum() or text[end] in "-&/")):
            continue
        written = text[start:end]
        if not _written_as_a_name(written, len(name) <= organisation_list.SHORT) or CAPITAL_WORD_NEXT.match(text, end):
            continue
        found.append(Span(start, end, " ".join(written.split()), "organisation", "", 2 if " " in name else 1))
    return leftmost_longest(found)


CAPITAL_WORD_NEXT = re.compile(rf"[ \t]+[{UP}]")
"""A capitalised word next on the same line: the name goes on ("Boeing Capital", "the Sun Belt")."""

_LOWER_LINKS = {"of", "on", "and", "&", "n", "the", "de", "la", "der"}


def _written_as_a_name(written: str, short: bool) -> bool:
    """Whether every word of ``written`` starts with a capital or a digit (links such as "of" aside); all capitals if ``short``."""
    if short:
        return written.isupper()
    words = written.split()
    return words[0] not in _LOWER_LINKS and all(w[:1].isupper() or w[:1].isdigit() or w in _LOWER_LINKS for w in words)
