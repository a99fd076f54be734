"""Words per second of the tag stage, with and without the statistical layer, and of the model's NER alone.

Tags every labelled benchmark body (``bench/labels/bench_texts.json``) and the
five seeds' bodies, each once as a fresh story (the model reads it), in this
process on one core; prints the words per second of ``tag`` with the model,
without it (the rules and the knowledge base alone), and of the model's
recogniser alone over the same paragraphs. Best of ``--repeat`` runs (default 2).

    .venv/bin/python bench/tag_speed.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.knowledge import taxonomy  # noqa: E402
from briefing.model import Article, Block  # noqa: E402
from briefing.pipeline import article_of  # noqa: E402
from briefing.tagging import model_layer  # noqa: E402
from briefing.tagging.tag import tag  # noqa: E402


def articles() -> list[Article]:
    texts = json.loads((ROOT / "bench" / "labels" / "bench_texts.json").read_text(encoding="utf-8"))
    out = [
        Article(source=doc, title=page["title"], body=tuple(Block("paragraph", p.strip()) for p in page["body"].split("\n\n") if p.strip()))
        for doc, page in sorted(texts.items())
    ]
    for path in sorted((ROOT / "sources").glob("*.*")):
        if path.suffix in (".txt", ".md", ".html"):
            out.append(article_of(f"sources/{path.name}", path.read_bytes()))
    return out


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 2
    kb = taxonomy.load(ROOT / "taxonomy")
    stories = articles()
    words = sum(len(a.title.split()) + sum(len(b.text.split()) for b in a.body) for a in stories)
    if model_layer.problem() is not None:
        print(f"the model cannot be loaded: {model_layer.problem()}")
        return 1
    with_model = best(repeat, lambda: [tag(a, kb) for a in stories])
    ner = best(repeat, lambda: [model_layer.entity_spans([b.text for b in a.body]) for a in stories])
    real = model_layer.entity_spans
    model_layer.entity_spans = lambda paragraphs: None
    try:
        rules = best(repeat, lambda: [tag(a, kb) for a in stories])
    finally:
        model_layer.entity_spans = real
    print(f"{len(stories)} stories, {words:,} words (labelled benchmark bodies and the seeds), best of {repeat}:")
    print(f"  tag, knowledge base and rules alone: {rules:6.2f} s  {words / rules:8,.0f} words/s")
    print(f"  tag, with the statistical layer:     {with_model:6.2f} s  {words / with_model:8,.0f} words/s")
    print(f"  the model's NER alone (all paragraphs, no skipping by the tagger): {ner:6.2f} s  {words / ner:8,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
