"""Table I and Table II of a typed pre-2003 form, read from fixed-width geometry.

Part of ``ascii_form``; lines and words from ``ascii_lines``; values through
``insiders.normalize``.  Each table is a heading ("TABLE I -- ..."), a column
header ended by a rule, and data lines until a closing rule or the notes.

The printed form numbers its columns ("1. Title", "2. Trans- action Date" ...);
their visual columns in the header give each column's span, and keywords low in
the header ("Amount", "(A)", "(D)", "Price", "Exer-", "Expira-") split columns
that hold several fields.  '|'-boxed headers give exact cell edges.  A data line
is cut into typed tokens (date, number, money, letter, text, footnote mark) and
a small dynamic programme assigns them, in order, to the table's fields: a
token's type must fit the field, and distance from the field's span costs.
Lines that only carry text, or a number under "Title and Amount", continue the
row above (stacked titles "Employee / Stock / Option").  Work is linear in the
number of lines; the programme is O(tokens x fields) per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import TRANSACTION_CODES, Evidence, Record, Row
from ..normalize import parse_date, parse_number
from .ascii_lines import CLOSING_RULE, Sheet
from .ascii_tokens import Tok, tokens

# ---------------------------------------------------------------- the tables' fields
# (field, column number on the printed form, type, keyword locating it inside its column)

_AMOUNT = re.compile(r"Amount|Number", re.I)    # "Amount or Number of Shares"
_CODE = re.compile(r"Code", re.I)
_V = re.compile(r"(?<![\w/])V(?!\w)")             # the "V" (voluntary) sub-column
_EXER = re.compile(r"Exer", re.I)                # "Date Exer- cisable"
_EXPIR = re.compile(r"Expir", re.I)              # "Expira- tion Date"
_TITLE = re.compile(r"Title", re.I)
TABLE_I_3 = (
    ("shares_owned_following", 2, "num", None),
    ("direct_indirect", 3, "di", None),
    ("nature_of_ownership", 4, "text", None),
)
TABLE_II_3 = (
    ("date_exercisable", 2, "date", _EXER),
    ("expiration_date", 2, "date", _EXPIR),
    ("underlying_title", 3, "text", _TITLE),
    ("underlying_shares", 3, "num", _AMOUNT),
    ("exercise_price", 4, "price", None),
    ("direct_indirect", 5, "di", None),
    ("nature_of_ownership", 6, "text", None),
)
TABLE_I_45 = (
    ("transaction_date", 2, "date", None),
    ("transaction_code", 3, "code", _CODE),
    ("voluntary", 3, "v", _V),
    ("shares", 4, "num", re.compile(r"Amount", re.I)),
    ("acquired_disposed", 4, "ad", re.compile(r"\(\s*[AD]\s*\)")),
    ("price_per_share", 4, "price", re.compile(r"Price", re.I)),
    ("shares_owned_following", 5, "num", None),
    ("direct_indirect", 6, "di", None),
    ("nature_of_ownership", 7, "text", None),
)
TABLE_II_45 = (
    ("exercise_price", 2, "price", None),
    ("transaction_date", 3, "date", None),
    ("transaction_code", 4, "code", _CODE),
    ("voluntary", 4, "v", _V),
    ("shares_a", 5, "num", re.compile(r"\(\s*A\s*\)")),
    ("shares_d", 5, "num", re.compile(r"\(\s*D\s*\)")),
    ("acquired_disposed", 5, "ad", None),
    ("date_exercisable", 6, "date", _EXER),
    ("expiration_date", 6, "date", _EXPIR),
    ("underlying_title", 7, "text", _TITLE),
    ("underlying_shares", 7, "num", _AMOUNT),
    ("price_per_share", 8, "price", None),
    ("shares_owned_following", 9, "num", None),
    ("direct_indirect", 10, "di", None),
    ("nature_of_ownership", 11, "text", None),
)
_TRANSACTION_FIELDS = frozenset({"transaction_date", "transaction_code", "voluntary", "shares", "shares_a",
                                 "shares_d", "acquired_disposed", "price_per_share"})

# ---------------------------------------------------------------- where the tables are

_HEADING_I = re.compile(r"^[ \t|]*TABLE\s+I\b(?!I)", re.I | re.M)
_HEADING_II = re.compile(r"^[ \t|]*TABLE\s+II\b", re.I | re.M)
# A line that is no longer table data.
_DATA_END = re.compile(
    r"""^[ \t|]*(?:
        Explanation\s+of\s+Responses | Reminder | \* | FORM\s+[345]\b | Notes?\s*: | Footnotes?\s*:
      | SIGNATURES? | (?:By:?\s*)?/s/ | JOINT\s+FILER | Page\s+\d | TABLE\s+I
    )""",
    re.I | re.X,
)
# A table left out: "NONE", "N/A", "Not applicable" on a line of its own.
_EMPTY_TABLE = re.compile(r"^[ \t|]*(?:NONE|N/?A|Not\s+applicable|No\s+(?:derivative\s+)?securities\b[^\n]*)[ \t.|]*$", re.I | re.M)
# Column numbers in the header: "1. Title", "|2. Trans-", "10."
_NUMERAL = re.compile(r"(?<![\w.(/$,])(\d{1,2})\.(?=\s|$|[A-Za-z])")
_TITLE_WORD = re.compile(r"\bTitle\b", re.I)
# Evidence of data: a date, a grouped number or money.
_DATA_LIKE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d,\d{3}|\$\s?\d")
# A price in fractions as a whole: "$27 1/2", "7/8".
_MIXED = re.compile(r"(?P<whole>\$?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?)\s*(?P<num>\d{1,2})/(?P<den>\d{1,3})")

# ---------------------------------------------------------------- geometry


@dataclass(slots=True)
class Layout:
    fields: tuple
    spans: list[tuple[float, float] | None]  # per field
    title_end: float | None


def layout(sheet: Sheet, header: list[int], fields: tuple) -> Layout:
    groups = max(f[1] for f in fields)
    found: dict[int, float] = {}
    last = -1.0
    for n in header:
        line = sheet.clean(n)
        for m in _NUMERAL.finditer(line):
            k = int(m.group(1))
            if 1 <= k <= groups and k not in found:
                found[k] = sheet.x_of(n, m.start())
    present = sorted(found)
    kept: dict[int, float] = {}
    for k in present:  # column numbers must run left to right
        if found[k] > last:
            kept[k] = found[k]
            last = found[k]
    if len(kept) < 2:
        return Layout(fields, [None] * len(fields), None)
    kept.setdefault(1, 0)
    starts: dict[int, float] = dict(kept)
    keys = sorted(kept)
    for a, b in zip(keys, keys[1:]):
        for k in range(a + 1, b):
            starts[k] = kept[a] + (kept[b] - kept[a]) * (k - a) / (b - a)
    group_span: dict[int, tuple[float, float]] = {}
    for k in range(1, groups + 1):
        if k not in starts:
            continue
        nxt = [starts[j] for j in range(k + 1, groups + 1) if j in starts]
        group_span[k] = (starts[k] - 1, (nxt[0] - 1) if nxt else 1e9)
    spans: list[tuple[float, float] | None] = [None] * len(fields)
    for k, (lo, hi) in group_span.items():
        members = [i for i, f in enumerate(fields) if f[1] == k]
        for i, span in zip(members, _split(sheet, header, fields, members, lo, hi)):
            spans[i] = span
    title_end = starts.get(2)
    return Layout(fields, spans, None if title_end is None else title_end - 1)


def _split(sheet: Sheet, header: list[int], fields: tuple, members: list[int], lo: float, hi: float):
    """Spans of the fields sharing one printed column: by '|' cells, by keywords, else evenly."""
    if len(members) <= 1:
        return [(lo, hi)] * len(members)
    for n in reversed(header):  # '|' cell edges inside the column
        line = sheet.line(n)
        if "|" not in line:
            continue
        edges = sorted({x for x in (sheet.x_of(n, i) for i, ch in enumerate(line) if ch == "|") if lo + 2 <= x < hi})
        if len(edges) == len(members) - 1:
            bounds = [lo, *edges, hi]
            return list(zip(bounds, bounds[1:]))
    anchors: list[float | None] = []
    for i in members:
        keyword = fields[i][3]
        anchors.append(_keyword_x(sheet, header, keyword, lo, hi) if keyword else None)
    if anchors[0] is None:
        anchors[0] = lo
    for j in range(1, len(anchors)):  # a field without a keyword shares its left neighbour's span
        if anchors[j] is None:
            anchors[j] = anchors[j - 1]
    if all(b >= a for a, b in zip(anchors, anchors[1:])) and len(set(anchors)) > 1:
        starts = [lo] + [a - 1 for a in anchors[1:]]
    else:
        width = (min(hi, lo + 40) - lo) / len(members)
        starts = [lo + width * j for j in range(len(members))]
    out = []
    for j, s in enumerate(starts):
        e = next((t for t in starts[j + 1:] if t > s), hi)
        out.append((s, e))
    return out


def _keyword_x(sheet: Sheet, header: list[int], pattern: re.Pattern, lo: float, hi: float) -> float | None:
    """Column of the lowest header occurrence of ``pattern`` inside [lo, hi] (bottom-up)."""
    for n in reversed(header):
        line = sheet.clean(n)
        for m in pattern.finditer(line):
            x = sheet.x_of(n, m.start())
            if lo - 3 <= x <= hi + 1:
                return x
    return None


# ---------------------------------------------------------------- assigning tokens to fields

_FIT = {
    "date": {"date": 0.0, "blank": 0.6, "mark": 0.8},
    "num": {"num": 0.0, "money": 0.8, "blank": 0.6, "mark": 0.8},
    "price": {"money": 0.0, "num": 0.3, "blank": 0.6, "mark": 0.8},
    "text": {"text": 0.0, "di": 1.0, "letter": 1.5, "num": 2.0, "blank": 0.9, "mark": 0.9},
}
_INF = float("inf")
_DROP = 8.0


def _fit(tok: Tok, ftype: str) -> float:
    if ftype in _FIT:
        cost = _FIT[ftype].get(tok.kind, _INF)
        if tok.kind == "num" and ftype in ("num", "price") and "." in tok.raw:
            cost += 0.3 if ftype == "num" else -0.3
        return max(cost, 0.0)
    letter = tok.raw.upper() if tok.kind in ("letter", "di") else ""
    if ftype == "code":
        return 0.0 if tok.kind == "letter" and letter in TRANSACTION_CODES else _INF
    if ftype == "v":
        return 0.0 if letter == "V" else _INF
    if ftype == "ad":
        return 0.0 if tok.kind == "letter" and letter in ("A", "D") else _INF
    if ftype == "di":
        return 0.0 if (tok.kind == "letter" and letter in ("D", "I")) or tok.kind == "di" else _INF
    return _INF


def _distance(tok: Tok, span) -> float:
    if span is None:
        return 0.0
    centre = (tok.x0 + tok.x1) / 2
    lo, hi = span
    if lo <= centre < hi:
        return 0.0
    return min(0.3 * (lo - centre if centre < lo else centre - hi), 6.0)


def assign(toks: list[Tok], lay: Layout, holding: bool) -> list[tuple[str, int]]:
    """For each token, ('field', index), ('attach', index of field or -1 for title), or ('drop', -1).

    A left-to-right dynamic programme: the state is the field the last token went to;
    a token goes to a later field (its type must fit; distance from the span costs),
    stays in a text field (one more phrase), attaches as a footnote mark, or is dropped.
    """
    fields, spans, m = lay.fields, lay.spans, len(lay.fields)
    types = [f[2] for f in fields]
    surcharge = [0.5 if holding and f[0] in _TRANSACTION_FIELDS else 0.0 for f in fields]
    dp = [0.0] + [_INF] * m  # dp[j + 1]: best cost with the last token placed in field j
    back: list[list[tuple[int, str, int]]] = []
    for tok in toks:
        fit = {t: _fit(tok, t) for t in set(types)}
        new = [_INF] * (m + 1)
        ptr: list[tuple[int, str, int]] = [(0, "", 0)] * (m + 1)
        best, best_j = _INF, 0
        for j in range(m):  # place in field j, coming from any earlier state
            if dp[j] < best:
                best, best_j = dp[j], j
            cost = fit[types[j]]
            if best == _INF or cost == _INF:
                continue
            cost = best + cost + surcharge[j] + _distance(tok, spans[j])
            if cost < new[j + 1]:
                new[j + 1], ptr[j + 1] = cost, (best_j, "field", j)
        mark, joins = tok.kind == "mark", tok.kind in ("text", "letter", "di", "num")
        for s in range(m + 1):  # stay in the same state
            if dp[s] == _INF:
                continue
            j = s - 1
            if mark:
                cost = 0.2 if tok.gap <= 1 else 1.0 if tok.gap <= 3 else 3.0
                if j >= 0 and _distance(tok, spans[j]) > 0.3:
                    cost += 1.5
                action = "attach"
            elif j >= 0 and joins and types[j] == "text":
                cost = 0.3 + _distance(tok, spans[j]) + (0 if tok.kind == "text" else 1.0)
                action = "field"
            else:
                cost, action = _DROP, "drop"
            if dp[s] + cost < new[s]:
                new[s], ptr[s] = dp[s] + cost, (s, action, j)
        dp = new
        back.append(ptr)
    state = min(range(m + 1), key=dp.__getitem__)
    out: list[tuple[str, int]] = []
    for ptr in reversed(back):
        prev, action, j = ptr[state]
        out.append((action, j))
        state = prev
    out.reverse()
    return out


# ---------------------------------------------------------------- rows


@dataclass
class Draft:
    """A row being read: title pieces and field values, each with its tokens."""

    title: list[Tok] = field(default_factory=list)
    values: dict[str, list[Tok]] = field(default_factory=dict)
    marks: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, tok: Tok) -> None:
        if tok.kind not in ("mark", "blank"):
            self.values.setdefault(name, []).append(tok)
        else:
            self.values.setdefault(name, [])
        self.mark(name, tok.marks)

    def mark(self, name: str, ids: list[str]) -> None:
        bucket = self.marks.setdefault(name, [])
        bucket.extend(i for i in ids if i not in bucket)


def _split_title(toks: list[Tok], lay: Layout) -> tuple[list[Tok], list[Tok]]:
    """Leading tokens in the title column, and the rest."""
    if not toks:
        return [], []
    end = lay.title_end
    i = 0
    while i < len(toks):
        tok = toks[i]
        if end is not None:
            inside = tok.x0 < end or (i > 0 and tok.gap <= 1 and tok.kind == "text")
        else:
            inside = i == 0 or (tok.gap <= 1 and tok.kind not in ("date",))
        if tok.kind == "mark" and i > 0 and tok.gap <= 1:
            inside = True
        if not inside or (tok.kind == "date" and end is None):
            break
        i += 1
    return toks[:i], toks[i:]


def _continues(draft: Draft, toks: list[Tok], lay: Layout) -> list[tuple[str, Tok]] | None:
    """Where each token of a continuation line goes, or None when the line starts a row."""
    placed: list[tuple[str, Tok]] = []
    texts = [f for f in lay.fields if f[2] == "text"]
    for tok in toks:
        if tok.kind == "mark":
            placed.append((placed[-1][0] if placed else _nearest(tok, lay, texts) or "", tok))
            continue
        if tok.kind == "text":
            name = _nearest(tok, lay, texts)
        elif tok.kind == "num" and any(f[0] == "underlying_shares" for f in lay.fields) \
                and not draft.values.get("underlying_shares") and "underlying_title" in draft.values:
            name = "underlying_shares"
        else:
            return None
        if name is None:
            return None
        placed.append((name, tok))
    return placed


def _nearest(tok: Tok, lay: Layout, candidates: list) -> str | None:
    if not candidates:
        return None
    index = {f[0]: i for i, f in enumerate(lay.fields)}
    return min(candidates, key=lambda f: _distance(tok, lay.spans[index[f[0]]]))[0]


def _read_rows(sheet: Sheet, data: list[int], lay: Layout) -> list[Draft]:
    drafts: list[Draft] = []
    current: Draft | None = None
    for n in data:
        if sheet.is_rule(n):
            current = None if current is None or current.values else current
            continue
        if sheet.is_blank(n):
            continue
        toks = tokens(sheet.words(n), sheet.text)
        title, rest = _split_title(toks, lay)
        if current is not None and (current.values or not rest):
            placed = _continues(current, rest, lay)
            if placed is not None:
                current.title.extend(title)
                for name, tok in placed:
                    if name == "":
                        current.title.append(tok)
                    else:
                        current.add(name, tok)
                continue
        if current is None or current.values:
            current = Draft()
            drafts.append(current)
        current.title.extend(title)
        hint = not any(t.kind == "date" for t in rest)
        for tok, (action, j) in zip(rest, assign(rest, lay, hint)):
            if action == "field":
                current.add(lay.fields[j][0], tok)
            elif action == "attach":
                if j < 0:
                    current.title.append(tok)
                else:
                    current.mark(lay.fields[j][0], tok.marks)
            elif tok.raw:
                current.values.setdefault("_dropped", []).append(tok)
    return [d for d in drafts if d.title or d.values]


def _joined(parts: list[Tok]) -> tuple[str, int, int] | None:
    words = [t for t in parts if t.raw]
    if not words:
        return None
    out = ""
    for tok in words:
        if out.endswith("-") and not out.endswith(" -"):
            out += tok.raw
        else:
            out = f"{out} {tok.raw}" if out else tok.raw
    return out, words[0].start, words[-1].end


def _build(draft: Draft, derivative: bool, record: Record, label: str, text: str) -> Row:
    """One row from its placed tokens; a value stacked over lines keeps the span as printed as evidence."""
    row = Row(derivative=derivative)
    title = _joined(draft.title)
    if title:
        row.put("security_title", title[0], Evidence(text[title[1]:title[2]], title[1], title[2]))
    for tok in draft.title:
        row.add_footnotes("security_title", tok.marks)
    for name, toks in draft.values.items():
        if name == "_dropped":
            record.warn(f"{label}: could not place {', '.join(repr(t.raw) for t in toks)}.")
            continue
        target = "shares" if name in ("shares_a", "shares_d") else name
        row.add_footnotes(target, draft.marks.get(name, []))
        if not toks:
            continue
        joined = _joined(toks)
        if joined is None:
            continue
        raw, start, end = joined
        ev = Evidence(text[start:end], start, end)
        value = _value(target, raw)
        if value is None and target != "voluntary":
            record.warn(f"{label}: {target.replace('_', ' ')} {raw!r} could not be read.")
            continue
        row.put(target, value, ev)
        if name in ("shares_a", "shares_d") and row.acquired_disposed is None:
            row.acquired_disposed = "A" if name == "shares_a" else "D"
            row.evidence["acquired_disposed"] = ev
    for name, ids in draft.marks.items():
        if name not in draft.values and name != "_dropped":
            row.add_footnotes("shares" if name in ("shares_a", "shares_d") else name, ids)
    return row


def _value(name: str, raw: str):
    if name in ("transaction_date", "date_exercisable", "expiration_date"):
        return parse_date(raw)
    if name == "transaction_code":
        return raw.upper()
    if name == "voluntary":
        return True
    if name in ("acquired_disposed",):
        return raw.upper()
    if name == "direct_indirect":
        return raw[0].upper()
    if name in ("underlying_title", "nature_of_ownership"):
        return raw
    value = parse_number(raw)
    if value is None and (mixed := _MIXED.fullmatch(raw.strip())):
        whole = parse_number(mixed.group("whole")) if mixed.group("whole").strip(" $") else Decimal(0)
        if whole is not None and int(mixed.group("den")):
            value = whole + Decimal(mixed.group("num")) / Decimal(mixed.group("den"))
    return value


# ---------------------------------------------------------------- entry point


def parse(sheet: Sheet, form: str, record: Record) -> None:
    """Fill record.non_derivative and record.derivative from the typed tables."""
    if not len(sheet):
        return
    text, lo, hi = sheet.text, sheet.starts[0], sheet.ends[-1]
    one = _HEADING_I.search(text, lo, hi)
    two = _HEADING_II.search(text, lo, hi)
    three = form[:1] == "3"
    if one is None and two is None:
        record.warn("Neither Table I nor Table II found in the typed form.")
        return
    if one is not None:
        end = two.start() if two is not None and two.start() > one.start() else hi
        rows = _table(sheet, one.end(), end, TABLE_I_3 if three else TABLE_I_45, False, record, "Table I")
        record.non_derivative.extend(_ordered(rows, three))
    if two is not None:
        rows = _table(sheet, two.end(), hi, TABLE_II_3 if three else TABLE_II_45, True, record, "Table II")
        record.derivative.extend(_ordered(rows, three))


def _ordered(rows: list[Row], holdings_only: bool) -> list[Row]:
    for row in rows:
        is_trade = not holdings_only and any(
            getattr(row, name) is not None for name in ("transaction_date", "transaction_code", "shares"))
        row.kind = "transaction" if is_trade else "holding"
    return [r for r in rows if r.kind == "transaction"] + [r for r in rows if r.kind == "holding"]


def _table(sheet: Sheet, start: int, end: int, fields: tuple, derivative: bool, record: Record, name: str) -> list[Row]:
    first, last = sheet.line_of(start) + 1, sheet.line_of(end) if end < sheet.ends[-1] else len(sheet)
    lines = list(range(first, last))
    separator = _separator(sheet, lines)
    if separator is None and _EMPTY_TABLE.search(sheet.text, sheet.starts[first] if first < len(sheet) else end, end):
        return []  # "NONE" typed where the table would be
    if separator is None:
        record.warn(f"{name}: the column header's end was not found; the table was not read.")
        return []
    header = [n for n in lines if n < separator and not sheet.is_rule(n)]
    data: list[int] = []
    for n in lines:
        if n <= separator:
            continue
        if _DATA_END.match(sheet.line(n)) or (data and CLOSING_RULE.match(sheet.line(n))):
            break
        data.append(n)
    lay = layout(sheet, header, fields)
    if all(s is None for s in lay.spans):
        record.warn(f"{name}: no numbered column captions; fields were placed by their type alone.")
    rows = []
    for index, draft in enumerate(_read_rows(sheet, data, lay)):
        rows.append(_build(draft, derivative, record, f"{name} row {index + 1}", sheet.text))
    return rows


def _separator(sheet: Sheet, lines: list[int]) -> int | None:
    """The line ending the column header: the first rule after a 'Title' caption, else the
    line before the first line of data."""
    seen_title = False
    for n in lines:
        if sheet.is_rule(n):
            if seen_title:
                return n
            continue
        line = sheet.clean(n)
        if _TITLE_WORD.search(line):
            seen_title = True
        elif seen_title and _DATA_LIKE.search(line) and not re.search(r"Instr", line):
            return n - 1
        if _DATA_END.match(sheet.line(n)):
            return None
    return None
