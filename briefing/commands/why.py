"""``briefing entities --why NAME``: the evidence for one entity, story by story.

For each story that names the entity: which layer found it (the knowledge
base, a discovery rule with the first line of its docstring, the statistical
model with the evidence that typed it, or the collection pass), how often, and
the sentence where it first appears.
"""

from __future__ import annotations

from briefing.model import Article, Mention
from briefing.tagging import discovery, evidence
from briefing.tagging.collection import spelling_key

LAYERS = {
    "kb": "the knowledge base (taxonomy/entities.yml)",
    "model": "the statistical model (spaCy's small English pipeline)",
    "collection": "the collection pass: another story found the name, this one names it bare",
}


def why_report(name: str, articles: list[Article], kb) -> str:
    """The evidence for the entity called ``name`` (its name or a way it is written, any case) in ``articles``, every
    story naming it; empty when no entity is called so."""
    wanted = spelling_key(name)
    named = {m.entity for a in articles for m in a.mentions if wanted in (spelling_key(m.entity), spelling_key(m.surface))}
    found = [(a, m) for a in articles for m in a.mentions if m.entity in named]
    if not found:
        return ""
    lines = []
    for entity in sorted({m.entity for _, m in found}):
        mentions = [(a, m) for a, m in found if m.entity == entity]
        kinds = sorted({m.kind for _, m in mentions})
        known = kb.entity(entity) is not None
        status = "in the knowledge base" if known else "discovered in the text, not yet reviewed"
        lines += [f"{entity} [{', '.join(kinds)}]: {status}; {len(mentions)} stor{'y' if len(mentions) == 1 else 'ies'}", ""]
        for article, mention in mentions:
            lines.append(f"  {article.source}: {mention.count} mention{'' if mention.count == 1 else 's'}, written {mention.surface!r}")
            lines.append(f"    found by: {found_by(mention)}")
            if mention.rule == "model" and (why := _typed_by(article, mention)):
                lines.append(f"    typed {mention.kind} by: {why}")
            if mention.sentence:
                lines.append(f"    sentence: {mention.sentence}")
        lines.append("")
    return "\n".join(lines)


def found_by(mention: Mention) -> str:
    """The layer or rule that found ``mention``, in words."""
    if mention.rule in LAYERS:
        return LAYERS[mention.rule]
    if mention.rule in discovery.RULES:
        doc = (discovery.RULES[mention.rule].__doc__ or "").strip().splitlines()
        return f"the rule {mention.rule}: {doc[0]}" if doc else f"the rule {mention.rule}"
    return "a short form of the entity's full name in the story" if not mention.rule else mention.rule


def _typed_by(article: Article, mention: Mention) -> str:
    """The evidence that typed a name of the model: the lists, a head word, or the model's label."""
    label = next(
        (c.label for c in article.candidates or () if c.text == mention.block + 1 and c.start <= mention.start < c.end),
        "",
    )
    if " " not in mention.entity and label:
        return f"one word the model labelled {label}, with the evidence of the article (see briefing.tagging.evidence.single_word)"
    reason = evidence.evidence(mention.entity, label)
    return reason[1] if reason else ""
