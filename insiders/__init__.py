"""insiders: SEC Forms 3, 4 and 5 (and what travels with them) into clean data.

The library is the product; the CLI (``insiders.cli``) is a thin shell over it::

    import insiders
    records = insiders.extract("samples/")            # a file, folder, archive, or text
    record = insiders.extract_text(text, source="form4.txt")
    record.to_dict()                                   # the shape of SCHEMA.md

Stages, one module each: ``read`` -> ``detect`` -> ``parse`` -> ``normalize``
-> ``model`` -> ``emit``.  Heavy modules are imported lazily so that
``insiders --version`` starts fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import (
    DecodeError,
    InsidersError,
    LimitExceeded,
    ParseError,
    ReadError,
    UnrecognisedDocument,
    UnsafeInput,
)

if TYPE_CHECKING:
    from .model import Record, Vesting

__version__ = "0.1.0"

__all__ = [
    "extract",
    "extract_text",
    "iter_extract",
    "parse_vesting",
    "InsidersError",
    "ReadError",
    "DecodeError",
    "LimitExceeded",
    "UnsafeInput",
    "ParseError",
    "UnrecognisedDocument",
    "__version__",
]


def extract_text(text: str, source: str = "<text>") -> "Record":
    """Read one document given as text.  Raises InsidersError only for unreadable input."""
    from .pipeline import extract_document
    from .read import Document

    return extract_document(Document.from_text(text, source))


def iter_extract(paths: Iterable[str | os.PathLike], **read_options) -> Iterator["Record | InsidersError"]:
    """Every document under ``paths``, in order: a Record, or the error that stopped it.

    Streaming: nothing is held beyond the current document.
    """
    from .pipeline import extract_document
    from .read import iter_documents

    for item in iter_documents([os.fspath(p) for p in paths], **read_options):
        if isinstance(item, InsidersError):
            yield item
            continue
        try:
            yield extract_document(item)
        except InsidersError as exc:
            yield exc


def extract(path_or_text: str | os.PathLike, **read_options) -> list["Record"]:
    """Records from a path (file, folder, archive) or, failing that, from the text itself.

    Raises the first InsidersError met; use ``iter_extract`` to carry on past errors.
    """
    if _is_path(path_or_text):
        records = []
        for item in iter_extract([path_or_text], **read_options):
            if isinstance(item, InsidersError):
                raise item
            records.append(item)
        return records
    return [extract_text(str(path_or_text))]


def parse_vesting(text: str, *, grant_date=None, shares=None) -> "Vesting | None":
    """The vesting term stated in ``text`` (see ``insiders.vesting``), or None."""
    from .vesting import parse_vesting as _parse_vesting

    return _parse_vesting(text, grant_date=grant_date, shares=shares)


def _is_path(value: str | os.PathLike) -> bool:
    if isinstance(value, Path):
        return True
    text = os.fspath(value)
    if "\n" in text or len(text) > 4096:
        return False
    return text == "-" or os.path.exists(text)
