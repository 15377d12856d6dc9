"""Fuzzing the read -> detect -> parse path with mutated filings (long run; tests/test_fuzz.py is the short one).

    python bench/fuzz.py                       # 2,000 inputs
    python bench/fuzz.py --inputs 50000 --seed 1 --save fuzz-failures/

Each input is a template (samples/ and tests/fixtures/: XML, text from several
converters, HTML, press releases, powers of attorney) with a few mutations:
deleted lines, duplicated lines, shuffled columns, truncation, swapped encodings
(UTF-16, cp1252, latin-1, BOMs, CRLF/CR), random bytes or characters spliced in,
nested tags.  Every input goes through the batch worker's own path
(``insiders.batch.process_path`` on a file), so the time budget applies.  A
*failure* is an exception other than insiders.errors (reported by the batch as
``internal_error``), or a record that does not validate against
insiders/schema.json.  Failures are printed with the input's seed and traceback
(and saved with ``--save``); slow inputs (over the budget) are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATE_GLOBS = (
    "samples/*.txt",
    "tests/fixtures/xml/*.xml",
    "tests/fixtures/forms/*/*.txt",
    "tests/fixtures/forms/*/form.html",
    "tests/fixtures/press/*",
    "tests/fixtures/poa/*",
    "tests/fixtures/ascii/*",
)


def load_templates(kind: str | None = None) -> list[tuple[str, bytes]]:
    """(name, bytes) for every template; ``kind`` 'xml' or 'text' narrows them."""
    out = []
    for pattern in TEMPLATE_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            if not path.is_file() or path.name.endswith(".json") or path.name == "CONVERTERS.md":
                continue
            is_xml = path.suffix == ".xml"
            if kind == "xml" and not is_xml or kind == "text" and (is_xml or path.suffix == ".html"):
                continue
            out.append((str(path.relative_to(ROOT)), path.read_bytes()))
    return out


# ---------------------------------------------------------------- mutations (bytes -> bytes)

def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, max(1, len(lines) // 10))):
        if lines:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    if lines:
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 5)
    return b"\n".join(lines)


def shuffle_columns(data: bytes, rng: random.Random) -> bytes:
    """Cells split on runs of spaces, tabs or pipes come back in another order."""
    import re

    lines = _lines(data)
    for _ in range(rng.randint(1, 8)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        cells = re.split(rb"(\s{2,}|\t|\|)", lines[i])
        values, seps = cells[0::2], cells[1::2]
        rng.shuffle(values)
        merged = [values[0]] + [part for pair in zip(seps, values[1:]) for part in pair]
        lines[i] = b"".join(merged)
    return b"\n".join(lines)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))]


def splice_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return data[:at] + junk + data[at:]


def splice_text(data: bytes, rng: random.Random) -> bytes:
    """Characters parsers care about: digits, $, (, ), footnote marks, dates, dashes, quotes, tags."""
    pieces = ["$", "(1)", "[F2]", "12/31/2099", "-", "\u2014", "\u201c", "0.0001", "1,000,000,000,000,000,000",
              "<", "</", "&amp;", "&#0;", "\u00a0", "X", "N/A", "Table II", "FORM 4", "\x0c", "\t", "99999999999999999999"]
    at = rng.randint(0, len(data))
    junk = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))).encode("utf-8")
    return data[:at] + junk + data[at:]


def swap_encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    choice = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8-sig", "crlf", "cr"])
    if choice == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if choice == "cr":
        return text.replace("\n", "\r").encode("utf-8")
    return text.encode(choice, errors="replace")


def nest_tags(data: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    depth = rng.randint(1, 200)
    return data[:at] + b"<value>" * depth + b"1" + b"</value>" * depth + data[at:]


MUTATIONS = (delete_lines, duplicate_lines, shuffle_columns, truncate, splice_bytes, splice_text,
             swap_encoding, nest_tags)


def mutate(data: bytes, seed: int, count: int | None = None) -> bytes:
    rng = random.Random(seed)
    for _ in range(count if count is not None else rng.randint(1, 4)):
        data = rng.choice(MUTATIONS)(data, rng)
    return data


# ---------------------------------------------------------------- checking one input

def validator():
    """A function record -> list of problems (JSON Schema when available, else a minimal check)."""
    schema_path = ROOT / "insiders" / "schema.json"
    try:
        import jsonschema

        schema = json.loads(schema_path.read_text())
        check = jsonschema.Draft202012Validator(schema)
        return lambda record: [f"{'/'.join(map(str, e.path))}: {e.message}" for e in check.iter_errors(record)][:3]
    except (ImportError, OSError, ValueError):
        def minimal(record):
            problems = [k for k in ("source", "document_type", "non_derivative", "derivative", "warnings") if k not in record]
            return [f"missing {k}" for k in problems]
        return minimal


def check(data: bytes, folder: str, validate, budget: float = 5.0) -> tuple[str, str | None]:
    """('ok' | 'error' | 'slow' | 'crash' | 'invalid', detail) for one input."""
    from insiders.batch import Options, process_path

    path = os.path.join(folder, "input")
    with open(path, "wb") as handle:
        handle.write(data)
    records = 0
    for outcome in process_path(path, Options(time_budget=budget)):
        if outcome.error:
            kind = outcome.error["error"]
            if kind == "internal_error":
                return "crash", outcome.error["message"]
            if kind == "limit_exceeded" and "budget" in outcome.error["message"]:
                return "slow", outcome.error["message"]
            continue
        records += 1
        json.dumps(outcome.record)  # must be JSON-serialisable
        problems = validate(outcome.record)
        if problems:
            return "invalid", "; ".join(problems)
    return ("ok" if records else "error"), None


def reproduce(data: bytes) -> str:
    """The traceback of a crashing input, run directly through the pipeline."""
    from insiders.errors import InsidersError
    from insiders.pipeline import extract_document
    from insiders.read import Document

    try:
        extract_document(Document("input", data)).to_dict()
    except InsidersError:
        return "(an InsidersError when run directly)"
    except Exception:
        return traceback.format_exc()
    return "(no exception when run directly)"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kind", choices=("xml", "text"), help="only XML or only text templates")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per input before it counts as slow")
    parser.add_argument("--save", help="write failing inputs here")
    args = parser.parse_args(argv)

    templates = load_templates(args.kind)
    validate = validator()
    counts: dict[str, int] = {}
    failures: list[tuple[int, str, str, str]] = []
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="insiders-fuzz-") as folder:
        for i in range(args.inputs):
            seed = args.seed * 1_000_003 + i
            name, template = templates[seed % len(templates)]
            data = mutate(template, seed)
            status, detail = check(data, folder, validate, args.budget)
            counts[status] = counts.get(status, 0) + 1
            if status in ("crash", "invalid", "slow"):
                failures.append((seed, name, status, detail or ""))
                print(f"[{status}] seed={seed} template={name}: {detail}", flush=True)
                if status == "crash":
                    print(reproduce(data), flush=True)
                if args.save:
                    os.makedirs(args.save, exist_ok=True)
                    Path(args.save, f"{status}-{seed}.bin").write_bytes(data)
            if (i + 1) % 500 == 0:
                print(f"... {i + 1:,} inputs, {time.monotonic() - start:.0f} s, {counts}", flush=True)
    elapsed = time.monotonic() - start
    print(f"fuzz: {args.inputs:,} inputs in {elapsed:.0f} s ({args.inputs / elapsed:.0f}/s): {counts}; "
          f"{len([f for f in failures if f[2] != 'slow'])} failures, {counts.get('slow', 0)} over the budget")
    return 1 if any(f[2] in ("crash", "invalid") for f in failures) else 0


if __name__ == "__main__":
    sys.exit(main())
