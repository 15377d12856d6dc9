"""Pre-2003 EDGAR ASCII Forms 3/4/5: fixed-width text documents inside <DOCUMENT> blocks.

Fixtures in tests/fixtures/ascii/ are written in three typing styles agents used:
column tables under '====' rules (a full submission), '____' rules with stacked
labels (a lone <DOCUMENT> block), and '|'-boxed tables.
"""

from __future__ import annotations

import pytest

import insiders

from conftest import FIXTURES

ASCII = FIXTURES / "ascii"


def extract(name):
    (record,) = insiders.extract(ASCII / name)
    return record.to_dict()


def rows(record, table):
    return [{k: v for k, v in row.items() if v not in (None, {}, False)} for row in record[table]]


def test_form4_submission_header_and_owner():
    r = extract("form4_2001_submission.txt")
    assert r["input_format"] == "edgar_submission"
    assert r["document_type"] == "4"
    assert r["accession_number"] == "0000912057-01-507731"
    assert r["issuer"] == {"cik": "0000740112", "name": "Chesapeake Instrument Corp.", "trading_symbol": "CHIN"}
    (owner,) = r["reporting_owners"]
    assert owner["cik"] == "0001093316"
    assert owner["display_name"] == "Margaret E. Halversen"
    assert owner["address"]["city"] == "Baltimore" and owner["address"]["zip"] == "21230"
    rel = owner["relationship"]
    assert rel["is_director"] and rel["is_officer"] and not rel["is_ten_percent_owner"]
    assert rel["officer_title"] == "Executive Vice President and Chief Financial Officer"
    assert r["signatures"][0]["name"] == "/s/ Margaret E. Halversen"
    assert r["signatures"][0]["date"] == "2001-04-09"


def test_form4_tables():
    r = extract("form4_2001_submission.txt")
    nd = r["non_derivative"]
    assert [(x["kind"], x["transaction_code"], x["shares"], x["acquired_disposed"]) for x in nd] == [
        ("transaction", "M", 4000, "A"), ("transaction", "S", 4000, "D"), ("holding", None, None, None),
        ("holding", None, None, None)]
    assert nd[0]["transaction_date"] == "2001-03-12"
    assert nd[1]["price_per_share"] == 31.25 and nd[1]["footnotes"] == {"price_per_share": ["1"]}
    assert nd[1]["shares_owned_following"] == 58250
    assert (nd[2]["shares_owned_following"], nd[2]["direct_indirect"], nd[2]["nature_of_ownership"]) == (12000, "I", "By Spouse")
    assert nd[3]["nature_of_ownership"] == "By 401(k) Plan" and nd[3]["footnotes"] == {"nature_of_ownership": ["2"]}
    (opt,) = r["derivative"]
    assert opt["security_title"] == "Employee Stock Option (right to buy)"
    assert (opt["exercise_price"], opt["transaction_code"], opt["shares"], opt["acquired_disposed"]) == (12.5, "M", 4000, "D")
    assert opt["date_exercisable"] is None and opt["footnotes"]["date_exercisable"] == ["3"]
    assert opt["expiration_date"] == "2008-06-30"
    assert (opt["underlying_title"], opt["underlying_shares"]) == ("Common Stock", 4000)
    assert opt["shares_owned_following"] == 16000 and opt["direct_indirect"] == "D"
    assert [f["id"] for f in r["footnotes"]] == ["1", "2", "3"]


def test_form3_lone_document():
    r = extract("form3_1999_document.txt")
    assert r["document_type"] == "3"
    assert r["period_of_report"] == "1999-08-02"
    assert r["issuer"]["name"] == "Prairie Rail Systems, Inc." and r["issuer"]["trading_symbol"] == "PRSI"
    (owner,) = r["reporting_owners"]
    assert owner["name"] == "Okafor, Chidi N." and owner["display_name"] == "Chidi N. Okafor"
    assert owner["relationship"]["officer_title"] == "Vice President, Operations"
    assert owner["address"]["state"] == "IL"
    nd = r["non_derivative"]
    assert [(x["security_title"], x["shares_owned_following"], x["direct_indirect"]) for x in nd] == [
        ("Common Stock, $.01 par value", 2350, "D"), ("Common Stock, $.01 par value", 400, "I")]
    assert nd[1]["nature_of_ownership"] == "By Custodian for Son"
    d = r["derivative"]
    assert [(x["security_title"], x["underlying_shares"], x["exercise_price"], x["expiration_date"]) for x in d] == [
        ("Stock Option (right to buy)", 20000, 9.875, "2009-08-01"),
        ("Stock Option (right to buy)", 5000, 9.875, "2009-08-01")]
    assert d[0]["footnotes"] == {"date_exercisable": ["2"]}
    assert d[1]["date_exercisable"] == "2000-08-02"


def test_form5_pipe_tables():
    r = extract("form5_2002_pipes.txt")
    assert r["document_type"] == "5"
    assert r["issuer"]["trading_symbol"] == "NGFI"
    rel = r["reporting_owners"][0]["relationship"]
    assert rel["is_director"] and rel["is_ten_percent_owner"] and not rel["is_officer"]
    nd = r["non_derivative"]
    assert [(x["transaction_code"], x["shares"]) for x in nd[:2]] == [("G", 10000), ("G", 2500)]
    assert nd[1]["footnotes"] == {"transaction_code": ["1"]}
    assert nd[2]["kind"] == "holding" and nd[2]["nature_of_ownership"] == "By Lindqvist Family Trust"
    assert nd[2]["footnotes"] == {"nature_of_ownership": ["2"]}
