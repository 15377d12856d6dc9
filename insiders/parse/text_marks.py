"""Checkboxes in forms as text: which boxes a converter printed as checked.

Used by ``text_header`` (the Section 16 and Rule 10b5-1 boxes, Form 3's "no
securities" box) and ``text_owners`` (Director / 10% Owner / Officer / Other).
Converters print a checked box as ``X``, ``[X]``, ``(X)``, ``☒``, ``<input ...
checked>``; an unchecked one as nothing, ``[ ]``, ``☐`` or ``<input ...>``.
Helpers here only read tokens; the callers decide which box a mark belongs to.
"""

from __future__ import annotations

import re

# A checked box, as one token.
CHECKED = r"""(?:
      \[\s*[xX✓✔✗✘]\s*\]          # [X]
    | \(\s*[xX✓✔]\s*\)            # (X)
    | [☒☑✓✔✗✘■⌧]                  # unicode boxes and ticks
    | <input\b[^>]*?\bchecked\b[^>]*>   # html left in markdown
    | (?<![\w/.-])[xX](?![\w/.-])        # a lone X
)"""
UNCHECKED = r"""(?:
      \[\s\]|☐|□|<input\b(?![^>]*\bchecked\b)[^>]*>
)"""
CHECKED_RE = re.compile(CHECKED, re.X)
# Separators that may stand between a box and its words.
SEPARATORS = re.compile(r"[\s|*_\\]*")
# A line that holds only a mark (and separators).
MARK_LINE = re.compile(rf"^[\s|*_>\-]*(?:{CHECKED})[\s|*_]*$", re.X)
_TRAILING_MARK = re.compile(rf"(?:{CHECKED})[\s|*_]*$", re.X)


def is_mark_line(line: str) -> bool:
    return bool(MARK_LINE.match(line))


_LINE_PADDING = re.compile(r"[ \t]+(?=\n)")


def mark_before(text: str, pos: int, window: int = 60, padded: bool = False) -> bool:
    """Whether a checked mark stands right before ``pos`` (only separators between).
    ``padded``: lines are padded with spaces (a re-printed grid), read without them."""
    if padded:
        head = _LINE_PADDING.sub("", text[max(0, pos - 8 * window):pos])[-window:]
    else:
        head = text[max(0, pos - window):pos]
    return bool(_TRAILING_MARK.search(head))
