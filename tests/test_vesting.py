"""Vesting terms: phrasings table (by provenance), properties, attach() on records."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insiders.model import Footnote, Record, Row
from insiders.vesting import attach, parse_vesting
from vesting_phrasings import BUGS, NEW, NONE, REAL, XFAIL, Case


def _check(case: Case) -> None:
    shares = None if case.shares is None else Decimal(str(case.shares))
    term = parse_vesting(case.text, grant_date=case.grant, shares=shares)
    if case.type is None:
        assert term is None, term and term.to_dict()
        return
    assert term is not None
    got = term.to_dict()
    assert got["type"] == case.type, got
    if case.schedule is not None:
        assert [(t["date"], t["shares"]) for t in got["schedule"]] == case.schedule, got["schedule"]
    if case.condition:
        assert got["condition"] and case.condition.lower() in got["condition"].lower(), got["condition"]
    if case.acceleration:
        assert got["acceleration"] and case.acceleration.lower() in got["acceleration"].lower(), got["acceleration"]


def _ids(cases):
    return [c.id for c in cases]


@pytest.mark.parametrize("case", REAL, ids=_ids(REAL))
def test_real(case):
    _check(case)


@pytest.mark.parametrize("case", NEW, ids=_ids(NEW))
def test_new(case):
    _check(case)


@pytest.mark.parametrize("case", BUGS, ids=_ids(BUGS))
def test_bugs(case):
    _check(case)


@pytest.mark.parametrize("case", NONE, ids=_ids(NONE))
def test_no_vesting_term(case):
    _check(case)


@pytest.mark.parametrize("case", XFAIL, ids=_ids(XFAIL))
@pytest.mark.xfail(strict=True, reason="known failure, see vesting_phrasings.XFAIL")
def test_known_failures(case):
    _check(case)


def test_table_size():
    assert len(REAL) + len(NEW) + len(BUGS) + len(NONE) + len(XFAIL) >= 60


# ---------------------------------------------------------------- properties

TEMPLATES = [
    "The option vests in {n} equal {per} installments.",
    "{pct}% of the options vest on each of the first {n} anniversaries of the grant date.",
    "The RSUs vest ratably over {n} years.",
    "25% of the shares vest on the first anniversary and the rest in {n} equal monthly installments thereafter.",
    "The option vests in {n} equal quarterly installments beginning on the first anniversary of the grant date.",
    "1/{n} of the shares vest each month.",
]
PERIOD_WORDS = ["annual", "quarterly", "monthly", "semi-annual"]

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
grants = st.one_of(st.integers(min_value=1, max_value=10_000_000), st.decimals(min_value=1, max_value=10**7, places=2))


@settings(max_examples=300, deadline=None)
@given(
    template=st.sampled_from(TEMPLATES),
    n=st.integers(min_value=1, max_value=60),
    per=st.sampled_from(PERIOD_WORDS),
    grant=dates,
    shares=grants,
)
def test_schedule_properties(template, n, per, grant, shares):
    text = template.format(n=n, per=per, pct=Decimal(100) / n)
    shares = Decimal(str(shares))
    term = parse_vesting(text, grant_date=grant, shares=shares)
    assert term is not None and term.type == "time", text
    schedule = term.schedule
    assert schedule, text
    # tranches add up to the grant, whole shares, remainder in the last tranche
    assert sum(t.shares for t in schedule) == shares
    assert all(t.shares == t.shares.to_integral_value() for t in schedule[:-1])
    if len(schedule) > 1:
        assert schedule[-1].shares >= max(t.shares for t in schedule[1:-1] or schedule[:1]) or "rest" in text
    # dates strictly increase, none before the grant date
    assert all(a.date < b.date for a, b in zip(schedule, schedule[1:]))
    assert schedule[0].date >= grant
    # fractions add up to one (as near as six places)
    assert abs(sum(t.fraction for t in schedule) - 1) < Decimal("0.000001") * len(schedule)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_messy_text(text):
    term = parse_vesting(text, grant_date=date(2020, 1, 31), shares=Decimal(100))
    assert term is None or term.type in {"time", "performance", "immediate", "unknown"}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["vest", "25%", "1/3", "on", "each", "of", "the", "first", "anniversary", "monthly",
                              "installments", "thereafter", "remaining", "March 1, 2020", ",", "and", "2021",
                              "equal", "four", "upon", "performance", "change in control", "fully vested"]),
             max_size=30)
)
def test_never_raises_on_vesting_word_salad(words):
    term = parse_vesting(" ".join(words), grant_date=date(2020, 1, 31), shares=Decimal(1000))
    if term is not None and term.schedule and term.type == "time":
        assert all(a.date < b.date for a, b in zip(term.schedule, term.schedule[1:]))
        assert term.schedule[0].date >= date(2020, 1, 31)


def test_fast_enough():
    texts = [c.text for c in REAL + NEW] * 5
    start = time.perf_counter()
    for text in texts:
        parse_vesting(text, grant_date=date(2020, 1, 1), shares=Decimal(1000))
    per_call = (time.perf_counter() - start) / len(texts)
    assert per_call < 0.002, per_call


def test_pathological_length_does_not_hang():
    text = "vest " + "25% on each of the first, " * 2000 + "anniversaries"
    start = time.perf_counter()
    parse_vesting(text, grant_date=date(2020, 1, 1), shares=Decimal(1000))
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------- attach()


def _form4() -> Record:
    record = Record(source="form4.txt", document_type="4")
    row = Row(derivative=True, security_title="Stock Option (Right to Buy)", exercise_price=Decimal("4.96"),
              transaction_date=date(2014, 12, 18), transaction_code="A", shares=Decimal(62500),
              acquired_disposed="A", underlying_title="Common Stock", underlying_shares=Decimal(62500))
    record.derivative.append(row)
    record.footnotes = [
        Footnote("1", "25% of these options vest on each of the 4 subsequent anniversaries of the grant date, 12/18/2014."),
        Footnote("2", "Subject to the terms of the option agreement, these options will vest if and when the Company "
                      "publicly releases audited financials indicating positive EBITDA for the fiscal year ended "
                      "December 31, 2015."),
    ]
    return record


def test_attach_unclaimed_footnotes_go_to_the_only_option_row():
    record = _form4()
    attach(record)
    assert [(v.row, v.footnote, v.type) for v in record.vesting] == [
        ("derivative/0", "1", "time"), ("derivative/0", "2", "performance")]
    assert [(t.date.isoformat(), int(t.shares)) for t in record.vesting[0].schedule] == [
        ("2015-12-18", 15625), ("2016-12-18", 15625), ("2017-12-18", 15625), ("2018-12-18", 15625)]
    assert "EBITDA" in record.vesting[1].condition


def test_attach_marked_footnote_date_exercisable_first():
    record = Record(source="form3.txt", document_type="3")
    row = Row(derivative=True, kind="holding", security_title="Stock Option (Right to Buy)",
              expiration_date=date(2021, 2, 14), underlying_title="Common Stock", underlying_shares=Decimal(125000),
              exercise_price=Decimal("2.6"), direct_indirect="D")
    row.add_footnotes("date_exercisable", ["1"])
    record.derivative.append(row)
    record.footnotes = [
        Footnote("1", "The option becomes exercisable in four equal installments on February 15, 2012, 2013, 2014 and 2015."),
        Footnote("2", "The reporting person disclaims beneficial ownership except to the extent of his pecuniary interest."),
    ]
    attach(record)
    assert len(record.vesting) == 1
    term = record.vesting[0].to_dict()
    assert (term["row"], term["footnote"], term["type"]) == ("derivative/0", "1", "time")
    assert [(t["date"], t["shares"]) for t in term["schedule"]] == [
        ("2012-02-15", 31250), ("2013-02-15", 31250), ("2014-02-15", 31250), ("2015-02-15", 31250)]


def test_attach_rsu_in_table_one_and_two_rows_by_marks():
    record = Record(source="f4.txt", document_type="4")
    rsu = Row(security_title="Restricted Stock Units", transaction_date=date(2020, 3, 1), transaction_code="A",
              shares=Decimal(300), acquired_disposed="A")
    rsu.add_footnotes("security_title", ["2"])
    common = Row(security_title="Common Stock", transaction_date=date(2020, 3, 1), transaction_code="S",
                 shares=Decimal(50), acquired_disposed="D")
    common.add_footnotes("price_per_share", ["1"])
    option = Row(derivative=True, security_title="Stock Option", transaction_date=date(2020, 3, 1),
                 transaction_code="A", shares=Decimal(4800), acquired_disposed="A")
    option.add_footnotes("date_exercisable", ["3"])
    record.non_derivative = [common, rsu]
    record.derivative = [option]
    record.footnotes = [
        Footnote("1", "The price reported is a weighted average price."),
        Footnote("2", "The RSUs vest in three equal annual installments beginning on the first anniversary of the grant date."),
        Footnote("3", "The option vests 25% on the first anniversary of the grant date and in 36 equal monthly "
                      "installments thereafter."),
    ]
    attach(record)
    got = [(v.row, v.footnote, len(v.schedule)) for v in record.vesting]
    assert got == [("derivative/0", "3", 37), ("non_derivative/1", "2", 3)]
    assert sum(t.shares for t in record.vesting[0].schedule) == 4800


def test_attach_exercise_row_uses_no_grant_date():
    """An option exercise (M) is not a grant: its date must not pull earlier tranches forward."""
    record = Record(source="f4.txt", document_type="4")
    row = Row(derivative=True, security_title="Stock Option", transaction_date=date(2016, 6, 1),
              transaction_code="M", shares=Decimal(1000), acquired_disposed="D")
    row.add_footnotes("date_exercisable", ["1"])
    record.derivative = [row]
    record.footnotes = [Footnote("1", "The option vested in two equal installments on March 1, 2014 and March 1, 2015.")]
    attach(record)
    assert [t.date.isoformat() for t in record.vesting[0].schedule] == ["2014-03-01", "2015-03-01"]


def test_attach_nothing_to_attach():
    record = Record(source="f4.txt", document_type="4")
    record.non_derivative = [Row(security_title="Common Stock", shares=Decimal(10))]
    record.footnotes = [Footnote("1", "Shares vest annually over three years.")]
    attach(record)
    assert record.vesting == []


# ---------------------------------------------------------------- the calendar and the command

import io  # noqa: E402
import json  # noqa: E402

from conftest import SAMPLES  # noqa: E402

from insiders.calendar import CALENDAR_COLUMNS, bucket_totals, vesting_calendar  # noqa: E402
from insiders.model import Issuer, Owner  # noqa: E402


def _owned(record: Record, name: str, display: str, ticker: str, issuer: str) -> Record:
    record.reporting_owners.append(Owner(name=name, display_name=display))
    record.issuer = Issuer(name=issuer, trading_symbol=ticker)
    return record


def _two_records() -> list[Record]:
    first = _owned(_form4(), "DOE JANE Q", "Jane Q. Doe", "ABC", "Abc Widgets Inc.")
    attach(first)
    second = Record(source="f3.txt", document_type="3")
    row = Row(derivative=True, kind="holding", security_title="Stock Option", exercise_price=Decimal("2.6"),
              underlying_shares=Decimal(1000))
    row.add_footnotes("date_exercisable", ["1"])
    second.derivative = [row]
    second.footnotes = [Footnote("1", "The option vests in two equal installments on June 30, 2016 and June 30, 2017.")]
    _owned(second, "ROE RICHARD", "Richard Roe", "XYZ", "Xyz Holdings Corp")
    attach(second)
    return [first, second]


def test_calendar_sorted_by_date_with_undated_terms_last():
    rows = vesting_calendar(_two_records())
    assert tuple(rows[0]) == CALENDAR_COLUMNS
    assert [(r["date"], r["ticker"], r["shares"]) for r in rows] == [
        ("2015-12-18", "ABC", 15625), ("2016-06-30", "XYZ", 500), ("2016-12-18", "ABC", 15625),
        ("2017-06-30", "XYZ", 500), ("2017-12-18", "ABC", 15625), ("2018-12-18", "ABC", 15625),
        (None, "ABC", None)]
    assert rows[-1]["type"] == "performance" and "EBITDA" in rows[-1]["condition"]
    assert rows[0]["exercise_price"] == 4.96 and rows[0]["security"] == "Stock Option (Right to Buy)"


def test_calendar_filters_dates_person_issuer():
    records = [r.to_dict() for r in _two_records()]  # dicts work as well as Records
    rows = vesting_calendar(records, start="2016-01-01", end=date(2017, 12, 31))
    assert [r["date"] for r in rows] == ["2016-06-30", "2016-12-18", "2017-06-30", "2017-12-18"]
    assert {r["person"] for r in vesting_calendar(records, person="Doe, Jane")} == {"Jane Q. Doe"}
    assert {r["person"] for r in vesting_calendar(records, person="RICHARD ROE")} == {"Richard Roe"}
    assert {r["ticker"] for r in vesting_calendar(records, issuer="xyz")} == {"XYZ"}
    assert {r["ticker"] for r in vesting_calendar(records, issuer="Abc Widgets")} == {"ABC"}
    assert vesting_calendar(records, person="Nobody Here") == []


def test_bucket_totals_fill_empty_months_and_switch_to_quarters():
    rows = [{"date": "2020-01-15", "shares": 10}, {"date": "2020-03-01", "shares": 5}, {"date": "2020-03-31", "shares": 1}]
    assert bucket_totals(rows) == ("month", [("2020-01", 10), ("2020-02", 0), ("2020-03", 6)])
    unit, buckets = bucket_totals(rows + [{"date": "2024-12-01", "shares": 1}])
    assert unit == "quarter" and buckets[0] == ("2020 Q1", 16) and buckets[-1] == ("2024 Q4", 1)


def test_timeline_draws_bars():
    from insiders.commands.vesting import print_timeline

    out = io.StringIO()
    print_timeline(vesting_calendar(_two_records()), stream=out)
    text = out.getvalue()
    assert "Shares vesting per quarter" in text and "2015 Q4" in text and "█" in text and "15,625" in text


def _samples_parse() -> bool:
    import insiders

    try:
        return bool(insiders.extract(str(SAMPLES / "form3_tecogen_panora_markdown.txt"))[0].derivative)
    except Exception:
        return False


needs_samples = pytest.mark.skipif(not _samples_parse(), reason="the text parsers do not read the samples yet")


@needs_samples
def test_seed_samples_end_to_end():
    import insiders

    form4 = insiders.extract(str(SAMPLES / "form4_tecogen_locke_option_pdf_scrambled.txt"))[0].to_dict()
    terms = [(v["row"], v["type"], [(t["date"], t["shares"]) for t in v["schedule"]]) for v in form4["vesting"]]
    assert terms[0] == ("derivative/0", "time", [("2015-12-18", 15625), ("2016-12-18", 15625),
                                                 ("2017-12-18", 15625), ("2018-12-18", 15625)])
    assert terms[1][:2] == ("derivative/0", "performance") and "EBITDA" in form4["vesting"][1]["condition"]
    form3 = insiders.extract(str(SAMPLES / "form3_tecogen_panora_markdown.txt"))[0].to_dict()
    assert [(v["row"], v["footnote"], [(t["date"], t["shares"]) for t in v["schedule"]]) for v in form3["vesting"]] == [
        ("derivative/0", "1", [("2012-02-15", 31250), ("2013-02-15", 31250), ("2014-02-15", 31250),
                               ("2015-02-15", 31250)])]


@needs_samples
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_vesting_command_formats(cli, fmt):
    code, out, err = cli(["vesting", str(SAMPLES), "--format", fmt, "--from", "2013-01-01", "--to", "2016-12-31"])
    assert code in (0, 1), err
    if fmt == "json":
        rows = json.loads(out)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        lines = out.splitlines()
        assert lines[0] == ",".join(CALENDAR_COLUMNS)
        rows = [dict(zip(CALENDAR_COLUMNS, line.split(","))) for line in lines[1:]]
    assert [r["date"] for r in rows] == ["2013-02-15", "2014-02-15", "2015-02-15", "2015-12-18", "2016-12-18"]
    assert "tranches" in err


@needs_samples
def test_vesting_command_person_and_issuer(cli):
    code, out, _ = cli(["vesting", str(SAMPLES), "-f", "jsonl", "--person", "Locke, Benjamin", "--issuer", "tgen"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["person"] for r in rows} == {"Benjamin M. Locke"} and len(rows) == 5


def test_vesting_command_bad_date_is_usage_error(cli):
    code, _, err = cli(["vesting", str(SAMPLES), "--from", "18/12/2014"])
    assert code == 2 and "--from wants a date as YYYY-MM-DD" in err


@pytest.mark.parametrize("case", REAL + NEW + BUGS + NONE + XFAIL, ids=_ids(REAL + NEW + BUGS + NONE + XFAIL))
def test_no_internal_errors(case):
    """parse_vesting hides internal errors as 'unknown'; the table must never hit one."""
    from insiders.vesting import _parse

    _parse(case.text, case.grant, None if case.shares is None else Decimal(str(case.shares)))


# ---------------------------------------------------------------- speed-ups keep the answers

@pytest.mark.parametrize("start", [date(2020, 1, 31), date(2020, 2, 29), date(2021, 12, 31), date(2019, 8, 31),
                                   date(2024, 3, 15)])
@pytest.mark.parametrize("months", [1, 2, 3, 6, 11, 12, 13, 24, 36, 48])
def test_month_arithmetic_rolls_like_relativedelta(start, months):
    from dateutil.relativedelta import relativedelta

    from insiders import vesting

    assert vesting._add_months(start, months) == start + relativedelta(months=months)


def test_a_changed_result_does_not_leak_through_the_cache():
    from insiders import vesting

    text = "25% of the options vest on each of the first four anniversaries of the grant date"
    first = vesting.parse_vesting(text, grant_date=date(2024, 1, 31), shares=1000)
    first.schedule.clear()
    first.row = "derivative/9"
    again = vesting.parse_vesting(text, grant_date=date(2024, 1, 31), shares=1000)
    assert len(again.schedule) == 4 and again.row is None
