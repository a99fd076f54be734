"""The shared benchmark's pages as the cleaner's evaluation and training read them, and their publishers' folds.

``bench/eval_clean.py`` (``make eval``) and ``bench/train_cleaner.py`` (``make
train-cleaner``) both read the pages of ``../shared/bench/cleaning`` and
``cleaning-more`` through :func:`load_pages`; the leave-publisher-out folds
(:func:`group_folds`) keep every page of one publisher in one fold.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

FOLDS = 5
"""Folds of the leave-publisher-out evaluation."""


@dataclass(frozen=True)
class Page:
    bench: str  # "cleaning", "more" or "snippets"
    id: str
    publisher: str
    english: bool
    text: Path
    html: Path
    truth: dict


def publisher(page_id: str) -> str:
    """The publisher of a page: its id without the version suffix (``-v1``, ``-v1_1``, ``-2``).

    ``trafilatura-<site>.<tag>`` pages keep their site (``trafilatura-bbc.com``).
    """
    stem = re.sub(r"-v\d+(?:_\d+)?$|-\d+$", "", page_id)
    if stem.startswith("trafilatura-"):
        site = stem.removeprefix("trafilatura-").split("-")[0]
        parts = site.split(".")
        return "trafilatura-" + (".".join(parts[:-1]) if len(parts) > 2 else site)
    return stem


def load_pages(shared: Path) -> list[Page]:
    pages: list[Page] = []
    folders = (("cleaning", shared / "cleaning"), ("more", shared / "cleaning-more"), ("snippets", shared / "cleaning-more" / "snippets"))
    for bench, folder in folders:
        for truth_file in sorted((folder / "truth").glob("*.json")):
            truth = json.loads(truth_file.read_text(encoding="utf-8"))
            pid = truth_file.stem
            english = (truth.get("language") or "en") == "en"
            pages.append(Page(bench, pid, publisher(pid), english, folder / "text" / f"{pid}.txt", folder / "html" / f"{pid}.html.gz", truth))
    return pages


def group_folds(pages: list[Page], k: int = FOLDS) -> dict[str, int]:
    """Publisher -> fold: publishers sorted by page count, each given to the fold with fewest pages (deterministic)."""
    counts = Counter(p.publisher for p in pages)
    sizes = [0] * k
    out: dict[str, int] = {}
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        fold = min(range(k), key=lambda f: (sizes[f], f))
        out[name] = fold
        sizes[fold] += count
    return out
