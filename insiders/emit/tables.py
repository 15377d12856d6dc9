"""Flat tables from records: the CSV, SQLite and terminal views share these rows.

Last stage's helper (emit).  Each function takes a record dict (``Record.to_dict()``)
and yields flat dicts with fixed columns, so every sink writes the same columns
in the same order.  Nested objects are flattened with ``_`` (``address_city``);
lists of ids are joined with ``;`` (SCHEMA.md, "CSV tables").
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Iterator

from ..model import DERIVATIVE_ONLY, ROW_KEYS, Relationship

ROW_FIELDS = ROW_KEYS + DERIVATIVE_ONLY


def record_id(source: str, position: int = 0) -> str:
    """A stable id for the record at ``position`` within ``source``."""
    return hashlib.sha1(f"{source}#{position}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _join(values: Iterable | None) -> str | None:
    if not values:
        return None
    return ";".join(str(v) for v in values)


def _base(record: dict) -> dict:
    return {"record_id": record.get("record_id") or record_id(record["source"]), "source": record["source"]}


# ---------------------------------------------------------------- one function per table

FILING_COLUMNS = (
    "record_id", "source", "input_format", "document_type", "accession_number", "filing_date", "period_of_report",
    "date_of_original_submission", "aff10b5one", "not_subject_to_section16", "no_securities_owned",
    "issuer_cik", "issuer_name", "issuer_trading_symbol", "owners", "remarks", "inferred", "warnings",
)


def filings(record: dict) -> Iterator[dict]:
    issuer = record.get("issuer") or {}
    yield {
        **_base(record),
        **{key: record.get(key) for key in FILING_COLUMNS[2:11]},
        "issuer_cik": issuer.get("cik"),
        "issuer_name": issuer.get("name"),
        "issuer_trading_symbol": issuer.get("trading_symbol"),
        "owners": _join(o.get("display_name") or o.get("name") for o in record.get("reporting_owners", [])),
        "remarks": record.get("remarks"),
        "inferred": _join(record.get("inferred")),
        "warnings": " | ".join(record.get("warnings") or []) or None,
    }


ADDRESS_KEYS = ("street1", "street2", "city", "state", "zip")
RELATIONSHIP_KEYS = ("is_director", "is_officer", "is_ten_percent_owner", "is_other", "officer_title", "other_text")
OWNER_COLUMNS = (
    ("record_id", "source", "owner_index", "cik", "name", "display_name", "given_name", "middle_name", "family_name")
    + tuple(f"address_{k}" for k in ADDRESS_KEYS)
    + tuple(f"relationship_{k}" for k in RELATIONSHIP_KEYS)
)


def owners(record: dict) -> Iterator[dict]:
    for index, owner in enumerate(record.get("reporting_owners", [])):
        row = {**_base(record), "owner_index": index}
        for key in ("cik", "name", "display_name", "given_name", "middle_name", "family_name"):
            row[key] = owner.get(key)
        for key in ADDRESS_KEYS:
            row[f"address_{key}"] = (owner.get("address") or {}).get(key)
        for key in RELATIONSHIP_KEYS:
            row[f"relationship_{key}"] = (owner.get("relationship") or {}).get(key)
        yield row


def _row_columns(keys: tuple[str, ...]) -> tuple[str, ...]:
    return ("record_id", "source", "row_index") + keys + tuple(f"footnotes_{k}" for k in keys)


NON_DERIVATIVE_COLUMNS = _row_columns(ROW_KEYS)
DERIVATIVE_COLUMNS = _row_columns(ROW_FIELDS)


def _rows(record: dict, table: str, keys: tuple[str, ...]) -> Iterator[dict]:
    for index, row in enumerate(record.get(table, [])):
        out = {**_base(record), "row_index": index}
        for key in keys:
            out[key] = row.get(key)
        notes = row.get("footnotes") or {}
        for key in keys:
            out[f"footnotes_{key}"] = _join(notes.get(key))
        yield out


def non_derivative(record: dict) -> Iterator[dict]:
    return _rows(record, "non_derivative", ROW_KEYS)


def derivative(record: dict) -> Iterator[dict]:
    return _rows(record, "derivative", ROW_FIELDS)


FOOTNOTE_COLUMNS = ("record_id", "source", "id", "text")


def footnotes(record: dict) -> Iterator[dict]:
    for note in record.get("footnotes", []):
        yield {**_base(record), "id": note.get("id"), "text": note.get("text")}


SIGNATURE_COLUMNS = ("record_id", "source", "name", "date", "attorney_in_fact")


def signatures(record: dict) -> Iterator[dict]:
    for sig in record.get("signatures", []):
        yield {**_base(record), **{k: sig.get(k) for k in SIGNATURE_COLUMNS[2:]}}


VESTING_COLUMNS = (
    "record_id", "source", "row", "footnote", "type", "start_date", "condition", "acceleration",
    "tranche_index", "tranche_date", "tranche_shares", "tranche_fraction", "text",
)


def vesting(record: dict) -> Iterator[dict]:
    """One row per tranche; a term without a schedule gives one row with empty tranche columns."""
    for term in record.get("vesting", []):
        head = {**_base(record), **{k: term.get(k) for k in ("row", "footnote", "type", "start_date", "condition", "acceleration")}}
        schedule = term.get("schedule") or [None]
        for index, tranche in enumerate(schedule):
            yield {
                **head,
                "tranche_index": None if tranche is None else index,
                "tranche_date": None if tranche is None else tranche.get("date"),
                "tranche_shares": None if tranche is None else tranche.get("shares"),
                "tranche_fraction": None if tranche is None else tranche.get("fraction"),
                "text": term.get("text"),
            }


POA_COLUMNS = ("record_id", "source", "grantor", "attorneys_in_fact", "date", "company", "forms")


def powers_of_attorney(record: dict) -> Iterator[dict]:
    for poa in record.get("powers_of_attorney", []):
        yield {
            **_base(record),
            "grantor": poa.get("grantor"),
            "attorneys_in_fact": _join(poa.get("attorneys_in_fact")),
            "date": poa.get("date"),
            "company": poa.get("company"),
            "forms": _join(poa.get("forms")),
        }


OFFERING_COLUMNS = (
    "record_id", "source", "date", "place", "issuer_name", "amount", "price_per_share", "shares",
    "security", "offering_type", "use_of_proceeds",
)


def offerings(record: dict) -> Iterator[dict]:
    offering = record.get("offering")
    if offering:
        yield {**_base(record), **{k: offering.get(k) for k in OFFERING_COLUMNS[2:]}}


PEOPLE_COLUMNS = ("record_id", "source", "name", "title", "organization", "role")


def people(record: dict) -> Iterator[dict]:
    for person in record.get("people", []):
        yield {**_base(record), **{k: person.get(k) for k in PEOPLE_COLUMNS[2:]}}


TRADE_COLUMNS = (
    "record_id", "source", "filing_date", "transaction_date", "issuer_name", "ticker", "insider",
    "relationship", "table", "row_index", "security_title", "code", "acquired_disposed", "shares",
    "price", "value", "shares_owned_following", "direct_indirect",
)


def _relationship_words(owner: dict) -> str:
    """'Director, 10% Owner', 'Co-CEO': the wording ``Relationship.describe`` gives, from a dict."""
    return Relationship(**(owner.get("relationship") or {})).describe()


def trades(record: dict) -> Iterator[dict]:
    """The flat view analysts ask for first: one row per Table I or II transaction.

    ``filing_date`` is the submission's FILED AS OF DATE when the input carries it,
    else the first signature's date (a form does not print its own filing date);
    ``value`` is shares x price when both are stated.
    """
    owners_ = record.get("reporting_owners", [])
    insider = "; ".join(o.get("display_name") or o.get("name") or "" for o in owners_) or None
    relationship = "; ".join(filter(None, (_relationship_words(o) for o in owners_))) or None
    issuer = record.get("issuer") or {}
    sigs = record.get("signatures") or []
    filing_date = record.get("filing_date") or next((s.get("date") for s in sigs if s.get("date")), None)
    for table in ("non_derivative", "derivative"):
        for index, row in enumerate(record.get(table, [])):
            if row.get("kind") != "transaction":
                continue
            shares, price = row.get("shares"), row.get("price_per_share")
            value = row.get("total_value")
            if value is None and shares is not None and price is not None:
                value = round(shares * price, 4)
                value = int(value) if value == int(value) else value
            yield {
                **_base(record),
                "filing_date": filing_date,
                "transaction_date": row.get("transaction_date"),
                "issuer_name": issuer.get("name"),
                "ticker": issuer.get("trading_symbol"),
                "insider": insider,
                "relationship": relationship,
                "table": table,
                "row_index": index,
                "security_title": row.get("security_title"),
                "code": row.get("transaction_code"),
                "acquired_disposed": row.get("acquired_disposed"),
                "shares": shares,
                "price": price,
                "value": value,
                "shares_owned_following": row.get("shares_owned_following"),
                "direct_indirect": row.get("direct_indirect"),
            }


HOLDING_COLUMNS = (
    "record_id", "source", "issuer_name", "ticker", "insider", "table", "row_index", "security_title",
    "shares_owned_following", "direct_indirect", "nature_of_ownership", "exercise_price", "expiration_date",
)


def holdings(record: dict) -> Iterator[dict]:
    """Holding rows (Form 3 and holding lines of Forms 4/5), for the terminal view and CSV."""
    owners_ = record.get("reporting_owners", [])
    insider = "; ".join(o.get("display_name") or o.get("name") or "" for o in owners_) or None
    issuer = record.get("issuer") or {}
    for table in ("non_derivative", "derivative"):
        for index, row in enumerate(record.get(table, [])):
            if row.get("kind") != "holding":
                continue
            yield {
                **_base(record),
                "issuer_name": issuer.get("name"),
                "ticker": issuer.get("trading_symbol"),
                "insider": insider,
                "table": table,
                "row_index": index,
                "security_title": row.get("security_title"),
                "shares_owned_following": row.get("shares_owned_following"),
                "direct_indirect": row.get("direct_indirect"),
                "nature_of_ownership": row.get("nature_of_ownership"),
                "exercise_price": row.get("exercise_price"),
                "expiration_date": row.get("expiration_date"),
            }


# name -> (columns, row function).  Order is the order CSV files are listed in.
TABLES: dict[str, tuple[tuple[str, ...], Callable[[dict], Iterator[dict]]]] = {
    "filings": (FILING_COLUMNS, filings),
    "owners": (OWNER_COLUMNS, owners),
    "non_derivative": (NON_DERIVATIVE_COLUMNS, non_derivative),
    "derivative": (DERIVATIVE_COLUMNS, derivative),
    "footnotes": (FOOTNOTE_COLUMNS, footnotes),
    "signatures": (SIGNATURE_COLUMNS, signatures),
    "vesting": (VESTING_COLUMNS, vesting),
    "powers_of_attorney": (POA_COLUMNS, powers_of_attorney),
    "offerings": (OFFERING_COLUMNS, offerings),
    "people": (PEOPLE_COLUMNS, people),
    "trades": (TRADE_COLUMNS, trades),
    "holdings": (HOLDING_COLUMNS, holdings),
}
