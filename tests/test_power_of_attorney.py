"""Powers of attorney: standalone, appended to forms, as exhibits; several house styles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from insiders.model import Owner, Record
from insiders.parse import power_of_attorney

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "poa"
SAMPLES = ROOT / "samples"

CASES = [
    (SAMPLES / "form3_tecogen_panora_markdown.txt", "Robert A. Panora", ["Bonnie J. Brown", "John N. Hatsopoulos"],
     date(2013, 9, 23), "Tecogen, Inc.", ["3", "4", "5", "ID"]),
    (SAMPLES / "form4_tecogen_locke_option_pdf_scrambled.txt", "Benjamin M. Locke", ["David Garrison"],
     date(2014, 11, 17), "Tecogen Inc.", ["3", "4", "5", "ID"]),
    (FIXTURES / "standalone_three_attorneys.txt", "Theodore R. Vasquez",
     ["Margaret L. Okafor", "Steven Brandt", "Yuki Tanaka"], date(2019, 3, 5), "Lakeshore Semiconductor Corporation",
     ["3", "4", "5"]),
    (FIXTURES / "ex24_dated_line.txt", "Priscilla Anne Moreau", ["Gerald P. Ng", "Harriet Olsen"], date(2020, 7, 14),
     "Bluefin Aquaculture Holdings, Inc.", ["3", "4", "5", "144"]),
    (FIXTURES / "appended_to_form_markdown.md", "Owen T. McNeil", ["Victor Almeida", "Ruth Feldman-Sato"],
     date(2017, 1, 8), "Granite Peak Outdoor Co.", ["3", "4", "5"]),
    (FIXTURES / "pdf_scrambled_single_attorney.txt", "Lucia M. Brandt", ["Kwame Asante"], date(2015, 6, 2),
     "Saltmarsh Energy Inc.", ["3", "4", "5", "ID"]),
]


def find(path: Path, record: Record | None = None):
    text = path.read_text()
    record = record or Record(source=path.name, text=text)
    return power_of_attorney.find_all(text, record), record


@pytest.mark.parametrize("case", CASES, ids=[c[0].name for c in CASES])
def test_power_of_attorney(case):
    path, grantor, attorneys, when, company, forms = case
    [poa], record = find(path)
    assert (poa.grantor, poa.attorneys_in_fact, poa.date, poa.company, poa.forms) == \
        (grantor, attorneys, when, company, forms)
    assert record.inferred == [] and record.warnings == []
    for name, ev in poa.evidence.items():
        assert record.text[ev.start:ev.end] == ev.text, name


def test_two_powers_in_one_submission():
    text = (FIXTURES / "standalone_three_attorneys.txt").read_text() + "\n\n<DOCUMENT>\n" + \
        (FIXTURES / "ex24_dated_line.txt").read_text()
    found = power_of_attorney.find_all(text, Record(source="s", text=text))
    assert [p.grantor for p in found] == ["Theodore R. Vasquez", "Priscilla Anne Moreau"]


def test_grantor_inferred_from_the_form_owner_when_unsigned():
    text = ("POWER OF ATTORNEY\n\nKnow all by these presents, that the undersigned hereby constitutes and appoints "
            "Ada Quist the undersigned's true and lawful attorney-in-fact to execute Forms 3, 4 and 5.\n")
    record = Record(source="f", text=text, reporting_owners=[Owner(name="ROE RICHARD", display_name="Richard Roe")])
    [poa] = power_of_attorney.find_all(text, record)
    assert poa.grantor == "Richard Roe"
    assert record.inferred == ["powers_of_attorney/0/grantor"]
    assert poa.date is None and record.warnings


def test_a_form_that_only_mentions_a_power_of_attorney_has_none():
    text = "Remarks: Exhibit 24 - Power of Attorney\n/s/ Lora Blum, Attorney-in-Fact 02/03/2020\n"
    assert power_of_attorney.find_all(text, Record(source="f", text=text)) == []
