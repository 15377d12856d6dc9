"""Tables I and II from plain ``pdftotext`` (no -layout): one cell per paragraph, in reading order.

Plain pdftotext writes every table cell as its own paragraph (blank lines
between), row by row within a group of columns; a later group of columns
(Table II's underlying / price / owned columns, a nature of ownership) may
come after all the rows of the group before it, or even before them.

``stream_rows`` drops header paragraphs, turns the others into one stream of
typed atoms and cuts it into rows with one dynamic programme, where a row is a
whole column grammar, its head (the columns before the grammar's split) or its
tail (the columns from the split on; Table II's tail may come as the underlying
title and amount apart from the rest).  Two readings are compared: rows in
order, and groups of columns (every row as pieces, paired in order: the k-th
tail to the k-th head).  Words left alone (a nature of ownership printed after
the rows) go to the indirect rows that lack one; Table II columns printed in
Table I's region move to Table II (``move_leaked_columns``).  Joint filers' later
owner blocks may be read among Table II's cells: their names are dropped and the
table's cells read among the blocks taken back (``text_scatter.joint_filers``,
``text_scatter.table_cells_among_owners``).

Costs are per layout, measured on our fixtures; plain pdftotext reading order
can be column-major for some tables (several rows' titles in one paragraph),
which this does not untangle.

Neighbours: ``text_layout`` recognises the layout ('stream' in ``layout_of``)
and finds the table's lines; ``text_rows`` gives atoms, fit costs and builds
the rows; ``text_tables`` drives.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Row
from . import text_rows as R
from .text_layout import HEADER_FRAGMENT, Line, TableText
from .text_scatter import joint_filers, owner_name_cell, table_cells_among_owners

# A paragraph is a header when one of its lines is numbered or names a column
# ("3. Transaction", "(Instr. 4)", "(Month/Day/Year)") or all its lines are
# header fragments ("Date / Exercisable", "Amount / or / Number").
_HEADER_LINE = re.compile(
    r"""^\s*\d{1,2}[A-Z]?\.(?:\s|$) | \(Instr | Month/Day/Year | \bTitle\s+of\b | Transaction\b
    | Exercisable | Expiration | Derivative | Beneficial | Ownership\b | Conversion | Underlying
    | Nature\s+of | Execution | Disposed | Acquired | Reported | Following | \(e\.g\. | Fiscal\s+Year""",
    re.I | re.X,
)
# Where the reporting-owner block starts when no section heading closed the table.
_OWNER_BLOCK = re.compile(
    r"^\s*(?:Director|10%\s+Owner|Officer\s+\(give|Other\s+\(specify|\((?:Street|City|State|Zip|Last|First|Middle)\))",
    re.I,
)

# In a stream any words may start the next row: a nature of ownership costs a
# little, a title made of a footnote mark alone much.
_ROLE_FIT = {("nature_of_ownership", "W"): 0.3, ("security_title", "MARK"): 1.0, ("underlying_title", "MARK"): 1.0}
NEW_ROW = 0.5   # starting a row
PIECE = 0.9     # a row given as a head or a tail only
PIECE_AT = 0.1  # ... where a numbered column header stands between the two
INF = R.INF


def paragraphs(table: TableText) -> list[list[Line]]:
    """The table's non-blank line runs, up to the reporting-owner block."""
    return _paragraphs(table)[0]


def _paragraphs(table: TableText) -> tuple[list[list[Line]], int | None]:
    """``paragraphs`` and where the reporting-owner block starts (None: not in the region)."""
    out: list[list[Line]] = []
    run: list[Line] = []
    owners = None
    for ln in table.lines:
        if _OWNER_BLOCK.match(ln.text):
            owners = ln.start
            break
        if ln.text.strip(" \t\x00"):
            run.append(ln)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out, owners


def move_leaked_columns(tables: list[TableText]) -> None:
    """Table II columns printed inside Table I's region (after a numbered header
    naming a derivative column, "8. Price of Derivative Security") go to the
    end of Table II's lines, where the rest of their rows are."""
    if len(tables) != 2 or tables[0].derivative or not tables[1].derivative:
        return
    lines = tables[0].lines
    for k, ln in enumerate(lines):
        if _NUMBERED.match(ln.text) and (k == 0 or not lines[k - 1].text.strip(" \t\x00")):
            para = []
            for nxt in lines[k:]:
                if not nxt.text.strip(" \t\x00"):
                    break
                para.append(nxt.text)
            if _DERIVATIVE_COLUMN.search(" ".join(para)):
                tables[1].lines = tables[1].lines + lines[k:]
                tables[0].lines = lines[:k]
                return


# "8. Price of Derivative Security", "9. Number of derivative Securities", but not "Non-Derivative".
_DERIVATIVE_COLUMN = re.compile(r"(?<!Non-)(?<!Non)\bDerivative\b", re.I)


def _is_header(para: list[Line]) -> bool:
    if any(_HEADER_LINE.search(ln.text) for ln in para):
        return True
    return all(HEADER_FRAGMENT.match(ln.text.replace("\x00", " ").strip()) for ln in para)


def stream_atoms(text: str, table: TableText) -> tuple[list[R.Atom], set[int]]:
    """Value atoms of the table in reading order, and the atom indexes that follow
    a numbered column header ("8. Price of Derivative Security"): where a group
    of columns may start.  A paragraph's words never join the next one's.

    Plain pdftotext may read the later owners' blocks (joint filers) among Table II's
    cells: their names are no cells, and the table's cells read after the blocks start
    (its last columns, right of them) are read on (``text_scatter.table_cells_among_owners``)."""
    atoms: list[R.Atom] = []
    barriers: set[int] = set()
    lines_after = _LinesAfter(table)
    paras, owners = _paragraphs(table)
    names = set(joint_filers(text).names) if table.derivative else set()
    for para in paras:
        if _is_header(para):
            if _NUMBERED.match(para[0].text):
                barriers.add(len(atoms))
            continue
        if para[0].start in names or len(para) == 1 and owner_name_cell(para[0].text, lines_after(para[0])):
            continue  # a joint filer's name printed among the cells, its relationship box next
        _add_piece(text, para, atoms)
    if table.derivative and names and owners is not None:
        for lines in table_cells_among_owners(text, owners):
            para = [Line(s, s + len(body), body) for s, body in lines]
            if not _is_header(para):
                _add_piece(text, para, atoms)
    return atoms, barriers


def _add_piece(text: str, para: list[Line], atoms: list[R.Atom]) -> None:
    """One paragraph's atoms appended to ``atoms``; its last word closes a cell."""
    lines = [R.tokenize(text, ln.start, ln.end) for ln in para]
    lines = [ln for ln in lines if ln]
    # "Common / 15,000 / Stock": a value printed beside a wrapped title sits
    # between its lines; the words come first.
    kinds = ["v" if all(a.kind not in ("W", "L") for a in ln) else "w" for ln in lines]
    if "v" in kinds[1:-1] and kinds[0] == kinds[-1] == "w":
        lines = [ln for ln, k in zip(lines, kinds) if k == "w"] + [
            ln for ln, k in zip(lines, kinds) if k == "v"]
    piece = R.merge_words([a for ln in lines for a in ln], text)
    piece = _fold_wrapped_marks(piece, {ln[0].start for ln in lines[1:]})
    if piece:
        last = piece[-1]
        if last.kind == "W" and not last.glued:
            piece[-1] = R.Atom(last.kind, last.core, last.marks, last.start, last.end, last.x, True)
        atoms.extend(piece)


def _fold_wrapped_marks(piece: list[R.Atom], line_starts: set[int]) -> list[R.Atom]:
    """A footnote mark alone at the start of a cell's later line ("See / Footnote(3) /
    (4)": the cell wrapped before its last mark) belongs to the word before it."""
    out: list[R.Atom] = []
    for atom in piece:
        if atom.kind == "MARK" and atom.start in line_starts and out and out[-1].kind == "W":
            w = out[-1]
            out[-1] = R.Atom(w.kind, w.core, w.marks + atom.marks, w.start, w.end, w.x, w.glued)
            continue
        out.append(atom)
    return out


class _LinesAfter:
    """The next ``count`` non-blank lines of the table's region after a line
    (by offset; the region's lines are in text order unless columns were moved)."""

    __slots__ = ("lines", "starts", "ordered")

    def __init__(self, table: TableText) -> None:
        self.lines = [ln for ln in table.lines if ln.text.strip(" \t\x00")]
        self.starts = [ln.start for ln in self.lines]
        self.ordered = all(a < b for a, b in zip(self.starts, self.starts[1:]))

    def __call__(self, line: Line, count: int = 4) -> list[str]:
        if self.ordered:
            k = bisect_right(self.starts, line.start)
            return [ln.text for ln in self.lines[k:k + count]]
        return [ln.text for ln in self.lines if ln.start > line.start][:count]


_NUMBERED = re.compile(r"^[\s\x00]*\d{1,2}[A-Z]?\.(?:\s|$)")


def stream_rows(text: str, table: TableText, grammars: tuple) -> list[Row]:
    """The rows of a plain-pdftotext table.

    Two readings are tried: rows in order (a head or tail piece only where it
    must), and groups of columns (every row given as a head and a tail piece,
    paired in order); the cheaper wins.
    """
    atoms, barriers = stream_atoms(text, table)
    if not atoms:
        return []
    in_rows, cost_rows = _segment(atoms, grammars, barriers, grouped=False)
    clean = all(kind == "full" for _, kind, _ in in_rows) and cost_rows <= NEW_ROW * len(in_rows) + 1.0
    pieces, best = in_rows, cost_rows
    for split_cost in (() if clean else GROUP_SPLITS):
        in_groups, cost = _segment(atoms, grammars, barriers, grouped=True, split_cost=split_cost)
        if in_groups:
            count = {k: 0 for k in ("head", "tail", "mid", "tail2", "full")}
            for _, kind, _ in in_groups:
                count[kind] += 1
            ends = count["tail"] + count["tail2"]
            cost += GROUPED + MISMATCH * (abs(count["head"] - ends) + max(0, count["mid"] - count["head"]))
            if cost < best:
                pieces, best = in_groups, cost
    return _rows(text, _pair(pieces), table)


# ---------------------------------------------------------------- segmentation

GROUPED = 0.5    # reading the table as groups of columns
BEAM = 4.0       # states this much dearer than the best at the same atom are dropped
MISMATCH = 1.5   # per head without a tail (or tail without a head) in that reading
GROUP_HEAD = 0.1  # a head piece in that reading
GROUP_PART = 0.1  # any other piece
# ... more for a tail in two pieces (underlying apart): both prices are tried,
# the reading whose pieces pair up best wins.
GROUP_SPLITS = (0.1, 0.35)


def _layers(grammars: tuple, grouped: bool) -> list[tuple[tuple, str, int]]:
    """(column slice, 'full'|'head'|'tail', grammar index) the pieces may follow."""
    out = []
    for gi, g in enumerate(grammars):
        roles = [r for r, _ in g]
        split = next((roles.index(r) for r in _SPLIT_ROLES if r in roles), 0)
        if split < 2:  # a head of a title alone would swallow any words
            split = 0
        if not grouped:
            out.append((g, "full", gi))
        if split > 0:
            out.append((g[:split], "head", gi))
            out.append((g[split:], "tail", gi))
            if grouped and roles[split:split + 2] == ["underlying_title", "underlying_shares"] and len(g) > split + 2:
                # Table II's underlying title and amount may come as a group of their own
                out.append((g[split:split + 2], "mid", gi))
                out.append((g[split + 2:], "tail2", gi))
        elif grouped:
            out.append((g, "full", gi))
    return out


_SPLIT_ROLES = ("underlying_title", "shares_owned_following")


def _segment(atoms: list[R.Atom], grammars: tuple, barriers, grouped: bool,
             split_cost: float = 0.0) -> tuple[list, float]:
    """Cut the stream into pieces: (grammar, 'full'|'head'|'tail', atoms per column of the slice), cost.

    One programme over (atom i, layer, column j, column filled f) plus a
    'between rows' state per i.  From between rows: open a layer (NEW_ROW, a
    head or tail PIECE unless a numbered header stands there), or drop an atom.
    Inside a layer the moves of ``text_rows.align``; a row ends after the
    layer's last column.  States dearer than the best at their atom by more
    than BEAM are not followed.

    Per atom i, the moves in this order: (1) rows that end at i: each layer's
    columns closed in order (from empty, then from filled) and 'end'; (2) from
    between rows, each layer opened, its columns closed again from there only
    while that is cheaper (every other close was made in (1) and cannot
    improve; an 'end' after an opening never beats the between-rows state it
    came from); (3) atom i put in a column or dropped, into the states of
    atom i + 1 (whole-row list operations, ``text_rows.advance``).  No move makes a
    state cheaper than the best at its atom, so the beam limit is fixed per
    atom.  Ties go to the move tried first (a strict ``<``).
    """
    plan = _PLANS.get((grammars, grouped))
    if plan is None:
        plan = _PLANS[(grammars, grouped)] = _Plan(grammars, grouped)
    n, P = len(atoms), plan.pairs
    sigs = R.shape(atoms)
    opens, chains = plan.moves(len(grammars) > 1, grouped, split_cost)
    drops = plan.drop
    empty = [INF] * (P + 1)  # cost per pair with its column empty; pair P: between rows
    filled = [INF] * P       # ... with its column filled
    how = [_BY_DROP] * (P + 1)
    empty[P] = 0.0
    rows_e, rows_f, rows_h, lims = [], [], [], []
    for i in range(n + 1):
        lim = min(min(empty), min(filled)) + BEAM
        at_barrier = i in barriers
        # rows that end at atom i: close columns in order (empty, then filled), end
        for li, (first, skips, end_at, end) in enumerate(chains):
            q = R.close_columns(empty, filled, how, skips, first, lim)
            a = empty[q]
            if a <= lim:
                c = a + (end_at if at_barrier else end)
                if c < empty[P]:
                    empty[P] = c
                    how[P] = _BY_END + li
        R.keep_states((rows_e, rows_f, rows_h, lims), empty, filled, how, lim)
        if i == n:
            break
        here = empty[P]
        between = INF
        if here < INF:  # between rows: open a layer, or drop atom i
            for first, t, a, b_at, b, skips in opens:
                c = here + t + a + (b_at if at_barrier else b)
                if c < empty[first]:
                    empty[first] = c
                    how[first] = _BY_OPEN
                    # its columns closed again from there while that is cheaper
                    q = first
                    for s in skips:
                        if c > lim:
                            break
                        c += s
                        q += 1
                        if c >= empty[q]:
                            break
                        empty[q] = c
                        how[q] = _BY_CLOSE_EMPTY
            between = here + R.DROP_COST
        empty, filled = R.advance(empty, filled, plan.fits(sigs[i]), drops, lim)
        empty.append(between)
        how = [_BY_DROP] * (P + 1)
    if empty[P] == INF:
        return [], INF
    return _walk_back(plan, atoms, sigs, rows_e, rows_f, rows_h, lims), empty[P]


def _walk_back(plan: "_Plan", atoms: list[R.Atom], sigs: list[str], rows_e, rows_f, rows_h, lims) -> list:
    """The pieces of the cheapest reading, from the end back.

    A 'column filled' state came from the atom before: its three moves (put
    from empty, put from filled, drop) are replayed in the order they were
    tried; every other state keeps how it was last reached (``rows_h``)."""
    layers, P = plan.layers, plan.pairs
    pieces: list[dict] = []
    current: dict = {}
    i, p, f = len(atoms), P, 0
    while True:
        if f:
            lim = lims[i - 1]
            a, b = rows_e[i - 1][p], rows_f[i - 1][p]
            put0, put1, add1 = plan.fits(sigs[i - 1])
            best, move = (a + put0[p] if a <= lim else INF), 0
            if b <= lim:
                c = b + put1[p] + add1[p]
                if c < best:
                    best, move = c, 1
                if b + R.DROP_COST < best:
                    move = 2
            i -= 1
            if move != 2:  # atom i went into this column
                current["cols"].setdefault(p - layers[plan.layer_at[p]][0], []).insert(0, atoms[i])
                f = move
            continue
        if p == P and i == 0:
            break
        h = rows_h[i][p]
        if h == _BY_DROP:
            i -= 1
        elif h == _BY_CLOSE_EMPTY:
            p -= 1
        elif h == _BY_CLOSE_FILLED:
            p -= 1
            f = 1
        elif h == _BY_OPEN:
            current["layer"] = plan.layer_at[p]
            p = P
        else:  # a row ended here
            current = {"cols": {}}
            pieces.append(current)
            first, m = layers[h - _BY_END][:2]
            p = first + m
    pieces.reverse()
    out = []
    for piece in pieces:
        _, m, _, sl, kind, _ = layers[piece["layer"]]
        out.append((sl, kind, [piece["cols"].get(j, []) for j in range(m)]))
    return out


# How a 'column empty' state (or 'between rows') was last reached; _BY_END + layer index.
_BY_DROP, _BY_CLOSE_EMPTY, _BY_CLOSE_FILLED, _BY_OPEN, _BY_END = 0, 1, 2, 3, 4


class _Plan:
    """The programme's fixed geometry for one (grammars, grouped), built once per process.

    Each layer's columns are pairs of states (column empty, column filled)
    numbered across the layers, one more pair per layer after its last column
    (every column closed: the row may end); pair ``pairs`` is between rows.
    """

    __slots__ = ("layers", "pairs", "layer_at", "drop", "_fits", "_moves")

    def __init__(self, grammars: tuple, grouped: bool) -> None:
        self.layers = []  # (first pair, m, skip costs, column slice, kind, grammar index)
        pair = 0
        for sl, kind, gi in _layers(grammars, grouped):
            m = len(sl)
            self.layers.append((pair, m, tuple(R.SKIP_COST.get(r, 0.0) for r, _ in sl), sl, kind, gi))
            pair += m + 1
        self.pairs = pair
        self.layer_at = [li for li, layer in enumerate(self.layers) for _ in range(layer[1] + 1)]
        # dropping an atom keeps the state; a layer's last pair takes no atom
        self.drop = [INF if j == layer[1] else R.DROP_COST for layer in self.layers for j in range(layer[1] + 1)]
        self._fits: dict[str, tuple[list, list, list]] = {}
        self._moves: dict[tuple, tuple[list, list]] = {}

    def fits(self, sig: str) -> tuple[list, list, list]:
        """Per pair, what putting an atom of ``sig`` in its column costs: empty
        (``put0``), filled (``put1`` + ``add1``: more words at a price, a mark attached)."""
        got = self._fits.get(sig)
        if got is None:
            extra = 0.2 if sig in ("MARK", "NULL") else 1.0  # words of two paragraphs in one column
            put0, put1, add1 = [], [], []
            for layer in self.layers:
                for role, k in layer[3]:
                    fit = R.fit_sig(sig, k) + _ROLE_FIT.get((role, sig), 0.0)
                    put0.append(fit)
                    if k == "words":
                        put1.append(fit)
                        add1.append(extra)
                    else:
                        put1.append(R.ATTACH_COST if sig == "MARK" else INF)
                        add1.append(0.0)
                put0.append(INF)
                put1.append(INF)
                add1.append(0.0)
            got = self._fits[sig] = (put0, put1, add1)
        return got

    def moves(self, tie: bool, grouped: bool, split_cost: float) -> tuple[list, list]:
        """Per layer: opening it (first pair, the costs added in order, at a
        barrier / elsewhere, skip costs) and closing it (first pair, skip costs,
        end cost at a barrier / elsewhere)."""
        key = (tie, split_cost)
        got = self._moves.get(key)
        if got is None:
            opens, chains = [], []
            for first, _, skips, _, kind, gi in self.layers:
                t = 0.1 if tie and gi == 0 else 0.0
                if not grouped:
                    a = NEW_ROW
                else:
                    a = GROUP_HEAD if kind in ("head", "full") else (
                        GROUP_PART if kind == "tail" else GROUP_PART + split_cost)
                piece = kind in ("tail", "mid", "tail2") and not grouped
                opens.append((first, t, a, PIECE_AT if piece else 0.0, PIECE if piece else 0.0, skips))
                piece = kind in ("head", "mid") and not grouped
                chains.append((first, skips, PIECE_AT if piece else 0.0, PIECE if piece else 0.0))
            got = self._moves[key] = (opens, chains)
        return got


# (grammars, grouped) -> plan; a few grammars exist (with and without the "V" column).
_PLANS: dict[tuple, _Plan] = {}


# ---------------------------------------------------------------- rows from pieces

def _pair(pieces: list) -> list[tuple[tuple, dict[str, list[R.Atom]]]]:
    """Pieces of a row joined in order: the k-th tail (or middle) piece to the k-th head;
    each row as (column slice, atoms per role)."""
    rows: list[tuple[tuple, dict]] = []
    heads: list[int] = []
    parts: dict[str, list[dict]] = {"tail": [], "mid": [], "tail2": []}
    for g, kind, cols in pieces:
        roles = {role: col for (role, _), col in zip(g, cols) if col}
        if not roles:
            continue
        if kind in parts:
            parts[kind].append(roles)
            continue
        rows.append((g, roles))
        if kind == "head":
            heads.append(len(rows) - 1)
    # tails first, then middle pieces: each to the first head that has none of its columns
    for kind in ("tail", "mid", "tail2"):
        for part in parts[kind]:
            home = next((k for k in heads if not any(r in rows[k][1] for r in part)), None)
            if home is None:
                rows.append((None, part))
            else:
                rows[home][1].update(part)
    return rows


def _title_from_nature(roles: dict[str, list[R.Atom]]) -> None:
    """A row read without its title whose 'nature' holds the title: the title
    was printed after the values ("15,000 / I / Common Stock / By Trust")."""
    if "security_title" in roles or "nature_of_ownership" not in roles:
        return
    nature = roles["nature_of_ownership"]
    words = [k for k, a in enumerate(nature) if a.kind == "W"]
    direct = [a.core for a in roles.get("direct_indirect", [])] == ["D"]
    if len(words) >= 2 or (words and direct):
        cut = words[1] if len(words) >= 2 else len(nature)
        roles["security_title"] = nature[:cut]
        if nature[cut:]:
            roles["nature_of_ownership"] = nature[cut:]
        else:
            del roles["nature_of_ownership"]


def _rows(text: str, rows: list, table: TableText) -> list[Row]:
    """Rows from (grammar, atoms per role), natures of ownership moved where they belong."""
    holding_grammars = (R.T1_HOLDING, R.T2_HOLDING_F4, R.T2_HOLDING_F3)
    built: list[tuple[Row, dict]] = []
    orphans: list[list[R.Atom]] = []
    for g, roles in rows:
        _title_from_nature(roles)
        if set(roles) <= {"security_title", "nature_of_ownership", "underlying_title"} and len(roles) == 1:
            orphans.append(next(iter(roles.values())))  # words alone: a nature printed after the rows
            continue
        kind = "holding" if (g in holding_grammars or table.form3 or
                             not any(r in R.TRANSACTION_ROLES for r in roles)) else "transaction"
        built.append((R.build_row(text, R.Cells(roles), table.derivative, kind), roles))
    # A nature of ownership read onto a direct row belongs to an indirect row that lacks one.
    lacking = [row for row, _ in built if row.direct_indirect == "I" and not row.nature_of_ownership]
    for row, roles in built:
        if lacking and row.direct_indirect == "D" and row.nature_of_ownership:
            orphans.insert(0, roles["nature_of_ownership"])
            row.nature_of_ownership = None
            row.evidence.pop("nature_of_ownership", None)
            row.footnotes.pop("nature_of_ownership", None)
    for row in lacking:
        if not orphans:
            break
        atoms = orphans.pop(0)
        nature = R.build_row(text, R.Cells({"nature_of_ownership": atoms}), table.derivative, "holding")
        row.nature_of_ownership = nature.nature_of_ownership
        if "nature_of_ownership" in nature.evidence:
            row.evidence["nature_of_ownership"] = nature.evidence["nature_of_ownership"]
        row.add_footnotes("nature_of_ownership", nature.footnotes.get("nature_of_ownership", []))
    return [row for row, _ in built]
