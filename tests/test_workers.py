"""The per-source stages in worker processes: the same site as one process, byte for byte, and the option that sets them."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest

from briefing import pipeline, workers
from briefing.adapter import options
from briefing.errors import ConfigError, SourceError
from tests.conftest import FIXTURES, ROOT, copy_project

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

GENERATED = 60
"""Stories made of the seeds' paragraphs (bench/corpus.py, seeds only): enough for several chunks per worker."""


def mixed_project(folder: Path) -> Path:
    """The seeds, the hostile corpus (files that fail, warn or need care) and :data:`GENERATED` generated stories."""
    project = copy_project(folder)
    for case in sorted((FIXTURES / "hostile").iterdir()):
        shutil.copy2(case, project / "sources" / case.name)
    corpus.generate(GENERATED, project / "sources" / "generated", seed=7, shared=False)
    return project


def same(one: pipeline.Build, other: pipeline.Build) -> None:
    """Two builds made the same site: every page byte for byte, in order, and the same problems in the same order."""
    assert [p.path for p in one.pages] == [p.path for p in other.pages]
    for a, b in zip(one.pages, other.pages):
        assert a.markdown.encode() == b.markdown.encode(), a.path
    assert [str(p) for p in one.problems] == [str(p) for p in other.problems]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return mixed_project(tmp_path_factory.mktemp("pooled"))


@pytest.fixture(scope="module")
def serial(project) -> pipeline.Build:
    return pipeline.build(project, project / "sources", cache_dir=None, workers=1)


@pytest.mark.slow
def test_a_pooled_build_is_the_serial_build_byte_for_byte(project, serial, monkeypatch):
    monkeypatch.setattr(workers, "MIN_POOLED", 0)
    pooled = pipeline.build(project, project / "sources", cache_dir=None, workers=2)
    assert (serial.workers, pooled.workers) == (1, 2)
    assert len(serial.articles) > GENERATED
    assert any("invalid front matter" in str(p) for p in serial.problems)  # failures come back from the workers too
    same(serial, pooled)
    assert pooled.articles == serial.articles


@pytest.mark.slow
def test_a_pooled_build_with_the_cache_is_the_serial_build_cold_and_warm(project, serial, monkeypatch, tmp_path):
    monkeypatch.setattr(workers, "MIN_POOLED", 0)
    cold = pipeline.build(project, project / "sources", cache_dir=tmp_path / "cache", workers=2)
    warm = pipeline.build(project, project / "sources", cache_dir=tmp_path / "cache", workers=2)
    # Only the sources that fail (the hostile corpus's) are missed again: a failure is not cached.
    assert cold.cache_hits == 0 and warm.cache_hits > GENERATED and warm.cache_misses < cold.cache_misses - GENERATED
    same(serial, cold)
    same(serial, warm)


@pytest.mark.slow
def test_below_the_threshold_one_process_does_the_work(tmp_path):
    project = copy_project(tmp_path)
    built = pipeline.build(project, project / "sources", cache_dir=None, workers=2)
    assert len(built.articles) < workers.MIN_POOLED
    assert built.workers == 1


@pytest.mark.parametrize("value, count", [("auto", workers.cores()), ("AUTO", workers.cores()), (None, workers.cores()), (1, 1), ("3", 3), (2, 2)])
def test_the_worker_count_is_auto_or_a_whole_number(value, count):
    assert workers.worker_count(value) == count


@pytest.mark.parametrize("value", [0, -1, "0", "two", 2.5, "2.0", True, "", " "])
def test_any_other_worker_count_is_refused_with_what_to_write(value):
    with pytest.raises(ConfigError) as error:
        workers.worker_count(value)
    assert str(error.value) == (
        f"mkdocs.yml: extra.briefing.workers is {value!r}; write 'auto' (one process per core) "
        "or a whole number from 1 (1: no worker processes)"
    )


def test_the_workers_option_is_checked_with_the_configuration():
    assert options({"extra": {"briefing": {"workers": 2}}}).workers == "2"
    assert options({"extra": {"briefing": {}}}).workers == "auto"
    with pytest.raises(ConfigError, match="extra.briefing.workers is 'many'"):
        options({"extra": {"briefing": {"workers": "many"}}})
    with pytest.raises(ConfigError, match="extra.briefing.workers is ''"):
        options({"extra": {"briefing": {"workers": None}}})


def test_a_source_error_crosses_processes_whole():
    error = SourceError("sources/a.md", 4, "invalid front matter", "quote the value").with_more([SourceError("sources/a.md", 6, "bad date", "write YYYY-MM-DD")])
    copy = pickle.loads(pickle.dumps(error))
    assert [str(e) for e in copy.every()] == [str(e) for e in error.every()]
    assert (copy.path, copy.line, copy.what, copy.todo) == ("sources/a.md", 4, "invalid front matter", "quote the value")


@pytest.mark.slow
def test_a_build_with_a_bad_worker_count_stops_naming_mkdocs_yml(tmp_path):
    from tests.conftest import mkdocs_build

    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  briefing:\n", "  briefing:\n    workers: half\n", 1), encoding="utf-8")
    result = mkdocs_build(project, "--no-strict")
    assert result.returncode == 1
    assert (
        "mkdocs.yml: extra.briefing.workers is 'half'; write 'auto' (one process per core) "
        "or a whole number from 1 (1: no worker processes)"
    ) in result.stderr
    assert not (project / "site").exists()
