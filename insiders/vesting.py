"""Vesting terms: what vests when, read from the free text of footnotes.

``parse_vesting(text, grant_date=..., shares=...)`` turns one footnote
("25% of these options vest on each of the 4 subsequent anniversaries of the
grant date, 12/18/2014") into a ``model.Vesting`` with a computed schedule;
``attach(record)`` finds the footnotes that state vesting terms for each
option / RSU row and appends them to ``record.vesting`` (called from
``pipeline.finish``).  The words (vocabulary, canonical text, patterns) live in
``insiders.vesting_text``; ``insiders.calendar`` turns the result into a calendar.

How it reads (named stages, knowledge as data at the top):

1. *clauses*: acceleration clauses ("vest in full upon a change in control") and
   performance / event conditions ("if and when the Company reports positive
   EBITDA") are cut out of the text and kept as plain words;
2. *canonical text*: lower case, number words as digits ("thirty-six" -> 36,
   "one-third" -> 1/3, "first" -> 1st), dates as ``@YYYY-MM-DD@`` tokens
   (year lists "February 15, 2012, 2013 and 2014" expanded);
3. *recognisers*, most specific first: amounts per date, cliff followed by
   installments, date lists, ordinal anniversaries, periodic installments, a
   single date or anniversary; each yields parts (when, amount);
4. *tranches*: parts become dated tranches from the grant date with
   ``relativedelta`` (Jan 31 + 1 month = Feb 28/29); whole shares, the
   remainder in the last tranche; tranches before the grant date vest on it.

Never raises on messy text: a text with no vesting term gives ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from functools import lru_cache

import regex
from dateutil.relativedelta import relativedelta

from . import normalize
from .model import Record, Row, Tranche, Vesting
from .vesting_link import CUE_WORDS, cued as _cued
from .vesting_text import (  # the grammar the recognisers below ask
    ACCELERATION,
    ACCELERATION_CUES,
    AMOUNT,
    AMT_RE,
    ANCHOR,
    CONDITION,
    COUNT,
    DATE_LIST,
    DATE_TOKEN,
    DURATION,
    FIRST,
    FORWARD,
    NOT_VESTING_DATE,
    ORD_LIST,
    PAIR,
    PAIR_REVERSED,
    PERFORMANCE_CUES,
    PERFORMANCE_WORDS,
    PERIODS,
    RATABLE,
    SENTENCE,
    SENTENCE_END,
    SHARE_COUNT,
    SINGLE_VERB,
    THEN,
    UNIT_MONTHS,
    VEST_NEAR,
    VEST_WORDS,
    WHEN,
    canonical,
    immediate_in,
    settlement_in,
)

# Security titles (Table I) that carry vesting terms like options do.
RSU_LIKE = regex.compile(
    r"restricted|\brsus?\b|\bpsus?\b|performance\s+(?:share|stock)|stock\s+units?|phantom|unvested|deferred\s+stock",
    regex.I,
)

# A cheap first look: every term VEST_WORDS or IMMEDIATE can find holds one of these words.
_CUE_WORDS = CUE_WORDS
# Small patterns of the stages below, compiled once.
_LEADING_MARK = regex.compile(r"^\s*(?:\(\d{1,3}\)|\[\d{1,3}\]|F\d{1,3}[.:]?)\s+")
_VEST_CUE_CANON = regex.compile(r"\b(?:un|non-?)?vest|install|anniversar|cliff")
_CLAUSE_TRIM = regex.compile(r"^(?:and|but|or)\s+|[\s,;.]+$", regex.I)
_PERFORMANCE_CLAUSE = regex.compile(
    r"[^.;]*performance\s+(?:goals|criteria|conditions|metrics|milestones|targets|objectives|period)[^.;]*", regex.I
)
_DIGITS = regex.compile(r"\d+")
_SHARE_NUMBERS = regex.compile(r"\d{1,3}(?:,\d{3})+|\d{4,}")

# ====================================================================== parts -> tranches


@dataclass(slots=True)
class _Part:
    when: date | int  # a date, or months after the anchor
    frac: Fraction | None = None
    shares: Decimal | None = None
    rest: bool = False


def _amount(text: str) -> tuple[Fraction | None, Decimal | None]:
    m = AMOUNT.fullmatch(text.strip())
    if not m:
        return None, None
    if m["pct"]:
        value = Fraction(m["pct"]) + (Fraction(int(m["pn"]), int(m["pd"])) if m["pn"] and int(m["pd"]) else 0)
        return value / 100, None
    if m["n"]:
        return (Fraction(int(m["n"]), int(m["d"])) if int(m["d"]) else None), None
    try:
        return None, Decimal(m["sh"].replace(",", ""))
    except ArithmeticError:
        return None, None


def _period(text: str) -> int | None:
    for pattern, months, needs in _PERIOD_RES:
        if any(map(text.__contains__, needs)) and pattern.search(text):
            return months
    return None


# Literals each PERIODS pattern (in PERIODS order) cannot match without: a cheap first look.
_PERIOD_NEEDS = [("monthly",), ("quarterly",), ("annual", "every", "each", "half"), ("quarter", "every"), ("month",),
                 ("annual", "year", "anniversar", "per")]
_PERIOD_RES = [(regex.compile(rf"\b(?:{p})"), months, needs) for (p, months), needs in zip(PERIODS, _PERIOD_NEEDS, strict=True)]


def _when(m: regex.Match | None) -> date | int | None:
    if m is None:
        return None
    if m["date"]:
        return _token_date(m["date"])
    if m["ord"]:
        return int(m["ord"]) * {"monthly": 1, "quarterly": 3}.get(m["per"] or "", 12)
    if m["n"]:
        return int(m["n"]) * UNIT_MONTHS[m["unit"]]
    if m["n2"]:
        return int(m["n2"]) * UNIT_MONTHS[m["unit2"]]
    if m["zero"]:
        return 0
    return 12


def _token_date(token: str) -> date | None:
    try:
        return date.fromisoformat(token.strip("@"))
    except ValueError:
        return None


def _periodic(seg: str, rest: Fraction = Fraction(1), first_after: date | int | None = None) -> list[_Part] | None:
    """Equal installments every month / quarter / year: '4 equal annual installments'."""
    count = period = None
    if m := COUNT.search(seg):
        count = int(m["n"] or m["n2"] or m["n3"])
        per = m["per"] or m["per2"] or m["per3"]
        noun = m["noun"] or m["noun3"]
        period = _period(per) if per else (_period(noun) if noun and noun != "installment" else None)
    period = period or _period(DATE_TOKEN.sub(" ", AMT_RE.sub(" ", seg)).replace("installments", ""))
    duration = DURATION.search(seg)
    months = int(duration["n"]) * UNIT_MONTHS[duration["unit"]] if duration else None
    amounts = [a for a in AMT_RE.finditer(seg)]
    each_frac = each_shares = None
    for a in amounts:
        frac, shares = _amount(a[0])
        if frac is not None and 0 < frac <= rest:
            each_frac = frac
            break
        if shares is not None:
            each_shares = shares
            break
    if period is None and months and count and months % count == 0:
        period = months // count
    if period is None and months and not count:
        period = 12 if duration["unit"] == "year" and RATABLE.search(seg) else None
    if period is None:
        return None
    if count is None and months:
        count = months // period if months % period == 0 else None
    if count is None and each_frac:
        ratio = rest / each_frac
        nearest = round(ratio)
        count = nearest if nearest and abs(ratio - nearest) <= Fraction(nearest, 200) else None  # 2.0833% x 36
    if count is None and each_shares is None:
        return None
    first = None
    if f := FIRST.search(seg):
        first = _when(WHEN.search(f["when"])) if not f["when"].endswith(("grant", "grant date")) else period
    if count is None:
        return [_Part(when=("each", period, first, first_after), shares=each_shares)]  # type: ignore[arg-type]
    if count <= 0 or count > 600:
        return None
    frac = each_frac if each_frac is not None and each_shares is None else rest / count
    if each_frac is not None and (each_frac * count > rest or abs(each_frac * count - rest) < rest / 200):
        frac = rest / count  # "33.33% on each of 3": the whole, not 99.99% of it
    return _series(count, period, first, first_after, frac if each_shares is None else None, each_shares)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _add_months(day: date, months: int) -> date:
    """``day + relativedelta(months=months)`` without building one: Jan 31 + 1 month = Feb 28/29."""
    if type(day) is not date or type(months) is not int:
        return day + relativedelta(months=months)  # a datetime, or anything else: as relativedelta does it
    carry, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + carry, month0 + 1
    last = 29 if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else _MONTH_DAYS[month0]
    return day.replace(year=year, month=month, day=min(day.day, last))  # out of range raises as relativedelta's does


def _series(count, period, first, first_after, frac, shares) -> list[_Part]:
    whens: list[date | int]
    if isinstance(first, date):
        whens = [_add_months(first, i * period) for i in range(count)]
    elif isinstance(first, int):
        whens = [first + i * period for i in range(count)]
    elif isinstance(first_after, date):
        whens = [_add_months(first_after, (i + 1) * period) for i in range(count)]
    elif isinstance(first_after, int):
        whens = [first_after + (i + 1) * period for i in range(count)]
    else:
        whens = [(i + 1) * period for i in range(count)]
    parts = [_Part(when=when, frac=frac, shares=shares) for when in whens]
    if parts and frac is not None and shares is None:
        parts[-1].rest = True
    return parts


def _single(seg: str, need_verb: bool = True) -> list[_Part] | None:
    """One moment: 'vest in full on DATE', 'on the 3rd anniversary of the grant date'.

    With ``need_verb`` the moment must follow a vesting verb closely ("vesting on
    DATE"), so that "a stock dividend distributed on DATE" is not read as one.
    """
    found = None
    if need_verb:
        for verb in SINGLE_VERB.finditer(seg):
            found = next((m for m in WHEN.finditer(seg, verb.end(), verb.end() + 80) if _when(m) is not None), None)
            if found:
                break
    else:
        found = next((m for m in WHEN.finditer(seg) if _when(m) is not None), None)
    if found is None:
        return None
    amounts = list(AMT_RE.finditer(seg, 0, found.start()))
    amt = amounts[-1] if amounts and found.start() - amounts[-1].end() < 120 else None
    frac, shares = _amount(amt[0]) if amt else (Fraction(1), None)
    if frac is None and shares is None:
        frac = Fraction(1)
    return [_Part(when=_when(found), frac=frac, shares=shares)]


def _pairs(c: str) -> list[_Part]:
    parts = []
    for m in PAIR.finditer(c):
        frac, shares = _amount(m["amt"])
        if frac == 1 and (count := SHARE_COUNT.search(m["gap"])):
            frac, shares = None, _amount(count[1])[1]  # "100% of 5,017 RSUs vest on DATE"
        when = _when(WHEN.search(m["when"]))
        if when is not None and (frac is not None or shares is not None):
            parts.append(_Part(when=when, frac=frac, shares=shares))
    if len(parts) < 2:
        reversed_parts = []
        for m in PAIR_REVERSED.finditer(c):
            frac, shares = _amount(m["amt"])
            when = _token_date(m["when"])
            if when is not None:
                reversed_parts.append(_Part(when=when, frac=frac, shares=shares))
        if len(reversed_parts) >= 2:
            return reversed_parts
    return parts


def _date_list(c: str) -> list[_Part] | None:
    m = DATE_LIST.search(c)
    if not m:
        return None
    dates = [_token_date(t) for t in DATE_TOKEN.findall(m["list"])]
    if None in dates or len(dates) < 2:
        return None
    head = c[: m.start()]
    amt = AMT_RE.search(head[-80:])
    frac, shares = _amount(amt[0]) if amt else (None, None)
    if frac is None and shares is None and (RATABLE.search(c) or COUNT.search(c) or "each of" in head[-30:]):
        frac = Fraction(1, len(dates))
    parts = [_Part(when=d, frac=frac, shares=shares) for d in dates]  # type: ignore[arg-type]
    if frac is not None and frac * len(dates) == 1:
        parts[-1].rest = True
    return parts


def _ordinal_list(c: str) -> list[_Part] | None:
    m = ORD_LIST.search(c)
    if not m:
        return None
    ords = [int(x) for x in _DIGITS.findall(m["list"])]
    unit = {"monthly": 1, "quarterly": 3}.get(m["per"] or "", 12)
    amt = AMT_RE.search(c[: m.start()][-80:])
    frac, shares = _amount(amt[0]) if amt else (None, None)
    if frac is None and shares is None:
        frac = Fraction(1, len(ords))
    parts = [_Part(when=o * unit, frac=frac, shares=shares) for o in ords]
    if frac is not None and frac * len(ords) == 1:
        parts[-1].rest = True
    return parts


def _composite(c: str) -> list[_Part] | None:
    """A cliff, then the rest: '25% after 1 year and the rest in 36 equal monthly installments'."""
    m = THEN.search(c)
    if not m:
        return None
    cut = c.rfind(",", 0, m.start())
    split_at = max(cut, c.rfind(" and ", 0, m.start()), c.rfind(" with ", 0, m.start()))
    head, tail = (c[:split_at], c[split_at:]) if split_at > 0 else (c[: m.start()], c[m.start():])
    head_parts = _pairs(head) or _single(head, need_verb=False)
    if not head_parts:
        return None
    if len(head_parts) > 1:
        head_parts = head_parts[:1] if not _pairs(head) else _pairs(head)
    taken = sum((p.frac for p in head_parts if p.frac is not None), Fraction(0))
    if not 0 <= taken < 1:
        return None
    last = head_parts[-1].when
    tail_parts = _periodic(tail, rest=1 - taken, first_after=last)
    if tail_parts is None:
        single = _single(tail, need_verb=False) or []
        if single and not AMT_RE.search(tail):
            single[0].frac, single[0].rest = 1 - taken, True
        tail_parts = single
    if not tail_parts:
        return None
    return head_parts + tail_parts


def _schedule(c: str) -> list[_Part]:
    """The parts of the canonical text, by the most specific recogniser that reads it."""
    pairs = _pairs(c)
    if len(pairs) >= 2 and not (THEN.search(c) and not all(isinstance(p.when, date) for p in pairs)):
        return pairs
    for recogniser in (_composite, _date_list, _ordinal_list, _periodic, _single):
        parts = recogniser(c)
        if parts:
            return parts
    return []


def _resolve(parts: list[_Part], anchor: date | None, grant: date | None, shares: Decimal | None) -> list[Tranche]:
    """Dated tranches: whole shares, the remainder in the last tranche, none before the grant."""
    if parts and isinstance(parts[0].when, tuple):  # N shares each period: the count follows from the grant
        kind, period, first, first_after = parts[0].when  # type: ignore[misc]
        each = parts[0].shares
        if shares is None or not each:
            return []
        count = int(-(-shares // each))
        if count > 600:
            return []
        parts = _series(count, period, first, first_after, None, each)
        for p in parts:
            p.shares = each
        parts[-1].shares = shares - each * (count - 1)
    dated: list[tuple[date, _Part]] = []
    for part in parts:
        if isinstance(part.when, date):
            dated.append((part.when, part))
        elif anchor is not None:
            dated.append((_add_months(anchor, part.when), part))
        else:
            return []
    dated.sort(key=lambda x: x[0])
    total_frac = _fraction_sum([p.frac for _, p in dated if p.frac is not None])
    if total_frac > 1:
        return []
    out: list[Tranche] = []
    # Tranches mostly share one fraction (or one count): what each gives is worked out once.
    # (Keyed by the Fraction's object, so that the cost of its hash is not paid: parts share
    # one object; a count by value.)
    positive = shares is not None and shares > 0
    by_frac: dict[int, tuple[Fraction, Decimal | None, Decimal | None]] = {}  # id -> (frac, count, _dec)
    by_count: dict[Decimal, Fraction] = {}
    decimals: dict[tuple | None, Decimal | None] = {}  # _dec of each fraction, keyed by its terms
    for when, part in dated:
        frac, count = part.frac, part.shares
        if count is None and frac is not None:
            known = by_frac.get(id(frac))
            if known is None:
                if positive:
                    count = (shares * Decimal(frac.numerator) / Decimal(frac.denominator)).to_integral_value(ROUND_FLOOR)
                known = by_frac[id(frac)] = (frac, count, _dec_of(frac, decimals))
            out.append(Tranche(date=when, shares=known[1], fraction=known[2]))
            continue
        if positive and frac is None and count is not None:
            frac = by_count.get(count)
            if frac is None:
                frac = by_count[count] = Fraction(count) / Fraction(shares)
        out.append(Tranche(date=when, shares=count, fraction=_dec_of(frac, decimals)))
    if shares is not None and out and total_frac == 1 and all(t.shares is not None for t in out):
        out[-1].shares = shares - sum((t.shares for t in out[:-1]), Decimal(0))
    return _merge(out, grant)


def _fraction_sum(fracs: list[Fraction]) -> Fraction:
    """``sum(fracs, Fraction(0))``: tranches mostly share one denominator, whose numerators
    are summed as integers (a Fraction's ``+`` costs microseconds)."""
    if not fracs:
        return Fraction(0)
    denominator = fracs[0].denominator
    numerators = []
    for frac in fracs:
        if frac.denominator != denominator:
            return sum(fracs, Fraction(0))
        numerators.append(frac.numerator)
    return Fraction(sum(numerators), denominator)


def _dec_of(frac: Fraction | None, decimals: dict) -> Decimal | None:
    """``_dec(frac)``, remembered in ``decimals`` by the fraction's terms."""
    key = None if frac is None else (frac.numerator, frac.denominator)
    if key not in decimals:
        decimals[key] = _dec(frac)
    return decimals[key]


_TEN_PLACES = Decimal("0.0000000001")


def _dec(frac: Fraction | None) -> Decimal | None:
    if frac is None:
        return None
    return (Decimal(frac.numerator) / Decimal(frac.denominator)).quantize(_TEN_PLACES).normalize()


def _merge(tranches: list[Tranche], grant: date | None) -> list[Tranche]:
    """Tranches before the grant vest on it; tranches on one date become one."""
    out: list[Tranche] = []
    for t in tranches:
        if grant is not None and t.date < grant:
            t = Tranche(date=grant, shares=t.shares, fraction=t.fraction)
        if out and out[-1].date == t.date:
            prev = out[-1]
            prev.shares = _add(prev.shares, t.shares)
            prev.fraction = _add(prev.fraction, t.fraction)
        else:
            out.append(t)
    return out


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


# ====================================================================== public


def parse_vesting(text, *, grant_date: date | None = None, shares=None) -> Vesting | None:
    """The vesting term stated in ``text``, or None when it states none.  Never raises."""
    if not isinstance(text, str) or not _cued(text):
        return None  # most footnotes (prices, ownership) say nothing of vesting
    try:
        count = _decimal(shares)
        try:  # a filing's rows often share one footnote: read each (text, grant, shares) once
            term = _parse_cached(text, grant_date, None if count is None else str(count))
        except TypeError:
            if _hashable(grant_date):
                raise
            term = _parse(text, grant_date, count)
        return None if term is None else _copy(term)
    except (regex.error, TimeoutError, ArithmeticError, ValueError, OverflowError, IndexError, KeyError, TypeError):
        clean = normalize.clean_text(text) or ""
        return Vesting(type="unknown", text=clean[:2000]) if VEST_WORDS.search(clean) else None


@lru_cache(maxsize=512, typed=True)
def _parse_cached(text: str, grant: date | None, shares: str | None) -> Vesting | None:
    """``_parse``, remembered (exceptions are not); callers get a copy, never this object."""
    return _parse(text, grant, None if shares is None else Decimal(shares))


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _copy(term: Vesting) -> Vesting:
    return Vesting(
        type=term.type,
        text=term.text,
        start_date=term.start_date,
        schedule=[Tranche(date=t.date, shares=t.shares, fraction=t.fraction) for t in term.schedule],
        condition=term.condition,
        acceleration=term.acceleration,
        row=term.row,
        footnote=term.footnote,
    )


def _cache_clear() -> None:
    """Forget remembered readings (for timing; results never depend on the caches)."""
    _parse_cached.cache_clear()
    canonical.cache_clear()


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _parse(text: str, grant: date | None, shares: Decimal | None) -> Vesting | None:
    clean = normalize.clean_text(text) or ""
    clean = _LEADING_MARK.sub("", clean)
    if len(clean) > 20000:
        clean = clean[:20000]
    sentences = [s for s in SENTENCE.split(clean) if s.strip()]
    relevant = [s for s in sentences if _relevant(s)]
    if not relevant:
        return None
    body = " ".join(relevant)
    if settlement_in(body) and not FORWARD.search(body):
        return None
    acceleration, body_wo = _accelerations(body)
    condition_words, schedule_text = _conditions(body_wo)
    c = canonical(schedule_text)
    anchor_m = ANCHOR.search(canonical(clean))
    text_anchor = _token_date(anchor_m["date"]) if anchor_m else None
    anchor = text_anchor or grant
    c_sched = c
    if anchor_m:
        c_sched = c_sched.replace(anchor_m["date"], "the grant date")
    c_sched = NOT_VESTING_DATE.sub(" ", c_sched)
    parts = _schedule(c_sched)
    schedule = _resolve(parts, anchor, grant, shares) if parts else []
    at_grant = bool(parts) and all(p.when == 0 or (grant and isinstance(p.when, date) and p.when <= grant) for p in parts)
    immediate = (not parts or at_grant) and immediate_in(c)
    if condition_words:
        kind = "performance"
    elif immediate:
        kind = "immediate"
        if grant is not None and not schedule:
            schedule = [Tranche(date=grant, shares=shares, fraction=Decimal(1))]
    elif parts:
        kind = "time"  # a schedule we read but cannot date (no grant date)
    elif acceleration or _VEST_CUE_CANON.search(c):
        kind = "unknown"
    else:
        return None
    return Vesting(
        type=kind,
        text=body,
        start_date=anchor,
        schedule=schedule,
        condition=condition_words,
        acceleration=acceleration,
    )


def _relevant(sentence: str) -> bool:
    """A sentence that names vesting: VEST_WORDS, or IMMEDIATE in lower case."""
    low = sentence.lower()
    if sentence.isascii() and not any(map(low.__contains__, _CUE_WORDS)):
        return False  # on ASCII text both patterns need one of these words
    return bool(VEST_WORDS.search(sentence)) or immediate_in(low)


def _accelerations(text: str) -> tuple[str | None, str]:
    """Acceleration clauses (from the last comma before the trigger to the clause end), and the text without them."""
    found: list[tuple[int, int]] = []
    if text.isascii() and not any(map(text.lower().__contains__, ACCELERATION_CUES)):
        return None, text  # (ACCELERATION cannot match: see ACCELERATION_CUES)
    for m in ACCELERATION.finditer(text, timeout=0.5):
        if found and m.start() < found[-1][1]:
            continue
        sentence_start = max((e.end() for e in SENTENCE_END.finditer(text, 0, m.start())), default=0)
        start = max(text.rfind(", ", 0, m.start()) + 2, sentence_start)
        end_m = SENTENCE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        found.append((start, end))
    if not found:
        return None, text
    clauses, kept, last = [], [], 0
    for start, end in found:
        clauses.append(_CLAUSE_TRIM.sub("", text[start:end].strip()))
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return "; ".join(c for c in clauses if c) or None, " ".join(kept)


def _conditions(text: str) -> tuple[str | None, str]:
    if text.isascii() and not any(map(text.lower().__contains__, PERFORMANCE_CUES)):
        return None, text  # (PERFORMANCE_WORDS cannot match: see PERFORMANCE_CUES)
    if not PERFORMANCE_WORDS.search(text):
        return None, text  # every condition kept below holds a performance word
    found: list[str] = []
    kept = text
    taken_to = 0
    for m in CONDITION.finditer(text, overlapped=True, timeout=0.5):
        if m.start() < taken_to:
            continue  # inside a condition already taken ("when" within "if and when")
        cond = m["cond"].strip(" ,;:")
        if not PERFORMANCE_WORDS.search(cond):
            continue
        if m["trigger"].lower() in ("upon", "after", "based on", "based upon", "subject to") and not _leads(cond):
            continue
        if not VEST_NEAR.search(text, max(0, m.start() - 100), m.start()):
            continue  # "calculated based on the share price" is not a vesting condition
        taken_to = m.end()
        if cond not in found:
            found.append(cond)
            kept = kept.replace(m[0], " ", 1)
    if not found and (m := _PERFORMANCE_CLAUSE.search(text)) and VEST_NEAR.search(m[0]):
        found.append(m[0].strip())
        kept = kept.replace(m[0], " ")
    return ("; ".join(found) or None), kept


def _leads(cond: str) -> bool:
    """A condition after a weak trigger ('upon', 'subject to') must name its subject early."""
    return bool(PERFORMANCE_WORDS.search(cond[:120]))


def attach(record: Record) -> None:
    """Append to ``record.vesting`` the vesting terms of each option / RSU row (``insiders.vesting_link``)."""
    from .vesting_link import attach as link

    link(record)
