"""Shared fixtures: the seed articles, and project copies built with MkDocs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = sorted(p.name for p in SOURCES.glob("0*_*.txt"))
PROJECT_FILES = ("mkdocs.yml", "hooks", "docs", "taxonomy", "overrides")


def copy_project(dest: Path, with_sources: bool = True) -> Path:
    """A copy of the project's site configuration (and sources) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    if with_sources:
        shutil.copytree(SOURCES, dest / "sources")
    else:
        (dest / "sources").mkdir()
    return dest


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` in ``project``; never with ``-v`` (it disables the anchor check)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    # The hooks import this checkout's package, whichever one is installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def manifest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


SLOW_FIXTURES = frozenset({"seed_site", "hostile_site", "reader_site"})
"""Fixtures that build a site with MkDocs: a test using one (directly or through another fixture) is slow."""


CLEANING_BENCH = next(
    (p for p in (ROOT.parent / "shared" / "bench" / "cleaning", ROOT.parent.parent / "shared" / "bench" / "cleaning") if p.is_dir()),
    None,
)
"""The shared cleaning benchmark beside the checkout (or beside the folder of worktrees), if this machine has it."""


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if CLEANING_BENCH is None:
        # Benchmark checks are not this clone's tests: left out, not skipped one by one with a path the clone has not got.
        left_out = [item for item in items if item.get_closest_marker("benchmark")]
        if left_out:
            items[:] = [item for item in items if not item.get_closest_marker("benchmark")]
            config.hook.pytest_deselected(items=left_out)
            config.stash[_LEFT_OUT] = len(left_out)


_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    if left_out := config.stash.get(_LEFT_OUT, 0):
        terminalreporter.write_line(
            f"{left_out} benchmark checks left out: they score the cleaner on the shared benchmark pages, which this clone does not have "
            "(`make eval` runs the benchmark where it is)"
        )


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The project with the seed sources, built once with ``--strict``."""
    project = copy_project(tmp_path_factory.mktemp("seed-site"))
    result = mkdocs_build(project, "--strict")
    return project, result


READER = FIXTURES / "reader"
"""Sources a reader meets the site with, beyond the seeds: a story with its own "In this story" heading."""
LOGS = 24
"""Stories of the generated lighthouse logs, all naming the lighthouse: more than a page of search results."""


def lighthouse_logs(folder: Path, count: int = LOGS) -> list[str]:
    """Write ``count`` short dated stories that all name "the lighthouse", each in its own words
    (too different to be taken for copies of one another); return their titles."""
    places = ["Port Ellery", "Brackenmouth", "Saltby", "Wrenhaven", "Cobble Point", "Marrow Bay"]
    boats = ["ferry", "trawler", "yacht", "tug", "barge", "dredger", "schooner", "lifeboat"]
    names = ["Kestrel", "Marigold", "Stormy Petrel", "Bluebell", "Otter", "Harebell", "Gannet", "Plover", "Thistle",
             "Curlew", "Foxglove", "Puffin"]
    seas = ["calm", "choppy", "heavy", "glassy", "rolling", "confused"]
    titles = []
    for n in range(count):
        place, boat, name, sea = places[n % 6], boats[n % 8], names[n % 12], seas[(n // 4) % 6]
        title = f"Lighthouse log {n + 1}: the {boat} {name} off {place}"
        body = (
            f"The keeper of the lighthouse at {place} logged the {boat} {name} at {n % 12 + 1} o'clock on the "
            f"{n + 1}th, running {sea} with {n * 3 + 7} crates of {['herring', 'coal', 'timber', 'wool'][n % 4]} aboard.\n\n"
            f"{['Gulls', 'Terns', 'Seals', 'Porpoises'][n % 4]} followed her past the {['reef', 'bar', 'spit'][n % 3]}, "
            f"and the {['harbourmaster', 'pilot', 'coastguard'][n % 3]} noted {sea} water over {n + 2} fathoms."
        )
        (folder / f"log_{n + 1:02d}.md").write_text(
            f"---\ntitle: {json.dumps(title)}\npublisher: The Keeper's Gazette\ndate: 2024-02-{n + 1:02d}\n---\n\n{body}\n", encoding="utf-8"
        )
        titles.append(title)
    return titles


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The seeds, the reader fixtures and :data:`LOGS` lighthouse logs, built once with ``--strict``."""
    project = copy_project(tmp_path_factory.mktemp("reader-site"))
    for source in sorted(READER.iterdir()):
        shutil.copy2(source, project / "sources" / source.name)
    lighthouse_logs(project / "sources")
    return project, mkdocs_build(project, "--strict")


def pagefind_fragments(site: Path) -> list[dict]:
    """Every page record of the Pagefind index in ``site`` (main bundle and shards), decoded."""
    import gzip

    records = []
    for path in sorted((site / "pagefind").rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records
