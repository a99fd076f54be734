"""Verbs that report speech: "said Dusan Navratil", "Alex Younger said", "," Strayer told reporters".

One core of verbs (:data:`SAID`) serves both readers of speech, each adding
the verbs its own question needs:

- discovery (:data:`SAY`): a name next to one of these is a person's;
- the quotes (:data:`QUOTE_VERB`): one of these next to a quotation
  attributes it.
"""

from __future__ import annotations

SAID = (
    "said", "says", "told", "added", "explained", "wrote", "noted", "warned", "argued", "testified", "insisted",
    "recalled", "tweeted", "stated", "admitted", "claimed",
)  # fmt: skip
"""Speech verbs both readers know."""

SAY = rf"(?:{'|'.join(SAID + ('posted', 'confirmed'))})"
"""A verb after or before a name that makes it a person's ("Alex Younger said", "said Dusan Navratil")."""

QUOTE_VERB = "(?:{})".format(
    "|".join(
        SAID
        + (
            "tells", "writes", "adds", "explains", "states", "testifies", "notes", "argues", "warns", "insists",
            "declared", "declares", "asked", "asks", "continued", "tweets", "replied", "replies", "responded",
            "acknowledged", "claims", "reads", "announced", "pointed out", "according to",
        )  # fmt: skip
    )
)
"""A verb that attributes a quotation ("," Strayer said", "according to the letter")."""
