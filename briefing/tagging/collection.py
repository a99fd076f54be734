"""The collection pass: names one story discovers are names in every story, spelt one way.

Each story is tagged alone first (:func:`briefing.tagging.tag.tag`). Then
:func:`tag_with_collection`, over all of them:

1. gathers the names discovered with a cue anywhere (:func:`collection_names`);
2. tags again each story whose text holds one it does not name yet, so
   that "Sinn Féin declined" is found after another story's "the
   nationalist party Sinn Féin" (cached, with the build's article cache);
3. makes one entity of a name written two ways across the stories
   (:func:`unify_spellings`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Callable

from briefing.cache import ArticleCache
from briefing.knowledge.matcher import Matcher
from briefing.knowledge.taxonomy import KnowledgeBase
from briefing.language import cities as gazetteer
from briefing.model import Article, Entity, Mention
from briefing.tagging.tag import tag


def tag_with_collection(
    articles: list[Article],
    kb: KnowledgeBase,
    cache: ArticleCache | None = None,
    keys: dict[str, str] | None = None,
    refresh: Callable[[Article], Article] | None = None,
    map: Callable | None = None,
    versions: dict[str, str] | None = None,
) -> list[Article]:
    """Tag every article again with the names discovered anywhere in the collection, then unify their spellings.

    A story's second tagging depends only on the story and on which collection
    names its text holds: with a ``cache`` and the stories' cache ``keys``, it
    is stored under both and not done again while neither changes; and which
    names each story holds is remembered for the collection's names, so that
    while they stay the same only new stories are searched for them.
    ``refresh``: applied to each article whose mentions the pass changes
    (the pipeline recomputes its events and quotes there), before it is cached;
    a module-level function, as it may run in a worker process.
    ``map(function, jobs, context)``: runs the jobs (in worker processes,
    see :class:`briefing.workers.Workers`) and yields the results in order.
    ``versions`` receives, by source, a digest of everything each returned article was made from
    (its cache key, the names it was tagged again with, the spellings unified in it), for those with a key.
    """
    keys = keys if cache is not None and keys else {}
    names = collection_entities(articles)
    digest = hashlib.sha256(repr(names).encode()).hexdigest()
    memo = _load_hits(cache, digest)
    context = (digest, names, refresh)
    # Which names each story holds: remembered, else searched for (with the second tagging done at once where needed).
    searched = [a for a in articles if keys.get(a.source) not in memo]
    found = iter((map or _serial(kb))(retag_job, searched, context))
    retagged, held = [], {}
    for article in articles:
        key = keys.get(article.source)
        if key in memo:
            hits, tagged = memo[key], None
        else:
            hits, tagged = next(found)
        if key:
            held[key] = hits
        if hits is None:
            retagged.append(article)  # nothing new to find: no second tagging
            if key and versions is not None:
                versions[article.source] = key
            continue
        derived = ArticleCache.derived(key, "collection", repr(hits)) if key else None
        if derived and versions is not None:
            versions[article.source] = derived
        if tagged is None and derived is not None:
            tagged = cache.get(derived, article.source, count=False)
        if tagged is None:
            tagged = _retagged(article, kb, _matcher(digest, names), refresh)
        if derived is not None and not cache.has(derived):
            cache.put(derived, tagged)
        elif derived is not None:
            cache.used.add(derived)
        retagged.append(tagged)
    _save_hits(cache, digest, held)
    canonical = spelling_map(retagged, kb)
    refresh = refresh or (lambda article: article)
    unified = []
    for article in retagged:
        renames = sorted((m.entity, m.kind, canonical[(m.entity, m.kind)]) for m in article.mentions if (m.entity, m.kind) in canonical)
        if not renames:
            unified.append(article)
            continue
        unified.append(refresh(_renamed(article, canonical, kb)))
        if versions is not None and article.source in versions:
            versions[article.source] = ArticleCache.derived(versions[article.source], "spellings", repr(renames))
    return unified


def retag_job(article: Article, kb: KnowledgeBase, context) -> tuple[tuple | None, Article | None]:
    """The collection names ``article``'s text holds (None when it names them all already) and, if
    it lacks some, the article tagged again with them: one job of the collection pass."""
    digest, names, refresh = context
    collection = _matcher(digest, names)
    hits = _hits(article, collection)
    if hits is None:
        return None, None
    return hits, _retagged(article, kb, collection, refresh)


def _hits(article: Article, collection: Matcher) -> tuple | None:
    named = {m.entity for m in article.mentions}
    texts = [article.title, article.subtitle] + [block.text for block in article.body]
    hits = tuple(sorted({(hit.entity, hit.kind) for text in texts for hit in collection.find(text)}))
    return None if all(entity in named for entity, _ in hits) else hits


def _retagged(article: Article, kb: KnowledgeBase, collection: Matcher, refresh) -> Article:
    tagged = tag(article, kb, collection)
    if refresh is not None and _named(tagged.mentions) != _named(article.mentions):
        tagged = refresh(tagged)
    return tagged


def _serial(kb: KnowledgeBase) -> Callable:
    return lambda function, jobs, context: (function(job, kb, context) for job in jobs)


_matchers: dict[str, Matcher] = {}


def _matcher(digest: str, names: tuple[Entity, ...]) -> Matcher:
    """The collection's names compiled once per process (a worker keeps the last collection's)."""
    if digest not in _matchers:
        _matchers.clear()
        _matchers[digest] = Matcher(names)
    return _matchers[digest]


HITS_FILE = "collection-hits.pickle"


def _load_hits(cache: ArticleCache | None, digest: str) -> dict[str, tuple | None]:
    """Which collection names each cached story holds, from the last build, if it had the same names."""
    if cache is None:
        return {}
    stored = cache.load_state(HITS_FILE)
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != digest or not isinstance(stored[1], dict):
        return {}
    return stored[1]


def _save_hits(cache: ArticleCache | None, digest: str, held: dict[str, tuple | None]) -> None:
    if cache is not None:
        cache.save_state(HITS_FILE, (digest, held))


def _named(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """``mentions`` without the rules that found them: what the events and quotes of an article depend on."""
    return tuple(replace(m, rule="") for m in mentions)


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
    canonical = spelling_map(articles, kb)
    if not canonical:
        return articles
    return [_renamed(article, canonical, kb) if any((m.entity, m.kind) in canonical for m in article.mentions) else article for article in articles]


def spelling_map(articles: list[Article], kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """``(name, kind) -> the name it is unified under``, for every name written another way elsewhere (see :func:`unify_spellings`)."""
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
    return canonical


def _renamed(article: Article, canonical: dict[tuple[str, str], str], kb: KnowledgeBase) -> Article:
    merged: dict[str, Mention] = {}
    # First appearance first: a body mention before one only in the title.
    for mention in sorted(article.mentions, key=lambda m: (m.block < 0, m.block, m.start)):
        name = canonical.get((mention.entity, mention.kind), mention.entity)
        if name in merged:
            first = merged[name]
            discovered = first.discovered and mention.discovered
            rule = first.rule if discovered == first.discovered else mention.rule  # the knowledge base's, if either is
            merged[name] = replace(first, count=first.count + mention.count, discovered=discovered, role=first.role or mention.role, rule=rule)
        else:
            discovered = mention.discovered and kb.entity(name) is None
            merged[name] = replace(mention, entity=name, discovered=discovered, rule=mention.rule if discovered == mention.discovered else "kb")
    return replace(article, mentions=tuple(sorted(merged.values(), key=lambda m: (-m.count, m.entity))))


def collection_names(articles: list[Article]) -> Matcher:
    """The names discovered with a cue anywhere in ``articles``, as a matcher for a second tagging pass."""
    return Matcher(collection_entities(articles))


def collection_entities(articles: list[Article]) -> tuple[Entity, ...]:
    """The names discovered with a cue anywhere in ``articles``, sorted, for a second tagging pass.

    A name one story introduces ("the nationalist party Sinn Féin") is the
    same name bare in another ("Sinn Féin declined"). Kept: names of two or
    more words, and one-word organisations; not a one-word place or person
    (a first name, "Nancy", is also a town), nor any article's author, nor a
    name of the city list, which each story checks itself (:func:`briefing.tagging.discovery.cities`),
    nor a name only the statistical model found (no cue: it reads every story itself).
    """
    authors = {a for article in articles for a in article.authors}
    kinds: dict[str, set[str]] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.rule == "model":
                continue  # a label of the model is no cue: each story's own text is read by the model anyway
            if mention.discovered and (len(mention.entity.split()) > 1 or mention.kind == "organisation") and mention.entity not in gazetteer.cities():
                kinds.setdefault(mention.entity, set()).add(mention.kind)
    return tuple(
        Entity(name, next(iter(found)))
        for name, found in sorted(kinds.items())
        if len(found) == 1 and name not in authors  # a name typed two ways in two stories is left to each story
    )


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
