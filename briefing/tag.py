"""Stage 4, tag: :class:`Article` -> :class:`Article` with entity mentions and topics.

Today: whole-word, case-sensitive matching of the knowledge base's names and
aliases, longest first; topics scored from weighted cue words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Article, Mention, TopicScore
from .taxonomy import KnowledgeBase

MAX_TOPICS = 5
MIN_TOPIC_SCORE = 2.0


def tag(article: Article, kb: KnowledgeBase) -> Article:
    """Find the knowledge base's entities and topics in ``article``."""
    texts = [article.title] + [block.text for block in article.body]
    mentions = _mentions(texts, kb)
    topics = _topics(" ".join(texts), kb)
    explicit = tuple(TopicScore(t, 0.0) for t in article.tags if t not in {s.topic for s in topics})
    return replace(article, mentions=mentions, topics=topics + explicit)


def _mentions(texts: list[str], kb: KnowledgeBase) -> tuple[Mention, ...]:
    names = sorted(
        ((alias, entity) for entity in kb.entities for alias in (entity.name, *entity.aliases)),
        key=lambda pair: (-len(pair[0]), pair[0]),
    )
    if not names:
        return ()
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n, _ in names) + r")(?![\w])")
    by_alias = {alias: entity for alias, entity in names}
    found: dict[str, Mention] = {}
    for index, text in enumerate(texts):
        for match in pattern.finditer(text):
            entity = by_alias[match.group(1)]
            seen = found.get(entity.name)
            if seen is None:
                found[entity.name] = Mention(entity.name, entity.type, match.group(1), max(index - 1, 0))
            else:
                found[entity.name] = replace(seen, count=seen.count + 1)
    return tuple(sorted(found.values(), key=lambda m: (-m.count, m.entity)))


def _topics(text: str, kb: KnowledgeBase) -> tuple[TopicScore, ...]:
    lowered = text.lower()
    scores = []
    for topic in kb.topics:
        score = sum(
            weight * len(re.findall(r"(?<!\w)" + re.escape(cue.lower()) + r"(?!\w)", lowered))
            for cue, weight in topic.cues
        )
        if score >= MIN_TOPIC_SCORE:
            scores.append(TopicScore(topic.name, score))
    scores.sort(key=lambda s: (-s.score, s.topic))
    return tuple(scores[:MAX_TOPICS])
