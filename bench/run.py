"""``make bench``: our build against a bare MkDocs + Material build of the same pages.

For each size N, in one run, side by side:

- (a) baseline: the pages ``briefing`` renders for the corpus, written as
  Markdown into a docs folder, built by MkDocs + Material with the same
  configuration, navigation, plugins and templates, but no hooks: no
  pipeline and no search index;
- (b) cold: our full build with an empty cache;
- (c) warm: our rebuild after one source changed.

Each build runs as its own process (``python -m mkdocs build``) with ``CI=true``;
wall time is measured around it and peak memory is the process tree's maximum
resident set (``os.wait4``). Then a reader's first search is measured in
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
STAGES = ("read", "clean", "extract", "tag", "events and quotes", "cache", "clusters", "relate", "render", "mkdocs", "search")
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
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    log.close()
    if status != 0:
        raise SystemExit(f"bench: build failed in {folder}; see {folder / 'build.log'}")
    stages = json.loads(timings.read_text()) if timings.exists() else {}
    # ru_maxrss is in KiB on Linux, and covers the child's own children (Pagefind).
    # CPU seconds of the process tree: steadier than wall time on a shared machine.
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "stages": stages}


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
    print(f"bench: N={n}: first search for {QUERY!r} in headless Chromium", flush=True)
    probe = search_probe.probe(ours / "site", QUERY)

    return {
        "n": n,
        "pages": pages,
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
        "load_average": round(os.getloadavg()[0], 1),
        "peak_rss_mb": max(baseline["peak_rss_mb"], cold["peak_rss_mb"], warm["peak_rss_mb"]),
        "baseline_rss_mb": baseline["peak_rss_mb"],
        "cold_rss_mb": cold["peak_rss_mb"],
        "warm_rss_mb": warm["peak_rss_mb"],
        "search_payload_bytes": probe.payload_bytes,
        "search_first_ms": probe.first_ms,
        "search_results": probe.results,
        "search_index_bytes": size_of(ours / "site" / "pagefind"),
        "site_bytes": size_of(ours / "site"),
        "baseline_site_bytes": size_of(base / "site"),
        "stages": {k: cold["stages"][k] for k in STAGES if k in cold["stages"]},
        "warm_stages": {k: warm["stages"][k] for k in STAGES if k in warm["stages"]},
    }


def table(records: list[dict]) -> str:
    """The summary as a Markdown table (the README keeps a copy)."""
    head = ["N", "baseline s", "cold s", "warm s", "cold/base", "warm/base", "CPU cold/base", "CPU warm/base", "peak MB", "search KB", "search ms", "site MB"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in sorted(records, key=lambda r: r["n"]):
        rows.append(
            f"| {r['n']:,} | {r['baseline_s']:.1f} | {r['cold_s']:.1f} | {r['warm_s']:.1f} | {r['cold_ratio']:.2f} "
            f"| {r['warm_ratio']:.2f} | {r.get('cold_cpu_ratio', 0):.2f} | {r.get('warm_cpu_ratio', 0):.2f} | {r['peak_rss_mb']:.0f} | {r['search_payload_bytes'] / 1024:.0f} "
            f"| {r['search_first_ms']:.0f} | {r['site_bytes'] / 1e6:.0f} |"
        )
    stages = [s for s in STAGES if any(s in r["stages"] for r in records)]
    rows += ["", "| N | " + " | ".join(stages) + " |", "|" + "---:|" * (len(stages) + 1)]
    for r in sorted(records, key=lambda r: r["n"]):
        rows.append(f"| {r['n']:,} cold | " + " | ".join(f"{r['stages'].get(s, 0):.2f}" for s in stages) + " |")
        rows.append(f"| {r['n']:,} warm | " + " | ".join(f"{r['warm_stages'].get(s, 0):.2f}" for s in stages) + " |")
    return "\n".join(rows)


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
