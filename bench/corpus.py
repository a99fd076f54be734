"""Realistic corpora of N sources, made deterministically from a seed out of real article text.

The material is the seed articles in ``sources/`` and, when present, the 72
real page dumps of ``../shared/bench/cleaning/text/`` (menus, share widgets,
captions and all). Each generated source starts from one real article and
keeps its layout, noise lines and length; about half of its paragraphs are
swapped for paragraphs of other articles (so entity mentions travel between
stories and related stories form), a few are reordered, and its title is
varied. About a third come as Markdown with front matter (a date and a
publisher), the rest as plain-text scrapes.

    python bench/corpus.py N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sources"
# ../shared next to a clone, or next to the folder of git worktrees.
SHARED = next(
    (p / "shared" / "bench" / "cleaning" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "bench").is_dir()),
    ROOT.parent / "shared" / "bench" / "cleaning",
)
PARAGRAPH_WORDS = 25
"""A line of at least this many words is taken for article text; shorter lines are layout and noise."""
SWAP_SHARE = 0.5
MARKDOWN_SHARE = 0.3
PUBLISHERS = (
    "The Daily Ledger", "Northern Post", "Global Wire", "Capital Courier", "Harbour Times",
    "Evening Standard Review", "The Continental", "Pacific Record", "Metro Tribune", "The Observer Weekly",
)
TITLE_FRAMES = (
    "{title}", "{title}", "{title}", "Analysis: {title}", "{title}: what we know", "Update: {title}",
    "{title}, explained", "Why it matters: {title}", "{title} ({place})", "In {place}, {title_lower}",
)
PLACES = ("Brussels", "Berlin", "Washington", "London", "Beijing", "Paris", "Ottawa", "Canberra", "Tokyo", "Geneva")


@dataclass(frozen=True)
class Original:
    """One real article: its name, title and lines, noise included."""

    name: str
    title: str
    lines: tuple[str, ...]


def originals(shared: bool = True) -> list[Original]:
    """The real articles available here, sorted by name; with ``shared`` False, the seeds only."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = _lines(path)
        found.append(Original(path.stem, lines[0], tuple(lines)))
    if shared and (SHARED / "text").is_dir():
        for path in sorted((SHARED / "text").glob("*.txt")):
            truth = SHARED / "truth" / f"{path.stem}.json"
            title = json.loads(truth.read_text(encoding="utf-8")).get("title", "") if truth.is_file() else ""
            lines = _lines(path)
            found.append(Original(path.stem, title or max(lines[:40], key=len), tuple(lines)))
    return found


def _lines(path: Path) -> list[str]:
    return [line.rstrip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _is_paragraph(line: str) -> bool:
    return len(line.split()) >= PARAGRAPH_WORDS


def generate(n: int, out: Path, seed: int = 1, shared: bool = True) -> list[Path]:
    """Write ``n`` sources into ``out`` (emptied of earlier ``.txt``/``.md`` first); return their paths.

    ``shared`` False makes them of the seeds alone (what the tests use: never benchmark text).
    """
    rng = random.Random(seed)
    pool = originals(shared)
    paragraphs = sorted({line for original in pool for line in original.lines if _is_paragraph(line)})
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.txt"), *out.glob("*.md")]:
        old.unlink()
    titles: set[str] = set()
    written = []
    for index in range(n):
        original = pool[index % len(pool)] if index < len(pool) else rng.choice(pool)
        title = _unique(_vary_title(original.title, rng), titles)
        lines = _vary_body(original, title, paragraphs, rng)
        written.append(_write(out, index, title, lines, rng))
    return written


def _vary_title(title: str, rng: random.Random) -> str:
    frame = rng.choice(TITLE_FRAMES)
    return frame.format(title=title, title_lower=title[:1].lower() + title[1:], place=rng.choice(PLACES))


def _unique(title: str, taken: set[str]) -> str:
    """Titles give URLs: a repeated one gets a part number, as a running story would."""
    candidate, part = title, 2
    while candidate.casefold() in taken:
        candidate, part = f"{title}, part {part}", part + 1
    taken.add(candidate.casefold())
    return candidate


def _vary_body(original: Original, title: str, paragraphs: list[str], rng: random.Random) -> list[str]:
    lines = [title if line == original.title else line for line in original.lines]
    if title not in lines:
        lines.insert(0, title)
    slots = [i for i, line in enumerate(lines) if _is_paragraph(line)]
    for i in slots:
        if rng.random() < SWAP_SHARE:
            lines[i] = rng.choice(paragraphs)
    if len(slots) >= 2:
        a, b = rng.sample(slots, 2)
        lines[a], lines[b] = lines[b], lines[a]
    return lines


def _write(out: Path, index: int, title: str, lines: list[str], rng: random.Random) -> Path:
    digest = hashlib.sha256(f"{index}\0{title}".encode()).hexdigest()[:12]
    if rng.random() < MARKDOWN_SHARE:
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        meta = {"title": title, "date": date, "publisher": rng.choice(PUBLISHERS)}
        body = [line for line in lines if line != title and _is_paragraph(line)]
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        text = f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"
        path = out / f"{index:06d}_{digest}.md"
    else:
        text = "\n\n".join(lines) + "\n"
        path = out / f"{index:06d}_{digest}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a realistic corpus of N sources.")
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = generate(args.n, args.out, args.seed)
    print(f"{len(written)} sources in {args.out} from {len(originals())} real articles")


if __name__ == "__main__":
    main()
