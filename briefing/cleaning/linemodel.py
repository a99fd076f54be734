"""The learned line decision: is this line of a scrape article text?

The hand rules of :mod:`briefing.cleaning.text` make a first decision for
every line (kept, or removed with a reason). Gradient-boosted trees (150
trees of at most 15 leaves) over shallow features of the line and of its
neighbours then decide again, in the
spirit of boilerpipe (Kohlschütter et al., 2010: word and sentence counts,
word and sentence length, capitalisation, punctuation, position, repetition,
the same features of the neighbouring lines) and of jusText (a short line
between good ones is judged by its context). The rules' decision and reason
are features too, so the model learns where they are right and where not.

Nothing here names a language or a publisher: the vocabulary feature is, for
each word, the log-odds that the training pages used it in page furniture
rather than in article text, counted in publishers, over every language of
the benchmark (``bench/train_cleaner.py`` learns it with the weights). The
same file holds the headline model (:mod:`briefing.cleaning.headline`).

The weights are a small JSON file shipped with the package
(``line_model.json``), made by ``make train-cleaner``; inference is numpy.
"""

from __future__ import annotations

import contextlib
import json
import math
import operator
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import charstats
from briefing.cleaning import lines as ln

WEIGHTS_FILE = Path(__file__).with_name("line_model.json")
TOKEN = re.compile(r"[^\W\d_]{2,}")
PUNCT = re.compile(r"[^\w\s]")
DIGIT = re.compile(r"\d")
SENTENCE = re.compile(r"[.!?。！？](?:[\"'”’)\]]*)(?:\s|$)")
GROUPS = (bp.SHARE, bp.SUBSCRIBE, bp.COOKIES, bp.COMMENTS, bp.RELATED, bp.NAVIGATION, bp.SETTINGS, bp.ADVERT, bp.MEDIA, bp.LEGAL)
# What the rules said about a line, folded into a few kinds.
REASON_KINDS = {
    "page header, before the article": "header",
    "page footer, after the article": "footer",
    "short line without a sentence": "short",
    "photo caption": "caption",
    "photo credit": "caption",
    "repeated line": "repeated",
    "author bio": "bio",
    bp.RELATED: "related",
    bp.COMMENTS: "comments",
}
KINDS = ("kept", "header", "footer", "short", "caption", "repeated", "bio", "related", "comments", "furniture")
# Lines whose role the header rules settled (they feed the title, dek, byline and date): the model leaves them.
SETTLED = frozenset({"headline", "repeated headline", "subtitle", "repeated subtitle", "byline", "publication date"})
# Removals on specific evidence of what the line is (the model would only see a sentence): never restored.
FIRM = frozenset({"video caption", "author bio", "link to another story (a line in capitals)", "photo credit", bp.COMMENTS})
CONTEXT = (-2, -1, 1, 2)
THRESHOLD = 0.5
RESTORE = 0.6
"""A line the rules removed comes back only when the model is this sure: their reasons are evidence too."""
NOT_TEXT = "not article text (its shape and its neighbours'; line model)"

_override: list[dict] = []


@lru_cache(maxsize=1)
def _shipped() -> dict | None:
    if not WEIGHTS_FILE.exists():
        return None
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))


def weights() -> dict | None:
    """The weights in use: the shipped file, or those given to :func:`using`."""
    return _override[-1] if _override else _shipped()


@contextlib.contextmanager
def using(given: dict):
    """Clean with other weights inside the block (the evaluation's leave-publisher-out folds)."""
    _override.append(given)
    try:
        yield
    finally:
        _override.pop()


def tokens(text: str) -> list[str]:
    """The words the vocabulary counts: letters only, two or more, case folded."""
    return TOKEN.findall(text.casefold())


SAMPLE = 400  # the shares of characters are measured on the start of a long line
TEXT, WORDS, PROSE, STRONG, GAP, TOKENS = map(operator.attrgetter, ("text", "words", "prose", "strong", "gap_before", "tokens"))


def _log1p(values) -> np.ndarray:
    """``math.log1p`` of each value (numpy's differs from it in the last bit on some machines: the trees saw math's)."""
    return np.fromiter(map(math.log1p, np.asarray(values, dtype=float).tolist()), dtype=float)


def vocabulary_columns(lines: list[ln.Line], vocab: dict[str, float]) -> np.ndarray:
    """Per line, over its words the vocabulary knows (:func:`tokens`): their mean, max and min log-odds, and their share of the line's tokens."""
    count = len(lines)
    out = np.zeros((count, 4))
    if not count:
        return out
    words, where = charstats.letter_words([line.key for line in lines])
    odds = charstats.lookup(words, vocab)
    known = ~np.isnan(odds)
    at, odds = where[known], odds[known]
    hits = np.bincount(at, minlength=count)
    sums = np.bincount(at, weights=odds, minlength=count)
    has = hits > 0
    out[has, 0] = sums[has] / hits[has]
    if len(at):
        firsts = np.flatnonzero(np.concatenate([[True], at[1:] != at[:-1]]))
        out[at[firsts], 1] = np.maximum.reduceat(odds, firsts)
        out[at[firsts], 2] = np.minimum.reduceat(odds, firsts)
    out[:, 3] = hits / np.maximum(np.fromiter(map(TOKENS, lines), dtype=float, count=count), 1)
    return out


def _flags(values, count: int) -> np.ndarray:
    """0.0 or 1.0 per line, by the truth of each value."""
    return np.fromiter(map(bool, values), dtype=float, count=count)


def _base(lines: list[ln.Line], reasons: dict[int, str], columns: np.ndarray) -> np.ndarray:
    """The line's own features (boilerpipe's shallow text features, the rules' evidence and decision), one row a line."""
    count = len(lines)
    texts = list(map(TEXT, lines))
    counted = charstats.count(texts, SAMPLE)
    sample_size = np.maximum(counted.sample, 1)
    words = np.fromiter(map(WORDS, lines), dtype=float, count=count)
    chars = np.fromiter(map(len, texts), dtype=float, count=count)
    sentences = counted.sentences
    upper_first = counted.capitalised
    some_words = np.maximum(words, 1)
    short = [text if size <= 15 else "" for text, size in zip(texts, words.tolist())]
    group = {name: number for number, name in enumerate(GROUPS)}
    furniture = np.fromiter((group.get(line.furniture, -1) for line in lines), dtype=np.intp, count=count)
    strong = np.fromiter((group.get(line.strong, -1) for line in lines), dtype=np.intp, count=count)
    kind = {name: number for number, name in enumerate(KINDS)}
    kinds = np.fromiter(
        (kind[REASON_KINDS.get(reason, "furniture")] if (reason := reasons.get(line.index, "")) else 0 for line in lines),
        dtype=np.intp, count=count,
    )
    return np.column_stack([
        _log1p(words),
        _log1p(chars),
        np.minimum(chars / some_words, 20) / 10,
        _log1p(sentences),
        _log1p(some_words / np.maximum(sentences, 1)),
        upper_first / some_words,
        _flags(map(str.isupper, texts), count),
        _flags(map(operator.methodcaller("endswith", ln.SENTENCE_END + ("。", "！", "？")), texts), count),
        _flags(map(operator.methodcaller("endswith", ":"), texts), count),
        counted.punctuation / sample_size,
        counted.digits / sample_size,
        _flags(map(PROSE, lines), count),
        _flags(map(STRONG, lines), count),
        _flags(map(ln.is_caption, texts), count),
        _flags(map(ln.is_credit, texts), count),
        _flags(map(ln.is_breadcrumb, texts), count),
        _flags(map(ln.TIMESTAMP.match, texts), count),
        _flags(map(ln.byline_names, texts), count),
        _flags(map(ln.is_name, texts), count),
        _flags(map(ln.find_date, short), count),
        _flags(map(GAP, lines), count),
        columns,
        (furniture[:, None] == np.arange(len(GROUPS))) | (strong[:, None] == np.arange(len(GROUPS))),
        kinds[:, None] == np.arange(len(KINDS)),
    ])


N_BASE = 25 + len(GROUPS) + len(KINDS)
# Of the lines around: words, ends like a sentence, prose, a telling phrase, vocabulary mean, kept by the rules.
NEIGHBOUR = (0, 7, 11, 12, 21, N_BASE - len(KINDS))
REACH = 5  # the lines on either side whose kept and prose shares are features


def _window_mean(values: np.ndarray) -> np.ndarray:
    """The mean of ``values`` over each line and the REACH lines on either side (fewer at the page's ends)."""
    count = len(values)
    summed = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(count)
    low, high = np.maximum(0, index - REACH), np.minimum(count, index + REACH + 1)
    return (summed[high] - summed[low]) / (high - low)


def features(lines: list[ln.Line], reasons: dict[int, str], span: tuple[int, int], vocab: dict[str, float],
             columns: np.ndarray | None = None) -> np.ndarray:
    """One row of features per line: its own, its place in the page, and its neighbours'.

    ``columns`` are the page's :func:`vocabulary_columns` for ``vocab`` when the caller has them already.
    """
    count = len(lines)
    if not count:
        return np.zeros((0, N_BASE + 8 + len(CONTEXT) * len(NEIGHBOUR)))
    base = _base(lines, reasons, vocabulary_columns(lines, vocab) if columns is None else columns)
    keys: dict[str, int] = {}
    for line in lines:
        keys[line.key] = keys.get(line.key, 0) + 1
    words = np.fromiter((line.words for line in lines), dtype=float, count=count)
    total = words.sum() or 1
    index = np.arange(count, dtype=float)
    start, end = span
    place = np.column_stack([
        index / max(count - 1, 1),
        (np.cumsum(words) - words) / total,
        (start <= index) & (index <= end),
        _log1p(np.maximum(0, start - index)),
        _log1p(np.maximum(0, index - end)),
        _log1p([keys[line.key] - 1 for line in lines]),
        _window_mean(base[:, N_BASE - len(KINDS)]),
        _window_mean(base[:, 11]),
    ])
    near = base[:, NEIGHBOUR]
    context = []
    for offset in CONTEXT:
        shifted = np.zeros_like(near)
        if offset < 0 and -offset < count:
            shifted[-offset:] = near[:offset]
        elif offset > 0 and offset < count:
            shifted[:-offset] = near[offset:]
        context.append(shifted)
    return np.hstack([base, place, *context])


BLOCK = 2048


class Forest:
    """Gradient-boosted trees as flat numpy arrays: every tree walked at once, one level per step."""

    def __init__(self, model: dict) -> None:
        self.feature = np.asarray(model["feature"], dtype=np.intp)
        self.threshold = np.asarray(model["threshold"], dtype=float)
        # A node's two children side by side, the right one first: ``children[2 * node + (value <= threshold)]``.
        self.children = np.column_stack([model["right"], model["left"]]).astype(np.intp).ravel()
        self.value = np.asarray(model["value"], dtype=float)
        self.roots = np.asarray(model["roots"], dtype=np.intp)
        self.depth = int(model["depth"])
        self.baseline = float(model["baseline"])

    def chances(self, matrix: np.ndarray) -> np.ndarray:
        """The probability of each row, walked in blocks of rows (memory stays small on a page of 100,000 lines)."""
        if len(matrix) > BLOCK:
            return np.concatenate([self.chances(matrix[i : i + BLOCK]) for i in range(0, len(matrix), BLOCK)])
        matrix = np.ascontiguousarray(matrix, dtype=float)
        flat = matrix.ravel()
        row_start = (np.arange(len(matrix)) * matrix.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (len(matrix), len(self.roots)))
        for _ in range(self.depth):  # a leaf is its own child, so extra steps change nothing
            go_left = flat.take(row_start + self.feature.take(node)) <= self.threshold.take(node)
            node = self.children.take(2 * node + go_left)
        raw = self.baseline + self.value.take(node).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


_forests: list[tuple[dict, dict[str, Forest]]] = []


def forest(name: str) -> Forest | None:
    """The forest ``name`` ("lines" or "headline") of the weights in use, built once per weights; None without a model."""
    model = weights()
    if model is None or name not in model:
        return None
    if not _forests or _forests[0][0] is not model:
        _forests[:] = [(model, {})]
    built = _forests[0][1]
    if name not in built:
        built[name] = Forest(model[name])
    return built[name]


def probabilities(lines: list[ln.Line], reasons: dict[int, str], span: tuple[int, int], columns: np.ndarray | None = None) -> np.ndarray | None:
    """The probability that each line is article text, or None when no model is installed.

    ``columns``: the page's :func:`vocabulary_columns` for the weights in use, when the caller has them.
    """
    trees = forest("lines")
    if trees is None or not lines:
        return None
    return trees.chances(features(lines, reasons, span, weights()["vocabulary"], columns))
