"""What the MkDocs hooks call: configuration and one pipeline run per build.

Options live under ``extra.briefing`` in ``mkdocs.yml`` (MkDocs rejects unknown
top-level keys); see :class:`Options`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from . import pipeline
from .errors import ConfigError
from .model import Site

__all__ = ["ConfigError", "Options", "configure", "run", "watched"]


@dataclass(frozen=True, slots=True)
class Options:
    """Options of ``extra.briefing`` in ``mkdocs.yml``."""

    sources: str = "sources"
    """Folder of source articles, relative to mkdocs.yml."""
    taxonomy: str = "taxonomy"
    """Folder of the knowledge base (entities.yml, topics.yml), relative to mkdocs.yml."""


def options(config) -> Options:
    raw = (config.get("extra") or {}).get("briefing") or {}
    if not isinstance(raw, dict):
        raise ConfigError("mkdocs.yml: extra.briefing must be a mapping; write 'sources: sources' under it")
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"mkdocs.yml: unknown option extra.briefing.{unknown[0]}; the options are {', '.join(sorted(known))}"
        )
    return Options(**{k: str(v) for k, v in raw.items()})


def root_of(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def configure(config) -> Options:
    """Check the options and that the sources folder exists."""
    opts = options(config)
    root = root_of(config)
    sources = root / opts.sources
    if not sources.is_dir():
        raise ConfigError(f"{opts.sources}: sources folder not found at {sources}; create it or set extra.briefing.sources in mkdocs.yml")
    return opts


def run(config) -> pipeline.Build:
    opts = options(config)
    root = root_of(config)
    site = Site(url=config.get("site_url") or "", directory_urls=bool(config.get("use_directory_urls", True)))
    return pipeline.build(root, root / opts.sources, root / opts.taxonomy, site)


def watched(config) -> list[Path]:
    opts = options(config)
    root = root_of(config)
    return [root / opts.sources, root / opts.taxonomy]
