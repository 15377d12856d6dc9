"""Press releases: dateline, issuer, offering terms and people, in several house styles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from insiders.model import Record
from insiders.parse import press_release

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "press"
SAMPLES = ROOT / "samples"


def read(path: Path) -> Record:
    text = path.read_text()
    record = Record(source=path.name, text=text)
    press_release.parse(text, record)
    return record


# (file, date, place, issuer, amount, price, shares, shares inferred?, security, type)
OFFERINGS = [
    (SAMPLES / "press_release_tecogen_private_placement_2011.txt", date(2011, 12, 2), "WALTHAM, Mass.", "Tecogen Inc.",
     "2937750", "0.80", "3672188", True, "restricted common stock", "private placement"),
    (SAMPLES / "press_release_tecogen_private_placement_2013.txt", date(2013, 11, 14), "WALTHAM, Mass.", "Tecogen Inc.",
     "3349700", "4.50", "744378", True, "restricted common stock", "private placement"),
    (FIXTURES / "businesswire_registered_direct.txt", date(2020, 3, 3), "CAMBRIDGE, Mass.",
     "Halvorsen Biotherapeutics, Inc.", "12500000", "5.00", "2500000", False, "common stock", "registered direct"),
    (FIXTURES / "globenewswire_public_offering.txt", date(2021, 6, 17), "AUSTIN, Texas", "Pecan Grid Systems Corp.",
     "13000000", "3.25", "4000000", False, "common stock", "public offering"),
    (FIXTURES / "plain_pipe_units.md", date(2019, 9, 9), "DENVER, CO", "Northwind Minerals Ltd.",
     "4200000", "0.70", "6000000", False, "units", "PIPE"),
    (FIXTURES / "accesswire_rights_offering.txt", date(2022, 5, 4), "BALTIMORE, MD", "Chesapeake Ferry Holdings Inc.",
     "3812340", "2.10", "1815400", False, "common stock", "rights offering"),
    (FIXTURES / "prnewswire_insider_purchase.txt", date(2016, 2, 11), "PORTLAND, Ore.", "Brightwater Foods, Inc.",
     None, "6.12", "50000", False, "common stock", "insider purchase"),
    (FIXTURES / "plain_private_placement_million.txt", date(2018, 10, 24), "PITTSBURGH, Pa.",
     "Keystone Robotics Corporation", "8000000", None, None, False, "Series B Convertible Preferred Stock",
     "private placement"),
]


@pytest.mark.parametrize("case", OFFERINGS, ids=[c[0].name for c in OFFERINGS])
def test_offering(case):
    path, when, place, issuer, amount, price, shares, inferred, security, kind = case
    record = read(path)
    offering = record.offering
    assert record.document_type == "press_release"
    assert (offering.date, offering.place, offering.issuer_name) == (when, place, issuer)
    assert offering.amount == (Decimal(amount) if amount else None)
    assert offering.price_per_share == (Decimal(price) if price else None)
    assert offering.shares == (Decimal(shares) if shares else None)
    assert ("offering/shares" in record.inferred) is inferred
    assert (offering.security, offering.offering_type) == (security, kind)


@pytest.mark.parametrize("case", OFFERINGS, ids=[c[0].name for c in OFFERINGS])
def test_evidence_points_at_the_text(case):
    record = read(case[0])
    for path, ev in record.iter_evidence():
        assert record.text[ev.start:ev.end] == ev.text, path


def test_exact_amount_preferred_over_headline_rounding():
    record = read(SAMPLES / "press_release_tecogen_private_placement_2013.txt")
    assert record.offering.amount == Decimal("3349700")  # headline says "Over $3.3 Million"
    assert record.offering.evidence["amount"].text == "\\$3,349,700"


def test_rounded_amount_when_that_is_all_there_is():
    text = "BOSTON, Mass., May 1, 2020 /PRNewswire/ -- Zeta Corp. today announced a $2.5 million private placement."
    record = Record(source="t", text=text)
    press_release.parse(text, record)
    assert record.offering.amount == Decimal("2500000")
    assert record.offering.shares is None and record.inferred == []


def test_use_of_proceeds():
    assert read(SAMPLES / "press_release_tecogen_private_placement_2011.txt").offering.use_of_proceeds == \
        "aid in company growth and continued product development"
    assert read(FIXTURES / "globenewswire_public_offering.txt").offering.use_of_proceeds.startswith("the expansion")
    assert read(FIXTURES / "plain_pipe_units.md").offering.use_of_proceeds == \
        "fund exploration drilling at the Copper Gulch project"


def people(path: Path) -> dict:
    return {p.name: (p.title, p.organization, p.role) for p in read(path).people}


def test_seed_people_quoted_with_titles():
    found = people(SAMPLES / "press_release_tecogen_private_placement_2011.txt")
    assert found["Robert Panora"][0] == "President and Chief Operating Officer"
    assert found["Robert Panora"][2] == "executive"
    assert found["John Hatsopoulos"] == ("Chief Executive Officer", "Tecogen Inc.", "executive")
    assert found["Pat Arcand"] == (None, "Arcand & Madison PR", "contact")


def test_quote_styles_and_contacts():
    found = people(FIXTURES / "plain_pipe_units.md")
    assert found["James O'Rourke"] == ("Chairman of the Board", "Northwind Minerals", "director")  # "commented X, T of O"
    assert found["Elaine Kowalczyk"] == ("Chief Executive Officer", None, "executive")  # "X, T, added"
    found = people(FIXTURES / "globenewswire_public_offering.txt")
    assert found["Marisol Ortega-Vance"] == ("Chief Financial Officer", "Pecan Grid", "executive")
    assert found["Daniel McAllister"] == (None, "Pecan Grid Systems Corp.", "contact")
    found = people(FIXTURES / "businesswire_registered_direct.txt")
    assert found["Ingrid M. Halvorsen"][2] == "executive"
    assert found["Carl Oduya"] == ("Chief Financial Officer", None, "contact")
    assert found["Rosa Lindqvist"] == (None, "Lindqvist Communications LLC", "contact")
    found = people(FIXTURES / "plain_private_placement_million.txt")
    assert found["Frank J. Kowalski Jr."][0] == "Chief Executive Officer"


def test_quoted_person_listed_once_even_as_contact():
    found = people(SAMPLES / "press_release_tecogen_private_placement_2013.txt")
    assert set(found) == {"Melinda M. Furse", "John N. Hatsopoulos"}


def test_ticker_read_from_the_first_sentence():
    assert read(FIXTURES / "businesswire_registered_direct.txt").issuer.trading_symbol == "HLVB"
    assert read(FIXTURES / "plain_pipe_units.md").issuer.trading_symbol == "NWMN"


def test_nothing_found_is_a_warning_not_an_error():
    record = Record(source="t", text="Today announced nothing at all.")
    press_release.parse(record.text, record)
    assert record.offering.amount is None and record.warnings
