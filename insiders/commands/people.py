"""`insiders people`: the insider roster across every document under the paths.

Thin shell: reads all records (``commands.collect_records``), builds the roster
with ``insiders.roster.build_roster`` and writes it with ``commands.emit_flat``.
JSON and JSONL keep the structured lists (roles, holdings, options); table and
CSV get one readable cell per list.
"""

from __future__ import annotations

import os

from . import OutputOptions, check_output_not_input, collect_records, emit_flat, exit_code, stderr_line

COLUMNS = ("issuer", "ticker", "person", "roles", "holdings", "options", "documents")
JSON_COLUMNS = ("issuer", "ticker", "issuer_cik", "person", "cik", "is_entity", "roles", "holdings", "options",
                "documents", "names_seen")


def _number(value) -> str:
    if value is None:
        return "?"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def _money(value) -> str:
    """``2.6`` -> ``2.60``; more decimals are kept as filed."""
    text = _number(value)
    if "." in text and len(text.split(".")[1]) == 1:
        text += "0"
    return text


def _where(entry: dict) -> str:
    kind = entry.get("document_type") or ""
    label = f"Form {kind}" if kind[:1] in "345" else kind.replace("_", " ")
    return ", ".join(x for x in (label, entry.get("date") or entry.get("as_of")) if x)


def describe_role(role: dict) -> str:
    """``COO and President (Form 3, 2013-10-01)``; ``attorney-in-fact for X (...)``."""
    if role["role"] == "attorney-in-fact":
        text = "attorney-in-fact" + (f" for {role['for']}" if role.get("for") else "")
    elif role["role"] in ("officer", "executive", "other", "contact") and role.get("title"):
        text = role["title"]
    else:
        text = {"director": "Director", "10% owner": "10% Owner", "contact": "press contact"}.get(role["role"], role["role"])
        if role.get("title"):
            text = f"{text}: {role['title']}"
    return f"{text} ({_where(role)})"


def describe_holding(holding: dict) -> str:
    nature = f", {holding['nature_of_ownership']}" if holding.get("nature_of_ownership") else ""
    return f"{_number(holding['shares'])} {holding.get('security') or '?'} {holding.get('direct_indirect') or '?'}{nature}"


def describe_option(option: dict) -> str:
    price = f" at ${_money(option['exercise_price'])}" if option.get("exercise_price") is not None else ""
    expires = f", expires {option['expiration_date']}" if option.get("expiration_date") else ""
    return f"{_number(option['shares'])} {option.get('security') or '?'}{price}{expires}"


def flatten(row: dict, short_paths: bool = False) -> dict:
    """One roster row with each list as one readable cell (file names only with ``short_paths``)."""
    documents = [os.path.basename(d) for d in row["documents"]] if short_paths else row["documents"]
    return dict(
        row,
        roles="; ".join(describe_role(r) for r in row["roles"]),
        holdings="; ".join(describe_holding(h) for h in row["holdings"]),
        options="; ".join(describe_option(o) for o in row["options"]),
        documents="; ".join(documents),
        names_seen="; ".join(row["names_seen"]),
    )


def run(paths: list[str], opts: OutputOptions) -> int:
    from ..roster import build_roster

    check_output_not_input(paths, opts.output)
    records, summary = collect_records(paths, opts)
    rows = build_roster(records)
    fmt = opts.resolved_format()
    if fmt in ("json", "jsonl"):
        emit_flat(rows, JSON_COLUMNS, opts, title="People")
    else:
        emit_flat([flatten(r, short_paths=fmt == "table") for r in rows], COLUMNS if fmt == "table" else JSON_COLUMNS, opts, title="People")
    stderr_line(summary.line() + f"; {len(rows):,} people")
    return exit_code(summary, opts)
