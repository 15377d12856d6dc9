"""The Dask engine on a real (small, local) distributed cluster."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import FIXTURES

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.bag")

from insiders import batch, dask_engine  # noqa: E402

XML = sorted((FIXTURES / "xml").glob("*.xml"))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None, silence_logs=50)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def _folder(tmp_path, count=12):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(count):
        (folder / f"f{i:02d}.xml").write_bytes(XML[i % len(XML)].read_bytes() + f"<!-- {i} -->".encode())
    (folder / "bad.txt").write_bytes(b"%PDF-1.5\x00\x01")
    return folder


def _key(o):
    return o.source, o.record, o.error


def test_same_outcomes_as_the_local_engine_in_order(tmp_path, client):
    folder = _folder(tmp_path)
    local = list(batch.run([str(folder)], jobs=1))
    remote = list(dask_engine.run([str(folder)], client=client, partition_files=3))
    assert [_key(o) for o in remote] == [_key(o) for o in local]
    assert sum(1 for o in remote if o.error) == 1


def test_unordered_and_skip(tmp_path, client):
    folder = _folder(tmp_path)
    remote = list(dask_engine.run([str(folder)], client=client, unordered=True, partition_files=2,
                                  skip=lambda p: p.endswith("f00.xml")))
    assert len(remote) == 13
    assert [o.source.endswith("f00.xml") for o in remote if o.skipped] == [True]


def test_cli_dask_engine_writes_sqlite(tmp_path, client, cli):
    folder = _folder(tmp_path, 4)
    db_path = tmp_path / "r.sqlite"
    code, out, err = cli(["extract", str(folder), "--engine", "dask", "--scheduler", client.scheduler.address,
                          "-o", str(db_path)])
    assert code == 1, err  # the PDF failed
    assert "bad.txt" in err and "Traceback" not in err
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM filings").fetchone()[0] == 4
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 5


def test_cli_dask_engine_jsonl(tmp_path, client, cli):
    folder = _folder(tmp_path, 3)
    code, out, err = cli(["extract", str(folder), "--engine", "dask", "--scheduler", client.scheduler.address,
                          "--format", "jsonl"])
    assert code == 1
    assert len(out.strip().splitlines()) == 3
