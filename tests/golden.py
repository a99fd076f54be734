"""The golden site: the pages the pipeline generates from the seeds, kept in tests/golden/.

``make golden`` rewrites it after an intended change (review the diff before
committing); ``tests/site/test_golden.py`` compares a fresh run with it, whole.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from briefing import pipeline

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted((ROOT / "sources").glob("0*_*.txt"))


def kept(path: str) -> bool:
    """The golden site holds every Markdown page and the main feeds (per-entity feeds share their code)."""
    return path.endswith(".md") or path in ("feeds/rss.xml", "feeds/feed.json")


def seed_pages(workdir: Path) -> dict[str, str]:
    """The generated pages of a build of the five seeds alone, by path (those :func:`kept`)."""
    sources = workdir / "sources"
    sources.mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy2(seed, sources / seed.name)
    built = pipeline.build(workdir, sources, ROOT / "taxonomy", cache_dir=None)
    return {page.path: page.markdown for page in built.pages if kept(page.path)}


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pages = seed_pages(Path(tmp))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, text in pages.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"tests/golden: {len(pages)} pages written; review them with git diff before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
