"""SQLite sink: the CSV tables (``insiders.emit.tables``) as SQLite tables, incremental.

Part of the emit stage, beside the JSON/CSV sinks in ``insiders.emit``.  The
database holds one table per CSV table (same columns, plus ``file_id``), a
``files`` table (path, sha256, size, mtime, status) and indexes by person,
issuer and date.  Writes happen in transactions committed every few hundred
files: a file's rows land together or not at all, so an interrupted run leaves
a consistent database, and the next run picks up where it stopped.

Incremental: ``skip(path)`` answers, before the file is read by a worker,
whether it is already recorded unchanged (same size and mtime; or same size and
same sha256 when only the mtime moved).  Files that failed for reasons that may
pass (unreadable, over a limit) are tried again.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from typing import Iterable

from .tables import TABLES

SQLITE_MAGIC = b"SQLite format 3\x00"
COMMIT_FILES = 500  # files per transaction
COMMIT_SECONDS = 2.0  # ... or this long, whichever comes first
RETRY_ERRORS = ("read_error", "limit_exceeded", "internal_error")  # worth trying again on the next run

# (table, index name suffix, columns): lookups by person, issuer and date.
INDEXES = (
    ("filings", "issuer_cik", ("issuer_cik",)),
    ("filings", "issuer_name", ("issuer_name",)),
    ("filings", "ticker", ("issuer_trading_symbol",)),
    ("filings", "period", ("period_of_report",)),
    ("filings", "source", ("source",)),
    ("owners", "name", ("name",)),
    ("owners", "display_name", ("display_name",)),
    ("owners", "cik", ("cik",)),
    ("trades", "insider", ("insider",)),
    ("trades", "ticker", ("ticker",)),
    ("trades", "issuer", ("issuer_name",)),
    ("trades", "date", ("transaction_date",)),
    ("trades", "filing_date", ("filing_date",)),
    ("holdings", "insider", ("insider",)),
    ("holdings", "ticker", ("ticker",)),
    ("non_derivative", "date", ("transaction_date",)),
    ("derivative", "date", ("transaction_date",)),
    ("signatures", "name", ("name",)),
    ("signatures", "date", ("date",)),
    ("people", "name", ("name",)),
    ("vesting", "date", ("tranche_date",)),
    ("offerings", "date", ("date",)),
    ("powers_of_attorney", "grantor", ("grantor",)),
)

FILES_DDL = """
CREATE TABLE IF NOT EXISTS files (
    file_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    records INTEGER NOT NULL,
    status TEXT NOT NULL,          -- ok | failed
    error TEXT,                    -- error kind of the first failure, e.g. decode_error
    message TEXT,
    recorded_at TEXT NOT NULL
)
"""


def quote(name: str) -> str:
    """An SQL identifier, always quoted (``table`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


class SqliteError(Exception):
    """The output file is not a database we can write (a usage problem, not bad input)."""


def connect(path: str) -> sqlite3.Connection:
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                raise SqliteError(f"{path!r} exists and is not an SQLite database; refusing to overwrite it")
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise SqliteError(f"cannot open {path!r} as SQLite: {exc}") from exc
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("PRAGMA cache_size=-32768")  # 32 MiB of pages: index inserts stay in memory
    return db


def _create_tables(db: sqlite3.Connection) -> None:
    db.execute("BEGIN")
    db.execute(FILES_DDL)
    for name, (columns, _rows) in TABLES.items():
        cols = ", ".join(quote(c) + (" PRIMARY KEY" if (name, c) == ("filings", "record_id") else "") for c in columns)
        db.execute(f"CREATE TABLE IF NOT EXISTS {quote(name)} (file_id INTEGER, {cols})")
        db.execute(f"CREATE INDEX IF NOT EXISTS {quote(name + '_file')} ON {quote(name)} (file_id)")
        if name != "filings":
            db.execute(f"CREATE INDEX IF NOT EXISTS {quote(name + '_record')} ON {quote(name)} (record_id)")
    for table, suffix, columns in INDEXES:
        cols = ", ".join(quote(c) for c in columns)
        db.execute(f"CREATE INDEX IF NOT EXISTS {quote(table + '_' + suffix)} ON {quote(table)} ({cols})")
    db.execute("COMMIT")


def _sha256_file(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class SqliteSink:
    """Record outcomes into an SQLite database, file by file, in batched transactions."""

    wants_outcomes = True  # the batch gives it Outcome objects with FileInfo (see insiders.batch)

    def __init__(self, path: str, *, commit_files: int = COMMIT_FILES, commit_seconds: float = COMMIT_SECONDS):
        self.path = path
        self.db = connect(path)
        _create_tables(self.db)
        self.commit_files = commit_files
        self.commit_seconds = commit_seconds
        self._inserts = {
            name: f"INSERT {'OR REPLACE ' if name == 'filings' else ''}INTO {quote(name)} (file_id, {', '.join(quote(c) for c in columns)}) "
            f"VALUES (?, {', '.join('?' * len(columns))})"
            for name, (columns, _rows) in TABLES.items()
        }
        self._pending: list = []  # outcomes of the file being received (an archive gives several)
        self._in_transaction = False
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        self.files_written = 0
        self.skipped = 0

    # ------------------------------------------------------------ incremental

    def skip(self, path: str) -> bool:
        """True when ``path`` is recorded unchanged (asked before it is read)."""
        try:
            info = os.stat(path)
        except OSError:
            return False
        row = self.db.execute(
            "SELECT file_id, sha256, size, mtime, status, error FROM files WHERE path = ?", (_key(path),)
        ).fetchone()
        if row is None:
            return False
        file_id, sha256, size, mtime, status, error = row
        if status != "ok" and error in RETRY_ERRORS:
            return False
        if size != info.st_size:
            return False
        if mtime == info.st_mtime:
            self.skipped += 1
            return True
        if _sha256_file(path) == sha256:  # touched, not changed
            self._begin()
            self.db.execute("UPDATE files SET mtime = ? WHERE file_id = ?", (info.st_mtime, file_id))
            self.skipped += 1
            return True
        return False

    # ------------------------------------------------------------ writing

    def write_outcome(self, outcome) -> None:
        """One outcome; a file's outcomes are stored together when its last one arrives.

        The last outcome of each file read carries its ``FileInfo``; the members
        of an archive before it wait here.  Outcomes that belong to no file (a
        walk error, standard input) are stored on their own, or not at all.
        """
        if outcome.skipped:
            return
        if outcome.file is not None:
            self._pending.append(outcome)
            self._store_file(outcome.file, self._pending)
            self._pending = []
        elif _archive_member(outcome.source) and not outcome.source.startswith("-::"):
            self._pending.append(outcome)
        elif outcome.record is not None:
            self.write(outcome.record)

    def write(self, record: dict) -> None:
        """A record without file information (library use): stored on its own."""
        self._begin()
        self._delete_record(record)
        self._insert_record(None, record)
        self._count_and_maybe_commit()

    def _store_file(self, info, outcomes: list) -> None:
        self._begin()
        row = self.db.execute("SELECT file_id FROM files WHERE path = ?", (info.path,)).fetchone()
        if row is not None:
            file_id = row[0]
            for name in TABLES:
                self.db.execute(f"DELETE FROM {quote(name)} WHERE file_id = ?", (file_id,))
        records = [o.record for o in outcomes if o.record is not None]
        errors = [o.error for o in outcomes if o.error is not None]
        status = "failed" if errors else "ok"
        first = errors[0] if errors else {}
        values = (info.path, info.sha256, info.size, info.mtime, len(records), status,
                  first.get("error"), first.get("message"), time.strftime("%Y-%m-%dT%H:%M:%S"))
        if row is None:
            cursor = self.db.execute(
                "INSERT INTO files (path, sha256, size, mtime, records, status, error, message, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
            file_id = cursor.lastrowid
        else:
            self.db.execute(
                "UPDATE files SET path=?, sha256=?, size=?, mtime=?, records=?, status=?, error=?, message=?, "
                "recorded_at=? WHERE file_id=?", values + (file_id,))
        for outcome in outcomes:
            if outcome.record is not None:
                self._delete_record(outcome.record)  # the same document reached under another name
                self._insert_record(file_id, outcome.record, outcome.rows)
        self.files_written += 1
        self._count_and_maybe_commit()

    def _delete_record(self, record: dict) -> None:
        rid = _record_id(record)
        for name in TABLES:
            self.db.execute(f"DELETE FROM {quote(name)} WHERE record_id = ?", (rid,))

    def _insert_record(self, file_id: int | None, record: dict, rows: dict | None = None) -> None:
        for name, values in (rows or table_rows(record)).items():
            batch = [(file_id, *row) for row in values]
            try:
                self.db.executemany(self._inserts[name], batch)
            except (sqlite3.ProgrammingError, sqlite3.InterfaceError):  # a value SQLite cannot bind (a list, a Decimal): as text
                self.db.executemany(self._inserts[name], [tuple(map(_sql_value, values)) for values in batch])

    # ------------------------------------------------------------ transactions

    def _begin(self) -> None:
        if not self._in_transaction:
            self.db.execute("BEGIN")
            self._in_transaction = True

    def _count_and_maybe_commit(self) -> None:
        self._uncommitted += 1
        if self._uncommitted >= self.commit_files or time.monotonic() - self._last_commit > self.commit_seconds:
            self.commit()

    def commit(self) -> None:
        if self._in_transaction:
            self.db.execute("COMMIT")
            self._in_transaction = False
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        """Finish: whatever is still pending (outcomes without file info) is stored, then committed."""
        if self._pending:
            for outcome in self._pending:
                if outcome.record is not None:
                    self.write(outcome.record)
            self._pending = []
        self.commit()
        self.db.close()

    def abort(self) -> None:
        """Interrupted: keep every complete file (already written), drop the file half-received."""
        self._pending = []
        try:
            self.commit()
        finally:
            self.db.close()


def _key(path: str) -> str:
    """How a path is stored in ``files``: absolute, printable (as ``insiders.batch.file_info`` gives it)."""
    from ..read import display_path

    return display_path(os.path.abspath(path))


def table_rows(record: dict) -> dict[str, list[tuple]]:
    """The record's rows for every non-empty table, as value tuples in column order.

    Built in the worker process when the batch is asked for it
    (``Options.table_rows``), so the process writing the database only inserts.
    """
    out = {}
    for name, (columns, rows) in TABLES.items():
        values = [tuple(map(row.get, columns)) for row in rows(record)]
        if values:
            out[name] = values
    return out


def _archive_member(source: str) -> bool:
    return "::" in source


def _record_id(record: dict) -> str:
    from .tables import record_id

    return record.get("record_id") or record_id(record["source"])


def _sql_value(value):
    if value is None or isinstance(value, (str, int, float)):
        return value  # bool is an int: stored as 0/1
    return str(value)


# ---------------------------------------------------------------- flat tables (people, holdings, vesting)

_IDENTIFIER = re.compile(r"[^0-9A-Za-z_]+")


def write_flat_table(path: str, name: str, rows: Iterable[dict], columns: tuple[str, ...]) -> int:
    """Replace table ``name`` in the database at ``path`` with ``rows``, in one transaction."""
    table = _IDENTIFIER.sub("_", name).strip("_") or "rows"
    db = connect(path)
    count = 0
    try:
        db.execute("BEGIN")
        db.execute(f"DROP TABLE IF EXISTS {quote(table)}")
        db.execute(f"CREATE TABLE {quote(table)} ({', '.join(quote(c) for c in columns)})")
        insert = f"INSERT INTO {quote(table)} VALUES ({', '.join('?' * len(columns))})"
        for row in rows:
            db.execute(insert, tuple(_sql_value(row.get(c)) for c in columns))
            count += 1
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return count
