"""SQLite sink: tables with keys and indexes, transactions, incremental re-runs."""

from __future__ import annotations

import os
import sqlite3
import zipfile

import pytest
from conftest import FIXTURES

from insiders.batch import FileInfo, Options, Outcome, run
from insiders.emit.sqlite import SqliteError, SqliteSink, write_flat_table
from insiders.emit.tables import TABLES

XML = sorted((FIXTURES / "xml").glob("*.xml"))


def _folder(tmp_path, count=4):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(count):
        (folder / f"f{i}.xml").write_bytes(XML[i % len(XML)].read_bytes())
    return folder


def _extract(folder, db_path, **kw):
    sink = SqliteSink(str(db_path))
    outcomes = list(run([str(folder)], jobs=1, options=Options(hash_files=True), skip=sink.skip, **kw))
    for outcome in outcomes:
        sink.write_outcome(outcome)
    sink.close()
    return outcomes


def _count(db_path, sql):
    with sqlite3.connect(db_path) as db:
        return db.execute(sql).fetchone()[0]


def test_tables_keys_and_indexes(tmp_path):
    db_path = tmp_path / "out.sqlite"
    _extract(_folder(tmp_path), db_path)
    db = sqlite3.connect(db_path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(TABLES) | {"files"} <= tables
    for name, (columns, _) in TABLES.items():
        cols = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")')]
        assert cols == ["file_id", *columns]
    pk = [r[1] for r in db.execute('PRAGMA table_info("filings")') if r[5]]
    assert pk == ["record_id"]
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"owners_name", "filings_issuer_cik", "trades_date", "trades_insider", "trades_ticker"} <= indexes
    assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 4
    assert db.execute("SELECT count(*) FROM filings").fetchone()[0] == 4
    # every row belongs to a recorded file
    for name in TABLES:
        orphans = db.execute(f'SELECT count(*) FROM "{name}" WHERE file_id NOT IN (SELECT file_id FROM files)').fetchone()[0]
        assert orphans == 0


def test_rows_match_the_csv_tables(tmp_path):
    from insiders.batch import process_path

    db_path = tmp_path / "out.sqlite"
    folder = _folder(tmp_path, 1)
    _extract(folder, db_path)
    record = process_path(str(folder / "f0.xml"), Options())[0].record
    columns, rows = TABLES["non_derivative"]
    expected = [tuple(r.get(c) for c in columns) for r in rows(record)]
    db = sqlite3.connect(db_path)
    got = db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM non_derivative').fetchall()
    assert [tuple(map(str, r)) for r in got] == [tuple(map(str, r)) for r in expected]


def test_rerun_skips_unchanged_files_before_reading_them(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    db_path = tmp_path / "out.sqlite"
    _extract(folder, db_path)
    import insiders.batch as batch

    monkeypatch.setattr(batch, "read_documents", lambda *a: pytest.fail("an unchanged file was read"))
    again = _extract(folder, db_path)
    assert len(again) == 4 and all(o.skipped for o in again)
    assert _count(db_path, "SELECT count(*) FROM filings") == 4


def test_touched_file_is_skipped_by_hash_changed_file_replaced_new_file_added(tmp_path):
    folder = _folder(tmp_path)
    db_path = tmp_path / "out.sqlite"
    _extract(folder, db_path)
    before_rows = _count(db_path, "SELECT count(*) FROM non_derivative")
    os.utime(folder / "f0.xml", (1, 1))  # touched, same bytes
    (folder / "f1.xml").write_bytes(XML[0].read_bytes())  # different content now
    (folder / "f9.xml").write_bytes(XML[1].read_bytes())  # new
    again = _extract(folder, db_path)
    done = sorted(os.path.basename(o.source) for o in again if not o.skipped)
    assert done == ["f1.xml", "f9.xml"]
    assert _count(db_path, "SELECT count(*) FROM files") == 5
    assert _count(db_path, "SELECT count(*) FROM filings") == 5
    # f1's old rows are gone: it has exactly the rows of its new content
    f1_rows = _count(db_path, "SELECT count(*) FROM non_derivative n JOIN files f USING (file_id) WHERE f.path LIKE '%f1.xml'")
    f0_rows = _count(db_path, "SELECT count(*) FROM non_derivative n JOIN files f USING (file_id) WHERE f.path LIKE '%f0.xml'")
    assert f1_rows == f0_rows
    assert before_rows >= 0


def test_a_files_rows_land_together_or_not_at_all(tmp_path):
    """An interrupted archive (members received, its last one not) leaves nothing of it."""
    db_path = tmp_path / "out.sqlite"
    folder = _folder(tmp_path, 1)
    with zipfile.ZipFile(folder / "pack.zip", "w") as archive:
        archive.writestr("a.xml", XML[0].read_bytes())
        archive.writestr("b.xml", XML[1].read_bytes())
    outcomes = list(run([str(folder)], jobs=1, options=Options(hash_files=True)))
    sink = SqliteSink(str(db_path), commit_files=1)
    for outcome in outcomes[:-1]:  # everything but the archive's last member
        sink.write_outcome(outcome)
    sink.abort()  # Ctrl-C here
    db = sqlite3.connect(db_path)
    sources = [r[0] for r in db.execute("SELECT source FROM filings")]
    assert sources == [str(folder / "f0.xml")]
    assert [r[0] for r in db.execute("SELECT path FROM files")] == [os.path.abspath(folder / "f0.xml")]


def test_uncommitted_work_is_rolled_back_by_a_crash(tmp_path):
    db_path = tmp_path / "out.sqlite"
    sink = SqliteSink(str(db_path), commit_files=1000, commit_seconds=1000)
    record = {"source": "x.xml", "document_type": "form"}
    sink.write_outcome(Outcome("x.xml", record=record, file=FileInfo(str(tmp_path / "x.xml"), "0" * 64, 1, 1.0)))
    # no commit yet: another connection sees nothing (a killed process leaves exactly this)
    assert _count(db_path, "SELECT count(*) FROM files") == 0
    sink.close()
    assert _count(db_path, "SELECT count(*) FROM files") == 1


def test_failed_files_are_recorded_and_retried_when_it_may_pass(tmp_path):
    folder = _folder(tmp_path, 1)
    (folder / "bin.txt").write_bytes(b"%PDF-1.4 binary")
    db_path = tmp_path / "out.sqlite"
    _extract(folder, db_path)
    db = sqlite3.connect(db_path)
    status = dict(db.execute("SELECT path, status || ':' || coalesce(error, '') FROM files"))
    assert status[os.path.abspath(folder / "bin.txt")] == "failed:decode_error"
    again = _extract(folder, db_path)
    assert all(o.skipped for o in again)  # a PDF stays a PDF


def test_refuses_a_file_that_is_not_a_database(tmp_path):
    target = tmp_path / "notes.sqlite"
    target.write_text("my notes")
    with pytest.raises(SqliteError):
        SqliteSink(str(target))
    assert target.read_text() == "my notes"


def test_write_flat_table_replaces_the_table(tmp_path):
    db_path = str(tmp_path / "flat.sqlite")
    rows = [{"name": "A", "shares": 10}, {"name": "B", "shares": 2.5}]
    assert write_flat_table(db_path, "The Roster", rows, ("name", "shares")) == 2
    assert write_flat_table(db_path, "The Roster", rows[:1], ("name", "shares")) == 1
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT name, shares FROM The_Roster").fetchall() == [("A", 10)]


def test_cli_sqlite_output_and_rerun(tmp_path, cli):
    folder = _folder(tmp_path)
    db_path = tmp_path / "results.sqlite"
    code, out, err = cli(["extract", str(folder), "-o", str(db_path), "--jobs", "1"])
    assert code == 0, err
    assert _count(db_path, "SELECT count(*) FROM filings") == 4
    code, out, err = cli(["extract", str(folder), "--format", "sqlite", "-o", str(db_path), "--jobs", "1"])
    assert code == 0 and "4 unchanged (skipped)" in err
    code, out, err = cli(["extract", str(folder), "--format", "sqlite"])
    assert code == 2 and "-o" in err
