"""The knowledge base people edit: ``taxonomy/entities.yml``, ``taxonomy/topics.yml`` and ``taxonomy/not-entities.yml``.

Loaded and validated once per build. Every problem of a file is reported
together, each with the file and line it is on; unknown keys are errors.
Countries are not typed by hand: they come from pycountry
(:mod:`briefing.knowledge.countries`), and an entry with ``country: XX`` renames or
extends one. The alias automaton is compiled here, once per build, and
carried by the :class:`KnowledgeBase` to every call of ``tag``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import SourceError
from briefing.knowledge.countries import is_country_code, merge_countries
from briefing.knowledge.matcher import Matcher
from briefing.language.function_words import is_function_word
from briefing.model import Entity, Topic
from briefing.sources.files import read_guarded

ENTITY_TYPES = ("person", "organisation", "place", "other")
ENTITY_KEYS = ("name", "type", "aliases", "demonyms", "description", "parent", "country")
TOPIC_KEYS = ("name", "description", "cues")


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    entities: tuple[Entity, ...] = ()
    topics: tuple[Topic, ...] = ()
    problems: tuple[SourceError, ...] = field(default=())
    matcher: Any = field(default=None, compare=False, repr=False)
    """The compiled :class:`briefing.knowledge.matcher.Matcher`; built by :func:`knowledge_base`."""
    ignored: frozenset[str] = frozenset()
    """Names (case-folded) the tagger must not take for entities: junk it discovered, listed in ``not-entities.yml``."""

    def entity(self, name: str) -> Entity | None:
        """The entry with canonical ``name``, if any."""
        return self.matcher.entities.get(name) if self.matcher else next((e for e in self.entities if e.name == name), None)


def knowledge_base(entities, topics=(), problems=(), ignored=()) -> KnowledgeBase:
    """A :class:`KnowledgeBase` with its automaton compiled (once per build)."""
    entities, topics = tuple(entities), tuple(topics)
    return KnowledgeBase(entities, topics, tuple(problems), Matcher(entities, topics), frozenset(n.casefold() for n in ignored))


def load(folder: Path, shown: str = "taxonomy", with_countries: bool = True) -> KnowledgeBase:
    """Read and validate ``entities.yml``, ``topics.yml`` and ``not-entities.yml`` in ``folder``; add pycountry's countries.

    A missing file gives an empty list. Problems are returned in
    ``problems`` (all of them), the valid entries are kept.
    """
    problems: list[SourceError] = []
    entities, parents = _entities(folder / "entities.yml", f"{shown}/entities.yml", problems)
    topics = _topics(folder / "topics.yml", f"{shown}/topics.yml", problems)
    if with_countries:
        entities = merge_countries(entities)
    names = {e.name for e in entities}
    for entity in entities:
        if entity.parent and entity.parent not in names:
            line = parents.get(entity.name)
            what = f"parent {entity.parent!r} of {entity.name!r} is not an entity"
            problems.append(SourceError(f"{shown}/entities.yml", line, what, "add it to entities.yml or fix the name"))
    ignored = _not_entities(folder / "not-entities.yml", f"{shown}/not-entities.yml", problems, entities)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return knowledge_base(entities, topics, problems, ignored)


# --- reading YAML with line numbers -------------------------------------------------


class _Problems:
    """Collects the problems of one file, each with its line."""

    def __init__(self, shown: str, into: list[SourceError]):
        self.shown = shown
        self.into = into

    def add(self, node: yaml.Node, what: str, todo: str) -> None:
        self.into.append(SourceError(self.shown, node.start_mark.line + 1, what, todo))


def _entries(path: Path, shown: str, problems: list[SourceError]) -> list[tuple[yaml.MappingNode, dict[str, tuple[yaml.Node, Any]]]]:
    """The file's list of mappings, each as ``(node, {key: (value node, value)})``."""
    root = _root(path, shown, problems)
    if root is None:
        return []
    report = _Problems(shown, problems)
    if not isinstance(root, yaml.SequenceNode):
        report.add(root, "expected a list of entries", "start each entry with '- name: ...'")
        return []
    entries = []
    for item in root.value:
        if not isinstance(item, yaml.MappingNode):
            report.add(item, "an entry must be a mapping of keys to values", "write '- name: ...' with one key per line")
            continue
        values: dict[str, tuple[yaml.Node, Any]] = {}
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in values:
                report.add(key_node, f"key {key!r} given twice", "keep one")
            values[key] = (value_node, _value(value_node))
        entries.append((item, values))
    return entries


def _root(path: Path, shown: str, problems: list[SourceError]) -> yaml.Node | None:
    """The file's YAML node tree (None when the file is missing, empty or unreadable: the problem is reported).

    Read through the guarded reader, so a named pipe, a folder or a device in
    its place is reported instead of hanging or crashing the build.
    """
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = read_guarded(shown, path, todo="make it a plain YAML file", follow_links=True).decode("utf-8")
    except SourceError as error:
        problems.append(error)
        return None
    except UnicodeDecodeError as error:
        problems.append(SourceError(shown, None, f"not valid UTF-8 ({error.reason})", "re-save the file as UTF-8"))
        return None
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except _Tagged as tagged:
        problems.append(SourceError(shown, tagged.mark.line + 1, f"uses the YAML tag {tagged.tag!r}", "remove the tag; values are plain text and numbers"))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = f"invalid YAML: {getattr(error, 'problem', None) or error}"
        problems.append(SourceError(shown, mark.line + 1 if mark else None, what, "fix the YAML (quote values containing ':' or '#')"))
        return None
    return root


class _Tagged(Exception):
    def __init__(self, mark, tag: str):
        super().__init__(tag)
        self.mark, self.tag = mark, tag


class _Loader(yaml.SafeLoader):
    """Composes the knowledge base's YAML, refusing explicit tags (``!!binary``, ``!!python/...``): no constructor beyond text, numbers and booleans ever runs."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise _Tagged(event.start_mark, tag)
        return super().compose_node(parent, index)


class _Constructor(yaml.constructor.SafeConstructor):
    """Values as the knowledge base means them: a date-like scalar (``2024-02-30``) stays the text written."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _value(node: yaml.Node):
    """The Python value of ``node``: text, number, boolean, None, list or mapping; dates stay text."""
    return _Constructor().construct_object(node, deep=True)


def _text(report: _Problems, values, key: str, required: bool = False) -> str:
    if key not in values:
        return ""
    node, value = values[key]
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        report.add(node, f"{key} must be a non-empty text", f"write {key}: some text")
        return ""
    return " ".join(value.split())


def _texts(report: _Problems, values, key: str) -> tuple[str, ...]:
    if key not in values or values[key][1] is None:
        return ()
    node, value = values[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report.add(node, f"{key} must be a list of texts", f"write {key}: [A, B]")
        return ()
    return tuple(" ".join(v.split()) for v in value)


def _unknown_keys(report: _Problems, item: yaml.MappingNode, known: tuple[str, ...]) -> None:
    for key_node, _ in item.value:
        if getattr(key_node, "value", None) not in known:
            report.add(key_node, f"unknown key {key_node.value!r}", "the keys are " + ", ".join(known))


# --- entities -----------------------------------------------------------------------


def _entities(path: Path, shown: str, problems: list[SourceError]) -> tuple[tuple[Entity, ...], dict[str, int]]:
    """The valid entries, and the line of each entry's parent (checked once countries are in)."""
    report = _Problems(shown, problems)
    entities: list[Entity] = []
    lines: dict[str, yaml.Node] = {}
    aliases: dict[str, str] = {}
    for item, values in _entries(path, shown, problems):
        _unknown_keys(report, item, ENTITY_KEYS)
        entity = _entity(report, item, values)
        if entity is None:
            continue
        if entity.name in lines:
            report.add(item, f"entity {entity.name!r} is defined twice (also line {lines[entity.name].start_mark.line + 1})", "merge the two entries")
            continue
        for alias in (entity.name, *entity.aliases):
            owner = aliases.setdefault(alias, entity.name)
            if owner != entity.name:
                report.add(item, f"{alias!r} names both {owner!r} and {entity.name!r}", "keep the alias on one entity only")
        lines[entity.name] = values.get("parent", (item, None))[0]
        entities.append(entity)
    return tuple(entities), {name: node.start_mark.line + 1 for name, node in lines.items()}


def _entity(report: _Problems, item: yaml.MappingNode, values) -> Entity | None:
    name = _text(report, values, "name", required=True)
    kind = values.get("type", (item, None))[1]
    ok = bool(name)
    if not name and "name" not in values:
        report.add(item, "entry has no name", "add name: ...")
    if kind not in ENTITY_TYPES:
        node = values.get("type", (item, None))[0]
        report.add(node, f"type must be one of {', '.join(ENTITY_TYPES)} (got {kind!r})", "laws, programmes and lists are 'other'")
        ok = False
    country = _text(report, values, "country")
    if country:
        if not is_country_code(country):
            report.add(values["country"][0], f"{country!r} is not an ISO 3166 alpha-2 country code", "write e.g. country: GB")
            ok = False
        elif kind != "place":
            report.add(values["country"][0], "only a place can be a country", "set type: place")
            ok = False
    if name and (why := too_common(name)):
        report.add(values["name"][0], f"the name {name!r} {why}", "write the entity's full name")
        ok = False
    entity = Entity(
        name=name,
        type=str(kind),
        aliases=tuple(a for a in _matchable(report, values, "aliases") if a != name),
        description=_text(report, values, "description"),
        parent=_text(report, values, "parent"),
        demonyms=_matchable(report, values, "demonyms"),
        country=country.upper(),
    )
    return entity if ok else None


def too_common(alias: str) -> str:
    """Why ``alias`` cannot be matched in text (it would match nearly every story), or ''.

    An alias in capitals of two letters or more ("US", "IT") matches only as
    written, so it is no pronoun; "a", "The" or "I" would match everywhere.
    """
    if not any(ch.isalnum() for ch in alias):
        return "has no letters or digits"
    if is_function_word(alias) and not (alias.isupper() and len(alias) >= 2):
        return "is a common word that would match nearly every story"
    return ""


def _matchable(report: _Problems, values, key: str) -> tuple[str, ...]:
    """The texts of ``key`` that can be matched in text; the others are reported at their line."""
    kept = []
    for text in _texts(report, values, key):
        if why := too_common(text):
            report.add(_item_node(values[key][0], text), f"{_SINGULAR[key]} {text!r} {why}", f"remove it from {key}")
        else:
            kept.append(text)
    return tuple(kept)


_SINGULAR = {"aliases": "alias", "demonyms": "demonym"}


def _item_node(node: yaml.Node, text: str) -> yaml.Node:
    """The item of a list node written as ``text`` (for its line), else the list itself."""
    if isinstance(node, yaml.SequenceNode):
        return next((item for item in node.value if isinstance(item, yaml.ScalarNode) and " ".join(item.value.split()) == text), node)
    return node


# --- names that are no entities -----------------------------------------------------


def _not_entities(path: Path, shown: str, problems: list[SourceError], entities: tuple[Entity, ...]) -> tuple[str, ...]:
    """The names of ``not-entities.yml``: a list of texts, none of them a name or alias of the knowledge base."""
    root = _root(path, shown, problems)
    if root is None:
        return ()
    report = _Problems(shown, problems)
    if not isinstance(root, yaml.SequenceNode):
        report.add(root, "expected a list of names", "write one '- Name' a line")
        return ()
    known = {alias.casefold(): entity.name for entity in entities for alias in (entity.name, *entity.aliases)}
    names = []
    for item in root.value:
        value = _value(item) if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(value, str) or not value.strip():
            report.add(item, "an entry must be a name (text)", "write '- Name'; quote a name YAML reads otherwise ('- \"True\"')")
            continue
        name = " ".join(value.split())
        if name.casefold() in known:
            report.add(item, f"{name!r} is also a name of {known[name.casefold()]!r} in entities.yml", "remove it from one of the two files")
            continue
        names.append(name)
    return tuple(names)


# --- topics -------------------------------------------------------------------------


def _topics(path: Path, shown: str, problems: list[SourceError]) -> tuple[Topic, ...]:
    report = _Problems(shown, problems)
    topics: list[Topic] = []
    for item, values in _entries(path, shown, problems):
        _unknown_keys(report, item, TOPIC_KEYS)
        name = _text(report, values, "name", required=True)
        if "name" not in values:
            report.add(item, "entry has no name", "add name: ...")
        cues = _cues(report, values)
        if not name:
            continue
        if any(t.name == name for t in topics):
            report.add(item, f"topic {name!r} is defined twice", "merge the two entries")
            continue
        topics.append(Topic(name, _text(report, values, "description"), cues))
    return tuple(topics)


def _cues(report: _Problems, values) -> tuple[tuple[str, float], ...]:
    if "cues" not in values:
        return ()
    node, cues = values["cues"]
    if not isinstance(cues, dict):
        report.add(node, "cues must be a mapping of phrase to weight", "write cues: {5G: 2, network: 1}")
        return ()
    good = []
    for key_node, value_node in node.value:
        cue = " ".join(str(_value(key_node) if isinstance(key_node, yaml.ScalarNode) else "").split())
        weight = _value(value_node)
        if not cue:
            report.add(key_node, "a cue is empty", "write the cue's words, or remove the line")
            continue
        if why := too_common(cue):
            report.add(key_node, f"cue {cue!r} {why}", "remove it, or use a phrase")
            continue
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight <= 0:
            report.add(value_node, f"weight of cue {cue!r} must be a positive number (got {value_node.value!r})", f"write {cue}: 1")
            continue
        good.append((cue, float(weight)))
    return tuple(sorted(good))
