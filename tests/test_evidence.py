"""Evidence: every value points at the exact text it was read from.

For every sample, each evidence span must cut exactly its text out of the
decoded document, and every value the seeds state must carry evidence.
"""

from __future__ import annotations

import json

import pytest

import insiders

from conftest import FIXTURES, SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())
SEED_FORMS = ["form3_tecogen_panora_markdown.txt", "form4_tecogen_locke_option_pdf_scrambled.txt"]


def _records(path):
    return insiders.extract(path)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_spans_cut_their_text(sample):
    for record in _records(sample):
        for path, ev in record.iter_evidence():
            if ev.start is None:
                assert ev.path, f"{path}: evidence with neither a span nor an element path"
                continue
            assert record.text[ev.start:ev.end] == ev.text, path


def _scalar_paths(data: dict) -> list[str]:
    """Paths of the non-null scalar values a record states (the fields evidence must cover)."""
    out = []
    for group in ("non_derivative", "derivative"):
        for i, row in enumerate(data[group]):
            for key, value in row.items():
                if key in ("kind", "footnotes") or value in (None, False):
                    continue
                out.append(f"{group}/{i}/{key}")
    for key in ("name", "trading_symbol"):
        if data["issuer"][key]:
            out.append(f"issuer/{key}")
    for i, owner in enumerate(data["reporting_owners"]):
        out.append(f"reporting_owners/{i}/name")
        out += [f"reporting_owners/{i}/address/{k}" for k, v in owner["address"].items() if v]
        out += [f"reporting_owners/{i}/relationship/{k}" for k, v in owner["relationship"].items() if v]
    for i, sig in enumerate(data["signatures"]):
        out.append(f"signatures/{i}/name")
        if sig["date"]:
            out.append(f"signatures/{i}/date")
    out += [f"footnotes/{i}/text" for i, _ in enumerate(data["footnotes"])]
    for i, poa in enumerate(data["powers_of_attorney"]):
        out += [f"powers_of_attorney/{i}/{k}" for k in ("grantor", "attorneys_in_fact", "date") if poa[k]]
    if data["period_of_report"]:
        out.append("period_of_report")
    return out


@pytest.mark.parametrize("name", SEED_FORMS)
def test_every_seed_value_has_evidence(name):
    (record,) = _records(SAMPLES / name)
    data = record.to_dict(explain=True)
    missing = [p for p in _scalar_paths(data) if p not in data["evidence"]]
    assert not missing, f"values without evidence: {missing}"


def test_explain_adds_line_and_column(cli):
    code, out, _ = cli(["extract", str(SAMPLES / SEED_FORMS[1]), "--format", "json", "--explain"])
    (data,) = json.loads(out)
    ev = data["evidence"]["derivative/0/exercise_price"]
    line = (SAMPLES / SEED_FORMS[1]).read_text().splitlines()[ev["line"] - 1]
    assert line[ev["column"] - 1:].startswith(ev["text"])
    assert "4.96" in ev["text"]


def test_without_explain_output_has_no_evidence(cli):
    code, out, _ = cli(["extract", str(SAMPLES / SEED_FORMS[1]), "--format", "json"])
    assert "evidence" not in json.loads(out)[0]
