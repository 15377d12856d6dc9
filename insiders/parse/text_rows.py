"""One table row of Form 3/4/5 text: typed tokens aligned to the table's columns.

Job: given the pieces of one data row (``Atom``s: words, dates, money, numbers,
code letters, footnote-mark-only cells, each with its offset in the document
text) and the table's column grammar, decide which piece fills which column and
build an ``insiders.model.Row`` with evidence and footnote ids per cell.

Two ways in:
* ``row_from_cells``: the layout gave explicit cells (pipe, grid, tab tables) and
  their count matches the grammar: cell i is column i.
* ``align``: the layout lost empty cells (lynx/w3m dumps, pandoc plain,
  pdftotext -layout): a small dynamic programme over token types and order
  assigns atoms to columns (O(atoms x columns)), once per row shape: results
  are cached by (grammar, atom types), as are token readings by token text.

Neighbours: ``text_layout`` finds tables, rows and atoms in the text;
``text_tables`` ties them together; values go through ``insiders.normalize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import TRANSACTION_CODES, Evidence, Record, Row
from ..normalize import DATE_ISO, DATE_NUMERIC, clean_text, parse_date, parse_number, split_marks

# ---------------------------------------------------------------- column grammars
#
# Each column is (role, kind).  Roles are Row field names, except
# ``amount`` (Table II "(A)/(D)" amount when the layout cannot tell which),
# ``shares_a`` / ``shares_d`` (the two Table II amount columns, when it can).
# Kinds say which token types fit: words, date, code, v, num, money, ad, di.

T1_TRANSACTION = (
    ("security_title", "words"), ("transaction_date", "date"), ("deemed_execution_date", "date"),
    ("transaction_code", "code"), ("voluntary", "v"), ("shares", "num"),
    ("acquired_disposed", "ad"), ("price_per_share", "money"), ("shares_owned_following", "num"),
    ("direct_indirect", "di"), ("nature_of_ownership", "words"),
)
T1_HOLDING = (
    ("security_title", "words"), ("shares_owned_following", "num"),
    ("direct_indirect", "di"), ("nature_of_ownership", "words"),
)
T2_TRANSACTION = (
    ("security_title", "words"), ("exercise_price", "money"), ("transaction_date", "date"),
    ("deemed_execution_date", "date"), ("transaction_code", "code"), ("voluntary", "v"),
    ("amount", "num"), ("date_exercisable", "date"), ("expiration_date", "date"),
    ("underlying_title", "words"), ("underlying_shares", "num"), ("price_per_share", "money"),
    ("shares_owned_following", "num"), ("direct_indirect", "di"), ("nature_of_ownership", "words"),
)
T2_HOLDING_F4 = (
    ("security_title", "words"), ("exercise_price", "money"), ("date_exercisable", "date"),
    ("expiration_date", "date"), ("underlying_title", "words"), ("underlying_shares", "num"),
    ("shares_owned_following", "num"), ("direct_indirect", "di"), ("nature_of_ownership", "words"),
)
T2_HOLDING_F3 = (
    ("security_title", "words"), ("date_exercisable", "date"), ("expiration_date", "date"),
    ("underlying_title", "words"), ("underlying_shares", "num"), ("exercise_price", "money"),
    ("direct_indirect", "di"), ("nature_of_ownership", "words"),
)

# The printed tables, every column (explicit-cell layouts map cell i to column i).
FULL_T1_F4 = T1_TRANSACTION
FULL_T1_F3 = T1_HOLDING
FULL_T2_F4 = (
    T2_TRANSACTION[:6] + (("shares_a", "num"), ("shares_d", "num")) + T2_TRANSACTION[7:]
)
FULL_T2_F3 = T2_HOLDING_F3

# Transaction columns: a row with none of them filled is a holding.
TRANSACTION_ROLES = frozenset(
    {"transaction_date", "deemed_execution_date", "transaction_code", "voluntary", "shares",
     "acquired_disposed", "price_per_share", "amount", "shares_a", "shares_d"}
)

# What leaving a column empty costs, per grammar role (a holding's title, owned
# amount and D/I are nearly always there; a transaction's date, code, amount too).
SKIP_COST = {
    "security_title": 3.0, "transaction_date": 1.0, "transaction_code": 0.5, "shares": 1.0,
    "amount": 1.0, "acquired_disposed": 0.3, "shares_owned_following": 0.8,
    "direct_indirect": 1.0, "underlying_shares": 0.3, "underlying_title": 0.2,
}
DROP_COST = 3.0        # an atom no column takes
ATTACH_COST = 0.3      # a spaced-off footnote mark joining the cell before it
INF = float("inf")
ALIGN_BEAM = 6.0       # ``align`` leaves states this much dearer than the best at their atom

# ---------------------------------------------------------------- tokens

_DATE_TOKEN = re.compile(r"^(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})$")
_MONEY_TOKEN = re.compile(r"^\(?-?(?:US)?\\?\$\s*-?[\d,]*\.?\d+\)?$")
_NUM_TOKEN = re.compile(r"^\(?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?$")
_NULL_TOKEN = frozenset({"-", "--", "—", "–", "N/A", "n/a", "NA", "None", "none"})
_SMALL_PLAIN_INT = re.compile(r"^\d{1,4}$")


@dataclass(slots=True)
class Atom:
    """A typed piece of a row: one token, a run of words, or one explicit cell."""

    kind: str            # W words, DATE, MONEY, NUM, MARK, L letter, NULL
    core: str            # the value text without footnote marks
    marks: list[str]     # footnote ids glued to it
    start: int           # offsets into the document text
    end: int
    x: int = -1          # column in its line (spaced layouts), else -1
    glued: bool = False  # ended by a glued footnote mark (ends a run of words)


def classify(core: str) -> str:
    """The type of one token's value text (marks already split off)."""
    if not core:
        return "MARK"
    if core in _NULL_TOKEN:
        return "NULL"
    if _DATE_TOKEN.match(core):
        return "DATE"
    if _MONEY_TOKEN.match(core):
        return "MONEY"
    if _NUM_TOKEN.match(core):
        return "NUM"
    if len(core) == 1 and core.isalpha() and core.isupper():
        return "L"
    return "W"


def classify_money(core: str) -> str:
    """``classify`` for a value that may carry a currency sign."""
    if core.startswith("$") or core.startswith("US$"):
        return "MONEY" if _MONEY_TOKEN.match(core) else "W"
    return classify(core)


_TOKEN = re.compile(r"\S+")
FILL = "\x00"  # stands for masked markup (see text_layout.mask); never part of a value
_DOLLAR = frozenset({"$", "\\$", "US$"})

# Token text -> (kind, core, marks).  Rows repeat the same tokens ("D", "$0",
# "Common", "06/20/2019"), so each distinct token is read once per process.
_TOKEN_CACHE: dict[str, tuple[str, str, tuple[str, ...]]] = {}
_CACHE_LIMIT = 50_000


def token_info(raw: str) -> tuple[str, str, tuple[str, ...]]:
    """(kind, core, footnote ids) of one token's text (a "$ 5" pair included)."""
    info = _TOKEN_CACHE.get(raw)
    if info is None:
        core, marks = split_marks(raw)
        core = core.replace("\\$", "$").replace(" ", "")
        info = (classify_money(core), core, tuple(marks))
        if len(_TOKEN_CACHE) >= _CACHE_LIMIT:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[raw] = info
    return info


def tokenize(text: str, start: int, end: int, x0: int = -1) -> list[Atom]:
    """Whitespace tokens of ``text[start:end]`` as atoms; ``$`` joins the number after it."""
    atoms: list[Atom] = []
    append = atoms.append
    cache = _TOKEN_CACHE
    pending: int | None = None  # start of a lone "$"
    shift = -1 if x0 < 0 else x0 - start
    for match in _TOKEN.finditer(text, start, end):
        raw = match.group()
        ms, me = match.span()
        if FILL in raw:
            core_raw = raw.strip(FILL)
            if not core_raw:
                continue
            ms += raw.index(core_raw[0])
            me = ms + len(core_raw)
            raw = core_raw.replace(FILL, "")
        if raw in _DOLLAR:
            pending = ms
            continue
        if pending is None:
            s = ms
        else:
            s = pending
            raw = text[s:me].replace(FILL, "")
            pending = None
        info = cache.get(raw)
        if info is None:
            info = token_info(raw)
        kind, core, marks = info
        append(Atom(kind, core, list(marks) if marks else [], s, me, -1 if x0 < 0 else s + shift, bool(marks)))
    return atoms


def merge_words(atoms: list[Atom], text: str) -> list[Atom]:
    """Join runs of words into one atom.

    A capital letter or a short plain number between two words belongs to the
    words ("Class A Common Stock", "Venture 2010 Fund"); a word with a glued
    footnote mark ends its run ("Stock^(1)").
    """
    out: list[Atom] = []
    n = len(atoms)
    for i, atom in enumerate(atoms):
        kind = atom.kind
        if kind in ("L", "NUM", "NULL") and 0 < i < n - 1 and not atom.glued:
            prev, nxt = atoms[i - 1], atoms[i + 1]
            if prev.kind == "W" and not prev.glued and nxt.kind == "W" and (
                kind != "NUM" or _SMALL_PLAIN_INT.match(atom.core)
            ):
                kind = "W"
        if kind == "W" and out and out[-1].kind == "W" and not out[-1].glued and out[-1].end <= atom.start:
            last = out[-1]
            out[-1] = Atom("W", last.core + " " + atom.core,
                           last.marks + [m for m in atom.marks if m not in last.marks],
                           last.start, atom.end, last.x, atom.glued)
            continue
        if kind != atom.kind:
            atom = Atom("W", atom.core, atom.marks, atom.start, atom.end, atom.x, atom.glued)
        out.append(atom)
    return out


# ---------------------------------------------------------------- fit costs

def fit_sig(sig: str, col_kind: str) -> float:
    """What putting an atom of signature ``sig`` in a column of ``col_kind`` costs (INF: never).

    An atom's signature is its kind, or "L" plus the letter for a lone capital.
    """
    if sig == "MARK" or sig == "NULL":
        return 0.05
    if col_kind == "words":
        return _WORDS_FIT.get(sig[:1] if sig[0] == "L" else sig, INF)
    if sig == "DATE":
        return 0.0 if col_kind == "date" else INF
    if sig == "MONEY":
        return 0.0 if col_kind == "money" else (1.0 if col_kind == "num" else INF)
    if sig == "NUM":
        return 0.0 if col_kind == "num" else (0.6 if col_kind == "money" else INF)
    if sig[0] == "L" and len(sig) == 2:
        letter = sig[1]
        if col_kind == "code":
            return 0.0 if letter in TRANSACTION_CODES else INF
        if col_kind == "v":
            return 0.0 if letter == "V" else INF
        if col_kind == "ad":
            return 0.0 if letter in ("A", "D") else INF
        if col_kind == "di":
            return 0.0 if letter in ("D", "I") else INF
    return INF


_WORDS_FIT = {"W": 0.0, "L": 0.8, "NUM": 0.8, "DATE": 1.5, "MONEY": 1.5}


def signature(atom: Atom) -> str:
    return "L" + atom.core if atom.kind == "L" else atom.kind


# (grammar, atom signatures) -> (cost, column per atom or -1).  Rows of one
# layout share a handful of shapes, so the programme below runs once per shape.
_ALIGN_CACHE: dict[tuple, tuple[float, tuple[int, ...]]] = {}
_GRAMMAR_INFO: dict[tuple, tuple] = {}


def align(atoms: list[Atom], grammar: tuple) -> tuple[float, list[list[Atom]]]:
    """Assign atoms (in order) to the grammar's columns at least cost.

    Returns (cost, atoms per column); see ``_align_shape`` for the programme.
    """
    cost, where = _shape_alignment(atoms, grammar)
    columns: list[list[Atom]] = [[] for _ in grammar]
    if cost != INF:
        for atom, col in zip(atoms, where):
            if col >= 0:
                columns[col].append(atom)
    return cost, columns


def align_cost(atoms: list[Atom], grammar: tuple) -> float:
    """The cost of ``align`` alone."""
    return _shape_alignment(atoms, grammar)[0]


def _shape_alignment(atoms: list[Atom], grammar: tuple):
    """(cost, column per atom) for the atoms' shape, from the bounded cache or the programme."""
    key = (grammar, tuple([signature(a) for a in atoms]))
    hit = _ALIGN_CACHE.get(key)
    if hit is None:
        hit = _align_shape(key[1], grammar)
        if len(_ALIGN_CACHE) >= _CACHE_LIMIT:
            _ALIGN_CACHE.clear()
        _ALIGN_CACHE[key] = hit
    return hit


def _align_shape(sigs: tuple[str, ...], grammar: tuple) -> tuple[float, tuple[int, ...]]:
    """The dynamic programme behind ``align``, on atom signatures.

    States (i, j, filled): atoms[:i] placed, column j open, ``filled`` when it
    already holds something.  Moves: put atom i in column j; attach a
    footnote-only atom to the filled column j; drop atom i; close column j.
    Fast path: as many atoms as columns, each fitting its column for free.
    """
    n, m = len(sigs), len(grammar)
    info = _GRAMMAR_INFO.get(grammar)
    if info is None:
        info = _GRAMMAR_INFO[grammar] = (
            tuple(k for _, k in grammar), tuple(SKIP_COST.get(r, 0.0) for r, _ in grammar))
    kinds, skips = info
    fits = [[fit_sig(sg, k) for k in kinds] for sg in sigs]
    if n == m and all(fits[i][i] == 0.0 for i in range(n)):
        return 0.0, tuple(range(n))
    words = [k == "words" for k in kinds]
    is_mark = [sg == "MARK" for sg in sigs]
    width = (m + 1) * 2
    size = (n + 1) * width
    cost = [INF] * size
    back: list = [None] * size
    cost[0] = 0.0
    for i in range(n + 1):
        base = i * width
        fit_i = fits[i] if i < n else None
        lim = min(cost[base:base + width]) + ALIGN_BEAM
        for j in range(m + 1):
            for f in (0, 1):
                here_k = base + j * 2 + f
                here = cost[here_k]
                if here > lim:
                    continue
                if j < m:  # close column j
                    c = here + (skips[j] if f == 0 else 0.0)
                    k = base + (j + 1) * 2
                    if c < cost[k]:
                        cost[k] = c
                        back[k] = (here_k, None)
                if fit_i is not None:
                    if j < m:
                        if f == 0 or words[j]:
                            c = here + fit_i[j] + (0.2 if f else 0.0)
                        elif is_mark[i]:
                            c = here + ATTACH_COST
                        else:
                            c = INF
                        k = base + width + j * 2 + 1
                        if c < cost[k]:
                            cost[k] = c
                            back[k] = (here_k, j)
                    c = here + DROP_COST
                    k = here_k + width
                    if c < cost[k]:
                        cost[k] = c
                        back[k] = (here_k, -1)
    end = n * width + m * 2
    if cost[end] == INF:
        return INF, ()
    where = [-1] * n
    state = end
    while back[state] is not None:
        prev, col = back[state]
        if col is not None:
            where[prev // width] = col
        state = prev
    return cost[end], tuple(where)


# ---------------------------------------------------------------- building rows

@dataclass(slots=True)
class Cells:
    """Atoms per role for one row, before values are read."""

    roles: dict[str, list[Atom]] = field(default_factory=dict)

    def filled(self, role: str) -> bool:
        return bool(self.roles.get(role))


def cells_from_alignment(grammar: tuple, columns: list[list[Atom]]) -> Cells:
    return Cells({role: col for (role, _), col in zip(grammar, columns) if col})


_WORD_ROLES = frozenset({"security_title", "underlying_title", "nature_of_ownership"})
_DATE_ROLES = frozenset({"transaction_date", "deemed_execution_date", "date_exercisable", "expiration_date"})
_NUM_ROLES = frozenset({"shares", "shares_owned_following", "underlying_shares", "price_per_share",
                        "exercise_price", "amount", "shares_a", "shares_d"})


# A dollar amount in a share-count column is a value, not shares (notes, swaps).
_VALUE_INSTEAD = {
    "shares": "total_value", "shares_owned_following": "value_owned_following",
    "underlying_shares": "underlying_value",
}


def _evidence(text: str, atoms: list[Atom]) -> Evidence:
    start, end = atoms[0].start, atoms[-1].end
    return Evidence(text=text[start:end], start=start, end=end)


# Fields a holding row never states (cleared after reading, footnote ids kept).
_HOLDING_CLEARED = frozenset({"transaction_date", "deemed_execution_date", "transaction_code", "voluntary",
                              "shares", "price_per_share", "acquired_disposed"})
_AMOUNT_ROLES = frozenset({"amount", "shares_a", "shares_d"})
_SKIP_KINDS = frozenset({"MARK", "NULL"})


def build_row(text: str, cells: Cells, derivative: bool, kind: str) -> Row:
    """Read each role's atoms into typed values, footnote ids and evidence."""
    row = Row(derivative=derivative, kind=kind)
    holding = kind == "holding"
    evidence = row.evidence
    shares_set = False  # a (A) or (D) amount already read (kept even on a holding)
    for role, atoms in cells.roles.items():
        values = [a for a in atoms if a.kind not in _SKIP_KINDS]
        field_name = "shares" if role in _AMOUNT_ROLES else role
        if values and values[0].kind == "MONEY" and field_name in _VALUE_INSTEAD:
            field_name = _VALUE_INSTEAD[field_name]  # "$2,500,000" where shares would stand
        if values:
            value = _read_value(role, values)
            if value is not None:
                if field_name == "shares":
                    if shares_set:
                        continue  # both (A) and (D) filled: keep the first
                    shares_set = True
                if not (holding and field_name in _HOLDING_CLEARED):
                    setattr(row, field_name, value)
                    evidence[field_name] = _evidence(text, values)
                if role == "shares_a" or role == "shares_d":
                    if not holding:
                        row.acquired_disposed = "A" if role == "shares_a" else "D"
                        evidence["acquired_disposed"] = evidence[field_name]
        marks = [m for a in atoms for m in a.marks]
        if marks:
            row.add_footnotes(field_name, marks)
    return row


_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])- (?=[A-Z])")

# (role, value text) -> value: rows repeat the same values ("D", "06/20/2019", "$0").
_VALUE_CACHE: dict[tuple[str, str], object] = {}


def _read_value(role: str, values: list[Atom]):
    if role in _WORD_ROLES:
        value = clean_text(values[0].core if len(values) == 1 else " ".join(a.core for a in values))
        # A word broken at a hyphen across stacked lines ("Adeyemi-" / "Shaw") is one word again.
        return _HYPHEN_BREAK.sub("-", value) if value and "- " in value else value
    key = (role, values[0].core)
    if key in _VALUE_CACHE:
        return _VALUE_CACHE[key]
    value = _read_first(role, key[1])
    if len(_VALUE_CACHE) >= _CACHE_LIMIT:
        _VALUE_CACHE.clear()
    _VALUE_CACHE[key] = value
    return value


def _read_first(role: str, first: str):
    if role in _DATE_ROLES:
        return parse_date(first) if (DATE_NUMERIC.search(first) or DATE_ISO.search(first)) else None
    if role in _NUM_ROLES:
        return parse_number(first.replace("$", ""))
    if role == "transaction_code":
        return first if first in TRANSACTION_CODES else None
    if role == "voluntary":
        return True if first == "V" else None
    if role == "acquired_disposed":
        return first if first in ("A", "D") else None
    if role == "direct_indirect":
        return first if first in ("D", "I") else None
    return None


# ---------------------------------------------------------------- (A) or (D) from the code

# Table II amounts whose column is lost: the code tells the direction when it is
# unambiguous for the derivative security itself.
_CODE_DIRECTION = {
    "A": "A", "P": "A", "L": "A",                      # grant, purchase, small acquisition
    "S": "D", "F": "D", "M": "D", "X": "D", "C": "D",  # sale, tax, exercise, conversion
    "E": "D", "H": "D", "O": "D", "U": "D", "D": "D",  # expiry, cancel, tender, to issuer
}


def infer_direction(row: Row, record: Record, path: str) -> None:
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
