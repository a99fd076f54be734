"""The knowledge bases the tagging tests read: the shipped one, and a small one built here."""

from __future__ import annotations

import pytest

from briefing.knowledge import taxonomy
from briefing.model import Entity

from .stories import ROOT


@pytest.fixture(scope="module")
def kb():
    """The shipped knowledge base (``taxonomy/``) with pycountry's countries."""
    return taxonomy.load(ROOT / "taxonomy")


@pytest.fixture(scope="module")
def small_kb():
    """A knowledge base of a few made-up entries, independent of what ``taxonomy/`` holds."""
    return taxonomy.knowledge_base(
        [
            Entity("Norland", "place", demonyms=("Norlandic",)),
            Entity("Port Avery", "place"),
            Entity("Velmora Systems", "organisation", aliases=("Velmora",)),
            Entity("Dana Whitcombe", "person", aliases=("Whitcombe",)),
        ]
    )
