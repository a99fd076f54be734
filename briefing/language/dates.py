"""Names of months and weekdays, for the dates the cleaner, the timeline and discovery read."""

from __future__ import annotations

MONTHS = tuple("January February March April May June July August September October November December".split())
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
"""Short forms of the months, as English writes them (with or without a full stop)."""
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, 1)} | MONTH_ABBREVIATIONS
"""Every English month name and short form -> its number."""
WEEKDAYS = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

# The months in German (and Austrian), French, Spanish, Italian, Portuguese, Dutch and the Nordic languages, for the dates of pages in those languages.
_OTHER_LANGUAGES = (
    ("januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner"),
    ("februar", "février", "febrero", "febbraio", "fevereiro", "februari"),
    ("märz", "mars", "marzo", "março", "maart", "marts"),
    ("avril", "abril", "aprile"),
    ("mai", "mayo", "maggio", "maio", "mei", "maj"),
    ("juni", "juin", "junio", "giugno", "junho"),
    ("juli", "juillet", "julio", "luglio", "julho"),
    ("août", "agosto", "augustus", "augusti"),
    ("septembre", "septiembre", "settembre", "setembro"),
    ("oktober", "octobre", "octubre", "ottobre", "outubro"),
    ("novembre", "noviembre", "novembro"),
    ("dezember", "décembre", "diciembre", "dicembre", "dezembro", "desember"),
)
MONTHS_ANY_LANGUAGE = {
    name: number
    for number, (month, others) in enumerate(zip(MONTHS, _OTHER_LANGUAGES), start=1)
    for name in (month.lower(), *(short.lower() for short, n in MONTH_ABBREVIATIONS.items() if n == number), *others)
}
"""Month names and English short forms in lower case, in English and the languages above -> the month's number."""
