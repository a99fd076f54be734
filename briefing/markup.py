"""Make untrusted text safe to place in generated Markdown and front matter.

Article text is untrusted: it must reach the site as text, never as markup,
links, headings, lists or template syntax. Characters that Markdown or HTML
would interpret are written as numeric character references, which
Python-Markdown passes through and the browser shows as the character.
"""

from __future__ import annotations

import html
import re
import unicodedata

import yaml

# Characters that are markup anywhere in a line.
_ALWAYS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
}
_ALWAYS_TABLE = str.maketrans(_ALWAYS)
# Characters that are markup only at the start of a line (headings, lists,
# admonitions, details, definition lists, horizontal rules).
_LINE_START = re.compile(r"^([#+\-!?%:.]|\d+(?=[.)]))")
_URL_SCHEMES = ("http://", "https://", "mailto:")


def inline(text: str) -> str:
    """Escape ``text`` so that it renders as exactly these characters on one line."""
    text = " ".join(plain(text).split())
    text = text.translate(_ALWAYS_TABLE)
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), text)


def plain(text: str) -> str:
    """Drop control, format (zero-width, bidirectional) and other invisible characters."""
    if text.isprintable():  # no category C character at all: the common case, in C speed
        return text
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " if ch == "\r" else ""
        for ch in text
    )


def attribute(text: str) -> str:
    """Escape a value for use in front matter that templates print unescaped."""
    return html.escape(" ".join(plain(text).split()), quote=True)


def front_matter(values: dict[str, object]) -> str:
    """YAML front matter block for a generated page."""
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n\n"


def safe_url(url: str) -> str:
    """``url`` if it is http(s) or mailto after removing whitespace and controls, else ''."""
    squeezed = "".join(ch for ch in html.unescape(url) if not ch.isspace() and unicodedata.category(ch)[0] != "C")
    if squeezed.lower().startswith(_URL_SCHEMES):
        return squeezed
    return ""


def link_target(url: str) -> str:
    """A URL made safe to place inside Markdown ``(...)``."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
