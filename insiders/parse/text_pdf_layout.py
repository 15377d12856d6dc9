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
from .text_rows import Atom, has_lone_dollar, tokenize

_GAP = re.compile(r"\S+(?: \S+)*")  # runs separated by two or more spaces


def _chunks(line: Line) -> list[tuple[int, int]]:
    """(start, end) columns of the runs in a line separated by two or more spaces."""
    return [m.span() for m in _GAP.finditer(line.text)]


class _Runs:
    """Each line's runs, worked out when first asked for (header lines never are)."""

    __slots__ = ("lines", "got")

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.got: list[list[tuple[int, int]] | None] = [None] * len(lines)

    def __getitem__(self, i: int) -> list[tuple[int, int]]:
        runs = self.got[i]
        if runs is None:
            line = self.lines[i]
            runs = self.got[i] = _chunks(line) if line.text.strip() else []
        return runs


class _Table:
    """Per-table geometry computed once: each line's runs, each run's tokens."""

    __slots__ = ("text", "lines", "runs", "_toks")

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.runs = _Runs(lines)
        self._toks: list[list[list[Atom]] | None] = [None] * len(lines)

    def run_tokens(self, i: int) -> list[list[Atom]]:
        """The atoms of each run of line i (x = column in the line), read once."""
        got = self._toks[i]
        if got is None:
            got = self._toks[i] = self._read(i)
        return got

    def _read(self, i: int) -> list[list[Atom]]:
        """A line is tokenised whole and its atoms dealt to its runs (a token never
        spans two runs); one with a lone "$", run by run, as that "$" joins the
        number after it only within its run."""
        line, runs = self.lines[i], self.runs[i]
        if has_lone_dollar(line.text):
            return [tokenize(self.text, line.start + s, line.start + e, x0=s) for s, e in runs]
        atoms = tokenize(self.text, line.start, line.end, x0=0)
        out = []
        k, n = 0, len(atoms)
        for _, e in runs:
            first = k
            while k < n and atoms[k].x < e:
                k += 1
            out.append(atoms[first:k])
        return out


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
    for s, e in runs:
        for ds, de in data:
            if (e if e < de else de) > (s if s > ds else ds):
                return True
    return False


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
        if (len(runs) == 1 and runs[0][0] <= margin + 1) or not _has_value_run(geo, i):
            classes[i] = "words"


def _has_value_run(geo: _Table, i: int) -> bool:
    """Runs of the line that are values: two strong ones (a date, money, a number with
    separators or of three digits and more), or a strong one or a lone letter beside
    a mark-only or small-number run."""
    strong = marks = letters = small = 0
    for toks in geo.run_tokens(i):
        date_or_money = separated = long_num = has_num = has_letter = has_words = False
        for a in toks:
            kind = a.kind
            if kind == "NUM":
                has_num = True
                core = a.core
                if "," in core or "." in core:
                    separated = True
                if len(core) > 2:
                    long_num = True
            elif kind == "DATE" or kind == "MONEY":
                date_or_money = True
            elif kind == "L":
                has_letter = True
            elif kind == "W":
                has_words = True
        if date_or_money or separated:
            strong += 1
        elif not has_words:  # numbers, marks, letters, nulls only
            if has_num:
                if long_num:
                    strong += 1
                else:
                    small += 1
            elif has_letter:
                letters += 1
            else:
                marks += 1
    return bool(strong >= 2 or (strong and (letters or marks or small)) or (letters and (marks or small)))


def _fold(geo: _Table, i: int, extras: list[tuple[int, int]]) -> RawRow:
    """One data line with its continuation runs folded into its cells.

    Slots are the data line's runs (two or more spaces apart): [x_start, x_end,
    tokens, runs put before token k, runs put after token k].  A continuation
    run goes before the first (above) or after the last (below) token of the
    slot it overlaps ("Class A" over "Common" in "Common 83,334"), or becomes a
    slot of its own.
    """
    if not extras:  # nothing to fold in: the line's tokens, run by run
        return RawRow(atoms=[a for toks in geo.run_tokens(i) for a in toks], spaced=True)
    slots = [[s, e, toks, {}, {}] for (s, e), toks in zip(geo.runs[i], geo.run_tokens(i))]
    # Nearest lines first: above ones bottom-up, below ones top-down.
    ordered = [x for x in reversed(extras) if x[0] < 0] + [x for x in extras if x[0] > 0]
    for side, li in ordered:
        for (s, e), toks in zip(geo.runs[li], geo.run_tokens(li)):
            best, best_ov = None, 0
            for slot in slots:  # the slot it overlaps most (the first of equals)
                ss, se = slot[0], slot[1]
                ov = (e if e < se else se) - (s if s > ss else ss)
                if ov > best_ov:
                    best, best_ov = slot, ov
            if best is None:
                best = [s, e, [None], {}, {}]
                slots.append(best)
                slots.sort(key=lambda sl: sl[0])
            tokens = best[2]
            hit = _tokens_under(tokens, s, e)
            # Widen the hit over the run of words it sits in ("Warrants (Right" + "to").
            if side < 0:
                k = hit[0] if hit else 0
                while k > 0 and _wordish(tokens[k]) and _wordish(tokens[k - 1]):
                    k -= 1
                before = best[3].get(k)
                if before is None:
                    best[3][k] = list(toks)
                else:
                    before[:0] = toks
            else:
                k = hit[-1] if hit else len(tokens) - 1
                while k < len(tokens) - 1 and _wordish(tokens[k]) and _wordish(tokens[k + 1]):
                    k += 1
                best[4].setdefault(k, []).extend(toks)
            best[0], best[1] = min(best[0], s), max(best[1], e)
    atoms: list[Atom] = []
    for _, _, tokens, befores, afters in slots:
        for k, tok in enumerate(tokens):
            if k in befores:
                atoms.extend(befores[k])
            if tok is not None:
                atoms.append(tok)
            if k in afters:
                atoms.extend(afters[k])
    return RawRow(atoms=atoms, spaced=True)


def _tokens_under(tokens: list, s: int, e: int) -> list[int]:
    """Indexes of the slot's tokens that share columns with s..e."""
    hit = []
    for k, a in enumerate(tokens):
        if a is not None:
            ax = a.x
            ae = ax + a.end - a.start
            if (e if e < ae else ae) > (s if s > ax else ax):
                hit.append(k)
    return hit


def _wordish(atom: Atom | None) -> bool:
    """A word of a run of words ("Venture 2010": a short plain number too)."""
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
