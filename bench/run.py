"""``make bench``: our build against a bare MkDocs + Material build of the same pages.

For each size N, in one run, side by side:

- (a) baseline: the pages ``briefing`` renders for the corpus, written as
  Markdown into a docs folder, built by MkDocs + Material with the same
  configuration, navigation, plugins and templates, but no hooks: no
  pipeline and no search index;
- (b) cold: our full build with an empty cache;
- (c) warm: our rebuild after one source changed;
- (d) unchanged: our rebuild with nothing changed.

Each build runs as its own process (``python -m mkdocs build``) with ``CI=true``;
wall time is measured around it and peak memory is the largest process's
maximum resident set (``os.wait4``); the whole tree's (MkDocs, the worker
processes, Pagefind) is sampled from ``/proc`` four times a second, summed. Then a reader's first search is measured in
headless Chromium (bench/search_probe.py). Results go to ``bench/results.json``
(one record per size; records of other sizes are kept) and a table is printed.

    python bench/run.py --sizes "1000 10000"
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import search_probe  # noqa: E402

from briefing import pipeline  # noqa: E402

OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results.json"
PROJECT_FILES = ("mkdocs.yml", "hooks", "docs", "taxonomy", "overrides")
STAGES = (
    "read", "clean", "extract", "tag", "events and quotes", "sources wall", "cache", "clusters", "relate", "render", "mkdocs", "hooks", "search",
)
"""Seconds per stage; read to events and quotes are summed over sources (over every worker: CPU-like), "sources wall" is their wall
time, "hooks" is the part of "mkdocs" spent in our page hooks (sanitising, search markup)."""
QUERY = "Merkel"


def project(folder: Path, sources: Path | None) -> Path:
    """A copy of this project's site configuration in ``folder``, with ``sources`` linked in."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, folder / name)
        else:
            shutil.copy2(src, folder / name)
    if sources is not None:
        shutil.copytree(sources, folder / "sources")
    return folder


def baseline_project(folder: Path, built: pipeline.Build) -> Path:
    """The same site with the generated pages written out as Markdown and no hooks."""
    project(folder, None)
    (folder / "sources").mkdir()
    for page in built.pages:
        target = folder / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("hooks:\n")
    end = config.index("\n\n", start)
    (folder / "mkdocs.yml").write_text(config[:start] + config[end + 2 :], encoding="utf-8")
    return folder


def timed_build(folder: Path) -> dict:
    """``mkdocs build`` in ``folder`` as a child process: seconds, peak MB, stage seconds."""
    timings = folder / "timings.json"
    timings.unlink(missing_ok=True)
    env = dict(os.environ, CI="true", NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", BRIEFING_TIMINGS=str(timings))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    log = open(folder / "build.log", "w")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=folder, env=env, stdout=log, stderr=log)
    tree = TreeMemory(child.pid)
    tree.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    tree.stop()
    log.close()
    if status != 0:
        raise SystemExit(f"bench: build failed in {folder}; see {folder / 'build.log'}")
    stages = json.loads(timings.read_text()) if timings.exists() else {}
    # CPU seconds of the process tree: steadier than wall time on a shared machine. The worker processes are
    # children of the fork server, a child of MkDocs: counted once the pool shuts them down and reaps them.
    # The fork server that starts the worker processes is never waited for, so rusage misses it and the workers: the samples add them.
    cpu = usage.ru_utime + usage.ru_stime + tree.cpu
    return {
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        # ru_maxrss of a child starts at this process's size when it forked: the sampled high-water marks instead,
        # with the stages' own report (VmHWM at post_build) for the MkDocs process's last moments.
        "peak_rss_mb": round(max(tree.largest, 1024 * stages.get("memory", {}).get("mkdocs", 0)) / 1024, 1),
        "tree_peak_mb": round(tree.peak / 1024, 1),
        "stages": {k: v for k, v in stages.items() if isinstance(v, (int, float)) and k in STAGES},
        "memory": stages.get("memory", {}),
        "workers": stages.get("workers", 0),
        "pages_reused": stages.get("pages reused", 0),
    }


class TreeMemory(threading.Thread):
    """A process and its descendants, sampled from /proc: the largest sum of their resident memory (``peak``, KiB)
    and the CPU seconds of the multiprocessing fork server and its workers (``cpu``: each one's own user and
    system time when last seen), which the build's rusage does not include."""

    def __init__(self, pid: int, every: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self.largest = 0
        """The largest ``VmHWM`` (KiB) of any process of the tree: its own peak, never the starting process's."""
        self.seen: dict[int, float] = {}
        self._done = threading.Event()

    @property
    def cpu(self) -> float:
        return sum(self.seen.values())

    def run(self) -> None:
        while not self._done.wait(self.every):
            rss, cpu = _tree(self.pid)
            self.peak = max(self.peak, sum(rss.values()))
            self.largest = max([self.largest, *map(_high_water, rss)])
            self.seen.update((pid, seconds) for pid, seconds in cpu.items() if _pooled(pid))

    def stop(self) -> None:
        self._done.set()
        self.join()


TICKS = os.sysconf("SC_CLK_TCK")


def _high_water(pid: int) -> int:
    """``VmHWM`` of ``pid`` in KiB (0 when it is gone): unlike ``ru_maxrss``, it does not start from the high-water
    mark of the process that forked it, which for every build here is this bench, holding the baseline's pages."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            return next((int(line.split()[1]) for line in handle if line.startswith(b"VmHWM:")), 0)
    except (OSError, ValueError, IndexError):
        return 0


def _pooled(pid: int) -> bool:
    """Whether ``pid`` is the multiprocessing fork server or a worker it forked (they share its command line)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"multiprocessing" in handle.read()
    except OSError:
        return False


def _tree(root: int) -> tuple[dict[int, int], dict[int, float]]:
    """Resident KiB and CPU seconds of ``root`` and its descendants, by pid."""
    parents, rss, cpu = {}, {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[pid] = int(fields[1])
            cpu[pid] = (int(fields[11]) + int(fields[12])) / TICKS
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in members:
                members.add(pid)
                frontier.append(pid)
    return {p: rss[p] for p in members if p in rss}, {p: cpu[p] for p in members if p in cpu}


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def change_one_source(sources: Path) -> Path:
    """Append a sentence to the middle source, as an editor fixing a story would."""
    files = sorted(p for p in sources.iterdir() if p.is_file())
    target = files[len(files) // 2]
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\nThis story was updated with a correction after publication.\n")
    return target


def measure(n: int, seed: int) -> dict:
    """Baseline, cold and warm builds of an N-source corpus, and the first search."""
    work = OUT / str(n)
    shutil.rmtree(work, ignore_errors=True)
    load_before = round(os.getloadavg()[0], 1)
    print(f"bench: N={n}: generating the corpus", flush=True)
    sources = work / "corpus"
    corpus.generate(n, sources, seed)

    ours = project(work / "ours", sources)
    built = pipeline.build(ours, ours / "sources", cache_dir=None)
    base = baseline_project(work / "baseline", built)
    pages = len(built.pages)
    del built

    print(f"bench: N={n}: (a) baseline, {pages} pages", flush=True)
    baseline = timed_build(base)
    print(f"bench: N={n}: (b) cold build", flush=True)
    shutil.rmtree(ours / ".cache", ignore_errors=True)
    cold = timed_build(ours)
    print(f"bench: N={n}: (c) rebuild after one source changed", flush=True)
    change_one_source(ours / "sources")
    warm = timed_build(ours)
    print(f"bench: N={n}: (d) rebuild with nothing changed", flush=True)
    unchanged = timed_build(ours)
    print(f"bench: N={n}: first search for {QUERY!r} in headless Chromium", flush=True)
    probe = search_probe.probe(ours / "site", QUERY)

    return {
        "n": n,
        "pages": pages,
        "load_before": load_before,
        "workers": cold["workers"],
        "baseline_s": baseline["seconds"],
        "cold_s": cold["seconds"],
        "warm_s": warm["seconds"],
        "cold_ratio": round(cold["seconds"] / baseline["seconds"], 2),
        "warm_ratio": round(warm["seconds"] / baseline["seconds"], 2),
        "baseline_cpu_s": baseline["cpu_s"],
        "cold_cpu_s": cold["cpu_s"],
        "warm_cpu_s": warm["cpu_s"],
        "cold_cpu_ratio": round(cold["cpu_s"] / baseline["cpu_s"], 2),
        "warm_cpu_ratio": round(warm["cpu_s"] / baseline["cpu_s"], 2),
        "unchanged_s": unchanged["seconds"],
        "unchanged_ratio": round(unchanged["seconds"] / baseline["seconds"], 2),
        "unchanged_cpu_ratio": round(unchanged["cpu_s"] / baseline["cpu_s"], 2),
        "load_average": round(os.getloadavg()[0], 1),
        "peak_rss_mb": max(baseline["peak_rss_mb"], cold["peak_rss_mb"], warm["peak_rss_mb"]),
        "baseline_rss_mb": baseline["peak_rss_mb"],
        "cold_rss_mb": cold["peak_rss_mb"],
        "warm_rss_mb": warm["peak_rss_mb"],
        "unchanged_rss_mb": unchanged["peak_rss_mb"],
        "baseline_tree_mb": baseline["tree_peak_mb"],
        "cold_tree_mb": cold["tree_peak_mb"],
        "warm_tree_mb": warm["tree_peak_mb"],
        "unchanged_tree_mb": unchanged["tree_peak_mb"],
        "search_payload_bytes": probe.payload_bytes,
        "search_first_ms": probe.first_ms,
        "search_results": probe.results,
        "search_index_bytes": size_of(ours / "site" / "pagefind"),
        "site_bytes": size_of(ours / "site"),
        "baseline_site_bytes": size_of(base / "site"),
        "stages": {k: cold["stages"][k] for k in STAGES if k in cold["stages"]},
        "warm_stages": {k: warm["stages"][k] for k in STAGES if k in warm["stages"]},
        "unchanged_stages": {k: unchanged["stages"][k] for k in STAGES if k in unchanged["stages"]},
        "cold_memory": cold["memory"],
        "warm_memory": warm["memory"],
        "unchanged_memory": unchanged["memory"],
        "warm_pages_reused": warm["pages_reused"],
    }


def table(records: list[dict]) -> str:
    """The summary as Markdown tables (bench/README.md keeps a copy)."""
    records = sorted(records, key=lambda r: r["n"])
    head = ["N", "pages", "load", "workers", "baseline s", "cold s", "warm s", "unchanged s", "cold/base", "warm/base", "unchanged/base",
            "CPU cold/base", "CPU warm/base"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in records:
        rows.append(
            f"| {r['n']:,} | {r['pages']:,} | {r.get('load_before', '–')}→{r['load_average']} | {r.get('workers', '–')} | {r['baseline_s']:.1f} "
            f"| {r['cold_s']:.1f} | {r['warm_s']:.1f} | {_get(r, 'unchanged_s', '.1f')} | {r['cold_ratio']:.2f} | {r['warm_ratio']:.2f} "
            f"| {_get(r, 'unchanged_ratio', '.2f')} | {r.get('cold_cpu_ratio', 0):.2f} | {r.get('warm_cpu_ratio', 0):.2f} |"
        )
    head = ["N", "peak MB base", "cold", "warm", "unchanged", "tree MB base", "cold", "warm", "search KB", "search ms", "site MB"]
    rows += ["", "| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in records:
        rows.append(
            f"| {r['n']:,} | {r['baseline_rss_mb']:.0f} | {r['cold_rss_mb']:.0f} | {r['warm_rss_mb']:.0f} | {_get(r, 'unchanged_rss_mb', '.0f')} "
            f"| {_get(r, 'baseline_tree_mb', '.0f')} | {_get(r, 'cold_tree_mb', '.0f')} | {_get(r, 'warm_tree_mb', '.0f')} "
            f"| {r['search_payload_bytes'] / 1024:.0f} | {r['search_first_ms']:.0f} | {r['site_bytes'] / 1e6:.0f} |"
        )
    stages = [s for s in STAGES if any(s in r["stages"] for r in records)]
    rows += ["", "| N | " + " | ".join(stages) + " |", "|" + "---:|" * (len(stages) + 1)]
    for r in records:
        for kind, key in (("cold", "stages"), ("warm", "warm_stages"), ("unchanged", "unchanged_stages")):
            if key in r:
                rows.append(f"| {r['n']:,} {kind} | " + " | ".join(_seconds(r[key].get(s)) for s in stages) + " |")
    memory = [s for s in (*STAGES, "workers") if any(s in r.get("cold_memory", {}) for r in records)]
    if memory:
        rows += ["", "| N (peak MB when the stage ended) | " + " | ".join(memory) + " |", "|" + "---:|" * (len(memory) + 1)]
        for r in records:
            for kind in ("cold", "warm", "unchanged"):
                if r.get(f"{kind}_memory"):
                    rows.append(f"| {r['n']:,} {kind} | " + " | ".join(_cell(r[f"{kind}_memory"].get(s)) for s in memory) + " |")
    return "\n".join(rows)


def _get(record: dict, key: str, spec: str) -> str:
    return format(record[key], spec) if key in record else "–"


def _seconds(value) -> str:
    """A stage's seconds; ``–`` for a stage that did not run (or was not timed apart in an older record)."""
    return f"{value:.2f}" if isinstance(value, (int, float)) else "–"


def _cell(value) -> str:
    return f"{value:.0f}" if isinstance(value, (int, float)) else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the build against bare MkDocs + Material.")
    parser.add_argument("--sizes", default="1000", help='corpus sizes, e.g. "1000 10000"')
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    records = {r["n"]: r for r in previous}
    for n in (int(s) for s in args.sizes.split()):
        records[n] = measure(n, args.seed)
        RESULTS.write_text(json.dumps(sorted(records.values(), key=lambda r: r["n"]), indent=2) + "\n")
    print(table(list(records.values())))


if __name__ == "__main__":
    main()
