"""The ``briefing`` command line.

Each subcommand is a :class:`Command`: a name, a one-line summary, an example,
a function adding its arguments and a function running it. All of them are
listed once, in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from briefing import pipeline
from briefing.adapter import options
from briefing.commands import add, catalog, fetch
from briefing.commands.check import ERROR, check_project
from briefing.commands.export import export, load_config
from briefing.commands.outputs import (
    project_inputs,
    refuse_overlap,
    refuse_overwriting_inputs,
)
from briefing.commands.why import why_report
from briefing.errors import BriefingError, ConfigError, SourceError
from briefing.markup import front_matter, inline
from briefing.site.entities import catalogue, distinct_roles
from briefing.site.stories import render_blocks
from briefing.sources.files import read_source


@dataclass(frozen=True, slots=True)
class Command:
    """One subcommand of ``briefing``."""

    name: str
    summary: str
    """What it does, in one line: shown in ``briefing --help``."""
    example: str
    """One typical command line, shown under "Example" in its help."""
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    details: str = ""
    """More about it, shown in its own help."""


def main(argv: list[str] | None = None) -> int:
    """Run ``briefing`` with ``argv`` (default: the process arguments); returns the exit status."""
    args = parser().parse_args(argv)
    try:
        return args.command.run(args)
    except BriefingError as error:
        _report(error)
        return 1


def _report(error: BriefingError) -> None:
    """Print ``error`` for a person, each problem it carries on its own line."""
    for problem in error.every() if isinstance(error, SourceError) else (error,):
        print(f"briefing: {problem}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of :data:`COMMANDS`."""
    top = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of scraped news articles into a briefing site: import articles, check them, export the pages.",
        epilog="Examples:\n" + "\n".join(f"  {c.example}" for c in COMMANDS) + "\n\nRun 'briefing COMMAND --help' for more.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.summary,
            description=command.summary[0].upper() + command.summary[1:] + "." + (f"\n\n{command.details}" if command.details else ""),
            epilog=f"Example:\n  {command.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.arguments(sub)
        sub.set_defaults(command=command)
    return top


def _project_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="the project's mkdocs.yml (default: ./mkdocs.yml); its extra.briefing options say where sources/ and taxonomy/ are")


def _project(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    """``(mkdocs.yml, sources folder, taxonomy folder)`` of the project named by ``--config``."""
    config_file = args.config.resolve()
    if not config_file.is_file():
        raise ConfigError(f"{args.config}: no such file; run briefing in the project folder or pass --config path/to/mkdocs.yml")
    opts = options(load_config(config_file))
    root = config_file.parent
    return config_file, root / opts.sources, root / opts.taxonomy


# --- clean ---------------------------------------------------------------


def _clean_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<stem>.md for each FILE instead of printing; never into the project's sources, knowledge base or docs, never over a FILE")
    _project_arguments(parser)


def _clean(args: argparse.Namespace) -> int:
    status = 0
    if args.out is not None:
        _check_clean_output(args)
        args.out.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        shown = path.as_posix()
        try:
            document = cleaned_markdown(shown, read_source(shown, path))
        except SourceError as error:
            _report(error)
            status = 1
            continue
        if args.out is None:
            sys.stdout.write(document)
        else:
            (args.out / f"{path.stem}.md").write_text(document, encoding="utf-8")
    return status


def _check_clean_output(args: argparse.Namespace) -> None:
    """Refuse an ``--out`` inside the project's inputs (outside a project, only the FILEs count), or over a FILE."""
    if args.config.is_file() or args.config != Path("mkdocs.yml"):  # a project named, or the one here
        config_file, sources, taxonomy_dir = _project(args)
        refuse_overlap(args.out, project_inputs(config_file, load_config(config_file), sources, taxonomy_dir), "--out")
    writes: dict[Path, list[Path]] = {}
    for path in args.files:
        writes.setdefault(args.out / f"{path.stem}.md", []).append(path)
    refuse_overwriting_inputs(writes)


def cleaned_markdown(shown: str, data: bytes) -> str:
    """One cleaned article as Markdown: metadata as front matter, then title, dek and body."""
    article = pipeline.article_of(shown, data)
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


# --- entities ------------------------------------------------------------


def _entities_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unreviewed", action="store_true", help="only entities not yet in the knowledge base")
    parser.add_argument("--why", metavar="NAME", help="the evidence for one entity: which stories, which rule or layer found it, the sentence")
    _project_arguments(parser)


def _entities(args: argparse.Namespace) -> int:
    """The entities the site shows: the build's own stages (:func:`pipeline.collect`), with no cache."""
    config_file, sources, taxonomy_dir = _project(args)
    root, unreviewed = config_file.parent, args.unreviewed
    try:
        collection = pipeline.collect(root, sources, taxonomy_dir, cache_dir=None)
    except BriefingError as error:
        _report(error)
        return 1
    for problem in collection.problems:
        print(f"briefing: {problem}", file=sys.stderr)
    ordered = sorted(collection.articles, key=lambda a: a.source)
    if args.why is not None:
        report = why_report(args.why, ordered, collection.kb)
        if not report:
            print(f"briefing: no entity named {args.why!r} in the sources; `briefing entities` lists them all", file=sys.stderr)
            return 1
        sys.stdout.write(report)
        return 1 if collection.problems else 0
    entities = catalogue(ordered, collection.kb)
    sys.stdout.write(entities_report(entities, unreviewed))
    return 1 if collection.problems else 0


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
        for role, _ in distinct_roles(info.roles):
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
            "To drop one that is no entity at all, add its name to taxonomy/not-entities.yml:",
            "",
            f"- {shown[0].name}",
            "",
        ]
    return "\n".join(lines)


# --- add -----------------------------------------------------------------


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("targets", nargs="+", metavar="PATH|URL", help="a .txt, .md or .html file, or an http(s) address")
    parser.add_argument("--timeout", type=_seconds, default=fetch.TIMEOUT, metavar="SECONDS", help=f"give up on a page that has not fully arrived after this long, redirects included (default: {fetch.TIMEOUT:g})")
    parser.add_argument("--max-bytes", type=_positive, default=fetch.MAX_BYTES, metavar="N", help=f"refuse pages larger than this (default: {fetch.MAX_BYTES:,})")
    parser.add_argument("--allow-private", action="store_true", help="fetch from this machine or a private network too (loopback, 10.x, 192.168.x, link-local...); refused by default, redirects included")
    _project_arguments(parser)


def _seconds(text: str) -> float:
    try:
        return fetch.check_timeout(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above zero; write e.g. --timeout 20") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above zero")
    return value


def _add(args: argparse.Namespace) -> int:
    config_file, sources, _ = _project(args)
    root = config_file.parent
    known = catalog.scan(sources, root) if sources.is_dir() else []
    status = 0
    for target in args.targets:
        try:
            written, fixes = add.add(target, sources, root, known, timeout=args.timeout, max_bytes=args.max_bytes, allow_private=args.allow_private)
        except BriefingError as error:
            _report(error)
            status = 1
            continue
        print(f"added {written}: check what was found in {fixes} and correct it there")
    return status


# --- export --------------------------------------------------------------


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dest", type=Path, metavar="DIR", help="a new or empty folder")
    parser.add_argument("--replace", action="store_true", help="delete DIR first if an earlier export made it")
    _project_arguments(parser)


def _export(args: argparse.Namespace) -> int:
    config_file, sources, taxonomy_dir = _project(args)
    result = export(config_file, sources, taxonomy_dir, args.dest, replace=args.replace)
    for problem in result.problems:
        print(f"briefing: warning: {problem}", file=sys.stderr)
    for path in result.hidden:
        print(f"briefing: warning: docs/{path}: hand-written page hides a generated one; rename or remove it", file=sys.stderr)
    print(f"exported {result.pages} generated pages to {args.dest}; build them with: cd {args.dest} && mkdocs build")
    return 0


# --- check ---------------------------------------------------------------


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    _project_arguments(parser)


def _check(args: argparse.Namespace) -> int:
    config_file, sources, taxonomy_dir = _project(args)
    findings = check_project(config_file.parent, sources, taxonomy_dir)
    for finding in findings:
        print(finding)
    errors = sum(1 for f in findings if f.level == ERROR)
    warnings = len(findings) - errors
    print(f"briefing check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    return 1 if errors else 0


COMMANDS: tuple[Command, ...] = (
    Command(
        "add",
        "import articles from files or web addresses into sources/, kept as they came, with a file for your corrections",
        "briefing add https://example.com/news/story.html notes/interview.txt",
        _add_arguments,
        _add,
        details="Each article is kept byte for byte as sources/YYYY-MM-DD-slug.html (.txt, .md; slug.EXT when undated), "
        "named from the title and date the pipeline finds, and every build cleans it again. Beside it, "
        "sources/YYYY-MM-DD-slug.yml lists what was found, commented out, and the address and day it was "
        "fetched: set a field there (title, subtitle, authors, publisher, date, url, language, tags, "
        "redirect_from) and it wins over the page on every build. A file already in sources/ only gets its "
        ".yml. Nothing is overwritten, and an article already in sources/ (same file, same text or same url) "
        "is refused, naming its source. The story's address comes from the file's name, so correcting the "
        "title keeps every link.",
    ),
    Command(
        "check",
        "lint sources/ and the knowledge base without building; exit status 1 on errors",
        "briefing check",
        _check_arguments,
        _check,
        details="Errors: bad encoding, bad front matter or corrections files (and corrections files that fit no "
        "source, or two), duplicate articles, tags that are not topics of taxonomy/topics.yml, two files "
        "giving one story address, names claimed by two entities. Warnings: no date, "
        "no author. Each finding reads FILE:LINE: LEVEL: what is wrong; what to do.",
    ),
    Command(
        "clean",
        "print each cleaned article as Markdown with its metadata as YAML front matter",
        "briefing clean --out /tmp/clean sources/*.txt",
        _clean_arguments,
        _clean,
    ),
    Command(
        "entities",
        "list the entities found in the sources; --unreviewed: only those not in the knowledge base",
        "briefing entities --unreviewed",
        _entities_arguments,
        _entities,
        details="With --unreviewed, list only the entities discovered by their form in the text, with their "
        "roles and the sentences they appear in, ready to be promoted into taxonomy/entities.yml. With --why NAME, "
        "show the evidence for one entity: each story naming it, the rule or layer that found it (the knowledge "
        "base, a discovery rule, the statistical model and what typed its name, or the collection pass) and the sentence.",
    ),
    Command(
        "export",
        "write the generated pages as plain Markdown files, with the docs and a mkdocs.yml without hooks",
        "briefing export /tmp/briefing-md && cd /tmp/briefing-md && mkdocs build",
        _export_arguments,
        _export,
        details="The pages are those the build hands to MkDocs in memory, front matter included, so you can "
        "read and diff the cleaned articles, or build the briefing with a generator that ignores hooks.",
    ),
)


if __name__ == "__main__":
    sys.exit(main())
