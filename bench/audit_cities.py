"""What the city list adds and removes: every benchmark page's reference body tagged with and without it.

Reads ``../shared/bench/cleaning/truth/*.json`` (:data:`bench.corpus.SHARED`) (field ``articleBody``), tags
each body as :mod:`bench.eval_entities` does, once as is and once with
:func:`briefing.tagging.discovery.cities` finding nothing, and prints each entity
that differs, with the sentence of its first mention, so a person can judge
the rule's adds (``+``) and removes (``-``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import SHARED  # noqa: E402
from briefing.knowledge import taxonomy
from briefing.model import Article, Block  # noqa: E402
from briefing.tagging import (
    discovery,  # noqa: E402
)
from briefing.tagging.tag import tag  # noqa: E402

TRUTH = SHARED / "truth"



def tagged(page: dict, kb) -> dict[tuple[str, str], str]:
    """``(entity, kind) -> sentence`` of one page's reference body."""
    blocks = tuple(Block("paragraph", p.strip()) for p in page["articleBody"].split("\n\n") if p.strip())
    article = tag(Article(source=page["id"], title=page["title"], body=blocks, authors=tuple(page.get("authors") or ())), kb)
    return {(m.entity, m.kind): m.sentence for m in article.mentions}


def main(folder: Path = TRUTH) -> int:
    if not folder.is_dir():
        print(f"no benchmark pages at {folder}")
        return 1
    kb = taxonomy.load(ROOT / "taxonomy")
    pages = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    with_list = [tagged(page, kb) for page in pages]
    cities, discovery.cities = discovery.cities, lambda text: []
    try:
        without = [tagged(page, kb) for page in pages]
    finally:
        discovery.cities = cities
    added = removed = 0
    for page, after, before in zip(pages, with_list, without):
        for sign, one, other in (("+", after, before), ("-", before, after)):
            for entity, kind in sorted(set(one) - set(other)):
                print(f"{sign} {page['id']}: {entity} ({kind}) | {one[(entity, kind)][:160]}")
                added += sign == "+"
                removed += sign == "-"
    print(f"{len(pages)} pages: {added} entities added, {removed} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
