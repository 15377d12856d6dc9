"""Regions of a form as text: lines, box labels, columns and clean values with offsets.

Used by ``text_form`` (the orchestrator) and its ``text_header``, ``text_owners``
and ``text_notes`` readers (Tables I/II have their own ``text_layout``).
Converters lay a form's header out in three ways, told apart from the text
itself (never the file name):

* ``grid``   pandoc grid tables: ``+----+`` borders, cells between ``|`` aligned;
* ``layout`` fixed width (pdftotext -layout, lynx, w3m, pandoc plain): x positions
  mean columns, columns are separated by two or more spaces;
* ``flow``   markdown / html2text / tab-separated / plain pdftotext: cells follow
  one another in reading order, separated by ``|`` or tabs.

Everything keeps offsets into the original text: a ``Stream`` is a list of
``(offset, text)`` pieces read in order, and ``Stream.join`` gives a string plus a
map back to the original offsets, so values keep their ``Evidence``.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from operator import attrgetter, methodcaller
from dataclasses import dataclass

from ..model import Evidence
from .text_views import OffsetMap, view_of

# ---------------------------------------------------------------- labels of the form's boxes

# Each label: name -> (anchor word, regex from the anchor on).  The numbering differs
# between Forms 3, 4 and 5, so labels are anchored on their words; the box number
# and a leading "If" are taken in afterwards (``_BACK``).  Finding the anchor words
# with ``str.find`` first keeps the scan linear and fast on wide, space-padded text.
_W = r"[ \t*_]*(?:\n[ \t*_]*)?"  # between words: spaces, one line break, markdown emphasis
LABEL_PATTERNS = {
    "name": ("name", rf"Name{_W}and{_W}Address{_W}of{_W}Reporting{_W}Person(?:[”“\"’](?!\w))?"),  # OCR: * read as ”
    "issuer": ("issuer", rf"Issuer{_W}Name{_W}and{_W}Ticker(?:{_W}or{_W}Trading{_W}Symbol)?"),
    "event_date": ("event", rf"Event{_W}Requiring"),
    "earliest": ("earliest", rf"Earliest{_W}Transaction"),
    "fiscal_year": ("fiscal", rf"Fiscal{_W}Year{_W}Ended"),
    "amendment": ("amendment", rf"Amendment,?{_W}Date"),
    "relationship": ("relationship", rf"Relationship{_W}of{_W}Reporting"),
    "individual": ("individual", rf"Individual{_W}or{_W}Joint"),
    "table1": ("table", rf"Table{_W}I{_W}?[-–—]"),
    "table2": ("table", rf"Table{_W}II{_W}?[-–—]"),
    "explanation": ("explanation", rf"Explanation{_W}of{_W}Responses"),
    "remarks": ("remarks", r"Remarks[ \t*_]*:"),
    "signature": ("signature", rf"Signature{_W}of{_W}Reporting(?:{_W}Person)?"),
    "sec16": ("longer", r"longer\b"),
    "b10b51": ("indicate", rf"indicate{_W}that"),
    "summary": ("owner", rf"Owner{_W}Name{_W}/{_W}Address"),
}
_LABEL_RES = {k: re.compile(v, re.I) for k, (_a, v) in LABEL_PATTERNS.items()}
_ANCHORS: dict[str, list[str]] = {}
for _k, (_a, _v) in LABEL_PATTERNS.items():
    _ANCHORS.setdefault(_a, []).append(_k)
# The anchor words in one pattern over the lowered text.  Each branch starts at a
# rarer letter of its word (the rest before it checked by a lookbehind), so the regex
# engine only stops at those letters: "name" is found as "m(?<=nam)e".
_RARE_AT = {a: 0 for a in _ANCHORS} | {"name": 2, "issuer": 3, "event": 1, "earliest": 3, "fiscal": 0, "amendment": 1,
            "relationship": 11, "individual": 4, "table": 2, "explanation": 1, "remarks": 5,
            "signature": 2, "longer": 3, "indicate": 4, "owner": 1}
assert set(_RARE_AT) == set(_ANCHORS)
_ANCHOR_RE = re.compile("|".join(  # (no capturing groups: they would hide the letters from the engine's skip)
    re.escape(w[i]) + (f"(?<={re.escape(w[:i + 1])})" if i else "") + re.escape(w[i + 1:])
    for w, i in _RARE_AT.items()))
_ANCHOR_OF = {w[i:]: (w, i) for w, i in _RARE_AT.items()}  # matched text -> (anchor, letters before)
# What may stand before an anchor and belongs to the label (read backwards from it).
_BACK = {
    "event_date": re.compile(rf"(?:\d{{1,2}}\\?\.[ \t]*)?Date{_W}of{_W}$", re.I),
    "earliest": re.compile(rf"(?:\d{{1,2}}\\?\.[ \t]*)?Date{_W}of{_W}$", re.I),
    "fiscal_year": re.compile(rf"(?:\d{{1,2}}\\?\.[ \t]*)?Statement{_W}for{_W}Issuer'?s{_W}$", re.I),
    "amendment": re.compile(rf"(?:\d{{1,2}}\\?\.[ \t]*)?If{_W}$", re.I),
    "sec16": re.compile(rf"Check{_W}this{_W}box{_W}if{_W}no{_W}$", re.I),
    "b10b51": re.compile(rf"Check{_W}this{_W}box{_W}to{_W}$", re.I),
    "summary": re.compile(rf"Reporting{_W}$", re.I),
    "remarks": re.compile(r"(?:^|\n)[ \t*_#|>]*$"),
}
_NUMBER_BACK = re.compile(r"(?<![\w.])\d{1,2}[A-Z]?\\?\.[ \t]*$")
# What each _BACK pattern's text ends with before its trailing blanks (lowered; a
# cheap test before the search: no such ending, no match).
_BACK_END = {"event_date": "of", "earliest": "of", "fiscal_year": "s", "amendment": "if", "sec16": "no",
             "b10b51": "to", "summary": "reporting", "remarks": "\n"}
assert set(_BACK_END) == set(_BACK)
_BACK_BLANKS = {kind: (" \t*_#|>" if kind == "remarks" else " \t*_\n") for kind in _BACK}
_REQUIRED_BACK = frozenset({"event_date", "earliest", "fiscal_year", "sec16", "b10b51", "summary", "remarks"})

# Labels that begin a new box of the header (a region stops at any of them).
HEADER_STOPS = frozenset(LABEL_PATTERNS)

# Per text matched by _ANCHOR_RE: the letters of its anchor before it, and per label
# kind on that anchor what ``Doc._find_labels`` checks: (kind, label match, back regex
# or None, blanks before the anchor, the back text's ending, whether it is required).
_HIT_SPECS = {
    w[i:]: (i, tuple((kind, _LABEL_RES[kind].match, _BACK.get(kind), _BACK_BLANKS.get(kind), _BACK_END.get(kind),
                      kind in _REQUIRED_BACK) for kind in _ANCHORS[w]))
    for w, i in _RARE_AT.items()}


@dataclass(slots=True)
class Label:
    kind: str
    start: int
    end: int
    line: int
    x: int  # column of start within its line


# ---------------------------------------------------------------- markup left by converters

# Text to drop from a value: markdown/html leftovers, lynx link numbers, link targets.
# Every branch starts with its literal character (a lookbehind comes after it: "_"
# not after a letter is ``_(?<![A-Za-z0-9]_)``), so the regex engine only stops at
# those characters.
_JUNK = re.compile(
    r"""
      </?(?:b|strong|i|em|u|span|font|sup|sub|p|br|div|td|th|tr)\b[^>]*>   # html tags left in markdown
    | \*\*+ | _(?<![A-Za-z0-9]_)_ | __(?![A-Za-z0-9])      # bold markers
    | _(?<![A-Za-z0-9]_)(?=\S) | _(?<=\S_)(?![A-Za-z0-9])   # _italic_
    | \\(?=[^\sA-Za-z0-9])                               # markdown escapes \. \$ \*
    | \](?:\((?:[^()\s]|\([^()\s]*\))*\))               # ](link target)
    | \[(?=[^\[\]\n]*\]\()                              # [ opening a markdown link
    | \[\d{1,3}\](?=\S)                                 # lynx link numbers [12]Name
    | \^\(?\*\)?                                        # ^* ^(*) after labels
    """,
    re.X,
)
# A line that holds no value: rules, borders, separators.
JUNK_LINE = re.compile(r"^[\s|+:\-=_*~#>]*$")
DATE_VALUE = re.compile(
    r"(?<![\d/])(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d/])"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b",
    re.I,
)


class Stream:
    """Pieces of the original text in reading order, each ``(offset, text, x)``."""

    __slots__ = ("pieces",)

    def __init__(self) -> None:
        self.pieces: list[tuple[int, str, int]] = []

    def add(self, offset: int, text: str, x: int = 0) -> None:
        if text:
            self.pieces.append((offset, text, x))

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def join(self, sep: str = "\n", clean: bool = True) -> "Joined":
        """One string of the pieces (markup dropped when ``clean``) and its offset map."""
        parts: list[str] = []
        vstarts: list[int] = []
        ostarts: list[int] = []
        pos = 0
        for offset, text, _x in self.pieces:
            if clean and _MARKUP_CHARS.search(text):
                for sub_off, sub in clean_spans(offset, text):
                    vstarts.append(pos)
                    ostarts.append(sub_off)
                    parts.append(sub)
                    pos += len(sub)
            else:  # nothing to drop: the piece as it is
                vstarts.append(pos)
                ostarts.append(offset)
                parts.append(text)
                pos += len(text)
            vstarts.append(pos)
            ostarts.append(offset + len(text))
            parts.append(sep)
            pos += len(sep)
        return Joined("".join(parts), vstarts, ostarts)


@dataclass(slots=True)
class Joined:
    text: str
    vstarts: list[int]
    ostarts: list[int]

    def offset(self, v: int) -> int:
        i = bisect.bisect_right(self.vstarts, v) - 1
        if i < 0:
            return self.ostarts[0] if self.ostarts else 0
        return self.ostarts[i] + (v - self.vstarts[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the virtual span [start, end)."""
        if end <= start:
            o = self.offset(start)
            return o, o
        return self.offset(start), self.offset(end - 1) + 1


_MARKUP_CHARS = re.compile(r"[<*_\\\]\[^]")  # what a match of _JUNK starts with
_BLANKS = re.compile(r"[\s|]+")


def clean_spans(offset: int, text: str) -> list[tuple[int, str]]:
    """``text`` without markup, as sub-pieces ``(offset, text)`` of the original."""
    if not _MARKUP_CHARS.search(text):  # no character a piece of markup starts with
        return [(offset, text)]
    out: list[tuple[int, str]] = []
    last = 0
    for match in _JUNK.finditer(text):
        if match.start() > last:
            out.append((offset + last, text[last:match.start()]))
        last = match.end()
    if last < len(text):
        out.append((offset + last, text[last:]))
    return out


def _words_of(text: str) -> str:
    """``text`` stripped, without markup, no-break spaces as spaces, runs of blanks
    and pipes as one space.  Only a pipe, two spaces or a character that is not
    printable (every blank but the space is not) can make a run to replace: without
    them the regex is not run."""
    text = text.strip()
    if _MARKUP_CHARS.search(text):
        text = _JUNK.sub("", text)
    text = text.replace("\u00a0", " ")
    if "|" in text or "  " in text or not text.isprintable():
        return _BLANKS.sub(" ", text)
    return text


def clean_prose(text: str) -> str:
    """Like ``clean_value`` but keeps edge punctuation ("Attorney-In-", "* Date ...")."""
    return _words_of(text).strip(" |\t_")


def clean_value(text: str) -> str:
    """A value's words without markup, spaces collapsed, edge punctuation trimmed."""
    return _words_of(text).strip(" -:;|*\t_")


# ---------------------------------------------------------------- the document

_GRID_BORDER = re.compile(r"^\s*\+[-=:+]{3,}\+\s*$")


def _alone_on_line(text: str, word: str, limit: int) -> bool:
    """Whether ``word`` stands alone on a line (spaces and tabs around it) within the
    first ``limit`` characters."""
    at = text.find(word, 0, limit)
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end == -1:
            end = len(text)
        if at + len(word) <= limit and text[start:end].strip(" \t") == word:
            return True
        at = text.find(word, at + 1, limit)
    return False


_MD_SEPARATOR = re.compile(r"(?m)^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|")
_WIDE_GAP = re.compile(r"\S {3,}\S")
# Pieces of a line: runs of text separated by two or more spaces, tabs or pipes.
PIECE = re.compile(r"[^\s|](?:[^\t|\n]*?[^\s|])?(?=\s{2,}|\t|\||$)")
_FLOW_PIECE = re.compile(r"[^\s|](?:[^\t|\n]*?[^\s|])?(?=\s*(?:\t|\||$))")


# Box-drawing characters (w3m and friends) read as ASCII grid: one character for one,
# so offsets do not move.
_BOX_CHARS = tuple(
    [(c, "|") for c in "│┃║"] + [(c, "-") for c in "─━═"]
    + [(c, "+") for c in "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬┝┥┯┷┿"]
)
_PLUS_ONE = (1).__add__
_ASCII_BYTES = bytes(range(128))


def _lower(text: str) -> str:
    """``text.lower()``, faster.  ``str.lower`` goes character by character once a
    text holds any non-ASCII character (a superscript, a no-break space): then the
    ASCII letters are lowered as UTF-8 bytes (``bytes.lower`` leaves other bytes
    alone) and each distinct non-ASCII character is replaced by its lowercase.  A
    capital sigma (lowered by its neighbours) and a lowercase that would lower again
    (replaced twice) are left to ``str.lower``."""
    if text.isascii() or "\u03a3" in text:
        return text.lower()
    data = text.encode()
    low = data.lower().decode()
    for char in set(data.translate(None, _ASCII_BYTES).decode()):  # the non-ASCII characters
        lowered = char.lower()
        if lowered != char:
            if lowered.lower() != lowered:
                return text.lower()
            low = low.replace(char, lowered)
    return low


_NO_LABELS: list = []
_LABEL_START = attrgetter("start")
_HAS_WIDE_GAP = methodcaller("__contains__", "   ")


def _occurs(text: str, subs: tuple[str, ...], n: int) -> bool:
    """Whether the ``subs`` occur ``n`` times or more in all (as ``str.count`` counts
    them), found one by one: stops as soon as there are enough."""
    found = 0
    for sub in subs:
        at = text.find(sub)
        while at != -1:
            found += 1
            if found >= n:
                return True
            at = text.find(sub, at + len(sub))
    return False


_CELL_GAP = re.compile(r"\s{2,}|\t|\|")  # a cell separator between two labels


class Doc:
    """The text split into lines, its labels found once, and its layout.

    ``text`` is the document as given (offsets of all evidence point into it);
    box-drawing characters are read as ``|``, ``-`` and ``+`` (same length)."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.cache: dict = {}  # per-document results of readers (computed once, on demand)
        self._pieces: dict[int, list[tuple[int, int, str]]] = {}
        if "│" in text or "┃" in text or "║" in text:
            for char, ascii_char in _BOX_CHARS:  # str.replace is fast; translate with a dict is not
                if char in text:
                    text = text.replace(char, ascii_char)
        self.map: OffsetMap | None = None
        view = view_of(text)
        if view is not None:  # gfm raw HTML, pandoc markdown grids: read a view
            text, self.map = view
        self.text = text
        self.lines = text.split("\n")
        # line starts: running sum of (line length + 1), in C
        self.starts = list(accumulate(map(_PLUS_ONE, map(len, self.lines)), initial=0))
        self.starts.pop()
        self.nlines = len(self.starts)
        low = _lower(text)
        if len(low) != len(text):  # a few characters change length when lowered
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.low = low  # same offsets as text: for fast str.find of words
        self.mode = self._detect_mode()
        # plain pdftotext: every cell on its own line in a scrambled reading order
        # (the anchors "(Last)", "(First)", "(Street)" each alone on a line)
        self.scatter = self.mode == "flow" and all(
            _alone_on_line(text, f"({k})", 40000) for k in ("Last", "First", "Street"))
        self.labels = self._find_labels()
        self._label_starts = [lab.start for lab in self.labels]
        self._by_line: dict[int, list[Label]] = {}  # line -> its labels, in order
        for lab in self.labels:
            self._by_line.setdefault(lab.line, []).append(lab)
        self._line_xs: dict[int, list[int]] = {}  # line -> x of its labels (lines with several)

    # -- lines ---------------------------------------------------------
    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line(self, n: int) -> str:
        if n >= 0:
            return self.lines[n]
        start = self.starts[n]  # (a negative line number: as it always was read)
        end = self.starts[n + 1] - 1 if n + 1 < self.nlines else len(self.text)
        return self.text[start:end]

    def _detect_mode(self) -> str:
        """``grid``, ``flow`` or ``layout`` from the first part of the text (cheap
        string searches, no regex over the whole text)."""
        head = self.text[:30000]
        if "+" in head and _occurs(head, ("\n+-", "\n+:", "\n  +-"), 3):
            return "grid"
        if ("\t" in head and _occurs(head, ("\t",), 3)) or ("|" in head and _occurs(head, ("---|", "|---"), 3)):
            return "flow"
        lines = self.lines if len(self.text) <= len(head) else head.split("\n")
        bodies = list(filter(None, map(str.strip, lines)))  # lines with text
        wide = sum(map(_HAS_WIDE_GAP, bodies))
        return "layout" if bodies and wide * 6 >= len(bodies) else "flow"

    # -- labels --------------------------------------------------------
    def _find_labels(self) -> list[Label]:
        text, starts = self.text, self.starts
        found: list[Label] = []
        for hit in _ANCHOR_RE.finditer(self.low):  # every anchor word in one pass
            before, kinds = _HIT_SPECS[hit.group()]
            pos = hit.start() - before
            for kind, match, back, blanks, back_end, required in kinds:
                m = match(text, pos)
                if not m:
                    continue
                start = pos
                head = text[max(0, pos - 60):pos]
                if back is not None:
                    tail = head.rstrip(blanks)
                    if kind == "remarks":
                        b = back.search(head) if not tail or tail[-1] == "\n" else None
                    else:  # the regex is case-blind: only an ASCII ending tells for sure
                        last = tail[-len(back_end):]
                        b = back.search(head) if not last.isascii() or last.lower() == back_end else None
                    if b is None:
                        if required:
                            continue
                    else:
                        start = pos - (len(head) - b.start())
                        if kind == "remarks":
                            start = pos
                        head = text[max(0, start - 8):start]
                if kind != "remarks" and head.rstrip(" \t\n")[-1:] == ".":
                    # a number before the label ("2. Issuer ...") ends with its dot
                    nb = _NUMBER_BACK.search(head, max(0, len(head.rstrip(" \t\n")) - 5))
                    if nb is not None:
                        start -= len(head) - nb.start()
                line = bisect.bisect_right(starts, start) - 1
                found.append(Label(kind, start, m.end(), line, start - starts[line]))
                break
        found.sort(key=_LABEL_START)
        return found

    def find(self, *kinds: str, after: int = 0, before: int | None = None) -> list[Label]:
        i = bisect.bisect_left(self._label_starts, after)
        out = []
        for lab in self.labels[i:]:
            if before is not None and lab.start >= before:
                break
            if lab.kind in kinds:
                out.append(lab)
        return out

    def first(self, *kinds: str, after: int = 0, before: int | None = None) -> Label | None:
        i = bisect.bisect_left(self._label_starts, after)
        for lab in self.labels[i:]:
            if before is not None and lab.start >= before:
                return None
            if lab.kind in kinds:
                return lab
        return None

    def labels_on_line(self, n: int) -> list[Label]:
        """The labels that start on line ``n`` (do not modify the list)."""
        return self._by_line.get(n, _NO_LABELS)

    def labels_from(self, n: int, x: int) -> list[Label]:
        """The labels on line ``n`` whose column is ``x`` or more, in order (a slice
        found by bisection: a line repeating a label many times stays linear)."""
        on_line = self._by_line.get(n)
        if not on_line:
            return _NO_LABELS
        if len(on_line) < 8:
            return [lab for lab in on_line if lab.x >= x] if on_line[0].x < x else on_line
        xs = self._line_xs.get(n)
        if xs is None:
            xs = self._line_xs[n] = [lab.x for lab in on_line]
        return on_line[bisect.bisect_left(xs, x):]

    # -- pieces --------------------------------------------------------
    def pieces(self, n: int) -> list[tuple[int, int, str]]:
        """``(x, offset, text)`` of each piece of line ``n`` (layout: split at 2+ spaces);
        computed once per line (regions overlap).  Do not modify the list."""
        cache = self._pieces
        found = cache.get(n)
        if found is None:
            line = self.lines[n]
            base = self.starts[n]
            pattern = _FLOW_PIECE if self.mode == "flow" else PIECE
            found = cache[n] = [(m.start(), base + m.start(), m.group()) for m in pattern.finditer(line)]
        return found

    # -- regions -------------------------------------------------------
    def column_end(self, label: Label) -> int | None:
        """Where the label's column ends on its own line: the next label set apart
        by a cell separator (2+ spaces, tab, pipe); in grid mode the next pipe."""
        line = self.lines[label.line]
        if self.mode == "grid":
            pipe = line.find("|", label.x)
            return pipe if pipe != -1 else None
        for other in self.labels_from(label.line, label.x + 1):
            if self.mode == "flow":
                return other.x
            if _CELL_GAP.search(line, label.x, other.x):
                return other.x
        return None

    def region(self, label: Label, stops=HEADER_STOPS, max_lines: int = 14,
               first_cell: bool = False, left_slack: int = 4) -> Stream:
        """The value text under/after ``label``: the rest of its cell, then the lines
        below within its column, until another label begins in that column."""
        stream = Stream()
        lines, starts, mode = self.lines, self.starts, self.mode
        n = label.line_end if hasattr(label, "line_end") else self.line_of(label.end)
        col_end = self.column_end(label)
        line = lines[n]
        base = starts[n]
        end = col_end if (col_end is not None and n == label.line) else len(line)
        for other in self.labels_from(n, label.end - base):
            if other.start - base >= end:
                break
            if other.kind in stops:
                end = other.start - base
                break
        rest_start = label.end - base
        if rest_start < end:
            stream.add(label.end, line[rest_start:end], rest_start)
        if mode == "flow" or (mode == "grid" and col_end is None):
            col_start, col_end = 0, None
        elif mode == "grid":
            col_start = lines[label.line].rfind("|", 0, label.x) + 1
        else:
            col_start = max(0, label.x - left_slack)
        grid, layout = mode == "grid", mode == "layout"
        cut_at_tab = first_cell and mode == "flow"
        right = None if col_end is None else col_end - (2 if layout else 0)
        add = stream.pieces.append  # (what is added below is never empty)
        for m in range(n + 1, min(self.nlines, n + 1 + max_lines)):
            text = lines[m]
            if grid and "+" in text and _GRID_BORDER.match(text):
                break
            if cut_at_tab and "\t" in text:
                text = text[: text.index("\t")]
            lo = col_start
            hi = len(text) if right is None else min(len(text), right)
            if layout:
                # whole pieces whose start falls in the column
                seg_lo = seg_hi = None
                for x, _off, piece in self.pieces(m):
                    if lo <= x < hi:
                        if seg_lo is None:
                            seg_lo = x
                        seg_hi = x + len(piece)
                if seg_lo is None:
                    continue
                lo, hi = seg_lo, seg_hi
            if m in self._by_line:  # a label on this line may end the region
                stop_at = None
                for other in self.labels_from(m, lo - left_slack):
                    if other.x >= hi:
                        break
                    if other.kind in stops:
                        stop_at = other.x
                        break
                if stop_at is not None:
                    if stop_at > lo:
                        stream.add(starts[m] + lo, text[lo:stop_at], lo)
                    break
            if lo < hi:
                add((starts[m] + lo, text[lo:hi], lo))
        return stream


def span_evidence(doc: "Doc", start: int, end: int) -> Evidence:
    """Evidence for the original text between two offsets, edges trimmed of blanks:
    its text is exactly ``record.text[start:end]``."""
    if doc.map is not None:
        start, end = doc.map.span(start, end)
    raw = doc.original[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    if trail <= lead:
        return Evidence(raw, start, end)
    return Evidence(raw[lead:trail], start + lead, start + trail)


def first_date(joined: Joined):
    """The first date in a joined stream: ``(raw, start, end)`` in the original text."""
    m = _search_date(joined.text)
    if not m:
        return None
    start, end = joined.span(m.start(), m.end())
    return m.group(), start, end


# DATE_VALUE's two branches on their own: a numeric date (it starts with a digit: the
# regex engine stops only at digits) and a date in words (its month name, searched
# only where the text before the numeric date holds one).
_NUMERIC_DATE = re.compile(
    r"\d(?<![\d/]\d)(?:\d?[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{3}-\d{2}-\d{2})(?![\d/])")
_WORDS_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _search_date(text: str):
    """``DATE_VALUE.search(text)``: the earlier of the two branches' first matches
    (they cannot start at one place).  A date in words starts before the numeric one
    only when its month name (case-blind: ``casefold``) is in the text before it."""
    numeric = _NUMERIC_DATE.search(text)
    head = (text if numeric is None else text[:numeric.start()]).casefold()
    for month in _MONTHS:
        if month in head:
            words = _WORDS_DATE.search(text)
            if words is not None and (numeric is None or words.start() < numeric.start()):
                return words
            break
    return numeric
