"""The package's layout holds: imports run one way, down the layers, and no module grows past a screenful of screens.

ARCHITECTURE.md draws these layers; this test is what keeps the drawing true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "briefing"
LAYERS = {
    # the records and what every stage may use
    "__init__": 0, "model": 0, "errors": 0, "markup": 0, "slugs": 0, "progress": 0,
    # shared vocabulary; finding and reading source files
    "language": 1, "sources": 1,
    # the knowledge base; cleaning a source; the per-article cache
    "knowledge": 2, "cleaning": 2, "cache": 2,
    # tagging articles; analysing tagged articles
    "tagging": 3, "analysis": 3,
    # the site's pages
    "site": 4,
    # the process pool the orchestrator runs the per-source stages in
    "workers": 4,
    # the orchestrator, the MkDocs adapter, the command line
    "pipeline": 5, "adapter": 6, "commands": 7, "__main__": 8,
}
MAX_LINES = 600


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.stat().st_size)


def part_of(path: Path) -> str:
    """The top-level module or sub-package of ``briefing`` that ``path`` belongs to."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_parts(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "briefing" else [f"briefing.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("briefing.")}
    return found


def test_every_part_of_the_package_has_a_layer():
    assert {part_of(p) for p in modules()} <= set(LAYERS)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_run_down_the_layers(path):
    own = part_of(path)
    wrong = sorted(
        other
        for other in imported_parts(path)
        if other != own and (LAYERS[other] > LAYERS[own] or LAYERS[other] == LAYERS[own])
    )
    assert not wrong, f"{path.relative_to(ROOT)} ({own}, layer {LAYERS[own]}) imports {wrong}: move the shared part down a layer"


def test_no_module_is_over_600_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules: {long}"


def test_no_relative_imports_hide_the_direction():
    relative = [p.relative_to(ROOT).as_posix() for p in modules() if any(
        isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert not relative
