"""What the characters of a page's lines are, counted per line at once with numpy.

The line model's shallow text features (Kohlschütter et al., 2010) count
characters: words and their capitals, sentence ends, punctuation, digits, the
words the vocabulary knows. Counting them line by line in Python, or with one
regular expression per line, was most of the cleaner's time; here the page's
lines are joined, turned into an array of code points, and every character is
looked up in a table of its Unicode properties (the same ones ``str`` and
``re`` use: ``isspace``, ``isalnum``, ``isdecimal``, ``isupper``). The counts
equal what ``str.split``, ``re`` and ``str.isupper`` give line by line.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

SPACE, WORD, DECIMAL, UPPER, LETTER, SENTENCE_END, CLOSER, UNSPACED, JOINER = (1 << bit for bit in range(9))
BMP = 0x10000
SENTENCE_ENDS = ".!?。！？"
CLOSERS = "\"'”’)]"  # may stand between a sentence's end and the space after it
NEWLINE = ord("\n")
JOINERS = "'’-"  # join two runs of letters into one word ("don't", "well-known")
# The blocks of lines.UNSPACED: kana, CJK extension A, CJK unified ideographs, CJK compatibility ideographs.
UNSPACED_BLOCKS = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _properties(char: str) -> int:
    alnum = char.isalnum()
    code = ord(char)
    return (
        SPACE * char.isspace()
        | WORD * (alnum or char == "_")  # what re's \w matches
        | DECIMAL * char.isdecimal()  # re's \d
        | UPPER * char.isupper()
        | LETTER * (alnum and not char.isdecimal())  # re's [^\W\d_]
        | SENTENCE_END * (char in SENTENCE_ENDS)
        | CLOSER * (char in CLOSERS)
        | UNSPACED * any(low <= code <= high for low, high in UNSPACED_BLOCKS)
        | JOINER * (char in JOINERS)
    )


# The properties of the characters of the Basic Multilingual Plane met so far (filled as pages show new ones).
_TABLE = np.zeros(BMP, dtype=np.uint16)
_KNOWN = np.zeros(BMP, dtype=bool)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (a lone surrogate kept as its own value)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _looked_up(codes: np.ndarray) -> np.ndarray:
    """The property bits of each distinct code point of ``codes`` (sorted), one by one."""
    return np.fromiter((_properties(chr(code)) for code in codes.tolist()), dtype=np.uint16, count=len(codes))


def properties(codes: np.ndarray) -> np.ndarray:
    """The property bits of each code point (characters beyond the BMP, emoji or rare scripts, are looked up one by one)."""
    beyond = codes >= BMP
    some_beyond = beyond.any()
    plane = np.where(beyond, 0, codes) if some_beyond else codes
    unknown = ~_KNOWN.take(plane)
    if unknown.any():
        new = np.unique(plane[unknown])
        _TABLE[new] = _looked_up(new)
        _KNOWN[new] = True
    out = _TABLE.take(plane)
    if some_beyond:
        rare = np.unique(codes[beyond])
        out[beyond] = _looked_up(rare)[np.searchsorted(rare, codes[beyond])]
    return out


@dataclass(frozen=True)
class LineCounts:
    """Per line of a page (arrays of floats, one value a line)."""

    tokens: np.ndarray  # whitespace-separated tokens (len(text.split()))
    capitalised: np.ndarray  # tokens whose first character is upper case
    sentences: np.ndarray  # sentence ends: . ! ? (or their CJK forms), closing quotes, then a space or the line's end
    unspaced: np.ndarray  # characters of scripts written without spaces (lines.UNSPACED: Chinese, Japanese)
    sample: np.ndarray  # characters in the line's first ``sample_size`` characters
    punctuation: np.ndarray  # of those, neither word characters nor spaces (re's [^\w\s])
    digits: np.ndarray  # of those, decimal digits (re's \d)
    letter_words: np.ndarray  # runs of letters, an apostrophe or hyphen between two letters joining them (boilerplate.LETTERS)


def _per_line(masks: list[np.ndarray], codes: np.ndarray, lines: int) -> list[np.ndarray]:
    """For each mask (never true at a newline), how many of each line's characters it holds."""
    line = np.cumsum(codes == NEWLINE)
    return [np.bincount(line[mask], minlength=lines).astype(float) for mask in masks]


def count(texts: list[str], sample_size: int) -> LineCounts:
    """The counts of :class:`LineCounts` for each of ``texts`` (non-empty lines without a newline in them)."""
    lines = len(texts)
    if not lines:
        empty = np.zeros(0)
        return LineCounts(empty, empty, empty, empty, empty, empty, empty, empty)
    codes = code_points("\n".join(texts))
    bits = properties(codes)
    space = (bits & SPACE).astype(bool)
    first = ~space
    first[1:] &= space[:-1]
    upper = (bits & UPPER).astype(bool)
    # A sentence end counts when the first character after it that is no closing quote is a space or the page's end.
    ends = np.flatnonzero(bits & SENTENCE_END)
    after = ends + 1
    closer = (bits & CLOSER).astype(bool)
    if closer.any():  # skip the closing quotes: the next position that is no closer
        position = np.arange(len(codes) + 1)
        next_other = np.minimum.accumulate(np.where(np.append(closer, False), len(codes), position)[::-1])[::-1]
        after = next_other[after]
    sentence = np.zeros(len(codes), dtype=bool)
    sentence[ends[np.append(space, True)[after]]] = True
    letter = (bits & LETTER).astype(bool)
    joined = np.zeros_like(letter)
    joined[1:-1] = (bits[1:-1] & JOINER).astype(bool) & letter[:-2] & letter[2:]
    word_start = letter.copy()
    word_start[1:] &= ~(letter[:-1] | joined[:-1])
    tokens, capitalised, sentences, unspaced, letter_words = _per_line(
        [first, first & upper, sentence, (bits & UNSPACED).astype(bool), word_start], codes, lines
    )
    if sample_size:
        sample = code_points("\n".join(text[:sample_size] for text in texts))
        sample_bits = properties(sample)
        punctuation, digits = _per_line([(sample_bits & (WORD | SPACE)) == 0, (sample_bits & DECIMAL).astype(bool)], sample, lines)
        sizes = np.minimum(np.fromiter(map(len, texts), dtype=float, count=lines), sample_size)
    else:
        punctuation = digits = sizes = np.zeros(lines)
    return LineCounts(tokens, capitalised, sentences, unspaced, sizes, punctuation, digits, letter_words)


def keys(texts: list[str]) -> list[str]:
    """The words of each line, case folded, joined by single spaces: ``" ".join(boilerplate.WORD.findall(text.casefold()))``.

    A word is a run of letters (runs joined by an apostrophe or a hyphen between two letters) or a run of digits.
    """
    if not texts:
        return []
    codes = code_points("\n".join(texts).casefold())
    bits = properties(codes)
    letter = (bits & LETTER).astype(bool)
    digit = (bits & DECIMAL).astype(bool)
    joiner = (bits & JOINER).astype(bool)
    joined = np.zeros_like(joiner)
    joined[1:-1] = joiner[1:-1] & letter[:-2] & letter[2:]
    kept = letter | digit | joined
    words = np.where(kept | (codes == NEWLINE), codes, ord(" "))
    # Letters right against digits ("2nd", "a4") are two words: a space goes between them.
    switch = np.flatnonzero((letter[1:] & digit[:-1]) | (digit[1:] & letter[:-1])) + 1
    if len(switch):
        words = np.insert(words, switch, ord(" "))
    spaced = words.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    return list(map(" ".join, map(str.split, spaced.split("\n"))))


def letter_words(keys: list[str]) -> tuple[list[str], np.ndarray]:
    r"""The runs of letters and digits of each line's :func:`keys` (a joined word "don't" gives "don", "t"), and each run's line.

    The runs of letters are what ``re.findall(r"[^\W\d_]+", text.casefold())`` finds; runs of digits and of one
    letter are kept: callers look words up in a vocabulary of words of two letters or more.
    """
    runs: list[str] = []
    sizes: list[int] = []
    joined = "\n".join(keys)
    for joiner in JOINERS:
        joined = joined.replace(joiner, " ")
    for key in joined.split("\n"):
        found = key.split()
        runs += found
        sizes.append(len(found))
    return runs, np.repeat(np.arange(len(sizes)), sizes)


def lookup(words: list[str], table: dict[str, float]) -> np.ndarray:
    """``table[word]`` for each word, NaN where the table has none."""
    return np.fromiter(map(table.get, words, itertools.repeat(math.nan)), dtype=float, count=len(words))
