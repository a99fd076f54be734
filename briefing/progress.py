"""Build progress on a terminal, and the seconds spent in each stage.

A long build shows one line, rewritten in place: the stage, how many items of
how many, and the seconds elapsed since the build began. It stays quiet when
the output is not a terminal or when ``CI`` is set (as CI services do), so
logs stay clean.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator, TextIO

REFRESH_SECONDS = 0.1


class Timings:
    """Seconds per stage, summed over every call: ``with timings.stage("clean"): ...``; and the process's
    peak memory when each stage last ended (which stage raised it is where the memory went)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.peaks: dict[str, float] = {}
        """Stage -> this process's peak resident memory (MB) so far, when the stage last ended."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start
            self.peaks[name] = peak_mb()

    def rounded(self) -> dict[str, float]:
        """The totals, rounded to milliseconds, in the order the stages first ran."""
        return {name: round(value, 3) for name, value in self.seconds.items()}

    def memory(self) -> dict[str, float]:
        """:attr:`peaks`, rounded to MB."""
        return {name: round(value, 1) for name, value in self.peaks.items()}


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB.

    Linux's ``VmHWM`` (``/proc/self/status``) where there is one: ``ru_maxrss``
    carries the high-water mark of the process that started this one across
    ``fork`` and ``exec``, so a build started by a large process (the bench)
    would report that process's size as its own. Elsewhere, ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def wanted(stream: TextIO) -> bool:
    """Report progress only to a person at a terminal, never in CI."""
    ci = os.environ.get("CI", "").strip().lower()
    return stream.isatty() and ci in ("", "0", "false", "no")


class Progress:
    """One status line: ``briefing: tag 1200/10000 (3.4 s)``; silent unless :func:`wanted`."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.start = time.perf_counter()
        self.last = 0.0
        self.label = ""
        self.total = 0
        self.count = 0

    def stage(self, label: str, total: int = 0) -> None:
        """Begin a stage of ``total`` items (0 when it is not counted)."""
        self.label, self.total, self.count = label, total, 0
        self._show(force=True)

    def advance(self, step: int = 1) -> None:
        """``step`` more items done; the line is redrawn at most ten times a second."""
        self.count += step
        self._show(force=self.count == self.total)

    def done(self, summary: str = "") -> None:
        """Clear the status line, leaving ``summary`` if given."""
        if not self.enabled:
            return
        text = f"briefing: {summary} ({self.elapsed():.1f} s)" if summary else ""
        self.stream.write("\r\x1b[2K" + text + ("\n" if text else ""))
        self.stream.flush()

    def elapsed(self) -> float:
        """Seconds since the build began."""
        return time.perf_counter() - self.start

    def _show(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self.last < REFRESH_SECONDS:
            return
        self.last = now
        count = f" {self.count}/{self.total}" if self.total else ""
        self.stream.write(f"\r\x1b[2Kbriefing: {self.label}{count} ({now - self.start:.1f} s)")
        self.stream.flush()
