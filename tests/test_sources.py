"""The same documents read as loose files, from a folder, from .zip and .gz archives and from
stdin give the same records (only ``source`` names where they came from)."""

from __future__ import annotations

import gzip
import json
import zipfile

import insiders

from conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())


def _without_source(record) -> dict:
    data = record.to_dict()
    data.pop("source")
    return data


def test_folder_zip_and_gzip_give_the_loose_files_records(tmp_path):
    loose = {p.name: _without_source(insiders.extract(p)[0]) for p in SAMPLE_FILES}

    folder = {r.source.rsplit("/", 1)[-1]: _without_source(r) for r in insiders.extract(SAMPLES)}
    assert folder == loose

    archive = tmp_path / "samples.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in SAMPLE_FILES:
            zf.write(path, f"filings/{path.name}")
    zipped = insiders.extract(archive)
    assert [r.source for r in zipped] == [f"{archive}::filings/{p.name}" for p in SAMPLE_FILES]
    assert {r.source.rsplit("/", 1)[-1]: _without_source(r) for r in zipped} == loose

    for path in SAMPLE_FILES:
        packed = tmp_path / f"{path.name}.gz"
        packed.write_bytes(gzip.compress(path.read_bytes()))
        (record,) = insiders.extract(packed)
        assert _without_source(record) == loose[path.name], path.name


def test_stdin_gives_the_files_record(cli):
    for path in SAMPLE_FILES:
        code, out, _ = cli(["extract", "-", "--format", "jsonl"], input=path.read_bytes())
        data = json.loads(out)
        data.pop("source")
        assert data == json.loads(json.dumps(_without_source(insiders.extract(path)[0]))), path.name


def test_strict_turns_warnings_into_exit_1(cli):
    scrambled = SAMPLES / "form4_tecogen_locke_option_pdf_scrambled.txt"  # warns: code lost in the PDF copy
    clean = SAMPLES / "form4a_velorum_thackeray_amendment_ownership.xml"
    assert insiders.extract(scrambled)[0].warnings and not insiders.extract(clean)[0].warnings
    assert cli(["extract", str(clean), "--format", "jsonl", "--strict"])[0] == 0
    assert cli(["extract", str(scrambled), "--format", "jsonl"])[0] == 0
    assert cli(["extract", str(scrambled), "--format", "jsonl", "--strict"])[0] == 1
