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
Table I's region move to Table II (``move_leaked_columns``).

Costs are per layout, measured on our fixtures; plain pdftotext reading order
can be column-major for some tables (several rows' titles in one paragraph),
which this does not untangle.

Neighbours: ``text_layout`` recognises the layout ('stream' in ``layout_of``)
and finds the table's lines; ``text_rows`` gives atoms, fit costs and builds
the rows; ``text_tables`` drives.
"""

from __future__ import annotations

import re

from ..model import Row
from . import text_rows as R
from .text_layout import HEADER_FRAGMENT, Line, TableText
from .text_scatter import owner_name_cell

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
    out: list[list[Line]] = []
    run: list[Line] = []
    for ln in table.lines:
        if _OWNER_BLOCK.match(ln.text):
            break
        if ln.text.strip(" \t\x00"):
            run.append(ln)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


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
    of columns may start.  A paragraph's words never join the next one's."""
    atoms: list[R.Atom] = []
    barriers: set[int] = set()
    for para in paragraphs(table):
        if _is_header(para):
            if _NUMBERED.match(para[0].text):
                barriers.add(len(atoms))
            continue
        if len(para) == 1 and owner_name_cell(para[0].text, _lines_after(table, para[0])):
            continue  # a joint filer's name printed among the cells, its relationship box next
        lines = [R.tokenize(text, ln.start, ln.end) for ln in para]
        lines = [ln for ln in lines if ln]
        # "Common / 15,000 / Stock": a value printed beside a wrapped title sits
        # between its lines; the words come first.
        kinds = ["v" if all(a.kind not in ("W", "L") for a in ln) else "w" for ln in lines]
        if "v" in kinds[1:-1] and kinds[0] == kinds[-1] == "w":
            lines = [ln for ln, k in zip(lines, kinds) if k == "w"] + [
                ln for ln, k in zip(lines, kinds) if k == "v"]
        piece = R.merge_words([a for ln in lines for a in ln], text)
        if piece:
            last = piece[-1]
            if last.kind == "W" and not last.glued:
                piece[-1] = R.Atom(last.kind, last.core, last.marks, last.start, last.end, last.x, True)
            atoms.extend(piece)
    return atoms, barriers


def _lines_after(table: TableText, line: Line, count: int = 4) -> list[str]:
    """The next ``count`` non-blank lines of the table's region after ``line``."""
    out: list[str] = []
    for ln in table.lines:
        if ln.start > line.start and ln.text.strip(" \t\x00"):
            out.append(ln.text)
            if len(out) == count:
                break
    return out


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

_END, _CLOSE, _DROP = ("end",), ("close",), ("drop",)
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
    layer's last column.
    """
    n = len(atoms)
    sigs = [R.signature(a) for a in atoms]
    layers = []  # (offset, m, skips, words, slice, kind, grammar index, fits)
    offset = 0
    for sl, kind, gi in _layers(grammars, grouped):
        m = len(sl)
        by_sig = {sg: [R.fit_sig(sg, k) + _ROLE_FIT.get((role, sg), 0.0) for role, k in sl] for sg in set(sigs)}
        fits = [by_sig[sg] for sg in sigs]
        layers.append((offset, m, [R.SKIP_COST.get(r, 0.0) for r, _ in sl],
                       [k == "words" for _, k in sl], sl, kind, gi, fits))
        offset += (m + 1) * 2
    width = offset + 1
    between = offset
    cost = [INF] * ((n + 1) * width)
    back: list = [None] * len(cost)
    cost[between] = 0.0
    is_mark = [sg == "MARK" for sg in sigs]
    # Words of two paragraphs are two cells: one column takes both only at a price.
    extra = [0.2 if sg in ("MARK", "NULL") else 1.0 for sg in sigs]
    tie = 0.1 if len(grammars) > 1 else 0.0

    _PUT = [("put", j) for j in range(max(len(sl) for sl, _, _ in _layers(grammars, grouped)))]

    def relax(k: int, c: float, frm: int, move) -> None:
        if c < cost[k]:
            cost[k] = c
            back[k] = (frm, move)

    def inner(i: int, base: int, full: bool) -> None:
        """Moves inside rows at atom i; ``full`` False: only closes and ends.

        States far above the best at i (BEAM) are not followed."""
        lim = min(cost[base:base + width]) + BEAM
        for off, m, skips, words, _, kind, _, fits in layers:
            if min(cost[base + off:base + off + 2 * m + 2]) > lim:
                continue  # nothing of this layer alive at i
            fit_i = fits[i] if (full and i < n) else None
            end_cost = 0.0 if kind not in ("head", "mid") or grouped else (PIECE_AT if i in barriers else PIECE)
            drop = R.DROP_COST
            ex = extra[i] if full and i < n else 0.0
            mark = full and i < n and is_mark[i]
            lo = base + off
            nxt = lo + width  # the same state at atom i + 1
            attach = R.ATTACH_COST
            for j in range(m):
                k0 = lo + 2 * j
                k_close = k0 + 2
                # column j empty (f = 0)
                here = cost[k0]
                if here <= lim:
                    c = here + skips[j]
                    if c < cost[k_close]:
                        cost[k_close] = c
                        back[k_close] = (k0, _CLOSE)
                    if fit_i is not None:
                        c = here + fit_i[j]
                        k = nxt + 2 * j + 1  # put atom i in column j
                        if c < cost[k]:
                            cost[k] = c
                            back[k] = (k0, _PUT[j])
                        k = k0 + width  # drop atom i
                        c = here + drop
                        if c < cost[k]:
                            cost[k] = c
                            back[k] = (k0, _DROP)
                # column j filled (f = 1)
                k0 += 1
                here = cost[k0]
                if here <= lim:
                    if here < cost[k_close]:
                        cost[k_close] = here
                        back[k_close] = (k0, _CLOSE)
                    if fit_i is not None:
                        if words[j]:
                            c = here + fit_i[j] + ex
                        elif mark:
                            c = here + attach
                        else:
                            c = INF
                        k = nxt + 2 * j + 1
                        if c < cost[k]:
                            cost[k] = c
                            back[k] = (k0, _PUT[j])
                        k = k0 + width
                        c = here + drop
                        if c < cost[k]:
                            cost[k] = c
                            back[k] = (k0, _DROP)
            k0 = lo + 2 * m  # every column closed: the row (piece) ends
            here = cost[k0]
            if here <= lim:
                relax(base + between, here + end_cost, k0, _END)

    for i in range(n + 1):
        base = i * width
        inner(i, base, False)  # rows that end here
        here = cost[base + between]
        if here < INF:  # between rows: open a row, or drop atom i
            for li, (off, m, _, _, _, kind, gi, _) in enumerate(layers):
                c = here + (tie if gi == 0 else 0.0)
                if not grouped:
                    c += NEW_ROW
                else:  # grouped: a row is a head and its other pieces
                    c += GROUP_HEAD if kind in ("head", "full") else (
                        GROUP_PART if kind == "tail" else GROUP_PART + split_cost)
                if kind in ("tail", "mid", "tail2") and not grouped:
                    c += PIECE_AT if i in barriers else PIECE
                relax(base + off, c, base + between, ("open", li))
            if i < n:
                relax(base + width + between, here + R.DROP_COST, base + between, _DROP)
        inner(i, base, True)
    end = n * width + between
    if cost[end] == INF:
        return [], INF
    pieces = []
    current: dict | None = None
    state = end
    while back[state] is not None:
        prev, move = back[state]
        i = prev // width
        if move[0] == "end":
            current = {"cols": {}}
            pieces.append(current)
        elif move[0] == "put":
            current["cols"].setdefault(move[1], []).insert(0, atoms[i])
        elif move[0] == "open":
            current["layer"] = move[1]
            current = None
        state = prev
    pieces.reverse()
    out = []
    for p in pieces:
        _, m, _, _, sl, kind, _, _ = layers[p["layer"]]
        out.append((sl, kind, [p["cols"].get(j, []) for j in range(m)]))
    return out, cost[end]


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
