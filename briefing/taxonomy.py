"""The knowledge base people edit: ``taxonomy/entities.yml`` and ``taxonomy/topics.yml``.

Loaded and validated once per build; every problem of a file is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import SourceError

ENTITY_TYPES = ("person", "organisation", "place", "other")


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    parent: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    description: str = ""
    cues: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    entities: tuple[Entity, ...] = ()
    topics: tuple[Topic, ...] = ()
    problems: tuple[SourceError, ...] = field(default=())


def load(folder: Path, shown: str = "taxonomy") -> KnowledgeBase:
    """Read ``entities.yml`` and ``topics.yml`` from ``folder``; missing files give an empty list."""
    problems: list[SourceError] = []
    entities = _load_list(folder / "entities.yml", f"{shown}/entities.yml", problems)
    topics = _load_list(folder / "topics.yml", f"{shown}/topics.yml", problems)
    return KnowledgeBase(
        entities=tuple(e for e in (_entity(i, item, problems) for i, item in enumerate(entities)) if e),
        topics=tuple(t for t in (_topic(i, item, problems) for i, item in enumerate(topics)) if t),
        problems=tuple(problems),
    )


def _load_list(path: Path, shown: str, problems: list[SourceError]) -> list:
    if not path.exists():
        return []
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(SourceError(shown, mark.line + 1 if mark else None, "invalid YAML", "fix the YAML"))
        return []
    if loaded is None:
        return []
    if not isinstance(loaded, list):
        problems.append(SourceError(shown, 1, "expected a list of entries", "start each entry with '- name:'"))
        return []
    return loaded


def _entity(index: int, item, problems: list[SourceError]) -> Entity | None:
    where = f"taxonomy/entities.yml entry {index + 1}"
    if not isinstance(item, dict) or not item.get("name") or item.get("type") not in ENTITY_TYPES:
        problems.append(
            SourceError("taxonomy/entities.yml", None, f"{where} needs a name and a type", "type is one of " + ", ".join(ENTITY_TYPES))
        )
        return None
    return Entity(
        name=str(item["name"]),
        type=str(item["type"]),
        aliases=tuple(str(a) for a in item.get("aliases") or ()),
        description=str(item.get("description") or ""),
        parent=str(item.get("parent") or ""),
    )


def _topic(index: int, item, problems: list[SourceError]) -> Topic | None:
    if not isinstance(item, dict) or not item.get("name"):
        problems.append(SourceError("taxonomy/topics.yml", None, f"entry {index + 1} needs a name", "add name: ..."))
        return None
    cues = item.get("cues") or {}
    return Topic(
        name=str(item["name"]),
        description=str(item.get("description") or ""),
        cues=tuple(sorted((str(k), float(v)) for k, v in cues.items())),
    )
