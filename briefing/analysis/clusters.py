"""Near-duplicates: the same story twice (two outlets, or one file added under two names).

Each article's body becomes a set of word shingles (runs of
:data:`SHINGLE_WORDS` words), hashed deterministically (BLAKE2b, never
Python's ``hash()``, which changes between runs). A MinHash signature of
:data:`PERMUTATIONS` values estimates how much two sets overlap; LSH banding
(:data:`BANDS` bands of :data:`ROWS` values) turns equal bands into candidate
pairs through one sparse product, so only articles that collide in some band
are ever compared. Each candidate is then confirmed with the exact Jaccard
similarity of its shingle sets, at least :data:`MIN_SHARED`.

Confirmed pairs join into clusters. One article per cluster is canonical:
the earliest dated, then the first by source path. The others become
:class:`~briefing.model.Copy` records: the site shows no page for them, and
the canonical story carries them (``Article.copies``) and its page lists them
under "Also reported by".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from briefing.errors import SourceError
from briefing.model import Article, Copy

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
"""With 32 bands of 4, a pair sharing 60% of shingles is a candidate with
probability 0.99, one sharing 80% with probability 1 - 5e-8, one sharing 20%
with probability 0.05."""
MIN_SHARED = 0.6
"""Jaccard similarity of the shingle sets from which two articles are copies."""
SEED = 20_240_601
"""Seed of the MinHash permutations: fixed, so every build finds the same pairs."""
WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)


def find_copies(articles: list[Article], known: dict[bytes, tuple[bytes, np.ndarray]] | None = None) -> tuple[Copy, ...]:
    """The non-canonical members of every near-duplicate cluster, sorted by source path.

    ``known`` maps the sha256 of an article's body to what this needs of it
    (the digest of its shingle set and its MinHash signature), from the last
    build: those bodies are not shingled again, except for the few pairs whose
    exact similarity is checked. It is updated with this build's bodies and
    pruned to them; the result is the same with or without it.
    """
    ordered = sorted(articles, key=lambda a: a.source)
    known = {} if known is None else known
    hashes: dict[str, np.uint64] = {}
    sets: dict[int, np.ndarray] = {}

    def shingle_set(index: int) -> np.ndarray:
        if index not in sets:
            sets[index] = shingles(_body(ordered[index]), hashes)
        return sets[index]

    digests = [hashlib.sha256(_body(a).encode()).digest() for a in ordered]
    missing = sorted({i for i, d in enumerate(digests) if d not in known}, key=lambda i: digests[i])
    missing = [i for n, i in enumerate(missing) if n == 0 or digests[i] != digests[missing[n - 1]]]
    fresh = signatures([shingle_set(i) for i in missing])
    for row, index in enumerate(missing):
        found = shingle_set(index)
        known[digests[index]] = (hashlib.sha256(found.tobytes()).digest() if len(found) else b"", fresh[row].astype(np.uint32))
    for stale in set(known) - set(digests):
        del known[stale]
    keys = [known[d][0] for d in digests]
    # Identical texts are settled at once: only one of each meets the others through LSH.
    distinct, pairs = _split_identical(keys)
    filled = [i for i in distinct if keys[i]]
    signature = np.array([known[digests[i]][1] for i in filled], dtype=np.uint64).reshape(len(filled), PERMUTATIONS)
    pairs += [
        (filled[i], filled[j])
        for i, j in _banded_pairs(signature)
        if jaccard(shingle_set(filled[i]), shingle_set(filled[j])) >= MIN_SHARED
    ]
    if not pairs:
        return ()
    copies = []
    for group in _clusters(pairs, len(ordered)):
        first = min(group, key=lambda i: _canonical_key(ordered[i]))
        copies += [_copy(ordered[i], ordered[first], jaccard(shingle_set(i), shingle_set(first))) for i in group if i != first]
    return tuple(sorted(copies, key=lambda c: c.source))


def _split_identical(keys: list[bytes]) -> tuple[list[int], list[tuple[int, int]]]:
    """The first index of each distinct shingle set (by its digest, ``b""`` when empty), and ``(first, other)``
    for each non-empty set equal to an earlier one."""
    first_of: dict[bytes, int] = {}
    pairs = []
    for index, key in enumerate(keys):
        first = first_of.setdefault(key, index)
        if first != index and key:
            pairs.append((first, index))
    return sorted(first_of.values()), pairs


def _clusters(pairs: list[tuple[int, int]], total: int) -> list[list[int]]:
    """Connected groups of two or more, from the pairs of indexes below ``total``."""
    rows, cols = np.array(pairs).T
    graph = sparse.coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(total, total))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(index)
    return [group for group in members.values() if len(group) > 1]


def attach_copies(articles: list[Article], copies: tuple[Copy, ...]) -> list[Article]:
    """The articles the site shows: copies left out, each canonical story carrying its copies."""
    copied = {copy.source for copy in copies}
    of: dict[str, list[Copy]] = {}
    for copy in sorted(copies, key=lambda c: c.source):
        of.setdefault(copy.canonical, []).append(copy)
    return [replace(a, copies=tuple(of.get(a.source, ()))) for a in articles if a.source not in copied]


def duplicate_warnings(copies: tuple[Copy, ...]) -> list[SourceError]:
    """One warning per copy, naming both files: a duplicate is kept to one page, but said."""
    return [
        SourceError(
            copy.source,
            None,
            f"near-duplicate of {copy.canonical} ({percent(copy.shared)} of text shared)",
            "delete one or keep both knowingly",
        )
        for copy in copies
    ]


def percent(shared: float) -> str:
    """``0.946`` -> ``94%``: rounded down, so only identical texts say 100%."""
    return f"{int(shared * 100)}%"


def shingles(text: str, known: dict[str, np.uint64] | None = None) -> np.ndarray:
    """Sorted unique 64-bit hashes of the runs of :data:`SHINGLE_WORDS` lower-case words in ``text``.

    A text shorter than that gives one shingle of all its words; an empty text none.
    ``known`` caches word hashes across calls.
    """
    words = WORD.findall(text.casefold())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    known = {} if known is None else known
    for word in set(words).difference(known):
        known[word] = _hash64(word)
    hashes = np.fromiter((known[w] for w in words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        # Rotate-and-multiply mixing: order matters, and uint64 arithmetic wraps.
        combined = (combined << np.uint64(7) | combined >> np.uint64(57)) * np.uint64(0x9E3779B97F4A7C15)
        combined ^= hashes[offset : offset + count]
    return np.unique(combined)


def signatures(sets: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures, shape ``(len(sets), PERMUTATIONS)``; rows of empty sets hold ``2**32 - 1``."""
    signature = np.full((len(sets), PERMUTATIONS), _MASK32, dtype=np.uint64)
    filled = [i for i, s in enumerate(sets) if len(s)]
    if not filled:
        return signature
    values = np.concatenate([sets[i] for i in filled])
    starts = np.cumsum([0] + [len(sets[i]) for i in filled[:-1]])
    rng = np.random.default_rng(SEED)
    multipliers = rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    offsets = rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
    for p in range(PERMUTATIONS):
        # Multiply-shift hashing: the top 32 bits of a*x + b (mod 2**64) permute well.
        permuted = (values * multipliers[p] + offsets[p]) >> np.uint64(32)
        signature[filled, p] = np.minimum.reduceat(permuted, starts)
    return signature


def candidate_pairs(sets: list[np.ndarray]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, whose signatures agree on a whole band, sorted."""
    filled = np.array([i for i, s in enumerate(sets) if len(s)], dtype=np.int64)
    if len(filled) < 2:
        return []
    return [(int(filled[i]), int(filled[j])) for i, j in _banded_pairs(signatures([sets[i] for i in filled]))]


def _banded_pairs(signature: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of rows ``(i, j)``, ``i < j``, of ``signature`` that agree on a whole band, sorted."""
    if len(signature) < 2:
        return []
    filled = np.arange(len(signature))
    columns = []
    for band in range(BANDS):
        values = signature[:, band * ROWS : (band + 1) * ROWS]
        _, bucket = np.unique(values, axis=0, return_inverse=True)
        columns.append(bucket.ravel() + band * len(filled))
    index = np.concatenate(columns)
    rows = np.tile(np.arange(len(filled)), BANDS)
    member = sparse.csr_matrix((np.ones(len(index)), (rows, index)), shape=(len(filled), BANDS * len(filled)))
    shared_bands = sparse.triu(member @ member.T, k=1).tocoo()
    pairs = sorted(zip(filled[shared_bands.row].tolist(), filled[shared_bands.col].tolist()))
    return [(int(i), int(j)) for i, j in pairs]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if not len(a) and not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def _hash64(word: str) -> np.uint64:
    return np.uint64(int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little"))


def _body(article: Article) -> str:
    return "\n".join(block.text for block in article.body)


def _canonical_key(article: Article) -> tuple:
    """Earliest date first (undated after dated), then source path."""
    return (not article.date, article.date, article.source)


def _copy(article: Article, canonical: Article, shared: float) -> Copy:
    return Copy(
        source=article.source,
        canonical=canonical.source,
        shared=shared,
        title=article.title,
        publisher=article.publisher,
        date=article.date,
        url=article.url,
    )
