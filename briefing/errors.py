"""Typed errors that carry where, what and what to do, formatted once."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of the errors the pipeline reports to a person."""


class SourceError(BriefingError):
    """A source that cannot be used: ``path:line: what; what to do``."""

    def __init__(self, path: str, line: int | None, what: str, todo: str):
        self.path = path
        self.line = line
        self.what = what
        self.todo = todo
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what}; {self.todo}"


class ConfigError(BriefingError):
    """The project's configuration is wrong (missing folder, bad option)."""
