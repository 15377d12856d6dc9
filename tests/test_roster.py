"""The roster and the ledger, from records built by hand (the form parsers are tested elsewhere)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from insiders.model import Issuer, Offering, Owner, Person, PowerOfAttorney, Record, Relationship, Row, Signature
from insiders.names import fill_owner_names
from insiders.parse import power_of_attorney, press_release
from insiders.roster import build_ledger, build_roster

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def form3() -> Record:
    rec = Record(source="f3.txt", document_type="3", period_of_report=date(2013, 10, 1))
    rec.issuer = Issuer(name="TECOGEN INC.", trading_symbol="TGEN")
    owner = Owner(name="PANORA ROBERT A", relationship=Relationship(is_officer=True, officer_title="COO and President"))
    fill_owner_names(owner)
    rec.reporting_owners.append(owner)
    rec.non_derivative.append(Row(kind="holding", security_title="Common Stock",
                                  shares_owned_following=Decimal(163350), direct_indirect="D"))
    rec.derivative.append(Row(derivative=True, kind="holding", security_title="Stock Option (Right to Buy)",
                              exercise_price=Decimal("2.6"), expiration_date=date(2021, 2, 14),
                              underlying_title="Common Stock", underlying_shares=Decimal(125000), direct_indirect="D"))
    rec.signatures.append(Signature(name="/s/ Robert A. Panora", date=date(2013, 10, 1)))
    rec.powers_of_attorney.append(PowerOfAttorney(grantor="Robert A. Panora",
                                                  attorneys_in_fact=["Bonnie J. Brown", "John N. Hatsopoulos"],
                                                  date=date(2013, 9, 23), company="Tecogen, Inc."))
    return rec


def press_2011() -> Record:
    rec = Record(source="pr.txt", document_type="press_release")
    rec.offering = Offering(date=date(2011, 12, 2), issuer_name="Tecogen Inc.")
    rec.issuer = Issuer(name="Tecogen Inc.")
    rec.people += [
        Person(name="Robert Panora", title="President and Chief Operating Officer", organization="Tecogen", role="executive"),
        Person(name="John Hatsopoulos", title="Chief Executive Officer", organization="Tecogen Inc.", role="executive"),
        Person(name="Pat Arcand", organization="Arcand & Madison PR", role="contact"),
    ]
    return rec


def form4(owned_following: int = 1200, shares: int = 200, code: str = "P", ad: str = "A", when=date(2014, 3, 5)) -> Record:
    rec = Record(source=f"f4-{when}.txt", document_type="4", period_of_report=when)
    rec.issuer = Issuer(name="Tecogen Inc", trading_symbol="TGEN")
    owner = Owner(name="Panora Robert", relationship=Relationship(is_officer=True, officer_title="President"))
    fill_owner_names(owner)
    rec.reporting_owners.append(owner)
    rec.non_derivative.append(Row(security_title="Common Stock", transaction_date=when, transaction_code=code,
                                  shares=Decimal(shares), acquired_disposed=ad,
                                  shares_owned_following=Decimal(owned_following), direct_indirect="D"))
    rec.signatures.append(Signature(name="/s/ Bonnie J. Brown, Attorney-in-Fact", date=when))
    return rec


def by_person(rows):
    return {row["person"]: row for row in rows}


def test_one_row_per_person_with_roles_from_every_document():
    rows = build_roster([form3(), press_2011()])
    people = by_person(rows)
    assert set(people) == {"Robert A. Panora", "John N. Hatsopoulos", "Bonnie J. Brown"}
    panora = people["Robert A. Panora"]
    assert panora["issuer"] == "TECOGEN INC." and panora["ticker"] == "TGEN"
    titles = {(r["title"], r["date"], r["document_type"]) for r in panora["roles"]}
    assert ("COO and President", "2013-10-01", "3") in titles
    assert ("President and Chief Operating Officer", "2011-12-02", "press_release") in titles
    assert panora["holdings"] == [{"security": "Common Stock", "shares": 163350, "direct_indirect": "D",
                                   "nature_of_ownership": None, "as_of": "2013-10-01", "source": "f3.txt",
                                   "document_type": "3"}]
    [option] = panora["options"]
    assert (option["shares"], option["exercise_price"], option["expiration_date"]) == (125000, 2.6, "2021-02-14")
    john = people["John N. Hatsopoulos"]
    roles = {(r["role"], r["for"]) for r in john["roles"]}
    assert roles == {("executive", None), ("attorney-in-fact", "Robert A. Panora")}
    assert sorted(john["documents"]) == ["f3.txt", "pr.txt"]


def test_press_contacts_from_other_firms_are_not_insiders():
    people = by_person(build_roster([form3(), press_2011()]))
    assert "Pat Arcand" not in people


def test_issuers_written_differently_are_one_issuer():
    rows = build_roster([form3(), press_2011(), form4()])
    assert len({row["issuer"] for row in rows}) == 1 and {row["ticker"] for row in rows} == {"TGEN"}


def test_latest_holding_wins_and_signature_attorney_is_a_role():
    people = by_person(build_roster([form4(owned_following=163550, when=date(2014, 3, 5)), form3()]))
    panora = people["Robert A. Panora"]
    assert [h["shares"] for h in panora["holdings"]] == [163550]
    bonnie = people["Bonnie J. Brown"]
    assert {"Robert A. Panora"} == {r["for"] for r in bonnie["roles"]}


def test_ledger_baseline_and_consistent_change():
    ledger = build_ledger([form3(), form4(owned_following=163550, shares=200)])
    common = [e for e in ledger if e["security"] == "Common Stock"]
    assert [(e["previous"], e["change"], e["expected"], e["reported"], e["flag"]) for e in common] == [
        (None, None, None, 163350, None),
        (163350, 200, 163550, 163550, None),
    ]


def test_ledger_flags_a_gap():
    ledger = build_ledger([form3(), form4(owned_following=170000, shares=200),
                           form4(owned_following=169000, shares=1000, code="S", ad="D", when=date(2014, 6, 1))])
    common = [e for e in ledger if e["security"] == "Common Stock"]
    assert common[1]["flag"] and "163,550" in common[1]["flag"]
    assert common[2]["flag"] is None  # 170,000 - 1,000 = 169,000


def test_ledger_order_does_not_depend_on_input_order():
    records = [form3(), form4(owned_following=163550)]
    assert build_ledger(records) == build_ledger(list(reversed(records)))


def test_joint_entity_owner_kept_apart_from_people():
    rec = form4()
    trust = Owner(name="Panora Family Trust", relationship=Relationship(is_ten_percent_owner=True))
    fill_owner_names(trust)
    rec.reporting_owners.append(trust)
    people = by_person(build_roster([rec]))
    assert people["Panora Family Trust"]["is_entity"] is True
    assert people["Robert Panora"]["is_entity"] is False


@pytest.mark.parametrize("name", ["press_release_tecogen_private_placement_2011.txt"])
def test_roster_from_parsed_press_release_and_poa(name):
    text = (SAMPLES / name).read_text()
    pr = Record(source=name, text=text)
    press_release.parse(text, pr)
    f3_text = (SAMPLES / "form3_tecogen_panora_markdown.txt").read_text()
    f3 = form3()
    f3.powers_of_attorney = power_of_attorney.find_all(f3_text, f3)
    people = by_person(build_roster([f3, pr]))
    assert "Robert A. Panora" in people and "John N. Hatsopoulos" in people
    assert len([p for p in people if "Panora" in p]) == 1


def test_done_criterion_with_parsed_press_releases_and_poa():
    """Form 3 built by hand (its parser is tested elsewhere); releases and POA parsed from samples/."""
    from insiders.commands.people import flatten

    records = []
    for name in ("press_release_tecogen_private_placement_2011.txt", "press_release_tecogen_private_placement_2013.txt"):
        text = (SAMPLES / name).read_text()
        rec = Record(source=name, text=text)
        press_release.parse(text, rec)
        records.append(rec)
    f3_text = (SAMPLES / "form3_tecogen_panora_markdown.txt").read_text()
    f3 = form3()
    f3.powers_of_attorney = power_of_attorney.find_all(f3_text, f3)
    records.append(f3)
    rows = [flatten(r) for r in build_roster(records)]
    panora = [r for r in rows if "Panora" in r["person"]]
    assert len(panora) == 1 and panora[0]["person"] == "Robert A. Panora"
    assert "COO and President (Form 3, 2013-10-01)" in panora[0]["roles"]
    assert "President and Chief Operating Officer (press release, 2011-12-02)" in panora[0]["roles"]
    assert panora[0]["holdings"] == "163,350 Common Stock D"
    assert panora[0]["options"] == "125,000 Stock Option (Right to Buy) at $2.60, expires 2021-02-14"
    john = [r for r in rows if "Hatsopoulos" in r["person"]]
    assert len(john) == 1 and john[0]["person"] == "John N. Hatsopoulos"
    assert "Chief Executive Officer (press release, 2011-12-02)" in john[0]["roles"]
    assert "attorney-in-fact for Robert A. Panora (Form 3, 2013-09-23)" in john[0]["roles"]
