"""Reporting owners of a typed pre-2003 form: name, address, relationship, joint filers.

Part of ``ascii_form`` (which finds the numbered boxes); lines from ``ascii_lines``.
Box 1 is typed either in captioned columns (a value line above "(Last) (First)
(Middle)", "(Street)", "(City) (State) (Zip)") or as free lines ("Okafor, Chidi
N." / street / "Chicago, IL 60623").  The name is kept as filed: captioned columns
are joined with single spaces ("Halversen Margaret E.").  Relationship boxes are
"[X] Director", "(X)", "X Director" or "Director [X]"; the officer's title is the
line under the boxes or "Title: ...".  Joint filers are read from a "Joint Filer
Information" attachment ("Name:", "Address:", "Relationship:").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Evidence, Owner, Record
from .ascii_lines import Sheet, chunks

if TYPE_CHECKING:  # pragma: no cover
    from .ascii_form import Item

# Column captions under the typed name and address.
_CAPTION = re.compile(r"\((?P<cap>Last|First|Middle|Street|City|State|Zip)\)", re.I)
# "Chicago, IL 60623", "Baltimore  MD  21230", "Menlo Park, California 94025".
_CITY_LINE = re.compile(
    r"^(?P<city>[A-Za-z][A-Za-z .'-]*?)[,\s]\s*(?P<state>[A-Z]{2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\.?[,\s]\s*"
    r"(?P<zip>\d{5}(?:-\d{4})?)\s*$"
)

# Relationship labels on the checkbox lines.
_LABELS = (
    ("is_director", re.compile(r"\bDirector\b", re.I)),
    ("is_ten_percent_owner", re.compile(r"\b10\s*%\s*Owner\b|\bTen\s+Percent\s+Owner\b", re.I)),
    ("is_officer", re.compile(r"\bOfficer\b", re.I)),
    ("is_other", re.compile(r"\bOther\b", re.I)),
)
# A ticked box right before a label, or right after it.
_TICK_BEFORE = re.compile(r"(?:\[\s*[xX✓]\s*\]|\(\s*[xX]\s*\)|_*[xX]_+|(?<![\w/])[xX])[ \t]*$")
_TICK_AFTER = re.compile(r"^[ \t]*(?:\(\s*give\s+title\s+below\s*\)|\(\s*specify\s+below\s*\))?[ \t:]*(?:\[\s*[xX✓]\s*\]|\(\s*[xX]\s*\)|_*[xX]_+)")
_ANY_TICK_OR_BOX = re.compile(r"\[\s*[xX✓]?\s*\]|\(\s*[xX]?\s*\)|_{2,}")
# An X typed alone (not inside brackets or underscores): always ticks the label after it.
_BARE_X = re.compile(r"(?<![\w/(\[])[xX](?![\w/)\]])")
# What is left of a checkbox line once boxes and labels are taken away.
_BOX_LINE_WORDS = re.compile(
    r"\[\s*[xX✓]?\s*\]|\(\s*[xX]?\s*\)|_+[xX]?_*|(?<![\w/])[xX](?![\w/])|Director|10\s*%\s*Owner"
    r"|Ten\s+Percent\s+Owner|Officer|Other|\(\s*give\s+title\s+below\s*\)|\(\s*specify\s+below\s*\)"
    r"|\(\s*Check\s+all\s+applicable\s*\)|[\s:]",
    re.I,
)
# "Title: CFO", "Officer Title: CFO"; "Other: ...", "Other (specify): ...", "Specify: ...".
# A label with its box beside it, even when the caption wraps ("[X] Officer (give").
_BOXED_LABEL = re.compile(
    r"""(?:\[\s*[xX✓]?\s*\]|\(\s*[xX]?\s*\)|_{2,}[xX]?_*)[ \t]*(?:Director|10\s*%\s*Owner|Officer|Other)
      | (?:Director|10\s*%\s*Owner|Officer|Other)[ \t]*(?:\(\s*[xX]?\s*\)|\[\s*[xX]?\s*\]|_{2,})""",
    re.I | re.X,
)
# Lines that are only the wrapped rest of the boxes' captions ("title below)", "(Check all applicable)").
_CAPTION_BITS = re.compile(
    r"(?:\s|\(|\)|give|title|specify|below|check|all|applicable)*", re.I
)
_TITLE_PREFIX = re.compile(r"^(?:Officer\s*(?:\(\s*give\s+title\s*\)\s*)?)?Title\s*:\s*", re.I)
_OTHER_PREFIX = re.compile(r"^(?:Other\s*(?:\(\s*specify(?:\s+below)?\s*\)\s*)?|Specify)\s*:\s*", re.I)

# The joint-filer attachment.
_JOINT_HEADING = re.compile(r"^[ \t]*JOINT\s+FILER(?:S)?(?:'?S)?\s+INFORMATION\b|^[ \t]*JOINT\s+FILERS?\s*:?\s*$", re.I | re.M)
_KEYED = re.compile(r"^[ \t]*(?P<key>Name|Address|Relationship(?:\s+to\s+Issuer)?|[A-Z][A-Za-z &/']{2,40}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def parse(sheet: Sheet, boxes: dict[str, "Item"], record: Record) -> None:
    item = boxes.get("name")
    owner = Owner()
    if item is None:
        record.warn("Box 1 (Name and Address of Reporting Person) not found.")
    else:
        with sheet.windowed(item.lo, item.hi):
            _name_and_address(sheet, item, owner)
        if owner.name is None:
            record.warn("Box 1 holds no reporting person's name.")
    rel = boxes.get("relationship")
    if rel is not None:
        with sheet.windowed(rel.lo, rel.hi):
            _relationship(sheet, rel.value_lines, owner)
    else:
        record.warn("Box 'Relationship of Reporting Person(s) to Issuer' not found.")
    if owner.name is not None:
        record.reporting_owners.append(owner)
    _joint_filers(sheet, record)


# ---------------------------------------------------------------- name and address


def _content(sheet: Sheet, lines: list[int]) -> list[int]:
    return [n for n in lines if not sheet.is_blank(n) and not sheet.is_rule(n)]


def _name_and_address(sheet: Sheet, item: "Item", owner: Owner) -> None:
    lines = _content(sheet, item.value_lines)
    captioned = [n for n in lines if _CAPTION.search(sheet.clean(n))]
    if captioned:
        _captioned(sheet, lines, captioned, owner)
    else:
        _free(sheet, lines, owner)


def _pieces(sheet: Sheet, n: int) -> list[tuple[str, int, int]]:
    return chunks(sheet.clean(n), sheet.starts[n])


def _put_joined(sheet: Sheet, owner: Owner, name: str, pieces: list[tuple[str, int, int]]) -> None:
    """Set ``name`` (an owner field, or ``address/<field>``) from column pieces joined by blanks;
    the evidence is the typed line as it stands, column gaps and all."""
    if pieces:
        value = " ".join(p[0] for p in pieces)
        start, end = pieces[0][1], pieces[-1][2]
        _put(owner, name, value, Evidence(sheet.text[start:end], start, end))


def _put(owner: Owner, name: str, value: str, evidence: Evidence) -> None:
    if name.startswith("address/"):
        setattr(owner.address, name[8:], value)
        owner.evidence[name] = evidence
    else:
        owner.put(name, value, evidence)


def _captioned(sheet: Sheet, lines: list[int], captioned: list[int], owner: Owner) -> None:
    """Values typed above caption lines: each caption line names the line(s) above it."""
    previous = -1
    streets: list[list[tuple[str, int, int]]] = []
    for cap_line in captioned:
        above = [n for n in lines if previous < n < cap_line]
        previous = cap_line
        caps = {m.group("cap").lower() for m in _CAPTION.finditer(sheet.clean(cap_line))}
        if not above:
            continue
        if "last" in caps or "first" in caps:
            _put_joined(sheet, owner, "name", _pieces(sheet, above[0]))
            streets.extend(_pieces(sheet, n) for n in above[1:])
        elif "street" in caps:
            streets.extend(_pieces(sheet, n) for n in above)
        elif "city" in caps:
            _city_line(sheet, above[-1], owner)
            streets.extend(_pieces(sheet, n) for n in above[:-1])
    _streets(sheet, owner, streets)


def _free(sheet: Sheet, lines: list[int], owner: Owner) -> None:
    """Name on the first line, then street lines, then 'City, ST 12345'."""
    if not lines:
        return
    first = sheet.clean(lines[0])
    body = first.strip()
    start = sheet.starts[lines[0]] + first.index(body)
    owner.put("name", body, Evidence(body, start, start + len(body)))
    rest = lines[1:]
    if rest and _city_line(sheet, rest[-1], owner):
        rest = rest[:-1]
    _streets(sheet, owner, [[(sheet.clean(n).strip(), *_span(sheet, n))] for n in rest])


def _span(sheet: Sheet, n: int) -> tuple[int, int]:
    line = sheet.clean(n)
    body = line.strip()
    start = sheet.starts[n] + line.index(body)
    return start, start + len(body)


def _streets(sheet: Sheet, owner: Owner, streets: list[list[tuple[str, int, int]]]) -> None:
    streets = [s for s in streets if s]
    for name, pieces in zip(("street1", "street2"), streets[:2]):
        _put_joined(sheet, owner, f"address/{name}", pieces)


def _city_line(sheet: Sheet, n: int, owner: Owner) -> bool:
    pieces = _pieces(sheet, n)
    if len(pieces) == 3 and re.fullmatch(r"\d{5}(?:-\d{4})?", pieces[2][0]):
        for name, (value, start, end) in zip(("city", "state", "zip"), pieces):
            _put(owner, f"address/{name}", value.rstrip(","), Evidence(value, start, end))
        return True
    line = sheet.clean(n)
    body = line.strip()
    match = _CITY_LINE.match(body)
    if not match:
        return False
    base = sheet.starts[n] + line.index(body)
    for name in ("city", "state", "zip"):
        value = match.group(name).strip()
        _put(owner, f"address/{name}", value, Evidence(value, base + match.start(name), base + match.end(name)))
    return True


# ---------------------------------------------------------------- relationship


def _relationship(sheet: Sheet, lines: list[int], owner: Owner) -> None:
    rel = owner.relationship
    box_lines, text_lines = [], []
    for n in _content(sheet, lines):
        line = sheet.clean(n)
        if any(p.search(line) for _, p in _LABELS) and (not _BOX_LINE_WORDS.sub("", line) or _BOXED_LABEL.search(line)):
            box_lines.append(n)
        elif not _CAPTION_BITS.fullmatch(line):
            text_lines.append(n)
    for n in box_lines:
        line = sheet.clean(n)
        hits = sorted((m.start(), m.end(), name) for name, p in _LABELS for m in p.finditer(line))
        # Boxes before labels ("[X] Director", "X Director") unless the line opens with a
        # label, then after them ("Director (X)", "Director ___X___").
        before = not hits or bool(_ANY_TICK_OR_BOX.search(line[: hits[0][0]]) or _BARE_X.search(line))
        for start, end, name in hits:
            ticked = _TICK_BEFORE.search(line[:start]) if before else _TICK_AFTER.match(line[end:])
            if ticked:
                setattr(rel, name, True)
                owner.evidence.setdefault(f"relationship/{name}", Evidence(
                    line[start:end], sheet.starts[n] + start, sheet.starts[n] + end))
    _titles(sheet, text_lines, owner)


def _titles(sheet: Sheet, lines: list[int], owner: Owner) -> None:
    rel = owner.relationship
    for n in lines:
        line = sheet.clean(n)
        body = line.strip()
        start = sheet.starts[n] + line.index(body)
        if m := _TITLE_PREFIX.match(body):
            field, body, start = "officer_title", body[m.end():], start + m.end()
        elif m := _OTHER_PREFIX.match(body):
            field, body, start = "other_text", body[m.end():], start + m.end()
        elif rel.is_officer and rel.officer_title is None:
            field = "officer_title"
        elif rel.is_other and rel.other_text is None:
            field = "other_text"
        else:
            continue
        body = body.strip()
        if not body:
            continue
        current = getattr(rel, field)
        value = body if current is None else f"{current} {body}"
        setattr(rel, field, value)
        old = owner.evidence.get(f"relationship/{field}")
        owner.evidence[f"relationship/{field}"] = Evidence(value, old.start if old else start, start + len(body))


# ---------------------------------------------------------------- joint filers


def _joint_filers(sheet: Sheet, record: Record) -> None:
    """Owners listed in a 'Joint Filer Information' attachment, each opened by 'Name:'."""
    text = sheet.text
    if "JOINT FILER" not in text and "Joint Filer" not in text:
        return
    head = _JOINT_HEADING.search(text, sheet.starts[0] if len(sheet) else 0, sheet.ends[-1] if len(sheet) else 0)
    if head is None:
        return
    owner: Owner | None = None
    key = None
    streets: list[list[tuple[str, int, int]]] = []
    known = {(o.name or "").casefold() for o in record.reporting_owners}
    for n in range(sheet.line_of(head.start()) + 1, len(sheet)):
        if sheet.is_blank(n) or sheet.is_rule(n):
            continue
        line = sheet.clean(n)
        match = _KEYED.match(line)
        base = sheet.starts[n]
        if match:
            key = match.group("key").lower()
            value, at = match.group("value"), base + match.start("value")
            if key == "name":
                owner = _finish_joint(sheet, owner, streets, record, known)
                streets = []
                if value:
                    owner = Owner()
                    owner.put("name", value, Evidence(value, at, at + len(value)))
                continue
        elif key == "address" and owner is not None:
            value, at = line.strip(), base + line.index(line.strip())
        else:
            key = None
            continue
        if owner is None or not value:
            continue
        if key == "address":
            if not _city_in(value, at, owner):
                streets.append([(value, at, at + len(value))])
        elif key.startswith("relationship"):
            _relationship_words(value, at, owner)
    _finish_joint(sheet, owner, streets, record, known)


def _city_in(value: str, at: int, owner: Owner) -> bool:
    match = _CITY_LINE.match(value)
    if not match:
        return False
    for name in ("city", "state", "zip"):
        part = match.group(name).strip()
        _put(owner, f"address/{name}", part, Evidence(part, at + match.start(name), at + match.end(name)))
    return True


def _relationship_words(value: str, at: int, owner: Owner) -> None:
    rel = owner.relationship
    for name, pattern in _LABELS:
        m = pattern.search(value)
        if m:
            setattr(rel, name, True)
            owner.evidence[f"relationship/{name}"] = Evidence(m.group(), at + m.start(), at + m.end())
    title = re.search(r"Officer\s*[(:-]\s*(?P<t>[^)]+)\)?", value, re.I)
    if title:
        rel.officer_title = title.group("t").strip()


def _finish_joint(sheet: Sheet, owner: Owner | None, streets, record: Record, known: set[str]) -> None:
    if owner is None or (owner.name or "").casefold() in known:
        return None
    _streets(sheet, owner, streets)
    known.add((owner.name or "").casefold())
    record.reporting_owners.append(owner)
    return None
