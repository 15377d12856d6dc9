#!/usr/bin/env python3
"""Rebuild the converter fixtures under tests/fixtures/forms/ from each source.xml.

For every fixture directory holding a source.xml (our own invented filings):
  1. tools/render_form.py writes form.html (www.sec.gov layout) and, for the fixtures in
     OLD_STYLE, form_old.html (older layout: <input type=checkbox>, plain "(1)" marks);
  2. the real converters turn each page into text, saved next to it (old layout: in old/):
       lynx.txt             lynx -dump -width=160
       lynx80.txt           lynx -dump                      (default width, 80 columns)
       w3m.txt              w3m -dump -cols 160
       pandoc_plain.txt     pandoc -f html -t plain --wrap=none
       pandoc_markdown.txt  pandoc -f html -t markdown      (grid tables)
       gfm.txt              pandoc -f html -t gfm           (pipe tables)
       html2text.txt        PyPI html2text, body_width = 0
       markdownify.txt      PyPI markdownify, defaults
       pdftotext_layout.txt headless Chromium print-to-PDF, then pdftotext -layout
       pdftotext.txt        the same PDF, plain pdftotext
       ocr.txt              (OCR fixtures only) pdftoppm -r 200 -png, tesseract page.png -
  3. tests/fixtures/forms/CONVERTERS.md records the converter versions.

PDFs and PNGs are made in a temporary directory and never kept. Converters run with the
fixture directory as working directory and relative file names, so no absolute paths
leak into the outputs. CI has none of these tools: the outputs are committed.

Usage: python tools/make_fixtures.py [NAME ...]   (default: every fixture)
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "tests" / "fixtures" / "forms"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import render_form  # noqa: E402

# Fixtures that also get the older layout, and the ones that also get OCR.
OLD_STYLE = {
    "form3_officer_holdings_options",
    "form4_weighted_average_sales_10b5",
    "form4_option_exercise_sale_withholding",
    "form4_joint_filers_person_trust_llc",
    "form4_gift_no_price",
    "form5_late_transactions_holdings",
    "form4a_amendment_restated_holdings",
}
OCR = {
    "form4_option_exercise_sale_withholding",
    "form4_joint_filers_person_trust_llc",
    "form3_officer_holdings_options",
}
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC")

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",  # else the page carries the print date and the file:// path
]


def run(cmd: list[str], cwd: Path, stdin: bytes | None = None, timeout: int = 180) -> str:
    res = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, env=ENV, timeout=timeout)
    if res.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed in {cwd}: {res.stderr.decode(errors='replace')[-500:]}")
    return res.stdout.decode("utf-8", errors="replace")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    raise RuntimeError("no chromium found")


def to_pdf(html: Path, pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
             html.resolve().as_uri()], cwd=html.parent)
    if not pdf.exists():
        raise RuntimeError(f"chromium wrote no PDF for {html}")


def ocr(pdf: Path, tmp: Path) -> str:
    run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp / "page")], cwd=tmp)
    pages = sorted(tmp.glob("page*.png"))
    return "".join(run(["tesseract", p.name, "-"], cwd=tmp) for p in pages)


def html2text_(html: str) -> str:
    import html2text
    h = html2text.HTML2Text()
    h.body_width = 0
    return h.handle(html)


def markdownify_(html: str) -> str:
    import markdownify
    return markdownify.markdownify(html)


def convert(html: Path, outdir: Path, with_ocr: bool) -> None:
    """Run every converter on one HTML page; write the texts into outdir."""
    outdir.mkdir(exist_ok=True)
    cwd, name = html.parent, html.name
    text = html.read_text(encoding="utf-8")
    outputs = {
        "lynx.txt": run(["lynx", "-dump", "-width=160", name], cwd),
        "lynx80.txt": run(["lynx", "-dump", name], cwd),
        "w3m.txt": run(["w3m", "-dump", "-cols", "160", "-T", "text/html", name], cwd),
        "pandoc_plain.txt": run(["pandoc", "-f", "html", "-t", "plain", "--wrap=none", name], cwd),
        "pandoc_markdown.txt": run(["pandoc", "-f", "html", "-t", "markdown", name], cwd),
        "gfm.txt": run(["pandoc", "-f", "html", "-t", "gfm", name], cwd),
        "html2text.txt": html2text_(text),
        "markdownify.txt": markdownify_(text),
    }
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        pdf = tmp / "form.pdf"
        to_pdf(html, pdf)
        outputs["pdftotext_layout.txt"] = run(["pdftotext", "-layout", str(pdf), "-"], tmp)
        outputs["pdftotext.txt"] = run(["pdftotext", str(pdf), "-"], tmp)
        if with_ocr:
            outputs["ocr.txt"] = ocr(pdf, tmp)
    for fname, body in outputs.items():
        (outdir / fname).write_text(body, encoding="utf-8")


def build(fixture: Path) -> None:
    src = fixture / "source.xml"
    form = render_form.load(src)
    (fixture / "form.html").write_text(render_form.render_sec(form), encoding="utf-8")
    convert(fixture / "form.html", fixture, fixture.name in OCR)
    if fixture.name in OLD_STYLE:
        (fixture / "form_old.html").write_text(render_form.render_old(form), encoding="utf-8")
        convert(fixture / "form_old.html", fixture / "old", False)


def first_line(cmd: list[str]) -> str:
    try:
        res = subprocess.run(cmd, capture_output=True, env=ENV, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    out = (res.stdout or res.stderr).decode(errors="replace").strip().splitlines()
    return out[0].strip() if out else "unknown"


def versions() -> str:
    import html2text
    from importlib.metadata import version
    rows = [
        ("lynx", first_line(["lynx", "-version"])),
        ("w3m", first_line(["w3m", "-version"]).split(",")[0]),
        ("pandoc", first_line(["pandoc", "--version"])),
        ("html2text (PyPI)", ".".join(map(str, html2text.__version__))),
        ("markdownify (PyPI)", version("markdownify")),
        ("chromium", first_line([chromium(), "--version"])),
        ("pdftotext (poppler)", first_line(["pdftotext", "-v"])),
        ("pdftoppm (poppler)", first_line(["pdftoppm", "-v"])),
        ("tesseract", first_line(["tesseract", "--version"])),
    ]
    lines = ["# Converters used for these fixtures", "",
             "Written by `tools/make_fixtures.py`; rerun it to refresh the outputs.", "",
             "| tool | version |", "|---|---|"]
    lines += [f"| {name} | {ver} |" for name, ver in rows]
    lines += ["", "Commands (working directory: the fixture directory):", "",
              "| file | command |", "|---|---|",
              "| lynx.txt | `lynx -dump -width=160 form.html` |",
              "| lynx80.txt | `lynx -dump form.html` |",
              "| w3m.txt | `w3m -dump -cols 160 -T text/html form.html` |",
              "| pandoc_plain.txt | `pandoc -f html -t plain --wrap=none form.html` |",
              "| pandoc_markdown.txt | `pandoc -f html -t markdown form.html` |",
              "| gfm.txt | `pandoc -f html -t gfm form.html` |",
              "| html2text.txt | `html2text.HTML2Text()` with `body_width = 0` |",
              "| markdownify.txt | `markdownify.markdownify(html)` |",
              "| pdftotext_layout.txt | `chromium " + " ".join(CHROMIUM_FLAGS)
              + " --user-data-dir=TMP --print-to-pdf=form.pdf file://.../form.html`, then `pdftotext -layout form.pdf -` |",
              "| pdftotext.txt | the same PDF, `pdftotext form.pdf -` |",
              "| ocr.txt | `pdftoppm -r 200 -png form.pdf page`, then `tesseract page-N.png -` per page |",
              "", "The `old/` directories hold the same converters' output for `form_old.html`.", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    names = argv or sorted(p.name for p in FORMS.iterdir() if (p / "source.xml").is_file())
    for name in names:
        print(f"building {name}", file=sys.stderr)
        build(FORMS / name)
    (FORMS / "CONVERTERS.md").write_text(versions(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
