"""Forms 3/4/5 read from text (insiders.parse.text_form): everything but the table rows.

Each fact is checked on several layouts of the same filing: the seeds (markdown with
tabs and <input checked>, a scrambled PDF copy), hand-made texts under
tests/fixtures/text/, and our own fixtures turned through real converters
(tests/fixtures/forms/<name>/<converter>.txt, truth read from source.xml).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from insiders.model import Record
from insiders.parse import text_form, xml_form

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "samples"
TEXT = HERE / "fixtures" / "text"
FORMS = HERE / "fixtures" / "forms"


def read(path: Path) -> tuple[str, Record]:
    text = path.read_text(encoding="utf-8")
    record = Record(source=str(path), text=text)
    text_form.parse(text, record)
    return text, record


def assert_evidence(text: str, record: Record) -> None:
    """Every value kept its place: each span cuts exactly its text out of the document."""
    for path, ev in record.iter_evidence():
        assert ev.start is not None and text[ev.start:ev.end] == ev.text, path


# ---------------------------------------------------------------- the seeds

def test_seed_pdf_scrambled_form4():
    text, record = read(SAMPLES / "form4_tecogen_locke_option_pdf_scrambled.txt")
    assert record.document_type == "4"
    assert record.period_of_report == date(2014, 12, 18)
    assert record.issuer.name == "TECOGEN INC."
    assert record.issuer.trading_symbol == "TGEN"
    (owner,) = record.reporting_owners
    assert owner.name == "Benjamin Locke M."
    assert (owner.address.street1, owner.address.city, owner.address.state, owner.address.zip) == (
        "45 FIRST AVE", "WALTHAM", "MA", "02451")
    rel = owner.relationship
    assert rel.is_officer and rel.officer_title == "Co-CEO"
    assert not (rel.is_director or rel.is_ten_percent_owner or rel.is_other)
    assert [f.id for f in record.footnotes] == ["1", "2"]
    assert record.footnotes[0].text.startswith("25% of these options vest")
    (sig,) = record.signatures
    assert (sig.name, sig.date, sig.attorney_in_fact) == ("David Garrison, attorney-in-fact", date(2014, 12, 22), True)
    assert record.not_subject_to_section16 is False
    assert record.aff10b5one is None  # this edition of the form has no 10b5-1 box
    assert_evidence(text, record)


def test_seed_markdown_form3():
    text, record = read(SAMPLES / "form3_tecogen_panora_markdown.txt")
    assert record.document_type == "3"
    assert record.period_of_report == date(2013, 10, 1)
    assert (record.issuer.name, record.issuer.trading_symbol) == ("TECOGEN INC.", "TGEN")
    (owner,) = record.reporting_owners
    assert owner.name == "PANORA ROBERT A"
    assert (owner.address.street1, owner.address.city, owner.address.state, owner.address.zip) == (
        "55 CLIFTON ST.", "CAMBRIDGE", "MA", "02140")
    assert owner.relationship.is_officer and owner.relationship.officer_title == "COO and President"
    assert not owner.relationship.is_director
    assert [f.id for f in record.footnotes] == ["1"]
    assert record.footnotes[0].text.startswith("The option becomes exercisable in four equal installments")
    (sig,) = record.signatures
    assert (sig.name, sig.date, sig.attorney_in_fact) == ("/s/ Robert A. Panora", date(2013, 10, 1), False)
    assert record.no_securities_owned is None  # the page has no such box
    assert_evidence(text, record)


# ---------------------------------------------------------------- hand-made: one amendment, two layouts

@pytest.mark.parametrize("name", ["form4a_tabs_marks.txt", "form4a_lynx_marks.txt"])
def test_amendment_boxes_footnotes_signature(name):
    """Tabs with ☒/☐/(X)/[X] boxes and F1 footnotes, and a lynx-style dump with X marks."""
    text, record = read(TEXT / name)
    assert record.document_type == "4/A"
    assert record.date_of_original_submission == date(2022, 3, 8)
    assert record.period_of_report == date(2022, 3, 4)
    assert record.aff10b5one is True
    assert record.not_subject_to_section16 is False
    assert (record.issuer.name, record.issuer.trading_symbol) == ("BRASSWORKS ROBOTICS CORP", "BRWK")
    (owner,) = record.reporting_owners
    assert owner.name == "QUILLFEATHER MARGOT J"
    assert (owner.address.city, owner.address.state, owner.address.zip) == ("PORTLAND", "OR", "97205")
    rel = owner.relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == (True, True, False, False)
    assert rel.officer_title == "Chief Executive Officer"
    assert [(f.id, f.text) for f in record.footnotes] == [
        ("1", "Shares sold under a trading plan adopted on November 2, 2021."),
        ("2", "The price reported is a weighted average."),
    ]
    assert record.remarks == "This amendment corrects the price in footnote 2."
    (sig,) = record.signatures
    assert sig.name == "By: Owen Tally by Power of Attorney For: Margot J. Quillfeather"
    assert sig.date == date(2022, 3, 9) and sig.attorney_in_fact
    assert_evidence(text, record)


# ---------------------------------------------------------------- our fixtures through real converters

# Layouts this module reads in full (gfm and pandoc markdown through text_views); plain
# pdftotext and OCR are measured by bench/accuracy.py, with their partial facts below.
CONVERTERS = ["lynx", "w3m", "html2text", "markdownify", "pandoc_plain", "pdftotext_layout", "gfm", "pandoc_markdown"]
FIXTURES = sorted(p.name for p in FORMS.iterdir() if (p / "source.xml").exists()) if FORMS.exists() else []

# (fixture, converter) -> why it is known to fail; a known failure that passes fails
# the test, so the list stays true.
KNOWN: dict[tuple[str, str], str] = {}


def _facts(record: Record) -> dict:
    out = {
        "document_type": record.document_type,
        "period": record.period_of_report,
        "original": record.date_of_original_submission,
        "issuer": (record.issuer.name, record.issuer.trading_symbol),
        "aff10b5one": record.aff10b5one,
        "not_subject": record.not_subject_to_section16,
        "footnote_ids": [f.id for f in record.footnotes],
        "signatures": [(s.name, s.date) for s in record.signatures],
    }
    for i, o in enumerate(record.reporting_owners):
        r = o.relationship
        out[f"owner{i}"] = (o.name, o.address.street1, o.address.city, o.address.state, o.address.zip)
        out[f"rel{i}"] = (r.is_director, r.is_officer, r.is_ten_percent_owner, r.is_other,
                          r.officer_title, r.other_text)
    return out


@pytest.mark.parametrize("converter", CONVERTERS)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_fixture_header_facts(fixture, converter):
    path = FORMS / fixture / f"{converter}.txt"
    if not path.exists():
        pytest.skip(f"{converter} output not generated for {fixture}")
    xml = (FORMS / fixture / "source.xml").read_text(encoding="utf-8")
    truth = Record(source="source.xml", input_format="xml", text=xml)
    xml_form.parse(xml, truth)
    text, record = read(path)
    want, got = _facts(truth), _facts(record)
    if truth.aff10b5one is None or record.aff10b5one is None and truth.aff10b5one is False:
        want.pop("aff10b5one"); got.pop("aff10b5one")  # box absent from this edition of the form
    if truth.not_subject_to_section16 is None:
        want.pop("not_subject"); got.pop("not_subject")
    assert_evidence(text, record)
    known = KNOWN.get((fixture, converter))
    if known and got != want:
        pytest.xfail(known)
    assert not known, f"known failure now passes, remove it from KNOWN: {known}"
    assert got == want


# ---------------------------------------------------------------- robustness and speed

@pytest.mark.parametrize("text", ["", "FORM 4\n", "Name and Address of Reporting Person\n(Last)", "\t|\n" * 50])
def test_messy_text_never_raises(text):
    record = Record(source="-", text=text)
    text_form.parse(text, record)
    assert record.reporting_owners == [] or record.reporting_owners[0].name is None or record.warnings


def test_speed_typical_form():
    path = FORMS / "form4_option_exercise_sale_withholding" / "lynx.txt"
    if not path.exists():
        pytest.skip("fixture not generated")
    text = path.read_text(encoding="utf-8")
    text_form.parse(text, Record(source="warm", text=text))
    start = time.perf_counter()
    for _ in range(20):
        record = Record(source="x", text=text)
        text_form.parse(text, record)
    per_form = (time.perf_counter() - start) / 20
    assert per_form < 0.05  # generous for CI; typical is ~1-2 ms for the header part


# ---------------------------------------------------------------- plain pdftotext: scattered cells

SCATTERED = ["form4_gift_no_price", "form4_option_exercise_sale_withholding", "form3_officer_holdings_options"]


@pytest.mark.parametrize("fixture", SCATTERED)
def test_scattered_cells_issuer_owner_signature(fixture):
    """Plain pdftotext puts every cell on its own line in a scrambled order: the issuer is
    its "Name [ TICKER ]" line, the owner the line above "(Last)", a signature's date
    may stand under its label."""
    xml = (FORMS / fixture / "source.xml").read_text(encoding="utf-8")
    truth = Record(source="source.xml", input_format="xml", text=xml)
    xml_form.parse(xml, truth)
    text, record = read(FORMS / fixture / "pdftotext.txt")
    assert (record.issuer.name, record.issuer.trading_symbol) == (truth.issuer.name, truth.issuer.trading_symbol)
    assert [o.name for o in record.reporting_owners] == [o.name for o in truth.reporting_owners]
    assert [(s.name, s.date) for s in record.signatures] == [(s.name, s.date) for s in truth.signatures]
    assert_evidence(text, record)


@pytest.mark.parametrize("converter", ["gfm", "pandoc_markdown"])
def test_view_evidence_points_into_the_markup(converter):
    """Values read through a view keep evidence in the text as given, markup and all."""
    text, record = read(FORMS / "form4_exit_section16_empty_tables" / f"{converter}.txt")
    assert record.issuer.name == "Calder & Finch Retail Group Inc"  # "&amp;" in gfm's raw HTML
    ev = record.issuer.evidence["name"]
    assert text[ev.start:ev.end] == ev.text and ev.text.startswith("Calder")
    assert_evidence(text, record)


# ---------------------------------------------------------------- plain pdftotext: values by their shape

def _truth(fixture: str) -> Record:
    xml = (FORMS / fixture / "source.xml").read_text(encoding="utf-8")
    truth = Record(source="source.xml", input_format="xml", text=xml)
    xml_form.parse(xml, truth)
    return truth


def _address(owner) -> tuple:
    a = owner.address
    return a.street1, a.city, a.state, a.zip


@pytest.mark.parametrize("fixture", [
    "form4_gift_no_price",                     # "PORTLAND" / "ME" / "04101" below (Street)
    "form4_option_exercise_sale_withholding",  # the city's cell wrapped: "SAN" / "FRANCISCO"
    "form3_joint_filers_fund_gp",              # "C/O ..." wrapped ("PARTNERS"), the city far below
    "form4a_amendment_restated_holdings",      # "HUNTSVILLE AL" on one line, street before the anchors
    "form4_value_no_shares",                   # state and zip before the street, the city after it
    "form3_no_securities_owned",               # street1 and a "SUITE" line, the city after the box
])
def test_scattered_address_by_shape(fixture):
    """Plain pdftotext scatters the address: a 5-digit zip, a 2-letter state, a street-like
    line and a line in capitals are picked by shape within the first owner's block."""
    truth = _truth(fixture)
    text, record = read(FORMS / fixture / "pdftotext.txt")
    assert _address(record.reporting_owners[0]) == _address(truth.reporting_owners[0])
    assert_evidence(text, record)


@pytest.mark.parametrize("fixture", ["form4a_amendment_restated_holdings", "form4_gift_no_price",
                                     "form3_joint_filers_fund_gp", "form4_value_no_shares"])
def test_scattered_period_and_original_date(fixture):
    """The header's dates alone on their lines: the one after "If Amendment" is the
    original's (only when there are two), the first other one the period."""
    truth = _truth(fixture)
    text, record = read(FORMS / fixture / "pdftotext.txt")
    assert record.period_of_report == truth.period_of_report
    assert record.date_of_original_submission == truth.date_of_original_submission
    assert_evidence(text, record)


@pytest.mark.parametrize("fixture", ["form4_joint_filers_person_trust_llc", "form3_no_securities_owned",
                                     "form4_rsu_grant_footnote_dates", "form3_joint_filers_fund_gp"])
def test_scattered_signatures(fixture):
    """Signatures as paragraphs (a date alone joins the one above), a remark's sentence
    glued above the first is not one, a date far below sits over its "Date" caption,
    and hyphens dropped at line breaks come back ("Attorney-in-Fact", "Vasquez-Hale")."""
    truth = _truth(fixture)
    text, record = read(FORMS / fixture / "pdftotext.txt")
    assert [(s.name, s.date) for s in record.signatures] == [(s.name, s.date) for s in truth.signatures]
    assert record.remarks == truth.remarks
    assert_evidence(text, record)


@pytest.mark.parametrize("fixture", [
    "form4_director_ten_percent_purchase",    # "X" / "X" / "Director": both boxes of the first row
    "form4_joint_filers_person_trust_llc",
    "form4_exit_section16_empty_tables",      # "X below)": the first "below)" closes Officer's "(give title"
    "form4_weighted_average_sales_10b5",      # ... and the title is the paragraph after the box
    "form4_gift_no_price",                    # a title wrapped over two lines
    "form4a_amendment_restated_holdings",     # a title under "Officer (give title below)", no mark read: inferred
])
def test_scattered_relationship(fixture):
    truth = _truth(fixture)
    text, record = read(FORMS / fixture / "pdftotext.txt")
    want, got = truth.reporting_owners[0].relationship, record.reporting_owners[0].relationship
    assert (got.is_director, got.is_officer, got.is_ten_percent_owner, got.is_other) == (
        want.is_director, want.is_officer, want.is_ten_percent_owner, want.is_other)
    if fixture != "form4_exit_section16_empty_tables":  # its title is printed before the box
        assert got.officer_title == want.officer_title
    assert_evidence(text, record)


def test_scattered_title_is_an_inference():
    """A title under an Officer box whose mark was not read: the box is inferred."""
    _text, record = read(FORMS / "form4a_amendment_restated_holdings" / "pdftotext.txt")
    assert "reporting_owners/0/relationship/is_officer" in record.inferred


@pytest.mark.parametrize("converter", ["pdftotext", "pdftotext_layout"])
def test_owner_name_glued_to_issuer(converter):
    """An owner's name in capitals glued before the issuer's "Name [ TICKER ]" (the issuer's
    cell wrapped around its label): both are split apart, in both pdftotext modes."""
    text, record = read(FORMS / "form4_reporting_owner_listed_company" / f"{converter}.txt")
    assert (record.issuer.name, record.issuer.trading_symbol) == ("Meridian Loop Networks, Inc.", "MLNW")
    assert record.reporting_owners[0].name == "ARKWRIGHT DIGITAL HOLDINGS, INC."
    assert_evidence(text, record)


@pytest.mark.parametrize("converter", ["pdftotext", "pdftotext_layout"])
def test_street_wrapped_in_its_cell(converter):
    """"C/O GRANITE SPUR CAPITAL" / "PARTNERS": a lone word in capitals under a line that
    does not end like a street continues it (plain and -layout)."""
    text, record = read(FORMS / "form3_joint_filers_fund_gp" / f"{converter}.txt")
    assert record.reporting_owners[0].address.street1 == "C/O GRANITE SPUR CAPITAL PARTNERS"
    assert_evidence(text, record)


# ---------------------------------------------------------------- plain pdftotext: marks left unknown

RENDERS = HERE / "fixtures" / "pdftotext_marks"  # our pages re-rendered with other boxes checked


@pytest.mark.parametrize("name", ["header_no_mark_1", "header_no_mark_2"])
def test_scattered_marks_not_attributed_are_unknown(name):
    """Precision first: a box whose marks cannot be pinned to an option (here: no mark at
    all, which the scrambled order cannot tell from a mark printed elsewhere) leaves its
    options None (unknown), with a warning; never a wrong True / False, never inferred."""
    text, record = read(RENDERS / f"{name}.txt")
    rel = record.reporting_owners[0].relationship
    assert (rel.is_director, rel.is_ten_percent_owner, rel.is_officer, rel.is_other) == (None,) * 4
    assert any("cannot be attributed" in w for w in record.warnings)
    assert not [p for p in record.inferred if p.startswith("reporting_owners/0/")]
    assert_evidence(text, record)


@pytest.mark.parametrize("path, owner, want", [
    (FORMS / "form4_joint_filers_person_trust_llc" / "pdftotext.txt", 1, (False, True, False, False)),
    (FORMS / "form3_joint_filers_fund_gp" / "pdftotext.txt", 1, (False, True, False, False)),
    (RENDERS / "late_director_1.txt", 1, (None, None, None, None)),   # its mark read among the header's
    (RENDERS / "late_director_2.txt", 1, (None, None, None, None)),
])
def test_scattered_joint_filer_marks(path, owner, want):
    """Joint filers' later boxes: what a lone mark's place decides is inferred (listed in
    ``record.inferred``); a box whose marks say nothing stays unknown."""
    _text, record = read(path)
    rel = record.reporting_owners[owner].relationship
    assert (rel.is_director, rel.is_ten_percent_owner, rel.is_officer, rel.is_other) == want
    inferred = {p for p in record.inferred if p.startswith(f"reporting_owners/{owner}/relationship/")}
    assert len(inferred) == (4 if want[0] is not None else 0)


# ---------------------------------------------------------------- repeated labels stay linear

@pytest.mark.parametrize("converter, sep", [("lynx", "  "), ("pdftotext", "\n"), ("pandoc_plain", "\n\n")])
def test_repeated_owner_label_is_capped_and_fast(converter, sep):
    """A label repeated thousands of times (on one line or many) is read in linear time;
    only the first owner blocks are read, with a warning."""
    from insiders.parse import text_owners

    path = FORMS / "form4_gift_no_price" / f"{converter}.txt"
    base = path.read_text(encoding="utf-8")
    text = base + sep.join(["1. Name and Address of Reporting Person*"] * 5000)
    start = time.perf_counter()
    record = Record(source="x", text=text)
    text_form.parse(text, record)
    assert time.perf_counter() - start < 1.0
    assert len(record.reporting_owners) <= text_owners.MAX_OWNERS
    assert any("only the first" in w for w in record.warnings)
    assert record.reporting_owners[0].name
    assert_evidence(text, record)
