"""Terminal tables (rich): what a person sees when stdout is a terminal.

Part of the emit stage and, with the CLI, the only place that imports rich.
Records become four compact views built from ``insiders.emit.tables``: the
documents read, the transactions (the flat "trades" view), the holdings, and
press-release offerings; warnings follow.  Very large batches are cut to a
readable size with a note saying how to get everything.
"""

from __future__ import annotations

import os
from typing import Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import Sink
from .tables import _relationship_words, holdings, offerings, trades

MAX_ROWS = 300  # per view; beyond it the terminal is the wrong place to read
TEXT_WIDTH = 28  # text cells beyond this are cut with an ellipsis: one row, one line


def _console(stream=None) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=False)


def fmt_number(value, money: bool = False) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (int, float)):
        if money:
            if value == int(value):
                return f"${int(value):,}"
            text = f"{value:,.6f}".rstrip("0")
            return "$" + (text + "0" if len(text.split(".")[1]) < 2 else text)
        return f"{value:,}" if value == int(value) else f"{value:,.4f}".rstrip("0")
    return str(value)


def _short(source: str) -> str:
    return os.path.basename(source.split("::")[-1]) if "::" not in source else source.split("::", 1)[1]


_DOC_VIEW = (
    ("file", "file", None), ("type", "type", None), ("issuer", "issuer", None),
    ("reporting person", "person", None), ("relationship", "relationship", None), ("date", "date", None),
    ("rows", "rows", None), ("warnings", "warnings", None),
)


def _doc_rows(records: list[dict]) -> list[dict]:
    out = []
    for record in records:
        issuer = record.get("issuer") or {}
        name = issuer.get("name") or (record.get("offering") or {}).get("issuer_name") or ""
        if issuer.get("trading_symbol"):
            name += f" [{issuer['trading_symbol']}]"
        owners = record.get("reporting_owners") or []
        person = owners[0].get("display_name") or owners[0].get("name") or "" if owners else ""
        if len(owners) > 1:
            person += f" +{len(owners) - 1}"
        rows = len(record.get("non_derivative") or []) + len(record.get("derivative") or [])
        out.append({
            "file": _short(record["source"]),
            "type": record.get("document_type") or "",
            "issuer": name,
            "person": person,
            "relationship": _relationship_words(owners[0]) if owners else "",
            "date": record.get("period_of_report") or (record.get("offering") or {}).get("date") or "",
            "rows": str(rows) if rows else "",
            "warnings": str(len(record["warnings"])) if record.get("warnings") else "",
        })
    return out


def _doc_table(records: list[dict], width: int) -> Table:
    return _view("Documents", _doc_rows(records), _DOC_VIEW, width)


_TRADE_VIEW = (
    ("date", "transaction_date", None), ("ticker", "ticker", None), ("insider", "insider", None),
    ("relationship", "relationship", None), ("security", "security_title", None), ("code", "code", None),
    ("A/D", "acquired_disposed", None), ("shares", "shares", "n"), ("price", "price", "$"),
    ("value", "value", "$"), ("owned after", "shares_owned_following", "n"), ("D/I", "direct_indirect", None),
)
_HOLDING_VIEW = (
    ("ticker", "ticker", None), ("insider", "insider", None), ("security", "security_title", None),
    ("owned", "shares_owned_following", "n"), ("underlying", "underlying_shares", "n"), ("D/I", "direct_indirect", None),
    ("nature", "nature_of_ownership", None), ("exercise", "exercise_price", "$"),
    ("expires", "expiration_date", None),
)
_OFFERING_VIEW = (
    ("date", "date", None), ("issuer", "issuer_name", None), ("type", "offering_type", None),
    ("security", "security", None), ("amount", "amount", "$"), ("price", "price_per_share", "$"),
    ("shares", "shares", "n"),
)
_INFERRED_MARK = "~"


# Columns dropped first when the terminal is too narrow for all of them.
_DROP_ORDER = ("relationship", "value", "nature", "underlying", "expires", "exercise", "ticker",
               "warnings", "rows", "owned after", "place", "A/D")
_FIXED = ("date", "type", "D/I", "code", "A/D", "ticker", "expires", "rows", "warnings")
_GAP = 3  # padding and separator per column
_MIN_TEXT = 10


def _render_cell(row: dict, key: str, kind) -> str:
    if kind:
        return fmt_number(row.get(key), money=kind == "$")
    value = row.get(key)
    return "" if value is None else str(value)


def _widths(view, cells: list[list[str]], width: int, text_cap: int = TEXT_WIDTH) -> dict[int, int]:
    """Column index -> width: numbers and codes whole, text cut to fit, least useful dropped."""
    natural = {}
    for index, (header, _, kind) in enumerate(view):
        longest = max([len(header)] + [max((len(part) for part in row[index].split("\n")), default=0) for row in cells])
        cap = max(44, text_cap) if header == "file" else text_cap  # a file name is worth more room
        natural[index] = longest if (kind or header in _FIXED) else min(longest, cap)
    keep = list(natural)

    def text_columns():
        return [i for i in keep if not (view[i][2] or view[i][0] in _FIXED)]

    def total(widths):
        return sum(widths[i] + _GAP for i in keep)

    def shrink(floor_ratio: float) -> tuple[dict[int, int], int]:
        widths = dict(natural)
        excess = total(widths) - width
        flexible = text_columns()
        floors = {i: max(_MIN_TEXT, int(natural[i] * floor_ratio)) for i in flexible}
        while excess > 0:
            candidates = [i for i in flexible if widths[i] > floors[i]]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i] - floors[i])
            widths[widest] -= 1
            excess -= 1
        return widths, excess

    # Prefer dropping a column to cutting text below two thirds of its length.
    widths, excess = shrink(0.66)
    for header in _DROP_ORDER:
        if excess <= 0:
            break
        keep = [i for i in keep if view[i][0] != header]
        widths, excess = shrink(0.66)
    if excess > 0:
        widths, excess = shrink(0.0)
    while excess > 0 and len(keep) > 2:  # still too wide: the last columns are the least needed
        keep = keep[:-1]
        widths, excess = shrink(0.0)
    return {i: widths[i] for i in keep}


def _view(title: str, rows: list[dict], view, width: int = 160, max_rows: int = MAX_ROWS,
          wrap: bool = False) -> Table:
    shown = rows[:max_rows]
    cells = [[_render_cell(row, key, kind) for _, key, kind in view] for row in shown]
    widths = _widths(view, cells, width, text_cap=TEXT_WIDTH * 2 if wrap else TEXT_WIDTH)
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for index, column_width in widths.items():
        header, _, kind = view[index]
        if wrap and not kind and header not in _FIXED:
            table.add_column(header, overflow="fold", width=column_width)
        else:
            table.add_column(header, justify="right" if kind else "left", no_wrap=True,
                             overflow="ellipsis", width=column_width)
    for row in cells:
        table.add_row(*[row[i] for i in widths])
    if len(rows) > max_rows:
        table.caption = f"{len(rows) - max_rows:,} more rows not shown; use --format csv or jsonl for all"
    elif len(widths) < len(view):
        table.caption = "some columns left out to fit the terminal; --format csv has them all"
    return table


def _first_owner(rows: list[dict], record: dict) -> list[dict]:
    """Joint filings: name the first owner and count the others, so a row stays one line."""
    owners = record.get("reporting_owners") or []
    if len(owners) < 2:
        return rows
    first = owners[0].get("display_name") or owners[0].get("name") or ""
    for row in rows:
        row["insider"] = f"{first} +{len(owners) - 1}"
        if "relationship" in row:
            row["relationship"] = _relationship_words(owners[0])
    return rows


def _mark_inferred(rows: list[dict], record: dict) -> list[dict]:
    """An inferred share count is shown as ~N, never as if the release stated it."""
    if "offering/shares" in (record.get("inferred") or []):
        for row in rows:
            if row.get("shares") is not None:
                row["shares"] = _INFERRED_MARK + fmt_number(row["shares"])
    return rows


def _derivative_underlying(rows: list[dict], record: dict) -> list[dict]:
    for row in rows:
        if row.get("table") == "derivative":
            row["underlying_shares"] = record["derivative"][row["row_index"]].get("underlying_shares")
    return rows


def print_records(records: list[dict], stream=None) -> None:
    console = _console(stream)
    if not records:
        console.print("No documents read.")
        return
    console.print(_doc_table(records, console.width))
    trade_rows = [row for record in records for row in _first_owner(list(trades(record)), record)]
    holding_rows = [row for record in records
                    for row in _derivative_underlying(_first_owner(list(holdings(record)), record), record)]
    offering_rows = [row for record in records for row in _mark_inferred(list(offerings(record)), record)]
    width = console.width
    if trade_rows:
        console.print(_view("Transactions", trade_rows, _TRADE_VIEW, width))
    if holding_rows:
        console.print(_view("Holdings", holding_rows, _HOLDING_VIEW, width))
    if offering_rows:
        table = _view("Offerings", offering_rows, _OFFERING_VIEW, width)
        if any(str(r.get("shares", "")).startswith(_INFERRED_MARK) for r in offering_rows):
            table.caption = "~ shares not stated: amount / price"
        console.print(table)
    notes = [(r["source"], w) for r in records for w in r.get("warnings") or []]
    if notes:
        console.print(Text("Warnings", style="bold yellow"))
        for source, warning in notes[:MAX_ROWS]:
            console.print(Text(f"  {_short(source)}: {warning}", style="yellow"))


def _kind_of(column: str, values: list) -> str | None:
    """How a flat column is shown: money ($), a number (n), or text (None)."""
    numbers = [v for v in values if v is not None and v != ""]
    if numbers and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
        return "$" if any(word in column for word in ("price", "amount", "value")) else "n"
    return None


def print_rows(rows: list[dict], columns: Iterable[str], title: str | None = None, stream=None) -> None:
    """Any flat rows as one table (roster, calendar, ledger): numbers whole, text cut to fit.

    Cells holding lists joined with "; " are shown one item per line, and long text
    wraps: these views are read, not scanned.
    """
    console = _console(stream)
    columns = [c for c in columns if c not in ("record_id",)]
    shown = rows[:MAX_ROWS * 10]
    view = tuple((c.replace("_", " "), c, _kind_of(c, [r.get(c) for r in shown])) for c in columns)
    display = [{c: (v.replace("; ", "\n") if isinstance(v, str) else v) for c, v in r.items()} for r in shown]
    console.print(_view(title or "", display, view, console.width, max_rows=len(display), wrap=True))


class TableSink(Sink):
    """Collects record dicts and prints the views when closed."""

    def __init__(self, stream=None):
        self.stream = stream
        self.records: list[dict] = []

    def write(self, record: dict) -> None:
        self.records.append(record)

    def close(self) -> None:
        print_records(self.records, self.stream)
