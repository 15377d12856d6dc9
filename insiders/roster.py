"""Across documents: who the insiders of each issuer are, and how their positions moved.

Reads records (``Record`` objects or their ``to_dict()`` dicts, as
``insiders.batch`` yields them) and answers two questions:

* ``build_roster(records)``: one row per (issuer, person): display name, every
  role seen (officer titles, director, 10% owner, press-release titles,
  attorney-in-fact for whom) with its date and source, the latest known
  holding per security (Forms 3/4/5), options outstanding, and the documents.
* ``build_ledger(records)``: the position per person and security over time,
  Form 3 baselines and Form 4/5 changes, flagging where a reported "owned
  following" is not the previous position plus or minus the change.

People are told apart by ``insiders.names`` (``NameMatcher``); issuers by
``names.org_key``.  The CLI shells are ``insiders.commands.people`` and
``insiders.commands.holdings``.  No printing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from . import names

# Roles from the relationship boxes of a form, in output order.
RELATIONSHIP_ROLES = (
    ("is_director", "director", None),
    ("is_officer", "officer", "officer_title"),
    ("is_ten_percent_owner", "10% owner", None),
    ("is_other", "other", "other_text"),
)
# Press-release roles that make a person an insider of the issuer.
PRESS_INSIDER_ROLES = frozenset({"executive", "director"})


def _as_dict(record: Any) -> dict:
    return record if isinstance(record, dict) else record.to_dict()


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _form_label(document_type: str | None) -> str:
    if not document_type:
        return "unknown"
    if document_type[:1] in "345":
        return f"Form {document_type}"
    return document_type.replace("_", " ")


def security_key(title: str | None) -> str:
    """``"Common Stock "`` and ``"COMMON STOCK"`` are one security."""
    return " ".join((title or "").lower().replace(",", " ").split())


# ---------------------------------------------------------------- mentions

@dataclass
class _Mention:
    """One sighting of a person in one document."""

    issuer: str  # issuer key
    name: str
    order: str  # "filed" or "natural"
    source: str
    document_type: str
    date: str | None
    roles: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # Table I/II rows, with record position
    cik: str | None = None
    attach_only: bool = False  # a press contact: only joins a person already known
    seq: int = 0


@dataclass
class _Issuer:
    key: str
    names: list[tuple[int, str]] = field(default_factory=list)  # (priority, name): forms first
    ticker: str | None = None
    cik: str | None = None

    @property
    def display(self) -> str | None:
        """The name a form gives, else a press release's, else a power of attorney's."""
        if not self.names:
            return None
        best = min(priority for priority, _ in self.names)
        candidates = [name for priority, name in self.names if priority == best]
        return max(candidates, key=lambda name: (not name.isupper(), len(name), name))


class _Collector:
    """Turns records into mentions grouped by issuer."""

    def __init__(self) -> None:
        self.issuers: dict[str, _Issuer] = {}
        self.mentions: list[_Mention] = []
        self._ticker_keys: dict[str, str] = {}

    def issuer(self, name: str | None, ticker: str | None = None, cik: str | None = None, priority: int = 0) -> str:
        key = names.org_key(name)
        if not key and ticker:
            key = self._ticker_keys.get(ticker.upper(), "")
        entry = self.issuers.setdefault(key, _Issuer(key=key))
        if name and (priority, name) not in entry.names:
            entry.names.append((priority, name))
        if ticker:
            entry.ticker = entry.ticker or ticker.upper()
            self._ticker_keys.setdefault(ticker.upper(), key)
        if cik:
            entry.cik = entry.cik or cik
        return key

    def add(self, mention: _Mention) -> None:
        mention.seq = len(self.mentions)
        self.mentions.append(mention)

    def record(self, rec: dict, index: int) -> None:
        kind = rec.get("document_type") or "unknown"
        source = rec.get("source") or f"#{index}"
        issuer = rec.get("issuer") or {}
        offering = rec.get("offering") or {}
        issuer_name = issuer.get("name") or offering.get("issuer_name")
        priority = 0 if kind[:1] in "345" else 1
        key = self.issuer(issuer_name, issuer.get("trading_symbol"), issuer.get("cik"), priority)
        if kind[:1] in "345":
            self._form(rec, key, source, kind)
        elif kind == "press_release":
            self._press(rec, key, source)
        for poa in rec.get("powers_of_attorney") or []:
            self._poa(poa, key, source, kind)

    def _form(self, rec: dict, key: str, source: str, kind: str) -> None:
        date = rec.get("period_of_report")
        owners = rec.get("reporting_owners") or []
        rows = [dict(r, _table="non_derivative", _pos=i) for i, r in enumerate(rec.get("non_derivative") or [])]
        rows += [dict(r, _table="derivative", _pos=i) for i, r in enumerate(rec.get("derivative") or [])]
        for row in rows:
            row["_date"] = row.get("transaction_date") or date
            row["_source"], row["_document_type"] = source, kind
        for owner in owners:
            if not owner.get("name"):
                continue
            rel = owner.get("relationship") or {}
            roles = []
            for flag, role, title_key in RELATIONSHIP_ROLES:
                if rel.get(flag):
                    roles.append(self._role(role, rel.get(title_key) if title_key else None, None, date, source, kind))
            self.add(_Mention(key, owner["name"], "filed", source, kind, date, roles, rows, cik=owner.get("cik")))
        owner_names = [o.get("display_name") or names.display_name(o["name"], "filed") for o in owners if o.get("name")]
        for signature in rec.get("signatures") or []:
            who, whom, attorney = names.signer(signature.get("name") or "")
            if not who or not attorney:
                continue
            whom = whom or (owner_names[0] if len(owner_names) == 1 else None)
            sig_date = signature.get("date") or date
            role = self._role("attorney-in-fact", None, whom, sig_date, source, kind)
            self.add(_Mention(key, who, "natural", source, kind, sig_date, [role]))

    def _press(self, rec: dict, key: str, source: str) -> None:
        date = (rec.get("offering") or {}).get("date")
        for person in rec.get("people") or []:
            role = person.get("role") or "other"
            if role in PRESS_INSIDER_ROLES:
                entry = self._role(role, person.get("title"), None, date, source, "press_release")
                self.add(_Mention(key, person["name"], "natural", source, "press_release", date, [entry]))
            elif role == "contact":
                entry = self._role("contact", person.get("title"), None, date, source, "press_release")
                self.add(_Mention(key, person["name"], "natural", source, "press_release", date, [entry],
                                  attach_only=True))

    def _poa(self, poa: dict, key: str, source: str, kind: str) -> None:
        if poa.get("company"):
            key = self.issuer(poa["company"], priority=2)
        date = poa.get("date")
        grantor = poa.get("grantor")
        grantor_display = names.display_name(grantor) if grantor else None
        if grantor:
            self.add(_Mention(key, grantor, "natural", source, kind, date, []))
        for attorney in poa.get("attorneys_in_fact") or []:
            role = self._role("attorney-in-fact", None, grantor_display, date, source, kind)
            self.add(_Mention(key, attorney, "natural", source, kind, date, [role]))

    @staticmethod
    def _role(role: str, title: str | None, for_whom: str | None, date: str | None, source: str, kind: str) -> dict:
        return {"role": role, "title": title, "for": for_whom, "date": date, "source": source,
                "document_type": kind}


def _collect(records: Iterable[Any]) -> tuple[_Collector, dict[str, names.NameMatcher], list[tuple[_Mention, int]]]:
    collector = _Collector()
    for index, record in enumerate(records):
        collector.record(_as_dict(record), index)
    # An issuer named only by ticker somewhere joins the issuer of that ticker.
    matchers: dict[str, names.NameMatcher] = {}
    placed: list[tuple[_Mention, int]] = []
    # Filed names first (fullest), then the rest; contacts only attach.
    ordered = sorted(collector.mentions, key=lambda m: (m.attach_only, m.order != "filed", m.seq))
    for mention in ordered:
        matcher = matchers.setdefault(mention.issuer, names.NameMatcher())
        if mention.attach_only:
            found = matcher.find(mention.name, mention.order)
            if found is not None:
                placed.append((mention, found))
            continue
        placed.append((mention, matcher.add(mention.name, mention.order)))
    placed.sort(key=lambda pair: pair[0].seq)
    return collector, matchers, placed


# ---------------------------------------------------------------- roster

def _date_key(value: str | None) -> str:
    return value or ""


def build_roster(records: Iterable[Any]) -> list[dict]:
    """One row per (issuer, person), sorted by issuer then person."""
    collector, matchers, placed = _collect(records)
    people: dict[tuple[str, int], dict] = {}
    for mention, pid in placed:
        row = people.setdefault((mention.issuer, pid), _new_person(collector, matchers, mention.issuer, pid))
        if mention.cik and not row["cik"]:
            row["cik"] = mention.cik
        if mention.source not in row["documents"]:
            row["documents"].append(mention.source)
        for role in mention.roles:
            if role not in row["roles"]:
                row["roles"].append(role)
        if mention.name not in row["names_seen"]:
            row["names_seen"].append(mention.name)
        row["_rows"].extend(mention.rows)
    out = []
    for (issuer_key, _), row in people.items():
        matcher = matchers[issuer_key]
        for role in row["roles"]:
            if role["for"]:
                found = matcher.find(role["for"])
                role["for"] = matcher.display(found) if found is not None else role["for"]
        deduped: list[dict] = []
        for role in row["roles"]:
            if role not in deduped:
                deduped.append(role)
        row["roles"] = deduped
        rows = row.pop("_rows")
        row["roles"].sort(key=lambda r: (_date_key(r["date"]), r["role"]))
        row["holdings"], row["options"] = _latest_positions(rows)
        out.append(row)
    out.sort(key=lambda r: ((r["issuer"] or "").lower(), r["person"].lower()))
    return out


def _new_person(collector: _Collector, matchers: dict, issuer_key: str, pid: int) -> dict:
    issuer = collector.issuers.get(issuer_key) or _Issuer(key=issuer_key)
    matcher = matchers[issuer_key]
    return {
        "issuer": issuer.display,
        "ticker": issuer.ticker,
        "issuer_cik": issuer.cik,
        "person": matcher.display(pid),
        "cik": None,
        "is_entity": matcher.is_entity(pid),
        "roles": [],
        "holdings": [],
        "options": [],
        "documents": [],
        "names_seen": [],
        "_rows": [],
    }


def _latest_positions(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The latest position per security: (holdings, options outstanding)."""
    latest: dict[tuple, dict] = {}
    ordered = sorted(enumerate(rows), key=lambda pair: (_date_key(pair[1]["_date"]), pair[0]))
    for _, row in ordered:
        if row["_table"] == "non_derivative":
            key = ("nd", security_key(row.get("security_title")), row.get("direct_indirect"), row.get("nature_of_ownership"))
            amount = row.get("shares_owned_following")
        else:
            key = ("d", security_key(row.get("security_title")), str(row.get("exercise_price")),
                   row.get("expiration_date"), row.get("direct_indirect"))
            amount = row.get("shares_owned_following")
            if amount is None and row.get("kind") == "holding":
                amount = row.get("underlying_shares")
        if amount is None:
            continue
        latest[key] = dict(row, _amount=amount)
    holdings, options = [], []
    for key, row in latest.items():
        base = {"security": row.get("security_title"), "shares": row["_amount"],
                "direct_indirect": row.get("direct_indirect"), "nature_of_ownership": row.get("nature_of_ownership"),
                "as_of": row["_date"], "source": row["_source"], "document_type": row["_document_type"]}
        if key[0] == "nd":
            holdings.append(base)
        elif _number(row["_amount"]) != 0:
            base.update(exercise_price=row.get("exercise_price"), date_exercisable=row.get("date_exercisable"),
                        expiration_date=row.get("expiration_date"), underlying_title=row.get("underlying_title"),
                        underlying_shares=row.get("underlying_shares"))
            options.append(base)
    return holdings, options


# ---------------------------------------------------------------- ledger

def build_ledger(records: Iterable[Any]) -> list[dict]:
    """Every position change per (issuer, person, security), oldest first, with checks."""
    collector, matchers, placed = _collect(records)
    series: dict[tuple, list[tuple[dict, _Mention, int]]] = {}
    for mention, pid in placed:
        for row in mention.rows:
            if row["_table"] == "non_derivative":
                key = (mention.issuer, pid, "non_derivative", security_key(row.get("security_title")),
                       row.get("direct_indirect"), row.get("nature_of_ownership"))
            else:
                key = (mention.issuer, pid, "derivative", security_key(row.get("security_title")),
                       str(row.get("exercise_price")), row.get("expiration_date"), row.get("direct_indirect"))
            series.setdefault(key, []).append((row, mention, pid))
    out: list[dict] = []
    for key, entries in series.items():
        entries.sort(key=lambda e: (_date_key(e[0]["_date"]), e[1].seq, e[0]["_table"], e[0]["_pos"]))
        issuer = collector.issuers.get(key[0]) or _Issuer(key=key[0])
        position: Decimal | None = None
        for row, mention, pid in entries:
            entry, position = _ledger_entry(row, position)
            entry.update(issuer=issuer.display, ticker=issuer.ticker, person=matchers[key[0]].display(pid),
                         table=key[2], security=row.get("security_title"))
            out.append(entry)
    out.sort(key=lambda e: ((e["issuer"] or "").lower(), e["person"].lower(), e["table"],
                            (e["security"] or "").lower(), _date_key(e["date"])))
    return out


LEDGER_COLUMNS = (
    "issuer", "ticker", "person", "table", "security", "exercise_price", "expiration_date", "direct_indirect",
    "nature_of_ownership", "date", "document_type", "kind", "transaction_code", "acquired_disposed", "change",
    "previous", "expected", "reported", "position", "flag", "source",
)


def _ledger_entry(row: dict, previous: Decimal | None) -> tuple[dict, Decimal | None]:
    reported = _number(row.get("shares_owned_following"))
    if reported is None and row["_table"] == "derivative" and row.get("kind") == "holding":
        reported = _number(row.get("underlying_shares"))
    change = expected = None
    flag = None
    if row.get("kind") == "holding":
        if previous is not None and reported is not None and reported != previous:
            flag = f"holding of {_fmt(reported)} differs from the previous position {_fmt(previous)}"
    else:
        shares = _number(row.get("shares"))
        sign = {"A": 1, "D": -1}.get(row.get("acquired_disposed") or "")
        if shares is not None and sign is not None:
            change = shares * sign
        if previous is not None and change is not None:
            expected = previous + change
            if reported is not None and reported != expected:
                flag = (f"reported {_fmt(reported)} but previous {_fmt(previous)} "
                        f"{'+' if change >= 0 else '-'} {_fmt(abs(change))} = {_fmt(expected)}")
    position = reported if reported is not None else expected
    entry = {
        "exercise_price": row.get("exercise_price"),
        "expiration_date": row.get("expiration_date"),
        "direct_indirect": row.get("direct_indirect"),
        "nature_of_ownership": row.get("nature_of_ownership"),
        "date": row["_date"],
        "document_type": row["_document_type"],
        "kind": row.get("kind"),
        "transaction_code": row.get("transaction_code"),
        "acquired_disposed": row.get("acquired_disposed"),
        "change": _plain(change),
        "previous": _plain(previous),
        "expected": _plain(expected),
        "reported": _plain(reported),
        "position": _plain(position),
        "flag": flag,
        "source": row["_source"],
    }
    return entry, position


def _plain(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _fmt(value: Decimal) -> str:
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"
