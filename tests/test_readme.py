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
