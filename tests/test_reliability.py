"""Hostile and damaged inputs (issue 7): nothing crashes a batch, hangs, or leaks.

Unit checks of the read stage first (encodings, sizes, archives, odd folders),
then one batch over a folder holding every bad input beside good filings: it
exits 1, prints no traceback, stays well under 1 GB, and extracts the good
filings (also re-encoded) exactly as it does alone.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from insiders.batch import Options, process_path, run
from insiders.errors import DecodeError, LimitExceeded, ReadError
from insiders.read import decode, iter_paths, read_documents

XML = FIXTURES / "xml" / "form4_footnote_values.xml"
GOOD_XML = XML.read_bytes()
TEXT_FORMS = sorted((FIXTURES / "forms").glob("*/lynx.txt"))


# ---------------------------------------------------------------- decoding

SMART = "Issuer \u201cQuoted\u201d \u2014 Caf\u00e9 Soci\u00e9t\u00e9 \u2019s\n"


@pytest.mark.parametrize("encoded", [
    SMART.encode("utf-8"),
    b"\xef\xbb\xbf" + SMART.encode("utf-8"),
    SMART.encode("utf-16"),  # with BOM
    SMART.encode("utf-16-le"),  # without BOM
    SMART.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16-le-nobom", "cp1252"])
def test_encodings_decode_to_the_same_text(encoded):
    assert decode(encoded) == SMART


def test_latin1_bytes_cp1252_leaves_undefined():
    data = "Filed by Soci\u00e9t\u00e9 G\u00e9n\u00e9rale, Paris ".encode("latin-1") + b"\x81\x8d"  # undefined in cp1252
    assert decode(data) == "Filed by Soci\u00e9t\u00e9 G\u00e9n\u00e9rale, Paris \x81\x8d"


def test_line_endings_and_nul_bytes():
    assert decode(b"a\r\nb\rc\n") == "a\nb\nc\n"
    assert decode(b"FORM 4\x00 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\x00\n") == \
        "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n"


def test_truncated_utf8_keeps_utf8():
    data = "Caf\u00e9 \u201cx\u201d".encode("utf-8")[:-2]  # cut inside the last character
    assert decode(data) == "Caf\u00e9 \u201cx"


def test_utf8_with_a_stray_byte_stays_utf8():
    data = ("Caf\u00e9 \u2014 " * 20).encode("utf-8") + b"\xff" + "Soci\u00e9t\u00e9".encode()
    assert decode(data).endswith("\ufffdSoci\u00e9t\u00e9")


@pytest.mark.parametrize("data,words", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (bytes(range(256)) * 40, "binary"),
    (os.urandom(1) * 0 + bytes((i * 7919) % 256 for i in range(20000)), "binary"),
])
def test_binary_is_refused_with_a_reason(data, words):
    with pytest.raises(DecodeError) as info:
        decode(data, "x.bin")
    assert words in str(info.value) and str(info.value).startswith("x.bin: ")


def test_random_bytes_are_binary():
    rng = __import__("random").Random(3)
    for _ in range(5):
        with pytest.raises(DecodeError):
            decode(bytes(rng.randrange(256) for _ in range(5000)))


def test_empty_and_whitespace_files_fail_clearly(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\r\n  ")):
        (tmp_path / name).write_bytes(data)
        [outcome] = process_path(str(tmp_path / name), Options())
        assert outcome.error["error"] == "unrecognised"
        assert "empty" in outcome.error["message"]


# ---------------------------------------------------------------- sizes

def test_large_file_read_within_bounds_or_refused(tmp_path):
    big = tmp_path / "big.txt"
    line = b"lorem ipsum dolor sit amet, consectetur\n"
    big.write_bytes(line * (60 * 1024 * 1024 // len(line)))
    data, [doc] = read_documents(str(big))  # 60 MB < the default 64 MiB: read
    assert len(doc.text) == len(data)
    del data, doc
    _, [err] = read_documents(str(big), max_bytes=10_000_000)
    assert isinstance(err, LimitExceeded) and "--max-bytes" in err.reason and err.source == str(big)


def test_single_multi_megabyte_line_is_parsed_in_time(tmp_path):
    path = tmp_path / "line.txt"
    path.write_bytes(b"FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP Table I " + b"1,000 $ (1) " * 400_000)
    start = time.monotonic()
    [outcome] = process_path(str(path), Options(time_budget=20))
    assert time.monotonic() - start < 25
    assert outcome.record is not None or outcome.error["error"] == "limit_exceeded"


BAIT = [
    "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n" + " " * 200_000 + "x",
    "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\nTable I\n" + "1" * 100_000 + ",\n",
    "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n" + "(1)(2)" * 30_000 + "\n",
    "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n" + "| " * 80_000 + "\n",
    "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n" + "Name and Address of Reporting Person " * 5000,
    "FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n" + "01/02/" * 40_000 + "\n",
    "PRESS RELEASE\nNEW YORK, " + "A" * 100_000 + " -- announced today " + "$1,000," * 20_000,
    "POWER OF ATTORNEY\nKnow all by these presents that " + "constitutes and appoints " * 10_000,
]


@pytest.mark.parametrize("text", BAIT, ids=range(len(BAIT)))
def test_regex_bait_finishes_or_hits_the_budget(tmp_path, text):
    path = tmp_path / "bait.txt"
    path.write_text(text)
    start = time.monotonic()
    [outcome] = process_path(str(path), Options(time_budget=1.5))
    assert time.monotonic() - start < 4
    if outcome.error:
        assert outcome.error["error"] == "limit_exceeded" and "budget" in outcome.error["message"]


# ---------------------------------------------------------------- archives

def test_gzip_bomb_refused(tmp_path):
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(b"\0" * (20 * 1024 * 1024), 1))
    _, [err] = read_documents(str(path), max_bytes=5_000_000)
    assert isinstance(err, LimitExceeded) and "bomb" in err.reason


def test_zip_bomb_and_escaping_member_names(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../etc/evil.xml", GOOD_XML)
        archive.writestr("/abs/x.xml", GOOD_XML)
        archive.writestr("bomb.txt", b"a" * (20 * 1024 * 1024))
    path = tmp_path / "pack.zip"
    path.write_bytes(buffer.getvalue())
    _, items = read_documents(str(path), max_bytes=5_000_000)
    names = [i.source for i in items]
    assert sorted(names) == [f"{path}::abs/x.xml", f"{path}::bomb.txt", f"{path}::etc/evil.xml"]
    assert [type(i).__name__ for i in items if i.source.endswith("bomb.txt")] == ["LimitExceeded"]
    assert not (tmp_path.parent / "etc").exists()  # members are never written anywhere


def test_truncated_and_corrupt_archives(tmp_path):
    (tmp_path / "t.gz").write_bytes(gzip.compress(GOOD_XML)[:100])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", GOOD_XML)
    (tmp_path / "t.zip").write_bytes(buffer.getvalue()[:300])
    for name in ("t.gz", "t.zip"):
        _, [err] = read_documents(str(tmp_path / name))
        assert isinstance(err, ReadError) and "corrupt" in err.reason


# ---------------------------------------------------------------- folders

def test_symlink_loops_fifos_sockets_are_skipped_never_opened(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.xml").write_bytes(GOOD_XML)
    os.symlink("..", folder / "sub" / "up")  # a loop
    os.symlink("missing", folder / "dangling")
    os.mkfifo(folder / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock"))
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    found = list(iter_paths([str(folder)]))
    assert found == [str(folder / "sub" / "a.xml")]
    assert opened == []
    sock.close()


def test_named_fifo_is_refused_not_opened(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    [err] = list(iter_paths([str(tmp_path / "fifo")]))
    assert isinstance(err, ReadError) and "FIFO" in err.reason


def test_deep_folders_need_no_recursion(tmp_path):
    path = tmp_path
    for _ in range(300):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "x.txt").write_text("x")
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(120)
    try:
        assert len(list(iter_paths([str(tmp_path)]))) == 1
    finally:
        sys.setrecursionlimit(old)


def test_unreadable_file_is_an_error_naming_it(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("FORM 4")
    if os.geteuid() != 0:
        secret.chmod(0)
    else:  # root reads anything: simulate the refusal
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if str(path).endswith("secret.txt"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    [outcome] = process_path(str(secret), Options())
    assert outcome.error == {"path": str(secret), "error": "read_error", "message": "Permission denied"}


def test_odd_file_names(tmp_path):
    names = ["new\nline.xml", "tab\t'\"$(x) \u00fc.xml", "-dash.xml"]
    for name in names:
        (tmp_path / name).write_bytes(GOOD_XML)
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.xml"), "wb") as handle:
        handle.write(GOOD_XML)
    out = list(run([str(tmp_path)], jobs=1))
    assert all(o.record for o in out) and len(out) == 4
    sources = [o.source for o in out]
    assert f"{tmp_path}/bad\\xffname.xml" in sources  # printable, encodable
    for source in sources:
        source.encode("utf-8")
        json.dumps(source, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- XML through the batch

def test_hostile_xml_through_the_batch(tmp_path):
    bomb = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
           b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' \
           b"<ownershipDocument><remarks>&d;&d;&d;&d;</remarks></ownershipDocument>"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<ownershipDocument><documentType>4</documentType><remarks>&x;</remarks></ownershipDocument>").encode()
    deep = b"<ownershipDocument>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</ownershipDocument>"
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in (("bomb.xml", bomb), ("xxe.xml", xxe), ("deep.xml", deep), ("trunc.xml", GOOD_XML[:700])):
        (folder / name).write_bytes(data)
    out = list(run([str(folder)], jobs=1, options=Options(time_budget=10)))
    assert len(out) == 4
    for outcome in out:
        assert "TOP-SECRET" not in json.dumps(outcome.record or {}) + json.dumps(outcome.error or {})
        if outcome.error:
            assert outcome.error["error"] in ("unsafe_input", "limit_exceeded", "parse_error")
    assert {o.source.rsplit("/", 1)[1] for o in out if o.error} >= {"bomb.xml", "xxe.xml"}


# ---------------------------------------------------------------- the whole batch

def _hostile_folder(root: Path) -> tuple[Path, dict[str, bytes]]:
    """Every bad input of issue 7 beside good filings (and re-encoded copies of one)."""
    folder = root / "in"
    folder.mkdir()
    good: dict[str, bytes] = {"good.xml": GOOD_XML}
    text = GOOD_XML.decode("utf-8")
    good["good_utf16.xml"] = text.encode("utf-16")
    good["good_bom.xml"] = b"\xef\xbb\xbf" + GOOD_XML
    good["good_crlf.xml"] = GOOD_XML.replace(b"\n", b"\r\n")
    good["good_cr.xml"] = GOOD_XML.replace(b"\n", b"\r")
    for form in TEXT_FORMS[:2]:
        data = form.read_bytes()
        good[f"text_{form.parent.name}.txt"] = data
        try:
            good[f"text_{form.parent.name}_cp1252.txt"] = data.decode("utf-8").encode("cp1252")
        except UnicodeEncodeError:
            pass
        good[f"text_{form.parent.name}_utf16.txt"] = data.decode("utf-8").encode("utf-16")
    for name, data in good.items():
        (folder / name).write_bytes(data)
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n",
        "random.bin": bytes((i * 7919 + 13) % 256 for i in range(30000)),
        "scan.pdf.txt": b"%PDF-1.4\n" + bytes(range(256)) * 10,
        "trunc.xml": GOOD_XML[: len(GOOD_XML) // 2],
        "bomb.xml": b'<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                    b"<ownershipDocument><remarks>&b;</remarks></ownershipDocument>",
        "deep.xml": b"<ownershipDocument>" + b"<a>" * 20000 + b"</a>" * 20000 + b"</ownershipDocument>",
        "bomb.gz": gzip.compress(b"\0" * (70 * 1024 * 1024), 1),
        "trunc.gz": gzip.compress(GOOD_XML)[:120],
        "long_line.txt": b"FORM 4 STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP " + b"9,999 " * 500_000,
        "big.txt": b"lorem ipsum dolor sit amet\n" * (60 * 1024 * 1024 // 27),
        "new\nline.txt": b"\x00\x01\x02\x03" * 100,
    }
    secret = root / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    bad["xxe.xml"] = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
                      "<ownershipDocument><remarks>&x;</remarks></ownershipDocument>").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../escape.txt", b"\x00" * 100)
        archive.writestr("bomb.txt", b"a" * (70 * 1024 * 1024))
    bad["evil.zip"] = buffer.getvalue()
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    os.symlink(".", folder / "loop")
    os.mkfifo(folder / "fifo")
    return folder, good


def _tree_rss(pid: int) -> int:
    total, stack, children = 0, [pid], {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append((int(entry), int(fields[21])))
            except (OSError, IndexError, ValueError):
                pass
    while stack:
        for child, pages in children.get(stack.pop(), []):
            total += pages * os.sysconf("SC_PAGE_SIZE")
            stack.append(child)
    return total


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="measures memory through /proc")
def test_batch_over_every_bad_input(tmp_path):
    folder, good = _hostile_folder(tmp_path)
    errors_file = tmp_path / "errors.jsonl"
    cmd = [sys.executable, "-m", "insiders", "extract", str(folder), "--format", "jsonl", "--jobs", "2",
           "--errors", str(errors_file)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(os.getpid()))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate(timeout=120)
    done.set()
    sampler.join()
    err_text = err.decode("utf-8")
    assert proc.returncode == 1, err_text
    assert b"TOP-SECRET" not in out + err
    assert "Traceback" not in err_text and "Error:" not in err_text.replace("Error: ", "")
    assert peak[0] < 1024 ** 3, f"peak RSS {peak[0] / 2**20:.0f} MB"
    # every failure: one line, naming the file and the reason
    lines = err_text.splitlines()
    assert lines[-1].startswith("insiders: ") and " files, " in lines[-1]
    for line in lines[:-1]:
        assert line.startswith(f"insiders: {folder}/"), line
        assert len(line.split(": ", 2)) == 3
    assert "new\\nline.txt" in err_text  # the newline in the name cannot split the line
    logged = [json.loads(line) for line in errors_file.read_text().splitlines()]
    assert {e["error"] for e in logged} <= {"read_error", "decode_error", "limit_exceeded", "unsafe_input",
                                             "parse_error", "unrecognised"}
    assert all(set(e) == {"path", "error", "message"} for e in logged)
    # the good filings come out exactly as when read alone
    records = {Path(r["source"]).name: r for r in map(json.loads, out.decode("utf-8").splitlines())}
    alone_dir = tmp_path / "alone"
    alone_dir.mkdir()
    for name, data in good.items():
        (alone_dir / name).write_bytes(data)
        [alone] = process_path(str(alone_dir / name), Options())
        assert alone.record is not None, name
        got = dict(records[name])
        expected = dict(alone.record)
        got.pop("source"), expected.pop("source")
        assert got == expected, name
    utf16 = dict(records["good_utf16.xml"])
    plain = dict(records["good.xml"])
    utf16.pop("source"), plain.pop("source")
    assert utf16 == plain
