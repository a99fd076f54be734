"""Dated events: the sentences of an article that say when something happened.

``events(article)`` finds, in each body paragraph, sentences with a date
("On May 15, 2019", "In July, 2020", "in May 2019", "Last August", "in late
January", "last month", "on Tuesday") and keeps the precision the text gives:
a day (``2019-05-15``), a month (``2020-07``) or a year (``2019``). Dates
relative to the story ("last month") are placed only when the story's own
date is known; a sentence with no date it can resolve is not an event.
The pages that show them are :mod:`briefing.site.timeline`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.language.dates import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS, WEEKDAYS
from briefing.language.sentences import sentence_spans
from briefing.model import Article, Event

MAX_EVENTS_PER_STORY = 100
"""Dated sentences one story adds, in reading order: a table of dates or a hostile source must not flood the timeline."""
EVENT_KINDS = ("paragraph", "bullet", "numbered", "quote")

_FULL_MONTH = "|".join(MONTHS)
_ANY_MONTH = rf"(?:{_FULL_MONTH}|(?:{'|'.join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))})\.?)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_SHADE = r"(?:(?:early|late|mid|mid-|the end of|the beginning of|the start of)\s*)?"
_SINCE = r"(?:[Ii]n|[Oo]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]hrough|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-?)"

# One alternation: the regex engine takes the leftmost match; longer forms come first.
DATE = re.compile(
    rf"""(?<![\w.])(?:
      (?P<mdy_m>{_ANY_MONTH})\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})
    | (?P<dmy_d>{_DAY})\s+(?P<dmy_m>{_ANY_MONTH}),?\s+(?P<dmy_y>{_YEAR})
    | (?P<iso>{_YEAR}-[01]\d-[0-3]\d)
    | (?P<my_m>{_ANY_MONTH}),?\s+(?P<my_y>{_YEAR})
    | (?P<md_m>{_ANY_MONTH})\s+(?P<md_d>{_DAY})(?![\d,])
    | (?P<ym_pre>{_SINCE})\s+{_SHADE}(?P<y>{_YEAR})(?!s|\d|-)
    | (?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<rel_unit>year|month)
    | (?P<lm_pre>[Ll]ast|[Tt]his|{_SINCE})\s+{_SHADE}(?P<lm_m>{_FULL_MONTH})(?P<lm_this>\s+this\s+year)?(?!,?\s*\d)
    | (?:[Oo]n|[Ll]ast)\s+(?P<wd>{"|".join(WEEKDAYS)})(?!['’])
    | (?P<yesterday>yesterday)
    )(?![\w])""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date found in a sentence: the ISO value and the words that gave it."""

    date: str
    phrase: str


def events(article: Article) -> tuple[Event, ...]:
    """The dated sentences of ``article``, in reading order."""
    today = _article_date(article.date)
    found = []
    for index, block in enumerate(article.body):
        if block.kind not in EVENT_KINDS or not DATE.search(block.text):
            continue
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            dated = first_date(sentence, today)
            if dated:
                found.append(Event(dated.date, sentence, index, dated.phrase, entities_in(sentence, article)))
                if len(found) == MAX_EVENTS_PER_STORY:
                    return tuple(found)
    return tuple(found)


def first_date(sentence: str, today: dt.date | None) -> Dated | None:
    """The first date in ``sentence`` that can be resolved, with ``today`` the story's date if known."""
    for match in DATE.finditer(sentence):
        try:
            value = _resolve(match, today)
        except (OverflowError, ValueError):  # "yesterday" in a story dated 0001-01-01: no such day
            value = ""
        if value and not value.startswith(("0000", "-")):
            return Dated(value, match.group().strip())
    return None


def _resolve(match: re.Match, today: dt.date | None) -> str:
    g = match.groupdict()
    if g["mdy_m"]:
        return _day(int(g["mdy_y"]), g["mdy_m"], g["mdy_d"])
    if g["dmy_m"]:
        return _day(int(g["dmy_y"]), g["dmy_m"], g["dmy_d"])
    if g["iso"]:
        try:
            return dt.date.fromisoformat(g["iso"]).isoformat()
        except ValueError:
            return ""
    if g["my_m"]:
        return f"{int(g['my_y']):04d}-{_month(g['my_m']):02d}"
    if g["y"]:
        return g["y"]
    if today is None:
        return ""  # every form below is relative to the story's date
    if g["md_m"]:
        return _nearest_day(today, _month(g["md_m"]), g["md_d"])
    if g["rel"]:
        step = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        if g["rel_unit"] == "year":
            return str(today.year + step)
        month = today.year * 12 + today.month - 1 + step
        return f"{month // 12:04d}-{month % 12 + 1:02d}"
    if g["lm_m"]:
        return _past_month(today, _month(g["lm_m"]), g["lm_pre"].lower(), bool(g["lm_this"]))
    if g["wd"]:
        back = (today.weekday() - WEEKDAYS.index(g["wd"])) % 7
        if back == 0 and match.group().lower().startswith("last"):
            back = 7
        return (today - dt.timedelta(days=back)).isoformat()
    if g["yesterday"]:
        return (today - dt.timedelta(days=1)).isoformat()
    return ""


def _month(word: str) -> int:
    return MONTH_NUMBERS[word.rstrip(".")]


def _day(year: int, month_word: str, day_word: str) -> str:
    try:
        return dt.date(year, _month(month_word), int(re.match(r"\d+", day_word).group())).isoformat()
    except ValueError:
        return ""


def _nearest_day(today: dt.date, month: int, day_word: str) -> str:
    """``April 25`` in a story of ``today``: the year that puts it closest to the story."""
    day = int(re.match(r"\d+", day_word).group())
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            pass
    if not candidates:
        return ""
    return min(candidates, key=lambda d: (abs((d - today).days), d)).isoformat()


def _past_month(today: dt.date, month: int, preposition: str, this_year: bool) -> str:
    """``last August``, ``in late January``: the most recent such month up to the story's month."""
    if this_year or preposition == "this":
        year = today.year
    elif preposition == "last":
        year = today.year if month < today.month else today.year - 1
    else:
        year = today.year if month <= today.month else today.year - 1
    return f"{year:04d}-{month:02d}"


def _article_date(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def entities_in(text: str, article: Article) -> tuple[str, ...]:
    """Canonical names of the article's entities that ``text`` names (by name, surface or, for people, surname)."""
    found = set()
    for mention in article.mentions:
        words = {mention.entity, mention.surface}
        if mention.kind == "person" and len(mention.entity.split()) > 1:
            words.add(mention.entity.split()[-1])
        if any(_names(text, word) for word in words if word):
            found.add(mention.entity)
    return tuple(sorted(found, key=lambda name: (name.casefold(), name)))


def _names(text: str, word: str) -> bool:
    return re.search(r"(?<![\w.])" + re.escape(word) + r"(?!\w)", text) is not None


# --- rendering ---------------------------------------------------------------
