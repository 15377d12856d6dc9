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
_PLAIN_SET = frozenset(
    "span font b i u em strong small big nobr tt code s strike label abbr ins del mark".split()
)
_PLAIN_NAMES = "|".join(sorted(_PLAIN_SET, key=lambda n: (-len(n), n)))
# A lower-case plain inline tag, after its "<": "span class=x>", "/span>".
_INLINE_TAG = rf"(?:{_PLAIN_NAMES})[\s/>]|/(?:{_PLAIN_NAMES})\s*>"
# A tag's attributes: quoted values may hold '>'.  (Possessive: nothing given back could
# ever reach the closing '>', and the matcher saves no states to backtrack into.)
_ATTRS = r"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+"""
# One markup token: a start tag (quoted attribute values may hold '>'), an end tag (up to
# the first '>'), a comment (unterminated runs to the end), <!DOCTYPE ...> or <?xml ...?>.
# Text is what lies between two tokens.  The plain inline tags are not tokens, so they stay
# inside the text: the lookahead leaves out the lower-case ones ("<span ...>", "</span>")
# and the loop in ``parse`` the same tags in other cases ("<FONT>").  The cells and rows as
# usually written have groups of their own, so that ``parse`` takes its short ways for them
# by ``Match.lastindex``.
_TOKEN = re.compile(
    rf"""
    <(?!{_INLINE_TAG})
    (?:
        /(t[dhr])>                                          # 1: "</td>", "</th>", "</tr>"
      | (t[dhr])(?![\w:.-])({_ATTRS})>                      # 2, 3: "<td ...>", "<th ...>", "<tr ...>"
      | /(\s*)([A-Za-z][\w:.-]*+)([^>]*+)>                  # 4, 5, 6: any other end tag
      | ([A-Za-z][\w:.-]*+)({_ATTRS})>                       # 7, 8: any other start tag
      | !--.*?(?:-->|\Z)                                    # the rest: no group
      | ![^>]*>
      | \?[^>]*>
    )
    """,
    re.S | re.X,
)
# Markup left in a text piece: the plain inline tags (and comments).
_INNER_TAG = re.compile(r"<[^>]*>")
_LEAD = re.compile(r"(?:\s*<[^>]*>)*")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_SPACE = re.compile(r"\s+")
_INT = re.compile(r"\s*(\d+)")
_RAW_END = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}

# Attribute text -> (colspan, rowspan), filled by ``Element.spans`` (bounded: cleared when full).
_SPANS_OF: dict[str, tuple[int, int]] = {}

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
# What a tag does to the reader: a bit set of _BLOCK / _STRUCT, or one special action.
_BLOCK, _STRUCT = 1, 2
_K_SUP, _K_A, _K_INPUT, _K_RAW = 4, 8, 16, 32
_KIND: dict[str, int] = {tag: _BLOCK for tag in BLOCK}
_KIND.update({tag: _BLOCK | _STRUCT for tag in STRUCTURE})
_KIND.update(sup=_K_SUP, a=_K_A, input=_K_INPUT, script=_K_RAW, style=_K_RAW)
# Whitespace directly inside these is layout, not text.
_NO_TEXT = frozenset(("#root", "table", "thead", "tbody", "tfoot", "tr"))
# A <sup> holding only footnote ids: "(1)", "1", "(1)(2)", "1, 2", "F1".
_SUP_MARKS = re.compile(r"^\s*(?:\(?\s*F?\d{1,3}\s*\)?[\s,]*)+$")
_DIGITS = re.compile(r"\d{1,3}")
# <sup> text -> its footnote ids (None: not only marks), filled by ``_sup_marks`` (bounded).
_SUP_IDS: dict[str, tuple[str, ...] | None] = {}

CHECKED_BOX = "\u2612"  # ☒ stands for <input type="checkbox" checked>
EMPTY_BOX = "\u2610"  # ☐

# Piece: (text, start, end, in_sup, href) -- a tuple, as pages hold thousands.
TEXT, START, END, SUP, HREF = range(5)


class Element:
    """One table element: tag, attributes (parsed on demand), children, source span."""

    __slots__ = ("tag", "raw_attrs", "_attrs", "children", "parent", "start", "end", "runs", "_spans")

    def __init__(self, tag: str, raw_attrs: str, parent: Element | None, start: int) -> None:
        self.tag = tag
        self.raw_attrs = raw_attrs
        self._attrs: dict[str, str] | None = None
        self.children: list[Element] = []
        self.parent = parent
        self.start = start
        self.end = start
        self.runs: list[Run] | tuple = ()  # a cell's own runs (those whose innermost cell it is)
        self._spans: tuple[int, int] | None = None

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

    def spans(self) -> tuple[int, int]:
        """(colspan, rowspan), read once (and remembered by attribute text: cells repeat them)."""
        spans = self._spans
        if spans is None:
            raw = self.raw_attrs
            spans = _SPANS_OF.get(raw)
            if spans is None:
                spans = (self.span("colspan"), self.span("rowspan")) if "span" in raw.lower() else (1, 1)
                if len(raw) <= 200:
                    if len(_SPANS_OF) >= 4096:
                        _SPANS_OF.clear()
                    _SPANS_OF[raw] = spans
            self._spans = spans
        return spans

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
        for name, double, single, bare in _ATTR.findall(raw):
            value = double or single or bare
            out.setdefault(name.lower(), unescape(value) if "&" in value else value)
    return out


class Run:
    """Inline text between two block boundaries, with its cell and footnote marks."""

    __slots__ = ("pieces", "cell", "text", "marks", "index", "_value_pieces")

    def __init__(self, pieces: list[tuple], cell: Element | None, index: int,
                 text: str | None = None, marks: list[str] | None = None) -> None:
        self.pieces = pieces
        self.cell = cell
        self.index = index
        if text is None:
            text, marks = _run_text(pieces)
        self.text = text
        self.marks: list[str] = marks if marks is not None else []
        self._value_pieces: list[tuple] | None = None

    @property
    def value_pieces(self) -> list[tuple]:
        """The pieces holding the value: not blank, not ``<sup>`` marks (read once; do not change)."""
        found = self._value_pieces
        if found is None:
            found = self._value_pieces = [
                p for p in self.pieces if p[TEXT].strip() and not (p[SUP] and _SUP_MARKS.match(p[TEXT]))]
        return found

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

    __slots__ = ("root", "runs", "_starts")

    def __init__(self, root: Element, runs: list[Run]) -> None:
        self.root = root
        self.runs = runs
        self._starts: list[int] | None = None

    @staticmethod
    def cell_runs(cell: Element) -> list[Run] | tuple:
        """The runs whose innermost cell is ``cell`` (kept on the cell by the parser)."""
        return cell.runs

    def release(self) -> None:
        """Break the tree's reference cycles (parent <-> children, cell <-> runs) once read.

        The page is then freed at once by reference counting instead of waiting for the
        cyclic garbage collector, which would otherwise walk every element of every page.
        """
        stack = [self.root]
        while stack:
            children = stack.pop().children
            if children:
                stack.extend(children)
                children.clear()
        for run in self.runs:
            run.cell = None
        self.runs = []

    def runs_between(self, start: int, end: int) -> list[Run]:
        """The runs that begin inside the source span [start, end)."""
        if self._starts is None:
            self._starts = [r.pieces[0][START] for r in self.runs]
        starts = self._starts
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
_STOP_TABLE = frozenset(("table",))
_END_STOP = {"td": _STOP_CELL, "th": _STOP_CELL, "tr": _STOP_TABLE, "table": frozenset()}


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
    top, toptag = root, "#root"  # stack[-1] and its tag
    runs: list[Run] = []
    pieces: list[tuple] = []
    run_cell: Element | None = None
    sup = 0
    href: str | None = None
    pos = resume = 0
    plain, kinds, no_text, implies = _PLAIN_SET, _KIND, _NO_TEXT, _IMPLIED
    tokens = _TOKEN.finditer(text)
    while True:
        for m in tokens:
            tstart, tend = m.span()
            group = m.lastindex
            if group == 8:
                tag, attrs = m.group(7, 8)
                tag = tag.lower()
                # Plain inline markup stays inside the text piece ("<FONT ...>").
                if tag in plain and (not attrs or attrs[0].isspace() or attrs[0] == "/"):
                    if "<" in attrs:  # a broken one ('<FONT SIZE="2>'): read on from its "<"
                        resume = tstart + 1
                        break
                    continue
            elif group == 6:
                space, tag, attrs = m.group(4, 5, 6)
                tag = tag.lower()
                if tag in plain and not space and (not attrs or attrs.isspace()):  # "</B>"
                    continue
            if tstart > pos:
                raw = text[pos:tstart]
                if toptag not in no_text or not raw.isspace():
                    if not pieces:
                        run_cell = top if toptag in CELL else _cell_of(stack)
                    if "<" in raw or "&" in raw:
                        pieces.append(_piece(raw, pos, sup > 0, href))
                    else:
                        pieces.append((raw, pos, tstart, sup > 0, href))
            pos = tend
            if group == 1:  # </td> </th> </tr>
                if pieces:
                    _flush(pieces, run_cell, runs)
                    pieces = []
                tag = m.group(1)
                if toptag == tag:
                    stack.pop()
                    top.end = pos
                else:
                    _close_to(stack, frozenset((tag,)), _END_STOP[tag], pos)
                top = stack[-1]
                toptag = top.tag
                continue
            if group == 3:  # <td ...> <th ...> <tr ...>
                if pieces:
                    _flush(pieces, run_cell, runs)
                    pieces = []
                tag, attrs = m.group(2, 3)
                close, stop = implies[tag]
                if toptag not in stop:
                    _close_to(stack, close, stop, tstart)
                    top = stack[-1]
                node = Element(tag, attrs, top, tstart)
                top.children.append(node)
                stack.append(node)
                top, toptag = node, tag
                continue
            if group is None:  # comment, <!DOCTYPE>, <?xml?>: only a break between pieces
                continue
            kind = kinds.get(tag, 0)
            if not kind:
                continue
            if group == 8:
                if kind & _BLOCK and pieces:
                    _flush(pieces, run_cell, runs)
                    pieces = []
                if kind & _STRUCT:
                    implied = implies.get(tag)
                    if implied is not None and toptag not in implied[1]:
                        _close_to(stack, implied[0], implied[1], tstart)
                        top = stack[-1]
                    node = Element(tag, attrs, top, tstart)
                    top.children.append(node)
                    stack.append(node)
                    top, toptag = node, tag
                elif kind == _K_SUP:
                    sup += 1
                elif kind == _K_A:
                    href = parse_attrs(attrs).get("href")
                elif kind == _K_INPUT:
                    box = parse_attrs(attrs)
                    if box.get("type", "").lower() in ("checkbox", "radio"):
                        if not pieces:
                            run_cell = _cell_of(stack)
                        pieces.append((CHECKED_BOX if "checked" in box else EMPTY_BOX, tstart, pos, False, href))
                elif kind == _K_RAW:
                    close = _RAW_END[tag].search(text, pos)
                    pos = resume = close.end() if close else len(text)
                    break
                continue
            if kind & _BLOCK and pieces:
                _flush(pieces, run_cell, runs)
                pieces = []
            if kind & _STRUCT:
                if toptag == tag and top is not root:
                    stack.pop()
                    top.end = pos
                else:
                    _close_to(stack, frozenset((tag,)), _END_STOP.get(tag, _STOP_TABLE), pos)
                top = stack[-1]
                toptag = top.tag
            elif kind == _K_SUP:
                sup = max(0, sup - 1)
            elif kind == _K_A:
                href = None
        else:
            break
        tokens = _TOKEN.finditer(text, resume)  # after a <script> or <style> body, or a broken tag
    if pos < len(text):
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
    if raw[0] == "<" and raw[-1] == ">":
        # The usual shape, one stretch of text in inline tags: '<span class="x">4.96</span>'.
        lo = raw.find(">") + 1
        hi = raw.rfind("<")
        if hi == 0 and lo == len(raw):  # one tag alone ('</span>'): no text
            return (" " if " " in raw else "", start, start + lo, sup, href)
        if lo < hi:
            text = raw[lo:hi]
            if "<" not in text and not text[0].isspace() and not text[-1].isspace() and text[-1] != ">":
                return (unescape(text) if "&" in text else text, start + lo, start + hi, sup, href)
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


def _run_text(pieces: list[tuple]) -> tuple[str, list[str]]:
    """A run's text (whitespace collapsed, ``<sup>`` marks left out) and its footnote marks."""
    if len(pieces) == 1 and not pieces[0][SUP]:
        text = pieces[0][TEXT]
        if "  " in text or "\n" in text or "\t" in text or "\u00a0" in text or "\r" in text:
            text = _SPACE.sub(" ", text.replace("\u00a0", " "))
        return text.strip(), []
    marks: list[str] = []
    parts: list[str] = []
    for piece in pieces:
        if piece[SUP]:
            ids = _sup_marks(piece[TEXT])
            if ids is not None:
                for fid in ids:
                    if fid not in marks:
                        marks.append(fid)
                continue
        parts.append(piece[TEXT])
    text = "".join(parts)
    if "  " in text or not text.isprintable():  # any whitespace but single spaces
        text = _SPACE.sub(" ", text)
    return text.strip(), marks


def _sup_marks(text: str) -> tuple[str, ...] | None:
    """The footnote ids of a ``<sup>`` holding only marks ("(1)(2)" -> ("1", "2")), else None."""
    try:
        return _SUP_IDS[text]
    except KeyError:
        pass
    ids = tuple(str(int(fid)) for fid in _DIGITS.findall(text)) if _SUP_MARKS.match(text) else None
    if len(text) <= 40:
        if len(_SUP_IDS) >= 1024:
            _SUP_IDS.clear()
        _SUP_IDS[text] = ids
    return ids


def _flush(pieces: list[tuple], cell: Element | None, runs: list[Run]) -> None:
    """Close the current run (dropped when it holds only whitespace, or nothing but markup)."""
    if len(pieces) == 1 and not pieces[0][SUP]:  # the usual run: one plain piece
        text = pieces[0][TEXT]
        if "  " in text or "\n" in text or "\t" in text or "\u00a0" in text or "\r" in text:
            text = _SPACE.sub(" ", text.replace("\u00a0", " "))
        text = text.strip()
        marks: list[str] = []
    else:
        for piece in pieces:
            if not piece[TEXT].isspace():
                break
        else:
            return
        text, marks = _run_text(pieces)
    if text or marks:
        run = Run(pieces, cell, len(runs), text, marks)
        runs.append(run)
        if cell is not None:
            if cell.runs:
                cell.runs.append(run)
            else:
                cell.runs = [run]


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
    height = len(table_rows)
    out: list[list[tuple[Element, bool] | None]] = [[] for _ in table_rows]
    for r, row in enumerate(table_rows):
        line = out[r]
        col = 0
        for cell in row.children:
            if cell.tag not in CELL:
                continue
            while col < len(line) and line[col] is not None:
                col += 1
            colspan, rowspan = cell._spans or cell.spans()
            if colspan == 1 and rowspan == 1:
                if col < len(line):
                    line[col] = (cell, True)
                else:
                    line.append((cell, True))
                col += 1
                continue
            for dr in range(min(rowspan, height - r)):
                target = out[r + dr]
                if len(target) < col + colspan:
                    target.extend([None] * (col + colspan - len(target)))
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
