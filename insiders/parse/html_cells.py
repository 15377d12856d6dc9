"""Values of cells and runs of a rendered form page, with their evidence.

Between ``insiders.parse.html_tree`` (runs, cells, offsets) and the readers of
the page (``html_form`` for the boxes, owners and notes, ``html_tables`` for
Tables I and II): one cell or run becomes a ``Value`` (clean text, footnote ids,
``Evidence`` pointing into the page), and check marks become booleans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Evidence
from . import html_tree
from .html_tree import END, START, Document, Element, Run

# Footnote marks printed as text at the end of a value: "(1)", "(1)(2)", "[F3]", "¹".
_TRAILING_MARKS = re.compile(
    r"""
    (?:\s*(?:\(\s*F?\d{1,3}\s*\)           # (1)  (F1)
          |\[\s*F?\d{1,3}\s*\]              # [1]  [F1]
          |[⁰¹²³⁴⁵⁶⁷⁸⁹]+                    # superscript digits
    ))+\s*$
    """,
    re.X,
)
_TEXT_BETWEEN_TAGS = re.compile(r"(?:^|>)([^<>]+)")
_ALNUM = re.compile(r"\w")
_MARK_IDS = re.compile(r"\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARK_ENDS = frozenset(")]⁰¹²³⁴⁵⁶⁷⁸⁹")

# A ticked box as rendered: "X" in a cell, ☒, ✓, [X], or a checked <input> (read as ☒).
CHECK_MARK = re.compile(r"^\s*(?:[Xx]|[☒☑✓✔■]|\[\s*[Xx✓✔]\s*\])\s*$")
EMPTY_MARK = re.compile(r"^\s*(?:[☐□]|\[\s*\])\s*$")
# A box printed just before its label in the same run: "☒ Director", "[X] Other".
LEADING_BOX = re.compile(r"^\s*(?P<box>[☒☑✓✔■☐□]|\[\s*[Xx✓✔]?\s*\])\s*")
_TICK = re.compile(r"[☒☑✓✔■Xx]")


@dataclass(slots=True)
class Value:
    """A cell's (or run's) text without footnote marks, the marks, and where it is."""

    text: str = ""
    marks: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None

    def evidence(self, page: str) -> Evidence | None:
        if self.start is None or self.end is None:
            return None
        return Evidence(text=page[self.start:self.end], start=self.start, end=self.end)

    def __bool__(self) -> bool:
        return bool(self.text or self.marks)


def split_trailing_marks(text: str) -> tuple[str, list[str]]:
    """``"See footnote (2)(3)"`` -> ``("See footnote", ["2", "3"])``."""
    if text.rstrip()[-1:] not in _MARK_ENDS:
        return text, []  # the marks must close the text: ")", "]" or a superscript digit
    match = _TRAILING_MARKS.search(text)
    if not match or not re.search(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]", match.group(0)):
        return text, []
    ids = [str(int(m.translate(_SUPERSCRIPTS))) for m in _MARK_IDS.findall(match.group(0))]
    return text[: match.start()].rstrip(), ids


def value_of(page: str, runs: list[Run] | tuple) -> Value:
    """One value from the runs of a cell (or a single run)."""
    if not runs:
        return Value()
    if len(runs) == 1:
        run = runs[0]
        text, marks, pieces = run.text, list(run.marks), run.value_pieces
    else:
        text = " ".join([r.text for r in runs if r.text])
        marks = []
        for run in runs:
            for fid in run.marks:
                if fid not in marks:
                    marks.append(fid)
        pieces = [p for r in runs for p in r.value_pieces]
    if text.rstrip()[-1:] in _MARK_ENDS:
        text, more = split_trailing_marks(text)
        for fid in more:
            if fid not in marks:
                marks.append(fid)
    if not (pieces and text):
        return Value(text, marks)
    start, end = pieces[0][START], pieces[-1][END]
    # Narrow to the value itself when the source holds it verbatim (marks, "$" left out).
    raw = page[start:end]
    at = raw.find(text)
    if at >= 0:
        start += at
        end = start + len(text)
    elif "<" in raw:
        # Spread over inline tags ("$</span><span>4.96"): keep the main stretch of text.
        best = max(_TEXT_BETWEEN_TAGS.finditer(raw), key=lambda m: len(_ALNUM.findall(m.group(1))), default=None)
        if best is not None and best.group(1).strip():
            inner = best.group(1)
            lead = len(inner) - len(inner.lstrip())
            start, end = start + best.start(1) + lead, start + best.start(1) + len(inner.rstrip())
    return Value(text, marks, start, end)


def run_value(page: str, run: Run) -> Value:
    return value_of(page, [run])


def cell_value(page: str, doc: Document, cell: Element) -> Value:
    return value_of(page, doc.cell_runs(cell))


def sub_evidence(page: str, run: Run, value: str) -> Evidence | None:
    """Evidence for ``value`` found inside ``run`` (one piece, verbatim if possible)."""
    for piece in run.value_pieces:
        raw = page[piece[START]:piece[END]]
        at = raw.find(value)
        if at >= 0:
            return Evidence(text=value, start=piece[START] + at, end=piece[START] + at + len(value))
    for piece in run.value_pieces:
        if value in piece[0]:
            return Evidence(text=page[piece[START]:piece[END]], start=piece[START], end=piece[END])
    return run_value(page, run).evidence(page)


# ---------------------------------------------------------------- check boxes

def cell_position(cell: Element | None) -> int | None:
    """Index of a cell among its row's cells."""
    if cell is None or cell.parent is None:
        return None
    siblings = html_tree.cells(cell.parent)
    for index, sibling in enumerate(siblings):
        if sibling is cell:
            return index
    return None


def previous_cell(cell: Element | None) -> Element | None:
    if cell is None or cell.parent is None:
        return None
    siblings = html_tree.cells(cell.parent)
    for index, sibling in enumerate(siblings):
        if sibling is cell:
            return siblings[index - 1] if index > 0 else None
    return None


def box_state(runs: list[Run], index: int) -> tuple[bool, Run | None]:
    """Whether the box of the label ``runs[index]`` is ticked, and the run holding the mark.

    Three renderings: the mark leads the label's own run (``☒ Director``, a
    checked ``<input>``); or it sits in the cell just before the label's cell
    (the SEC page: ``<td>X</td><td>Director</td>``, the box may be a nested table).
    """
    label = runs[index]
    lead = LEADING_BOX.match(label.text)
    if lead:
        return bool(_TICK.search(lead.group("box"))), label
    if index > 0:
        before = runs[index - 1]
        if CHECK_MARK.match(before.text) or EMPTY_MARK.match(before.text):
            prev = previous_cell(label.cell)
            same_cell = before.cell is not None and before.cell is label.cell
            if same_cell or (prev is not None and before.cell is not None and before.cell.is_inside(prev)):
                return bool(CHECK_MARK.match(before.text)), before
    return False, None


def strip_box(text: str) -> str:
    """A label without the box printed before it."""
    lead = LEADING_BOX.match(text)
    return text[lead.end():] if lead else text
