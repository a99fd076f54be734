"""``briefing export DIR``: the generated site as plain Markdown files.

Writes the pages the hooks hand to MkDocs in memory, with their front matter,
next to a copy of the hand-written docs, and a ``mkdocs.yml`` without hooks.
People can read and diff the cleaned articles, and any generator that reads
``mkdocs.yml`` but not hooks (plain MkDocs, Zensical) can build the briefing.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing import pipeline
from briefing.commands.outputs import OutputError, project_inputs, refuse_overlap
from briefing.errors import BriefingError, ConfigError

MARKER = ".briefing-export"
"""File that marks a folder as made by ``export``, so that ``--replace`` may delete it."""


class ExportError(BriefingError):
    """The export cannot be written."""


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote, for the summary line and the warnings."""

    pages: int
    hidden: tuple[str, ...]
    """Generated pages left out because a hand-written page has the same path."""
    problems: tuple[BriefingError, ...]


def exported_config(config: dict) -> dict:
    """The project's ``mkdocs.yml`` settings for the exported folder: no hooks, no pipeline options."""
    out = {key: value for key, value in config.items() if key not in ("hooks", "INHERIT")}
    out["docs_dir"] = "docs"
    out["site_dir"] = "site"
    extra = dict(out.get("extra") or {})
    extra.pop("briefing", None)
    if extra:
        out["extra"] = extra
    else:
        out.pop("extra", None)
    theme = out.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        out["theme"] = dict(theme, custom_dir="overrides")
    plugins = list(out.get("plugins") or [])
    if not any(_plugin_name(plugin) in ("search", "material/search") for plugin in plugins):
        out["plugins"] = ["search", *plugins]  # our Pagefind index is made by the hooks: the export searches with Material's
    return out


SEARCH_OVERRIDES = ("partials/header.html", "partials/search.html", "assets/javascripts/briefing-search.js", "assets/stylesheets/briefing-search.css")
"""The project's search box, which asks the Pagefind index our build writes (with its story and entity filters): an
export has no such index, so these stay behind and Material's own search plugin answers instead."""


def _plugin_name(plugin) -> str:
    return next(iter(plugin)) if isinstance(plugin, dict) and plugin else str(plugin)


def load_config(path: Path) -> dict:
    """``mkdocs.yml`` as MkDocs reads it (``!ENV`` and ``!!python/name`` tags included)."""
    from mkdocs.utils.yaml import (
        get_yaml_loader,  # MkDocs' own loader, so the file means the same
    )

    try:
        with path.open(encoding="utf-8") as handle:
            loaded = yaml.load(handle, Loader=get_yaml_loader()) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML ({getattr(error, 'problem', None) or error}); fix mkdocs.yml") from None
    if not isinstance(loaded, dict):
        raise ConfigError(f"{path}: not a mapping of settings; fix mkdocs.yml")
    return loaded


def export(config_file: Path, sources: Path, taxonomy_dir: Path, dest: Path, replace: bool = False) -> Exported:
    """Write the generated pages, the hand-written docs and a hook-free ``mkdocs.yml`` into ``dest``."""
    root = config_file.parent
    config = load_config(config_file)
    try:  # copying docs/ into a folder inside docs/ would recurse until it fails, leaving hundreds of folders
        refuse_overlap(dest, project_inputs(config_file, config, sources, taxonomy_dir), "DIR")
    except OutputError as error:
        raise ExportError(str(error)) from None
    _prepare(dest, replace)
    build = pipeline.build(root, sources, taxonomy_dir)
    docs = root / str(config.get("docs_dir") or "docs")
    if docs.is_dir():
        shutil.copytree(docs, dest / "docs", dirs_exist_ok=True)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(root / str(theme["custom_dir"]), dest / "overrides", dirs_exist_ok=True)
        for name in SEARCH_OVERRIDES:
            (dest / "overrides" / name).unlink(missing_ok=True)
    hidden = []
    for page in build.pages:
        target = dest / "docs" / page.path
        if target.exists():  # the hooks do the same: a hand-written page wins
            hidden.append(page.path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8", newline="\n")
    text = "# Exported by `briefing export`: the generated pages are plain files under docs/, no hooks needed.\n"
    text += yaml.dump(exported_config(config), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    (dest / MARKER).write_text("made by briefing export; `briefing export --replace` may delete this folder\n", encoding="utf-8")
    return Exported(len(build.pages) - len(hidden), tuple(hidden), build.problems)


class _Dumper(yaml.Dumper):
    """Writes multi-line text as ``|`` blocks, as people write ``not_in_nav`` in mkdocs.yml."""


def _text(dumper: yaml.Dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def _prepare(dest: Path, replace: bool) -> None:
    """An empty ``dest``: never write over files that an earlier export did not make."""
    if dest.exists() and not dest.is_dir():
        raise ExportError(f"{dest}: exists and is not a folder; choose another DIR")
    if dest.is_dir() and any(dest.iterdir()):
        if not replace:
            raise ExportError(f"{dest}: folder is not empty; choose a new DIR, or pass --replace to redo an earlier export")
        if not (dest / MARKER).is_file():
            raise ExportError(f"{dest}: not made by briefing export, so --replace will not delete it; choose a new DIR")
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
