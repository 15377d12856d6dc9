"""`insiders show FILE`: one document, laid out for a person to check it fast.

The default view is a header (type, issuer, owners and roles, dates, input
format), Tables I and II, footnotes, vesting terms with their tranches, powers
of attorney, offering and people (press releases), inferred values and warnings.
``--source`` prints the document text itself with every span the extraction
used highlighted, and under each such line (↳) the fields it filled;
what nothing used is dimmed, so what was missed stands out.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..emit.table import fmt_number
from ..model import Record, Row

_LABEL_STYLE = "cyan"
_USED_STYLE = "bold black on yellow"


def run(path: str, *, source: bool = False, color: bool | None = None, width: int | None = None) -> int:
    from .. import InsidersError, iter_extract

    use_color = sys.stdout.isatty() if color is None else color
    console = Console(
        file=sys.stdout, width=width, no_color=not use_color, force_terminal=use_color or None,
        color_system="auto" if use_color else None, highlight=False, emoji=False,
    )
    if width is None and not sys.stdout.isatty():
        console.width = 120
    code = 0
    for item in iter_extract([path]):
        if isinstance(item, InsidersError):
            sys.stderr.write(f"insiders: {item}\n")
            code = 1
            continue
        console.print(render_source(item) if source else render(item, width=console.width))
        if item.document_type == "unknown":
            code = 1
    return code


# ---------------------------------------------------------------- the default view

def render(record: Record, width: int = 120) -> Group:
    parts: list = [_header(record)]
    if record.non_derivative:
        parts.append(_rows_table("Table I — Non-Derivative Securities", record.non_derivative, _TABLE_I, width))
    if record.derivative:
        parts.extend(_derivative_tables(record.derivative, width))
    if record.offering is not None:
        parts.append(_offering(record))
    if record.people:
        people = Table(title="People named", title_justify="left")
        for column in ("name", "title", "organization", "role"):
            people.add_column(column, overflow="fold")
        for person in record.people:
            people.add_row(person.name, person.title or "", person.organization or "", person.role)
        parts.append(people)
    if record.footnotes:
        parts.append(_section("Footnotes", [f"({f.id}) {f.text}" for f in record.footnotes]))
    if record.remarks:
        parts.append(_section("Remarks", [record.remarks]))
    if record.vesting:
        parts.append(_vesting(record))
    if record.powers_of_attorney:
        lines = []
        for poa in record.powers_of_attorney:
            who = ", ".join(poa.attorneys_in_fact) or "?"
            lines.append(f"{poa.grantor or '?'} appoints {who}"
                         + (f" ({poa.company})" if poa.company else "")
                         + (f", executed {poa.date.isoformat()}" if poa.date else ""))
        parts.append(_section("Powers of attorney", lines))
    if record.inferred:
        parts.append(_section("Inferred (not read)", record.inferred))
    if record.warnings:
        parts.append(_section("Warnings", record.warnings, style="yellow"))
    return Group(*parts)


def _header(record: Record) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    kind = record.document_type
    title = f"Form {kind}" if record.is_form else kind.replace("_", " ")
    grid.add_row("Document", f"{title} · {record.input_format} · {record.source}")
    if record.accession_number:
        grid.add_row("Accession", record.accession_number)
    issuer = record.issuer
    if issuer.name or issuer.trading_symbol:
        name = issuer.name or ""
        if issuer.trading_symbol:
            name += f" [{issuer.trading_symbol}]"
        if issuer.cik:
            name += f"  CIK {issuer.cik}"
        grid.add_row("Issuer", name)
    if record.period_of_report:
        label = "Date of event" if kind.startswith("3") else "Period of report"
        grid.add_row(label, record.period_of_report.isoformat())
    if record.date_of_original_submission:
        grid.add_row("Original filed", record.date_of_original_submission.isoformat())
    for index, owner in enumerate(record.reporting_owners):
        role = owner.relationship.describe() or "relationship not stated"
        address = ", ".join(filter(None, [owner.address.street1, owner.address.street2, owner.address.city,
                                          " ".join(filter(None, [owner.address.state, owner.address.zip]))]))
        name = owner.display_name or owner.name or "?"
        if owner.name and owner.name != name:
            name += f" (filed as {owner.name})"
        grid.add_row("Reporting person" if index == 0 else "", f"{name} — {role}" + (f"\n{address}" if address else ""))
    flags = []
    if record.aff10b5one:
        flags.append("Rule 10b5-1 plan")
    if record.not_subject_to_section16:
        flags.append("no longer subject to Section 16")
    if record.no_securities_owned:
        flags.append("no securities beneficially owned")
    if flags:
        grid.add_row("Boxes", ", ".join(flags))
    for index, sig in enumerate(record.signatures):
        text = sig.name + (f"  {sig.date.isoformat()}" if sig.date else "")
        if sig.attorney_in_fact:
            text += "  (attorney-in-fact)"
        grid.add_row("Signed" if index == 0 else "", text)
    return grid


def _marks(row: Row, name: str) -> str:
    ids = row.footnotes.get(name)
    return "".join(f"({i})" for i in ids) if ids else ""


def _cell(row: Row, name: str, money: bool = False) -> str:
    value = getattr(row, name)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
    elif value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        text = fmt_number(float(value) if value != int(value) else int(value), money=money)
    return text + _marks(row, name)


_TABLE_I = (
    ("security", "security_title", False), ("date", "transaction_date", False), ("code", "transaction_code", False),
    ("shares", "shares", False), ("A/D", "acquired_disposed", False), ("price", "price_per_share", True),
    ("owned after", "shares_owned_following", False), ("D/I", "direct_indirect", False),
    ("nature", "nature_of_ownership", False),
)
_TABLE_II = (
    ("security", "security_title", False), ("exercise", "exercise_price", True), ("date", "transaction_date", False),
    ("code", "transaction_code", False), ("shares", "shares", False), ("A/D", "acquired_disposed", False),
    ("exercisable", "date_exercisable", False), ("expires", "expiration_date", False),
    ("underlying", "underlying_title", False), ("underl. shares", "underlying_shares", False),
    ("price", "price_per_share", True), ("owned after", "shares_owned_following", False),
    ("D/I", "direct_indirect", False), ("nature", "nature_of_ownership", False),
)
_TABLE_II_TRADE = tuple(c for c in _TABLE_II if c[0] not in ("exercisable", "expires", "underlying", "underl. shares"))
_TABLE_II_TERMS = tuple(c for c in _TABLE_II if c[0] in ("security", "exercise", "exercisable", "expires", "underlying",
                                                         "underl. shares"))
_NUMERIC = ("shares", "owned after", "underl. shares")


_TEXT_COLUMNS = ("security", "underlying", "nature")


def _rows_table(title: str, rows: list[Row], columns, width: int) -> Table:
    """Rows as a table: columns empty in every row are left out, numbers never wrap."""
    cells = [[_cell(row, name, money) for _, name, money in columns] for row in rows]
    keep = [i for i, (header, _, _) in enumerate(columns)
            if header == "security" or any(row[i] for row in cells)]
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("#", justify="right", no_wrap=True)
    for i in keep:
        header, _, money = columns[i]
        longest = max([len(header)] + [len(row[i]) for row in cells])
        if header in _TEXT_COLUMNS:
            word = max([len(w) for row in cells for w in row[i].split()] + [len(header)])
            table.add_column(header, overflow="fold", min_width=min(word, 12), max_width=32)
        else:
            table.add_column(header, justify="right" if money or header in _NUMERIC else "left",
                             no_wrap=True, min_width=longest)
    for index, (row, values) in enumerate(zip(rows, cells), 1):
        marker = "" if row.kind == "transaction" else " h"
        table.add_row(f"{index}{marker}", *[values[i] for i in keep])
    notes = ["(n) marks a footnote"] if any(r.footnotes for r in rows) else []
    if any(r.kind == "holding" for r in rows):
        notes.append("h: a holding, not a transaction")
    if notes:
        table.caption = "; ".join(notes)
        table.caption_justify = "left"
    return table


def _derivative_tables(rows: list[Row], width: int) -> list[Table]:
    """Table II in one table when it fits the width, else two: the rows, then their terms."""
    whole = _rows_table("Table II — Derivative Securities", rows, _TABLE_II, width)
    if _natural_width(rows, _TABLE_II) <= width:
        return [whole]
    return [
        _rows_table("Table II — Derivative Securities", rows, _TABLE_II_TRADE, width),
        _rows_table("Table II — terms", rows, _TABLE_II_TERMS, width),
    ]


def _natural_width(rows: list[Row], columns) -> int:
    total = 6
    for header, name, money in columns:
        values = [_cell(row, name, money) for row in rows]
        if header != "security" and not any(values):
            continue
        longest = max([len(header)] + [len(v) for v in values])
        total += (min(longest, 24) if header in _TEXT_COLUMNS else longest) + 3
    return total


def _offering(record: Record) -> Table:
    offering = record.offering
    grid = Table(title="Offering", title_justify="left", show_header=False)
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in (
        ("date", offering.date.isoformat() if offering.date else None), ("place", offering.place),
        ("issuer", offering.issuer_name), ("type", offering.offering_type), ("security", offering.security),
        ("amount", fmt_number(int(offering.amount) if offering.amount is not None and offering.amount == int(offering.amount) else (float(offering.amount) if offering.amount is not None else None), money=True)),
        ("price per share", fmt_number(float(offering.price_per_share), money=True) if offering.price_per_share is not None else None),
        ("shares", fmt_number(int(offering.shares)) + (" (inferred)" if "offering/shares" in record.inferred else "") if offering.shares is not None else None),
        ("use of proceeds", offering.use_of_proceeds),
    ):
        if value:
            grid.add_row(label, value)
    return grid


def _vesting(record: Record) -> Group:
    parts: list = [Text("Vesting", style="bold")]
    for term in record.vesting:
        head = f"{term.row or '?'}"
        if term.footnote:
            head += f" (footnote {term.footnote})"
        head += f": {term.type}"
        if term.start_date:
            head += f" from {term.start_date.isoformat()}"
        if term.condition:
            head += f"; condition: {term.condition}"
        if term.acceleration:
            head += f"; acceleration: {term.acceleration}"
        parts.append(Padding(Text(head), (0, 0, 0, 2)))
        for tranche in term.schedule:
            shares = fmt_number(int(tranche.shares)) if tranche.shares is not None else "?"
            fraction = f" ({float(tranche.fraction) * 100:.4g}%)" if tranche.fraction is not None else ""
            parts.append(Text(f"    {tranche.date.isoformat()}  {shares:>12}{fraction}"))
    return Group(*parts)


def _section(title: str, lines: list[str], style: str | None = None) -> Group:
    """A heading and its lines, each indented so that wrapped text stays under its start."""
    return Group(Text(title, style="bold"), *[Padding(Text(line, style=style or ""), (0, 0, 0, 2)) for line in lines])


# ---------------------------------------------------------------- --source

def render_source(record: Record) -> Group:
    """The document text: used spans highlighted, their fields in the margin, the rest dimmed."""
    text = record.text or ""
    spans = [(ev.start, ev.end, path) for path, ev in record.iter_evidence()
             if ev.start is not None and ev.end is not None and ev.end > ev.start]
    header = Text(f"{record.source}: {len(spans)} values read from the text. Highlighted text was used; "
                  "the ↳ line under it names the fields it filled; dim text was not used.")
    if not spans:
        paths = [(path, ev) for path, ev in record.iter_evidence()]
        table = Table(title="Values and where they were read", title_justify="left")
        table.add_column("field")
        table.add_column("text", overflow="fold")
        table.add_column("element", overflow="fold")
        for path, ev in paths:
            table.add_row(path, ev.text, ev.path or "")
        return Group(header, table)
    by_line: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    import bisect

    for start, end, path in spans:
        by_line[bisect.bisect_right(starts, start) - 1].append((start, end, path))
    lines: list[Text] = [header]
    for number, line_start in enumerate(starts):
        line_end = starts[number + 1] - 1 if number + 1 < len(starts) else len(text)
        raw = text[line_start:line_end].replace("\t", " ")  # one column per tab keeps offsets true
        line = Text(raw, style="dim")
        labels = []
        for start, end, path in sorted(by_line.get(number, [])):
            line.stylize(_USED_STYLE, start - line_start, min(end, line_end) - line_start)
            labels.append(path)
        lines.append(line)
        if labels:
            lines.append(Text("  ↳ " + _group_labels(labels), style=_LABEL_STYLE))
    return Group(*lines)


def _group_labels(paths: list[str]) -> str:
    """'derivative/0: exercise_price, shares; issuer: name' -- one prefix per object."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        prefix, _, name = path.rpartition("/")
        fields = groups.setdefault(prefix, [])
        if name not in fields:
            fields.append(name)
    return "; ".join(f"{prefix}: {', '.join(names)}" if prefix else ", ".join(names)
                     for prefix, names in groups.items())
