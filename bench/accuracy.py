"""Field-level accuracy of `insiders` against ground truth: the project's benchmark.

Usage::

    python bench/accuracy.py                      # every section, one table
    python bench/accuracy.py --section xml        # one section (prefix match: "text" = all converters)
    python bench/accuracy.py --show-errors 20     # also print up to 20 mismatches per section
    python bench/accuracy.py --json               # machine output
    python bench/accuracy.py --corpus PATH        # default: ../shared/corpus next to the repo

Sections
    ``xml``               corpus/xml/NAME.xml           vs corpus/truth/NAME.json
    ``html``              corpus/html/NAME.html         (the rendered form page)
    ``text/<converter>``  corpus/text/<converter>/NAME.txt
    ``forms/<converter>`` tests/fixtures/forms/<name>/<converter>.txt (our own fixtures); the
                          truth is what our XML parser reads from ``<name>/source.xml``.
A missing corpus or fixture folder is skipped with a note, never an error.

Each input goes through the whole pipeline (``insiders.pipeline.extract_document``).
An input the library refuses (an ``InsidersError``) scores as an empty record.

Scoring rules (strict)
    * Both records are flattened into leaf fields: ``document_type``, ``period_of_report``,
      ``date_of_original_submission``, ``aff10b5one``, ``not_subject_to_section16``,
      ``no_securities_owned``, ``remarks``, ``issuer.*``, ``reporting_owners[i].cik/name``,
      ``reporting_owners[i].address.*``, ``reporting_owners[i].relationship.*``, every key
      of every row (``non_derivative[i].*``, ``derivative[i].*``; rows matched by index
      within their table), footnote marks as ``(row, field, id)`` pairs, ``footnotes[ID].text``
      (footnotes matched by id), ``signatures[i].name/date``.  Only top-level keys
      present in the truth file are scored (the corpus truth has no
      ``not_subject_to_section16``, for example), and only leaf keys present in the
      truth object.
    * truth non-null and prediction equal -> TP; truth non-null and prediction
      wrong or missing -> FN, plus FP when the prediction is non-null (a wrong value
      is both a miss and a false claim); truth null and prediction non-null -> FP;
      both null -> not counted.
    * A footnote-mark pair in the truth and the prediction -> TP; truth only -> FN;
      prediction only (on a row the truth has) -> FP.
    * Items the prediction has beyond the truth's (extra rows, owners, footnotes,
      signatures) -> one FP per non-null leaf, counting only field names the truth of
      that section uses.
    * A predicted ``document_type`` of ``unknown`` counts as null (no claim).
    * Equality: numbers numerically (``62500 == 62500.0``), booleans exactly, strings
      after collapsing whitespace, otherwise exact (case matters).  The ``F1ci``
      column repeats the score with strings compared case-insensitively.
    * Inputs derived from the rendered page (html, text, forms/*) skip what the page
      does not show: issuer and owner ``cik``, ``address.street2``.  Fixture truth
      (read from source.xml) also skips ``equity_swap``, ``voluntary`` and
      ``transaction_timeliness``, which the corpus truth does not carry either, the
      derived owner name parts, ``no_securities_owned`` (no box on the page) and Form 3
      Table II ``shares_owned_following`` (no column on the printed Form 3).
P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2PR/(P+R), summed over all files of a section.
The worst fields are the field names (indices removed) with the most FN+FP.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from insiders.errors import InsidersError  # noqa: E402
from insiders.pipeline import extract_document  # noqa: E402
from insiders.read import read_path  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
FIXTURE_FORMS = REPO / "tests" / "fixtures" / "forms"

SCORED_TOP = (
    "document_type", "period_of_report", "date_of_original_submission", "aff10b5one",
    "not_subject_to_section16", "no_securities_owned", "remarks",
)
OWNER_KEYS = ("cik", "name")
PAGE_SKIPS = {"issuer.cik", "reporting_owners.cik", "reporting_owners.address.street2"}
FIXTURE_SKIPS = {
    "non_derivative.equity_swap", "non_derivative.voluntary", "non_derivative.transaction_timeliness",
    "derivative.equity_swap", "derivative.voluntary", "derivative.transaction_timeliness",
    "no_securities_owned",  # no box on the rendered page; only remarks may say it
}
_INDEX = re.compile(r"\[[^\]]*\]")

# ---------------------------------------------------------------- flattening


def flatten(record: dict, truth_shape: dict | None = None) -> dict[str, Any]:
    """``record`` as {leaf path: value}; footnote marks as ``path#field=id`` -> True.

    With ``truth_shape`` (the truth record), only the keys the truth has are kept,
    except list items beyond the truth's, which keep every key (they are extras).
    """
    shape = truth_shape if truth_shape is not None else record
    out: dict[str, Any] = {}
    for key in SCORED_TOP:
        if key in shape:
            out[key] = record.get(key)
    if "issuer" in shape:
        issuer = record.get("issuer") or {}
        for key in (shape.get("issuer") or issuer):
            out[f"issuer.{key}"] = issuer.get(key)
    if "reporting_owners" in shape:
        _flatten_owners(record.get("reporting_owners") or [], shape.get("reporting_owners") or [], out)
    for table in ("non_derivative", "derivative"):
        if table in shape:
            _flatten_rows(table, record.get(table) or [], shape.get(table) or [], out)
    if "footnotes" in shape:
        for note in record.get("footnotes") or []:
            out[f"footnotes[{note.get('id')}].text"] = note.get("text")
    if "signatures" in shape:
        shape_sigs = shape.get("signatures") or []
        for i, sig in enumerate(record.get("signatures") or []):
            keys = shape_sigs[i].keys() if i < len(shape_sigs) else sig.keys()
            for key in keys:
                out[f"signatures[{i}].{key}"] = sig.get(key)
    return out


def _flatten_owners(owners: list, shape: list, out: dict) -> None:
    for i, owner in enumerate(owners):
        template = shape[i] if i < len(shape) else owner
        for key in OWNER_KEYS:
            if key in template:
                out[f"reporting_owners[{i}].{key}"] = owner.get(key)
        for group in ("address", "relationship"):
            values = owner.get(group) or {}
            for key in (template.get(group) or values):
                out[f"reporting_owners[{i}].{group}.{key}"] = values.get(key)


def _flatten_rows(table: str, rows: list, shape: list, out: dict) -> None:
    for i, row in enumerate(rows):
        template = shape[i] if i < len(shape) else row
        prefix = f"{table}[{i}]"
        for key in template:
            if key == "footnotes":
                continue
            out[f"{prefix}.{key}"] = row.get(key)
        for name, ids in (row.get("footnotes") or {}).items():
            for fid in ids:
                out[f"{prefix}#{name}={fid}"] = True


def field_name(path: str) -> str:
    """``non_derivative[3].shares`` -> ``non_derivative.shares``;
    ``derivative[0]#exercise_price=2`` -> ``derivative.exercise_price.footnote``."""
    if "#" in path:
        row, mark = path.split("#", 1)
        return f"{_INDEX.sub('', row)}.{mark.split('=', 1)[0]}.footnote"
    return _INDEX.sub("", path)


def _skipped(name: str, skips: set[str]) -> bool:
    return name in skips or name.removesuffix(".footnote") in skips


# ---------------------------------------------------------------- comparing


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def equal(truth: Any, pred: Any, fold_case: bool = False) -> bool:
    if isinstance(truth, bool) or isinstance(pred, bool):
        return truth is pred
    t_num, p_num = _number(truth), _number(pred)
    if t_num is not None and p_num is not None:
        return t_num == p_num
    if isinstance(truth, str) and isinstance(pred, str):
        a, b = " ".join(truth.split()), " ".join(pred.split())
        return a.casefold() == b.casefold() if fold_case else a == b
    return truth == pred


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_ci: int = 0
    fp_ci: int = 0
    fn_ci: int = 0
    files: int = 0
    errors: int = 0
    seconds: float = 0.0
    worst: Counter = field(default_factory=Counter)
    mismatches: list = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def scores(self) -> dict:
        p, r, f = self._prf(self.tp, self.fp, self.fn)
        f_ci = self._prf(self.tp_ci, self.fp_ci, self.fn_ci)[2]
        return {
            "files": self.files, "errors": self.errors, "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "f1_ci": round(f_ci, 4),
            "seconds": round(self.seconds, 2),
            "worst": [{"field": k, "errors": v} for k, v in self.worst.most_common(5)],
        }


def score(truth: dict, pred: dict, skips: set[str], template: set[str], tally: Tally, source: str) -> None:
    """Add one file's counts to ``tally`` (see the module docstring for the rules)."""
    if pred.get("document_type") == "unknown":
        pred = {**pred, "document_type": None}  # "unknown" claims nothing
    t_flat = {k: v for k, v in flatten(truth).items() if not _skipped(field_name(k), skips)}
    p_all = flatten(pred, truth_shape=truth)
    truth_rows = {k.split("#", 1)[0] for k in t_flat if "#" in k} | {
        k.split(".", 1)[0] for k in t_flat if k.startswith(("non_derivative[", "derivative["))
    }
    for key, t_val in t_flat.items():
        p_val = p_all.get(key)
        _count(tally, key, t_val, p_val, source, fold=False)
        _count(tally, key, t_val, p_val, source, fold=True)
    for key, p_val in p_all.items():
        if key in t_flat or p_val is None:
            continue
        name = field_name(key)
        if _skipped(name, skips):
            continue
        row_key = key.split("#", 1)[0] if "#" in key else None
        if row_key is not None:
            scored = row_key in truth_rows or name in template  # marks on a truth row, or on an extra row
        else:
            scored = name in template
        if scored:
            _count(tally, key, None, p_val, source, fold=False)
            _count(tally, key, None, p_val, source, fold=True)


def _count(tally: Tally, key: str, t_val: Any, p_val: Any, source: str, fold: bool) -> None:
    if t_val is None:
        if p_val is None:
            return
        outcome = "fp"
    elif p_val is not None and equal(t_val, p_val, fold_case=fold):
        outcome = "tp"
    else:
        outcome = "fn+fp" if p_val is not None else "fn"
    if fold:
        tally.tp_ci += outcome == "tp"
        tally.fp_ci += "fp" in outcome
        tally.fn_ci += "fn" in outcome
        return
    tally.tp += outcome == "tp"
    tally.fp += "fp" in outcome
    tally.fn += "fn" in outcome
    if outcome != "tp":
        tally.worst[field_name(key)] += outcome.count("f")
        tally.mismatches.append((source, key, t_val, p_val))


# ---------------------------------------------------------------- sections


def _predict(path: Path) -> tuple[dict, str | None]:
    """The record for one input file, or an empty record and the error's message."""
    items = read_path(str(path))
    for item in items:
        if isinstance(item, InsidersError):
            return {}, str(item)
        try:
            return extract_document(item).to_dict(), None
        except InsidersError as exc:
            return {}, str(exc)
    return {}, "no document read"


def _xml_truth(path: Path) -> dict | None:
    """Truth for a fixture: our XML parser's reading of source.xml (None if unreadable)."""
    from insiders.model import Record
    from insiders.parse import xml_form

    record = Record(source=str(path), input_format="xml")
    try:
        xml_form.parse(path.read_text(encoding="utf-8"), record)
    except (InsidersError, OSError, UnicodeDecodeError):
        return None
    truth = record.to_dict()
    for owner in truth["reporting_owners"]:
        for key in ("display_name", "given_name", "middle_name", "family_name"):
            owner.pop(key, None)
    # What the printed form has no place for is not scored: Form 3's Table II has
    # no owned-following column (and "no securities owned" is in FIXTURE_SKIPS).
    if truth["document_type"].startswith("3"):
        for row in truth["derivative"]:
            row["shares_owned_following"] = None
    return truth


def iter_sections(corpus: Path, notes: list[str]) -> Iterator[tuple[str, list[tuple[Path, dict]], set[str]]]:
    """(section name, [(input path, truth)], skipped field names) for each section found."""
    truth_dir = corpus / "truth"
    if truth_dir.is_dir():
        truths = {p.stem: p for p in sorted(truth_dir.glob("*.json"))}

        def pairs(folder: Path, suffix: str) -> list[tuple[Path, dict]]:
            out = []
            for stem, truth_path in truths.items():
                source = folder / f"{stem}{suffix}"
                if source.is_file():
                    out.append((source, json.loads(truth_path.read_text(encoding="utf-8"))))
            return out

        yield "xml", pairs(corpus / "xml", ".xml"), set()
        yield "html", pairs(corpus / "html", ".html"), PAGE_SKIPS
        text_root = corpus / "text"
        for conv in sorted(p for p in text_root.iterdir() if p.is_dir()) if text_root.is_dir() else []:
            yield f"text/{conv.name}", pairs(conv, ".txt"), PAGE_SKIPS
    else:
        notes.append(f"corpus not found at {corpus}: corpus sections skipped")
    if FIXTURE_FORMS.is_dir():
        by_conv: dict[str, list[tuple[Path, dict]]] = {}
        for folder in sorted(p for p in FIXTURE_FORMS.iterdir() if p.is_dir()):
            source = folder / "source.xml"
            if not source.is_file():
                continue
            truth = _xml_truth(source)
            if truth is None:
                notes.append(f"{source}: not readable by the XML parser; fixture skipped")
                continue
            for item in sorted(folder.iterdir()):
                if item.is_file() and item.name != "source.xml" and item.suffix in (".txt", ".html", ".md"):
                    by_conv.setdefault(item.stem, []).append((item, truth))
        for conv, items in sorted(by_conv.items()):
            yield f"forms/{conv}", items, PAGE_SKIPS | FIXTURE_SKIPS
    else:
        notes.append(f"no fixture forms at {FIXTURE_FORMS}: forms sections skipped")


def run_section(items: list[tuple[Path, dict]], skips: set[str]) -> Tally:
    tally = Tally()
    template = {field_name(k) for _, truth in items for k in flatten(truth)}
    started = time.perf_counter()
    for path, truth in items:
        pred, error = _predict(path)
        tally.files += 1
        if error:
            tally.errors += 1
            tally.mismatches.append((str(path), "<error>", None, error))
        score(truth, pred, skips, template, tally, f"{path.parent.name}/{path.name}")
    tally.seconds = time.perf_counter() - started
    return tally


# ---------------------------------------------------------------- output


def _table(results: dict[str, Tally]) -> str:
    head = f"{'section':<24} {'files':>5} {'err':>3} {'P':>7} {'R':>7} {'F1':>7} {'F1ci':>7} {'sec':>6}  worst fields (FN+FP)"
    lines = [head, "-" * len(head)]
    for name, tally in results.items():
        s = tally.scores()
        worst = ", ".join(f"{w['field']} {w['errors']}" for w in s["worst"])
        lines.append(
            f"{name:<24} {s['files']:>5} {s['errors']:>3} {s['precision']:>7.4f} {s['recall']:>7.4f} "
            f"{s['f1']:>7.4f} {s['f1_ci']:>7.4f} {s['seconds']:>6.2f}  {worst}"
        )
    return "\n".join(lines)


def _short(value: Any, width: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (xml/, html/, text/, truth/)")
    parser.add_argument("--section", action="append", default=[], help="only sections starting with this (repeatable)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N mismatches per section")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)

    notes: list[str] = []
    results: dict[str, Tally] = {}
    for name, items, skips in iter_sections(args.corpus, notes):
        if args.section and not any(name == s or name.startswith(s.rstrip("/") + "/") or name.startswith(s)
                                    for s in args.section):
            continue
        if not items:
            notes.append(f"{name}: no inputs found; skipped")
            continue
        results[name] = run_section(items, skips)

    if args.json:
        out = {"sections": {name: t.scores() for name, t in results.items()}, "notes": notes}
        if args.show_errors:
            for name, tally in results.items():
                out["sections"][name]["mismatches"] = [
                    {"file": f, "field": k, "truth": t, "pred": p} for f, k, t, p in tally.mismatches[: args.show_errors]
                ]
        print(json.dumps(out, indent=1, default=str))
        return 0
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(_table(results))
    if args.show_errors:
        for name, tally in results.items():
            if not tally.mismatches:
                continue
            print(f"\n== {name}: {len(tally.mismatches)} mismatches (first {args.show_errors})")
            for source, key, t_val, p_val in tally.mismatches[: args.show_errors]:
                print(f"  {source}  {key}\n      truth={_short(t_val)}\n      pred ={_short(p_val)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
