"""Pre-2003 EDGAR ASCII Forms 3/4/5: fixed-width text documents inside <DOCUMENT> blocks.

Fixtures in tests/fixtures/ascii/ are written in three typing styles agents used:
column tables under '====' rules (a full submission), '____' rules with stacked
labels (a lone <DOCUMENT> block), and '|'-boxed tables.  Three more further down:
tab-typed columns with joint filers (a 4/A), capitals with "caption: value" boxes
(a 3/A), and the template with boxes side by side and prices in fractions.
"""

from __future__ import annotations

import pytest

import insiders

from conftest import CORPUS, FIXTURES, SAMPLES

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


# ---------------------------------------------------------------- two more typing styles
# form4a_2002_joint_tabs.txt: a 4/A typed with tabs (stops of 8), bare "X" boxes, joint filers
# in a "Joint Filer Information" attachment, signature dates on "Date:" lines below.
# form3a_2002_uppercase_colons.txt: a 3/A typed in capitals, values after "caption:", boxes
# after their labels ("DIRECTOR (X)"), dates in words, values given only by a footnote.


def test_form4a_amendment_period_and_issuer():
    r = extract("form4a_2002_joint_tabs.txt")
    assert r["input_format"] == "edgar_submission"
    assert r["document_type"] == "4/A"
    # "If Amendment, Date of Original (Month/Year)": 12/01 gives only a month
    assert r["date_of_original_submission"] == "2001-12-01"
    assert "date_of_original_submission" in r["inferred"]
    # Form 4: the earliest transaction date of both tables, inferred
    assert r["period_of_report"] == "2001-11-14" and "period_of_report" in r["inferred"]
    assert r["issuer"] == {"cik": None, "name": "Altamira Biosciences, Inc.", "trading_symbol": "ALTB"}
    assert r["not_subject_to_section16"] is False


def test_form4a_joint_filers_and_bare_x_boxes():
    r = extract("form4a_2002_joint_tabs.txt")
    first, second = r["reporting_owners"]
    assert first["name"] == "Redwood Ventures II, L.P." and second["name"] == "Redwood Management II, LLC"
    assert first["address"] == {"street1": "3000 Sand Hill Road, Building 2, Suite 150", "street2": None,
                                "city": "Menlo Park", "state": "CA", "zip": "94025"}
    assert second["address"]["city"] == "Menlo Park" and second["address"]["zip"] == "94025"
    for owner in (first, second):
        rel = owner["relationship"]
        assert rel["is_ten_percent_owner"] and not rel["is_director"] and not rel["is_officer"]


def test_form4a_tab_tables():
    r = extract("form4a_2002_joint_tabs.txt")
    assert rows(r, "non_derivative") == [
        {"kind": "transaction", "security_title": "Common Stock", "transaction_date": "2001-11-14",
         "transaction_code": "P", "shares": 150000, "price_per_share": 8.5, "acquired_disposed": "A",
         "shares_owned_following": 1650000, "direct_indirect": "I",
         "nature_of_ownership": "By Redwood Ventures II, L.P.", "footnotes": {"nature_of_ownership": ["1"]}},
        {"kind": "transaction", "security_title": "Common Stock", "transaction_date": "2001-11-15",
         "transaction_code": "P", "shares": 25000, "acquired_disposed": "A",
         "shares_owned_following": 1675000, "direct_indirect": "I",
         "nature_of_ownership": "By Redwood Ventures II, L.P.",
         "footnotes": {"price_per_share": ["2"], "nature_of_ownership": ["1"]}},
        {"kind": "holding", "security_title": "Common Stock", "shares_owned_following": 12500,
         "direct_indirect": "I", "nature_of_ownership": "By Redwood Affiliates Fund",
         "footnotes": {"nature_of_ownership": ["1"]}},
    ]
    (warrant,) = r["derivative"]
    # the title typed on the lines above its values
    assert warrant["security_title"] == "Common Stock Purchase Warrant (right to buy)"
    assert (warrant["exercise_price"], warrant["transaction_code"], warrant["shares"]) == (9, "P", 37500)
    assert warrant["acquired_disposed"] == "A"  # the amount sits in the (A) sub-column
    assert warrant["date_exercisable"] is None  # "Immed."
    assert warrant["expiration_date"] == "2006-11-14"
    assert (warrant["underlying_title"], warrant["underlying_shares"]) == ("Common Stock", 37500)
    assert warrant["price_per_share"] is None and warrant["footnotes"]["price_per_share"] == ["3"]
    assert warrant["shares_owned_following"] == 37500 and warrant["direct_indirect"] == "I"
    assert [f["id"] for f in r["footnotes"]] == ["1", "2", "3", "4"]
    assert r["footnotes"][1]["text"].startswith("Purchased in a series of open market transactions at prices ranging from")


def test_form3a_uppercase_boxes_after_labels():
    r = extract("form3a_2002_uppercase_colons.txt")
    assert r["document_type"] == "3/A"
    assert r["date_of_original_submission"] == "2002-03-04"
    assert r["period_of_report"] == "2002-02-22"  # "FEBRUARY 22, 2002" after the caption's colon
    assert r["inferred"] == []
    assert r["issuer"]["name"] == "ALTAMIRA BIOSCIENCES, INC." and r["issuer"]["trading_symbol"] == "ALTB"
    (owner,) = r["reporting_owners"]
    assert owner["name"] == "DESAI, PRIYA V." and owner["display_name"] == "Priya V. Desai"
    assert owner["address"] == {"street1": "1850 EMBARCADERO ROAD", "street2": None, "city": "PALO ALTO",
                                "state": "CA", "zip": "94303"}
    rel = owner["relationship"]
    assert rel["is_director"] and rel["is_other"] and not rel["is_officer"] and not rel["is_ten_percent_owner"]
    assert rel["other_text"] == "CHAIR, SCIENTIFIC ADVISORY BOARD" and rel["officer_title"] is None
    assert r["not_subject_to_section16"] is None  # Form 3 has no such box


def test_form3a_tables_footnote_only_values_and_stacks():
    r = extract("form3a_2002_uppercase_colons.txt")
    assert rows(r, "non_derivative") == [
        {"kind": "holding", "security_title": "COMMON STOCK", "direct_indirect": "D",
         "footnotes": {"shares_owned_following": ["1"]}},
        {"kind": "holding", "security_title": "COMMON STOCK", "shares_owned_following": 5000,
         "direct_indirect": "I", "nature_of_ownership": "BY SPOUSE"},
    ]
    option, note = r["derivative"]
    assert option["security_title"] == "NON-QUALIFIED STOCK OPTION (RIGHT TO BUY)"
    assert option["date_exercisable"] is None and option["footnotes"] == {"date_exercisable": ["2"]}
    assert option["expiration_date"] == "2012-02-21"  # two-digit year
    assert (option["underlying_title"], option["underlying_shares"], option["exercise_price"]) == ("COMMON STOCK", 40000, 14.25)
    assert note["security_title"] == "CONVERTIBLE PROMISSORY NOTE"
    assert (note["date_exercisable"], note["expiration_date"]) == ("2002-09-30", "2005-09-30")
    assert note["underlying_shares"] is None and note["footnotes"] == {"underlying_shares": ["3"]}
    assert note["nature_of_ownership"] == "BY DESAI FAMILY TRUST" and note["direct_indirect"] == "I"
    assert [f["id"] for f in r["footnotes"]] == ["1", "2", "3"]


def test_form4_side_by_side_boxes():
    # form4_1998_side_by_side.txt: the word-processor template with boxes side by side
    # ("1. Name and Address ...   2. Issuer Name and Ticker or / Trading Symbol"), wrapped
    # captions, "- ----" rules, prices in fractions, and Table II typed as "NONE".
    r = extract("form4_1998_side_by_side.txt")
    assert r["document_type"] == "4" and r["not_subject_to_section16"] is True
    assert r["issuer"]["name"] == "Granite Bay Bancorp" and r["issuer"]["trading_symbol"] == "GBBC"
    (owner,) = r["reporting_owners"]
    assert owner["name"] == "Whitcombe Harold J." and owner["display_name"] == "Harold J. Whitcombe"
    assert owner["address"] == {"street1": "48 Quarry Lane", "street2": None, "city": "Rockport",
                                "state": "MA", "zip": "01966"}
    rel = owner["relationship"]
    assert rel["is_director"] and rel["is_officer"] and not rel["is_other"]
    assert rel["officer_title"] == "President and Chief Executive Officer"
    assert r["period_of_report"] == "1998-06-03" and r["date_of_original_submission"] is None
    assert r["warnings"] == []


def test_form4_side_by_side_tables():
    r = extract("form4_1998_side_by_side.txt")
    nd = r["non_derivative"]
    assert [x["security_title"] for x in nd] == ["Common Stock, par value $1.00"] * 3
    assert (nd[0]["transaction_code"], nd[0]["voluntary"], nd[0]["shares"], nd[0]["acquired_disposed"]) == ("J", True, 1200, "D")
    assert nd[0]["price_per_share"] is None and nd[0]["shares_owned_following"] == 210345
    assert nd[1]["price_per_share"] == 27.5 and nd[1]["footnotes"] == {"price_per_share": ["1"]}  # "$27 1/2(1)"
    assert (nd[2]["kind"], nd[2]["shares_owned_following"], nd[2]["nature_of_ownership"]) == ("holding", 8750, "By ESOP")
    assert r["derivative"] == []


# ---------------------------------------------------------------- rules across all six layouts

SIGNATURES = [
    ("form3_1999_document.txt", [("/s/ Chidi N. Okafor", "1999-08-11")]),
    ("form4_2001_submission.txt", [("/s/ Margaret E. Halversen", "2001-04-09")]),
    ("form5_2002_pipes.txt", [("/s/ Tomas R. Lindqvist", "2003-02-10")]),
    ("form4a_2002_joint_tabs.txt", [("/s/ Anne K. Moreau", "2002-01-22")] * 2),  # "Date: 01/22/02" below
    ("form3a_2002_uppercase_colons.txt", [("/s/ Priya V. Desai", "2002-03-08")]),  # "DATE: 03/08/02" below
    ("form4_1998_side_by_side.txt", [("/s/ Harold J. Whitcombe", "1998-07-09")]),  # after "By:"
]
ALL = [name for name, _ in SIGNATURES]


@pytest.mark.parametrize("name,expected", SIGNATURES)
def test_signatures_dates_beside_or_below(name, expected):
    r = extract(name)
    assert [(s["name"], s["date"]) for s in r["signatures"]] == expected
    assert not any(s["attorney_in_fact"] for s in r["signatures"])


@pytest.mark.parametrize("name", ALL)
def test_records_valid_and_evidence_points_at_the_text(name, validate):
    (record,) = insiders.extract(ASCII / name)
    validate(record.to_dict())
    assert not [w for w in record.warnings if "could not" in w or "not found" in w]
    checked = 0
    for path, ev in record.iter_evidence():
        if ev.start is None:
            continue
        found = record.text[ev.start:ev.end]
        if "\n" not in found:  # single-line values: the exact characters
            assert found == ev.text, path
        assert found.split()[0] == ev.text.split()[0], path  # stacked cells: where they start
        checked += 1
    assert checked > 25


def test_looks_like_claims_typed_forms_only():
    from insiders.parse import ascii_form

    for name in ALL:
        text = (ASCII / name).read_text()
        body = text[text.index("<TEXT>") + 7:text.index("</TEXT>")]
        assert ascii_form.looks_like(text) and ascii_form.looks_like(body), name
    # Every sample but the typed pre-2003 one, which the samples' names say is ASCII.
    others = sorted(p for p in SAMPLES.glob("*.txt") if "ascii" not in p.name)
    others += sorted((FIXTURES / "forms").glob("*/*.txt"))
    others += sorted((FIXTURES / "forms").glob("*/old/*.txt"))
    others += sorted(CORPUS.glob("text/*/*.txt"))
    assert others
    claimed = [p for p in others if ascii_form.looks_like(p.read_text(errors="replace"))]
    assert claimed == []


def test_fast_enough():
    import time

    from insiders.model import Record
    from insiders.parse import ascii_form

    bodies = []
    for name in ALL:
        text = (ASCII / name).read_text()
        bodies.append(text[text.index("<TEXT>") + 7:text.index("</TEXT>")])
    start = time.perf_counter()
    for _ in range(20):
        for body in bodies:
            ascii_form.parse(body, Record(source="x"))
    per_file = (time.perf_counter() - start) / (20 * len(bodies))
    assert per_file < 0.02  # ~2 ms on a quiet machine; generous for CI
