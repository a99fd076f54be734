"""The records that flow through the pipeline.

Each stage takes one of these and returns the next: ``read`` gives a
:class:`Source`, ``clean`` a :class:`CleanText`, ``extract`` an
:class:`Article`, ``tag`` an :class:`Article` with mentions and topics,
``relate`` the :class:`Relation` lists, ``render`` the :class:`Page` list.
All records are frozen so that a stage cannot change what an earlier one made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping

SourceKind = Literal["text", "markdown", "html"]
BlockKind = Literal["heading", "paragraph", "bullet", "numbered", "quote"]


@dataclass(frozen=True, slots=True)
class Source:
    """One file of ``sources/``, decoded, with its front matter split off."""

    path: str
    """Path relative to the project, POSIX style, e.g. ``sources/foo.txt``."""
    kind: SourceKind
    text: str
    """The body: decoded, line endings normalised to ``\\n``, front matter removed."""
    body_line: int = 1
    """Line number in the file where ``text`` starts (after front matter)."""
    front_matter: Mapping[str, object] = field(default_factory=dict)
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of article body: a paragraph, a heading, a list item or a quote."""

    kind: BlockKind
    text: str
    line: int = 0
    """Line in the source file the block came from (0 when unknown)."""


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the cleaner removed, and why, for the cleaning report."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Copy:
    """A near-duplicate of a story: it gets no page; the canonical story lists it under "Also reported by"."""

    source: str
    """Path of the copy, e.g. ``sources/b.txt``."""
    canonical: str
    """Path of the story the site shows instead."""
    shared: float
    """Share of word shingles the two bodies have in common (Jaccard), 0 to 1."""
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaner's output: the body blocks in order, plus what it removed."""

    source: Source
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""
    url: str = ""
    """What the cleaner found in the source itself; ``extract`` decides the final values."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One entry of the knowledge base (or one discovered in the text)."""

    name: str
    """Canonical name, shown on its page."""
    type: str
    """``person``, ``organisation``, ``place`` or ``other`` (laws, programmes, lists)."""
    aliases: tuple[str, ...] = ()
    description: str = ""
    parent: str = ""
    """Canonical name of the entity it belongs to (Huawei Cloud -> Huawei)."""
    demonyms: tuple[str, ...] = ()
    """Weak signals ("Chinese" for China): they never create a mention alone."""
    country: str = ""
    """ISO 3166 alpha-2 code when the entry is a country."""


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    description: str = ""
    cues: tuple[tuple[str, float], ...] = ()
    """Words or phrases (matched case-insensitively, whole words) and their weights."""


@dataclass(frozen=True, slots=True)
class Span:
    """A name at ``start:end`` of one text of an article: what the matcher, discovery and tagging pass on.

    The knowledge base's matcher finds aliases as spans, each discovery rule
    returns spans, and tagging merges them; :class:`Mention` is the
    article-level record made from an entity's spans.
    """

    start: int
    end: int
    entity: str
    """The name: canonical for a knowledge-base alias, as written (spacing normalised) for a discovered one."""
    kind: str
    """``person``, ``organisation``, ``place`` or ``other``."""
    role: str = ""
    """The role the text gives a person: "FBI Director"."""
    strength: int = 3
    """How sure the cue is: 3 the knowledge base or a title; 2 a role or a name's form; 1 a weak cue (quoted by name, a city of the list)."""
    text: int = 0
    """Which text of the article: 0 is the headline, ``i`` is body block ``i - 1``."""
    discovered: bool = False
    """Found by its form in the text, not in the knowledge base."""
    weak: bool = False
    """A demonym ("Chinese"): it only adds to a country named elsewhere in the article."""
    rule: str = ""
    """Why it is a name: the discovery rule that found it (its function's name, see
    :data:`briefing.tagging.discovery.RULES`), ``kb`` for the knowledge base,
    ``collection`` for a name another story's rule found, ``model`` for the statistical layer."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name the statistical model found in one text of an article, before the tagger judges it.

    See :mod:`briefing.tagging.model_layer`; the tagger keeps it only where the
    knowledge base and the rules found nothing, and types it by its evidence.
    """

    text: int
    """Which text of the article: ``i`` is body block ``i - 1`` (the headline, text 0, is not read)."""
    start: int
    end: int
    label: str
    """The model's label: ``PERSON``, ``ORG``, ``GPE``, ``LOC`` or ``FAC``."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found in an article."""

    entity: str
    """Canonical name of the entity."""
    kind: str
    """``person``, ``organisation``, ``place`` or ``other``."""
    surface: str
    """The words as written in the text."""
    block: int
    """Index of the body block holding the first mention (-1: only in the title)."""
    count: int = 1
    discovered: bool = False
    """Found by its form in the text, not in the knowledge base."""
    role: str = ""
    """The role the text gives a person: "FBI Director", "Secretary of State"."""
    start: int = -1
    end: int = -1
    """Offsets of the first mention in ``body[block].text`` (-1: only in the title)."""
    sentence: str = ""
    """The sentence where the entity first appears (in the body, else the title)."""
    rule: str = ""
    """Why it is an entity: ``kb`` for the knowledge base; for a discovered one, the discovery rule of
    its strongest cue (a function of :data:`briefing.tagging.discovery.RULES`, whose docstring states
    the rule), ``model`` when the statistical layer found it (:mod:`briefing.tagging.model_layer`), or
    ``collection`` when another story's rule or the model found the name."""


@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    score: float


@dataclass(frozen=True, slots=True)
class Event:
    """A sentence of an article that the text dates, for the timeline."""

    date: str
    """ISO 8601 with the precision the text gives: ``2019-05-15``, ``2020-07`` or ``2019``."""
    text: str
    """The sentence, as written."""
    block: int
    """Index of the body block (paragraph) the sentence comes from."""
    phrase: str = ""
    """The words that date it, as written (``In July, 2020``, ``last month``)."""
    entities: tuple[str, ...] = ()
    """Canonical names of the article's entities that the sentence names, sorted."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted statement and who the text says made it."""

    text: str
    block: int
    """Index of the body block (paragraph) the quote comes from."""
    speakers: tuple[str, ...] = ()
    """Who said it, canonical entity names where an entity exists; empty when the text does not say."""
    said_by: str = ""
    """The words of the text that name or describe the speaker (``the legislators``, ``an unnamed official``)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One story, with the metadata the site shows."""

    source: str
    title: str
    body: tuple[Block, ...]
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""
    """ISO 8601 date (``YYYY-MM-DD``) or empty when unknown."""
    url: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    copies: tuple[Copy, ...] = ()
    """Near-duplicates of this story from other files: they get no page; this one lists them."""
    slug: str = ""
    redirect_from: tuple[str, ...] = ()
    """Slugs of the story's former addresses (a renamed file); each gets a page that sends readers on."""
    candidates: tuple[Candidate, ...] | None = None
    """The model's names in the story's body, read once when it is first tagged (and cached with it);
    None when the model has not read it (not installed, or a story in another language)."""
    mentions: tuple[Mention, ...] = ()
    topics: tuple[TopicScore, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A link from one story to another, with a score and the reasons in words."""

    source: str
    target: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A Markdown page the hooks hand to MkDocs, at ``path`` under the docs tree.

    A path not ending in ``.md`` (a feed, a picture) is a static file whose
    content is ``markdown`` as it stands.
    """

    path: str
    markdown: str
    entity: str = ""
    """On an entity's own page: the entity's canonical name (search indexes these pages)."""


@dataclass(frozen=True, slots=True)
class Site:
    """What rendering needs to know of the site: where it is served and how URLs look."""

    url: str = ""
    """``site_url`` of mkdocs.yml; empty when unset, and feeds then use relative links."""
    directory_urls: bool = True
    """``use_directory_urls`` of mkdocs.yml: ``stories/x.md`` is served at ``stories/x/``."""
