"""Tagging time on hostile paragraphs: does it grow with the text, not with its square?

A hostile source can be one paragraph of thousands of names, or thousands
of paragraphs (the size cap is 4 MB). Each row tags one paragraph made of a
pattern repeated 2,000 and then 8,000 times (the last row: as many
paragraphs, each naming new people) and prints the ratio of the two times:
about 4 is linear, 16 quadratic. Times are measured in this process, best of two.

    python bench/tag_scaling.py
"""

from __future__ import annotations

import sys
import time
from itertools import product
from pathlib import Path
from string import ascii_lowercase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.knowledge import taxonomy  # noqa: E402
from briefing.model import Article, Block  # noqa: E402
from briefing.tagging.tag import tag  # noqa: E402

PATTERNS = {
    "capitalised words": "Alpha Beta Gamma Delta",
    "known names": "Huawei and Mike Pompeo said Pompeo met ZTE.",
    "appositions": "Acme Widgets, a big small red blue green company-ish thing",
    "given names": "John O'Neill al-Bashar F. Smith Jr",
    "acronyms": "the ABC and DEF of GHI",
    "titles": "Tesla boss Elon Musk chief Mary Lou",
    "lists": "Huawei, Acme, Bolt, Crux and Delta Corp,",
    "fans": "Arsenal fans and Chelsea fans of Donald Trump said",
    "cities and clubs": "Dallas Cowboys in Tulsa and Paris Hilton of Kansas City Chiefs",
}
SIZES = (2_000, 8_000)


def seconds(kb, paragraphs: list[str]) -> float:
    article = Article(source="sources/hostile.txt", title="t", body=tuple(Block("paragraph", p) for p in paragraphs))
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        tag(article, kb)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    kb = taxonomy.load(ROOT / "taxonomy")
    print(f"| pattern | KB at {SIZES[0]:,} | s | KB at {SIZES[1]:,} | s | ratio (4 = linear) |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = [(name, [[" ".join([pattern] * n)] for n in SIZES]) for name, pattern in PATTERNS.items()]
    # And as many paragraphs, each naming new people: surnames and short forms resolved over the whole article.
    rows.append(("paragraphs of new names", [_new_names(n) for n in SIZES]))
    for name, (small, large) in rows:
        a, b = seconds(kb, small), seconds(kb, large)
        size = [sum(len(p) for p in paragraphs) // 1000 for paragraphs in (small, large)]
        print(f"| {name} | {size[0]} | {a:.2f} | {size[1]} | {b:.2f} | {b / a:.1f} |")


def _new_names(n: int) -> list[str]:
    tails = ["".join(letters) for letters in product(ascii_lowercase, repeat=3)]
    return [f"Holly Bo{tails[i]} met the DA and Tesla boss Elon Mu{tails[i]} in Dallas. Bo{tails[i]} said so." for i in range(n)]


if __name__ == "__main__":
    main()
