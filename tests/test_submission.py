"""insiders.parse.submission: EDGAR full submissions (.txt), both header styles.

Fixtures (tests/fixtures/submissions/, hand-written, fictional):
old_header_form4.txt  PEM wrapper, <SEC-DOCUMENT>/<SEC-HEADER> "KEY: value" header, the
                      ownership XML without the owner's CIK, an EX-24 power of attorney.
new_header_form4.txt  <SUBMISSION> "<KEY>value" header, two reporting owners (the second
                      without a CIK in the XML), an EX-24 power of attorney.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from insiders import detect, extract_text
from insiders.model import Evidence, Owner, PowerOfAttorney, Record
from insiders.parse import submission

FIXTURES = Path(__file__).parent / "fixtures" / "submissions"
OLD = "old_header_form4.txt"
NEW = "new_header_form4.txt"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def extract(name: str) -> Record:
    return extract_text(load(name), source=name)


def assert_offsets_point_at_their_text(record: Record, check_end: bool = True) -> None:
    for path, ev in record.iter_evidence():
        if ev.start is not None:
            end = ev.end if check_end else ev.start + len(ev.text)
            assert record.text[ev.start:end] == ev.text, path


@pytest.mark.parametrize("name", [OLD, NEW])
def test_detected_as_submission(name):
    assert detect.input_format(load(name)) == "edgar_submission"


@pytest.mark.parametrize(
    "name, accession, period, filed, issuer_cik, owners",
    [
        (OLD, "0009900999-12-000042", date(2012, 3, 5), date(2012, 3, 7), "0009900111",
         [("Holloway-Kane Brigid", "0009900301")]),
        (NEW, "0009900888-23-000017", date(2023, 6, 12), date(2023, 6, 14), "0009900112",
         [("Brackwater Capital Fund II, L.P.", "0009900401"), ("Fairweather Lucius T.", "0009900402")]),
    ],
)
def test_header_and_document(name, accession, period, filed, issuer_cik, owners):
    record = extract(name)
    assert record.input_format == "edgar_submission"
    assert record.document_type == "4"
    assert record.accession_number == accession
    assert record.period_of_report == period
    assert record.filing_date == filed
    assert record.issuer.cik == issuer_cik
    assert [(o.name, o.cik) for o in record.reporting_owners] == owners
    assert record.warnings == []
    assert_offsets_point_at_their_text(record)


def test_owner_cik_from_header_has_offset_evidence():
    record = extract(OLD)
    ev = record.reporting_owners[0].evidence["cik"]
    assert ev.path is None and record.text[ev.start:ev.end] == "0009900301"
    # ...while values read from the XML keep their element paths.
    assert record.non_derivative[0].evidence["shares"].path.endswith("transactionShares/value")
    assert record.non_derivative[0].shares == Decimal(412)
    assert record.non_derivative[0].footnotes == {"transaction_code": ["1"]}


def test_xml_values_win_over_header():
    # The header names the issuer in capitals; the XML's spelling is kept.
    assert extract(OLD).issuer.name == "Westerly Millworks Corp"


def test_joint_filer_signatures_and_flags():
    record = extract(NEW)
    assert record.aff10b5one is False
    assert [s.attorney_in_fact for s in record.signatures] == [False, True]
    assert record.reporting_owners[1].relationship.is_director is True


@pytest.mark.parametrize("name", [OLD, NEW])
def test_power_of_attorney_exhibit_is_read(name):
    record = extract(name)
    assert record.powers_of_attorney, "EX-24 should give a power of attorney"
    for poa in record.powers_of_attorney:
        for ev in poa.evidence.values():
            if ev.start is not None:
                assert ev.start > record.text.index("<TYPE>EX-24")  # offsets into the whole submission


def test_exhibit_body_goes_to_find_all(monkeypatch):
    from insiders.parse import power_of_attorney

    seen: list[str] = []

    def spy(text: str, record: Record) -> list[PowerOfAttorney]:
        seen.append(text)
        at = text.index("Nadia Kowalczyk")
        poa = PowerOfAttorney(attorneys_in_fact=["Nadia Kowalczyk"])
        poa.evidence["attorneys_in_fact"] = Evidence(text="Nadia Kowalczyk", start=at, end=at + 15)
        return [poa]

    monkeypatch.setattr(power_of_attorney, "find_all", spy)
    record = extract(NEW)
    assert len(seen) == 1
    assert seen[0].startswith("LIMITED POWER OF ATTORNEY") and "</TEXT>" not in seen[0]
    ev = record.powers_of_attorney[0].evidence["attorneys_in_fact"]
    assert record.text[ev.start:ev.end] == "Nadia Kowalczyk"  # shifted to the whole submission
    assert record.document_type == "4"


PRE_2003 = """<SEC-DOCUMENT>0009900777-01-000003.txt : 20010410
<SEC-HEADER>0009900777-01-000003.hdr.sgml : 20010410
ACCESSION NUMBER:\t\t0009900777-01-000003
CONFORMED SUBMISSION TYPE:\t4
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t20010331
FILED AS OF DATE:\t\t20010410

REPORTING-OWNER:\t

\tOWNER DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tPRENDERGAST OTTILIE
\t\tCENTRAL INDEX KEY:\t\t\t0009900501

ISSUER:\t\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tGLENROWAN FOODS INC
\t\tCENTRAL INDEX KEY:\t\t\t0009900113
</SEC-HEADER>
<DOCUMENT>
<TYPE>4
<SEQUENCE>1
<DESCRIPTION>FORM 4
<TEXT>
                                   FORM 4
               STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP
1. Name and Address of Reporting Person: Prendergast, Ottilie
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_pre_2003_text_form_goes_to_parse_text(monkeypatch):
    import insiders.pipeline as pipeline

    calls: list[str] = []

    def fake_parse_text(text: str, record: Record) -> None:
        calls.append(text)
        assert record.text == text  # parsers may read record.text: it is the body meanwhile
        at = text.index("Prendergast, Ottilie")
        owner = Owner()
        owner.put("name", "Prendergast, Ottilie", Evidence(text="Prendergast, Ottilie", start=at, end=at + 20))
        record.reporting_owners.append(owner)
        record.document_type = "4"

    monkeypatch.setattr(pipeline, "parse_text", fake_parse_text)
    record = extract_text(PRE_2003, source="old.txt")
    assert len(calls) == 1 and "STATEMENT OF CHANGES" in calls[0] and "<TEXT>" not in calls[0]
    assert record.text == PRE_2003
    owner = record.reporting_owners[0]
    assert owner.cik == "0009900501"  # from the header, matched by name
    ev = owner.evidence["name"]
    assert PRE_2003[ev.start:ev.end] == "Prendergast, Ottilie"
    assert record.issuer.cik == "0009900113" and record.issuer.name == "GLENROWAN FOODS INC"
    assert record.period_of_report == date(2001, 3, 31)


def test_pre_2003_with_the_real_text_parser_never_raises():
    record = extract_text(PRE_2003, source="old.txt")
    assert record.document_type == "4"
    assert record.accession_number == "0009900777-01-000003"
    # Starts are shifted into the whole submission; ends are the text parser's own business.
    assert_offsets_point_at_their_text(record, check_end=False)


def test_malformed_xml_keeps_the_header():
    text = load(OLD).replace("</ownershipDocument>", "", 1)
    record = extract_text(text, source="broken.txt")
    assert any("malformed" in w for w in record.warnings)
    assert record.accession_number == "0009900999-12-000042"
    assert record.document_type == "4"  # from CONFORMED SUBMISSION TYPE
    assert record.reporting_owners[0].cik == "0009900301"


def test_header_reader_both_styles():
    old = load(OLD)
    header = submission.read_header(old, old.index("<DOCUMENT>"))
    assert header.values["submission_type"][0] == "4"
    assert [(o.name, o.cik) for o in header.owners] == [("HOLLOWAY-KANE BRIGID", "0009900301")]
    assert (header.issuer.name, header.issuer.cik) == ("WESTERLY MILLWORKS CORP", "0009900111")
    new = load(NEW)
    header = submission.read_header(new, new.index("<DOCUMENT>"))
    assert header.values["filed"][0] == "20230614"
    assert [o.cik for o in header.owners] == ["0009900401", "0009900402"]
    assert header.issuer.cik == "0009900112"


def test_documents_are_split():
    text = load(NEW)
    parts = submission.iter_parts(text, text.index("<DOCUMENT>"))
    assert [(p.type, p.filename) for p in parts] == [("4", "wk-form4_1686777000.xml"), ("EX-24", "ex24-fairweather.txt")]
    assert text[parts[0].xml_start:parts[0].xml_end].lstrip().startswith("<?xml")
    assert parts[1].xml_start is None


def test_one_record_per_filing():
    from insiders import extract

    records = extract(str(FIXTURES / NEW))
    assert len(records) == 1 and records[0].input_format == "edgar_submission"


def test_xml_without_xml_wrapper():
    text = load(OLD).replace("<XML>\n", "", 1).replace("</XML>\n", "", 1)
    record = extract_text(text, source="bare.txt")
    assert record.non_derivative[0].shares == Decimal(412) and record.warnings == []


@pytest.mark.parametrize("kind", ["gz", "zip"])
def test_from_an_archive(tmp_path, kind):
    import gzip
    import zipfile

    from insiders import extract

    data = (FIXTURES / NEW).read_bytes()
    if kind == "gz":
        path = tmp_path / "filing.txt.gz"
        path.write_bytes(gzip.compress(data))
    else:
        path = tmp_path / "filings.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("a/new.txt", data)
            archive.writestr("b/old.txt", (FIXTURES / OLD).read_bytes())
    records = extract(str(path))
    assert [r.accession_number for r in records][:1] == ["0009900888-23-000017"]
    assert all(r.input_format == "edgar_submission" for r in records)
    assert_offsets_point_at_their_text(records[0])
