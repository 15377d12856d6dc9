"""Parse an EDGAR full submission (.txt): its header and each document inside it.

Called by ``insiders.pipeline`` when ``insiders.detect`` says ``edgar_submission``.
A submission is a header (the older ``<SEC-HEADER>`` style of ``KEY: value``
lines, or the newer ``<SUBMISSION>`` style of ``<KEY>value`` tags) followed by
``<DOCUMENT>`` blocks, each with ``<TYPE>``, ``<FILENAME>``, ``<DESCRIPTION>`` and
a ``<TEXT>`` body, which may wrap ``<XML>``.  Each body goes to its parser:

* ownership XML             -> ``insiders.parse.xml_form``
* a pre-2003 text form      -> ``insiders.pipeline.parse_text``
* EX-24 and other exhibits that are powers of attorney
                            -> ``insiders.parse.power_of_attorney.find_all``

One record per filing.  The header fills what the documents leave empty
(accession number, form type, period, issuer and owner names and CIKs).
Evidence offsets from text parsers are shifted so they index the whole
submission text (``record.text``); XML values keep their element paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .. import detect
from ..errors import ParseError
from ..model import Evidence, Owner, Record
from ..normalize import parse_date
from . import xml_form

# ---------------------------------------------------------------- vocabulary

# One header line: "ACCESSION NUMBER:\t\t0000950170-25-003585" (old style)
# or "<ACCESSION-NUMBER>0000950170-25-003585" (new style); closing tags have no value.
HEADER_LINE = re.compile(
    r"""
    ^(?P<indent>[ \t]*)
    (?:
        <(?P<close>/)?(?P<tag>[A-Z0-9][A-Z0-9-]*)>[ \t]*(?P<tag_value>[^\n<]*?)   # <KEY>value or </KEY>
      | (?P<key>[A-Z0-9][A-Z0-9 &/().-]*?)[ \t]*:[ \t]*(?P<key_value>[^\n]*?)    # KEY: value
    )[ \t]*$
    """,
    re.M | re.X,
)

# Header keys (spaces for dashes) -> what they are.  Section keys open a block.
TOP_KEYS = {
    "ACCESSION NUMBER": "accession_number",
    "CONFORMED SUBMISSION TYPE": "submission_type",
    "TYPE": "submission_type",
    "FILED AS OF DATE": "filed",
    "FILING DATE": "filed",
    "CONFORMED PERIOD OF REPORT": "period",
    "PERIOD": "period",
}
SECTION_KEYS = {
    "REPORTING OWNER": "owner",
    "ISSUER": "issuer",
    "FILER": "other",
    "SUBJECT COMPANY": "other",
    "FILED BY": "other",
}
ENTITY_KEYS = {
    "COMPANY CONFORMED NAME": "name",
    "CONFORMED NAME": "name",
    "CENTRAL INDEX KEY": "cik",
    "CIK": "cik",
}

SEC_DOCUMENT = re.compile(r"<SEC-DOCUMENT>\s*(\d{10}-\d{2}-\d{6})")
DOCUMENT_OPEN = re.compile(r"^[ \t]*<DOCUMENT>[ \t]*$", re.M)
DOCUMENT_CLOSE = re.compile(r"^[ \t]*</DOCUMENT>[ \t]*$", re.M)
DOC_TAG = re.compile(r"^[ \t]*<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\n]*?)[ \t]*$", re.M)
TEXT_OPEN = re.compile(r"<TEXT>[ \t]*\n?", re.I)
TEXT_CLOSE = re.compile(r"</TEXT>", re.I)
XML_OPEN = re.compile(r"<XML>[ \t]*\n?", re.I)
XML_CLOSE = re.compile(r"</XML>", re.I)
BARE_XML = re.compile(r"\s*(?:<\?xml\b|<ownershipDocument\b)")
FORM_TYPES = frozenset({"3", "4", "5", "3/A", "4/A", "5/A"})
POA_EXHIBIT = re.compile(r"^EX-24", re.I)

_HEADER_SCAN = 200_000  # the header is never this long; documents start well before


# ---------------------------------------------------------------- header


@dataclass
class Entity:
    """A REPORTING-OWNER or ISSUER block of the header."""

    name: str | None = None
    cik: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass
class Header:
    values: dict[str, tuple[str, int]] = field(default_factory=dict)  # kind -> (value, offset)
    owners: list[Entity] = field(default_factory=list)
    issuer: Entity | None = None


def read_header(text: str, end: int) -> Header:
    """The header fields in ``text[:end]``, both styles."""
    header = Header()
    section: str | None = None
    entity: Entity | None = None
    for match in HEADER_LINE.finditer(text, 0, end):
        if match.group("tag"):
            key = match.group("tag").replace("-", " ")
            value, start = match.group("tag_value"), match.start("tag_value")
            if match.group("close"):
                if SECTION_KEYS.get(key):
                    section, entity = None, None
                continue
        else:
            key = " ".join(match.group("key").replace("-", " ").split())
            value, start = match.group("key_value"), match.start("key_value")
            if not match.group("indent") and key not in SECTION_KEYS:
                section, entity = None, None  # an unindented key ends an old-style block
        kind = SECTION_KEYS.get(key)
        if kind is not None and not value:
            section = kind
            entity = Entity()
            if kind == "owner":
                header.owners.append(entity)
            elif kind == "issuer" and header.issuer is None:
                header.issuer = entity
            continue
        if not value:
            continue
        if section is not None and entity is not None:
            name = ENTITY_KEYS.get(key)
            if name and getattr(entity, name) is None:
                setattr(entity, name, value)
                entity.evidence[name] = Evidence(text=value, start=start, end=start + len(value))
            continue
        top = TOP_KEYS.get(key)
        if top and top not in header.values:
            header.values[top] = (value, start)
    if "accession_number" not in header.values:
        match = SEC_DOCUMENT.search(text, 0, end)
        if match:
            header.values["accession_number"] = (match.group(1), match.start(1))
    return header


# ---------------------------------------------------------------- documents


@dataclass
class Part:
    """One ``<DOCUMENT>`` block: its tags and where its body lies in the submission."""

    index: int
    type: str = ""
    filename: str = ""
    description: str = ""
    body_start: int = 0
    body_end: int = 0
    xml_start: int | None = None
    xml_end: int | None = None


def iter_parts(text: str, start: int) -> list[Part]:
    parts: list[Part] = []
    opens = [m.end() for m in DOCUMENT_OPEN.finditer(text, start)]
    if not opens:
        opens = [start]  # no <DOCUMENT> blocks: the rest of the text is the one body
    for index, open_end in enumerate(opens):
        limit = opens[index + 1] if index + 1 < len(opens) else len(text)
        close = DOCUMENT_CLOSE.search(text, open_end, limit)
        end = close.start() if close else limit
        parts.append(_part(text, index + 1, open_end, end))
    return parts


def _part(text: str, index: int, start: int, end: int) -> Part:
    part = Part(index=index)
    body = TEXT_OPEN.search(text, start, end)
    tags_end = body.start() if body else start
    for match in DOC_TAG.finditer(text, start, tags_end if body else min(end, start + 2000)):
        name, value = match.group(1), match.group(2)
        if name == "TYPE" and not part.type:
            part.type = value.upper()
        elif name == "FILENAME" and not part.filename:
            part.filename = value
        elif name == "DESCRIPTION" and not part.description:
            part.description = value
    part.body_start = body.end() if body else (tags_end if tags_end > start else start)
    close = TEXT_CLOSE.search(text, part.body_start, end)
    part.body_end = close.start() if close else end
    xml_open = XML_OPEN.search(text, part.body_start, part.body_end)
    if xml_open:
        xml_close = XML_CLOSE.search(text, xml_open.end(), part.body_end)
        part.xml_start = xml_open.end()
        part.xml_end = xml_close.start() if xml_close else part.body_end
    elif BARE_XML.match(text, part.body_start, part.body_end):
        part.xml_start, part.xml_end = part.body_start, part.body_end  # XML without an <XML> wrapper
    return part


# ---------------------------------------------------------------- entry point


def parse(text: str, record: Record) -> None:
    """Fill ``record`` from a whole submission.  Raises UnsafeInput/LimitExceeded for
    hostile XML inside it; a malformed document becomes a warning."""
    first = DOCUMENT_OPEN.search(text, 0, _HEADER_SCAN)
    header_end = first.start() if first else min(len(text), _HEADER_SCAN)
    header = read_header(text, header_end)
    parts = iter_parts(text, header_end)

    ownership = [p for p in parts if p.xml_start is not None and "<ownershipDocument" in text[p.xml_start:p.xml_start + 2000]]
    for part in ownership[:1]:
        _parse_xml(text, part, record)
    for part in ownership[1:]:
        record.warn(f"Document {part.index} is a second ownership XML; only the first was read.")
    used = {p.index for p in ownership}
    if not ownership:
        form = _text_form_part(text, parts)
        if form is not None:
            used.add(form.index)
            _nested(text, form, record, _parse_text_form)
    for part in parts:
        if part.index in used or part.xml_start is not None:
            continue
        if _is_power_of_attorney(text, part):
            _nested(text, part, record, _parse_poa)
    _apply_header(header, record)


def _parse_xml(text: str, part: Part, record: Record) -> None:
    try:
        xml_form.parse(text[part.xml_start:part.xml_end], record)
    except ParseError as exc:
        record.warn(f"Document {part.index} (type {part.type or '?'}): the ownership XML is malformed "
                    f"({exc.reason}); only the submission header was read.")


def _text_form_part(text: str, parts: list[Part]) -> Part | None:
    """The pre-2003 text form: a 3/4/5 document, or the first whose text reads as a form."""
    for part in parts:
        if part.xml_start is None and part.type in FORM_TYPES:
            return part
    for part in parts:
        if part.xml_start is None and detect.form_type(text[part.body_start:part.body_end]):
            return part
    return None


def _is_power_of_attorney(text: str, part: Part) -> bool:
    if POA_EXHIBIT.match(part.type) or "POWER OF ATTORNEY" in part.description.upper():
        return True
    body = text[part.body_start:min(part.body_end, part.body_start + 20_000)]
    return detect.document_kind(body) == "power_of_attorney"


def _parse_text_form(body: str, record: Record) -> None:
    from ..pipeline import parse_text

    parse_text(body, record)


def _parse_poa(body: str, record: Record) -> None:
    from . import power_of_attorney

    record.powers_of_attorney.extend(power_of_attorney.find_all(body, record))


def _nested(text: str, part: Part, record: Record, run) -> None:
    """Run a text parser on one document body, then shift the offsets of the evidence
    it created so they index the whole submission.  ``record.text`` is the body
    while it runs, so parsers that read it see the same text as their argument."""
    before = {id(ev) for _, ev in record.iter_evidence()}
    saved_text, saved_type = record.text, record.document_type
    record.text = text[part.body_start:part.body_end]
    try:
        run(record.text, record)
    finally:
        record.text = saved_text
    if saved_type != "unknown" and record.document_type in ("unknown", "power_of_attorney"):
        record.document_type = saved_type  # an exhibit does not change what the filing is
    for _, ev in record.iter_evidence():
        if id(ev) not in before and ev.start is not None:
            before.add(id(ev))  # shift once, even if shared
            ev.start += part.body_start
            if ev.end is not None:
                ev.end += part.body_start


# ---------------------------------------------------------------- header -> record


def _evidence(value: str, start: int) -> Evidence:
    return Evidence(text=value, start=start, end=start + len(value))


def _apply_header(header: Header, record: Record) -> None:
    values = header.values
    if "accession_number" in values and record.accession_number is None:
        value, start = values["accession_number"]
        record.put("accession_number", value, _evidence(value, start))
    if "submission_type" in values:
        value, start = values["submission_type"]
        kind = value.upper().replace(" ", "")
        if record.document_type in ("unknown", "power_of_attorney") and kind in FORM_TYPES:
            record.put("document_type", kind, _evidence(value, start))
        elif record.document_type == "unknown":
            record.warn(f"Submission type {value[:20]!r} is not a Form 3, 4 or 5.")
    if "filed" in values:
        value, start = values["filed"]
        filed = _header_date(value)
        if filed is not None:
            record.put("filing_date", filed, _evidence(value, start))
    if "period" in values and record.period_of_report is None:
        value, start = values["period"]
        period = _header_date(value)
        if period is not None:
            record.put("period_of_report", period, _evidence(value, start))
    if header.issuer is not None:
        _fill_issuer(header.issuer, record)
    _fill_owners(header.owners, record)


def _header_date(value: str) -> date | None:
    """Header dates are YYYYMMDD."""
    if len(value) >= 8 and value[:8].isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        except ValueError:
            return None
    return parse_date(value)


def _fill_issuer(entity: Entity, record: Record) -> None:
    issuer = record.issuer
    if issuer.cik is None and entity.cik:
        issuer.put("cik", entity.cik, entity.evidence.get("cik"))
    if issuer.name is None and entity.name:
        issuer.put("name", entity.name, entity.evidence.get("name"))


def _name_key(name: str | None) -> tuple[str, ...]:
    return tuple(sorted(re.findall(r"[a-z0-9]+", (name or "").casefold())))


def _fill_owners(entities: list[Entity], record: Record) -> None:
    """Header CIKs for owners the documents name without one (matched by name, else
    by position when the counts agree); owners from the header when no document named any."""
    entities = [e for e in entities if e.name or e.cik]
    if not entities:
        return
    owners = record.reporting_owners
    if not owners:
        for entity in entities:
            owner = Owner()
            if entity.name:
                owner.put("name", entity.name, entity.evidence.get("name"))
            if entity.cik:
                owner.put("cik", entity.cik, entity.evidence.get("cik"))
            owners.append(owner)
        return
    by_name = {_name_key(e.name): e for e in entities if e.name}
    for position, owner in enumerate(owners):
        if owner.cik is not None:
            continue
        entity = by_name.get(_name_key(owner.name))
        if entity is None and len(entities) == len(owners):
            entity = entities[position]
        if entity is not None and entity.cik:
            owner.put("cik", entity.cik, entity.evidence.get("cik"))
