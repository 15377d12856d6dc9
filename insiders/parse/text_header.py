"""The header of a Form 3/4/5 as text: form type, amendment, period, issuer, top boxes.

Part of ``text_form`` (the orchestrator); reads labels and regions through
``text_regions`` and boxes through ``text_marks``; dates via ``insiders.normalize``.
Owners live in ``text_owners``; footnotes, remarks and signatures in ``text_notes``.
"""

from __future__ import annotations

import re

from .. import detect
from ..model import Record
from ..normalize import parse_date
from . import text_marks, text_scatter
from .text_regions import span_evidence, JUNK_LINE, Doc, Label, Stream, clean_value, first_date

# The form's title when it says amendment ("FORM 4/A", "AMENDMENT NO. 1 TO FORM 4").
# (over the lowered text, each led by a literal so the regex engine skips ahead)
_AMENDED_FORM = re.compile(r"form(?<![\w/]form)\s+([345])\s*/\s*a\b")
_AMENDMENT_TO = re.compile(r"amendment(?<!\wamendment)\s+(?:no\.?\s*\d+\s+)?to\s+form\s+([345])\b")

# Ticker in brackets after the issuer name: "ACME CORP. [ACME]", "GLOBEX INC [ GBX ]".
_TICKER = re.compile(r"\[\s*(?P<sym>[A-Za-z0-9][A-Za-z0-9.\-/ ]{0,14}?)?\s*\]")
# CIK inside a link target left by the converter (html2text / markdown).
_LINK_CIK = re.compile(r"\]\([^)\s]*?CIK=(\d{4,10})[^)\s]*\)", re.I)
# lynx link number at a value's start: "[2]MongoDB, Inc."
_LYNX_REF = re.compile(r"\[(\d{1,3})\](?=\S)")
_REFERENCE = re.compile(r"(?m)^\s*(\d{1,3})\.\s+\S*?CIK=(\d{4,10})")

_PERIOD_LABELS = {"3": ("event_date",), "4": ("earliest",), "5": ("fiscal_year",)}

# Form 3: "No securities are beneficially owned" (with or without a box).
# the same over the lowered text (a literal start: the regex engine skips ahead)
_NO_SECURITIES_LOW = re.compile(r"no\s+securities\s+(?:are\s+)?beneficially\s+owned")


def references(text: str) -> dict[str, str]:
    """lynx's list of link targets at the end: number -> CIK."""
    tail_at = text.rfind("References")
    if tail_at == -1:
        return {}
    return {m.group(1): m.group(2) for m in _REFERENCE.finditer(text, tail_at)}


def raw_text(stream: Stream) -> str:
    """A region's text as given (markup kept): ``stream.join(clean=False).text`` without
    building the offset map (enough for ``cik_in``: its links never span two pieces)."""
    return "\n".join([text for _offset, text, _x in stream.pieces])


def cik_in(raw: str, refs: dict[str, str]) -> str | None:
    """A CIK printed in a value's link (markdown link target or lynx reference)."""
    if m := _LINK_CIK.search(raw):
        return m.group(1).zfill(10)
    if refs and (m := _LYNX_REF.search(raw)):
        cik = refs.get(m.group(1))
        return cik.zfill(10) if cik else None
    return None


# The form's title words (lowercase) -> form type; Form 5's title holds Form 4's words.
_TITLES = (
    ("5", "annual statement of"),
    ("3", "initial statement of beneficial ownership"),
    ("4", "statement of changes in beneficial ownership"),
)
# Every title holds "statement": the titles are looked for around each "statement" (one
# ``str.find`` scan; a needle holding a blank, the commonest character, is slow to find).
_TITLE_WORD = "statement"
_TITLES_AT = tuple((kind, words, words.index(_TITLE_WORD)) for kind, words in _TITLES)
# A title whose words a converter spread over cell lines ("OWNERSHI" / "P"): its letters
# with blanks and cell borders between (what squeezing those out of the text would find).
_SPREAD_TITLES = tuple((kind, re.compile(r"[\s|]*".join(map(re.escape, words.replace(" ", "")))))
                       for kind, words in _TITLES)


def form_type(doc: Doc) -> str | None:
    """3, 4 or 5 from the title (cheap finds first; ``detect`` as the fallback)."""
    low = doc.low  # its first 20,000 characters are looked at (bounds, not a copy)
    found = _title_kind(low, min(len(low), 20000))
    if found is not None:
        return found
    for kind, spread in _SPREAD_TITLES:
        if spread.search(low, 0, 20000):
            return kind
    found = detect.form_type(doc.text)
    if found is None and doc.map is not None:  # a view re-spaced the title: the text as given
        found = detect.form_type(doc.original)
    return found


def _title_kind(low: str, end: int) -> str | None:
    """The form type of the first of _TITLES (in their order) that ``low[:end]`` holds."""
    kinds = set()
    at = low.find(_TITLE_WORD, 0, end)
    while at != -1:
        kinds.update(kind for kind, words, lead in _TITLES_AT if at >= lead and low.startswith(words, at - lead, end))
        at = low.find(_TITLE_WORD, at + 1, end)
    return next((kind for kind, _words in _TITLES if kind in kinds), None)


def parse(doc: Doc, record: Record, refs: dict[str, str]) -> None:
    form = form_type(doc)
    record.document_type = form or "unknown"
    if form is None:
        record.warn("Form type not found: no Form 3/4/5 title in the text.")
    _amendment(doc, record, form)
    _period(doc, record, form)
    _issuer(doc, record, refs)
    record.not_subject_to_section16 = _top_box(doc, record, "sec16", "not_subject_to_section16")
    record.aff10b5one = _top_box(doc, record, "b10b51", "aff10b5one")
    if form == "3" or (form is None and doc.first("event_date")):
        _no_securities(doc, record)


# ---------------------------------------------------------------- amendment and period

def _amendment(doc: Doc, record: Record, form: str | None) -> None:
    label = doc.first("amendment")
    found = None
    if doc.scatter:
        found = _scattered_date(doc, 1)
    elif label is not None:
        found = first_date(doc.region(label, max_lines=4).join())
    if found:
        raw, start, end = found
        record.put("date_of_original_submission", parse_date(raw), span_evidence(doc, start, end))
    title = _AMENDED_FORM.search(doc.low, 0, 20040) or _AMENDMENT_TO.search(doc.low, 0, 20040)
    if title:
        record.evidence["document_type"] = span_evidence(doc, title.start(), title.end())
    if form and (found or title):
        record.document_type = f"{form}/A"
        if not found:
            record.warn("Amendment: the date the original was filed was not found.")


def _period(doc: Doc, record: Record, form: str | None) -> None:
    kinds = _PERIOD_LABELS.get(form or "", ("earliest", "event_date", "fiscal_year"))
    label = doc.first(*kinds) or doc.first("earliest", "event_date", "fiscal_year")
    if label is None:
        record.warn("Period of report: its box (date of event / earliest transaction) was not found.")
        return
    found = _scattered_date(doc, 0) if doc.scatter else first_date(doc.region(label, max_lines=6).join())
    if not found:
        record.warn("Period of report: no date in its box.")
        return
    raw, start, end = found
    record.put("period_of_report", parse_date(raw), span_evidence(doc, start, end))


def _scattered_date(doc: Doc, which: int):
    """Plain pdftotext: the period (0) or the original filing's date (1) among the
    header's dates alone on their lines: ``(raw, start, end)``."""
    found = text_scatter.period_and_amendment(doc)[which]
    if found is None:
        return None
    n, raw = found
    start = doc.starts[n] + doc.line(n).index(raw)
    return raw, start, start + len(raw)


# ---------------------------------------------------------------- issuer

def _issuer_line(doc: Doc, record: Record) -> bool:
    """The issuer's "Name [ TICKER ]" line on its own (scattered cells, or a name
    wrapped away from its box)."""
    m = text_scatter.issuer_line(doc)
    if m is None:
        return False
    name, (start, name_end) = m.group("name"), m.span("name")
    glued = text_scatter.glued_owner(name.strip())
    if glued is not None:  # an owner's name in capitals glued before the issuer's
        start += name.index(glued[1])
        name = glued[1]
    record.issuer.put("name", clean_value(name), span_evidence(doc, start, name_end))
    record.issuer.put("trading_symbol", m.group("sym"), span_evidence(doc, *m.span("sym")))
    return True


def _issuer(doc: Doc, record: Record, refs: dict[str, str]) -> None:
    if doc.scatter and _issuer_line(doc, record):
        return
    label = doc.first("issuer")
    if label is None:
        record.warn("Issuer: the 'Issuer Name and Ticker' box was not found.")
        return
    stream = doc.region(label, max_lines=6)
    raw = raw_text(stream)
    joined = stream.join()
    body = joined.text
    m = None
    for cand in _TICKER.finditer(body):
        before = body[:cand.start()]
        if clean_value(before.split("(Check")[0]) or cand.group("sym"):
            m = cand
            break
    issuer = record.issuer
    if m is None and _issuer_line(doc, record):
        # the name wrapped around its label, away from its box (the owner's name in
        # capitals may be glued before it): its own "Name [ TICKER ]" line
        return
    if m is not None:
        name_part = body[:m.start()]
        lines = [ln for ln in name_part.split("\n") if not JUNK_LINE.match(ln)]
        # the name is the text right before the bracket: its line, or the lines above
        # within the box when the name wrapped (layout and grid only)
        name_lines = lines[-1:] if doc.mode == "flow" else lines[-3:]
        name = clean_value(" ".join(name_lines))
        name = re.sub(r"^\(?Month/Day/Year\)?\s*", "", name)
        if name:
            n_at = body.rfind(name_lines[-1].strip()) if name_lines else m.start()
            start, _ = joined.span(max(0, n_at), max(0, n_at) + 1)
            _, end = joined.span(m.start() - 1, m.start())
            issuer.put("name", name, span_evidence(doc, start, max(end, start)))
        sym = m.group("sym")
        if sym:
            sym = sym.strip()
            s, e = joined.span(m.start("sym"), m.end("sym"))
            issuer.put("trading_symbol", sym, span_evidence(doc, s, e))
        else:
            record.warn("Issuer: the ticker brackets are empty.")
    else:
        lines = [clean_value(ln) for ln in body.split("\n")]
        lines = [ln for ln in lines if ln and not ln.lower().startswith("or trading")]
        if lines:
            name = lines[0]
            at = body.find(name[:10]) if name else -1
            s, e = joined.span(max(at, 0), max(at, 0) + len(name))
            issuer.put("name", name, span_evidence(doc, s, e))
        record.warn("Issuer: no ticker in brackets after the issuer name.")
    cik = cik_in(raw, refs)
    if cik:
        issuer.put("cik", cik, span_evidence(doc, label.start, label.end))
    if not issuer.name:
        record.warn("Issuer: name not found in its box.")


# ---------------------------------------------------------------- boxes at the top

def _top_box(doc: Doc, record: Record, kind: str, field: str) -> bool | None:
    """A box printed left of its sentence: checked when a mark stands before the
    sentence (same line, or alone on the line above) or, in columns, left of it."""
    label = doc.first(kind)
    if label is None:
        return None
    text = doc.text
    checked = text_marks.mark_before(text, label.start)
    if not checked:
        # a line holding only a mark just above the sentence (lynx, html2text)
        n = label.line - 1
        while n >= 0 and n >= label.line - 3:
            line = doc.line(n)
            if _FULL_BORDER.match(line):
                break  # a grid row above belongs to another box
            if text_marks.is_mark_line(line):
                checked = True
                break
            if line.strip() and not JUNK_LINE.match(line):
                break
            n -= 1
    if not checked and doc.mode in ("layout", "grid"):
        checked = _mark_left_in_block(doc, label)
    if checked:
        record.evidence[field] = span_evidence(doc, label.start, label.end)
    return checked


_FULL_BORDER = re.compile(r"^\s*\+[-=:+]{3,}\+\s*$")


def _mark_left_in_block(doc: Doc, label: Label) -> bool:
    """In columns: a mark left of the sentence on one of its (wrapped) lines."""
    n = label.line
    limit = min(doc.nlines, n + 10)
    m = n
    while m < limit:
        line = doc.line(m)
        if m > n:
            if doc.mode == "grid" and _FULL_BORDER.match(line):
                break
            if not line.strip():
                break
            if any(lab.kind in ("sec16", "b10b51", "name") for lab in doc.labels_on_line(m)):
                break
        left = line[: max(0, label.x)]
        if text_marks.CHECKED_RE.search(left.replace("|", " ")) and re.fullmatch(r"[\s|+\-]*(?:\S{1,3})?[\s|+\-]*", left.replace("-", " ")):
            return True
        m += 1
    return False


def _no_securities(doc: Doc, record: Record) -> None:
    m = _NO_SECURITIES_LOW.search(doc.low)
    if not m:
        return  # the rendered form has no such box: not stated, so left None

    line_start = doc.starts[doc.line_of(m.start())]
    before = doc.text[line_start:m.start()]
    checked = text_marks.mark_before(doc.text, m.start()) or bool(
        re.search(r"Check\s+this\s+box", before, re.I) is None and not before.strip()
        and not re.search(r"box", doc.text[m.start() - 80:m.start()], re.I)
    )
    record.no_securities_owned = checked
    if checked:
        record.evidence["no_securities_owned"] = span_evidence(doc, m.start(), m.end())
