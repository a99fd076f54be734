"""The metadata of a saved page, chosen among the candidates the page offers by weighing them.

No single place is right on every page: the ``<title>`` carries the site's
name, ``og:title`` is sometimes a social-media teaser, the JSON-LD headline
sometimes one the page never prints, and a page may have several ``<h1>``.
So each candidate headline gets the support of every place that gives it
(a ``<title>`` of ``Headline | Site`` supports ``Headline``), and the best
supported wins. The weights of the places were measured on the cleaning
benchmarks, two-fold by publisher (see bench/eval_html_meta.py).

The other fields take the page's own metadata before any guess: the publisher
from ``og:site_name`` or the JSON-LD publisher, the address from ``og:url`` or
the canonical link, the date from JSON-LD ``datePublished``,
``article:published_time`` or a ``<time>``; the dek only when the description
is this article's (it shares words with the headline or the text, and is not
the site's slogan).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import lines as ln
from briefing.cleaning.page import PageMeta
from briefing.language.dates import MONTHS_ANY_LANGUAGE

TITLE_WEIGHTS = {"jsonld": 3.0, "h1": 2.5, "og": 2.0, "twitter": 1.0, "title": 1.5, "text": 1.0}
"""How much each place's headline counts; a later ``<h1>`` counts half."""
MIN_TITLE_WORDS = 2
MAX_TITLE_CHARS = 300

SEPARATOR = r"[|–—·•»:/\\\-_~ㅣ]"
SITE_JOINT = re.compile(rf"(?:\s*{SEPARATOR}+\s*|\s+)$")
SECTION = re.compile(r"^(?P<head>.+?)\s+(?P<sep>[|–—·•»])\s+(?P<tail>[^|–—·•»]+)$")


@dataclass(frozen=True, slots=True)
class PageChoice:
    """What the page's metadata says, once weighed; '' where it says nothing usable."""

    title: str = ""
    subtitle: str = ""
    publisher: str = ""
    url: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()


# -- the site's own names ---------------------------------------------------------


def site_names(page: PageMeta, guess: str = "") -> list[str]:
    """Names the site goes by, the page's own first: ``og:site_name``, JSON-LD publisher, application name, host."""
    titles = {ln.key(text) for _, text in page.titles}
    names = [name for _, name in page.site_names if _plausible_name(name) and ln.key(name) not in titles]
    if guess and _plausible_name(guess):
        names.append(guess)
    for _, url in page.urls[:2]:
        host = urlsplit(url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            names += [host] + [label for label in host.split(".")[:1] if len(label) >= 3]
    return list(dict.fromkeys(n for n in names if n))


MAX_NAME_WORDS = 8


def _plausible_name(name: str) -> bool:
    """A site's name, not an address or a sentence (some pages put their headline in ``application-name``)."""
    return not _is_address(name) and len(name.split()) <= MAX_NAME_WORDS


def _is_address(text: str) -> bool:
    return re.match(r"(?i)https?://", text) is not None


def without_site(text: str, names: list[str]) -> str:
    """``Headline | Site`` (or ``Site - Headline``) -> ``Headline``, for any of the site's ``names``.

    A section label left between headline and site (``Headline | Politics | Site``)
    goes too, when it is short and set off by the same separator.
    """
    original = text
    for name in sorted(names, key=len, reverse=True):
        folded, name_folded = text.casefold(), name.casefold()
        if len(text) > len(name) + 8 and folded.endswith(name_folded):
            head = text[: len(text) - len(name)]
            if joint := SITE_JOINT.search(head):
                if joint.group(0).strip():
                    text = head[: joint.start()].rstrip()
                    if (section := SECTION.match(text)) and f" {section['sep']} " in original[len(text) :] and len(section["tail"].split()) <= 3:
                        text = section["head"]
        elif len(text) > len(name) + 8 and folded.startswith(name_folded):
            tail = text[len(name) :]
            joint = re.match(rf"\s*{SEPARATOR}+\s*", tail)
            if joint and joint.group(0).strip():
                text = tail[joint.end() :].lstrip()
    return text


def _same_name(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"\W+", "", s.casefold())  # noqa: E731
    return bool(fold(a)) and fold(a) == fold(b)


# -- headline ----------------------------------------------------------------------


STRUCTURE = re.compile(r"\s+[|–—·•»~-]\s+|\s*(?:--|_|ㅣ)\s*")
"""Where a page title joins headline and site name: " | ", " - ", "--", "_" (no ":", which headlines use)."""
MAX_TAIL_WORDS = 6
LEAD_WORDS = 300
"""The headline's words are looked for in this many first words of the article."""
OFF_TOPIC = 0.3
"""Weight kept by a candidate that shares no word with the article's text (a section label, a site's logo)."""


def choose_title(page: PageMeta, names: list[str], found: str = "", body: str = "", weights: dict[str, float] | None = None) -> str:
    """The best supported headline among the page's candidates and ``found`` (what the text cleaner chose).

    ``body`` is the article's text: a candidate that shares no word with it
    (a section label in an ``<h1>``, the site's logo) counts less.
    """
    weights = weights or TITLE_WEIGHTS
    candidates: list[tuple[str, float]] = []
    h1_seen = 0
    for origin, text in page.titles:
        weight = weights.get(origin, 0.0)
        if origin == "h1":
            weight *= 1.0 if h1_seen == 0 else 0.5
            h1_seen += 1
        candidates.append((text, weight))
    if found and ln.key(found) not in {ln.key(text) for origin, text in page.titles if origin == "h1"}:
        candidates.append((found, weights.get("text", 0.0)))  # the heading the text opens with is often that <h1> again
    texts = [text for text, _ in candidates]
    names = names + _tails(texts)
    body_words = _words(" ".join(body.split()[:LEAD_WORDS]))
    support: dict[str, float] = {}
    shown: dict[str, str] = {}
    for text, weight in candidates:
        text = without_site(_head_of(text, texts), names)
        key = ln.key(text)
        if not key or len(text) > MAX_TITLE_CHARS or any(_same_name(text, name) for name in names):
            continue
        if body_words:
            weight *= OFF_TOPIC + (1 - OFF_TOPIC) * _share(text, body_words)
        if len(key.split()) < MIN_TITLE_WORDS and not _unspaced(text):
            weight *= OFF_TOPIC
        support[key] = support.get(key, 0.0) + weight
        shown.setdefault(key, text)
    if not support:
        return ""
    order = list(support)
    return shown[max(order, key=lambda k: (support[k], -order.index(k)))]


def _splits(text: str) -> list[tuple[str, str]]:
    """``(head, tail)`` at every title separator of ``text``, as written."""
    return [(text[: m.start()].strip(), text[m.end() :].strip()) for m in STRUCTURE.finditer(text)]


def _tails(texts: list[str]) -> list[str]:
    """Site names a page title shows by structure: ``A | Site`` where another candidate is ``A`` alone."""
    keys = {ln.key(t) for t in texts}
    tails = []
    for text in texts:
        for head, tail in _splits(text):
            if (ln.key(head) in keys) == (ln.key(tail) in keys):
                continue  # neither, or both candidates: which one names the site is not clear
            if ln.key(head) in keys and len(tail.split()) <= MAX_TAIL_WORDS:
                tails.append(tail)
            if ln.key(tail) in keys and len(head.split()) <= MAX_TAIL_WORDS:
                tails.append(head)
    return [tail for tail in tails if ln.key(tail)]


def _head_of(text: str, texts: list[str]) -> str:
    """``text`` cut down to another candidate it starts or ends with, set off by a title separator."""
    keys = {ln.key(t) for t in texts} - {ln.key(text)}
    for head, tail in reversed(_splits(text)):
        if ln.key(head) in keys:
            return head
        if ln.key(tail) in keys:
            return tail
    return text


def _share(text: str, body_words: set[str]) -> float:
    """Share of the words of ``text`` (of four letters or more) that the article's lead uses."""
    words = {w for w in _words(text) if len(w) >= 4} or _words(text)
    return len(words & body_words) / len(words) if words else 0.0


def _words(text: str) -> set[str]:
    """Words of ``text`` for overlap; pairs of characters in scripts written without spaces."""
    words = set(ln.key(text).split())
    if _unspaced(text):
        words |= {w[i : i + 2] for w in words for i in range(len(w) - 1)}
    return {w for w in words if len(w) >= 2}


def _unspaced(text: str) -> bool:
    """Written without spaces between words (Chinese, Japanese): one "word" may be a whole headline."""
    return sum(1 for c in text if ord(c) >= 0x2E80) >= 4


# -- the other fields -----------------------------------------------------------------


def choose_publisher(page: PageMeta, guess: str = "") -> str:
    """The site's own name for itself: ``og:site_name``, else the JSON-LD publisher, else ``application-name``, else ``guess``.

    The page's metadata is taken as written, in its own script: a name found
    elsewhere (a masthead in the text, another language's spelling) never
    replaces it. Only the same name better spelt (``nationalpost`` ->
    ``National Post``, letters alike) is preferred.
    """
    titles = {ln.key(text) for _, text in page.titles}
    names = [name for origin, name in page.site_names if _plausible_name(name) and ln.key(name) not in titles]
    if not names:
        return guess if guess and _plausible_name(guess) else ""
    first = names[0]
    better = [name for name in names[1:] if _same_name(name, first) and _spelt_out(name) > _spelt_out(first)]
    return better[0] if better else first


def _spelt_out(name: str) -> int:
    """How much a spelling shows of a name: spaces between words, capitals."""
    return name.count(" ") * 2 + sum(1 for c in name if c.isupper())


def choose_url(page: PageMeta) -> str:
    """The article's address as the page gives it: ``og:url``, the canonical link, the JSON-LD url."""
    return next((url for _, url in page.urls), "")


EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")


def choose_date(page: PageMeta, guess: str = "") -> str:
    """The date of first publication: JSON-LD ``datePublished``, a published-time ``<meta>``, then ``guess``, then a ``<time>``.

    ``guess`` is what a date finder read from the whole page; a ``<time>``
    element comes last because pages date their teasers and comments with
    them too.
    """
    for origin in ("jsonld", "meta"):
        for found, value in page.published:
            if found == origin and (iso := _iso_date(value)):
                return iso
    if iso := _iso_date(guess):
        return iso
    return next((iso for origin, value in page.published if origin == "time" and (iso := _iso_date(value))), "")


def _iso_date(value: str) -> str:
    value = value.strip()
    if EPOCH.match(value):  # seconds or milliseconds since 1970
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        return ln.find_date(dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat())
    return ln.find_date(value[:10]) or ln.find_date(value)


AUTHOR_PREFIX = re.compile(r"(?i)^(?:(?:written\s+)?by|von|par|por|door|di|av|af|od|authors?|autor(?:in|en)?|auteur)\s*:?\s+")
AUTHOR_NOISE = re.compile(r"\s*\((?:https?://|www\.|@)[^)]*\)|\s+https?://\S+|\s*\([^()\s]{1,6}\)$")
AUTHOR_JOIN = re.compile(r"\s*(?:;|,|\s&\s|\s(?:and|und|og|och|et|y|e|en|i|a)\s)\s*")
NOT_A_NAME = re.compile(r"@|^\(|^[a-z0-9]+(?:-[a-z0-9]+)+$|\d{3,}")
"""An e-mail address, a credit in brackets, a web-address slug (``jane-roe``), a number: no author's name."""
WEEKDAYS_AND_MONTHS = frozenset(MONTHS_ANY_LANGUAGE) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
}


def choose_authors(page: PageMeta, publisher: str, guess: tuple[str, ...] = ()) -> tuple[tuple[str, ...], bool]:
    """The authors the page names, and whether they are people (not only the site itself).

    JSON-LD authors first, then author ``<meta>`` tags, then ``guess`` (what
    an extractor read in the page's byline, held to look like names). Authors
    that are only the site's own name come with ``False``, so that a byline in
    the text may still be preferred.
    """
    for origin in ("jsonld", "meta"):
        names = _clean_names(value for found, value in page.authors if found == origin)
        if names:
            return names, not all(_same_name(n, publisher) or _is_site(n, page) for n in names)
    names = tuple(n for n in _clean_names(guess) if _looks_like_a_name(n))
    return names, bool(names) and not all(_same_name(n, publisher) or _is_site(n, page) for n in names)


def _is_site(name: str, page: PageMeta) -> bool:
    return any(_same_name(name, site) for _, site in page.site_names)


def _clean_names(values) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        value = AUTHOR_NOISE.sub("", AUTHOR_PREFIX.sub("", value.strip())).strip(" ,;|")
        parts = [p.strip(" ,;|") for p in AUTHOR_JOIN.split(value)]
        # A line of names splits only where the parts are names of two words or more ("A B and C D, dpa").
        if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts[:-1]) and parts[-1]:
            out += parts
        elif value:
            out.append(value)
    names = (_without_date_or_role(AUTHOR_NOISE.sub("", n).strip()) for n in out)
    return tuple(dict.fromkeys(n for n in names if n and len(n) <= 100 and not NOT_A_NAME.search(n)))[:20]


def _without_date_or_role(name: str) -> str:
    """``Jane Roe March`` -> ``Jane Roe``; ``Jane Roe Political Editor`` -> ``Jane Roe``; ``Jane Roe před`` -> ``Jane Roe``.

    What a byline glued to the name: a month or weekday, a job title (only when a
    name of two words stays), words in lower case after a name in capitals.
    """
    words = name.split()
    while len(words) > 2 and (
        words[-1].casefold().strip(".,") in WEEKDAYS_AND_MONTHS or words[-1].islower() and all(w[:1].isupper() for w in words[:-1])
    ):
        words.pop()
    if words and words[-1].casefold() in ln.ROLE_NOUNS:
        cut = len(words) - 1
        while cut > 0 and words[cut - 1].casefold() in ln.ROLE_WORDS:
            cut -= 1
        if cut >= 2:
            words = words[:cut]
    return " ".join(words)


def _looks_like_a_name(name: str) -> bool:
    """An extractor's guess kept only when it reads as a name: two words or more, or a script without capitals."""
    words = name.split()
    if not any(c.isalpha() for c in name):
        return False
    if any(c.isalpha() and not c.isascii() and c.upper() == c.lower() for c in name):
        return True  # Chinese, Japanese, Korean, Arabic ... names have no capitals to check
    return 2 <= len(words) <= 6 and all(w[:1].isupper() or w.lower() in ("de", "da", "van", "von", "der", "le", "la", "di", "bin", "al") for w in words)


SLOGAN_SHARE = 0.2
"""A description sharing fewer of its words with the headline and the article's lead is no dek (a site's slogan)."""
SHORT_DEK_SHARE = 0.5
"""A short line without a full stop must share this much: "News Without Fear or Favour" is a motto."""
SHORT_WORDS = 6
MAX_DEK_WORDS = 80
MIN_DEK_WORDS = 5
DEK_BLOCKS = 2
"""A dek printed as the first paragraphs of the text is taken from the first this many blocks."""
TAG = re.compile(r"<[^>]{0,500}>")


def choose_subtitle(page: PageMeta, title: str, paragraphs: list[str], names: list[str]) -> tuple[str, int]:
    """The dek, and the index of the paragraph that printed it (-1 when none did).

    A description the page gives is this article's dek when it is about the
    article (it shares words with the headline and the lead), is not the site's
    motto (naming the site, or a short line sharing little), and is not the
    headline again. When the text prints it as its first paragraph, that
    paragraph is the dek and leaves the body; when the text merely opens with
    the same words (a description cut from the lead), there is no dek.
    """
    lead_text = " ".join(" ".join(paragraphs).split()[:LEAD_WORDS])
    lead = _words(title + " " + lead_text)
    site_keys = [ln.key(name) for name in names if len(ln.key(name).replace(" ", "")) >= 5]
    first_keys = [ln.key(p) for p in paragraphs[:DEK_BLOCKS]]
    opening = ln.key(lead_text)
    for _, raw in page.descriptions:
        text = " ".join(TAG.sub(" ", raw).split())
        key = ln.key(text.rstrip(".… "))
        words = len(text.split())
        if not key or key == ln.key(title) or words > MAX_DEK_WORDS:
            continue
        if any(site in key for site in site_keys):
            continue  # "Yahoo News: the latest headlines": the site's own line
        share = _share(text, lead)
        if share < SLOGAN_SHARE or (words <= SHORT_WORDS and not text.endswith((".", "!", "?", "…")) and share < SHORT_DEK_SHARE):
            continue
        if key in first_keys:
            if words < MIN_DEK_WORDS:
                continue  # a name or a label the page also gave as its description
            index = first_keys.index(key)
            return paragraphs[index], index
        if opening.startswith(key) or key in ln.key(" ".join(paragraphs)):
            return "", -1  # the text's own words, cut short: no dek of its own
        return text, -1
    return "", -1


def choose_printed_dek(printed: list[str], body_keys: set[str], title_keys: set[str]) -> str:
    """The dek the page prints between headline and text, or ''.

    ``printed`` is what comes after the headline, in order. The dek is the
    first line there that reads as one or two sentences, is no other form of
    the headline (``title_keys``) and stands before the byline or date line; a
    line the text itself opens with only counts when a byline or date line
    follows it (else it is the lead, not a dek).
    """
    for index, text in enumerate(printed):
        if _byline_or_date(text):
            return ""
        words = len(text.split())
        if words < MIN_DEK_WORDS or words > MAX_DEK_WORDS or not _dek_like(text) or ln.key(text) in title_keys:
            continue
        if ln.key(text) not in body_keys or any(_byline_or_date(later) for later in printed[index + 1 :]):
            return text
        return ""
    return ""


AGREEMENT = 0.3
"""Share of a printed dek's words a description (or, without one, the headline and lead) must use."""


def prefer_printed(printed: str, page: PageMeta, title: str, paragraphs: list[str]) -> bool:
    """Is the dek the page prints to be taken (over the description, or with none)?

    When a description says the same thing in other words, the printed line
    is the dek as the reader sees it. Without one, the printed line must be a
    full sentence about the article (a share bar or a teaser is not).
    """
    if not printed:
        return False
    if any(_share(printed, _words(text)) >= AGREEMENT for _, text in page.descriptions):
        return True
    lead = _words(title + " " + " ".join(" ".join(paragraphs).split()[:LEAD_WORDS]))
    return printed.endswith((".", "!", "?", "…", "\"", "”", "»")) and _share(printed, lead) >= AGREEMENT


def _byline_or_date(text: str) -> bool:
    return len(text.split()) <= 20 and bool(ln.byline_names(text) or ln.find_date(text) or ln.TIMESTAMP.match(text))


def _dek_like(text: str) -> bool:
    """One or more sentences, not a caption, a credit or page furniture."""
    if ln.is_caption(text) or ln.is_credit(text) or bp.furniture_reason(text) or bp.strong_reason(text):
        return False
    return text.endswith((".", "!", "?", "…", "\"", "”", "»")) or len(text.split()) >= 8


def choose_dek(page: PageMeta, printed: list[str], title: str, paragraphs: list[str], names: list[str]) -> tuple[str, int]:
    """The subtitle, and the index of the paragraph of the text that printed it (-1 when none did).

    The page's description when it is this article's dek (:func:`choose_subtitle`);
    the line printed under the headline instead when it says the same in the
    words the reader sees, or when no description is a dek
    (:func:`choose_printed_dek`, :func:`prefer_printed`).
    """
    subtitle, index = choose_subtitle(page, title, paragraphs, names)
    keys = [ln.key(p) for p in paragraphs]
    titles = {ln.key(text) for _, text in page.titles} | {ln.key(title)}
    shown = choose_printed_dek(printed, set(keys), titles)
    if shown and prefer_printed(shown, page, title, paragraphs) and (not subtitle or _share(shown, _words(subtitle)) >= AGREEMENT):
        key = ln.key(shown)
        return shown, keys.index(key) if key in keys[:DEK_BLOCKS] else -1
    return subtitle, index
