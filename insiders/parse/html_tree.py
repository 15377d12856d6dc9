"""A small, fast HTML reader: table skeleton with source offsets, text runs, table grids.

Serves ``insiders.parse.html_form`` (the rendered Forms 3/4/5), which reads a
filing by its own structure (rows, cells, colspan/rowspan, ``<sup>`` marks)
instead of flattening it to text.  ``parse(text)`` gives a ``Document``:

* ``root``: the tree of the table elements only (``table``, ``thead``/``tbody``/
  ``tfoot``, ``tr``, ``td``/``th``), each with its attributes and source span;
  inline markup never becomes a node.
* ``runs``: the text as *runs*: stretches of inline text between block
  boundaries (cells, rows, ``<br>``, paragraphs ...), each knowing its innermost
  cell, its link target and its ``<sup>`` footnote marks, and made of pieces
  whose character offsets into ``text`` give exact ``Evidence``.
  ``<input type="checkbox">`` becomes a piece "☒" (checked) or "☐".

``grid(table)`` resolves rowspan/colspan into column-indexed rows.

Why not ``html.parser``: on the SEC form page (about 19 KB) the stdlib parser
alone costs about 2.6 ms even with no handlers, more than the per-filing budget;
this is one compiled regex plus a light loop, and its offsets come straight from
the match positions (no line/column conversion).  It is lenient where these
pages need it: implied ``</td>``/``</tr>``, void elements, stray end tags,
unclosed comments, ``<script>``/``<style>`` bodies skipped.
"""

from __future__ import annotations

import bisect
import re
from html import unescape

# Inline tags that carry no meaning here: left inside text pieces, removed from their text.
_PLAIN_INLINE = r"(?:span|font|b|i|u|em|strong|small|big|nobr|tt|code|s|strike|label|abbr|ins|del|mark)"
# One markup token.  Text (with plain inline tags) is whatever lies between two tokens.
_TOKEN = re.compile(
    rf"""
    <!--.*?(?:-->|\Z)                                  # comment; unterminated runs to the end
    | <![^>]*>                                         # <!DOCTYPE ...>
    | <\?[^>]*>                                        # <?xml ...?>
    | </(?!{_PLAIN_INLINE}\s*>)\s*(?P<end>[A-Za-z][\w:.-]*)[^>]*>     # end tag
    | <(?!{_PLAIN_INLINE}[\s/>])(?P<start>[A-Za-z][\w:.-]*)           # start tag name, then
      (?P<attrs>[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>   #   attributes; quoted values may hold '>'
    """,
    re.S | re.X | re.I,
)
# Markup left in a text piece: the plain inline tags (and comments).
_INNER_TAG = re.compile(r"<[^>]*>")
_LEAD = re.compile(r"(?:\s*<[^>]*>)*")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_SPACE = re.compile(r"\s+")
_INT = re.compile(r"\s*(\d+)")
_RAW_END = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}

CELL = frozenset(("td", "th"))
TABLE_PARTS = frozenset(("thead", "tbody", "tfoot"))
# The elements kept as tree nodes.
STRUCTURE = CELL | TABLE_PARTS | {"table", "tr"}
# Elements whose start or end breaks a run of text (everything else is inline).
BLOCK = frozenset(
    """address article aside blockquote body br caption center dd div dl dt fieldset figure footer
    form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section table tbody td tfoot th
    thead title tr ul""".split()
)
# Whitespace directly inside these is layout, not text.
_NO_TEXT = frozenset(("#root", "table", "thead", "tbody", "tfoot", "tr"))
# A <sup> holding only footnote ids: "(1)", "1", "(1)(2)", "1, 2", "F1".
_SUP_MARKS = re.compile(r"^\s*(?:\(?\s*F?\d{1,3}\s*\)?[\s,]*)+$")
_DIGITS = re.compile(r"\d{1,3}")

CHECKED_BOX = "\u2612"  # ☒ stands for <input type="checkbox" checked>
EMPTY_BOX = "\u2610"  # ☐

# Piece: (text, start, end, in_sup, href) -- a tuple, as pages hold thousands.
TEXT, START, END, SUP, HREF = range(5)


class Element:
    """One table element: tag, attributes (parsed on demand), children, source span."""

    __slots__ = ("tag", "raw_attrs", "_attrs", "children", "parent", "start", "end")

    def __init__(self, tag: str, raw_attrs: str, parent: Element | None, start: int) -> None:
        self.tag = tag
        self.raw_attrs = raw_attrs
        self._attrs: dict[str, str] | None = None
        self.children: list[Element] = []
        self.parent = parent
        self.start = start
        self.end = start

    def attr(self, name: str) -> str | None:
        if self._attrs is None:
            self._attrs = parse_attrs(self.raw_attrs)
        return self._attrs.get(name)

    def span(self, name: str) -> int:
        """colspan / rowspan as a sane positive int."""
        if name not in self.raw_attrs and name not in self.raw_attrs.lower():
            return 1
        digits = _INT.match(self.attr(name) or "")
        return max(1, min(int(digits.group(1)), 100)) if digits else 1

    def ancestor(self, tags: frozenset[str] | tuple[str, ...]) -> Element | None:
        node = self.parent
        while node is not None and node.tag not in tags:
            node = node.parent
        return node

    def is_inside(self, other: Element) -> bool:
        node: Element | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.tag} @{self.start}>"


def parse_attrs(raw: str) -> dict[str, str]:
    """``' href="a?b=1" checked'`` -> ``{"href": "a?b=1", "checked": ""}``."""
    out: dict[str, str] = {}
    if raw.strip():
        for m in _ATTR.finditer(raw):
            value = next((g for g in m.groups()[1:] if g is not None), "")
            out.setdefault(m.group(1).lower(), unescape(value) if "&" in value else value)
    return out


class Run:
    """Inline text between two block boundaries, with its cell and footnote marks."""

    __slots__ = ("pieces", "cell", "text", "marks", "index")

    def __init__(self, pieces: list[tuple], cell: Element | None, index: int) -> None:
        self.pieces = pieces
        self.cell = cell
        self.index = index
        if len(pieces) == 1 and not pieces[0][SUP]:
            text = pieces[0][TEXT]
            if "  " in text or "\n" in text or "\t" in text or "\u00a0" in text or "\r" in text:
                text = _SPACE.sub(" ", text.replace("\u00a0", " "))
            self.text = text.strip()
            self.marks: list[str] = []
            return
        marks: list[str] = []
        parts: list[str] = []
        for piece in pieces:
            if piece[SUP] and _SUP_MARKS.match(piece[TEXT]):
                for fid in _DIGITS.findall(piece[TEXT]):
                    fid = str(int(fid))
                    if fid not in marks:
                        marks.append(fid)
            else:
                parts.append(piece[TEXT])
        self.text = _SPACE.sub(" ", "".join(parts).replace("\u00a0", " ")).strip()
        self.marks = marks

    @property
    def value_pieces(self) -> list[tuple]:
        return [p for p in self.pieces if p[TEXT].strip() and not (p[SUP] and _SUP_MARKS.match(p[TEXT]))]

    @property
    def href(self) -> str | None:
        return next((p[HREF] for p in self.pieces if p[HREF]), None)

    @property
    def leading_marks(self) -> bool:
        """The run opens with a footnote mark (``<sup>1</sup> text``)."""
        for piece in self.pieces:
            if piece[TEXT].strip():
                return bool(piece[SUP] and _SUP_MARKS.match(piece[TEXT]))
        return False

    @property
    def table(self) -> Element | None:
        return self.cell.ancestor(("table",)) if self.cell is not None else None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Run({self.text!r}, marks={self.marks})"


class Document:
    """The parsed page: its table tree and its text runs in document order."""

    __slots__ = ("root", "runs", "_by_cell")

    def __init__(self, root: Element, runs: list[Run]) -> None:
        self.root = root
        self.runs = runs
        self._by_cell: dict[int, list[Run]] | None = None

    def cell_runs(self, cell: Element) -> list[Run]:
        """The runs whose innermost cell is ``cell``."""
        if self._by_cell is None:
            self._by_cell = {}
            for run in self.runs:
                if run.cell is not None:
                    self._by_cell.setdefault(id(run.cell), []).append(run)
        return self._by_cell.get(id(cell), [])

    def runs_between(self, start: int, end: int) -> list[Run]:
        """The runs that begin inside the source span [start, end)."""
        starts = [r.pieces[0][START] for r in self.runs]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end, lo)
        return self.runs[lo:hi]


# ---------------------------------------------------------------- the parser

# A start tag closes what it implies: (tags to close, tags the search must not cross).
_STOP_CELL = frozenset(("tr", "table")) | TABLE_PARTS
_IMPLIED = {
    "td": (CELL, _STOP_CELL),
    "th": (CELL, _STOP_CELL),
    "tr": (CELL | {"tr"}, TABLE_PARTS | {"table"}),
    "thead": (CELL | TABLE_PARTS | {"tr"}, frozenset(("table",))),
    "tbody": (CELL | TABLE_PARTS | {"tr"}, frozenset(("table",))),
    "tfoot": (CELL | TABLE_PARTS | {"tr"}, frozenset(("table",))),
}
_END_STOP = {"td": _STOP_CELL, "th": _STOP_CELL, "table": frozenset()}
_STOP_TABLE = frozenset(("table",))


def _close_to(stack: list[Element], tags: frozenset[str], stop: frozenset[str], end: int) -> None:
    """Pop the innermost open element in ``tags`` (and all above it), not crossing ``stop``."""
    for index in range(len(stack) - 1, 0, -1):
        tag = stack[index].tag
        if tag in tags:
            for node in stack[index:]:
                node.end = end
            del stack[index:]
            return
        if tag in stop:
            return


def parse(text: str) -> Document:
    """The table tree and text runs of ``text``; never raises."""
    root = Element("#root", "", None, 0)
    root.end = len(text)
    stack = [root]
    runs: list[Run] = []
    pieces: list[tuple] = []
    run_cell: Element | None = None
    sup = 0
    href: str | None = None
    pos = skip_to = 0
    for m in _TOKEN.finditer(text):
        tstart = m.start()
        if tstart < skip_to:
            continue
        if tstart > pos:
            raw = text[pos:tstart]
            if stack[-1].tag not in _NO_TEXT or not raw.isspace():
                if not pieces:
                    run_cell = stack[-1] if stack[-1].tag in CELL else _cell_of(stack)
                pieces.append(_piece(raw, pos, sup > 0, href))
        pos = m.end()
        tag = m.group("start")
        if tag is not None:
            tag = tag.lower()
            if tag in BLOCK and pieces:
                _flush(pieces, run_cell, runs)
            if tag in STRUCTURE:
                implied = _IMPLIED.get(tag)
                if implied is not None:
                    _close_to(stack, implied[0], implied[1], tstart)
                node = Element(tag, m.group("attrs"), stack[-1], tstart)
                stack[-1].children.append(node)
                stack.append(node)
            elif tag == "sup":
                sup += 1
            elif tag == "a":
                href = parse_attrs(m.group("attrs")).get("href")
            elif tag == "input":
                attrs = parse_attrs(m.group("attrs"))
                if attrs.get("type", "").lower() in ("checkbox", "radio"):
                    if not pieces:
                        run_cell = _cell_of(stack)
                    box = CHECKED_BOX if "checked" in attrs else EMPTY_BOX
                    pieces.append((box, tstart, pos, False, href))
            elif tag in _RAW_END:
                close = _RAW_END[tag].search(text, pos)
                pos = skip_to = close.end() if close else len(text)
            continue
        tag = m.group("end")
        if tag is not None:
            tag = tag.lower()
            if tag in BLOCK and pieces:
                _flush(pieces, run_cell, runs)
            if tag in STRUCTURE:
                if stack[-1].tag == tag and len(stack) > 1:
                    stack.pop().end = pos
                else:
                    _close_to(stack, frozenset((tag,)), _END_STOP.get(tag, _STOP_TABLE), pos)
            elif tag == "sup":
                sup = max(0, sup - 1)
            elif tag == "a":
                href = None
    if pos < len(text) and pos >= skip_to:
        raw = text[pos:]
        if not pieces:
            run_cell = _cell_of(stack)
        pieces.append(_piece(raw, pos, sup > 0, href))
    if pieces:
        _flush(pieces, run_cell, runs)
    for node in stack[1:]:
        node.end = len(text)
    return Document(root, runs)


def _piece(raw: str, start: int, sup: bool, href: str | None) -> tuple:
    """A text piece; plain inline tags inside are dropped and the span trimmed to the text."""
    if "<" in raw:
        lo = _LEAD.match(raw).end()
        hi = len(raw)
        while True:
            tail = raw[:hi].rstrip()
            if tail.endswith(">") and (k := tail.rfind("<")) >= lo:
                hi = k
                continue
            hi = max(lo, len(tail)) if tail else hi
            break
        text = _INNER_TAG.sub("", raw[lo:hi]) if lo < hi else ""
        if not text.strip():
            text = " " if raw[:1].isspace() or raw[-1:].isspace() or " " in raw else ""
            return (text, start, start + len(raw), sup, href)
        start, raw = start + lo, raw[lo:hi]
    else:
        text = raw
    return (unescape(text) if "&" in text else text, start, start + len(raw), sup, href)


def _cell_of(stack: list[Element]) -> Element | None:
    for node in reversed(stack):
        if node.tag in CELL:
            return node
        if node.tag == "table":
            return None
    return None


def _flush(pieces: list[tuple], cell: Element | None, runs: list[Run]) -> None:
    """Close the current run (dropped when it holds only whitespace)."""
    for piece in pieces:
        if not piece[TEXT].isspace():
            run = Run(list(pieces), cell, len(runs))
            if run.text or run.marks:
                runs.append(run)
            break
    pieces.clear()


# ---------------------------------------------------------------- tables

def rows(table: Element) -> list[Element]:
    """The table's own rows (not those of nested tables)."""
    out: list[Element] = []
    for child in table.children:
        if child.tag == "tr":
            out.append(child)
        elif child.tag in TABLE_PARTS:
            out.extend(c for c in child.children if c.tag == "tr")
    return out


def cells(row: Element) -> list[Element]:
    return [c for c in row.children if c.tag in CELL]


def grid(table: Element) -> list[list[tuple[Element, bool] | None]]:
    """Rows of (cell, is_origin) by column: a spanned slot repeats its cell with False."""
    table_rows = rows(table)
    out: list[list[tuple[Element, bool] | None]] = [[] for _ in table_rows]
    for r, row in enumerate(table_rows):
        line = out[r]
        col = 0
        for cell in cells(row):
            while col < len(line) and line[col] is not None:
                col += 1
            colspan, rowspan = cell.span("colspan"), cell.span("rowspan")
            for dr in range(min(rowspan, len(table_rows) - r)):
                target = out[r + dr]
                while len(target) < col + colspan:
                    target.append(None)
                for dc in range(colspan):
                    if target[col + dc] is None:
                        target[col + dc] = (cell, dr == 0 and dc == 0)
            col += colspan
    return out


def in_thead(row: Element) -> bool:
    return row.parent is not None and row.parent.tag == "thead"


def cell_text(doc: Document, cell: Element) -> str:
    """All text of a cell, nested tables included, runs joined by spaces."""
    return " ".join(r.text for r in doc.runs_between(cell.start, cell.end) if r.text)
