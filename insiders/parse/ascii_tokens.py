"""Tokens of a data line in a typed pre-2003 form's table.

Used by ``ascii_tables``; words come from ``ascii_lines``.  Each word becomes a typed
token (date, money, number, fraction, blank such as "N/A" or "Immed.", single letter,
"Direct"/"Indirect", text, or a footnote mark alone); marks glued to a value
("$31.25(1)") are split off into ``Tok.marks``.  "$ 12.50" is one money token,
"27 1/2" one number, and single-spaced words one text phrase ("By Spouse").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ascii_lines import Word

_MARKS_TAIL = re.compile(r"(?:\(\s*\d{1,2}\s*\)|\[\s*\d{1,2}\s*\])+$")
_MARK_ID = re.compile(r"\d{1,2}")
_DATE = re.compile(r"\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})")
_MONEY = re.compile(r"\$\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")
_NUM = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
# Pre-2001 prices in fractions: "27 1/2", "$14 3/8", "7/8".
_FRACTION = re.compile(r"\d{1,2}/(?:2|4|8|16|32|64|100)")
_BLANK = re.compile(r"N/?A|None|-{1,3}|Immed\.?|Immediate(?:ly)?|\(\s*[A-Za-z]\s*\)?", re.I)
_DI_WORD = re.compile(r"Direct|Indirect", re.I)


@dataclass(slots=True)
class Tok:
    kind: str  # date money num blank letter di text mark
    raw: str  # the value without its glued marks
    start: int
    end: int
    x0: int
    x1: int
    marks: list[str] = field(default_factory=list)
    gap: int = 99  # blanks before it on its line


def _word_token(word: Word) -> Tok:
    text, marks = word.text, []
    tail = _MARKS_TAIL.search(text) if text[-1] in ")]" else None
    if tail and tail.start() == 0:
        return Tok("mark", "", word.start, word.start, word.x0, word.x1, _MARK_ID.findall(text))
    if tail:
        marks = [str(int(m)) for m in _MARK_ID.findall(tail.group())]
        text = text[: tail.start()]
    end = word.start + len(text)
    if _DATE.fullmatch(text):
        kind = "date"
    elif _FRACTION.fullmatch(text):
        kind = "frac"
    elif _MONEY.fullmatch(text) and text != "$":
        kind = "money"
    elif _NUM.fullmatch(text):
        kind = "num"
    elif _BLANK.fullmatch(text):
        kind = "blank"
    elif len(text) == 1 and text.isupper():
        kind = "letter"
    elif _DI_WORD.fullmatch(text):
        kind = "di"
    else:
        kind = "text"
    return Tok(kind, text, word.start, end, word.x0, word.x1, [str(int(m)) for m in marks])


def tokens(words: list[Word], text: str) -> list[Tok]:
    """Typed tokens of a line: '$' joined to its number, text words joined into phrases."""
    toks: list[Tok] = []
    prev_x1 = None
    for word in words:
        tok = _word_token(word)
        tok.gap = 99 if prev_x1 is None else word.x0 - prev_x1
        prev_x1 = word.x1
        if toks and toks[-1].raw == "$" and not toks[-1].marks and tok.kind == "num" and tok.gap <= 2:
            last = toks[-1]
            toks[-1] = Tok("money", text[last.start:tok.end], last.start, tok.end, last.x0, tok.x1, tok.marks, last.gap)
            continue
        if tok.kind == "frac":  # "27 1/2": the fraction belongs to the number before it
            last = toks[-1] if toks else None
            if last is not None and last.kind in ("num", "money") and not last.marks and tok.gap <= 1:
                last.raw, last.end, last.x1, last.marks = text[last.start:tok.end], tok.end, tok.x1, tok.marks
                continue
            tok.kind = "num"
        toks.append(tok)
    return _phrases(toks, text)


def _phrases(toks: list[Tok], text: str) -> list[Tok]:
    """Join single-spaced words into text phrases ("By Lindqvist Family Trust"); a letter or
    number between two such words belongs to the phrase ("Class A Common")."""
    out: list[Tok] = []
    for i, tok in enumerate(toks):
        prev = out[-1] if out else None
        joinable = prev is not None and prev.kind == "text" and not prev.marks and tok.gap <= 1
        if joinable and tok.kind in ("letter", "num", "di", "blank"):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            joinable = nxt is not None and nxt.kind == "text" and nxt.gap <= 1 and not tok.marks
        if joinable and tok.kind in ("text", "letter", "num", "di", "blank"):
            prev.raw, prev.end, prev.x1, prev.marks = text[prev.start:tok.end], tok.end, tok.x1, tok.marks
            continue
        out.append(tok)
    return out
