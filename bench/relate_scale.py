"""Time related stories and near-duplicate clusters on synthetic articles (not part of the tests).

Articles are made deterministically from a seed: about 600 words each, drawn
from a Zipf-distributed general vocabulary and the vocabularies of one or two
of 60 subjects; 3 to 10 entities from a pool of 3,000 (each subject has its
favourites); a date over three years or none (one in five); and 2% are
copies of another article with 5% of their words changed, so that clusters
have something to find.

    python bench/relate_scale.py              # 1,000 and 10,000 articles
    python bench/relate_scale.py --sizes 2000

:func:`measure` returns the timings for the benchmark helper.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.clusters import find_copies  # noqa: E402
from briefing.analysis.relate import relate  # noqa: E402
from briefing.model import Article, Block, Mention, TopicScore  # noqa: E402

SUBJECTS = 60
GENERAL_WORDS = 20_000
SUBJECT_WORDS = 400
ENTITIES = 3_000
WORDS_PER_ARTICLE = 600
COPY_SHARE = 0.02
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "do", "fa", "gu", "hi", "ja", "po", "ze")


def _word(i: int) -> str:
    """A pronounceable made-up word for each number: 0 -> ``kaka``, 17 -> ``lolo``..."""
    out = ""
    i += len(SYLLABLES)
    while i:
        i, r = divmod(i, len(SYLLABLES))
        out += SYLLABLES[r]
    return out


def articles(n: int, seed: int = 1) -> list[Article]:
    """``n`` synthetic tagged articles with unique slugs, some of them near-duplicates."""
    rng = random.Random(seed)
    general = [_word(i) for i in range(GENERAL_WORDS)]
    weights = [1.0 / (rank + 1) for rank in range(GENERAL_WORDS)]
    subject_words = [[_word(GENERAL_WORDS + s * SUBJECT_WORDS + i) for i in range(SUBJECT_WORDS)] for s in range(SUBJECTS)]
    entity_names = [f"Entity {_word(i).title()}" for i in range(ENTITIES)]
    start = dt.date(2022, 1, 1).toordinal()
    made: list[Article] = []
    for index in range(n):
        if made and rng.random() < COPY_SHARE:
            made.append(_near_copy(rng.choice(made), index, rng, general))
            continue
        subjects = rng.sample(range(SUBJECTS), rng.choice((1, 1, 2)))
        words = rng.choices(general, weights, k=int(WORDS_PER_ARTICLE * 0.6))
        for subject in subjects:
            words += rng.choices(subject_words[subject], k=int(WORDS_PER_ARTICLE * 0.4 / len(subjects)))
        rng.shuffle(words)
        favourites = [entity_names[(s * 50 + k) % ENTITIES] for s in subjects for k in range(15)]
        chosen = set(rng.sample(favourites, min(4, len(favourites))) + rng.sample(entity_names, rng.randint(0, 5)))
        date = "" if rng.random() < 0.2 else dt.date.fromordinal(start + rng.randrange(3 * 365)).isoformat()
        made.append(
            Article(
                source=f"sources/{index:06d}.txt",
                title=" ".join(words[:8]).capitalize(),
                body=tuple(Block("paragraph", " ".join(words[i : i + 60])) for i in range(8, len(words), 60)),
                date=date,
                slug=f"story-{index:06d}",
                mentions=tuple(Mention(name, "organisation", name, 0, rng.randint(1, 6)) for name in sorted(chosen)),
                topics=tuple(TopicScore(f"Subject {s}", float(rng.randint(2, 20))) for s in subjects),
            )
        )
    return made


def _near_copy(original: Article, index: int, rng: random.Random, general: list[str]) -> Article:
    words = " ".join(b.text for b in original.body).split()
    for _ in range(len(words) // 20):
        words[rng.randrange(len(words))] = rng.choice(general)
    body = tuple(Block("paragraph", " ".join(words[i : i + 60])) for i in range(0, len(words), 60))
    return replace(original, source=f"sources/{index:06d}.txt", slug=f"story-{index:06d}", body=body)


def measure(n: int, seed: int = 1) -> dict[str, float]:
    """Seconds to compute related stories and near-duplicate clusters for ``n`` synthetic articles."""
    made = articles(n, seed)
    related, relate_wall, relate_cpu = _timed(relate, made)
    copies, cluster_wall, cluster_cpu = _timed(find_copies, made)
    return {
        "articles": n,
        "relate_seconds": round(relate_wall, 2),
        "relate_cpu_seconds": round(relate_cpu, 2),
        "cluster_seconds": round(cluster_wall, 2),
        "cluster_cpu_seconds": round(cluster_cpu, 2),
        "stories_with_related": sum(1 for links in related.values() if links),
        "copies_found": len(copies),
        # A copy keeps its original's title; originals' titles are eight random words.
        "copies_made": len(made) - len({a.title for a in made}),
    }


def _timed(function, *args):
    """The result, wall seconds and CPU seconds (the CPU figure is steadier on a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000 10000", help="space-separated numbers of articles")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split()):
        result = measure(n)
        print(
            f"{n:>6} articles: related {result['relate_seconds']:.2f} s (CPU {result['relate_cpu_seconds']:.2f} s), "
            f"clusters {result['cluster_seconds']:.2f} s (CPU {result['cluster_cpu_seconds']:.2f} s) "
            f"({result['stories_with_related']} stories with related links; "
            f"{result['copies_found']} copies found of {result['copies_made']} made)"
        )


if __name__ == "__main__":
    main()
