"""Pre-2003 EDGAR ASCII Forms 3, 4 and 5: fixed-width text typed by filing agents.

Called by ``insiders.pipeline.parse_text`` when ``looks_like`` says the text is one
(alone, or a ``<DOCUMENT>`` body handed over by ``insiders.parse.submission``).
Modern converter outputs of the HTML form go to ``text_form`` instead.

This module reads the numbered boxes at the top (form type and amendment, period,
issuer and ticker, the Section 16 box) and drives its neighbours.  Boxes are found
by their captions, one per line or side by side ("1. Name and Address ...   2. Issuer
Name and Ticker"); a box owns the columns under its caption up to the next caption
on that line (``Sheet.windowed``), and the lines down to the next caption over
those columns.  Wrapped caption words ("Trading Symbol", "(Month/Year)") are not
values.  The neighbours:

* ``ascii_owners``  reporting owners: name, address, relationship, joint filers;
* ``ascii_tables``  Table I and Table II rows from the fixed-width geometry;
* ``ascii_notes``   footnotes ("Explanation of Responses") and signatures.

Lines, words and visual columns come from ``ascii_lines``.  Every value keeps an
``Evidence`` with offsets into ``text``.  What cannot be read becomes a warning.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .. import detect
from ..model import Evidence, Record
from ..normalize import DATE_NUMERIC, DATE_WORDS, parse_date
from .ascii_lines import Sheet

# (The neighbours that read owners, tables and notes are imported by ``parse``: every text
# form is asked ``looks_like``, and a worker that meets no typed form never loads them.)

_HEAD = 20_000

# ---------------------------------------------------------------- recognising a typed form

# The form as filed inside an EDGAR SGML wrapper (without ownership XML).
_WRAPPER = re.compile(r"^[ \t]*<(?:DOCUMENT|TEXT)>[ \t]*$", re.M | re.I)
# Captions only the pre-2003 paper form had; the HTML rendering of today's form has none.
_STRONG_CUES = re.compile(
    r"""
      Statement\s+for\s+Month\s*/\s*Year                    # Form 4 box 4
    | \(\s*Month\s*/\s*Year\s*\)                            # amendment / Form 5 period, month only
    | I\.?\s?R\.?\s?S\.?\s+Identification\s+Number          # Form 4/5 box 3
    | IRS\s+or\s+Social\s+Security\s+Number                 # Form 3 box 3
    | Owned\s+at\s+End\s+of\s+Month                         # Form 4 Table I column 5
    """,
    re.I | re.X,
)
# Typewriter cues: rules of '=' or '_' at the margin, "TABLE I --" headings, '|'-boxed cells.
_WEAK_CUES = re.compile(
    r"""
      ^[ \t]{0,3}={20,}[ \t]*$
    | ^[ \t]{0,3}_{20,}[ \t]*$
    | ^[ \t|]*TABLE\s+I{1,2}\s*--
    | ^[ \t]*\+-{10,}
    """,
    re.M | re.X,
)


# Literal prefilters: a cue's regex runs only when one of its words is in the text at all.
_STRONG_WORDS = ("month/year", "month / year", "identification number", "social security", "end of month")
_WEAK_WORDS = ("=" * 20, "_" * 20, "+" + "-" * 10)


# The kind (``_cue_kind``) a line holding each rule gives when it is that rule: any other
# match on such a line is a "TABLE" heading, and the line is met again under "TABLE".
_RULE_KINDS = {"=" * 20: "===", "_" * 20: "___", "+" + "-" * 10: "+--"}


def _cue_lines(text: str, word: str):
    """The start of each line of ``text`` holding ``word``, in order."""
    at = text.find(word)
    while at != -1:
        yield text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        if line_end == -1:
            return
        at = text.find(word, line_end)


def _table_lines(head: str, lower: str):
    """``_cue_lines(head, "TABLE")``: each "table" of ``lower`` tried (a text of one byte a
    character is quicker to search than one holding wider characters)."""
    if len(lower) != len(head):
        yield from _cue_lines(head, "TABLE")
        return
    at = lower.find("table")
    while at != -1:
        if head.startswith("TABLE", at):
            yield head.rfind("\n", 0, at) + 1
            line_end = head.find("\n", at)
            if line_end == -1:
                return
            at = lower.find("table", line_end)
        else:
            at = lower.find("table", at + 1)


def _cue_kind(match: re.Match) -> str:
    """A typewriter cue's kind: its first three characters ("===", "+--", "TAB", "|TA" ...)."""
    return match.group().strip()[:3]


def looks_like(text: str) -> bool:
    """True for a typed pre-2003 form (cheap: a look at the head of the text)."""
    head = text[:_HEAD]
    lower = detect.lowered_head(text)  # substring tests of ASCII words only
    if "<" in lower and _holds_tag(head, lower, "<ownershipDocument"):
        return False
    if _has_strong_word(lower) and _STRONG_CUES.search(head):
        return True
    # a score of two: two kinds of typewriter cues, or one and the SGML wrapper
    kinds = _weak_cue_kinds(head, lower)
    if kinds != 1:
        return kinds >= 2
    return "<" in lower and ("<document>" in lower or "<text>" in lower) and _WRAPPER.search(head) is not None


def _holds_tag(head: str, lower: str, tag: str) -> bool:
    """``tag in head``, looked for first in ``lower`` (one byte a character: quicker)."""
    if len(lower) == len(head) and tag.lower() not in lower:
        return False
    return tag in head


def _weak_cue_kinds(head: str, lower: str) -> int:
    """How many kinds of typewriter cues ``head`` holds (counted up to two): the kinds of
    the matches of _WEAK_CUES (as ``finditer`` gives them).

    Every match starts a line holding a rule word or "TABLE" (a line inside a heading
    that wrapped could start none), so only those lines are tried; a rule's lines are
    read until one is that rule (its other lines give that kind again, or a heading's,
    found under "TABLE"): a form's hundreds of table borders cost one match.  The rules
    are found in ``lower`` (they hold no letter, and one byte a character is quicker to
    search), "TABLE" in ``head`` itself.
    """
    # (the cue words hold no letter: in the lowered head just where they are in the head)
    if not (any(word in lower for word in _WEAK_WORDS) or ("--" in lower and _holds(lower, "table i"))):
        return 0
    rules_in = lower if len(lower) == len(head) else head
    kinds: set[str] = set()
    for word, rule_kind in _RULE_KINDS.items():
        for start in _cue_lines(rules_in, word):
            if _add_cue(head, start, kinds):
                if len(kinds) == 2:
                    return 2
                if rule_kind in kinds:
                    break
    for start in _table_lines(head, lower):
        if _add_cue(head, start, kinds) and len(kinds) == 2:
            return 2
    return len(kinds)


def _add_cue(head: str, start: int, kinds: set[str]) -> bool:
    """Add the kind of the cue line at ``start`` (if it is one) to ``kinds``; whether it was."""
    m = _WEAK_CUES.match(head, start)
    if m:
        kinds.add(_cue_kind(m))
    return m is not None


def _holds(text: str, phrase: str) -> bool:
    """``phrase in text``, looked for at its first word (a needle holding a blank, the
    commonest character, makes ``str.find`` crawl)."""
    first = phrase.split()[0]
    at = text.find(first)
    while at != -1:
        if text.startswith(phrase, at):
            return True
        at = text.find(first, at + 1)
    return False


# The _STRONG_WORDS holding "month", as one regex led by the literal "month" (the regex
# engine then skips ahead as ``str.find`` does; today's form prints "(Month/Day/Year)" often).
_MONTH_WORDS = re.compile(r"month(?:/year| / year|(?<=end of month))")
assert {w for w in _STRONG_WORDS if "month" in w} == {"month/year", "month / year", "end of month"}, "keep in step"
# The others, each tested first by its first word: a needle without blanks is found
# (or not) much faster than one holding a blank, the commonest character.
_OTHER_STRONG_WORDS = tuple(word for word in _STRONG_WORDS if "month" not in word)


def _has_strong_word(lower: str) -> bool:
    """Whether one of _STRONG_WORDS is in ``lower``."""
    if any(_holds(lower, word) for word in _OTHER_STRONG_WORDS):
        return True
    return _MONTH_WORDS.search(lower) is not None


# ---------------------------------------------------------------- the numbered boxes

# Box captions: at the start of a line ("1. Name and Address ...", "|4. Statement for ..."),
# or numbered further along it when boxes sit side by side ("...   2. Issuer Name and Ticker").
_ITEM = re.compile(
    r"""\b(?=[NISDRnisdr])                       # cheap: captions start with one of these letters
    (?:
      (?P<name>Name\s+and\s+Address\s+of\s+(?:the\s+)?Reporting\s+Person)
    | (?P<issuer>Issuer\s+Name\s+and\s+Ticker)
    | (?P<irs>I\.?\s?R\.?\s?S\.?\s+(?:or\s+Social|Identification))      # captions may wrap:
    | (?P<statement>Statement\s+for\b)                                  # only their first words
    | (?P<event>Date\s+of\s+Event\s+Requiring)
    | (?P<amendment>If\s+Amendment\b)
    | (?P<relationship>Relationship\s+of\s+Reporting)
    | (?P<filing>Individual\s+or\s+Joint\s*/?\s*Group)
    )""",
    re.I | re.X,
)
# What may stand before a caption on its line: blanks, pipes, and the box's number "2." / "2)".
_ITEM_LEAD = re.compile(r"(?P<num>\d{1,2}\s*[.)][ \t]*)?$")
# The wrapped rest of a box's caption ("Trading Symbol", "(Month/Year)", "Person (Voluntary)").
CAPTION_TAIL = re.compile(
    r"""(?:[\s(),.:*]*(?:Trading\s+Symbol|Ticker|Month\s*/\s*(?:Day\s*/\s*)?Year|Security\s+Number
      |Identification\s+Number|Social\s+Security|Number|of\s+Reporting|Reporting|Person(?:\(s\))?|Voluntary
      |if\s+an\s+entity|Check\s+all\s+applicable|Check\s+applicable\s+line|Date\s+of\s+Original
      |Requiring\s+Statement|Statement|Issuer'?s\s+Fiscal\s+Year\s+Ended|to\s+Issuer|Filed))+[\s(),.:*]*""",
    re.I | re.X,
)
_TABLE_HEADING = re.compile(r"^[ \t|]*TABLE\s+I\b", re.I | re.M)
# The Section 16 box above the boxes.
_SECTION16 = re.compile(r"Check\s+(?:this\s+)?box\s+if\s+no\s+longer", re.I)
_SECTION16_BOX = re.compile(r"(?:\[\s*[xX✓]?\s*\]|\(\s*[xX]?\s*\)|_*[xX]_*|\b[xX]\b)[ \t]*$")
# A month and year ("March 2001", "Mar. 2001", "03/2001", "3/01").
_MONTH_YEAR = re.compile(
    r"""(?ix)
      \b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
         |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<year>\d{4})\b
    | (?<![\d/])(?P<mm>\d{1,2})\s*[/-]\s*(?P<yy>\d{4}|\d{2})(?![\d/])
    """
)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_NO_SECURITIES = re.compile(r"\bNo\s+securities\s+(?:are\s+)?(?:beneficially\s+)?owned\b", re.I)


@dataclass(slots=True)
class Item:
    """One numbered box: its caption line and the lines of its value."""

    kind: str
    line: int  # the caption's line
    value_lines: list[int]
    same_line: tuple[str, int] | None  # a value typed after "caption:" on the caption line
    lo: int = 0  # the box's columns, when boxes sit side by side
    hi: int = 10**6


def body_range(text: str) -> tuple[int, int]:
    """The form's text inside a ``<TEXT>`` block, or the whole text."""
    open_ = re.search(r"<TEXT>[ \t]*\n?", text, re.I)
    if not open_:
        return 0, len(text)
    close = re.search(r"</TEXT>", text[open_.end():], re.I)
    return open_.end(), open_.end() + close.start() if close else len(text)


def items(sheet: Sheet, limit: int) -> dict[str, Item]:
    """The boxes above the tables, first of each kind, keyed by kind."""
    text = sheet.text
    start = sheet.starts[0] if len(sheet) else 0
    found: list[tuple[str, int, int, re.Match]] = []  # kind, line, column, match
    for match in _ITEM.finditer(text, start, limit):
        n = sheet.line_of(match.start())
        before = text[sheet.starts[n]:match.start()]
        lead = _ITEM_LEAD.search(before)
        num = lead.group("num") if lead else None
        before = before[: len(before) - len(num)] if num else before
        first_on_line = not before.strip(" \t|")
        gap = len(before) - len(before.rstrip(" \t|"))
        if first_on_line or (num and gap >= 2):
            # a caption at the margin owns the columns from 0; an indented one, from its own
            column = max(0, len(before) - 1)
            found.append((match.lastgroup or "", n, 0 if first_on_line and column <= 4 else column, match))
    caption_lines: dict[int, list[int]] = {}
    for _kind, n, column, _m in found:
        caption_lines.setdefault(n, []).append(column)
    stop_line = sheet.line_of(limit) if limit < len(text) else len(sheet)
    ordered = sorted(caption_lines)
    out: dict[str, Item] = {}
    for kind, n, lo, match in found:
        if kind in out:
            continue
        columns = caption_lines[n]
        hi = min((c for c in columns if c > lo), default=10**6)
        end = min(stop_line, n + 25)
        for later in ordered:  # the next caption over these columns ends the box
            if later > n and any(lo <= c < hi or (c <= lo < _next(caption_lines[later], c)) for c in caption_lines[later]):
                end = min(end, later)
                break
        rest = sheet.clean(n)[match.end() - sheet.starts[n]:]
        rest = rest[: max(0, hi - (match.end() - sheet.starts[n]))] if hi < 10**6 else rest
        same = None
        colon = rest.find(":")
        if colon != -1 and rest[colon + 1:].strip():
            value = rest[colon + 1:]
            lead = len(value) - len(value.lstrip())
            same = (value.strip(), match.end() + colon + 1 + lead)
        out[kind] = Item(kind, n, list(range(n + 1, max(n + 1, end))), same, lo, hi)
    return out


def _next(columns: list[int], column: int) -> int:
    return min((c for c in columns if c > column), default=10**6)


def value_lines(sheet: Sheet, item: Item) -> list[tuple[str, int]]:
    """The non-blank, non-rule value lines of a box, stripped, with their offsets."""
    out = [item.same_line] if item.same_line else []
    with sheet.windowed(item.lo, item.hi):
        for n in item.value_lines:
            if sheet.is_rule(n) or sheet.is_blank(n):
                continue
            line = sheet.clean(n)
            body = line.strip()
            if not CAPTION_TAIL.fullmatch(body):
                out.append((body, sheet.starts[n] + line.index(body)))
    return out


# ---------------------------------------------------------------- entry point


def parse(text: str, record: Record) -> None:
    """Fill ``record`` from a typed Form 3, 4 or 5."""
    from . import ascii_notes, ascii_owners, ascii_tables

    start, end = body_range(text)
    sheet = Sheet(text, start, end)
    table = _TABLE_HEADING.search(text, start, end)
    top = table.start() if table else end
    boxes = items(sheet, top)
    kind = detect.form_type(text[start:min(end, start + 4000)]) or detect.form_type(text[start:end]) or _typed_type(text)
    if kind is None:
        record.warn("Form type not found: no Form 3, 4 or 5 title in the typed form.")
    amended = _amendment(sheet, boxes.get("amendment"), record)
    if kind:
        record.document_type = kind + ("/A" if amended else "")
    _issuer(sheet, boxes.get("issuer"), record)
    if kind in ("4", "5"):
        _section16(text, start, top, record)
    ascii_owners.parse(sheet, boxes, record)
    try:
        ascii_tables.parse(sheet, kind or "4", record)
    except Exception as exc:  # a table reader must not lose the rest of the record
        record.warn(f"Tables could not be read: {exc.__class__.__name__}: {exc}")
    ascii_notes.parse(sheet, record)
    _period(sheet, boxes, kind, record)
    if kind and kind[0] == "3" and not record.non_derivative and not record.derivative:
        match = _NO_SECURITIES.search(text, start, end)
        if match:
            record.put("no_securities_owned", True, Evidence(match.group(), match.start(), match.end()))


def _typed_type(text: str) -> str | None:
    match = re.search(r"^<TYPE>[ \t]*([345])(/A)?", text[:2000], re.M | re.I)
    return match.group(1) if match else None


def _section16(text: str, start: int, top: int, record: Record) -> None:
    match = _SECTION16.search(text, start, top)
    if match:
        line_start = text.rfind("\n", start, match.start()) + 1
        box = _SECTION16_BOX.search(text[line_start:match.start()])
        ticked = box is not None and "x" in box.group().lower()
        record.put("not_subject_to_section16", ticked, Evidence(match.group(), match.start(), match.end()))


def _amendment(sheet: Sheet, item: Item | None, record: Record) -> bool:
    """True when box 'If Amendment, Date of Original' holds a date."""
    if item is None:
        return False
    for body, offset in value_lines(sheet, item):
        day = _exact_date(body)
        if day is not None:
            raw = day[1]
            record.put("date_of_original_submission", day[0], Evidence(raw, offset + body.index(raw), offset + body.index(raw) + len(raw)))
            return True
        month = _month_year(body)
        if month is not None:
            (year, mon), raw, at = month
            record.put("date_of_original_submission", date(year, mon, 1), Evidence(raw, offset + at, offset + at + len(raw)))
            record.infer("date_of_original_submission")
            return True
    return False


def _exact_date(body: str) -> tuple[date, str] | None:
    for pattern in (DATE_NUMERIC, DATE_WORDS):
        match = pattern.search(body)
        if match:
            value = parse_date(match.group())
            if value is not None:
                return value, match.group()
    return None


def _month_year(body: str) -> tuple[tuple[int, int], str, int] | None:
    match = _MONTH_YEAR.search(body)
    if not match:
        return None
    if match.group("month"):
        month, year = _MONTHS[match.group("month").lower()[:3]], int(match.group("year"))
    else:
        month, year = int(match.group("mm")), int(match.group("yy"))
        if year < 100:
            year += 2000 if year < 70 else 1900
    if not 1 <= month <= 12:
        return None
    return (year, month), match.group(), match.start()


# ---------------------------------------------------------------- issuer

# "Acme Corp. (ACME)", "Acme Corp. [ACME]", "Acme Corp. (Nasdaq: ACME)", "Acme Corp. - ACME",
# "Acme Corp.  Ticker Symbol: ACME".
_TICKER = re.compile(
    r"""
    (?:
        \s*[(\[]\s*(?:(?:NASDAQ|NYSE|AMEX|OTC\s*BB|OTC|Nasdaq\s+NM)\s*[:\-]?\s*)?
            (?P<a>[A-Z][A-Za-z0-9.\-]{0,7})\s*[)\]]
      | \s+[-–]\s+(?P<b>[A-Z][A-Z0-9.]{0,6})
      | [,;]?\s+(?:Ticker\s+|Trading\s+)?Symbol\s*:?\s*(?P<c>[A-Z][A-Z0-9.]{0,6})
    )\s*$""",
    re.X | re.I,
)


def _issuer(sheet: Sheet, item: Item | None, record: Record) -> None:
    if item is None:
        record.warn("Issuer box (Issuer Name and Ticker or Trading Symbol) not found.")
        return
    lines = value_lines(sheet, item)
    if not lines:
        record.warn("Issuer box is empty.")
        return
    body, offset = lines[0]
    match = _TICKER.search(body)
    if match is None and len(lines) > 1:  # ticker on a line of its own
        second, at = lines[1]
        ticker = _TICKER.search(" " + second) or re.fullmatch(r"[(\[]?\s*([A-Z]{1,6})\s*[)\]]?", second)
        if ticker:
            symbol = next(g for g in ticker.groups() if g)
            pos = second.index(symbol)
            record.issuer.put("trading_symbol", symbol.upper(), Evidence(symbol, at + pos, at + pos + len(symbol)))
    elif match is not None:
        symbol = next(g for g in match.group("a", "b", "c") if g)
        pos = match.start() + match.group().index(symbol)
        record.issuer.put("trading_symbol", symbol.upper(), Evidence(symbol, offset + pos, offset + pos + len(symbol)))
        body = body[: match.start()]
    name = body.strip().rstrip(",;-").strip()
    if name:
        record.issuer.put("name", name, Evidence(name, offset, offset + len(name)))


# ---------------------------------------------------------------- period of report


def _period(sheet: Sheet, boxes: dict[str, Item], kind: str | None, record: Record) -> None:
    """Form 3: date of event; Form 4: earliest transaction (inferred); Form 5: fiscal year end."""
    if kind == "3":
        item = boxes.get("event")
        for body, offset in value_lines(sheet, item) if item else []:
            day = _exact_date(body)
            if day:
                at = offset + body.index(day[1])
                record.put("period_of_report", day[0], Evidence(day[1], at, at + len(day[1])))
                return
        record.warn("Date of event requiring statement not found.")
        return
    item = boxes.get("statement")
    stated = None
    for body, offset in value_lines(sheet, item) if item else []:
        day = _exact_date(body)
        if day:
            at = offset + body.index(day[1])
            stated = (day[0], Evidence(day[1], at, at + len(day[1])), False)
            break
        month = _month_year(body)
        if month:
            (year, mon), raw, at = month
            last = date(year, mon, calendar.monthrange(year, mon)[1])
            stated = (last, Evidence(raw, offset + at, offset + at + len(raw)), True)
            break
    if kind == "4":
        dated = [r for r in record.non_derivative + record.derivative if r.transaction_date]
        if dated:
            first = min(dated, key=lambda r: r.transaction_date)
            record.put("period_of_report", first.transaction_date, first.evidence.get("transaction_date"))
            record.infer("period_of_report")
            return
        if stated is None:
            record.warn("Statement month not found and no transaction dates: period of report unknown.")
        return
    if stated is not None:
        record.put("period_of_report", stated[0], stated[1])
        if stated[2]:
            record.infer("period_of_report")
    elif kind == "5":
        record.warn("Fiscal year end (Statement for Issuer's Fiscal Year Ended) not found.")
