"""What each discovery rule still adds beside the statistical layer: the entity eval with the rule switched off.

For every rule of :data:`briefing.tagging.discovery.RULES`, the labelled
articles (``bench/labels/entities.yml``) are tagged again, collection pass
included, with that rule finding nothing, and scored as ``make eval-entities``
scores them. A rule is worth keeping where switching it off loses true
entities (recall) or adds wrong ones (precision). Decided on the groups the
rules were written on (the seeds, "other domains", "held out" 1 to 7);
groups 8 and 9 are shown beside, not used to decide. The model's names are
computed once and reused in every run (they do not depend on the rules).

    .venv/bin/python bench/ablate_rules.py [--no-model] [--only NAME ...]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.knowledge import taxonomy  # noqa: E402
from briefing.tagging import discovery, model_layer  # noqa: E402
from briefing.tagging.discovery.common import SWITCHED_OFF  # noqa: E402

DECIDE = ("seeds", "other domains", "held out", "held out 2", "held out 3", "held out 4", "held out 5", "held out 6", "held out 7")
SHOW = ("held out 8", "held out 9")


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "bench" / "eval_entities.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_entities"] = module
    spec.loader.exec_module(module)
    return module


def _pooled(scores, groups) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for group in groups:
        for kind in ("person", "organisation", "place", "other"):
            s = scores[group][kind]
            tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
    return tp, fp, fn


def main(argv: list[str]) -> int:
    module = _eval_module()
    kb = taxonomy.load(ROOT / "taxonomy")
    if "--no-model" in argv:
        model_layer.entity_spans = lambda paragraphs: None
    else:
        memo: dict[tuple[str, ...], object] = {}
        real = model_layer.entity_spans

        def remembered(paragraphs):
            key = tuple(paragraphs)
            if key not in memo:
                memo[key] = real(paragraphs)
            return memo[key]

        model_layer.entity_spans = remembered
    only = argv[argv.index("--only") + 1 :] if "--only" in argv else sorted(discovery.RULES)

    def run() -> tuple[tuple[int, int, int], tuple[int, int, int], int]:
        scores = module.score(kb, module.labelled_articles(kb))
        return _pooled(scores, DECIDE), _pooled(scores, SHOW), scores["seeds"]["junk"].fp

    base, base_new, base_junk = run()
    print(f"all rules on: decide groups tp {base[0]} fp {base[1]} fn {base[2]}; groups 8-9 tp {base_new[0]} fp {base_new[1]}; seed junk {base_junk}")
    print(f"{'rule switched off':34} {'Δtp':>5} {'Δfp':>5} {'Δtp 8-9':>8} {'Δfp 8-9':>8} {'seed junk':>9}  verdict")
    for name in only:
        SWITCHED_OFF.clear()
        SWITCHED_OFF.add(name)
        off, off_new, junk = run()
        dtp, dfp = off[0] - base[0], off[1] - base[1]
        keep = dtp < 0 or dfp > 0 or junk > base_junk
        verdict = "keep" if keep else "drop"
        print(f"{name:34} {dtp:5} {dfp:5} {off_new[0] - base_new[0]:8} {off_new[1] - base_new[1]:8} {junk:9}  {verdict}", flush=True)
    SWITCHED_OFF.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
