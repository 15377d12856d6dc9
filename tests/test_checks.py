"""Consistency warnings: for each check, a record that triggers it and one that does not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from insiders import checks
from insiders.model import Footnote, Owner, Record, Row, Signature


def form4(*rows: Row, **kw) -> Record:
    record = Record(source="t", document_type="4", **kw)
    for row in rows:
        (record.derivative if row.derivative else record.non_derivative).append(row)
    return record


def sale(shares, following, price=D("10"), **kw) -> Row:
    return Row(security_title="Common Stock", transaction_date=date(2024, 3, 1), transaction_code="S",
               shares=D(shares), acquired_disposed="D", price_per_share=price,
               shares_owned_following=D(following), direct_indirect="D", **kw)


def option(**kw) -> Row:
    base = dict(derivative=True, security_title="Stock Option (Right to Buy)", transaction_date=date(2024, 3, 1),
                transaction_code="A", shares=D(1000), acquired_disposed="A", exercise_price=D("4.96"),
                expiration_date=date(2034, 3, 1), underlying_title="Common Stock", underlying_shares=D(1000),
                shares_owned_following=D(1000), direct_indirect="D")
    base.update(kw)
    return Row(**base)


def warnings_of(check, record) -> list[str]:
    return list(check(record))


CASES = [
    # (check, record that warns, record that does not, words the warning must hold)
    (checks.owned_following_mismatch,
     lambda: form4(sale(100, 900), sale(100, 850)),
     lambda: form4(sale(100, 900), sale(100, 800)),
     "Table I row 2 (Common Stock): owned following is 850"),
    (checks.owned_following_mismatch,
     lambda: form4(Row(security_title="Common Stock", transaction_code="P", shares=D(500), acquired_disposed="A",
                       price_per_share=D(1), shares_owned_following=D(100))),
     lambda: form4(Row(security_title="Common Stock", transaction_code="P", shares=D(500), acquired_disposed="A",
                       price_per_share=D(1), shares_owned_following=D(600))),
     "500 acquired but only 100 owned following"),
    (checks.transaction_after_signature,
     lambda: form4(sale(1, 1), signatures=[Signature("/s/ A B", date(2024, 2, 1))]),
     lambda: form4(sale(1, 1), signatures=[Signature("/s/ A B", date(2024, 3, 3))]),
     "is after the signature date 2024-02-01"),
    (checks.form4_without_transaction,
     lambda: form4(),
     lambda: form4(not_subject_to_section16=True),
     "reports no transaction"),
    (checks.trade_without_price,
     lambda: form4(sale(1, 1, price=None)),
     lambda: form4(sale(1, 1, price=None, footnotes={"price_per_share": ["1"]})),
     "a sale (code S) with no price"),
    (checks.option_terms_missing,
     lambda: form4(option(exercise_price=None)),
     lambda: form4(option()),
     "an option with no exercise price"),
    (checks.option_terms_missing,
     lambda: form4(option(expiration_date=None)),
     lambda: form4(option(expiration_date=None, footnotes={"expiration_date": ["2"]})),
     "an option with no expiration date"),
    (checks.underlying_differs,
     lambda: form4(option(underlying_shares=D(2000))),
     lambda: form4(option(security_title="Series A Preferred", underlying_shares=D(2000))),
     "1,000 options but 2,000 underlying shares"),
    (checks.ticker_not_a_ticker,
     lambda: _with_ticker("Common Stock"),
     lambda: _with_ticker("BRK.B"),
     "does not look like a ticker"),
    (checks.footnote_links,
     lambda: form4(sale(1, 1, footnotes={"price_per_share": ["3"]})),
     lambda: form4(sale(1, 1, footnotes={"price_per_share": ["3"]}), footnotes=[Footnote("3", "Weighted average.")]),
     "footnote (3) on price per share has no footnote text"),
    (checks.footnote_links,
     lambda: form4(sale(1, 1, footnotes={"shares": ["1"]}), footnotes=[Footnote("1", "a"), Footnote("2", "b")]),
     lambda: form4(sale(1, 1, footnotes={"shares": ["1"]}), footnotes=[Footnote("1", "as in footnote 2"), Footnote("2", "b")]),
     "Footnote (2) is not pointed at by any cell"),
    (checks.officer_without_title,
     lambda: _with_officer(None),
     lambda: _with_officer("Chief Financial Officer"),
     "the officer box is ticked but no title is given"),
]


def _with_ticker(symbol):
    record = form4(sale(1, 1))
    record.issuer.trading_symbol = symbol
    return record


def _with_officer(title):
    owner = Owner(name="DOE JANE", display_name="Jane Doe")
    owner.relationship.is_officer = True
    owner.relationship.officer_title = title
    return form4(sale(1, 1), reporting_owners=[owner])


@pytest.mark.parametrize("check, bad, good, words", CASES, ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_check_warns_only_when_it_should(check, bad, good, words):
    found = warnings_of(check, bad())
    assert any(words in w for w in found), found
    assert warnings_of(check, good()) == []


def test_run_adds_warnings_once():
    record = form4(sale(1, 1, price=None))
    checks.run(record)
    checks.run(record)
    assert sum("with no price" in w for w in record.warnings) == 1
