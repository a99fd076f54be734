"""``briefing check``: lint ``sources/`` and the knowledge base without building.

Every finding names ``file:line``, says what is wrong and what to do. Errors
are what would break or spoil the build (bad encoding, bad front matter,
duplicates, unknown tags, clashing names); warnings are metadata a reader
will miss (no date, no author).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.commands import catalog
from briefing.errors import ConfigError, SourceError, printable
from briefing.knowledge import taxonomy
from briefing.model import Article, Source
from briefing.pipeline import article_from, unexpected, unknown_tags
from briefing.slugs import RESERVED, assign_slugs, story_name
from briefing.sources import corrections
from briefing.sources.corrections import corrections_path
from briefing.sources.files import (
    find_corrections,
    find_sources,
    read_guarded,
    read_source,
)
from briefing.sources.read import field_lines, read

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: ``path:line: level: what; todo``."""

    path: str
    line: int
    level: str
    what: str
    todo: str

    def __str__(self) -> str:
        """The finding as printed: invisible characters escaped, so that a crafted file name cannot drive the terminal."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.level}: {self.what}; {self.todo}")


def check_project(root: Path, sources: Path, taxonomy_dir: Path) -> list[Finding]:
    """All findings for the sources and knowledge base of a project, sorted by file and line."""
    kb_shown = _shown(taxonomy_dir, root)
    kb_texts = {name: _text_or_none(taxonomy_dir / name, f"{kb_shown}/{name}") for name in ("entities.yml", "topics.yml")}
    kb = taxonomy.load(taxonomy_dir, kb_shown)
    findings = check_knowledge_base(kb_shown, kb, kb_texts)
    try:
        files, skipped = find_sources(sources, root)
    except ConfigError as error:  # no sources folder: its message says what to do
        where, _, rest = str(error).partition(": ")
        what, _, todo = rest.partition("; ")
        return sorted(findings + [Finding(where, 0, ERROR, what, todo)], key=_order)
    findings += [_from_error(problem) for problem in skipped]
    paired, unpaired = find_corrections(sources, root, files)
    findings += [_from_error(problem) for problem in unpaired]
    readable = []
    fixes: dict[str, tuple[str, bytes]] = {}
    for shown, path in files:
        try:
            readable.append((shown, read_source(shown, path)))
            if shown in paired:
                fixes[shown] = (paired[shown][0], read_source(*paired[shown]))
        except SourceError as error:  # a link, a pipe, an oversized or unreadable file: refused as the build refuses it
            findings.append(_from_error(error))
    findings += check_sources(readable, {t.name for t in kb.topics}, fixes)
    return sorted(findings, key=_order)


def check_sources(files: list[tuple[str, bytes]], topics: set[str], fixes: dict[str, tuple[str, bytes]] | None = None) -> list[Finding]:
    """Findings for source files given as ``(shown path, bytes)``, in path order.

    ``fixes`` gives a source's corrections file as ``(shown path, bytes)``, by the source's path.
    """
    findings: list[Finding] = []
    articles: list[Article] = []
    entries: list[catalog.Known] = []
    fixes = fixes or {}
    for shown, data in sorted(files):
        try:
            source = read(shown, data)
        except SourceError as error:
            lines = field_lines(data)
            findings += [_from_error(e, lines.get(_field_named(e.what))) for e in error.every()]
            continue
        except Exception as error:  # a bug met on one odd file: reported as the build reports it
            findings.append(_from_error(unexpected(shown, error)))
            continue
        fixed = None
        if shown in fixes:
            try:
                fixed = corrections.read_corrections(*fixes[shown])
            except SourceError as error:  # reported; the source is checked as it stands
                findings.append(_from_error(error))
        try:
            article = article_from(corrections.apply(source, fixed))
        except SourceError as error:
            lines = field_lines(data)
            findings += [_from_error(e, _key_line(lines, _field_named(e.what))) for e in error.every()]
            continue
        except Exception as error:
            findings.append(_from_error(unexpected(shown, error)))
            continue
        findings += _encoding(source)
        findings += _metadata(source, article, topics, field_lines(data), fixed)
        candidate = catalog.entry(shown, data, article)
        entries.append(candidate)
        if found := catalog.duplicate_of(candidate, entries):
            other, why = found
            findings.append(Finding(shown, 1, ERROR, f"duplicate of {other.path} ({why})", "delete one of the two"))
            continue  # its title clashes too, which says nothing new
        articles.append(article)
    slugs, collisions = assign_slugs({a.source: story_name(a.source) for a in articles})
    for slug, paths in collisions:
        for path in paths[1:]:
            findings.append(Finding(path, 1, ERROR, f"same file name, so same story address {slug!r}, as {paths[0]}", "rename one of the files"))
    findings += _redirects(articles, slugs, fixes)
    return findings


def _redirects(articles: list[Article], slugs: dict[str, str], fixes: dict[str, tuple[str, bytes]]) -> list[Finding]:
    """A former address (``redirect_from``) that a story has now, or that two stories claim."""
    owners = {slug: path for path, slug in slugs.items()}
    claimed: dict[str, str] = {}
    findings = []
    for article in sorted(articles, key=lambda a: a.source):
        where, line = article.source, 1
        if article.source in fixes:
            where, data = fixes[article.source]
            line = corrections.field_lines(data.decode("utf-8", "replace")).get("redirect_from", 1)
        for old in article.redirect_from:
            owner = owners.get(old) or ("the list of stories" if old in RESERVED else "")
            if owner:
                findings.append(Finding(where, line, ERROR, f"redirect_from {old!r} is the address of {owner}", "remove it from redirect_from"))
            elif old in claimed:
                findings.append(Finding(where, line, ERROR, f"redirect_from {old!r} already sends readers to {claimed[old]}", "remove it from one of them"))
            else:
                claimed[old] = article.source
    return findings


def _metadata(source: Source, article: Article, topics: set[str], lines: dict[str, int], fixed: corrections.Corrections | None = None) -> list[Finding]:
    findings = []
    if fixed is None and source.kind == "markdown":
        how = "add {} to its front matter"
    else:
        how = f"add {{}} to {fixed.path if fixed else corrections_path(source.path)}, its corrections file"
    if not article.date:
        findings.append(Finding(source.path, _key_line(lines, "date"), WARNING, "no date", how.format("date: YYYY-MM-DD")))
    if not article.authors:
        findings.append(Finding(source.path, _key_line(lines, "authors"), WARNING, "no author", how.format("authors: [Name]")))
    findings += [_from_error(problem) for problem in unknown_tags(article, topics, lines, fixed)]
    retrieved = source.front_matter.get("retrieved")
    if retrieved is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(retrieved)):
        findings.append(Finding(source.path, _key_line(lines, "retrieved"), ERROR, f"retrieved {str(retrieved)!r} is not a date", "write it as YYYY-MM-DD"))
    return findings


# UTF-8 read as Windows-1252 and saved again: ’ becomes â€™, é becomes Ã©.
MOJIBAKE = re.compile("(?:â€[\u0080-\u203a™]|[ÃÂ][\u00a0-\u00bf])+")


def _encoding(source: Source) -> list[Finding]:
    """Text that decoded, but was damaged before it was saved: one finding per kind, at its first line."""
    findings = []
    for offset, line in enumerate(source.text.split("\n")):
        number = source.body_line + offset
        if "\ufffd" in line:
            findings.append(Finding(source.path, number, WARNING, "replacement character \ufffd: characters were lost before the file was saved", "copy the text again from the original"))
            break
    for offset, line in enumerate(source.text.split("\n")):
        if match := MOJIBAKE.search(line):
            intended = _repaired(match.group(0))
            hint = f" ({match.group(0)!r} should read {intended!r})" if intended else ""
            findings.append(Finding(source.path, source.body_line + offset, WARNING, f"text looks encoded twice{hint}", "copy the text again from the original, saved as UTF-8"))
            break
    return findings


def _repaired(text: str) -> str:
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return ""


def _field_named(what: str) -> str:
    """The front matter field an error message names (``front matter 'authors' must ...``), or ''."""
    match = re.search(r"front matter (?:field )?'?(\w+)", what)
    return match.group(1) if match else ""


def _key_line(lines: dict[str, int], key: str) -> int:
    """Line of ``key:`` in the front matter; else the front matter's first line, or 1."""
    return lines.get(key, 2 if lines else 1)


def check_knowledge_base(shown: str, kb: taxonomy.KnowledgeBase, texts: dict[str, str | None]) -> list[Finding]:
    """Findings for ``entities.yml`` and ``topics.yml``: what loading reports, plus clashing names.

    Entries the loader already reported are not reported again.
    """
    entity_lines = _entry_lines(texts.get("entities.yml"))
    topic_lines = _entry_lines(texts.get("topics.yml"))
    entities_file, topics_file = f"{shown}/entities.yml", f"{shown}/topics.yml"
    loaded = [_kb_problem(problem, {entities_file: entity_lines, topics_file: topic_lines}) for problem in kb.problems]
    own: list[tuple[Finding, str, str]] = []  # (finding, what it is about, words that name the check)
    claimed: dict[str, str] = {}
    for entity in kb.entities:
        for name in dict.fromkeys((entity.name, *entity.aliases)):
            owner = claimed.setdefault(name, entity.name)
            if owner != entity.name:
                finding = Finding(entities_file, _line(entity_lines, entity.name), ERROR, f"{name!r} names both {owner!r} and {entity.name!r}", "keep it on one entity; merge them if they are the same")
                own.append((finding, entity.name, "names both"))
    names = {entity.name for entity in kb.entities}
    for entity in kb.entities:
        if entity.parent and entity.parent not in names:
            finding = Finding(entities_file, _line(entity_lines, entity.name), WARNING, f"parent {entity.parent!r} of {entity.name!r} is not an entity", "add it or fix the name")
            own.append((finding, entity.name, "parent"))
    seen: set[str] = set()
    for topic in kb.topics:
        if topic.name in seen:
            finding = Finding(topics_file, _line(topic_lines, topic.name, last=True), ERROR, f"topic {topic.name!r} is defined twice", "merge the two entries")
            own.append((finding, topic.name, "twice"))
        seen.add(topic.name)
        if not topic.cues:
            finding = Finding(topics_file, _line(topic_lines, topic.name), WARNING, f"topic {topic.name!r} has no cues", "add cues so that articles can be tagged with it")
            own.append((finding, topic.name, "cues"))
    # A loader that checks more itself has its say; the same problem is not reported twice.
    return loaded + [
        finding
        for finding, subject, words in own
        if not any(f.path == finding.path and repr(subject) in f.what and words in f.what for f in loaded)
    ]


def _kb_problem(problem: SourceError, lines: dict[str, list[tuple[str, int]]]) -> Finding:
    """A problem found by ``taxonomy.load``, at the line of the entry it names."""
    entry = re.search(r"\bentry (\d+)\b", problem.what)
    items = lines.get(problem.path, [])
    if problem.line is None and entry and int(entry.group(1)) <= len(items):
        return _from_error(problem, items[int(entry.group(1)) - 1][1])
    return _from_error(problem)


def _entry_lines(text: str | None) -> list[tuple[str, int]]:
    """``(name, line)`` of each entry of a knowledge-base file (name empty when it has none)."""
    if not text:
        return []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []  # reported by taxonomy.load
    if not isinstance(root, yaml.SequenceNode):
        return []
    found = []
    for item in root.value:
        name = ""
        if isinstance(item, yaml.MappingNode):
            name = next((v.value for k, v in item.value if k.value == "name" and isinstance(v, yaml.ScalarNode)), "")
        found.append((name, item.start_mark.line + 1))
    return found


def _line(lines: list[tuple[str, int]], name: str, last: bool = False) -> int:
    matches = [line for entry, line in lines if entry == name]
    if not matches:
        return 0
    return matches[-1] if last else matches[0]


def _from_error(error: SourceError, line: int | None = None) -> Finding:
    return Finding(error.path, line or error.line or 0, ERROR, error.what, error.todo)


def _order(finding: Finding) -> tuple:
    return (finding.path, finding.line, finding.level, finding.what)


def _text_or_none(path: Path, shown: str) -> str | None:
    """The text of a knowledge-base file, through the guarded reader; None when it cannot be read (the loader says why)."""
    try:
        return read_guarded(shown, path, follow_links=True).decode("utf-8")
    except (SourceError, UnicodeDecodeError):
        return None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
