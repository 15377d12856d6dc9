"""The words of vesting terms: vocabulary, canonical text, and the patterns over it.

``insiders.vesting`` reads vesting terms in stages; this module holds the data
those stages ask: number words, ordinals and fraction words, period words, and
``canonical(text)``, which rewrites a footnote so the patterns can stay small
(lower case, "thirty-six" -> 36, "one-third" -> 1/3, "first" -> 1st, dates as
``@YYYY-MM-DD@`` tokens, "February 15, 2012, 2013 and 2014" expanded to three
dates).  The recognisers in ``insiders.vesting`` match the patterns at the end of
this module against that canonical text; its clause stages (acceleration,
conditions, settlement) match the clause patterns against the footnote as written.
All regexes compiled once, here, each case-blind one with the words it cannot match
without (a cheap first look on ASCII text).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import regex

from . import normalize

# ====================================================================== vocabulary

CARDINALS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
}
# Denominators of fractions written in words: "one-third", "three quarters", "one half".
DENOMINATORS = {**{w: n for w, n in ORDINALS.items() if n > 2}, "half": 2, "quarter": 4}

# Months per period word.  Longer phrases first where one contains another.
PERIODS = [
    (r"monthly\s+anniversar(?:y|ies)", 1),
    (r"quarterly\s+anniversar(?:y|ies)", 3),
    (r"semi-?\s?annual(?:ly)?|bi-?annual(?:ly)?|every\s+6\s+months|each\s+6\s+month\s+period|half-?year(?:ly)?", 6),
    (r"quarterly|quarters?|every\s+3\s+months|calendar\s+quarters?", 3),
    (r"monthly|months?", 1),
    (r"annual(?:ly)?|yearly|years?|anniversar(?:y|ies)|per\s+annum", 12),
]
# Units for "3 years", "6 months after", "over 16 quarters".
UNIT_MONTHS = {"year": 12, "month": 1, "quarter": 3}

# ====================================================================== canonical text

_CARD = "|".join(sorted(CARDINALS, key=len, reverse=True))
_TEN = "|".join(TENS)
_UNIT_ORD = "|".join(w for w, n in ORDINALS.items() if n < 10)
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_DEN = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
_MONTH = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_YEAR = r"(?:19|20)\d\d"

# "February 15, 2012, 2013, 2014 and 2015" / "March 1 of each of 2020, 2021 and 2022".
YEAR_LIST = regex.compile(
    rf"""\b(?P<md>(?:{_MONTH})\.?\s+\d{{1,2}})(?:st|nd|rd|th)?
         (?:,?\s+|\s+(?:of|in)\s+(?:each\s+of\s+)?(?:the\s+years\s+)?)
         (?P<years>{_YEAR}(?:\s*,\s*(?:and\s+)?{_YEAR}(?!\s*(?:shares|options|units)))*
                   (?:\s*,?\s*and\s+{_YEAR})?)\b""",
    regex.I | regex.X,
)
ANY_DATE = regex.compile(
    "|".join(p.pattern.replace("(?ix)", "") for p in (normalize.DATE_ISO, normalize.DATE_WORDS, normalize.DATE_NUMERIC)),
    regex.I | regex.X,
)
FRACTION_WORDS = regex.compile(
    rf"\b(?P<n>{_CARD}|a)[-\s]+(?P<d>(?:(?:{_TEN})-?)?(?:{_DEN})s?|halves)\b(?!\s+(?:anniversar|installment|tranche|day|business))"
)
ORDINAL_WORDS = regex.compile(rf"\b(?:(?P<t>{_TEN})[-\s]+(?P<u>{_UNIT_ORD})|(?P<o>{_ORD}))\b")
CARDINAL_WORDS = regex.compile(rf"\b(?:(?P<t>{_TEN})(?:[-\s]+(?P<u>{_CARD}))?|(?P<c>{_CARD}))\b")
RESTATED = regex.compile(r"(?<=[\d%])\s*\(\s*\d[\d,./]*\s*%?\s*\)")  # "four (4)", "25% (25%)"
CANON_FIXES = [
    (regex.compile(r"(\d)\s*(?:percent|per\s+cent|pct\.?)(?!\w)"), r"\1%"),
    (regex.compile(r"(\d)\s+%"), r"\1%"),
    (regex.compile(r"(\d+/\d+)(?:st|nd|rd|th)s?\b"), r"\1"),
    (regex.compile(r"(\d)-(year|month|quarter|week|day)"), r"\1 \2"),
    (regex.compile(r"\binstal?lments?|\btranches?\b|\bincrements?\b"), "installments"),
    (regex.compile(r"\bone\s+hundred\b|\bhundred\b"), "100"),
    (regex.compile(r"[\"“”]|'(?!s\b)"), ""),
    (regex.compile(r"\s+"), " "),
]


def _words_to_int(tens: str | None, unit: str | None, table: dict[str, int]) -> int:
    return (TENS[tens] if tens else 0) + (table[unit] if unit else 0)


def _fraction_word(m: regex.Match) -> str:
    """'one-third' -> '1/3', 'thirty-sixth' -> '1/36'; 'four quarters' (a period) stays."""
    word = m["d"]
    if word.startswith("quarter") and "-" not in m[0] and not m.string.startswith(" of", m.end()):
        return m[0]
    n = 1 if m["n"] == "a" else CARDINALS[m["n"]]
    if word == "halves":
        return f"{n}/2"
    base = word[:-1] if word.endswith("s") and word[:-1] in DENOMINATORS or word.endswith("ths") else word
    tens, _, unit = base.partition("-")
    if unit:
        d = TENS.get(tens, 0) + ORDINALS.get(unit, 0)
    else:
        d = DENOMINATORS.get(base, 0)
        if not d:
            t = next((t for t in TENS if base.startswith(t)), None)
            d = TENS[t] + ORDINALS.get(base[len(t):], 0) if t else 0
    return f"{n}/{d}" if d else m[0]


def _date_token(value: date | None, raw: str) -> str:
    return f"@{value.isoformat()}@" if value else raw


_YEAR_RE = regex.compile(_YEAR)


def _expand_year_list(m: regex.Match) -> str:
    years = _YEAR_RE.findall(m["years"])
    if len(years) < 2:
        return m[0]
    tokens = [_date_token(normalize.parse_date(f"{m['md']}, {y}"), f"{m['md']}, {y}") for y in years]
    return ", ".join(tokens[:-1]) + " and " + tokens[-1]


# Cheap first looks, one per substitution below: a substitution runs only when the
# text holds a literal its pattern cannot match without (the literal is a necessary
# condition, so skipping gives the very same text).  Most footnotes skip most steps.
_DASHES = {cp: "-" for cp in (*range(0x2010, 0x2016), 0x2212)}
_SPACES = regex.compile(r"\s+")
_DIGIT = regex.compile(r"\d")  # YEAR_LIST and ANY_DATE both need one (\d as the regex module reads it)
_NEEDS = {  # literals (lower-case text) each CANON_FIXES pattern needs one of, in CANON_FIXES order
    0: ("per", "pct"),
    1: ("%",),
    2: ("/",),
    3: ("-",),
    4: ("instal", "tranche", "increment"),
    5: ("hundred",),
    6: ('"', "\u201c", "\u201d", "'"),
}
# The one step with no literal to need is the last, \s+ -> " ": it runs when _odd_space says it could change the text.
assert len(CANON_FIXES) == len(_NEEDS) + 1 and CANON_FIXES[-1][0].pattern == r"\s+", "keep _NEEDS in step with CANON_FIXES"
_CANON_STEPS = [(pattern, replacement, _NEEDS.get(i)) for i, (pattern, replacement) in enumerate(CANON_FIXES)]
_FRACTION_NEEDS = (*DENOMINATORS, "halves")
_ORDINAL_NEEDS = tuple(ORDINALS)
_CARDINAL_NEEDS = (*CARDINALS, *TENS)


_ASCII_SPACES = ("  ", "\t", "\n", "\x0b", "\x0c", "\r")  # what \s+ -> " " changes in ASCII text


def _odd_space(text: str) -> bool:
    """Whether ``_SPACES.sub(" ", text)`` could change ``text``."""
    return not text.isascii() or _has(text, _ASCII_SPACES)


def _has(text: str, literals) -> bool:
    """Whether one of ``literals`` is in ``text`` (``map`` of ``in``: no Python step a literal)."""
    return any(map(text.__contains__, literals))


def _date_or_token(m: regex.Match) -> str:
    return m[0] if m.string[m.start() - 1 : m.start()] == "@" else _date_token(normalize.parse_date(m[0]), m[0])


def _ordinal_digits(m: regex.Match) -> str:
    return f"{ORDINALS[m['o']] if m['o'] else _words_to_int(m['t'], m['u'], ORDINALS)}{_suffix(m)}"


def _cardinal_digits(m: regex.Match) -> str:
    return str(CARDINALS[m["c"]] if m["c"] else _words_to_int(m["t"], m["u"], CARDINALS))


@lru_cache(maxsize=1024)
def canonical(text: str) -> str:
    """Lower-cased text with numbers as digits and dates as ``@YYYY-MM-DD@``.  Pure, so cached."""
    c = text.replace("\u00a0", " ").replace("’", "'")
    if not c.isascii():
        c = c.translate(_DASHES)
    if _odd_space(c):
        c = _SPACES.sub(" ", c)
    if _DIGIT.search(c):
        if "19" in c or "20" in c:  # a year
            c = YEAR_LIST.sub(_expand_year_list, c)
        c = ANY_DATE.sub(_date_or_token, c)
    c = c.lower()
    if _has(c, _FRACTION_NEEDS):
        c = FRACTION_WORDS.sub(_fraction_word, c)
    if _has(c, _ORDINAL_NEEDS):
        c = ORDINAL_WORDS.sub(_ordinal_digits, c)
    if _has(c, _CARDINAL_NEEDS):
        c = CARDINAL_WORDS.sub(_cardinal_digits, c)
    for pattern, replacement, needs in _CANON_STEPS:
        if (_has(c, needs) if needs else _odd_space(c)):
            c = pattern.sub(replacement, c)
    if "(" in c:
        c = RESTATED.sub("", c)
    return c.strip()


def _suffix(m: regex.Match) -> str:
    n = ORDINALS[m["o"]] if m["o"] else _words_to_int(m["t"], m["u"], ORDINALS)
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# ====================================================================== clause patterns (original text)

# Words that make a clause an acceleration clause (noted, never scheduled).
ACCELERATION = regex.compile(
    r"""accelerat\w*                                   # "subject to acceleration", "vesting accelerates"
      |change\s+(?:in|of)\s+control                    # single-trigger vesting on a change in control
      |\b(?:death|disability|retirement)\b             # the person's death, disability, retirement
      |without\s+cause|good\s+reason|qualifying\s+termination   # a termination that accelerates
      |corporate\s+transaction|sale\s+of\s+the\s+company""",   # a sale of the issuer
    regex.I | regex.X,
)
# Sentence ends ("Mr. Doe" and "Inc. (the" are not), for splitting and for clause ends.
_ABBREV = r"(?<!\b(?:Mr|Mrs|Ms|Dr|Inc|Co|Corp|Cos|No|Nos|Jr|Sr|St|Ltd|L\.P|U\.S|vs|approx)\.)"
SENTENCE = regex.compile(rf"{_ABBREV}(?<=[.;])\s+(?=[A-Z(\d])")
SENTENCE_END = regex.compile(rf";|{_ABBREV}\.(?=\s+[A-Z(]|\s*$)")

# A condition's trigger words; the condition is what follows, to the clause end.
CONDITION = regex.compile(
    r"""
    \b(?P<trigger>if\s+and\s+when|if\s+and\s+only\s+if|only\s+if|only\s+upon|each\s+time:?
      |contingent\s+(?:up)?on|conditioned\s+(?:up)?on|subject\s+to|based\s+(?:up)?on
      |upon|if|when|once|after)
    \s+(?P<cond>[^;]*?)
    (?=,\s+(?:subject\s+to|provided|and\s+(?:will|shall))|;|(?<!\b(?:Mr|Mrs|Ms|Dr|Inc|Co|Corp|No|U\.S)\.)\.(?=\s+[A-Z(])|\.\s*$|$)
    """,
    regex.I | regex.X,
)
# What makes a clause a performance / event condition rather than a service one.
PERFORMANCE_WORDS = regex.compile(
    r"""performance|achiev|attain|milestone|goal|target|ebitda|revenue|earnings|net\s+income|profit
      |\bsales\b|stock\s+price|share\s+price|closing\s+(?:sale\s+)?price|market\s+capitali[sz]ation
      |shareholder\s+return|stockholder\s+return|\btsr\b|initial\s+public\s+offering|\bipo\b|listing
      |approval|financing|consummation|closing\s+of|trading\s+days|financials|metric|hurdle""",
    regex.I | regex.X,
)

# A text that only reports a past vesting event ("shares withheld upon the vesting of RSUs").
# A vesting word close before a condition's trigger: "will vest if and when", "vest upon achievement of".
VEST_NEAR = regex.compile(r"\b(?:un)?vest|exercisab|\bearned\b|\bbecome", regex.I)
SETTLEMENT = regex.compile(
    r"(?:upon|from|on|following|in\s+connection\s+with|as\s+a\s+result\s+of|due\s+to)\s+(?:the\s+)?(?:vesting|settlement|lapse)|withh[eo]ld",
    regex.I,
)
# Words of a vesting term that still lies ahead.
FORWARD = regex.compile(
    r"""\b(?:will|shall|to|may)\s+(?:fully\s+)?(?:vest|become)|\bvests?\s|\bvesting\s+(?:on|in|schedule|date|commencement)
      |become[s]?\s+(?:fully\s+)?(?:vested|exercisable)|exercisable\s+(?:on|in|as\s+to|beginning|commencing|immediately)
      |fully\s+vested|immediately\s+(?:vested|exercisable)|install?ments?|anniversar|ratabl""",
    regex.I | regex.X,
)
VEST_WORDS = regex.compile(r"\b(?:un|non-?)?vest|exercisab|install?ment|anniversar|\bcliff\b", regex.I)

# Cheap first looks, as for ``vesting_link.CUE_WORDS``: words (lowered) every match of a
# case-blind pattern holds one of, so that on ASCII text (where the pattern reads only ASCII
# letters) their absence says "no match" much faster than the pattern can.  One word a branch.
ACCELERATION_CUES = ("accelerat", "control", "death", "disability", "retirement", "cause", "reason",
                     "termination", "transaction", "company")
SETTLEMENT_CUES = ("vesting", "settlement", "lapse", "withh")


def settlement_in(text: str) -> bool:
    """``SETTLEMENT.search(text)``, looked for only where it could match."""
    if text.isascii() and not any(map(text.lower().__contains__, SETTLEMENT_CUES)):
        return False
    return SETTLEMENT.search(text) is not None


# Words (lowered) every PERFORMANCE_WORDS match holds one of: on ASCII text, where the
# case-blind regex reads only ASCII letters, substring tests tell "none" much faster.
PERFORMANCE_CUES = ("performance", "achiev", "attain", "milestone", "goal", "target", "ebitda", "revenue",
                    "earnings", "income", "profit", "sales", "price", "capitali", "return", "tsr", "offering",
                    "ipo", "listing", "approval", "financing", "consummation", "closing", "trading",
                    "financials", "metric", "hurdle")


# ====================================================================== canonical-text patterns

D = r"@\d{4}-\d\d-\d\d@"
AMT = r"""(?<![\w@$./,-])(?:\d+(?:\.\d+)?(?:\s\d+/\d+)?%|\d+/\d+(?![\d/])
          |\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?(?=\s(?:shares|options|rsus|psus|units|restricted|of\sthe|stock)))"""
AMOUNT = regex.compile(
    r"""(?:(?P<pct>\d+(?:\.\d+)?)(?:\s(?P<pn>\d+)/(?P<pd>\d+))?%|(?P<n>\d+)/(?P<d>\d+)|(?P<sh>[\d,]+(?:\.\d+)?))""",
    regex.X,
)
AMT_RE = regex.compile(AMT, regex.X)
DATE_TOKEN = regex.compile(D)
ORD_ANNIV = r"(?P<ord>\d+)(?:st|nd|rd|th)\s(?:(?P<per>monthly|quarterly|annual|year)\s)?anniversary"
# A moment relative to the grant date, or a date.
WHEN = regex.compile(
    rf"""(?P<date>{D})
      |{ORD_ANNIV}
      |(?P<n>\d+)\s(?P<unit>year|month|quarter)s?(?:\sanniversary|\s(?:after|from|following)\b)
      |\bafter\s(?:the\s)?(?P<n2>\d+)\s(?P<unit2>year|month|quarter)s?
      |(?P<zero>immediately|upon\sgrant|at\sgrant|(?:on|as\sof)\s(?:the\s)?(?:grant\sdate|date\sof\s(?:grant|issuance)))
      |(?P<first>the\sanniversary)""",
    regex.X,
)
# Dates that anchor a schedule rather than being a vesting date.
ANCHOR = regex.compile(
    rf"""(?:grant\sdate|date\sof\s(?:grant|the\sgrant|issuance)|granted|grant|commencement\sdate|start\sdate
         |anniversar(?:y|ies)(?:\sof)?|\bfrom|after|following|since|effective)\s*(?:,|of|on|is|was|being|\(|:)?\s*(?:the\s)?(?P<date>{D})""",
    regex.X,
)
# Dates inside conditions or "fully vested by" that are not vesting dates.
NOT_VESTING_DATE = regex.compile(rf"(?:ended|ending|end\sof|through|until|by|dated(?:\sas\sof)?|expir\w*\son|expires?|maturity\sdate\sof)\s(?:the\s)?{D}")
PAIR = regex.compile(
    rf"""(?P<amt>{AMT})(?P<gap>[^@%;/]{{0,80}}?)\b(?:on|as\sof|upon|at|after)\s(?:or\safter\s)?
         (?:the\searlier\sof\s(?:\(i\)\s)?)?(?:the\s)?(?P<when>{D}|(?:\d+(?:st|nd|rd|th)\s(?:(?:monthly|quarterly|annual)\s)?anniversary))""",
    regex.X,
)
SHARE_COUNT = regex.compile(r"^\s?of\s(?:the\s)?(\d{1,3}(?:,\d{3})+|\d+)\s")
PAIR_REVERSED = regex.compile(rf"(?P<when>{D})\s?[-:,]\s?(?P<amt>{AMT})")
DATE_LIST = regex.compile(rf"(?P<list>{D}(?:\s?,\s(?:and\s)?{D})*\s?,?\s(?:and|&)\s{D})")
ORD_LIST = regex.compile(
    r"(?P<list>\d+(?:st|nd|rd|th)(?:\s?,\s(?:and\s)?\d+(?:st|nd|rd|th))*\s?,?\s(?:and|&)\s\d+(?:st|nd|rd|th))\s(?:(?P<per>monthly|quarterly|annual)\s)?anniversaries"
)
COUNT = regex.compile(
    r"""\b(?P<n>\d+)\s(?:substantially\s)?(?:equal\s)?(?:consecutive\s|successive\s)?
          (?:(?P<per>annual|yearly|quarterly|monthly|semi-?annual)\s)?(?:and\s)?(?:equal\s)?installments
      |each\sof\sthe\s(?:1st\s|next\s|following\s|succeeding\s|subsequent\s)?(?P<n2>\d+)\s(?:subsequent\s|following\s|successive\s|consecutive\s)?
          (?:(?P<per2>monthly|quarterly|annual)\s)?(?P<noun>anniversaries|years|months|quarters|installment|vesting)
      |\bthe\s(?:1st|next|following)\s(?P<n3>\d+)\s(?:(?P<per3>monthly|quarterly|annual)\s)?(?P<noun3>anniversaries)""",
    regex.X,
)
DURATION = regex.compile(
    r"\b(?:over|during|for|within)\s(?:a\s|the\s)?(?:period\sof\s)?(?:next\s|following\s|subsequent\s)?(?P<n>\d+)\s(?P<unit>year|month|quarter)s?"
)
FIRST = regex.compile(
    rf"""(?:beginning|commencing|starting|first\sinstallments?\s(?:vesting|vests|will\svest|shall\svest|to\svest|becoming\s\w+)|with\sthe\s1st\sinstallments?\s\w+)
         (?:\son|\swith|\sas\sof)?\s(?:the\s)?(?P<when>{D}|{ORD_ANNIV}|\d+\s(?:year|month|quarter)s?\s(?:after|from|following)|date\sof\sgrant|grant\sdate)""",
    regex.X,
)
THEN = regex.compile(r"\b(?:thereafter|the\s(?:rest|remainder|balance)|remaining|then\s(?:in|vest))\b")
IMMEDIATE = regex.compile(
    r"""fully\s(?:vested|exercisable)|immediately\s(?:vested|exercisable)|(?:vested|exercisable|vest)\simmediately
      |(?:vested|vest|exercisable)\s(?:in\sfull\s|100%\s)?(?:up)?on\s(?:the\s)?(?:grant|issuance|date\sof\s(?:grant|issuance)|grant\sdate)
      |vested\sas\sof\s(?:the\s)?(?:grant|date\sof\s(?:grant|issuance)|grant\sdate)
      |not\ssubject\sto\s(?:any\s)?vesting|currently\sexercisable|exercisable\sat\sany\stime|exercisable\sin\sfull(?!\s(?:on|as|upon|beginning|after))""",
    regex.X,
)
RATABLE = regex.compile(r"equal|ratabl|pro[\s-]rata|evenly")
SINGLE_VERB = regex.compile(r"\b(?:un)?vest|exercisable|\bbecomes?\b")

# IMMEDIATE (case-sensitive, on lowered text) cannot match without one of these, on any text.
IMMEDIATE_CUES = ("vest", "exercisable")


def immediate_in(low: str) -> bool:
    """``IMMEDIATE.search(low)``, looked for only where it could match."""
    return any(map(low.__contains__, IMMEDIATE_CUES)) and IMMEDIATE.search(low) is not None
