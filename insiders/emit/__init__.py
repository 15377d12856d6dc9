"""Emit stage: records (and flat rows) to JSON, JSONL, CSV, SQLite or terminal tables.

The last stage.  A *sink* receives record dicts one at a time (``write``) and
finishes with ``close``; JSONL and JSON stream, CSV streams into one file per
table, SQLite (``insiders.emit.sqlite``) writes in transactions, and the terminal
table (``insiders.emit.table``, the only module here that imports rich) collects
what it shows.  Files given with ``-o`` are written atomically: a temporary file
in the same folder, renamed into place only when complete.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import time
from contextlib import contextmanager
from typing import IO, Iterable, Iterator

from .tables import TABLES

FORMATS = ("table", "json", "jsonl", "csv", "sqlite")


# ---------------------------------------------------------------- atomic files

@contextmanager
def atomic_open(path: str, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open ``path`` for writing so that readers see the old file or the whole new one.

    An exception (or Ctrl-C) inside the block removes the temporary file and
    leaves any previous file untouched.
    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".insiders-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------- CSV safety

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
        return True
    except ValueError:
        return False


def csv_cell(value, safe: bool = True) -> str:
    """One CSV cell.  With ``safe``, text a spreadsheet would run as a formula is quoted with '."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if safe and text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


# ---------------------------------------------------------------- sinks

class Sink:
    """Receives record dicts one at a time."""

    def write(self, record: dict) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        pass

    def abort(self) -> None:
        """Stop without finishing (Ctrl-C): leave no half-written file behind."""
        self.close()


# One encoder each, made once: ``json.dumps`` with options builds a new encoder per call.
# Records are trees of fresh dicts and lists, never circular: no reference check.
_ENCODERS = {
    "jsonl": json.JSONEncoder(ensure_ascii=False, check_circular=False),
    "json": json.JSONEncoder(ensure_ascii=False, check_circular=False, indent=1),
}


def record_json(record: dict, fmt: str) -> str:
    """A record as the JSON text the ``fmt`` sink writes: one line for jsonl, indented for json.
    (Batch workers call it too, so the parent process only copies text out.)"""
    return _ENCODERS["json" if fmt == "json" else "jsonl"].encode(record)


class _Streaming(Sink):
    """Writes text as records arrive, flushed at most every ``FLUSH_EVERY`` seconds: a
    reader at the other end of a pipe sees records as they come, without a system call
    per record (at thousands of records a second that is a real share of the time)."""

    FLUSH_EVERY = 0.05
    fmt = "jsonl"

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self._flushed = 0.0

    def write(self, record: dict) -> None:
        self.write_text(record_json(record, self.fmt))

    def write_text(self, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def _maybe_flush(self) -> None:
        now = time.monotonic()
        if now - self._flushed >= self.FLUSH_EVERY:
            self.stream.flush()
            self._flushed = now

    def flush(self) -> None:
        self.stream.flush()
        self._flushed = time.monotonic()

    def close(self) -> None:
        self.stream.flush()


class JsonlSink(_Streaming):
    def write_text(self, text: str) -> None:
        """One record already as JSON text (``record_json(record, "jsonl")``)."""
        self.stream.write(text + "\n")
        self._maybe_flush()


class JsonSink(_Streaming):
    """A JSON array written as records arrive (valid JSON once closed)."""

    fmt = "json"

    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self.count = 0
        self.stream.write("[")

    def write_text(self, text: str) -> None:
        """One record already as JSON text (``record_json(record, "json")``)."""
        self.stream.write(("\n" if self.count == 0 else ",\n") + text)
        self.count += 1
        self._maybe_flush()

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class CsvSink(Sink):
    """One table to a stream, or every table as ``NAME.csv`` in a folder (each written atomically)."""

    def __init__(self, *, stream: IO[str] | None = None, folder: str | None = None,
                 table: str | None = None, safe: bool = True):
        self.safe = safe
        self.folder = folder
        self.names = [table] if table else list(TABLES)
        self._files: dict[str, tuple[IO[str], str]] = {}
        self._writers: dict[str, csv.writer] = {}
        if folder is not None:
            os.makedirs(folder, exist_ok=True)
            for name in self.names:
                fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
                handle = os.fdopen(fd, "w", newline="", encoding="utf-8")
                self._files[name] = (handle, tmp)
                self._start(name, handle)
        else:
            assert stream is not None
            self._start(self.names[0], stream)

    def _start(self, name: str, handle: IO[str]) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TABLES[name][0])
        self._writers[name] = writer

    def write(self, record: dict) -> None:
        for name in self.names:
            columns, rows = TABLES[name]
            writer = self._writers[name]
            for row in rows(record):
                writer.writerow([csv_cell(row.get(col), self.safe) for col in columns])

    def close(self) -> None:
        for name, (handle, tmp) in self._files.items():
            handle.close()
            os.replace(tmp, os.path.join(self.folder, f"{name}.csv"))
        self._files.clear()

    def abort(self) -> None:
        for handle, tmp in self._files.values():
            handle.close()
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self._files.clear()


# ---------------------------------------------------------------- flat rows (roster, calendar, ledger)

def write_rows(rows: Iterable[dict], columns: tuple[str, ...], fmt: str, stream: IO[str],
               *, title: str | None = None, safe: bool = True) -> int:
    """Flat rows in ``fmt`` (json, jsonl, csv, or table) to ``stream``; returns the row count."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    elif fmt == "json":
        items = list(rows)
        stream.write(json.dumps(items, ensure_ascii=False, indent=1, default=str) + "\n")
        count = len(items)
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(col), safe) for col in columns])
            count += 1
    elif fmt == "table":
        from .table import print_rows

        items = list(rows)
        print_rows(items, columns, title=title)
        count = len(items)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    stream.flush()
    return count


def to_text(rows: Iterable[dict], columns: tuple[str, ...], fmt: str) -> str:
    """``write_rows`` into a string (tests, and callers that want the text)."""
    buffer = io.StringIO()
    write_rows(rows, columns, fmt, buffer)
    return buffer.getvalue()
