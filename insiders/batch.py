"""Batch runner: many paths to outcomes, in parallel, streaming, with bounded memory.

Sits between the library pipeline (``insiders.pipeline``) and the CLI
(``insiders.commands``); ``insiders.dask_engine`` reuses its worker task.  Paths
are walked lazily (``insiders.read.iter_paths``), handed to worker processes in
small chunks with a bounded number in flight, and the outcomes come back in
input order (or as they finish, with ``unordered``).  Nothing holds the list of
all files or records, so memory stays flat over any folder.

Each file has a time budget; a file that exceeds it becomes a ``LimitExceeded``
outcome, never a hung batch.  A worker that dies (killed for memory, a crash in
C code) costs only the file that killed it: the pool is restarted and the
chunks in flight are retried one file at a time.

A sink that keeps state between runs (SQLite) passes ``skip``: a cheap
predicate asked in this process *before* a file is sent to be parsed.
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from .errors import InsidersError, LimitExceeded, ReadError
from .read import DEFAULT_MAX_BYTES, Document, display_path, iter_paths, read_documents

DEFAULT_TIME_BUDGET = 30.0  # seconds per file
CHUNK = 16  # files per task: amortises the cost of crossing processes
SMALL_BATCH = 32  # up to this many files, one process is faster than a pool
IN_FLIGHT_PER_JOB = 4  # tasks queued per worker: every core busy, memory bounded


@dataclass(slots=True)
class FileInfo:
    """One physical file that was read: what an incremental sink records."""

    path: str  # absolute path
    sha256: str
    size: int
    mtime: float


@dataclass(slots=True)
class Outcome:
    """What became of one document: a record dict, an error dict, or a skipped file.

    ``file`` is set on the *last* outcome of each physical file (an archive gives
    several documents), so a sink can commit a file's rows together.
    """

    source: str
    record: dict | None = None  # None when the worker wrote it as ``line`` instead (Options.serialize)
    error: dict | None = None
    file: FileInfo | None = None
    skipped: bool = False
    rows: dict | None = None  # table name -> value tuples, built in the worker (Options.table_rows)
    line: str | None = None  # the record as JSON text, made in the worker (Options.serialize)
    document_type: str | None = None  # set whenever a record was read (as ``record`` or ``line``)
    warned: bool = False  # the record has warnings

    @property
    def recognised(self) -> bool:
        return self.document_type is not None and self.document_type != "unknown"


@dataclass(slots=True)
class Options:
    explain: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    time_budget: float | None = DEFAULT_TIME_BUDGET
    hash_files: bool = False  # fill Outcome.file (path, sha256, size, mtime)
    table_rows: bool = False  # fill Outcome.rows (the flat tables), so the parent only writes them
    # "jsonl" or "json": the worker writes each record as JSON text (Outcome.line) and
    # drops the dict, so the parent only copies text out: the parent's share of the CPU
    # (unpickling dicts, encoding JSON) stops competing with the workers'
    serialize: str | None = None


# ---------------------------------------------------------------- one document

class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - signal handler
    raise _Timeout()


# Set in a pool worker once its alarm handler is installed for good (``_init_worker``): a
# worker arms only the timer per file; in this process the handler is installed for each
# file and the caller's restored after it.
_ALARM_INSTALLED = False


def _extract_one(doc: Document, options: Options) -> Outcome:
    from .pipeline import extract_document

    use_alarm = bool(options.time_budget) and hasattr(signal, "setitimer")
    previous = None
    if use_alarm:
        try:
            if not _ALARM_INSTALLED:
                previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, options.time_budget)
        except ValueError:  # not the main thread (dask worker threads): no budget
            use_alarm = False
    try:
        record = extract_document(doc).to_dict(explain=options.explain)
        outcome = Outcome(doc.source, document_type=record.get("document_type"), warned=bool(record.get("warnings")))
        if options.serialize:
            from .emit import record_json

            outcome.line = record_json(record, options.serialize)
            return outcome
        outcome.record = record
        if options.table_rows:
            from .emit.sqlite import table_rows

            outcome.rows = table_rows(record)
        return outcome
    except InsidersError as exc:
        return Outcome(doc.source, error=exc.to_dict())
    except _Timeout:
        err = LimitExceeded(doc.source, f"took longer than the {options.time_budget:g} s budget per file; skipped")
        return Outcome(doc.source, error=err.to_dict())
    except MemoryError:
        err = LimitExceeded(doc.source, "ran out of memory reading this file; skipped")
        return Outcome(doc.source, error=err.to_dict())
    except RecursionError:
        err = LimitExceeded(doc.source, "structure nested too deeply to read; skipped")
        return Outcome(doc.source, error=err.to_dict())
    except Exception as exc:  # a bug in a parser must cost one file, not the batch
        return Outcome(doc.source, error=internal_error(doc.source, exc))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if previous is not None:
                signal.signal(signal.SIGALRM, previous)


def internal_error(source: str, exc: BaseException) -> dict:
    """An unexpected exception as an error dict: one line naming the file, the exception and where."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    message = f"internal error {type(exc).__name__}{where}: {exc} (please report this file)"
    return {"path": source, "error": "internal_error", "message": " ".join(message.split())}


def process_path(path: str, options: Options) -> list[Outcome]:
    """The outcomes of one regular file (several when it is an archive)."""
    out: list[Outcome] = []
    data, items = read_documents(path, options.max_bytes)
    for item in items:
        if isinstance(item, InsidersError):
            out.append(Outcome(item.source, error=item.to_dict()))
        else:
            out.append(_extract_one(item, options))
            item.data = b""  # let the bytes go as soon as the text is read
    if options.hash_files and out:
        out[-1].file = file_info(path, data)
    return out


def process_paths(paths: list[str], options: Options) -> list[Outcome]:
    """Worker task: the outcomes of a chunk of regular files."""
    out: list[Outcome] = []
    for path in paths:
        out.extend(process_path(path, options))
    return out


def file_info(path: str, data: bytes | None) -> FileInfo:
    """Path, content hash, size and mtime of a file read (an empty hash when it could not be)."""
    try:
        info = os.stat(path)
        size, mtime = info.st_size, info.st_mtime
    except OSError:
        size, mtime = len(data or b""), 0.0
    digest = hashlib.sha256(data).hexdigest() if data is not None else ""
    return FileInfo(display_path(os.path.abspath(path)), digest, size, mtime)


def _stdin_outcomes(options: Options, stdin=None) -> Iterator[Outcome]:
    from .read import iter_documents

    for item in iter_documents(["-"], max_bytes=options.max_bytes, stdin=stdin):
        if isinstance(item, InsidersError):
            yield Outcome(item.source, error=item.to_dict())
        else:
            yield _extract_one(item, options)


# ---------------------------------------------------------------- the walk, cut into tasks

def walk(paths: Iterable[str], skip: Callable[[str], bool] | None = None) -> Iterator[str | Outcome]:
    """Regular files to read, or ready outcomes (walk errors, skipped files), in input order."""
    for item in iter_paths(paths):
        if isinstance(item, InsidersError):
            yield Outcome(item.source, error=item.to_dict())
        elif item != "-" and skip is not None and skip(item):
            yield Outcome(display_path(item), skipped=True)
        else:
            yield item


def tasks(paths: Iterable[str], skip: Callable[[str], bool] | None = None,
          size: int = CHUNK) -> Iterator[list[str] | Outcome]:
    """Chunks of up to ``size`` files; ready outcomes pass through between them, in order."""
    chunk: list[str] = []
    for item in walk(paths, skip):
        if isinstance(item, Outcome) or item == "-":
            if chunk:
                yield chunk
                chunk = []
            yield item if isinstance(item, Outcome) else ["-"]
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------- runners

# Address space a worker may use (INSIDERS_WORKER_MEMORY, bytes; 0 for no limit): a file
# that needs more becomes a MemoryError -> a LimitExceeded outcome, instead of the
# machine swapping or the kernel killing a worker.
WORKER_MEMORY = int(os.environ.get("INSIDERS_WORKER_MEMORY", str(3 * 1024 ** 3)))


def _init_worker() -> None:
    global _ALARM_INSTALLED
    # Ctrl-C is the parent's to handle; workers just stop when told.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _on_alarm)
        _ALARM_INSTALLED = True
    # A worker's own state (modules, compiled patterns) lives as long as it does: moved
    # out of the collector's sight, so the collections that thousands of short-lived
    # records trigger scan only those (measured: ~5% of an XML filing's time).
    from . import pipeline  # noqa: F401  (imported before the freeze)

    gc.freeze()
    if WORKER_MEMORY > 0:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if soft == resource.RLIM_INFINITY or soft > WORKER_MEMORY:
                limit = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY, hard)
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX, or not allowed
            pass


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run(paths: Iterable[str], *, jobs: int | None = None, unordered: bool = False,
        options: Options | None = None, skip: Callable[[str], bool] | None = None,
        stdin=None, on_idle: Callable[[], None] | None = None) -> Iterator[Outcome]:
    """Outcomes for every document under ``paths``.  ``-`` (stdin) is read in this process.

    ``jobs``: worker processes (None: all cores, or one for a handful of files).
    ``skip(path)``: asked before a file is read; True gives a ``skipped`` outcome.
    ``on_idle()``: called before the next outcome may take a while (the workers have not
    finished it yet): the moment for a sink to flush what it buffered.
    """
    options = options or Options()
    paths = list(paths)
    if jobs is None:
        # Starting worker processes costs more than reading a handful of files.
        few = sum(1 for _ in islice(iter_paths(paths), SMALL_BATCH + 1)) <= SMALL_BATCH
        jobs = 1 if few else default_jobs()
    if jobs <= 1:
        yield from _run_serial(paths, options, skip, stdin, on_idle or _nothing)
        return
    yield from _run_parallel(paths, jobs, unordered, options, skip, stdin, on_idle or _nothing)


def _nothing() -> None:
    pass


def _run_serial(paths: list[str], options: Options, skip, stdin, on_idle) -> Iterator[Outcome]:
    for item in walk(paths, skip):
        if isinstance(item, Outcome):
            yield item
            continue
        on_idle()
        if item == "-":
            yield from _stdin_outcomes(options, stdin)
        else:
            yield from process_path(item, options)


class _Pool:
    """A process pool that can be replaced when a worker dies."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker)

    def submit(self, chunk: list[str], options: Options) -> Future:
        return self.executor.submit(process_paths, chunk, options)

    def restart(self) -> None:
        self.kill()
        self.executor = self._start()

    def kill(self) -> None:
        """Stop now: running tasks are abandoned (their workers killed).

        Two threads of the executor must not keep the interpreter from exiting:
        the call queue's feeder (it may be stuck writing to workers that are
        gone: not joined) and the manager, which may be reading half a result
        from a killed worker: closing our end of the result pipe gives it EOF.
        (``shutdown`` forgets these queues, so they are taken first.)
        """
        executor = self.executor
        processes = list((getattr(executor, "_processes", None) or {}).values())
        call_queue = getattr(executor, "_call_queue", None)
        result_queue = getattr(executor, "_result_queue", None)
        manager = getattr(executor, "_executor_manager_thread", None)
        if call_queue is not None:
            call_queue.cancel_join_thread()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            try:
                process.kill()  # SIGKILL: nothing to clean up in a worker
            except Exception:  # pragma: no cover - already gone
                pass
        for process in processes:
            process.join(timeout=5)
        writer = getattr(result_queue, "_writer", None)
        if writer is not None:
            try:
                writer.close()
            except OSError:  # pragma: no cover
                pass
        if manager is not None:
            manager.join(timeout=5)  # gone before the interpreter's exit hooks look at it

    def close(self) -> None:
        self.executor.shutdown(wait=True)


@dataclass(slots=True)
class _Task:
    chunk: list[str]
    future: Future | None  # None: its worker died; read these files in quarantine


def _run_parallel(paths: list[str], jobs: int, unordered: bool, options: Options,
                  skip, stdin, on_idle) -> Iterator[Outcome]:
    window = jobs * IN_FLIGHT_PER_JOB
    pool = _Pool(jobs)
    quarantine: list[_Pool] = []  # one worker, started only after a crash
    pending: deque[_Task | Outcome] = deque()
    source = tasks(paths, skip)
    finished = False

    def feed(count: int) -> None:
        for task in islice(source, count):
            if isinstance(task, Outcome):
                pending.append(task)
            elif task == ["-"]:
                pending.extend(_stdin_outcomes(options, stdin))
            else:
                pending.append(_Task(task, pool.submit(task, options)))

    try:
        feed(window)
        while pending:
            item = _next_ready(pending, on_idle) if unordered else pending.popleft()
            if isinstance(item, _Task) and item.future is not None and not item.future.done():
                on_idle()
            if isinstance(item, Outcome):
                yield item
            else:
                yield from _results(item, pool, pending, options, quarantine)
            feed(1)
        finished = True
    finally:
        for spare in quarantine:
            spare.kill()
        if finished:
            pool.close()
        else:  # Ctrl-C, or the consumer went away: stop the workers now
            pool.kill()


def _next_ready(pending: deque, on_idle) -> "_Task | Outcome":
    """The first item that is ready (an outcome, or a finished task); waits if none is."""
    while True:
        for item in pending:
            if isinstance(item, Outcome) or item.future is None or item.future.done():
                pending.remove(item)
                return item
        on_idle()
        wait([item.future for item in pending], return_when=FIRST_COMPLETED)


def _results(task: _Task, pool: _Pool, pending: deque, options: Options, quarantine: list) -> list[Outcome]:
    """A task's outcomes.  When a worker died, every task in flight failed with it:
    the pool is restarted, and those tasks' files are read again one at a time in
    a one-worker pool, so the file that kills a worker is found and only it fails.
    """
    if task.future is not None:
        try:
            return task.future.result()
        except BrokenProcessPool:
            _requeue_broken(pool, pending, options)
    if not quarantine:
        quarantine.append(_Pool(1))
    spare = quarantine[0]
    out: list[Outcome] = []
    for path in task.chunk:
        try:
            out.extend(spare.submit([path], options).result())
        except BrokenProcessPool:
            spare.restart()
            err = ReadError(display_path(path), "the worker process reading this file died (out of memory or a crash); skipped")
            out.append(Outcome(err.source, error=err.to_dict()))
    return out


def _requeue_broken(pool: _Pool, pending: deque, options: Options) -> None:
    """Restart the pool; tasks whose future broke with it go to quarantine, unstarted ones are resubmitted."""
    broken = [item for item in pending if isinstance(item, _Task) and item.future is not None]
    pool.restart()
    for item in broken:
        if item.future.done() and not item.future.cancelled() and item.future.exception() is None:
            continue  # finished before the crash: its results are good
        item.future = None
