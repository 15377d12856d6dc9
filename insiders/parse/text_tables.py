"""Tables I and II of a Form 3/4/5 read from text, whatever converter made it.

``parse_tables(text, form_type, record)`` finds Table I (non-derivative) and
Table II (derivative), reads every data row into an ``insiders.model.Row`` with
evidence (offsets into ``text``) and footnote ids per cell, and appends them to
``record.non_derivative`` / ``record.derivative``: transactions first, then
holdings, each in filing order.

Called by ``text_form`` (which reads header, owners, footnotes, signatures).
``text_layout`` finds the tables and their layout; ``text_pdf`` reads plain
pdftotext (one cell per paragraph), ``text_pdf_layout`` spaced columns
(pdftotext -layout, pandoc plain, w3m); ``text_rows`` aligns typed tokens to
columns and builds the rows.  What cannot be read becomes a warning;
an inferred value (a Table II amount's A/D from its code) is listed in
``record.inferred``.
"""

from __future__ import annotations

import re

from ..model import Record, Row
from . import text_layout as L
from . import text_pdf as P
from . import text_pdf_layout as PL
from . import text_rows as R

# Sub-header labels a PDF copy may leave inside data cells ("Code", "(A) 62,500",
# "Title Common", "Number of Shares", "(Instr. 4) 62,500").
_ECHO_PREFIX = re.compile(
    r"\s*(?:\(Instr\.\s*[\d,\sand]*\)|\((?:A|D)\)|Title|Code|Amount\s+or\s+Number\s+of\s+Shares"
    r"|Number\s+of\s+Shares|Date\s+Exercisable|Expiration\s+Date)(?=\s|$)\s*",
    re.I,
)


def parse_tables(text: str, form_type: str, record: Record) -> None:
    """Append the rows of Tables I and II found in ``text`` to ``record``."""
    scan, start = L.prepare(text)
    if start < 0:
        return
    tables = L.find_tables(scan, start)
    if tables and _is_stream(tables[0]):
        P.move_leaked_columns(tables)
    for table in tables:
        table.has_v = not form_type.startswith("5") or L.header_has(_V_COLUMN, table.header)
        if form_type.startswith("3"):
            table.form3 = True
        elif form_type[:1] in ("4", "5") and L.header_has(_TRANSACTION_HEADER, table.header):
            table.form3 = False
        rows = _read_table(scan, text, table)
        if scan is not text:
            for row in rows:  # evidence quotes the document, markup and all
                for ev in row.evidence.values():
                    ev.text = text[ev.start:ev.end]
        transactions = [r for r in rows if r.kind == "transaction"]
        holdings = [r for r in rows if r.kind == "holding"]
        target = record.derivative if table.derivative else record.non_derivative
        base = len(target)
        target.extend(transactions + holdings)
        if table.derivative:
            for k, row in enumerate(target[base:], start=base):
                R.infer_direction(row, record, f"derivative/{k}")
                if row.kind == "transaction" and row.transaction_code is None:
                    record.warn(f"Table II row {k + 1}: the transaction code could not be read.")
        else:
            for k, row in enumerate(target[base:], start=base):
                if row.kind == "transaction" and row.transaction_code is None:
                    record.warn(f"Table I row {k + 1}: the transaction code could not be read.")


# ---------------------------------------------------------------- one table

def _is_stream(table: L.TableText) -> bool:
    return L.layout_of(table, [L.line_class(ln.text) for ln in table.lines]) == "stream"


def _grammars(table: L.TableText) -> tuple[tuple, ...]:
    """The column grammars a row of this table may follow (transaction first)."""
    if table.derivative:
        found = (R.T2_HOLDING_F3,) if table.form3 else (R.T2_TRANSACTION, R.T2_HOLDING_F4)
    else:
        found = (R.T1_HOLDING,) if table.form3 else (R.T1_TRANSACTION, R.T1_HOLDING)
    return tuple(_without_v(g, table) for g in found)


def _full(table: L.TableText) -> tuple:
    if table.derivative:
        return _without_v(R.FULL_T2_F3 if table.form3 else R.FULL_T2_F4, table)
    return _without_v(R.FULL_T1_F3 if table.form3 else R.FULL_T1_F4, table)


_TRANSACTION_HEADER = re.compile(r"Transaction|Deemed", re.I)
# Form 5 prints no "V" column: its sub-header goes "Code | Amount".
_V_COLUMN = re.compile(r"\bCode\b[\W_]{0,300}?\bV\b")


def _without_v(grammar: tuple, table: L.TableText) -> tuple:
    if table.has_v:
        return grammar
    return tuple(col for col in grammar if col[0] != "voluntary")


def _read_table(text: str, source: str, table: L.TableText) -> list[Row]:
    """Rows of one table; ``text`` is the masked document, ``source`` the document."""
    grammars = _grammars(table)
    rows: list[Row] = []
    if table.lines and "<td" in source[table.lines[0].start:table.lines[-1].end]:
        return _html_table(text, source, table, grammars)
    classes = [L.line_class(ln.text) for ln in table.lines]
    layout = L.layout_of(table, classes)
    if layout in ("pipe", "tab", "grid"):
        if layout == "grid":
            raws = L.grid_rows(text, table, classes)
        else:
            sep = "|" if layout == "pipe" else "\t"
            raws = [L.RawRow(cells=L.split_cells(text, ln, sep))
                    for ln, c in zip(table.lines, classes) if c == "data"]
        full = _full(table)
        for raw in raws:
            row = _row_from_cells(text, raw.cells or [], full, table, grammars, tab=layout == "tab")
            if row is not None:
                rows.append(row)
        return rows
    if layout == "stream":
        return P.stream_rows(text, table, grammars)
    if layout == "spaced":
        labels = PL.label_positions(table)
        for raw in PL.spaced_rows(text, table, classes):
            row = _row_from_atoms(text, raw.atoms, table, grammars, labels)
            if row is not None:
                rows.append(row)
        return rows
    for group in L.flow_rows(text, table, classes):
        rows.extend(_rows_from_flow(text, group, table, grammars))
    return rows


# ---------------------------------------------------------------- explicit cells

def _html_table(text: str, source: str, table: L.TableText, grammars: tuple) -> list[Row]:
    """An html table left in markdown (pandoc's gfm/markdown for complex tables)."""
    full = _full(table)
    rows = []
    for cells in L.html_rows(source, text, table.lines[0].start, table.lines[-1].end):
        if not cells or all(h for _, _, h in cells):
            continue
        flat = " ".join(text[s:e] for s, e, _ in cells).replace("\n", " ")
        if L.line_class(flat) != "data":
            continue
        atoms = [R.tokenize(text, s, e) for s, e, _ in cells]
        row = _row_from_cells(text, atoms, full, table, grammars)
        if row is not None:
            rows.append(row)
    return rows


def _strip_echo(cells: list[list[R.Atom]], text: str) -> tuple[list[list[R.Atom]], bool]:
    """Drop sub-header words a PDF copy left at the start of data cells."""
    echoed = False
    out = []
    for cell in cells:
        if cell:
            s, e = cell[0].start, cell[-1].end
            m = _ECHO_PREFIX.match(text, s, e)
            while m and m.end() > s:
                echoed = True
                s = m.end()
                m = _ECHO_PREFIX.match(text, s, e)
            if s != cell[0].start:
                cell = [a for a in cell if a.start >= s]
        out.append(cell)
    return out, echoed


def _row_from_cells(text, cells, full, table, grammars, tab=False) -> Row | None:
    cells, echoed = _strip_echo(cells, text)
    n = len(full)
    if len(cells) > n and all(not c for c in cells[n:]):
        cells = cells[:n]
    if len(cells) == n or (len(cells) == n - 1 and tab):
        by_role: dict[str, list[R.Atom]] = {}
        for (role, _), cell in zip(full, cells):
            if not cell:
                continue
            if echoed and role == "voluntary" and len(cell) == 1 and cell[0].core == "V":
                continue  # the "V" column label, not a value
            by_role[role] = R.merge_words(cell, text)
        if not by_role:
            return None
        kind = "transaction" if any(r in R.TRANSACTION_ROLES for r in by_role) and not table.form3 else "holding"
        return R.build_row(text, R.Cells(by_role), table.derivative, kind)
    # Cell count does not match the printed table: align the cells' tokens instead.
    atoms = [a for cell in cells for a in cell]
    return _row_from_atoms(text, atoms, table, grammars, {})


# ---------------------------------------------------------------- atoms (spaced and flowing text)

def _best(atoms: list[R.Atom], grammars: tuple) -> tuple[float, tuple, list]:
    g = _best_grammar(atoms, grammars)[1]
    cost, cols = R.align(atoms, g)
    return cost, g, cols


def _best_grammar(atoms: list[R.Atom], grammars: tuple) -> tuple[float, tuple]:
    """The least cost over the grammars, and the grammar (ties read as a holding)."""
    best = (R.INF, grammars[0])
    for g in grammars:
        cost = R.align_cost(atoms, g)
        if g is grammars[0] and len(grammars) > 1:
            cost += 0.1  # a tie reads as a holding
        if cost < best[0]:
            best = (cost, g)
    return best


def _row_from_atoms(text, atoms, table, grammars, labels) -> Row | None:
    atoms = R.merge_words([a for a in atoms if a.kind != "W" or not _is_echo_word(a.core)], text)
    if not atoms:
        return None
    cost, grammar, cols = _best(atoms, grammars)
    if cost == R.INF:
        return None
    cells = R.cells_from_alignment(grammar, cols)
    kind = "holding" if grammar in (R.T1_HOLDING, R.T2_HOLDING_F4, R.T2_HOLDING_F3) else "transaction"
    row = R.build_row(text, cells, table.derivative, kind)
    amount = cells.roles.get("amount")
    if amount and labels and row.shares is not None:
        values = [a for a in amount if a.kind == "NUM"]
        if values and values[0].x >= 0:
            x = values[0].x + (values[0].end - values[0].start) / 2
            row.acquired_disposed = "A" if abs(x - labels["A"]) < abs(x - labels["D"]) else "D"
            row.evidence["acquired_disposed"] = row.evidence["shares"]
    return row


_ECHO_WORDS = frozenset({"(Instr.", "(A)", "(D)"})


def _is_echo_word(word: str) -> bool:
    return word in _ECHO_WORDS


def _rows_from_flow(text, group, table, grammars) -> list[Row]:
    """Flowing text: join a line to the row before it when that explains both better.

    A line of words only that was joined to the row before may instead open
    the next row (a title stacked above its row: "Common" / values / "Stock").
    """
    pieces: list[list[R.Atom]] = [R.merge_words(R.tokenize(text, ln.start, ln.end), text) for ln in group]
    rows_atoms: list[list[R.Atom]] = []
    costs: list[float] = []
    last_words: list[list[R.Atom] | None] = []  # per row: its last line, when words only and joined
    for atoms in pieces:
        if not atoms:
            continue
        alone = _best_grammar(atoms, grammars)[0]
        if rows_atoms and last_words[-1] is not None and alone >= 1.0:
            words = last_words[-1]
            before = [a for a in rows_atoms[-1] if a.start < words[0].start]
            moved = R.merge_words(words + atoms, text)
            c_before = _best_grammar(R.merge_words(before, text), grammars)[0]
            c_moved = _best_grammar(moved, grammars)[0]
            if c_before + c_moved + 0.25 < costs[-1] + alone:
                rows_atoms[-1], costs[-1], last_words[-1] = R.merge_words(before, text), c_before, None
                rows_atoms.append(moved)
                costs.append(c_moved)
                last_words.append(None)
                continue
        if rows_atoms and (alone >= 0.25 or costs[-1] >= 0.25):
            joined_atoms = R.merge_words(rows_atoms[-1] + atoms, text)
            joined = _best_grammar(joined_atoms, grammars)[0]
            if joined + 0.25 < costs[-1] + alone:
                rows_atoms[-1] = joined_atoms
                costs[-1] = joined
                last_words[-1] = atoms if all(a.kind in ("W", "L", "MARK") for a in atoms) else None
                continue
        rows_atoms.append(atoms)
        costs.append(alone)
        last_words.append(None)
    out = []
    for atoms in rows_atoms:
        row = _row_from_atoms(text, atoms, table, grammars, {})
        if row is not None:
            out.append(row)
    return out
