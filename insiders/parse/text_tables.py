"""Tables I and II of a Form 3/4/5 read from text, whatever converter made it.

``parse_tables(text, form_type, record)`` finds Table I (non-derivative) and
Table II (derivative), reads every data row into an ``insiders.model.Row`` with
evidence (offsets into ``text``) and footnote ids per cell, and appends them to
``record.non_derivative`` / ``record.derivative``: transactions first, then
holdings, each in filing order.

Here: each table's column set (Form 3's, or a transaction table's with or
without the "V" column) from its header, html tables left in markdown, rows
from explicit cells (pipe, tab and grid lines split into cells), and flowing
text (lynx) cut into rows.

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
        _column_set(table, form_type)
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
                _infer_direction(row, record, f"derivative/{k}")
                if row.kind == "transaction" and row.transaction_code is None:
                    record.warn(f"Table II row {k + 1}: the transaction code could not be read.")
        else:
            for k, row in enumerate(target[base:], start=base):
                if row.kind == "transaction" and row.transaction_code is None:
                    record.warn(f"Table I row {k + 1}: the transaction code could not be read.")


# ---------------------------------------------------------------- (A) or (D) from the code

# Table II amounts whose column is lost: the code tells the direction when it is
# unambiguous for the derivative security itself.
_CODE_DIRECTION = {
    "A": "A", "P": "A", "L": "A",                      # grant, purchase, small acquisition
    "S": "D", "F": "D", "M": "D", "X": "D", "C": "D",  # sale, tax, exercise, conversion
    "E": "D", "H": "D", "O": "D", "U": "D", "D": "D",  # expiry, cancel, tender, to issuer
}


def _infer_direction(row: Row, record: Record, path: str) -> None:
    """Set a Table II row's A/D from its code when the layout hid the column."""
    if row.acquired_disposed is not None or row.transaction_code is None:
        return
    if row.shares is None and row.total_value is None:  # "$2,500,000" where shares would stand
        return
    direction = _CODE_DIRECTION.get(row.transaction_code)
    if direction is None:
        record.warn(f"{path}: cannot tell whether the amount was acquired or disposed of.")
        return
    row.acquired_disposed = direction
    record.infer(f"{path}/acquired_disposed")


# ---------------------------------------------------------------- one table

def _column_set(table: L.TableText, form_type: str) -> None:
    """Which columns the table prints: Form 3's (holdings only) or a transaction
    table's, with or without Form 4's "V" column.  A Form 3 needs no look at the
    header; a Form 4's transaction words are looked for line by line."""
    if form_type.startswith("3"):
        table.has_v, table.form3 = True, True
    elif form_type[:1] == "4":
        # a transaction table unless no header line says "Transaction" or "Deemed"
        # (without those words the transaction-column test below cannot hold either)
        table.has_v = True
        table.form3 = not _has_transaction_line(table)
    else:
        head = _table_header(table)
        table.has_v = not form_type.startswith("5") or _header_has(_V_COLUMN, head)
        if form_type[:1] == "5" and _header_has(_TRANSACTION_HEADER, head):
            table.form3 = False
        else:
            table.form3 = not _header_has(_TRANSACTION_COLUMNS, head)


def _table_header(table: L.TableText) -> str:
    """The table's header: those of its first 40 lines that have header words, joined."""
    if table.header is None:
        table.header = " ".join(ln.text for ln in table.head_lines if L.has_header_words(ln.text))
    return table.header


def _has_transaction_line(table: L.TableText) -> bool:
    """``_header_has(_TRANSACTION_HEADER, _table_header(table))``: its matches never
    hold a space (none can run from one header line into the next), so the lines
    are tried in order and the rest is not looked at after a match.  On an ASCII
    line the pattern (two words, case-blind) is a ``in`` of the lowered line."""
    if table.header is not None:
        return _header_has(_TRANSACTION_HEADER, table.header)
    for ln in table.head_lines:
        text = ln.text
        if text.isascii():
            low = text.lower()
            found = "transaction" in low or "deemed" in low
        else:
            found = _TRANSACTION_HEADER.search(text) is not None
        if found and L.has_header_words(text):
            return True
    return False


# (pattern, header text) -> found: the headers of one converter repeat from filing to filing.
_HEADER_HITS: dict[tuple[re.Pattern, str], bool] = {}


def _header_has(pattern: re.Pattern, head: str) -> bool:
    """``pattern.search(head) is not None``, cached per header text."""
    key = (pattern, head)
    got = _HEADER_HITS.get(key)
    if got is None:
        got = pattern.search(head) is not None
        if len(_HEADER_HITS) >= 5_000:
            _HEADER_HITS.clear()
        _HEADER_HITS[key] = got
    return got


def _is_stream(table: L.TableText) -> bool:
    return L.classes_and_layout(table)[1] == "stream"


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
# Header words only a transaction table (Forms 4 and 5) prints.
_TRANSACTION_COLUMNS = re.compile(r"Transaction\s+(?:Date|Code)|Deemed", re.I)
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
    if table.lines and source.find("<td", table.lines[0].start, table.lines[-1].end) >= 0:
        return _html_table(text, source, table, grammars)
    classes, layout = L.classes_and_layout(table)
    if layout in ("pipe", "tab", "grid"):
        if layout == "grid":
            raws = _grid_rows(text, table, classes)
        else:
            sep = "|" if layout == "pipe" else "\t"
            raws = [L.RawRow(cells=_split_cells(text, ln, sep))
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
    for group in _flow_groups(table, classes):
        rows.extend(_rows_from_flow(text, group, table, grammars))
    return rows


# ---------------------------------------------------------------- explicit cells

_TR = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.I | re.S)
_TD = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t[dh]\s*>", re.I | re.S)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)


def _html_rows(text: str, start: int, end: int) -> list[list[tuple[int, int, bool]]]:
    """Rows of an html table in text[start:end]: cells as (start, end, is_header)."""
    rows = []
    for tr in _TR.finditer(text, start, end):
        cells = []
        for td in _TD.finditer(text, tr.start(1), tr.end(1)):
            span = _COLSPAN.search(td.group(2))
            cells.append((td.start(3), td.end(3), td.group(1).lower() == "h"))
            for _ in range(int(span.group(1)) - 1 if span else 0):
                cells.append((td.end(3), td.end(3), td.group(1).lower() == "h"))
        rows.append(cells)
    return rows


def _html_table(text: str, source: str, table: L.TableText, grammars: tuple) -> list[Row]:
    """An html table left in markdown (pandoc's gfm/markdown for complex tables)."""
    full = _full(table)
    rows = []
    for cells in _html_rows(source, table.lines[0].start, table.lines[-1].end):
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


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _split_cells(text: str, line: L.Line, sep: str) -> list[list[R.Atom]]:
    """Explicit cells of one line, each tokenised (offsets into ``text``)."""
    body = line.text
    if sep == "|" and "\\|" in body:  # an escaped pipe is not a cell border
        bounds, prev = [], 0
        for m in _UNESCAPED_PIPE.finditer(body):
            bounds.append((prev, m.start()))
            prev = m.end()
        bounds.append((prev, len(body)))
    else:
        bounds, prev = [], 0
        for part in body.split(sep):
            end = prev + len(part)
            bounds.append((prev, end))
            prev = end + 1
    # gfm / grid: "| a | b |" has empty text outside its outer pipes.
    if sep == "|" and body.lstrip().startswith("|"):
        bounds = bounds[1:]
        if bounds and not body[bounds[-1][0]:bounds[-1][1]].strip():
            bounds = bounds[:-1]
    base = line.start
    return [R.tokenize(text, base + s, base + e) for s, e in bounds]


def _grid_rows(text: str, table: L.TableText, classes: list[str]) -> list[L.RawRow]:
    """Pandoc grid tables: cells between '|' that may run over several lines."""
    rows: list[L.RawRow] = []
    block: list[L.Line] = []
    has_data = [False]

    def flush() -> None:
        if not block:
            return
        if not has_data[0]:
            block.clear()
            return
        has_data[0] = False
        merged: list[list[R.Atom]] = []
        for ln in block:
            for k, cell in enumerate(_split_cells(text, ln, "|")):
                while len(merged) <= k:
                    merged.append([])
                merged[k].extend(cell)
        rows.append(L.RawRow(cells=[_rejoin_marks(c) for c in merged]))
        block.clear()

    for ln, cls in zip(table.lines, classes):
        if cls == "rule" or cls == "blank":
            flush()
        elif ln.text.lstrip().startswith("|"):
            block.append(ln)
            has_data[0] = has_data[0] or cls == "data"
    flush()
    return rows


def _rejoin_marks(atoms: list[R.Atom]) -> list[R.Atom]:
    """Mend a footnote mark a cell wrapped apart ("$57.3^" over "(1)")."""
    for k in range(len(atoms) - 1):
        a, b = atoms[k], atoms[k + 1]
        if a.core.endswith("^") and b.kind == "MARK":
            core = a.core.rstrip("^")
            atoms[k] = R.Atom(R.classify_money(core), core, a.marks + b.marks, a.start, a.end, a.x, True)
            atoms[k + 1] = R.Atom("MARK", "", [], b.start, b.end, b.x, False)
    return atoms


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
    sigs = R.shape(atoms)
    g = _best_grammar(atoms, grammars, sigs)[1]
    cost, cols = R.align(atoms, g, sigs)
    return cost, g, cols


def _best_grammar(atoms: list[R.Atom], grammars: tuple, sigs: tuple | None = None) -> tuple[float, tuple]:
    """The least cost over the grammars, and the grammar (ties read as a holding)."""
    if sigs is None:
        sigs = R.shape(atoms)
    best = (R.INF, grammars[0])
    for g in grammars:
        cost = R.align_cost(atoms, g, sigs)
        if g is grammars[0] and len(grammars) > 1:
            cost += 0.1  # a tie reads as a holding
        if cost < best[0]:
            best = (cost, g)
    return best


def _row_from_atoms(text, atoms, table, grammars, labels) -> Row | None:
    atoms = R.merge_words([a for a in atoms if a.kind != "W" or a.core not in _ECHO_WORDS], text)
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


# Sub-header words a copy may leave among a row's atoms.
_ECHO_WORDS = frozenset({"(Instr.", "(A)", "(D)"})


def _flow_groups(table: L.TableText, classes: list[str]) -> list[list[L.Line]]:
    """Flowing text: the data and word lines from the first data line on, in
    groups that a header line (a page break) separates.  The caller decides
    which lines continue the row before them (a dump at 80 columns wraps rows,
    so a row's last cell may stand alone on the next line).
    """
    groups: list[list[L.Line]] = []
    current: list[L.Line] | None = None
    for ln, c in zip(table.lines, classes):
        if c == "data":
            if current is None:
                current = []
                groups.append(current)
            current.append(ln)
        elif c == "words" and current is not None:
            current.append(ln)
        elif c == "header":
            current = None
    return groups


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
