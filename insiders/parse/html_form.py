"""Parse an HTML rendering of Form 3/4/5 (the www.sec.gov form page, or one like it).

Called by ``insiders.pipeline.parse_into`` for ``html`` input.  The page is read
by its own structure, not flattened to text: ``html_tree`` gives runs of text
with their cells and ``<sup>`` marks, the printed box labels ("1. Name and
Address of Reporting Person", "3. Date of Earliest Transaction" ...) anchor
each value, the cell layout places city/state/zip and officer titles, and
``html_tables`` reads Tables I and II by their header cells.  Values go through
``insiders.normalize``; each keeps ``Evidence`` with offsets into the page.
Joint filers come from repeated owner blocks and/or a "Reporting Owners" table.
"""

from __future__ import annotations

import re

from .. import detect
from .. import normalize as nz
from ..model import Footnote, Owner, Record, Signature
from . import html_tree
from .html_cells import (CHECK_MARK, EMPTY_MARK, box_state, cell_position, cell_value, run_value,
                         strip_box, sub_evidence)
from .html_tables import read_table
from .html_tree import Document, Run

# The printed labels that open each box of the form (leading "1." / "2A." optional).
_LABEL_PATTERNS = {
    "owner": r"Name\s+and\s+Address\s+of\s+Reporting\s+Person",
    "issuer": r"Issuer\s+Name\s+and\s+Ticker",
    "period": r"Date\s+of\s+Earliest\s+Transaction|Date\s+of\s+Event\s+Requiring\s+Statement"
              r"|Statement\s+for\s+Issuer'?s\s+Fiscal\s+Year\s+End",
    "amendment": r"If\s+Amendment,\s+Date\s+(?:of\s+)?Original\s+Filed",
    "relationship": r"Relationship\s+of\s+Reporting\s+Person",
    "joint": r"Individual\s+or\s+Joint/Group\s+Filing",
    "irs": r"I\.?R\.?S\.?\s+Identification",
    "table1": r"Table\s+I\b(?!I)",
    "table2": r"Table\s+II\b",
    "explanation": r"Explanation\s+of\s+Responses",
    "remarks": r"Remarks\s*:?\s*$",
    "signature_label": r"\**\s*Signature\s+of\s+Reporting\s+Person",
    "signatures": r"Signatures?\s*:?\s*$",
    "owners_table": r"Reporting\s+Owner\s+Name",
    "section16": r"(?:[☒☑✓✔■☐□]\s*|\[\s*[Xx]?\s*\]\s*)?Check\s+this\s+box\s+if\s+no\s+longer\s+subject",
    "rule10b51": r"(?:[☒☑✓✔■☐□]\s*|\[\s*[Xx]?\s*\]\s*)?Check\s+this\s+box\s+to\s+indicate\s+that\s+a\s+transaction",
    "no_securities": r"(?:[☒☑✓✔■☐□]\s*|\[\s*[Xx]?\s*\]\s*|Check\s+this\s+box\s+if\s+)"
                     r"(?:there\s+are\s+)?No\s+securities\s+(?:are\s+)?beneficially\s+owned",
}
_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[A-Za-z]?\s*\.\s*)?(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _LABEL_PATTERNS.items())
    + ")",
    re.I,
)
# Labels that end the values of the one before (boxes of the form's head and its sections).
MAJOR = frozenset(_LABEL_PATTERNS) - {"signature_label"}
# Small print under the owner's name and address.
_SUBLABEL = re.compile(r"^\((?P<name>Last|First|Middle|Street|City|State|Zip(?:\s*Code)?)\)$", re.I)
_SUBLABEL_ANY = re.compile(r"\((?:Last|First|Middle|Street|City|State|Zip)\)", re.I)
_HELP = re.compile(r"^\((?:Check\s+all\s+applicable|Month/Day/Year|Check\s+Applicable\s+Line)\)$", re.I)
# The relationship boxes.
_RELATION = re.compile(
    r"^(?P<what>Director|10\s*%\s*Owner|Officer|Other)\b(?P<rest>.*)$", re.I,
)
# Boxes printed inline before their words, several to a run: "☐ Director ☒ 10% Owner".
_INLINE_RELATION = re.compile(
    r"(?P<box>[☒☑✓✔■☐□]|\[\s*[Xx✓✔]?\s*\])\s*(?P<what>Director|10\s*%\s*Owner|Officer|Other)\b", re.I
)
_TICK = re.compile(r"[☒☑✓✔■Xx]")
_FLAG = {"director": "is_director", "10%owner": "is_ten_percent_owner", "officer": "is_officer", "other": "is_other"}
_TITLE_KEY = {"officer": "officer_title", "other": "other_text"}
_GIVE_TITLE = re.compile(r"^\s*\((?:give\s+title\s+below|specify\s+below)\)\s*[:\-]?\s*", re.I)
_FORM = re.compile(r"^(?:SEC\s+)?FORM\s+(?P<n>[345])\s*(?P<a>/\s*A)?$", re.I)
_CIK = re.compile(r"CIK=(\d{1,10})", re.I)
_NAME_TICKER = re.compile(r"^(?P<name>.*?)\s*[\[(]\s*(?P<ticker>[^\])]*?)\s*[\])]\s*$")
_CITY_STATE_ZIP = re.compile(r"^(?P<city>.*?)[,\s]+(?P<state>[A-Z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)$")
_FOOTNOTE = re.compile(r"^\s*(?:\(\s*F?(\d{1,3})\s*\)|\[\s*F?(\d{1,3})\s*\]|F?(\d{1,3})\s*[.):])\s*(.*)$", re.S)
_BOILERPLATE = re.compile(r"^\s*(?:\*|Note\s*:|Reminder\s*:|Persons\s+who\s+respond|Potential\s+persons)", re.I)
_DATE_ONLY = re.compile(
    r"^\s*(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})\s*$"
)
# A signature and its date on one line: "/s/ Jane Roe    04/24/2024".
_SIGNED_DATED = re.compile(r"^(?P<name>.*\S)\s+(?P<date>\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})$")
_ATTORNEY = re.compile(r"attorney|atty\.?[- ]in[- ]fact|power\s+of\s+att|\bPOA\b", re.I)
_DATE_WORD = re.compile(r"^Date$", re.I)


# Run text -> label name (None: not a label), filled by ``label_of``: most runs are the
# form's own printed words, the same on every page (bounded: cleared when full).
_LABEL_OF: dict[str, str | None] = {}


def label_of(text: str) -> str | None:
    """The box label ``text`` opens with (a name of ``_LABEL_PATTERNS``), or None."""
    try:
        return _LABEL_OF[text]
    except KeyError:
        pass
    match = _LABEL.match(text) if text else None
    name = match.lastgroup if match else None
    if len(text) <= 400:  # long runs are notes and remarks, not worth keeping
        if len(_LABEL_OF) >= 4096:
            _LABEL_OF.clear()
        _LABEL_OF[text] = name
    return name


def _sublabel(text: str) -> str | None:
    """``"(Last)"`` -> ``"last"``, ``"(Zip Code)"`` -> ``"zip "``: the small print's first four letters."""
    match = _SUBLABEL.match(text) if text[:1] == "(" else None
    return match.group("name").lower()[:4] if match else None


def parse(text: str, record: Record) -> None:
    """Fill ``record`` from the HTML of a rendered form."""
    record.input_format = "html"
    doc = html_tree.parse(text)
    try:
        _Page(text, doc, record).read()
    finally:
        doc.release()


class _Page:
    """One page being read: its runs, the label each run carries, the record to fill."""

    def __init__(self, text: str, doc: Document, record: Record) -> None:
        self.text = text
        self.doc = doc
        self.runs = doc.runs
        self.record = record
        self.labels: list[str | None] = []
        self.remark_runs: set[int] = set()
        self.signature_runs: set[int] = set()
        self.at: dict[str, list[int]] = {}
        for index, run in enumerate(self.runs):
            name = label_of(run.text)
            self.labels.append(name)
            if name:
                self.at.setdefault(name, []).append(index)

    def first(self, name: str) -> int | None:
        found = self.at.get(name)
        return found[0] if found else None

    def next_major(self, index: int) -> int:
        for j in range(index + 1, len(self.runs)):
            if self.labels[j] in MAJOR:
                return j
        return len(self.runs)

    def value_after(self, index: int) -> Run | None:
        """The first run after a label that is not itself a label or help text."""
        for j in range(index + 1, min(index + 4, len(self.runs))):
            run = self.runs[j]
            if self.labels[j] is not None or _SUBLABEL.match(run.text):
                return None
            if _HELP.match(run.text) or not run.text:
                continue
            return run
        return None

    # ------------------------------------------------------------ the whole page

    def read(self) -> None:
        if not self.at:
            self.record.warn("No Form 3/4/5 box labels found in the HTML page; nothing read.")
            return
        self.document_type()
        self.head_dates()
        self.issuer()
        for index in self.at.get("owner", []):
            self.owner_block(index)
        if "owners_table" in self.at:
            self.owners_table(self.at["owners_table"][0])
        if not self.record.reporting_owners:
            self.record.warn("No reporting owner found on the HTML page.")
        self.boxes()
        self.tables()
        self.remarks()
        self.signatures()
        self.footnotes()
        if self.record.date_of_original_submission and not self.record.document_type.endswith("/A"):
            if self.record.document_type[:1] in "345":
                self.record.document_type += "/A"

    def document_type(self) -> None:
        limit = min(self.at.get("owner", [len(self.runs)])[0], len(self.runs))
        found = None
        for run in self.runs[:limit]:
            match = _FORM.match(run.text)
            if match:
                kind = match.group("n") + ("/A" if match.group("a") else "")
                if found is None or kind.endswith("/A"):
                    found = kind
        if found is None:
            found = detect.form_type(self.text)
        self.record.document_type = found or "unknown"

    def head_dates(self) -> None:
        for name, attr in (("period", "period_of_report"), ("amendment", "date_of_original_submission")):
            index = self.first(name)
            if index is None:
                continue
            run = self.value_after(index)
            if run is None:
                continue
            value = run_value(self.text, run)
            day = nz.parse_date(value.text)
            if day is None:
                self.record.warn(f"Could not read the date in the box '{self.runs[index].text}': '{value.text}'.")
                continue
            self.record.put(attr, day, value.evidence(self.text))

    def issuer(self) -> None:
        index = self.first("issuer")
        if index is None:
            self.record.warn("No 'Issuer Name and Ticker' box found on the HTML page.")
            return
        run = self.value_after(index)
        if run is None:
            return
        issuer = self.record.issuer
        match = _NAME_TICKER.match(run.text)
        name = match.group("name") if match else run.text
        if name:
            issuer.put("name", name, sub_evidence(self.text, run, name))
        if match and match.group("ticker"):
            ticker = match.group("ticker")
            issuer.put("trading_symbol", ticker, sub_evidence(self.text, run, ticker))
        cik = _CIK.search(run.href or "")
        if cik:
            issuer.cik = cik.group(1)

    # ------------------------------------------------------------ owners

    def owner_block(self, index: int) -> None:
        """One "Name and Address of Reporting Person" box, and the relationship box after it."""
        end = self.next_major(index)
        runs = self.runs[index + 1:end]
        owner = Owner()
        sub = [_sublabel(r.text) for r in runs]
        # Name: before "(Last)"; streets: up to "(Street)"; city/state/zip: up to "(City)".
        stage = "name"
        streets: list[Run] = []
        place: list[Run] = []
        place_labels: dict[int, str] = {}
        for run, label in zip(runs, sub):
            if label in ("last", "firs", "midd"):
                stage = "street"
            elif label == "stre":
                stage = "place"
            elif label in ("city", "stat", "zip", "zip "):
                stage = "done"
                pos = cell_position(run.cell)
                if pos is not None:
                    place_labels[pos] = {"city": "city", "stat": "state"}.get(label, "zip")
            elif stage == "name" and owner.name is None:
                name_text = _SUBLABEL_ANY.sub("", run.text).strip()
                if name_text:
                    value = run_value(self.text, run)
                    owner.put("name", value.text if not _SUBLABEL_ANY.search(run.text) else name_text,
                              value.evidence(self.text))
                    cik = _CIK.search(run.href or "")
                    if cik:
                        owner.cik = cik.group(1)
                if _SUBLABEL_ANY.search(run.text):
                    stage = "street"
            elif stage == "street":
                streets.append(run)
            elif stage == "place":
                place.append(run)
        if stage == "name" or (not place and streets):
            # No "(Street)" small print: the address lines follow the name, the last is the place.
            lines = streets or [r for r, label in zip(runs, sub) if label is None][1:]
            lines = [r for r in lines if r is not None and r.text and not _RELATION.match(r.text)]
            if lines and _CITY_STATE_ZIP.match(lines[-1].text):
                streets, place = lines[:-1], lines[-1:]
        self._address(owner, streets, place, place_labels)
        if owner.name is None:
            self.record.warn(f"Reporting owner box at offset {self.runs[index].pieces[0][1]} holds no name.")
            return
        rel = next((j for j in self.at.get("relationship", []) if j > index), None)
        nxt = next((j for j in self.at.get("owner", []) if j > index), len(self.runs))
        if rel is not None and rel < nxt:
            self.relationship(owner, rel)
        self.record.reporting_owners.append(owner)

    def _address(self, owner: Owner, streets: list[Run], place: list[Run], labels: dict[int, str]) -> None:
        address = owner.address
        for attr, run in zip(("street1", "street2"), streets[:2]):
            value = run_value(self.text, run)
            setattr(address, attr, value.text)
            owner.evidence[f"address/{attr}"] = value.evidence(self.text)
        if len(streets) > 2:
            address.street2 = " ".join(r.text for r in streets[1:])
        assigned = False
        if labels:
            for run in place:
                field = labels.get(cell_position(run.cell))
                if field and getattr(address, field) is None:
                    setattr(address, field, run.text)
                    owner.evidence[f"address/{field}"] = run_value(self.text, run).evidence(self.text)
                    assigned = True
        if not assigned and len(place) == 3:
            for field, run in zip(("city", "state", "zip"), place):
                setattr(address, field, run.text)
                owner.evidence[f"address/{field}"] = run_value(self.text, run).evidence(self.text)
        elif not assigned and len(place) == 1:
            match = _CITY_STATE_ZIP.match(place[0].text)
            if match:
                for field in ("city", "state", "zip"):
                    setattr(address, field, match.group(field))
            else:
                address.city = place[0].text

    def relationship(self, owner: Owner, index: int) -> None:
        """The "Relationship of Reporting Person(s) to Issuer" boxes."""
        end = self.next_major(index)
        rel = owner.relationship
        titles: list[tuple[str, int]] = []  # (officer_title/other_text, index of its label run)
        for j in range(index + 1, end):
            run = self.runs[j]
            inline = list(_INLINE_RELATION.finditer(run.text))
            if len(inline) > 1 or (inline and inline[0].start() > 0):
                # Several boxes in one run: "☐ Director ☒ 10% Owner".
                for match in inline:
                    what = match.group("what").lower().replace(" ", "")
                    if _TICK.search(match.group("box")):
                        self._tick(owner, what, run)
                    if what in ("officer", "other"):
                        titles.append((_TITLE_KEY[what], j))
                continue
            match = _RELATION.match(strip_box(run.text))
            if not match:
                continue
            what = match.group("what").lower().replace(" ", "")
            checked, mark = box_state(self.runs, j)
            if checked:
                self._tick(owner, what, mark)
            if what in ("officer", "other"):
                rest = _GIVE_TITLE.sub("", match.group("rest")).strip(" :-")
                if rest and checked:
                    setattr(rel, _TITLE_KEY[what], rest)
                else:
                    titles.append((_TITLE_KEY[what], j))
        used: set[int] = set()
        for key, j in titles:
            if getattr(rel, key) or not getattr(rel, "is_officer" if key == "officer_title" else "is_other"):
                continue
            found = self._title_below(j, end, used) if self.runs[j].cell is not None else None
            if found is None:
                found = self._title_after(j, end, used)
            if found is not None:
                used.add(found.index)
                setattr(rel, key, found.text)
                owner.evidence[f"relationship/{key}"] = run_value(self.text, found).evidence(self.text)

    def _tick(self, owner: Owner, what: str, mark: Run | None) -> None:
        attr = _FLAG[what]
        setattr(owner.relationship, attr, True)
        if mark is not None:
            owner.evidence[f"relationship/{attr}"] = run_value(self.text, mark).evidence(self.text)

    def _is_title_text(self, run: Run) -> bool:
        return bool(run.text) and not (
            _INLINE_RELATION.search(run.text) or _RELATION.match(strip_box(run.text))
            or CHECK_MARK.match(run.text) or EMPTY_MARK.match(run.text) or _HELP.match(run.text))

    def _title_below(self, j: int, end: int, used: set[int]) -> Run | None:
        """A title in the label's column, in a later row of the label's table (the SEC page)."""
        cell = self.runs[j].cell
        pos, table = cell_position(cell), cell.ancestor(("table",))
        for k in range(j + 1, end):
            run = self.runs[k]
            if k in used or run.cell is None or run.cell.parent is cell.parent or run.table is not table:
                continue
            if cell_position(run.cell) == pos and self._is_title_text(run):
                return run
        return None

    def _title_after(self, j: int, end: int, used: set[int]) -> Run | None:
        """A title written after the boxes, in the same cell (older renderings)."""
        cell = self.runs[j].cell
        for k in range(j + 1, end):
            run = self.runs[k]
            if k in used or run.cell is not cell:
                continue
            if self._is_title_text(run):
                return run
        return None

    def owners_table(self, index: int) -> None:
        """The "Reporting Owners" summary table: one row per owner, relationships by column."""
        table = self.runs[index].table
        if table is None:
            return
        grid = html_tree.grid(table)
        columns: dict[int, str] = {}
        first_data = None
        for r, line in enumerate(grid):
            texts = [(c, " ".join(x.text for x in self.doc.cell_runs(slot[0]))) for c, slot in enumerate(line) if slot]
            if any(_RELATION.match(t) or "Reporting Owner" in t or "Relationships" in t for _, t in texts):
                for c, t in texts:
                    match = _RELATION.match(t)
                    if match:
                        columns[c] = match.group("what").lower().replace(" ", "")
                continue
            first_data = r
            break
        if first_data is None:
            return
        for line in grid[first_data:]:
            if not line or line[0] is None or not line[0][1]:
                continue
            lines = self.doc.cell_runs(line[0][0])
            if not lines or not lines[0].text:
                continue
            owner = self._owner_by_name(lines[0].text)
            if owner is not None and owner.cik is None:
                cik = _CIK.search(lines[0].href or "")
                owner.cik = cik.group(1) if cik else None
            if owner is None:
                owner = Owner()
                value = run_value(self.text, lines[0])
                owner.put("name", value.text, value.evidence(self.text))
                cik = _CIK.search(lines[0].href or "")
                owner.cik = cik.group(1) if cik else None
                rest = lines[1:]
                if rest:
                    place = rest[-1:] if _CITY_STATE_ZIP.match(rest[-1].text) else []
                    self._address(owner, rest[: len(rest) - len(place)], place, {})
                self.record.reporting_owners.append(owner)
            rel = owner.relationship
            for c, what in columns.items():
                slot = line[c] if c < len(line) else None
                if slot is None:
                    continue
                text = cell_value(self.text, self.doc, slot[0]).text
                if not text or EMPTY_MARK.match(text):
                    continue
                setattr(rel, _FLAG[what], True)
                if what in ("officer", "other") and not CHECK_MARK.match(text):
                    setattr(rel, "officer_title" if what == "officer" else "other_text", text)

    def _owner_by_name(self, name: str) -> Owner | None:
        key = re.sub(r"\W+", " ", name).strip().lower()
        for owner in self.record.reporting_owners:
            if owner.name and re.sub(r"\W+", " ", owner.name).strip().lower() == key:
                return owner
        return None

    # ------------------------------------------------------------ boxes, tables, notes

    def boxes(self) -> None:
        for name, attr in (("section16", "not_subject_to_section16"), ("rule10b51", "aff10b5one"),
                           ("no_securities", "no_securities_owned")):
            index = self.first(name)
            if index is None:
                continue
            checked, mark = box_state(self.runs, index)
            evidence = run_value(self.text, mark).evidence(self.text) if mark is not None else None
            self.record.put(attr, checked, evidence if checked else None)

    def tables(self) -> None:
        for name, derivative in (("table1", False), ("table2", True)):
            index = self.first(name)
            if index is None:
                self.record.warn(f"No {'Table II' if derivative else 'Table I'} found on the HTML page.")
                continue
            table = self.runs[index].table
            if table is None or len(html_tree.rows(table)) < 2:
                table = self._table_after(index)
            if table is None:
                continue
            rows = read_table(self.text, self.doc, table, derivative, self.record)
            (self.record.derivative if derivative else self.record.non_derivative).extend(rows)

    def _table_after(self, index: int):
        start = self.runs[index].pieces[-1][2]
        for table in _tables(self.doc.root):
            if table.start >= start:
                return table
        return None

    def footnotes(self) -> None:
        index = self.first("explanation")
        if index is None:
            return
        current: Footnote | None = None
        table = self.runs[index].table
        for j in range(index + 1, self.next_major(index)):
            run = self.runs[j]
            if self.labels[j] is not None or (table is not None and run.table is not table):
                break
            if j in self.signature_runs or j in self.remark_runs:
                break
            match = _FOOTNOTE.match(run.text)
            if run.leading_marks and run.marks:
                fid, body = run.marks[0], run.text
            elif match:
                fid, body = str(int(next(g for g in match.groups()[:3] if g))), match.group(4)
            elif _BOILERPLATE.match(run.text):
                current = None
                continue
            elif current is not None and run.text:
                current.text = f"{current.text} {run.text}".strip()
                ev = current.evidence.get("text")
                if ev is not None:
                    ev.end = run.pieces[-1][2]
                    ev.text = self.text[ev.start:ev.end]
                continue
            else:
                continue
            current = Footnote(id=fid, text=body.strip())
            value = run_value(self.text, run)
            current.put("text", body, value.evidence(self.text))
            current.text = body.strip()
            self.record.footnotes.append(current)

    def remarks(self) -> None:
        index = self.first("remarks")
        if index is None:
            return
        label = self.runs[index]
        parts: list[Run] = []
        for j in range(index + 1, len(self.runs)):
            run = self.runs[j]
            if self.labels[j] is not None:
                break
            if label.table is not None and run.table is not label.table:
                break
            if label.table is None and (_BOILERPLATE.match(run.text) or _DATE_ONLY.match(run.text)
                                        or "/s/" in run.text or _SIGNED_DATED.match(run.text)
                                        or self.labels[j + 1:j + 2] == ["signature_label"]):
                break
            parts.append(run)
            self.remark_runs.add(j)
        text = "\n".join(r.text for r in parts if r.text).strip()
        if text:
            first, last = run_value(self.text, parts[0]), run_value(self.text, parts[-1])
            evidence = first.evidence(self.text)
            if evidence is not None and last.end is not None:
                evidence.end = last.end
                evidence.text = self.text[evidence.start:evidence.end]
            self.record.put("remarks", text, evidence)

    def signatures(self) -> None:
        """Signature lines: the runs just above each "Signature of Reporting Person" caption."""
        previous = -1
        for label_index in self.at.get("signature_label", []):
            label = self.runs[label_index]
            start = label_index - 1
            while start > previous and self.labels[start] is None and start not in self.remark_runs:
                run = self.runs[start]
                if _BOILERPLATE.match(run.text) or (_FOOTNOTE.match(run.text) and "/s/" not in run.text):
                    break
                if label.table is not None and run.table is not label.table:
                    break
                start -= 1
            current: Signature | None = None
            for j in range(start + 1, label_index):
                run = self.runs[j]
                if not run.text or _DATE_WORD.match(run.text):
                    continue
                self.signature_runs.add(j)
                value = run_value(self.text, run)
                if _DATE_ONLY.match(run.text):
                    if current is not None and current.date is None:
                        current.put("date", nz.parse_date(run.text), value.evidence(self.text))
                    continue
                name, day = run.text, None
                dated = _SIGNED_DATED.match(run.text)
                if dated:
                    name, day = dated.group("name"), nz.parse_date(dated.group("date"))
                current = Signature(name=name, attorney_in_fact=bool(_ATTORNEY.search(name)))
                current.put("name", name, sub_evidence(self.text, run, name))
                if day is not None:
                    current.put("date", day, sub_evidence(self.text, run, dated.group("date")))
                self.record.signatures.append(current)
            previous = label_index


def _tables(root):
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag == "table":
            yield node
        stack.extend(reversed(node.children))
