"""The seeds' generated pages, compared whole with the golden site (``make golden`` renews it)."""

from __future__ import annotations

from tests.golden import GOLDEN, seed_pages


def test_the_seeds_generate_the_golden_site_page_for_page(tmp_path):
    pages = seed_pages(tmp_path)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(golden), "pages added or gone: run make golden and review the diff"
    changed = [path for path in sorted(pages) if pages[path] != golden[path]]
    assert not changed, f"{len(changed)} pages differ, first {changed[0]}: run make golden and review the diff"
