"""The pipeline for one document: detect -> parse -> normalize -> check.

``extract_document`` is the single place where the stages meet; the library API
(``insiders.extract``), the batch runner and the CLI all go through it.  It
raises only ``InsidersError``s (the document could not be read); everything a
parser merely could not find becomes a ``warning`` on the record instead.
"""

from __future__ import annotations

import importlib

from . import detect
from .errors import InsidersError, ParseError
from .model import Record
from .read import Document


def _module(name: str):
    """``insiders.<name>``, imported at its first use: a worker that never meets an input
    format never pays for its parser.  (Kept here once imported: an ``import`` statement
    inside a function costs a few microseconds at every call.)"""
    module = _MODULES.get(name)
    if module is None:
        module = _MODULES[name] = importlib.import_module(f".{name}", __package__)
    return module


_MODULES: dict[str, object] = {}


def extract_document(doc: Document) -> Record:
    """One document to one record.  Raises InsidersError for unreadable input."""
    text = doc.text  # DecodeError for binary content
    record = Record(source=doc.source, input_format=detect.input_format(text), text=text)
    try:
        parse_into(text, record)
        finish(record)
    except InsidersError:
        raise
    except RecursionError as exc:
        raise ParseError(doc.source, "structure nested too deeply to read") from exc
    return record


def parse_into(text: str, record: Record) -> None:
    """Fill ``record`` from ``text`` with the parser its input format calls for."""
    fmt = record.input_format
    if fmt == "xml":
        _module("parse.xml_form").parse(text, record)
    elif fmt == "edgar_submission":
        _module("parse.submission").parse(text, record)
    elif fmt == "html":
        _module("parse.html_form").parse(text, record)
    else:
        parse_text(text, record)


def parse_text(text: str, record: Record) -> None:
    """Text of any origin: a form, a press release, a power of attorney."""
    kind = detect.document_kind(text)
    if kind == "form":
        ascii_form = _module("parse.ascii_form")
        if ascii_form.looks_like(text):
            ascii_form.parse(text, record)
        else:
            _module("parse.text_form").parse(text, record)
        record.powers_of_attorney.extend(_module("parse.power_of_attorney").find_all(text, record))
    elif kind == "press_release":
        _module("parse.press_release").parse(text, record)
    elif kind == "power_of_attorney":
        record.document_type = "power_of_attorney"
        record.powers_of_attorney.extend(_module("parse.power_of_attorney").find_all(text, record))
    else:
        record.document_type = "unknown"
        record.warn("Not a recognised document: no Form 3/4/5 title, press-release dateline or power of attorney found.")


def finish(record: Record) -> None:
    """Stages after parsing: owner names, vesting terms, consistency warnings."""
    if record.reporting_owners:
        fill_owner_names = _module("names").fill_owner_names
        for owner in record.reporting_owners:
            fill_owner_names(owner)
    if record.is_form:
        vesting_link = _module("vesting_link")
        if vesting_link.may_state_vesting(record):  # (else ``vesting`` is not even imported)
            vesting_link.attach(record)
        _module("checks").run(record)
