"""Stage 5, relate: tagged articles -> related stories for each, with reasons.

Today: shared entities weighted by rarity (inverse document frequency) plus
shared topics, found through an inverted index so that only stories sharing
something are ever compared.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .model import Article, Relation

MAX_RELATED = 5
THRESHOLD = 1.0
TOPIC_WEIGHT = 0.5


def relate(articles: list[Article]) -> dict[str, tuple[Relation, ...]]:
    """Up to five related stories per article slug, best first, ties broken by slug."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for key in _keys(article):
            postings[key].append(index)
    total = len(articles)
    related: dict[str, tuple[Relation, ...]] = {}
    for index, article in enumerate(articles):
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for key in _keys(article):
            holders = postings[key]
            if len(holders) < 2:
                continue
            weight = math.log(1 + total / len(holders)) * (TOPIC_WEIGHT if key[0] == "topic" else 1.0)
            for other in holders:
                if other != index:
                    scores[other] += weight
                    shared[other].append(key)
        ranked = sorted(
            (other for other, score in scores.items() if score >= THRESHOLD),
            key=lambda other: (-scores[other], articles[other].slug),
        )[:MAX_RELATED]
        related[article.slug] = tuple(
            Relation(article.slug, articles[o].slug, round(scores[o], 3), _reasons(shared[o])) for o in ranked
        )
    return related


def _keys(article: Article) -> list[tuple[str, str]]:
    keys = [("entity", m.entity) for m in article.mentions]
    keys += [("topic", t.topic) for t in article.topics]
    return sorted(set(keys))


def _reasons(keys: list[tuple[str, str]]) -> tuple[str, ...]:
    entities = [name for kind, name in keys if kind == "entity"]
    topics = [name for kind, name in keys if kind == "topic"]
    reasons = []
    if entities:
        reasons.append("shares " + _join(entities))
    if topics:
        reasons.append(("topic: " if len(topics) == 1 else "topics: ") + _join(topics))
    return tuple(reasons)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
