"""Typed errors that carry where, what and what to do, formatted once."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of the errors the pipeline reports to a person."""


class SourceError(BriefingError):
    """A source that cannot be used: ``path:line: what; what to do``.

    Every part is shown with invisible characters escaped (``\\x1b``,
    ``\\u202e``), so that a hostile file name or value can never drive the
    terminal or reorder the text of the log line.
    """

    def __init__(self, path: str, line: int | None, what: str, todo: str):
        self.path = path
        self.line = line
        self.what = what
        self.todo = todo
        self.more: tuple[SourceError, ...] = ()
        """Further problems of the same file found in the same pass (all fields of its front matter)."""
        super().__init__(str(self))

    def with_more(self, more) -> SourceError:
        """This error carrying ``more`` problems of the same file."""
        self.more = tuple(more)
        return self

    def every(self) -> tuple[SourceError, ...]:
        """This problem and the others found with it, in file order."""
        return (self, *self.more)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.what}; {self.todo}")

    def __reduce__(self):
        # Pickled by its fields (a worker process sends it to the build): the default would call __init__ with the message alone.
        return (_source_error, (self.path, self.line, self.what, self.todo, self.more))


def _source_error(path: str, line: int | None, what: str, todo: str, more: tuple[SourceError, ...]) -> SourceError:
    return SourceError(path, line, what, todo).with_more(more)


class ModelUnavailable(BriefingError):
    """The statistical entity model could not be loaded: the build goes on with the knowledge base and the rules alone.

    Reported once per build, as a warning: ``--strict`` fails on it, because the
    site then names fewer entities than the same sources give with the pinned
    install, and a strict build is how a publisher asks that nothing be lost silently.
    """

    def __init__(self, model: str, reason: str):
        self.model = model
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return printable(
            f"entity model {self.model} could not be loaded ({self.reason}); entities come from the knowledge base and "
            "the rules alone, so pages name fewer of them; run `make build`, which installs the pinned model "
            "(requirements-hashed.lock)"
        )


class ConfigError(BriefingError):
    """The project's configuration is wrong (missing folder, bad option)."""

    def __str__(self) -> str:
        return printable(super().__str__())


def printable(text: str) -> str:
    """``text`` with every non-printable character written as a Python escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
