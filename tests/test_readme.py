"""The README runs: its library session is a doctest, its quick start is what CI runs."""

from __future__ import annotations

import doctest
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_library_session_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(>>>.*?)```", README, re.S)
    assert blocks, "README has no >>> session"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for index, block in enumerate(blocks):
        test = parser.get_doctest(block, {"Decimal": __import__("decimal").Decimal,
                                          "datetime": __import__("datetime")}, f"README[{index}]", "README.md", 0)
        runner.run(test)
    assert runner.failures == 0


def test_quick_start_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text()
    for command in ("pip install . && insiders extract samples/", "pip install '.[test]' && python -m pytest"):
        assert command in README, command
        assert command in ci, command


def _console_blocks():
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        yield block


def test_terminal_session_is_real_output():
    """The README's table session is what `insiders extract samples/` prints at 100 columns."""
    import os
    import subprocess
    import sys

    block = next(b for b in _console_blocks() if b.startswith("$ insiders extract samples/\n"))
    shown = [line.rstrip() for line in block.splitlines()[1:] if line.strip() and line.strip() != "..."]
    shown = [line for line in shown if not line.startswith("insiders: ")]  # the summary's timing varies
    env = {**os.environ, "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-m", "insiders", "extract", "samples/", "--format", "table"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    printed = {line.rstrip() for line in result.stdout.splitlines()}
    missing = [line for line in shown if line not in printed]
    assert not missing, missing[:5]


def test_vesting_csv_lines_are_real_output():
    import subprocess
    import sys

    block = next(b for b in _console_blocks() if "insiders vesting samples/ --format csv" in b)
    lines = block.split("| head -3\n", 1)[1].splitlines()[:3]
    result = subprocess.run([sys.executable, "-m", "insiders", "vesting", "samples/", "--format", "csv"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines()[:3] == lines
