"""One Aho-Corasick automaton for every alias of the knowledge base.

Built once per build (:func:`briefing.knowledge.taxonomy.knowledge_base`), it finds
all aliases in one pass over a text, whatever their number. The automaton
runs over a case-folded copy of the text of the same length, and each hit
is then checked against the alias as written:

- whole words only: no letter or digit right before or after;
- an alias without lower-case letters ("US", "U.S.", "ZTE") must match
  exactly, so the country "US" is not the pronoun "us";
- otherwise the first letter must match as written ("Huawei cloud" is still
  Huawei Cloud, "clean network" is not the Clean Network), the rest of the
  alias in any case, so that headlines in capitals still match;
- leftmost-longest: "Huawei Cloud" is one hit, not also "Huawei".
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import ahocorasick

from briefing.model import Entity, Span, Topic

_FOLD = str.maketrans({"’": "'", "‘": "'", "\n": " ", "\t": " ", "\xa0": " ", "‐": "-", "‑": "-"})


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two (İ)
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_FOLD)


def name_key(name: str) -> str:
    """What two spellings of one name share: case, accents, apostrophes, full stops and a leading "the" go.

    "U.S. Marine Corps" and "US Marine Corps", "Sinn Féin" and "SINN FEIN", "the Kremlin" and "Kremlin".
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "'’‘.")
    words = kept.split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def is_word_char(ch: str) -> bool:
    return ch.isalnum()


@dataclass(frozen=True, slots=True)
class _Alias:
    written: str
    entity: str
    kind: str
    weak: bool
    exact: bool


class Matcher:
    """The compiled aliases of the knowledge base, and its topic cues."""

    def __init__(self, entities: tuple[Entity, ...], topics: tuple[Topic, ...] = ()):
        self.entities = {e.name: e for e in entities}
        self.short_forms: dict[str, tuple[str, ...]] = {}
        """Single-word aliases of people (and surnames): resolved per article, never alone."""
        self.surnames: dict[str, tuple[str, ...]] = {}
        """Last word of each known person's name -> the people with that surname."""
        self.spellings: dict[str, Entity] = {}
        """:func:`name_key` of each name and alias of several words -> its entity, when only one entity has it: a discovered
        name spelt another way ("US Marine Corps" for a known "U.S. Marine Corps") is that entity."""
        claimed: dict[str, set[str]] = {}
        self._aliases = ahocorasick.Automaton()
        self._cues = ahocorasick.Automaton()
        candidates: dict[str, list[_Alias]] = {}
        for entity in sorted(entities, key=lambda e: e.name):
            for alias, weak in [(entity.name, False), *((a, False) for a in entity.aliases), *((d, True) for d in entity.demonyms)]:
                if entity.type == "person" and len(alias.split()) == 1 and alias != entity.name:
                    self.short_forms.setdefault(alias, ())
                    self.short_forms[alias] += (entity.name,)
                    continue
                exact = not any(c.islower() for c in alias)
                candidates.setdefault(fold(alias), []).append(_Alias(alias, entity.name, entity.type, weak, exact))
            for alias in (entity.name, *entity.aliases):
                if len(alias.split()) > 1 or alias.isupper():
                    claimed.setdefault(name_key(alias), set()).add(entity.name)
            if entity.type == "person" and len(entity.name.split()) > 1:
                surname = entity.name.split()[-1]
                self.surnames[surname] = self.surnames.get(surname, ()) + (entity.name,)
        self.spellings = {key: self.entities[next(iter(names))] for key, names in sorted(claimed.items()) if len(names) == 1}
        for key, options in candidates.items():
            # Exact aliases are tried first: "US" (exact) before "Us" (any case).
            self._aliases.add_word(key, tuple(sorted(options, key=lambda a: (not a.exact, a.entity))))
        if candidates:
            self._aliases.make_automaton()
        self.topics = topics
        for index, topic in enumerate(topics):
            for cue, weight in topic.cues:
                key = fold(cue)
                existing = self._cues.get(key)[1] if self._cues.exists(key) else ()
                self._cues.add_word(key, (key, existing + ((index, weight),)))
        if any(t.cues for t in topics):
            self._cues.make_automaton()

    def find(self, text: str) -> list[Span]:
        """Every alias in ``text``, leftmost-longest, not overlapping, in order."""
        if self._aliases.kind != ahocorasick.AHOCORASICK:
            return []
        hits = []
        for end, options in self._aliases.iter(fold(text)):
            start = end + 1 - len(options[0].written)
            if not _whole_word(text, start, end + 1):
                continue
            surface = text[start : end + 1]
            for option in options:
                if _case_fits(option, surface):
                    hits.append(Span(start, end + 1, option.entity, option.kind, weak=option.weak, rule="kb"))
                    break
        return leftmost_longest(hits)

    def cue_scores(self, text: str, cap: int = 3) -> dict[int, float]:
        """Topic index -> sum of cue weights found in ``text``, each cue counted at most ``cap`` times."""
        if self._cues.kind != ahocorasick.AHOCORASICK:
            return {}
        counts: dict[tuple[str, int, float], int] = {}
        for end, (key, options) in self._cues.iter(fold(text)):
            if not _whole_word(text, end + 1 - len(key), end + 1):
                continue
            for index, weight in options:
                counts[(key, index, weight)] = counts.get((key, index, weight), 0) + 1
        scores: dict[int, float] = {}
        for (_, index, weight), count in sorted(counts.items()):
            scores[index] = scores.get(index, 0.0) + weight * min(count, cap)
        return scores


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not is_word_char(before) and not is_word_char(after)


def _case_fits(alias: _Alias, surface: str) -> bool:
    if alias.exact:
        return surface == alias.written
    return surface[0] == alias.written[0] or not alias.written[0].isalpha()


def leftmost_longest(hits: list) -> list:
    """Keep the leftmost hit, the longest at a place; drop the hits overlapping it."""
    kept = []
    end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= end:
            kept.append(hit)
            end = hit.end
    return kept


class SpanIndex:
    """Spans claimed in one text, sorted by start, asked which overlap a range in logarithmic time.

    A text of thousands of names (a hostile source is one paragraph of
    them) would make "does anything here overlap?" quadratic if every
    question scanned every span. Entries are ``(start, end, item)``; items
    are compared by identity.
    """

    __slots__ = ("_starts", "_entries", "_longest")

    def __init__(self, entries=()) -> None:
        ordered = sorted(entries, key=lambda entry: entry[0])
        self._starts = [entry[0] for entry in ordered]
        self._entries = ordered
        self._longest = max((end - start for start, end, _ in ordered), default=0)

    def overlapping(self, start: int, end: int) -> list:
        """The items whose span overlaps ``[start, end)``, by start."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [item for first, last, item in self._entries[low:high] if last > start and first < end]

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def add(self, start: int, end: int, item) -> None:
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._entries.insert(at, (start, end, item))
        self._longest = max(self._longest, end - start)

    def remove(self, start: int, item) -> None:
        """Drop ``item``, added at ``start``."""
        for at in range(bisect_left(self._starts, start), len(self._entries)):
            if self._entries[at][2] is item:
                del self._starts[at], self._entries[at]
                return
        raise ValueError("not in the index")

    def swap(self, start: int, item, new) -> None:
        """Put ``new`` in the place of ``item`` (added at ``start``), with the same span and order."""
        for at in range(bisect_left(self._starts, start), len(self._entries)):
            if self._entries[at][2] is item:
                self._entries[at] = (*self._entries[at][:2], new)
                return
        raise ValueError("not in the index")

    def items(self) -> list:
        """Every item, by start."""
        return [item for _, _, item in self._entries]


class WordFinder:
    """Whole words of a set, found as written in one pass (an article's surnames and acronyms).

    A regular expression of thousands of alternatives tries each at every
    position; one automaton does not. A word must not touch a letter, digit,
    hyphen or (before it) a full stop: "Funke" is not in "Funke-Smith" nor
    "U.S.A.".
    """

    __slots__ = ("_automaton",)

    def __init__(self, words) -> None:
        self._automaton = None
        if words:
            self._automaton = ahocorasick.Automaton()
            for word in sorted(words):
                self._automaton.add_word(word, word)
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of each whole word of the set in ``text``, by start (hits may overlap)."""
        if self._automaton is None:
            return []
        found = []
        for last, word in self._automaton.iter(text):
            start, end = last + 1 - len(word), last + 1
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in "_.-" or after.isalnum() or after in "_-"):
                found.append((start, end, word))
        return sorted(found)
