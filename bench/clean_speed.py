"""How fast the text cleaner is, per 10 KB of input, against another commit in the same run.

Cleans the text dump of every page of the shared benchmark sets that has a
full truth (``../shared/bench/cleaning`` and ``cleaning-more``: 318 pages) with
the shipped model, and reports the median and 95th percentile of the
milliseconds spent in the clean stage (``briefing.cleaning.clean``: the rules,
the line model and the headline model; reading and extraction excluded) per
10 KB of the page's text. The time is the process's CPU time
(``time.process_time``): on a machine shared with other work, wall time
mostly measures the others. With ``--against REV`` the same pages are also
cleaned by the code of git revision ``REV`` (exported to a temporary folder),
in alternating rounds of separate processes (each tree first in every other
round), so both see the same machine load; each page's time is its fastest of the rounds. Prints both figures and
their ratio.

    python bench/clean_speed.py [--shared ../shared/bench] [--against REV] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page_files(shared: Path) -> list[Path]:
    """The text dumps of the pages with a full truth, in a fixed order."""
    out = []
    for folder in (shared / "cleaning", shared / "cleaning-more"):
        out += [folder / "text" / f"{truth.stem}.txt" for truth in sorted((folder / "truth").glob("*.json"))]
    return out


def worker(shared: Path, repeats: int) -> dict[str, float]:
    """Seconds per page (the fastest of ``repeats``), cleaned by the ``briefing`` first on sys.path."""
    from briefing.cleaning.clean import clean
    from briefing.sources.read import read

    sources = [(path.name, read(path.name, path.read_bytes())) for path in page_files(shared)]
    clean(sources[0][1])  # load the model once, outside the timing
    out: dict[str, float] = {}
    for name, source in sources:
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time()
            clean(source)
            best = min(best, time.process_time() - started)
        out[name] = best
    return out


def run_worker(tree: Path, shared: Path, repeats: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    script = f"import sys; sys.path.insert(0, {str(tree)!r}); sys.path.insert(1, {str(ROOT / 'bench')!r}); " \
             f"import json, clean_speed, briefing; assert briefing.__file__.startswith({str(tree)!r}), briefing.__file__; " \
             f"print(json.dumps(clean_speed.worker(__import__('pathlib').Path({str(shared)!r}), {repeats})))"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def export(rev: str, folder: Path) -> Path:
    """The package of git revision ``rev`` unpacked into ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "briefing"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def per_10kb(times: dict[str, float], sizes: dict[str, int]) -> list[float]:
    return [1000 * times[name] / (sizes[name] / 10_000) for name in sorted(times)]


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms per 10 KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--against", help="also time the cleaner of this git revision (e.g. a commit before a change)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds of processes per tree")
    parser.add_argument("--repeats", type=int, default=1, help="cleanings of each page per round (later ones find the caches warm)")
    args = parser.parse_args(argv)
    shared = args.shared.resolve()
    sizes = {path.name: len(path.read_text(encoding="utf-8", errors="replace").encode()) for path in page_files(shared)}
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"this tree": ROOT}
        if args.against:
            trees[args.against] = export(args.against, Path(tmp))
        best: dict[str, dict[str, float]] = {name: {} for name in trees}
        for round_ in range(args.rounds):
            order = list(trees.items())
            for name, tree in order if round_ % 2 == 0 else reversed(order):  # each tree goes first in every other round
                for page, seconds in run_worker(tree, shared, args.repeats).items():
                    best[name][page] = min(seconds, best[name].get(page, float("inf")))
    print(f"{len(sizes)} pages, {sum(sizes.values()) / 1e6:.2f} MB of text; clean stage per 10 KB of input, fastest of {args.rounds} rounds:")
    figures = {name: per_10kb(times, sizes) for name, times in best.items()}
    for name, values in figures.items():
        print(f"  {name}: {describe(values)}; {len(values) / sum(best[name].values()):.0f} pages/s")
    if args.against:
        now, then = figures["this tree"], figures[args.against]
        ratios = [a / b for a, b in zip(now, then)]
        print(f"  ratio this tree / {args.against}: median of medians {statistics.median(now) / statistics.median(then):.2f}, "
              f"per-page median ratio {statistics.median(ratios):.2f}, total time {sum(best['this tree'].values()) / sum(best[args.against].values()):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
