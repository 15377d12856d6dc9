"""Parse the SEC's ``ownershipDocument`` XML (Forms 3, 4, 5 and their amendments).

Called by ``insiders.pipeline`` for XML input and by ``insiders.parse.submission``
for the XML document inside an EDGAR submission; values go through
``insiders.normalize`` and land in a ``insiders.model.Record``.  Covers schema
versions X0101 to X0609: elements a version lacks are simply absent.

Safety: text that could declare a DTD is parsed by ``defusedxml`` with DTDs
forbidden (so no entity bombs and no external references; text without one
cannot declare entities and goes to the C parser), element nesting is bounded at
``MAX_DEPTH``; hostile input raises ``UnsafeInput`` (or ``LimitExceeded`` for depth),
malformed or truncated XML raises ``ParseError``.  Error messages never quote the
document.

Speed: one parse into an ``ElementTree`` and one walk over the elements we know,
dispatching on tag names through the tables below (no XPath searches).

Conventions (those of the corpus truth, see SCHEMA.md): rows are listed
transactions first, then holdings, each in filing order; a value given only
through ``<footnoteId id="F1"/>`` is None with ``"1"`` recorded in
``row.footnotes[field]``.  Every value read keeps its evidence as the element path,
e.g. ``/ownershipDocument/derivativeTable/derivativeTransaction[1]/conversionOrExercisePrice/value``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Callable

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import LimitExceeded, ParseError, UnsafeInput
from ..model import Evidence, Footnote, Owner, Record, Row, Signature
from ..normalize import parse_bool_flag, parse_date, parse_number

MAX_DEPTH = 64  # a real ownershipDocument is at most 6 levels deep

DOCUMENT_TYPES = frozenset({"3", "4", "5", "3/A", "4/A", "5/A"})
ROOT = "/ownershipDocument"


class NestingTooDeep(LimitExceeded, UnsafeInput):
    """Elements nested deeper than MAX_DEPTH: a depth bound (and a hostile construct)."""

    kind = "limit_exceeded"


# ---------------------------------------------------------------- safe parsing

class _Deep(Exception):
    """Raised inside the expat callback; turned into NestingTooDeep by ``load``."""


# Inputs above this size are parsed with a depth count in the callbacks, which stops a
# deeply nested document before its tree grows; smaller ones are parsed at C speed and
# their depth checked on the finished tree.
_COUNTED_ABOVE = 1_000_000


class _SafeParser(DefusedXMLParser):
    """defusedxml's parser: DTDs, entity declarations and external references are
    refused by its expat handlers.  For speed the element callbacks go straight to the
    C TreeBuilder instead of through Python (tags then keep expat's ``ns}local`` form,
    which ``load`` strips)."""

    def __init__(self) -> None:
        builder = ET.TreeBuilder()
        super().__init__(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        expat = self.parser
        expat.ordered_attributes = 0  # attributes as a dict, as TreeBuilder.start takes them
        expat.StartElementHandler = builder.start
        expat.EndElementHandler = builder.end


class _CountingParser(DefusedXMLParser):
    """defusedxml's parser that counts element depth in Python callbacks and stops as
    soon as it exceeds MAX_DEPTH (used for large inputs)."""

    def __init__(self) -> None:
        super().__init__(target=ET.TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self._depth = 0

    def _start(self, tag, attr_list):  # type: ignore[override]
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Deep()
        return DefusedXMLParser._start(self, tag, attr_list)

    def _end(self, tag):  # type: ignore[override]
        self._depth -= 1
        return DefusedXMLParser._end(self, tag)


def load(text: str, source: str = "<xml>") -> ET.Element:
    """The ``ownershipDocument`` root element of ``text``, parsed safely.

    Raises UnsafeInput (DTD, entity declarations, external references),
    NestingTooDeep (a LimitExceeded) and ParseError (malformed, truncated, or not an
    ownershipDocument).  Messages name the problem, never the document's content.
    """
    text = text.lstrip("\ufeff \t\r\n")
    error: Exception | None = None
    try:
        parser = _parser_for(text)
        parser.feed(text)
        root = parser.close()
        if _too_deep(root):
            raise _Deep()
    except DTDForbidden:
        error = UnsafeInput(source, "XML document type declaration (DTD) refused: it can define entity bombs or external references")
    except EntitiesForbidden:
        error = UnsafeInput(source, "XML entity declaration refused: entity expansion is not allowed")
    except ExternalReferenceForbidden:
        error = UnsafeInput(source, "XML external reference refused: external entities are not loaded")
    except _Deep:
        error = NestingTooDeep(source, f"XML elements nested deeper than {MAX_DEPTH} levels: refused")
    except ET.ParseError as exc:
        error = ParseError(source, f"malformed XML ({_expat_reason(exc)})")
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        error = ParseError(source, f"unreadable XML ({type(exc).__name__})")
    if error is not None:
        raise error from None  # no chained traceback carrying the document
    if "}" in root.tag:
        _strip_namespaces(root)
    if root.tag != "ownershipDocument":
        raise ParseError(source, f"XML root element is <{root.tag[:40]}>, not <ownershipDocument>")
    return root


def _parser_for(text: str):
    """The parser for ``text``: defusedxml's guarded parser whenever the text could hold a
    document type declaration, else the C parser (three times faster: most filings).

    Entity declarations and external references can only come from a DTD, and a DTD
    only from ``<!DOCTYPE`` (XML is case-sensitive; the C parser reads a ``str`` as
    UTF-8 whatever encoding the text declares, so no encoding hides it from this
    test).  Text that holds ``<!DOCTYPE`` or ``<!ENTITY`` anywhere (even in a comment)
    goes to defusedxml, which refuses the declaration with its own error."""
    if len(text) > _COUNTED_ABOVE:
        return _CountingParser()
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return _SafeParser()
    return ET.XMLParser()


def _too_deep(root: ET.Element) -> bool:
    """Breadth-first, level by level: no recursion, stops at MAX_DEPTH + 1."""
    level = [root]
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return True
        level = [child for element in level for child in element]
        depth += 1
    return False


def _expat_reason(exc: ET.ParseError) -> str:
    """expat's message is 'reason: line L, column C' and holds no content; keep it short."""
    return str(exc).splitlines()[0][:120] if str(exc) else "syntax error"


def _strip_namespaces(root: ET.Element) -> None:
    """``urn:x}tag`` (expat's namespaced name) or ``{urn:x}tag`` -> ``tag``."""
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rpartition("}")[2]


# ---------------------------------------------------------------- small readers

def _text(element: ET.Element | None) -> str | None:
    """An element's own text, stripped; None when empty."""
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


def footnote_id(raw: str | None) -> str | None:
    """``"F1"`` -> ``"1"``; ``"F01"`` -> ``"1"``; other ids kept as written."""
    if not raw:
        return None
    raw = raw.strip()
    body = raw[1:] if raw[:1] in "Ff" and len(raw) > 1 else raw
    return str(int(body)) if body.isdigit() else body or None


def _as_date(raw: str) -> date | None:
    if len(raw) >= 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return date.fromisoformat(raw[:10])  # ISO, optionally with a zone suffix
        except ValueError:
            pass
    return parse_date(raw)


def _as_number(raw: str) -> Decimal | None:
    """XML numbers are plain decimals ("62500", "4.96", "1.5E3"); "$1,000" and the like
    go through ``normalize.parse_number``."""
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return parse_number(raw)
    # No NaN/Infinity, and no "1E999999" whose int() would take seconds downstream.
    return value if value.is_finite() and -30 < value.adjusted() < 30 else None


def _as_text(raw: str) -> str | None:
    """Whitespace collapsed (``normalize.clean_text`` without a regex: values are many)."""
    return " ".join(raw.split()) or None


def _as_letter(allowed: str) -> Callable[[str], str | None]:
    def convert(raw: str) -> str | None:
        value = raw.strip().upper()
        return value if len(value) == 1 and value in allowed else None

    return convert


_as_code = _as_letter("ACDEFGHIJKLMOPSUWXZ")
_as_ad = _as_letter("AD")
_as_di = _as_letter("DI")
_as_timeliness = _as_letter("EL")

# ---------------------------------------------------------------- row vocabulary

# Elements holding <value> and/or <footnoteId>, by the container they sit in
# ("" = directly under the row): tag -> (row field, converter).
_VALUE_FIELDS: dict[str, dict[str, tuple[str, Callable]]] = {
    "": {
        "securityTitle": ("security_title", _as_text),
        "conversionOrExercisePrice": ("exercise_price", _as_number),
        "transactionDate": ("transaction_date", _as_date),
        "deemedExecutionDate": ("deemed_execution_date", _as_date),
        "transactionTimeliness": ("transaction_timeliness", _as_timeliness),
        "exerciseDate": ("date_exercisable", _as_date),
        "expirationDate": ("expiration_date", _as_date),
    },
    "transactionAmounts": {
        "transactionShares": ("shares", _as_number),
        "transactionTotalValue": ("total_value", _as_number),
        "transactionPricePerShare": ("price_per_share", _as_number),
        "transactionAcquiredDisposedCode": ("acquired_disposed", _as_ad),
    },
    "postTransactionAmounts": {
        "sharesOwnedFollowingTransaction": ("shares_owned_following", _as_number),
        "valueOwnedFollowingTransaction": ("value_owned_following", _as_number),
    },
    "ownershipNature": {
        "directOrIndirectOwnership": ("direct_indirect", _as_di),
        "natureOfOwnership": ("nature_of_ownership", _as_text),
    },
    "underlyingSecurity": {
        "underlyingSecurityTitle": ("underlying_title", _as_text),
        "underlyingSecurityShares": ("underlying_shares", _as_number),
        "underlyingSecurityValue": ("underlying_value", _as_number),
    },
}

# Elements of <transactionCoding> that carry their text directly (no <value>).
_CODING_FIELDS: dict[str, tuple[str, Callable]] = {
    "transactionCode": ("transaction_code", _as_code),
    "equitySwapInvolved": ("equity_swap", parse_bool_flag),
}

# A <footnoteId> placed on a container rather than on one of its cells: the field it marks.
_CONTAINER_FOOTNOTE_FIELD = {
    "transactionCoding": "transaction_code",
    "transactionAmounts": "shares",
    "postTransactionAmounts": "shares_owned_following",
    "ownershipNature": "direct_indirect",
    "underlyingSecurity": "underlying_title",
}

# Row fields that belong to a transaction; holdings never carry them.
_TRANSACTION_ONLY = frozenset({
    "transaction_date", "deemed_execution_date", "transaction_code", "equity_swap", "voluntary",
    "transaction_timeliness", "shares", "price_per_share", "acquired_disposed", "total_value",
})

_ROW_KINDS = {
    "nonDerivativeTransaction": (False, "transaction"),
    "nonDerivativeHolding": (False, "holding"),
    "derivativeTransaction": (True, "transaction"),
    "derivativeHolding": (True, "holding"),
}

# (row field, converter, path suffix below the row, transaction-only?) per cell element.
_CellSpec = tuple[str, Callable, str, bool]
_TOP_CELLS: dict[str, _CellSpec] = {
    tag: (name, convert, f"/{tag}", name in _TRANSACTION_ONLY)
    for tag, (name, convert) in _VALUE_FIELDS[""].items()
}
_NESTED_CELLS: dict[str, dict[str, _CellSpec]] = {
    container: {
        tag: (name, convert, f"/{container}/{tag}", name in _TRANSACTION_ONLY)
        for tag, (name, convert) in cells.items()
    }
    for container, cells in _VALUE_FIELDS.items()
    if container
}

# ---------------------------------------------------------------- the walk


def parse(text: str, record: Record) -> None:
    """Fill ``record`` from an ownershipDocument.  Raises UnsafeInput/LimitExceeded/ParseError."""
    root = load(text, record.source)
    _read_root(root, record)


def _read_root(root: ET.Element, record: Record) -> None:
    counts: dict[str, int] = {}
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        counts[tag] = index = counts.get(tag, 0) + 1
        handler = _ROOT_HANDLERS.get(tag)
        if handler is not None:
            handler(child, record, index)
    if record.document_type == "unknown":
        record.warn("The XML has no documentType of 3, 4 or 5 (or their amendments).")


def _put_record(record: Record, name: str, value, raw: str, path: str) -> None:
    if value is not None:
        record.put(name, value, Evidence(text=raw, path=path))


def _document_type(element: ET.Element, record: Record, _index: int) -> None:
    raw = _text(element)
    value = raw.upper().replace(" ", "") if raw else None
    if value in DOCUMENT_TYPES:
        record.put("document_type", value, Evidence(text=raw, path=f"{ROOT}/documentType"))
    elif raw:
        record.warn("The XML documentType is not one of 3, 4, 5, 3/A, 4/A, 5/A.")


def _date_field(name: str, tag: str):
    def handler(element: ET.Element, record: Record, _index: int) -> None:
        raw = _text(element)
        if raw:
            value = _as_date(raw)
            if value is None:
                record.warn(f"The XML {tag} is not a date.")
            _put_record(record, name, value, raw, f"{ROOT}/{tag}")

    return handler


def _flag_field(name: str, tag: str):
    def handler(element: ET.Element, record: Record, _index: int) -> None:
        raw = _text(element)
        if raw is None:  # empty element: the box is not stated either way
            return
        _put_record(record, name, parse_bool_flag(raw), raw, f"{ROOT}/{tag}")

    return handler


_ISSUER_FIELDS = {"issuerCik": "cik", "issuerName": "name", "issuerTradingSymbol": "trading_symbol"}


def _issuer(element: ET.Element, record: Record, _index: int) -> None:
    issuer = record.issuer
    for child in element:
        name = _ISSUER_FIELDS.get(child.tag)
        raw = _text(child)
        if name and raw:
            issuer.put(name, _as_text(raw), Evidence(text=raw, path=f"{ROOT}/issuer/{child.tag}"))


_OWNER_ID = {"rptOwnerCik": "cik", "rptOwnerName": "name"}
_OWNER_ADDRESS = {
    "rptOwnerStreet1": "street1",
    "rptOwnerStreet2": "street2",
    "rptOwnerCity": "city",
    "rptOwnerState": "state",
    "rptOwnerZipCode": "zip",
}
_OWNER_FLAGS = {
    "isDirector": "is_director",
    "isOfficer": "is_officer",
    "isTenPercentOwner": "is_ten_percent_owner",
    "isOther": "is_other",
}
_OWNER_TEXTS = {"officerTitle": "officer_title", "otherText": "other_text"}


def _owner(element: ET.Element, record: Record, index: int) -> None:
    owner = Owner()
    relationship = owner.relationship
    for flag in _OWNER_FLAGS.values():
        setattr(relationship, flag, None)  # a flag the XML leaves out is not stated (truth: null)
    base = f"{ROOT}/reportingOwner[{index}]"
    for part in element:
        if part.tag == "reportingOwnerId":
            for child in part:
                name = _OWNER_ID.get(child.tag)
                raw = _text(child)
                if name and raw:
                    owner.put(name, _as_text(raw), Evidence(text=raw, path=f"{base}/reportingOwnerId/{child.tag}"))
        elif part.tag == "reportingOwnerAddress":
            address = owner.address
            for child in part:
                name = _OWNER_ADDRESS.get(child.tag)
                raw = _text(child)
                if name and raw:
                    setattr(address, name, _as_text(raw))
                    owner.evidence[f"address/{name}"] = Evidence(text=raw, path=f"{base}/reportingOwnerAddress/{child.tag}")
        elif part.tag == "reportingOwnerRelationship":
            for child in part:
                raw = _text(child)
                if raw is None:
                    continue
                path = f"{base}/reportingOwnerRelationship/{child.tag}"
                if child.tag in _OWNER_FLAGS:
                    setattr(relationship, _OWNER_FLAGS[child.tag], bool(parse_bool_flag(raw)))
                    owner.evidence[f"relationship/{_OWNER_FLAGS[child.tag]}"] = Evidence(text=raw, path=path)
                elif child.tag in _OWNER_TEXTS:
                    setattr(relationship, _OWNER_TEXTS[child.tag], _as_text(raw))
                    owner.evidence[f"relationship/{_OWNER_TEXTS[child.tag]}"] = Evidence(text=raw, path=path)
    record.reporting_owners.append(owner)


def _table(element: ET.Element, record: Record, _index: int) -> None:
    table = element.tag
    counts: dict[str, int] = {}
    transactions: list[Row] = []
    holdings: list[Row] = []
    for child in element:
        kind = _ROW_KINDS.get(child.tag)
        if kind is None:
            continue
        counts[child.tag] = index = counts.get(child.tag, 0) + 1
        derivative, row_kind = kind
        row = _row(child, derivative, row_kind, f"{ROOT}/{table}/{child.tag}[{index}]", record)
        (transactions if row_kind == "transaction" else holdings).append(row)
    target = record.derivative if table == "derivativeTable" else record.non_derivative
    target.extend(transactions)
    target.extend(holdings)


def _row(element: ET.Element, derivative: bool, kind: str, base: str, record: Record) -> Row:
    row = Row(derivative=derivative, kind=kind)
    holding = kind == "holding"
    for child in element:
        tag = child.tag
        spec = _TOP_CELLS.get(tag)
        if spec is not None:
            _cell(row, child, spec, base, holding, record)
        elif tag in _NESTED_CELLS:
            cells = _NESTED_CELLS[tag]
            for cell in child:
                cell_spec = cells.get(cell.tag)
                if cell_spec is not None:
                    _cell(row, cell, cell_spec, base, holding, record)
                elif cell.tag == "footnoteId":
                    _container_footnote(row, tag, cell, holding)
        elif tag == "transactionCoding" and not holding:
            _coding(row, child, f"{base}/{tag}", record)
    if row.transaction_timeliness == "E":
        row.voluntary = True  # the printed form's V box: reported early, voluntarily
    return row


def _cell(row: Row, element: ET.Element, spec: _CellSpec, base: str, holding: bool, record: Record) -> None:
    """One ``<x><value>..</value><footnoteId id=".."/></x>`` cell (the hot loop)."""
    name, convert, suffix, transaction_only = spec
    if holding and transaction_only:
        return
    raw = None
    path = base + suffix
    for part in element:
        tag = part.tag
        if tag == "value":
            text = part.text
            if text and (text := text.strip()):
                raw = text
                path += "/value"
        elif tag == "footnoteId":
            fid = footnote_id(part.get("id"))
            if fid:
                row.add_footnotes(name, [fid])
    if raw is None and len(element) == 0:
        raw = _text(element)  # lenient: a value written without <value>
    if raw is not None:
        value = convert(raw)
        if value is not None:
            setattr(row, name, value)
            row.evidence[name] = Evidence(raw, None, None, path)
        else:
            _unreadable(record, path, raw)


def _unreadable(record: Record, path: str, raw: str) -> None:
    record.warn(f"{path}: the value {raw[:40]!r} could not be read; left empty.")


def _container_footnote(row: Row, container: str, element: ET.Element, holding: bool) -> None:
    name = _CONTAINER_FOOTNOTE_FIELD.get(container)
    fid = footnote_id(element.get("id"))
    if name and fid and not (holding and name in _TRANSACTION_ONLY):
        row.add_footnotes(name, [fid])


def _coding(row: Row, element: ET.Element, base: str, record: Record) -> None:
    for child in element:
        tag = child.tag
        if tag == "footnoteId":
            fid = footnote_id(child.get("id"))
            if fid:
                row.add_footnotes("transaction_code", [fid])
            continue
        spec = _CODING_FIELDS.get(tag)
        raw = _text(child)
        if spec is None or raw is None:
            continue
        name, convert = spec
        value = convert(raw)
        if value is not None:
            row.put(name, value, Evidence(text=raw, path=f"{base}/{tag}"))
        else:
            _unreadable(record, f"{base}/{tag}", raw)


def _footnotes(element: ET.Element, record: Record, _index: int) -> None:
    index = 0
    for child in element:
        if child.tag != "footnote":
            continue
        index += 1
        fid = footnote_id(child.get("id")) or str(index)
        raw = "".join(child.itertext())
        text = _as_text(raw) or ""
        note = Footnote(id=fid, text=text)
        note.put("text", text, Evidence(text=raw.strip(), path=f"{ROOT}/footnotes/footnote[{index}]"))
        record.footnotes.append(note)


def _remarks(element: ET.Element, record: Record, _index: int) -> None:
    raw = "".join(element.itertext())
    text = _as_text(raw)
    if text:
        record.remarks = f"{record.remarks} {text}" if record.remarks else text
        record.evidence["remarks"] = Evidence(text=raw.strip(), path=f"{ROOT}/remarks")


# Words in a signature line that show someone signed for the reporting person.
ATTORNEY_WORDS = re.compile(
    r"""
    attorney[\s-]*in[\s-]*fact          # "Attorney-in-Fact", "attorney in fact"
    | power\s+of\s+attorney             # "by Power of Attorney"
    | \bP\.?O\.?A\.?(?![A-Za-z])        # "POA", "P.O.A."
    | \bas\s+attorney\b                 # "as attorney"
    | \bfor\b                           # "Jane Doe for John Smith"
    | \bon\s+behalf\s+of\b              # "on behalf of John Smith"
    """,
    re.I | re.X,
)


def _signature(element: ET.Element, record: Record, index: int) -> None:
    base = f"{ROOT}/ownerSignature[{index}]"
    raw_name = _text(element.find("signatureName"))
    raw_date = _text(element.find("signatureDate"))
    name = _as_text(raw_name) if raw_name else None
    if not name:
        if raw_date:
            record.warn(f"Owner signature {index} has a date but no name.")
        return
    signature = Signature(name=name, attorney_in_fact=bool(ATTORNEY_WORDS.search(name)))
    signature.evidence["name"] = Evidence(text=raw_name or "", path=f"{base}/signatureName")
    if raw_date:
        signature.put("date", _as_date(raw_date), Evidence(text=raw_date, path=f"{base}/signatureDate"))
    record.signatures.append(signature)


_ROOT_HANDLERS: dict[str, Callable[[ET.Element, Record, int], None]] = {
    "documentType": _document_type,
    "periodOfReport": _date_field("period_of_report", "periodOfReport"),
    "dateOfOriginalSubmission": _date_field("date_of_original_submission", "dateOfOriginalSubmission"),
    "notSubjectToSection16": _flag_field("not_subject_to_section16", "notSubjectToSection16"),
    "noSecuritiesOwned": _flag_field("no_securities_owned", "noSecuritiesOwned"),
    "aff10b5One": _flag_field("aff10b5one", "aff10b5One"),
    "issuer": _issuer,
    "reportingOwner": _owner,
    "nonDerivativeTable": _table,
    "derivativeTable": _table,
    "footnotes": _footnotes,
    "remarks": _remarks,
    "ownerSignature": _signature,
}
