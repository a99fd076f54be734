"""Quality gate of the cleaner: ``make eval``.

Cleans the benchmark's text dumps and HTML pages with ``briefing clean --out``
(in this process, so the timing is the cleaner's, not Python's start-up),
scores both with the benchmark's own ``score.py`` and prints one table.
Exits 1 when a figure falls below its pinned floor, so a change that makes
cleaning worse cannot pass unnoticed.

    python bench/eval_clean.py [--bench ../shared/bench/cleaning] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.commands.cli import main as briefing  # noqa: E402  (needs the path above)

# Pinned floors: a little under the figures measured when they were set (see README).
FLOORS = {
    ("text", "bow_F1"): 0.94,
    ("text", "title_exact"): 0.77,
    ("text", "authors_R"): 0.92,
    ("text", "date_ok"): 0.85,
    ("text", "date_shown_ok"): 0.93,
    ("html", "bow_F1"): 0.95,
    ("html", "title_exact"): 0.80,
    ("html", "authors_R"): 0.93,
    ("html", "date_ok"): 0.95,
}
COLUMNS = ("bow_P", "bow_R", "bow_F1", "title_exact", "authors_R", "date_ok", "date_shown_ok", "pages_per_s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "cleaning")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst text pages")
    args = parser.parse_args(argv)
    bench = args.bench
    if not (bench / "score.py").exists():
        print(f"eval: no benchmark at {bench}; pass --bench DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp:
        work = Path(tmp)
        rows = {
            "text": _run("text", sorted((bench / "text").glob("*.txt")), work, bench, args.worst),
            "html": _run("html", _unpack(sorted((bench / "html").glob("*.html.gz")), work / "html-in"), work, bench, 0),
        }
    _table(rows)
    failures = [
        f"{path} {metric} {rows[path][metric]:.3f} < floor {floor:.3f}"
        for (path, metric), floor in sorted(FLOORS.items())
        if rows[path].get(metric, 0.0) < floor
    ]
    for failure in failures:
        print(f"eval: FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


def _unpack(files: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    out = []
    for file in files:
        target = folder / file.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(file.read_bytes()))
        out.append(target)
    return out


def _run(name: str, files: list[Path], work: Path, bench: Path, worst: int) -> dict[str, float]:
    out = work / f"{name}-out"
    started = time.perf_counter()
    status = briefing(["clean", "--out", str(out), *map(str, files)])
    elapsed = time.perf_counter() - started
    if status != 0:
        print(f"eval: briefing clean reported problems on the {name} pages", file=sys.stderr)
    report = work / f"{name}.json"
    command = [sys.executable, str(bench / "score.py"), str(out), "--truth", str(bench / "truth"), "--json", str(report)]
    if worst:
        command += ["--worst", str(worst)]
    printed = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if worst:
        print("\n".join(line for line in printed.splitlines() if "worst" in line))
    summary = json.loads(report.read_text())[str(out)]["summary"]
    row = {key: summary[key] for key in ("bow_P", "bow_R", "bow_F1")}
    row.update(summary.get("meta", {}))
    row["pages_per_s"] = len(files) / elapsed if elapsed else 0.0
    if name == "text":
        row["date_shown_ok"] = _dates_where_shown(bench, files, out)
    return row


def _dates_where_shown(bench: Path, files: list[Path], out: Path) -> float:
    """Date found, counted only on pages whose text shows their date (in any format score.py reads)."""
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    hits = shown = 0
    for file in files:
        truth = json.loads((bench / "truth" / f"{file.stem}.json").read_text())
        day = score.truth_date(truth.get("date"))
        if day is None or not any(abs((d - day).days) <= 1 for d in score.find_dates(file.read_text())):
            continue
        shown += 1
        produced = out / f"{file.stem}.md"
        raw = produced.read_text() if produced.exists() else ""
        hits += score.meta_scores(raw, {"date": truth["date"]}).get("date_ok", 0.0)
    return hits / shown if shown else 0.0


def _table(rows: dict[str, dict[str, float]]) -> None:
    print("| path | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for name, row in rows.items():
        cells = ["–" if c not in row else f"{row[c]:.0f}" if c == "pages_per_s" else f"{row[c]:.3f}" for c in COLUMNS]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
