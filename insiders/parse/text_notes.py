"""The foot of a form as text: footnotes (Explanation of Responses), remarks, signatures.

Part of ``text_form``; labels and columns from ``text_regions``; dates via
``insiders.normalize``.
Footnotes are numbered paragraphs ("(1) text", "1. text", "**(1)** text",
"- (1) text", "F1 text") whose wrapped lines are joined; a new footnote must carry
the next number, so a wrapped line that happens to start with a number is kept
in its footnote.
"""

from __future__ import annotations

import re

from ..model import Footnote, Record, Signature
from ..normalize import join_wrapped, parse_date
from .text_regions import span_evidence, JUNK_LINE, Doc, clean_prose, clean_value

# The start of a footnote on its line.
_FOOTNOTE_START = re.compile(
    r"""^[\s>|]*+(?:[-•*]\s++)?(?:\*\*|__)?\s*   # (possessive: no quadratic backtracking on long blank runs)
    (?:
        \\?\(\s*F?(?P<a>\d{1,3})\s*\\?\)      # (1)  \(1\)  (F1)
      | \[\s*F?(?P<b>\d{1,3})\s*\]            # [1]
      | \^\(?(?P<c>\d{1,3})\)?\^?             # ^1  ^(1)
      | F(?P<d>\d{1,3})(?=[\s.:)])            # F1
      | (?P<e>\d{1,3})\s*\\?[.),](?=\s)       # 1.  1\.  1)  and OCR's "4," (only as the next number)
    )
    (?:\*\*|__)?[\s.:|]*""",
    re.X,
)
# Lines of the printed form's instructions, never part of a footnote.
_BOILERPLATE = re.compile(
    r"""^(?=[\s>|*\\-]*+[IiNnPpRrSsEe])   # cheap first test: the first word's letter (linear)
    [\s>|*\\-]*(?:
        \*+\s*If\s+the\s+form\s+is\s+filed | \*+\s*Intentional\s+misstatements
      | If\s+the\s+form\s+is\s+filed\s+by\s+more | Intentional\s+misstatements
      | Note\s*:\s*File\s+three | Potential\s+persons | Persons\s+who\s+respond
      | Reminder\s*: | SEC\s+\d{4}\s*\( | \*+\s*Signature\s+of | Signature\s+of\s+Reporting
      | Remarks\s*: | Explanation\s+of\s+Responses
    )""",
    re.X | re.I,
)
# Where the footnote area ends.
_NOTES_END = re.compile(
    r"^[\s>|*_#\\-]*+(?:Remarks\s*:|Signature\s+of\s+Reporting|Note\s*:\s*File\s+three|Reminder\s*:"
    r"|Signatures?\s*$|Potential\s+persons|(?:LIMITED\s+)?POWER\s+OF\s+AT+ORNEY|/s/)",
    re.I,
)
_SIGNED = re.compile(r"^\s*(?:By:\s*)?/?s/", re.I)
# "12/16/2024", "1-5-24" (no digit or slash before) or "2024-12-16".  The first digit is
# taken before the branches, so the regex engine skips ahead to digits (a lookbehind
# first would stop it at every character); the lookbehind then checks the one before it.
_NUMERIC_DATE = re.compile(r"\d(?:(?<![\d/]\d)\d?[/-]\d{1,2}[/-]\d{2,4}(?![\d/])|\d{3}-\d{2}-\d{2})")
# Words that mark a line as part of a signature even without its date.
_SIGNATURE_WORDS = re.compile(r"^\s*(?:By:\s*)?/?s/|/s/|\bBy:|,$", re.I)
_DATE_ONLY = re.compile(r"^\s*(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2})\s*$")
_SIG_HEADING = re.compile(r"^[\s#*_>|]*+Signatures?[\s*_:|]*$", re.I)


def parse(doc: Doc, record: Record) -> None:
    sig_top = _signatures(doc, record)
    _footnotes(doc, record, sig_top)
    _remarks(doc, record, sig_top)


# ---------------------------------------------------------------- footnotes

def _footnotes(doc: Doc, record: Record, sig_top: int | None) -> None:
    label = doc.first("explanation")
    if label is None:
        return
    notes: list[tuple[str, list[tuple[str, int, int]]]] = []
    expected = 1
    end = sig_top if sig_top is not None and sig_top > label.line else doc.nlines
    for n in range(label.line + 1, end):
        line = doc.line(n)
        body = line.strip()
        if not body or JUNK_LINE.match(body):
            continue
        if _NOTES_END.match(body):
            break  # a "Remarks:" or signature block ends the notes
        if _BOILERPLATE.match(body):
            continue
        base = doc.starts[n]
        m = _FOOTNOTE_START.match(line)
        if m:
            fid = next(g for g in m.group("a", "b", "c", "d", "e") if g)
            number = int(fid)
            if number == expected or (not notes and number >= 1):
                notes.append((str(number), []))
                expected = number + 1
                rest = line[m.end():]
                if rest.strip():
                    notes[-1][1].append((rest, base + m.end(), base + len(line)))
                continue
        if notes:
            notes[-1][1].append((line, base, base + len(line)))
    for fid, parts in notes:
        text = _join_lines([p[0] for p in parts])
        if not text:
            continue
        start, end = parts[0][1], parts[-1][2]
        note = Footnote(id=fid, text=text)
        note.evidence["text"] = span_evidence(doc, start, end)
        record.footnotes.append(note)


def _join_lines(lines: list[str]) -> str:
    return join_wrapped([clean_prose(line) for line in lines])


# ---------------------------------------------------------------- remarks

def _remarks(doc: Doc, record: Record, sig_top: int | None) -> None:
    label = doc.first("remarks")
    if label is None:
        return
    lines = []
    first_line = doc.line(label.line)
    rest = first_line[label.end - doc.starts[label.line]:]
    if rest.strip():
        lines.append((rest, label.end, label.end + len(rest)))
    for n in range(label.line + 1, doc.nlines):
        if sig_top is not None and n >= sig_top:
            break
        line = doc.line(n)
        body = line.strip()
        if body and (_NOTES_END.match(body) or _BOILERPLATE.match(body) or _SIG_HEADING.match(body)):
            break
        if doc.labels_on_line(n) and any(l.kind in ("signature", "explanation", "table1", "name") for l in doc.labels_on_line(n)):
            break
        if not line.strip() or JUNK_LINE.match(line):
            continue
        base = doc.starts[n]
        lines.append((line, base, base + len(line)))
    text = _join_lines([ln[0] for ln in lines])
    if text:
        record.put("remarks", text, span_evidence(doc, lines[0][1], lines[-1][2]))


# ---------------------------------------------------------------- signatures

def _signatures(doc: Doc, record: Record) -> int | None:
    """Signature lines sit right above each "Signature of Reporting Person" label.
    Returns the first line of the signature block (remarks end there)."""
    top = None
    for label in doc.find("signature"):
        found = _signature_block(doc, record, label)
        if found is not None and (top is None or found < top):
            top = found
    return top


def _signature_block(doc: Doc, record: Record, label) -> int | None:
    lines = _block_lines(doc, label)
    if doc.scatter and len(lines) > 1 and _opens_remarks(doc, lines[0], label):
        lines = lines[1:]  # the remark's own line, glued above the signature's cell
    if not lines:
        return None
    rows = []  # (line, name part, date match)
    for n in lines:
        line = doc.line(n)
        dates = list(_NUMERIC_DATE.finditer(line))
        date_m = dates[-1] if dates else None
        name_part = line if date_m is None else line[: date_m.start()] + " " + line[date_m.end():]
        rows.append((n, clean_prose(name_part), date_m))
    below = _dates_below(doc, label) if doc.scatter else []
    if doc.scatter:
        groups = _group_paragraphs(doc, rows)
    elif doc.mode == "flow":
        groups = _group_flow(rows)
    else:
        groups = _group_rows(rows)
    for group in groups:
        if below and not any(d for _n, _name, d in group):
            group = group + [below.pop(0)]  # scattered cells: the date printed under the label
        _add_signature(doc, record, group)
    return lines[0]


def _group_paragraphs(doc: Doc, rows: list) -> list[list]:
    """Scattered cells: each paragraph (lines without a blank between) is one
    signature's cell; a paragraph holding only a date belongs to the one above; a
    paragraph with several dates holds several signatures (``_group_rows``)."""
    paragraphs: list[list] = []
    for row in rows:
        if paragraphs and row[0] == paragraphs[-1][-1][0] + 1:
            paragraphs[-1].append(row)
        else:
            paragraphs.append([row])
    merged: list[list] = []
    for para in paragraphs:
        if merged and all(not name and d is not None for _n, name, d in para):
            merged[-1].extend(para)
        else:
            merged.append(para)
    groups: list[list] = []
    for para in merged:
        if sum(1 for r in para if r[2] is not None) > 1:
            groups.extend(_group_rows(para))
        else:
            groups.append(para)
    return groups


def _dates_below(doc: Doc, label) -> list:
    """Date-only lines just below a signature label, as rows ``(line, "", match)``;
    further down (past the form's notes), a date right above its "Date" caption."""
    out = []
    n = label.line + 1
    for n in range(label.line + 1, min(doc.nlines, label.line + 6)):
        line = doc.line(n)
        if _DATE_ONLY.match(line):
            out.append((n, "", _NUMERIC_DATE.search(line)))
        elif line.strip() and not _CAPTION.match(line):
            break
    if not out:
        for k in range(n, min(doc.nlines - 1, label.line + 16)):
            if _DATE_ONLY.match(doc.line(k)) and _DATE_CAPTION.match(doc.line(k + 1)):
                out.append((k, "", _NUMERIC_DATE.search(doc.line(k))))
                break
    return out


_CAPTION = re.compile(r"^\s*(?:Person|Date)\s*$")
_DATE_CAPTION = re.compile(r"^\s*Date\s*$")


def _group_flow(rows: list) -> list[list]:
    """Reading order: a signature's date ends it (a long name wraps before its date)."""
    groups: list[list] = [[]]
    for row in rows:
        groups[-1].append(row)
        if row[2] is not None:
            groups.append([])
    if not groups[-1]:
        groups.pop()
    elif len(groups) > 1 and not any(r[2] for r in groups[-1]):
        groups[-2].extend(groups.pop())  # trailing words after the last date
    return groups


def _group_rows(rows: list) -> list[list]:
    """Rows of the block into signatures.  Each signature has one date, printed on
    one of its lines (in columns, at the middle of its wrapped name): a line joins
    the signature of the nearest date; on a tie it joins the earlier one unless it
    opens a new signature ("/s/", "By:").  Without dates, "/s/" lines open one."""
    dated = [i for i, (_n, _name, d) in enumerate(rows) if d is not None]
    if not dated:
        groups: list[list] = []
        for row in rows:
            if not groups or _SIGNED.match(row[1] or ""):
                groups.append([row])
            else:
                groups[-1].append(row)
        return groups
    groups = [[] for _ in dated]
    for i, row in enumerate(rows):
        best = None
        for g, d in enumerate(dated):
            dist = abs(i - d)
            if best is None or dist < best[0]:
                best = (dist, g)
            elif dist == best[0] and row[1] and _SIGNED.match(row[1]) and d > i:
                best = (dist, g)
        groups[best[1]].append(row)
    return [g for g in groups if g]


def _add_signature(doc: Doc, record: Record, group: list) -> None:
    name = _join_lines([name for _n, name, _d in group if name])
    if "**" in name:  # (what the pattern needs)
        name = re.sub(r"\s*\*\*$", "", name)
    name = name.strip()
    if doc.scatter:
        name = _restore_hyphens(name, record)
    if not name:
        return
    date_rows = [(n, d) for n, _name, d in group if d is not None]
    sig = Signature(name=name)
    named = [row for row in group if row[1]]
    first, last = named[0][0], named[-1][0]
    start = doc.starts[first]
    end = doc.starts[last] + len(doc.line(last))
    sig.evidence["name"] = span_evidence(doc, start, end)
    if date_rows:
        n, d = date_rows[0]
        sig.date = parse_date(d.group())
        base = doc.starts[n]
        sig.evidence["date"] = span_evidence(doc, base + d.start(), base + d.end())
    else:
        record.warn(f"Signature '{name}': no date beside it.")
    # (``names.signer`` reads an attorney-in-fact only from these words: they alone decide)
    sig.attorney_in_fact = bool(_ATTORNEY_WORDS.search(name))
    record.signatures.append(sig)


_ATTORNEY_WORDS = re.compile(r"attorney|atty\.?[\s-]+in[\s-]+fact", re.I)


def _block_lines(doc: Doc, label) -> list[int]:
    """The lines of signature text above a "Signature of Reporting Person" label."""
    lines: list[int] = []
    label_x = _line_x(doc, label)
    indented = doc.mode != "flow" and label_x is not None and label_x > 20
    seen_date = False
    date_only_below = False
    n = label.line - 1
    while n >= 0 and len(lines) < 24:
        line = doc.line(n)
        if not line.strip():
            if lines and not (doc.scatter and (all(_DATE_ONLY.match(doc.line(k)) for k in lines)
                                               or _signature_above(doc, n))):
                break  # (scattered cells: the date sits apart, between the name and the label)
            n -= 1
            continue
        if JUNK_LINE.match(line):
            n -= 1
            continue
        body = line.strip()
        if _SIG_HEADING.match(body) or _BOILERPLATE.match(body):
            break
        if any(lab.kind != "signature" for lab in doc.labels_on_line(n)):
            break
        value = clean_value(body)
        if _FOOTNOTE_START.match(body) and not _SIGNED.match(value):
            break
        has_date = bool(_NUMERIC_DATE.search(line))
        if doc.scatter:
            # a narrow cell's wrapped lines: a long line of prose above ends the block
            if len(body) > 60 and not has_date and not _SIGNATURE_WORDS.search(value):
                break
            lines.append(n)
            n -= 1
            continue
        if indented:
            # the block sits right of the page's text: a line starting left ends it
            if len(line) - len(line.lstrip()) < label_x - 15:
                break
        elif seen_date and not has_date and not _SIGNATURE_WORDS.search(value) and not date_only_below:
            # above the first dated line only dated or "/s/" lines still belong to the
            # block, or the name whose date wrapped onto the line below
            break
        seen_date = seen_date or has_date
        date_only_below = has_date and not clean_value(_NUMERIC_DATE.sub(" ", body))
        lines.append(n)
        n -= 1
    lines.reverse()
    return lines


def _opens_remarks(doc: Doc, n: int, label) -> bool:
    """Line ``n`` is the first line after the "Remarks:" label, a sentence and no
    signature's."""
    remarks = doc.find("remarks", before=label.start)
    body = doc.line(n).strip()
    if not remarks or _SIGNATURE_WORDS.search(body) or not body.endswith((".", "!", "?")) or len(body.split()) < 3:
        return False  # a remark is a sentence; a signature's wrapped first line is not
    k = remarks[-1].line + 1
    while k < n and not doc.line(k).strip():
        k += 1
    return k == n


# Hyphens plain pdftotext drops where a line broke: "Attorneyin-Fact".
_LOST_HYPHEN = re.compile(r"\b(attorney)(in)(-fact)\b", re.I)


def _restore_hyphens(name: str, record: Record) -> str:
    """A signature's words whose hyphen plain pdftotext dropped at a line break: the
    attorney-in-fact words, and owners' hyphenated names ("VasquezHale")."""
    name = _LOST_HYPHEN.sub(r"\1-\2\3", name)
    for owner in record.reporting_owners:
        for word in (owner.name or "").split():
            if "-" in word.strip("-"):
                name = re.sub(rf"\b{re.escape(word.replace('-', ''))}\b", word, name)
    return name


def _signature_above(doc: Doc, n: int) -> bool:
    """Scattered cells: the paragraph ending above blank line ``n`` is a signature's
    (its date alone, or lines with "/s/" or "By:")."""
    k = n - 1
    while k >= 0 and not doc.line(k).strip():
        k -= 1
    if k < 0:
        return False
    if _DATE_ONLY.match(doc.line(k)):
        return True
    while k >= 0 and doc.line(k).strip():
        if _SIGNED_WORDS.search(doc.line(k)):
            return True
        k -= 1
    return False


_SIGNED_WORDS = re.compile(r"/s/|\bBy:", re.I)


def _line_x(doc: Doc, label) -> int | None:
    line = doc.line(label.line)
    return len(line) - len(line.lstrip()) if line.strip() else None
