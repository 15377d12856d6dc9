"""Safe outputs and a well-behaved command line (issues 6 and 7).

Atomic -o, never overwriting an input, CSV formula neutralisation, a quiet exit
on a closed pipe, a clean Ctrl-C with the summary so far, --errors, progress
only where it belongs, and a start-up that imports nothing heavy.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

XML = FIXTURES / "xml" / "form4_footnote_values.xml"
PY = [sys.executable, "-m", "insiders"]


def _folder(tmp_path, count=3, name="in"):
    folder = tmp_path / name
    folder.mkdir()
    data = XML.read_bytes()
    for i in range(count):
        (folder / f"f{i:04d}.xml").write_bytes(data + f"<!-- {i} -->".encode())
    return folder


# ---------------------------------------------------------------- -o

def test_output_is_atomic_old_file_kept_when_interrupted(tmp_path, cli, monkeypatch):
    folder = _folder(tmp_path)
    target = tmp_path / "out.jsonl"
    target.write_text("OLD\n")
    from insiders import emit

    calls = []

    def boom(self, text):
        calls.append(text)
        if len(calls) == 2:
            raise KeyboardInterrupt
        self.stream.write(text + "\n")

    monkeypatch.setattr(emit.JsonlSink, "write_text", boom)
    code, out, err = cli(["extract", str(folder), "-o", str(target), "--jobs", "1"])
    assert code == 130 and "interrupted" in err and "files" in err
    assert target.read_text() == "OLD\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".insiders-")] == []


def test_output_is_atomic_no_file_when_interrupted(tmp_path, cli, monkeypatch):
    folder = _folder(tmp_path)
    target = tmp_path / "new.json"
    from insiders import emit

    monkeypatch.setattr(emit.JsonSink, "write_text", lambda self, r: (_ for _ in ()).throw(KeyboardInterrupt))
    code, _, _ = cli(["extract", str(folder), "-o", str(target), "--jobs", "1"])
    assert code == 130 and not target.exists()
    assert os.listdir(tmp_path) == ["in"]


def test_output_complete_file(tmp_path, cli):
    folder = _folder(tmp_path)
    target = tmp_path / "out.json"
    code, out, err = cli(["extract", str(folder), "-o", str(target), "--jobs", "1"])
    assert code == 0, err
    assert len(json.loads(target.read_text())) == 3 and out == ""


def test_refuses_to_overwrite_an_input(tmp_path, cli):
    src = tmp_path / "form.xml"
    src.write_bytes(XML.read_bytes())
    code, out, err = cli(["extract", str(src), "-o", str(src), "--format", "jsonl"])
    assert code == 2 and "refusing to overwrite" in err
    assert src.read_bytes() == XML.read_bytes()
    link = tmp_path / "alias.xml"
    os.symlink(src, link)
    code, _, err = cli(["extract", str(link), "-o", str(src), "--format", "json"])
    assert code == 2 and src.read_bytes() == XML.read_bytes()


def test_sqlite_refuses_a_non_database(tmp_path, cli):
    folder = _folder(tmp_path, 1)
    notes = tmp_path / "notes.db"
    notes.write_text("precious")
    code, out, err = cli(["extract", str(folder), "-o", str(notes)])
    assert code == 2 and "not an SQLite database" in err and notes.read_text() == "precious"


# ---------------------------------------------------------------- CSV safety

def _formula_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = XML.read_text()
    assert "</ownershipDocument>" in data
    evil = data.replace("</ownershipDocument>", "<remarks>=HYPERLINK(\"http://x\",\"click\")</remarks></ownershipDocument>") \
        if "<remarks>" not in data else data.replace("<remarks>", "<remarks>=HYPERLINK(\"http://x\",\"click\") ", 1)
    (folder / "evil.xml").write_text(evil)
    return folder


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path, cli):
    from insiders.emit import csv_cell

    assert csv_cell("=1+2") == "'=1+2" and csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("+cmd") == "'+cmd" and csv_cell("\tx") == "'\tx" and csv_cell("\rx") == "'\rx"
    assert csv_cell("-5") == "-5" and csv_cell("-1,000.5") == "-1,000.5" and csv_cell(-5) == "-5"
    assert csv_cell("=1+2", safe=False) == "=1+2"
    folder = _formula_folder(tmp_path)
    code, out, err = cli(["extract", str(folder), "--format", "csv", "--table", "filings"])
    rows = list(csv.DictReader(out.splitlines()))
    if rows[0]["remarks"]:
        assert rows[0]["remarks"].startswith("'=HYPERLINK")
        code, out, err = cli(["extract", str(folder), "--format", "csv", "--table", "filings", "--no-csv-safe"])
        assert list(csv.DictReader(out.splitlines()))[0]["remarks"].startswith("=HYPERLINK")


# ---------------------------------------------------------------- pipes and signals

def test_quiet_exit_on_a_closed_pipe(tmp_path):
    folder = _folder(tmp_path, 200)
    result = subprocess.run(
        f"{sys.executable} -m insiders extract {folder} --format jsonl --jobs 2 | head -1",
        shell=True, capture_output=True, cwd=ROOT, timeout=120,
    )
    assert result.stdout.count(b"\n") == 1
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr, result.stderr[-2000:]


def test_ctrl_c_stops_cleanly_with_the_summary_so_far(tmp_path):
    folder = _folder(tmp_path, 3000)
    proc = subprocess.Popen(PY + ["extract", str(folder), "--format", "jsonl", "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    first = proc.stdout.readline()  # workers started and busy
    assert first.startswith(b"{")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    text = err.decode()
    if proc.returncode == 0:
        pytest.skip("the batch finished before the signal")
    assert proc.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    last = text.strip().splitlines()[-1]
    assert last.startswith("insiders: interrupted; ") and " files, " in last
    done = int(last.split("interrupted; ")[1].split(" files")[0].replace(",", ""))
    assert 1 <= done < 3000
    assert len((first + out).splitlines()) >= done - 1  # every record counted was written (or being written)


def test_ctrl_c_leaves_the_old_output_file(tmp_path):
    folder = _folder(tmp_path, 3000)
    target = tmp_path / "out.jsonl"
    target.write_text("OLD\n")
    log = tmp_path / "errors.jsonl"
    proc = subprocess.Popen(PY + ["extract", str(folder), "-o", str(target), "--jobs", "2", "--progress",
                                  "--errors", str(log)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env=dict(os.environ, INSIDERS_PROGRESS_EVERY="0"))
    proc.stderr.readline()  # the first progress line: files are being read
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the signal")
    assert proc.returncode == 130 and b"Traceback" not in err
    assert target.read_text() == "OLD\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".insiders-")]


# ---------------------------------------------------------------- reporting

def test_errors_file_and_one_line_messages(tmp_path, cli):
    folder = _folder(tmp_path, 2)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (folder / "two\nlines.txt").write_bytes(b"")
    log = tmp_path / "errors.jsonl"
    code, out, err = cli(["extract", str(folder), "--format", "jsonl", "--errors", str(log), "--jobs", "1"])
    assert code == 1
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(Path(e["path"]).name, e["error"]) for e in entries] == [
        ("scan.pdf", "decode_error"), ("two\nlines.txt", "unrecognised")]
    lines = err.splitlines()
    assert any(line == f"insiders: {folder}/scan.pdf: binary content: a PDF file (convert it to text first, e.g. with pdftotext)" for line in lines)
    assert any(line.startswith(f"insiders: {folder}/two\\nlines.txt: empty") for line in lines)
    assert lines[-1].startswith("insiders: 4 files, 2 records, 2 failed")


def test_progress_only_when_asked_in_a_pipe(tmp_path):
    folder = _folder(tmp_path, 40)
    quiet = subprocess.run(PY + ["extract", str(folder), "--format", "jsonl"], capture_output=True, cwd=ROOT)
    assert quiet.stderr.decode().count("\n") == 1  # the summary only
    env = dict(os.environ, INSIDERS_PROGRESS_EVERY="0")
    loud = subprocess.run(PY + ["extract", str(folder), "--format", "jsonl", "--progress", "--jobs", "1"],
                          capture_output=True, cwd=ROOT, env=env)
    assert loud.stderr.decode().count("files/s") >= 1
    assert loud.stderr.decode().count("\n") > 2


def test_progress_bar_on_a_terminal():
    import io

    from insiders.commands import Summary
    from insiders.commands.progress import ProgressBar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = ProgressBar(stream)
    summary = Summary(files=12, failed=1)
    bar.update(summary)
    bar.stop()
    assert bar.live is None


# ---------------------------------------------------------------- start-up

def _imports(args):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "insiders", *args],
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr[-1000:]
    return {line.split("|")[-1].strip() for line in result.stderr.decode().splitlines() if "|" in line}


@pytest.mark.parametrize("args,forbidden", [
    (["--version"], ("typer", "rich", "dateutil", "regex", "insiders.cli", "insiders.model", "insiders.parse")),
    (["--help"], ("rich", "dateutil", "regex", "insiders.model", "insiders.parse", "insiders.batch", "sqlite3")),
    # typer >= 0.29 builds a pydantic adapter per option on every run (~150 ms): pyproject keeps it out
    (["extract", "samples/form4a_velorum_thackeray_amendment_ownership.xml", "-f", "jsonl"], ("pydantic",)),
])
def test_start_up_imports_nothing_heavy(args, forbidden):
    modules = _imports(args)
    heavy = sorted(m for m in modules if m.split(".")[0] in forbidden or any(m.startswith(f + ".") or m == f for f in forbidden))
    assert heavy == []


def test_output_inside_the_input_folder_is_not_read_back(tmp_path, cli):
    folder = _folder(tmp_path, 2)
    target = folder / "results.sqlite"
    for _ in range(2):
        code, out, err = cli(["extract", str(folder), "-o", str(target), "--jobs", "1"])
        assert code == 0, err
    target.unlink()
    jsonl = folder / "out.jsonl"
    jsonl.write_text("OLD\n")
    code, out, err = cli(["extract", str(folder), "-o", str(jsonl), "--jobs", "1"])
    assert code == 0, err
    assert len(jsonl.read_text().splitlines()) == 2
