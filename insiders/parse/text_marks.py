"""Checkboxes in forms as text: which boxes a converter printed as checked.

Used by ``text_header`` (the Section 16 and Rule 10b5-1 boxes, Form 3's "no
securities" box) and ``text_owners`` (Director / 10% Owner / Officer / Other).
Converters print a checked box as ``X``, ``[X]``, ``(X)``, ``☒``, ``<input ...
checked>``; an unchecked one as nothing, ``[ ]``, ``☐`` or ``<input ...>``.
Helpers here only read tokens; the callers decide which box a mark belongs to.
The relationship box's own words live here too: its options (``options``) and the
words and marks that are no officer title (``drop_box_words``); and, for plain
pdftotext (cells one per line, scrambled; text_scatter reads the cells' shapes), the
box's marks by where they land in the reading order and its title.
"""

from __future__ import annotations

import re

from . import text_scatter as S

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


# ---------------------------------------------------------------- plain pdftotext: the box's marks
#
# Plain pdftotext prints each cell on its own, in the order of a topological sort of the
# page's text blocks (a block after the blocks above it that overlap it horizontally and
# after those wholly to its left, each block's box widened over the blank space around
# it, blocks visited from the left edge rightwards).  The relationship box is a 2x2 grid,
# each option with its mark cell on its left:  [X] Director  [X] 10% Owner  /  [X]
# Officer  [X] Other.  A mark on the same line as an option's word stands left of it on
# that line: that option's.  A mark alone on its line is printed before one of the
# blocks it precedes -- its own option, the block on its left, the cells below it -- so
# where it lands says less.  Two readings are used:
#
# * ``more_marks`` / ``unattributed`` (below): a mark right before an option, two marks
#   before an option (its row's two marks), a mark glued to the n-th "below)"; options
#   a box's marks cannot settle are unknown;
# * ``lone_mark``: a box whose only mark is a lone one and that prints no title.  Rendered
#   pages of the form with each box checked in turn show where that mark lands: before a
#   cell of another box (the block on its left) -> Director's (the left-column marks are
#   Director's and Officer's, and an Officer is checked with a title); before "Director"
#   -> 10% Owner's when the options were read a column at a time (the 10% Owner mark
#   bounds 10% Owner's widened box, which then no longer reaches Officer's, so Director and
#   Officer are read together), Director's when read across ("Director" then "10%
#   Owner"); before "Other" -> Other's.  These are judgements (inferred).
# * ``late_box``: the joint filers' boxes printed after the tables, each option on one
#   line: a lone mark before "Director", "10% Owner" or "Other" is that option's; before
#   "Officer (give title below)" -- wide enough to lie under 10% Owner's mark -- it is
#   Officer's, Other's or 10% Owner's, and with no title printed 10% Owner's.  Judgements
#   too (inferred).


_BELOW_MARK = re.compile(r"(?m)^[ \t]*[xX][ \t]+below\)[ \t]*$")
_OPENER = re.compile(r"\((?P<officer>give(?:\s+title)?)|\((?P<other>specify)", re.I)
_BELOW = re.compile(r"(?m)^[ \t]*(?:[xX][ \t]+)?(?:title[ \t]+)?below\)[ \t]*$", re.I)
_PARTNER = {"director": "ten", "ten": "director", "officer": "other", "other": "officer"}
_TWO_MARKS = re.compile(r"(?:^|\n)[ \t]*[xX][ \t]*\n\s*[xX][ \t]*\n\s*$")


def more_marks(body: str, seen: dict) -> set[str]:
    """Options checked by marks the flow reading cannot pin to a word: two marks in a
    row before an option (its row-mate is checked too: the box's two columns were
    read across), and a mark before the "below)" that closes an option's "(give
    title" / "(specify" (the n-th "below)" closes the n-th opener)."""
    out: set[str] = set()
    for kind, m in seen.items():
        if _TWO_MARKS.search(body, max(0, m.start() - 40), m.start()):
            out.add(_PARTNER[kind])
    for mark in _BELOW_MARK.finditer(body):
        openers = [o.lastgroup for o in _OPENER.finditer(body, 0, mark.start())]
        index = sum(1 for _b in _BELOW.finditer(body, 0, mark.start()))
        if index < len(openers):
            out.add(openers[index])
    return out


# A mark alone on its line, and one that checks the filing box ("X" / "Form filed by ...").
_MARK_ALONE = re.compile(r"(?m)^[ \t]*[xX][ \t]*$")
_FILING_MARK = re.compile(r"(?m)^[ \t]*[xX][ \t]*\n\s*Form\s+filed\s+by")
# An option with the option of its column right below it ("Director" / "Officer (give
# title below)"): the box was read a column at a time.
_FILING_LABEL = re.compile(r"Individual\s+or\s+Joint", re.I)
_COLUMN_NEXT = {"director": "officer", "ten": "other"}


def unattributed(body: str, seen: dict, marked: set[str]) -> set[str]:
    """The options whose state the marks of a scattered box leave unknown.

    * no option marked: the box's marks (if any) stand elsewhere in the scrambled
      order, so every option is unknown;
    * more lone marks than marked options (the filing box's mark aside): a mark
      belongs to an option not found, so every unmarked option is unknown;
    * one mark before "Director" read a column at a time (Officer right below it)
      and neither 10% Owner nor Other marked: the 10% box stands between the two columns, its mark
      read before the left column as well, so Director and 10% Owner are unknown.
    """
    options = ("director", "ten", "officer", "other")
    if not marked:
        return set(options)
    # one mark checks the filing box (it may stand anywhere once its label is in the window)
    filing = max(len(_FILING_MARK.findall(body)), 1 if _FILING_LABEL.search(body) else 0)
    marks = len(_MARK_ALONE.findall(body)) - filing
    marks += len(_BELOW_MARK.findall(body))
    unknown: set[str] = set()
    if marks > len(marked):
        unknown |= {k for k in options if k not in marked}
    director = seen.get("director")
    # (when Other is marked, the right column's marks were read within it: no doubt)
    if director is not None and "director" in marked and not marked & {"ten", "other"}:
        after = [m for m in seen.values() if m.start() > director.start()]
        nxt = min(after, key=lambda m: m.start()) if after else None
        two = _TWO_MARKS.search(body, max(0, director.start() - 40), director.start())
        if nxt is not None and nxt.lastgroup == _COLUMN_NEXT["director"] and not two \
                and body[director.end():nxt.start()].strip() == "":
            unknown |= {"director", "ten"}
    return unknown


_LINE_KIND = re.compile(
    r"""^(?:(?P<director>Director\b)|(?P<ten>10\s*%)|(?P<officer>Officer\b|\(\s*give\b)|(?P<other>Other\b|\(\s*specify\b)
        |(?P<piece>below\)|title\s+below\)|Owner$)|(?P<label>(?:\d\.\s*)?Relationship\s+of|\(Check\s+all|Person\(s\))
        |(?P<filing>Form\s+filed\s+by|filed\s+by\s+More|X\s+Form\b)|(?P<individual>(?:\d\.\s*)?Individual\s+or\s+Joint))""",
    re.I | re.X)
# A mark on the same line as an option's word, left of it.
_GLUED = re.compile(r"(?:^|(?<=[ \t]))[xX][ \t]+(?:Director\b|10[ \t]*%|Officer\b|\([ \t]*give\b|Other\b|\([ \t]*specify\b"
                    r"|(?:title[ \t]+)?below\))", re.I | re.M)
# Text printed at the form's top, around its Section 16 / 10b5-1 boxes (their marks are no
# relationship marks).
_TOP_OF_FORM = re.compile(
    r"""^(?:Washington,\s+D\.C\.|OMB\b|Estimated\s+average|hours\s+per|response|\d+(?:\.\d+)?$|\d{4}-?\d{4}$
        |UNITED\s+STATES|COMMISSION|STATEMENT\s+OF|(?:SEC\s+)?FORM\s+\d|Check\s+this\s+box|Section\s+16
        |obligations|Instruction\s+1|(?:to\s+)?Section\s+16|Filed\s+pursuant|or\s+Section\s+30|ANNUAL\s+STATEMENT
        |INITIAL\s+STATEMENT|OWNERSHIP|SECURITIES$|transaction\s+was|contract,|the\s+purchase|of\s+the\s+issuer
        |intended\s+to|defense\s+conditions|Rule\s+10b5)""", re.I | re.X)
_ALL = ("director", "ten", "officer", "other")


def _kind(line: str) -> str:
    """What a stripped line is: an option's ("director" ...), its wrapped piece, the
    box's label, the filing box's, the form's top text ("top"), or another cell."""
    if line[:1] in "xX" and line[1:2].isspace() and not line[1:].lstrip().startswith("Form"):
        line = line[1:].lstrip()  # a mark glued before the line's words
    m = _LINE_KIND.match(line)
    return m.lastgroup if m else ("top" if _TOP_OF_FORM.match(line) else "cell")


def _paragraphs(body: str) -> list[list[str]]:
    """The body's paragraphs (blank lines apart), each as its stripped lines."""
    out: list[list[str]] = [[]]
    for line in body.split("\n"):
        line = line.strip(" \t\f")
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


class LoneMarks:
    """A box's marks: ``glued`` (on an option's line), and per run of lone marks (the
    filing box's and the form's top boxes' left out) the kind of line after it.  Only
    the lines around a mark are classified."""

    __slots__ = ("glued", "runs")

    def __init__(self, body: str) -> None:
        lines = [line.strip(" \t\f") for line in body.split("\n")]
        self.glued = sum(len(_GLUED.findall(line)) for line in lines  # (a look first: the regex costs more)
                         if line[1:2] in (" ", "\t") and line[:1] in "xX" or " X " in line or " x " in line)
        self.runs: list[tuple[int, str | None]] = []
        n = len(lines)
        i = 0
        while i < n:
            if lines[i] not in ("x", "X"):
                i += 1
                continue
            first, count = i, 0
            while i < n and lines[i] in ("x", "X", ""):  # a run: marks, blank lines between
                count += lines[i] != ""
                i += 1
            kind = _run_kind(_paragraph_kinds(lines, first - 1, -1), _paragraph_kinds(lines, i, 1),
                             _kind(lines[i]) if i < n else None)
            if kind == "filing":
                count -= 1
            if count and kind != "top":
                self.runs.append((count, kind))


def _paragraph_kinds(lines: list[str], k: int, step: int) -> set[str]:
    """The kinds of the lines of the paragraph met from line ``k`` going by ``step``
    (blank lines before it skipped)."""
    while 0 <= k < len(lines) and not lines[k]:
        k += step
    out = set()
    while 0 <= k < len(lines) and lines[k] and lines[k] not in ("x", "X"):
        out.add(_kind(lines[k]))
        k += step
    return out


def _run_kind(prev: set[str], nxt: set[str], first: str | None) -> str | None:
    """What the line after a run of lone marks says: the filing box's mark (its line or
    label next to it), a top box's (printed form text on both sides), or the kind of line."""
    if "filing" in nxt or "individual" in prev or "filing" in prev:
        return "filing"
    if first == "top" and "top" in prev:
        return "top"
    return first


def lone_mark(body: str, title: bool) -> str | None:
    """The option a header box's single lone mark checks (a judgement, see the notes
    above); None when the box has other marks, a title, or the mark's place says nothing."""
    marks = LoneMarks(body)
    if title or marks.glued or len(marks.runs) != 1 or marks.runs[0][0] != 1:
        return None
    kind = marks.runs[0][1]
    if kind == "cell":
        return "director"
    if kind == "other":
        return "other"
    if kind == "director":
        return {"columns": "ten", "across": "director"}.get(_reading(_paragraphs(body)))
    return None


def late_box(body: str, title: bool) -> dict[str, bool | None] | None:
    """A joint filer's later box with one lone mark and no other: the options' states
    (a judgement, see the notes above); None when its marks say nothing."""
    marks = LoneMarks(body)
    if marks.glued or len(marks.runs) != 1 or marks.runs[0][0] != 1:
        return None
    kind = marks.runs[0][1]
    if kind == "officer":
        if title:
            return None
        kind = "ten"
    if kind not in _ALL:
        return None
    return {k: k == kind for k in _ALL}


def _reading(paras: list[list[str]]) -> str | None:
    """How the box's options were read: "columns" (Director and Officer in one paragraph,
    or 10% Owner and Other), "across" (Director alone, then 10% Owner alone), else None."""
    kinds = [[_kind(line) for line in p] for p in paras]
    for i, k in enumerate(kinds):
        if "director" in k:
            if "officer" in k:
                return "columns"
            if k == ["director"] and i + 1 < len(kinds) and kinds[i + 1] == ["ten"]:
                return "across"
            break
    for k in kinds:
        if "ten" in k:
            return "columns" if "other" in k else None
    return None


# ---------------------------------------------------------------- the relationship box's title

# Words of the relationship box itself (never a title).
_OPTION_WORDS = re.compile(
    r"^(?:[xX]\s+)?(?:Director|10\s*%(?:\s*Owner)?|Owner|Officer(?:\s*\(\s*give(?:\s+title)?(?:\s+below\))?)?"
    r"|Other(?:\s*\(\s*specify(?:\s+below\))?)?|\(\s*give(?:\s+title)?|\(\s*specify|(?:title\s+)?below\))$", re.I)


def title(doc: S.Doc, start: int, end: int, window_start: int | None = None,
          avoid: str | None = None) -> tuple[str, int, int] | None:
    """An officer's title / other text: the first paragraph after the options that is
    not another cell (anchor, label, capitals-only address, form text, issuer); else
    the first such paragraph before them (from ``window_start``)."""
    found = _title_between(doc, doc.line_of(start) + 1, doc.line_of(end) if end > start else doc.line_of(start) + 1,
                           avoid)
    if found is None and window_start is not None:
        found = _title_between(doc, doc.line_of(window_start) + 1, doc.line_of(start) - 1, avoid)
    return found


def _title_between(doc: S.Doc, n: int, last: int, avoid: str | None) -> tuple[str, int, int] | None:
    while n <= last and n < doc.nlines:
        group = S.paragraph_of(doc, n)
        if not group:
            n += 1
            continue
        values = [S.value_line(doc, k) for k in group]
        options = [v for v in values if v is not None and _OPTION_WORDS.match(v)]
        if (all(v is not None and v != avoid for v in values) and len(options) <= 1
                and not _OPTION_WORDS.match(values[0] or "")  # a title may end in "Officer", the box starts so
                and any(c.islower() for v in values for c in v) and group[0] >= n and group[-1] <= last):
            return S.joined_lines(doc, group)
        n = group[-1] + 1
    return None


def late_title(doc: S.Doc, start: int, end: int) -> tuple[str, int, int] | None:
    """A joint filer's later box: the title is the paragraph right after the option
    it is printed under ("Officer (give title below)", "Other (specify below)"; lone
    marks between) -- the cells the table reader leaves to the owners
    (``table_cells_among_owners``); any other paragraph may be a table's cell."""
    paras = S.paragraphs_between(doc.text, start, end)
    for i, (_at, lines) in enumerate(paras):
        if not S.TITLED.search(lines[-1][1].strip()) or not S.OWNER_LINE.match(lines[-1][1].strip()):
            continue
        for _at2, nxt in paras[i + 1:]:
            bodies = [line.strip() for _s, line in nxt]
            if all(S.MARK_ONLY.match(b) for b in bodies):
                continue
            if not S.late_title_cell(bodies):
                break
            first, last = nxt[0], nxt[-1]
            lead = len(first[1]) - len(first[1].lstrip())
            return " ".join(bodies), first[0] + lead, last[0] + len(last[1].rstrip())
    return None


def option_above_at(doc: S.Doc, base: int, seen: dict, start: int) -> str | None:
    """``officer`` / ``other`` when the paragraph right above the title (only blank
    lines between) is that option's "(give title below)" / "(specify below)"; ``seen``
    holds the options' matches in the text from ``base``."""
    k = doc.line_of(start) - 1
    while k >= 0 and S.is_blank(doc, k):
        k -= 1
    for kind in ("officer", "other"):
        m = seen.get(kind)
        if m is not None and doc.line_of(base + m.end() - 1) == k:
            return kind
    return None
