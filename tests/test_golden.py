"""Golden files: every document in samples/ against tests/golden/<name>.json.

Rewrite them after a deliberate change with ``INSIDERS_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and review the diff like code.
"""

from __future__ import annotations

import json
import os

import pytest

import insiders

from conftest import GOLDEN, SAMPLES

UPDATE = os.environ.get("INSIDERS_UPDATE_GOLDEN") == "1"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())


def _golden_path(sample):
    return GOLDEN / f"{sample.name}.json"


def _records(sample) -> list[dict]:
    # Source as the user would type it from the repository root, whatever the cwd.
    records = insiders.extract(sample)
    out = []
    for record in records:
        data = record.to_dict()
        data["source"] = "samples/" + os.path.relpath(record.source, SAMPLES)
        out.append(data)
    return out


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_matches_golden(sample, validate):
    records = _records(sample)
    for record in records:
        validate(record)
    golden = _golden_path(sample)
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        if not UPDATE:
            pytest.fail(f"golden file {golden.name} was missing; written now, review it")
    assert records == json.loads(golden.read_text())


def test_every_golden_file_has_its_sample():
    names = {p.name for p in SAMPLE_FILES}
    stale = [g.name for g in GOLDEN.glob("*.json") if g.name.removesuffix(".json") not in names]
    assert not stale, f"golden files without a sample: {stale}"
