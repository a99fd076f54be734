"""Bytes of a source -> text: declared encodings are honoured, undeclared ones never guessed.

A source is UTF-8 unless it says otherwise: a byte-order mark (UTF-8, UTF-16
or UTF-32, any kind of file) or, in saved HTML, a ``<meta charset>``, a
``<meta http-equiv="Content-Type">`` or an XML declaration in its first 1024
bytes (where browsers look), unless the page is valid UTF-8 past ASCII (a
page saved as UTF-8 that kept its old declaration). Labels mean what they mean to browsers (the
WHATWG Encoding Standard): ``iso-8859-1`` is windows-1252, ``gb2312`` is
GB18030, and so on. Undeclared text that is not UTF-8 is refused, never
guessed (cp1251, cp1250 and ISO-8859-x decode alike and would publish wrong
letters); the message names the likely encoding so the file can be converted.
A PDF, an image or an archive renamed ``.html`` or ``.txt`` is named for what it is.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefing.errors import SourceError

UTF8_BOM = b"\xef\xbb\xbf"
BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
    (UTF8_BOM, "utf-8", "UTF-8"),
)

SIGNATURES = (  # (first bytes, what the file is)
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or OpenDocument file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"\x7fELF", "a program (ELF executable)"),
)

# Labels whose meaning in HTML differs from Python's codec of the same name (WHATWG Encoding Standard).
WHATWG = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "ibm819"), "cp1252"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese"), "gb18030"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "iso8859-11"), "cp874"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean"), "cp949"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis"), "cp932"),
    "big5": "big5hkscs",
    # A page cannot declare UTF-16 in its own markup: if it could be read, it was not UTF-16.
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode-1-1-utf-8", "utf8"), "utf-8"),
}

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)


def decode(path: str, data: bytes, html: bool = False) -> str:
    """The text of ``data``, in the encoding it declares (``html``: markup declarations count too), else UTF-8."""
    if what := binary_kind(data):
        raise SourceError(path, 1, f"the file is {what}, not text", "save the article's text as a .txt file, or its web page as .html")
    skipped = 0
    for mark, codec, name in BOMS:
        if data.startswith(mark):
            if codec != "utf-8":
                return _strictly(path, data, len(mark), codec, f"{name}, as its byte-order mark says")
            skipped = len(mark)
            break
    declared = declared_encoding(data) if html and not skipped else ""
    if declared and declared != "utf-8" and not _saved_as_utf8(data):
        return _strictly(path, data, 0, declared, f"{declared}, as the page declares")
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = skipped + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise SourceError(path, line, f"not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset}", hint(data[skipped:])) from None


def _saved_as_utf8(data: bytes) -> bool:
    """Whether a page that declares another encoding was saved as UTF-8 all the same: it has bytes past ASCII and
    all of them are valid UTF-8.

    Browsers and scrapers that save a page often re-encode it as UTF-8 and keep
    its ``<meta charset="gb2312">`` or ``iso-8859-1``: read as declared, such a
    page is refused (GB18030, Shift JIS) or, worse, silently turned into
    mojibake (windows-1252 reads "é" as "Ã©"). Text in a legacy encoding is
    almost never valid UTF-8 by chance once it has a few letters past ASCII
    (each would need a lead byte followed by the right number of continuation
    bytes), so valid UTF-8 is taken for what it is.
    """
    if data.isascii():
        return False  # ASCII reads the same in every encoding a page may declare
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def binary_kind(data: bytes) -> str:
    """What ``data`` is when it is a known binary format (PDF, image, archive...), else ''."""
    return next((what for signature, what in SIGNATURES if data.startswith(signature)), "")


def declared_encoding(data: bytes) -> str:
    """The Python codec of the encoding an HTML page declares in its first 1024 bytes, '' when none.

    An unknown label is reported as such (``SourceError`` from :func:`decode`
    would have no codec to try): it is returned as written, lower-cased.
    """
    head = data[:1024]
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    if not match:
        return ""
    label = match.group(1).decode("ascii").lower()
    return WHATWG.get(label, label)


def _strictly(path: str, data: bytes, skipped: int, codec: str, said: str) -> str:
    try:
        codecs.lookup(codec)
    except LookupError:
        raise SourceError(path, 1, f"the page declares the encoding {codec!r}, which is unknown", "re-save the page as UTF-8") from None
    try:
        return data[skipped:].decode(codec)
    except UnicodeDecodeError as error:
        offset = skipped + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise SourceError(path, line, f"not valid {said}: byte 0x{data[offset]:02x} at byte offset {offset}", "re-save the file as UTF-8") from None


CP1252_HINT = "re-save the file as UTF-8 (text from Windows is often cp1252: iconv -f cp1252 -t utf-8)"


def hint(data: bytes) -> str:
    """What to do with undeclared text that is not UTF-8: convert it from the encoding it most likely is."""
    if looks_cp1252(data):
        return CP1252_HINT
    guess = _likely_encoding(data)
    if guess:
        return f"re-save the file as UTF-8 (perhaps it is {guess}: iconv -f {guess} -t utf-8)"
    return "re-save the file as UTF-8 from the program that made it (its encoding could not be recognised)"


_CP1252_SIGNS = frozenset("’‘“”„–—…€£¥©®°±·«»§¶×÷\xa0")


def looks_cp1252(data: bytes) -> bool:
    """Whether ``data`` reads as Western European text in cp1252: accented letters inside ASCII words.

    Cyrillic in cp1251 also decodes in cp1252, but as whole words of accented
    capitals ("Ìîñêâà"); Central European text gives symbols inside words
    ("Rz¹d"). Neither passes.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    for word in re.findall(r"\S+", text):
        foreign = [ch for ch in word if ord(ch) > 127]
        if not foreign:
            continue
        if any(not unicodedata.category(ch).startswith("L") and ch not in _CP1252_SIGNS for ch in foreign):
            return False
        if re.search(r"[^\x00-\x7f]{3,}", word) and not all(ch in _CP1252_SIGNS for ch in word if ord(ch) > 127):
            return False
    return True


def _likely_encoding(data: bytes) -> str:
    """charset-normalizer's best guess that is not cp1252 (already ruled out), as iconv names it; '' when none."""
    from charset_normalizer import (
        from_bytes,  # only for the message: imported when a file needs it
    )

    for match in from_bytes(data[:65536]):
        if match.encoding not in ("utf_8", "ascii", "cp1252", "latin_1"):
            return match.encoding.replace("iso8859_", "iso-8859-").replace("_", "-")
    return ""
