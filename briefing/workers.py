"""The per-source stages over all cores: one worker process per core, each with its own knowledge base.

A build hands this module jobs of one kind (a source to read, clean,
extract, tag, date and quote; or a story to tag again with the collection's
names) and gets the results back **in the order of the jobs**, whatever order
the workers finish in: a pooled build is byte for byte the serial one. The
orchestrator alone writes results and the cache; workers only compute.

Design:

- Workers start from the ``forkserver`` context: MkDocs runs in the parent
  (``mkdocs serve`` with its file watcher and server threads), and forking a
  process that runs threads is unsafe; a fresh server process that already
  imported the package forks each worker cheaply instead.
- Each worker builds the knowledge base once, in its initializer, from the
  entries the parent read (so every process tags with the same one), and keeps
  every module-level cache of the package (the tagger's word lists, a
  statistical model loaded once with ``functools.cache``) for all its jobs.
- Jobs go in chunks, a bounded number at a time, so that the parent never
  holds more than a few chunks of sources in memory.
- Below :data:`MIN_POOLED` jobs one process does the work: starting the
  workers (about a second and a half on the development machine, knowledge base included)
  costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

from briefing.errors import ConfigError
from briefing.knowledge import taxonomy

CONTEXT = "forkserver"
MIN_POOLED = 24
"""Fewest jobs worth a pool: measured with ``bench/pool_threshold.py`` (see bench/README.md)."""
CHUNKS_PER_WORKER = 4
"""Chunks each worker gets over a run: small enough to balance, large enough that sending costs little."""
MAX_CHUNK = 64
IN_FLIGHT_PER_WORKER = 2
"""Chunks sent ahead per worker: keeps every core busy, and the parent's memory bounded."""
PRELOAD = ["briefing.pipeline"]
"""Imported once by the fork server, so that each worker starts with the package loaded."""

_kb: taxonomy.KnowledgeBase | None = None
"""The worker's knowledge base, built by :func:`_start`."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(option: str | int | None) -> int:
    """The number of processes for ``extra.briefing.workers``: ``auto`` (or unset) is every core; 1 is no pool.

    Raises :class:`ConfigError` for anything but ``auto`` or a whole number from 1.
    """
    if option is None or (isinstance(option, str) and option.strip().lower() == "auto"):
        return cores()
    if isinstance(option, bool):
        raise _bad_workers(option)
    try:
        count = int(option)
    except (TypeError, ValueError):
        raise _bad_workers(option) from None
    if count < 1 or str(option).strip() not in (str(count), f"+{count}"):
        raise _bad_workers(option)
    return count


def _bad_workers(option) -> ConfigError:
    return ConfigError(
        f"mkdocs.yml: extra.briefing.workers is {option!r}; write 'auto' (one process per core) or a whole number from 1 (1: no worker processes)"
    )


class Workers:
    """Up to ``count`` processes for the per-source stages of one build; none are started until jobs come.

    Use as a context manager; :meth:`map` runs jobs in the workers, or here
    when there are too few of them to pay for starting the workers.
    """

    def __init__(self, count: int, kb: taxonomy.KnowledgeBase, min_pooled: int | None = None):
        self.count = max(1, count)
        self.kb = kb
        self.min_pooled = MIN_POOLED if min_pooled is None else min_pooled
        self._pool: ProcessPoolExecutor | None = None
        self.pooled_jobs = 0

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, function: Callable, jobs: list, context: Any = None) -> Iterator:
        """``function(job, kb, context)`` for each job, yielded in the order of ``jobs``.

        ``function`` must be a module-level function (workers import it by
        name) returning picklable data; ``context`` goes with every chunk.
        """
        if self.count == 1 or len(jobs) < self.min_pooled:
            return (function(job, self.kb, context) for job in jobs)
        self.pooled_jobs += len(jobs)
        return self._pooled(function, jobs, context)

    def _pooled(self, function: Callable, jobs: list, context: Any) -> Iterator:
        pool = self._start()
        size = max(1, min(MAX_CHUNK, -(-len(jobs) // (self.count * CHUNKS_PER_WORKER))))
        chunks: Iterable[list] = (jobs[i : i + size] for i in range(0, len(jobs), size))
        pending: deque = deque()
        limit = self.count * IN_FLIGHT_PER_WORKER
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, function, chunk, context))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(CONTEXT)
            context.set_forkserver_preload(PRELOAD)
            self._pool = ProcessPoolExecutor(
                self.count, mp_context=context, initializer=_start, initargs=(self.kb.entities, self.kb.topics, tuple(sorted(self.kb.ignored)))
            )
        return self._pool


def _start(entities, topics, ignored) -> None:
    """A worker's start: its own knowledge base (the automaton compiled once), from the parent's entries."""
    global _kb
    _kb = taxonomy.knowledge_base(entities, topics, ignored=ignored)


def _run_chunk(function: Callable, chunk: list, context: Any) -> list:
    return [function(job, _kb, context) for job in chunk]
