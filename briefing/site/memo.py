"""Pages (and parts of pages) of the last build, taken again when what they are made of did not change.

A rebuild after one source changed renders again only what that source
touches: each story page, entity page and feed is named by a digest of
everything it is made from (the versions of the stories it shows, the
relations, the page paths it links to, the entity's neighbours, events and
quotes...), and the text made under that digest by the last build is used
as it is. A story's *version* is a digest of what its article was made from
(:attr:`briefing.pipeline.Collection.versions`: its source's cache key, the
names it was tagged again with, the spellings unified, its copies and
address), so equal versions are equal articles.

A digest covers more than the text strictly shows (a whole neighbourhood,
every co-mentioned name), never less: at worst a page is made again that
would have come out the same.
"""

from __future__ import annotations

import hashlib
from typing import Callable

from briefing.model import Article


class Memo:
    """Texts by the digest of their inputs, kept in a store from one build to the next."""

    def __init__(self, versions: dict[str, str], store):
        self.versions = versions
        """Source path -> the story's version."""
        self.store = store
        """Where texts are kept between builds (:class:`briefing.cache.TextStore`)."""
        self.reused = 0
        self.made = 0

    def covers(self, articles: list[Article]) -> bool:
        """Whether every story has a version (without, nothing can be taken from the last build)."""
        return all(a.source in self.versions for a in articles)

    def version(self, article: Article) -> str:
        return self.versions[article.source]

    def text(self, parts: tuple, make: Callable[[], str]) -> str:
        """The text the last build made from ``parts``, else ``make()``; ``parts`` hold only strings, numbers, tuples
        and frozen records, whose ``repr`` is the same in every run."""
        key = hashlib.sha256(repr(parts).encode()).hexdigest()
        text = self.store.get(key)
        if text is None:
            text = make()
            self.store.put(key, text)
            self.made += 1
        else:
            self.reused += 1
        return text
