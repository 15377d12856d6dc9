"""Where Tables I and II are in a form's text, and how its rows are laid out.

Job: find each table's lines (between its "Table I"/"Table II" heading and the
next section), tell header lines from data lines, recognise the layout
(explicit cells: pipe, grid or tab tables; one cell per paragraph: plain
pdftotext ('stream'); spaced columns: pandoc plain, pdftotext -layout, w3m;
flowing text: lynx dumps).

Speed: ``prepare`` masks markup only between the first table heading and the
section after the tables, and every whole-text search is a ``str.find`` of a
few spellings checked by the pattern (no regex scans a long filing); line
classes and token types are cached per distinct line / token.

Neighbours: ``text_rows`` types the atoms and aligns them to columns;
``text_pdf`` (stream) and ``text_pdf_layout`` (spaced columns) read those
layouts; ``text_tables`` drives and reads explicit cells (pipe, grid and tab
rows).  All offsets are into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text_rows import FILL, Atom, token_info

# ---------------------------------------------------------------- table headings and ends

# OCR reads the numeral I as "|", "l" or "1" ("Table | - Non-Derivative", "Table Il").
TABLE_I_HEADING = re.compile(r"Table\s+[I|l1](?![I|l1\w])[\s\-\u2013\u2014:*|\\\x00]{0,3000}Non-?\s*Derivative", re.I)
TABLE_II_HEADING = re.compile(r"Table\s+[I|l1]{2}(?![I|l1\w])[\s\-\u2013\u2014:*|\\\x00]{0,3000}Derivative", re.I)
# When a PDF copy lost the Table II heading, its first column header still says so.
TABLE_II_FALLBACK = re.compile(r"Title\s+of\s+Derivative", re.I)

SECTION_END = re.compile(
    r"""
      Explanation\s+of\s+Responses
    | Reporting\s+Owners
    | Name\s+and\s+Address\s+of\b
    | Address\s+of\s+Reporting
    | ^[ \t|*#]*Reminder:
    | SEC\s+147[345]
    | Persons\s+who\s+respond
    | Signature\s+of\s+Reporting\s+Person
    | ^[ \t|*#]*Relationships\b
    | ^[ \t|*#]*Signatures?[ \t*]*$
    """,
    re.I | re.M | re.X,
)


def _tails(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(tail, letters that may stand before it): "Word" and "word" share "ord",
    "WORD" is "ORD" after "W"."""
    out = []
    for w in words:
        out.append((w[1:], w[0] + w[0].lower()))
        out.append((w.upper()[1:], w[0].upper()))
    return tuple(out)


# ---------------------------------------------------------------- markup masking
#
# Markdown and HTML left in the text ("[12/16/2024]{.FormData}", "<span ...>",
# "^(1)^", "\\$", "**") become FILL characters of the same length, so that every
# offset into the masked text is an offset into the document text, and a value
# stays glued to its footnote mark ("[G]{.X}[^(1)^]{.Y}" -> "G(1)" plus FILLs).
# ``text_rows.tokenize`` drops FILL; line tests treat it as a space.

# The markup, one kind at a time (each kind is found by its first character, which
# ``str.find`` and the regex engine's literal search skip to quickly):
_TAG = re.compile(r"(<[^<>]{0,400}>)")                      # html tags, even over lines
_ESCAPE = re.compile(r"\\(?=[$()\[\].*_\#|-])")              # markdown escapes "\\$"
_SUPERSCRIPT = re.compile(r"\^(?:(?=\(?\d{1,3}\)?\^)|(?<=[\d)]\^))")  # pandoc superscript "^(1)^"


def _unmark(text: str) -> str:
    """Tags, escapes, bold and superscript marks as FILL.

    The same as one left-to-right pass over all of them: no two kinds can
    match the same characters, and escapes go before bold, as an escape looks
    at the character after it ("\\**")."""
    if "<" in text:
        parts = _TAG.split(text)  # text, tag, text, tag ... text
        for k in range(1, len(parts), 2):
            tag = parts[k]
            parts[k] = FILL * len(tag) if "\n" not in tag else _NOT_NL.sub(FILL, tag)
        text = "".join(parts)
    if "\\" in text:
        text = _ESCAPE.sub(FILL, text)
    if "**" in text:
        text = text.replace("**", FILL * 2)
    if "__" in text:
        text = text.replace("__", FILL * 2)
    if "^" in text:
        text = _SUPERSCRIPT.sub(FILL, text)
    return text


_SPAN = re.compile(r"\[([^\[\]]{0,2000})\](\{[.#][^{}\n]{0,80}\})")


def _fill_span(m: re.Match) -> str:
    return FILL + m.group(1) + FILL * len(m.group(2)) + FILL


_ENTITY = re.compile(r"&(amp|lt|gt|quot|#39);")
_SPACES = re.compile(r"&nbsp;|&#160;")
_ENTITY_CHAR = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'"}


_NOT_NL = re.compile(r"[^\n]")


def mask(text: str) -> str:
    """The text with markup turned into FILL (same length, same line breaks)."""
    if not any(c in text for c in _MARKUP_CHARS) and "**" not in text and not _has_box(text):
        return text
    text = _unmark(text)
    for _ in range(4):  # pandoc spans "[Common Stock]{.FormData}", inner ones first
        if "]{" not in text:
            break
        text, found = _SPAN.subn(_fill_span, text)
        if not found:
            break
    if _has_box(text):  # w3m box drawing -> a grid table: each character present, replaced throughout
        m = _BOX_CHAR.search(text)
        while m is not None:
            ch = m.group()
            text = text.replace(ch, _BOX[ord(ch)])
            m = _BOX_CHAR.search(text, m.start())
    if "&" in text:
        text = _SPACES.sub(lambda m: " " * len(m.group()), text)
        text = _ENTITY.sub(lambda m: _ENTITY_CHAR[m.group(1)] + FILL * (len(m.group()) - 1), text)
    return text


_MARKUP_CHARS = "<{\\^&"
_BOX_COMMON = "│─┼├┤┃━║═"


def _has_box(text: str) -> bool:
    """Box-drawing characters (w3m tables) in the text."""
    if text.isascii():
        return False
    return any(c in text for c in _BOX_COMMON)

_BOX = {c: "+" for c in range(0x2500, 0x2580)}
_BOX.update({ord(c): "|" for c in "│┃║"})
_BOX.update({ord(c): "-" for c in "─━═"})
_BOX_CHAR = re.compile("[\u2500-\u257f]")


def prepare(text: str) -> tuple[str, int]:
    """(scan text, where the tables start), or (text, -1) when the text has none.

    Only the part from the first table heading to the section after the last
    one is masked (``mask``): the rest of a long filing is never scanned by a
    regex.  Candidates are found with ``str.find`` on the few spellings the
    headings take ("Derivative", "Table II", ...).
    """
    first = _first_word(text, _DERIVATIVE_TAILS, 0, len(text))
    if first < 0:
        return text, -1  # no "Derivative" anywhere: no Table I or II heading
    t = _first_match(text, _TABLE_START, _TABLE_WORDS, 0, first)
    start = t.start() if t is not None else first
    for _ in range(3):  # "Title of / Derivative" may span lines
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1
    t2 = _first_match(text, _TABLE_II_START, _TABLE_WORDS, start, len(text))
    end = _section_end(text, t2.end() if t2 is not None else first)
    end = text.find("\n", end)
    end = len(text) if end < 0 else end
    region = text[start:end]
    masked = mask(region)
    if masked == region:  # no markup: the text itself (no copy, evidence quotes it as read)
        return text, start
    return text[:start] + masked + text[end:], start


_DERIVATIVE_TAILS = _tails(("Derivative",))
_TABLE_WORDS = ("Table", "TABLE", "table")
_TABLE_START = re.compile(r"Table(?:\s|&nbsp;|&\#160;)+[I|l1]", re.I)
_TABLE_II_START = re.compile(r"Table(?:\s|&nbsp;|&\#160;)+[I|l1]{2}", re.I)


def _first_word(text: str, tails: tuple[tuple[str, str], ...], pos: int, end: int) -> int:
    """The first offset in text[pos:end] of a word spelled as ``_tails`` gives it, or -1."""
    best = -1
    for tail, heads in tails:
        k = text.find(tail, pos + 1, end)
        while k >= 0 and text[k - 1] not in heads:
            k = text.find(tail, k + 1, end)
        if k >= 0:
            best = end = k - 1
    return best


def _first_match(text: str, pattern: re.Pattern, words: tuple[str, ...], pos: int, end: int):
    """``pattern.search(text, pos)`` for a match starting before ``end``, where every
    match begins with one of ``words``: ``str.find`` proposes, the pattern checks."""
    best = None
    for w in words:
        k = text.find(w, pos, end)
        while k >= 0:
            m = pattern.match(text, k)
            if m is not None:
                best, end = m, k
                break
            k = text.find(w, k + 1, end)
    return best


# ---------------------------------------------------------------- header lines

HEADER_WORDS = re.compile(
    r"""
      Instr\.? | Month/Day/Year | Title\s+of | Transaction | Exercisable | Expiration
    | Amount | Number | Derivative | Beneficial | Ownership | Securit(?:y|ies) | \bCode\b
    | \bPrice\b | Form: | Direct\s*\(D\) | Indirect\s*\(I\) | \(A\)\s*or | \(D\) | \(A\)
    | Disposed | Acquired | Reported | Following | Deemed | Conversion | if\s+any
    | \bDate\b | \bShares\b | \bTitle\b | Underlying | Nature | Execution | Fiscal\s+Year
    """,
    re.I | re.X,
)
# ``has_header_words`` without running HEADER_WORDS over every line: the
# alternatives that are plain words are found by one search of the lower-cased
# line; only when the first word found needs word boundaries or spaces around
# it does a second regex decide.
_HEADER_LITERALS = ("instr", "month/day/year", "transaction", "exercisable", "expiration", "amount",
                    "number", "derivative", "beneficial", "ownership", "security", "securities", "form:", "(d)",
                    "(a)", "disposed", "acquired", "reported", "following", "deemed", "conversion",
                    "underlying", "nature", "execution")
_BOUNDED_KEYS = ("code", "price", "date", "shares", "title", "any", "fiscal")
_HEADER_BOUNDED = re.compile(r"\b(?:code|price|date|shares|title)\b|title\s+of|indirect\s*\(i\)|if\s+any"
                             r"|fiscal\s+year")
_LITERAL_SET = frozenset(_HEADER_LITERALS)
_ANY_LITERAL = re.compile("|".join(map(re.escape, _HEADER_LITERALS)))
# literals first: where a literal and a key start together, the literal is found
_ANY_WORD = re.compile("|".join(map(re.escape, _HEADER_LITERALS + _BOUNDED_KEYS)))


def has_header_words(line: str) -> bool:
    """``HEADER_WORDS.search(line)``, fast: a plain header word anywhere, or
    (when a bounded one is there) ``_HEADER_BOUNDED``."""
    low = line.lower()
    m = _ANY_WORD.search(low)
    if m is None:
        return False
    if m.group() in _LITERAL_SET:
        return True
    # the first word needs a boundary: a plain word further on, or the boundary test
    return _ANY_LITERAL.search(low, m.start() + 1) is not None or _HEADER_BOUNDED.search(low) is not None


# Word-only lines made of nothing but header words (pdftotext stacks "Amount / or / Number / of / Shares").
HEADER_FRAGMENT = re.compile(
    r"""^[\s|]*(?:(?:Amount|or|Number|of|Shares|Date|Exercisable|Expiration|Title|Code|V|Price
    |\(A\)|\(D\)|\(A\)\s+or|Instr\.|and|\d\)|\(Instr\.|Transaction\(s\)|Reported|Owned|Following
    |Security|Securities|Direct|Indirect|\(I\)|Form:|Ownership|Beneficial|Beneficially)[\s|,]*)+$""",
    re.I | re.X,
)
# Header noise inside a line: "(Instr. 3, 4 and 5)", "2A." column numbers (1-2 digits
# and a dot, blanks around).  Each branch starts with a character ("(", "I" or a digit)
# the regex engine looks for; a lookbehind first would make it try every position.
HEADER_NOISE = re.compile(r"(?:\(Instr\.|Instr\.)[^)\n]*\)?|\d(?<!\S\d)\d?[A-Z]?\.(?=\s)")
_NUMBER_NOISE = re.compile(r"\d\d?[A-Z]?\.")  # a column number as a whole token

_WIDE_GAP = re.compile(r"\S {3,}\S")


@dataclass(slots=True)
class Line:
    start: int       # offset of the line in the text
    end: int
    text: str


@dataclass(slots=True)
class TableText:
    """One table's region: its lines, which table, which grammar family."""

    derivative: bool
    lines: list[Line]
    form3: bool = False  # Form 3 column set (holdings only)
    has_v: bool = True   # the "V" column (Forms 4; Form 5 has none)
    head_lines: list[Line] = field(default_factory=list)  # the region's first lines, where its header is
    header: str | None = None  # see ``table_header``
    shape: tuple | None = None  # (lines, their classes, layout): see ``classes_and_layout``


@dataclass(slots=True)
class RawRow:
    """One data row as the layout gives it."""

    atoms: list[Atom] = field(default_factory=list)
    cells: list[list[Atom]] | None = None  # explicit cells, when the layout has them
    spaced: bool = False  # x positions mean columns


def _lines(text: str, start: int, end: int) -> list[Line]:
    """The lines of text[start:end] (a final newline opens no empty line)."""
    if start >= end:
        return []
    bodies = text[start:end].split("\n")
    if not bodies[-1]:
        bodies.pop()
    out = []
    pos = start
    for body in bodies:
        stop = pos + len(body)
        out.append(Line(pos, stop, body))
        pos = stop + 1
    return out


def find_tables(text: str, start: int = 0) -> list[TableText]:
    """Table I then Table II regions (headings at or after ``start``), each up to the next section."""
    m1 = _first_match(text, TABLE_I_HEADING, _TABLE_WORDS, start, len(text))
    search_from = m1.end() if m1 else start
    m2 = _first_match(text, TABLE_II_HEADING, _TABLE_WORDS, search_from, len(text))
    if m2 is None:
        m2 = _first_match(text, TABLE_II_FALLBACK, _TITLE_WORDS, search_from, len(text))
        if m2 is not None:  # the region starts at that header line
            line_start = text.rfind("\n", 0, m2.start()) + 1
            m2_start, m2_end = line_start, line_start
        else:
            m2_start = m2_end = -1
    else:
        m2_start = text.rfind("\n", 0, m2.start()) + 1
        m2_end = text.find("\n", m2.end())
        m2_end = len(text) if m2_end == -1 else m2_end
    tables: list[TableText] = []
    if m1 is not None:
        s = text.find("\n", m1.end())
        s = len(text) if s == -1 else s + 1
        if s < m2_start:
            e = _section_end(text, s, m2_start)
        else:
            e = _section_end(text, s)
        tables.append(_region(text, s, e, derivative=False))
    if m2_start >= 0:
        s = m2_end
        e = _section_end(text, s)
        tables.append(_region(text, s, e, derivative=True))
    return tables


_TITLE_WORDS = ("Title", "TITLE", "title")


def _section_end(text: str, start: int, limit: int | None = None) -> int:
    """Start of the first line at or after ``start`` that opens the next section
    (``limit`` or the end of the text when none does before it).

    Each SECTION_END alternative holds one of _END_WORDS: ``str.find`` proposes
    lines, SECTION_END checks them.  A word is looked for by its tail, which
    its capitalised and lower-case spellings share ("xplanation"), then by the
    letter before it.
    """
    best = len(text) if limit is None else limit
    for tail, heads in _END_TAILS:
        skip = 1 if heads else 0  # the word starts one character before its tail
        k = text.find(tail, start + skip, best)
        while k >= 0:
            if skip and text[k - 1] not in heads:
                k = text.find(tail, k + 1, best)
                continue
            w = k - skip
            ls = max(start, text.rfind("\n", 0, w) + 1)
            le = text.find("\n", w)
            le = len(text) if le < 0 else le
            key = text[ls:le]
            hit = _END_LINE.get(key)
            if hit is None:
                hit = SECTION_END.search(text, ls, le) is not None
                if len(_END_LINE) >= 20_000:
                    _END_LINE.clear()
                _END_LINE[key] = hit
            if hit:
                best = ls
                break
            k = text.find(tail, le + skip, best)
    return best


# line text (from ``start`` on) -> whether SECTION_END finds a match in it
_END_LINE: dict[str, bool] = {}
_END_WORDS = ("Explanation", "Reporting", "Address", "Reminder", "Persons", "Signature", "Relationships")


_END_TAILS = _tails(_END_WORDS) + (("147", ""),)


def _region(text: str, start: int, end: int, derivative: bool) -> TableText:
    lines = _lines(text, start, end)
    return TableText(derivative, lines, head_lines=lines[:40])


# ---------------------------------------------------------------- line classes

def value_atoms(line: str) -> tuple[int, int, int, int]:
    """(strong values, footnote-mark-only tokens, lone capital letters, small numbers) in a line.

    Header noise is removed first.  Strong: dates, money, numbers with
    separators or more than two digits (header column numbers and "3 and 4"
    are not).
    """
    if not _DIGIT.search(line):
        return 0, 0, 0, 0  # no number, date, money or footnote mark
    if "nstr" in line:
        tokens = HEADER_NOISE.sub(" ", line).replace("|", " ").split()
    elif "." in line:
        tokens = _tokens_without_numbers(line)
    else:
        tokens = line.replace("|", " ").split()
    counts = [0, 0, 0, 0, 0]
    pending = None  # a lone "$" joins the token after it (as in ``tokenize``)
    for tok in tokens:
        if tok in _DOLLAR:
            pending = tok
            continue
        if pending is not None:
            tok = pending + " " + tok
            pending = None
        elif tok.isalpha():  # a word (other) or a lone capital (letter): no lookup needed
            if len(tok) == 1 and tok.isupper():
                counts[2] += 1
            continue
        counts[_value_class(tok)] += 1
    return counts[0], counts[1], counts[2], counts[3]


def _tokens_without_numbers(line: str) -> list[str]:
    """The tokens of ``HEADER_NOISE.sub(" ", line)`` split at blanks and pipes, for a
    line without "Instr.": a column number is a whole blank-separated token (a blank
    or the line's start before it, a blank after it: not the line's end)."""
    words = line.split()
    last = len(words) - 1 if not line[-1].isspace() else -1  # the token with no blank after it
    out = []
    for k, word in enumerate(words):
        if word[-1] == "." and len(word) <= 4 and k != last and _NUMBER_NOISE.fullmatch(word):
            continue
        if "|" in word:
            out.extend(filter(None, word.split("|")))
        else:
            out.append(word)
    return out


_DOLLAR = frozenset({"$", "\\$", "US$"})
# Token text -> 0 strong, 1 footnote mark, 2 letter, 3 small number, 4 other.
_VALUE_CLASS: dict[str, int] = {}


def _value_class(tok: str) -> int:
    got = _VALUE_CLASS.get(tok)
    if got is None:
        if tok.isdecimal():  # digits only: a plain number
            kind, core = "NUM", tok
        elif tok.isalpha() or _DIGIT.search(tok):
            kind, core, _ = token_info(tok)
        else:  # no digit and not a word: no value, no footnote mark
            kind, core = "W", tok
        if kind in ("DATE", "MONEY"):
            got = 0
        elif kind == "MARK":
            got = 1
        elif kind == "L":
            got = 2
        elif kind == "NUM":
            got = 0 if ("," in core or "." in core or len(core) > 2) else 3
        else:
            got = 4
        if len(_VALUE_CLASS) >= 50_000:
            _VALUE_CLASS.clear()
        _VALUE_CLASS[tok] = got
    return got


_DIGIT = re.compile(r"[\d\u00b9\u00b2\u00b3\u2070-\u2079]")


def line_class(line: str) -> str:
    """'blank', 'rule', 'header', 'data' or 'words' (a line that continues a row)."""
    got = _CLASS_CACHE.get(line)
    if got is None:
        got = _line_class(line)
        if len(_CLASS_CACHE) >= 20_000:
            _CLASS_CACHE.clear()
        _CLASS_CACHE[line] = got
    return got


_CLASS_CACHE: dict[str, str] = {}
_RULE_CHAR_RUN = "-+|=:* "
# A character outside rules ("-+|:=" and blanks): a line without one, holding "---", is a rule.
_NOT_RULE = re.compile(r"[^\s+|:=-]")


def _ends_with_lone_di(line: str) -> bool:
    """A lone D/I letter ends the line ("Common Stock D" with the amount in a
    footnote): blanks and at most one pipe after it, a blank, a pipe or nothing before."""
    body = line.rstrip()
    if body[-1:] == "|":
        body = body[:-1].rstrip()
    if body[-1:] not in ("D", "I"):
        return False
    return len(body) == 1 or body[-2] == "|" or body[-2].isspace()


def _line_class(line: str) -> str:
    if FILL in line:
        line = line.replace(FILL, " ")
    stripped = line.strip()
    if not stripped:
        return "blank"
    # a rule: only rule characters (what strip removes), or "---" among blanks and "+|:=-"
    if not stripped.strip(_RULE_CHAR_RUN) or ("---" in stripped and not _NOT_RULE.search(stripped)):
        return "rule"
    strong, marks, letters, weak = value_atoms(line)
    if strong == 0 and marks == 0 and has_header_words(line):
        return "header"
    if HEADER_FRAGMENT.match(stripped):
        return "header"
    if strong or (letters and (marks or weak)):
        return "data"
    if _ends_with_lone_di(line):
        return "data"
    return "words"


# ---------------------------------------------------------------- layouts

def classes_and_layout(table: TableText) -> tuple[list[str], str]:
    """The classes of the table's lines (a list the caller may change) and its
    layout; worked out once for the table's current lines."""
    got = table.shape
    if got is None or got[0] is not table.lines:
        classes = [line_class(ln.text) for ln in table.lines]
        got = table.shape = (table.lines, classes, layout_of(table, classes))
    return list(got[1]), got[2]


def layout_of(table: TableText, classes: list[str]) -> str:
    """'pipe', 'grid', 'tab', 'stream', 'spaced' or 'flow' for this table's data lines."""
    data = [ln.text for ln, c in zip(table.lines, classes) if c == "data"]
    if not data:
        return "flow"
    if sum(1 for t in data if "\t" in t.strip(" ")) * 2 >= len(data):
        return "tab"
    rules = [ln.text for ln, c in zip(table.lines, classes) if c == "rule"]
    if any(r.strip().startswith("+") for r in rules) and all(t.lstrip().startswith("|") for t in data):
        return "grid"
    if sum(1 for t in data if t.count("|") >= 2) * 2 >= len(data):
        return "pipe"
    if _one_cell_per_line(table, classes, data):
        return "stream"
    gaps = sum(1 for t in data if "   " in t and _WIDE_GAP.search(t.strip()))
    return "spaced" if gaps * 3 >= len(data) else "flow"


def _one_cell_per_line(table: TableText, classes: list[str], data: list[str]) -> bool:
    """Plain pdftotext: data lines hold one or two tokens, paragraphs apart."""
    short = sum(1 for t in data if len(t.replace(FILL, " ").split()) <= 2
                and not t.startswith("    ") and "   " not in t.strip())
    blank = sum(1 for c in classes if c == "blank")
    return short * 5 >= len(data) * 4 and blank * 5 >= (len(classes) - blank)
