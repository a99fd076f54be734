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
    entities_parser = commands.add_parser(
        "entities",
        help="list the entities found in the sources; --unreviewed: only those not in the knowledge base",
        description=(
            "Tag the sources and list their entities with counts. With --unreviewed, list only the entities "
            "discovered by their form in the text, with their roles and the sentences they appear in, "
            "ready to be promoted into taxonomy/entities.yml."
        ),
        epilog="Example: briefing entities --unreviewed --sources sources --taxonomy taxonomy",
    )
    entities_parser.add_argument("--unreviewed", action="store_true", help="only entities not yet in the knowledge base")
    entities_parser.add_argument("--sources", type=Path, default=Path("sources"), metavar="DIR", help="folder of sources (default: sources)")
    entities_parser.add_argument("--taxonomy", type=Path, default=Path("taxonomy"), metavar="DIR", help="folder of the knowledge base (default: taxonomy)")
    args = parser.parse_args(argv)
    if args.command == "entities":
        return _entities(args.sources, args.taxonomy, args.unreviewed)
    return _clean(args.files, args.out)


def _entities(sources: Path, taxonomy_dir: Path, unreviewed: bool) -> int:
    from . import pipeline, taxonomy
    from .errors import BriefingError
    from .render_entities import catalogue

    kb = taxonomy.load(taxonomy_dir, taxonomy_dir.as_posix())
    problems: list[BriefingError] = list(kb.problems)
    try:
        files, skipped = pipeline.discover(sources, Path.cwd())
    except BriefingError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    problems += skipped
    articles = []
    for shown, path in files:
        try:
            articles.append(pipeline.process_source(shown, path.read_bytes(), kb))
        except SourceError as error:
            problems.append(error)
    for problem in problems:
        print(f"briefing: {problem}", file=sys.stderr)
    entities = catalogue(sorted(articles, key=lambda a: a.source), kb)
    sys.stdout.write(entities_report(entities, unreviewed))
    return 1 if problems else 0


def entities_report(entities, unreviewed: bool) -> str:
    """The entities, most stories first, each with its counts, roles and first sentences."""
    shown = [e for e in entities.values() if e.discovered or not unreviewed]
    shown.sort(key=lambda e: (-len(e.stories), -e.mentions, e.name.casefold(), e.name))
    what = "discovered entities not in the knowledge base" if unreviewed else "entities"
    lines = [f"{len(shown)} {what}", ""]
    for info in shown:
        stories = len(info.stories)
        mark = " (discovered)" if info.discovered and not unreviewed else ""
        lines.append(f"{info.name} [{info.kind}]{mark}: {stories} stor{'y' if stories == 1 else 'ies'}, {info.mentions} mention{'' if info.mentions == 1 else 's'}")
        for role, _ in sorted(info.roles.items(), key=lambda r: (-r[1], r[0])):
            lines.append(f"    role: {role}")
        for article, sentence in info.stories:
            lines.append(f"    {article.source}: {sentence}")
        lines.append("")
    if unreviewed and shown:
        lines += [
            "To promote one, add it to taxonomy/entities.yml, e.g.:",
            "",
            f"- name: {shown[0].name}",
            f"  type: {shown[0].kind}",
            "  description: ...",
            "",
        ]
    return "\n".join(lines)


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
