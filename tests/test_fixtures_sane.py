"""Sanity of the converter fixtures in tests/fixtures/forms/ (made by tools/make_fixtures.py).

Checks that each fixture directory is complete, that every source.xml is a well-formed
ownershipDocument, and that the rendered pages and converter outputs still carry the
filing's issuer (so a stale or truncated output is caught). No parser is exercised here.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree as ET

FORMS = Path(__file__).parent / "fixtures" / "forms"
FIXTURES = sorted(p for p in FORMS.iterdir() if (p / "source.xml").is_file()) if FORMS.is_dir() else []

CONVERTED = ["lynx.txt", "lynx80.txt", "w3m.txt", "pandoc_plain.txt", "pandoc_markdown.txt", "gfm.txt",
             "html2text.txt", "markdownify.txt", "pdftotext_layout.txt", "pdftotext.txt"]


def test_enough_fixtures():
    assert len(FIXTURES) >= 12
    assert (FORMS / "README.md").is_file()
    assert (FORMS / "CONVERTERS.md").is_file()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_source_is_well_formed_ownership_document(fixture: Path):
    root = ET.parse(str(fixture / "source.xml")).getroot()
    assert root.tag == "ownershipDocument"
    assert root.findtext("documentType") in {"3", "4", "5", "3/A", "4/A", "5/A"}
    assert root.findtext("issuer/issuerName")
    assert root.findall("reportingOwner")
    assert root.findall("ownerSignature")
    ids = {f.get("id") for f in root.iter("footnote")}
    used = {f.get("id") for f in root.iter("footnoteId")}
    assert used <= ids, f"footnote marks without a footnote: {used - ids}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_fixture_directory_complete(fixture: Path):
    issuer = ET.parse(str(fixture / "source.xml")).getroot().findtext("issuer/issuerName")
    word = issuer.split()[0]
    pages = [(fixture, "form.html")]
    if (fixture / "form_old.html").exists():
        pages.append((fixture / "old", "form_old.html"))
    for outdir, page in pages:
        assert (fixture / page).is_file()
        for name in CONVERTED:
            path = outdir / name
            assert path.is_file(), f"missing {path}"
            text = path.read_text(encoding="utf-8")
            assert text.strip(), f"empty {path}"
            # pdftotext may split a name across lines, but the first word survives
            assert word.lower() in text.lower().replace("&amp;", "&"), f"{path} lacks the issuer name"
    assert not list(fixture.rglob("*.pdf")) and not list(fixture.rglob("*.png"))
