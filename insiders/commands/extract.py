"""`insiders extract`: every document under the paths, to the chosen sink.

Streams: each record goes to the sink as soon as it is read (JSON text is made
in the workers; the sink flushes whenever the workers are still busy), so memory
stays flat over any number of files.  Ctrl-C
stops cleanly: files being written with ``-o`` are left as they were (or not
created), and the summary so far is printed.
"""

from __future__ import annotations

import os
import sys

from . import OutputOptions, Summary, UsageError, check_output_not_input, exit_code, open_error_log, outcome_stream, stderr_line
from ..emit.tables import TABLES


def _make_sink(opts: OutputOptions, fmt: str):
    """The sink for ``fmt`` and a closer for any file it opened."""
    from ..emit import CsvSink, JsonlSink, JsonSink, atomic_open

    if opts.table and opts.table not in TABLES:
        raise UsageError(f"unknown --table {opts.table!r}; choose one of {', '.join(TABLES)}")
    if fmt == "sqlite":
        if not opts.output:
            raise UsageError("--format sqlite needs -o FILE")
        from ..emit.sqlite import SqliteError, SqliteSink

        try:
            return SqliteSink(opts.output), None
        except SqliteError as exc:
            raise UsageError(str(exc)) from exc
    if fmt == "table":
        if opts.output:
            raise UsageError("--format table prints to the terminal; use csv, json, jsonl or sqlite with -o")
        if opts.table:
            return _FlatTableSink(opts.table), None
        from ..emit.table import TableSink

        return TableSink(), None
    if fmt == "csv":
        if opts.output and not opts.table:
            if os.path.isfile(opts.output):
                raise UsageError(f"-o {opts.output!r} is a file; csv writes one file per table into a folder")
            return CsvSink(folder=opts.output, safe=opts.csv_safe), None
        if not opts.output and not opts.table:
            raise UsageError("csv to stdout needs --table NAME (one table); or give -o FOLDER for every table")
    if opts.output:
        context = atomic_open(opts.output, "w", encoding="utf-8", newline="")
        handle = context.__enter__()
    else:
        context, handle = None, sys.stdout
    if fmt == "csv":
        sink = CsvSink(stream=handle, table=opts.table, safe=opts.csv_safe)
    elif fmt == "json":
        sink = JsonSink(handle)
    else:
        sink = JsonlSink(handle)
    return sink, context


class _FlatTableSink:
    """``--format table --table NAME``: one flat table in the terminal."""

    def __init__(self, name: str):
        self.name = name
        self.rows: list[dict] = []

    def write(self, record: dict) -> None:
        self.rows.extend(TABLES[self.name][1](record))

    def close(self) -> None:
        from ..emit.table import print_rows

        print_rows(self.rows, TABLES[self.name][0], title=self.name)

    def abort(self) -> None:
        pass


def _skip_own_output(output: str | None, skip=None):
    """A skip predicate that also passes over our own output (and its temporary or journal
    files) when it lies inside a folder being read; ``skip`` (the sink's) is asked next."""
    if not output:
        return skip
    target = os.path.abspath(output)
    folder = os.path.dirname(target)

    def own_or_skip(path: str) -> bool:
        full = os.path.abspath(path)
        if full.startswith(target) or (os.path.dirname(full) == folder and os.path.basename(full).startswith(".insiders-")):
            return True
        return skip(path) if skip is not None else False

    return own_or_skip


def run(paths: list[str], opts: OutputOptions) -> int:
    fmt = opts.resolved_format()
    check_output_not_input(paths, opts.output)
    log = open_error_log(opts.errors)
    sink, context = _make_sink(opts, fmt)
    summary = Summary()
    finished = False
    incremental = getattr(sink, "wants_outcomes", False)
    skip = _skip_own_output(opts.output, sink.skip if incremental else None)
    as_text = getattr(sink, "fmt", None) if hasattr(sink, "write_text") else None
    stream = outcome_stream(paths, opts, summary, error_log=log, skip=skip, hash_files=incremental,
                            serialize=as_text, on_idle=getattr(sink, "flush", None))
    try:
        for outcome in stream:
            if incremental:
                sink.write_outcome(outcome)
            elif outcome.line is not None:
                sink.write_text(outcome.line)
            elif outcome.record is not None:
                sink.write(outcome.record)
        sink.close()
        finished = True
    except KeyboardInterrupt:
        sink.abort()
        stderr_line("insiders: interrupted; " + summary.line().removeprefix("insiders: "))
        return 130
    finally:
        stream.close()  # stops the workers now on Ctrl-C or a closed pipe, before anything else
        if context is not None:
            if finished:
                context.__exit__(None, None, None)
            else:  # drop the temporary file; any previous output stays as it was
                stop = KeyboardInterrupt()
                context.__exit__(KeyboardInterrupt, stop, None)
        if log:
            log.close()
    if summary.files > 1 or summary.failed or summary.skipped or sys.stderr.isatty():
        stderr_line(summary.line())
    return exit_code(summary, opts)
