"""Footnote marks glued to values, as XML-only tools leave them ("923 F1", "$25.10 (2)", "S(1)",
"J(3)" with a V beside it), read into clean values plus per-cell footnote ids, in two layouts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from insiders.model import Record
from insiders.normalize import split_marks
from insiders.parse.text_tables import parse_tables

from conftest import FIXTURES

MARKS = FIXTURES / "marks"


@pytest.mark.parametrize("raw, value, ids", [
    ("923 F1", "923", ["1"]),
    ("$25.10 (2)", "$25.10", ["2"]),
    ("S(1)", "S", ["1"]),
    ("J(3)", "J", ["3"]),
    ("1,204,115(3)(4)", "1,204,115", ["3", "4"]),
    ("See Footnote^(4)", "See Footnote", ["4"]),
    ("C⁽¹⁾", "C", ["1"]),
    ("[F2]", "", ["2"]),
    ("By 401(k) Plan", "By 401(k) Plan", []),
])
def test_split_marks(raw, value, ids):
    assert split_marks(raw) == (value, ids)


@pytest.mark.parametrize("name", ["glued_marks_html2text.txt", "glued_marks_lynx.txt"])
def test_glued_marks_in_a_table(name):
    text = (MARKS / name).read_text()
    record = Record(source=name, text=text)
    parse_tables(text, "4", record)
    first, second = record.non_derivative
    assert (first.transaction_code, first.voluntary, first.shares, first.acquired_disposed) == ("J", True, Decimal(923), "A")
    assert first.price_per_share == Decimal("25.10") and first.nature_of_ownership == "By Trust"
    assert first.footnotes == {"transaction_code": ["3"], "shares": ["1"], "price_per_share": ["2"],
                               "nature_of_ownership": ["4"]}
    assert (second.transaction_code, second.voluntary, second.shares) == ("S", None, Decimal(500))
    assert second.footnotes["transaction_code"] == ["1"]
    assert record.warnings == [] and record.inferred == []
