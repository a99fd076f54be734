"""Train the cleaner's line model: ``make train-cleaner``.

Reads every page of the shared benchmark sets that has a full truth
(``../shared/bench/cleaning`` and ``../shared/bench/cleaning-more``; the
snippet pages are never trained on), runs the hand rules of the text cleaner
on each text dump, labels each line by aligning it with the truth's article
body and each headline candidate by the truth's title, and fits two small
gradient-boosted forests (scikit-learn, fixed seed, no early stopping: the
same data give the same file; scikit-learn is needed here only, see
requirements-train.txt). Writes ``briefing/cleaning/line_model.json``; the
cleaner walks the trees with numpy.

    python bench/train_cleaner.py [--shared ../shared/bench] [--out FILE]

Label of a line: article text when its words are a paragraph of the truth,
or when at least half of its word trigrams occur in the truth's body.
The vocabulary feature (how much more often a word sits in furniture than in
article text, counted in publishers) is cross-fitted: the rows of a page see
a vocabulary counted without its publisher, as a page from an unseen
publisher will.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_pages  # noqa: E402

from briefing.cleaning import linemodel  # noqa: E402
from briefing.cleaning import text as text_cleaner  # noqa: E402
from briefing.sources.read import read  # noqa: E402

WORD = re.compile(r"\w+")
MIN_PUBLISHERS = 3
MAX_VOCABULARY = 5000
INNER_FOLDS = 4
MAX_DEPTH = 6  # bounds the steps of a walk through the trees (the cleaner's speed)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def labels(lines, body: str) -> list[int]:
    """1 for each line that is article text by the truth's body, else 0."""
    paragraphs = {tuple(words(p)) for p in re.split(r"\n\s*\n", body or "") if words(p)}
    flat = words(body)
    trigrams = {tuple(flat[i : i + 3]) for i in range(len(flat) - 2)}
    vocabulary = set(flat)
    out = []
    for line in lines:
        toks = words(line.text)
        if not toks:
            out.append(0)
        elif tuple(toks) in paragraphs:
            out.append(1)
        elif len(toks) >= 4:
            grams = [tuple(toks[i : i + 3]) for i in range(len(toks) - 2)]
            out.append(int(sum(g in trigrams for g in grams) >= 0.5 * len(grams)))
        else:  # a few long runs of characters (Chinese, Japanese): all in the body, and long enough to mean something
            out.append(int(all(t in vocabulary for t in toks) and sum(map(len, toks)) >= 20))
    return out


class Prepared:
    """One page run through the hand rules, with the labels of its lines."""

    def __init__(self, page) -> None:
        self.page = page
        source = read(f"{page.id}.txt", page.text.read_bytes())
        self.lines = text_cleaner._lines(source.text, source.body_line)
        with linemodel.using({}):  # the rules alone: what the models learn to correct
            self.doc = text_cleaner._Document(self.lines) if self.lines else None
        self.labels = labels(self.lines, page.truth.get("articleBody") or "")
        self.tokens = [set(linemodel.tokens(line.text)) for line in self.lines]


def vocabulary(prepared: list[Prepared]) -> dict[str, float]:
    """Word -> log-odds of sitting in furniture rather than article text, counted in publishers."""
    furniture: dict[str, set[str]] = {}
    article: dict[str, set[str]] = {}
    for page in prepared:
        for toks, label in zip(page.tokens, page.labels):
            target = article if label else furniture
            for tok in toks:
                target.setdefault(tok, set()).add(page.page.publisher)
    counted = []
    for tok in sorted(set(furniture) | set(article)):
        f, a = len(furniture.get(tok, ())), len(article.get(tok, ()))
        if f + a >= MIN_PUBLISHERS:
            odds = math.log((f + 0.5) / (a + 0.5))
            if abs(odds) >= 0.7:
                counted.append((-(f + a), tok, round(odds, 2)))
    counted.sort()
    return {tok: odds for _, tok, odds in counted[:MAX_VOCABULARY]}


def _folds(prepared: list[Prepared], k: int) -> list[int]:
    names = sorted({p.page.publisher for p in prepared})
    index = {name: i % k for i, name in enumerate(names)}
    return [index[p.page.publisher] for p in prepared]


def design(prepared: list[Prepared]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int], list[int]]:
    """Features (vocabulary cross-fitted by publisher), labels, sample weights, each row's page and inner fold."""
    folds = _folds(prepared, INNER_FOLDS)
    vocabs = [vocabulary([p for p, f in zip(prepared, folds) if f != k]) for k in range(INNER_FOLDS)]
    rows, ys, ws, pages, inner = [], [], [], [], []
    for number, (page, fold) in enumerate(zip(prepared, folds)):
        if page.doc is None:
            continue
        matrix = linemodel.features(page.lines, page.doc.reasons, page.doc.span, vocabs[fold])
        weight = np.sqrt(np.asarray([line.words for line in page.lines], dtype=float) + 1)
        rows.append(matrix)
        ys.append(np.asarray(page.labels, dtype=float))
        ws.append(weight / weight.sum() * len(page.lines) ** 0.5)  # each page counts about alike
        pages += [number] * len(page.lines)
        inner += [fold] * len(page.lines)
    return np.vstack(rows), np.concatenate(ys), np.concatenate(ws), pages, inner


def headline_design(prepared: list[Prepared]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per headline candidate of each page whose truth headline is among them; label: it is the headline."""
    folds = _folds(prepared, INNER_FOLDS)
    vocabs = [vocabulary([p for p, f in zip(prepared, folds) if f != k]) for k in range(INNER_FOLDS)]
    rows, ys, ws = [], [], []
    for page, fold in zip(prepared, folds):
        wanted = words(page.page.truth.get("title") or "")
        doc = page.doc
        if doc is None or not wanted or not doc.title_rows:
            continue
        labels = [words(page.lines[i].text) == wanted for i, _, _ in doc.title_rows]
        if not any(labels):
            continue
        with linemodel.using({"vocabulary": vocabs[fold]}):
            rows.append(doc._candidate_features(doc.title_rows))
        ys.append(np.asarray(labels, dtype=float))
        ws.append(np.full(len(labels), 1.0 / len(labels) ** 0.5))
    return np.vstack(rows), np.concatenate(ys), np.concatenate(ws)


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, trees: int = 150, leaves: int = 15, min_leaf: int = 40) -> dict:
    """Gradient-boosted trees (scikit-learn, fixed seed, no early stopping) as flat arrays for :class:`linemodel.Forest`."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=trees, learning_rate=0.1, max_leaf_nodes=leaves, max_depth=MAX_DEPTH, min_samples_leaf=min_leaf, l2_regularization=1.0,
        early_stopping=False, random_state=0,
    ).fit(x, y, sample_weight=w)
    out = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "roots": []}
    depth = 0
    for (tree,) in model._predictors:
        nodes = tree.nodes
        offset = len(out["feature"])
        out["roots"].append(offset)
        for number, node in enumerate(nodes):
            leaf = bool(node["is_leaf"])
            out["feature"].append(0 if leaf else int(node["feature_idx"]))
            out["threshold"].append(0.0 if leaf else float(np.float32(node["num_threshold"])))
            out["left"].append(offset + (number if leaf else int(node["left"])))
            out["right"].append(offset + (number if leaf else int(node["right"])))
            out["value"].append(round(float(node["value"]), 6) if leaf else 0.0)
            depth = max(depth, int(node["depth"]))
    out["depth"] = depth
    out["baseline"] = float(model._baseline_prediction.ravel()[0])
    return out


def train(pages) -> dict:
    """The weights learned from ``pages`` (benchmark pages with a full truth)."""
    prepared = [Prepared(page) for page in pages if page.truth.get("articleBody") is not None]
    x, y, w, _, _ = design(prepared)
    hx, hy, hw = headline_design(prepared)
    return {
        "lines": fit_trees(x, y, w),
        "headline": fit_trees(hx, hy, hw, trees=100, leaves=7, min_leaf=10),
        "vocabulary": vocabulary(prepared),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--out", type=Path, default=linemodel.WEIGHTS_FILE)
    args = parser.parse_args(argv)
    pages = [p for p in bench_pages.load_pages(args.shared) if p.bench != "snippets"]
    model = train(pages)
    model["trained_on"] = f"{len(pages)} pages of {len({p.publisher for p in pages})} publishers: ../shared/bench/cleaning and cleaning-more"
    args.out.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    nodes = sum(len(model[name]["value"]) for name in ("lines", "headline") if name in model)
    print(f"train-cleaner: {nodes} tree nodes, {len(model['vocabulary'])} words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
