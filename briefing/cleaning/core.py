"""Where the article text of a plain-text scrape is: the densest run of prose, grown across small gaps.

Step 1 of :mod:`briefing.cleaning.text`: each line gets a value (running text
counts its words, anything else costs a little); the maximum-sum run of lines
is the body's core, and it grows over gaps of a few short lines to the prose
around it.
"""

from __future__ import annotations

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import lines as ln
from briefing.cleaning.lines import Line

CORE_SHORT_COST = 8
CORE_FURNITURE_COST = 12
MAX_GAP = 5
# Above the body sit byline, date, share buttons and captions: a wider gap still belongs to it.
MAX_GAP_BEFORE = 5


def _value(line: Line, short_cost: float, furniture_cost: float) -> float:
    if line.prose:
        return line.words
    if line.strong and line.words >= 5:
        return -1  # a paywall or advert notice can sit inside the text: it leaves, but does not split it
    if line.furniture:
        return -furniture_cost
    if ln.NUMBERED.match(line.text) and line.words >= 4:
        return 1
    return -short_cost


def dense_block(lines: list[Line]) -> tuple[int, int]:
    """Where the article text is: the densest run of prose, grown across small gaps.

    The core is the maximum-sum run of line values (prose counts its words,
    other lines cost a lot), so that long blurbs in a footer cannot join it;
    it then grows over gaps of a few short lines (headings, captions, list
    items) to the prose around it, and stops at a wide gap or at a comment or
    related-stories label.
    """
    best, best_span = float("-inf"), (0, -1)
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        total += _value(line, CORE_SHORT_COST, CORE_FURNITURE_COST)
        if total > best:
            best, best_span = total, (start, i)
    first, last = best_span
    return _grow(lines, first, -1, MAX_GAP_BEFORE), _grow(lines, last, +1, MAX_GAP)


def _grow(lines: list[Line], edge: int, step: int, max_gap: float) -> int:
    gap, i = 0.0, edge + step
    while 0 <= i < len(lines):
        line = lines[i]
        if line.prose:
            edge, gap = i, 0.0
        elif line.furniture in (bp.COMMENTS, bp.RELATED) and step > 0:
            break
        else:
            gap += _gap_cost(line, step)
            if gap > max_gap:
                break
        i += step
    return edge


def _gap_cost(line: Line, step: int) -> float:
    """How much a non-prose line widens the gap between the body and more text.

    Long notices (paywall, advert, video) cost nothing in either direction:
    they sit inside articles, and a paywall box of twenty lines must not
    cut the first paragraph off the rest. Going up, buttons and menus are
    cheap too: share bars and labels sit between the headline and the text.
    """
    if line.strong and line.words >= 5 or step < 0 and line.furniture:
        return 0.25 if line.furniture else 0.0
    return 2 if line.furniture else 1
