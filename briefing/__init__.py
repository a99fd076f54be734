"""briefing: turn a folder of scraped news articles into a briefing site.

The pipeline reads top to bottom, one module per stage:
read -> clean -> extract -> tag -> relate -> render, run by :mod:`briefing.pipeline`.
"""

__version__ = "0.1.0"
