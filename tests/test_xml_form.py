"""insiders.parse.xml_form: the SEC ownershipDocument XML, every field, on our own fixtures.

Fixtures (tests/fixtures/xml/, hand-written, fictional people and companies):
form3_holdings (X0206), form3_no_securities (X0306), form4_footnote_values (values
given only through footnotes, a holding filed before the transactions),
form4a_amendment, form5_x0202 (older schema, no aff10b5One), form4_joint_filers
(three owners, three signatures), form4_x0508_values (aff10b5One, totalValue,
valueOwnedFollowing, underlyingSecurityValue, dates with a zone suffix).
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from insiders import extract_text
from insiders.model import Record
from insiders.parse import xml_form

FIXTURES = Path(__file__).parent / "fixtures" / "xml"


def parse(name: str) -> Record:
    record = Record(source=name, input_format="xml")
    xml_form.parse((FIXTURES / name).read_text(encoding="utf-8"), record)
    return record


# ---------------------------------------------------------------- header fields


@pytest.mark.parametrize(
    "name, document_type, period, original, aff10b5one, nss16, no_securities",
    [
        ("form3_holdings.xml", "3", date(2014, 3, 10), None, None, None, False),
        ("form3_no_securities.xml", "3", date(2019, 11, 4), None, None, None, True),
        ("form4_footnote_values.xml", "4", date(2021, 8, 2), None, None, False, None),
        ("form4a_amendment.xml", "4/A", date(2020, 5, 14), date(2020, 5, 18), None, False, None),
        ("form5_x0202.xml", "5", date(2007, 12, 31), None, None, False, None),
        ("form4_joint_filers.xml", "4", date(2018, 9, 27), None, None, False, None),
        ("form4_x0508_values.xml", "4", date(2024, 2, 20), None, True, False, None),
    ],
)
def test_document_fields(name, document_type, period, original, aff10b5one, nss16, no_securities):
    record = parse(name)
    assert record.document_type == document_type
    assert record.period_of_report == period
    assert record.date_of_original_submission == original
    assert record.aff10b5one is aff10b5one
    assert record.not_subject_to_section16 is nss16
    assert record.no_securities_owned is no_securities
    assert record.warnings == []


def test_issuer_and_owner():
    record = parse("form3_holdings.xml")
    assert record.issuer.to_dict() == {"cik": "0009900101", "name": "Quillfeather Robotics Inc", "trading_symbol": "QFRB"}
    (owner,) = record.reporting_owners
    assert owner.cik == "0009900201"
    assert owner.name == "VANTERPOOL MAREN J"
    assert owner.address.to_dict() == {
        "street1": "C/O QUILLFEATHER ROBOTICS INC", "street2": "400 LANTERN WAY, SUITE 12",
        "city": "DULUTH", "state": "MN", "zip": "55802",
    }
    rel = owner.relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == (False, True, False, False)
    assert rel.officer_title == "Chief Technology Officer"  # whitespace collapsed
    assert owner.evidence["name"].path == "/ownershipDocument/reportingOwner[1]/reportingOwnerId/rptOwnerName"


def test_entity_escape_in_issuer_name():
    assert parse("form4_x0508_values.xml").issuer.name == "Corvane Holdings & Co."


def test_relationship_flags_true_false_words_and_missing():
    # "true"/"false" as well as "1"/"0"; a flag the XML leaves out is not stated (None).
    rel = parse("form4a_amendment.xml").reporting_owners[0].relationship
    assert (rel.is_director, rel.is_officer) == (True, False)
    rel = parse("form3_no_securities.xml").reporting_owners[0].relationship
    assert rel.is_director is True
    assert rel.is_officer is None and rel.is_ten_percent_owner is None and rel.is_other is None


def test_joint_filers():
    record = parse("form4_joint_filers.xml")
    assert [o.name for o in record.reporting_owners] == [
        "Larkspur Ventures IV, L.P.", "Larkspur Management IV, LLC", "NAKAMURA-BELL ROSALIND",
    ]
    assert [o.cik for o in record.reporting_owners] == ["0009900206", "0009900207", "0009900208"]
    second = record.reporting_owners[1].relationship
    assert second.is_other and second.is_ten_percent_owner
    assert second.other_text == "General partner of a 10% owner"
    assert record.reporting_owners[2].address.street2 is None
    assert len(record.signatures) == 3
    assert all(s.date == date(2018, 10, 1) for s in record.signatures)
    assert record.signatures[2].name == "/s/ Rosalind Nakamura-Bell"


# ---------------------------------------------------------------- rows


def test_holdings_and_derivative_holding():
    record = parse("form3_holdings.xml")
    first, second = record.non_derivative
    assert first.kind == second.kind == "holding"
    assert first.shares_owned_following == Decimal("12500") and first.direct_indirect == "D"
    assert second.shares_owned_following == Decimal("3000.5")
    assert second.nature_of_ownership == "By Vanterpool Family Trust"
    assert second.footnotes == {"shares_owned_following": ["1"], "nature_of_ownership": ["2"]}
    (option,) = record.derivative
    assert option.kind == "holding" and option.derivative
    assert option.exercise_price == Decimal("7.25")
    assert option.date_exercisable is None and option.footnotes == {"date_exercisable": ["3"]}
    assert option.expiration_date == date(2023, 3, 9)
    assert (option.underlying_title, option.underlying_shares) == ("Common Stock", Decimal("40000"))
    assert option.transaction_code is None and option.shares is None


def test_transactions_come_before_holdings():
    # The XML files the holding first; the corpus truth lists transactions first.
    rows = parse("form4_footnote_values.xml").non_derivative
    assert [r.kind for r in rows] == ["transaction", "transaction", "transaction", "holding"]
    assert rows[-1].shares_owned_following == Decimal("2000")  # "2,000" as filed
    assert rows[0].transaction_code == "M"


def test_price_only_through_a_footnote():
    rows = parse("form4_footnote_values.xml").non_derivative
    sale = rows[1]
    assert sale.price_per_share is None
    assert sale.footnotes == {"transaction_code": ["1"], "price_per_share": ["2"]}
    assert sale.deemed_execution_date == date(2021, 8, 2)
    assert sale.transaction_timeliness == "L"
    # The same fact written the other way: a value and a footnote on the same cell.
    other = rows[2]
    assert other.price_per_share == Decimal("41.0375")
    assert other.footnotes["price_per_share"] == ["3"]


def test_rsu_dates_and_price_only_through_footnotes():
    (rsu,) = parse("form4_footnote_values.xml").derivative
    assert rsu.exercise_price is None and rsu.date_exercisable is None and rsu.expiration_date is None
    assert rsu.footnotes == {"exercise_price": ["4"], "date_exercisable": ["5"], "expiration_date": ["5"]}
    assert (rsu.shares, rsu.acquired_disposed, rsu.shares_owned_following) == (Decimal(5000), "D", Decimal(15000))
    assert rsu.equity_swap is False


def test_form5_codes_timeliness_and_equity_swap():
    gift, late = parse("form5_x0202.xml").non_derivative
    assert gift.transaction_code == "G" and gift.transaction_timeliness == "E" and gift.voluntary is True
    assert late.transaction_timeliness == "L" and late.voluntary is None
    assert late.equity_swap is True and late.price_per_share == Decimal("18.5")
    assert late.footnotes == {"transaction_code": ["1"]}


def test_value_rows_and_fractional_shares():
    record = parse("form4_x0508_values.xml")
    (sale,) = record.non_derivative
    assert sale.transaction_date == date(2024, 2, 20)  # "2024-02-20-05:00"
    assert sale.shares == Decimal("1250.75") and sale.price_per_share == Decimal("88.1234")
    phantom, deferred = record.derivative
    assert phantom.kind == "transaction" and deferred.kind == "holding"
    assert phantom.shares is None and phantom.total_value == Decimal("250000")
    assert phantom.underlying_value == Decimal("250000") and phantom.underlying_shares is None
    assert phantom.value_owned_following == Decimal("410000.50") and phantom.shares_owned_following is None
    assert phantom.date_exercisable == date(2025, 2, 20) and phantom.footnotes == {"expiration_date": ["2"]}
    assert deferred.footnotes == {"exercise_price": ["3"], "date_exercisable": ["3"], "expiration_date": ["3"]}
    assert deferred.to_dict()["underlying_shares"] == 812.4


# ---------------------------------------------------------------- footnotes, remarks, signatures


def test_footnotes_and_remarks():
    record = parse("form3_holdings.xml")
    assert [f.id for f in record.footnotes] == ["1", "2", "3"]
    assert record.footnotes[0].text == "Includes 500.5 shares acquired under the Issuer's employee stock purchase plan."
    assert record.remarks is None  # <remarks></remarks>
    assert parse("form4_x0508_values.xml").remarks == "Signed under a power of attorney on file."


@pytest.mark.parametrize(
    "name, index, signer, attorney",
    [
        ("form3_holdings.xml", 0, "/s/ Orla Brightwater, Attorney-in-Fact", True),
        ("form4a_amendment.xml", 0, "/s/ Lionel Ashby for Dagny Ferreira-Holm", True),
        ("form4_x0508_values.xml", 0, "By: Tobias Wrenfield as attorney for Ingrid Sorensen", True),
        ("form4_footnote_values.xml", 0, "/s/ Augustine P. Tellwright", False),
        ("form5_x0202.xml", 0, "Horace Abernathy-Quill", False),
    ],
)
def test_signatures(name, index, signer, attorney):
    signature = parse(name).signatures[index]
    assert signature.name == signer
    assert signature.attorney_in_fact is attorney


@pytest.mark.parametrize("signature", [
    "<ownerSignature><signatureDate>2019-11-05</signatureDate></ownerSignature>",  # no name element
    "<ownerSignature><signatureName>  </signatureName><signatureDate>2019-11-05</signatureDate></ownerSignature>",
])
def test_signature_without_a_name_is_a_warning(signature):
    """Found by bench/fuzz.py: a signature whose name element is missing crashed the walk."""
    text = (FIXTURES / "form3_no_securities.xml").read_text(encoding="utf-8")
    start, end = text.index("<ownerSignature>"), text.index("</ownerSignature>") + len("</ownerSignature>")
    record = Record(source="x.xml", input_format="xml")
    xml_form.parse(text[:start] + signature + text[end:], record)
    assert record.signatures == []
    assert any("signature 1 has a date but no name" in w for w in record.warnings)


# ---------------------------------------------------------------- evidence


def test_evidence_paths():
    record = parse("form4_footnote_values.xml")
    ev = record.derivative[0].evidence
    assert "exercise_price" not in ev  # footnote only: no value, no evidence
    assert ev["shares"].path == "/ownershipDocument/derivativeTable/derivativeTransaction[1]/transactionAmounts/transactionShares/value"
    assert ev["shares"].text == "5000"
    sale = record.non_derivative[2].evidence
    assert sale["price_per_share"].path.endswith("nonDerivativeTransaction[3]/transactionAmounts/transactionPricePerShare/value")
    assert sale["transaction_code"].path.endswith("nonDerivativeTransaction[3]/transactionCoding/transactionCode")
    holding = record.non_derivative[3].evidence
    assert holding["shares_owned_following"].text == "2,000"
    assert holding["shares_owned_following"].path.startswith("/ownershipDocument/nonDerivativeTable/nonDerivativeHolding[1]/")
    options = parse("form3_holdings.xml").derivative[0].evidence
    assert options["exercise_price"].path == "/ownershipDocument/derivativeTable/derivativeHolding[1]/conversionOrExercisePrice/value"
    assert record.evidence["period_of_report"].path == "/ownershipDocument/periodOfReport"


def test_explain_output_has_paths():
    record = extract_text((FIXTURES / "form4a_amendment.xml").read_text(), "a.xml")
    evidence = record.to_dict(explain=True)["evidence"]
    assert evidence["non_derivative/0/price_per_share"] == {
        "text": "4.96",
        "path": "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[1]/transactionAmounts/transactionPricePerShare/value",
    }


# ---------------------------------------------------------------- robustness


def test_namespaced_document_and_bom():
    text = (FIXTURES / "form4a_amendment.xml").read_text()
    text = "\ufeff" + text.replace("<ownershipDocument>", '<ownershipDocument xmlns="urn:example:own">', 1)
    record = Record(source="ns.xml")
    xml_form.parse(text, record)
    assert record.document_type == "4/A" and record.non_derivative[0].shares == Decimal(10000)


def test_minimal_document_and_unknown_type():
    record = Record(source="min.xml")
    xml_form.parse("<ownershipDocument><documentType>13D</documentType></ownershipDocument>", record)
    assert record.document_type == "unknown"
    assert record.warnings  # a plain sentence, not an exception


def test_through_the_pipeline():
    record = extract_text((FIXTURES / "form4_joint_filers.xml").read_text(), "joint.xml")
    assert record.input_format == "xml"
    assert record.to_dict()["derivative"][0]["footnotes"]["exercise_price"] == ["1"]


def test_speed_per_file():
    texts = [p.read_text() for p in sorted(FIXTURES.glob("*.xml"))]
    rounds = 30
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            xml_form.parse(text, Record(source="speed"))
    per_file = (time.perf_counter() - started) / (rounds * len(texts))
    assert per_file < 0.005  # ~0.2-0.4 ms on a quiet core; generous for CI noise


def test_unreadable_values_become_warnings():
    text = (FIXTURES / "form4a_amendment.xml").read_text()
    text = text.replace("<value>10000</value>", "<value>ten thousand</value>").replace("<value>4.96</value>", "<value>1E999999</value>")
    text = text.replace("<transactionCode>P</transactionCode>", "<transactionCode>Q</transactionCode>")
    record = Record(source="bad.xml")
    xml_form.parse(text, record)
    row = record.non_derivative[0]
    assert row.shares is None and row.price_per_share is None and row.transaction_code is None
    assert len(record.warnings) == 3
    assert any("transactionShares/value" in w and "ten thousand" in w for w in record.warnings)
    assert row.shares_owned_following == Decimal(62500)  # the rest is still read
