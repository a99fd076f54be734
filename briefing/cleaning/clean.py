"""Stage 2, clean: :class:`Source` -> :class:`CleanText`.

Turns a raw source into the article its publisher meant: the headline, the
dek, the byline and date, and the body blocks in order. Every line dropped is
recorded with a human reason, so the article page can show a cleaning report.

How a plain-text scrape is read, in order:

1. Each non-empty line gets a value: running text counts its words, anything
   else costs a little. The densest run of text (the maximum-sum run of
   lines) is the article body; everything far from it is page furniture.
2. The headline is the title-like line nearest above the body, preferring a
   line the page prints again elsewhere; the dek is the first sentence-like
   line between them.
3. Bylines, date lines, author blocks with their bio, captions and credits,
   repeated lines, share buttons, menus and reader-comment threads are
   recognised by their shape and vocabulary (``briefing.cleaning.boilerplate``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import lines as ln
from briefing.model import Block, CleanText, Removed, Source

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|\d{1,3}[.)]\s+|[-*+•]\s+|>\s?)")
MD_QUOTE = re.compile(r"^\s*>\s?(.*)$")
CORE_SHORT_COST = 8
CORE_FURNITURE_COST = 12
MAX_GAP = 5
# Above the body sit byline, date, share buttons and captions: a wider gap still belongs to it.
MAX_GAP_BEFORE = 5
TITLE_WINDOW = 45
# Words glued by a scrape ("messengerShare", "signs17:35"): menus, not headlines.
GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]|[a-z]{3}\d{1,2}:\d{2}")
GLUED_TIME = re.compile(r"[^\s\d]\d{1,2}:\d{2}$")
# Between a headline and the site's name in a page title: "Headline | Site", "Headline - Site".
SITE_SEPARATOR = re.compile(r"\s+[|–—*·•-]\s+")
# Social handles and web addresses ("@Example", "example.co.uk"): a follow-us bar, not a headline.
HANDLE = re.compile(r"@\w+|\b[\w-]+\.(?:com|net|org|co)\b")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the source with the features the rules use."""

    index: int
    number: int
    text: str
    key: str
    words: int
    gap_before: bool
    prose: bool
    furniture: str
    strong: str


def clean(source: Source) -> CleanText:
    """Clean ``source``; never raises for any text."""
    if source.kind == "markdown":
        return clean_markdown(source)
    if source.kind == "html":
        from briefing.cleaning.html import clean_html

        return clean_html(source)
    return clean_text(source)


# ---------------------------------------------------------------- plain text


def clean_text(source: Source) -> CleanText:
    """Clean a plain-text scrape (see the module docstring for the steps)."""
    lines = _lines(source.text, source.body_line)
    if not lines:
        return CleanText(source=source, blocks=())
    doc = _Document(lines)
    if not doc.blocks:
        return _short_note(source, lines)
    return CleanText(
        source=source,
        blocks=tuple(doc.blocks),
        removed=tuple(sorted(doc.removed, key=lambda r: r.line)),
        title=doc.title,
        subtitle=doc.subtitle,
        authors=doc.authors,
        publisher=doc.publisher,
        date=doc.date,
    )


def _short_note(source: Source, lines: list[Line]) -> CleanText:
    """A text with no run of prose (a note, a brief): kept whole but for furniture.

    The dense-block rules need running text to find the article; without any,
    dropping everything would lose the note, so only furniture goes.
    """
    kept: list[Block] = []
    removed: list[Removed] = []
    for line in lines:
        if reason := line.furniture or line.strong:
            removed.append(Removed(line.number, line.text, reason))
        else:
            kept.append(Block("paragraph", line.text, line.number))
    title = kept[0].text if len(kept) > 1 else ""
    return CleanText(source=source, blocks=tuple(kept[1:] if title else kept), removed=tuple(removed), title=title)


def _lines(text: str, first: int) -> list[Line]:
    out: list[Line] = []
    gap = True
    for offset, raw in enumerate(text.split("\n")):
        stripped = " ".join(raw.split())
        if not stripped:
            gap = True
            continue
        strong = bp.strong_reason(stripped)
        out.append(
            Line(
                index=len(out),
                number=first + offset,
                text=raw.strip(),
                key=ln.key(stripped),
                words=len(stripped.split()),
                gap_before=gap,
                prose=ln.is_prose(stripped) and not strong,
                furniture=bp.furniture_reason(stripped),
                strong=strong,
            )
        )
        gap = False
    return out


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


class _Document:
    """The decisions about one scrape; built once, read through its attributes."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.words = [set(line.key.split()) for line in lines]
        self.reasons: dict[int, str] = {}
        self.title = self.subtitle = self.publisher = self.date = ""
        self.authors: tuple[str, ...] = ()
        start, end = dense_block(lines)
        self.bio_start = len(lines)
        self._author_block(start)
        end = self._cut_tail(start, min(end, self.bio_start - 1))
        self.anchor = self._first_paragraph(start, end)
        title_at = self._title(start, end)
        body_start = max(start, title_at + 1)
        self._header(title_at, max(body_start, self.anchor))
        self.blocks = self._body(body_start, end)
        self._mark_outside(body_start, end)
        self.removed = [Removed(l.number, l.text, self.reasons[l.index]) for l in lines if l.index in self.reasons]

    # -- where the article ends

    def _cut_tail(self, start: int, end: int) -> int:
        """End the body before a comment thread or an author block; lift out related-link boxes.

        A "Related"/"Most read" label in the body starts a box of teaser
        links: it runs to the next real paragraph (long, or ending in a full
        stop), or to the end when none follows.
        """
        lines = self.lines
        total = sum(l.words for l in lines[start : end + 1] if l.prose)
        seen = 0
        i = start + 1
        while i <= end:
            line = lines[i]
            seen += line.words if line.prose else 0
            late = seen >= total / 2  # a label above the middle is the header's, not the end's
            if late and (line.furniture == bp.COMMENTS or line.key in bp.AUTHOR_LABELS):
                reason = bp.COMMENTS if line.furniture == bp.COMMENTS else "author bio"
                for later in lines[i : end + 1]:
                    self.reasons.setdefault(later.index, reason)
                end = i - 1
                break
            if line.furniture == bp.RELATED:
                resume = next((l.index for l in lines[i + 1 : end + 1] if _real_paragraph(l)), end + 1)
                for later in lines[i:resume]:
                    self.reasons.setdefault(later.index, bp.RELATED)
                if resume > end:
                    end = i - 1
                    break
                i = resume
            i += 1
        return self._comment_run(start, end)

    def _comment_run(self, start: int, end: int) -> int:
        """A packed run of lines after blank-separated paragraphs is a comment thread.

        When the body's paragraphs are separated by blank lines, a closing run
        of lines with no blank between them, holding a name alone on a line,
        a comment word (``Load More``, ``Reply``) or talk about "this article",
        is the readers' thread, not the article.
        """
        run_start = end
        while run_start > start and not self.lines[run_start].gap_before:
            run_start -= 1
        prose = [l for l in self.lines[start:run_start] if l.prose]
        if len(prose) < 4 or sum(l.gap_before for l in prose) < 0.8 * len(prose):
            return end
        run = self.lines[run_start : end + 1]
        tail = self.lines[end + 1 : end + 4]
        signals = any(ln.is_name(l.text) for l in run[1:-1]) or any(
            l.furniture == bp.COMMENTS for l in run + tail
        ) or any(re.search(r"\b(?:this|the) (?:article|author|story)\b", l.text, re.I) for l in run)
        if len(run) >= 3 and signals:
            for line in run:
                self.reasons.setdefault(line.index, bp.COMMENTS)
            for line in tail:
                if line.furniture == bp.COMMENTS:
                    self.reasons.setdefault(line.index, bp.COMMENTS)
            return run_start - 1
        return end

    def _author_block(self, start: int) -> None:
        """``Name`` then ``Name is a reporter at X``: the author, and a bio to remove."""
        lines = self.lines
        for i in range(start + 1, len(lines)):
            line = lines[i]
            if not ln.is_name(line.text):
                continue
            surname = line.text.split()[-1]
            for j in range(i + 1, min(i + 5, len(lines))):
                bio = lines[j]
                starts = bio.text.startswith((line.text + " ", surname + " "))
                if starts and re.match(r"^\S+(?:\s\S+){0,4}\s(?:is|was|has|covers|writes|reports|joined)\b", bio.text):
                    self._take_bio(i, j)
                    return
                if not (bio.key == line.key or bio.key in bp.AUTHOR_LABELS or bio.words <= 10):
                    break

    def _take_bio(self, name_at: int, bio_at: int) -> None:
        lines = self.lines
        name = lines[name_at].text
        if not self.authors:
            self.authors = (name,)
        first = name_at
        if first > 0 and lines[first - 1].key in bp.AUTHOR_LABELS:
            first -= 1
        for line in lines[first : bio_at + 1]:
            self.reasons[line.index] = "author bio"
        self.bio_start = first
        self.publisher = self.publisher or _publisher(lines[bio_at].text)

    # -- headline, dek, byline, date

    def _title(self, start: int, end: int) -> int:
        lines = self.lines
        distance = self._distances()
        best, best_score = -1, float("-inf")
        last_seen: dict[str, int] = {}
        for i in sorted(distance):
            key = lines[i].key
            if key in last_seen and i - last_seen[key] < 5:
                continue  # a line printed twice in a row is judged where it first appears
            last_seen[key] = i
            score = self._title_score(i, distance[i])
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            return start - 1
        self.title = self._without_suffix(lines[best].text)
        self.reasons[best] = "headline"
        for line in lines:
            if line.index != best and line.key == lines[best].key:
                self.reasons[line.index] = "repeated headline"
        return best

    def _without_suffix(self, text: str) -> str:
        """"Headline | Site" -> "Headline" when the page also prints the headline alone."""
        printed = {line.key for line in self.lines if line.words >= 4}
        for separator in SITE_SEPARATOR.finditer(text):
            head = text[: separator.start()]
            if ln.key(head) in printed:
                return head
        return text

    def _distances(self) -> dict[int, float]:
        """How far each line above the first paragraph is from it, for the lines near enough to be the headline.

        Buttons, captions, credits and short labels count a quarter of a
        line: a photo gallery of twelve captioned pictures between headline
        and text does not push the headline away.
        """
        out: dict[int, float] = {}
        far = 1.0
        for line in reversed(self.lines[: self.anchor]):
            if far > TITLE_WINDOW:
                break
            out[line.index] = far
            text = line.text
            light = line.furniture or line.strong or line.words <= 3 or ln.is_caption(text) or ln.is_credit(text)
            far += 0.25 if light else 1.0
        return out

    def _first_paragraph(self, start: int, end: int) -> int:
        """The first line of real body text: long prose, no caption, no furniture, with prose after it.

        A teaser in a list of links is long prose too, but what follows it is
        a label or a time, not another paragraph.
        """
        for line in self.lines[start : end + 1]:
            ends = line.text.endswith((".", '"', "”")) and line.words >= 12
            if not (line.prose and (ends or line.words >= 20)) or line.index in self.reasons:
                continue
            after = [o for o in self.lines[line.index + 1 : line.index + 40] if not o.strong][:3]  # a paywall box is passed over
            if any(other.key == line.key for other in self.lines[line.index + 1 : line.index + 6]):
                continue
            if ln.is_caption(line.text) or (after and not any(o.prose for o in after)):
                continue
            return line.index
        return start

    def _title_score(self, i: int, distance: float) -> float:
        line = self.lines[i]
        text = line.text
        if (
            i in self.reasons
            or line.furniture
            or not 2 <= line.words <= 45
            or bp.strong_reason(text)
            or ln.is_caption(text)
            or ln.is_credit(text)
            or ln.byline_names(text)
            or ln.is_breadcrumb(text)
            or ln.TIMESTAMP.match(text)
            or text.endswith(":")
            or ln.NUMBERED.match(text)
            or ln.BULLET.match(text)
            or not any(c.isupper() or c.isdigit() for c in text[:3])
        ):
            return float("-inf")
        if ln.find_date(text) and (line.words <= 12 or ln.TIMESTAMP.match(text.split()[0] + ":")):
            return float("-inf")
        hits = bp.vocabulary_hits(text)
        if len(GLUED.findall(text)) >= 2 or len(HANDLE.findall(text)) >= 2 or hits >= 3 and hits >= 0.3 * line.words:
            return float("-inf")  # a menu flattened onto one line
        if GLUED_TIME.search(text):
            return float("-inf")  # "...rioters prevail'17:24": an entry of a live blog's list of key events
        score = min(line.words, 8) * 0.5 - 0.12 * distance - 0.2 * max(0, line.words - 25)
        if self._template_label(line):
            score -= 3
        elif self._printed_again(line):
            score += 3
        if text.endswith("."):
            score -= 4
        if len([w for w in bp.LETTERS.findall(text) if len(w) > 1]) < 3:
            return float("-inf")
        if line.words <= 4:
            score -= 3
        if ln.is_name(text):
            score -= 3
        if hits >= 2 and hits >= 0.25 * line.words:
            score -= 3
        if GLUED.search(text):
            score -= 3
        if not any(c.islower() for c in text):
            score -= 1.5
        following = self._following(i)
        if self._byline_below(following):
            score += 4.5  # "By ..." right below: the strongest sign of a headline
        elif any(self._metadata_line(l) for l in following):
            score += 2.5
        before = self.lines[max(0, i - 3) : i]
        if before and (before[-1].words <= 3 or before[-1].furniture or GLUED.search(before[-1].text)):
            score += 1.5  # a headline opens a cluster, after a section label or a menu
        elif before and before[-1].words >= 6 and not before[-1].prose and bp.vocabulary_hits(before[-1].text) < 2:
            score -= 1.5  # the second long line of a cluster is the dek (a menu above does not count)
        if sum(l.furniture == bp.MEDIA or l.strong == bp.MEDIA for l in self.lines[max(0, i - 5) : i]) >= 2:
            score -= 3  # the title of a video, under its player's buttons
        if before and before[-1].furniture == bp.RELATED:
            return float("-inf")  # the first teaser under a "Related" label
        if any(l.furniture == bp.RELATED for l in before):
            score -= 2
        tokens = text.split()
        if len(tokens) >= 6 and all(t[:1].isupper() or not t[:1].isalpha() for t in tokens):
            score -= 3  # every word capitalised, not one "of" or "the": a menu
        return score

    def _following(self, i: int, count: int = 4) -> list[Line]:
        """The next ``count`` lines after line ``i`` that are neither buttons nor captions."""
        out: list[Line] = []
        for line in self.lines[i + 1 : i + 4 * count]:
            if len(out) == count:
                break
            if not (line.furniture or line.strong or ln.is_caption(line.text) or ln.is_credit(line.text)):
                out.append(line)
        return out

    @staticmethod
    def _byline_below(following: list[Line]) -> bool:
        """A ``By ...`` line follows, with no other headline-shaped line in between.

        A dek (a sentence) or a caption may sit between a headline and its
        byline; another long line without a full stop is the headline the
        byline belongs to.
        """
        for line in following:
            if ln.byline_names(line.text) or line.key in bp.AUTHOR_LABELS:
                return True
            text = line.text
            if line.words >= 5 and not line.prose and not text.endswith(".") and not ln.is_caption(text):
                return False
        return False

    def _metadata_line(self, line: Line) -> bool:
        text = line.text
        return bool(ln.byline_names(text) or self._author_line(line) or (ln.find_date(text) and line.words <= 12))

    def _template_label(self, line: Line) -> bool:
        """A line the template prints for every item ("Search author on: ...", every few lines).

        Three printings at the same short interval make a label; a headline
        is printed again far away (a page title, a share line) or right below.
        """
        places = [other.index for other in self.lines if other.key == line.key]
        gaps = [b - a for a, b in zip(places, places[1:])]
        return any(2 <= gap <= 6 and gap == after for gap, after in zip(gaps, gaps[1:]))

    def _printed_again(self, line: Line) -> bool:
        """Does the page print this line again, alone or inside a longer line, or in a shorter variant?

        A headline comes back in the page title ("Headline | Site"), a share
        line, or a teaser elsewhere that drops a few words. A line whose
        neighbours come back with it is part of a list printed twice (a box
        of teasers in the header and again in the footer), not a headline.
        """
        if line.words < 5:
            return False  # section labels repeat all over a page
        size = len(line.key)
        words = self.words[line.index]
        for other in self.lines:
            if other.index == line.index or other.words < 5 or len(other.key) > 2 * size or self._echoed_block(line, other):
                continue
            if line.key in other.key:
                return True
            shared = len(words & self.words[other.index])
            if shared >= 5 and shared >= 0.8 * min(len(words), len(self.words[other.index])):
                return True
        return False

    def _echoed_block(self, line: Line, other: Line) -> bool:
        lines = self.lines
        i, j = line.index, other.index
        if not (0 < i < len(lines) - 1 and 0 < j < len(lines) - 1):
            return False
        return lines[i - 1].key == lines[j - 1].key and lines[i + 1].key == lines[j + 1].key

    def _header(self, title_at: int, body_start: int) -> None:
        """Dek, byline, author line and date between the headline and the body."""
        lines = self.lines
        lo = max(0, title_at - 6)
        hi = min(len(lines), body_start + 6)
        # Evidence for the authors, strongest first: "By ..." lines, a label
        # then names, a name alone beside a date, the author block at the end.
        found: dict[float, tuple[str, ...]] = {3: self.authors}
        for line in lines[max(0, title_at - 4) : title_at]:
            if line.index not in self.reasons and (names := ln.byline_names(line.text)):
                found.setdefault(0, names)
                self.reasons[line.index] = "byline"
        for line in lines[title_at + 1 : hi]:
            if line.index in self.reasons:
                continue
            text = line.text
            if names := ln.byline_names(text):
                # "By The Example Times" names the outlet: people named elsewhere in the header come first.
                found.setdefault(2.5 if all(map(ln.is_outlet, names)) else 0, names)
                self.reasons[line.index] = "byline"
                self._date_from(line)
            elif line.key in bp.AUTHOR_LABELS and (taken := self._labelled_authors(line)):
                found.setdefault(1, tuple(name for _, name in taken))
                self.reasons[line.index] = "byline"
                for index in sorted({index for index, _ in taken}):
                    self.reasons[index] = "byline"
                    self._date_from(lines[index])
            elif line.index < body_start + 4 and (name := self._author_line(line)):
                found.setdefault(2, (name,))
                self.reasons[line.index] = "byline"
                self._date_from(line)
            elif line.index < body_start + 4 and (names := ln.name_list(text)):
                found.setdefault(2, names)
                self.reasons[line.index] = "byline"
            elif self._date_from(line):
                self.reasons[line.index] = "publication date"
            elif line.index < body_start and not self.subtitle and self._dek(line):
                self.subtitle = text
                self.reasons[line.index] = "subtitle"
                for other in lines:
                    if other.index != line.index and other.key == line.key:
                        self.reasons[other.index] = "repeated subtitle"
        self.authors = next((found[rank] for rank in sorted(found) if found[rank]), ())
        if not self.date:
            for line in reversed(lines[lo:title_at]):
                if line.index not in self.reasons and self._date_from(line):
                    self.reasons[line.index] = "publication date"
                    break

    def _labelled_authors(self, label: Line) -> list[tuple[int, str]]:
        """Names after a label such as ``Author of the article:`` or a lone ``By``, with their line indexes.

        The names may share one line ("A, B and C") or stand one a line,
        each ending in a comma or "&", as pages list several authors; a
        line of only punctuation ("…", a folded list) is passed over.
        """
        taken: list[tuple[int, str]] = []
        for line in self.lines[label.index + 1 : label.index + 12]:
            if line.index in self.reasons:
                break
            if not line.key:
                continue
            text = re.sub(r"(?:\s*(?:,|;|&|\band\b))+$", "", line.text)
            names = ln.byline_names("By " + text)
            if not names:
                name, _ = ln.author_line(text)
                names = (name,) if name else ()
            if taken and not all(ln.is_name(name) for name in names):
                break  # after the first line, only full names continue the list
            if not names:
                break
            taken.extend((line.index, name) for name in names)
        return taken

    def _author_line(self, line: Line) -> str:
        """A name alone on a line counts as the author next to a role, a date or a timestamp."""
        name, role = ln.author_line(line.text)
        if not name or name.isupper():
            return ""  # a name alone in capitals is more often a kicker ("DIVE DEEPER")
        following = self.lines[line.index + 1 : line.index + 2]
        if role or following and ln.is_role(following[0].text):
            return name  # "Jane Doe" over "Journalist"
        near = self.lines[max(0, line.index - 4) : line.index] + self.lines[line.index + 1 : line.index + 3]
        for other in near:
            text = other.text
            if ln.TIMESTAMP.match(text) or other.key in bp.AUTHOR_LABELS or (ln.find_date(text) and other.words <= 12):
                return name
        return ""

    def _date_from(self, line: Line) -> bool:
        if line.prose and line.words > 14 or ln.is_caption(line.text):
            return False
        found = ln.find_date(line.text)
        if found and not self.date:
            self.date = found
        return bool(found) and line.words <= 20

    def _dek(self, line: Line) -> bool:
        text = line.text
        return (
            line.words >= 5
            and not line.furniture
            and not bp.strong_reason(text)
            and not ln.is_caption(text)
            and not ln.is_credit(text)
            and not ln.is_breadcrumb(text)
            and len(GLUED.findall(text)) < 2
            and text[:1].isupper()
        )

    # -- the body

    def _body(self, start: int, end: int) -> list[Block]:
        blocks: list[Block] = []
        seen: set[str] = set()
        lines = self.lines
        for line in lines[start : end + 1]:
            if line.index in self.reasons:
                continue
            reason = self._body_reason(line, seen)
            if reason:
                self.reasons[line.index] = reason
                continue
            seen.add(line.key)
            blocks.append(self._block(line))
        enclosed = self._enclosed(start, end)
        return [b for b in blocks if b.line not in enclosed]

    def _enclosed(self, start: int, end: int) -> set[int]:
        """Short lines walled in by furniture of one kind belong to it (the perks listed in a paywall).

        Returns the source line numbers of such lines, now recorded as removed.
        """
        walled = (bp.SUBSCRIBE, bp.ADVERT, bp.COOKIES, bp.RELATED, bp.SHARE)
        out: set[int] = set()
        run: list[Line] = []
        wall = ""
        for line in self.lines[start : end + 2]:
            reason = self.reasons.get(line.index, "")
            if line.index not in self.reasons and line.words < 20 and line.index <= end:
                run.append(line)
                continue
            if run and wall and reason == wall:
                for member in run:
                    self.reasons[member.index] = wall
                    out.add(member.number)
            run = []
            wall = reason if reason in walled else ""
        return out

    def _body_reason(self, line: Line, seen: set[str]) -> str:
        text = line.text
        if line.key in seen and line.key:
            return "repeated line"
        if not line.key:
            return "symbols only"
        if strong := bp.strong_reason(text):
            return strong
        if ln.is_caption(text):
            return "photo caption"
        if ln.is_credit(text):
            return "photo credit"
        if line.prose:
            return ""
        if line.furniture:
            return line.furniture
        if ln.TIMESTAMP.match(text):
            return bp.TIMESTAMP
        if ln.NUMBERED.match(text) or ln.BULLET.match(text) or ln.is_sentence(text):
            return ""
        if self._heading_like(line):
            return ""
        return "short line without a sentence"

    def _heading_like(self, line: Line) -> bool:
        text = line.text
        if not 1 <= line.words <= 16 or text.endswith((",", ";", ":")) and not text.endswith("?"):
            return False
        if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "'\"‘“"):
            return False
        following = self.lines[line.index + 1 : line.index + 2]
        return bool(following) and following[0].prose

    def _block(self, line: Line) -> Block:
        text = line.text
        if match := ln.NUMBERED.match(text):
            return Block("numbered", match.group(2).strip(), line.number)
        if match := ln.BULLET.match(text):
            return Block("bullet", match.group(1).strip(), line.number)
        if not line.prose and not text.endswith(".") and line.words <= 12 and self._heading_like(line):
            return Block("heading", text.strip("#").strip(), line.number)
        if match := MD_QUOTE.match(text):
            return Block("quote", match.group(1).strip() or text, line.number)
        return Block("paragraph", text, line.number)

    def _mark_outside(self, start: int, end: int) -> None:
        for line in self.lines:
            if line.index in self.reasons or start <= line.index <= end:
                continue
            self.reasons[line.index] = _outside_reason(line, before=line.index < start)


def _real_paragraph(line: Line) -> bool:
    """Body text, not a teaser: long, or a sentence closed by a full stop."""
    return line.prose and (line.words >= 20 or line.text.endswith((".", '."', ".”")))


def _outside_reason(line: Line, before: bool) -> str:
    text = line.text
    if strong := bp.strong_reason(text):
        return strong
    if line.furniture:
        return line.furniture
    if ln.is_caption(text):
        return "photo caption"
    if ln.is_credit(text):
        return "photo credit"
    if ln.is_breadcrumb(text):
        return bp.NAVIGATION
    if ln.TIMESTAMP.match(text):
        return bp.TIMESTAMP
    return "page header, before the article" if before else "page footer, after the article"


PUBLISHER = re.compile(
    r"\b(?:editor|reporter|writer|correspondent|journalist|columnist|contributor|analyst|producer|"
    r"editor-at-large|staff)\b[^.]*?\b(?:at|for|to|with|of)\s+((?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})"
)


def _publisher(bio: str) -> str:
    """The outlet a bio names ("a reporter at The Example Times"), or ""."""
    first_sentence = re.split(r"(?<=[a-z])\.\s", bio, maxsplit=1)[0]
    match = PUBLISHER.search(first_sentence)
    return match.group(1).rstrip(".") if match else ""


# ---------------------------------------------------------------- markdown


def clean_markdown(source: Source) -> CleanText:
    """Markdown written by a person: keep its structure, join wrapped lines.

    Unless the front matter says ``clean: true``, repeated lines and lines
    that are plainly page furniture (share buttons, subscribe prompts ...)
    are dropped, each with its reason.
    """
    trusted = source.front_matter.get("clean") is True
    blocks: list[Block] = []
    removed: list[Removed] = []
    paragraph: list[str] = []
    start = 0
    seen: set[str] = set()

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph), start))
            paragraph.clear()

    for offset, line in enumerate(source.text.split("\n")):
        number = source.body_line + offset
        raw = line.strip()
        stripped = _unmark(raw)
        if not stripped:
            flush()
            continue
        if not trusted and (reason := _markdown_noise(stripped, seen)):
            flush()
            removed.append(Removed(number, stripped, reason))
            continue
        seen.add(_repeat_key(stripped))
        # Block markers are read from the line as written: an escaped "&#45; x"
        # (our own output for text that starts with "-") is text, not a list
        # item, and "*x*" is emphasis, not a bullet.
        if match := MD_HEADING.match(raw):
            flush()
            blocks.append(Block("heading", _unmark(match.group(2)), number))
        elif match := ln.NUMBERED.match(raw):
            flush()
            blocks.append(Block("numbered", _unmark(match.group(2).strip()), number))
        elif (match := ln.BULLET.match(raw)) and (raw[:1] == "•" or raw[:1] in "-*+" and raw[1:2].isspace()):
            flush()
            blocks.append(Block("bullet", _unmark(match.group(1).strip()), number))
        elif match := MD_QUOTE.match(raw):
            flush()
            blocks.append(Block("quote", _unmark(match.group(1).strip()), number))
        else:
            if not paragraph:
                start = number
            paragraph.append(stripped)
    flush()
    title = ""
    if blocks and blocks[0].kind == "heading" and MD_HEADING.match(source.text.lstrip().split("\n", 1)[0] or ""):
        title = blocks[0].text
        blocks = blocks[1:]
    given = {ln.key(str(source.front_matter.get(k) or "")): k for k in ("title", "subtitle")}
    if title:  # a headline given as "# ..." is repeated just the same (and is front matter once cleaned)
        given.setdefault(ln.key(title), "title")
    if not trusted:
        for block in blocks:
            if block.kind == "paragraph" and ln.key(block.text) in given and ln.key(block.text):
                removed.append(Removed(block.line, block.text, f"repeated {given[ln.key(block.text)]}"))
        blocks = [b for b in blocks if not (b.kind == "paragraph" and ln.key(b.text) in given and ln.key(b.text))]
    return CleanText(source=source, blocks=tuple(blocks), removed=tuple(sorted(removed, key=lambda r: r.line)), title=title)


EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])")


def _unmark(line: str) -> str:
    """Plain text of a Markdown line: character references decoded, emphasis markers dropped.

    The site shows text, not inline Markdown, so ``*word*`` would otherwise
    print its asterisks; decoding references makes cleaning our own output a
    no-op.
    """
    return html.unescape(EMPHASIS.sub(r"\2", line))  # "&#42;" is an escaped asterisk, never emphasis


def _repeat_key(line: str) -> str:
    """A line's comparison form without its block marker: "2. x" and "1. x" are one item."""
    return ln.key(BLOCK_MARKER.sub("", line, count=1))


def _markdown_noise(line: str, seen: set[str]) -> str:
    """Why a line of pasted Markdown is not article text, or "" when it is."""
    folded = _repeat_key(line)
    if folded and folded in seen and len(line.split()) >= 3:
        return "repeated line"
    text = MD_HEADING.sub(r"\2", line)
    return bp.furniture_reason(text) or bp.strong_reason(text)
