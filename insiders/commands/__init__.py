"""What every CLI command shares: output options, running a batch, reporting to stderr.

``insiders.cli`` declares the commands (typer) and calls into the modules of
this package; they call the library (``insiders.batch``, ``insiders.emit``,
``insiders.roster``, ``insiders.vesting`` ...).  stdout carries data only;
progress, warnings, errors and the closing summary go to stderr.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from typing import IO, Iterable, Iterator

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A wrong combination of options: exit 2 with this message."""


@dataclass
class OutputOptions:
    """The options every record-emitting command takes."""

    format: str | None = None  # None: table on a terminal, jsonl in a pipe
    output: str | None = None
    table: str | None = None
    csv_safe: bool = True
    jobs: int | None = None
    unordered: bool = False
    progress: bool | None = None  # None: when stderr is a terminal
    errors: str | None = None
    max_bytes: int | None = None
    explain: bool = False
    strict: bool = False
    time_budget: float | None = None
    engine: str = "local"
    scheduler: str | None = None

    def resolved_format(self) -> str:
        if self.format:
            return self.format
        if self.output and self.output.endswith((".sqlite", ".sqlite3", ".db")):
            return "sqlite"
        if self.output and self.output.endswith(".jsonl"):
            return "jsonl"
        if self.output and self.output.endswith(".json"):
            return "json"
        if self.output:
            return "csv" if not os.path.splitext(self.output)[1] or self.output.endswith(".csv") else "jsonl"
        return "table" if sys.stdout.isatty() else "jsonl"


@dataclass
class Summary:
    files: int = 0
    records: int = 0
    failed: int = 0
    unrecognised: int = 0
    warned: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def line(self) -> str:
        rate = self.files / self.elapsed if self.elapsed > 0 else 0.0
        parts = [_count(self.files, "file"), _count(self.records, "record"), f"{self.failed:,} failed"]
        if self.unrecognised:
            parts.append(f"{self.unrecognised:,} not recognised")
        if self.warned:
            parts.append(f"{self.warned:,} with warnings")
        if self.skipped:
            parts.append(f"{self.skipped:,} unchanged (skipped)")
        return "insiders: " + ", ".join(parts) + f" in {self.elapsed:.1f} s ({rate:,.0f} files/s)"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def stderr_line(message: str) -> None:
    """One line to stderr; a name with a newline cannot split it."""
    sys.stderr.write(message.replace("\n", "\\n").replace("\r", "\\r") + "\n")
    sys.stderr.flush()


def check_output_not_input(paths: Iterable[str], output: str | None) -> None:
    """Refuse to overwrite a file we are about to read."""
    if not output:
        return
    target = os.path.realpath(output)
    for path in paths:
        if path != "-" and os.path.isfile(path) and os.path.realpath(path) == target:
            raise UsageError(f"refusing to overwrite the input file {path!r} with -o")


def outcomes(paths: list[str], opts: OutputOptions, summary: Summary, *,
             error_log: IO[str] | None = None) -> Iterator[dict]:
    """Record dicts for ``paths``; errors go to stderr (and ``--errors``) and into ``summary``."""
    for outcome in outcome_stream(paths, opts, summary, error_log=error_log):
        if outcome.record is not None:
            yield outcome.record


def batch_options(opts: OutputOptions, *, hash_files: bool = False, serialize: str | None = None):
    from ..batch import DEFAULT_TIME_BUDGET, Options
    from ..read import DEFAULT_MAX_BYTES

    return Options(
        explain=opts.explain,
        max_bytes=opts.max_bytes or DEFAULT_MAX_BYTES,
        time_budget=opts.time_budget if opts.time_budget is not None else DEFAULT_TIME_BUDGET,
        hash_files=hash_files,
        table_rows=hash_files,  # the incremental sink (SQLite) also takes its rows ready-made
        serialize=serialize,
    )


def outcome_stream(paths: list[str], opts: OutputOptions, summary: Summary, *,
                   error_log: IO[str] | None = None, skip=None, hash_files: bool = False,
                   serialize: str | None = None, on_idle=None) -> Iterator:
    """``insiders.batch.Outcome``s for ``paths`` (every engine), counted into ``summary``.

    Failures are reported as they come: one line on stderr naming the file and
    the reason, and one JSON line in ``error_log``.  ``skip`` and ``hash_files``
    serve incremental sinks (SQLite); ``serialize`` ("jsonl"/"json") has the workers
    write records as JSON text (``Outcome.line``); ``on_idle`` is called while the
    workers are busy (flush).  Skipped files are counted, not yielded.
    """
    options = batch_options(opts, hash_files=hash_files, serialize=serialize)
    if opts.engine == "dask":
        from ..dask_engine import run as dask_run

        stream = dask_run(paths, scheduler=opts.scheduler, options=options, skip=skip, unordered=opts.unordered)
    else:
        from ..batch import run

        stream = run(paths, jobs=opts.jobs, unordered=opts.unordered, options=options, skip=skip, on_idle=on_idle)
    progress = _progress(opts)
    try:
        for outcome in stream:
            if outcome.skipped:
                summary.skipped += 1
                if progress is not None:
                    progress.update(summary)
                continue
            summary.files += 1
            if outcome.error is not None:
                summary.failed += 1
                stderr_line(f"insiders: {outcome.error['path']}: {outcome.error['message']}")
                if error_log is not None:
                    error_log.write(json.dumps(outcome.error, ensure_ascii=False) + "\n")
                    error_log.flush()
            if outcome.document_type is not None:
                summary.records += 1
                if outcome.document_type == "unknown":
                    summary.unrecognised += 1
                    stderr_line(f"insiders: {outcome.source}: not recognised as a filing, press release or power of attorney")
                if outcome.warned:
                    summary.warned += 1
            yield outcome
            if progress is not None:
                progress.update(summary)
    finally:
        if progress is not None:
            progress.stop()
        close = getattr(stream, "close", None)
        if close is not None:
            close()  # stops the workers now when we were interrupted


def _progress(opts: OutputOptions):
    show = opts.progress if opts.progress is not None else sys.stderr.isatty()
    if not show:
        return None
    from .progress import ProgressBar

    return ProgressBar()


def exit_code(summary: Summary, opts: OutputOptions) -> int:
    if summary.failed or summary.unrecognised:
        return EXIT_SOME_FAILED
    if opts.strict and summary.warned:
        return EXIT_SOME_FAILED
    return EXIT_OK


def open_error_log(path: str | None):
    if not path:
        return None
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write --errors {path!r}: {exc.strerror or exc}") from exc


def collect_records(paths: list[str], opts: OutputOptions) -> tuple[list[dict], Summary]:
    """All records for commands that need the whole set (people, holdings, vesting)."""
    summary = Summary()
    log = open_error_log(opts.errors)
    stream = outcomes(paths, opts, summary, error_log=log)
    try:
        records = list(stream)
    finally:
        stream.close()  # on Ctrl-C: stop the workers now
        if log:
            log.close()
    return records, summary


def emit_flat(rows: list[dict], columns: tuple[str, ...], opts: OutputOptions, *, title: str) -> None:
    """Flat rows (roster, ledger, calendar) to stdout or ``-o``, in the chosen format."""
    from ..emit import atomic_open, write_rows

    fmt = opts.resolved_format()
    if fmt == "sqlite":
        from ..emit.sqlite import write_flat_table

        if not opts.output:
            raise UsageError("--format sqlite needs -o FILE")
        write_flat_table(opts.output, title.lower().replace(" ", "_"), rows, columns)
        return
    if opts.output:
        with atomic_open(opts.output, "w", encoding="utf-8", newline="") as handle:
            write_rows(rows, columns, "jsonl" if fmt == "table" else fmt, handle, safe=opts.csv_safe)
    else:
        write_rows(rows, columns, fmt, sys.stdout, title=title, safe=opts.csv_safe)
