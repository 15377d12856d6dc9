"""Consistency checks: plain-sentence warnings when a filing does not add up.

Runs after parsing and normalising (``insiders.pipeline.finish``) on Forms 3/4/5
from every input format.  Each check is a small function that reads the record
and returns warnings naming the row ("Table II row 1 (Stock Option)"); none of
them changes a value.  ``insiders extract --strict`` turns any warning into exit 1.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Iterator

from .model import Record, Row

_TICKER = re.compile(r"^[A-Z][A-Z0-9]{0,5}(?:[.\-/][A-Z0-9]{1,3})?$")
_NO_TICKER = {"NONE", "N/A", "NA", "NOT APPLICABLE"}
_OPTION_TITLE = re.compile(r"\boption|right\s+to\s+(?:buy|purchase)|\bSARs?\b|appreciation\s+right", re.I)
_PLAIN_OPTION = re.compile(r"\b(?:stock|employee|incentive|non-?qualified)?\s*options?\b|right\s+to\s+buy", re.I)


def describe_row(record: Record, row: Row) -> str:
    """'Table I row 2 (Common Stock)': how warnings name a row, counting from 1."""
    table, rows = ("Table II", record.derivative) if row.derivative else ("Table I", record.non_derivative)
    index = next(i for i, r in enumerate(rows) if r is row) + 1
    title = f" ({row.security_title})" if row.security_title else ""
    return f"{table} row {index}{title}"


def _rows(record: Record) -> list[Row]:
    """Table I rows, then Table II rows."""
    return record.non_derivative + record.derivative


def _has_note(row: Row, name: str) -> bool:
    return bool(row.footnotes.get(name))


# ---------------------------------------------------------------- the checks

def owned_following_mismatch(record: Record) -> Iterator[str]:
    """Consecutive transactions of one security should chain: each balance = previous ± amount."""
    previous: dict[tuple, Row] = {}
    for row in _rows(record):
        if row.kind != "transaction" or row.shares is None or row.shares_owned_following is None:
            continue
        key = (row.derivative, (row.security_title or "").lower(), row.direct_indirect,
               (row.nature_of_ownership or "").lower())
        before = previous.get(key)
        previous[key] = row
        if before is not None and before.shares_owned_following is not None and row.acquired_disposed:
            change = row.shares if row.acquired_disposed == "A" else -row.shares
            expected = before.shares_owned_following + change
            if expected != row.shares_owned_following:
                yield (f"{describe_row(record, row)}: owned following is {_n(row.shares_owned_following)}, "
                       f"but the previous row's {_n(before.shares_owned_following)} "
                       f"{'plus' if change >= 0 else 'minus'} {_n(abs(change))} makes {_n(expected)}.")
        elif before is None and row.acquired_disposed == "A" and row.shares_owned_following < row.shares:
            yield (f"{describe_row(record, row)}: {_n(row.shares)} acquired but only "
                   f"{_n(row.shares_owned_following)} owned following.")


def transaction_after_signature(record: Record) -> Iterator[str]:
    signed = [s.date for s in record.signatures if s.date]
    if not signed:
        return
    last = max(signed)
    for row in _rows(record):
        if row.transaction_date and row.transaction_date > last:
            yield (f"{describe_row(record, row)}: transaction date {row.transaction_date.isoformat()} "
                   f"is after the signature date {last.isoformat()}.")


def form4_without_transaction(record: Record) -> Iterator[str]:
    if record.document_type.startswith("4") and not record.not_subject_to_section16:
        if not any(r.kind == "transaction" for r in _rows(record)):
            yield "This Form 4 reports no transaction in Table I or Table II."


def trade_without_price(record: Record) -> Iterator[str]:
    for row in _rows(record):
        if row.transaction_code in ("P", "S") and row.price_per_share is None and not _has_note(row, "price_per_share"):
            word = "purchase" if row.transaction_code == "P" else "sale"
            yield f"{describe_row(record, row)}: a {word} (code {row.transaction_code}) with no price."


def option_terms_missing(record: Record) -> Iterator[str]:
    for row in record.derivative:
        if not row.security_title or not _OPTION_TITLE.search(row.security_title):
            continue
        if row.exercise_price is None and not _has_note(row, "exercise_price"):
            yield f"{describe_row(record, row)}: an option with no exercise price."
        if row.expiration_date is None and not _has_note(row, "expiration_date"):
            yield f"{describe_row(record, row)}: an option with no expiration date."


def underlying_differs(record: Record) -> Iterator[str]:
    for row in record.derivative:
        if (row.kind == "transaction" and row.security_title and _PLAIN_OPTION.search(row.security_title)
                and row.shares is not None and row.underlying_shares is not None
                and row.shares != row.underlying_shares):
            yield (f"{describe_row(record, row)}: {_n(row.shares)} options but {_n(row.underlying_shares)} "
                   f"underlying shares.")


def ticker_not_a_ticker(record: Record) -> Iterator[str]:
    symbol = record.issuer.trading_symbol
    if symbol and symbol.upper() not in _NO_TICKER and not _TICKER.match(symbol):
        yield f"The trading symbol {symbol!r} does not look like a ticker."


def footnote_links(record: Record) -> Iterator[str]:
    defined = {f.id for f in record.footnotes}
    used: set[str] = set()
    for row in _rows(record):
        for name, ids in row.footnotes.items():
            used.update(ids)
            for fid in ids:
                if fid not in defined:
                    yield f"{describe_row(record, row)}: footnote ({fid}) on {name.replace('_', ' ')} has no footnote text."
    if record.footnotes and used:
        text = None  # (joined only when a footnote is not pointed at: most are)
        for note in record.footnotes:
            if note.id in used:
                continue
            if text is None:
                text = " ".join(filter(None, [record.remarks] + [f.text for f in record.footnotes]))
            # A footnote may be cited from another footnote or the remarks instead of a cell.
            if not re.search(rf"(?:footnote|note)s?\s*\(?{note.id}\)?\b|\({note.id}\)", text, re.I):
                yield f"Footnote ({note.id}) is not pointed at by any cell."


def officer_without_title(record: Record) -> Iterator[str]:
    for owner in record.reporting_owners:
        rel = owner.relationship
        if rel.is_officer and not rel.officer_title:
            yield f"Reporting owner {owner.display_name or owner.name}: the officer box is ticked but no title is given."


CHECKS: tuple[Callable[[Record], Iterator[str]], ...] = (
    owned_following_mismatch,
    transaction_after_signature,
    form4_without_transaction,
    trade_without_price,
    option_terms_missing,
    underlying_differs,
    ticker_not_a_ticker,
    footnote_links,
    officer_without_title,
)


def run(record: Record) -> None:
    """Add every check's warnings to ``record.warnings``."""
    for check in CHECKS:
        for message in check(record):
            record.warn(message)


def _n(value: Decimal) -> str:
    return f"{value:,}" if value == value.to_integral_value() else f"{value:,.4f}".rstrip("0")
