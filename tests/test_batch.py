"""The batch runner (insiders.batch): parallel, ordered or not, bounded, resilient."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from conftest import FIXTURES

from insiders import batch
from insiders.batch import Options, Outcome, process_paths, run, tasks

XML = sorted((FIXTURES / "xml").glob("*.xml"))


def _folder(tmp_path, count: int):
    """``count`` small XML filings, each slightly different, in two sub-folders."""
    folder = tmp_path / "in"
    for i in range(count):
        sub = folder / ("a" if i % 2 else "b")
        sub.mkdir(parents=True, exist_ok=True)
        data = XML[i % len(XML)].read_bytes().rstrip() + f"\n<!-- {i} -->\n".encode()
        (sub / f"f{i:03d}.xml").write_bytes(data)
    return folder


def _key(outcome: Outcome):
    return outcome.source, outcome.record, outcome.error


def test_parallel_matches_serial_in_input_order(tmp_path):
    folder = _folder(tmp_path, 40)
    serial = list(run([str(folder)], jobs=1))
    parallel = list(run([str(folder)], jobs=2))
    assert [_key(o) for o in parallel] == [_key(o) for o in serial]
    assert len(serial) == 40
    assert [o.source for o in serial] == sorted(o.source for o in serial)  # walk order: sorted names


def test_unordered_gives_the_same_outcomes(tmp_path):
    folder = _folder(tmp_path, 40)
    ordered = list(run([str(folder)], jobs=2))
    unordered = list(run([str(folder)], jobs=2, unordered=True))
    assert sorted(map(repr, map(_key, unordered))) == sorted(map(repr, map(_key, ordered)))


@pytest.mark.parametrize("jobs", [1, 2])
def test_records_as_json_text_from_the_workers(tmp_path, jobs):
    """``serialize``: the worker writes the JSON text; the parent gets the same record as text."""
    import json

    folder = _folder(tmp_path, 40)
    plain = list(run([str(folder)], jobs=jobs))
    as_text = list(run([str(folder)], jobs=jobs, options=Options(serialize="jsonl")))
    assert all(o.record is None and "\n" not in o.line for o in as_text)
    assert [json.loads(o.line) for o in as_text] == [o.record for o in plain]
    assert [(o.document_type, o.warned) for o in as_text] == [(o.document_type, o.warned) for o in plain]
    assert all(o.recognised for o in as_text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_on_idle_before_waiting_for_work(tmp_path, jobs):
    """A sink flushes when the runner is about to wait: so a reader downstream is never
    kept waiting for records that are already read."""
    folder = _folder(tmp_path, 40)
    events = []
    for _ in run([str(folder)], jobs=jobs, on_idle=lambda: events.append("idle")):
        events.append("outcome")
    assert events[0] == "idle" and events.count("outcome") == 40


def test_small_batch_stays_in_this_process(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 5)
    monkeypatch.setattr(batch, "_run_parallel", lambda *a, **k: pytest.fail("pool started for 5 files"))
    assert len(list(run([str(folder)]))) == 5


def test_tasks_are_lazy_and_bounded(tmp_path):
    """The walk is consumed as tasks are needed; a chunk never exceeds CHUNK files."""
    folder = _folder(tmp_path, 50)
    stream = tasks([str(folder)])
    first = next(stream)
    assert isinstance(first, list) and len(first) <= batch.CHUNK
    assert sum(len(t) for t in stream if isinstance(t, list)) + len(first) == 50


def test_in_flight_tasks_are_bounded(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 200)
    submitted = []
    real_submit = batch._Pool.submit

    def counting(self, chunk, options):
        submitted.append(len(chunk))
        return real_submit(self, chunk, options)

    monkeypatch.setattr(batch._Pool, "submit", counting)
    stream = run([str(folder)], jobs=2)
    next(stream)
    assert len(submitted) <= 2 * batch.IN_FLIGHT_PER_JOB + 1  # not the whole folder up front
    rest = list(stream)
    assert len(rest) == 199
    stream.close()


def test_skip_predicate_is_asked_before_reading(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 6)
    asked = []

    def skip(path):
        asked.append(path)
        return path.endswith("f001.xml")

    out = list(run([str(folder)], jobs=1, skip=skip))
    assert len(asked) == 6
    skipped = [o for o in out if o.skipped]
    assert len(skipped) == 1 and skipped[0].source.endswith("f001.xml") and skipped[0].record is None


def test_file_info_on_the_last_outcome_of_each_file(tmp_path):
    import hashlib
    import zipfile

    folder = _folder(tmp_path, 2)
    with zipfile.ZipFile(folder / "pack.zip", "w") as archive:
        archive.writestr("one.xml", XML[0].read_bytes())
        archive.writestr("two.xml", XML[1].read_bytes())
    out = list(run([str(folder)], jobs=1, options=Options(hash_files=True)))
    members = [o for o in out if "::" in o.source]
    assert [o.file is None for o in members] == [True, False]
    info = members[-1].file
    assert info.sha256 == hashlib.sha256((folder / "pack.zip").read_bytes()).hexdigest()
    assert info.path == os.path.abspath(folder / "pack.zip") and info.size > 0


def test_time_budget_turns_a_slow_file_into_an_error(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 3)
    (folder / "slow.txt").write_text("FORM 4 slow")
    import insiders.pipeline as pipeline

    real = pipeline.extract_document

    def slow(doc):
        if doc.source.endswith("slow.txt"):
            while True:
                time.sleep(0.01)
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", slow)
    start = time.monotonic()
    out = list(run([str(folder)], jobs=1, options=Options(time_budget=0.3)))
    assert time.monotonic() - start < 5
    bad = [o for o in out if o.error]
    assert len(bad) == 1 and bad[0].error["error"] == "limit_exceeded"
    assert "budget" in bad[0].error["message"] and bad[0].source.endswith("slow.txt")
    assert sum(1 for o in out if o.record) == 3


def test_a_parser_bug_costs_one_file(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 3)
    (folder / "bug.txt").write_text("anything")
    import insiders.pipeline as pipeline

    real = pipeline.extract_document

    def buggy(doc):
        if doc.source.endswith("bug.txt"):
            raise KeyError("oops")
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", buggy)
    out = list(run([str(folder)], jobs=1))
    bad = [o.error for o in out if o.error]
    assert len(bad) == 1 and bad[0]["error"] == "internal_error"
    assert "KeyError" in bad[0]["message"] and "\n" not in bad[0]["message"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to patch workers")
def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked")
    folder = _folder(tmp_path, 40)
    shutil.copy(XML[0], folder / "a" / "f005_crash.xml")
    real = batch._extract_one

    def crash(doc, options):
        if "crash" in doc.source:
            os._exit(3)  # as if killed for memory
        return real(doc, options)

    monkeypatch.setattr(batch, "_extract_one", crash)
    out = list(run([str(folder)], jobs=2))
    bad = [o for o in out if o.error]
    assert [o.source.endswith("f005_crash.xml") for o in bad] == [True]
    assert "died" in bad[0].error["message"]
    assert sum(1 for o in out if o.record) == 40


def test_stdin_is_read_in_this_process(tmp_path):
    import io

    data = XML[0].read_bytes()
    out = list(run(["-"], jobs=1, stdin=io.BytesIO(data)))
    assert len(out) == 1 and out[0].source == "-" and out[0].record is not None


def test_process_paths_is_a_plain_function_of_paths(tmp_path):
    folder = _folder(tmp_path, 2)
    paths = sorted(str(p) for p in folder.rglob("*.xml"))
    out = process_paths(paths, Options())
    assert [o.source for o in out] == paths


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to patch workers")
def test_a_file_that_needs_too_much_memory_is_refused(tmp_path, monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked")
    folder = _folder(tmp_path, 40)
    shutil.copy(XML[0], folder / "a" / "f007_hog.xml")
    import insiders.pipeline as pipeline

    real = pipeline.extract_document

    def hog(doc):
        if "hog" in doc.source:
            return bytearray(8 * 1024 ** 3)  # 8 GB: over the worker's address-space limit
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", hog)
    out = list(run([str(folder)], jobs=2))
    bad = [o for o in out if o.error]
    assert [o.source.endswith("f007_hog.xml") for o in bad] == [True]
    assert bad[0].error["error"] == "limit_exceeded" and "memory" in bad[0].error["message"]
    assert sum(1 for o in out if o.record) == 40
