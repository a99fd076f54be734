"""Field by field: the metadata the HTML path finds in saved pages, against the benchmarks' truth.

    python bench/eval_html_meta.py [--bench ../shared/bench/cleaning ../shared/bench/cleaning-more] [--fit-title]

For each benchmark set and for each half of the publishers (a page's
publisher is its id without the version suffix; the halves are fixed by a
hash of that name), it prints:

- ``title``: the headline equals the reference (score.py's tokens);
- ``authors_R``: share of the reference's authors named in the authors field;
- ``date``: the date is within a day of the reference's;
- ``dek``: the subtitle equals the reference's summary (fundus pages, which have one);
- ``extra_dek``: fundus pages without a summary that still got a subtitle;
- ``url``, ``publisher``: pages where the field is set at all (there is no reference).

With ``--fit-title`` it also fits the headline weights on one half of the
publishers and scores them on the other, both ways (the weights the code
ships are set by reasoning, not fitted; this shows whether fitting would gain).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.cleaning import metadata as md  # noqa: E402  (needs the path above)
from briefing.pipeline import article_of  # noqa: E402

SETS = (ROOT.parent / "shared" / "bench" / "cleaning", ROOT.parent / "shared" / "bench" / "cleaning-more")


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def publisher(page_id: str) -> str:
    return re.sub(r"-\d+$", "", re.sub(r"-v\d+(_\d+)?$", "", page_id))


def half(page_id: str) -> int:
    return int(hashlib.sha1(publisher(page_id).encode()).hexdigest(), 16) % 2


def day(value) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    try:
        return dt.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def rows(bench: Path) -> list[dict]:
    out = []
    for file in sorted((bench / "html").glob("*.html.gz")):
        page_id = file.name.removesuffix(".html.gz")
        truth = json.loads((bench / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
        article = article_of(f"sources/{page_id}.html", gzip.decompress(file.read_bytes()))
        out.append({"id": page_id, "truth": truth, "article": article})
    return out


def score(selected: list[dict]) -> dict[str, str]:
    counts: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        counts.setdefault(name, []).append(value)

    for row in selected:
        truth, article = row["truth"], row["article"]
        if truth.get("title"):
            add("title", tokens(truth["title"]) == tokens(article.title))
        wanted = [" ".join(tokens(a)) for a in truth.get("authors") or [] if tokens(a)]
        if wanted:
            got = [" ".join(tokens(a)) for a in article.authors]
            add("authors_R", sum(w in got for w in wanted) / len(wanted))
        if reference := day(truth.get("date")):
            found = day(article.date)
            add("date", bool(found) and abs((found - reference).days) <= 1)
        if row["id"].startswith("fundus"):
            summary = " ".join(truth.get("summary") or [])
            if summary:
                add("dek", tokens(summary) == tokens(article.subtitle))
            else:
                add("extra_dek", bool(article.subtitle))
        add("url", bool(article.url))
        add("publisher", bool(article.publisher))
    return {name: f"{sum(v):.0f}/{len(v)} ({sum(v) / len(v):.3f})" for name, v in counts.items()}


def fit_title(all_rows: list[dict]) -> None:
    """Fit the headline weights on one half of the publishers, score them on the other."""
    from trafilatura.utils import load_html

    from briefing.cleaning.page import read_page

    prepared = []
    for row in all_rows:
        article = row["article"]
        page = read_page(load_html(row["html"])) if "html" in row else None
        if page is None:
            continue
        names = md.site_names(page, article.publisher)
        body = " ".join(b.text for b in article.body)
        prepared.append((row["id"], page, names, body, tokens(row["truth"].get("title", ""))))

    def hits(weights, which):
        return sum(tokens(md.choose_title(p, n, body=b, weights=weights)) == t for i, p, n, b, t in prepared if half(i) == which)

    grid = [0.5, 1.0, 2.0, 3.0]
    options = [dict(jsonld=j, h1=h, og=o, twitter=tw, title=ti) for j, h, o, tw, ti in itertools.product(grid, grid, grid, [0.0, 1.0], [0.5, 1.5])]
    for fit_on in (0, 1):
        best = max(options, key=lambda w: hits(w, fit_on))
        print(f"fitted on half {fit_on}: {best}: half {fit_on} {hits(best, fit_on)}, held-out half {1 - fit_on} {hits(best, 1 - fit_on)}; "
              f"shipped weights: held-out {hits(md.TITLE_WEIGHTS, 1 - fit_on)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, nargs="+", default=[s for s in SETS if s.is_dir()])
    parser.add_argument("--fit-title", action="store_true", help="also fit the headline weights two-fold by publisher")
    args = parser.parse_args(argv)
    everything = []
    for bench in args.bench:
        found = rows(bench)
        if args.fit_title:
            for row in found:
                row["html"] = gzip.decompress((bench / "html" / f"{row['id']}.html.gz").read_bytes()).decode("utf-8", "replace")
        everything += found
        english = set((bench / "ids-en.txt").read_text().split()) if (bench / "ids-en.txt").exists() else None
        print(f"{bench.name} ({len(found)} pages): {score(found)}")
        if english is not None:
            print(f"  English ({len(english)}): {score([r for r in found if r['id'] in english])}")
            print(f"  other languages: {score([r for r in found if r['id'] not in english])}")
    for which in (0, 1):
        selected = [r for r in everything if half(r["id"]) == which]
        print(f"publisher half {which} ({len(selected)} pages): {score(selected)}")
    if args.fit_title:
        fit_title(everything)
    return 0


if __name__ == "__main__":
    sys.exit(main())
