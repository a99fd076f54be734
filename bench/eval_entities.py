"""Entity quality: precision and recall per type against hand labels (``make eval-entities``).

Labels: ``bench/labels/entities.yml`` (the five seeds and a sample of
benchmark pages from other domains, whose bodies are copied in
``bench/labels/bench_texts.json``; the *held out* groups were labelled after
the rules were written and are reported, not gated). Groups "held out 8" and
"held out 9" label English pages of ``../shared/bench/cleaning-more``: their
title, authors and body are read at eval time from its ``truth/<id>.json``
(``--shared``), never copied into the repository; without that folder they are
left out, and the report says so. Seeds go through the whole pipeline
(read, clean, extract, tag); benchmark pages are tagged from their
reference article body, as the tagger sees a cleaned body.

A returned entity is correct when one of its names (canonical name, the
words as written, its knowledge-base aliases) is one of the names of a
labelled entity of the same type. *Junk* is a returned entity that matches
no label at all (nor an optional one).

Prints whether the targets are met (seeds: recall >= 0.98 and no junk;
other domains: precision >= 0.95 and recall >= 0.90 for people and for
organisations) and exits 1 when a score falls below its pinned floor
(:data:`FLOORS`: the targets). The last table pools every article from
other domains, tuning and held-out groups alike: the fairest single figure
of how the tagger does on news it was not written for.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.knowledge import taxonomy  # noqa: E402
from briefing.model import Article, Block  # noqa: E402
from briefing.pipeline import process_source  # noqa: E402
from briefing.tagging.collection import tag_with_collection  # noqa: E402
from briefing.tagging.tag import tag  # noqa: E402

TYPES = ("person", "organisation", "place", "other")
GROUPS = (
    "seeds", "other domains", "held out", "held out 2", "held out 3", "held out 4", "held out 5", "held out 6", "held out 7",
    "held out 8", "held out 9",
)  # fmt: skip
LABELS = ROOT / "bench" / "labels" / "entities.yml"
TEXTS = ROOT / "bench" / "labels" / "bench_texts.json"
SHARED = ROOT.parent / "shared" / "bench"
"""Where the shared benchmark sets are: the truth files of ``cleaning-more`` hold the texts of groups 8 and 9."""
TARGETS = {"person": (0.95, 0.90), "organisation": (0.95, 0.90)}
FLOORS = {"person": (0.95, 0.90), "organisation": (0.95, 0.90)}
SEED_RECALL = 0.98
BLIND_RECALL = {"person": 0.92, "organisation": 0.85, "place": 0.85}
"""Issue 15's targets on the pooled blind groups (with precision >= 0.95 each): reported, not gated."""


def norm(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).casefold()
    return name[4:] if name.startswith("the ") else name


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _page(doc: str, texts: dict, shared: Path) -> dict | None:
    """Title, authors and body of a labelled benchmark page: copied in the repository, else a truth file of ``shared``."""
    if doc in texts:
        return texts[doc]
    truth = shared / "cleaning-more" / "truth" / f"{doc}.json"
    if not truth.is_file():
        return None
    page = json.loads(truth.read_text(encoding="utf-8"))
    return {"title": page.get("title") or "", "authors": page.get("authors") or [], "body": page.get("articleBody") or ""}


def labelled_articles(kb, collection: bool = True, shared: Path = SHARED, missing: list | None = None) -> list[tuple[str, str, Article, dict]]:
    """``(group, doc, tagged article, labels)`` for every labelled document whose text is at hand.

    ``collection``: tag them again with the names discovered over all of them,
    as a build does with its sources (:func:`briefing.tagging.collection.tag_with_collection`).
    ``missing``: a list that receives the documents left out because their text is not at hand.
    """
    texts = json.loads(TEXTS.read_text(encoding="utf-8"))
    out = []
    for labels in yaml.safe_load(LABELS.read_text(encoding="utf-8")):
        doc = labels["doc"]
        if doc.startswith("sources/"):
            article = process_source(doc, (ROOT / doc).read_bytes(), kb)
            out.append(("seeds", doc, article, labels))
        else:
            page = _page(doc, texts, shared)
            if page is None:
                if missing is not None:
                    missing.append(doc)
                continue
            blocks = tuple(Block("paragraph", p.strip()) for p in page["body"].split("\n\n") if p.strip())
            article = tag(Article(source=doc, title=page["title"], body=blocks, authors=tuple(page["authors"])), kb)
            out.append((labels.get("group", "other domains"), doc, article, labels))
    if collection:
        retagged = tag_with_collection([article for _, _, article, _ in out], kb)
        out = [(group, doc, article, labels) for (group, doc, _, labels), article in zip(out, retagged)]
    return out


def score(kb, articles) -> dict[str, dict[str, Score]]:
    """Scores by group and type, plus the junk count under type ``junk``."""
    scores: dict[str, dict[str, Score]] = {}
    for group, doc, article, labels in articles:
        by_type = scores.setdefault(group, {t: Score() for t in (*TYPES, "junk")})
        gold = {t: [{norm(n) for n in item.split(" | ")} for item in labels.get(t) or ()] for t in TYPES}
        optional = [{norm(n) for n in item.split(" | ")} for item in labels.get("optional") or ()]
        found = {t: [False] * len(gold[t]) for t in TYPES}
        for mention in article.mentions:
            known = kb.entity(mention.entity)
            names = {norm(mention.entity), norm(mention.surface), *(norm(a) for a in (known.aliases if known else ()))}
            hit = next((i for i, g in enumerate(gold.get(mention.kind, [])) if g & names), None)
            if hit is not None:
                if not found[mention.kind][hit]:
                    by_type[mention.kind].tp += 1
                found[mention.kind][hit] = True
                continue
            if any(g & names for g in optional):
                continue
            by_type[mention.kind].fp += 1
            by_type[mention.kind].wrong.append(f"{doc}: {mention.entity} [{mention.rule}]")
            if not any(g & names for t in TYPES for g in gold[t]):
                by_type["junk"].fp += 1
                by_type["junk"].wrong.append(f"{doc}: {mention.entity} ({mention.kind}) [{mention.rule}]")
        for t in TYPES:
            for i, names in enumerate(gold[t]):
                if not found[t][i]:
                    by_type[t].fn += 1
                    by_type[t].misses.append(f"{doc}: {sorted(names)[0]}")
    return scores


def report(scores) -> tuple[str, bool]:
    """The scores as text, the targets met or not, and whether every floor holds."""
    lines, ok, met = [], True, []
    for group in GROUPS:
        if group not in scores:
            lines += [f"{group}: no text at hand (see --shared)", ""]
            continue
        lines.append(f"{group}:")
        lines.append(f"  {'type':13} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
        total = Score()
        for t in TYPES:
            s = scores[group][t]
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
            lines.append(f"  {t:13} {s.precision:9.3f} {s.recall:7.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
        lines.append(f"  {'all':13} {total.precision:9.3f} {total.recall:7.3f} {total.tp:4} {total.fp:4} {total.fn:4}")
        lines.append(f"  junk (matching no label): {scores[group]['junk'].fp}")
        if group.startswith("held out"):
            pass  # reported only: labelled after the rules were written, so it shows how they generalise
        elif group == "seeds":
            seeds_ok = total.recall >= SEED_RECALL and scores[group]["junk"].fp == 0
            ok &= seeds_ok
            met.append(f"seeds recall >= {SEED_RECALL} and no junk: {'met' if seeds_ok else 'NOT MET'}")
        else:
            for t in TARGETS:
                s = scores[group][t]
                ok &= s.precision >= FLOORS[t][0] and s.recall >= FLOORS[t][1]
                hit = s.precision >= TARGETS[t][0] and s.recall >= TARGETS[t][1]
                met.append(
                    f"other domains {t}: precision {s.precision:.2f} >= {TARGETS[t][0]}, recall {s.recall:.2f} >= {TARGETS[t][1]}: "
                    + ("met" if hit else "NOT MET")
                )
        for t in (*TYPES, "junk"):
            for miss in scores[group][t].misses:
                lines.append(f"    missed {t}: {miss}")
            for wrong in scores[group][t].wrong if t == "junk" else ():
                lines.append(f"    junk: {wrong}")
            for wrong in scores[group][t].wrong if t != "junk" else ():
                lines.append(f"    wrong {t}: {wrong}")
        lines.append("")
    lines += _pooled(scores)
    for t in TARGETS:
        s = _pool(scores, t)
        hit = s.precision >= TARGETS[t][0] and s.recall >= TARGETS[t][1]
        met.append(
            f"all other domains pooled {t} (reported, not gated): precision {s.precision:.2f}, recall {s.recall:.2f}: "
            + ("met" if hit else "NOT MET")
        )
    for t, want in BLIND_RECALL.items():
        s = _pool(scores, t, BLIND)
        hit = s.precision >= 0.95 and s.recall >= want
        met.append(f"blind groups pooled {t} (reported, not gated): precision {s.precision:.2f} >= 0.95, recall {s.recall:.2f} >= {want}: " + ("met" if hit else "NOT MET"))
    lines += ["targets:", *(f"  {m}" for m in met)]
    lines.append("floors: " + ("hold" if ok else "BROKEN (a score fell below its pinned floor)"))
    return "\n".join(lines), ok


BLIND = tuple(g for g in GROUPS if g.startswith("held out ") and g not in ("held out 2",))
"""Groups labelled blind (by hand, without running the tagger): held out 3 to 9. The issue's targets are on these, pooled."""
NEW = ("held out 8", "held out 9")
"""The groups labelled for issue 15 (the statistical candidate layer), before it was measured."""


def _pool(scores, kind: str, groups: tuple[str, ...] = GROUPS[1:]) -> Score:
    total = Score()
    for group in groups:
        if group not in scores:
            continue
        g = scores[group][kind]
        total.tp, total.fp, total.fn = total.tp + g.tp, total.fp + g.fp, total.fn + g.fn
    return total


def _pooled(scores) -> list[str]:
    """Pooled tables: every group but the seeds, the blind groups, the two newest."""
    lines = []
    for title, groups in (
        (f"all {len(GROUPS) - 1} groups from other domains", GROUPS[1:]),
        (f"the {len(BLIND)} blind groups ({BLIND[0]} to {BLIND[-1][len('held out '):]})", BLIND),
        (f"the newest blind groups ({' and '.join(NEW)})", NEW),
    ):
        lines += [f"{title}, pooled:", f"  {'type':13} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}"]
        total = Score()
        for t in TYPES:
            s = _pool(scores, t, groups)
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
            lines.append(f"  {t:13} {s.precision:9.3f} {s.recall:7.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
        lines.append(f"  {'all':13} {total.precision:9.3f} {total.recall:7.3f} {total.tp:4} {total.fp:4} {total.fn:4}")
        lines.append(f"  junk (matching no label): {sum(scores[g]['junk'].fp for g in groups if g in scores)}")
        lines.append("")
    return lines


def main(argv: list[str]) -> int:
    """``--no-kb``: only pycountry's countries, to measure what discovery finds on its own;
    ``--per-article``: each article tagged alone, without the collection's names;
    ``--shared DIR``: the shared benchmark folder (default ``../shared/bench``)."""
    folder = ROOT / "bench" / "no-such-folder" if "--no-kb" in argv else ROOT / "taxonomy"
    shared = Path(argv[argv.index("--shared") + 1]) if "--shared" in argv else SHARED
    kb = taxonomy.load(folder)
    missing: list[str] = []
    text, ok = report(score(kb, labelled_articles(kb, collection="--per-article" not in argv, shared=shared, missing=missing)))
    print(text)
    if missing:
        print(f"left out, no text at hand under {shared}: {', '.join(missing)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
