"""Plain pdftotext (no ``-layout``): the header's cells one per line, scrambled.

Used by ``text_header`` (period, amendment date, issuer), ``text_owners`` (name,
address, the owner's windows), ``text_marks`` (the relationship box's title) and
``text_pdf`` (joint filers' names and cells among Table II's) when
``text_regions.Doc.scatter`` is set:
every cell of the form sits on its own line (or paragraph: lines without a blank
line between are one cell wrapped), in an order that follows the PDF's text blocks,
not the form's boxes.  A value is then picked by its shape -- a five-digit zip, a
two-letter state, a street-like line, a date alone on its line -- within the owner's
block, never by its distance to the printed anchor alone.  Joint filers' later
blocks may come after the tables or among Table II's last cells (``joint_filers``).

Everything returns offsets into ``doc.text``; callers wrap them in ``Evidence``.
"""

from __future__ import annotations

import re

from .text_regions import Doc, Label, span_evidence

# ---------------------------------------------------------------- shapes of lines

ANCHOR = re.compile(r"^\s*\((?:Last|First|Middle|Street|City|State|Zip)\)\s*$", re.I)
_STREET_ANCHOR = re.compile(r"^\(Street\)$", re.I)
_DATE_ONLY = re.compile(r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*$")
MARK_ONLY = re.compile(r"^\s*[xX]\s*$")
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


def is_blank(doc: Doc, n: int) -> bool:
    return not doc.line(n).strip()


def value_line(doc: Doc, n: int) -> str | None:
    """Line ``n`` stripped, or None when it is not a value (blank, a label, an anchor,
    a mark, a date, a bracketed issuer line, a line of the printed form)."""
    cache = doc.cache.setdefault("scatter_values", {})
    if n in cache:
        return cache[n]
    body = doc.line(n).strip()
    if (not body or doc.labels_on_line(n) or ANCHOR.match(body) or MARK_ONLY.match(body)
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
        if n > label.line and doc.line(n).strip() and value_line(doc, n) is not None:
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
    while k < doc.nlines and k <= n + 3 and is_blank(doc, k):
        k += 1
    if k < doc.nlines and not is_blank(doc, k) and value_line(doc, k) is not None and k != label.line:
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
        value = value_line(doc, n)
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
        out["street1"] = joined_lines(doc, first)
        rest = [s for s in streets if s is not first]
        if rest:
            out["street2"] = (" ".join(joined_lines(doc, s)[0] for s in rest), joined_lines(doc, rest[0])[1],
                              joined_lines(doc, rest[-1])[2])
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
        while k >= 0 and is_blank(doc, k):
            k -= 1
        group = paragraph_of(doc, k)
        if group and all(any(n == g for n, _v in cities) for g in group):
            return joined_lines(doc, group)
    # else the first city-shaped cell after the "(Street)" anchor (then anywhere);
    # three letters or fewer is a title ("CEO"), not a city
    ordered = [c for c in cities if street_anchor is not None and c[0] > street_anchor] + cities
    city_lines = {n for n, _v in cities}
    for n, value in ordered:
        if len(value.replace(" ", "")) > 3:
            return joined_lines(doc, [k for k in paragraph_of(doc, n) if k in city_lines and k >= n])
    return None


def paragraph_of(doc: Doc, n: int) -> list[int]:
    """The lines of the paragraph (no blank line between) that holds line ``n``."""
    if n < 0 or is_blank(doc, n):
        return []
    lo = n
    while lo > 0 and not is_blank(doc, lo - 1):
        lo -= 1
    hi = n
    while hi + 1 < doc.nlines and not is_blank(doc, hi + 1):
        hi += 1
    return list(range(lo, hi + 1))


def _start(doc: Doc, n: int) -> int:
    line = doc.line(n)
    return doc.starts[n] + len(line) - len(line.lstrip())


def _whole(doc: Doc, n: int, value: str) -> tuple[str, int, int]:
    start = _start(doc, n)
    return value, start, start + len(value)


def joined_lines(doc: Doc, group: list[int]) -> tuple[str, int, int]:
    value = " ".join(doc.line(n).strip() for n in group)
    start = _start(doc, group[0])
    last = doc.line(group[-1])
    return value, start, doc.starts[group[-1]] + len(last.rstrip())


# ---------------------------------------------------------------- joint filers' blocks after the tables

# Plain pdftotext may print the 2nd, 3rd ... owner blocks after the tables' cells, or
# interleaved with Table II's last ones, while the blocks' labels ("1. Name and Address
# of Reporting Person*") stand bunched elsewhere.  Each block's name is one cell at the
# page's left edge; pdftotext reads a cell before the cells wholly to its right that it
# has not read yet, so a name may come before Table II cells printed above it.
_OPTION_START = re.compile(r"^(?:[xX]\s+)?(?:Director|10\s*%\s*Owner|Officer\s*\(\s*give|Other\s*\(\s*specify)", re.I)
_REL_LABEL = re.compile(r"^\s*(?:\d\.\s*)?Relationship\s+of\s+Reporting", re.I)
_NAME_SHAPE = re.compile(r"^[A-Z][A-Za-z0-9.,&'\-]*(?:\s+[A-Za-z0-9.,&'\-]+)+$")
# Words of table cells and of the printed form: such a line is never an owner's name.
_NOT_A_NAME = re.compile(
    r"""\b(?:See|By|Stock|Shares?|Options?|Warrants?|Units?|Notes?|Rights?|Preferred|Common|Class|Series
        |Footnote|Reporting|Person|Table|Form|Explanation|Remarks|Signature|Owner|Director|Officer
        |Other|Direct|Indirect|Instr|Amount|Price|Date)\b""", re.I | re.X)
# The zone: from the first table's heading to the footnotes (or the signatures).
_TABLE_HEADING = re.compile(r"Table\s+I{1,2}\s*[-\u2013\u2014]")
_ZONE_END = re.compile(r"Explanation\s+of\s+Responses|^[ \t]*Remarks[ \t*_]*:|Signature\s+of\s+Reporting", re.I | re.M)
_NAME_LABEL = re.compile(r"Name\s+and\s+Address\s+of\s+Reporting\s+Person", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f]*\n")
# Table cells that may stand between a loose name and its box (column headers, lone
# marks and the blocks' anchors and address lines between do not count).
_LOOSE_REACH = 4


def _name_shaped(body: str) -> bool:
    """A name's shape: words, no cell or form words, not a street in capitals."""
    return (bool(_NAME_SHAPE.match(body)) and not _NOT_A_NAME.search(body) and not _FORM_LINE.match(body)
            and not (body.isupper() and _STREET.match(body)))


# A table's column header ("8. Price of", "Title", "Amount / or"): no cell between a name and its box.
_HEADER_PARA = re.compile(r"^\s*(?:\d{1,2}[A-Z]?\.(?:\s|$)|(?:Title|Amount|Date|Expiration|Code|V|\(A\)|\(D\))\s*$)")


def _box_next(following: list[str], reach: int) -> bool:
    """Whether one of the next ``reach`` paragraphs opens a relationship box: an option,
    or the box's label (the later blocks' label sits right above it).  Lone marks, column
    headers and the blocks' own anchors and address lines are not counted."""
    for nxt in following:
        body = nxt.strip()
        if (MARK_ONLY.match(body) or _HEADER_PARA.match(body) or ANCHOR.match(body)
                or _CAPITALS.match(body) and not _NUMBER_CELL.match(body)):
            continue
        if _OPTION_START.match(nxt.strip()) or _REL_LABEL.match(nxt):
            return True
        reach -= 1
        if reach <= 0:
            return False
    return False


def owner_name_cell(line: str, following: list[str]) -> bool:
    """A joint filer's name printed among the cells after the tables: a paragraph of one
    line shaped like a name (no cell or form words), whose next paragraph (lone marks
    aside) opens a relationship box ("Director", "10% Owner" ..., or the box's label)."""
    return _name_shaped(line.strip()) and _box_next(following, 1)


def paragraphs_between(text: str, start: int, end: int) -> list[tuple[int, list[tuple[int, str]]]]:
    """The paragraphs of ``text[start:end]``: (start, [(line start, line)]), blank lines apart."""
    out = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        _add_paragraph(text, pos, m.start(), out)
        pos = m.end()
    _add_paragraph(text, pos, end, out)
    return out


def _add_paragraph(text: str, start: int, end: int, out: list) -> None:
    lines = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    if lines:
        out.append((lines[0][0], lines))


class JointFilers:
    """The owner zone of plain pdftotext: where the tables start (``start``), where the
    footnotes start (``end``), the later owners' labels there (``labels``), and the
    line starts of the later owners' names (``names``) in reading order."""

    __slots__ = ("start", "end", "labels", "names")

    def __init__(self, start: int, end: int, labels: int, names: list[int]) -> None:
        self.start, self.end, self.labels, self.names = start, end, labels, names


# The last (text, JointFilers): the owners' and the tables' readers ask for the same text
# (one tuple, read once: a thread never sees one text's answer for another's).
_LAST_ZONE: list = [(None, None)]


def joint_filers(text: str) -> JointFilers:
    """The later owners' names among the cells after the first table heading.

    A strict name is a one-line name-shaped paragraph whose next paragraph opens a
    relationship box.  A loose one may have a few other cells between (Table II's cells
    read between the name and its box); loose names are taken only when strict and
    loose together are exactly as many as the "Name and Address" labels in the zone,
    so a table cell shaped like a name never costs an owner's count."""
    last = _LAST_ZONE[0]
    if last[0] is text:
        return last[1]
    # (str.find proposes, the regex checks: a regex scan of the whole text costs more)
    start = _first(text, "Table", _TABLE_HEADING, 0, len(text))
    end = min(_first(text, cue, _ZONE_END, start, len(text)) for cue in _ZONE_CUES)
    labels = 0
    at = text.find("Reporting", start, end)
    while at != -1:
        line = text.rfind("\n", 0, at) + 1
        stop = text.find("\n", at)
        labels += bool(_NAME_LABEL.search(text, line, stop if stop != -1 else len(text)))
        at = text.find("Reporting", stop if stop != -1 else end, end)
    names: list[int] = []
    if labels:
        paras = paragraphs_between(text, start, end)
        strict, loose = [], []
        for i, (at, lines) in enumerate(paras):
            # one line (or the name's cell read with an anchor or a mark below it: "(First)", "X")
            if not _name_shaped(lines[0][1].strip()) or not all(
                    ANCHOR.match(ln) or MARK_ONLY.match(ln) for _s, ln in lines[1:]):
                continue
            following = [p[1][0][1] for p in paras[i + 1:i + 1 + 3 * _LOOSE_REACH]]
            if _box_next(following, 1):
                strict.append(at)
            elif any(c.islower() for c in lines[0][1]) and _box_next(following, _LOOSE_REACH):
                loose.append(at)
        names = sorted(strict + loose) if len(strict) + len(loose) == labels else strict
    found = JointFilers(start, end, labels, names)
    _LAST_ZONE[0] = (text, found)
    return found


_ZONE_CUES = ("Explanation", "Remarks", "Signature")


def _first(text: str, cue: str, pattern: re.Pattern, start: int, end: int) -> int:
    """Where ``pattern`` first matches at a line holding ``cue`` in text[start:end] (the
    line's start); ``end`` when nowhere."""
    at = text.find(cue, start, end)
    while at != -1:
        line = text.rfind("\n", 0, at) + 1
        stop = text.find("\n", at)
        stop = len(text) if stop == -1 else stop
        m = pattern.search(text, max(line, start), stop)
        if m:
            return m.start()
        at = text.find(cue, stop, end)
    return end


def late_owner_blocks(doc: Doc) -> list[tuple[tuple[str, int, int], int, int]]:
    """Owner blocks printed after the first table's label: ``((name, start, end),
    first line, end line)`` in reading order; a block runs from its name to the next
    one (the last to the footnotes)."""
    if "late_owners" in doc.cache:
        return doc.cache["late_owners"]
    zone = joint_filers(doc.text)
    end = doc.line_of(zone.end) if zone.end < len(doc.text) else doc.nlines
    lines = [doc.line_of(at) for at in zone.names]
    out = [(_line_value(doc, n), n, lines[i + 1] if i + 1 < len(lines) else end) for i, n in enumerate(lines)]
    doc.cache["late_owners"] = out
    return out


# Lines of an owner block's cells: its labels, anchors, options (and their wrapped
# pieces), a lone mark, an address value in capitals or a zip.
OWNER_LINE = re.compile(
    r"""^(?:[xX]|[xX]\s+.*|\d\.\s*Name\s+and\s+Address.*|Name\s+and\s+Address.*|(?:\d\.\s*)?Relationship\s+of\s+Reporting.*
        |\(Check\s+all\s+applicable\)|\((?:Last|First|Middle|Street|City|State|Zip)\)
        |Director|10\s*%(?:\s*Owner)?|Owner|Officer(?:\s*\(.*)?|Other(?:\s*\(.*)?|\(give(?:\s+title)?|\(specify|(?:title\s+)?below\)
        |\d{5}(?:-\d{4})?)$""", re.X)
# A line in capitals with two letters or more and no lower case: an address value (a
# table's single-letter code or a number stays a cell).
_CAPITALS = re.compile(r"^(?=(?:[^A-Za-z]*[A-Z]){2})[^a-z$]*$")
_NUMBER_CELL = re.compile(r"^\(?[$]?[\d,.]+\)?(?:\(\d+\))*$")
# An option that a title is printed under: the paragraph after it is that title.
TITLED = re.compile(r"(?:\(give(?:\s+title)?|\(specify)(?:\s+below\))?\s*$", re.I)


_FOOTNOTE_MARK = re.compile(r"\w\(\d{1,2}\)|^\(\d{1,2}\)$")


def late_title_cell(bodies: list[str]) -> bool:
    """Whether a paragraph right after an Officer / Other option of a later block (lone
    marks between) is that option's title: words in mixed case (a title may wrap before
    its last word, "Chief Executive" / "Officer"), no anchor, no footnote mark (a table
    cell read there, "See Footnote(3)", carries one)."""
    return (not OWNER_LINE.match(bodies[0]) and not any(ANCHOR.match(b) or _FOOTNOTE_MARK.search(b) for b in bodies)
            and any(c.islower() for b in bodies for c in b))


def table_cells_among_owners(text: str, start: int) -> list[list[tuple[int, str]]]:
    """Table cells printed among the later owners' blocks (Table II's last columns read
    after the blocks' left part): the paragraphs from ``start`` to the footnotes that are
    no owner cell -- not a label, anchor, option, mark, address value, joint filer's name,
    or the title under an Officer / Other option.  Each as [(line start, line)]."""
    zone = joint_filers(text)
    if start >= zone.end:
        return []
    names = set(zone.names)
    out = []
    titled = False
    for at, lines in paragraphs_between(text, start, zone.end):
        bodies = [line.strip() for _s, line in lines]
        if at in names or titled and late_title_cell(bodies):
            titled = False
            continue
        if all(MARK_ONLY.match(b) for b in bodies):
            continue
        titled = bool(TITLED.search(bodies[-1])) and bool(OWNER_LINE.match(bodies[-1]) or _OPTION_START.match(bodies[0]))
        if any(OWNER_LINE.match(b) for b in bodies) or all(
                _CAPITALS.match(b) and not _NUMBER_CELL.match(b) for b in bodies):
            continue
        out.append(lines)
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


# ---------------------------------------------------------------- the owner's windows

def relationship_window(doc: Doc, label: Label, rel: Label | None) -> tuple[int, int, bool] | None:
    """Where an owner's relationship box is read: ``(start, end, wide)``.  A joint filer's
    block printed after the tables: its lines after its name (its box's options are one
    line each: ``wide``).  Else from the owner's name label to the next owner or the
    first table (the box's options, marks and title may sit anywhere in the block)."""
    late = doc.cache["late_blocks"].get(label.start)
    if late is not None:
        first, end = late[1] + 1, late[2]
        return doc.starts[first], (doc.starts[end] if end < doc.nlines else len(doc.text)), True
    table = doc.first("table1", "table2")
    if rel is None or (table is not None and label.start > table.start):
        return None  # a later owner's label whose block was not found: its cells are anyone's
    owners = doc.find("name", before=rel.start)
    start = owners[-1].end if owners else rel.end
    end_line = block_end(doc, owners[-1]) if owners else doc.nlines
    return start, (doc.starts[end_line] if end_line < doc.nlines else len(doc.text)), False


def pair_late_blocks(doc: Doc, labels: list[Label]) -> None:
    """The owner blocks printed after the tables (name, then its cells) paired in order
    with the labels that stand after the first table -- only when there are as many
    blocks as such labels (else none is paired): ``doc.cache["late_blocks"]``."""
    table = doc.first("table1", "table2")
    late_labels = [lab for lab in labels if table is not None and lab.start > table.start]
    blocks = late_owner_blocks(doc) if late_labels else []
    pairs = dict(zip((lab.start for lab in late_labels), blocks)) if len(blocks) == len(late_labels) else {}
    doc.cache["late_blocks"] = pairs


def scattered_address(doc: Doc, owner, label: Label) -> None:
    """The address's cells by their shape in the owner's block (what the anchors gave
    is dropped: the cells around an anchor are not its values)."""
    addr = owner.address
    for key in ("street1", "street2", "city", "state", "zip"):
        setattr(addr, key, None)
        owner.evidence.pop(key, None)
    late = doc.cache["late_blocks"].get(label.start)
    if late is not None:
        found = address_between(doc, late[1] + 1, late[2], owner.name)
    else:
        found = address(doc, label, owner.name)
    if len([k for k in ("street1", "state", "zip") if k in found]) < 2:
        return  # too little to tell an address from the cells of other boxes
    for key, (value, start, end) in found.items():
        setattr(addr, key, value)
        owner.evidence[key] = span_evidence(doc, start, end)
