"""Stage 4, tag: :class:`Article` -> :class:`Article` with entity mentions and topics.

Per article, in order:

1. the knowledge base's aliases, through the automaton compiled once per
   build (:mod:`briefing.knowledge.matcher`): whole words, case-aware, leftmost-longest;
2. discovery of unknown people and organisations by their form
   (:mod:`briefing.tagging.discover`), outside headlines and author bios; a
   discovered name that contains knowledge-base hits replaces them
   ("Huawei Cyber Security Evaluation Center"), unless it merely adds a
   prefix to a known name ("U.S. Commerce Department" stays the Commerce
   Department). Weak cues (a place after "in", an organisation listed with others,
   a name of the city list, tried last)
   give way to a person of the article or a word also written in lower
   case; with ``collection``, names discovered in other stories are
   recognised bare (:func:`collection_names`, a second pass run by
   :func:`briefing.pipeline.tag_with_collection`);
3. short forms resolved within the article: a surname ("Pompeo said") or a
   person's single-word alias ("Meng") when that person is named in full
   in the article, a title with a known surname ("President Trump"), an
   acronym given in brackets ("(BUPT)");
4. demonyms ("Chinese") only add to a country the article names;
5. topics scored from weighted cue phrases: one to five per article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from briefing.knowledge.matcher import Matcher, SpanIndex, WordFinder, leftmost_longest
from briefing.knowledge.taxonomy import KnowledgeBase
from briefing.language import cities as gazetteer
from briefing.language.given_names import is_given_name
from briefing.model import Article, Entity, Mention, TopicScore
from briefing.tagging import discover

MAX_TOPICS = 5
MIN_TOPIC_SCORE = 3.0
RELATIVE_TOPIC_SCORE = 0.3
"""A topic is kept when its score is at least this share of the best topic's."""
SENTENCE_LENGTH = 300


@dataclass(frozen=True, slots=True)
class Span:
    """One mention in one text of the article (0 is the title, ``i`` is body block ``i - 1``)."""

    text: int
    start: int
    end: int
    entity: str
    kind: str
    discovered: bool = False
    role: str = ""
    weak: bool = False
    strength: int = 3
    """How sure the cue was (see :class:`briefing.tagging.discover.Candidate`); the knowledge base is 3."""


def tag(article: Article, kb: KnowledgeBase, collection: Matcher | None = None) -> Article:
    """Find the entities and topics of ``article``.

    ``collection``: the names discovered over the whole collection
    (:func:`collection_names`), recognised bare in this article too.
    """
    matcher = kb.matcher or Matcher(kb.entities, kb.topics)
    # Text 0 is the headline with its dek: both name actors ("... Countering China, Russia").
    headline = f"{article.title}\n{article.subtitle}" if article.subtitle else article.title
    texts = [headline] + [block.text for block in article.body]
    spans = find_spans(texts, _discoverable(article, texts), matcher, article.authors, collection)
    if kb.ignored:  # names people listed in not-entities.yml: junk discovery found before
        spans = [s for s in spans if not (s.discovered and s.entity.casefold() in kb.ignored)]
    mentions = _mentions(texts, spans)
    return replace(article, mentions=mentions, topics=_topics(texts, matcher, article.tags))


def unify_spellings(articles: list[Article], kb: KnowledgeBase) -> list[Article]:
    """One entity for one name written two ways across the collection: "Michelle O’Neill" and "Michelle O'Neill".

    Names of the same kind that differ only in accents, apostrophes,
    capitals or punctuation ("Sinn Féin", "Sinn Fein") are one entity (and
    would otherwise claim one page URL): they become the knowledge base's
    name when one of them is known, else the name mentioned most often
    (then the first in sorted order).
    Returns the articles whose mentions changed as new records, the others
    as they were.
    """
    totals: Counter[tuple[str, str]] = Counter()
    for article in articles:
        for mention in article.mentions:
            totals[(mention.entity, mention.kind)] += mention.count
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, kind in sorted(totals):
        groups[(spelling_key(name), kind)].append(name)
    canonical: dict[tuple[str, str], str] = {}
    for (_, kind), names in groups.items():
        if len(names) > 1:
            known = [n for n in names if kb.entity(n) is not None]
            chosen = known[0] if known else min(names, key=lambda n: (-totals[(n, kind)], n))
            canonical.update({(n, kind): chosen for n in names if n != chosen})
    if not canonical:
        return articles
    return [_renamed(article, canonical, kb) if any((m.entity, m.kind) in canonical for m in article.mentions) else article for article in articles]


def spelling_key(name: str) -> str:
    """What two spellings of one name share: ``Sinn Féin`` and ``SINN FEIN``, ``O’Neill`` and ``O'Neill``.

    Case, accents (combining marks) and apostrophes go; every other character
    stays, so names that only slugify alike stay apart: ``Société Générale``
    and ``Societe-Generale``, or two names in another script ("Москва" and
    "Київ", which an ASCII slug once reduced to nothing).
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "'’‘")
    return " ".join(unicodedata.normalize("NFC", kept).split())


def _renamed(article: Article, canonical: dict[tuple[str, str], str], kb: KnowledgeBase) -> Article:
    merged: dict[str, Mention] = {}
    # First appearance first: a body mention before one only in the title.
    for mention in sorted(article.mentions, key=lambda m: (m.block < 0, m.block, m.start)):
        name = canonical.get((mention.entity, mention.kind), mention.entity)
        if name in merged:
            first = merged[name]
            merged[name] = replace(first, count=first.count + mention.count, discovered=first.discovered and mention.discovered, role=first.role or mention.role)
        else:
            merged[name] = replace(mention, entity=name, discovered=mention.discovered and kb.entity(name) is None)
    return replace(article, mentions=tuple(sorted(merged.values(), key=lambda m: (-m.count, m.entity))))


def collection_names(articles: list[Article]) -> Matcher:
    """The names discovered with a cue anywhere in ``articles``, as a matcher for a second tagging pass.

    A name one story introduces ("the nationalist party Sinn Féin") is the
    same name bare in another ("Sinn Féin declined"). Kept: names of two or
    more words, and one-word organisations; not a one-word place or person
    (a first name, "Nancy", is also a town), nor any article's author, nor a
    name of the city list, which each story checks itself (:func:`briefing.tagging.discover.cities`).
    """
    authors = {a for article in articles for a in article.authors}
    kinds: dict[str, set[str]] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.discovered and (len(mention.entity.split()) > 1 or mention.kind == "organisation") and mention.entity not in gazetteer.cities():
                kinds.setdefault(mention.entity, set()).add(mention.kind)
    entities = [
        Entity(name, next(iter(found)))
        for name, found in sorted(kinds.items())
        if len(found) == 1 and name not in authors  # a name typed two ways in two stories is left to each story
    ]
    return Matcher(tuple(entities))


def _discoverable(article: Article, texts: list[str]) -> list[bool]:
    """Where discovery may look: sentences of the story, not titles, headings, bios, credits or boilerplate."""
    allowed = [False]
    after_bio = False
    for block in article.body:
        after_bio = after_bio or re.match(r"^about the authors?\b", block.text, re.IGNORECASE) is not None
        allowed.append(
            not after_bio
            and block.kind != "heading"
            and not discover.looks_like_headline(block.text)
            and not discover.looks_like_bio(block.text, article.authors)
            and not discover.looks_like_boilerplate(block.text)
        )
    return allowed


def find_spans(texts: list[str], discoverable: list[bool], matcher: Matcher, authors: tuple[str, ...] = (), collection: Matcher | None = None) -> list[Span]:
    """Every mention in ``texts``, sorted by text and position."""
    per_text: list[list[Span]] = []
    joined = discover.article_text(texts)
    # A surname of a known person is theirs ("Stop Trump" is no one new).
    recurring = [
        (i, c)
        for i, c in discover.people_by_recurrence(texts, discoverable)
        + discover.people_by_given_name(texts, discoverable)
        + discover.organisations_by_acronym_use(texts, discoverable)
        + discover.parties_by_family(texts, discoverable)
        + discover.makers_by_model(texts, discoverable)
        if c.name.split()[-1] not in matcher.surnames
    ]
    by_text: dict[int, list[discover.Candidate]] = defaultdict(list)
    for index, candidate in recurring:
        by_text[index].append(candidate)
    for index, text in enumerate(texts):
        known = [Span(index, h.start, h.end, h.entity, h.kind, weak=h.weak) for h in matcher.find(text)]
        if collection is not None and (discoverable[index] or index == 0):
            known = _with_collection(index, text, known, collection, authors)
        if discoverable[index]:
            # A name that runs into the knowledge base is no new person ("China Geo", "London Standard").
            strong = SpanIndex((k.start, k.end, k) for k in known if not k.weak)
            extra = [c for c in by_text[index] if not strong.overlaps(c.start, c.end)]
            known = _with_discovered(index, text, known, authors, first=index == 1, extra=extra, article=joined)
        per_text.append(known)
    per_text = _unify_discovered(per_text)
    per_text = _drop_doubtful(per_text, joined)
    people = _people_named(per_text)
    short = _short_forms(texts, per_text, people, matcher)
    words = WordFinder(short)
    spans = []
    for index, text in enumerate(texts):
        spans += _resolve_short(index, text, per_text[index], short, words, matcher)
    return _drop_lone_weak(spans)


def _with_collection(index: int, text: str, known: list[Span], collection: Matcher, authors: tuple[str, ...]) -> list[Span]:
    """Add the collection's discovered names found in ``text`` where the knowledge base found nothing."""
    taken = SpanIndex((s.start, s.end, s) for s in known)
    extra = [
        Span(index, h.start, h.end, h.entity, h.kind, True, strength=2)  # found with a cue in another story
        for h in collection.find(text)
        if h.entity not in authors and not taken.overlaps(h.start, h.end)
        and not (" " not in h.entity and discover.CAPITAL_WORD_NEXT.match(text, h.end))  # "the Sun Belt" is no mention of The Sun
    ]
    return sorted(known + extra, key=lambda s: s.start)


def _with_discovered(
    index: int, text: str, known: list[Span], authors: tuple[str, ...], first: bool = False, extra: list[discover.Candidate] = (), article: str = ""
) -> list[Span]:
    """Merge the discovered candidates of one text (and ``extra`` ones found over the article) with its knowledge-base hits."""
    author_words = {a.split()[-1] for a in authors if a.split()}
    candidates = list(extra) + discover.people(text) + discover.organisations_by_cue(text, article) + discover.organisations_by_acronym(text)
    cities = discover.cities(text)  # also places a name before them may belong to: "Watts, Los Angeles"
    candidates += discover.places(text, first, [(s.start, s.end, s.kind) for s in known] + [(c.start, c.end, c.kind) for c in cities])
    candidates += discover.organisations(text, tuple((s.start, s.end) for s in known))
    candidates += discover.teams(text, [(s.start, s.end, s.kind) for s in known if not s.weak], article)  # not "Canadian Rockies"
    candidates += discover.listed_organisations(text)  # "Aerosmith", "Goldman Sachs": bare, but well known
    candidates += discover.opponents(text, article)  # "beating Tottenham" in a sports report
    # Strong cues first, then the longest: "FBI Director Christopher Wray" is one person.
    candidates.sort(key=lambda c: (-c.strength, c.start, -(c.end - c.start)))
    spans = SpanIndex((s.start, s.end, s) for s in known)
    for candidate in candidates:
        if candidate.kind == "person" and candidate.name.split()[-1] in author_words:
            continue
        _merge(index, text, spans, candidate)
    # Then what is listed with the organisations found: "the Japanese Communist Party and Komeito".
    for candidate in discover.coordinated(text, [(s.start, s.end, s.kind) for s in spans.items() if not s.weak]):
        _merge(index, text, spans, candidate)
    # Last, the weakest cue, a name of the city list: whatever was found above wins ("Arsenal and Porto").
    for candidate in cities:
        _merge(index, text, spans, candidate)
    return spans.items()


def _merge(index: int, text: str, spans: SpanIndex, candidate: discover.Candidate) -> None:
    """Add ``candidate`` to ``spans`` unless a name found before covers it; it replaces the names it covers."""
    inside = spans.overlapping(candidate.start, candidate.end)
    for span in inside:
        if span.kind != "place" and re.match(r"\s*(?:,|and\b|&)", text[span.end : candidate.end]):
            return  # "Huawei and the Chinese Communist Party" is two names
        same = span.start == candidate.start and span.end == candidate.end
        if same and span.kind == "person" and candidate.role and not span.role:
            spans.remove(span.start, span)
            spans.add(span.start, span.end, replace(span, role=candidate.role))
            return
        if same or span.start < candidate.start or span.end > candidate.end:
            return  # a known or earlier name already covers it
        if _surname_is_place(candidate, span):
            continue
        if candidate.kind == "person" and span.kind == "place" and span.start > candidate.start:
            return  # "Ocean Florida Abby Dunn": a place inside a name means it is no name
        if span.end == candidate.end and (span.kind != "place" or candidate.kind == "person"):
            return  # "U.S. Commerce Department" is the Commerce Department; "Advisers Portugal" is no person
        if span.discovered:
            return
    for span in inside:
        spans.remove(span.start, span)
    spans.add(candidate.start, candidate.end, Span(index, candidate.start, candidate.end, candidate.name, candidate.kind, True, candidate.role, strength=candidate.strength))


def _surname_is_place(candidate: discover.Candidate, span: Span) -> bool:
    """Whether a titled person's surname is a place's name: "UCLA star Kenny Washington", "President George Washington"."""
    return (
        candidate.kind == "person"
        and candidate.strength >= 3
        and span.kind == "place"
        and span.start > candidate.start
        and span.end == candidate.end
        and is_given_name(candidate.name.split()[0])
    )


def _unify_discovered(per_text: list[list[Span]]) -> list[list[Span]]:
    """One name, one entity per article.

    A discovered name found with two kinds keeps the kind of its strongest cue
    ("newspaper Dagens Nyheter" over "Dagens Nyheter said"); a discovered
    person whose name ends another person's name is that person ("El Saife"
    after "Mohamed El Saife").
    """
    best: dict[str, Span] = {}
    for span in (s for spans in per_text for s in spans if s.discovered):
        if span.entity not in best or span.strength > best[span.entity].strength:
            best[span.entity] = span
    first: dict[str, Span] = {}
    for span in (s for spans in per_text for s in spans):
        first.setdefault(span.entity, span)
    # Every person's name under each of its tails: "Mohamed El Saife" under "El Saife" and "Saife".
    ending: dict[str, list[str]] = defaultdict(list)
    for person in sorted({s.entity for spans in per_text for s in spans if s.kind == "person"}):
        words = person.split()
        for cut in range(1, len(words)):
            ending[" ".join(words[cut:])].append(person)
    renamed = {name: ending[name][0] for name in best if best[name].kind == "person" and len(ending.get(name, ())) == 1}
    unified = []
    for spans in per_text:
        out = []
        for span in spans:
            if span.discovered and span.entity in renamed:
                owner = renamed[span.entity]
                span = replace(span, entity=owner, kind="person", discovered=first[owner].discovered)
            elif span.discovered and best[span.entity].kind != span.kind:
                span = replace(span, kind=best[span.entity].kind)
            out.append(span)
        unified.append(out)
    return unified


def _drop_doubtful(per_text: list[list[Span]], joined: str) -> list[list[Span]]:
    """Drop a place or organisation found by a weak cue ("from Tester", "in Nepali") that the article contradicts.

    It is dropped when it is a word of a person's name in the article, a
    place of the article plus a suffix (a demonym or language: "Nepali"), or
    when one of its words is also written in lower case ("in Public Spaces").
    """
    people_words = {w for spans in per_text for s in spans if s.kind == "person" for w in s.entity.split()}
    places = {s.entity for spans in per_text for s in spans if s.kind == "place" and not (s.discovered and s.strength < 2)}

    def doubtful(span: Span) -> bool:
        if not (span.discovered and span.kind in ("place", "organisation") and span.strength < 2):
            return False
        if any(discover.lower_elsewhere(w, joined) for w in span.entity.split() if w[:1].isupper()):
            return True
        return span.entity in people_words or any(p != span.entity and _suffixed(span.entity, p) for p in places)

    return [[s for s in spans if not doubtful(s)] for spans in per_text]


def _suffixed(word: str, place: str) -> bool:
    """Whether ``word`` is ``place`` with a short suffix, as demonyms and languages are ("Nepali", "Israeli")."""
    return len(place) >= 4 and word.startswith(place[:-1]) and len(word) - len(place) <= 3


def _people_named(per_text: list[list[Span]]) -> dict[str, str]:
    """Full names of the people of the article -> their kind ("person")."""
    return {s.entity: s.kind for spans in per_text for s in spans if s.kind == "person"}


def _short_forms(texts: list[str], per_text: list[list[Span]], people: dict[str, str], matcher: Matcher) -> dict[str, tuple[str, str, bool]]:
    """Words that stand for an entity of this article: surname -> (entity, kind, discovered)."""
    discovered = {s.entity: (s.kind, s.discovered) for spans in per_text for s in spans}
    claims: dict[str, set[str]] = {}
    for person in people:
        words = [w for w in person.split() if not w.endswith(".")]
        if words[-1] not in discover.STOP_WORDS:  # "May" the month is not Theresa May
            claims.setdefault(words[-1], set()).add(person)
    for alias, owners in matcher.short_forms.items():
        for owner in owners:
            if owner in people:
                claims.setdefault(alias, set()).add(owner)
    for entity, (kind, is_new) in discovered.items():
        if is_new:  # a discovered name said again, without its cue
            claims.setdefault(entity, set()).add(entity)
    for index, text in enumerate(texts):
        for span in per_text[index]:
            if span.kind in ("organisation", "other") and (acronym := discover.acronym_after(text, span.end)):
                claims.setdefault(acronym, set()).add(span.entity)
    # Other words of a name ("Sir Keir", "Anwar said") come last: they never take a word another claims.
    given: dict[str, set[str]] = {}
    for person in people:
        words = [w for w in person.split() if not w.endswith(".")]
        for word in words[:-1]:
            if len(word) > 2 and word not in discover.STOP_WORDS and word.lower() not in HONORIFIC_WORDS and word[0].isupper():
                given.setdefault(word, set()).add(person)
    for word, owners in given.items():
        claims.setdefault(word, owners)
    short = {}
    for word, owners in claims.items():
        if len(owners) == 1:  # two Smiths in one story: "Smith" stays unresolved
            owner = next(iter(owners))
            kind, is_new = discovered.get(owner, ("person", False))
            short[word] = (owner, kind, is_new)
    return short


HONORIFIC_WORDS = {"sir", "dame", "lord", "lady", "datuk", "dato", "seri", "sri", "tan", "tun", "sheikh", "haji", "abu", "al", "el", "bin", "de", "van", "von"}


def _resolve_short(index: int, text: str, spans: list[Span], short: dict[str, tuple[str, str, bool]], words: WordFinder, matcher: Matcher) -> list[Span]:
    """The text's spans plus its short forms and titled known surnames, in the gaps."""
    extra = []
    for start, end, word in words.find(text):
        entity, kind, is_new = short[word]
        extra.append(Span(index, start, end, entity, kind, is_new))
    for start, end, word, role in discover.titled_short_names(text):
        owners = matcher.surnames.get(word, ())
        if len(owners) == 1 and word not in short:
            extra.append(Span(index, start, end, owners[0], "person", False, role))
    taken = SpanIndex((s.start, s.end, s) for s in spans)
    extra = [s for s in leftmost_longest(extra) if not taken.overlaps(s.start, s.end)]
    return sorted(spans + extra, key=lambda s: s.start)


def _drop_lone_weak(spans: list[Span]) -> list[Span]:
    """Demonyms count only for a country the article also names."""
    named = {s.entity for s in spans if not s.weak}
    return [s for s in spans if not s.weak or s.entity in named]


def _mentions(texts: list[str], spans: list[Span]) -> tuple[Mention, ...]:
    first: dict[str, Span] = {}
    first_body: dict[str, Span] = {}
    counts: dict[str, int] = {}
    roles: dict[str, str] = {}
    for span in spans:
        first.setdefault(span.entity, span)
        if span.text > 0 and not span.weak:
            first_body.setdefault(span.entity, span)
        counts[span.entity] = counts.get(span.entity, 0) + 1
        if span.role:
            roles.setdefault(span.entity, span.role)
    mentions = []
    for entity, span in first.items():
        body = first_body.get(entity)
        shown = body or span
        mentions.append(
            Mention(
                entity=entity,
                kind=span.kind,
                surface=texts[shown.text][shown.start : shown.end],
                block=body.text - 1 if body else -1,
                count=counts[entity],
                discovered=span.discovered,
                role=roles.get(entity, ""),
                start=body.start if body else -1,
                end=body.end if body else -1,
                sentence=sentence_at(texts[shown.text], shown.start),
            )
        )
    return tuple(sorted(mentions, key=lambda m: (-m.count, m.entity)))


# A sentence ends at . ! or ? (maybe closing a quote) before a capital, but not
# after an initial or a short title ("U.S. Secretary", "Sen. Cotton").
_SENTENCE_END = re.compile(
    r"(?<![A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt)\.)(?<!\b(?:Sen|Rep|Gov|Mrs|Gen|Col)\.)(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z0-9])"
)


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` holding ``offset``, shortened to about 300 characters."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > offset:
            sentence = text[start : match.start()]
            break
        start = match.end()
    else:
        sentence = text[start:]
    sentence = " ".join(sentence.split())
    if len(sentence) > SENTENCE_LENGTH:
        sentence = sentence[:SENTENCE_LENGTH].rsplit(" ", 1)[0] + " …"
    return sentence


def _topics(texts: list[str], matcher: Matcher, explicit: tuple[str, ...]) -> tuple[TopicScore, ...]:
    """One to five topics: those scoring at least the minimum and a share of the best."""
    scores = matcher.cue_scores("\n".join(texts))
    ranked = sorted(
        (TopicScore(matcher.topics[i].name, round(score, 2)) for i, score in scores.items()),
        key=lambda t: (-t.score, t.topic),
    )
    if not ranked:
        kept = []
    else:
        floor = max(MIN_TOPIC_SCORE, RELATIVE_TOPIC_SCORE * ranked[0].score)
        kept = [t for t in ranked if t.score >= floor][:MAX_TOPICS] or ranked[:1]
    names = {t.topic for t in kept}
    return tuple(kept) + tuple(TopicScore(t, 0.0) for t in explicit if t not in names)
