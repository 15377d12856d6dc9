"""Tables I and II read from text (insiders.parse.text_tables), on several layouts of the same facts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from insiders.model import Record
from insiders.parse import text_layout
from insiders.parse.text_tables import parse_tables

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "samples"
TABLES = HERE / "fixtures" / "tables"
FORMS = HERE / "fixtures" / "forms"


def read(path: Path, form_type: str) -> tuple[str, Record]:
    text = path.read_text(encoding="utf-8")
    record = Record(source=str(path), text=text)
    parse_tables(text, form_type, record)
    return text, record


def assert_evidence(text: str, record: Record) -> None:
    """Every value kept its place in the text."""
    for row in record.non_derivative + record.derivative:
        for name, ev in row.evidence.items():
            assert ev.start is not None and text[ev.start:ev.end] == ev.text, name


# ---------------------------------------------------------------- the seeds

def test_seed_pdf_scrambled_option_row():
    text, record = read(SAMPLES / "form4_tecogen_locke_option_pdf_scrambled.txt", "4")
    assert record.non_derivative == []
    (row,) = record.derivative
    assert row.kind == "transaction"
    assert row.security_title == "Stock Option (Right to Buy)"
    assert row.exercise_price == Decimal("4.96")
    assert row.transaction_date.isoformat() == "2014-12-18"
    assert row.shares == 62500 and row.acquired_disposed == "A"
    assert row.price_per_share == 0
    assert row.shares_owned_following == 62500
    assert row.direct_indirect == "D"
    # The code column only holds its label: null, said so, never guessed.
    assert row.transaction_code is None
    assert row.voluntary is None
    assert "derivative/0/transaction_code" not in record.inferred
    assert any("transaction code could not be read" in w for w in record.warnings)
    assert_evidence(text, record)


def test_seed_markdown_form3():
    text, record = read(SAMPLES / "form3_tecogen_panora_markdown.txt", "3")
    (common,) = record.non_derivative
    assert (common.kind, common.security_title, common.shares_owned_following, common.direct_indirect) == (
        "holding", "Common Stock", 163350, "D")
    (option,) = record.derivative
    assert option.security_title == "Stock Option (Right to Buy)"
    assert option.date_exercisable is None and option.footnotes["date_exercisable"] == ["1"]
    assert option.expiration_date.isoformat() == "2021-02-14"
    assert (option.underlying_title, option.underlying_shares) == ("Common Stock", 125000)
    assert option.exercise_price == Decimal("2.6") and option.direct_indirect == "D"
    assert_evidence(text, record)


# ---------------------------------------------------------------- one filing, two layouts

@pytest.mark.parametrize("name", ["form4_conversion_sales_lynx.txt", "form4_conversion_sales_html2text.txt"])
def test_conversion_and_weighted_average_sales(name):
    text, record = read(TABLES / name, "4")
    rows = record.non_derivative
    # Three transactions (two alike but for price: never merged), then the holding.
    assert [r.kind for r in rows] == ["transaction"] * 3 + ["holding"]
    first = rows[0]
    assert first.security_title == "Class B Ordinary Shares"
    assert (first.transaction_code, first.shares, first.acquired_disposed) == ("C", 41200, "A")
    assert first.price_per_share is None and first.footnotes["price_per_share"] == ["2", "3"]
    assert first.footnotes["transaction_code"] == ["1"]
    assert (first.direct_indirect, first.nature_of_ownership) == ("I", "By Northwind Holdings Trust")
    assert first.footnotes["nature_of_ownership"] == ["4"]
    assert [r.price_per_share for r in rows[1:3]] == [Decimal("18.2104"), Decimal("18.9377")]
    assert rows[3].shares_owned_following == 12750 and rows[3].direct_indirect == "D"
    assert rows[3].transaction_date is None and rows[3].shares is None

    (deriv,) = record.derivative
    assert deriv.exercise_price is None and deriv.footnotes["exercise_price"] == ["2", "3"]
    assert deriv.date_exercisable is None and deriv.footnotes["expiration_date"] == ["2", "3"]
    assert (deriv.transaction_code, deriv.shares, deriv.acquired_disposed) == ("C", 41200, "D")
    assert (deriv.underlying_title, deriv.underlying_shares) == ("Class B Ordinary Shares", 41200)
    assert (deriv.price_per_share, deriv.shares_owned_following) == (0, 905000)
    # lynx wrapped the row: the nature of ownership continues on the next line.
    assert deriv.nature_of_ownership == "By Northwind Holdings Trust"
    assert_evidence(text, record)


def test_direction_inferred_only_where_the_layout_hides_it():
    _, flow = read(TABLES / "form4_conversion_sales_lynx.txt", "4")
    _, cells = read(TABLES / "form4_conversion_sales_html2text.txt", "4")
    assert flow.inferred == ["derivative/0/acquired_disposed"]
    assert cells.inferred == []


# ---------------------------------------------------------------- generated fixtures, many converters

FIXTURE_CONVERTERS = ["lynx", "lynx80", "w3m", "pandoc_plain", "pandoc_markdown", "gfm", "html2text",
                      "markdownify", "pdftotext_layout", "pdftotext"]


def _fixture(name: str, converter: str) -> Path:
    path = FORMS / name / f"{converter}.txt"
    if not path.exists():
        pytest.skip(f"fixture {name}/{converter}.txt not generated")
    return path


@pytest.mark.parametrize("converter", FIXTURE_CONVERTERS)
def test_option_exercise_sale_withholding(converter):
    text, record = read(_fixture("form4_option_exercise_sale_withholding", converter), "4")
    rows = record.non_derivative
    assert [(r.transaction_code, r.shares, r.acquired_disposed) for r in rows] == [
        ("M", 15000, "A"), ("S", 15000, "D"), ("M", 4800, "A"), ("F", 2146, "D")]
    assert rows[1].price_per_share == Decimal("57.3") and rows[1].footnotes["price_per_share"] == ["1"]
    assert rows[3].footnotes["transaction_code"] == ["2"]
    option, rsu = record.derivative
    assert option.security_title == "Stock Option (Right to Buy)"
    assert (option.exercise_price, option.shares, option.acquired_disposed) == (Decimal("9.16"), 15000, "D")
    assert option.date_exercisable is None and option.footnotes["date_exercisable"] == ["3"]
    assert option.expiration_date.isoformat() == "2029-11-04"
    assert rsu.security_title == "Restricted Stock Units"
    assert rsu.exercise_price is None and rsu.footnotes["exercise_price"] == ["4"]
    assert rsu.shares_owned_following == 14400
    assert_evidence(text, record)


@pytest.mark.parametrize("converter", FIXTURE_CONVERTERS)
def test_form5_has_no_v_column(converter):
    _, record = read(_fixture("form5_late_transactions_holdings", converter), "5")
    first = record.non_derivative[0]
    assert (first.shares, first.acquired_disposed, first.price_per_share) == (240, "A", Decimal("12.1"))
    assert first.voluntary is None
    assert record.non_derivative[-1].kind == "holding"


@pytest.mark.parametrize("converter", ["html2text", "gfm", "pandoc_plain", "lynx", "w3m"])
def test_value_instead_of_shares(converter):
    _, record = read(_fixture("form4_value_no_shares", converter), "4")
    note = record.derivative[0]
    assert note.shares is None and note.total_value == 2500000
    assert note.value_owned_following == 2500000


def test_no_tables_no_rows():
    record = Record(source="x")
    parse_tables("FORM 4\nNothing tabular here.\n", "4", record)
    assert record.non_derivative == [] and record.derivative == [] and record.warnings == []


# ---------------------------------------------------------------- plain pdftotext: one cell per paragraph

@pytest.mark.parametrize("name", ["form4_director_ten_percent_purchase", "form4_gift_no_price"])
def test_plain_pdftotext_nature_printed_after_the_rows(name):
    """The nature column comes after all rows; it belongs to the indirect row."""
    text, record = read(_fixture(name, "pdftotext"), "4")
    rows = record.non_derivative
    assert [r.kind for r in rows] == ["transaction"] * 3
    assert [r.direct_indirect for r in rows] == ["D", "D", "I"]
    assert rows[0].nature_of_ownership is None and rows[1].nature_of_ownership is None
    assert rows[2].nature_of_ownership in ("By Spouse", "By 2024 Irrevocable Trust")
    assert all(r.security_title == "Common Stock" for r in rows)
    assert_evidence(text, record)


def test_plain_pdftotext_column_groups_after_the_rows():
    """Table II: titles..expiration of every row, then underlying..ownership of every row."""
    text, record = read(_fixture("form4_option_exercise_sale_withholding", "pdftotext"), "4")
    option, rsu = record.derivative
    assert (option.security_title, option.exercise_price, option.shares) == (
        "Stock Option (Right to Buy)", Decimal("9.16"), 15000)
    assert (option.underlying_title, option.underlying_shares, option.shares_owned_following) == (
        "Common Stock", 15000, 30000)
    assert (rsu.security_title, rsu.underlying_shares, rsu.shares_owned_following) == (
        "Restricted Stock Units", 4800, 14400)
    assert_evidence(text, record)


def test_plain_pdftotext_column_groups_before_the_rows():
    """The later columns may also come first (Table II here, Table I of the amendment)."""
    text, record = read(_fixture("form4_rsu_grant_footnote_dates", "pdftotext"), "4")
    rsu, option = record.derivative
    assert (rsu.security_title, rsu.shares, rsu.underlying_shares, rsu.shares_owned_following) == (
        "Restricted Stock Units", 6250, 6250, 6250)
    assert (option.exercise_price, option.underlying_title, option.shares_owned_following) == (
        Decimal("14.87"), "Common Stock", 11400)
    (holding,) = record.non_derivative  # "2,000 / D / Common Stock": the title printed last
    assert (holding.security_title, holding.shares_owned_following) == ("Common Stock", 2000)
    assert_evidence(text, record)
    text, record = read(_fixture("form4a_amendment_restated_holdings", "pdftotext"), "4")
    first = record.non_derivative[0]
    assert (first.transaction_code, first.shares, first.shares_owned_following) == ("S", 3500, 41265)
    assert [r.nature_of_ownership for r in record.non_derivative[1:]] == ["By GRAT", "By 401(k) Plan"]
    assert_evidence(text, record)


@pytest.mark.parametrize("name", ["form4_option_exercise_sale_withholding", "form3_officer_holdings_options"])
def test_layout_told_from_the_text(name, tmp_path):
    """Plain pdftotext is recognised by its text, whatever the file is called."""
    for converter, expected in (("pdftotext", True), ("pdftotext_layout", False), ("lynx80", False)):
        text = _fixture(name, converter).read_text(encoding="utf-8")
        renamed = tmp_path / "filing.txt"
        renamed.write_text(text, encoding="utf-8")
        scan, start = text_layout.prepare(renamed.read_text(encoding="utf-8"))
        layouts = [text_layout.layout_of(t, [text_layout.line_class(ln.text) for ln in t.lines])
                   for t in text_layout.find_tables(scan, start)]
        assert ("stream" in layouts) == expected, (converter, layouts)


# ---------------------------------------------------------------- lynx at 80 columns: rows wrap

@pytest.mark.parametrize("name", ["form4_joint_filers_person_trust_llc", "form3_officer_holdings_options"])
def test_lynx80_wrapped_row_ends(name):
    """A row's last cells ("D", "Footnote^(3)^(4)") wrap onto the next line."""
    form = "3" if name.startswith("form3") else "4"
    text80, narrow = read(_fixture(name, "lynx80"), form)
    _, wide = read(_fixture(name, "lynx"), form)
    assert [r.to_dict() for r in narrow.non_derivative] == [r.to_dict() for r in wide.non_derivative]
    assert [r.to_dict() for r in narrow.derivative] == [r.to_dict() for r in wide.derivative]
    assert all(r.direct_indirect in ("D", "I") for r in narrow.non_derivative + narrow.derivative)
    assert_evidence(text80, narrow)


# ---------------------------------------------------------------- OCR and repeat runs

@pytest.mark.parametrize("name", ["form3_officer_holdings_options", "form4_option_exercise_sale_withholding",
                                  "form4_joint_filers_person_trust_llc"])
def test_ocr_never_crashes(name):
    text, record = read(_fixture(name, "ocr"), "4")
    assert_evidence(text, record)


def test_repeat_runs_agree():
    """Caches (tokens, alignments, line classes) never change an answer."""
    path = _fixture("form4_weighted_average_sales_10b5", "lynx")
    first = [r.to_dict() for r in read(path, "4")[1].non_derivative]
    second = [r.to_dict() for r in read(path, "4")[1].non_derivative]
    assert first == second and len(first) == 5


# ---------------------------------------------------------------- pdftotext -layout: stacked cells

@pytest.mark.parametrize("converter", ["pdftotext_layout", "old/pdftotext_layout"])
def test_stacked_nature_between_two_rows(converter):
    """"By 2024" sits as near the row above as the row below: it goes to the row whose
    data line has text in its column (cells are centred on their row)."""
    text, record = read(_fixture("form4_gift_no_price", converter), "4")
    assert [r.nature_of_ownership for r in record.non_derivative] == [None, None, "By 2024 Irrevocable Trust"]
    assert_evidence(text, record)


@pytest.mark.parametrize("converter", ["lynx", "pandoc_plain"])
def test_direction_of_a_value_amount_inferred(converter):
    """A Table II amount given in dollars ("$2,500,000") gets its A/D from the code, said so."""
    _, record = read(_fixture("form4_value_no_shares", converter), "4")
    note = record.derivative[0]
    assert (note.total_value, note.transaction_code, note.acquired_disposed) == (2500000, "P", "A")
    assert "derivative/0/acquired_disposed" in record.inferred
