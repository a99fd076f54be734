"""Who said what: quoted statements and the speaker the text gives for each.

``quotes(article)`` finds statements in quotation marks ("..." and “...”)
and the attribution next to them: after the quote (``," Strayer said``,
``," said FBI Director Christopher Wray``) or before it in the same sentence
(``Krebs said, "...``). The speaker is resolved from the article's own words:

- a surname alone is the person named in full earlier ("Strayer" -> Robert Strayer);
- titles are taken off ("FBI Director Christopher Wray" -> Christopher Wray);
- "the legislators wrote" is the group of people last named together
  ("Sen. Tom Cotton (R-AR) and Rep. Mike Gallagher (R-WI)");
- "he"/"she" is the one person the nearby text names, and "they" the group
  just quoted; when the nearby text names more than one, the quote stays unattributed;
- a speaker the text only describes ("an unnamed U.S. official", "the letter")
  is not a name: the quote is unattributed and keeps the description, a noun
  phrase only ("according to the report is" keeps "the report").

A quote without attribution takes the speaker of the other quotes of its
paragraph only when that paragraph quotes exactly one speaker. A paragraph that
is nothing but a quote goes on from the paragraph just before when that one
ends with a quote its cue names the speaker of, names nobody else after it,
and does not itself answer someone else's quote (reporters run a speaker's
words on that way; in a conversation the next quote is the other side's).
Nothing is guessed beyond that. Names map to the article's entities where one matches.
The pages that show quotes are :mod:`briefing.site.quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from briefing.language.names import (
    NAME_RUN,
    TITLE_WORDS,
    TRAILING_RUN,
    name_runs,
    person_name,
)
from briefing.language.sentences import sentence_spans
from briefing.language.speech import QUOTE_VERB
from briefing.model import Article, Quote

QUOTE_KINDS = ("paragraph", "bullet", "numbered", "quote")
MIN_WORDS = 6
"""A quoted span shorter than this is a phrase, not a statement, unless a speech verb attributes it."""
MIN_WORDS_ATTRIBUTED = 4
MAX_QUOTE_LENGTH = 400
MAX_QUOTES_PER_STORY = 100
"""Quotes one story adds, in reading order: a transcript or a hostile source must not flood the quotes page."""
WINDOW = 2
"""How many blocks back "he", "she" and "they" may look for the person they stand for."""
GROUP_WINDOW = 12
"""How many blocks back "the legislators" may look for the people named together."""
MAX_DESCRIPTION_WORDS = 6
RECENT = 20
"""How many earlier attributed quotes "he" and "they" may stand for (the nearest ones)."""
REACH = 400
"""How many characters around a quote its attribution may be (keeps a paragraph of many quotes linear)."""

_VERB = re.compile(rf"(?<![\w-]){QUOTE_VERB}(?![\w-])")
_VERB_NEXT = re.compile(rf"\s+{QUOTE_VERB}(?![\w-])")
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_PREPOSITIONS = {"of", "for", "at", "from", "in", "on", "to", "with", "by", "near", "about", "across", "outside", "inside", "and", "or"}
_SINGULAR = {"he", "she"}
_PLURAL = {"they"}
_DETERMINERS = {"a", "an", "the", "one", "another", "some", "this", "that", "these", "those", "it", "its", "their", "his", "her"}
_GROUP_NOUNS = {"legislators", "lawmakers", "senators", "representatives", "congressmen", "congresswomen", "members", "two", "pair", "authors", "ministers", "leaders"}
_GROUP = re.compile(
    r"((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’\-]*)(?:\s*\([^()]{0,40}\))?"
    r"(?:,\s*((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’\-]*)(?:\s*\([^()]{0,40}\))?)*"
    r",?\s+and\s+((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’\-]*)(?:\s*\([^()]{0,40}\))?"
)


@dataclass(frozen=True, slots=True)
class _Found:
    """A quote while its paragraph is being read: where it is, and what the cue next to it said."""

    start: int
    text: str
    cue: bool
    speakers: tuple[str, ...]
    said_by: str
    by_pronoun: bool = False
    """The cue is "he said", "they wrote": the speaker is inferred, not named."""


class _People:
    """The people an article names, for resolving surnames, pronouns and groups."""

    def __init__(self, article: Article):
        self.article = article
        self.in_block: dict[int, list[tuple[int, str, bool]]] = {}
        self.by_surname: dict[str, list[tuple[int, int, str]]] = {}
        self._groups: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
        self._entities: dict[str, str] = {}
        self.person_entities = {n for m in article.mentions if m.kind == "person" for n in (m.entity, m.surface)}
        self.evident: set[str] = set()
        for index, block in enumerate(article.body):
            for position, name, titled in name_runs(block.text):
                after = block.text[position + len(name) : position + len(name) + 30]
                evident = titled or bool(_VERB_NEXT.match(after)) or name in self.person_entities
                if evident:
                    self.evident.add(name)
                if len(name.split()) >= 2:
                    self.in_block.setdefault(index, []).append((position, name, evident))
                    self.by_surname.setdefault(name.split()[-1], []).append((index, position, name))

    def resolve(self, name: str, block: int) -> str:
        """A name as the text gives it -> the full name (surnames resolved), mapped to an entity if one matches."""
        if len(name.split()) == 1:
            name = self._surname(name, block)
        return self.entity(name)

    def _surname(self, word: str, block: int) -> str:
        for mention in self.article.mentions:
            if mention.kind == "person" and mention.entity.split()[-1] == word:
                return mention.entity
        candidates = self.by_surname.get(word, [])
        earlier = [c for c in candidates if c[0] <= block]
        if earlier:
            return max(earlier)[2]
        return min(candidates)[2] if candidates else word

    def entity(self, name: str) -> str:
        """``name`` as one of the article's entities, when one matches; computed once per name."""
        if name not in self._entities:
            self._entities[name] = self._entity(name)
        return self._entities[name]

    def _entity(self, name: str) -> str:
        for mention in self.article.mentions:
            if name in (mention.entity, mention.surface):
                return mention.entity
        for mention in self.article.mentions:
            parts, known = name.split(), mention.entity.split()
            if mention.kind == "person" and len(parts) > 1 and parts[0] == known[0] and parts[-1] == known[-1]:
                return mention.entity
        return name

    def is_person(self, name: str) -> bool:
        """Whether the article gives evidence that ``name`` (already resolved) is a person."""
        return name in self.person_entities or name in self.evident

    def near(self, block: int, limit: int) -> list[str]:
        """Distinct people named with evidence in the blocks just before ``limit`` in ``block``."""
        names = []
        for b in range(max(0, block - WINDOW), block + 1):
            for position, name, evident in self.in_block.get(b, []):
                if evident and (b < block or position < limit):
                    resolved = self.entity(name)
                    if resolved not in names:
                        names.append(resolved)
        return names

    def last_group(self, block: int, limit: int) -> tuple[str, ...]:
        """The people last named together ("A (R-AR) and B") before ``limit`` in ``block``."""
        for index in range(block, max(-1, block - GROUP_WINDOW), -1):
            groups = [group for end, group in self.groups(index) if index < block or end <= limit]
            if groups:
                return groups[-1]
        return ()

    def groups(self, index: int) -> list[tuple[int, tuple[str, ...]]]:
        """``(end, names)`` of each group of people named together in block ``index``, computed once."""
        if index not in self._groups:
            found = []
            for match in _GROUP.finditer(self.article.body[index].text):
                parts = re.split(r"\s*\([^()]*\)\s*|,\s*|\s+and\s+", match.group())
                names: list[str] = []
                for part in reversed([p for p in parts if p.strip()]):
                    # From the end: "to Secretary Blinken, Sen. A and Rep. B" stops before Blinken if he is not one of them.
                    if not (member := self._member(part, index)):
                        break
                    names.insert(0, member)
                if len(names) >= 2:
                    found.append((match.end(), tuple(names)))
            self._groups[index] = found
        return self._groups[index]

    def _member(self, words: str, block: int) -> str:
        name, titled = person_name(words.strip())
        if not name:
            return ""
        resolved = self.resolve(name, block)
        return resolved if titled or self.is_person(resolved) else ""


def quotes(article: Article) -> tuple[Quote, ...]:
    """The quoted statements of ``article`` with their speakers, in reading order."""
    if not any('"' in block.text or "“" in block.text for block in article.body):
        return ()
    people = _People(article)
    found: list[Quote] = []
    previous: list[tuple[int, tuple[str, ...]]] = []  # (block, speakers) of attributed quotes so far
    carried: dict[int, tuple[str, ...]] = {}  # block -> the speakers a next paragraph of quote only would go on with
    said_in: dict[int, set[tuple[str, ...]]] = {}  # block -> the speakers of its quotes, () for unattributed ones
    for index, block in enumerate(article.body):
        if block.kind not in QUOTE_KINDS or ('"' not in block.text and "“" not in block.text):
            continue
        matches = islice(_QUOTED.finditer(block.text), MAX_QUOTES_PER_STORY - len(found))  # no more than can be kept
        items = [_attribute(block.text, match, index, people, previous) for match in matches]
        items = [item for item in items if _is_statement(item)]
        cued = {item.speakers for item in items if item.cue}
        inherit = next(iter(cued)) if len(cued) == 1 and () not in cued else ()
        going_on = not cued and len(items) == 1 and _only_quote(block.text)
        if going_on:
            inherit = carried.get(index - 1, ())
            if said_in.get(index - 2, {inherit}) != {inherit}:
                inherit = ()  # the paragraph before answered someone else's quote: a conversation, whose turns alternate
        for item in items:
            speakers = item.speakers if item.cue else inherit
            found.append(Quote(_clean(item.text), index, speakers, "" if speakers else item.said_by))
            if len(found) == MAX_QUOTES_PER_STORY:
                return tuple(found)
            if speakers:
                previous.append((index, speakers))
        carried[index] = inherit if going_on else _carried_on(items, index, people)
        if items:
            said_in[index] = {item.speakers if item.cue else inherit for item in items}
    return tuple(found)


def _only_quote(text: str) -> bool:
    """Whether the paragraph is one quotation and nothing else (closing punctuation aside)."""
    return _QUOTED.fullmatch(text.strip().rstrip(".,;:!?…")) is not None


def _carried_on(items: list[_Found], block: int, people: _People) -> tuple[str, ...]:
    """The speakers a following paragraph of quote only goes on with: those of this paragraph's last quote,
    when its cue names them (not "he said": a guess is not carried further) and nobody else is named after it."""
    if not items or not items[-1].cue or items[-1].by_pronoun or not items[-1].speakers:
        return ()
    last = items[-1]
    speakers = last.speakers
    end = last.start + len(last.text) + 2  # after the closing quotation mark
    later = {people.entity(name) for position, name, evident in people.in_block.get(block, []) if evident and position >= end}
    return speakers if later <= set(speakers) else ()


def _is_statement(item: _Found) -> bool:
    words = item.text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= 2 and len(words) >= (MIN_WORDS_ATTRIBUTED if item.cue else MIN_WORDS)


def _clean(text: str) -> str:
    text = " ".join(text.split()).rstrip(",;:— -–")
    if len(text) > MAX_QUOTE_LENGTH:
        text = text[:MAX_QUOTE_LENGTH].rsplit(" ", 1)[0] + " …"
    return text


def _attribute(text: str, match: re.Match, block: int, people: _People, previous) -> _Found:
    inner = match.group(1) or match.group(2)
    cue = _after(text, match) or _before(text, match)  # (words, verb first, after the quote)
    if cue is None:
        return _Found(match.start(), inner, False, (), "")
    words, verb_first, after_quote = cue
    speakers, said_by = _speakers(words, verb_first, after_quote, block, match.start(), people, previous)
    return _Found(match.start(), inner, True, speakers, said_by, words.strip().lower() in _SINGULAR | _PLURAL)


def _after(text: str, match: re.Match) -> tuple[str, bool, bool] | None:
    """The words naming the speaker after the quote (``," X said`` / ``," said X``), if any."""
    inner = (match.group(1) or match.group(2)).rstrip()
    rest = text[match.end() : match.end() + REACH]
    rest = re.split(r"[\"“”]", rest, maxsplit=1)[0]
    spans = sentence_spans(rest)
    clause = rest[: spans[0][1]] if spans else rest
    clause = clause.strip().lstrip(",").strip()
    if not clause or not (inner.rstrip("'’")[-1:] in ",?!—–-" or clause[:1].islower()):
        return None
    verb = _VERB.search(clause)
    if not verb or len(clause[: verb.start()].split()) > 30:
        return None
    if verb.start() == 0:
        return clause[verb.end() :].strip().rstrip("."), True, True
    return clause[: verb.start()].strip(" ,"), False, True


def _before(text: str, match: re.Match) -> tuple[str, bool, bool] | None:
    """The words naming the speaker before the quote in its sentence (``Krebs said, "...``), if any."""
    before = text[max(0, match.start() - REACH) : match.start()]
    spans = sentence_spans(before)
    sentence = before[spans[-1][0] :] if spans else before
    if re.search(r"[\"“”]", sentence):
        sentence = re.split(r"[\"“”]", sentence)[-1]
    verbs = list(_VERB.finditer(sentence))
    if not verbs or len(sentence[verbs[-1].end() :].split()) > 15:
        return None
    verb = verbs[-1]
    if re.search(r"[.!?]\s", sentence[verb.end() :] + " ") and not sentence[verb.end() :].strip().endswith(":"):
        return None  # the attribution closed an earlier sentence: "...," said X. "Next quote"
    if verb.group() == "according to":
        return sentence[verb.end() :].strip(), True, False
    subject = sentence[: verb.start()].strip(" ,")
    return (subject, False, False) if subject else None


def _speakers(
    words: str, verb_first: bool, after_quote: bool, block: int, limit: int, people: _People, previous
) -> tuple[tuple[str, ...], str]:
    """Speakers named by ``words`` (the subject of the speech verb), and the description when none is named.

    After a quote the subject leads ``words`` ("Robert Strayer, deputy assistant secretary ..., said");
    before one it ends them ("Chairing the hearing, Senator Lindsey Graham, Republican of South Carolina, said"),
    so appositions are stepped over towards the front.
    """
    if verb_first:
        return _named_after_verb(words, block, people)
    segments = [s.strip() for s in words.split(",") if s.strip()]
    candidates = segments[:1] if after_quote else list(reversed(segments))[:3]
    for segment in candidates:
        found = _subject(segment, block, limit, people, previous[-RECENT:])
        if found is not None:
            return found
        if not _is_apposition(segment):
            break
    return (), ""


def _subject(segment: str, block: int, limit: int, people: _People, previous) -> tuple[tuple[str, ...], str] | None:
    """The speakers ``segment`` names, ``((), description)`` when it only describes them, None when it is no subject."""
    lowered = segment.lower()
    if lowered in _SINGULAR:
        near = people.near(block, limit)
        near += [s[0] for b, s in previous if len(s) == 1 and b >= block - WINDOW and s[0] not in near]
        return (tuple(near), "") if len(near) == 1 else ((), "")
    if lowered in _PLURAL:
        groups = [s for b, s in previous if len(s) > 1 and b >= block - WINDOW]
        return (groups[-1], "") if groups else ((), "")
    words = lowered.split()
    if words and words[0] in _DETERMINERS:
        if set(words[1:2]) & _GROUP_NOUNS:
            group = people.last_group(block, limit)
            return (group, "") if group else ((), _described(segment))
        return (), _described(segment)
    members = [person_name(p.strip()) for p in re.split(r"\s+and\s+|\s*&\s*", segment)]
    if len(members) > 1 and all(name for name, _ in members):
        return tuple(people.resolve(name, block) for name, _ in members), ""
    name, _ = person_name(segment)
    run = TRAILING_RUN.search(segment)
    if not name and run and (segment[: run.start()].split() or [""])[-1] not in _PREPOSITIONS:
        # The words just before the verb name the speaker ("Next door neighbour Doris Zibulka told"),
        # unless a preposition or "and" makes them a place, an employer or one of a list ("Republican of South Carolina").
        name, _ = person_name(run.group())
    return ((people.resolve(name, block),), "") if name else None


def _is_apposition(segment: str) -> bool:
    """``deputy assistant secretary of state``, ``Republican of South Carolina``, ``55``: words about a person, not one."""
    first = segment.split()[0] if segment.split() else ""
    return not first[:1].isupper() or first.lower() in TITLE_WORDS or first.isdigit()


_CLAUSE_WORDS = frozenset(
    "is are was were be been being has have had do does did will would can could may might must shall should "
    "who whom whose which that where when".split()
)
"""Words that end a noun phrase: a verb of being or having, a modal, a relative word."""


def _described(words: str) -> str:
    """A description of the speaker worth showing ("an unnamed U.S. official"): the noun phrase that ``words``
    open with ("the Guardian is" -> "the Guardian"), or '' for a pronoun or a long one."""
    if not 1 < len(words.split()) <= MAX_DESCRIPTION_WORDS:
        return ""
    phrase = []
    for word in words.split():
        if word.lower().strip(",;:") in _CLAUSE_WORDS:
            break
        phrase.append(word)
        if word.endswith((",", ";", ":")):
            break
    phrase_text = " ".join(phrase).rstrip(",;:")
    return phrase_text if len(phrase_text.split()) > 1 else ""


_CLAUSE_END = re.compile(r",|\s(?:in|at|on|to|during|after|before|from|for|with|when|while|who|which|recently|last|this|earlier|later)\s")


def _named_after_verb(words: str, block: int, people: _People) -> tuple[tuple[str, ...], str]:
    """``said FBI Director Christopher Wray`` -> Christopher Wray; ``said a spokesman`` -> the description.

    The speaker is the last full name before the clause ends ("said Kyiv resident Svitlana
    Onofryichuk, 55" -> Svitlana Onofryichuk), or else the first single name ("said Strayer").
    """
    clause = _CLAUSE_END.split(words, maxsplit=1)[0].strip()
    first = clause.split()[0].lower() if clause.split() else ""
    if first in _DETERMINERS:
        for segment in words.split(",")[1:2]:
            name, _ = person_name(segment.strip())
            if name:
                return (people.resolve(name, block),), ""
        return (), _described(clause)
    names = [person_name(run.group().rstrip("."))[0] for run in NAME_RUN.finditer(clause)]
    full = [name for name in names if len(name.split()) > 1]
    single = [name for name in names if name]
    if full or single:
        return ((people.resolve((full or single)[-1 if full else 0], block),), "")
    return (), ""
