"""Plain pdftotext: joint filers' owner blocks printed after the tables' cells.

The 2nd, 3rd ... owner blocks may come after Table II, each block's name first and
its relationship box right after it, their labels bunched elsewhere: the blocks are
paired with the labels after the first table only when the counts agree; a block's
name is never read as a table cell.
"""

from __future__ import annotations

from pathlib import Path

from insiders.model import Record
from insiders.parse import text_form, xml_form
from insiders.parse.text_scatter import owner_name_cell

FORMS = Path(__file__).parent / "fixtures" / "forms"


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


def test_late_owner_blocks_never_misnamed():
    """Blocks that cannot all be found (a name printed among the cells without its box
    next to it): no later owner is named, rather than a name paired with the wrong label."""
    truth = _truth("form4_joint_filers_person_trust_llc")
    text, record = _read("form4_joint_filers_person_trust_llc")
    for got, want in zip(record.reporting_owners, truth.reporting_owners):
        assert got.name in (None, want.name)
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
