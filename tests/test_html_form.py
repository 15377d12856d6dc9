"""insiders.parse.html_form: rendered Forms 3/4/5 read by their table structure.

Fixtures in tests/fixtures/html/ are written by hand in two layouts:
``form3_holdings_options``, ``form4a_joint_footnotes`` and
``form5_value_reported_note`` in the www.sec.gov rendering (X in cells, <sup> marks, owner blocks repeated for joint filers),
``form4_older_rendering`` in an older style (<input checked> and ☒ boxes,
"(1)" marks as text, <td> headers, a "Reporting Owners" summary table).
Every fact below is checked on at least two of them.  The fixture factory's
tests/fixtures/forms/<name>/form.html (and form_old.html) must read the same as
their source.xml.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from insiders.model import Record
from insiders.parse import html_form, html_tree

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "html"
FORMS = HERE / "fixtures" / "forms"

F3, F4A, OLD = "form3_holdings_options", "form4a_joint_footnotes", "form4_older_rendering"
F5 = "form5_value_reported_note"


def read(name: str) -> Record:
    text = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    record = Record(source=name, input_format="html", text=text)
    html_form.parse(text, record)
    return record


@pytest.fixture(scope="module")
def rec():
    cache: dict[str, Record] = {}

    def get(name: str) -> Record:
        if name not in cache:
            cache[name] = read(name)
        return cache[name]

    return get


# ---------------------------------------------------------------- head of the form

@pytest.mark.parametrize("name, kind, period, original", [
    (F3, "3", date(2025, 2, 3), None),
    (F4A, "4/A", date(2024, 6, 10), date(2024, 6, 12)),
    (OLD, "4", date(2019, 9, 3), None),
    (F5, "5", date(2023, 12, 31), None),  # "Statement for Issuer's Fiscal Year Ended"
])
def test_document_type_and_dates(rec, name, kind, period, original):
    record = rec(name)
    assert record.document_type == kind
    assert record.period_of_report == period
    assert record.date_of_original_submission == original
    assert record.warnings == []


def test_amendment_date_alone_makes_an_amendment():
    text = (FIXTURES / f"{F4A}.html").read_text(encoding="utf-8").replace("FORM 4/A", "FORM 4")
    record = Record(source="x", text=text)
    html_form.parse(text, record)
    assert record.document_type == "4/A"


@pytest.mark.parametrize("name, issuer", [
    (F3, ("0001800002", "Northwind Labs, Inc.", "NWLB")),
    (F4A, ("0001600004", "Keel & Mast Outfitters Corp", "KMOC")),  # &amp; decoded
    (OLD, (None, "Crescent Harbor Foods Inc", "CHFI")),            # "Name (TICK)", no link
])
def test_issuer(rec, name, issuer):
    got = rec(name).issuer
    assert (got.cik, got.name, got.trading_symbol) == issuer


@pytest.mark.parametrize("name, section16, rule, ", [
    (F3, None, None),      # Form 3 has neither box
    (F4A, False, True),    # SEC page: box = nested table holding "&nbsp;" or "X"
    (OLD, True, None),     # <input type="checkbox" checked>
    (F5, True, None),      # SEC page, box ticked
])
def test_boxes(rec, name, section16, rule):
    record = rec(name)
    assert record.not_subject_to_section16 is section16
    assert record.aff10b5one is rule


# ---------------------------------------------------------------- owners

@pytest.mark.parametrize("name, index, owner, address", [
    (F3, 0, ("0001900001", "Oyelaran Bisi M."),
     ("C/O NORTHWIND LABS, INC.", "400 ORCHARD STREET, FLOOR 7", "DENVER", "CO", "80202")),
    (F4A, 1, ("0001700005", "Brandvold Capital LP"), ("1 HARBOR POINT", "SUITE 200", "STAMFORD", "CT", "06902")),
    (OLD, 0, ("0001500006", "QUILLFEATHER JANE R"), ("2200 CANAL STREET", None, "NEW ORLEANS", "LA", "70130")),
    (OLD, 1, (None, "QUILLFEATHER FAMILY FOUNDATION"), ("2200 CANAL STREET", "SUITE 400", "NEW ORLEANS", "LA", "70130")),
    (F5, 0, ("0001400007", "Achterberg Lotte"), ("KEIZERSGRACHT 120", None, "AMSTERDAM", None, "1015 CX")),  # no state
])
def test_owner_name_and_address(rec, name, index, owner, address):
    got = rec(name).reporting_owners[index]
    a = got.address
    assert (got.cik, got.name) == owner
    assert (a.street1, a.street2, a.city, a.state, a.zip) == address


@pytest.mark.parametrize("name, count", [(F3, 1), (F4A, 2), (OLD, 2)])
def test_joint_filers(rec, name, count):
    """Repeated owner blocks (SEC page) and the Reporting Owners table (older page)."""
    assert len(rec(name).reporting_owners) == count


@pytest.mark.parametrize("name, index, flags, title, other", [
    (F3, 0, (False, True, False, False), "Chief Financial Officer", None),   # title in the row below
    (F4A, 0, (True, False, True, False), None, None),
    (F4A, 1, (False, False, True, True), None, "Member of 13(d) group"),
    (OLD, 0, (False, True, False, False), "EVP, Chief Operating Officer", None),  # ☒ inline, title after
    (OLD, 1, (False, False, True, False), None, None),                     # from the summary table
    (F5, 0, (True, True, False, False), "Chair of the Board", None),
])
def test_relationship(rec, name, index, flags, title, other):
    rel = rec(name).reporting_owners[index].relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == flags
    assert rel.officer_title == title
    assert rel.other_text == other


# ---------------------------------------------------------------- tables

def test_form3_rows_are_holdings(rec):
    record = rec(F3)
    assert [r.kind for r in record.non_derivative + record.derivative] == ["holding"] * 4
    first, second = record.non_derivative
    assert (first.security_title, first.shares_owned_following, first.direct_indirect) == (
        "Common Stock", Decimal("12500"), "D")
    assert second.shares_owned_following == Decimal("3000.5")
    assert second.nature_of_ownership == "By Oyelaran Family Trust"
    option = record.derivative[0]
    assert option.exercise_price == Decimal("18.25")
    assert option.expiration_date == date(2034, 1, 15)
    assert (option.underlying_title, option.underlying_shares) == ("Common Stock", Decimal("40000"))


@pytest.mark.parametrize("name", [F4A, OLD])
def test_transactions_first_then_holdings(rec, name):
    kinds = [r.kind for r in rec(name).non_derivative]
    assert kinds == ["transaction", "transaction", "holding"]
    holding = rec(name).non_derivative[-1]
    assert holding.transaction_date is None and holding.transaction_code is None and holding.shares is None


@pytest.mark.parametrize("name, row, expected", [
    (F4A, 0, dict(transaction_date=date(2024, 6, 10), transaction_code="S", shares=Decimal("4100"),
                  acquired_disposed="D", price_per_share=Decimal("41.0762"),
                  shares_owned_following=Decimal("95900"), direct_indirect="I", voluntary=False)),
    (F4A, 1, dict(deemed_execution_date=date(2024, 6, 10), transaction_code="G", voluntary=True,
                  price_per_share=Decimal("0"))),
    (OLD, 1, dict(transaction_date=date(2019, 9, 3), transaction_code="S", shares=Decimal("10000"),
                  acquired_disposed="D", price_per_share=Decimal("30.1175"),
                  shares_owned_following=Decimal("21250"), direct_indirect="D")),
    (F5, 0, dict(transaction_code="G", voluntary=True, shares=Decimal("2000"),
                 shares_owned_following=Decimal("48000"))),  # "Owned at end of Issuer's Fiscal Year"
])
def test_table1_transaction_values(rec, name, row, expected):
    got = rec(name).non_derivative[row]
    assert {key: getattr(got, key) for key in expected} == expected


@pytest.mark.parametrize("name, expected", [
    (F4A, dict(security_title="Class B Common Stock", transaction_code="C", shares=Decimal("5000"),
               acquired_disposed="D", underlying_title="Class A Common Stock", underlying_shares=Decimal("5000"),
               price_per_share=Decimal("0"), shares_owned_following=Decimal("250000"), exercise_price=None)),
    (OLD, dict(security_title="Employee Stock Option (right to buy)", transaction_code="M",
               shares=Decimal("10000"), acquired_disposed="D", exercise_price=Decimal("12.40"),
               expiration_date=date(2026, 2, 14), underlying_shares=Decimal("10000"),
               shares_owned_following=Decimal("20000"))),
])
def test_table2_transaction_values(rec, name, expected):
    got = rec(name).derivative[0]
    assert got.kind == "transaction"
    assert {key: getattr(got, key) for key in expected} == expected


@pytest.mark.parametrize("name, table, row, footnotes", [
    # several marks on one cell
    (F4A, "non_derivative", 0, {"transaction_code": ["1"], "price_per_share": ["2", "3"], "nature_of_ownership": ["4"]}),
    (OLD, "non_derivative", 1, {"transaction_code": ["1"], "price_per_share": ["2"], "shares_owned_following": ["3"]}),
    # one footnote on several cells, values given only through it
    (F4A, "derivative", 0, {"exercise_price": ["5"], "date_exercisable": ["5"], "expiration_date": ["5"],
                            "nature_of_ownership": ["4"]}),
    (F3, "derivative", 1, {"date_exercisable": ["4"], "expiration_date": ["4"], "exercise_price": ["5"]}),
    (OLD, "non_derivative", 2, {"nature_of_ownership": ["4"]}),  # "By 401(k) Plan (4)": (k) is no mark
])
def test_footnote_marks_per_cell(rec, name, table, row, footnotes):
    got = getattr(rec(name), table)[row]
    assert got.footnotes == footnotes


@pytest.mark.parametrize("name, table, row, field", [
    (F3, "derivative", 0, "date_exercisable"),
    (F3, "derivative", 1, "exercise_price"),
    (F4A, "derivative", 0, "date_exercisable"),
    (OLD, "derivative", 0, "date_exercisable"),
])
def test_value_only_in_a_footnote_is_null(rec, name, table, row, field):
    got = getattr(rec(name), table)[row]
    assert getattr(got, field) is None
    assert got.footnotes[field]


@pytest.mark.parametrize("name, expected", [
    (F5, dict(total_value=Decimal("750000"), shares=None, acquired_disposed="A",
              value_owned_following=Decimal("750000"), shares_owned_following=None,
              underlying_shares=Decimal("100000"), exercise_price=Decimal("7.5"))),
])
def test_dollar_amounts_are_values_not_shares(rec, name, expected):
    got = rec(name).derivative[0]
    assert {key: getattr(got, key) for key in expected} == expected
    assert got.footnotes == {"total_value": ["1"]}


def test_nature_keeps_parentheses_that_are_not_marks(rec):
    assert rec(OLD).non_derivative[2].nature_of_ownership == "By 401(k) Plan"


# ---------------------------------------------------------------- notes and signatures

@pytest.mark.parametrize("name, ids, sample", [
    (F3, ["1", "2", "3", "4", "5"], ("1", "Includes 2,500 shares acquired under the Issuer's Employee Stock Purchase Plan.")),
    (F4A, ["1", "2", "3", "4", "5"], ("3", "This amendment corrects the weighted average price reported on the original Form 4.")),
    (OLD, ["1", "2", "3", "4", "5"], ("3", "Includes 1,250 shares of restricted stock that vest on December 1, 2019.")),
])
def test_footnotes(rec, name, ids, sample):
    notes = rec(name).footnotes
    assert [n.id for n in notes] == ids
    assert {n.id: n.text for n in notes}[sample[0]] == sample[1]


@pytest.mark.parametrize("name, remarks", [
    (F3, "Exhibit 24 - Power of Attorney"),
    (F4A, None),
    (OLD, "The Quillfeather Family Foundation joins in this filing as a 10% owner."),
    (F5, "The Reporting Person resigned as an officer on December 31, 2023."),
])
def test_remarks(rec, name, remarks):
    assert rec(name).remarks == remarks


@pytest.mark.parametrize("name, signatures", [
    (F3, [("/s/ Dana K. Whitfield, Attorney-in-Fact", date(2025, 2, 5), True)]),
    (F4A, [("/s/ Erik Brandvold", date(2024, 6, 14), False),
           ("Brandvold Capital LP, By: /s/ Erik Brandvold, General Partner", date(2024, 6, 14), False)]),
    (OLD, [("/s/ Marcus Theriot, attorney-in-fact for Jane R. Quillfeather", date(2019, 9, 5), True)]),
])
def test_signatures(rec, name, signatures):
    assert [(s.name, s.date, s.attorney_in_fact) for s in rec(name).signatures] == signatures


# ---------------------------------------------------------------- evidence

@pytest.mark.parametrize("name", [F3, F4A, OLD, F5])
def test_evidence_points_into_the_page(rec, name):
    record = rec(name)
    seen = 0
    for path, ev in record.iter_evidence():
        assert ev.start is not None, path
        assert record.text[ev.start:ev.end] == ev.text, path
        seen += 1
    assert seen > 30


@pytest.mark.parametrize("name, table, row, field, text", [
    (F4A, "non_derivative", 0, "price_per_share", "41.0762"),
    (OLD, "non_derivative", 1, "price_per_share", "$30.1175"),
    (F3, "non_derivative", 0, "shares_owned_following", "12,500"),
    (OLD, "derivative", 0, "expiration_date", "02/14/2026"),
])
def test_cell_evidence_is_the_value(rec, name, table, row, field, text):
    assert getattr(rec(name), table)[row].evidence[field].text == text


# ---------------------------------------------------------------- same facts as the XML

PARITY_SKIP = {
    # What the rendered page does not show.
    "no_securities_owned", "accession_number", "filing_date", "vesting", "inferred", "warnings", "source",
    "input_format", "powers_of_attorney", "people", "offering",
}
ROW_SKIP = {"equity_swap", "transaction_timeliness", "voluntary"}


def _pairs():
    if not FORMS.is_dir():
        return []
    out = []
    for folder in sorted(p for p in FORMS.iterdir() if (p / "source.xml").is_file()):
        for page in ("form.html", "form_old.html"):
            if (folder / page).is_file():
                out.append(pytest.param(folder, page, id=f"{folder.name}/{page}"))
    return out


@pytest.mark.parametrize("folder, page", _pairs())
def test_html_reads_like_the_xml(folder, page):
    from insiders.parse import xml_form

    xml = Record(source="xml", input_format="xml")
    xml_form.parse((folder / "source.xml").read_text(encoding="utf-8"), xml)
    text = (folder / page).read_text(encoding="utf-8")
    html = Record(source="html", input_format="html", text=text)
    html_form.parse(text, html)
    want, got = xml.to_dict(), html.to_dict()
    for key in want:
        if key in PARITY_SKIP or key in ("reporting_owners", "non_derivative", "derivative", "issuer"):
            continue
        assert got[key] == want[key], key
    assert got["issuer"]["name"] == want["issuer"]["name"]
    assert got["issuer"]["trading_symbol"] == want["issuer"]["trading_symbol"]
    assert [(o["name"], o["relationship"]) for o in got["reporting_owners"]] == [
        (o["name"], o["relationship"]) for o in want["reporting_owners"]]
    form3 = want["document_type"].startswith("3")
    for table in ("non_derivative", "derivative"):
        assert len(got[table]) == len(want[table]), table
        for index, (g, w) in enumerate(zip(got[table], want[table])):
            for field in w:
                if field in ROW_SKIP:
                    continue
                if form3 and table == "derivative" and field == "shares_owned_following":
                    continue  # Form 3 Table II has no such column on the page
                assert g[field] == w[field], f"{table}/{index}/{field}"


# ---------------------------------------------------------------- robustness and the tree

@pytest.mark.parametrize("text", [
    "",
    "<html><body><p>Hello</p></body></html>",
    "<table><tr><td>1. Name and Address of Reporting Person<td>Table I<tr><td><!-- open",
    "<td colspan='x' rowspan=999>Table I - Non-Derivative</td><th>1. Title of Security</th>" * 3,
    "<html><body>" + "<table><tr><td>" * 400 + "FORM 4",
])
def test_messy_html_never_raises(text):
    record = Record(source="x", text=text)
    html_form.parse(text, record)
    assert record.warnings or record.document_type


def test_tree_offsets_spans_and_boxes():
    page = ('<table><tr><td rowspan="2">A &amp; B<sup>(1)</sup></td><td colspan="2">C</td></tr>'
            '<tr><td><input type="checkbox" checked> D</td><td>E</td></tr></table>')
    doc = html_tree.parse(page)
    texts = [(r.text, r.marks) for r in doc.runs]
    assert texts == [("A & B", ["1"]), ("C", []), ("\u2612 D", []), ("E", [])]
    first = doc.runs[0].value_pieces[0]
    assert page[first[1]:first[2]] == "A &amp; B"
    table = next(iter(doc.root.children))
    grid = html_tree.grid(table)
    assert [[slot[0] is not None for slot in line] for line in grid] == [[True, True, True], [True, True, True]]
    assert grid[1][0][1] is False and grid[0][2][1] is False  # spanned slots


# ---------------------------------------------------------------- the fast reader's short ways

def _runs(doc):
    return [(r.text, r.marks, [p[:4] for p in r.pieces], r.cell.start if r.cell else None) for r in doc.runs]


def _nodes(node, out=None):
    out = [] if out is None else out
    out.append((node.tag, node.start, node.end, node.raw_attrs))
    for child in node.children:
        _nodes(child, out)
    return out


@pytest.mark.parametrize("name", [F3, F4A, OLD, F5])
def test_short_ways_read_like_the_general_one(name):
    """"<td>", "</td>", "<tr>" have their own tokens; "<TD>", "</TD >" go the general way."""
    page = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    other = (page.replace("<td", "<TD").replace("</td>", "</TD>").replace("<tr", "<TR")
             .replace("</tr>", "</TR>").replace("<span", "<SPAN").replace("</span>", "</SPAN>"))
    assert len(other) == len(page)
    mine, theirs = html_tree.parse(page), html_tree.parse(other)
    assert _runs(mine) == _runs(theirs)
    assert _nodes(mine.root) == [(t.lower(), s, e, a) for t, s, e, a in _nodes(theirs.root)]


@pytest.mark.parametrize("page, texts", [
    # A broken inline tag (quote never closed) is text, and does not swallow what follows.
    ('<table><tr><td><FONT SIZE="2>A</FONT></td><td>B</td></tr></table>', ["A", "B"]),
    # An end tag is read to its first '>', quotes or not.
    ('<table><tr><td>A</td></t" x="1"><td>C</td></tr></table>', ["A", "C"]),
    # <script> bodies are skipped, even when they hold markup.
    ("<table><tr><td>A<script>x='<td>'</script>B</td></tr></table>", ["AB"]),
    ("<table><tr><TD>A<B>b</B> &amp; <sup>(1)</sup></TD><td>X<!-- c -->Y</td></tr></table>", ["Ab &", "XY"]),
])
def test_tree_on_messy_markup(page, texts):
    doc = html_tree.parse(page)
    assert [r.text for r in doc.runs] == texts
    for run in doc.runs:
        for piece in run.value_pieces:
            assert page[piece[1]:piece[2]]  # offsets point into the page


def test_document_release_breaks_the_cycles():
    page = (FIXTURES / f"{F3}.html").read_text(encoding="utf-8")
    doc = html_tree.parse(page)
    cell = doc.runs[-1].cell
    doc.release()
    assert doc.root.children == [] and doc.runs == []
    assert cell is None or cell.children == []


def test_remembered_lookups_give_the_same_record():
    """Labels, header paths, parsed cells and spans are remembered across pages: reading
    a page twice (caches warm) gives the same record, evidence included."""
    def read_twice(name):
        text = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
        out = []
        for _ in range(2):
            record = Record(source=name, input_format="html", text=text)
            html_form.parse(text, record)
            out.append((record.to_dict(), [(p, e.text, e.start, e.end) for p, e in record.iter_evidence() if e]))
        return out
    for name in (F3, F4A, OLD, F5):
        first, second = read_twice(name)
        assert first == second
        for _, text, start, end in first[1]:
            if start is not None:
                page = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
                assert page[start:end] == text
