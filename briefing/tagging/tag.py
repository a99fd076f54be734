"""Stage 4, tag: :class:`Article` -> :class:`Article` with entity mentions and topics.

Per article, in order:

1. the knowledge base's aliases, through the automaton compiled once per
   build (:mod:`briefing.knowledge.matcher`): whole words, case-aware, leftmost-longest;
2. discovery of unknown people and organisations by their form
   (:mod:`briefing.tagging.discovery`), outside headlines and author bios; a
   discovered name that contains knowledge-base hits replaces them
   ("Huawei Cyber Security Evaluation Center"), unless it merely adds a
   prefix to a known name ("U.S. Commerce Department" stays the Commerce
   Department). Weak cues (a place after "in", an organisation listed with others,
   a name of the city list, tried last)
   give way to a person of the article or a word also written in lower
   case; with ``collection``, names discovered in other stories are
   recognised bare (the second pass of :mod:`briefing.tagging.collection`);
3. short forms resolved within the article: a surname ("Pompeo said") or a
   person's single-word alias ("Meng") when that person is named in full
   in the article, a title with a known surname ("President Trump"), an
   acronym given in brackets ("(BUPT)");
4. demonyms ("Chinese") only add to a country the article names;
5. topics scored from weighted cue phrases: one to five per article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from briefing.knowledge.matcher import (
    Matcher,
    SpanIndex,
    WordFinder,
    leftmost_longest,
    name_key,
)
from briefing.knowledge.taxonomy import KnowledgeBase
from briefing.language.function_words import looks_english
from briefing.language.given_names import is_given_name
from briefing.language.names import HONORIFIC_WORDS
from briefing.language.sentences import sentence_at
from briefing.model import Article, Candidate, Mention, Span, TopicScore
from briefing.tagging import discovery, evidence, model_layer

MAX_TOPICS = 5
MIN_TOPIC_SCORE = 3.0
RELATIVE_TOPIC_SCORE = 0.3
"""A topic is kept when its score is at least this share of the best topic's."""


def tag(article: Article, kb: KnowledgeBase, collection: Matcher | None = None) -> Article:
    """Find the entities and topics of ``article``.

    ``collection``: the names discovered over the whole collection
    (:func:`briefing.tagging.collection.collection_names`), recognised bare in this article too.
    """
    matcher = kb.matcher or Matcher(kb.entities, kb.topics)
    # Text 0 is the headline with its dek: both name actors ("... Countering China, Russia").
    headline = f"{article.title}\n{article.subtitle}" if article.subtitle else article.title
    texts = [headline] + [block.text for block in article.body]
    discoverable = _discoverable(article, texts)
    candidates = article.candidates if article.candidates is not None else model_candidates(article, texts, discoverable)
    spans = find_spans(texts, discoverable, matcher, article.authors, collection, candidates or ())
    # A discovered name of one letter ("D", cut from "D.A. Davidson") is none; nor one people listed in not-entities.yml.
    spans = [s for s in spans if not (s.discovered and (sum(ch.isalpha() for ch in s.entity) < 2 or s.entity.casefold() in kb.ignored))]
    mentions = _mentions(texts, spans)
    return replace(article, candidates=candidates, mentions=mentions, topics=_topics(texts, matcher, article.tags))


def model_candidates(article: Article, texts: list[str], discoverable: list[bool]) -> tuple[Candidate, ...] | None:
    """The statistical model's names in the texts discovery reads; ``()`` for a story not in English, None without the model."""
    if article.language and not article.language.casefold().startswith("en"):
        return ()
    read = [i for i in range(1, len(texts)) if discoverable[i]]
    if not looks_english("\n".join(texts[i] for i in read)):
        return ()  # an undeclared story in another language: an English model reads its nouns as names
    found = model_layer.entity_spans([texts[i] for i in read])
    if found is None:
        return None
    return tuple(Candidate(index, start, end, label) for index, spans in zip(read, found) for start, end, label in spans)


def _discoverable(article: Article, texts: list[str]) -> list[bool]:
    """Where discovery may look: sentences of the story, not titles, headings, bios, credits or boilerplate."""
    allowed = [False]
    after_bio = False
    for block in article.body:
        after_bio = after_bio or re.match(r"^about the authors?\b", block.text, re.IGNORECASE) is not None
        allowed.append(
            not after_bio
            and block.kind != "heading"
            and not discovery.looks_like_headline(block.text)
            and not discovery.looks_like_bio(block.text, article.authors)
            and not discovery.looks_like_boilerplate(block.text)
        )
    return allowed


def find_spans(
    texts: list[str],
    discoverable: list[bool],
    matcher: Matcher,
    authors: tuple[str, ...] = (),
    collection: Matcher | None = None,
    candidates: tuple[Candidate, ...] = (),
) -> list[Span]:
    """Every mention in ``texts``, sorted by text and position; ``candidates`` are the model's names."""
    per_text: list[list[Span]] = []
    joined = discovery.article_text(texts)
    # A surname of a known person is theirs ("Stop Trump" is no one new).
    recurring = [
        c
        for c in discovery.people_by_recurrence(texts, discoverable)
        + discovery.people_by_given_name(texts, discoverable)
        + discovery.organisations_by_acronym_use(texts, discoverable)
        + discovery.parties_by_family(texts, discoverable)
        + discovery.makers_by_model(texts, discoverable)
        if c.entity.split()[-1] not in matcher.surnames
    ]
    by_text: dict[int, list[Span]] = defaultdict(list)
    for candidate in recurring:
        by_text[candidate.text].append(candidate)
    modelled: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        modelled[candidate.text].append(candidate)
    for index, text in enumerate(texts):
        known = [replace(hit, text=index) for hit in matcher.find(text)]
        if collection is not None and (discoverable[index] or index == 0):
            known = _with_collection(index, text, known, collection, authors)
        if discoverable[index]:
            # A name that runs into the knowledge base is no new person ("China Geo", "London Standard").
            strong = SpanIndex((k.start, k.end, k) for k in known if not k.weak)
            extra = [c for c in by_text[index] if not strong.overlaps(c.start, c.end)]
            known = _with_discovered(index, text, known, authors, first=index == 1, extra=extra, article=joined)
        per_text.append(known)
    # The model's names last, once every other name of the article is known: a word of a person's name is theirs.
    named_words = frozenset(w for spans in per_text for s in spans if s.kind == "person" for w in s.entity.split())
    for index, text in enumerate(texts):
        if discoverable[index] and modelled[index]:
            per_text[index] = _with_model(index, text, per_text[index], modelled[index], authors, joined, named_words)
    per_text = _unify_discovered(per_text)
    per_text = _checked_by_evidence(texts, per_text)
    per_text = _one_entity(texts, per_text, matcher)
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
        replace(h, text=index, discovered=True, strength=2, rule="collection")  # found with a cue in another story
        for h in collection.find(text)
        if h.entity not in authors and not taken.overlaps(h.start, h.end)
        and not (" " not in h.entity and discovery.CAPITAL_WORD_NEXT.match(text, h.end))  # "the Sun Belt" is no mention of The Sun
    ]
    return sorted(known + extra, key=lambda s: s.start)


def _with_discovered(
    index: int, text: str, known: list[Span], authors: tuple[str, ...], first: bool = False, extra: list[Span] = (), article: str = ""
) -> list[Span]:
    """Merge the discovered candidates of one text (and ``extra`` ones found over the article) with its knowledge-base hits."""
    author_words = {a.split()[-1] for a in authors if a.split()}
    candidates = list(extra) + discovery.find_people(text) + discovery.organisations_by_cue(text, article) + discovery.organisations_by_acronym(text)
    cities = discovery.cities(text)
    candidates += discovery.find_places(text, first)
    candidates += discovery.organisations_by_head_word(text, known)
    candidates += discovery.teams(text, [s for s in known if not s.weak], article)  # not "Canadian Rockies"
    candidates += discovery.listed_organisations(text)  # "Aerosmith", "Goldman Sachs": bare, but well known
    candidates += discovery.opponents(text, article)  # "beating Tottenham" in a sports report
    # Strong cues first, then the longest: "FBI Director Christopher Wray" is one person.
    candidates.sort(key=lambda c: (-c.strength, c.start, -(c.end - c.start)))
    spans = SpanIndex((s.start, s.end, s) for s in known)
    for candidate in candidates:
        if candidate.kind == "person" and candidate.entity.split()[-1] in author_words:
            continue
        _merge(index, text, spans, candidate)
    # Then what is listed with the organisations found: "the Japanese Communist Party and Komeito".
    for candidate in discovery.listed_with_organisations(text, [s for s in spans.items() if not s.weak]):
        _merge(index, text, spans, candidate)
    # Last, the weakest cue, a name of the city list: whatever was found above wins ("Arsenal and Porto").
    for candidate in cities:
        _merge(index, text, spans, candidate)
    return spans.items()


def _with_model(
    index: int, text: str, known: list[Span], candidates: list[Candidate], authors: tuple[str, ...], article: str, people: frozenset[str]
) -> list[Span]:
    """Add the model's names where nothing was found, each typed by its evidence (:func:`briefing.tagging.evidence.judge`).

    A place found before at the start of the model's span keeps it and the
    model's name starts after it ("U.S." + "Marine Corps"); any other name found
    in it stops it ("Trump" in "the Trump administration", "Google" in "Google Maps"). ``people`` are the words of the
    article's people's names: one of them alone is left to the short forms ("Harris said").
    """
    spans = SpanIndex((s.start, s.end, s) for s in known)
    for candidate in candidates:
        start = evidence.trim(text, candidate.start, candidate.end)[0]  # "the", a title: no part of the name
        inside = spans.overlapping(start, candidate.end)
        if any(s.start > start or s.kind != "place" for s in inside):
            continue  # "the Trump administration", "Google Maps": the name found is the name
        if inside:
            start = max(s.end for s in inside)
            start += len(re.match(r"(?:['’]s)?\s*", text[start : candidate.end]).group())
        if start >= candidate.end:
            continue
        span = evidence.judge(text, start, candidate.end, candidate.label, article, authors, people)
        if span is not None and not spans.overlaps(span.start, span.end):
            spans.add(span.start, span.end, replace(span, text=index))
    return spans.items()


def _merge(index: int, text: str, spans: SpanIndex, candidate: Span) -> None:
    """Add ``candidate`` to ``spans`` unless a name found before covers it; it replaces the names it covers."""
    inside = spans.overlapping(candidate.start, candidate.end)
    for span in inside:
        if span.kind != "place" and re.match(r"\s*(?:,|and\b|&)", text[span.end : candidate.end]):
            return  # "Huawei and the Chinese Communist Party" is two names
        same = span.start == candidate.start and span.end == candidate.end
        # A name the collection pass found where this story's own cue finds it too: the story's rule says why.
        rule = candidate.rule if same and span.rule == "collection" and span.kind == candidate.kind else span.rule
        if same and span.kind == "person" and candidate.role and not span.role:
            spans.remove(span.start, span)
            spans.add(span.start, span.end, replace(span, role=candidate.role, rule=rule))
            return
        if same or span.start < candidate.start or span.end > candidate.end:
            if rule != span.rule:
                spans.swap(span.start, span, replace(span, rule=rule))
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
    spans.add(candidate.start, candidate.end, replace(candidate, text=index))


def _surname_is_place(candidate: Span, span: Span) -> bool:
    """Whether a titled person's surname is a place's name: "UCLA star Kenny Washington", "President George Washington"."""
    return (
        candidate.kind == "person"
        and candidate.strength >= 3
        and span.kind == "place"
        and span.start > candidate.start
        and span.end == candidate.end
        and is_given_name(candidate.entity.split()[0])
    )


def _unify_discovered(per_text: list[list[Span]]) -> list[list[Span]]:
    """One name, one entity per article.

    A discovered name found with two kinds keeps the kind of its strongest cue
    ("newspaper Dagens Nyheter" over "Dagens Nyheter said"), and that cue's
    rule; a discovered person whose name ends another person's name is that
    person ("El Saife" after "Mohamed El Saife").
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
                owner = first[renamed[span.entity]]
                rule = best[owner.entity].rule if owner.discovered else owner.rule
                span = replace(span, entity=owner.entity, kind="person", discovered=owner.discovered, rule=rule)
            elif span.discovered and (best[span.entity].kind != span.kind or best[span.entity].rule != span.rule):
                span = replace(span, kind=best[span.entity].kind, rule=best[span.entity].rule)
            out.append(span)
        unified.append(out)
    return unified


def _checked_by_evidence(texts: list[str], per_text: list[list[Span]]) -> list[list[Span]]:
    """What a rule discovered, checked against the words of the name: a "person" whose head word is a body's or a
    place's takes that type ("Greater Dunmere said", "the Royal Marine Corps said"); a place, even a known one, that
    names a ship goes ("the aircraft carrier Shandong")."""
    retyped = {}
    for spans in per_text:
        for span in spans:
            if span.discovered and span.kind == "person" and span.entity not in retyped:
                retyped[span.entity] = evidence.not_a_person(span.entity)
    checked = []
    for index, spans in enumerate(per_text):
        out = []
        for span in spans:
            if span.kind == "place" and evidence.is_ship(texts[index], span.start, texts[index][span.start : span.end]):
                continue  # a ship named after a place, known or not
            if span.discovered and span.kind == "person" and (kind := retyped.get(span.entity)):
                span = replace(span, kind=kind, role="")
            out.append(span)
        checked.append(out)
    return checked


def _one_entity(texts: list[str], per_text: list[list[Span]], matcher: Matcher) -> list[list[Span]]:
    """One thing, one entity in a story: a discovered name joins the entity it is another spelling or the tail of.

    A discovered name spelt like a known name of several words (case, accents,
    apostrophes, full stops: "US Marine Corps" for "U.S. Marine Corps") is that
    entity; two discovered spellings of one name in the story are the first
    one written; a discovered organisation's name of two words or more that
    ends a longer organisation's name of the story ("Communist Party" beside
    "Chinese Communist Party") is that organisation, when only one name ends so;
    and one after a known country's possessive is the known name its demonym
    makes ("China's ruling Communist Party" is the Chinese Communist Party).
    """
    first: dict[str, Span] = {}
    for span in (s for spans in per_text for s in spans):
        first.setdefault(span.entity, span)
    owner: dict[str, Span] = {}
    spelt: dict[tuple[str, str], Span] = {}
    for entity, span in first.items():
        if not span.discovered:
            continue
        key = name_key(entity)
        known = matcher.spellings.get(key)
        if known is not None and known.name != entity and (known.type == span.kind or span.rule == "model"):
            owner[entity] = Span(0, 0, known.name, known.type, rule="kb")
        elif (key, span.kind) in spelt:
            owner[entity] = spelt[(key, span.kind)]
        else:
            spelt[(key, span.kind)] = span
    for index, spans in enumerate(per_text):
        for before, span in zip(spans, spans[1:]):
            if span.discovered and span.entity not in owner and before.kind == "place" and (known := matcher.entities.get(before.entity)):
                if _POSSESSOR_GAP.fullmatch(texts[index], before.end, span.start):
                    named = [matcher.spellings.get(name_key(f"{d} {span.entity}")) for d in known.demonyms]
                    if (found := next((e for e in named if e is not None), None)) is not None:
                        owner[span.entity] = Span(0, 0, found.name, found.type, rule="kb")
    bodies = [e for e, s in first.items() if s.kind in ("organisation", "other") and e not in owner]
    for entity, span in first.items():
        if span.discovered and entity not in owner and span.kind in ("organisation", "other") and " " in entity:
            longer = [b for b in bodies if b.endswith(" " + entity)]
            if len(longer) == 1:
                owner[entity] = first[longer[0]]
    if not owner:
        return per_text
    return [
        [replace(s, entity=o.entity, kind=o.kind, discovered=o.discovered, rule=o.rule) if (o := owner.get(s.entity)) else s for s in spans]
        for spans in per_text
    ]


_POSSESSOR_GAP = re.compile(r"['’]s\s+(?:(?:ruling|governing|own|main|opposition|national)\s+)?")
"""Between a country and a body of it: "China's ", "China's ruling "."""


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
        if any(discovery.lower_elsewhere(w, joined) for w in span.entity.split() if w[:1].isupper()):
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
        if words and words[-1] not in discovery.STOP_WORDS:  # "May" the month is not Theresa May
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
            if span.kind in ("organisation", "other") and (acronym := discovery.acronym_after(text, span.end)):
                claims.setdefault(acronym, set()).add(span.entity)
    # Other words of a name ("Sir Keir", "Anwar said") come last: they never take a word another claims.
    given: dict[str, set[str]] = {}
    for person in people:
        words = [w for w in person.split() if not w.endswith(".")]
        for word in words[:-1]:
            if len(word) > 2 and word not in discovery.STOP_WORDS and word.lower() not in HONORIFIC_WORDS and word[0].isupper():
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


def _resolve_short(index: int, text: str, spans: list[Span], short: dict[str, tuple[str, str, bool]], words: WordFinder, matcher: Matcher) -> list[Span]:
    """The text's spans plus its short forms and titled known surnames, in the gaps."""
    extra = []
    for start, end, word in words.find(text):
        entity, kind, is_new = short[word]
        extra.append(Span(start, end, entity, kind, text=index, discovered=is_new))
    for titled in discovery.titled_short_names(text):
        owners = matcher.surnames.get(titled.entity, ())
        if len(owners) == 1 and titled.entity not in short:
            extra.append(replace(titled, entity=owners[0], text=index, rule="kb"))
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
    rules: dict[str, str] = {}
    for span in spans:
        first.setdefault(span.entity, span)
        if span.text > 0 and not span.weak:
            first_body.setdefault(span.entity, span)
        counts[span.entity] = counts.get(span.entity, 0) + 1
        if span.role:
            roles.setdefault(span.entity, span.role)
        if span.rule:  # a short form has none: its entity's full name says why it is one
            rules.setdefault(span.entity, span.rule)
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
                rule=rules.get(entity, ""),
            )
        )
    return tuple(sorted(mentions, key=lambda m: (-m.count, m.entity)))


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
