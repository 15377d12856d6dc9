"""Plain pdftotext: relationship marks read by where a lone mark lands (text_marks).

A box whose only mark is a lone "X" and that prints no title is decided by the line
printed after the mark (judgements: all four options listed in ``record.inferred``).
Each rule is checked on two layouts or more: our fixtures' own pages, and the same
pages re-rendered with other boxes checked and other cell lengths
(tests/fixtures/pdftotext_marks/, see make_renders.py there).  The XML is the truth
for the fixtures; renders.json says which boxes a render checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from insiders.model import Record
from insiders.parse import text_form, text_marks, xml_form

HERE = Path(__file__).parent
FORMS = HERE / "fixtures" / "forms"
RENDERS = HERE / "fixtures" / "pdftotext_marks"
HOW = json.loads((RENDERS / "renders.json").read_text(encoding="utf-8"))
FLAGS = ("is_director", "is_ten_percent_owner", "is_officer", "is_other")


def _read(path: Path) -> tuple[str, Record]:
    text = path.read_text(encoding="utf-8")
    record = Record(source=str(path), text=text)
    text_form.parse(text, record)
    return text, record


def _want(name: str, owner: int = 0) -> tuple:
    """The boxes checked, from the fixture's XML or the render's spec."""
    if name in HOW:
        how = HOW[name]
        spec = how["header_box"] if owner == 0 and "header_box" in how else (
            how["later_boxes"][owner - 1] if owner else None)
        if spec is not None:
            return tuple(c == "1" for c in spec[:4])
        name = how["fixture"]
    xml = (FORMS / name / "source.xml").read_text(encoding="utf-8")
    truth = Record(source="source.xml", input_format="xml", text=xml)
    xml_form.parse(xml, truth)
    rel = truth.reporting_owners[owner].relationship
    return tuple(getattr(rel, f) for f in FLAGS)


def _path(name: str) -> Path:
    return RENDERS / f"{name}.txt" if name in HOW else FORMS / name / "pdftotext.txt"


def _check(name: str, owner: int = 0) -> None:
    text, record = _read(_path(name))
    rel = record.reporting_owners[owner].relationship
    assert tuple(getattr(rel, f) for f in FLAGS) == _want(name, owner)
    for field in FLAGS:  # a judgement: every option set from it is listed
        assert f"reporting_owners/{owner}/relationship/{field}" in record.inferred
    for path, ev in record.iter_evidence():
        assert ev.start is not None and text[ev.start:ev.end] == ev.text, path


# ---------------------------------------------------------------- the first owner's box

@pytest.mark.parametrize("name", [
    "form4_rsu_grant_footnote_dates",      # X / 3. Date of Earliest Transaction / ... / Director
    "form4_value_no_shares",               # X / (Middle) / ... / 10% Owner ... / Director
    "form5_late_transactions_holdings",    # X / 80202 / ... / Other ... / Director
    "header_cell_1",
])
def test_lone_mark_before_another_boxs_cell_is_directors(name):
    """The mark lands before a cell of another box (the block on its left): a left-column
    mark, and with no title printed, Director's."""
    _check(name)


@pytest.mark.parametrize("name", ["form4_reporting_owner_listed_company", "header_columns_1"])
def test_lone_mark_before_director_read_by_columns_is_ten_percent(name):
    """X / "Director" / "Officer ..." in one paragraph (or "10% Owner" / "Other" in one):
    the options were read a column at a time, which the 10% Owner mark causes."""
    _check(name)


@pytest.mark.parametrize("name", ["header_across_1", "header_across_2"])
def test_lone_mark_before_director_read_across_is_directors(name):
    """X / "Director" / "10% Owner" (each alone): read across, no 10% Owner mark."""
    _check(name)


@pytest.mark.parametrize("name", ["header_other_1", "header_other_2"])
def test_lone_mark_before_other_is_others(name):
    _check(name)


# ---------------------------------------------------------------- the joint filers' later boxes

@pytest.mark.parametrize("name, owner", [
    ("form4_joint_filers_person_trust_llc", 1),   # X / "10% Owner ..." (the trust)
    ("form4_joint_filers_person_trust_llc", 2),   # ... and RDC's box
    ("late_director_1", 2),                       # X / "Director ..."
    ("late_director_2", 2),
])
def test_late_box_mark_before_its_option(name, owner):
    _check(name, owner)


@pytest.mark.parametrize("name", ["form3_joint_filers_fund_gp", "late_officer_line_1"])
def test_late_box_mark_before_officer_without_title_is_ten_percent(name):
    """"Officer (give title below)" is one line, under 10% Owner's mark on the row above:
    a mark before it is Officer's, Other's or 10% Owner's; with no title, 10% Owner's."""
    _check(name, 1)


# ---------------------------------------------------------------- the rules on their own

def test_lone_mark_needs_one_mark_and_no_title():
    body = "Director\n\nX\n\n3. Date of Earliest Transaction\n\n10% Owner\n"
    assert text_marks.lone_mark("X\n\n3. Date of Earliest Transaction\n\nDirector\n\n10% Owner\n", False) == "director"
    assert text_marks.lone_mark(body, True) is None                    # a title: Officer or Other checked
    assert text_marks.lone_mark("X\n\nX\n\n" + body, False) is None     # two marks
    assert text_marks.lone_mark("X Director\n\nX\n\nOther\n", False) is None  # a mark on an option's line


def test_filing_and_top_box_marks_are_not_the_relationships():
    filing = "Director\n\n10% Owner\n\n6. Individual or Joint/Group Filing\n\nX\n\nForm filed by One Reporting Person\n"
    assert text_marks.lone_mark(filing, False) is None
    top = "Washington, D.C. 20549\n\nX\n\nhours per response:\n\nDirector\n"
    assert text_marks.lone_mark(top, False) is None
    both = top + "\nX\n\n3. Date of Earliest Transaction\n\n" + filing
    assert text_marks.lone_mark(both, False) == "director"


def test_late_box_states():
    assert text_marks.late_box("Director\n\nX\n\n10% Owner\nOther (specify below)\n", False) == {
        "director": False, "ten": True, "officer": False, "other": False}
    assert text_marks.late_box("Director\n\nX\n\nOfficer (give title below)\n", False)["ten"] is True
    assert text_marks.late_box("Director\n\nX\n\nOfficer (give title below)\n", True) is None
    assert text_marks.late_box("X\n\nCommon\nStock\n\nDirector\n", False) is None
