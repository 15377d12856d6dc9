"""Checkboxes in forms as text: which boxes a converter printed as checked.

Used by ``text_header`` (the Section 16 and Rule 10b5-1 boxes, Form 3's "no
securities" box) and ``text_owners`` (Director / 10% Owner / Officer / Other).
Converters print a checked box as ``X``, ``[X]``, ``(X)``, ``☒``, ``<input ...
checked>``; an unchecked one as nothing, ``[ ]``, ``☐`` or ``<input ...>``.
Helpers here only read tokens; the callers decide which box a mark belongs to.
The relationship box's own words live here too: its options (``options``) and the
words and marks that are no officer title (``drop_box_words``).
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


# The characters a checked mark (CHECKED) ends with; for a bracketed mark, the one it
# opens with (nothing but blanks and the mark between them).
_MARK_ENDS = frozenset("])>xX☒☑✓✔✗✘■⌧")
_OPENERS = {"]": "[", ")": "("}


def _solid(text: str) -> str:
    """``text`` without the separators (blanks, ``|*_``) at its end."""
    core = text.rstrip()
    while core and core[-1] in "|*_":
        core = core[:-1].rstrip()
    return core


def _mark_start(core: str) -> int:
    """Where a mark ending ``core`` can start at the earliest: at its opening bracket,
    after the ``>`` before an html tag's own, or at its last character."""
    last = core[-1:]
    if last in _OPENERS:
        return max(0, core.rfind(_OPENERS[last]))
    if last == ">":
        return core.rfind(">", 0, len(core) - 1) + 1
    return max(0, len(core) - 1)


def mark_before(text: str, pos: int, window: int = 60, padded: bool = False) -> bool:
    """Whether a checked mark stands right before ``pos`` (only separators between).
    ``padded``: lines are padded with spaces (a re-printed grid), read without them."""
    # A mark must end the window but for separators (dropping padding keeps its last
    # other character): when that character cannot end a mark, no regex is needed; else
    # the regex is tried only from where such a mark could start, not at every character.
    if _solid(text[max(0, pos - (8 * window if padded else window)):pos])[-1:] not in _MARK_ENDS:
        return False
    if padded:
        head = _LINE_PADDING.sub("", text[max(0, pos - 8 * window):pos])[-window:]
    else:
        head = text[max(0, pos - window):pos]
    return bool(_TRAILING_MARK.search(head, _mark_start(_solid(head))))


# ---------------------------------------------------------------- the relationship box's words

# Options of the relationship box.
_OPTION = re.compile(
    r"""
      (?P<director>\bDirector\b)
    | (?P<ten>\b10\s*%(?:\s*Owner)?)
    | (?P<officer>\bOfficer\b(?:\s*\(\s*give\s+title(?:\s+below\s*\)?)?)?)
    | (?P<other>\bOther\b(?:\s*\(\s*specify(?:\s+below\s*\)?)?)?)
    """,
    re.X | re.I,
)
# The same options over the lowered text, each branch led by its first letter (the
# regex engine then skips to the next d / 1 / o); an empty group names the option.
_OPTION_LOW = re.compile(
    r"""
      d(?<=\bd)irector\b(?P<director>)
    | 1(?<=\b1)0\s*%(?:\s*owner)?(?P<ten>)
    | o(?<=\bo)fficer\b(?:\s*\(\s*give\s+title(?:\s+below\s*\)?)?)?(?P<officer>)
    | o(?<=\bo)ther\b(?:\s*\(\s*specify(?:\s+below\s*\)?)?)?(?P<other>)
    """,
    re.X,
)


def options(body: str) -> list[re.Match]:
    """The relationship options in ``body`` (``m.lastgroup`` names each)."""
    low = body.lower()
    if len(low) != len(body):  # a character changed length when lowered
        return list(_OPTION.finditer(body))
    return list(_OPTION_LOW.finditer(low))


# Words of the box that are not a title: wrapped option words, instructions, marks.
_BOX_WORDS = re.compile(
    r"\(?\s*Check\s+all\s+applicable\s*\)?|\(?\s*give\s+title\s*(?:below)?\s*\)?|\(?\s*specify\s*(?:below)?\s*\)?"
    r"|(?<!\w)below\s*\)|^\s*Owner\s*$|\bPerson\(s\)\s+to\s+Issuer"
    r"|\(\s*give\b|^\s*title(?=\s{2,}|\s*$)|\btitle\s+below\s*\)?|" + CHECKED + "|" + UNCHECKED,
    re.I | re.X,
)
# What every match of _BOX_WORDS holds, lowered (the marks' other characters are not ASCII).
_BOX_WORD_CUES = ("check", "give", "specify", "below", "owner", "person(s)", "title", "x", "[", "<input")


def drop_box_words(text: str) -> str:
    """``text`` with the box's own words and marks blanked out (_BOX_WORDS).  ASCII text
    holding none of their cues is returned as is: the regex, tried at every character,
    costs far more than the looks."""
    if not text:
        return text
    if text.isascii():
        low = text.lower()
        if not any(cue in low for cue in _BOX_WORD_CUES):
            return text
    return _BOX_WORDS.sub(" ", text)
