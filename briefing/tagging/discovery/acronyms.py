"""Organisations by their acronyms: defined in brackets after their name, or used as a body's name.

An acronym in brackets after a name also becomes a short form of that name
(:func:`acronym_after`): "(BUPT)" then stands for the university.
"""

from __future__ import annotations

import re

from briefing.language.names import LOW, UP
from briefing.language.speech import SAY
from briefing.model import Span
from briefing.tagging.discovery.common import (
    NON_SPACE,
    NOT_NAME_WORDS,
    ORG_HEADS,
    OTHER_HEADS,
    STOP_WORDS,
    THE_BEFORE,
    matches,
    rule,
    strip_possessive,
)  # fmt: skip

_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&\-]{1,9})\)")

# "Economic Freedom Fighters (EFF)": a name defined by the acronym after it.
_DEFINED = re.compile(
    rf"(?P<name>[{UP}][\w'’&.-]*(?:\s+(?:(?:of|for|and|on|the|&|de|du|des|la|in|to)\s+){{0,2}}[{UP}][\w'’&.-]*){{1,9}})"
    rf"\s+\((?P<acr>[{UP}][A-Za-z&]{{1,9}})\)"
)

_LOWER_CONNECTORS = {"of", "for", "and", "on", "the", "&", "de", "du", "des", "la", "in", "to"}

_STATE_WORDS = {"Republic", "Kingdom", "Emirates", "States", "Federation"}


@rule
def organisations_by_acronym(text: str) -> list[Span]:
    """A name followed by an acronym in brackets that spells its initials is an organisation's (strength 2).

    "Economic Freedom Fighters (EFF)", "Department of Defense (DoD)" (a
    connector may give a letter), "the North Atlantic Treaty
    Organisation's (Nato)"; a state's words make a place ("United Arab
    Emirates (UAE)"), a law's head word a law ("Inflation Reduction Act
    (IRA)"). Not two plain words ("John Smith (JS)": a person's initials).

    The name is the shortest tail of the capitalised run that spells the
    acronym ("Gauteng Provincial Disaster Management Centre (PDMC)" gives
    "Provincial Disaster Management Centre"); the acronym then stands for it
    in the article (:func:`acronym_after`).
    """
    found = []
    for match in _DEFINED.finditer(text):
        words = [(m.start(), m.group()) for m in NON_SPACE.finditer(match.group("name"))]
        for index in range(len(words) - 1, -1, -1):
            if words[index][1] in _LOWER_CONNECTORS or strip_possessive(words[index][1]) != words[index][1]:
                continue
            tail = [w for _, w in words[index:]]
            tail[-1] = strip_possessive(tail[-1])  # "the North Atlantic Treaty Organisation's (Nato)"
            if _spells(match.group("acr"), tail):
                found += _defined(match.start("name") + words[index][0], tail)
                break
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


@rule
def organisations_by_acronym_use(texts: list[str], allowed: list[bool]) -> list[Span]:
    """Capitals used as a body's name are an organisation's (strength 1): "the DA and the EFF challenged the matter", "NBC's TODAY".

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
    for index, text, match in matches(_ACRONYM_TOKEN, texts, allowed):
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
            THE_BEFORE.search(texts[i], max(0, m.start() - 5), m.start())
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
    """The organisation, place or law ``words`` name, defined by their acronym; [] for two plain words."""
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
