"""The ``briefing`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .clean import clean
from .errors import SourceError
from .extract import extract
from .markup import front_matter, inline
from .read import read
from .render import render_blocks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of scraped news articles into a briefing site.",
        epilog="Example: briefing clean sources/000_669a26e6db527cb5.txt",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    clean_parser = commands.add_parser(
        "clean",
        help="print each cleaned article as Markdown with YAML front matter",
        description="Clean articles and print them as Markdown with the extracted metadata as YAML front matter.",
        epilog="Example: briefing clean --out /tmp/clean sources/*.txt",
    )
    clean_parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    clean_parser.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<stem>.md for each FILE instead of printing")
    args = parser.parse_args(argv)
    return _clean(args.files, args.out)


def _clean(files: list[Path], out: Path | None) -> int:
    status = 0
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for path in files:
        try:
            document = cleaned_markdown(path.as_posix(), path.read_bytes())
        except (SourceError, OSError) as error:
            print(f"briefing: {error}", file=sys.stderr)
            status = 1
            continue
        if out is None:
            sys.stdout.write(document)
        else:
            (out / f"{path.stem}.md").write_text(document, encoding="utf-8")
    return status


def cleaned_markdown(shown: str, data: bytes) -> str:
    """One cleaned article as Markdown: metadata as front matter, then title, dek and body."""
    article = extract(clean(read(shown, data)))
    meta = {
        "title": article.title,
        "subtitle": article.subtitle,
        "authors": list(article.authors),
        "publisher": article.publisher,
        "date": article.date,
    }
    meta = {k: v for k, v in meta.items() if v}
    dek = f"*{inline(article.subtitle)}*\n\n" if article.subtitle else ""
    return front_matter(meta) + f"# {inline(article.title)}\n\n" + dek + render_blocks(article.body)


if __name__ == "__main__":
    sys.exit(main())
