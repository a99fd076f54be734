"""The headline of a plain-text scrape: the title-like line nearest above the body.

A mixin of the text cleaner's document (:class:`briefing.cleaning.text.TextDocument`):
it reads ``self.lines`` and the body's bounds, and prefers a line the page prints again.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re

import numpy as np

from briefing.cleaning import boilerplate as bp
from briefing.cleaning import linemodel
from briefing.cleaning import lines as ln
from briefing.cleaning.lines import Line

TITLE_WINDOW = 45
# How many lines above the first paragraph a headline printed again elsewhere may stand.
CANDIDATE_REACH = 80
# Runs of words compared at the start and the end of lines (a page title holds its headline in far fewer).
AFFIX_WORDS = 60
# How much the rules' score counts beside the headline model's log-odds (measured leave-publisher-out).
RULE_WEIGHT = 0.3
# Where the rules take no line, the model's pick must be this likely to be the headline.
SURE = 0.5
# Words glued by a scrape ("messengerShare", "signs17:35"): menus, not headlines.
GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]|[a-z]{3}\d{1,2}:\d{2}")
GLUED_TIME = re.compile(r"[^\s\d]\d{1,2}:\d{2}$")
# Between a headline and the site's name in a page title: "Headline | Site", "Headline - Site".
SITE_SEPARATOR = re.compile(r"\s+[|–—*·•-]\s+")
# Social handles and web addresses ("@Example", "example.co.uk"): a follow-us bar, not a headline.
HANDLE = re.compile(r"@\w+|\b[\w-]+\.(?:com|net|org|co)\b")


class _Echoes:
    """Which lines of a page begin or end with another line's words (whole words; each line counted as often as printed).

    The keys are kept sorted, forwards and backwards: the lines that begin
    with ``key`` are the block from ``key`` to ``key + "!"`` (a key holds only
    words and single spaces, and " " comes right before "!").
    """

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.forward = sorted(counts)
        self.backward = sorted(key[::-1] for key in counts)
        self.forward_sum = np.concatenate([[0], np.cumsum([counts[key] for key in self.forward])]).tolist()
        self.backward_sum = np.concatenate([[0], np.cumsum([counts[key[::-1]] for key in self.backward])]).tolist()

    @staticmethod
    def _block(keys: list[str], summed: list[int], key: str) -> int:
        return summed[bisect.bisect_left(keys, key + "!")] - summed[bisect.bisect_left(keys, key)]

    def starting(self, key: str) -> int:
        """How many lines are ``key`` or begin with it (only for keys of at most AFFIX_WORDS words)."""
        return self._block(self.forward, self.forward_sum, key)

    def ending(self, key: str) -> int:
        """How many lines are ``key`` or end with it."""
        return self._block(self.backward, self.backward_sum, key[::-1])

    def affixes(self, key: str) -> tuple[bool, bool]:
        """Does the line ``key`` begin with another line of three or more words ("Headline | Site"), does it end with one ("Kicker: Headline")?

        Only the first and last AFFIX_WORDS words are compared: a hostile line of two megabytes is judged by its ends.
        """
        heads = key.split(" ", AFFIX_WORDS)
        tails = key.rsplit(" ", AFFIX_WORDS)
        reach = min(len(heads), AFFIX_WORDS)
        head_ends = list(itertools.accumulate(len(part) + 1 for part in heads[:reach]))
        tail_starts = list(itertools.accumulate(len(part) + 1 for part in reversed(tails[-reach:])))
        counts = self.counts
        has_prefix = any(key[: head_ends[n - 1] - 1] in counts for n in range(3, reach))
        has_suffix = any(key[len(key) - tail_starts[n - 1] + 1 :] in counts for n in range(3, reach))
        return has_prefix, has_suffix


class Headline:
    """Choosing the headline among the lines above the body (used as a base of the text document)."""

    def _title(self, start: int, end: int) -> int:
        """The headline's line: the best-scored candidate, by the headline model when one is installed.

        The rules' score (:meth:`_title_score`) ranks the lines near the
        first paragraph; the model weighs that score with the candidate's
        shape, place and echoes (``title_rows`` keeps them for training).
        """
        lines = self.lines
        candidates = self._candidates()
        self.title_rows = candidates
        if not candidates:
            return start - 1
        scores = [score for _, _, score in candidates]
        trees = linemodel.forest("headline")
        ruled_out = max(scores) == float("-inf")
        if trees is not None:
            # The model's odds, and the rules' score as a prior: the model decides where the rules hesitate.
            chances = np.clip(trees.chances(self._candidate_features(candidates)), 1e-6, 1 - 1e-6)
            prior = np.clip(np.asarray(scores), -30.0, 30.0)
            pick = int(np.argmax(np.log(chances / (1 - chances)) + RULE_WEIGHT * prior))
            if ruled_out and chances[pick] < SURE:
                return start - 1  # the rules take no line and the model is unsure: the file name stands in
            best = candidates[pick][0]
        elif ruled_out:
            return start - 1
        else:
            best = candidates[int(np.argmax(scores))][0]
        self.title = self._without_suffix(lines[best].text)
        self.reasons[best] = "headline"
        for line in lines:
            if line.index != best and line.key == lines[best].key:
                self.reasons[line.index] = "repeated headline"
        return best

    def _candidates(self) -> list[tuple[int, float, float]]:
        """(line, distance, rule score) of each line that may be the headline: near the first paragraph, or printed again.

        Lines further up than the rules' window still count when the page
        prints them again (a headline echoed in the page title), so a long
        gallery or menu between headline and text cannot hide it.
        """
        lines = self.lines
        distance = self._distances()
        far = max(distance.values(), default=0.0)
        for i in range(max(0, self.anchor - CANDIDATE_REACH), self.anchor):
            distance.setdefault(i, far + (self.anchor - i) / 4)
        out = []
        last_seen: dict[str, int] = {}
        for i in sorted(distance):
            key = lines[i].key
            if not key or key in last_seen and i - last_seen[key] < 5:
                continue  # a line printed twice in a row is judged where it first appears
            last_seen[key] = i
            score = self._title_score(i, distance[i])
            if i not in self.reasons and (score > float("-inf") or distance[i] <= TITLE_WINDOW):
                out.append((i, distance[i], score))
        return out

    def _candidate_features(self, candidates: list[tuple[int, float, float]]) -> np.ndarray:
        """One row per candidate: the rules' score and rank, shape, place, echoes and the lines around it."""
        lines = self.lines
        vocabulary = self._vocabulary_columns()
        counts: dict[str, int] = {}
        for line in lines:
            counts[line.key] = counts.get(line.key, 0) + 1
        echoes = _Echoes(counts)
        finite = sorted((score for _, _, score in candidates if score > float("-inf")), reverse=True)
        best = finite[0] if finite else 0.0
        rows = []
        for i, distance, score in candidates:
            line = lines[i]
            text = line.text
            filtered = score == float("-inf")
            short = len(line.key.split(" ", AFFIX_WORDS)) <= AFFIX_WORDS  # longer lines are never counted as echoed
            starting = echoes.starting(line.key) if short else 0  # lines that start with this one, itself included
            ending = echoes.ending(line.key) if short else 0
            prefix_of = starting - counts[line.key] > 0  # another line starts with this one
            has_prefix, has_suffix = echoes.affixes(line.key)  # this line starts ("Headline | Site") or ends with another
            inside = max(0, starting + ending - 2 * counts[line.key])
            following = self._following(i)
            before = lines[i - 1] if i else None
            after = lines[i + 1] if i + 1 < len(lines) else None
            rows.append([
                -30.0 if filtered else max(-30.0, min(30.0, score)),
                float(filtered),
                math.log1p(finite.index(score)) if not filtered else 5.0,
                0.0 if filtered else min(30.0, best - score),
                math.log1p(distance),
                math.copysign(math.log1p(abs(self.anchor - i)), self.anchor - i),
                i / max(len(lines) - 1, 1),
                math.log1p(line.words),
                math.log1p(len(text)),
                float(text.endswith(".")),
                float(text.endswith(("?", "!"))),
                float(": " in text),
                float(text.isupper()),
                line.capitals / max(line.tokens, 1),
                float(line.words >= 5 and self._printed_again(line)),
                float(self._template_label(line)),
                math.log1p(counts[line.key] - 1),
                float(prefix_of),
                float(has_prefix),
                float(has_suffix),
                math.log1p(inside),
                float(min(len(text.partition(": ")[0].split()), 6) if ": " in text else 0),
                float(self._byline_after(i)),
                float(any(self._metadata_line(other) for other in following)),
                float(before is not None and (before.words <= 3 or bool(before.furniture))),
                float(after is not None and after.prose),
                float(line.prose),
                float(bool(line.furniture or line.strong)),
                float(ln.is_caption(text) or ln.is_credit(text)),
                float(bool(ln.byline_names(text))),
                float(ln.is_breadcrumb(text)),
                float(line.words <= 15 and bool(ln.find_date(text))),
                float(ln.is_name(text)),
                vocabulary[i, 0],
                vocabulary[i, 3],
            ])
        return np.asarray(rows, dtype=float).reshape(len(candidates), -1)

    def _vocabulary_columns(self) -> np.ndarray:
        """The page's vocabulary features (:func:`linemodel.vocabulary_columns`), counted once for the weights in use."""
        vocab = (linemodel.weights() or {}).get("vocabulary", {})
        if getattr(self, "_columns_of", None) is not vocab:
            self._columns_of = vocab
            self._columns = linemodel.vocabulary_columns(self.lines, vocab)
        return self._columns

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
            if ln.is_caption(line.text) or self._media_caption(line) or (after and not any(o.prose for o in after)):
                continue
            return line.index
        return start

    def _media_caption(self, line: Line) -> bool:
        """The caption of a video: under a player's labels, over its running time ("02:14")."""
        lines = self.lines
        player = any(l.furniture == bp.MEDIA or l.strong == bp.MEDIA for l in lines[max(0, line.index - 3) : line.index])
        below = lines[line.index + 1 : line.index + 2]
        return player and line.words <= 40 and bool(below) and bool(ln.DURATION.match(below[0].text))

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
        if self._byline_after(i):
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

    def _remembered(self, name: str) -> dict:
        """A table of answers that depend only on the page's lines (the rules and the features ask the same questions)."""
        return self.__dict__.setdefault("_answers_" + name, {})

    def _following(self, i: int, count: int = 4) -> list[Line]:
        """The next ``count`` lines after line ``i`` that are neither buttons nor captions."""
        answers = self._remembered("following")
        if (i, count) not in answers:
            answers[i, count] = self._find_following(i, count)
        return answers[i, count]

    def _byline_after(self, i: int) -> bool:
        """:meth:`_byline_below` the candidate at line ``i``."""
        answers = self._remembered("byline")
        if i not in answers:
            answers[i] = self._byline_below(self._following(i), self.lines[i])
        return answers[i]

    def _find_following(self, i: int, count: int) -> list[Line]:
        if not hasattr(self, "plain"):  # the lines that are neither buttons nor captions, in order
            self.plain = [line.index for line in self.lines
                          if not (line.furniture or line.strong or ln.is_caption(line.text) or ln.is_credit(line.text))]
        at = bisect.bisect_right(self.plain, i)
        return [self.lines[j] for j in self.plain[at : at + count] if j < i + 4 * count]

    @staticmethod
    def _byline_below(following: list[Line], candidate: Line) -> bool:
        """A ``By ...`` line follows, with no other headline-shaped line in between.

        A dek (a sentence, or a line in sentence case longer than the
        candidate) or a caption may sit between a headline and its byline;
        another line without a full stop is the headline the byline belongs to.
        """
        for line in following:
            if ln.byline_names(line.text) or line.key in bp.AUTHOR_LABELS:
                return True
            text = line.text
            sentence_case = line.capitals < 0.4 * line.tokens
            longer = line.words >= max(8, candidate.words + 3) and sentence_case
            if line.words >= 5 and not line.prose and not text.endswith(".") and not ln.is_caption(text) and not longer:
                return False
        return False

    def _metadata_line(self, line: Line) -> bool:
        answers = self._remembered("metadata")
        if line.index not in answers:
            answers[line.index] = self._is_metadata(line)
        return answers[line.index]

    def _is_metadata(self, line: Line) -> bool:
        text = line.text
        return bool(ln.byline_names(text) or self._author_line(line) or (ln.find_date(text) and line.words <= 12))

    def _template_label(self, line: Line) -> bool:
        """A line the template prints for every item ("Search author on: ...", every few lines).

        Three printings at the same short interval make a label; a headline
        is printed again far away (a page title, a share line) or right below.
        """
        if not hasattr(self, "places"):
            self.places: dict[str, list[int]] = {}
            for other in self.lines:
                self.places.setdefault(other.key, []).append(other.index)
        places = self.places[line.key]
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
        answers = self._remembered("printed")
        if line.index not in answers:
            answers[line.index] = self._find_printed(line)
        return answers[line.index]

    def _find_printed(self, line: Line) -> bool:
        size = len(line.key)
        words = self._word_set(line.index)
        for other in self._long_lines():
            if other.index == line.index or len(other.key) > 2 * size or self._echoed_block(line, other):
                continue
            if line.key in other.key:
                return True
            other_words = self._word_set(other.index)
            shared = len(words & other_words)
            if shared >= 5 and shared >= 0.8 * min(len(words), len(other_words)):
                return True
        return False

    def _long_lines(self) -> list[Line]:
        """The lines of five words or more (shorter ones are never a headline printed again)."""
        if not hasattr(self, "long_lines"):
            self.long_lines = [line for line in self.lines if line.words >= 5]
        return self.long_lines

    def _word_set(self, index: int) -> set[str]:
        """The distinct words of a line's key."""
        sets = self._remembered("word sets")
        if index not in sets:
            sets[index] = set(self.lines[index].key.split())
        return sets[index]

    def _echoed_block(self, line: Line, other: Line) -> bool:
        lines = self.lines
        i, j = line.index, other.index
        if not (0 < i < len(lines) - 1 and 0 < j < len(lines) - 1):
            return False
        return lines[i - 1].key == lines[j - 1].key and lines[i + 1].key == lines[j + 1].key
