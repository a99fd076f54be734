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
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.cleaning import boilerplate as bp
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


def _base(line: ln.Line, reason: str, vocab: dict[str, float]) -> list[float]:
    text = line.text
    words = max(line.words, 1)
    chars = len(text)
    toks = text.split()
    sample = text[:400]  # the shares of characters, measured on the start of a long line
    upper_first = sum(1 for t in toks if t[:1].isupper())
    sentences = len(SENTENCE.findall(text))
    punct = len(PUNCT.findall(sample))
    digits = len(DIGIT.findall(sample))
    found = [vocab[t] for t in tokens(text) if t in vocab]
    kind = "kept" if not reason else REASON_KINDS.get(reason, "furniture")
    return [
        math.log1p(line.words),
        math.log1p(chars),
        min(chars / words, 20) / 10,
        math.log1p(sentences),
        math.log1p(words / max(sentences, 1)),
        upper_first / words,
        float(text.isupper()),
        float(text.endswith(ln.SENTENCE_END) or text.endswith(("。", "！", "？"))),
        float(text.endswith(":")),
        punct / max(len(sample), 1),
        digits / max(len(sample), 1),
        float(line.prose),
        float(bool(line.strong)),
        float(ln.is_caption(text)),
        float(ln.is_credit(text)),
        float(ln.is_breadcrumb(text)),
        float(bool(ln.TIMESTAMP.match(text))),
        float(bool(ln.byline_names(text))),
        float(ln.is_name(text)),
        float(line.words <= 15 and bool(ln.find_date(text))),
        float(line.gap_before),
        sum(found) / len(found) if found else 0.0,
        max(found) if found else 0.0,
        min(found) if found else 0.0,
        len(found) / max(len(toks), 1),
        *(float(line.furniture == group or line.strong == group) for group in GROUPS),
        *(float(kind == k) for k in KINDS),
    ]


N_BASE = 25 + len(GROUPS) + len(KINDS)
# Of the lines around: words, ends like a sentence, prose, a telling phrase, vocabulary mean, kept by the rules.
NEIGHBOUR = (0, 7, 11, 12, 21, N_BASE - len(KINDS))


def features(lines: list[ln.Line], reasons: dict[int, str], span: tuple[int, int], vocab: dict[str, float]) -> np.ndarray:
    """One row of features per line: its own, its place in the page, and its neighbours'."""
    count = len(lines)
    base = [_base(line, reasons.get(line.index, ""), vocab) for line in lines]
    keys: dict[str, int] = {}
    for line in lines:
        keys[line.key] = keys.get(line.key, 0) + 1
    total = sum(line.words for line in lines) or 1
    before = 0
    start, end = span
    rows = []
    empty = [0.0] * len(NEIGHBOUR)
    kept = [b[N_BASE - len(KINDS)] for b in base]
    for i, line in enumerate(lines):
        window = kept[max(0, i - 5) : i + 6]
        prose = [lines[j].prose for j in range(max(0, i - 5), min(count, i + 6))]
        place = [
            i / max(count - 1, 1),
            before / total,
            float(start <= i <= end),
            math.log1p(max(0, start - i)),
            math.log1p(max(0, i - end)),
            math.log1p(keys[line.key] - 1),
            sum(window) / len(window),
            sum(prose) / len(prose),
        ]
        context = []
        for offset in CONTEXT:
            j = i + offset
            context += [base[j][k] for k in NEIGHBOUR] if 0 <= j < count else empty
        rows.append(base[i] + place + context)
        before += line.words
    return np.asarray(rows, dtype=float).reshape(count, -1)


BLOCK = 2048


class Forest:
    """Gradient-boosted trees as flat numpy arrays: every tree walked at once, one level per step."""

    def __init__(self, model: dict) -> None:
        self.feature = np.asarray(model["feature"], dtype=np.intp)
        self.threshold = np.asarray(model["threshold"], dtype=float)
        self.left = np.asarray(model["left"], dtype=np.intp)
        self.right = np.asarray(model["right"], dtype=np.intp)
        self.value = np.asarray(model["value"], dtype=float)
        self.roots = np.asarray(model["roots"], dtype=np.intp)
        self.depth = int(model["depth"])
        self.baseline = float(model["baseline"])

    def chances(self, matrix: np.ndarray) -> np.ndarray:
        """The probability of each row, walked in blocks of rows (memory stays small on a page of 100,000 lines)."""
        if len(matrix) > BLOCK:
            return np.concatenate([self.chances(matrix[i : i + BLOCK]) for i in range(0, len(matrix), BLOCK)])
        rows = np.arange(len(matrix))[:, None]
        node = np.broadcast_to(self.roots, (len(matrix), len(self.roots)))
        for _ in range(self.depth):  # a leaf points to itself, so extra steps change nothing
            go_left = matrix[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        raw = self.baseline + self.value[node].sum(axis=1)
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


def probabilities(lines: list[ln.Line], reasons: dict[int, str], span: tuple[int, int]) -> np.ndarray | None:
    """The probability that each line is article text, or None when no model is installed."""
    trees = forest("lines")
    if trees is None or not lines:
        return None
    return trees.chances(features(lines, reasons, span, weights()["vocabulary"]))
