"""A Form 3, 4 or 5 as text from any converter: the orchestrator.

Called by ``insiders.pipeline.parse_text`` for text that ``insiders.detect`` calls a
form.  It reads the layout once (``text_regions.Doc``: lines, labels, grid /
fixed-width / flow) and hands it to the readers of each part:

* ``text_header``  form type and amendment, period of report, issuer, top boxes;
* ``text_owners``  reporting owners: name, address, relationship (joint filers too);
* ``text_tables``  Table I and Table II rows (a colleague's module);
* ``text_notes``   footnotes, remarks, signatures;
* ``text_scatter`` plain pdftotext (cells one per line, scrambled): values by shape.

Views (``text_views``: gfm raw HTML, pandoc grid markdown) are built once in
``Doc``; labels are found in one pass; per-line pieces and other per-document
results are cached on the ``Doc``.

Values keep ``Evidence`` with offsets into ``text`` as given; nothing is
re-normalised in place.  What cannot be read becomes a warning, never a guess.
"""

from __future__ import annotations

from ..model import Record
from . import text_header, text_notes, text_owners
from .text_regions import Doc

try:  # Table I / II rows: written alongside this module
    from .text_tables import parse_tables
except ImportError:  # pragma: no cover - until text_tables exists
    parse_tables = None


def parse(text: str, record: Record) -> None:
    """Fill ``record`` (everything a text form states) from ``text``."""
    doc = Doc(text)
    refs = text_header.references(text)
    text_header.parse(doc, record, refs)
    text_owners.parse(doc, record, refs)
    text_notes.parse(doc, record)
    if parse_tables is not None:
        try:
            parse_tables(text, record.document_type[:1], record)
        except Exception as exc:  # a table reader must not lose the rest of the record
            record.warn(f"Tables could not be read: {exc.__class__.__name__}: {exc}")
    else:
        record.warn("Tables not read: the table reader is not installed.")
