"""`insiders extract`: every document under the paths, to the chosen sink.

Streams: each record goes to the sink as soon as it is read (JSONL lines are
flushed one by one), so memory stays flat over any number of files.  Ctrl-C
stops cleanly: files being written with ``-o`` are left as they were (or not
created), and the summary so far is printed.
"""

from __future__ import annotations

import os
import sys

from . import OutputOptions, Summary, UsageError, check_output_not_input, exit_code, open_error_log, outcomes, stderr_line
from ..emit.tables import TABLES


def _make_sink(opts: OutputOptions, fmt: str):
    """The sink for ``fmt`` and a closer for any file it opened."""
    from ..emit import CsvSink, JsonlSink, JsonSink, atomic_open

    if opts.table and opts.table not in TABLES:
        raise UsageError(f"unknown --table {opts.table!r}; choose one of {', '.join(TABLES)}")
    if fmt == "sqlite":
        if not opts.output:
            raise UsageError("--format sqlite needs -o FILE")
        from ..emit.sqlite import SqliteSink

        return SqliteSink(opts.output), None
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


def run(paths: list[str], opts: OutputOptions) -> int:
    fmt = opts.resolved_format()
    check_output_not_input(paths, opts.output)
    sink, context = _make_sink(opts, fmt)
    summary = Summary()
    log = open_error_log(opts.errors)
    finished = False
    try:
        for record in outcomes(paths, opts, summary, error_log=log):
            sink.write(record)
        sink.close()
        finished = True
    except KeyboardInterrupt:
        sink.abort()
        stderr_line("insiders: interrupted; " + summary.line().removeprefix("insiders: "))
        return 130
    finally:
        if context is not None:
            if finished:
                context.__exit__(None, None, None)
            else:  # drop the temporary file; any previous output stays as it was
                stop = KeyboardInterrupt()
                context.__exit__(KeyboardInterrupt, stop, None)
        if log:
            log.close()
    if summary.files > 1 or summary.failed or sys.stderr.isatty():
        stderr_line(summary.line())
    return exit_code(summary, opts)
