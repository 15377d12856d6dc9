#!/usr/bin/env python3
"""Render an ownershipDocument XML (Forms 3, 4, 5 and amendments) to HTML.

A test-fixture tool, not part of the library: tools/make_fixtures.py turns our own
fixture XML (tests/fixtures/forms/*/source.xml) into HTML pages and then through real
converters (lynx, w3m, pandoc, html2text, markdownify, Chromium + pdftotext, OCR).

Two layouts so that converter output varies:
  * style "sec": the layout of the www.sec.gov rendering of the form (header boxes,
    numbered boxes 1-6, Tables I and II with two-row headers, <sup>(n)</sup> footnote
    marks, "X" in check cells, extra reporting-owner blocks after Table II for joint
    filers, Explanation of Responses, Remarks, signature lines);
  * style "old": an older, plainer page (checkboxes as <input type="checkbox" checked>,
    footnote marks as plain " (1)", one flat header row per table, all owners at the
    top, footnotes as "(1) text", prices as filed).

Usage: python tools/render_form.py source.xml [--style sec|old] [-o form.html]
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path

from defusedxml import ElementTree as ET

# --------------------------------------------------------------------------- model


@dataclass
class Cell:
    """One value of the form with the footnote ids that point at it."""
    value: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Row:
    derivative: bool
    holding: bool
    cells: dict[str, Cell]

    def __getitem__(self, key: str) -> Cell:
        return self.cells.get(key) or Cell()


@dataclass
class Owner:
    cik: str
    name: str
    street1: str
    street2: str
    city: str
    state: str
    zip: str
    state_description: str
    director: bool
    officer: bool
    ten: bool
    other: bool
    officer_title: str
    other_text: str


@dataclass
class Form:
    doc_type: str
    schema: str
    period: str
    original: str
    flags: dict[str, bool]
    issuer: tuple[str, str, str]
    owners: list[Owner]
    nd: list[Row]
    dv: list[Row]
    footnotes: list[tuple[str, str]]
    remarks: str | None
    signatures: list[tuple[str, str]]

    @property
    def base(self) -> str:
        return self.doc_type.split("/")[0]


def _text(el, path: str) -> str:
    found = el.find(path) if el is not None else None
    return (found.text or "").strip() if found is not None else ""


def _bool(el, path: str) -> bool:
    return _text(el, path).lower() in ("1", "true")


def _cell(el, path: str) -> Cell:
    """A value-wrapper element (<x><value/><footnoteId/></x>) or a plain element."""
    node = el.find(path)
    if node is None:
        return Cell()
    value = node.find("value")
    text = value.text if value is not None else (node.text if len(node) == 0 else None)
    text = text.strip() if text and text.strip() else None
    return Cell(text, [f.get("id", "") for f in node.findall("footnoteId")])


_ROW_PATHS = {
    "title": "securityTitle",
    "cprice": "conversionOrExercisePrice",
    "date": "transactionDate",
    "deemed": "deemedExecutionDate",
    "timeliness": "transactionTimeliness",
    "shares": "transactionAmounts/transactionShares",
    "total_value": "transactionAmounts/transactionTotalValue",
    "price": "transactionAmounts/transactionPricePerShare",
    "ad": "transactionAmounts/transactionAcquiredDisposedCode",
    "exer": "exerciseDate",
    "exp": "expirationDate",
    "utitle": "underlyingSecurity/underlyingSecurityTitle",
    "ushares": "underlyingSecurity/underlyingSecurityShares",
    "uvalue": "underlyingSecurity/underlyingSecurityValue",
    "owned": "postTransactionAmounts/sharesOwnedFollowingTransaction",
    "owned_value": "postTransactionAmounts/valueOwnedFollowingTransaction",
    "di": "ownershipNature/directOrIndirectOwnership",
    "nature": "ownershipNature/natureOfOwnership",
}


def _row(el, derivative: bool) -> Row:
    cells = {key: _cell(el, path) for key, path in _ROW_PATHS.items()}
    coding = el.find("transactionCoding")
    if coding is not None:
        cells["code"] = Cell(_text(coding, "transactionCode") or None,
                             [f.get("id", "") for f in coding.findall("footnoteId")])
        cells["swap"] = Cell("1" if _bool(coding, "equitySwapInvolved") else None)
    return Row(derivative, el.tag.endswith("Holding"), cells)


def load(path: str | Path) -> Form:
    root = ET.parse(str(path)).getroot()
    owners = []
    for o in root.findall("reportingOwner"):
        rel = o.find("reportingOwnerRelationship")
        owners.append(Owner(
            _text(o, "reportingOwnerId/rptOwnerCik"), _text(o, "reportingOwnerId/rptOwnerName"),
            _text(o, "reportingOwnerAddress/rptOwnerStreet1"), _text(o, "reportingOwnerAddress/rptOwnerStreet2"),
            _text(o, "reportingOwnerAddress/rptOwnerCity"), _text(o, "reportingOwnerAddress/rptOwnerState"),
            _text(o, "reportingOwnerAddress/rptOwnerZipCode"),
            _text(o, "reportingOwnerAddress/rptOwnerStateDescription"),
            _bool(rel, "isDirector"), _bool(rel, "isOfficer"), _bool(rel, "isTenPercentOwner"),
            _bool(rel, "isOther"), _text(rel, "officerTitle"), _text(rel, "otherText")))
    rows = lambda table, deriv: [  # noqa: E731 - transactions and holdings in filing order
        _row(el, deriv) for el in root.findall(table + "/*")]
    flags = {name: _bool(root, name) for name in (
        "notSubjectToSection16", "noSecuritiesOwned", "aff10b5One",
        "form3HoldingsReported", "form4TransactionsReported")}
    flags["has10b5"] = root.find("aff10b5One") is not None
    remarks = root.find("remarks")
    return Form(
        _text(root, "documentType"), _text(root, "schemaVersion"), _text(root, "periodOfReport"),
        _text(root, "dateOfOriginalSubmission"), flags,
        (_text(root, "issuer/issuerCik"), _text(root, "issuer/issuerName"),
         _text(root, "issuer/issuerTradingSymbol")),
        owners, rows("nonDerivativeTable", False), rows("derivativeTable", True),
        [(f.get("id", ""), " ".join((f.text or "").split())) for f in root.findall("footnotes/footnote")],
        (remarks.text or "").strip() if remarks is not None else None,
        [(_text(s, "signatureName"), _text(s, "signatureDate")) for s in root.findall("ownerSignature")])


# --------------------------------------------------------------------------- formatting

def us_date(iso: str | None) -> str:
    """2024-02-05 -> 02/05/2024 (a timezone suffix, if any, is dropped)."""
    if not iso:
        return ""
    y, m, d = iso[:10].split("-")
    return f"{m}/{d}/{y}"


def sec_number(raw: str | None) -> str:
    """As www.sec.gov prints numbers: thousands separators, no trailing zeros."""
    if raw is None:
        return ""
    try:
        num = Decimal(raw)
    except InvalidOperation:
        return raw
    text = f"{num:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def old_number(raw: str | None) -> str:
    """Older pages: thousands separators, decimals exactly as filed."""
    if raw is None:
        return ""
    whole, dot, frac = raw.partition(".")
    try:
        return f"{int(whole):,}" + (dot + frac if frac else "")
    except ValueError:
        return raw


def mark_id(fid: str) -> str:
    return fid[1:] if fid[:1] in ("F", "f") else fid


FORM_TITLES = {
    "3": ("INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES", "3235-0104", "0.5"),
    "4": ("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP", "3235-0287", "0.5"),
    "5": ("ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP", "3235-0362", "1.0"),
}
SECTION16 = ("Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations "
             "may continue. <i>See</i> Instruction 1(b).")
RULE10B51 = ("Check this box to indicate that a transaction was made pursuant to a contract, "
             "instruction or written plan for the purchase or sale of equity securities of the "
             "issuer that is intended to satisfy the affirmative defense conditions of Rule "
             "10b5-1(c). See Instruction 10.")
FOOTER = [
    "Reminder: Report on a separate line for each class of securities beneficially owned directly or indirectly.",
    "* If the form is filed by more than one reporting person, <i>see</i> Instruction {instr} (b)(v).",
    "** Intentional misstatements or omissions of facts constitute Federal Criminal Violations <i>See</i> 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
    "Note: File three copies of this Form, one of which must be manually signed. If space is insufficient, <i>see</i> Instruction 6 for procedure.",
    "<b>Persons who respond to the collection of information contained in this form are not required to respond unless the form displays a currently valid OMB Number.</b>",
]

# --------------------------------------------------------------------------- style "sec"

CSS = """
.FormData {color: blue; background-color: white; font-size: small; font-family: Times, serif;}
.SmallFormData {color: blue; background-color: white; font-size: x-small; font-family: Times, serif;}
.FootnoteData {color: green; background-color: white; font-size: x-small; font-family: Times, serif;}
.FormText {font-size: small; font-family: arial, helvetica, sans-serif;}
.FormTextC {font-size: small; font-family: arial, helvetica, sans-serif; text-align: center;}
.SmallFormText {font-size: xx-small; font-family: arial, helvetica, sans-serif;}
.SmallFormTextR {font-size: xx-small; font-family: arial, helvetica, sans-serif; text-align: right;}
.MedSmallFormText {font-size: x-small; font-family: arial, helvetica, sans-serif;}
.FormTitle {font-size: medium; font-family: arial, helvetica, sans-serif; font-weight: bold;}
.FormName {font-size: large; font-family: arial, helvetica, sans-serif; font-weight: bold;}
body {background: white;}
"""


def _data(value: str, cls: str = "FormData") -> str:
    return f'<span class="{cls}">{escape(value)}</span>' if value else ""


def _sups(notes: list[str]) -> str:
    return "".join(f'<span class="FootnoteData"><sup>({escape(mark_id(n))})</sup></span>' for n in notes)


def _sec_cell(cell: Cell, kind: str = "text", align: str = "center") -> str:
    """One table cell; kind: text, number, money, date, code."""
    body = ""
    if cell.value is not None:
        if kind == "number":
            body = _data(sec_number(cell.value))
        elif kind == "money":
            body = '<span class="FormText">$</span>' + _data(sec_number(cell.value))
        elif kind == "date":
            body = _data(us_date(cell.value))
        elif kind == "code":
            body = _data(cell.value, "SmallFormData")
        else:
            body = _data(cell.value)
    return f'<td align="{align}">{body}{_sups(cell.notes)}</td>'


def _check(on: bool) -> str:
    return '<span class="FormData">X</span>' if on else ""


def _box(on: bool, label: str) -> str:
    mark = "X" if on else "&nbsp;"
    return (f'<tr valign="middle"><td><table width="100%" border="1" cellpadding="0" cellspacing="0">'
            f'<tr><td>{mark}</td></tr></table></td><td class="SmallFormText">{label}</td></tr>\n')


def _sec_header(form: Form) -> str:
    title, omb, hours = FORM_TITLES[form.base]
    name = f"FORM {form.base}" + ("/A" if form.doc_type.endswith("/A") else "")
    out = [f'<table width="100%" border="0" cellspacing="0" cellpadding="4"><tr>\n'
           f'<td width="20%" colspan="2" valign="top" align="center" class="FormName">{name}</td>\n'
           f'<td rowspan="2" width="60%" valign="middle" align="center"><span class="FormTitle">UNITED STATES '
           f'SECURITIES AND EXCHANGE COMMISSION</span><br><span class="MedSmallFormText">Washington, D.C. 20549'
           f'</span><br><br><span class="FormTitle">{title}</span><br><br><span class="MedSmallFormText">Filed '
           f'pursuant to Section 16(a) of the Securities Exchange Act of 1934</span><br><span class="MedSmallFormText">'
           f'or Section 30(h) of the Investment Company Act of 1940</span></td>\n'
           f'<td rowspan="2" width="20%" valign="top" align="center"><table width="100%" border="1"><tr><td '
           f'class="FormTextC">OMB APPROVAL</td></tr><tr><td><table width="100%" border="0"><tr><td class="SmallFormText" '
           f'colspan="3">OMB Number:</td><td class="SmallFormTextR">{omb}</td></tr><tr><td class="SmallFormText" '
           f'colspan="4">Estimated average burden</td></tr><tr><td class="SmallFormText" colspan="3">hours per '
           f'response:</td><td class="SmallFormTextR">{hours}</td></tr></table></td></tr></table></td></tr>\n']
    if form.base != "3":
        out.append(_box(form.flags["notSubjectToSection16"], SECTION16))
        if form.flags["has10b5"]:
            out.append(_box(form.flags["aff10b5One"], RULE10B51))
    if form.base == "5":
        out.append(_box(form.flags["form3HoldingsReported"], "Form 3 Holdings Reported."))
        out.append(_box(form.flags["form4TransactionsReported"], "Form 4 Transactions Reported."))
    out.append("</table>\n")
    return "".join(out)


def _sec_name_address(o: Owner) -> str:
    link = f'/cgi-bin/browse-edgar?action=getcompany&amp;CIK={escape(o.cik)}'
    streets = "".join(f'<tr><td><span class="FormData">{escape(s)}</span></td></tr>\n' for s in (o.street1, o.street2) if s)
    trio = lambda a, b, c: (  # noqa: E731
        f'<table border="0" width="100%"><tr><td width="33%">{a}</td><td width="33%">{b}</td><td width="33%">{c}</td></tr></table>')
    label = lambda s: f'<span class="MedSmallFormText">{s}</span>'  # noqa: E731
    return (f'<table border="0" width="100%"><tr><td><a href="{link}">{escape(o.name)}</a></td></tr></table>\n'
            f'<hr width="98%">{trio(label("(Last)"), label("(First)"), label("(Middle)"))}\n'
            f'<table border="0" width="100%">\n{streets}</table><hr width="98%"><span class="MedSmallFormText">(Street)</span>\n'
            f'{trio(_data(o.city), _data(o.state), _data(o.zip))}\n'
            + (f'<table border="0" width="100%"><tr><td>{_data(o.state_description)}</td></tr></table>\n'
               if o.state_description else '') +
            f'<hr width="98%">{trio(label("(City)"), label("(State)"), label("(Zip)"))}')


def _sec_relationship(o: Owner, number: str) -> str:
    lab = lambda s, w="": f'<td{w} class="MedSmallFormText">{s}</td>'  # noqa: E731
    w35 = ' width="35%"'
    chk = lambda on: f'<td align="center" width="15%">{_check(on)}</td>'  # noqa: E731
    return (f'<span class="MedSmallFormText">{number}Relationship of Reporting Person(s) to Issuer</span><br>'
            f'<span class="MedSmallFormText">(Check all applicable)</span><table border="0" width="100%">'
            f'<tr>{chk(o.director)}{lab("Director", w35)}{chk(o.ten)}{lab("10% Owner", w35)}</tr>'
            f'<tr>{chk(o.officer)}{lab("Officer (give title below)")}{chk(o.other)}{lab("Other (specify below)")}</tr>'
            f'<tr><td></td><td align="left" style="color: blue">{escape(o.officer_title)}</td><td></td>'
            f'<td align="left" style="color: blue">{escape(o.other_text)}</td></tr></table>')


def _sec_joint(form: Form) -> str:
    one, many = len(form.owners) <= 1, len(form.owners) > 1
    line = lambda on, s: (f'<tr><td align="center" width="15%">{_check(on)}</td>'  # noqa: E731
                          f'<td width="85%" class="MedSmallFormText">{s}</td></tr>')
    return ('<span class="MedSmallFormText">6. Individual or Joint/Group Filing (Check Applicable Line)</span>'
            f'<table border="0" width="100%">{line(one, "Form filed by One Reporting Person")}'
            f'{line(many, "Form filed by More than One Reporting Person")}</table>')


def _sec_boxes(form: Form) -> str:
    o = form.owners[0]
    cik, name, sym = form.issuer
    issuer = (f'<span class="MedSmallFormText">{{n}}. Issuer Name <b>and</b> Ticker or Trading Symbol</span><br>'
              f'<a href="/cgi-bin/browse-edgar?action=getcompany&amp;CIK={escape(cik)}">{escape(name)}</a>\n'
              f'[ <span class="FormData">{escape(sym)}</span> ]')
    amend = lambda n: (f'<span class="MedSmallFormText">{n}. If Amendment, Date of Original Filed (Month/Day/Year)'  # noqa: E731
                       f'</span><br><span class="FormData">{us_date(form.original)}</span>')
    head = '<span class="MedSmallFormText">1. Name and Address of Reporting Person<sup>*</sup></span>\n'
    if form.base == "3":
        return ('<table width="100%" border="1" cellspacing="0" cellpadding="4">\n'
                f'<tr><td rowspan="2" width="35%" valign="top">{head}{_sec_name_address(o)}</td>'
                f'<td width="20%" valign="top"><span class="MedSmallFormText">2. Date of Event Requiring Statement '
                f'(Month/Day/Year)</span><br>{_data(us_date(form.period))}</td>'
                f'<td colspan="2" valign="top">{issuer.format(n=3)}</td></tr>\n'
                f'<tr><td></td><td valign="top">{_sec_relationship(o, "4. ")}</td>'
                f'<td valign="top">{amend(5)}<br>{_sec_joint(form)}</td></tr>\n</table>\n')
    period_label = ("3. Statement for Issuer's Fiscal Year Ended (Month/Day/Year)" if form.base == "5"
                    else "3. Date of Earliest Transaction (Month/Day/Year)")
    return ('<table width="100%" border="1" cellspacing="0" cellpadding="4">\n'
            f'<tr><td rowspan="4" width="35%" valign="top">{head}{_sec_name_address(o)}</td>'
            f'<td width="35%" valign="top">{issuer.format(n=2)}</td>'
            f'<td rowspan="2" valign="top">{_sec_relationship(o, "5. ")}</td></tr>\n'
            f'<tr><td valign="top"><span class="MedSmallFormText">{period_label}</span><br>'
            f'{_data(us_date(form.period))}</td></tr>\n'
            f'<tr><td valign="top">{amend(4)}</td><td valign="top">{_sec_joint(form)}</td></tr>\n</table>\n')


def _th(text: str, rowspan: int = 1, colspan: int = 1, cls: str = "SmallFormText") -> str:
    return (f'<th valign="top" rowspan="{rowspan}" colspan="{colspan}" align="left" class="{cls}">{text}</th>')


def _sub(*labels: str) -> str:
    return "<tr>" + "".join(f'<th align="center" class="SmallFormText">{s}</th>' for s in labels) + "</tr>"


def _table(title: str, ncols: int, head: str, body: list[str]) -> str:
    return ('<table width="100%" border="1" cellspacing="0" cellpadding="4"><thead>\n'
            f'<tr><th colspan="{ncols}" align="center" class="FormTextC">{title}</th></tr>\n'
            f'{head}</thead><tbody>\n' + "".join(r + "\n" for r in body) + "</tbody></table>\n")


TABLE2_SUB = "<br><b>(e.g., puts, calls, warrants, options, convertible securities)</b>"


def _amount(r: Row, shares: str, value: str) -> str:
    """Amount cell: shares, or a dollar value where the form reports value instead."""
    return _sec_cell(r[value], "money") if r[value].value is not None else _sec_cell(r[shares], "number")


def _v_cell(r: Row) -> str:
    return f'<td align="center">{_data("V", "SmallFormData") if r["timeliness"].value == "E" else ""}</td>'


def _sec_tables(form: Form) -> str:
    left = lambda c: _sec_cell(c, align="left")  # noqa: E731
    if form.base == "3":
        head1 = ("<tr>" + _th("1. Title of Security (Instr. 4)", cls="MedSmallFormText")
                 + _th("2. Amount of Securities Beneficially Owned (Instr. 4)")
                 + _th("3. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)")
                 + _th("4. Nature of Indirect Beneficial Ownership (Instr. 5)") + "</tr>")
        rows1 = [f'<tr>{left(r["title"])}{_amount(r, "owned", "owned_value")}{_sec_cell(r["di"])}'
                 f'{left(r["nature"])}</tr>' for r in form.nd]
        head2 = ("<tr>" + _th("1. Title of Derivative Security (Instr. 4)", 2)
                 + _th("2. Date Exercisable and Expiration Date (Month/Day/Year)", 1, 2)
                 + _th("3. Title and Amount of Securities Underlying Derivative Security (Instr. 4)", 1, 2)
                 + _th("4. Conversion or Exercise Price of Derivative Security", 2)
                 + _th("5. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)", 2)
                 + _th("6. Nature of Indirect Beneficial Ownership (Instr. 5)", 2) + "</tr>\n"
                 + _sub("Date Exercisable", "Expiration Date", "Title", "Amount or Number of Shares"))
        rows2 = [f'<tr>{left(r["title"])}{_sec_cell(r["exer"], "date")}{_sec_cell(r["exp"], "date")}'
                 f'{_sec_cell(r["utitle"])}{_amount(r, "ushares", "uvalue")}{_sec_cell(r["cprice"], "money")}'
                 f'{_sec_cell(r["di"])}{left(r["nature"])}</tr>' for r in form.dv]
        return (_table("<b>Table I - Non-Derivative Securities Beneficially Owned</b>", 4, head1, rows1)
                + _table("<b>Table II - Derivative Securities Beneficially Owned</b>" + TABLE2_SUB, 8, head2, rows2))
    five = form.base == "5"
    code_head = (_th("3. Transaction Code (Instr. 8)", 2) if five else _th("3. Transaction Code (Instr. 8)", 1, 2))
    owned5 = ("5. Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year (Instr. 3 and 4)" if five else
              "5. Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. 3 and 4)")
    head1 = ("<tr>" + _th("1. Title of Security (Instr. 3)", 2, cls="MedSmallFormText")
             + _th("2. Transaction Date (Month/Day/Year)", 2)
             + _th("2A. Deemed Execution Date, if any (Month/Day/Year)", 2) + code_head
             + _th("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", 1, 3)
             + _th(owned5, 2) + _th("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", 2)
             + _th("7. Nature of Indirect Beneficial Ownership (Instr. 4)", 2) + "</tr>\n"
             + (_sub("Amount", "(A) or (D)", "Price") if five else _sub("Code", "V", "Amount", "(A) or (D)", "Price")))

    def code_cells(r: Row) -> str:
        cell = _sec_cell(r["code"], "code")
        return cell if five else cell + _v_cell(r)

    def price_cell(r: Row) -> str:
        return _sec_cell(r["price"], "money")

    rows1 = []
    for r in form.nd:
        rows1.append(f'<tr>{left(r["title"])}{_sec_cell(r["date"], "date")}{_sec_cell(r["deemed"], "date")}'
                     f'{code_cells(r)}{_amount(r, "shares", "total_value")}{_sec_cell(r["ad"])}{price_cell(r)}'
                     f'{_amount(r, "owned", "owned_value")}{_sec_cell(r["di"])}{left(r["nature"])}</tr>')
    code_head2 = (_th("4. Transaction Code (Instr. 8)", 2) if five else _th("4. Transaction Code (Instr. 8)", 1, 2))
    head2 = ("<tr>" + _th("1. Title of Derivative Security (Instr. 3)", 2)
             + _th("2. Conversion or Exercise Price of Derivative Security", 2)
             + _th("3. Transaction Date (Month/Day/Year)", 2)
             + _th("3A. Deemed Execution Date, if any (Month/Day/Year)", 2) + code_head2
             + _th("5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)", 1, 2)
             + _th("6. Date Exercisable and Expiration Date (Month/Day/Year)", 1, 2)
             + _th("7. Title and Amount of Securities Underlying Derivative Security (Instr. 3 and 4)", 1, 2)
             + _th("8. Price of Derivative Security (Instr. 5)", 2)
             + _th("9. Number of derivative Securities Beneficially Owned Following Reported Transaction(s) (Instr. 4)", 2)
             + _th("10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", 2)
             + _th("11. Nature of Indirect Beneficial Ownership (Instr. 4)", 2) + "</tr>\n"
             + _sub(*(() if five else ("Code", "V")), "(A)", "(D)", "Date Exercisable", "Expiration Date",
                    "Title", "Amount or Number of Shares"))
    rows2 = []
    for r in form.dv:
        amount = _amount(r, "shares", "total_value")
        acq, disp = (amount, '<td align="center"></td>') if r["ad"].value == "A" else (
            ('<td align="center"></td>', amount) if r["ad"].value == "D" else (amount, '<td align="center"></td>'))
        if r.holding:
            acq = disp = '<td align="center"></td>'
        rows2.append(f'<tr>{left(r["title"])}{_sec_cell(r["cprice"], "money")}{_sec_cell(r["date"], "date")}'
                     f'{_sec_cell(r["deemed"], "date")}{code_cells(r)}{acq}{disp}{_sec_cell(r["exer"], "date")}'
                     f'{_sec_cell(r["exp"], "date")}{_sec_cell(r["utitle"])}{_amount(r, "ushares", "uvalue")}'
                     f'{price_cell(r)}{_amount(r, "owned", "owned_value")}{_sec_cell(r["di"])}{left(r["nature"])}</tr>')
    n1, n2 = 11, 16  # www.sec.gov keeps the Form 4 colspans on Form 5 too
    return (_table("<b>Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned</b>", n1, head1, rows1)
            + _table("<b>Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned</b>" + TABLE2_SUB,
                     n2, head2, rows2))


def _sec_more_owners(form: Form) -> str:
    blocks = []
    for o in form.owners[1:]:
        blocks.append('<table width="100%" border="1" cellspacing="0" cellpadding="4">\n'
                      '<tr><td width="50%" valign="top"><span class="MedSmallFormText">1. Name and Address of '
                      f'Reporting Person<sup>*</sup></span>\n{_sec_name_address(o)}</td>'
                      f'<td valign="top">{_sec_relationship(o, "")}</td></tr>\n</table>\n')
    return "".join(blocks)


def _sec_tail(form: Form) -> str:
    out = ['<table width="100%" border="0" cellspacing="0" cellpadding="4">\n'
           '<tr><td class="MedSmallFormText"><b>Explanation of Responses:</b></td></tr>\n']
    out += [f'<tr><td class="FootnoteData">{escape(mark_id(fid))}. {escape(text)}</td></tr>\n' for fid, text in form.footnotes]
    if form.remarks is not None:
        out.append('<tr><td class="MedSmallFormText"><b>Remarks:</b></td></tr>\n')
        out.append(f'<tr><td class="FormData">{escape(form.remarks)}</td></tr>\n')
    out.append('</table>\n<table width="100%" border="0">\n')
    out += [f'<tr><td width="60%"></td><td width="20%"><u><span class="FormData">{escape(name)}</span></u></td>'
            f'<td width="20%"><u><span class="FormData">{us_date(date)}</span></u></td></tr>\n'
            for name, date in form.signatures]
    out.append('<tr><td></td><td class="MedSmallFormText">** Signature of Reporting Person</td>'
               '<td class="MedSmallFormText">Date</td></tr>\n')
    instr = "5" if form.base == "3" else "4"
    out += [f'<tr><td colspan="3" class="MedSmallFormText">{line.format(instr=instr)}</td></tr>\n' for line in FOOTER]
    out.append("</table>")
    return "".join(out)


def render_sec(form: Form) -> str:
    return ('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n'
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
            f'<title>SEC FORM {form.doc_type}</title><style type="text/css">{CSS}</style></head>\n'
            f'<body>SEC Form {form.doc_type}\n' + _sec_header(form) + _sec_boxes(form) + _sec_tables(form)
            + _sec_more_owners(form) + _sec_tail(form) + "</body></html>\n")


# --------------------------------------------------------------------------- style "old"

def _cb(on: bool) -> str:
    return '<input type="checkbox" checked>' if on else '<input type="checkbox">'


def _marks(notes: list[str]) -> str:
    return "".join(f" ({escape(mark_id(n))})" for n in notes)


def _old(cell: Cell, kind: str = "text") -> str:
    v = cell.value
    if v is None:
        text = ""
    elif kind == "number":
        text = old_number(v)
    elif kind == "money":
        text = "$" + old_number(v)
    elif kind == "date":
        text = us_date(v)
    else:
        text = v
    return f"<td>{escape(text)}{_marks(cell.notes)}</td>"


def _old_amount(r: Row, shares: str, value: str) -> str:
    return _old(r[value], "money") if r[value].value is not None else _old(r[shares], "number")


def _old_owner(o: Owner) -> str:
    rel = (f'{_cb(o.director)} Director&nbsp; {_cb(o.ten)} 10% Owner<br>'
           f'{_cb(o.officer)} Officer (give title below)&nbsp; {_cb(o.other)} Other (specify below)<br>'
           f'<b>{escape(o.officer_title or o.other_text)}</b>')
    street = "<br>".join(escape(s) for s in (o.street1, o.street2) if s)
    return (f'<tr><td valign="top"><font size="1">1. Name and Address of Reporting Person*</font><br>'
            f'<b>{escape(o.name)}</b><br>{street}<br>{escape(o.city)}, {escape(o.state)} {escape(o.zip)}</td>'
            f'<td valign="top"><font size="1">Relationship of Reporting Person(s) to Issuer (Check all applicable)</font>'
            f'<br>{rel}</td></tr>\n')


def _old_table(title: str, headers: list[str], rows: list[str]) -> str:
    head = "".join(f"<th><font size=\"1\">{h}</font></th>" for h in headers)
    return (f'<p align="center"><b>{title}</b></p>\n<table border="1" cellspacing="0" cellpadding="3" width="100%">\n'
            f"<tr>{head}</tr>\n" + "".join(r + "\n" for r in rows) + "</table>\n")


def _old_tables(form: Form) -> str:
    if form.base == "3":
        t1 = _old_table("Table I - Non-Derivative Securities Beneficially Owned",
                        ["1. Title of Security", "2. Amount of Securities Beneficially Owned",
                         "3. Ownership Form: Direct (D) or Indirect (I)", "4. Nature of Indirect Beneficial Ownership"],
                        [f'<tr>{_old(r["title"])}{_old_amount(r, "owned", "owned_value")}{_old(r["di"])}{_old(r["nature"])}</tr>'
                         for r in form.nd])
        t2 = _old_table("Table II - Derivative Securities Beneficially Owned (e.g., puts, calls, warrants, options, convertible securities)",
                        ["1. Title of Derivative Security", "2. Date Exercisable", "Expiration Date",
                         "3. Title of Underlying Securities", "Amount or Number of Shares",
                         "4. Conversion or Exercise Price", "5. Ownership Form: Direct (D) or Indirect (I)",
                         "6. Nature of Indirect Beneficial Ownership"],
                        [f'<tr>{_old(r["title"])}{_old(r["exer"], "date")}{_old(r["exp"], "date")}{_old(r["utitle"])}'
                         f'{_old_amount(r, "ushares", "uvalue")}{_old(r["cprice"], "money")}{_old(r["di"])}{_old(r["nature"])}</tr>'
                         for r in form.dv])
        return t1 + t2

    def v(r: Row) -> str:
        return "<td>V</td>" if r["timeliness"].value == "E" else "<td></td>"

    t1 = _old_table("Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
                    ["1. Title of Security", "2. Transaction Date", "2A. Deemed Execution Date", "3. Transaction Code",
                     "V", "4. Amount", "(A) or (D)", "Price", "5. Amount of Securities Beneficially Owned Following Reported Transaction(s)",
                     "6. Ownership Form: Direct (D) or Indirect (I)", "7. Nature of Indirect Beneficial Ownership"],
                    [f'<tr>{_old(r["title"])}{_old(r["date"], "date")}{_old(r["deemed"], "date")}{_old(r["code"])}{v(r)}'
                     f'{_old_amount(r, "shares", "total_value")}{_old(r["ad"])}{_old(r["price"], "money")}'
                     f'{_old_amount(r, "owned", "owned_value")}{_old(r["di"])}{_old(r["nature"])}</tr>' for r in form.nd])
    t2 = _old_table("Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned (e.g., puts, calls, warrants, options, convertible securities)",
                    ["1. Title of Derivative Security", "2. Conversion or Exercise Price", "3. Transaction Date",
                     "3A. Deemed Execution Date", "4. Transaction Code", "V", "5. Number of Derivative Securities Acquired (A) or Disposed of (D)",
                     "(A) or (D)", "6. Date Exercisable", "Expiration Date", "7. Title of Underlying Securities",
                     "Amount or Number of Shares", "8. Price of Derivative Security",
                     "9. Number of Derivative Securities Beneficially Owned Following Reported Transaction(s)",
                     "10. Ownership Form: Direct (D) or Indirect (I)", "11. Nature of Indirect Beneficial Ownership"],
                    [f'<tr>{_old(r["title"])}{_old(r["cprice"], "money")}{_old(r["date"], "date")}{_old(r["deemed"], "date")}'
                     f'{_old(r["code"])}{v(r)}{_old_amount(r, "shares", "total_value")}{_old(r["ad"])}{_old(r["exer"], "date")}'
                     f'{_old(r["exp"], "date")}{_old(r["utitle"])}{_old_amount(r, "ushares", "uvalue")}{_old(r["price"], "money")}'
                     f'{_old_amount(r, "owned", "owned_value")}{_old(r["di"])}{_old(r["nature"])}</tr>' for r in form.dv])
    return t1 + t2


def render_old(form: Form) -> str:
    title, omb, _ = FORM_TITLES[form.base]
    cik, name, sym = form.issuer
    period_label = {"3": "2. Date of Event Requiring Statement (Month/Day/Year)",
                    "5": "3. Statement for Issuer's Fiscal Year Ended (Month/Day/Year)"}.get(
        form.base, "3. Date of Earliest Transaction (Month/Day/Year)")
    out = [f"<html><head><title>FORM {escape(form.doc_type)}</title></head>\n<body>\n"
           f'<center><font size="4"><b>FORM {escape(form.doc_type)}</b></font><br>'
           "<b>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</b><br>Washington, D.C. 20549<br>"
           f"<b>{title}</b><br><font size=\"1\">OMB Number: {omb}</font></center>\n<p>"]
    if form.base != "3":
        out.append(f"{_cb(form.flags['notSubjectToSection16'])} {SECTION16}<br>\n")
        if form.flags["has10b5"]:
            out.append(f"{_cb(form.flags['aff10b5One'])} {RULE10B51}<br>\n")
    if form.base == "5":
        out.append(f"{_cb(form.flags['form3HoldingsReported'])} Form 3 Holdings Reported<br>\n"
                   f"{_cb(form.flags['form4TransactionsReported'])} Form 4 Transactions Reported<br>\n")
    if form.base == "3":
        out.append(f"{_cb(form.flags['noSecuritiesOwned'])} No securities are beneficially owned<br>\n")
    out.append('</p>\n<table border="1" cellspacing="0" cellpadding="3" width="100%">\n')
    out += [_old_owner(o) for o in form.owners]
    out.append(f'<tr><td><font size="1">Issuer Name and Ticker or Trading Symbol</font><br><b>{escape(name)}</b> '
               f'({escape(sym)})</td><td><font size="1">{period_label}</font><br>{us_date(form.period)}</td></tr>\n'
               f'<tr><td><font size="1">If Amendment, Date of Original Filed (Month/Day/Year)</font><br>'
               f'{us_date(form.original)}</td><td><font size="1">Individual or Joint/Group Filing</font><br>'
               f'{_cb(len(form.owners) <= 1)} Form filed by One Reporting Person<br>'
               f'{_cb(len(form.owners) > 1)} Form filed by More than One Reporting Person</td></tr>\n</table>\n')
    out.append(_old_tables(form))
    out.append("<p><b>Explanation of Responses:</b></p>\n")
    out += [f"<p><font size=\"1\">({escape(mark_id(fid))}) {escape(text)}</font></p>\n" for fid, text in form.footnotes]
    if form.remarks:
        out.append(f"<p><b>Remarks:</b><br>{escape(form.remarks)}</p>\n")
    for sname, date in form.signatures:
        out.append(f"<p>{escape(sname)}&nbsp;&nbsp;&nbsp;&nbsp;{us_date(date)}<br>"
                   "<font size=\"1\">** Signature of Reporting Person&nbsp;&nbsp;&nbsp;&nbsp;Date</font></p>\n")
    out.append("</body></html>\n")
    return "".join(out)


def render(path: str | Path, style: str = "sec") -> str:
    form = load(path)
    return render_old(form) if style == "old" else render_sec(form)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("xml")
    ap.add_argument("--style", choices=("sec", "old"), default="sec")
    ap.add_argument("-o", "--output")
    args = ap.parse_args(argv)
    html = render(args.xml, args.style)
    if args.output:
        Path(args.output).write_text(html, encoding="utf-8")
    else:
        sys.stdout.write(html)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
