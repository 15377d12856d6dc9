"""Turn printed values into typed ones: dates, numbers, money, codes, footnote marks.

Every parser (``insiders.parse.*``) calls these so that "$ 4.96", "4.96(2)" and
"<value>4.96</value>" all become ``Decimal("4.96")`` the same way.  Functions
here never raise on messy text: they return ``None`` when a value cannot be read.
Names live in ``insiders.names``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

# ---------------------------------------------------------------- footnote marks

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# One footnote mark as converters print it.  Order matters: the longest forms first.
FOOTNOTE_MARK = re.compile(
    r"""
    \^?\(\s*F?(?P<a>\d{1,3})\s*\)        # (1)  ^(1)  (F1)   lynx/pandoc/html2text
    | \[\s*F?(?P<b>\d{1,3})\s*\]         # [1]  [F1]
    | ⁽(?P<c>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})⁾          # ⁽¹⁾  pandoc unicode superscripts
    | \^(?P<d>\d{1,3})\^?                # ^1^  pandoc markdown superscript
    | <sup>\s*\(?F?(?P<e>\d{1,3})\)?\s*</sup>   # <sup>(1)</sup> left in markdown
    | (?<![A-Za-z0-9])F(?P<f>\d{1,3})(?![\d,.])   # F1 as in the XML ids
    """,
    re.VERBOSE,
)


# A character every footnote mark holds (each branch of FOOTNOTE_MARK has one): a
# text without any holds no mark, and most values and words have none.
_MARK_CHAR = re.compile(r"[(\[⁽^<F]")


def footnote_ids(text: str) -> list[str]:
    """Every footnote id marked in ``text``, in order, without repeats."""
    if _MARK_CHAR.search(text) is None:
        return []
    ids: list[str] = []
    for match in FOOTNOTE_MARK.finditer(text):
        fid = next(g for g in match.groups() if g is not None).translate(_SUPERSCRIPT_DIGITS)
        fid = str(int(fid))
        if fid not in ids:
            ids.append(fid)
    return ids


def split_marks(text: str) -> tuple[str, list[str]]:
    """A cell's value without its footnote marks, and the marks' ids.

    ``"$177.0568(6)"`` -> ``("$177.0568", ["6"])``; ``"S(5)"`` -> ``("S", ["5"])``.
    """
    ids = footnote_ids(text)
    if not ids:
        return text.strip(), []
    return FOOTNOTE_MARK.sub(" ", text).strip(), ids


# ---------------------------------------------------------------- numbers

_NUMBER = re.compile(
    r"""
    ^\(?\s*                      # an accountant's negative may open with (
    (?P<sign>-)?\s*
    (?:US)?\$?\s*                # currency sign, maybe spaced: "$ 4.96"
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)?   # 1,234,567 or 1234567
    (?P<frac>\.\d+)?             # .5 or .0568
    \s*\)?$
    """,
    re.VERBOSE,
)


def parse_number(text: str | None) -> Decimal | None:
    """``"62,500"`` -> 62500, ``"$ 4.96"`` -> 4.96, ``"$0"`` -> 0; anything else None."""
    if text is None:
        return None
    cleaned = text.strip().replace("\u00a0", " ").replace("\\$", "$")
    if not cleaned or cleaned in {"-", "--", "—", "N/A", "n/a"}:
        return None
    match = _NUMBER.match(cleaned)
    if not match or not (match.group("int") or match.group("frac")):
        return None
    digits = (match.group("int") or "0").replace(",", "") + (match.group("frac") or "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if match.group("sign") else value


# ---------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?!\d)")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DATE_WORDS = re.compile(
    r"""(?ix)
    \b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?
       |aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)
    \.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b
    """
)
DATE_DAY_FIRST_WORDS = re.compile(
    r"""(?ix)
    \b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:day\s+of\s+)?[-\s]?
    (?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?
       |aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)
    [-,\s]+(?P<year>\d{4})\b
    """
)


def _make_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    """The first date written in ``text`` (US month/day/year, ISO, or in words), else None."""
    if not text:
        return None
    if match := DATE_ISO.search(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := DATE_NUMERIC.search(text):
        return _make_date(int(match[3]), int(match[1]), int(match[2]))
    if match := DATE_WORDS.search(text):
        month = _MONTHS[match["month"].lower()[:3]]
        return _make_date(int(match["year"]), month, int(match["day"]))
    if match := DATE_DAY_FIRST_WORDS.search(text):
        month = _MONTHS[match["month"].lower()[:3]]
        return _make_date(int(match["year"]), month, int(match["day"]))
    return None


# ---------------------------------------------------------------- small vocabularies

def parse_code(text: str | None) -> str | None:
    """A transaction code letter: ``"S(1)"`` -> ``"S"``; anything else None."""
    if not text:
        return None
    value, _ = split_marks(text)
    value = value.strip().upper()
    if len(value) == 1 and value in "ACDEFGHIJKLMOPSUWXZ":
        return value
    return None


def parse_direct_indirect(text: str | None) -> str | None:
    if not text:
        return None
    value = split_marks(text)[0].strip().strip("()").upper()
    if value in {"D", "DIRECT"}:
        return "D"
    if value in {"I", "INDIRECT"}:
        return "I"
    return None


def parse_acquired_disposed(text: str | None) -> str | None:
    if not text:
        return None
    value = split_marks(text)[0].strip().strip("()").upper()
    return value if value in {"A", "D"} else None


def join_wrapped(lines: list[str]) -> str:
    """Lines of one wrapped paragraph as one line; a word broken at a hyphen is joined again."""
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out


def clean_text(text: str | None) -> str | None:
    """Collapse whitespace and strip markup leftovers; empty becomes None."""
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return text or None


def parse_bool_flag(text: str | None) -> bool | None:
    """XML-style booleans: 1/0, true/false, Y/N."""
    if text is None:
        return None
    value = text.strip().lower()
    if value in {"1", "true", "y", "yes", "x"}:
        return True
    if value in {"0", "false", "n", "no", ""}:
        return False
    return None
