"""Make untrusted text safe to place in generated Markdown and front matter.

Article text is untrusted: it must reach the site as text, never as markup,
links, headings, lists or template syntax. Characters that Markdown or HTML
would interpret are written as numeric character references, which
Python-Markdown passes through and the browser shows as the character.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import nh3
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
    "!": "&#33;",  # "![...](...)" next to a kept link would be an image
}
_ALWAYS_TABLE = str.maketrans(_ALWAYS)
# Characters that are markup only at the start of a line (headings, lists,
# admonitions, details, definition lists, horizontal rules, ~~~ code fences,
# setext underlines).
_LINE_START = re.compile(r"^([#+\-!?%:.~=]|\d+(?=[.)]))")
_URL_SCHEMES = ("http://", "https://", "mailto:")


def inline(text: str) -> str:
    """Escape ``text`` so that it renders as exactly these characters on one line."""
    return _escape_line_start(_escape(" ".join(plain(text).split())))


# The inline Markdown kept from ``.md`` sources written by people: links to
# http(s)/mailto, emphasis, strong emphasis and code spans. Underscores count
# only at word boundaries (``snake_case`` stays text), as in CommonMark.
_RICH = re.compile(
    r"\[(?P<label>[^\[\]\n]{1,500})\]\((?P<url>(?:[^()\s]|\([^()\s]{0,500}\)){1,2000})\)"
    r"|(?P<strong>\*\*|(?<!\w)__)(?P<strong_text>[^\s*_](?:[^*_]{0,2000}[^\s*_])?)(?P=strong)(?!\w)"
    r"|(?P<em>\*|(?<!\w)_)(?P<em_text>[^\s*_](?:[^*_]{0,2000}[^\s*_])?)(?P=em)(?!\w)"
    r"|`(?P<code>[^`\n]{1,2000})`"
)


def rich(text: str) -> str:
    """Like :func:`inline`, but keeps safe links, emphasis and code spans of Markdown written by a person.

    A link whose target is not http, https or mailto keeps its words and loses
    its target. Raw HTML, images and everything else stay text.
    """
    text = " ".join(plain(text).split())
    pieces: list[str] = []
    position = 0
    for match in _RICH.finditer(text):
        pieces.append(_escape(text[position : match.start()]))
        pieces.append(_rich_piece(match))
        position = match.end()
    pieces.append(_escape(text[position:]))
    return _escape_line_start("".join(pieces))


def _rich_piece(match: re.Match) -> str:
    if match.group("label") is not None:
        url = safe_url(match.group("url"))
        label = _escape(match.group("label"))
        return f"[{label}]({link_target(url)})" if url else label
    if match.group("strong") is not None:
        return f"**{_escape(match.group('strong_text'))}**"
    if match.group("em") is not None:
        return f"*{_escape(match.group('em_text'))}*"
    # As raw HTML with its text escaped, not as a backtick span: a code span's text is copied
    # verbatim into the page's Markdown, where a plugin's directive (Material's
    # "<!-- material/tags -->") would be found and run before Markdown ever sees it.
    return f"<code>{_escape(match.group('code'))}</code>"


def unmarked(text: str) -> str:
    """The words of Markdown kept by :func:`rich`, without its syntax (for descriptions and titles)."""

    def words(match: re.Match) -> str:
        return next(group for group in (match.group("label"), match.group("strong_text"), match.group("em_text"), match.group("code")) if group is not None)

    return _RICH.sub(words, text)


def _escape(text: str) -> str:
    return text.translate(_ALWAYS_TABLE)


def _escape_line_start(text: str) -> str:
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), text)


# Python-Markdown rebuilds a paragraph's text for every inline match: text
# dense in markup characters (each escaped to a reference) costs it about
# 25 microseconds per character, minutes for a hostile 2 MB line. Such text is
# handed over as an escaped raw HTML paragraph instead, which it copies as is.
# Real paragraphs are far below both limits.
MAX_MARKDOWN_MARKS = 100
MAX_MARKDOWN_CHARS = 20_000
_MARKS = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")


def too_heavy_for_markdown(text: str) -> bool:
    """Whether ``text`` is long or dense enough in markup to be slow for Python-Markdown."""
    return len(text) > MAX_MARKDOWN_CHARS or len(_MARKS.findall(text, 0, MAX_MARKDOWN_CHARS)) > MAX_MARKDOWN_MARKS


def html_paragraph(text: str, prefix: str = "") -> str:
    """``text`` as one escaped raw HTML paragraph (after the markup ``prefix``), which Markdown passes through untouched."""
    return f"<p>{prefix}{html.escape(' '.join(plain(text).split()), quote=False)}</p>"


def inline_linked(text: str, links: list[tuple[int, int, str]]) -> str:
    """Like :func:`inline`, with ``text[start:end]`` made a link to ``href`` for each link.

    Each piece of ``text`` is escaped on its own, so the link is built around
    escaped text; ``href`` must be a path the pipeline made, never source text.
    Overlapping or out-of-range links are skipped.
    """
    pieces = []
    position = 0
    for start, end, href in sorted(links):
        if start < position or end > len(text) or start >= end:
            continue
        label = _escape_piece(text[start:end]).strip()
        pieces += [_escape_piece(text[position:start]), f"[{label}]({link_target(href)})"]
        position = end
    pieces.append(_escape_piece(text[position:]))
    joined = "".join(pieces).strip()
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), joined)


def _escape_piece(text: str) -> str:
    """Escape a piece of a line, keeping single spaces at its edges."""
    return re.sub(r"\s+", " ", plain(text)).translate(_ALWAYS_TABLE)


def plain(text: str) -> str:
    """Drop control, format (zero-width, bidirectional) and other invisible characters."""
    return visible(text)


# Terminal escape sequences: CSI (ESC [ or the one-byte 0x9b), OSC (ESC ]
# ... BEL or ESC \\) and two-character escapes. Removed whole, so that no
# "[31m" is left behind when the ESC itself goes.
_ANSI = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?")
_SUSPECT = re.compile(r"[^\t\n -~]+")  # runs of anything but printable ASCII, tab and newline
# Line and paragraph breaks Markdown does not know: a space keeps the words
# apart and the line numbers of the file unchanged.
_BREAKS = frozenset("\r\x0b\x0c\x85\u2028\u2029")
# Letters and symbols that draw nothing (Hangul fillers, the blank Braille
# pattern): a title of them would be an empty heading, a name of them an
# invisible link. No real text needs them on their own.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> str:
    """``text`` without terminal escapes and invisible characters.

    Removes control characters (but tab and newline), format characters
    (zero-width spaces and joiners, bidirectional overrides, byte-order
    marks, soft hyphens), surrogates, private-use and unassigned code points,
    and the letters that draw nothing (Hangul fillers, blank Braille).
    Line breaks other than newline become a space.
    """
    if text.isascii() and text.isprintable():
        return text
    return _SUSPECT.sub(_keep_visible, _ANSI.sub("", text))


def _keep_visible(match: re.Match) -> str:
    return "".join(" " if ch in _BREAKS else ch for ch in match.group() if ch in _BREAKS or _is_visible(ch))


@functools.lru_cache(maxsize=4096)
def _is_visible(ch: str) -> bool:
    return unicodedata.category(ch)[0] != "C" and ch not in _BLANK_LETTERS


def attribute(text: str) -> str:
    """Escape a value for use in front matter that templates print unescaped."""
    return html.escape(" ".join(plain(text).split()), quote=True)


LISTING = {"search": {"exclude": True}}
"""Front matter of listing pages (home, indexes): search finds the stories and entities they list, not them."""


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


# Defence in depth for generated pages: whatever a renderer emits, the HTML
# MkDocs made from it keeps only these tags, attributes and URL schemes
# (relative URLs pass). Text from sources is already escaped by ``inline``;
# this catches a future renderer that forgets to.
SAFE_TAGS = frozenset(
    "a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i "
    "ins kbd li mark nav ol p pre q s section small span strong sub summary sup table tbody td tfoot th thead "
    "time tr u ul".split()
    # Inline SVG pictures the renderers draw (the entity network): shapes, text, links.
    + "svg g line circle rect path text title".split()
)
SAFE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "details": {"open"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "svg": {"viewBox", "aria-label", "role", "xmlns", "width", "height"},
    "line": {"x1", "y1", "x2", "y2", "stroke-width"},
    "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height", "rx"},
    "path": {"d"},
    "text": {"x", "y", "text-anchor"},
}
SAFE_ATTRIBUTES["a"] = {"href", "xlink:href"}  # SVG links; both are checked against the URL schemes
_SANITISER = nh3.Cleaner(
    tags=set(SAFE_TAGS),
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea"},
    attributes={tag: set(names) for tag, names in SAFE_ATTRIBUTES.items()},
    generic_attribute_prefixes={"data-"},
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
)


def sanitise_html(html_text: str) -> str:
    """``html_text`` keeping only :data:`SAFE_TAGS`, :data:`SAFE_ATTRIBUTES` and http(s)/mailto/relative URLs."""
    return _SANITISER.clean(html_text)
