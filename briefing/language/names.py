"""The words of people's names: name words, particles, titles and honorifics, written once for every stage.

Three stages read names, each with the strictness its text needs:

- discovery (:mod:`briefing.tagging.discovery`) finds new people in running
  text, so its :data:`NAME_WORD` is strict: a capital, then lower-case
  letters ("O’Neill", "McDonald", "Moura-George");
- the quotes (:mod:`briefing.analysis.quotes`) read capitalised runs next to
  a speech verb (:data:`NAME_RUN`, :func:`person_name`, :func:`name_runs`),
  where any capitalised token may start the run;
- the cleaner (:mod:`briefing.cleaning.lines`) asks whether a whole short line
  is a byline's names (:data:`BYLINE_WORD`), the loosest of the three.

The three patterns accept different words on purpose; making them one would
change what each stage takes for a name.
"""

from __future__ import annotations

import re

# --- letters -----------------------------------------------------------------------

UP = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper() and chr(c).isalpha())
"""Capital letters of the Latin scripts, for character classes (Python's ``re`` has no ``\\p{Lu}``)."""
LOW = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower() and chr(c).isalpha())
"""Lower-case letters of the Latin scripts."""

# --- a person's name, strictly (discovery) ----------------------------------------------

NAME_WORD = rf"(?:[{UP}]['’](?=[{UP}]))?[{UP}][{LOW}]+(?:[{UP}][{LOW}]+)?(?:[-'’][{UP}][{LOW}]+)*"
"""One word of a name: "O’Neill", "McDonald", "Moura-George"."""
INITIAL = rf"[{UP}]\."
PARTICLES = frozenset("de da del do van von der den du di la le bin ibn al el ter ten dos das".split())
"""Lower-case words inside a name: "Ursula von der Leyen", "Bashar al-Assad", "Lula da Silva"."""
PARTICLE = rf"(?:{'|'.join(sorted(PARTICLES - {'do'}))})"
"""A particle as discovery reads it (never "do": adding it would change the names discovery finds)."""
NAME_END = r"(?!\w)(?!-\w)(?!['’](?!s\b)\w)"
"""Where a name ends: not inside a word, a hyphenated word or an elision ("Harris’s" ends it)."""
REGNAL_NUMBERS = "II III IV VI VII VIII IX XI XII XIII XIV XV XVI".split()
REGNAL = rf"(?:\s+(?:{'|'.join(REGNAL_NUMBERS)}))?"
"""A regnal number after a name: "Pope John Paul II", "Charles III"."""
NAME = rf"(?:{INITIAL}\s+)?{NAME_WORD}(?:\s+(?:{INITIAL}\s+)?(?:{PARTICLE}[\s-])?{NAME_WORD}){{1,3}}{REGNAL}{NAME_END}"
"""A person's full name: two to four name words, with initials, particles and a regnal number."""

# --- honorifics and titles ----------------------------------------------------------------

MALAYSIAN_HONORIFICS = ("datuk seri", "dato' seri", "dato' sri", "datuk", "dato'", "datin", "tan sri", "puan sri", "tun", "tunku", "tengku")
"""Malaysian honorifics, written before a name and no part of it: "Datuk Seri Anwar Ibrahim" is Anwar Ibrahim."""
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "dr", "prof", "rev", "reverend", "adv", *MALAYSIAN_HONORIFICS})
"""Titles of courtesy, lower case: they are no role ("Mr Smith" has none)."""
HONORIFIC_WORDS = frozenset(
    {"sir", "dame", "lord", "lady", "sheikh", "haji", "abu", "al", "el", "bin", "de", "van", "von"}
    | ({word.strip("'") for honorific in MALAYSIAN_HONORIFICS for word in honorific.split()} - {"datin", "puan", "tunku", "tengku"})
)
"""Words of a name that never stand for the person alone ("Sir Keir" is no "Sir").

Datin, Puan, Tunku and Tengku were never among them: adding them would change
which words of a known name stand for it.
"""


def _spelled(honorific: str) -> str:
    """``honorific`` as a pattern of its written forms: capitalised, any spaces, either apostrophe or none ("Dato’", "Dato")."""
    return r"\s+".join(word.capitalize().replace("'", "['’]?") for word in honorific.split())


# Other spellings met before a name, not written as titles: "Datuk Sri", "Datin Paduka".
_SPELLINGS = MALAYSIAN_HONORIFICS + ("datuk sri", "datin paduka")
LEADING_HONORIFICS = re.compile(
    rf"(?:(?:{'|'.join(_spelled(h) for h in sorted(_SPELLINGS, key=lambda h: (-len(h.split()), -len(h), h)))}|Prof|Dr"
    r"|(?:Maj(?:or)?|Lt|Lieutenant|Brig(?:adier)?)-Gen(?:eral)?|Lt-Col|Lieutenant-Colonel|Rear-Admiral|Vice-Admiral)\.?\s+)+(?=\S+\s+\S)"
)
"""Honorifics and ranks written before a name, not part of it (Malaysian titles, academic ones, military ranks)."""

TITLES = sorted(
    """president vice-president vice_president president-elect prime_minister premier minister secretary
    secretary-general secretary_general senator sen\\. rep\\. representative congressman congresswoman
    lawmaker governor gov\\. mayor chancellor director director-general chairman chairwoman chair chairperson
    chief_executive chief ceo cfo coo cto founder co-founder judge justice attorney_general attorney lawyer
    general gen\\. admiral adm\\. colonel col\\. lieutenant lt\\. major commander commissioner ambassador
    envoy king queen prince princess pope lord lady sir dame dr\\. dr professor prof\\. mp mep speaker
    spokesman spokeswoman spokesperson leader inspector detective sergeant sgt\\. officer constable captain
    capt\\. coach manager boss mr mrs ms mr\\. mrs\\. ms\\. councillor councilman councilwoman economist
    analyst strategist actor actress singer rapper star striker midfielder defender goalkeeper head editor
    chef designer author writer novelist artist comedian presenter host pastor rabbi imam bishop archbishop
    cardinal reverend rev\\. wife husband girlfriend boyfriend fiancée fiancé widow son daughter mother
    father brother sister cousin nephew niece grandson granddaughter grandmother grandfather journalist reporter
    photographer videographer correspondent columnist commentator producer filmmaker musician lecturer engineer
    scientist researcher nominee advocate adv\\. adv publisher prof treasurer major-general major-gen maj-gen
    lieutenant-general lt-gen brigadier-general brig-gen lieutenant-colonel lt-col rear-admiral vice-admiral brigadier""".replace("_", "\\s+").split()
    + [h.replace(" ", "\\s+") for h in MALAYSIAN_HONORIFICS],
    key=len,
    reverse=True,
)
"""What may stand before a name as its title or role, as patterns (``"prime\\s+minister"``, ``"sen\\."``), longest first."""

# --- capitalised runs, read loosely (quotes) -------------------------------------------------

TITLE_WORDS = frozenset(
    "president vice director secretary senator sen sen. rep rep. representative congressman congresswoman "
    "chancellor minister prime premier governor gov gov. mayor chairman chairwoman chair ceo cfo cto coo "
    "founder chief executive officer general gen gen. admiral adm adm. lt lt. col col. sgt sgt. judge justice "
    "attorney ambassador commissioner spokesman spokeswoman spokesperson dr dr. mr mr. mrs mrs. ms ms. prof "
    "prof. professor mp mep king queen prince princess pope deputy assistant leader speaker democrat "
    "democratic republican former acting head analyst editor reporter correspondent lawmaker envoy "
    "inspector superintendent commander captain capt capt. sir lord lady dame chairperson president-elect "
    "engineer adv adv. advocate lawyer coach officer economist scientist researcher activist".split()
)
"""Single words of a title or role that may stand before a name ("FBI Director Christopher Wray"), lower case."""
NOT_NAMES = frozenset(
    "the a an and but or if in on at of for to by with from as this that these those it its his her their "
    "our we he she they i you last next first second third however meanwhile while when after before since "
    "during although though so yet also still both each every some many most more no not one two three".split()
)
"""Words that start a capitalised run without being part of a name."""
# Capital letters of the Latin scripts as ranges; a name word may go on in any letters.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_TOKEN = rf"[{_UPPER}][\w'’\-]*\.?"
NAME_RUN = re.compile(rf"(?<![\w.])(?:{_TOKEN})(?:\s+(?:{_TOKEN}))*")
"""A run of capitalised tokens."""
_LONG_RUN = re.compile(rf"(?<![\w.])(?:{_TOKEN})(?:\s+(?:{_TOKEN}))+")
TRAILING_RUN = re.compile(rf"(?:{_TOKEN}\s+)*{_TOKEN}$")
"""A run of capitalised tokens that ends the text."""
# "Strayer", "LaRose", "McDonald", "O'Brien", "Jean-Luc", "Strömmer", or an initial "D."
_RUN_NAME_WORD = re.compile(rf"^(?:[{_UPPER}]\.|[{_UPPER}](?:[^\W\d_]*[a-zß-ÿ][^\W\d_]*)(?:['’\-][^\W\d_]+)*|O['’][{_UPPER}][^\W\d_]+)$")


def person_name(words: str) -> tuple[str, bool]:
    """The name in ``words`` once leading titles are removed, and whether a title was there.

    ``FBI Director Christopher Wray`` -> (``Christopher Wray``, True); ``Strayer`` ->
    (``Strayer``, False); a phrase that is not one to four name words -> ("", False).
    """
    tokens = words.split()
    titled = False
    for index, token in enumerate(tokens):
        if token.lower() in TITLE_WORDS or token.lower().rstrip(".") in TITLE_WORDS:
            titled = True
            last_title = index
    if titled:
        tokens = tokens[last_title + 1 :]
    if not 1 <= len(tokens) <= 4 or tokens[0].lower() in NOT_NAMES:
        return "", False
    if not all(_RUN_NAME_WORD.match(token) for token in tokens) or tokens[-1].endswith("."):
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
        if len(name.split()) >= 3 and len(before) >= 2 and before[-1] in ("of", "for") and before[-2].lower() in TITLE_WORDS:
            name, titled = " ".join(name.split()[-2:]), True
        if len(name.split()) >= 2 or titled:
            found.append((match.start() + run.index(name.split()[0]), name, titled))
    return found


# --- a line of names (the cleaner's bylines) ----------------------------------------------------

CAPITALS = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha())
"""Capitals of the Latin, Greek and Cyrillic alphabets: a name may start with Ö, Ł or Д."""
BYLINE_WORD = rf"(?:[{CAPITALS}][\w’'.-]*|[{CAPITALS}]\.)"
"""A capitalised word as bylines write names ("Jane", "O'Neill", "D.", "Łukasz"): any letters after the capital."""
BYLINE_PARTICLE = rf"(?:{'|'.join(sorted(PARTICLES - {'del', 'ibn', 'ten', 'das'}))})"
"""A particle between byline words (not "del", "ibn", "ten" or "das": adding them would change which lines are names)."""
