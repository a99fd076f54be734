"""People, found by a title or role, by what the sentence says of them, or by their surname acting alone.

Every rule needs two or more name words (:data:`~briefing.language.names.NAME`),
so a surname alone never makes a person; the titles, honorifics and speech
verbs are those of :mod:`briefing.language`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from briefing.language import cities as gazetteer
from briefing.language.given_names import is_given_name
from briefing.language.names import (
    HONORIFICS,
    INITIAL,
    LEADING_HONORIFICS,
    LOW,
    NAME,
    NAME_END,
    NAME_WORD,
    PARTICLE,
    REGNAL_NUMBERS,
    TITLES,
    UP,
)  # fmt: skip
from briefing.language.speech import SAY
from briefing.model import Span
from briefing.tagging.discovery.common import (
    CAPITAL_BEFORE,
    DEMONYM,
    GLUED,
    NOT_NAME_WORDS,
    OPENERS,
    ORG_HEADS,
    ROLE_NOUNS,
    STOP_WORDS,
    THE_BEFORE,
    TITLE_FIRST_WORDS,
    WORD_BEFORE,
    article_text,
    lower_elsewhere,
    matches,
    rule,
    sentence_start,
    tokens,
)  # fmt: skip

# Words a capitalised modifier of a title may be: demonyms and party names
# ("German Chancellor", "Democrat senator") or acronyms ("FBI Director").
MODIFIER = rf"(?:[{UP}][{UP}.&]+|[{UP}][{LOW}]+(?:ian|ean|can|man|ese|ish|ch|i|ic)|Democrat|Tory|Labour|Labor|Liberal|Green)"
LOWER_MODIFIER = r"(?:financial|operating|technology|information|marketing|communications|security|intelligence|science|former|then|acting|interim|deputy|assistant|foreign|senior|vice|chief|prime|defen[cs]e|finance|home|interior|health|state|federal|national|local|party|opposition|top|executive|managing|general|associate|education|justice|trade|commerce|environment|energy|transport|labour|labor)"
ROLE_BEFORE = (
    rf"(?:(?:{MODIFIER}|{LOWER_MODIFIER})\s+){{0,3}}(?i:ex-)?(?i:{'|'.join(TITLES)})"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[{UP}][\w-]+(?:\s+[{UP}][\w-]+)?)?"
)
"""A title with what may qualify it: "FBI Director", "UK prime minister", "Secretary of State"."""
ORG_NOUNS = (
    "agency|group|company|firm|party|club|team|union|association|council|committee|ministry|department|office|"
    "bureau|authority|institute|programme|program|scheme|project|foundation|organisation|organization|network|"
    "newspaper|channel|magazine|brand|bank|airline|university|school|hospital|court|government|administration"
)
"""Nouns of bodies: a name before or after one is a body's, not a person's ("the Financial Crime Prevention agency")."""

_INITIAL = re.compile(INITIAL)
_NAME_AT_END = re.compile(rf"{NAME}$")
_ORG_NOUN_AFTER = re.compile(rf"\s+(?:{ORG_NOUNS})\b")
_ROLE_PREFIX = re.compile(r"^(?:the|a|an|and|but|while|as|former)\s+", re.IGNORECASE)
_GENERATION_AFTER = re.compile(r",?\s+(?:Jr|Sr)\.?(?!\w)")


def find_people(text: str) -> list[Span]:
    """People of one text, by every rule that reads a text alone, strongest cue first."""
    return (
        titled_people(text)
        + people_with_a_role_after(text)
        + people_with_an_age(text)
        + people_with_a_role_before(text)
        + peers(text)
        + people_by_speech(text)
        + people_by_clause(text)
        + people_by_human_noun(text)
        + people_by_life_years(text)
    )


# --- by a title or a role --------------------------------------------------------------------

_TITLED = re.compile(rf"(?<![\w-])(?P<role>{ROLE_BEFORE})\s+(?P<name>{NAME})")
_TITLED_SHORT = re.compile(rf"(?<![\w-])(?P<role>{ROLE_BEFORE})\s+(?P<name>{NAME_WORD}){NAME_END}")
_WORD = re.compile(r"[A-Za-z][A-Za-z.-]*")


@rule
def titled_people(text: str) -> list[Span]:
    """A name after a title or role is a person's, the title their role (strength 3).

    "Sen. Bill Hagerty", "FBI Director Christopher Wray", "German Chancellor
    Olaf Scholz", "U.S. Secretary of State Mike Pompeo". An honorific ("Mr",
    "Datuk Seri") is no role.
    """
    found = []
    for match in _titled(text, _TITLED):
        role = _clean_role(match.group("role"))
        found += _person(text, match.span("name"), "" if role.rstrip(".").lower() in HONORIFICS else role, 3)
    return found


_APPOSITIVE = re.compile(rf"(?P<name>{NAME}),\s+(?P<role>(?:[^,.;:()\"“”\[\]]|\.(?=\S)){{3,90}}?)(?=\s*(?:[,;:()\"“”]|\.(?!\S))|\s+(?:{SAY}|who|and)\b|$)")


@rule
def people_with_a_role_after(text: str) -> list[Span]:
    """A name followed by a comma and a role phrase is a person's (strength 2).

    "Robert Strayer, deputy assistant secretary of state for cyber and
    international communications and information policy", the role running
    past "and" to the clause's end; not "Bordesley Green, Sky reporter Becky
    Johnson said", where the name is in the role.
    """
    found = []
    for match in _APPOSITIVE.finditer(text):
        if role := _role(_whole_role(text, match), after=True):
            found += _person(text, match.span("name"), role, 2)
    return found


_AGE = re.compile(rf"(?P<name>{NAME}),\s+(?:aged\s+)?\d{{1,3}},")


@rule
def people_with_an_age(text: str) -> list[Span]:
    """A name followed by an age between commas is a person's (strength 2): "Jane Doe, 34,", "Holly Bowles, aged 19,"."""
    found = []
    for match in _AGE.finditer(text):
        found += _person(text, match.span("name"), "", 2)
    return found


# Found by its tail (", Name," or ", Name said"); the role phrase before it is
# read backwards, which keeps the scan linear.
_APPOSITIVE_BEFORE = re.compile(rf",\s+(?P<name>{NAME})(?=,|\s+{SAY}\b)")
_CLAUSE_BREAK = re.compile(r"[,.;:()\"“”\[\]]")


@rule
def people_with_a_role_before(text: str) -> list[Span]:
    """A role phrase, a comma and a name between commas (or before "said") make a person (strength 2).

    "Huawei's founder and CEO, Ren Zhengfei,", "the company's chief
    economist, Jane Doe, said".
    """
    found = []
    for match in _APPOSITIVE_BEFORE.finditer(text):
        if role := _role(_CLAUSE_BREAK.split(text[max(0, match.start() - 90) : match.start()])[-1], after=False):
            found += _person(text, match.span("name"), role, 2)
    return found


_PEER = re.compile(rf"(?<![\w-])(?P<name>(?:Lord|Lady|Baroness|Baron|Dame)\s+{NAME_WORD}){NAME_END}(?!\s+(?:of\s+)?[{UP}])")


@rule
def peers(text: str) -> list[Span]:
    """Peers and their wives are named by their title and one word (strength 3): "Lord Alli", "Lady Starmer".

    Not before another capitalised word, or "of" and one: "Lord Mayor Sadiq Khan", "Lady Margaret of Anjou".
    """
    return [Span(m.start("name"), m.end("name"), " ".join(m.group("name").split()), "person", "", 3) for m in _PEER.finditer(text)]


# --- by what the sentence says of them -------------------------------------------------------

_SPEECH = [
    re.compile(rf"\b(?:{SAY}|according\s+to|starring)\s+(?P<name>{NAME})(?=\s*[,.;:]|\s+(?:in|on|at|to|during|after|as|when|who)\b)"),
    re.compile(rf"(?P<name>{NAME})\s+{SAY}\b"),
]


@rule
def people_by_speech(text: str) -> list[Span]:
    """A name next to a speech verb is a person's (strength 1, the weakest: outlets say things too).

    "said Dusan Navratil", "according to Jane Doe,", "Alex Younger said",
    "a film starring Tom Hanks in ...".
    """
    found = []
    for pattern in _SPEECH:
        for match in pattern.finditer(text):
            found += _person(text, match.span("name"), "", 1)
    return found


# Not after an article: "a Liberal Democrat who chairs ..." describes someone.
_CLAUSES = [
    re.compile(rf"(?<!\ba )(?<!\ban )(?<!\bthe )(?P<name>{NAME}),?\s+who\b"),
    re.compile(rf"(?<!\ba )(?<!\ban )(?<!\bthe )(?P<name>{NAME})\s+(?:was|is|has\s+been)\s+(?:named|appointed|elected|sworn\s+in|re-elected|nominated|born)\b"),
]


@rule
def people_by_clause(text: str) -> list[Span]:
    """A name before "who" or "was named" is a person's (strength 1): only people take these.

    "Ismail Haniyeh, who ruled ...", "Yahya Sinwar was named the new leader",
    "Jane Doe has been appointed"; not "a Liberal Democrat who chairs ...".
    """
    found = []
    for pattern in _CLAUSES:
        for match in pattern.finditer(text):
            found += _person(text, match.span("name"), "", 1)
    return found


# Nouns only a person is: "is a mother of two", "was a retired teacher" (not "member" or "partner": firms are those too).
HUMAN_NOUNS = set(
    """mother father grandmother grandfather widow widower wife husband son daughter sister brother girl boy man woman
    teacher nurse doctor farmer student pupil lawyer journalist pensioner mum dad retiree housewife
    mechanic driver soldier pilot priest nun singer actor actress writer novelist poet painter artist musician
    footballer athlete cricketer golfer boxer swimmer cyclist runner teenager""".split()
)
_HUMAN_NOUN = re.compile(
    rf"(?<!\ba )(?<!\ban )(?<!\bthe )(?P<name>{NAME})\s+(?:is|was)\s+an?\s+(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(sorted(HUMAN_NOUNS))})\b"
)


@rule
def people_by_human_noun(text: str) -> list[Span]:
    """A name that "is a" noun only a person is makes a person (strength 2).

    "Saphina Ndali is a mother of two", "Tom Ellis was a retired teacher";
    not "is a member" or "a partner": firms are those too.
    """
    return _cued_people(text, _HUMAN_NOUN, (" is a", " was a"))


# A name with a nickname in quotes: "Mildred ‘Babe’ Didrikson", "Joaquín “El Chapo” Guzmán".
NICKNAMED = rf"{NAME_WORD}\s+(?:‘[^’\n]{{2,25}}’|“[^”\n]{{2,25}}”|'[^'\n]{{2,25}}'|\"[^\"\n]{{2,25}}\")\s+{NAME_WORD}{NAME_END}"
_LIFE_YEARS = re.compile(rf"(?P<name>{NAME}|{NICKNAMED})\s+\((?:born\s+(?:in\s+)?\d{{4}}|(?:c\.\s*)?\d{{4}}\s*[-–]\s*(?:\d{{2}}|\d{{4}})?)\)")


@rule
def people_by_life_years(text: str) -> list[Span]:
    """A name before the years of a life in brackets is a person's (strength 2).

    "Howard Harding Jones (1885-1941)", "Mildred ‘Babe’ Didrikson (1912-1956)",
    "Jane Doe (born 1950)", "John Smith (c. 1700-60)".
    """
    return _cued_people(text, _LIFE_YEARS, ("(1", "(2", "(born", "(c."))


def _cued_people(text: str, pattern: re.Pattern, needles: tuple[str, ...]) -> list[Span]:
    """The people ``pattern`` finds by a cue only a person takes, as good as a role (strength 2)."""
    found = []
    if any(needle in text for needle in needles):  # each pattern opens with a name: scan only texts it can match
        for match in pattern.finditer(text):
            found += _person(text, match.span("name"), "", 2)
    return found


# --- over the whole article ----------------------------------------------------------------------

# A run of capitalised name words, not after "the" ("the Gaza Strip") nor inside a longer name.
_NAME_RUN = re.compile(rf"(?<![\w'’.&-])(?<!\bthe )(?<!\bThe )(?:{NAME_WORD})(?:\s+{NAME_WORD}){{1,2}}(?![\w&-])(?![’']\w{{2}})(?!\s+[{UP}])")

RECURRENCE = 2
"""How often a surname must stand alone for a name to be a person's by recurrence."""


@rule
def people_by_recurrence(texts: list[str], allowed: list[bool]) -> list[Span]:
    """A name in full whose last word then stands alone and acts is a person's (strength 1), over the whole article.

    Reporters name a person in full once and by surname after; firms and
    places keep their full name ("Silicon Valley Bank", "Khan Younis"). A
    two- or three-word name (no title, body or place words in it) whose last
    word stands alone at least :data:`RECURRENCE` times in the article, once
    acting as a person does, is a person: "Bethany Funke ... Funke's lawyers
    filed ... Funke agreed". Not "Main Lodge", "Capital Economics", "Labor
    Day" (words also written in lower case), nor "Frenchman Corentin Moutet"
    (a noun before the name). Only texts marked ``allowed`` are searched for
    the full name.
    """
    found = []
    joined = article_text(texts)
    for index, text in enumerate(texts):
        if allowed[index]:
            for match in _NAME_RUN.finditer(text):
                start, end = match.span()
                if CAPITAL_BEFORE.search(text, max(0, start - 40), start):
                    continue  # "Los Angeles Memorial Coliseum": the tail of a longer name
                first = match.group().split()[0]
                if sentence_start(text, start) and lower_elsewhere(first, joined):
                    start += len(first) + 1  # "Although Ishiba": a sentence's first word, lower-case elsewhere
                found += [replace(c, text=index) for c in _person(text, (start, end), "", 1)]
    kept = []
    acting: dict[str, bool] = {}  # surname -> whether it stands alone often enough and acts: once per article
    for candidate in found:
        words = candidate.entity.split()
        last = words[-1]
        if last in NOT_NAME_WORDS or len(last) < 3 or any(lower_elsewhere(w, joined) for w in words):
            continue  # "Main Lodge", "Capital Economics", "Labor Day": common words, not names
        if len(words) == 3 and words[0].endswith("man"):
            continue  # "Frenchman Corentin Moutet", "Chairman Mao Zedong": a noun before the name
        if last not in acting:
            acting[last] = _surname_acts(last, joined)
        if acting[last]:
            kept.append(candidate)
    return kept


def _surname_acts(last: str, joined: str) -> bool:
    """Whether ``last`` stands alone :data:`RECURRENCE` times in ``joined`` and once acts as a person does."""
    # Alone: not next to another capitalised word ("Desjardins Economics" is no mention of "Capital Economics").
    bare = [
        start
        for start in tokens(joined).get(last, ())
        if not _CAPITAL_AFTER.match(joined, start + len(last))
        and not THE_BEFORE.search(joined, max(0, start - 5), start)
        and not CAPITAL_BEFORE.search(joined, max(0, start - 40), start)
    ]
    # ... and at least once the surname acts as a person does: "Funke agreed", "Funke's lawyers", "Ms Funke".
    acts = any(_PERSON_AFTER.match(joined, start + len(last)) or _HONORIFIC_BEFORE.search(joined, max(0, start - 6), start) for start in bare)
    return len(bare) >= RECURRENCE and acts


@rule
def people_by_given_name(texts: list[str], allowed: list[bool]) -> list[Span]:
    """A given name and a surname, without a title, are a person's name (strength 1): "Holly Bowles, 19, ...".

    The first word must be a given name people are called by
    (:mod:`briefing.language.given_names`), and no word of the name may be written in
    lower case elsewhere in the article ("Grace", "Hope" and "Will" are words
    too), stand among the words of places and bodies ("Victoria Station"),
    or continue a longer capitalised name ("Morgan Stanley Capital"). Not
    after a place's or a body's noun ("in Khan Younis", "the airline Morgan
    Air"), nor a city's name ("San Antonio"); after a demonym, three words
    are one name ("Colombian Daniel Elahi Galan").
    """
    joined = article_text(texts)
    found = []
    for index, text, match in matches(_GIVEN_RUN, texts, allowed):
        start, end = match.span()
        first = match.group().split(maxsplit=1)[0]
        if _OUTSIDE_NAME.search(first) and not is_given_name(first) and (rest := _GIVEN_RUN.match(text, start + len(first) + 1)):
            start, end = rest.span()  # "Frenchman Corentin Moutet": the name after the noun
        before = CAPITAL_BEFORE.search(text, max(0, start - 40), start)
        if before and not _OUTSIDE_NAME.search(before.group().rstrip()):
            continue
        if _ORG_NOUN_BEFORE.search(text, max(0, start - 30), start) or _PLACE_BEFORE.search(text, max(0, start - 40), start):
            continue
        # "Colombian Daniel Elahi Galan": after a demonym, three words are one name.
        cued = bool(before) and bool(DEMONYM.search(word := before.group().rstrip()) or word.endswith("man"))
        found += [replace(c, text=index) for c in _person(text, (start, end), "", 1) if _given_and_surname(c.entity, joined, cued)]
    return found


def _given_and_surname(name: str, article: str, cued: bool = False) -> bool:
    """Whether ``name`` reads as a given name and a surname, and as nothing else in ``article``.

    ``cued``: a demonym stands before it, so a middle word need not be a given name.
    """
    words = [w for w in name.split() if not _INITIAL.fullmatch(w) and not (len(w) == 1 and w.isupper())]  # "Kelly L Clarke"
    if len(words[0]) < 3 or not is_given_name(words[0]) or len(words[-1]) < 2 or any(lower_elsewhere(w, article) for w in words):
        return False  # "Al Jazeera", "La Niña": a particle, not a given name
    if len(set(words)) < len(words) or len(words) == 3 and not cued and not is_given_name(words[1]):
        return False  # "Walt Disney World", "Roy Campanella Night": a name inside a longer one
    return name not in gazetteer.cities()  # "San Antonio", "Santa Clara": a city's name


# A given name, a middle initial, a surname with its particle: "John F. Kennedy", "Bashar al-Assad".
_GIVEN_RUN = re.compile(
    rf"(?<![\w'’.&-])(?<!\bthe )(?<!\bThe ){NAME_WORD}(?:\s+[{UP}]\.?(?=\s))?(?:\s+(?:{PARTICLE}[\s-])?{NAME_WORD}){{1,2}}"
    rf"(?![\w&-])(?![’']\w{{2}})(?!\s+(?!(?:Jr|Sr)\b)[{UP}])"
)

# A capitalised word before a name that is not part of it: "Germany's Friedrich Merz", "Frenchman Corentin
# Moutet", "'the Butcher' Oleksandr Syrsky".
_OUTSIDE_NAME = re.compile(r"(?:['’]s?|[’'\"”]|(?:wo)?man|ian|ese|ish)$")

# "in Khan Younis", "the riverside party town Van Vieng": a place's name, not a person's.
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|across|around|throughout|(?:town|city|village|province|region|district|county|suburb|capital)(?:\s+of)?)\s+$")

# "the airline Morgan Air", "a firm called Jordan Holdings": a body's name, not a person's.
_ORG_NOUN_BEFORE = re.compile(rf"\b(?:{ORG_NOUNS}|brand|label|chain|retailer|carrier|outlet|publisher|called|named)\s+$", re.IGNORECASE)

_PERSON_AFTER = re.compile(
    rf"(?:['’]s?\s+[a-z]|,?\s+(?:{SAY}|has|had|is|was|will|would|did|does|also|who|can|could|should|may|might|must|"
    rf"[a-z]{{3,}}ed)\b)"
)

_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+$")

_CAPITAL_AFTER = re.compile(rf"\s+[{UP}]")


@lru_cache(maxsize=64)
def _title_positions(text: str) -> tuple[int, ...]:
    """Offsets of the words of ``text`` that can start a title (shared by both titled patterns)."""
    return tuple(
        m.start()
        for m in _WORD.finditer(text)
        if (w := m.group().lower().removeprefix("ex-")) in TITLE_FIRST_WORDS or w.rstrip(".") in TITLE_FIRST_WORDS
    )


def _titled(text: str, pattern: re.Pattern):
    """Like ``pattern.finditer(text)``, but tried only at a title word or up to three words before it."""
    end = 0
    for position in _title_positions(text):
        if position < end:
            continue
        starts = [position]
        for _ in range(3):  # modifiers: "U.S. Secretary", "German Chancellor", "UK prime minister"
            before = WORD_BEFORE.search(text, max(end, starts[-1] - 40), starts[-1])
            if not before:
                break
            starts.append(before.start())
        for start in reversed(starts):
            if (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-")) and (match := pattern.match(text, start)):
                yield match
                end = match.end()
                break


def titled_short_names(text: str) -> list[Span]:
    """A title followed by one name word ("President Trump"): the word as a person's name, with the title as role.

    No rule of its own: the tagger keeps the word only when it is the
    surname of one person the knowledge base knows.
    """
    out = []
    for match in _titled(text, _TITLED_SHORT):
        word = match.group("name")
        if word not in NOT_NAME_WORDS:
            out.append(Span(match.start("name"), match.end("name"), word, "person", _clean_role(match.group("role"))))
    return out


def _person(text: str, span: tuple[int, int], role: str, strength: int) -> list[Span]:
    """The person named at ``text[span]``, once the words around a name are taken off, or [] when it is no person's name.

    Off: a sentence's first word ("But Alex Younger"), honorifics ("Datuk
    Seri Anwar Ibrahim" is Anwar Ibrahim), a hyphenated title and what
    stands before it ("Teamsters Secretary-Treasurer Fred Zuckerman"). No
    name: fewer than two words, a word of bodies or places (but "Martin
    Luther King Jr." is a name whatever its words), capitals, glued words, a
    body's noun after it ("the Financial Crime Prevention agency").
    """
    start, end = span
    name = text[start:end]
    while (first := name.split(maxsplit=1))[0] in STOP_WORDS | OPENERS and len(first) > 1:
        start += len(name) - len(first[1])  # "But Alex Younger": a sentence's first word is not part of the name
        name = first[1]
    if honorific := LEADING_HONORIFICS.match(name):
        start, name = start + honorific.end(), name[honorific.end() :]  # "Datuk Seri Anwar Ibrahim" is Anwar Ibrahim
    # "Teamsters Secretary-Treasurer Fred Zuckerman": a title joined by a hyphen, and what stands before it, is no name.
    titles = [i for i, w in enumerate(name.split()[:-2]) if "-" in w and all(p.lower() in ROLE_NOUNS for p in w.split("-"))]
    if titles:
        rest = name.split(maxsplit=titles[-1] + 1)[-1]
        start, name = start + len(name) - len(rest), rest
    words = [w for w in name.split() if not _INITIAL.fullmatch(w)]
    if len(words) < 2 or any(w in NOT_NAME_WORDS for w in name.split()) and not _GENERATION_AFTER.match(text, end):
        return []  # but "Martin Luther King Jr." is a person's name whatever its words
    if any(w.isupper() and len(w) > 1 and w not in REGNAL_NUMBERS for w in words) or GLUED.search(name):
        return []
    if _ORG_NOUN_AFTER.match(text, end):  # "the Financial Crime Prevention agency"
        return []
    return [Span(start, end, " ".join(name.split()), "person", role, strength)]


def _whole_role(text: str, match: re.Match) -> str:
    """The appositive's role, carried past "and" to the clause's end.

    "deputy assistant secretary of state for cyber and international
    communications and information policy", "director of the ...
    Cybersecurity and Infrastructure Security Agency"; but not into a second
    person ("and Jane Doe said"), and :func:`_role` keeps the first role of
    a long one.
    """
    role, end = match.group("role"), match.end("role")
    if not text.startswith(" and ", end) or _AND_NAME.match(text, end):
        return role
    stop = _ROLE_STOP.search(text, end)
    return text[match.start("role") : stop.start() if stop else len(text)]


_AND_NAME = re.compile(rf" and (?:{NAME_WORD}\s+)+(?:{SAY}|who)\b")

_ROLE_STOP = re.compile(rf"[,;:()\"“”\[\]]|\.(?!\S)|\s+(?:{SAY}|who)\b")


def _role(phrase: str, after: bool) -> str:
    """The role an appositive gives: a phrase built around a role noun, or ''.

    ``after``: the phrase follows the name ("Robert Strayer, deputy assistant
    secretary of state"), where the noun comes early; otherwise it ends the
    clause before the name ("..., Huawei's founder and CEO, Ren Zhengfei").
    """
    role = _clean_role(phrase)
    words = role.split()
    nouns = [i for i, w in enumerate(words) if w.lower().strip("'’") in ROLE_NOUNS]
    if after:
        if len(words) > 16 and " and " in role:  # "former director of GCHQ and now European chairman of ...": the first role
            return _role(role.split(" and ")[0], after)
        tail = _NAME_AT_END.search(" ".join(words[nouns[0] + 1 :])) if nouns else None
        if tail and not any(w in ORG_HEADS for w in tail.group().split()):
            return ""  # "Bordesley Green, Sky reporter Becky Johnson said": the name is in the role
        return role if nouns and nouns[0] < 6 and len(words) <= 16 else ""
    words = words[-8:]
    nouns = [i for i, w in enumerate(words) if w.lower().strip("'’") in ROLE_NOUNS]
    if not nouns or any(w.lower() in _VERBS for w in words[nouns[0] :]):
        return ""
    start = nouns[0]
    while start > 0 and (_is_possessive(words[start - 1]) or words[start - 1].lower() in _MODIFIERS or words[start - 1][:1].isupper()):
        start -= 1
    return _clean_role(" ".join(words[start:]))


_VERBS = {"said", "says", "told", "by", "from", "with", "was", "is", "were", "has", "had"}

_MODIFIERS = set(LOWER_MODIFIER.strip("(?:)").split("|")) | {"new", "top", "freelance", "veteran", "longtime", "fellow", "mechanical", "civil", "lead", "co"}


def _is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _clean_role(role: str) -> str:
    role = " ".join(role.split())
    while (stripped := _ROLE_PREFIX.sub("", role)) != role:
        role = stripped
    return role[:120].strip()
