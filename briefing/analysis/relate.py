"""Stage 5, relate: tagged articles -> related stories for each, with reasons.

The score of a pair of stories adds three parts, each from sparse vectors
weighted by rarity (inverse document frequency, IDF):

- text: cosine of TF-IDF vectors over the words of the cleaned title and body;
- entities: the summed IDF of the entities both stories mention, saturating
  towards 1 (two rare shared names say much; a name every story has, nothing);
- topics: the same over the topics both stories are about;

then scales it by closeness in time (stories days apart keep all of it,
stories years apart lose up to :data:`TIME_WEIGHT`; an unknown date is
neutral), so time alone never relates two stories.

All pairs are scored at once with sparse matrix products, a block of rows at
a time (``S = X[rows] @ X.T``: the inverted index does the work, so only
stories sharing something meet), and the best few of each row are picked by
one sort of the block: no Python loop over pairs. Only pairs at or above
:data:`THRESHOLD` are kept, so a story on an unrelated subject gets none.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

import numpy as np
from scipy import sparse

from briefing.model import Article, Relation

MAX_RELATED = 5
THRESHOLD = 0.05
"""Lowest score shown. Pairs of seed stories score 0.07 to 0.25 (more as the
knowledge base grows); a story on another subject scores 0.03 at most with them."""
TEXT_WEIGHT = 0.6
ENTITY_WEIGHT = 0.25
TOPIC_WEIGHT = 0.15
ENTITY_SCALE = 3.0
"""Summed IDF of shared entities at which the entity part reaches 63% (1 - 1/e)."""
TOPIC_SCALE = 2.0
TIME_WEIGHT = 0.15
"""Share of the score that distance in time can take away."""
TIME_SCALE_DAYS = 180.0
"""Stories this many days apart keep about a third of the time share."""
WORDING_SHOWN = 3
"""Distinctive shared words quoted after "similar wording"."""
ENTITIES_SHOWN = 4
TOPICS_SHOWN = 3
COMMON_FROM = 20
"""From this many stories on, a word used by more than half of them is not quoted as a reason."""
COMMON_SHARE = 0.1
COMMON_MIN = 20
"""A word in more than 10% of the stories, and in more than 20, is left out of the text vectors."""
BLOCK_ROWS = 500
"""Articles scored against all others at once: bounds the memory of one sparse product."""
SCORE_QUANTUM = 1e-6
"""Scores are compared at this precision so that ties, broken by slug, are exact."""

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say
    one two new mr ms mrs per via may might must shall us last make made part based added told according
    including year week time like well even ever however since many much still first get got going""".split()
)
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Vectors:
    """The sparse vectors of a set of articles, one row each, and the names of their columns."""

    text: sparse.csr_matrix
    """TF-IDF, rows of unit length: ``text @ text.T`` is the cosine."""
    entities: sparse.csr_matrix
    """Prominence x ``sqrt(IDF)`` of each entity mentioned: ``entities @ entities.T`` sums shared IDF."""
    topics: sparse.csr_matrix
    terms: tuple[str, ...]
    entity_names: tuple[str, ...]
    topic_names: tuple[str, ...]
    days: np.ndarray
    """Day number of each article's date, NaN when unknown."""
    common: np.ndarray
    """For each term, whether it is too common to quote as a reason."""


def relate(articles: list[Article]) -> dict[str, tuple[Relation, ...]]:
    """Up to five related stories per article slug, best first, ties broken by slug."""
    ordered = sorted(articles, key=lambda a: a.slug)
    related: dict[str, tuple[Relation, ...]] = {a.slug: () for a in ordered}
    if len(ordered) < 2:
        return related
    vectors = vectorise(ordered)
    for index, neighbours in enumerate(top_related(vectors)):
        related[ordered[index].slug] = tuple(
            Relation(ordered[index].slug, ordered[other].slug, round(score, 3), explain(vectors, index, other))
            for other, score in neighbours
        )
    return related


def vectorise(articles: list[Article]) -> Vectors:
    """The text, entity and topic vectors of ``articles``, one row per article, in their order."""
    folded: dict[str, str] = {}
    counts = [_term_counts(" ".join([a.title, *(block.text for block in a.body)]), folded) for a in articles]
    text, terms = _tf_idf(counts)
    entities, entity_names = _rarity_rows([_entity_prominence(a) for a in articles])
    topics, topic_names = _rarity_rows([_topic_prominence(a) for a in articles])
    days = np.array([_day(a.date) for a in articles], dtype=float)
    df = _document_frequency(text)
    # In a small set, "more than half" is most words: there, only words every story uses say nothing.
    common = df * 2 > len(articles) if len(articles) >= COMMON_FROM else df == len(articles)
    return Vectors(text, entities, topics, terms, entity_names, topic_names, days, common)


def _term_counts(text: str, folded: dict[str, str]) -> Counter:
    """:func:`tokens` counted, folding each distinct word once (``folded`` caches it; "" drops it)."""
    counts: Counter = Counter()
    for word, count in Counter(TOKEN.findall(text.casefold())).items():
        term = folded.get(word)
        if term is None:
            term = folded[word] = _singular(word) if _worth_comparing(word) else ""
        if term:
            counts[term] += count
    return counts


def top_related(vectors: Vectors, limit: int = MAX_RELATED, threshold: float = THRESHOLD):
    """For each row, ``[(other row, score), ...]``: the best ``limit`` at or above ``threshold``.

    Rows must be in slug order: among equal scores the lower row wins.
    """
    total = vectors.text.shape[0]
    transposed = _transposed(vectors)
    result: list[list[tuple[int, float]]] = [[] for _ in range(total)]
    for start in range(0, total, BLOCK_ROWS):
        rows, cols, scores = pair_scores(vectors, slice(start, min(start + BLOCK_ROWS, total)), threshold, transposed)
        # One sort for the whole block: by row, then best score (at SCORE_QUANTUM), then lower column.
        order = np.lexsort((cols, -np.floor(scores / SCORE_QUANTUM), rows))
        rows, cols, scores = rows[order], cols[order], scores[order]
        first_of_row = np.searchsorted(rows, rows, side="left")
        keep = np.arange(len(rows)) - first_of_row < limit
        for row, col, score in zip(rows[keep].tolist(), cols[keep].tolist(), scores[keep].tolist()):
            result[row].append((col, score))
    return result


def pair_scores(vectors: Vectors, rows: slice, threshold: float = 0.0, transposed=None):
    """Pairs of the articles at ``rows`` with any article scoring at least ``threshold`` (self excluded).

    Returns three arrays: row, column and score. The block is scored by
    sparse products (``X[rows] @ X.T``, the inverted index at work); time
    only scales a score down, so it is applied to the pairs that pass the
    threshold without it.
    """
    text_t, entities_t, topics_t = transposed or _transposed(vectors)
    # Nearly every pair shares some word: the text part is dense, the others stay sparse.
    scores = TEXT_WEIGHT * (vectors.text[rows] @ text_t).toarray()
    for matrix, transposed_matrix, weight, scale in (
        (vectors.entities, entities_t, ENTITY_WEIGHT, ENTITY_SCALE),
        (vectors.topics, topics_t, TOPIC_WEIGHT, TOPIC_SCALE),
    ):
        shared = (matrix[rows] @ transposed_matrix).tocoo()
        scores[shared.row, shared.col] += weight * (1.0 - np.exp(-shared.data / scale))
    scores[np.arange(scores.shape[0]), np.arange(rows.start, rows.stop)] = 0.0
    row, col = np.nonzero(scores >= threshold)
    score = scores[row, col]
    row = row.astype(np.int64) + rows.start
    col = col.astype(np.int64)
    score = score * _time_factor(vectors.days[row], vectors.days[col])
    keep = score >= threshold
    return row[keep], col[keep], score[keep]


def _transposed(vectors: Vectors):
    # CSR on both sides: scipy would convert a CSC right operand on every product.
    return tuple(m.T.tocsr() for m in (vectors.text, vectors.entities, vectors.topics))


def _time_factor(days: np.ndarray, other_days: np.ndarray) -> np.ndarray:
    """1 for stories on the same day, towards ``1 - TIME_WEIGHT`` years apart; unknown date: midway."""
    gap = np.abs(days - other_days)
    closeness = np.where(np.isnan(gap), 0.5, np.exp(-np.nan_to_num(gap, nan=0.0) / TIME_SCALE_DAYS))
    return 1.0 - TIME_WEIGHT + TIME_WEIGHT * closeness


def tokens(text: str) -> list[str]:
    """Lower-case words worth comparing, plurals folded: no stop words, numbers or single letters."""
    return [_singular(w) for w in TOKEN.findall(text.casefold()) if _worth_comparing(w)]


def _worth_comparing(word: str) -> bool:
    return len(word) > 1 and not word.isdigit() and word not in STOPWORDS


def _singular(word: str) -> str:
    """``companies`` -> ``company``, ``lawmakers`` -> ``lawmaker``; leaves ``press``, ``status``, ``analysis``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _tf_idf(counts: list[Counter]) -> tuple[sparse.csr_matrix, tuple[str, ...]]:
    """Rows of (1 + log tf) x (1 + log((1 + N) / (1 + df))), of unit length.

    Words in more than :data:`COMMON_SHARE` of the stories (and more than
    :data:`COMMON_MIN`) are dropped like stop words: they say little about a
    pair, and they alone would make the all-pairs product dense.
    """
    matrix, names = _count_matrix(counts)
    matrix.data = 1.0 + np.log(matrix.data)
    df = _document_frequency(matrix)
    idf = 1.0 + np.log((1.0 + len(counts)) / (1.0 + df))
    idf[df > max(COMMON_SHARE * len(counts), COMMON_MIN)] = 0.0
    matrix = sparse.csr_matrix(matrix @ sparse.diags(idf))
    matrix.eliminate_zeros()
    return _unit_rows(matrix), names


def _entity_prominence(article: Article) -> dict[str, float]:
    """How much the story is about each entity it mentions: 1 for the most mentioned, less for a passing mention."""
    most = max((m.count for m in article.mentions), default=1)
    return {m.entity: (1.0 + math.log(max(m.count, 1))) / (1.0 + math.log(max(most, 1))) for m in article.mentions}


def _topic_prominence(article: Article) -> dict[str, float]:
    """Each topic's score relative to the story's main topic; a topic set by hand (score 0) counts fully."""
    most = max((t.score for t in article.topics), default=0.0)
    return {t.topic: t.score / most if t.score > 0 and most > 0 else 1.0 for t in article.topics}


def _rarity_rows(prominence: list[dict[str, float]]) -> tuple[sparse.csr_matrix, tuple[str, ...]]:
    """Rows of prominence x sqrt(log((1 + N) / (1 + df))): a row product sums IDF over shared names.

    The IDF is zero for a name every row has: it says nothing about a pair.
    """
    matrix, names = _count_matrix(prominence)
    idf = np.log((1.0 + len(prominence)) / (1.0 + _document_frequency(matrix)))
    matrix = sparse.csr_matrix(matrix @ sparse.diags(np.sqrt(idf)))
    matrix.eliminate_zeros()
    return matrix, names


def _count_matrix(counts: list[Mapping[str, float]]) -> tuple[sparse.csr_matrix, tuple[str, ...]]:
    """One row per mapping of name to value, one column per name in sorted order."""
    names = tuple(sorted({name for row in counts for name in row}))
    column = {name: i for i, name in enumerate(names)}
    indptr = np.cumsum([0] + [len(row) for row in counts], dtype=np.int64)
    indices = np.fromiter((column[name] for row in counts for name in row), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((n for row in counts for n in row.values()), dtype=float, count=int(indptr[-1]))
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(counts), len(names)))
    matrix.sort_indices()
    return matrix, names


def _document_frequency(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.bincount(matrix.indices, minlength=matrix.shape[1])


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _day(date: str) -> float:
    """Day number of an ISO date; a month or year alone counts from its first day; NaN if unknown."""
    parts = (date.split("-") + ["01", "01"])[:3] if date else []
    try:
        return float(dt.date(*(int(p) for p in parts)).toordinal()) if parts else math.nan
    except (TypeError, ValueError):
        return math.nan


def explain(vectors: Vectors, index: int, other: int) -> tuple[str, ...]:
    """Why two articles are related, in words: shared entities, topics, and similar wording."""
    entity_cols, entity_weights = _common(vectors.entities, index, other)
    topic_cols, topic_weights = _common(vectors.topics, index, other)
    text_cols, text_weights = _common(vectors.text, index, other)
    entities = _heaviest_first(entity_cols, entity_weights, vectors.entity_names)
    topics = _heaviest_first(topic_cols, topic_weights, vectors.topic_names)
    said = set(tokens(" ".join(entities + topics)))
    rare = ~vectors.common[text_cols]
    candidates = _heaviest_first(text_cols[rare], text_weights[rare], vectors.terms, WORDING_SHOWN + len(said))
    words = [w for w in candidates if w not in said]
    reasons = []
    if entities:
        shown = entities[:ENTITIES_SHOWN]
        rest = len(entities) - len(shown)
        reasons.append("shares " + join(shown + ([f"{rest} more"] if rest else [])))
    if topics:
        # Commas only: topic names often hold an "and" of their own ("Diplomacy and alliances").
        shown = topics[:TOPICS_SHOWN] + ([f"{len(topics) - TOPICS_SHOWN} more"] if len(topics) > TOPICS_SHOWN else [])
        reasons.append(("topic: " if len(topics) == 1 else "topics: ") + ", ".join(shown))
    text_part = TEXT_WEIGHT * text_weights.sum()
    other_parts = ENTITY_WEIGHT * (1.0 - math.exp(-entity_weights.sum() / ENTITY_SCALE))
    other_parts += TOPIC_WEIGHT * (1.0 - math.exp(-topic_weights.sum() / TOPIC_SCALE))
    if text_part >= other_parts or not reasons:
        reasons.append("similar wording: " + ", ".join(words[:WORDING_SHOWN]) if words else "similar wording")
    return tuple(reasons)


def _common(matrix: sparse.csr_matrix, index: int, other: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns two rows share and the products of their values (the terms of their dot product)."""
    a = slice(matrix.indptr[index], matrix.indptr[index + 1])
    b = slice(matrix.indptr[other], matrix.indptr[other + 1])
    columns, in_a, in_b = np.intersect1d(matrix.indices[a], matrix.indices[b], assume_unique=True, return_indices=True)
    return columns, matrix.data[a][in_a] * matrix.data[b][in_b]


def _heaviest_first(columns: np.ndarray, weights: np.ndarray, names: tuple[str, ...], limit: int | None = None) -> list[str]:
    """Names of (up to ``limit``) columns with a positive weight, heaviest first, then by name.

    Columns are in name order, so the column number breaks ties.
    """
    order = np.lexsort((columns, -weights))[:limit]
    return [names[columns[i]] for i in order if weights[i] > 0]


def join(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
