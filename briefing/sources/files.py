"""The sources folder on disk: which files are sources, and reading one safely.

The only module that opens a source: every command and the build find files
with :func:`find_sources` and read each with :func:`read_source`, so a link,
a named pipe, a device or an oversized file is refused the same way everywhere.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing.errors import ConfigError, SourceError
from briefing.sources import corrections
from briefing.sources.read import MAX_SOURCE_BYTES, kind_of, too_large

JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})
"""Files operating systems leave behind; ignored like hidden files."""


JUNK_SUFFIXES = (".swp", ".swo", ".tmp", ".bak", ".orig", ".part", ".crdownload", "~")
"""Editor, download and backup leftovers; ignored."""


def find_sources(sources: Path, root: Path) -> tuple[list[tuple[str, Path]], list[SourceError]]:
    """Source files under ``sources``, sorted by path, as ``(shown path, real path)``.

    Hidden files (``.DS_Store``) and junk (``Thumbs.db``, ``*~``, ``*.swp``)
    are ignored, and so are corrections files (see :func:`find_corrections`).
    Symbolic links are reported and not followed: a link could pull any file
    of the machine into the site. Other files that are not sources are
    reported, so that nothing dropped into ``sources/`` is lost without a word.
    """
    found, _, problems = _walk(sources, root)
    return found, problems


def find_corrections(sources: Path, root: Path, found: list[tuple[str, Path]]) -> tuple[dict[str, tuple[str, Path]], list[SourceError]]:
    """The corrections file of each source of ``found`` that has one, by the source's shown path, and
    the corrections files that pair with no source or with several (see :mod:`briefing.sources.corrections`)."""
    _, files, _ = _walk(sources, root)  # their problems are find_sources' to report
    paired, unpaired = corrections.pair(found, files)
    return paired, sorted(unpaired, key=lambda e: e.path)


def _walk(sources: Path, root: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, Path]], list[SourceError]]:
    """``(sources, corrections files, problems)`` under ``sources``, each sorted by shown path."""
    if not sources.is_dir():
        raise ConfigError(f"{shown_path(sources, root)}: sources folder not found; create it or set extra.briefing.sources in mkdocs.yml")
    found: list[tuple[str, Path]] = []
    fixes: list[tuple[str, Path]] = []
    problems: list[SourceError] = []
    for directory, dirnames, filenames in os.walk(sources):
        here = Path(directory)
        for name in sorted(dirnames):
            if not name.startswith(".") and (here / name).is_symlink():
                problems.append(_not_followed(shown_path(here / name, root)))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            if _is_junk(name):
                continue
            path = here / name
            shown = shown_path(path, root)
            if path.is_symlink():
                problems.append(_not_followed(shown))
            elif problem := _bad_name(shown, name):
                problems.append(problem)
            elif corrections.is_corrections(name):
                fixes.append((shown, path))
            elif kind_of(name) is None:
                problems.append(SourceError(shown, 1, "not a kind of source the pipeline reads", "use .txt, .md or .html (.yml for corrections), or move the file out of sources/"))
            else:
                found.append((shown, path))
    found.sort(key=lambda item: item[0])
    fixes.sort(key=lambda item: item[0])
    problems.sort(key=lambda error: error.path)
    return found, fixes, problems


def _is_junk(name: str) -> bool:
    return name.startswith(".") or name.lower() in JUNK_NAMES or name.lower().endswith(JUNK_SUFFIXES)


def _bad_name(shown: str, name: str) -> SourceError | None:
    """A file name that cannot be shown safely: not UTF-8, or holding control or invisible characters."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.walk gives undecodable bytes as lone surrogates
        return SourceError(shown, 1, "the file name is not valid UTF-8", "rename the file")
    if not name.isprintable():
        return SourceError(shown, 1, "the file name holds control or invisible characters", "rename the file")
    return None


def _not_followed(shown: str) -> SourceError:
    return SourceError(shown, 1, "is a symbolic link, not followed", "copy the file into sources/ instead")


def read_source(shown: str, path: Path) -> bytes:
    """The bytes of one source, its size checked before reading; never follows a link.

    Opening with ``O_NOFOLLOW`` closes the gap between ``discover`` and now,
    and only a regular file is read (a named pipe would block the build).
    """
    return read_guarded(shown, path, MAX_SOURCE_BYTES, "put only article files in sources/", too_large=too_large)


MAX_KNOWLEDGE_BYTES = 64 * 1024 * 1024
"""Largest knowledge-base file read: tens of thousands of entries are a few megabytes."""


def read_guarded(
    shown: str,
    path: Path,
    max_bytes: int = MAX_KNOWLEDGE_BYTES,
    todo: str = "make it a plain file",
    *,
    follow_links: bool = False,
    too_large=None,
) -> bytes:
    """The bytes of the regular file at ``path``, or a :class:`SourceError` naming ``shown``.

    The one way the project's inputs are read: opened without blocking (a
    named pipe or a device never hangs the caller), only a regular file is
    read (not a folder, pipe, socket or device), its size checked before
    reading and at most ``max_bytes`` read. A symbolic link is refused unless
    ``follow_links`` (the knowledge base may be a link to a shared copy;
    sources may not). ``too_large(shown, size)`` may give the error for an
    oversized file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise _not_followed(shown) from None
        if error.errno == errno.ENOENT:
            raise SourceError(shown, None, "no such file", "check the path") from None
        raise SourceError(shown, 1, f"cannot be opened ({error.strerror})", "check that the file exists and is readable") from None
    status = os.fstat(fd)
    problem = None
    if not stat.S_ISREG(status.st_mode):
        problem = SourceError(shown, 1, f"is {_file_type(status.st_mode)}, not a regular file", todo)
    elif status.st_size > max_bytes:  # refused before a byte is read
        problem = (too_large and too_large(shown, status.st_size)) or SourceError(
            shown, 1, f"the file is {status.st_size:,} bytes, over the limit of {max_bytes:,}", "split it or remove what is not needed"
        )
    if problem is not None:
        os.close(fd)
        raise problem
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise SourceError(shown, 1, f"cannot be read ({error.strerror})", "check that the file is readable") from None
    if len(data) > max_bytes:  # grew since fstat
        raise SourceError(shown, 1, f"the file is over the limit of {max_bytes:,} bytes", "split it or remove what is not needed")
    return data


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def shown_path(path: Path, root: Path) -> str:
    """``path`` as messages show it: relative to the project's ``root`` where it lies inside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
