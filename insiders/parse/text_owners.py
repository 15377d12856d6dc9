"""Reporting owners in a form as text: name, address, relationship to the issuer.

Part of ``text_form``; reads regions through ``text_regions`` and boxes through
``text_marks``.  Every owner has a block opened by "Name and Address of Reporting
Person" (joint filers: several blocks) whose column holds the name, then the
printed anchors ``(Last) (First) (Middle)``, ``(Street)``, ``(City) (State) (Zip)``
with the values between them.  The relationship box follows each block; older
renderings add a "Reporting Owners" summary table, read here too and preferred
for the relationship when present.
"""

from __future__ import annotations

import re

from ..model import Evidence, Owner, Record
from . import text_marks, text_scatter
from .text_header import cik_in, raw_text
from .text_regions import span_evidence, JUNK_LINE, Doc, Joined, Label, Stream, clean_value

# The printed anchors of the name/address box.
_NAME_ANCHOR = re.compile(r"\(\s*Last\s*\)[\s|*_\\]*\(\s*First\s*\)[\s|*_\\]*\(\s*Middle\s*\)", re.I)
_STREET_ANCHOR = re.compile(r"\(\s*Street\s*\)", re.I)
_CITY_ANCHOR = re.compile(r"\(\s*City\s*\)[\s|*_\\]*\(\s*State\s*\)[\s|*_\\]*\(\s*Zip\s*\)", re.I)
_CITY_WORD = re.compile(r"\(\s*(City|State|Zip)\s*\)", re.I)

# "CAMBRIDGE, MA 02140", "MENLO PARK CA 94025", "VANCOUVER A1 V6E 2K3".
_CITY_STATE_ZIP = re.compile(
    r"""^(?P<city>.+?)[,\s]+(?P<state>[A-Z][A-Z0-9])\s+(?P<zip>[A-Z0-9](?:[A-Z0-9\- ]{1,9}[A-Z0-9])?)$"""
)

_FIELDS = {"director": "is_director", "ten": "is_ten_percent_owner", "officer": "is_officer", "other": "is_other"}

_OWNER_STOPS = frozenset({
    "name", "issuer", "event_date", "earliest", "amendment", "relationship", "individual", "table1",
    "table2", "explanation", "remarks", "signature", "summary", "fiscal_year",
})
_REL_STOPS = frozenset({
    "name", "individual", "table1", "table2", "explanation", "remarks", "signature", "summary",
    "earliest", "event_date", "amendment", "fiscal_year", "issuer",
})


# At most this many owner blocks are read (a form has a handful; thousands of
# repeated labels are noise and would cost time per block).
MAX_OWNERS = 50


def parse(doc: Doc, record: Record, refs: dict[str, str]) -> None:
    labels = doc.find("name")
    if len(labels) > MAX_OWNERS:
        record.warn(f"Reporting owners: {len(labels)} 'Name and Address of Reporting Person' boxes; "
                    f"only the first {MAX_OWNERS} read.")
        labels = labels[:MAX_OWNERS + 1]  # the one after the last read still ends its block
    if doc.scatter:
        text_scatter.pair_late_blocks(doc, labels[:MAX_OWNERS])
    for index, label in enumerate(labels[:MAX_OWNERS]):
        nxt = labels[index + 1].start if index + 1 < len(labels) else None
        owner = _owner_block(doc, record, label, refs)
        if owner is None:
            continue
        rel = doc.first("relationship", after=label.start, before=nxt)
        if doc.scatter:
            _scatter_relationship(doc, record, owner, label, rel)
        elif rel is not None:
            _read_relationship(doc, record, owner, rel)
        else:
            record.warn(f"Owner {owner.name or index + 1}: no relationship box found.")
        record.reporting_owners.append(owner)
    _summary_table(doc, record)
    if not record.reporting_owners:
        record.warn("Reporting owner: no 'Name and Address of Reporting Person' box found.")


# ---------------------------------------------------------------- name and address

def _owner_block(doc: Doc, record: Record, label: Label, refs: dict[str, str]) -> Owner | None:
    stream = doc.region(label, stops=_OWNER_STOPS, max_lines=30, first_cell=True)
    raw = raw_text(stream)
    joined = stream.join()
    body = joined.text
    owner = Owner()
    a_name = _NAME_ANCHOR.search(body)
    a_street = _STREET_ANCHOR.search(body, a_name.end() if a_name else 0)
    a_city = _CITY_ANCHOR.search(body, a_street.end() if a_street else 0)
    # name: before (Last) (First) (Middle); without anchors, the first line
    name_end = a_name.start() if a_name else (a_street.start() if a_street else len(body))
    _put_text(doc, owner, "name", joined, 0, name_end, first_line=a_name is None)
    if doc.scatter:
        owner.name = None
        owner.evidence.pop("name", None)
        found = text_scatter.owner_name(doc, label)
        late = doc.cache["late_blocks"].get(label.start)
        if found is None and late is not None:
            found = late[0]
        if found:
            owner.put("name", clean_value(found[0]) or None, span_evidence(doc, found[1], found[2]))
    if owner.name and "[" in owner.name:
        _unglue_issuer(doc, owner)
    if owner.name:
        owner.name = re.sub(r"^[\s*\-–:)]+", "", owner.name).strip() or None
    if not owner.name:
        record.warn("Reporting owner: name not found in its box.")
    cik = cik_in(raw, refs)
    if cik:
        owner.put("cik", cik, span_evidence(doc, label.start, label.end))
    address = owner.address
    if a_name and a_street:
        lines = _value_lines(joined, a_name.end(), a_street.start(), cells=doc.mode == "flow")
        if doc.mode == "layout":
            lines = _unwrap(lines)
        if lines:
            address.street1 = lines[0][0]
            owner.evidence["street1"] = span_evidence(doc, lines[0][1], lines[0][2])
            if len(lines) > 1:
                rest = " ".join(ln[0] for ln in lines[1:])
                address.street2 = rest
                owner.evidence["street2"] = span_evidence(doc, lines[1][1], lines[-1][2])
    if a_street:
        city_end = a_city.start() if a_city else len(body)
        _city_state_zip(doc, owner, joined, stream, a_street.end(), city_end, a_city)
    if doc.scatter:
        text_scatter.scattered_address(doc, owner, label)
    elif not (a_name and a_street and a_city):
        record.warn(f"Owner {owner.name or '?'}: address anchors (Last)/(Street)/(City) not all found.")
    return owner


def _unglue_issuer(doc: Doc, owner: Owner) -> None:
    """The issuer's "Name [ TICKER ]" wrapped into the owner's box, glued after the
    owner's name in capitals: keep the owner's part."""
    glued = text_scatter.glued_owner(owner.name[: owner.name.index("[")].strip())
    ev = owner.evidence.get("name")
    if glued is None or ev is None or not ev.text.startswith(glued[0]):
        return
    owner.name = glued[0]
    owner.evidence["name"] = Evidence(glued[0], ev.start, ev.start + len(glued[0]))


def _value_lines(joined: Joined, start: int, end: int, cells: bool = False,
                 first_only: bool = False) -> list[tuple[str, int, int]]:
    """Non-empty lines of ``joined.text[start:end]`` as (value, orig start, orig end);
    with ``cells`` also split at ``|`` (a markdown table row holding several lines);
    with ``first_only`` only the first."""
    out = []
    pos = start
    for piece in (re.split(r"[\n|]", joined.text[start:end]) if cells else joined.text[start:end].split("\n")):
        value = clean_value(piece) if piece and not piece.isspace() else ""
        if value and not JUNK_LINE.match(piece):
            at = joined.text.find(value[:1], pos)
            s, e = joined.span(at, at + len(piece.strip()))
            out.append((value, s, e))
            if first_only:
                break
        pos += len(piece) + 1
    return out


def _unwrap(lines: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Columns wrap a long street line: a lone short word below a long line ("2800 SAND
    HILL" / "ROAD", "SUITE" / "250"), or a lone word in capitals below a line that
    does not end like a street, continues it rather than starting street2."""
    out: list[tuple[str, int, int]] = []
    for value, start, end in lines:
        if out and " " not in value and (
                (len(out[-1][0]) >= 25 and len(value) <= 6)
                # a lone word in capitals under a line that does not end a street:
                # "C/O GRANITE SPUR CAPITAL" / "PARTNERS"
                or (value.isalpha() and value.isupper() and len(out[-1][0]) >= 18
                    and not text_scatter.STREET_END.search(out[-1][0]))):
            prev = out[-1]
            out[-1] = (prev[0] + " " + value, prev[1], end)
        else:
            out.append((value, start, end))
    return out


def _put_text(doc: Doc, obj, field: str, joined: Joined, start: int, end: int, first_line: bool = False) -> None:
    lines = _value_lines(joined, start, end, first_only=first_line)
    if not lines:
        return
    value = clean_value(" ".join(v for v, _, _ in lines))
    obj.put(field, value or None, span_evidence(doc, lines[0][1], lines[-1][2]))


def _city_state_zip(doc: Doc, owner: Owner, joined: Joined, stream: Stream, start: int, end: int, a_city) -> None:
    """City, state and zip between (Street) and (City) (State) (Zip).

    The first value line usually holds all three ("MENLO PARK| CA| 94025",
    "CAMBRIDGE, MA 02140"); a foreign address adds a line below ("BRITISH
    COLUMBIA, CANADA") that is not the city.  In columns a long city may wrap
    ("SAN" / "FRANCISCO" / "CA  94129"): then pieces go to the column of the
    (City) (State) (Zip) anchor they stand under.
    """
    address = owner.address
    segment = joined.text[start:end]
    lines = [ln for ln in segment.split("\n")
             if ln and not ln.isspace() and clean_value(ln) and not JUNK_LINE.match(ln)]
    if not lines:
        return
    first_at = start + segment.find(lines[0])
    parts = _parse_city_line(lines[0])
    last_at = first_at + len(lines[0])
    if parts is None and doc.mode != "flow" and a_city is not None:
        parts, last_at = _city_by_columns(doc, joined, segment, start, lines, a_city)
    if parts is None:
        flat = clean_value(" ".join(lines))
        parts = [flat, "", ""]
        last_at = start + segment.find(lines[-1]) + len(lines[-1])
    s0, e0 = joined.span(first_at, last_at)
    evidence = span_evidence(doc, s0, e0)
    address.city = parts[0].strip(" ,") or None
    address.state = parts[1] or None
    address.zip = parts[2] or None
    for key in ("city", "state", "zip"):
        if getattr(address, key):
            owner.evidence[key] = evidence


_STATE = re.compile(r"[A-Z][A-Z0-9]")


def _parse_city_line(line: str) -> list[str] | None:
    cells = [clean_value(c) for c in re.split(r"\||\t|\s{2,}", line.strip())]
    cells = [c for c in cells if c]
    if len(cells) == 3 and _STATE.fullmatch(cells[1]):
        return cells
    m = _CITY_STATE_ZIP.match(clean_value(" ".join(cells)))
    if m:
        return [m["city"].strip(" ,"), m["state"], m["zip"]]
    return None


def _city_by_columns(doc: Doc, joined: Joined, segment: str, seg_start: int, lines: list[str], a_city):
    xs = _anchor_xs(doc, joined, a_city)
    if not xs:
        return None, 0
    buckets: dict[str, list[str]] = {"city": [], "state": [], "zip": []}
    width = xs[1] - xs[0]
    last_at = seg_start
    zip_line = None
    city_pieces: list[tuple[int, str]] = []  # (line index, text)
    for index, line in enumerate(lines):
        pieces = list(_split_pieces(doc, joined, segment, line, seg_start))
        if buckets["zip"] and (len(pieces) != 1 or "," in line or len(clean_value(line)) > width):
            break  # a line below the zip that is not a wrapped city: country, province
        for x, piece in pieces:
            key = "city" if x < xs[1] - 2 else ("state" if x < xs[2] - 2 else "zip")
            if key == "city":
                city_pieces.append((index, clean_value(piece)))
            else:
                buckets[key].append(clean_value(piece))
                if key == "zip":
                    zip_line = index
        last_at = seg_start + segment.find(line) + len(line)
    if not buckets["state"] and city_pieces:
        # the state drifted left under the city column: the 2-letter piece on the zip's line,
        # or the 2-letter end of the last city piece ("VANCOUVER A1")
        for i, (index, text) in enumerate(city_pieces):
            if index == zip_line and _STATE.fullmatch(text) and i > 0:
                buckets["state"].append(text)
                del city_pieces[i]
                break
        else:
            index, text = city_pieces[-1]
            m = re.search(r"(?:^|\s)([A-Z][A-Z0-9])$", text)
            if m and (m.start() > 0 or len(city_pieces) > 1):
                buckets["state"].append(m.group(1))
                city_pieces[-1] = (index, text[: m.start()].strip())
    buckets["city"] = [t for _, t in city_pieces]
    if not (buckets["state"] or buckets["zip"]):
        return None, 0
    return [" ".join(c for c in buckets["city"] if c), " ".join(buckets["state"]), " ".join(buckets["zip"])], last_at


def _anchor_xs(doc: Doc, joined: Joined, a_city) -> list[int] | None:
    xs = []
    for m in _CITY_WORD.finditer(joined.text, a_city.start(), a_city.end()):
        off = joined.offset(m.start())
        xs.append(off - doc.starts[doc.line_of(off)])
    return xs if len(xs) == 3 else None


def _split_pieces(doc: Doc, joined: Joined, segment: str, line: str, seg_start: int):
    at = segment.find(line)
    base = joined.offset(seg_start + at)
    x0 = base - doc.starts[doc.line_of(base)]
    for m in re.finditer(r"[^\s|\t](?:[^\t|\n]*?[^\s|\t])?(?=\s{2,}|\t|\||$)", line):
        yield x0 + m.start(), m.group()


# ---------------------------------------------------------------- relationship

def _read_relationship(doc: Doc, record: Record, owner: Owner, label: Label) -> None:
    """The box's options and marks read into ``owner.relationship`` (converters other
    than plain pdftotext: a mark stands before its option in the text)."""
    if doc.mode == "flow":
        stream = _flow_window(doc, label)
    else:
        stream = doc.region(label, stops=_REL_STOPS, max_lines=16, left_slack=10)
    joined = stream.join(clean=False)
    body = joined.text
    rel = owner.relationship
    seen: dict[str, re.Match] = {}
    for m in text_marks.options(body):
        seen.setdefault(m.lastgroup or "", m)  # a later option word may be a stray word of a title
    if not seen:
        record.warn(f"Owner {owner.name or '?'}: relationship boxes not found.")
        return
    for kind, m in seen.items():
        checked = text_marks.mark_before(body, m.start(), padded=doc.map is not None)
        if not checked and doc.mode != "flow":
            checked = _layout_mark(doc, joined, body, m, seen)
        if checked:
            setattr(rel, _FIELDS[kind], True)
            owner.evidence[_FIELDS[kind]] = span_evidence(doc, *joined.span(m.start(), m.end()))
    title, span = _title(doc, joined, body, max(m.end() for m in seen.values()))
    _put_title(doc, record, owner, title, span, None)


def _put_title(doc: Doc, record: Record, owner: Owner, title: str | None, span, inferred_kind) -> None:
    """The officer title / other text under its checked box; a title under no checked box
    checks the box it stands under when ``inferred_kind`` names it (inferred), else a warning."""
    rel = owner.relationship
    if title and _NOT_A_TITLE.fullmatch(title):
        title = None  # a date or a number is the next box's value, never a title
    if not title:
        return
    if not rel.is_officer and not rel.is_other and inferred_kind is not None:
        # the form prints a title only under a checked Officer / Other box
        setattr(rel, _FIELDS[inferred_kind], True)
        record.infer(f"reporting_owners/{len(record.reporting_owners)}/relationship/{_FIELDS[inferred_kind]}")
    if rel.is_officer:
        rel.officer_title = title
        owner.evidence["officer_title"] = span_evidence(doc, *span)
    elif rel.is_other:
        rel.other_text = title
        owner.evidence["other_text"] = span_evidence(doc, *span)
    else:
        record.warn(f"Owner {owner.name or '?'}: text '{title}' in the relationship box but no "
                    "Officer/Other box checked.")


def _scatter_relationship(doc: Doc, record: Record, owner: Owner, label: Label, rel_label: Label | None) -> None:
    """Plain pdftotext: the box's marks read by the reading order (``text_marks``);
    options their marks cannot settle are None (unknown) with a warning, never a guess."""
    window = text_scatter.relationship_window(doc, label, rel_label)
    if window is None:
        record.warn(f"Owner {owner.name or '?'}: no relationship box found.")
        return _unknown(record, owner, list(_FIELDS))
    start, end, wide = window
    body = doc.text[start:end]
    seen: dict[str, re.Match] = {}
    for m in text_marks.options(body):
        kind = m.lastgroup or ""
        if kind not in seen or text_marks.mark_before(body, m.start()):
            seen[kind] = m  # the box's words may repeat (joint filers): the marked ones
    if not seen:
        record.warn(f"Owner {owner.name or '?'}: relationship boxes not found.")
        return _unknown(record, owner, list(_FIELDS))
    if wide:
        found = text_marks.late_title(doc, start, end)
    else:
        found = text_marks.title(doc, start + max(m.end() for m in seen.values()), end - 1,
                                   window_start=start, avoid=owner.name)
    title = found[0] if found and not _NOT_A_TITLE.fullmatch(found[0]) else None
    rel = owner.relationship
    index = len(record.reporting_owners)
    if wide:
        states = text_marks.late_box(body, title is not None)
    else:
        lone = text_marks.lone_mark(body, title is not None)
        states = {k: k == lone for k in _FIELDS} if lone else None
    if states is not None:  # a judgement from where a lone mark landed: every option inferred
        for kind, state in states.items():
            setattr(rel, _FIELDS[kind], state)
            record.infer(f"reporting_owners/{index}/relationship/{_FIELDS[kind]}")
            if state and kind in seen:
                owner.evidence[_FIELDS[kind]] = span_evidence(doc, start + seen[kind].start(), start + seen[kind].end())
    else:
        extra = text_marks.more_marks(body, seen)
        for kind, m in seen.items():
            if text_marks.mark_before(body, m.start()) or kind in extra:
                setattr(rel, _FIELDS[kind], True)
                owner.evidence[_FIELDS[kind]] = span_evidence(doc, start + m.start(), start + m.end())
    above = text_marks.option_above_at(doc, start, seen, found[1]) if title else None
    _put_title(doc, record, owner, title, found[1:] if title else (0, 0), above)
    if states is None:
        marked = {kind for kind, field in _FIELDS.items() if getattr(rel, field)}
        unknown = text_marks.unattributed(body, seen, marked)
        if unknown:
            _unknown(record, owner, sorted(unknown, key=list(_FIELDS).index))


def _unknown(record: Record, owner: Owner, kinds: list[str]) -> None:
    """Options whose marks cannot be pinned in the scrambled order: None, with a warning."""
    for kind in kinds:
        setattr(owner.relationship, _FIELDS[kind], None)
        owner.evidence.pop(_FIELDS[kind], None)
    names = ", ".join(_FIELDS[k] for k in kinds)
    record.warn(f"Owner {owner.name or '?'}: relationship marks cannot be attributed in the scrambled "
                f"reading order; {names} left unknown.")


def _flow_window(doc: Doc, label: Label) -> Stream:
    """Reading order from the label to the next box that ends the relationship."""
    end_label = doc.first("individual", "table1", "table2", "name", "explanation", "summary", "signature",
                          after=label.end)
    end = end_label.start if end_label else min(len(doc.text), label.end + 1500)
    stream = Stream()
    stream.add(label.end, doc.text[label.end:end], 0)
    return stream


_MARK_THEN_WRAP = re.compile(
    rf"(?:^|[\s|])(?:{text_marks.CHECKED})\s+(?:below|title|\(give|owner|\(spec)", re.I | re.X
)


def _layout_mark(doc: Doc, joined: Joined, body: str, m: re.Match, seen: dict) -> bool:
    """Columns: a mark before a wrapped option's next line ("X  below)")."""
    off = joined.offset(m.start())
    line_no = doc.line_of(off)
    x = off - doc.starts[line_no]
    for n in (line_no + 1, line_no + 2):
        if n >= doc.nlines:
            break
        line = doc.line(n)
        seg = line[max(0, x - 12): x + 10]
        if _MARK_THEN_WRAP.search(seg):
            return True
        word = line[x:x + 10].strip().lower()
        if word and not word.startswith(("below", "title", "(give", "owner", "(spec")) and not seg.strip().startswith(
            ("below", "title", "(give", "owner", "(spec")
        ):
            break
    return False


# What a neighbouring box's value looks like: a date, a number, a mark.
_NOT_A_TITLE = re.compile(r"[\d/.,$()\s-]+|\(?\d{1,2}/\d{1,2}/\d{2,4}\)?")
# A box label that cannot be part of a title: where an owner's relationship box ends.
_NEXT_BOX = re.compile(r"Relationship\s+of\s+Reporting|Name\s+and\s+Address\s+of\s+Reporting", re.I)


def _opens_next_box(line: str) -> bool:
    """_NEXT_BOX in ``line``; ASCII without "reporting" (both labels end so) cannot hold it."""
    return not (line.isascii() and "reporting" not in line.lower()) and _NEXT_BOX.search(line) is not None


def _title(doc: Doc, joined: Joined, body: str, start: int) -> tuple[str | None, tuple[int, int]]:
    """The officer title / other text: what the box holds after its four options."""
    tail = body[start:]
    if doc.mode == "flow":
        # first line fragment with words, cut at a tab
        pos = 0
        for piece in re.split(r"([\n\t|])", tail):
            if piece not in ("\n", "\t", "|"):
                value = clean_value(text_marks.drop_box_words(piece.strip()))
                if value:
                    at = start + pos + piece.find(value[:1])
                    s, e = joined.span(at, start + pos + len(piece.rstrip()))
                    label = doc.first(*_REL_STOPS, after=s, before=e)
                    if label is not None:  # the next box's label ends the title
                        value = clean_value(doc.text[s:label.start])
                        e = label.start
                    if value:
                        return value, (s, e)
            elif piece == "\t" and clean_value(tail[:pos]):
                break
            pos += len(piece)
        return None, (0, 0)
    words = []
    first = last = None
    pos = start
    for piece in tail.split("\n"):
        stripped = piece.strip()
        if not stripped:  # (nothing to read: the grid pads its cells with blank lines)
            pos += len(piece) + 1
            continue
        if _opens_next_box(stripped):
            break  # the next owner's boxes begin: nothing below is this owner's title
        value = clean_value(text_marks.drop_box_words(stripped))
        if value:
            words.append(value)
            if first is None:
                first = pos
            last = pos + len(piece)
        pos += len(piece) + 1
    if not words:
        return None, (0, 0)
    title = clean_value(" ".join(words))
    s, e = joined.span(first, last)
    return title, (s, e)


# ---------------------------------------------------------------- the "Reporting Owners" table

_SUMMARY_COLUMNS = re.compile(r"Director|10\s*%\s*Owner|Officer|Other", re.I)


def _summary_table(doc: Doc, record: Record) -> None:
    label = doc.first("summary")
    if label is None:
        return
    header_line = None
    for n in range(label.line, min(doc.nlines, label.line + 4)):
        if len(_SUMMARY_COLUMNS.findall(doc.line(n))) >= 4:
            header_line = n
            break
    if header_line is None:
        return
    header = doc.line(header_line)
    columns = [(m.start(), m.group().lower()) for m in _SUMMARY_COLUMNS.finditer(header)]
    split_cells = "\t" in header or "|" in header
    if split_cells:
        cells = re.split(r"\t|\|", header)
        index = {}
        for i, c in enumerate(cells):
            key = _column_key(c)
            if key:
                index[key] = i
    rows = []
    for n in range(header_line + 1, min(doc.nlines, header_line + 12)):
        line = doc.line(n)
        if not line.strip() or JUNK_LINE.match(line):
            if rows:
                break
            continue
        if doc.labels_on_line(n) or re.match(r"^\W*Signatures?\b", line, re.I):
            break
        base = doc.starts[n]
        if split_cells:
            cells = re.split(r"\t|\|", line)
            # a leading pipe makes an empty first cell in markdown rows
            if line.lstrip().startswith("|") and not cells[0].strip():
                cells = cells[1:]
                shift = 1
            else:
                shift = 0
            get = {k: (cells[i - (shift if header.lstrip().startswith("|") else 0)] if 0 <= i < len(cells) else "")
                   for k, i in index.items()}
            name_cell = cells[0]
        else:
            get = {}
            xs = [x for x, _ in columns]
            name_cell = line[: xs[0] - 1] if xs else line
            for i, (x, word) in enumerate(columns):
                hi = xs[i + 1] if i + 1 < len(xs) else len(line) + 1
                get[_column_key(word)] = line[max(0, x - 3):hi - 1]
        rows.append((n, base, name_cell, get))
    for n, base, name_cell, get in rows:
        owner = _match_owner(record, clean_value(name_cell))
        if owner is None:
            continue
        rel = owner.relationship
        for key, cell in get.items():
            value = clean_value(cell)
            if not value:
                continue
            field = _FIELDS[key]
            at = doc.text.find(value[:3], base) if value else base
            if key in ("officer", "other") and not text_marks.CHECKED_RE.fullmatch(value):
                setattr(rel, field, True)
                if key == "officer":
                    rel.officer_title = value
                    owner.evidence["officer_title"] = span_evidence(doc, at, at + len(value))
                else:
                    rel.other_text = value
                    owner.evidence["other_text"] = span_evidence(doc, at, at + len(value))
            elif text_marks.CHECKED_RE.fullmatch(value):
                setattr(rel, field, True)
            owner.evidence[field] = span_evidence(doc, at, at + len(value))


def _column_key(cell: str) -> str | None:
    c = cell.lower()
    if "director" in c:
        return "director"
    if "10" in c and "%" in c:
        return "ten"
    if "officer" in c:
        return "officer"
    if "other" in c:
        return "other"
    return None


def _match_owner(record: Record, name_cell: str) -> Owner | None:
    key = re.sub(r"\W+", " ", name_cell).strip().lower()
    for owner in record.reporting_owners:
        if owner.name and key.startswith(re.sub(r"\W+", " ", owner.name).strip().lower()):
            return owner
    return None
