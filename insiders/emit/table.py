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

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import Sink
from .tables import holdings, offerings, trades

MAX_ROWS = 300  # per view; beyond it the terminal is the wrong place to read


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


def _doc_table(records: list[dict]) -> Table:
    table = Table(title="Documents", title_justify="left", expand=False)
    for column in ("file", "type", "issuer", "reporting person", "relationship", "date", "rows", "warnings"):
        table.add_column(column, overflow="fold", no_wrap=column in ("type", "date", "rows"))
    for record in records[:MAX_ROWS]:
        issuer = record.get("issuer") or {}
        name = issuer.get("name") or (record.get("offering") or {}).get("issuer_name") or ""
        if issuer.get("trading_symbol"):
            name += f" [{issuer['trading_symbol']}]"
        owners = record.get("reporting_owners") or []
        people = "\n".join(o.get("display_name") or o.get("name") or "" for o in owners)
        from .tables import _relationship_words

        roles = "\n".join(_relationship_words(o) for o in owners)
        date = record.get("period_of_report") or (record.get("offering") or {}).get("date") or ""
        rows = len(record.get("non_derivative") or []) + len(record.get("derivative") or [])
        warnings = len(record.get("warnings") or [])
        table.add_row(
            _short(record["source"]), record.get("document_type") or "", name, people, roles, date,
            str(rows) if rows else "", Text(str(warnings), style="yellow") if warnings else "",
        )
    return table


_TRADE_VIEW = (
    ("date", "transaction_date", None), ("ticker", "ticker", None), ("insider", "insider", None),
    ("relationship", "relationship", None), ("security", "security_title", None), ("code", "code", None),
    ("A/D", "acquired_disposed", None), ("shares", "shares", "n"), ("price", "price", "$"),
    ("value", "value", "$"), ("owned after", "shares_owned_following", "n"), ("D/I", "direct_indirect", None),
)
_HOLDING_VIEW = (
    ("ticker", "ticker", None), ("insider", "insider", None), ("security", "security_title", None),
    ("owned", "shares_owned_following", "n"), ("D/I", "direct_indirect", None),
    ("nature", "nature_of_ownership", None), ("exercise", "exercise_price", "$"),
    ("expires", "expiration_date", None),
)
_OFFERING_VIEW = (
    ("date", "date", None), ("issuer", "issuer_name", None), ("type", "offering_type", None),
    ("security", "security", None), ("amount", "amount", "$"), ("price", "price_per_share", "$"),
    ("shares", "shares", "n"),
)


def _view(title: str, rows: list[dict], view) -> Table:
    table = Table(title=title, title_justify="left")
    for header, _, kind in view:
        table.add_column(header, justify="right" if kind else "left", overflow="fold")
    for row in rows[:MAX_ROWS]:
        table.add_row(*[
            fmt_number(row.get(key), money=kind == "$") if kind else ("" if row.get(key) is None else str(row.get(key)))
            for _, key, kind in view
        ])
    if len(rows) > MAX_ROWS:
        table.caption = f"{len(rows) - MAX_ROWS:,} more rows not shown; use --format csv or jsonl for all"
    return table


def print_records(records: list[dict], stream=None) -> None:
    console = _console(stream)
    if not records:
        console.print("No documents read.")
        return
    console.print(_doc_table(records))
    trade_rows = [row for record in records for row in trades(record)]
    holding_rows = [row for record in records for row in holdings(record)]
    offering_rows = [row for record in records for row in offerings(record)]
    if trade_rows:
        console.print(_view("Transactions", trade_rows, _TRADE_VIEW))
    if holding_rows:
        console.print(_view("Holdings", holding_rows, _HOLDING_VIEW))
    if offering_rows:
        console.print(_view("Offerings", offering_rows, _OFFERING_VIEW))
    notes = [(r["source"], w) for r in records for w in r.get("warnings") or []]
    if notes:
        console.print(Text("Warnings", style="bold yellow"))
        for source, warning in notes[:MAX_ROWS]:
            console.print(Text(f"  {_short(source)}: {warning}", style="yellow"))


def print_rows(rows: list[dict], columns: Iterable[str], title: str | None = None, stream=None) -> None:
    """Any flat rows as one table (roster, calendar, ledger)."""
    console = _console(stream)
    table = Table(title=title, title_justify="left")
    columns = [c for c in columns if c not in ("record_id",)]
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows[:MAX_ROWS * 10]:
        table.add_row(*[fmt_number(row.get(c)) if not isinstance(row.get(c), str) else row.get(c) for c in columns])
    console.print(table)


class TableSink(Sink):
    """Collects record dicts and prints the views when closed."""

    def __init__(self, stream=None):
        self.stream = stream
        self.records: list[dict] = []

    def write(self, record: dict) -> None:
        self.records.append(record)

    def close(self) -> None:
        print_records(self.records, self.stream)
