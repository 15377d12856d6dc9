"""Tables I and II in ``pdftotext -layout`` text (and other spaced columns: pandoc plain, w3m).

Job: each data line is a row; word-only lines above and below it (stacked
titles, wrapped natures of ownership) are folded into the cells they sit
under, by x position; the "(A) (D)" sub-header tells a Table II amount's
direction by its column.

Neighbours: ``text_layout`` finds the tables, classes their lines and picks
this layout; ``text_rows`` tokenises and aligns; ``text_tables`` drives.
"""

from __future__ import annotations

import re

from .text_layout import Line, RawRow, TableText
from .text_rows import Atom, tokenize

_GAP = re.compile(r"\S+(?: \S+)*")  # runs separated by two or more spaces


def _chunks(line: Line) -> list[tuple[int, int]]:
    """(start, end) columns of the runs in a line separated by two or more spaces."""
    return [m.span() for m in _GAP.finditer(line.text)]


class _Table:
    """Per-table geometry computed once: each line's runs, each run's tokens."""

    __slots__ = ("text", "lines", "runs", "_toks")

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.runs = [_chunks(ln) if ln.text.strip() else [] for ln in lines]
        self._toks: dict[tuple[int, int], list[Atom]] = {}

    def tokens(self, line: Line, s: int, e: int) -> list[Atom]:
        """Atoms of the run line.text[s:e] (x = column in the line); read once per run."""
        key = (line.start + s, e - s)
        got = self._toks.get(key)
        if got is None:
            got = self._toks[key] = tokenize(self.text, line.start + s, line.start + e, x0=s)
        return got


def spaced_rows(text: str, table: TableText, classes: list[str]) -> list[RawRow]:
    """Spaced columns: each data line is a row; word-only lines near it are parts of its cells.

    A continuation line goes to the nearer data line (ties: the one above),
    never across a header line (a page break repeats the headers), nor across
    a blank line when the other one is on its side of any; its runs
    join the cells they overlap (see ``_fold``).
    """
    lines = table.lines
    geo = _Table(text, lines)
    runs = geo.runs
    _demote_title_only(geo, classes)
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
    # blank lines between a line and each neighbour (a blank line parts two rows)
    blanks = [0] * (n + 1)
    for i, c in enumerate(classes):
        blanks[i + 1] = blanks[i] + (c == "blank")
    extra: dict[int, list[tuple[int, Line]]] = {i: [] for i, c in enumerate(classes) if c == "data"}
    for i, c in enumerate(classes):
        if c != "words":
            continue
        above, below = above_of[i], below_of[i]
        if above < 0 and below < 0:
            continue
        gap_up = blanks[i] - blanks[above] if above >= 0 else 0
        gap_down = blanks[below] - blanks[i] if below >= 0 else 0
        if above >= 0 and below >= 0 and (gap_up > 0) != (gap_down > 0):
            go_down = gap_up > 0  # stay on this side of the blank line
        elif above >= 0 and below >= 0 and below - i == i - above:
            # a tie: a cell is centred on its row, so the data line that has
            # text in this line's columns is the one it belongs to
            # (unless the row above has this column's text above it too: its cell
            # is centred, so this line is its lower half)
            go_down = (_overlaps(runs[i], runs[below]) and not _overlaps(runs[i], runs[above])
                       and not (above > 0 and classes[above - 1] == "words"
                                and _overlaps(runs[i], runs[above - 1])))
        else:
            go_down = above < 0 or (below >= 0 and below - i < i - above)
        if go_down:
            extra[below].append((-1, i))
        else:
            extra[above].append((1, i))
    return [_fold(geo, i, extra[i]) for i in sorted(extra)]


def _overlaps(runs: list[tuple[int, int]], data: list[tuple[int, int]]) -> bool:
    """Some run of a line lies over (shares columns with) a run of the ``data`` line."""
    return any(min(e, de) > max(s, ds) for s, e in runs for ds, de in data)


def _demote_title_only(geo: _Table, classes: list[str]) -> None:
    """Data-looking lines that only continue cells become 'words'.

    A line that is one run at the left margin continues a title ("value
    $0.0001"); a line whose values all sit inside runs of words continues a
    nature of ownership ("By 2012 MRL").
    """
    lines = geo.lines
    data = [i for i, c in enumerate(classes) if c == "data"]
    if not data:
        return
    margin = min(len(lines[i].text) - len(lines[i].text.lstrip()) for i in data)
    for i in data:
        runs = geo.runs[i]
        if (len(runs) == 1 and runs[0][0] <= margin + 1) or not _has_value_run(geo, lines[i], runs):
            classes[i] = "words"


def _has_value_run(geo: _Table, line: Line, runs: list[tuple[int, int]]) -> bool:
    strong = marks = letters = small = 0
    for s, e in runs:
        toks = geo.tokens(line, s, e)
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


def _fold(geo: _Table, i: int, extras: list[tuple[int, int]]) -> RawRow:
    """One data line with its continuation runs folded into its cells.

    Slots are the data line's runs (two or more spaces apart), each a list of
    [before, token, after] entries.  A continuation run goes before the first
    (above) or after the last (below) token of the slot it overlaps ("Class A"
    over "Common" in "Common 83,334"), or becomes a slot of its own.
    """
    line = geo.lines[i]
    slots = []  # [x_start, x_end, entries]
    for s, e in geo.runs[i]:
        slots.append([s, e, [[[], a, []] for a in geo.tokens(line, s, e)]])
    # Nearest lines first: above ones bottom-up, below ones top-down.
    ordered = [x for x in reversed(extras) if x[0] < 0] + [x for x in extras if x[0] > 0]
    for side, li in ordered:
        ln = geo.lines[li]
        for s, e in geo.runs[li]:
            toks = geo.tokens(ln, s, e)
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
    """A word of a run of words ("Venture 2010": a short plain number too)."""
    atom = entry[1]
    return atom is not None and (atom.kind in ("W", "L") or (
        atom.kind == "NUM" and not atom.marks and len(atom.core) <= 4 and atom.core.isdigit()))


def label_positions(table: TableText) -> dict[str, int]:
    """x centres of the '(A)' and '(D)' sub-header labels ("(A)   (D)"), when the layout is spaced."""
    for ln in table.lines:
        m = _AD_LABELS.search(ln.text)
        if m and _GAP2.search(ln.text.strip()):
            return {"A": m.start() + 1, "D": m.end() - 2}
    return {}


_AD_LABELS = re.compile(r"\(A\)\s+\(D\)")
_GAP2 = re.compile(r"\S {2,}\S")
