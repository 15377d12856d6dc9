"""Table I and Table II of a rendered Form 3/4/5, read by their header structure.

Called by ``insiders.parse.html_form``; uses ``html_tree`` (grids with
rowspan/colspan resolved) and ``html_cells`` (cell values with footnote marks
and evidence).  Each column is named by the path of its header cells
("4. Securities Acquired (A) or Disposed Of (D) | Price"), the path is matched
against ``COLUMNS`` below, and every data row becomes a ``model.Row``: a
*transaction* when any transaction column holds something, else a *holding*
(Form 3 tables have no transaction columns; holdings on Forms 4/5 leave them
empty).  Rows come back transactions first, then holdings, in page order.
"""

from __future__ import annotations

import re
from typing import Callable

from .. import normalize as nz
from ..model import Record, Row
from . import html_tree
from .html_cells import Value, value_of
from .html_tree import Document, Element

# Header path -> field.  First match wins, so the specific sub-columns come first.
COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I | re.S), name)
    for p, name in [
        (r"Underlying.*\|\s*Title|Title\s+of\s+Underlying", "underlying_title"),   # Table II 7/3: Title
        (r"Underlying.*\|\s*(?:Amount|Number|Shares)", "underlying_shares"),
        (r"Date\s+Exercisable.*\|\s*Expiration", "expiration_date"),
        (r"Date\s+Exercisable", "date_exercisable"),
        (r"Expiration\s+Date", "expiration_date"),
        (r"Deemed\s+Execution", "deemed_execution_date"),
        (r"Transaction\s+Code.*\|\s*V\b", "voluntary"),
        (r"Transaction\s+Code", "transaction_code"),
        (r"Transaction\s+Date|Date\s+of\s+Transaction", "transaction_date"),
        (r"Conversion\s+or\s+Exercise\s+Price", "exercise_price"),
        (r"Acquired.*Disposed.*\|\s*\(A\)\s*or\s*\(D\)", "acquired_disposed"),
        (r"Acquired.*Disposed.*\|\s*Price", "price_per_share"),
        (r"Acquired.*Disposed.*\|\s*Amount", "shares"),
        (r"Acquired.*Disposed.*\|\s*\(A\)\s*$", "shares_acquired"),
        (r"Acquired.*Disposed.*\|\s*\(D\)\s*$", "shares_disposed"),
        (r"Price\s+of\s+Derivative", "price_per_share"),
        # Flat headers (one row, no parent cell): "4. Amount" | "(A) or (D)" | "Price".
        (r"^(?:\d+\.\s*)?Amount$", "shares"),
        (r"^\(A\)\s*or\s*\(D\)$", "acquired_disposed"),
        (r"^Price$", "price_per_share"),
        (r"^Amount\s+or\s+Number\s+of\s+Shares$", "underlying_shares"),
        (r"Derivative\s+Securities\s+Acquired.*Disposed(?!.*\|)", "shares"),
        (r"Owned\s+Following|Owned\s+at\s+End", "shares_owned_following"),
        (r"Ownership\s+Form", "direct_indirect"),
        (r"Nature\s+of\s+Indirect", "nature_of_ownership"),
        (r"Amount\s+of\s+Securities\s+Beneficially\s+Owned|Number\s+of\s+.*Owned", "shares_owned_following"),
        (r"Title\s+of", "security_title"),
    ]
]
# Share-count columns that hold a dollar value when the security is reported by value
# (notes, debentures): "$2,500,000" in the amount column is the transaction's value.
VALUE_FIELDS = {"shares": "total_value", "shares_owned_following": "value_owned_following",
                "underlying_shares": "underlying_value"}
# Columns whose content makes a row a transaction.
TRANSACTION_FIELDS = ("transaction_date", "transaction_code", "shares", "shares_acquired",
                      "shares_disposed", "acquired_disposed")
# Header cells: the table's own title, and words only headers hold.
_TITLE = re.compile(r"^\s*Table\s+I", re.I)
_HEADER_HINT = re.compile(
    r"Title\s+of|Transaction|Deemed|Date\s+Exercisable|Ownership\s+Form|Nature\s+of|Acquired|Conversion"
    r"|Price\s+of|Underlying|Beneficially\s+Owned|Expiration|^(?:Code|V|Title|Price|\(A\)|\(D\))$|^\(A\)\s*or|^Amount",
    re.I,
)
# (field, cell text) -> parsed value, filled by ``parse_value`` (bounded: cleared when full).
_PARSED: dict[tuple[str, str], object] = {}
# Header path -> field name (None: no field), filled by ``column_field`` (bounded likewise).
_FIELD_OF: dict[str, str | None] = {}
# Words in a date or number cell that mean "no value here" (not worth a warning).
_NO_VALUE = re.compile(r"^(?:immediate(?:ly)?|immed\.?|n/?a|none|-+|—|\*+|see\s+(?:foot)?notes?.*|\(\d+\))$", re.I)


# Fields a holding never carries, whatever its cells hold.
_HOLDING_BLANK = ("price_per_share", "deemed_execution_date", "voluntary", "total_value")


def _voluntary(text: str) -> bool | None:
    return True if text.strip().upper() == "V" else None


PARSERS: dict[str, Callable[[str], object]] = {
    "security_title": nz.clean_text,
    "nature_of_ownership": nz.clean_text,
    "underlying_title": nz.clean_text,
    "transaction_date": nz.parse_date,
    "deemed_execution_date": nz.parse_date,
    "date_exercisable": nz.parse_date,
    "expiration_date": nz.parse_date,
    "transaction_code": nz.parse_code,
    "voluntary": _voluntary,
    "shares": nz.parse_number,
    "price_per_share": nz.parse_number,
    "exercise_price": nz.parse_number,
    "underlying_shares": nz.parse_number,
    "shares_owned_following": nz.parse_number,
    "total_value": nz.parse_number,
    "value_owned_following": nz.parse_number,
    "underlying_value": nz.parse_number,
    "acquired_disposed": nz.parse_acquired_disposed,
    "direct_indirect": nz.parse_direct_indirect,
}


def column_field(label: str) -> str | None:
    """The field a header path names (``COLUMNS``, first match), remembered: headers repeat."""
    name = _FIELD_OF.get(label, "")
    if name == "":
        name = next((name for pattern, name in COLUMNS if pattern.search(label)), None) if label else None
        if len(label) <= 400:
            if len(_FIELD_OF) >= 4096:
                _FIELD_OF.clear()
            _FIELD_OF[label] = name
    return name


def parse_value(target: str, text: str) -> object:
    """``PARSERS[target](text)``, remembered: the same cells ("Common Stock", "D", "(1)") recur.

    Every parser is a pure function returning an immutable value (str, Decimal, date, bool).
    """
    key = (target, text)
    try:
        return _PARSED[key]
    except KeyError:
        pass
    parsed = PARSERS.get(target, nz.clean_text)(text)
    if len(text) <= 200:
        if len(_PARSED) >= 4096:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed


def column_fields(doc: Document, grid: list[list], header_rows: list[int]) -> dict[int, str]:
    """Column index -> field, from the header cells above each column."""
    width = max((len(line) for line in grid), default=0)
    out: dict[int, str] = {}
    texts: dict[int, str] = {}
    for col in range(width):
        parts: list[str] = []
        for r in header_rows:
            slot = grid[r][col] if col < len(grid[r]) else None
            if slot is None:
                continue
            text = texts.get(id(slot[0]))
            if text is None:
                text = texts[id(slot[0])] = " ".join([run.text for run in slot[0].runs if run.text])
            if text and not _TITLE.match(text) and text not in parts:
                parts.append(text)
        name = column_field(" | ".join(parts))
        if name is not None and name not in out.values():
            out[col] = name
    return out


def header_rows(doc: Document, table: Element, grid: list[list]) -> list[int]:
    """Indexes of the leading header rows (thead, all-<th> rows, or rows of header words)."""
    out = []
    for index, row in enumerate(html_tree.rows(table)):
        row_cells = html_tree.cells(row)
        if html_tree.in_thead(row) or (row_cells and all(c.tag == "th" for c in row_cells)):
            out.append(index)
            continue
        texts = [" ".join(r.text for r in doc.cell_runs(c)) for c in row_cells]
        filled = [t for t in texts if t.strip()]
        if filled and all(_TITLE.match(t) or _HEADER_HINT.search(t) for t in filled):
            out.append(index)
            continue
        break
    return out


def read_table(page: str, doc: Document, table: Element, derivative: bool, record: Record) -> list[Row]:
    """Every row of one of the two tables, transactions first."""
    grid = html_tree.grid(table)
    heads = header_rows(doc, table, grid)
    fields = column_fields(doc, grid, heads)
    table_name = "Table II" if derivative else "Table I"
    if "security_title" not in fields.values():
        record.warn(f"{table_name}: no 'Title of Security' column found in its header; table not read.")
        return []
    has_transactions = any(name in fields.values() for name in TRANSACTION_FIELDS)
    transactions: list[Row] = []
    holdings: list[Row] = []
    first_data = (heads[-1] + 1) if heads else 0
    columns = list(fields.items())
    for r in range(first_data, len(grid)):
        values: dict[str, Value] = {}
        line = grid[r]
        for col, name in columns:
            slot = line[col] if col < len(line) else None
            if slot is not None and slot[1] and slot[0].runs:  # a cell's own slot, not a spanned one
                value = value_of(page, slot[0].runs)
                if value.text or value.marks:
                    values[name] = value
        if not values or (len(values) == 1 and "security_title" in values and not values["security_title"].text):
            continue
        row = Row(derivative=derivative)
        is_transaction = has_transactions and any(name in values for name in TRANSACTION_FIELDS)
        row.kind = "transaction" if is_transaction else "holding"
        _fill(row, values, page, record, f"{table_name} row {r - first_data + 1}")
        if row.kind == "transaction" and "voluntary" in fields.values() and row.voluntary is None:
            row.voluntary = False
        (transactions if is_transaction else holdings).append(row)
    return transactions + holdings


def _fill(row: Row, values: dict[str, Value], page: str, record: Record, where: str) -> None:
    for name, value in values.items():
        target = name
        if name in ("shares_acquired", "shares_disposed"):
            target = "shares"
            if value.text:
                side = "A" if name == "shares_acquired" else "D"
                row.put("acquired_disposed", side, value.evidence(page))
        if target in VALUE_FIELDS and value.text.lstrip().startswith("$"):
            target = VALUE_FIELDS[target]  # a dollar value reported instead of a share count
        row.add_footnotes(target, value.marks)
        if not value.text:
            continue
        parsed = parse_value(target, value.text)
        if parsed is None:
            if not _NO_VALUE.match(value.text) and target not in ("voluntary",):
                record.warn(f"{where}: could not read {target.replace('_', ' ')} from '{value.text}'.")
            continue
        if row.kind == "holding" and target in TRANSACTION_FIELDS + _HOLDING_BLANK:
            continue
        row.put(target, parsed, value.evidence(page))
