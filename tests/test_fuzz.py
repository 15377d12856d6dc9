"""Short fuzz run (CI): mutated XML and text filings never raise beyond insiders.errors,
and every record still validates against insiders/schema.json.

The mutations live in bench/fuzz.py (the long run).  Inputs go through the
batch worker's path with a time budget; a non-InsidersError exception comes back
as an ``internal_error`` outcome, which fails the test with the input's seed.
"""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

from insiders.batch import Options, process_path  # noqa: E402
from insiders.errors import InsidersError  # noqa: E402
from insiders.pipeline import extract_document  # noqa: E402
from insiders.read import Document  # noqa: E402

# Schema disagreements found by fuzzing and reported to the lead (parser vs schema:
# a relationship flag whose element is missing comes out null, the schema wants a
# boolean).  Listed here so the run still catches everything else; remove once settled.
KNOWN_GAPS: tuple[str, ...] = ()  # messages the schema check tolerates (none now)
VALIDATE = fuzz.validator()

XML_TEMPLATES = fuzz.load_templates("xml")
TEXT_TEMPLATES = fuzz.load_templates("text")
SHORT = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _check(tmp_path, template: bytes, seed: int, count: int) -> None:
    data = fuzz.mutate(template, seed, count)
    path = tmp_path / "input"
    path.write_bytes(data)
    for outcome in process_path(str(path), Options(time_budget=5)):
        if outcome.error:
            assert outcome.error["error"] != "internal_error", f"seed={seed} count={count}: {outcome.error['message']}"
            continue
        json.dumps(outcome.record)
        problems = [p for p in VALIDATE(outcome.record) if not any(gap in p for gap in KNOWN_GAPS)]
        assert not problems, f"seed={seed} count={count}: {problems}"


@SHORT
@given(index=st.integers(0, 10_000), seed=st.integers(0, 2**32), count=st.integers(1, 4))
def test_mutated_xml(tmp_path, index, seed, count):
    _check(tmp_path, XML_TEMPLATES[index % len(XML_TEMPLATES)][1], seed, count)


@SHORT
@given(index=st.integers(0, 10_000), seed=st.integers(0, 2**32), count=st.integers(1, 4))
def test_mutated_text(tmp_path, index, seed, count):
    _check(tmp_path, TEXT_TEMPLATES[index % len(TEXT_TEMPLATES)][1], seed, count)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes_raise_only_insiders_errors(data):
    try:
        record = extract_document(Document("input", data))
    except InsidersError as exc:
        assert str(exc).startswith("input: ") and "\n" not in exc.reason
        return
    json.dumps(record.to_dict())


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(text=st.text(max_size=3000))
def test_arbitrary_text_raises_only_insiders_errors(text):
    import insiders

    try:
        record = insiders.extract_text("FORM 4\n" + text, source="t")
    except InsidersError:
        return
    json.dumps(record.to_dict())


def test_mutations_change_the_input():
    template = XML_TEMPLATES[0][1]
    assert len({fuzz.mutate(template, seed) for seed in range(20)}) > 15
