"""From how many sources the worker processes pay for themselves: ``python bench/pool_threshold.py``.

For each count N, N generated sources (bench/corpus.py) go through
:func:`briefing.pipeline.collect` without a cache, once in this process and
once with a pool of one worker per core forced on (``workers.MIN_POOLED``
set to 0), best of ``--repeat`` runs each, in wall seconds. A pool costs its
start (a fork server that imports the package, each worker compiling the
knowledge base's automaton) and the sending of articles both ways; it wins
from the count where the pooled column drops below the serial one, which is
what :data:`briefing.workers.MIN_POOLED` is set from. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

from briefing import pipeline, workers  # noqa: E402


def seconds(project: Path, count: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pipeline.collect(project, project / "sources", cache_dir=None, workers=count)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="4 8 16 24 32 48 64")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    workers.MIN_POOLED = 0
    cores = workers.cores()
    print(f"| sources | one process s | {cores} workers s | pooled / serial |\n|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "taxonomy", project / "taxonomy")
        for n in (int(c) for c in args.counts.split()):
            corpus.generate(n, project / "sources", seed=n)
            serial, pooled = seconds(project, 1, args.repeat), seconds(project, cores, args.repeat)
            print(f"| {n} | {serial:.2f} | {pooled:.2f} | {pooled / serial:.2f} |", flush=True)


if __name__ == "__main__":
    main()
