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

from ..model import TRANSACTION_CODES, Evidence, Row
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
    if core.isalpha():  # a word or letter: no date, money or number has no digit
        return "L" if len(core) == 1 and core.isupper() else "W"
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
        if raw.isalpha():  # a word: no mark, no currency sign, no space to drop
            info = (classify(raw), raw, ())
        else:
            core, marks = split_marks(raw)
            core = core.replace("\\$", "$").replace(" ", "")
            info = (classify_money(core), core, tuple(marks))
        if len(_TOKEN_CACHE) >= _CACHE_LIMIT:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[raw] = info
    return info


def tokenize(text: str, start: int, end: int, x0: int = -1) -> list[Atom]:
    """Whitespace tokens of ``text[start:end]`` as atoms; ``$`` joins the number after it.

    ``x0`` is the column of ``start`` in its line (spaced layouts), else -1.
    """
    chunk = text[start:end]
    if FILL in chunk or ("$" in chunk and has_lone_dollar(chunk)):
        return _tokenize_marked(text, chunk, start, x0)
    atoms: list[Atom] = []
    append = atoms.append
    cache = _TOKEN_CACHE
    pos = 0
    for raw in chunk.split():  # the \S+ runs, found without match objects
        k = chunk.find(raw, pos)
        pos = k + len(raw)
        info = cache.get(raw)
        if info is None:
            info = token_info(raw)
        kind, core, marks = info
        append(Atom(kind, core, list(marks) if marks else [], start + k, start + pos,
                    -1 if x0 < 0 else x0 + k, bool(marks)))
    return atoms


def has_lone_dollar(line: str) -> bool:
    """A "$" token of its own in the line (``tokenize`` joins it to the next token)."""
    return "$" in line and any(t.replace(FILL, "") in _DOLLAR for t in line.split() if "$" in t)


def _tokenize_marked(text: str, chunk: str, start: int, x0: int) -> list[Atom]:
    """``tokenize`` of ``chunk`` (text[start:...]) where masked markup (FILL) or a
    currency sign is present: FILL is trimmed off a token and dropped inside it."""
    atoms: list[Atom] = []
    append = atoms.append
    cache = _TOKEN_CACHE
    pending: int | None = None  # start of a lone "$"
    shift = -1 if x0 < 0 else x0 - start
    pos = 0
    for raw in chunk.split():
        k = chunk.find(raw, pos)
        pos = k + len(raw)
        ms, me = start + k, start + pos
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
    footnote mark ends its run ("Stock^(1)").  A run's atom is built once, when
    the run ends.
    """
    n = len(atoms)
    if n < 2:
        return atoms[:]
    out: list[Atom] = []
    cores: list[str] | None = None  # a run of two words or more being joined onto out[-1]
    marks: list[str] = []
    end = 0
    glued = False
    for i, atom in enumerate(atoms):
        kind = atom.kind
        if kind in _WORDISH and 0 < i < n - 1 and not atom.glued:
            prev, nxt = atoms[i - 1], atoms[i + 1]
            if prev.kind == "W" and not prev.glued and nxt.kind == "W" and (
                kind != "NUM" or _SMALL_PLAIN_INT.match(atom.core)
            ):
                kind = "W"
        if kind == "W" and out:
            if cores is not None:
                joins = not glued and end <= atom.start
            else:
                last = out[-1]
                joins = last.kind == "W" and not last.glued and last.end <= atom.start
                if joins:
                    cores, marks = [last.core], list(last.marks)
            if joins:
                cores.append(atom.core)
                if atom.marks:
                    marks.extend([m for m in atom.marks if m not in marks])
                end, glued = atom.end, atom.glued
                continue
        if cores is not None:
            out[-1] = _joined(out[-1], cores, marks, end, glued)
            cores = None
        if kind != atom.kind:
            atom = Atom("W", atom.core, atom.marks, atom.start, atom.end, atom.x, atom.glued)
        out.append(atom)
    if cores is not None:
        out[-1] = _joined(out[-1], cores, marks, end, glued)
    return out


_WORDISH = frozenset({"L", "NUM", "NULL"})


def _joined(first: Atom, cores: list[str], marks: list[str], end: int, glued: bool) -> Atom:
    return Atom("W", " ".join(cores), marks, first.start, end, first.x, glued)


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


def shape(atoms: list[Atom]) -> tuple[str, ...]:
    """The atoms' signatures (see ``fit_sig``): what ``align`` looks at."""
    return tuple(["L" + a.core if a.kind == "L" else a.kind for a in atoms])


# (grammar, atom signatures) -> (cost, column per atom or -1).  Rows of one
# layout share a handful of shapes, so the programme below runs once per shape.
_ALIGN_CACHE: dict[tuple, tuple[float, tuple[int, ...]]] = {}
_GRAMMAR_INFO: dict[tuple, "_AlignGrammar"] = {}


def align(atoms: list[Atom], grammar: tuple, sigs: tuple[str, ...] | None = None) -> tuple[float, list[list[Atom]]]:
    """Assign atoms (in order) to the grammar's columns at least cost.

    Returns (cost, atoms per column); see ``_align_shape`` for the programme.
    ``sigs`` is ``shape(atoms)`` when the caller has it.
    """
    cost, where = _shape_alignment(shape(atoms) if sigs is None else sigs, grammar)
    columns: list[list[Atom]] = [[] for _ in grammar]
    if cost != INF:
        for atom, col in zip(atoms, where):
            if col >= 0:
                columns[col].append(atom)
    return cost, columns


def align_cost(atoms: list[Atom], grammar: tuple, sigs: tuple[str, ...] | None = None) -> float:
    """The cost of ``align`` alone."""
    return _shape_alignment(shape(atoms) if sigs is None else sigs, grammar)[0]


def _shape_alignment(sigs: tuple[str, ...], grammar: tuple):
    """(cost, column per atom) for a shape, from the bounded cache or the programme."""
    key = (grammar, sigs)
    hit = _ALIGN_CACHE.get(key)
    if hit is None:
        hit = _align_shape(sigs, grammar)
        if len(_ALIGN_CACHE) >= _CACHE_LIMIT:
            _ALIGN_CACHE.clear()
        _ALIGN_CACHE[key] = hit
    return hit


def _align_shape(sigs: tuple[str, ...], grammar: tuple) -> tuple[float, tuple[int, ...]]:
    """The dynamic programme behind ``align``, on atom signatures.

    States (i, j, filled): atoms[:i] placed, column j open, ``filled`` when it
    already holds something.  Moves: put atom i in column j; attach a
    footnote-only atom to the filled column j; drop atom i; close column j.
    States dearer than the best at their atom by more than ALIGN_BEAM are not
    followed.  Per atom: columns closed in order (from empty, then filled),
    then the atom put or dropped into the next atom's states (whole-row list
    operations); ties go to the move tried first.
    Fast path: as many atoms as columns, each fitting its column for free.
    """
    n, m = len(sigs), len(grammar)
    info = _GRAMMAR_INFO.get(grammar)
    if info is None:
        info = _GRAMMAR_INFO[grammar] = _AlignGrammar(grammar)
    rows = [info.fits(sg) for sg in sigs]
    if n == m and all(rows[i][0][i] == 0.0 for i in range(n)):
        return 0.0, tuple(range(n))
    skips = info.skips
    empty = [INF] * (m + 1)  # cost per column j with the column empty (j = m: all closed)
    filled = [INF] * (m + 1)
    how = [_BY_DROP] * (m + 1)
    empty[0] = 0.0
    rows_e, rows_f, rows_h, lims = [], [], [], []
    drops = [DROP_COST] * (m + 1)
    for i in range(n + 1):
        lim = min(min(empty), min(filled)) + ALIGN_BEAM
        close_columns(empty, filled, how, skips, 0, lim)
        keep_states((rows_e, rows_f, rows_h, lims), empty, filled, how, lim)
        if i == n:
            break
        empty, filled = advance(empty, filled, rows[i], drops, lim)
        how = [_BY_DROP] * (m + 1)
    if empty[m] == INF:
        return INF, ()
    return empty[m], _align_walk_back(rows, rows_e, rows_f, rows_h, lims, n, m)


def keep_states(trail: tuple, empty: list[float], filled: list[float], how: list[int], lim: float) -> None:
    """Keep one atom's states for the walk back (``trail``: the four lists it reads)."""
    rows_e, rows_f, rows_h, lims = trail
    rows_e.append(empty)
    rows_f.append(filled)
    rows_h.append(how)
    lims.append(lim)


def close_columns(empty: list[float], filled: list[float], how: list[int], skips, q: int, lim: float) -> int:
    """Close columns in order from column ``q`` (shared with ``text_pdf``'s row fitting):
    column q+1 is reached from column q empty (paying its skip cost) or filled (free);
    ``how`` records the cheaper.  Returns the column after the last one closed."""
    for s in skips:
        a = empty[q]
        b = filled[q]
        q += 1
        if a <= lim:
            c = a + s
            if c < empty[q]:
                empty[q] = c
                how[q] = _BY_CLOSE_EMPTY
        if b <= lim and b < empty[q]:
            empty[q] = b
            how[q] = _BY_CLOSE_FILLED
    return q


def advance(empty: list[float], filled: list[float], fits: tuple, drops: list[float],
            lim: float) -> tuple[list[float], list[float]]:
    """The next atom's states (shared by ``_align_shape`` and ``text_pdf``'s row fitting):
    this atom put in column j (empty or filled: ``fits`` = put-from-empty, put-from-filled
    and attach costs per column) or dropped (``drops[j]``).  States dearer than ``lim``
    are not followed."""
    put0, put1, add1 = fits
    new_f = [a + p0 if a <= lim else INF for a, p0 in zip(empty, put0)]
    for k, b in enumerate(filled):
        if b <= lim:
            c = b + put1[k] + add1[k]
            x = new_f[k]
            if c < x:
                x = c
            c = b + DROP_COST
            if c < x:
                x = c
            new_f[k] = x
    return [a + d if a <= lim else INF for a, d in zip(empty, drops)], new_f


def _align_walk_back(rows, rows_e, rows_f, rows_h, lims, n: int, m: int) -> tuple[int, ...]:
    """The column of each atom (-1: dropped) on the cheapest path, from the end back.
    A 'filled' state's three moves (put from empty, put from filled, drop) are
    replayed in the order they were tried; other states keep how they were reached."""
    where = [-1] * n
    i, j, f = n, m, 0
    while True:
        if f:
            lim = lims[i - 1]
            a, b = rows_e[i - 1][j], rows_f[i - 1][j]
            put0, put1, add1 = rows[i - 1]
            best, move = (a + put0[j] if a <= lim else INF), 0
            if b <= lim:
                c = b + put1[j] + add1[j]
                if c < best:
                    best, move = c, 1
                if b + DROP_COST < best:
                    move = 2
            i -= 1
            if move != 2:
                where[i] = j
                f = move
            continue
        if i == 0 and j == 0:
            return tuple(where)
        h = rows_h[i][j]
        if h == _BY_DROP:
            i -= 1
        else:
            j -= 1
            f = 1 if h == _BY_CLOSE_FILLED else 0


_BY_DROP, _BY_CLOSE_EMPTY, _BY_CLOSE_FILLED = 0, 1, 2


class _AlignGrammar:
    """A grammar's skip costs, and per atom signature what putting it in each
    column costs: empty (``put0``), filled (``put1`` + ``add1``)."""

    __slots__ = ("kinds", "skips", "_fits")

    def __init__(self, grammar: tuple) -> None:
        self.kinds = tuple(k for _, k in grammar)
        self.skips = tuple(SKIP_COST.get(r, 0.0) for r, _ in grammar)
        self._fits: dict[str, tuple[list, list, list]] = {}

    def fits(self, sig: str) -> tuple[list, list, list]:
        got = self._fits.get(sig)
        if got is None:
            put0 = [fit_sig(sig, k) for k in self.kinds]
            put1 = [f if k == "words" else (ATTACH_COST if sig == "MARK" else INF) for f, k in zip(put0, self.kinds)]
            add1 = [0.2 if k == "words" else 0.0 for k in self.kinds]
            got = self._fits[sig] = (put0 + [INF], put1 + [INF], add1 + [0.0])
        return got


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


# Fields a holding row never states (cleared after reading, footnote ids kept).
_HOLDING_CLEARED = frozenset({"transaction_date", "deemed_execution_date", "transaction_code", "voluntary",
                              "shares", "price_per_share", "acquired_disposed"})
_AMOUNT_ROLES = frozenset({"amount", "shares_a", "shares_d"})
_SKIP_KINDS = frozenset({"MARK", "NULL"})


def build_row(text: str, cells: Cells, derivative: bool, kind: str) -> Row:
    """Read each role's atoms into typed values, footnote ids and evidence."""
    row = Row(derivative, kind)
    holding = kind == "holding"
    evidence = row.evidence
    shares_set = False  # a (A) or (D) amount already read (kept even on a holding)
    for role, atoms in cells.roles.items():
        if len(atoms) == 1:  # most cells: one atom
            values = atoms if atoms[0].kind not in _SKIP_KINDS else ()
            marks = atoms[0].marks
        else:
            values = [a for a in atoms if a.kind not in _SKIP_KINDS]
            marks = [m for a in atoms for m in a.marks]
        field_name = "shares" if role in _AMOUNT_ROLES else role
        if values:
            if values[0].kind == "MONEY" and field_name in _VALUE_INSTEAD:
                field_name = _VALUE_INSTEAD[field_name]  # "$2,500,000" where shares would stand
            value = _read_value(role, values)
            if value is not None:
                if field_name == "shares":
                    if shares_set:
                        continue  # both (A) and (D) filled: keep the first
                    shares_set = True
                if not (holding and field_name in _HOLDING_CLEARED):
                    setattr(row, field_name, value)
                    start, end = values[0].start, values[-1].end
                    evidence[field_name] = Evidence(text[start:end], start, end)
                if role == "shares_a" or role == "shares_d":
                    if not holding:
                        row.acquired_disposed = "A" if role == "shares_a" else "D"
                        evidence["acquired_disposed"] = evidence[field_name]
        if marks:
            row.add_footnotes(field_name, marks)
    return row


_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])- (?=[A-Z])")

# (role, value text) -> value: rows repeat the same values ("D", "06/20/2019", "$0").
_VALUE_CACHE: dict[tuple[str, str], object] = {}


def _read_value(role: str, values: list[Atom]):
    if role in _WORD_ROLES:
        value = values[0].core if len(values) == 1 else " ".join([a.core for a in values])
        if not _is_clean(value):
            value = clean_text(value)
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


def _is_clean(value: str) -> bool:
    """``clean_text`` would return ``value`` as it is: printable (no whitespace but
    the space), no space at either end, none doubled."""
    return value != "" and value.isprintable() and value[0] != " " and value[-1] != " " and "  " not in value


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
