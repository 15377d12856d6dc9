"""The records `insiders` produces: one `Record` per input document.

Parsers (``insiders.parse.*``) fill these dataclasses; the emitters
(``insiders.emit.*``) and the library API read them through ``to_dict()``, so
every output format shares one shape: the contract in SCHEMA.md, shipped as
``insiders/schema.json``.

Values are kept typed (``Decimal`` for money and shares, ``date`` for dates);
``to_dict()`` turns them into JSON-native values (ints where a number is whole,
floats otherwise, ISO date strings).  Each object may also keep *evidence*: the
text a value was read from and where, keyed by field name.  Evidence never
appears in ``to_dict()`` unless asked for (``to_dict(explain=True)``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, Iterator

TRANSACTION_CODES = frozenset("ACDEFGHIJKLMOPSUWXZ")


@dataclass(slots=True)
class Evidence:
    """Where one value came from.

    ``start``/``end`` are character offsets in the decoded document text (text and
    HTML inputs); ``path`` is the element path for XML inputs.  ``text`` is the
    exact source text the value was read from.
    """

    text: str
    start: int | None = None
    end: int | None = None
    path: str | None = None


def _jsonable(value: Any) -> Any:
    """One value as JSON would hold it: Decimals become int or float, dates ISO."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# Types ``_jsonable`` gives back unchanged: ``to_dict`` converts only the other values
# (most fields hold None or text; a record has hundreds of values).
_PLAIN = frozenset({str, type(None), bool, int, float})


def _jsonable_fields(keys: tuple[str, ...], values: tuple) -> dict:
    """``{key: _jsonable(value)}`` for values read by one ``attrgetter(*keys)``."""
    out = dict(zip(keys, values))
    for key, value in zip(keys, values):
        kind = value.__class__
        if kind in _PLAIN:
            continue
        if kind is Decimal:  # (the commonest, inline: what _jsonable does)
            out[key] = int(value) if value == value.to_integral_value() else float(value)
        else:
            out[key] = _jsonable(value)
    return out


class _Evidenced:
    """Mixin: a ``evidence`` dict of field name -> Evidence, and a setter that keeps both."""

    __slots__ = ()

    def put(self, name: str, value: Any, evidence: Evidence | None = None) -> None:
        """Set a field and remember where its value came from."""
        setattr(self, name, value)
        if evidence is not None and value is not None:
            self.evidence[name] = evidence  # type: ignore[attr-defined]


@dataclass(slots=True)
class Address:
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None

    def to_dict(self) -> dict:
        return dict(zip(_ADDRESS_KEYS, _address_values(self)))


@dataclass(slots=True)
class Relationship:
    is_director: bool = False
    is_officer: bool = False
    is_ten_percent_owner: bool = False
    is_other: bool = False
    officer_title: str | None = None
    other_text: str | None = None

    def to_dict(self) -> dict:
        return dict(zip(_RELATIONSHIP_KEYS, _relationship_values(self)))

    def describe(self) -> str:
        """Plain words for the relationship: 'Director, 10% Owner', 'Co-CEO'."""
        parts = []
        if self.is_director:
            parts.append("Director")
        if self.is_officer:
            parts.append(self.officer_title or "Officer")
        if self.is_ten_percent_owner:
            parts.append("10% Owner")
        if self.is_other:
            parts.append(self.other_text or "Other")
        return ", ".join(parts)


# Their fields in declaration order (what ``dataclasses.fields`` lists), read in one call.
_ADDRESS_KEYS = ("street1", "street2", "city", "state", "zip")
_address_values = attrgetter(*_ADDRESS_KEYS)
_RELATIONSHIP_KEYS = ("is_director", "is_officer", "is_ten_percent_owner", "is_other", "officer_title", "other_text")
_relationship_values = attrgetter(*_RELATIONSHIP_KEYS)


@dataclass(slots=True)
class Owner(_Evidenced):
    name: str | None = None
    cik: str | None = None
    display_name: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    is_entity: bool = False
    address: Address = field(default_factory=Address)
    relationship: Relationship = field(default_factory=Relationship)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "cik": self.cik,
            "name": self.name,
            "display_name": self.display_name,
            "given_name": self.given_name,
            "middle_name": self.middle_name,
            "family_name": self.family_name,
            "address": self.address.to_dict(),
            "relationship": self.relationship.to_dict(),
        }


@dataclass(slots=True)
class Issuer(_Evidenced):
    cik: str | None = None
    name: str | None = None
    trading_symbol: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"cik": self.cik, "name": self.name, "trading_symbol": self.trading_symbol}


# Keys of a Table I row, in output order; Table II rows add DERIVATIVE_ONLY.
ROW_KEYS = (
    "kind",
    "security_title",
    "transaction_date",
    "deemed_execution_date",
    "transaction_code",
    "equity_swap",
    "voluntary",
    "transaction_timeliness",
    "shares",
    "price_per_share",
    "acquired_disposed",
    "total_value",
    "shares_owned_following",
    "value_owned_following",
    "direct_indirect",
    "nature_of_ownership",
)
DERIVATIVE_ONLY = (
    "exercise_price",
    "date_exercisable",
    "expiration_date",
    "underlying_title",
    "underlying_shares",
    "underlying_value",
)
_ROW_VALUES = attrgetter(*ROW_KEYS)
_DERIVATIVE_KEYS = ROW_KEYS + DERIVATIVE_ONLY
_DERIVATIVE_VALUES = attrgetter(*_DERIVATIVE_KEYS)


@dataclass(slots=True)
class Row(_Evidenced):
    """One row of Table I (non-derivative) or Table II (derivative)."""

    derivative: bool = False
    kind: str = "transaction"  # or "holding"
    security_title: str | None = None
    exercise_price: Decimal | None = None
    transaction_date: date | None = None
    deemed_execution_date: date | None = None
    transaction_code: str | None = None
    equity_swap: bool | None = None
    voluntary: bool | None = None
    transaction_timeliness: str | None = None
    shares: Decimal | None = None
    price_per_share: Decimal | None = None
    acquired_disposed: str | None = None
    total_value: Decimal | None = None
    date_exercisable: date | None = None
    expiration_date: date | None = None
    underlying_title: str | None = None
    underlying_shares: Decimal | None = None
    underlying_value: Decimal | None = None
    shares_owned_following: Decimal | None = None
    value_owned_following: Decimal | None = None
    direct_indirect: str | None = None
    nature_of_ownership: str | None = None
    footnotes: dict[str, list[str]] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def add_footnotes(self, name: str, ids: list[str]) -> None:
        """Record footnote marks on a cell, keeping first-seen order without repeats."""
        if not ids:
            return
        bucket = self.footnotes.setdefault(name, [])
        for fid in ids:
            if fid not in bucket:
                bucket.append(fid)

    def keys(self) -> tuple[str, ...]:
        return _DERIVATIVE_KEYS if self.derivative else ROW_KEYS

    def to_dict(self) -> dict:
        if self.derivative:
            out = _jsonable_fields(_DERIVATIVE_KEYS, _DERIVATIVE_VALUES(self))
        else:
            out = _jsonable_fields(ROW_KEYS, _ROW_VALUES(self))
        out["footnotes"] = {k: list(v) for k, v in self.footnotes.items()} if self.footnotes else {}
        return out


@dataclass(slots=True)
class Footnote(_Evidenced):
    id: str
    text: str
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text}


@dataclass(slots=True)
class Signature(_Evidenced):
    name: str
    date: date | None = None
    attorney_in_fact: bool = False
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"name": self.name, "date": _jsonable(self.date), "attorney_in_fact": self.attorney_in_fact}


@dataclass(slots=True)
class Tranche:
    date: date
    shares: Decimal | None
    fraction: Decimal | None

    def to_dict(self) -> dict:
        fraction = None if self.fraction is None else round(float(self.fraction), 6)
        shares = None if self.shares is None else _jsonable(self.shares)
        return {"date": _jsonable(self.date), "shares": shares, "fraction": fraction}


@dataclass(slots=True)
class Vesting:
    """A vesting term: what vests when (see ``insiders.vesting``)."""

    type: str  # time, performance, immediate, unknown
    text: str
    start_date: date | None = None
    schedule: list[Tranche] = field(default_factory=list)
    condition: str | None = None
    acceleration: str | None = None
    row: str | None = None
    footnote: str | None = None

    def to_dict(self) -> dict:
        return {
            "row": self.row,
            "footnote": self.footnote,
            "type": self.type,
            "start_date": _jsonable(self.start_date),
            "schedule": [t.to_dict() for t in self.schedule],
            "condition": self.condition,
            "acceleration": self.acceleration,
            "text": self.text,
        }


@dataclass(slots=True)
class PowerOfAttorney(_Evidenced):
    grantor: str | None = None
    attorneys_in_fact: list[str] = field(default_factory=list)
    date: date | None = None
    company: str | None = None
    forms: list[str] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "grantor": self.grantor,
            "attorneys_in_fact": list(self.attorneys_in_fact),
            "date": _jsonable(self.date),
            "company": self.company,
            "forms": list(self.forms),
        }


@dataclass(slots=True)
class Offering(_Evidenced):
    date: date | None = None
    place: str | None = None
    issuer_name: str | None = None
    amount: Decimal | None = None
    price_per_share: Decimal | None = None
    shares: Decimal | None = None
    security: str | None = None
    offering_type: str | None = None
    use_of_proceeds: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        keys = ("date", "place", "issuer_name", "amount", "price_per_share", "shares",
                "security", "offering_type", "use_of_proceeds")
        return {key: _jsonable(getattr(self, key)) for key in keys}


@dataclass(slots=True)
class Person(_Evidenced):
    name: str
    title: str | None = None
    organization: str | None = None
    role: str = "other"  # executive, director, contact, other
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "organization": self.organization, "role": self.role}


@dataclass(slots=True)
class Record(_Evidenced):
    """Everything read from one document."""

    source: str
    input_format: str = "text"  # text, html, xml, edgar_submission
    document_type: str = "unknown"
    accession_number: str | None = None
    period_of_report: date | None = None
    date_of_original_submission: date | None = None
    aff10b5one: bool | None = None
    not_subject_to_section16: bool | None = None
    no_securities_owned: bool | None = None
    issuer: Issuer = field(default_factory=Issuer)
    reporting_owners: list[Owner] = field(default_factory=list)
    non_derivative: list[Row] = field(default_factory=list)
    derivative: list[Row] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    remarks: str | None = None
    signatures: list[Signature] = field(default_factory=list)
    vesting: list[Vesting] = field(default_factory=list)
    powers_of_attorney: list[PowerOfAttorney] = field(default_factory=list)
    offering: Offering | None = None
    people: list[Person] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    # The decoded text the offsets in evidence refer to (not emitted).
    text: str | None = field(default=None, repr=False)
    # EDGAR submissions: the header's FILED AS OF DATE.
    filing_date: date | None = None

    @property
    def is_form(self) -> bool:
        return self.document_type[:1] in ("3", "4", "5")

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def infer(self, path: str) -> None:
        if path not in self.inferred:
            self.inferred.append(path)

    def to_dict(self, explain: bool = False) -> dict:
        out = {
            "source": self.source,
            "input_format": self.input_format,
            "document_type": self.document_type,
            "accession_number": self.accession_number,
            "filing_date": _jsonable(self.filing_date),
            "period_of_report": _jsonable(self.period_of_report),
            "date_of_original_submission": _jsonable(self.date_of_original_submission),
            "aff10b5one": self.aff10b5one,
            "not_subject_to_section16": self.not_subject_to_section16,
            "no_securities_owned": self.no_securities_owned,
            "issuer": self.issuer.to_dict(),
            "reporting_owners": [o.to_dict() for o in self.reporting_owners],
            "non_derivative": [r.to_dict() for r in self.non_derivative],
            "derivative": [r.to_dict() for r in self.derivative],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "remarks": self.remarks,
            "signatures": [s.to_dict() for s in self.signatures],
            "vesting": [v.to_dict() for v in self.vesting],
            "powers_of_attorney": [p.to_dict() for p in self.powers_of_attorney],
            "offering": self.offering.to_dict() if self.offering else None,
            "people": [p.to_dict() for p in self.people],
            "inferred": list(self.inferred),
            "warnings": list(self.warnings),
        }
        if explain:
            out["evidence"] = self.evidence_map()
        return out

    # -- evidence ---------------------------------------------------------

    def iter_evidence(self) -> Iterator[tuple[str, Evidence]]:
        """Every (path, evidence) pair, paths like ``derivative/0/exercise_price``."""
        yield from self.evidence.items()
        for name, ev in self.issuer.evidence.items():
            yield f"issuer/{name}", ev
        groups: list[tuple[str, list]] = [
            ("reporting_owners", self.reporting_owners),
            ("non_derivative", self.non_derivative),
            ("derivative", self.derivative),
            ("footnotes", self.footnotes),
            ("signatures", self.signatures),
            ("powers_of_attorney", self.powers_of_attorney),
            ("people", self.people),
        ]
        for group, items in groups:
            for index, item in enumerate(items):
                for name, ev in item.evidence.items():
                    if group == "reporting_owners":
                        name = _OWNER_PATHS.get(name, name)
                    yield f"{group}/{index}/{name}", ev
        if self.offering is not None:
            for name, ev in self.offering.evidence.items():
                yield f"offering/{name}", ev

    def evidence_map(self) -> dict[str, dict]:
        """Evidence as JSON: text plus line/column (1-based) or element path."""
        starts = _line_starts(self.text) if self.text is not None else None
        out: dict[str, dict] = {}
        for path, ev in self.iter_evidence():
            entry: dict[str, Any] = {"text": ev.text}
            if ev.path is not None:
                entry["path"] = ev.path
            if ev.start is not None and starts is not None:
                line = bisect.bisect_right(starts, ev.start)
                entry["line"] = line
                entry["column"] = ev.start - starts[line - 1] + 1
            out[path] = entry
        return out


# Owner evidence may be keyed by a bare field name ("city"); paths follow to_dict ("address/city").
_OWNER_PATHS = {
    **{key: f"address/{key}" for key in ("street1", "street2", "city", "state", "zip")},
    **{key: f"relationship/{key}" for key in ("is_director", "is_officer", "is_ten_percent_owner", "is_other",
                                            "officer_title", "other_text")},
}


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts
