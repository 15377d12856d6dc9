"""Vesting terms linked to a record's rows: which footnote speaks for which option or RSU row.

Called by ``insiders.pipeline.finish`` after parsing; reads the footnotes each row points at
(``row.footnotes``, the date-exercisable cell first) and, for rows that point at none, the
vesting footnotes no row claims.  The terms themselves are read by ``insiders.vesting``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

from . import normalize
from .model import Record, Row

_FIELD_ORDER = ("date_exercisable", "security_title", "expiration_date", "underlying_title", "underlying_shares", "shares")

# A cheap first look (stdlib re): every vesting term holds one of these words -- ``vesting``'s
# VEST_WORDS and IMMEDIATE find nothing without one.  Here, not in ``vesting``, so that a
# record whose footnotes hold none never imports ``vesting`` and ``vesting_text``: their
# patterns take tens of milliseconds to compile, paid at every start of a CLI run or worker.
CUE = re.compile(r"vest|exercisab|instal|anniversar|cliff", re.I)
CUE_WORDS = ("vest", "exercisab", "instal", "anniversar", "cliff")  # CUE on ASCII text, as substrings


def cued(text: str) -> bool:
    """``CUE.search(text)``; on ASCII text as plain substring tests, which are many times faster."""
    if text.isascii():
        low = text.lower()
        return any(map(low.__contains__, CUE_WORDS))
    return CUE.search(text) is not None


@cache
def _vesting():
    """``insiders.vesting``, imported at its first use (see CUE)."""
    from . import vesting

    return vesting


def may_state_vesting(record: Record) -> bool:
    """Whether a footnote of ``record`` could state a vesting term (``attach`` reads only those)."""
    return any(isinstance(note.text, str) and cued(note.text) for note in record.footnotes)


def attach(record: Record) -> None:
    """Append to ``record.vesting`` the vesting terms of each option / RSU row."""
    try:
        _attach(record)
    except Exception as exc:  # a bug here must not lose the record
        record.warn(f"Vesting terms could not be read: {exc.__class__.__name__}.")


def _attach(record: Record) -> None:
    vesting = _vesting()
    notes = {f.id: f.text for f in record.footnotes}
    claimed = {fid for row in record.derivative + record.non_derivative for ids in row.footnotes.values() for fid in ids}
    candidates = [("derivative", i, row) for i, row in enumerate(record.derivative)]
    candidates += [
        ("non_derivative", i, row)
        for i, row in enumerate(record.non_derivative)
        if row.security_title and vesting.RSU_LIKE.search(row.security_title)
    ]
    uncovered = []
    for table, index, row in candidates:
        found = False
        for fid in _row_footnote_ids(row):
            if fid in notes:
                found |= _add_term(record, f"{table}/{index}", fid, notes[fid], row)
        if not found:
            uncovered.append((table, index, row))
    free = [fid for fid in notes if fid not in claimed and vesting.VEST_WORDS.search(notes[fid])]
    if not free or not uncovered:
        return
    if len(uncovered) == 1:
        table, index, row = uncovered[0]
        for fid in free:
            _add_term(record, f"{table}/{index}", fid, notes[fid], row)
        return
    for fid in free:
        match = next((u for u in uncovered if _mentions_shares(notes[fid], u[2])), None)
        if match:
            _add_term(record, f"{match[0]}/{match[1]}", fid, notes[fid], match[2])
        else:
            _add_term(record, None, fid, notes[fid], None)


def _row_footnote_ids(row: Row) -> list[str]:
    ids: list[str] = []
    for name in _FIELD_ORDER + tuple(row.footnotes):
        for fid in row.footnotes.get(name, []):
            if fid not in ids:
                ids.append(fid)
    return ids


def _grant_inputs(row: Row | None) -> tuple[date | None, Decimal | None]:
    """Grant date and share count for a row: an acquisition's date and shares; a holding's underlying shares."""
    if row is None:
        return None, None
    disposed = row.acquired_disposed == "D" or row.transaction_code in ("M", "S", "F", "X", "C", "D", "G")
    grant = None if disposed else row.transaction_date
    shares = None if disposed else (row.shares if row.shares is not None else row.underlying_shares)
    return grant, shares


def _add_term(record: Record, path: str | None, fid: str, text: str, row: Row | None) -> bool:
    grant, shares = _grant_inputs(row)
    term = _vesting().parse_vesting(text, grant_date=grant, shares=shares)
    if term is None:
        return False
    term.row, term.footnote = path, fid
    record.vesting.append(term)
    return True


def _mentions_shares(text: str, row: Row) -> bool:
    numbers = {normalize.parse_number(n) for n in _vesting()._SHARE_NUMBERS.findall(text)}
    return bool(numbers & {row.shares, row.underlying_shares} - {None})
