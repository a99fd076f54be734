"""Quality gate of the cleaner: ``make eval``.

Cleans every page of the two shared benchmark sets (``../shared/bench/cleaning``:
72 English pages; ``../shared/bench/cleaning-more``: 62 English and 184 other
languages, plus 114 English pages with snippet truth) in this process, scores
them with the benchmark's own ``score.py`` functions and prints one table, with
English and other languages apart. Exits 1 when a figure falls below its pinned
floor, so a change that makes cleaning worse cannot pass unnoticed.

Leave-publisher-out: the line model (:mod:`briefing.cleaning.linemodel`) is
learned from these pages, so each page is cleaned by a model trained without
its publisher (group k-fold by publisher, ``bench/train_cleaner.py``). The
snippet pages are never trained on. ``--seen`` cleans with the shipped model
instead (trained on everything: the figures are then on seen pages).

    python bench/eval_clean.py [--shared ../shared/bench] [--worst N] [--no-html] [--seen]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import FOLDS, Page, group_folds, load_pages  # noqa: E402,F401  (load_pages: eval_clean's callers)

from briefing.commands.cli import cleaned_markdown  # noqa: E402  (needs the path above)
from briefing.errors import SourceError  # noqa: E402

# Pinned floors: a little under the leave-publisher-out figures measured when they were set
# (/work/notes/issue14-cleaner-docs.md has the table). Issue 14's targets are higher: see the notes.
FLOORS = {
    ("text", "english", "bow_F1"): 0.92,
    ("text", "other", "bow_F1"): 0.915,
    ("text", "cleaning (en)", "bow_F1"): 0.95,
    ("text", "english", "title_exact"): 0.83,
    ("text", "other", "title_exact"): 0.64,
    ("text", "english", "authors"): 0.86,
    ("text", "other", "authors"): 0.51,
    ("text", "english", "date"): 0.92,
    ("text", "other", "date"): 0.86,
    ("text", "snippets (en)", "snippets"): 0.87,
    ("html", "english", "bow_F1"): 0.935,
    ("html", "other", "bow_F1"): 0.95,
    ("html", "english", "title_exact"): 0.87,
    ("html", "english", "authors"): 0.93,
    ("html", "english", "date"): 0.97,
    ("html", "snippets (en)", "snippets"): 0.93,
}
COLUMNS = ("pages", "bow_P", "bow_R", "bow_F1", "title_exact", "authors", "date", "snippets")


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("bench_score", shared / "cleaning-more" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_pages(pages: list[Page], kind: str) -> tuple[dict[str, str], float]:
    """Cleaned Markdown per page id, and the seconds spent cleaning."""
    out: dict[str, str] = {}
    spent = 0.0
    for page in pages:
        if kind == "text":
            data, shown = page.text.read_bytes(), f"{page.id}.txt"
        else:
            data, shown = gzip.decompress(page.html.read_bytes()), f"{page.id}.html"
        started = time.perf_counter()
        try:
            out[page.id] = cleaned_markdown(shown, data)
        except SourceError as error:  # refused as a user's build would refuse it: scored as an empty page
            print(f"eval: refused {error}", file=sys.stderr)
            out[page.id] = ""
        spent += time.perf_counter() - started
    return out, spent


def clean_leave_publisher_out(pages: list[Page], kind: str, seen: bool) -> tuple[dict[str, str], float]:
    """Each trainable page cleaned by a model that never saw its publisher; snippet pages by the shipped model."""
    import train_cleaner  # scikit-learn: `make eval` installs requirements-train.txt

    from briefing.cleaning import linemodel

    if seen:
        return clean_pages(pages, kind)
    trainable = [p for p in pages if p.bench != "snippets"]
    folds = group_folds(trainable)
    out, spent = clean_pages([p for p in pages if p.bench == "snippets"], kind)
    for fold in range(FOLDS):
        train = [p for p in trainable if folds[p.publisher] != fold]
        held = [p for p in trainable if folds[p.publisher] == fold]
        weights = train_cleaner.train(train)
        with linemodel.using(weights):
            cleaned, seconds = clean_pages(held, kind)
        out.update(cleaned)
        spent += seconds
    return out, spent


def printed_title(score, page: Page) -> bool:
    """Is the truth's headline printed alone on a line of the text dump (same words, case and punctuation aside)?"""
    wanted = score.tokens(page.truth.get("title") or "")
    lines = page.text.read_text(encoding="utf-8", errors="replace").split("\n")
    return bool(wanted) and any(score.tokens(line) == wanted for line in lines)


def shown_authors(score, page: Page, raw_text: str) -> bool:
    norm = " " + " ".join(score.tokens(raw_text)) + " "
    authors = [a for a in (page.truth.get("authors") or []) if score.tokens(a)]
    return bool(authors) and all(" " + " ".join(score.tokens(a)) + " " in norm for a in authors)


def shown_date(score, page: Page, raw_text: str) -> bool:
    day = score.truth_date(page.truth.get("date"))
    return day is not None and any(abs((d - day).days) <= 1 for d in score.find_dates(raw_text))


def score_page(score, page: Page, produced: str) -> dict[str, float]:
    """The per-page figures: bag-of-words P/R/F1 (full truth), snippet counts, and the metadata checks where shown."""
    row: dict[str, float] = {}
    truth = page.truth
    text = score.strip_markdown(produced, True, (), score.DEFAULT_DROP_SECTIONS, None)
    if truth.get("articleBody") is not None:
        tp, fp, fn = score.prf_counts(Counter(score.tokens(truth["articleBody"])), Counter(score.tokens(text)))
        row["bow_P"], row["bow_R"], row["bow_F1"] = score.prf(tp, fp, fn)
    elif truth.get("with") or truth.get("without"):
        flat = " ".join(text.split()).lower()
        hits = sum(" ".join(s.split()).lower() in flat for s in truth.get("with", []))
        leaks = sum(" ".join(s.split()).lower() in flat for s in truth.get("without", []))
        row["snip_right"] = hits + len(truth.get("without", [])) - leaks
        row["snip_total"] = len(truth.get("with", [])) + len(truth.get("without", []))
    raw = page.text.read_text(encoding="utf-8", errors="replace")
    meta = score.meta_scores(produced, truth)
    if "title_exact" in meta and printed_title(score, page):
        row["title_exact"] = meta["title_exact"]
    if "authors_R" in meta and shown_authors(score, page, raw):
        row["authors"] = meta["authors_R"]
    if "date_ok" in meta and shown_date(score, page, raw):
        row["date"] = meta["date_ok"]
    return row


GROUPS = (
    ("cleaning (en)", lambda p: p.bench == "cleaning"),
    ("more en", lambda p: p.bench == "more" and p.english),
    ("more other", lambda p: p.bench == "more" and not p.english),
    ("english", lambda p: p.bench in ("cleaning", "more") and p.english),
    ("other", lambda p: p.bench == "more" and not p.english),
    ("snippets (en)", lambda p: p.bench == "snippets"),
)


def summarise(pages: list[Page], rows: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for name, member in GROUPS:
        chosen = [rows[p.id] for p in pages if member(p)]
        summary: dict[str, float] = {"pages": len(chosen)}
        for metric in ("bow_P", "bow_R", "bow_F1", "title_exact", "authors", "date"):
            values = [r[metric] for r in chosen if metric in r]
            if values:
                summary[metric] = statistics.mean(values)
                summary[f"n_{metric}"] = len(values)
        total = sum(r.get("snip_total", 0) for r in chosen)
        if total:
            summary["snippets"] = sum(r.get("snip_right", 0) for r in chosen) / total
            summary["n_snippets"] = total
        table[name] = summary
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print("| set | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for name, row in table.items():
        cells = []
        for column in COLUMNS:
            if column == "pages":
                cells.append(str(row["pages"]))
            elif column in row:
                count = row.get(f"n_{column}")
                cells.append(f"{row[column]:.3f}" + (f" (n={count})" if column in ("title_exact", "authors", "date", "snippets") else ""))
            else:
                cells.append("–")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst text pages by F1")
    parser.add_argument("--no-html", action="store_true", help="score the text dumps only")
    parser.add_argument("--seen", action="store_true", help="clean with the shipped model (figures on seen pages)")
    parser.add_argument("--json", type=Path, help="write the tables and per-page rows here")
    args = parser.parse_args(argv)
    if not (args.shared / "cleaning-more" / "score.py").exists():
        print(f"eval: no benchmark at {args.shared}; pass --shared DIR (the folder holding cleaning/ and cleaning-more/)", file=sys.stderr)
        return 2
    score = load_score(args.shared)
    pages = load_pages(args.shared)
    report: dict[str, object] = {}
    tables = {}
    for kind in ("text",) if args.no_html else ("text", "html"):
        produced, spent = clean_leave_publisher_out(pages, kind, args.seen)
        rows = {p.id: score_page(score, p, produced[p.id]) for p in pages}
        tables[kind] = summarise(pages, rows)
        size = sum((p.text if kind == "text" else p.html).stat().st_size for p in pages)
        if kind == "html":
            size = sum(len(gzip.decompress(p.html.read_bytes())) for p in pages)
        ms_per_10kb = 1000 * spent / (size / 10_000)
        print_table(f"{kind} path ({'seen: shipped model' if args.seen else 'leave-publisher-out'}), "
                    f"{len(pages) / spent:.0f} pages/s, {ms_per_10kb:.1f} ms per 10 KB of input", tables[kind])
        report[kind] = {"table": tables[kind], "rows": rows, "ms_per_10kb": ms_per_10kb}
        if kind == "text" and args.worst:
            worst = sorted((r["bow_F1"], pid) for pid, r in rows.items() if "bow_F1" in r)[: args.worst]
            for f1, pid in worst:
                print(f"   worst {pid} F1={f1:.3f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, sort_keys=True), encoding="utf-8")
    failures = [
        f"{path} {group} {metric} {tables[path][group].get(metric, 0.0):.3f} < floor {floor:.3f}"
        for (path, group, metric), floor in sorted(FLOORS.items())
        if path in tables and tables[path][group].get(metric, 0.0) < floor
    ]
    for failure in failures:
        print(f"eval: FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
