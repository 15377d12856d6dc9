"""The small family of errors `insiders` raises for a document it cannot read.

Every error carries the source it concerns; ``str(error)`` is one line that
names the file and the reason, which is what the CLI prints and what
``--errors FILE`` records.  Nothing else escapes the library for bad input.
"""

from __future__ import annotations


class InsidersError(Exception):
    """Base class: a document could not be read or understood."""

    kind = "error"

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def to_dict(self) -> dict:
        return {"path": self.source, "error": self.kind, "message": self.reason}


class ReadError(InsidersError):
    """The bytes could not be read: missing, unreadable, not a regular file."""

    kind = "read_error"


class DecodeError(InsidersError):
    """The bytes are not text in any encoding we accept (binary, PDF, image)."""

    kind = "decode_error"


class LimitExceeded(InsidersError):
    """A size, depth, or time bound was exceeded (large file, archive bomb, slow regex)."""

    kind = "limit_exceeded"


class UnsafeInput(InsidersError):
    """The input tried something hostile: entity expansion, external entities, path escapes."""

    kind = "unsafe_input"


class ParseError(InsidersError):
    """The document was recognised but is malformed (truncated XML, broken structure)."""

    kind = "parse_error"


class UnrecognisedDocument(InsidersError):
    """The text is readable but not a document type we know."""

    kind = "unrecognised"
