"""Plain pdftotext: joint filers' owner blocks printed after (or among) the tables' cells.

The 2nd, 3rd ... owner blocks may come after Table II or interleaved with its last
cells, each block's name first, their labels bunched elsewhere: a name whose box opens
right after it is taken; one with a few table cells between only when the names then
match the labels after the first table in count.  Blocks are paired with those labels
only when the counts agree; a block's name is never read as a table cell, and the
table's cells read among the blocks stay the table's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from insiders.model import Record
from insiders.parse import text_form, xml_form
from insiders.parse.text_scatter import joint_filers, owner_name_cell

FORMS = Path(__file__).parent / "fixtures" / "forms"
RENDERS = Path(__file__).parent / "fixtures" / "pdftotext_marks"


def _read(fixture: str, name: str = "pdftotext.txt") -> tuple[str, Record]:
    text = (FORMS / fixture / name).read_text(encoding="utf-8")
    record = Record(source=name, text=text)
    text_form.parse(text, record)
    return text, record


def _truth(fixture: str) -> Record:
    xml = (FORMS / fixture / "source.xml").read_text(encoding="utf-8")
    truth = Record(source="source.xml", input_format="xml", text=xml)
    xml_form.parse(xml, truth)
    return truth


def _evidence_ok(text: str, record: Record) -> None:
    for path, ev in record.iter_evidence():
        assert ev.start is not None and text[ev.start:ev.end] == ev.text, path


def test_late_owner_blocks_named_and_addressed():
    truth = _truth("form3_joint_filers_fund_gp")
    text, record = _read("form3_joint_filers_fund_gp")
    assert [o.name for o in record.reporting_owners] == [o.name for o in truth.reporting_owners]
    got, want = record.reporting_owners[1].address, truth.reporting_owners[1].address
    for field in ("street1", "city", "state", "zip"):
        assert getattr(got, field) == getattr(want, field), field
    # the GP's name printed among Table II's cells is not the row's nature of ownership
    names = {o.name for o in truth.reporting_owners}
    assert all(row.nature_of_ownership not in names for row in record.derivative)
    _evidence_ok(text, record)


@pytest.mark.parametrize("fixture", ["form4_joint_filers_person_trust_llc", "form3_joint_filers_fund_gp"])
def test_late_owner_blocks_named_among_table_cells(fixture):
    """A later owner's name read among Table II's cells (the trust's) or right before
    its box: every owner named as filed, and Table II keeps its own cells (underlying
    title and amount, the nature of ownership read after the blocks)."""
    truth = _truth(fixture)
    text, record = _read(fixture)
    assert [o.name for o in record.reporting_owners] == [o.name for o in truth.reporting_owners]
    for got, want in zip(record.derivative, truth.derivative):
        assert (got.underlying_title, got.underlying_shares, got.nature_of_ownership) == (
            want.underlying_title, want.underlying_shares, want.nature_of_ownership)
        assert got.footnotes.get("nature_of_ownership") == want.footnotes.get("nature_of_ownership")
    assert len(record.derivative) == len(truth.derivative)
    _evidence_ok(text, record)


@pytest.mark.parametrize("path", [FORMS / "form4_joint_filers_person_trust_llc" / "pdftotext.txt",
                                  RENDERS / "late_name_with_anchor_1.txt"])
def test_loose_names_only_when_the_labels_agree(path):
    """A name with table cells between it and its box is taken only when the names then
    match the "Name and Address" labels after the first table in count: with one of
    those labels dropped, it is not (it stays whatever the table makes of it)."""
    text = path.read_text(encoding="utf-8")
    loose = "Castellanos Family Irrevocable Trust"

    def names(t: str) -> list[str]:
        return [t[a:t.index("\n", a)] for a in joint_filers(t).names]

    assert loose in names(text)
    label = "1. Name and Address of Reporting Person*"
    at = text.find(label, text.find("Table I"))
    cut = text[:at] + text[at + len(label):]
    assert loose not in names(cut)
    record = Record(source="x", text=cut)
    text_form.parse(cut, record)
    assert loose not in [o.name for o in record.reporting_owners]
    _evidence_ok(cut, record)


def test_late_name_read_with_its_anchor():
    """The trust's name printed with "(First)" under it (one paragraph): still its name,
    its address read from its block."""
    text = (RENDERS / "late_name_with_anchor_1.txt").read_text(encoding="utf-8")
    record = Record(source="x", text=text)
    text_form.parse(text, record)
    names = [o.name for o in record.reporting_owners]
    assert names == ["Castellanos Rafael D", "Castellanos Family Irrevocable Trust", "RDC Harbor Holdings LLC"]
    assert record.reporting_owners[2].address.street1 == "ONE HARBOR RIDGE PLAZA"
    assert record.reporting_owners[2].relationship.officer_title == "Chief Executive Officer"
    assert [(d.underlying_title, d.nature_of_ownership) for d in record.derivative] == [("Common Stock", "See Footnote")]
    _evidence_ok(text, record)


@pytest.mark.parametrize("path", [RENDERS / "late_footnote_cell_1.txt",
                                  FORMS / "form3_joint_filers_fund_gp" / "pdftotext.txt"])
def test_table_cell_after_an_officer_option_is_no_title(path):
    """A cell read right after a later box's "Officer (give title below)" that carries a
    footnote mark ("See Footnote(3)") is Table II's nature of ownership, not a title."""
    text = path.read_text(encoding="utf-8")
    record = Record(source="x", text=text)
    text_form.parse(text, record)
    assert [d.nature_of_ownership for d in record.derivative] == ["See Footnote"]
    for owner in record.reporting_owners:
        assert owner.relationship.officer_title is None
    _evidence_ok(text, record)


def test_owner_name_cell_shapes():
    assert owner_name_cell("Granite Spur Capital GP III, LLC", ["Director", "X"])
    assert owner_name_cell("Ellingsworth Nathaniel P", ["X", "Director"])
    assert owner_name_cell("Rivera Holdings LP", ["X 10% Owner"])
    # cells and form words are never names; nor a name-like line without the box after it
    assert not owner_name_cell("Common Stock", ["Director"])
    assert not owner_name_cell("See Footnote(1)", ["Director"])
    assert not owner_name_cell("By Family Trust", ["Director"])
    assert not owner_name_cell("Castellanos Family Irrevocable Trust", ["150,000", "I"])
    assert not owner_name_cell("$11.5", ["Director"])


def test_single_owner_layouts_unchanged():
    """Forms with one owner (plain and -layout) keep their one owner and its name."""
    for fixture in ("form4_gift_no_price", "form3_officer_holdings_options"):
        truth = _truth(fixture)
        for name in ("pdftotext.txt", "pdftotext_layout.txt"):
            text, record = _read(fixture, name)
            assert [o.name for o in record.reporting_owners] == [o.name for o in truth.reporting_owners]
            _evidence_ok(text, record)
