"""Plain pdftotext (no ``-layout``): the header's cells one per line, scrambled.

Used by ``text_header`` (period, amendment date, issuer) and ``text_owners`` (name,
address, relationship marks, officer title) when ``text_regions.Doc.scatter`` is set:
every cell of the form sits on its own line (or paragraph: lines without a blank
line between are one cell wrapped), in an order that follows the PDF's text blocks,
not the form's boxes.  A value is then picked by its shape -- a five-digit zip, a
two-letter state, a street-like line, a date alone on its line -- within the owner's
block, never by its distance to the printed anchor alone.

Everything returns offsets into ``doc.text``; callers wrap them in ``Evidence``.
"""

from __future__ import annotations

import re

from .text_regions import Doc, Label

# ---------------------------------------------------------------- shapes of lines

_ANCHOR = re.compile(r"^\s*\((?:Last|First|Middle|Street|City|State|Zip)\)\s*$", re.I)
_STREET_ANCHOR = re.compile(r"^\(Street\)$", re.I)
_DATE_ONLY = re.compile(r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*$")
_MARK_ONLY = re.compile(r"^\s*[xX]\s*$")
_ZIP = re.compile(r"^\d{5}(?:-?\d{4})?$")
_STATE = re.compile(r"^[A-Z][A-Z0-9]$")  # a USPS code, or EDGAR's code of a foreign place ("A1")
_CITY = re.compile(r"^[A-Z][A-Z .'\-]*[A-Z.]$")  # capitals only, no digits
_CITY_STATE = re.compile(r"^(?P<city>[A-Z][A-Z .'\-]*[A-Z.]),?\s+(?P<state>[A-Z][A-Z0-9])(?:\s+(?P<zip>\d{5}(?:-?\d{4})?))?$")
# A street line: a house number, "C/O", "ONE ...", a post box, or a street word.
_STREET = re.compile(
    r"""^(?:\d+[A-Z]?(?:-\d+)?\s+\S
        | C/O\b | ATTN\b | P\.?\s?O\.?\s+BOX\b
        | (?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN)\s+[A-Z]
        | .*\b(?:STREET|ST|AVENUE|AVE|ROAD|RD|LANE|LN|DRIVE|DR|BOULEVARD|BLVD|PLAZA|PARKWAY|PKWY|SQUARE|SQ
              |HIGHWAY|HWY|SUITE|STE|FLOOR|FL|CENTER|CENTRE|PLACE|COURT|CT|TERRACE|CIRCLE|TOWER|BUILDING|BLDG
              |WAY|TURNPIKE|PIKE)\b\.?(?:,.*|\s+\d.*)?$
    )""",
    re.X,
)
_SECONDARY = re.compile(r"^(?:SUITE|STE|FLOOR|FL|UNIT|APT|ROOM|#)\b", re.I)
STREET_END = re.compile(r"\b(?:STREET|ST|AVENUE|AVE|ROAD|RD|LANE|LN|DRIVE|DR|BOULEVARD|BLVD|PLAZA|PARKWAY|PKWY"
                         r"|SQUARE|SQ|HIGHWAY|HWY|WAY|COURT|CT|PLACE|CENTER|CENTRE|TERRACE|CIRCLE|FLOOR|SUITE)\.?$"
                         r"|\d\w*$")
# Words of the printed form in capitals (never a city): "OMB APPROVAL", "FORM 4" ...
_FORM_WORDS = frozenset(
    "UNITED STATES SECURITIES AND EXCHANGE COMMISSION FORM OMB APPROVAL STATEMENT OF CHANGES IN "
    "BENEFICIAL OWNERSHIP INITIAL ANNUAL SEC NUMBER".split())
# Lines of the printed form that are not values (mixed case).
_FORM_LINE = re.compile(
    r"^\s*(?:Washington,\s+D\.C\.\s+\d{5}|OMB\s+Number:?|Estimated\s+average\s+burden|hours\s+per(?:\s+response:?)?"
    r"|response:?|\d{1,4}(?:\.\d+)?|\d+\.\d+|\d{4}-?\d{4}|Instruction\s+\d+\(b\)\.?|\(Check\s+all\s+applicable\)"
    r"|Person\(s\)\s+to\s+Issuer|to\s+Issuer|Filed\s+pursuant.*|or\s+Section\s+30\(h\).*"
    r"|(?:X\s+)?(?:Form\s+)?filed\s+by\s.*|(?:One\s+)?Reporting\s+Person|Person|Line\)|X\s+Form)\s*$",
    re.I,
)
_BRACKETS = re.compile(r"\[[^\]\n]*\]")


def _blank(doc: Doc, n: int) -> bool:
    return not doc.line(n).strip()


def _value_line(doc: Doc, n: int) -> str | None:
    """Line ``n`` stripped, or None when it is not a value (blank, a label, an anchor,
    a mark, a date, a bracketed issuer line, a line of the printed form)."""
    cache = doc.cache.setdefault("scatter_values", {})
    if n in cache:
        return cache[n]
    body = doc.line(n).strip()
    if (not body or doc.labels_on_line(n) or _ANCHOR.match(body) or _MARK_ONLY.match(body)
            or _DATE_ONLY.match(body) or _BRACKETS.search(body) or _FORM_LINE.match(body)):
        body = None
    cache[n] = body
    return body


# ---------------------------------------------------------------- the owner's name

_LAST_LINE = re.compile(r"(?m)^[ \t]*\(Last\)[ \t]*$")
# The issuer's line "Name [ TICKER ]" on its own (read line by line from each "[").
_ISSUER_LINE = re.compile(
    r"[ \t]*(?P<name>[^\[\]\n]*?[A-Za-z][^\[\]\n]*?)[ \t]*\[[ \t]*(?P<sym>[A-Za-z0-9.\-]{1,10})[ \t]*\][ \t]*")


class IssuerLine:
    """The first "Name [ TICKER ]" line before the tables: its groups' offsets in the text."""

    __slots__ = ("line", "base", "m")

    def __init__(self, line: int, base: int, m: re.Match) -> None:
        self.line, self.base, self.m = line, base, m

    def group(self, name: str) -> str:
        return self.m[name]

    def span(self, name: str) -> tuple[int, int]:
        return self.base + self.m.start(name), self.base + self.m.end(name)


def issuer_line(doc: Doc) -> IssuerLine | None:
    if "issuer_line" not in doc.cache:
        found = None
        table = doc.first("table1", "table2")
        end = table.start if table else min(len(doc.text), 20000)
        at = doc.text.find("[", 0, end)
        while at != -1 and found is None:
            n = doc.line_of(at)
            m = _ISSUER_LINE.fullmatch(doc.line(n))
            if m is not None:
                found = IssuerLine(n, doc.starts[n], m)
            at = doc.text.find("[", doc.starts[n + 1] if n + 1 < doc.nlines else len(doc.text), end)
        doc.cache["issuer_line"] = found
    return doc.cache["issuer_line"]
# An owner name in capitals glued before the issuer's name on the issuer line:
# "ARKWRIGHT DIGITAL HOLDINGS, INC. Meridian Loop Networks, Inc. [ MLNW ]".
GLUED = re.compile(r"^(?P<owner>[A-Z0-9][A-Z0-9&.,'/\- ]*[A-Z.])\s+(?P<issuer>[A-Z][a-z].*)$")


def glued_owner(name: str) -> tuple[str, str] | None:
    """``(owner, issuer)`` when ``name`` is an owner in capitals glued to the issuer."""
    m = GLUED.match(name)
    if m is None or " " not in m["owner"].strip() or not any(c.islower() for c in m["issuer"]):
        return None
    return m["owner"], m["issuer"]


def owner_name(doc: Doc, label: Label) -> tuple[str, int, int] | None:
    """The owner's name: the line printed right above the block's "(Last)" (the same
    cell: no blank line between); else a name in capitals glued to the issuer line;
    else the line right after the issuer line.  ``(value, start, end)``."""
    m = _LAST_LINE.search(doc.text, label.end, label.end + 3000)
    if m is not None:
        n = doc.line_of(m.start()) - 1
        if n > label.line and doc.line(n).strip() and _value_line(doc, n) is not None:
            return _line_value(doc, n)
    issuer = issuer_line(doc)
    if issuer is None or label.line > issuer.line + 40:
        return None
    n = issuer.line
    body = doc.line(n)
    glued = glued_owner(body[: body.index("[")].strip())
    if glued is not None:
        start = doc.starts[n] + body.index(glued[0])
        return glued[0], start, start + len(glued[0])
    k = n + 1
    while k < doc.nlines and k <= n + 3 and _blank(doc, k):
        k += 1
    if k < doc.nlines and not _blank(doc, k) and _value_line(doc, k) is not None and k != label.line:
        return _line_value(doc, k)
    return None


def _line_value(doc: Doc, n: int) -> tuple[str, int, int]:
    line = doc.line(n)
    lead = len(line) - len(line.lstrip())
    body = line.strip()
    start = doc.starts[n] + lead
    return body, start, start + len(body)


# ---------------------------------------------------------------- the address

def block_end(doc: Doc, label: Label) -> int:
    """The line where an owner's block ends: the next owner's label, else the first
    table (owners printed before it), else the footnotes."""
    nxt = doc.first("name", after=label.end)
    ends = [lab.line for lab in (nxt, doc.first("table1", "table2", after=label.end),
                                 doc.first("explanation", "remarks", "signature", after=label.end)) if lab]
    return min(ends) if ends else min(doc.nlines, label.line + 80)


def address(doc: Doc, label: Label, name: str | None) -> dict[str, tuple[str, int, int]]:
    """Street, city, state and zip of the owner whose block starts at ``label``, by
    shape: ``{field: (value, start, end)}`` (offsets into ``doc.text``)."""
    return address_between(doc, label.line + 1, block_end(doc, label), name)


def address_between(doc: Doc, first: int, end: int, name: str | None) -> dict[str, tuple[str, int, int]]:
    """``address`` read from lines ``first`` to ``end`` (excluded)."""
    lines: list[tuple[int, str]] = []  # (line number, text) of capitals-only value lines
    street_anchor = None
    for n in range(first, end):
        body = doc.line(n).strip()
        if street_anchor is None and _STREET_ANCHOR.match(body):
            street_anchor = n
        value = _value_line(doc, n)
        if value is None or any(c.islower() for c in value) or (name and value == name):
            continue
        if set(value.replace(",", " ").split()) <= _FORM_WORDS:
            continue
        lines.append((n, value))
    out: dict[str, tuple[str, int, int]] = {}
    used: set[int] = set()
    # zip, state (or "CITY ST", "CITY, ST 12345" on one line)
    for n, value in lines:
        m = _CITY_STATE.match(value)
        if m and not _STREET.match(value) and "state" not in out:
            base = _start(doc, n)
            out["city"] = (m["city"], base + m.start("city"), base + m.end("city"))
            out["state"] = (m["state"], base + m.start("state"), base + m.end("state"))
            if m["zip"]:
                out["zip"] = (m["zip"], base + m.start("zip"), base + m.end("zip"))
            used.add(n)
    for n, value in lines:
        if n in used:
            continue
        if "zip" not in out and _ZIP.match(value):
            out["zip"] = _whole(doc, n, value)
            used.add(n)
        elif "state" not in out and _STATE.match(value):
            out["state"] = _whole(doc, n, value)
            used.add(n)
    # street lines; a lone word in capitals wrapped under a line that does not end a
    # street ("C/O GRANITE SPUR CAPITAL" / "PARTNERS") continues it when a city follows
    streets: list[list[int]] = []
    cities = [(n, v) for n, v in lines if n not in used and not _STREET.match(v) and _CITY.match(v)]
    for n, value in lines:
        if n in used:
            continue
        if _STREET.match(value):
            streets.append([n])
            used.add(n)
        elif (streets and streets[-1][-1] == n - 1 and " " not in value and _CITY.match(value)
              and not STREET_END.search(doc.line(n - 1).strip())
              and any(k > n for k, _v in cities)):
            streets[-1].append(n)
            used.add(n)
    if streets:
        first = next((s for s in streets if doc.line(s[0]).strip().upper().startswith("C/O")), None)
        if first is None:
            first = next((s for s in streets if not _SECONDARY.match(doc.line(s[0]).strip())), streets[0])
        out["street1"] = _joined(doc, first)
        rest = [s for s in streets if s is not first]
        if rest:
            out["street2"] = (" ".join(_joined(doc, s)[0] for s in rest), _joined(doc, rest[0])[1],
                              _joined(doc, rest[-1])[2])
    if "city" not in out:
        city = _city(doc, lines, used, out, street_anchor)
        if city:
            out["city"] = city
    return out


def _city(doc: Doc, lines, used: set[int], out: dict, street_anchor: int | None):
    cities = [(n, v) for n, v in lines if n not in used and _CITY.match(v)]
    if not cities:
        return None
    # the city's cell right above the state (one paragraph: "SAN" / "FRANCISCO")
    if "state" in out:
        state_line = doc.line_of(out["state"][1])
        k = state_line - 1
        while k >= 0 and _blank(doc, k):
            k -= 1
        group = _paragraph(doc, k)
        if group and all(any(n == g for n, _v in cities) for g in group):
            return _joined(doc, group)
    # else the first city-shaped cell after the "(Street)" anchor (then anywhere);
    # three letters or fewer is a title ("CEO"), not a city
    ordered = [c for c in cities if street_anchor is not None and c[0] > street_anchor] + cities
    city_lines = {n for n, _v in cities}
    for n, value in ordered:
        if len(value.replace(" ", "")) > 3:
            return _joined(doc, [k for k in _paragraph(doc, n) if k in city_lines and k >= n])
    return None


def _paragraph(doc: Doc, n: int) -> list[int]:
    """The lines of the paragraph (no blank line between) that holds line ``n``."""
    if n < 0 or _blank(doc, n):
        return []
    lo = n
    while lo > 0 and not _blank(doc, lo - 1):
        lo -= 1
    hi = n
    while hi + 1 < doc.nlines and not _blank(doc, hi + 1):
        hi += 1
    return list(range(lo, hi + 1))


def _start(doc: Doc, n: int) -> int:
    line = doc.line(n)
    return doc.starts[n] + len(line) - len(line.lstrip())


def _whole(doc: Doc, n: int, value: str) -> tuple[str, int, int]:
    start = _start(doc, n)
    return value, start, start + len(value)


def _joined(doc: Doc, group: list[int]) -> tuple[str, int, int]:
    value = " ".join(doc.line(n).strip() for n in group)
    start = _start(doc, group[0])
    last = doc.line(group[-1])
    return value, start, doc.starts[group[-1]] + len(last.rstrip())


# ---------------------------------------------------------------- joint filers' blocks after the tables

# Plain pdftotext may print the 2nd, 3rd ... owner blocks after the tables' cells, each
# block's name first and its relationship box right after it, while the blocks' labels
# ("1. Name and Address of Reporting Person*") stand bunched elsewhere.
_OPTION_START = re.compile(r"^(?:[xX]\s+)?(?:Director|10\s*%\s*Owner|Officer\s*\(\s*give|Other\s*\(\s*specify)", re.I)
_NAME_SHAPE = re.compile(r"^[A-Z][A-Za-z0-9.,&'\-]*(?:\s+[A-Za-z0-9.,&'\-]+)+$")
# Words of table cells and of the printed form: such a line is never an owner's name.
_NOT_A_NAME = re.compile(
    r"""\b(?:See|By|Stock|Shares?|Options?|Warrants?|Units?|Notes?|Rights?|Preferred|Common|Class|Series
        |Footnote|Reporting|Person|Table|Form|Explanation|Remarks|Signature|Owner|Director|Officer
        |Other|Direct|Indirect|Instr|Amount|Price|Date)\b""", re.I | re.X)


def owner_name_cell(line: str, following: list[str]) -> bool:
    """A joint filer's name printed among the cells after the tables: a paragraph of one
    line shaped like a name (no cell or form words), whose next paragraph (lone marks
    aside) starts with a relationship option ("Director", "10% Owner" ...)."""
    body = line.strip()
    if not _NAME_SHAPE.match(body) or _NOT_A_NAME.search(body) or _FORM_LINE.match(body):
        return False
    for nxt in following:
        if _MARK_ONLY.match(nxt):
            continue
        return bool(_OPTION_START.match(nxt.strip()))
    return False


def late_owner_blocks(doc: Doc) -> list[tuple[tuple[str, int, int], int, int]]:
    """Owner blocks printed after the first table's label: ``((name, start, end),
    first line, end line)`` in reading order; a block runs from its name to the next
    one (the last to the footnotes)."""
    if "late_owners" in doc.cache:
        return doc.cache["late_owners"]
    out: list[tuple[tuple[str, int, int], int, int]] = []
    table = doc.first("table1", "table2")
    if table is not None:
        stop = doc.first("explanation", "remarks", "signature", after=table.end)
        end = stop.line if stop else doc.nlines
        paras: list[list[int]] = []
        n = table.line + 1
        while n < end:
            group = _paragraph(doc, n)
            if group:
                paras.append([k for k in group if k < end])
                n = group[-1] + 1
            else:
                n += 1
        names = []
        for i, group in enumerate(paras):
            if len(group) == 1 and _value_line(doc, group[0]) is not None:
                following = [doc.line(g[0]) for g in paras[i + 1:i + 4]]
                if owner_name_cell(doc.line(group[0]), following):
                    names.append(group[0])
        for i, n in enumerate(names):
            out.append((_line_value(doc, n), n, names[i + 1] if i + 1 < len(names) else end))
    doc.cache["late_owners"] = out
    return out


# ---------------------------------------------------------------- dates of the header

def header_dates(doc: Doc) -> list[tuple[int, str]]:
    """Dates alone on their line before Table I: ``(line, date)``."""
    if "scatter_dates" not in doc.cache:
        table = doc.first("table1", "table2")
        end = table.line if table else min(doc.nlines, 200)
        head = doc.text[: doc.starts[end] if end < doc.nlines else len(doc.text)]
        doc.cache["scatter_dates"] = [(doc.line_of(m.start()), m.group(1)) for m in _DATE_LINE.finditer(head)]
    return doc.cache["scatter_dates"]


_DATE_LINE = re.compile(r"(?m)^[ \t]*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})[ \t]*$")


def period_and_amendment(doc: Doc) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """The period of report and the original filing's date among the header's dates:
    with two or more, the first date after the amendment's label (within a few
    lines) is the original's; the period is the first other one."""
    dates = header_dates(doc)
    if not dates:
        return None, None
    amended = None
    label = doc.first("amendment")
    if label is not None and len(dates) >= 2:
        amended = next(((n, d) for n, d in dates if label.line < n <= label.line + 8), None)
    period = next(((n, d) for n, d in dates if (n, d) != amended), None)
    return period, amended


# ---------------------------------------------------------------- relationship marks

_BELOW_MARK = re.compile(r"(?m)^[ \t]*[xX][ \t]+below\)[ \t]*$")
_OPENER = re.compile(r"\((?P<officer>give(?:\s+title)?)|\((?P<other>specify)", re.I)
_BELOW = re.compile(r"(?m)^[ \t]*(?:[xX][ \t]+)?(?:title[ \t]+)?below\)[ \t]*$", re.I)
_PARTNER = {"director": "ten", "ten": "director", "officer": "other", "other": "officer"}
_TWO_MARKS = re.compile(r"(?:^|\n)[ \t]*[xX][ \t]*\n\s*[xX][ \t]*\n\s*$")


def more_marks(body: str, seen: dict) -> set[str]:
    """Options checked by marks the flow reading cannot pin to a word: two marks in a
    row before an option (its row-mate is checked too: the box's two columns were
    read across), and a mark before the "below)" that closes an option's "(give
    title" / "(specify" (the n-th "below)" closes the n-th opener)."""
    out: set[str] = set()
    for kind, m in seen.items():
        if _TWO_MARKS.search(body, max(0, m.start() - 40), m.start()):
            out.add(_PARTNER[kind])
    for mark in _BELOW_MARK.finditer(body):
        openers = [o.lastgroup for o in _OPENER.finditer(body, 0, mark.start())]
        index = sum(1 for _b in _BELOW.finditer(body, 0, mark.start()))
        if index < len(openers):
            out.add(openers[index])
    return out


# A mark alone on its line, and one that checks the filing box ("X" / "Form filed by ...").
_MARK_ALONE = re.compile(r"(?m)^[ \t]*[xX][ \t]*$")
_FILING_MARK = re.compile(r"(?m)^[ \t]*[xX][ \t]*\n\s*Form\s+filed\s+by")
# An option with the option of its column right below it ("Director" / "Officer (give
# title below)"): the box was read a column at a time.
_FILING_LABEL = re.compile(r"Individual\s+or\s+Joint", re.I)
_COLUMN_NEXT = {"director": "officer", "ten": "other"}


def unattributed(body: str, seen: dict, marked: set[str]) -> set[str]:
    """The options whose state the marks of a scattered box leave unknown.

    * no option marked: the box's marks (if any) stand elsewhere in the scrambled
      order, so every option is unknown;
    * more lone marks than marked options (the filing box's mark aside): a mark
      belongs to an option not found, so every unmarked option is unknown;
    * one mark before "Director" read a column at a time (Officer right below it)
      and neither 10% Owner nor Other marked: the 10% box stands between the two columns, its mark
      read before the left column as well, so Director and 10% Owner are unknown.
    """
    options = ("director", "ten", "officer", "other")
    if not marked:
        return set(options)
    # one mark checks the filing box (it may stand anywhere once its label is in the window)
    filing = max(len(_FILING_MARK.findall(body)), 1 if _FILING_LABEL.search(body) else 0)
    marks = len(_MARK_ALONE.findall(body)) - filing
    marks += len(_BELOW_MARK.findall(body))
    unknown: set[str] = set()
    if marks > len(marked):
        unknown |= {k for k in options if k not in marked}
    director = seen.get("director")
    # (when Other is marked, the right column's marks were read within it: no doubt)
    if director is not None and "director" in marked and not marked & {"ten", "other"}:
        after = [m for m in seen.values() if m.start() > director.start()]
        nxt = min(after, key=lambda m: m.start()) if after else None
        two = _TWO_MARKS.search(body, max(0, director.start() - 40), director.start())
        if nxt is not None and nxt.lastgroup == _COLUMN_NEXT["director"] and not two \
                and body[director.end():nxt.start()].strip() == "":
            unknown |= {"director", "ten"}
    return unknown


# Words of the relationship box itself (never a title).
_OPTION_WORDS = re.compile(
    r"^(?:[xX]\s+)?(?:Director|10\s*%(?:\s*Owner)?|Owner|Officer(?:\s*\(\s*give(?:\s+title)?(?:\s+below\))?)?"
    r"|Other(?:\s*\(\s*specify(?:\s+below\))?)?|\(\s*give(?:\s+title)?|\(\s*specify|(?:title\s+)?below\))$", re.I)


def title(doc: Doc, start: int, end: int, window_start: int | None = None,
          avoid: str | None = None) -> tuple[str, int, int] | None:
    """An officer's title / other text: the first paragraph after the options that is
    not another cell (anchor, label, capitals-only address, form text, issuer); else
    the first such paragraph before them (from ``window_start``)."""
    found = _title_between(doc, doc.line_of(start) + 1, doc.line_of(end) if end > start else doc.line_of(start) + 1,
                           avoid)
    if found is None and window_start is not None:
        found = _title_between(doc, doc.line_of(window_start) + 1, doc.line_of(start) - 1, avoid)
    return found


def _title_between(doc: Doc, n: int, last: int, avoid: str | None) -> tuple[str, int, int] | None:
    while n <= last and n < doc.nlines:
        group = _paragraph(doc, n)
        if not group:
            n += 1
            continue
        values = [_value_line(doc, k) for k in group]
        options = [v for v in values if v is not None and _OPTION_WORDS.match(v)]
        if (all(v is not None and v != avoid for v in values) and len(options) <= 1
                and not _OPTION_WORDS.match(values[0] or "")  # a title may end in "Officer", the box starts so
                and any(c.islower() for v in values for c in v) and group[0] >= n and group[-1] <= last):
            return _joined(doc, group)
        n = group[-1] + 1
    return None


def option_above(doc: Doc, joined, seen: dict, start: int) -> str | None:
    """``officer`` / ``other`` when the paragraph right above the title (only blank
    lines between) is that option's "(give title below)" / "(specify below)"."""
    k = doc.line_of(start) - 1
    while k >= 0 and _blank(doc, k):
        k -= 1
    for kind in ("officer", "other"):
        m = seen.get(kind)
        if m is not None and doc.line_of(joined.offset(m.end() - 1)) == k:
            return kind
    return None
