"""Where Tables I and II are in a form's text, and how its rows are laid out.

Job: find each table's lines (between its "Table I"/"Table II" heading and the
next section), tell header lines from data lines, recognise the layout
(explicit cells: pipe, grid or tab tables; spaced columns: pandoc plain,
pdftotext -layout, w3m; flowing text: lynx dumps) and hand back, for every
table row, either its explicit cells or its atoms in reading order, with
the lines that continue it (stacked titles, wrapped rows) folded in.

Neighbours: ``text_rows`` types the atoms and aligns them to columns;
``text_tables`` drives both.  All offsets are into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text_rows import FILL, Atom, classify_money, tokenize

# ---------------------------------------------------------------- table headings and ends

TABLE_I_HEADING = re.compile(r"Table\s+I\b(?!I)[\s\-\u2013\u2014:*|\\\x00]{0,3000}Non-?\s*Derivative", re.I)
TABLE_II_HEADING = re.compile(r"Table\s+II\b[\s\-\u2013\u2014:*|\\\x00]{0,3000}Derivative", re.I)
# When a PDF copy lost the Table II heading, its first column header still says so.
TABLE_II_FALLBACK = re.compile(r"Title\s+of\s+Derivative", re.I)

SECTION_END = re.compile(
    r"""
      Explanation\s+of\s+Responses
    | Reporting\s+Owners
    | Name\s+and\s+Address\s+of\b
    | Address\s+of\s+Reporting
    | ^[ \t|*#]*Reminder:
    | SEC\s+147[345]
    | Persons\s+who\s+respond
    | Signature\s+of\s+Reporting\s+Person
    | ^[ \t|*#]*Relationships\b
    | ^[ \t|*#]*Signatures?[ \t*]*$
    """,
    re.I | re.M | re.X,
)

# ---------------------------------------------------------------- markup masking
#
# Markdown and HTML left in the text ("[12/16/2024]{.FormData}", "<span ...>",
# "^(1)^", "\\$", "**") become FILL characters of the same length, so that every
# offset into the masked text is an offset into the document text, and a value
# stays glued to its footnote mark ("[G]{.X}[^(1)^]{.Y}" -> "G(1)" plus FILLs).
# ``text_rows.tokenize`` drops FILL; line tests treat it as a space.

_MASKS = (
    re.compile(r"<[^<>]{0,400}>"),                        # html tags, even over lines
    re.compile(r"\*\*|__"),                                # bold
    re.compile(r"\^(?=\(?\d{1,3}\)?\^)|(?<=[\d)])\^"),         # pandoc superscript "^(1)^"
    re.compile(r"\\(?=[$()\[\].*_#|-])"),                   # markdown escapes "\\$"
)
_SPAN = re.compile(r"\[([^\[\]]{0,2000})\](\{[.#][^{}\n]{0,80}\})")


def _fill_span(m: re.Match) -> str:
    return FILL + m.group(1) + FILL * len(m.group(2)) + FILL


_ENTITY = re.compile(r"&(amp|lt|gt|quot|#39);")
_SPACES = re.compile(r"&nbsp;|&#160;")


def _fill(m: re.Match) -> str:
    return re.sub(r"[^\n]", FILL, m.group())


def mask(text: str) -> str:
    """The text with markup turned into FILL (same length, same line breaks)."""
    if not _MARKUP_HINT.search(text):
        return text
    for pattern in _MASKS:
        text = pattern.sub(_fill, text)
    for _ in range(4):  # pandoc spans "[Common Stock]{.FormData}", inner ones first
        masked = _SPAN.sub(_fill_span, text)
        if masked == text:
            break
        text = masked
    if _BOX_HINT.search(text):  # w3m box drawing -> a grid table
        text = text.translate(_BOX)
    text = _SPACES.sub(lambda m: " " * len(m.group()), text)
    text = _ENTITY.sub(lambda m: {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'"}[m.group(1)]
                       + FILL * (len(m.group()) - 1), text)
    return text


_MARKUP_HINT = re.compile(r"[<{\\^&\u2500-\u257f]|\*\*")
_BOX_HINT = re.compile(r"[\u2500-\u257f]")
_BOX = {c: "+" for c in range(0x2500, 0x2580)}
_BOX.update({ord(c): "|" for c in "│┃║"})
_BOX.update({ord(c): "-" for c in "─━═"})


# ---------------------------------------------------------------- html tables left in markdown

_TR = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.I | re.S)
_TD = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t[dh]\s*>", re.I | re.S)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)


def html_rows(text: str, scan: str, start: int, end: int) -> list[list[tuple[int, int, bool]]]:
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


# ---------------------------------------------------------------- header lines

HEADER_WORDS = re.compile(
    r"""
      Instr\.? | Month/Day/Year | Title\s+of | Transaction | Exercisable | Expiration
    | Amount | Number | Derivative | Beneficial | Ownership | Securit(?:y|ies) | \bCode\b
    | \bPrice\b | Form: | Direct\s*\(D\) | Indirect\s*\(I\) | \(A\)\s*or | \(D\) | \(A\)
    | Disposed | Acquired | Reported | Following | Deemed | Conversion | if\s+any
    | \bDate\b | \bShares\b | \bTitle\b | Underlying | Nature | Execution | Fiscal\s+Year
    """,
    re.I | re.X,
)
# Lower-case pieces one of which every HEADER_WORDS match contains (a fast pre-test).
_HEADER_KEYS = ("instr", "month/day", "title", "transaction", "exercisable", "expiration", "amount",
                "number", "derivative", "beneficial", "ownership", "securit", "code", "price", "form:",
                "(d)", "(i)", "(a)", "disposed", "acquired", "reported", "following", "deemed",
                "conversion", "if", "date", "shares", "underlying", "nature", "execution", "fiscal")


def has_header_words(line: str) -> bool:
    low = line.lower()
    return any(k in low for k in _HEADER_KEYS) and HEADER_WORDS.search(line) is not None


# Word-only lines made of nothing but header words (pdftotext stacks "Amount / or / Number / of / Shares").
HEADER_FRAGMENT = re.compile(
    r"""^[\s|]*(?:(?:Amount|or|Number|of|Shares|Date|Exercisable|Expiration|Title|Code|V|Price
    |\(A\)|\(D\)|\(A\)\s+or|Instr\.|and|\d\)|\(Instr\.|Transaction\(s\)|Reported|Owned|Following
    |Security|Securities|Direct|Indirect|\(I\)|Form:|Ownership|Beneficial|Beneficially)[\s|,]*)+$""",
    re.I | re.X,
)
# Header noise inside a line: "(Instr. 3, 4 and 5)", "2A." column numbers.
HEADER_NOISE = re.compile(r"\(?Instr\.[^)\n]*\)?|(?:^|(?<=\s))\d{1,2}[A-Z]?\.(?=\s)")

_TAB_OR_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_GAP = re.compile(r"\S(?: ?\S)*")  # runs separated by two or more spaces
_DASHES = re.compile(r"^[\s+|:=-]*-{3,}[\s+|:=-]*$")


@dataclass(slots=True)
class Line:
    start: int       # offset of the line in the text
    end: int
    text: str


@dataclass(slots=True)
class TableText:
    """One table's region: its lines, which table, which grammar family."""

    derivative: bool
    lines: list[Line]
    form3: bool = False  # Form 3 column set (holdings only)
    has_v: bool = True   # the "V" column (Forms 4; Form 5 has none)
    header: str = ""


@dataclass(slots=True)
class RawRow:
    """One data row as the layout gives it."""

    atoms: list[Atom] = field(default_factory=list)
    cells: list[list[Atom]] | None = None  # explicit cells, when the layout has them
    spaced: bool = False  # x positions mean columns


def _lines(text: str, start: int, end: int) -> list[Line]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def find_tables(text: str) -> list[TableText]:
    """Table I then Table II regions, each up to the next section."""
    m1 = TABLE_I_HEADING.search(text)
    search_from = m1.end() if m1 else 0
    m2 = TABLE_II_HEADING.search(text, search_from)
    if m2 is None:
        m2 = TABLE_II_FALLBACK.search(text, search_from)
        if m2 is not None:  # the region starts at that header line
            line_start = text.rfind("\n", 0, m2.start()) + 1
            m2_start, m2_end = line_start, line_start
        else:
            m2_start = m2_end = -1
    else:
        m2_start = text.rfind("\n", 0, m2.start()) + 1
        m2_end = text.find("\n", m2.end())
        m2_end = len(text) if m2_end == -1 else m2_end
    tables: list[TableText] = []
    if m1 is not None:
        s = text.find("\n", m1.end())
        s = len(text) if s == -1 else s + 1
        e = _section_end(text, s)
        if s < m2_start < e:
            e = m2_start
        tables.append(_region(text, s, e, derivative=False))
    if m2_start >= 0:
        s = m2_end
        e = _section_end(text, s)
        tables.append(_region(text, s, e, derivative=True))
    return tables


def _section_end(text: str, start: int) -> int:
    """Start of the first line at or after ``start`` that opens the next section."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl == -1 else nl
        line = text[pos:stop]
        if _END_HINT.search(line) and SECTION_END.search(line):
            return pos
        pos = stop + 1
    return n


# Cheap test before SECTION_END: the words it needs, in any case.
_END_HINT = re.compile(r"(?i)explanation|reporting|address|reminder|sec\s+147|persons|signature|relationships")


def _region(text: str, start: int, end: int, derivative: bool) -> TableText:
    lines = _lines(text, start, end)
    table = TableText(derivative, lines)
    head = " ".join(ln.text for ln in lines[:40] if has_header_words(ln.text))
    table.header = head
    table.form3 = not re.search(r"Transaction\s+(?:Date|Code)|Deemed", head, re.I)
    return table


# ---------------------------------------------------------------- line classes

def value_atoms(line: str) -> tuple[int, int, int, int]:
    """(strong values, footnote-mark-only tokens, lone capital letters, small numbers) in a line.

    Header noise is removed first.  Strong: dates, money, numbers with
    separators or more than two digits (header column numbers and "3 and 4"
    are not).
    """
    if not _DIGIT.search(line):
        return 0, 0, 0, 0  # no number, date, money or footnote mark
    cleaned = HEADER_NOISE.sub(" ", line).replace("|", " ").replace("\t", " ")
    strong = marks = letters = weak = 0
    for atom in tokenize(cleaned, 0, len(cleaned)):
        if atom.kind in ("DATE", "MONEY"):
            strong += 1
        elif atom.kind == "MARK":
            marks += 1
        elif atom.kind == "L":
            letters += 1
        elif atom.kind == "NUM":
            if "," in atom.core or "." in atom.core or len(atom.core) > 2:
                strong += 1
            else:
                weak += 1
    return strong, marks, letters, weak


_DIGIT = re.compile(r"[\d\u00b9\u00b2\u00b3\u2070-\u2079]")


def line_class(line: str) -> str:
    """'blank', 'rule', 'header', 'data' or 'words' (a line that continues a row)."""
    if FILL in line:
        line = line.replace(FILL, " ")
    stripped = line.strip()
    if not stripped:
        return "blank"
    if _DASHES.match(stripped) or set(stripped) <= set("-+|=:* "):
        return "rule"
    strong, marks, letters, weak = value_atoms(line)
    if strong == 0 and marks == 0 and has_header_words(line):
        return "header"
    if HEADER_FRAGMENT.match(stripped):
        return "header"
    if strong or (letters and (marks or weak)):
        return "data"
    # A lone D/I letter ("Common Stock D" with the amount given in a footnote) is data too.
    if re.search(r"(?:^|\s|\|)[DI](?:\s*\|?\s*$)", line):
        return "data"
    return "words"


# ---------------------------------------------------------------- layouts

def layout_of(table: TableText, classes: list[str]) -> str:
    """'pipe', 'grid', 'tab', 'spaced' or 'flow' for this table's data lines."""
    data = [ln.text for ln, c in zip(table.lines, classes) if c == "data"]
    if not data:
        return "flow"
    if sum(1 for t in data if "\t" in t.strip(" ")) * 2 >= len(data):
        return "tab"
    rules = [ln.text for ln, c in zip(table.lines, classes) if c == "rule"]
    if any(r.strip().startswith("+") for r in rules) and all(t.lstrip().startswith("|") for t in data):
        return "grid"
    if sum(1 for t in data if t.count("|") >= 2) * 2 >= len(data):
        return "pipe"
    gaps = sum(1 for t in data if re.search(r"\S {3,}\S", t.strip()))
    return "spaced" if gaps * 3 >= len(data) else "flow"


def split_cells(text: str, line: Line, sep: str) -> list[list[Atom]]:
    """Explicit cells of one line, each tokenised (offsets into ``text``)."""
    cells: list[list[Atom]] = []
    body = line.text
    if sep == "|":
        parts = [(m.start(), m.end()) for m in _TAB_OR_PIPE_SPLIT.finditer(body)]
        bounds, prev = [], 0
        for s, e in parts:
            bounds.append((prev, s))
            prev = e
        bounds.append((prev, len(body)))
        # gfm / grid: "| a | b |" has empty text outside its outer pipes.
        if body.lstrip().startswith("|"):
            bounds = bounds[1:]
            if bounds and not body[bounds[-1][0]:bounds[-1][1]].strip():
                bounds = bounds[:-1]
    else:
        bounds, prev = [], 0
        for i, ch in enumerate(body):
            if ch == "\t":
                bounds.append((prev, i))
                prev = i + 1
        bounds.append((prev, len(body)))
    for s, e in bounds:
        cells.append(tokenize(text, line.start + s, line.start + e))
    return cells


def grid_rows(text: str, table: TableText, classes: list[str]) -> list[RawRow]:
    """Pandoc grid tables: cells between '|' that may run over several lines."""
    rows: list[RawRow] = []
    block: list[Line] = []

    def flush() -> None:
        if not block:
            return
        if not any(classes[table.lines.index(b)] == "data" for b in block):
            block.clear()
            return
        merged: list[list[Atom]] = []
        for ln in block:
            for k, cell in enumerate(split_cells(text, ln, "|")):
                while len(merged) <= k:
                    merged.append([])
                merged[k].extend(cell)
        rows.append(RawRow(cells=[rejoin_marks(c) for c in merged]))
        block.clear()

    for ln, cls in zip(table.lines, classes):
        if cls == "rule" or cls == "blank":
            flush()
        elif ln.text.lstrip().startswith("|"):
            block.append(ln)
    flush()
    return rows


def rejoin_marks(atoms: list[Atom]) -> list[Atom]:
    """Mend a footnote mark a cell wrapped apart ("$57.3^" over "(1)")."""
    for k in range(len(atoms) - 1):
        a, b = atoms[k], atoms[k + 1]
        if a.core.endswith("^") and b.kind == "MARK":
            core = a.core.rstrip("^")
            atoms[k] = Atom(classify_money(core), core, a.marks + b.marks, a.start, a.end, a.x, True)
            atoms[k + 1] = Atom("MARK", "", [], b.start, b.end, b.x, False)
    return atoms


def _chunks(line: Line) -> list[tuple[int, int]]:
    """(start, end) columns of the runs in a line separated by two or more spaces."""
    return [(m.start(), m.end()) for m in _GAP.finditer(line.text)]


def spaced_rows(text: str, table: TableText, classes: list[str]) -> list[RawRow]:
    """Spaced columns: each data line is a row; word-only lines near it are parts of its cells.

    A continuation line goes to the nearer data line (ties: the one above),
    never across a header line (a page break repeats the headers); its runs
    join the cells they overlap (see ``_fold``).
    """
    lines = table.lines
    _demote_title_only(lines, classes)
    n = len(classes)
    above_of = [-1] * n  # nearest data line above, not across a header
    below_of = [-1] * n
    last = -1
    for i, c in enumerate(classes):
        if c == "header":
            last = -1
        above_of[i] = last
        if c == "data":
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        c = classes[i]
        if c == "header":
            last = -1
        below_of[i] = last
        if c == "data":
            last = i
    extra: dict[int, list[tuple[int, Line]]] = {i: [] for i, c in enumerate(classes) if c == "data"}
    for i, c in enumerate(classes):
        if c != "words":
            continue
        above, below = above_of[i], below_of[i]
        if above < 0 and below < 0:
            continue
        if above < 0 or (below >= 0 and below - i < i - above):
            extra[below].append((-1, lines[i]))
        else:
            extra[above].append((1, lines[i]))
    return [_fold(text, lines[i], extra[i]) for i in sorted(extra)]


def _demote_title_only(lines: list[Line], classes: list[str]) -> None:
    """Data-looking lines that only continue cells become 'words'.

    A line that is one run at the left margin continues a title ("value
    $0.0001"); a line whose values all sit inside runs of words continues a
    nature of ownership ("By 2012 MRL").
    """
    lefts = [len(ln.text) - len(ln.text.lstrip()) for ln, c in zip(lines, classes) if c == "data"]
    if not lefts:
        return
    margin = min(lefts)
    for i, (ln, c) in enumerate(zip(lines, classes)):
        if c == "data":
            runs = _chunks(ln)
            if (len(runs) == 1 and runs[0][0] <= margin + 1) or not _has_value_run(ln, runs):
                classes[i] = "words"


def _has_value_run(line: Line, runs: list[tuple[int, int]]) -> bool:
    strong = marks = letters = small = 0
    for s, e in runs:
        toks = tokenize(line.text, s, e)
        kinds = {a.kind for a in toks}
        if "DATE" in kinds or "MONEY" in kinds or any(
                a.kind == "NUM" and ("," in a.core or "." in a.core) for a in toks):
            strong += 1
        elif kinds <= {"NUM", "MARK", "L", "NULL"}:
            if "NUM" in kinds:
                if any(len(a.core) > 2 for a in toks if a.kind == "NUM"):
                    strong += 1
                else:
                    small += 1
            elif "L" in kinds:
                letters += 1
            else:
                marks += 1
    return bool(strong >= 2 or (strong and (letters or marks or small)) or (letters and (marks or small)))


def _fold(text: str, line: Line, extras: list[tuple[int, Line]]) -> RawRow:
    """One data line with its continuation runs folded into its cells.

    Slots are the data line's runs (two or more spaces apart), each a list of
    [before, token, after] entries.  A continuation run goes before the first
    (above) or after the last (below) token of the slot it overlaps ("Class A"
    over "Common" in "Common 83,334"), or becomes a slot of its own.
    """
    slots = []  # [x_start, x_end, entries]
    for s, e in _chunks(line):
        toks = tokenize(text, line.start + s, line.start + e, x0=s)
        slots.append([s, e, [[[], a, []] for a in toks]])
    # Nearest lines first: above ones bottom-up, below ones top-down.
    ordered = [x for x in reversed(extras) if x[0] < 0] + [x for x in extras if x[0] > 0]
    for side, ln in ordered:
        for s, e in _chunks(ln):
            toks = tokenize(text, ln.start + s, ln.start + e, x0=s)
            best, best_ov = None, 0
            for slot in slots:
                ov = min(e, slot[1]) - max(s, slot[0])
                if ov > best_ov:
                    best, best_ov = slot, ov
            if best is None:
                best = [s, e, [[[], None, []]]]
                slots.append(best)
                slots.sort(key=lambda sl: sl[0])
            entries = best[2]
            hit = [k for k, (_, a, _) in enumerate(entries)
                   if a is not None and min(e, a.x + a.end - a.start) > max(s, a.x)]
            # Widen the hit over the run of words it sits in ("Warrants (Right" + "to").
            if side < 0:
                k = hit[0] if hit else 0
                while k > 0 and _wordish(entries[k]) and _wordish(entries[k - 1]):
                    k -= 1
                entries[k][0][:0] = toks
            else:
                k = hit[-1] if hit else len(entries) - 1
                while k < len(entries) - 1 and _wordish(entries[k]) and _wordish(entries[k + 1]):
                    k += 1
                entries[k][2].extend(toks)
            best[0], best[1] = min(best[0], s), max(best[1], e)
    atoms: list[Atom] = []
    for slot in slots:
        for before, tok, after in slot[2]:
            atoms.extend(before)
            if tok is not None:
                atoms.append(tok)
            atoms.extend(after)
    return RawRow(atoms=atoms, spaced=True)


def _wordish(entry: list) -> bool:
    return entry[1] is not None and entry[1].kind in ("W", "L")


def flow_rows(text: str, table: TableText, classes: list[str]) -> list[list[Line]]:
    """Flowing text: data lines start rows; the caller decides about continuations.

    Returns groups: each a data line followed by the word-only and data lines
    that might continue it (the caller joins them when that explains them better).
    """
    groups: list[list[Line]] = []
    for ln, c in zip(table.lines, classes):
        if c == "data":
            groups.append([ln])
        elif c == "words" and groups:
            groups[-1].append(ln)
    return groups


def label_positions(table: TableText) -> dict[str, int]:
    """x centres of the '(A)' and '(D)' sub-header labels ("(A)   (D)"), when the layout is spaced."""
    for ln in table.lines:
        m = _AD_LABELS.search(ln.text)
        if m and re.search(r"\S {2,}\S", ln.text.strip()):
            return {"A": m.start() + 1, "D": m.end() - 2}
    return {}


_AD_LABELS = re.compile(r"\(A\)\s+\(D\)")
