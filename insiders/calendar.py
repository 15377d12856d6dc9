"""The vesting calendar: every tranche of every record, one row each, sorted by date.

Reads what ``insiders.vesting.attach`` (``insiders.vesting_link``) put in each record's ``vesting`` list
(record dicts as ``to_dict()`` gives them, or ``Record`` objects) and joins each
tranche with the row it belongs to (security, exercise price), the reporting
person(s) and the issuer.  ``insiders vesting`` (``commands/vesting.py``) is the
thin shell that prints it; the library never prints.

Terms without dated tranches (a performance condition, a schedule with no grant
date to count from) give one row with ``date`` null, sorted last and left out
whenever ``start`` or ``end`` is given.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from . import names

CALENDAR_COLUMNS = (
    "date", "person", "issuer", "ticker", "security", "shares", "fraction", "exercise_price",
    "type", "condition", "footnote", "source",
)


def _as_dict(record: Any) -> dict:
    return record if isinstance(record, dict) else record.to_dict()


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _row_for(record: dict, path: str | None) -> dict:
    """The Table I/II row a vesting term points at ("derivative/0"), or {}."""
    if not path or "/" not in path:
        return {}
    table, _, index = path.partition("/")
    rows = record.get(table) or []
    return rows[int(index)] if index.isdigit() and int(index) < len(rows) else {}


def _people(record: dict) -> list[tuple[str, str | None]]:
    """(display name, name as filed) of each reporting owner."""
    out = []
    for owner in record.get("reporting_owners") or []:
        shown = owner.get("display_name") or owner.get("name")
        if shown:
            out.append((shown, owner.get("name")))
    return out


def person_matches(query: str, people: list[tuple[str, str | None]]) -> bool:
    """Whether any reporting owner is ``query``, however the name is written."""
    folded = query.casefold().strip()
    for shown, filed in people:
        if names.same_person(query, shown):
            return True
        if filed and names.same_person(query, filed, order_b="filed"):
            return True
        if folded and (folded in shown.casefold() or (filed and folded in filed.casefold())):
            return True
    return False


def issuer_matches(query: str, issuer: dict) -> bool:
    """A ticker (exact, any case) or a part of the issuer's name."""
    wanted = query.strip()
    if not wanted:
        return True
    ticker = (issuer.get("trading_symbol") or "").strip()
    if ticker and ticker.casefold() == wanted.casefold():
        return True
    name = issuer.get("name") or ""
    key, name_key = names.org_key(wanted), names.org_key(name)
    return bool(key and name_key and key in name_key) or wanted.casefold() in name.casefold()


def vesting_calendar(
    records: Iterable[Any],
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    person: str | None = None,
    issuer: str | None = None,
) -> list[dict]:
    """One row per vesting tranche (date, person, issuer, security, shares, price, condition, source), by date."""
    start_d, end_d = _as_date(start), _as_date(end)
    rows: list[dict] = []
    for item in records:
        record = _as_dict(item)
        terms = record.get("vesting") or []
        if not terms:
            continue
        people = _people(record)
        issuer_info = record.get("issuer") or {}
        if person and not person_matches(person, people):
            continue
        if issuer and not issuer_matches(issuer, issuer_info):
            continue
        base = {
            "person": "; ".join(shown for shown, _ in people) or None,
            "issuer": issuer_info.get("name"),
            "ticker": issuer_info.get("trading_symbol"),
            "source": record.get("source"),
        }
        for term in terms:
            row = _row_for(record, term.get("row"))
            common = dict(
                base,
                security=row.get("security_title"),
                exercise_price=row.get("exercise_price"),
                type=term.get("type"),
                condition=term.get("condition"),
                footnote=term.get("footnote"),
            )
            schedule = term.get("schedule") or []
            if not schedule:
                if start_d is None and end_d is None:
                    rows.append(dict(common, date=None, shares=None, fraction=None))
                continue
            for tranche in schedule:
                when = _as_date(tranche.get("date"))
                if when is None or (start_d and when < start_d) or (end_d and when > end_d):
                    continue
                rows.append(dict(common, date=when.isoformat(), shares=tranche.get("shares"),
                                 fraction=tranche.get("fraction")))
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["person"] or "", r["issuer"] or "",
                             r["security"] or ""))
    return [{column: r.get(column) for column in CALENDAR_COLUMNS} for r in rows]


def bucket_totals(rows: Iterable[dict], by: str = "auto") -> tuple[str, list[tuple[str, float]]]:
    """Shares vesting per month / quarter / year, every bucket from first to last (empty ones too).

    ``by`` is ``month``, ``quarter``, ``year`` or ``auto`` (months up to three
    years, then quarters up to fifteen, then years).  Returns the unit used and
    ``[(label, shares)]``.  Used by the terminal timeline.
    """
    dated = [(date.fromisoformat(r["date"]), r.get("shares") or 0) for r in rows if r.get("date")]
    if not dated:
        return "month", []
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if by == "auto":
        by = "month" if months <= 36 else "quarter" if months <= 180 else "year"

    def key(d: date) -> tuple[int, int]:
        if by == "month":
            return d.year, d.month
        if by == "quarter":
            return d.year, (d.month - 1) // 3 + 1
        return d.year, 0

    totals: dict[tuple[int, int], float] = {}
    for when, shares in dated:
        totals[key(when)] = totals.get(key(when), 0) + float(shares)
    step = {"month": 12, "quarter": 4, "year": 1}[by]
    out = []
    year, part = key(first)
    end_key = key(last)
    while (year, part) <= end_key:
        label = f"{year}-{part:02d}" if by == "month" else f"{year} Q{part}" if by == "quarter" else str(year)
        out.append((label, totals.get((year, part), 0)))
        if by == "year":
            year += 1
        else:
            part += 1
            if part > step:
                year, part = year + 1, 1
    return by, out
