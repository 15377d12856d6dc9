"""Batch runner: many paths to outcomes, in parallel, streaming, with bounded memory.

Sits between the library pipeline (``insiders.pipeline``) and the CLI.  Paths are
walked lazily (``insiders.read.iter_paths``), handed to worker processes in small
chunks with a bounded number in flight, and the outcomes come back in input
order (or as they finish, with ``unordered``).  Each file has a time budget; a
file that exceeds it becomes a ``LimitExceeded`` outcome, never a hung batch.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator

from .errors import InsidersError, LimitExceeded
from .read import DEFAULT_MAX_BYTES, iter_documents, iter_paths, read_path

DEFAULT_TIME_BUDGET = 30.0  # seconds per file
CHUNK = 16  # files per task: amortises the cost of crossing processes
SMALL_BATCH = 32  # up to this many files, one process is faster than a pool


@dataclass(slots=True)
class Outcome:
    """What became of one document: a record dict, or an error dict."""

    source: str
    record: dict | None = None
    error: dict | None = None

    @property
    def recognised(self) -> bool:
        return self.record is not None and self.record.get("document_type") != "unknown"


@dataclass(slots=True)
class Options:
    explain: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    time_budget: float | None = DEFAULT_TIME_BUDGET


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - signal handler
    raise _Timeout()


def _extract_one(doc, options: Options) -> Outcome:
    from .pipeline import extract_document

    use_alarm = bool(options.time_budget) and hasattr(signal, "setitimer")
    if use_alarm:
        try:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, options.time_budget)
        except ValueError:  # not the main thread: run without a budget
            use_alarm = False
    try:
        record = extract_document(doc)
        return Outcome(doc.source, record=record.to_dict(explain=options.explain))
    except InsidersError as exc:
        return Outcome(doc.source, error=exc.to_dict())
    except _Timeout:
        err = LimitExceeded(doc.source, f"took longer than the {options.time_budget:g} s budget per file; skipped")
        return Outcome(doc.source, error=err.to_dict())
    except MemoryError:
        err = LimitExceeded(doc.source, "ran out of memory reading this file; skipped")
        return Outcome(doc.source, error=err.to_dict())
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _outcomes_for_items(items: Iterable, options: Options) -> Iterator[Outcome]:
    for item in items:
        if isinstance(item, InsidersError):
            yield Outcome(item.source, error=item.to_dict())
        else:
            yield _extract_one(item, options)


def process_paths(paths: list[str], options: Options) -> list[Outcome]:
    """Worker task: the outcomes of a chunk of regular files."""
    out: list[Outcome] = []
    for path in paths:
        out.extend(_outcomes_for_items(read_path(path, options.max_bytes), options))
    return out


def _init_worker() -> None:
    # Ctrl-C is the parent's to handle; workers just stop when told.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run(paths: Iterable[str], *, jobs: int | None = None, unordered: bool = False,
        options: Options | None = None) -> Iterator[Outcome]:
    """Outcomes for every document under ``paths``.  ``-`` (stdin) is read in this process."""
    options = options or Options()
    paths = list(paths)
    if jobs is None:
        # Starting worker processes costs more than reading a handful of files.
        few = sum(1 for _ in islice(iter_paths(paths), SMALL_BATCH + 1)) <= SMALL_BATCH
        jobs = 1 if few else default_jobs()
    if "-" in paths or jobs <= 1:
        yield from _run_serial(paths, options)
        return
    yield from _run_parallel(paths, jobs, unordered, options)


def _run_serial(paths: list[str], options: Options) -> Iterator[Outcome]:
    yield from _outcomes_for_items(iter_documents(paths, max_bytes=options.max_bytes), options)


def _chunks(paths: list[str]) -> Iterator[list[str] | Outcome]:
    """Chunks of regular files to process; walk errors pass through as outcomes."""
    chunk: list[str] = []
    for item in iter_paths(paths):
        if isinstance(item, InsidersError):
            if chunk:
                yield chunk
                chunk = []
            yield Outcome(item.source, error=item.to_dict())
            continue
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_parallel(paths: list[str], jobs: int, unordered: bool, options: Options) -> Iterator[Outcome]:
    window = jobs * 4  # tasks in flight: keeps every core busy, memory bounded
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    pending: deque[Future | Outcome] = deque()
    source = _chunks(paths)
    try:
        for task in islice(source, window):
            pending.append(task if isinstance(task, Outcome) else pool.submit(process_paths, task, options))
        while pending:
            if unordered:
                futures = [p for p in pending if isinstance(p, Future)]
                ready = [p for p in pending if isinstance(p, Outcome)]
                if not ready and futures:
                    wait(futures, return_when=FIRST_COMPLETED)
                    ready = [p for p in pending if isinstance(p, Outcome) or p.done()]
                done = ready[:1] if ready else [pending[0]]
                pending.remove(done[0])
                item = done[0]
            else:
                item = pending.popleft()
            if isinstance(item, Outcome):
                yield item
            else:
                yield from item.result()
            for task in islice(source, 1):
                pending.append(task if isinstance(task, Outcome) else pool.submit(process_paths, task, options))
    finally:
        for item in pending:
            if isinstance(item, Future):
                item.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
