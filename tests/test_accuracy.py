"""bench/accuracy.py: the scoring rules, on small hand-made records."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(spec)
sys.modules.setdefault("accuracy", accuracy)  # dataclasses look their module up
spec.loader.exec_module(accuracy)

TRUTH = {
    "document_type": "4",
    "period_of_report": "2021-08-02",
    "issuer": {"cik": "0001", "name": "Acme  Corp", "trading_symbol": "ACME"},
    "reporting_owners": [{"cik": "0002", "name": "ROE JANE", "address": {"street1": "1 MAIN ST", "city": "X"},
                          "relationship": {"is_director": True, "officer_title": None}}],
    "non_derivative": [{"kind": "transaction", "shares": 100, "price_per_share": None,
                        "footnotes": {"price_per_share": ["1"]}}],
    "derivative": [],
    "footnotes": [{"id": "1", "text": "Weighted average."}],
    "signatures": [{"name": "/s/ Jane Roe", "date": "2021-08-04"}],
    "remarks": None,
    "aff10b5one": None,
}


def run(pred: dict, skips: set[str] = frozenset()) -> accuracy.Tally:
    tally = accuracy.Tally()
    template = {accuracy.field_name(k) for k in accuracy.flatten(TRUTH)}
    accuracy.score(TRUTH, pred, set(skips), template, tally, "t")
    return tally


def test_perfect_prediction_with_extra_keys():
    pred = json.loads(json.dumps(TRUTH))
    pred["issuer"]["name"] = "Acme Corp"  # whitespace collapses
    pred["non_derivative"][0]["shares"] = 100.0  # numbers compare numerically
    pred["non_derivative"][0]["equity_swap"] = False  # keys the truth lacks are not scored
    pred["not_subject_to_section16"] = False
    tally = run(pred)
    assert (tally.fp, tally.fn) == (0, 0) and tally.tp > 10


def test_wrong_value_is_fn_and_fp_missing_is_fn_null_truth_is_fp():
    pred = json.loads(json.dumps(TRUTH))
    pred["non_derivative"][0]["shares"] = 101  # wrong: FN + FP
    pred["issuer"]["trading_symbol"] = None  # missing: FN
    pred["remarks"] = "hello"  # truth null: FP
    tally = run(pred)
    assert (tally.fn, tally.fp) == (2, 2)


def test_footnote_pairs_extra_rows_and_case():
    pred = json.loads(json.dumps(TRUTH))
    pred["non_derivative"][0]["footnotes"] = {"price_per_share": ["2"]}  # wrong id: FN + FP
    pred["non_derivative"].append({"kind": "holding", "shares": 5, "equity_swap": True})  # extra row
    pred["issuer"]["name"] = "ACME CORP"  # case differs: strict miss, case-insensitive hit
    tally = run(pred)
    assert tally.fn == 2  # the footnote pair, the issuer name
    assert tally.fp == 4  # the wrong pair, the name, the extra row's kind and shares (not equity_swap)
    assert tally.fn_ci == 1


def test_page_skips_and_unknown_type():
    pred = json.loads(json.dumps(TRUTH))
    pred["issuer"]["cik"] = None
    pred["reporting_owners"][0]["cik"] = None
    pred["document_type"] = "unknown"
    tally = run(pred, accuracy.PAGE_SKIPS)
    assert (tally.fn, tally.fp) == (1, 0)  # only the document type is missed


def test_error_counts_as_empty_record():
    tally = run({})
    assert tally.tp == 0 and tally.fp == 0 and tally.fn > 10


@pytest.mark.skipif(not accuracy.DEFAULT_CORPUS.is_dir(), reason="corpus not present")
def test_xml_section_runs():
    sections = {name: items for name, items, _ in accuracy.iter_sections(accuracy.DEFAULT_CORPUS, [])}
    tally = accuracy.run_section(sections["xml"][:5], set())
    assert tally.files == 5 and tally.errors == 0
