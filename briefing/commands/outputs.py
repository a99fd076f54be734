"""Where commands may write: never into the project's inputs, never over a file they read.

Only ``briefing add`` writes into the sources folder. ``briefing clean --out``
and ``briefing export`` write somewhere a person names; that place must not
be, or lie inside, or hold, any of the project's inputs (the sources, the
knowledge base, the docs, the theme overrides, the hooks, ``mkdocs.yml``).
"""

from __future__ import annotations

from pathlib import Path

from briefing.errors import BriefingError


class OutputError(BriefingError):
    """An output path that would write into the project's inputs or over an input file."""


def project_inputs(config_file: Path, config: dict, sources: Path, taxonomy_dir: Path) -> list[tuple[str, Path]]:
    """``(what it is, path)`` of every input of the project of ``config_file``."""
    root = config_file.parent
    found = [
        ("the sources folder", sources),
        ("the knowledge base", taxonomy_dir),
        ("the docs folder", root / str(config.get("docs_dir") or "docs")),
        ("the project's mkdocs.yml", config_file),
    ]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        found.append(("the theme overrides", root / str(theme["custom_dir"])))
    for hook in config.get("hooks") or []:
        if isinstance(hook, str):
            found.append(("a hook of mkdocs.yml", root / hook))
    return found


def refuse_overlap(dest: Path, inputs: list[tuple[str, Path]], option: str) -> None:
    """:class:`OutputError` when ``dest`` is, lies inside, or holds one of ``inputs``."""
    target = dest.resolve()
    for what, path in inputs:
        place = path.resolve()
        if target == place or target.is_relative_to(place):
            raise OutputError(f"{dest}: is inside {what} ({path}); {option} must be a folder outside the project's inputs")
        if place.is_relative_to(target):
            raise OutputError(f"{dest}: holds {what} ({path}); {option} must be a folder outside the project's inputs")


def refuse_overwriting_inputs(writes: dict[Path, list[Path]]) -> None:
    """:class:`OutputError` when two inputs would be written to one file, or a file would be written over an input.

    ``writes`` maps each output file to the input files written to it.
    """
    inputs = {path.resolve(): path for sources in writes.values() for path in sources}
    for output, sources in sorted(writes.items()):
        if len(sources) > 1:
            names = ", ".join(p.as_posix() for p in sources)
            raise OutputError(f"{output}: {names} would all be written to this one file; clean them in separate runs or rename one")
        if output.resolve() in inputs or any(_same_file(output, path) for path in inputs.values()):
            raise OutputError(f"{output}: is one of the files to clean, which would be overwritten; choose another --out folder")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False
