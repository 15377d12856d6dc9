"""The CLI as a user drives it: help, formats, stdin, exit codes, and errors in one line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SAMPLES

COMMANDS = ["extract", "show", "vesting", "people", "holdings"]
FORM3 = SAMPLES / "form3_tecogen_panora_markdown.txt"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli, command):
    code, out, _ = cli([command, "--help"])
    assert code == 0
    assert "Usage" in out


def test_version(cli):
    code, out, _ = cli(["--version"])
    assert code == 0 and out.startswith("insiders ")


def test_python_dash_m_is_the_same_cli():
    result = subprocess.run([sys.executable, "-m", "insiders", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("insiders ")


def test_unknown_format_is_a_usage_error(cli):
    code, _, err = cli(["extract", str(FORM3), "--format", "xlsx"])
    assert code == 2
    assert "unknown --format 'xlsx'" in err


def test_missing_file_exits_1_and_names_it(cli, tmp_path):
    missing = tmp_path / "nope.txt"
    code, out, err = cli(["extract", str(FORM3), str(missing), "--format", "jsonl"])
    assert code == 1
    assert f"{missing}: No such file or directory" in err
    assert len(out.strip().splitlines()) == 1  # the good file still came out


def test_stdin_gives_the_same_record_as_the_file(cli):
    text = FORM3.read_text()
    _, from_file, _ = cli(["extract", str(FORM3), "--format", "json"])
    _, from_stdin, _ = cli(["extract", "-", "--format", "json"], input=text)
    a, b = json.loads(from_file)[0], json.loads(from_stdin)[0]
    assert b["source"] == "-"
    a.pop("source"), b.pop("source")
    assert a == b


def test_jsonl_is_one_record_per_line(cli):
    code, out, _ = cli(["extract", str(SAMPLES), "--format", "jsonl"])
    lines = out.strip().splitlines()
    assert len(lines) == len([p for p in SAMPLES.iterdir() if p.is_file()])
    assert all(json.loads(line)["source"] for line in lines)


def test_csv_table_to_stdout(cli):
    code, out, _ = cli(["extract", str(SAMPLES), "--format", "csv", "--table", "trades"])
    header = out.splitlines()[0]
    assert header.startswith("record_id,source,filing_date,transaction_date")


def test_csv_without_table_needs_a_folder(cli):
    code, _, err = cli(["extract", str(FORM3), "--format", "csv"])
    assert code == 2 and "--table" in err


def test_csv_folder_has_every_table(cli, tmp_path):
    out = tmp_path / "out"
    cli(["extract", str(SAMPLES), "--format", "csv", "-o", str(out)])
    names = sorted(p.stem for p in out.glob("*.csv"))
    for name in ("filings", "owners", "non_derivative", "derivative", "footnotes", "signatures", "trades"):
        assert name in names
    assert not list(out.glob(".*tmp"))  # no temporary files left


def test_piped_default_is_jsonl():
    result = subprocess.run([sys.executable, "-m", "insiders", "extract", str(FORM3)], capture_output=True, text=True)
    json.loads(result.stdout.splitlines()[0])
