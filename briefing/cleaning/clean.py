"""Stage 2, clean: :class:`Source` -> :class:`CleanText`, by the kind of source.

Turns a raw source into the article its publisher meant: the headline, the
dek, the byline and date, and the body blocks in order. Every line dropped is
recorded with a human reason, so the article page can show a cleaning report.
Plain text: :mod:`briefing.cleaning.text`; Markdown: :mod:`briefing.cleaning.markdown`;
saved HTML: :mod:`briefing.cleaning.html`.
"""

from __future__ import annotations

from briefing.cleaning.html import clean_html
from briefing.cleaning.markdown import clean_markdown
from briefing.cleaning.text import clean_text
from briefing.model import CleanText, Source


def clean(source: Source) -> CleanText:
    """Clean ``source``; never raises for any text."""
    if source.kind == "markdown":
        return clean_markdown(source)
    if source.kind == "html":
        return clean_html(source)
    return clean_text(source)
