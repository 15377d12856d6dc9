"""The foot of a typed pre-2003 form: footnotes and signatures.

Part of ``ascii_form``; lines from ``ascii_lines``; dates via ``insiders.normalize``;
the attorney-in-fact reading via ``insiders.names.signer``.
Footnotes follow "Explanation of Responses:" as numbered paragraphs ("(1) text",
"1. text", "1) text"); wrapped lines join their note, and a new note must carry
the next number.  A signature is a "/s/ Name" line; its date is typed on the same
line (in words or numbers) or on a line just below ("Date: 4/9/01").
"""

from __future__ import annotations

import re

from ..model import Evidence, Footnote, Record, Signature
from ..names import signer
from ..normalize import DATE_NUMERIC, DATE_WORDS, join_wrapped, parse_date
from .ascii_lines import Sheet

_EXPLANATION = re.compile(r"^[ \t|]*(?:Explanation\s+of\s+Responses|Footnotes|Notes)\s*:?", re.I | re.M)
# The number opening a footnote: "(1)", "1.", "1)", "[1]".
_NOTE_START = re.compile(r"^[ \t|]*(?:\(\s*(?P<a>\d{1,2})\s*\)|\[\s*(?P<b>\d{1,2})\s*\]|(?P<c>\d{1,2})[.)](?=\s))[ \t]*")
# Where the notes stop: the signature block, the form's closing instructions, an attachment.
_NOTES_END = re.compile(
    r"""^[ \t|]*(?:
        (?:By:?\s*)?/s/ | \*\* | Signature\s+of | Note\s*:\s*File | Reminder\s*:
      | JOINT\s+FILER | (?:LIMITED\s+)?POWER\s+OF\s+ATTORNEY | SIGNATURES?\s*$ | Remarks\s*:
      | Page\s+\d | FORM\s+[345]\s+\(continued\)
    )""",
    re.I | re.X,
)
_SIGNED = re.compile(r"/s/[ \t]*", re.I)
# A signature's date after its name on the line: numeric or in words, two blanks away.
_DATE = r"(?P<date>\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
_DATE_AFTER = re.compile(r"(?:\s{2,}|\t|,\s*|\s+Dated?\s*:?\s*)" + _DATE + r"\s*$", re.I)
# A date on its own line under the signature: "Date: 01/22/02", "DATE: MARCH 8, 2002".
_DATE_LINE = re.compile(r"^[ \t|]*(?:Dated?\s*:?\s*)?" + _DATE + r"[ \t|]*$", re.I)


def parse(sheet: Sheet, record: Record) -> None:
    _footnotes(sheet, record)
    _signatures(sheet, record)


# ---------------------------------------------------------------- footnotes


def _footnotes(sheet: Sheet, record: Record) -> None:
    if not len(sheet):
        return
    label = _EXPLANATION.search(sheet.text, sheet.starts[0], sheet.ends[-1])
    if label is None:
        return
    first = sheet.line_of(label.start())
    notes: list[tuple[str, list[tuple[str, int, int]]]] = []
    expected = 1
    rest = sheet.clean(first)[label.end() - sheet.starts[first]:]
    lines = [(first, rest, label.end())] if rest.strip() else []
    lines += [(n, sheet.clean(n), sheet.starts[n]) for n in range(first + 1, len(sheet))]
    for n, line, base in lines:
        body = line.strip()
        if not body or sheet.is_rule(n):
            continue
        if _NOTES_END.match(line):
            break
        m = _NOTE_START.match(line)
        if m:
            number = int(m.group("a") or m.group("b") or m.group("c"))
            if number == expected or (not notes and number >= 1):
                notes.append((str(number), []))
                expected = number + 1
                if line[m.end():].strip():
                    notes[-1][1].append((line[m.end():].strip(), base + m.end(), base + len(line.rstrip())))
                continue
        if notes:
            at = base + line.index(body)
            notes[-1][1].append((body, at, at + len(body)))
    for fid, parts in notes:
        text = _join([p[0] for p in parts])
        if text:
            note = Footnote(id=fid, text=text)
            start, end = parts[0][1], parts[-1][2]  # a wrapped note: its text as printed
            note.evidence["text"] = Evidence(sheet.text[start:end], start, end)
            record.footnotes.append(note)


def _join(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", join_wrapped(lines)).strip()


# ---------------------------------------------------------------- signatures


def _signatures(sheet: Sheet, record: Record) -> None:
    if not len(sheet):
        return
    seen = set()
    for hit in _SIGNED.finditer(sheet.text, sheet.starts[0], sheet.ends[-1]):
        n = sheet.line_of(hit.start())
        if n in seen:
            continue
        seen.add(n)
        line = sheet.clean(n)
        found = _SIGNED.search(line)
        base = sheet.starts[n]
        rest = line[found.start():].rstrip()
        date_m = _DATE_AFTER.search(rest)
        name = rest[: date_m.start()] if date_m else re.split(r"\s{3,}|\t", rest)[0]
        name = name.strip().rstrip(",")
        if len(name) <= 4:
            continue
        sig = Signature(name=name)
        start = base + found.start()
        sig.evidence["name"] = Evidence(name, start, start + len(name))
        if date_m:
            raw, at = date_m.group("date"), start + date_m.start("date")
        else:
            raw, at = _date_below(sheet, n)
        if raw:
            sig.date = parse_date(raw)
            sig.evidence["date"] = Evidence(raw, at, at + len(raw))
        else:
            record.warn(f"Signature '{name}': no date beside it.")
        sig.attorney_in_fact = signer(name)[2] or bool(re.search(r"attorney", name, re.I))
        record.signatures.append(sig)


def _date_below(sheet: Sheet, n: int) -> tuple[str | None, int]:
    """A date typed on its own line ('Date: 02/14/02') within three lines below."""
    for m in range(n + 1, min(len(sheet), n + 4)):
        line = sheet.clean(m)
        if _SIGNED.search(line):
            break
        match = _DATE_LINE.match(line)
        if match and (DATE_NUMERIC.search(match.group("date")) or DATE_WORDS.search(match.group("date"))):
            return match.group("date"), sheet.starts[m] + match.start("date")
    return None, 0
