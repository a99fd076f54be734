"""Discovery of entities the knowledge base does not know yet, by their form in the text.

Only strong cues make a new entity, because a bare capitalised name is as
likely to be a photo credit, a commenter or a menu item as a person:

- a person introduced with a title or role: "Sen. Bill Hagerty",
  "FBI Director Christopher Wray", "Robert Strayer, deputy assistant secretary
  of state", "Huawei's founder and CEO, Ren Zhengfei,", "Jane Doe, 34,";
- a person quoted by name: "said Dusan Navratil", "Alex Younger said";
- an organisation by its form: a capitalised name ending in, or headed by,
  a word such as Inc., Corp., Agency, Department, Committee, University
  ("Cybersecurity and Infrastructure Security Agency", "University of
  Surrey"); a law or programme by "Act" or "Initiative" (type ``other``);
- an acronym given in brackets after a name: "(BUPT)" becomes a short form;
  a capitalised name whose initials spell the acronym is an organisation
  ("Economic Freedom Fighters (EFF)");
- an organisation by what only a body has or does: "Hamas's political
  bureau", "a member of Fine Gael", "the Fianna Fáil-led coalition",
  "Al-Arabiya television", or by a list it shares with a known organisation
  ("the Japanese Communist Party and Komeito");
- a place after a preposition of place ("in Tehran", "a lecturer from
  Nottingham,"), before "-based", or by a street's form ("Drury Lane"); these
  weak cues give way to what the article knows (:func:`briefing.tagging.tag`);
- a city of the shipped list (:mod:`briefing.language.cities`) standing alone, with
  no cue at all ("Protests spread to Kharkiv"): the weakest cue of all;
- a person named in full whose surname then acts alone ("Bethany Funke ...
  Funke's lawyers ... Funke agreed"), over the whole article.

Every pattern needs two or more name words for a person, so a surname alone
never makes an entity. The functions here look at one block of text (or the
texts of one article) and return candidates; :mod:`briefing.tagging.tag` decides
what to keep.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from briefing.language import cities as gazetteer
from briefing.language import organisations as organisation_list
from briefing.language.given_names import is_given_name
from briefing.knowledge.matcher import SpanIndex, leftmost_longest
from briefing.model import Span
from briefing.language.dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from briefing.language.names import (
    HONORIFICS, INITIAL, LEADING_HONORIFICS, LOW, NAME, NAME_END, NAME_WORD, PARTICLE, REGNAL_NUMBERS, TITLES, UP,
)  # fmt: skip
from briefing.language.speech import SAY

ROLE_NOUNS = {
    t.replace("\\s+", " ").replace("\\", "").rstrip(".")
    for t in TITLES
} | set(
    """official officials expert researcher scientist professor lawyer owner resident student teacher nurse
    doctor worker member fellow executive investor adviser advisor aide deputy candidate campaigner activist
    organiser organizer journalist correspondent historian consultant partner head founder director
    vice-president spokesperson trainer player veteran survivor victim witness nominee representative""".split()
)
# Words a capitalised modifier of a title may be: demonyms and party names
# ("German Chancellor", "Democrat senator") or acronyms ("FBI Director").
MODIFIER = rf"(?:[{UP}][{UP}.&]+|[{UP}][{LOW}]+(?:ian|ean|can|man|ese|ish|ch|i|ic)|Democrat|Tory|Labour|Labor|Liberal|Green)"
LOWER_MODIFIER = r"(?:financial|operating|technology|information|marketing|communications|security|intelligence|science|former|then|acting|interim|deputy|assistant|foreign|senior|vice|chief|prime|defen[cs]e|finance|home|interior|health|state|federal|national|local|party|opposition|top|executive|managing|general|associate|education|justice|trade|commerce|environment|energy|transport|labour|labor)"
ROLE_BEFORE = (
    rf"(?:(?:{MODIFIER}|{LOWER_MODIFIER})\s+){{0,3}}(?i:ex-)?(?i:{'|'.join(TITLES)})"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[{UP}][\w-]+(?:\s+[{UP}][\w-]+)?)?"
)

_INITIAL = re.compile(INITIAL)
_NAME_AT_END = re.compile(rf"{NAME}$")
_NON_SPACE = re.compile(r"\S+")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|Inc\.|Corp\.|Co\.|Ltd\.|St\.|Jr\.|Bros\.")
_TITLED = re.compile(rf"(?<![\w-])(?P<role>{ROLE_BEFORE})\s+(?P<name>{NAME})")
_TITLED_SHORT = re.compile(rf"(?<![\w-])(?P<role>{ROLE_BEFORE})\s+(?P<name>{NAME_WORD}){NAME_END}")
# Peers and their wives are named by title and one word: "Lord Alli", "Lady Starmer".
_PEER = re.compile(rf"(?<![\w-])(?P<name>(?:Lord|Lady|Baroness|Baron|Dame)\s+{NAME_WORD}){NAME_END}(?!\s+(?:of\s+)?[{UP}])")
_APPOSITIVE = re.compile(rf"(?P<name>{NAME}),\s+(?P<role>(?:[^,.;:()\"“”\[\]]|\.(?=\S)){{3,90}}?)(?=\s*(?:[,;:()\"“”]|\.(?!\S))|\s+(?:{SAY}|who|and)\b|$)")
# Found by its tail (", Name," or ", Name said"); the role phrase before it is
# read backwards, which keeps the scan linear.
_APPOSITIVE_BEFORE = re.compile(rf",\s+(?P<name>{NAME})(?=,|\s+{SAY}\b)")
_CLAUSE_BREAK = re.compile(r"[,.;:()\"“”\[\]]")
# Where a title may be: the titled patterns are only tried near a word that can
# start a title (a set lookup per word is much faster than a regex alternation).
_TITLE_FIRST_WORDS = {t.split("\\s+")[0].replace("\\", "") for t in TITLES}
_WORD = re.compile(r"[A-Za-z][A-Za-z.-]*")
_WORD_BEFORE = re.compile(r"\S+\s+$")
_AGE = re.compile(rf"(?P<name>{NAME}),\s+(?:aged\s+)?\d{{1,3}},")
# Nouns only a person is: "is a mother of two", "was a retired teacher" (not "member" or "partner": firms are those too).
HUMAN_NOUNS = set(
    """mother father grandmother grandfather widow widower wife husband son daughter sister brother girl boy man woman
    teacher nurse doctor farmer student pupil lawyer journalist pensioner mum dad retiree housewife
    mechanic driver soldier pilot priest nun singer actor actress writer novelist poet painter artist musician
    footballer athlete cricketer golfer boxer swimmer cyclist runner teenager""".split()
)
# A name with a nickname in quotes: "Mildred ‘Babe’ Didrikson", "Joaquín “El Chapo” Guzmán".
NICKNAMED = rf"{NAME_WORD}\s+(?:‘[^’\n]{{2,25}}’|“[^”\n]{{2,25}}”|'[^'\n]{{2,25}}'|\"[^\"\n]{{2,25}}\")\s+{NAME_WORD}{NAME_END}"
_QUOTED = [
    re.compile(rf"\b(?:{SAY}|according\s+to|starring)\s+(?P<name>{NAME})(?=\s*[,.;:]|\s+(?:in|on|at|to|during|after|as|when|who)\b)"),
    re.compile(rf"(?P<name>{NAME})\s+{SAY}\b"),
    # "Ismail Haniyeh, who ruled ...", "Yahya Sinwar was named the new leader": only people take these.
    # Not after an article: "a Liberal Democrat who chairs ..." describes someone.
    re.compile(rf"(?<!\ba )(?<!\ban )(?<!\bthe )(?P<name>{NAME}),?\s+who\b"),
    re.compile(rf"(?<!\ba )(?<!\ban )(?<!\bthe )(?P<name>{NAME})\s+(?:was|is|has\s+been)\s+(?:named|appointed|elected|sworn\s+in|re-elected|nominated|born)\b"),
]
_GENERATION_AFTER = re.compile(r",?\s+(?:Jr|Sr)\.?(?!\w)")
# Cues only a person takes, as good as a role.
_PERSON_CUES = [
    # "Martin Luther King Jr.", "Cal Ripken Sr."
    (re.compile(rf"(?P<name>{NAME})(?=,?\s+(?:Jr|Sr)\.?(?!\w))"), ("Jr", "Sr")),
    # "Saphina Ndali is a mother of two": only a person is a mother, a teacher or a widow.
    (
        re.compile(rf"(?<!\ba )(?<!\ban )(?<!\bthe )(?P<name>{NAME})\s+(?:is|was)\s+an?\s+(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(sorted(HUMAN_NOUNS))})\b"),
        (" is a", " was a"),
    ),
    # A life's years: "Howard Harding Jones (1885-1941)", "Mildred ‘Babe’ Didrikson (1912-1956)", "(born 1950)".
    (re.compile(rf"(?P<name>{NAME}|{NICKNAMED})\s+\((?:born\s+(?:in\s+)?\d{{4}}|(?:c\.\s*)?\d{{4}}\s*[-–]\s*(?:\d{{2}}|\d{{4}})?)\)"), ("(1", "(2", "(born", "(c.")),
]
ORG_NOUNS = (
    "agency|group|company|firm|party|club|team|union|association|council|committee|ministry|department|office|"
    "bureau|authority|institute|programme|program|scheme|project|foundation|organisation|organization|network|"
    "newspaper|channel|magazine|brand|bank|airline|university|school|hospital|court|government|administration"
)
_ORG_NOUN_AFTER = re.compile(rf"\s+(?:{ORG_NOUNS})\b")
_ROLE_PREFIX = re.compile(r"^(?:the|a|an|and|but|while|as|former)\s+", re.IGNORECASE)

ORG_HEADS = set(
    """Inc Corp Corporation Co Company Ltd LLC PLC Plc AG GmbH SpA NV Pty Bhd Group Holdings Agency Department Ministry Committee
    Commission Council University Institute College Academy School Bank Party Association Foundation Authority
    Bureau Office Service Court Police Organisation Organization Union Federation Society Board Army Navy Force
    Forces Club FC Airlines Airways Hospital Museum Parliament Assembly Administration Center Centre Laboratory
    Laboratories Fund Trust Coalition Alliance Movement Church Tribunal Secretariat Directorate Command Guard
    League Chamber Exchange Reserve Technologies Pharmaceuticals Motors Industries Partners Studios Properties
    Government Services Solutions Systems Records Labs Advisers Advisors Consulting Consultants Insurance Entertainment
    Communications Logistics Ventures Investments Collaborative Treasury
    Magazine Journal Times Post News Press Sports Broadcasting Herald Tribune Gazette Telegraph Chronicle Observer
    Insider Courier Examiner Front Network Brotherhood Workers Economics Caucus""".split()
)
OTHER_HEADS = {"Act", "Initiative", "Programme", "Program", "Treaty", "Accord", "Convention", "List", "Agreement", "Law"}
CONNECTORS = {"of", "for", "and", "on", "the", "&", "de", "du", "des", "la", "at"}
# At most 40 words a run: no name is longer, and a page of capitalised words must not make the split quadratic.
_CAP_RUN = re.compile(
    rf"(?:[{UP}][\w&'’.-]*)(?:\s+(?:(?:of|for|and|on|the|&|de|du|des|la)\s+){{0,2}}(?:[{UP}][\w&'’.-]*)){{0,40}}"
)
_ACRONYM_WORD = re.compile(r"[A-Z]{2,}s?")
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&\-]{1,9})\)")
STOP_WORDS = set(
    """The A An This That These Those It Its He She We They I You Our His Her Their My Your In On At By For From With
    But And Or If When While After Before As Since Until Then Now Here There Many Several Some Both Each Every
    All Most More Other Another Former Last Next Meanwhile However Also Yet Still Even So Such According
    Mr Mrs Ms Dr Sir Today Yesterday Tomorrow Members Member""".split()
) | {*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS}
# Words that open a sentence and never a person's name ("Although Ishiba said"); not
# in STOP_WORDS, which also splits organisation names ("Doctors Without Borders").
OPENERS = set(
    """Although Though Because Unless Whether Where Why How What Which Who Despite During Under Over Among
    Against Without Within Through Across Into Like Unlike Including Instead Perhaps Indeed Not Yes Once Thus
    Therefore Later Earlier Elsewhere Asked Speaking""".split()
)
NOT_NAME_WORDS = STOP_WORDS | ORG_HEADS | OTHER_HEADS | set(
    """Street Road Avenue Square House Hall Palace Tower Bridge City County Island Islands Province State
    Republic Kingdom North South East West Northern Southern Eastern Western New Great Central Federal National
    International Global Capitol Hill Valley Park Airport Station Stadium Beach River Lake Mountain Mount
    Christmas Easter Covid Twitter Facebook Instagram Google Reuters Associated Press God Minister President
    Secretary Senator Governor General Chief Director Prime Chancellor Sen Rep Gov Daily Mail Insider Services Town
    Hostel Hotel Free Bay Garden Gardens World Night Caucus Terminal Lounge Statement Sports Advisers Republicans
    Democrats Conservatives Liberals Parade Royal""".split()
) | {w.capitalize() for w in ROLE_NOUNS}


# --- people ----------------------------------------------------------------------


def people(text: str) -> list[Span]:
    """People introduced with a title or role, or quoted by name."""
    found = []
    for match in _titled(text, _TITLED):
        role = _clean_role(match.group("role"))
        found += _person(text, match.span("name"), "" if role.rstrip(".").lower() in HONORIFICS else role, 3)
    for pattern in (_APPOSITIVE, _AGE):
        for match in pattern.finditer(text):
            role = _role(_whole_role(text, match), after=True) if pattern is _APPOSITIVE else ""
            if pattern is _APPOSITIVE and not role:
                continue
            found += _person(text, match.span("name"), role, 2)
    for match in _APPOSITIVE_BEFORE.finditer(text):
        if role := _role(_CLAUSE_BREAK.split(text[max(0, match.start() - 90) : match.start()])[-1], after=False):
            found += _person(text, match.span("name"), role, 2)
    for match in _PEER.finditer(text):
        found.append(Span(match.start("name"), match.end("name"), " ".join(match.group("name").split()), "person", "", 3))
    for pattern in _QUOTED:
        for match in pattern.finditer(text):
            found += _person(text, match.span("name"), "", 1)
    for pattern, needles in _PERSON_CUES:
        if any(needle in text for needle in needles):  # each pattern opens with a name: scan only texts it can match
            for match in pattern.finditer(text):
                found += _person(text, match.span("name"), "", 2)
    return found


# A run of capitalised name words, not after "the" ("the Gaza Strip") nor inside a longer name.
_NAME_RUN = re.compile(rf"(?<![\w'’.&-])(?<!\bthe )(?<!\bThe )(?:{NAME_WORD})(?:\s+{NAME_WORD}){{1,2}}(?![\w&-])(?![’']\w{{2}})(?!\s+[{UP}])")
RECURRENCE = 2
"""How often a surname must stand alone for a name to be a person's by recurrence."""


def people_by_recurrence(texts: list[str], allowed: list[bool]) -> list[Span]:
    """People named in full and then by their last name alone: "Bethany Funke ... Funke's lawyers filed".

    Reporters name a person in full once and by surname after; firms and
    places keep their full name ("Silicon Valley Bank", "Khan Younis"). A
    two- or three-word name (no title, body or place words in it) whose last
    word stands alone at least :data:`RECURRENCE` times in the article is a
    person. Only texts marked ``allowed`` are searched for the full name.
    """
    found = []
    joined = article_text(texts)
    for index, text in enumerate(texts):
        if allowed[index]:
            for match in _NAME_RUN.finditer(text):
                start, end = match.span()
                if _CAPITAL_BEFORE.search(text, max(0, start - 40), start):
                    continue  # "Los Angeles Memorial Coliseum": the tail of a longer name
                first = match.group().split()[0]
                if _sentence_start(text, start) and lower_elsewhere(first, joined):
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
        for start in _tokens(joined).get(last, ())
        if not _CAPITAL_AFTER.match(joined, start + len(last))
        and not _THE_BEFORE.search(joined, max(0, start - 5), start)
        and not _CAPITAL_BEFORE.search(joined, max(0, start - 40), start)
    ]
    # ... and at least once the surname acts as a person does: "Funke agreed", "Funke's lawyers", "Ms Funke".
    acts = any(_PERSON_AFTER.match(joined, start + len(last)) or _HONORIFIC_BEFORE.search(joined, max(0, start - 6), start) for start in bare)
    return len(bare) >= RECURRENCE and acts


def _matches(pattern: re.Pattern, texts: list[str], allowed: list[bool]):
    """``(index, text, match)`` for every match of ``pattern`` in the texts discovery may read."""
    for index, text in enumerate(texts):
        if allowed[index]:
            for match in pattern.finditer(text):
                yield index, text, match


def people_by_given_name(texts: list[str], allowed: list[bool]) -> list[Span]:
    """People named in full without a title: a given name and a surname ("Holly Bowles, 19, ...").

    The first word must be a given name people are called by
    (:mod:`briefing.language.given_names`), and no word of the name may be written in
    lower case elsewhere in the article ("Grace", "Hope" and "Will" are words
    too), stand among the words of places and bodies ("Victoria Station"),
    or continue a longer capitalised name ("Morgan Stanley Capital").
    """
    joined = article_text(texts)
    found = []
    for index, text, match in _matches(_GIVEN_RUN, texts, allowed):
        start, end = match.span()
        first = match.group().split(maxsplit=1)[0]
        if _OUTSIDE_NAME.search(first) and not is_given_name(first) and (rest := _GIVEN_RUN.match(text, start + len(first) + 1)):
            start, end = rest.span()  # "Frenchman Corentin Moutet": the name after the noun
        before = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
        if before and not _OUTSIDE_NAME.search(before.group().rstrip()):
            continue
        if _ORG_NOUN_BEFORE.search(text, max(0, start - 30), start) or _PLACE_BEFORE.search(text, max(0, start - 40), start):
            continue
        # "Colombian Daniel Elahi Galan": after a demonym, three words are one name.
        cued = bool(before) and bool(_DEMONYM.search(word := before.group().rstrip()) or word.endswith("man"))
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
_CAPITAL_BEFORE = re.compile(rf"(?<![.!?:])\s(?!(?:{'|'.join(sorted(STOP_WORDS))})\s)[{UP}][\w'’.-]*\s+$")


_CAPITAL_AFTER = re.compile(rf"\s+[{UP}]")
_THE_BEFORE = re.compile(r"\b[Tt]he $")
_TOKEN = re.compile(r"[\w-]+")


def article_text(texts: list[str]) -> str:
    """The texts of one article joined by newlines, as one string object per article.

    The rules look words up in the whole article (:func:`lower_elsewhere`)
    through a cache keyed by this string; equal strings that are different
    objects would be compared character by character at every lookup.
    """
    return _joined(tuple(texts))


@lru_cache(maxsize=8)
def _joined(texts: tuple[str, ...]) -> str:
    return "\n".join(texts)


@lru_cache(maxsize=8)
def _tokens(text: str) -> dict[str, tuple[int, ...]]:
    """Every word of ``text`` (hyphenated words whole) -> where it starts; computed once per article."""
    positions: dict[str, list[int]] = {}
    for match in _TOKEN.finditer(text):
        positions.setdefault(match.group(), []).append(match.start())
    return {word: tuple(starts) for word, starts in positions.items()}


def lower_elsewhere(word: str, text: str) -> bool:
    """Whether ``word`` is also written in lower case in ``text``: a common word ("Lodge", "Search"), not a name."""
    return word.lower() in _tokens(text)


@lru_cache(maxsize=64)
def _title_positions(text: str) -> tuple[int, ...]:
    """Offsets of the words of ``text`` that can start a title (shared by both titled patterns)."""
    return tuple(
        m.start()
        for m in _WORD.finditer(text)
        if (w := m.group().lower().removeprefix("ex-")) in _TITLE_FIRST_WORDS or w.rstrip(".") in _TITLE_FIRST_WORDS
    )


def _titled(text: str, pattern: re.Pattern):
    """Like ``pattern.finditer(text)``, but tried only at a title word or up to three words before it."""
    end = 0
    for position in _title_positions(text):
        if position < end:
            continue
        starts = [position]
        for _ in range(3):  # modifiers: "U.S. Secretary", "German Chancellor", "UK prime minister"
            before = _WORD_BEFORE.search(text, max(end, starts[-1] - 40), starts[-1])
            if not before:
                break
            starts.append(before.start())
        for start in reversed(starts):
            if (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-")) and (match := pattern.match(text, start)):
                yield match
                end = match.end()
                break


def titled_short_names(text: str) -> list[Span]:
    """A title followed by one name word ("President Trump"): the word as a person's name, with the title as role."""
    out = []
    for match in _titled(text, _TITLED_SHORT):
        word = match.group("name")
        if word not in NOT_NAME_WORDS:
            out.append(Span(match.start("name"), match.end("name"), word, "person", _clean_role(match.group("role"))))
    return out


def _person(text: str, span: tuple[int, int], role: str, strength: int) -> list[Span]:
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
    if any(w.isupper() and len(w) > 1 and w not in REGNAL_NUMBERS for w in words) or _GLUED.search(name):
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


# --- organisations, laws and programmes -------------------------------------------


def organisations(text: str, known: list[Span] = ()) -> list[Span]:
    """Organisations, laws and programmes recognised by the form of their name.

    ``known`` holds the spans of names already found, so that a known
    possessor ("Britain's Labour Party") is not glued to the name.
    """
    found = []
    known_starts = {s.start for s in known}
    for match in _CAP_RUN.finditer(text):
        start, run = match.start(), match.group()
        # "Shares of Acme Widgets Inc.": a sentence's first word is capitalised anyway.
        if (lead := _SENTENCE_LEAD.match(run)) and _sentence_start(text, start) and lead.group(1) not in ORG_HEADS:
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
    return before is not None and before.group(1) in _TITLE_FIRST_WORDS and is_given_name(candidate.entity.split()[0])


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


def _sentence_start(text: str, offset: int) -> bool:
    """Whether ``text[offset:]`` opens a sentence (only spaces, quotes or a bracket since the last stop)."""
    at = offset - 1
    while at >= 0 and text[at] in " \"“‘'(":
        at -= 1  # walking back, not slicing: a long text would be copied at every call
    return at < 0 or text[at] in ".!?:"


ORG_PREFIX = (
    r"newspaper|broadcaster|airline|carrier|company|firm|group|party|club|brand|retailer|bank|network|channel|"
    r"magazine|website|start-?up|insurer|lender|charity|union|think[- ]tank|outlet|agency|publisher|manufacturer|"
    r"automaker|carmaker|chipmaker|conglomerate|label|studio|operator|platform|app|daily|tabloid|developer|regulator|"
    r"organi[sz]ation|consultancy|non-?profit|NGO|(?:state|government|publicly|privately|family)-(?:owned|run|controlled)"
)
# What an organisation is, said after its name: "Color of Change, a civil rights organization".
APPOSED_ORG_NOUNS = (
    r"organi[sz]ation|company|firm|group|consultancy|charity|non-?profit|think[- ]tank|airline|carrier|bank|lender|insurer|"
    r"retailer|broadcaster|newspaper|publisher|manufacturer|maker|start-?up|agency|party|union|club|foundation|coalition|"
    r"brand|chain|developer|operator|conglomerate|institute|university|hospital|regulator|watchdog|association|NGO"
)
ORG_NAME = rf"[{UP}][\w+&-]*(?:\s+(?:(?:of|and|&)\s+)?[{UP}][\w+&-]*){{0,3}}{NAME_END}"
LIST_ITEM = rf"[{UP}][\w+&-]*(?:\s+(?:of\s+)?[{UP}][\w+&-]*){{0,3}}{NAME_END}"
_FUNCTION_WORDS = "and|or|but|in|on|at|to|for|of|who|which|that|since|as|was|is|has|had|said|says|with|from|after|before|during|until|when"
_NOUN_AFTER = re.compile(rf"\s+(?!(?:{_FUNCTION_WORDS})\b)[a-z]")
_ORG_CUES = [
    # "newspaper Dagens Nyheter", "think-tank Chatham House", "British brand Me+Em"
    re.compile(rf"\b(?:{ORG_PREFIX})\s+(?P<name>{ORG_NAME})"),
    # "the Financial Crime Prevention agency, Advisense,"
    re.compile(rf"\b(?:{ORG_PREFIX}),\s+(?P<name>{ORG_NAME})(?=,)"),
    # "Just Stop Oil protesters", "Arsenal fans": the members say what it is.
    re.compile(rf"(?<![\w'’-])(?P<name>{ORG_NAME})\s+(?:protesters|activists|supporters|militants|fighters|fans?|shareholders|spokesman|spokeswoman|spokesperson)\b"),
    # "told the AP", "told CBC": an acronym told something is a news outlet or a body.
    re.compile(r"\btold\s+(?:the\s+)?(?P<name>[A-Z]{2,6})\b(?![.\w-])"),
    # "Hamas's political bureau", "Labour's MPs": what only a body has.
    re.compile(
        rf"(?<![\w'’-])(?P<name>{ORG_NAME})['’]s?\s+(?:political\s+bureau|politburo|manifesto|MPs|lawmakers|legislators|"
        rf"membership|rank\s+and\s+file|headquarters|shareholders|board\s+of\s+directors|subsidiar(?:y|ies)|frontbench|backbenchers|caucus)\b"
    ),
    # "a member of Fine Gael", "the leader of Hamas": its members and leaders say what it is.
    re.compile(
        rf"\b(?:members?|leaders?|leadership|founders?|co-founders?|spokes(?:man|woman|person)|chairman|chairwoman|chairperson)"
        rf"\s+(?:of|for)\s+(?:the\s+)?(?P<name>{ORG_NAME})"
    ),
    # "the state-owned Al-Arabiya television", "the Kyiv Post newspaper": a medium named before its kind.
    re.compile(rf"(?<![\w'’-])(?P<name>{ORG_NAME})\s+(?:television|TV|radio|newspaper|tabloid|broadcaster|news\s+agency|news\s+channel)\b"),
    # "the Fianna Fáil-led coalition", "a Hamas-run ministry" (not "-backed": "Iran-backed" is a state's).
    re.compile(rf"(?<![\w'’-])(?P<name>[{UP}][\w+&]*(?:\s+[{UP}][\w+&]*){{0,3}})-(?:led|run)\b"),
]
# "Color of Change, a civil rights organization that ...", "Athena Advisers - a real estate consultancy".
_APPOSED_ORG = re.compile(
    rf"(?<![\w'’-])(?P<name>{ORG_NAME})\s*(?:,|\s[-–—])\s+(?:a|an)\s+(?:(?!(?:of|for|at|with|or)\b)[\w-]+\s+){{0,6}}?"
    rf"(?:{APPOSED_ORG_NOUNS})(?=\s*[,.;:)]|\s+(?:that|which|based|in|with|specialising|specializing|founded|headquartered|whose|"
    rf"known|focused|operating|owned|run|backed)\b)"
)
# Who a person talks to or a report comes from, named with "the": a news outlet or a body ("told The Namibian",
# "according to the Montana Free Press", "the Washington Free Beacon reported").
_TOLD_THE = re.compile(
    rf"\b(?:told|tells|telling|according\s+to|interview\s+with|speaking\s+to|spoke\s+to|statement\s+to|reported\s+by|"
    rf"(?:writing|wrote)\s+in|published\s+(?:in|by)|quoted\s+by|cited\s+by|seen\s+by|obtained\s+by|reviewed\s+by)"
    rf"\s+[Tt]he\s+(?P<name>{ORG_NAME})(?=\s*[,.;:!?)”\"]|\s+(?:{_FUNCTION_WORDS}|last|this|earlier|previously|today|yesterday)\b|$)"
)
# Where a person works: "a Beijing-based researcher at Greenpeace East Asia", "an economist at Capital Economics".
_WORKS_AT = re.compile(
    rf"\b(?:researcher|analyst|economist|strategist|professor|lecturer|scientist|executive|director|manager|engineer|fellow|"
    rf"spokes(?:man|woman|person)|partner|officer|lawyer|attorney|editor|reporter|correspondent|columnist|producer|"
    rf"employee|staffer|consultant|adviser|advisor|chairman|chairwoman|founder|president)s?\s+at\s+(?:the\s+)?(?P<name>{ORG_NAME})"
)
# A shop after a price, as buying guides write it: "£40, Dunelm", "(£2.00, Asda)", "$19.99 at Walmart".
_SOLD_BY = re.compile(
    rf"[£$€]\s?\d[\d,]*(?:\.\d{{2}})?\s*(?:,|\s(?:at|from))\s+(?P<name>{ORG_NAME})(?=\s*(?:[)\n;]|$)|[.,](?:\s|$))"
)
# An outlet told something, named in one word: "told Fox.", "told Metro previously".
_TOLD_WORD = re.compile(rf"\btold\s+(?P<name>[{UP}][{LOW}]{{2,}})(?=\s*[.,;:]|\s+(?:previously|last|earlier|on|in|this|that)\b)")
_THE_REPORTED = re.compile(rf"\b[Tt]he\s+(?P<name>{ORG_NAME})\s+(?:reported|reports|has\s+reported|first\s+reported|revealed)\b")
_NOT_SOURCES = {"Constitution", "Bible", "Quran", "Koran", "Torah", "Census", "Charter", "Gospel", "Scriptures"}
_NOT_SOURCES_LOWER = {w.lower() for w in _NOT_SOURCES}
# Newspapers: "the Daily Mail", "Daily Maverick".
_DAILY = re.compile(rf"(?<![\w'’.-])(?P<name>Daily\s+[{UP}][{LOW}]+){NAME_END}(?![ \t]+[{UP}])")
_REGION_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Central", "Atlantic",
                 "New", "Rural", "Greater", "Middle", "Old", "Little", "All", "Inside", "Across", "Outback", "Regional", "Coastal"}  # fmt: skip
_NATIONS = {"Canada", "England", "Scotland", "Wales", "Australia"}
# A public body named for its country: "Global Affairs Canada", "Natural England", "Police Scotland", "Tourism Australia"
# (not "Western Canada", "New England": a region).
_NATIONAL_BODY = re.compile(
    rf"(?<![\w'’.-])(?P<name>(?!(?:{'|'.join(sorted(_REGION_WORDS))})\b)"
    rf"[{UP}][{LOW}]+(?:,?\s+(?:and\s+)?[{UP}][{LOW}]+){{0,3}}\s+(?:{'|'.join(sorted(_NATIONS))})){NAME_END}(?![ \t]+[{UP}])"
)
# A United Nations programme named by one word: "UN Habitat", "UN Women" ("UN Secretary-General" is a title).
_UN_BODY = re.compile(rf"(?<![\w.-])(?:UN|U\.N\.)[ -](?P<word>[{UP}][{LOW}]+){NAME_END}(?![ \t]+[{UP}])")
# A party's side, not its name: "Conservative leader Kemi Badenoch".
PARTY_SIDES = {"Conservative", "Republican", "Democratic", "Democrat", "Socialist", "Liberal", "Labour", "Labor", "Green", "Tory",
               "Unionist", "Nationalist", "Progressive", "Centrist"}  # fmt: skip
# "Sinn Féin chief Mary Lou McDonald", "Tesla boss Elon Musk", "Chelsea manager Mauricio Pochettino": the body a
# person heads, named before the title.
_HEADED_BY = re.compile(
    rf"(?<![\w'’.-])(?P<name>{ORG_NAME})\s+(?:chief|boss|leader|founder|co-founder|chairman|chairwoman|chair|president|"
    rf"chief\s+executive|CEO|head|manager|coach|captain|owner)\s+(?={NAME})"
)
# "companies such as Petronas, Proton, and others"
_ORG_LIST = re.compile(
    rf"\b(?:companies|firms|groups|brands|organi[sz]ations|airlines|banks|carriers|retailers|clubs|parties|agencies|"
    rf"outlets|newspapers|broadcasters|manufacturers|makers|insurers|lenders|charities|unions|platforms|publishers)"
    rf"\s+(?:such\s+as|like|including)\s+(?P<list>{LIST_ITEM}(?:,\s+{LIST_ITEM})*(?:,?\s+(?:and|or)\s+{LIST_ITEM})?)"
)


_LOWER_WORDS = re.compile(r"\b[a-z][a-z-]*\b")
# Two words glued by a scrape: "AustraliaForeign Office", "BritainGypsy Council".
_GLUED = re.compile(rf"[{UP}][{LOW}]{{4,}}[{UP}][{LOW}]{{4,}}")


@lru_cache(maxsize=8)
def _surnames_after_a_name(article: str) -> frozenset[str]:
    """Words written after another capitalised word that opens no sentence: "Trump" in "Donald Trump".

    Then "Trump supporters" are a person's, not a body's. One scan per article.
    """
    return frozenset(match.group(1) for match in _AFTER_A_NAME.finditer(article))


_AFTER_A_NAME = re.compile(rf"\b(?!(?:{'|'.join(sorted(STOP_WORDS | OPENERS))})\s)[{UP}][{LOW}]+[ \t]+(?=([{UP}][\w'’-]*))")


@lru_cache(maxsize=8)
def _word_counts(article: str) -> dict[str, int]:
    """How often each word stands in ``article``, from the token index."""
    return {word: len(starts) for word, starts in _tokens(article).items()}


def organisations_by_cue(text: str, article: str = "") -> list[Span]:
    """Organisations named after a noun that says what they are: "newspaper Dagens Nyheter".

    ``article``: the whole article's text, where a one-word name before its
    members ("Arsenal fans") must come back and never be a common word.
    """
    article = article or text
    found = []
    for pattern in _ORG_CUES:
        for match in pattern.finditer(text):
            name = match.group("name")
            if pattern is _ORG_CUES[2] and " " not in name and (
                lower_elsewhere(name, article) or _word_counts(article).get(name, 0) < 2 or name in _surnames_after_a_name(article)
            ):
                continue  # "Military spokesperson", "Counter protesters": one capitalised word before members is weak
            if _GLUED.search(name):
                continue
            # The possessive, member and "-led" cues are weaker than a person's cue: "the leadership of Ron Carey".
            weak = pattern in _ORG_CUES[4:] and pattern is not _ORG_CUES[6]
            if weak and (name.split()[0] in COMPASS or name.split()[0] in NOT_NAME_WORDS or _NOUN_AFTER.match(text, match.end("name"))):
                continue  # "leader of Eastern Cape" is a province's; "member of the Kennedy family" a family's
            found += _cued_organisation(match.start("name"), name, 1 if weak else 2)
    for match in _APPOSED_ORG.finditer(text):
        found += _cued_organisation(match.start("name"), match.group("name"))
    for pattern in (_DAILY, _NATIONAL_BODY) if any(nation in text for nation in _NATIONS) else (_DAILY,):
        for match in pattern.finditer(text):
            words = match.group("name").replace(",", "").split()
            if not any(w in _REGION_WORDS or w in _NATIONS for w in words[:-1]):  # not "Canada and New England"
                found += _cued_organisation(match.start("name"), match.group("name"))
    for match in _UN_BODY.finditer(text):
        if match.group("word") not in NOT_NAME_WORDS and match.group("word").lower() not in _TITLE_FIRST_WORDS | _NOT_SOURCES_LOWER:
            found += _cued_organisation(match.start(), match.group())
    for match in _SOLD_BY.finditer(text):
        if match.group("name").split()[0] not in NOT_NAME_WORDS:
            found += _cued_organisation(match.start("name"), match.group("name"))
    for match in _WORKS_AT.finditer(text):
        name = match.group("name")
        if name.split()[0] not in NOT_NAME_WORDS and name not in gazetteer.cities() and not _NOUN_AFTER.match(text, match.end("name")):
            found += _cued_organisation(match.start("name"), name)
    for match in _TOLD_WORD.finditer(text):
        word = match.group("name")
        if not (word in NOT_NAME_WORDS or is_given_name(word) or word in gazetteer.cities() or word in _surnames_after_a_name(article) or lower_elsewhere(word, article)):
            found += _cued_organisation(match.start("name"), word)
    for pattern in (_TOLD_THE, _THE_REPORTED):
        for match in pattern.finditer(text):
            words = match.group("name").split()
            titled = text[match.start("name") - 4 : match.start("name")] == "The " and not _sentence_start(text, match.start("name") - 4)
            if len(words) == 1 and (words[0] in NOT_NAME_WORDS or words[0] in _NOT_SOURCES or _DEMONYM.search(words[0]) and not titled):
                continue  # "told the Assembly", "according to the Constitution": a generic body or a text
            found += _cued_organisation(match.start("name"), match.group("name"), titled=titled)
    for match in _HEADED_BY.finditer(text):
        name = match.group("name")
        first = name.split()[0]
        if _sentence_start(text, match.start()) and lower_elsewhere(first, article):
            continue  # "Party leader ...": a sentence's first word
        if re.fullmatch(MODIFIER, name) or name in PARTY_SIDES or first in COMPASS or first in NOT_NAME_WORDS or lower_elsewhere(name, article):
            continue  # "Labour leader", "Israeli Prime Minister", "Conservative leader": a side or a country, not a body
        found += _cued_organisation(match.start("name"), name)
    for match in _ORG_LIST.finditer(text):
        for item in re.finditer(LIST_ITEM, match.group("list")):
            found += _cued_organisation(match.start("list") + item.start(), item.group())
    return found


_LIST_NEXT = re.compile(rf"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?P<name>{LIST_ITEM})")
_LIST_PREV = re.compile(rf"(?<![\w'’-])(?<!\ba )(?<!\ban )(?P<name>{LIST_ITEM}),\s+(?:the\s+)?$")


def coordinated(text: str, spans: list[Span]) -> list[Span]:
    """Unknown names listed with organisations are organisations: "the Japanese Communist Party and Komeito".

    ``spans``: the names already found in ``text``.
    A list that also holds a person or a place is left alone; an unknown item
    must be one word, an acronym or a name with an organisation's head word
    ("Apple and Tim Cook" names a person).
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
            and not _sentence_start(text, match.start("name"))
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
        return _cued_organisation(start, match.group("name"), 1)
    if any(w in STOP_WORDS or (w in NOT_NAME_WORDS and w not in ORG_HEADS) or re.search(r"-[a-z]", w) for w in words):
        return None  # "PRC-based", "state-owned": an adjective ends the list
    if len(words) > 1 and not (any(w in ORG_HEADS for w in words) or any(w.isupper() for w in words)):
        return None
    if len(words) == 1 and re.search(r"(?:an|ese|ish|i)$", words[0]):
        return None  # "Palestinian": a demonym
    if not club and match.group("name") in gazetteer.cities():
        return None  # "Huawei, Shenzhen and ...": a city is a place
    return _cued_organisation(start, match.group("name"), 1)


CLUB_TAILS = {"City", "Town", "County", "United", "Athletic", "Rovers", "Wanderers", "Albion", "Villa", "Hotspur", "Rangers", "Orient"}


def _club_like(words: list[str]) -> bool:
    """A place and a club's tail, listed with organisations: "Manchester City", "Notts County" (not "Mexico City")."""
    return len(words) == 2 and words[1] in CLUB_TAILS and words[0] not in NOT_NAME_WORDS and " ".join(words) not in gazetteer.cities()


def _cued_organisation(start: int, name: str, strength: int = 2, titled: bool = False) -> list[Span]:
    """An organisation a cue names, unless its words say otherwise.

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
    words = [(m.start(), m.group().rstrip(",")) for m in _NON_SPACE.finditer(run)]
    for index, (start, word) in enumerate(words):
        bare = _strip_possessive(word)
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
        if word.endswith("-based") or _GLUED.search(word):
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
        ends_sentence = word.endswith(".") and not _abbreviation(word)
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


def _abbreviation(word: str) -> bool:
    """ "U.S.", "Inc.", "Corp.", "St.": a full stop that does not end a sentence."""
    return _ABBREVIATION.fullmatch(word) is not None


CORPORATE = {"Inc", "Corp", "Corporation", "Ltd", "LLC", "PLC", "Plc", "Co", "AG", "GmbH", "SpA", "NV", "Pty", "Bhd"}
COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower"}


def _organisation_piece(offset: int, words: list[tuple[int, str]]) -> list[Span]:
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


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


# "Economic Freedom Fighters (EFF)": a name defined by the acronym after it.
_DEFINED = re.compile(
    rf"(?P<name>[{UP}][\w'’&.-]*(?:\s+(?:(?:of|for|and|on|the|&|de|du|des|la|in|to)\s+){{0,2}}[{UP}][\w'’&.-]*){{1,9}})"
    rf"\s+\((?P<acr>[{UP}][A-Za-z&]{{1,9}})\)"
)
_LOWER_CONNECTORS = {"of", "for", "and", "on", "the", "&", "de", "du", "des", "la", "in", "to"}
_STATE_WORDS = {"Republic", "Kingdom", "Emirates", "States", "Federation"}


def organisations_by_acronym(text: str) -> list[Span]:
    """Names defined by an acronym in brackets whose letters are their initials: "Economic Freedom Fighters (EFF)".

    The name is the shortest tail of the capitalised run that spells the
    acronym ("Gauteng Provincial Disaster Management Centre (PDMC)" gives
    "Provincial Disaster Management Centre"); the acronym then stands for it
    in the article (:func:`acronym_after`).
    """
    found = []
    for match in _DEFINED.finditer(text):
        words = [(m.start(), m.group()) for m in _NON_SPACE.finditer(match.group("name"))]
        for index in range(len(words) - 1, -1, -1):
            if words[index][1] in _LOWER_CONNECTORS or _strip_possessive(words[index][1]) != words[index][1]:
                continue
            tail = [w for _, w in words[index:]]
            tail[-1] = _strip_possessive(tail[-1])  # "the North Atlantic Treaty Organisation's (Nato)"
            if _spells(match.group("acr"), tail):
                found += _defined(match.start("name") + words[index][0], tail)
                break
    return found


# Parties called by their family's name, as every democracy's press does: "the Conservatives", "Labor's target".
PARTY_FAMILIES = {
    "Conservatives": "Conservative Party", "Tories": "Conservative Party", "Liberals": "Liberal Party",
    "Democrats": "Democratic Party", "Republicans": "Republican Party", "Greens": "Green Party",
    "Socialists": "Socialist Party", "Labour": "Labour Party", "Labor": "Labor Party",
}  # fmt: skip
_PARTY_FAMILY = re.compile(rf"(?<![\w'’.-])(?P<name>{'|'.join(sorted(PARTY_FAMILIES))})(?![\w-])(?!\s+[{UP}])")


def parties_by_family(texts: list[str], allowed: list[bool]) -> list[Span]:
    """A party named by its family ("the Conservatives' letter", "Labor's climate policies") is that party.

    Not inside a longer name ("Liberal Democrats", "Labor Day"), and not
    when the word is also written in lower case in the article ("labour
    costs"): then the capital may be a sentence's first letter.
    """
    joined = article_text(texts)
    found = []
    for index, text, match in _matches(_PARTY_FAMILY, texts, allowed):
        word = match.group("name")
        if not (_CAPITAL_BEFORE.search(text, max(0, match.start() - 40), match.start()) or lower_elsewhere(word, joined)):
            found.append(Span(match.start(), match.end(), PARTY_FAMILIES[word], "organisation", "", 2, text=index))
    return found


# "the Airbus A350", "an Embraer E190": a maker named before its model's letters and number.
_MAKER_MODEL = re.compile(rf"(?<![\w'’.-])(?P<name>[{UP}][{LOW}]{{2,}})\s+[A-Z]{{1,2}}-?\d{{2,4}}[a-z]?(?![\w-])")


def makers_by_model(texts: list[str], allowed: list[bool]) -> list[Span]:
    """Companies named before a model designation: "the Airbus A350", "an Embraer E190".

    The name must be no common word of the article ("flight MH17",
    "route A40") and no word of places, bodies or titles ("Route", "Highway").
    """
    joined = article_text(texts)
    found = []
    for index, text, match in _matches(_MAKER_MODEL, texts, allowed):
        name = match.group("name")
        if not (name in NOT_NAME_WORDS or name in OPENERS or lower_elsewhere(name, joined) or _sentence_start(text, match.start())):
            found.append(Span(match.start(), match.end("name"), name, "organisation", "", 1, text=index))
    return found


# Capitals that are no body's name: titles, units, currencies, times, diseases, technologies, cities, shouts.
NOT_ORG_ACRONYMS = set(
    """CEO CEOs CFO COO CTO CIO MP MPs MEP MEPs PM GDP GNP VAT GST CPI PPI IPO AGM ESG ROI KPI NDA APR ATM PIN USD EUR GBP
    JPY CNY ZAR AUD CAD AI EV EVs TV PC GPS USB CD DVD LED LCD SMS API URL UI UX VR AR IT IoT DNA RNA HIV AIDS COVID SARS
    MERS ICU ER MRI CT PhD MBA BA MA MSc BSc GCSE SAT ID IDs OK AM ET EST EDT PST PDT CST GMT BST UTC CET FAQ PDF PR HR IQ DJ
    MC VIP RIP BC AD BCE CE AC DC LA NYC SF UK US USA UAE EU UN LGBT LGBTQ DIY SUV SUVs RV UFO NFT NFTs WWI WWII WWIII
    GOP POW POWs CCTV LNG LPG CO CBD OTC PE VC HQ ASAP FYI TBA TBC LIVE NEW UPDATE UPDATED BREAKING EXCLUSIVE WATCH READ
    MORE VIDEO PHOTOS PICTURED OMG LOL OS CPU GPU RAM SSD SIM SDK VPN LTE NFC RFID QR POTUS FLOTUS MSM USSR
    MEC MECs MLA MLAs MPP MPPs MSP MSPs TD TDs""".split()
)
_ACRONYM_TOKEN = re.compile(r"(?<![\w.&/-])(?P<acr>[A-Z]{2,6})(?![\w&/-])(?!\.[A-Za-z])")
_ROMAN = re.compile(r"[IVXLCDM]+")


def organisations_by_acronym_use(texts: list[str], allowed: list[bool]) -> list[Span]:
    """Bodies known only by their capitals: "the DA and the EFF challenged the matter", "NBC's TODAY".

    An acronym of two to six capitals is taken for an organisation when the
    article uses it twice, or once after "the", with a possessive, before
    its members or acting ("NASCAR kicked off", "NBC said"), in
    sentences written in lower case (not a shouted headline), and it is none
    of :data:`NOT_ORG_ACRONYMS` nor a Roman numeral. The knowledge base wins
    where it knows the acronym (a country, the FBI), and an acronym defined
    in brackets stands for its long name (:func:`acronym_after`).
    """
    uses: dict[str, list[tuple[int, re.Match]]] = {}
    disqualified = set()
    for index, text, match in _matches(_ACRONYM_TOKEN, texts, allowed):
        acronym = match.group("acr")
        if acronym in NOT_ORG_ACRONYMS or _ROMAN.fullmatch(acronym) or not _in_prose(text, match.start(), match.end()):
            continue
        if text[match.start() - 1 : match.start()] == "(" or _NAME_AFTER.match(text, match.end()):
            # Defined in brackets: it stands for its long name (acronym_after), or for a thing when the name
            # is in lower case ("medium-term expenditure framework (MTEF)"); "MEC Mamabolo": a title.
            disqualified.add(acronym)
        uses.setdefault(acronym, []).append((index, match))
    found = []
    for acronym, places in sorted(uses.items()):
        if acronym in disqualified:
            continue
        marked = any(
            _THE_BEFORE.search(texts[i], max(0, m.start() - 5), m.start())
            or texts[i].startswith(("'s", "’s"), m.end())
            or _MEMBERS_AFTER.match(texts[i], m.end())
            or _ACTS_AFTER.match(texts[i], m.end())
            for i, m in places
        )
        if len(places) >= 2 or marked:
            found += [Span(m.start(), m.end(), acronym, "organisation", "", 1, text=i) for i, m in places]
    return found


# "NASCAR kicked off", "NBC said": the acronym acts.
_ACTS_AFTER = re.compile(rf"\s+(?:{SAY}|announced|reported|has|had|will|[a-z]{{3,}}ed)\b")
# "MEC Mamabolo urged": capitals before a name are a title.
_NAME_AFTER = re.compile(rf"\s+(?!(?:{'|'.join(sorted(ORG_HEADS))})\b)[{UP}][{LOW}]+\b")


# "some ANC ministers", "SANDF troops": the people a body has.
_MEMBERS_AFTER = re.compile(
    r"\s+(?:ministers|troops|soldiers|officials|members|MPs|lawmakers|councillors|leaders|supporters|spokes(?:man|woman|person)|"
    r"staff|employees|officers|delegates|candidates|activists|executives|chief|leader|leadership|headquarters)\b"
)


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` are written in lower case, as a sentence's are, not shouted."""
    words = (text[max(0, start - 40) : start] + " " + text[end : end + 40]).split()
    shouted = sum(1 for word in words if len(word) >= 4 and word.isalpha() and word.isupper())
    return sum(1 for word in words if word[:1].islower()) >= 2 and shouted < 3


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether the capitals of ``acronym`` are the initials of ``words`` (connectors may give a letter: "DoD")."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    capitalised = [w for w in words if w not in _LOWER_CONNECTORS]
    if len(capitalised) < 2 or any(w in STOP_WORDS for w in capitalised):
        return False
    position = 0
    for word in words:
        initial = word[0].upper()
        if position < len(letters) and letters[position] == initial:
            position += 1
        elif word not in _LOWER_CONNECTORS:
            return False
    return position == len(letters)


def _defined(start: int, words: list[str]) -> list[Span]:
    name = " ".join(words)
    if len(words) < 3 and not any(w in NOT_NAME_WORDS for w in words):
        return []  # "John Smith (JS)": two plain words may be a person's initials
    if any(w in _STATE_WORDS for w in words):
        kind = "place"
    elif words[-1] in OTHER_HEADS:
        kind = "other"
    else:
        kind = "organisation"
    return [Span(start, start + len(name), name, kind, "", 2)]


def acronym_after(text: str, end: int) -> str:
    """The acronym in brackets right after ``text[:end]``, e.g. "BUPT" in "... (BUPT)"."""
    match = _ACRONYM.match(text, end)
    return match.group("acr") if match else ""


# --- places ----------------------------------------------------------------------


_DEMONYM = re.compile(r"(?:ian|ean|can|ese|ish|ch|i)$")
# A dateline opens a wire story: "KATHMANDU, April 25 (Reuters) -", "MEXICO CITY (AP) —".
_DATELINE = re.compile(r"^(?P<name>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z ]+\))? ?[—–-] ")
# "in Reading, Britain", "in Dongguan, Guangdong": a name before a known place, after a preposition.
_BEFORE_PLACE = re.compile(rf"\b(?:in|from|at|near|of)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}),\s+$")


# "in Tehran", "from Nottingham", "near Khan Younis": a capitalised name after a
# lower-case preposition of place, ending before a lower-case word or punctuation.
_AFTER_PREPOSITION = re.compile(
    rf"(?<![\w-])(?P<prep>in|from|near|outside)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})(?![\w'’-])(?!\s+[{UP}0-9])"
    r"(?!\s+(?:es|de|del|da|do|di|la|le|du|d['’]))"  # "Dar es Salaam", "Val d'Isère": the name goes on
)
_FROM_HOME = re.compile(rf"(?:,|\b(?:{'|'.join(sorted(re.escape(n) for n in ROLE_NOUNS | {'resident', 'residents', 'man', 'woman', 'boy', 'girl', 'family', 'people'}))}))\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(rf",\s+(?P<name>(?:{'|'.join(sorted(COMPASS))})\s+{NAME_WORD})(?=[,.;])")
# "at Camden town hall": a town named by its hall.
_TOWN_HALL = re.compile(rf"(?<![\w'’.-])(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)\s+(?:town|city|village)\s+(?:hall|centre|center|square)\b")
# "Downing Street", "Drury Lane": a street is named by its form.
_STREET = re.compile(rf"(?<![\w'’.-])(?P<name>(?:{NAME_WORD}\s+){{1,2}}(?:Street|Road|Avenue|Lane|Boulevard|Square|Plaza)){NAME_END}(?!\s+[{UP}])")
# "London-based", "a Tokyo-based firm".
_BASED = re.compile(rf"(?<![\w-])(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)-based\b")
# Words that end a place name ("Drury Lane", "Kansas City", "Gaza Strip", "North Tyneside").
PLACE_WORDS = COMPASS | {"Street", "Road", "Avenue", "Lane", "Square", "City", "County", "Island", "Islands", "Province",
                         "Valley", "Bay", "Beach", "Hill", "Hills", "Park", "Heights", "Strip", "Coast", "Town", "Village"}
# Not places after "in": languages, seasons, events, and what one invests or believes in.
_NOT_PLACES = {"English", "French", "German", "Spanish", "Dutch", "Italian", "Portuguese", "Russian", "Chinese", "Japanese",
               "Korean", "Arabic", "Hebrew", "Hindi", "Urdu", "Mandarin", "Cantonese", "Ukrainian", "Polish", "Turkish",
               "Swedish", "Greek", "Latin", "Persian", "Farsi", "Swahili", "Afrikaans", "Malay", "Welsh", "Irish",
               "Congress", "Cabinet", "Brexit", "Ramadan", "Lent", "Advent", "Spring", "Summer", "Autumn", "Winter", "Fall",
               "Parliament", "Senate", "Government", "Office", "Court", "Power", "Charge", "Time", "Vogue", "Print", "Depth",
               "Hotels", "Stores", "Shops", "My", "Your"}
_NOT_AFTER = {"stake", "stakes", "share", "shares", "invest", "invested", "investing", "investment", "investments", "interest",
              "believe", "believes", "believed", "faith", "trust", "role", "part", "confidence", "starring", "starred", "letter",
              "message", "note", "statement", "words", "support", "help", "call", "calls", "quote", "quotes", "tweet", "post",
              # what is written in or worn from a publication, a brand or a shop
              "wrote", "written", "writes", "writing", "published", "posted", "reported", "appeared", "featured", "listed",
              "mentioned", "quoted", "article", "column", "op-ed", "interview", "podcast", "episode", "video", "dressed",
              "clad", "outfit", "look", "bought", "ingredient", "ingredients", "found"}


def places(text: str, first: bool, known: list[Span]) -> list[Span]:
    """Places named by a dateline (``first``: the story's first block) or before a known place; after a
    preposition of place ("in Tehran", with its region: "from Tynemouth, North Tyneside,"), before "-based",
    by a street's form ("Drury Lane") or by the town's hall ("at Camden town hall")."""
    found = []
    if first and (match := _DATELINE.match(text)):
        name = match.group("name").title().replace("'S", "'s")
        found.append(Span(match.start("name"), match.end("name"), name, "place", "", 2))
    for match in _AFTER_PREPOSITION.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())  # not a slice: texts may be long
        if before and before.group().split()[0].lower().strip(",") in _NOT_AFTER:
            continue
        home = _FROM_HOME.search(text, max(0, match.start() - 60), match.start())
        if match.group("prep") == "from" and not (home and text[match.end() : match.end() + 1] in (",", ".", ";")):
            continue  # "from Reddit", "from Al Jazeera and AFP": a source, unless a person comes from it ("60, from Tynemouth,")
        found += _place(match.start("name"), match.group("name"), 1)
        if region := _REGION_AFTER.match(text, match.end()):  # "from Tynemouth, North Tyneside,": the place and its region
            found += _place(region.start("name"), region.group("name"), 1)
    for match in _BASED.finditer(text):
        start, name = match.start("name"), match.group("name")
        if (lead := name.split(maxsplit=1))[0] in STOP_WORDS and len(lead) > 1:  # "The London-based firm"
            start, name = match.end("name") - len(lead[1]), lead[1]
        found += _place(start, name, 2)
    for match in _STREET.finditer(text):
        found += _place(match.start("name"), match.group("name"), 2)
    for match in _TOWN_HALL.finditer(text):
        found += _place(match.start("name"), match.group("name"), 1)
    for span in known:
        if span.kind == "place" and (match := _BEFORE_PLACE.search(text, max(0, span.start - 60), span.start)):
            words = match.group("name").split()
            if not any(w in NOT_NAME_WORDS for w in words) and not (len(words) == 1 and _DEMONYM.search(words[0])):
                found.append(Span(match.start("name"), match.end("name"), match.group("name"), "place", "", 2))
    return found


# A city inside a longer name: a capitalised word runs on from it ("Dallas Cowboys", "New York Times",
# "Serra da Estrela") or leads into it ("Greater Manchester", "Mr Jackson", "University of Leeds",
# "Camino de Santiago"); a comma ends the name ("Dallas, Texas") and a possessive opens a new one
# ("Ukraine's Kharkiv"). A number before it makes it an address ("180 Kent").
_CAPITAL_NEXT = re.compile(rf"(?:-|[ \t]+(?:{PARTICLE}[ \t]+)?)[{UP}0-9]")
_CAPITAL_PREVIOUS = re.compile(rf"(?:(?<![\w'’.-])(?P<word>[{UP}][\w'’.&-]*)(?:[ \t]+(?:of|{PARTICLE}))?|\d)[ \t]+$")
# Words that may stand before a city at the start of a sentence ("In Moscow", "But Kharkiv"); not a title.
_SENTENCE_WORDS = (STOP_WORDS | OPENERS) - {w.capitalize() for w in HONORIFICS} - {"Mr", "Mrs", "Ms", "Dr", "Sir"}
# Places are not "who", nor, when the city's name is also a given name, quoted: "Newcastle, who are seventh", "Nancy said".
_WHO_AFTER = re.compile(r",?\s+who\b")
_SAYS_AFTER = re.compile(rf",?\s+{SAY}\b")


def cities(text: str) -> list[Span]:
    """Names of the city list (:mod:`briefing.language.cities`) as written, each a weak place ("Protests spread to Kharkiv").

    Only a name standing alone: not part of a word ("Moura-George") nor of a
    longer capitalised name ("Dallas Cowboys", "Mr Jackson", "University of
    Leeds"), not an address ("180 Kent"), not "who" ("Newcastle, who are
    seventh"). The article may still overrule it (:func:`briefing.tagging.tag`): a
    word of a person's name ("Andrew Jackson"), or a word also written in
    lower case ("mobile").
    """
    found = []
    for end, name in gazetteer.automaton().iter(text):
        start, end = end + 1 - len(name), end + 1
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or (end < len(text) and text[end].isalnum()):
            continue  # part of a word: "Parisian", "Romeo", "Moura-George"
        if _CAPITAL_NEXT.match(text, end) or _in_name_after(text, start) or _WHO_AFTER.match(text, end):
            continue
        if is_given_name(name) and _SAYS_AFTER.match(text, end):
            continue
        found.append(Span(start, end, name, "place", "", 1))
    return leftmost_longest(found)


def listed_organisations(text: str) -> list[Span]:
    """Names of the organisation list (:mod:`briefing.language.organisations`) written as names: "Aerosmith", "AC/DC".

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


# A team's nickname after its city: "Green Bay Packers", "Boston Red Sox", "Leeds United".
_NICKNAME = re.compile(rf"[ \t]+(?P<nick>(?:[{UP}][{LOW}]+[ \t]+)?(?:[{UP}][{LOW}]*[^\Ws]s|[{UP}][{LOW}]*x|United))(?![\w'’-])(?![ \t]+[{UP}])")


SPORTS_WORDS = frozenset(
    """match matches season league fixture fixtures kick-off striker midfielder defender goalkeeper goal goals scored
    scorer manager coach squad stadium tournament cup playoff playoffs quarterback touchdown innings wicket referee
    penalty penalties semi-final quarter-final final points table relegation promotion transfer derby""".split()
)
"""Words of a sports report: where :data:`SPORTS_MIN` of them are written, a club is named by its town alone."""
SPORTS_MIN = 5


@lru_cache(maxsize=8)
def is_sports_report(article: str) -> bool:
    """Whether ``article`` (one string: :func:`article_text`) reads as a sports report."""
    return len(SPORTS_WORDS & set(_tokens(article))) >= SPORTS_MIN


# The other side of a game: "against Spurs", "beating Tottenham", "when facing West Ham".
_OPPONENT = re.compile(
    rf"\b(?:beat|beats|beating|against|vs\.?|versus|drew\s+with|draw\s+with|lost\s+to|losing\s+to|defeated|defeating|"
    rf"face|faces|facing|hosts?|hosting|hosted|visit|visits|visiting|thrashed|edged|knocked\s+out)\s+(?:the\s+)?"
    rf"(?P<name>[{UP}][{LOW}]+(?:[ \t]+[{UP}][{LOW}]+){{0,2}}){NAME_END}(?![ \t]+[{UP}])"
)


def opponents(text: str, article: str) -> list[Span]:
    """In a sports report, the side a team plays is a club, even named by its town ("beating Tottenham").

    Not a person's name (a given name first, or a surname the article writes
    after a given name), not a common word written in lower case too; a
    country the knowledge base knows stays a place, as it wins over this cue.
    """
    if not is_sports_report(article):
        return []
    found = []
    for match in _OPPONENT.finditer(text):
        name = match.group("name")
        words = name.split()
        if is_given_name(words[0]) and len(words) > 1 or words[-1] in _surnames_after_a_name(article):
            continue
        if any(w in NOT_NAME_WORDS and w not in CLUB_TAILS or lower_elsewhere(w, article) for w in words):
            continue
        found.append(Span(match.start("name"), match.end("name"), name, "organisation", "", 2))
    return found


def teams(text: str, known: list[Span], article: str = "") -> list[Span]:
    """Clubs named by their city and a nickname: "the Kansas City Chiefs", "Manchester United".

    The city is a name of the city list or a place the text already names
    (``known``); the nickname is one or two
    capitalised words ending in a plural ("Chiefs", "Red Sox") or "United",
    and not a word of places ("Falls", "Heights"), bodies or titles, nor one
    the ``article`` also writes in lower case ("Orlando Holidays ... holidays").
    """
    article = article or text
    places = [(s.start, s.end) for s in known if s.kind == "place"]
    for end, name in gazetteer.automaton().iter(text):
        places.append((end + 1 - len(name), end + 1))
    found = []
    for start, end in sorted(set(places)):
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or _in_name_after(text, start):
            continue
        match = _NICKNAME.match(text, end)
        nick = match.group("nick").split() if match else ()
        if not nick or any(w in PLACE_WORDS or w in NOT_NAME_WORDS or _DEMONYM.search(w[:-1]) or lower_elsewhere(w, article) for w in nick):
            continue
        found.append(Span(start, match.end(), " ".join(text[start : match.end()].split()), "organisation", "", 2))
    return leftmost_longest(found)


def _in_name_after(text: str, start: int) -> bool:
    """Whether the word before ``start`` begins a longer name or an address (see :func:`cities`)."""
    previous = _CAPITAL_PREVIOUS.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group("word")
    if word is None:
        return True  # a number: "180 Kent"
    if len(word) > 2 and word.endswith(".") and not _abbreviation(word) and word.lower() not in _TITLE_FIRST_WORDS:
        return False  # the end of the sentence before ("... in Russia. Moscow said"), not an initial ("John F. Kennedy")
    return word not in _SENTENCE_WORDS and not re.search(r"['’]s?$", word)


def _place(start: int, name: str, strength: int) -> list[Span]:
    """A place by a cue, unless its words say it is something else (a month, a language, a body, a title)."""
    words = name.split()
    if any(w in _NOT_PLACES or (w in NOT_NAME_WORDS and w not in PLACE_WORDS) for w in words):
        return []
    if words[0] in PLACE_WORDS and len(words) == 1 or re.search(r"(?:ish|ese|ian|ean|ican)$", words[-1]):
        return []
    if any(w in {"St", "Mt", "Ft"} or re.search(rf"(?<!^Mc)(?<!^Mac)[{LOW}][{UP}]", w) for w in words):
        return []  # "St. Joseph" is cut short; "PlymouthLive" is a brand
    return [Span(start, start + len(name), " ".join(words), "place", "", strength)]


# --- where discovery does not look -----------------------------------------------


def looks_like_headline(text: str) -> bool:
    """Title Case text with no sentence in it: a heading the cleaner left as a paragraph."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    long_words = [w for w in words if len(w) > 3]
    if not long_words or len(words) > 25:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.75 and not re.search(r"[.!?][\"”’']?\s*$", text.strip())


# Reader-facing boilerplate, credits and contributor lines: no entity is discovered there.
_BOILERPLATE = re.compile(
    r"newsletter|subscri(?:be|ption)|sign(?:ing)? up|cookies?\b|privacy policy|terms of (?:service|use)|all rights reserved|"
    r"©|copyright|unlimited (?:online )?access|download (?:the|our) app|\b(?:photo|photograph|image|picture)s?\s*(?:by\b|:|credit)|"
    r"getty images|contributed to this report|(?:with )?(?:additional )?reporting by|editing by|writing by",
    re.IGNORECASE,
)
_SENTENCE_END_CHAR = re.compile(r"[.!?:;\"”’)]\s*$")


def looks_like_boilerplate(text: str) -> bool:
    """Not a sentence of the story: a short line without end punctuation (menus, links), or boilerplate."""
    if len(text.split()) < 12 and not _SENTENCE_END_CHAR.search(text):
        return True
    return _BOILERPLATE.search(text) is not None


_BIO = re.compile(rf"(?P<name>{NAME})\s+(?:is|was|has been)\s+(?:an?|the)\s")


def looks_like_bio(text: str, authors: tuple[str, ...]) -> bool:
    """A block about the article's author: it names an author or opens "X is a ..."."""
    if any(author and author in text for author in authors):
        return True
    match = _BIO.match(text)
    return match is not None and not any(w in NOT_NAME_WORDS for w in match.group("name").split())  # "Westmount High School is a ..."
