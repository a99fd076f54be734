"""Features of one line of a scrape: the evidence the cleaner's rules weigh.

Every rule here looks only at the shape and words of a line (length,
punctuation, capitalisation, vocabulary), never at who published it.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from typing import NamedTuple

import ahocorasick
import numpy as np

from briefing.cleaning import boilerplate, charstats
from briefing.language.dates import MONTHS_ANY_LANGUAGE, WEEKDAYS
from briefing.language.names import BYLINE_PARTICLE, BYLINE_WORD

SENTENCE_END = tuple('.!?"”’\')…:。！？」』')
# Scripts written without spaces (Chinese, Japanese): about two characters make a word.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*)$")
BULLET = re.compile(r"^\s*[-*+•·▪‣◦●]\s*(\S.*)$")

# A byline: "By A and B", "by A, B", "Von A", "Par A" ... ("bySauli" too: scrapes glue words).
BYLINE = re.compile(
    r"^(?:(?i:(?:written |story |words |reporting )?by|von|par|por|door|di|af|av|autor|autorin|author|auteur|autore)"
    r"(?:\s*:\s*|\s+)|by(?=[A-Z]))(\S.{1,150})$"
)
# The parts of a line of metadata ("News | Published: 5 hours ago | Written by A"): a byline can be one.
META_PARTS = re.compile(r"\s[|•·]\s")
# Where a byline's names stop: a date, a separator, a handle, "Published", "For <outlet>".
BYLINE_CUT = re.compile(
    r"\s[|•·–—/-]\s|\s*[|•·/@(]|\d|\b(?i:published|updated|posted|follow|veröffentlicht|publié|publicado)\b"
    r"|\s(?i:for|in|at|with|from)\s|(?<=[a-z]{3})(?=[A-Z][a-z])"
)
NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bog\b|\boch\b|\bi\b|\bve\b)\s*")
NAME = re.compile(rf"^{BYLINE_WORD}(?:\s+(?:{BYLINE_WORD}|{BYLINE_PARTICLE})){{1,3}}$")

# "Alex Younger, head of MI6": a name, a comma, a lower-case role, no full stop.
NAME_CAPTION = re.compile(rf"^{BYLINE_WORD}(?:\s+{BYLINE_WORD}){{1,3}},\s+[a-z][^.!?]*$")
CAPTION_VERB = re.compile(
    r"\b(?:is|are) (?:seen|pictured|shown|displayed)\b|\bpictured\b|\b(?:poses|gestures|looks on|"
    r"arrives|attends|testifies|speaks|walks|stands|waves|smiles|reacts|leaves|listens)\b|\bfile photo\b",
    re.IGNORECASE,
)
CREDIT_LABEL = re.compile(
    r"[(\[]?\b(?:photo|photograph|picture|image|credit|foto|bild|source|illustration|copyright)s?\s*:"
    r"|\(\s*(?:photo|picture|image|credit|foto|bild)s?\b|\(\s*(?:photo\s+)?courtesy\b|©|\bcopyright\b|\bgetty images\b|\bshutterstock\b|"
    r"\balamy\b|\bimage source\b|\bfile photo\b|\bmandatory credit\b|\bno resales\b|\bstock (?:image|photo|picture)s?\b"
    r"|\([^()]*\b(?:photo|image|picture)s?\b[^()]*\)(?:\s+\w+)?(?:\s*[>»›])?\s*$",
    re.IGNORECASE,
)
CAPTION_WORDS = 40
ENDS_WITH_DATE = re.compile(r"\b\d{1,2},? \d{4}\.?$|\b\d{4}\.$")
BREADCRUMB_MARKS = ("/", "›", "»", ">", "|")  # every BREADCRUMB match holds one of these or a comma after a space
BREADCRUMB = re.compile(r"\s(?:/|›|»|>|\|)\s|\S(?:›|»)\S|\s,\s")
TIMESTAMP = re.compile(r"^(?:\d{1,2}:\d{2}(?::\d{2})?|(?:updated|published|posted|last updated|"
                       r"aktualisiert|mis à jour|actualizado)\s*:?|\d+\s*(?:min|mins|minutes?|h|hours?|"
                       r"days?|sec|seconds?)\s*(?:ago|read)?|\d+ minute read|[0-9:/.\s-]+)$", re.IGNORECASE)

# A running time under a video ("02:14", "1:02:03").
DURATION = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
# "Ada Lindqvist is a politics reporter for ...": a bio starts with the name and a verb of what the person does.
BIO = re.compile(r"^\S+(?:\s\S+){0,4}\s(?:is|was|has|covers|writes|reports|joined|ist|war|est|es|è)\b")

# What may follow an author's name on a byline line: "Published ...", "Updated ...", a time of day.
BYLINE_TIME = re.compile(r"(?i)(?:published|updated|posted|\d{1,2}:\d{2}|\d+\s*(?:mins?|minutes?|hrs?|hours?|days?)\s+ago\b)")

_MONTH = r"(" + "|".join(sorted(map(re.escape, MONTHS_ANY_LANGUAGE), key=len, reverse=True)) + r")\.?"
DATES = (
    (re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)"), "ymd"),
    # The look-ahead (letters, then a number) lets most places fail before the long list of months is tried.
    (re.compile(r"(?=[^\W\d_]{3,}\.?\s+\d)" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE), "mdy"),
    (re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})", re.IGNORECASE), "dmy"),
    (re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)"), "numeric"),
)

YEAR_DIGITS = re.compile(r"\d{4}")  # every pattern of DATES holds a year of four digits
# Where a date begins inside a line ("... Apr. 28, 2023", "... Friday, 22 Nov"): bylines stop there.
DATE_START = re.compile(r"\b" + _MONTH + r"\s*\d|\b(?:" + "|".join(day[:3].lower() for day in WEEKDAYS) + r")[a-z]*\.?,", re.IGNORECASE)


class Line(NamedTuple):
    """One non-empty line of the source with the features the rules use (a named tuple: a page makes thousands)."""

    index: int
    number: int
    text: str
    key: str
    words: int
    gap_before: bool
    prose: bool
    furniture: str
    strong: str
    tokens: int  # whitespace-separated tokens
    capitals: int  # tokens that begin with a capital


def key(text: str) -> str:
    """The comparison form of a line: case, spacing and punctuation folded."""
    return " ".join(boilerplate.WORD.findall(text.casefold()))


def is_writer_bio(text: str) -> bool:
    """"NAME is a politics reporter for ...": a name, a verb of what the person does, a writer's role in the first sentence."""
    if len(text.split()) > 80 or not BIO.match(text):
        return False
    head = text.split(". ", 1)[0]
    return is_name(" ".join(text.split()[:2])) and any(word in ROLE_NOUNS for word in key(head).split())


def is_kicker(text: str) -> bool:
    """A teaser's kicker: one to three words in capitals, a colon, then a sentence ("HARBOUR: The ferry ...")."""
    head, colon, rest = text.partition(": ")
    return bool(colon) and 1 <= len(head.split()) <= 3 and len(head) >= 3 and head.isupper() and len(rest.split()) >= 5


def word_count(text: str) -> int:
    """Words of a line: the spaced tokens, and about one per two characters of a script written without spaces."""
    count = len(text.split())
    unspaced = len(UNSPACED.findall(text)) if not text.isascii() else 0
    return count + unspaced // 2


def word_counts(texts: list[str]) -> tuple[np.ndarray, np.ndarray, charstats.LineCounts]:
    """:func:`word_count` and :func:`is_prose` of each of ``texts`` at once (numpy arrays of ints and bools), and the counts they come from."""
    counted = charstats.count(texts, 0)
    counts = (counted.tokens + counted.unspaced // 2).astype(int)
    ends = np.fromiter(map(operator.methodcaller("endswith", SENTENCE_END), texts), dtype=bool, count=len(texts))
    stops = np.fromiter((". " in text or "。" in text for text in texts), dtype=bool, count=len(texts))
    prose = (counts >= 8) & ~(counted.capitalised > 0.7 * counts) & (ends | stops | (counts >= 25))
    return counts, prose, counted


def is_prose(text: str) -> bool:
    """A line that reads as running text: long enough, and built of sentences."""
    tokens = text.split()
    count = word_count(text)
    if count < 8:
        return False
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    if capitalised > 0.7 * count:
        return False  # a menu flattened onto one line, or a headline: not running text
    return text.endswith(SENTENCE_END) or ". " in text or "。" in text or count >= 25


def is_sentence(text: str) -> bool:
    """A short line that is still a sentence (a one-line paragraph)."""
    count = len(text.split())
    return count >= 3 and text.endswith(('.', '!', '?', '"', '”', '’', "'", ')', '…')) and any(c.islower() for c in text)


def credit_tail(text: str) -> bool:
    """Does the line end in a photo credit (``... May 10, 2019. AFP-Yonhap``)?"""
    if text.endswith(('.', '!', '?', ',', ';', '"', '”')):
        return False
    head, _, tail = text.rpartition(". ")
    if not head or len(head.split()) < 5:
        return False
    last = head.split()[-1]
    if last.lower() in ("a.m", "p.m") or len(head.split()) <= 8 and find_date(head):
        return False  # "April 26, 2024 at 11:24 a.m. EDT": a dateline, not a credit
    if last[:1].isupper() and (len(last.strip(".")) <= 4 or "." in last):
        return False  # "Rep. Zooey Zephyr", "Japan-U.S. Pact": an abbreviation, not the end of a sentence
    tail_words = tail.split()
    if not 1 <= len(tail_words) <= 6:
        return False
    return all(w[0].isupper() or w[0] in "@©(" or "/" in w or w.lower() in ("via", "for", "and", "de", "/") for w in tail_words)


CREDIT_HINTS = ("courtesy", "stock", "phot", "pictur", "imag", "credit", "foto", "bild", "source", "illustr", "copyright", "©",
                "getty", "shutterstock", "alamy", "mandatory", "resales")


_HINTS = ahocorasick.Automaton()
for _hint in CREDIT_HINTS:
    _HINTS.add_word(_hint, _hint)
_HINTS.make_automaton()


@functools.lru_cache(maxsize=4096)
def _credit_label(text: str) -> bool:
    # One pass for all the hints first (any of them anywhere in the line): the regex is the slow part.
    return next(_HINTS.iter(text.lower()), None) is not None and bool(CREDIT_LABEL.search(text))


def has_credit(text: str) -> bool:
    """Does the line carry a photo credit ("(Photo: X)", "Getty Images", "©")?"""
    return _credit_label(text)


@functools.lru_cache(maxsize=4096)
def is_caption(text: str) -> bool:
    """A photo caption: credited, or a named person with a role, or a posed scene with its date."""
    count = len(text.split())
    if 4 <= count <= 100 and _credit_label(text):
        return True
    if count > 60:
        return False
    if credit_tail(text):
        return True
    if count <= 10 and NAME_CAPTION.match(text):
        return True
    if not text[-1:].isdigit() and not text.endswith(".") or count > CAPTION_WORDS:
        return False  # a long paragraph that names a scene and a date is story context, not a caption
    ends_in_number = text[-1:].isdigit() or text[-2:-1].isdigit()  # ENDS_WITH_DATE needs a digit at the end or before a full stop
    return bool(ends_in_number and ENDS_WITH_DATE.search(text) and CAPTION_VERB.search(text) and text.count(". ") <= 1)


@functools.lru_cache(maxsize=4096)
def is_credit(text: str) -> bool:
    """A bare photo credit line (``Getty Images``, ``Photograph: X/Reuters``)."""
    count = len(text.split())
    if count <= 8 and _credit_label(text):
        return True
    return count <= 4 and "/" in text and bool(re.search(r"\w/\w", text)) and text[:1].isupper()


def _space_comma(text: str) -> bool:
    """Is some comma of ``text`` right after a space (BREADCRUMB's " , ")?"""
    at = text.find(",", 1)
    while at > 0:
        if text[at - 1].isspace():
            return True
        at = text.find(",", at + 1)
    return False


@functools.lru_cache(maxsize=4096)
def is_breadcrumb(text: str) -> bool:
    """``News / World / Asia`` or ``Home › Politics``: navigation trails."""
    if not any(mark in text for mark in BREADCRUMB_MARKS) and not _space_comma(text):
        return False  # none of the separators a trail needs: most lines
    return len(BREADCRUMB.findall(text)) >= 2 or (text.count(">") >= 1 and len(text.split()) <= 12 and not is_sentence(text))


@functools.lru_cache(maxsize=4096)
def is_name(text: str) -> bool:
    """A line that is only a person's name (2 to 4 capitalised words)."""
    return len(text) <= 40 and bool(NAME.match(text)) and not boilerplate.furniture_reason(text)


@functools.lru_cache(maxsize=4096)
def byline_names(text: str) -> tuple[str, ...]:
    """The names of a byline line, or () when the line is not a byline."""
    match = BYLINE.match(text.strip())
    if not match:
        if "|" not in text and "•" not in text and "·" not in text:
            return ()  # no parts to look in (META_PARTS)
        parts = META_PARTS.split(text)
        return next((names for part in parts[1:] if (names := byline_names(part))), ()) if len(parts) > 1 else ()
    rest = match.group(1)
    if date := DATE_START.search(rest):
        rest = rest[: date.start()]
    rest = BYLINE_CUT.split(rest, maxsplit=1)[0]
    names = [" ".join(n.split()).strip(" .,:;") for n in NAME_SPLIT.split(rest)]
    names = [n for n in names if n and not all(w.lower() in ROLE_WORDS for w in n.split())]
    if not names or not all(_plausible_name(n) for n in names):
        return ()
    return tuple(names)


def _plausible_name(name: str) -> bool:
    parts = name.split()
    return 1 <= len(parts) <= 5 and len(name) <= 50 and name[0].isupper() and not any(c.isdigit() for c in name)


@functools.lru_cache(maxsize=4096)
def find_date(text: str) -> str:
    """The first calendar date written in ``text``, as ISO 8601, or ""."""
    if text.isascii() and not any(digit in text for digit in "0123456789") or not YEAR_DIGITS.search(text):
        return ""  # every date has a year in four digits: the month patterns are the slow part
    found: list[tuple[int, str]] = []
    for pattern, order in DATES:
        for match in pattern.finditer(text):
            iso = _to_iso(match.groups(), order)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else ""


def _to_iso(groups, order: str) -> str:
    try:
        if order == "ymd":
            year, month, day = int(groups[0]), int(groups[2]), int(groups[3])
        elif order == "mdy":
            month, day, year = MONTHS_ANY_LANGUAGE[groups[0].lower()], int(groups[1]), int(groups[2])
        elif order == "dmy":
            day, month, year = int(groups[0]), MONTHS_ANY_LANGUAGE[groups[1].lower()], int(groups[2])
        else:
            first, second, year = int(groups[0]), int(groups[1]), int(groups[2])
            # Day first unless that is impossible: most of the world writes 30/04/2024.
            day, month = (first, second) if second <= 12 else (second, first)
        if not 1990 <= year <= 2100:
            return ""
        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError):
        return ""


ROLE_WORDS = frozenset(
    """correspondent reporter editor writer journalist columnist director contributor producer analyst
    presenter staff hub content deputy political senior chief news sports sport business assistant associate
    digital the editor-at-large freelance special investigations health science technology economics
    redakteur redakteurin korrespondent korrespondentin journaliste rédacteur rédactrice periodista
    redactor redactora giornalista jornalista redacteur verslaggever""".split()
)
# The words that make a line a role ("Senior Political Correspondent"), not a section label ("News").
ROLE_NOUNS = frozenset(
    """correspondent reporter editor writer journalist columnist contributor producer analyst presenter
    editor-at-large redakteur redakteurin korrespondent korrespondentin journaliste rédacteur rédactrice
    periodista redactor redactora giornalista jornalista redacteur verslaggever""".split()
)


def is_role(text: str) -> bool:
    """A line that is only a role: ``Journalist``, ``Senior Political Correspondent``."""
    words = [w.lower() for w in text.split()]
    return bool(words) and all(w in ROLE_WORDS for w in words) and any(w in ROLE_NOUNS for w in words)


NOT_NAME_WORDS = frozenset(
    """news events event policy us local world sports sport business politics focus travel opinion video
    videos live latest today more key top updates update stories story spots home section topics
    ethics corrections contact about follow find menu search subscribe newsletter sign log account
    weather markets market culture lifestyle entertainment health science tech technology analysis
    review reviews features feature guide guides deals shop shopping podcasts podcast games puzzles
    editions edition national international region regions city state africa europe asia america
    australia canada india china united kingdom middle east west north south new york times post daily
    media group published updated posted copyright photo credit image follow""".split()
) | {day.lower() for day in WEEKDAYS} | {day[:3].lower() for day in WEEKDAYS}
_AUTHOR_CUT = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])|\d|\s[|•·–—/-]\s|[|•·/@(,]")


@functools.lru_cache(maxsize=4096)
def author_line(text: str) -> tuple[str, bool]:
    """The person's name a line starts with, and whether a role followed it.

    ``Amy Gibbons Political Correspondent`` -> ("Amy Gibbons", True);
    ``Naveen Athrappully`` -> ("Naveen Athrappully", False); anything else -> ("", False).
    """
    if len(text) > 80:
        return "", False
    head = _AUTHOR_CUT.split(text, maxsplit=1)[0].strip()
    kept: list[str] = []
    for word in head.split():
        if word.lower() in ROLE_WORDS and len(kept) >= 2:
            break
        kept.append(word)
    name = " ".join(kept)
    if not is_name(name) or any(w.lower().strip(".") in NOT_NAME_WORDS for w in kept) or is_caption(text) or is_credit(text):
        return "", False
    rest = " ".join(text.split())[len(name) :].strip(" |•·–—/-@(,:")
    # What follows the name must say it is a byline: a role, a date, "Published ..." (not "15" or "$285").
    role = bool(rest) and (rest.split()[0].lower() in ROLE_WORDS or bool(find_date(rest) or BYLINE_TIME.match(rest)))
    return name, role


def is_outlet(name: str) -> bool:
    """Does a byline name an outlet ("Example Times", "BBC News") rather than a person?"""
    return any(word.lower() in NOT_NAME_WORDS for word in name.split())


AGENCY_WORDS = frozenset("press agency wire images pictures photos photography".split())
NAME_LIST_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b)\s*")


@functools.lru_cache(maxsize=4096)
def name_list(text: str) -> tuple[str, ...]:
    """Two or more people's names sharing a line ("Ann Lee/Bo Chan", "Ann Lee and Bo Chan"), or ()."""
    if len(text) > 120 or _credit_label(text):
        return ()
    names = tuple(" ".join(part.split()) for part in NAME_LIST_SPLIT.split(text.strip()))
    if len(names) < 2 or not all(is_name(n) and not is_outlet(n) for n in names):
        return ()
    if any(word.lower() in AGENCY_WORDS for name in names for word in name.split()):
        return ()  # "Jane Doe/Associated Press": a photo credit
    return names
