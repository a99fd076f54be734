"""Cleaning a plain-text scrape: :class:`Source` -> :class:`CleanText`.

Turns a raw source into the article its publisher meant: the headline, the
dek, the byline and date, and the body blocks in order. Every line dropped is
recorded with a human reason, so the article page can show a cleaning report.

How a plain-text scrape is read, in order:

1. Each non-empty line gets a value: running text counts its words, anything
   else costs a little. The densest run of text (the maximum-sum run of
   lines) is the article body; everything far from it is page furniture.
2. The headline is chosen among scored candidates (the lines near the body
   and those the page prints again): the rules' score, then the headline
   model over position, length, echoes and the byline below
   (:mod:`briefing.cleaning.headline`); the dek is the sentence-like line
   between the headline and the body or its byline.
3. Bylines, date lines, author blocks with their bio, captions and credits,
   repeated lines, share buttons, menus and reader-comment threads are
   recognised by their shape and vocabulary (``briefing.cleaning.boilerplate``).
4. The line model (:mod:`briefing.cleaning.linemodel`) decides each line
   again from its features, its neighbours' and the rules' reason; the
   header's decisions (headline, dek, byline, date) and firm reasons (a bio,
   a video caption, a credit, comments, a telling phrase) stay.
"""

from __future__ import annotations

import re

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import charstats, linemodel
from briefing.cleaning import lines as ln
from briefing.cleaning.core import dense_block
from briefing.cleaning.headline import GLUED, Headline
from briefing.cleaning.lines import Line
from briefing.cleaning.markdown import MD_QUOTE
from briefing.model import Block, CleanText, Removed, Source


def clean_text(source: Source) -> CleanText:
    """Clean a plain-text scrape (see the module docstring for the steps)."""
    lines = _lines(source.text, source.body_line)
    if not lines:
        return CleanText(source=source, blocks=())
    doc = _Document(lines)
    if doc.blocks:  # a note with no run of prose stays a short note, whatever the model thinks of its lines
        doc.learned()
    if not doc.blocks:
        return _short_note(source, lines)
    return CleanText(
        source=source,
        blocks=tuple(doc.blocks),
        removed=tuple(sorted(doc.removed(), key=lambda r: r.line)),
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
    raw = text.split("\n")
    spaced = list(map(" ".join, map(str.split, raw)))  # spacing folded
    numbers = [offset for offset, stripped in enumerate(spaced) if stripped]
    strippeds = [spaced[offset] for offset in numbers]
    words, prose, counted = ln.word_counts(strippeds)
    out: list[Line] = []
    previous = -2
    for offset, stripped, key, count, reads, tokens, capitals, letters in zip(
        numbers, strippeds, charstats.keys(strippeds), words.tolist(), prose.tolist(), counted.tokens.astype(int).tolist(),
        counted.capitalised.astype(int).tolist(), counted.letter_words.tolist(),
    ):
        strong = bp.strong_reason(stripped)
        out.append(
            Line(
                index=len(out),
                number=first + offset,
                text=raw[offset].strip(),
                key=key,
                words=count,
                gap_before=offset != previous + 1,
                prose=reads and not strong,
                furniture=bp.furniture_reason(stripped) if 0 < letters <= 12 else "",  # longer lines are never furniture by their words
                strong=strong,
                tokens=tokens,
                capitals=capitals,
            )
        )
        previous = offset
    return out


class _Document(Headline):
    """The decisions about one scrape; built once, read through its attributes."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
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
        self.span = (body_start, end)

    def removed(self) -> list[Removed]:
        """The lines removed, each with its reason."""
        return [Removed(l.number, l.text, self.reasons[l.index]) for l in self.lines if l.index in self.reasons]

    def learned(self) -> None:
        """The line model decides again over the rules' decisions (all but the header's: headline, dek, byline, date).

        A line the rules removed comes back when the model is sure it is
        article text; a line they kept leaves when the model is sure it is not.
        """
        if linemodel.forest("lines") is None:
            return
        chances = linemodel.probabilities(self.lines, self.reasons, self.span, self._vocabulary_columns())
        for line, chance in zip(self.lines, chances):
            reason = self.reasons.get(line.index, "")
            if reason in linemodel.SETTLED or reason in linemodel.FIRM or reason and (line.strong or ln.is_kicker(line.text)):
                continue  # a telling phrase (a paywall, a "See also:"), a teaser's kicker or a firm reason is not overruled
            if reason and chance >= linemodel.RESTORE and not (reason == "photo caption" and ln.has_credit(line.text)):
                del self.reasons[line.index]
            elif not reason and chance < linemodel.THRESHOLD:
                self.reasons[line.index] = linemodel.NOT_TEXT
        self.blocks = [self._block(line) for line in self.lines if line.index not in self.reasons]

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
        if not self.authors:
            self.authors = self._names_alone(title_at, body_start)
        if not self.subtitle and (dek := self._dek_above_byline(title_at)):
            self.subtitle = dek.text
            self.reasons[dek.index] = "subtitle"
        if not self.date:
            for line in reversed(lines[lo:title_at]):
                if line.index not in self.reasons and self._date_from(line):
                    self.reasons[line.index] = "publication date"
                    break
        if not self.date:  # no date by the headline: the short dated line nearest above the text
            for line in reversed(lines[: body_start + 1]):
                if line.index not in self.reasons and line.words <= 8 and ln.find_date(line.text):
                    self.date = ln.find_date(line.text)
                    self.reasons[line.index] = "publication date"
                    break

    def _names_alone(self, title_at: int, body_start: int) -> tuple[str, ...]:
        """With no byline at all, one or two people's names alone on lines between the headline and the text are its authors.

        Only when no other short line stands there: among section labels, a capitalised pair is one more label.
        """
        names = [
            line for line in self.lines[title_at + 1 : body_start]
            if line.index not in self.reasons and ln.is_name(line.text) and not ln.is_outlet(line.text) and not line.text.isupper()
        ]
        labels = [
            line for line in self.lines[title_at + 1 : body_start]
            if line.index not in self.reasons and line.words <= 5 and line not in names
        ]
        if not 1 <= len(names) <= 2 or labels:
            return ()  # among section labels ("Harbour Board", "Sport"), a capitalised pair is one more label
        for line in names:
            self.reasons[line.index] = "byline"
        return tuple(line.text for line in names)

    def _dek_above_byline(self, title_at: int) -> Line | None:
        """A sentence right under the headline with the byline or the date below it is the dek, not the first paragraph."""
        after = [line for line in self.lines[title_at + 1 : title_at + 4] if line.index not in self.reasons or
                 self.reasons[line.index] in ("byline", "publication date")]
        if len(after) < 2 or after[0].index in self.reasons or not self._dek(after[0]) or after[0].words > 60:
            return None
        if any(self.reasons.get(other.index) in ("byline", "publication date") for other in after[1:3]):
            return after[0]
        return None

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
        if self._media_caption(line):
            return "video caption"
        if self._bio(line):
            return "author bio"
        if line.prose:
            return ""
        if line.furniture:
            return line.furniture
        if ln.TIMESTAMP.match(text):
            return bp.TIMESTAMP
        if text.isupper() and line.words >= 4:
            return "link to another story (a line in capitals)"
        if ln.NUMBERED.match(text) or ln.BULLET.match(text) or ln.is_sentence(text):
            return ""
        if self._heading_like(line):
            return ""
        return "short line without a sentence"

    def _bio(self, line: Line) -> bool:
        """"NAME is a politics reporter for ...": the author's name (or a name and a role) opening a line about them."""
        text = line.text
        if line.words > 80 or not ln.BIO.match(text):
            return False
        named = any(text.startswith((name + " ", name.split()[-1] + " ")) for name in self.authors if name)
        return named or ln.is_writer_bio(text)

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
    """Body text, not a teaser: long, or a sentence closed by a full stop, and no kicker in capitals before it."""
    return line.prose and (line.words >= 20 or line.text.endswith((".", '."', ".”"))) and not ln.is_kicker(line.text)


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
