"""Dated events: the sentences of an article that say when something happened.

``events(article)`` finds, in each body paragraph, sentences with a date
("On May 15, 2019", "In July, 2020", "in May 2019", "Last August", "in late
January", "last month", "on Tuesday") and keeps the precision the text gives:
a day (``2019-05-15``), a month (``2020-07``) or a year (``2019``). Dates
relative to the story ("last month") are placed only when the story's own
date is known; a sentence with no date it can resolve is not an event.
The rendering half lays the events out as the timeline page and as the
timeline section of entity and topic pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.site import paths as links
from briefing.markup import front_matter, inline
from briefing.model import Article, Event, Page
from briefing.language.dates import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS, WEEKDAYS
from briefing.language.sentences import sentence_spans

MAX_EVENT_LENGTH = 280
PAGE_LIMIT = 1000
"""Events on the timeline page before it splits into a page per year."""
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
        value = _resolve(match, today)
        if value:
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


@dataclass(frozen=True, slots=True)
class Placed:
    """An event with the story it comes from, as the pages show it."""

    event: Event
    article: Article
    markdown: str = ""
    """The sentence, trimmed and escaped once, though the event shows on several pages."""
    title: str = ""
    """The story's title, escaped."""


def placed(articles: list[Article]) -> list[Placed]:
    """Every event of every story in chronological order; a less precise date comes first in its span."""
    items = []
    for article in articles:
        title = inline(article.title)
        items += [Placed(event, article, inline(trimmed(event.text)), title) for event in article.events]
    return sorted(items, key=lambda p: (p.event.date, p.article.slug, p.event.block, p.event.text))


def trimmed(text: str, limit: int = MAX_EVENT_LENGTH) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def entry(item: Placed, from_path: str) -> str:
    """One timeline entry as a Markdown list item: date, sentence, source paragraph, entities."""
    from briefing.site.render import human_date  # render imports this module

    event, article = item.event, item.article
    title = item.title or inline(article.title)
    source = f"[{title}]({links.paragraph(from_path, article, event.block)})"
    line = f"- **{human_date(event.date)}**: {item.markdown or inline(trimmed(event.text))}  \n  {source}"
    names = [f"[{inline(name)}]({links.entity(from_path, name)})" for name in event.entities]
    if names:
        line += " · " + ", ".join(names)
    return line


def timeline_section(items: list[Placed], from_path: str, heading: str = "## Timeline") -> str:
    """The Markdown of a timeline of ``items`` (already in order), grouped by year; '' when empty."""
    if not items:
        return ""
    lines = [heading, ""] if heading else []
    year = None
    level = "#" * (heading.count("#") + 1 if heading else 2)
    for item in items:
        if item.event.date[:4] != year:
            year = item.event.date[:4]
            lines += ["", f"{level} {year}", ""]
        lines.append(entry(item, from_path))
    return "\n".join(lines) + "\n"


def by_entity(items: list[Placed]) -> dict[str, list[Placed]]:
    """The events naming each entity, in the order of ``items``."""
    found: dict[str, list[Placed]] = {}
    for item in items:
        for name in item.event.entities:
            found.setdefault(name, []).append(item)
    return found


def by_topic(items: list[Placed]) -> dict[str, list[Placed]]:
    """The events of the stories of each topic, in the order of ``items``."""
    found: dict[str, list[Placed]] = {}
    for item in items:
        for topic in sorted({t.topic for t in item.article.topics}):
            found.setdefault(topic, []).append(item)
    return found


def timeline_pages(items: list[Placed]) -> list[Page]:
    """The timeline: one page, or, past :data:`PAGE_LIMIT` events, an index of years and a page per year.

    A single page of tens of thousands of events would be megabytes to load and to index.
    """
    path = "timeline.md"
    stories = len({item.article.slug for item in items})
    intro = (
        f"{len(items)} dated events from {stories} {'story' if stories == 1 else 'stories'}, oldest first. "
        "Each keeps the precision its story gives (day, month or year); within a year or month, "
        "events dated only by the year or month come first. Sentences whose date cannot be worked out are left out."
    )
    head = front_matter({"title": "Timeline"}) + "# Timeline\n\n" + intro + "\n\n"
    if len(items) <= PAGE_LIMIT:
        return [Page(path, head + timeline_section(items, path, heading=""))]
    years: dict[str, list[Placed]] = {}
    for item in items:
        years.setdefault(item.event.date[:4], []).append(item)
    pages = []
    lines = ["## Years", ""]
    for year, events in years.items():  # already in date order
        year_path = f"timeline/{year}.md"
        lines.append(f"- [{year}]({links.page(path, year_path)}): {len(events)} {'event' if len(events) == 1 else 'events'}")
        body = timeline_section(events, year_path, heading="")
        pages.append(Page(year_path, front_matter({"title": f"Timeline: {year}"}) + f"# Timeline: {year}\n\n" + body))
    return [Page(path, head + "\n".join(lines) + "\n"), *pages]
