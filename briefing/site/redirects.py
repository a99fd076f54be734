"""Pages at a story's former addresses: a renamed source file moves its story, and old links still arrive.

A story lists its former addresses in ``redirect_from`` (front matter or its
corrections file). Each gets a tiny static page that sends the reader on at
once (``<meta http-equiv="refresh">``, a canonical link, and a plain link for
browsers that refresh nothing). The slugs are checked words and hyphens, so
nothing of the source reaches the markup but the title, escaped.
"""

from __future__ import annotations

import html

from briefing.model import Article, Page, Site
from briefing.site import paths


def redirect_pages(articles: list[Article], site: Site) -> list[Page]:
    """One static page per former address of every story, sorted by path."""
    pages = []
    for article in articles:
        for old in article.redirect_from:
            here = paths.former_story_path(old)
            target = paths.served(here, paths.story_path(article), site)
            pages.append(Page(paths.redirect_file(old, site), _stub(target, article.title)))
    return sorted(pages, key=lambda page: page.path)


def _stub(target: str, title: str) -> str:
    href = html.escape(target, quote=True)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
        f"<title>Moved: {html.escape(title)}</title>\n"
        f"<link rel=\"canonical\" href=\"{href}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        f"</head><body><p>This story has moved: <a href=\"{href}\">{html.escape(title)}</a>.</p></body></html>\n"
    )
