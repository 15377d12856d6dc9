"""Throughput benchmark: files/s, MB/s and peak RSS of `insiders extract`, beside the floor.

    python bench/throughput.py                 # 20,000 files, a mix of every input format
    python bench/throughput.py --files 100000  # the memory goal (peak RSS <= 300 MB)
    python bench/throughput.py --files 2000 --only text,xml --profile

Builds a corpus in a temporary folder from the project's own samples and test
fixtures (every input format: XML, EDGAR submissions, HTML, text from several
converters, old ASCII forms, press releases, powers of attorney, .gz and .zip),
each copy varied so that no two files are byte-identical.  Then runs the real
command (`python -m insiders extract DIR -f jsonl -o /dev/null`) with --jobs 1
and with all cores, per format and over the whole mix, sampling the resident
memory of the whole process tree; and, as the floor, the same walk reading and
decoding every file (``insiders.read``) without parsing.  Finally start-up:
`insiders --version` and `--help` beside `python -c pass`.

Goals (issue 6, on 2 cores): >= 1,000 text filings/s and >= 3,000 XML filings/s
with all cores; peak RSS <= 300 MB at 100,000 files; `insiders --version` <= 150 ms.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (group, glob under the project root).  The mix: weights per group.
TEMPLATES = {
    "xml": ["tests/fixtures/xml/*.xml", "tests/fixtures/**/*.xml"],
    "submission": ["tests/fixtures/submissions/*", "tests/fixtures/ascii/*submission*"],
    "html": ["tests/fixtures/forms/*/form.html", "tests/fixtures/**/*.htm*"],
    "text": ["samples/form*.txt", "tests/fixtures/forms/*/*.txt", "tests/fixtures/ascii/*.txt"],
    "press": ["samples/press*.txt", "tests/fixtures/press/*"],
    "poa": ["tests/fixtures/poa/*"],
}
MIX = {"text": 0.40, "xml": 0.30, "html": 0.12, "submission": 0.06, "press": 0.05, "poa": 0.03, "archive": 0.04}


# ---------------------------------------------------------------- corpus

def templates() -> dict[str, list[bytes]]:
    """Template bytes per group, from the project's samples and fixtures."""
    found: dict[str, list[bytes]] = {}
    for group, patterns in TEMPLATES.items():
        paths = {p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()}
        keep = [p for p in sorted(paths) if p.suffix != ".json" and (p.suffix != ".md" or group in ("press", "poa"))
                and p.name != "CONVERTERS.md"]
        if keep:
            found[group] = [p.read_bytes() for p in keep]
    return found


def vary(data: bytes, n: int, group: str) -> bytes:
    """A copy that is not byte-identical (a trailing comment or blank lines), same meaning."""
    if group == "xml" or data.lstrip().startswith(b"<"):
        return data.rstrip() + f"\n<!-- copy {n} -->\n".encode()
    return data.rstrip(b"\n") + b"\n" * (1 + n % 3) + (b" " * (n % 7)) + b"\n"


def build(folder: Path, count: int, only: set[str] | None, seed: int = 7) -> dict[str, Path]:
    """Write ``count`` files into per-group subfolders; returns group -> folder."""
    rng = random.Random(seed)
    pools = templates()
    mix = {g: w for g, w in MIX.items() if (g in pools or g == "archive") and (not only or g in only)}
    total = sum(mix.values())
    folders = {}
    for group, weight in mix.items():
        sub = folder / group
        sub.mkdir(parents=True, exist_ok=True)
        folders[group] = sub
        n_files = max(1, round(count * weight / total))
        for i in range(n_files):
            bucket = sub / f"{i // 1000:04d}"
            if i % 1000 == 0:
                bucket.mkdir(exist_ok=True)
            if group == "archive":
                _write_archive(bucket / f"a{i:06d}", rng, pools, i)
                continue
            template = pools[group][i % len(pools[group])]
            suffix = ".xml" if group == "xml" else ".html" if group == "html" else ".txt"
            (bucket / f"f{i:06d}{suffix}").write_bytes(vary(template, i, group))
    return folders


def _write_archive(stem: Path, rng: random.Random, pools, i: int) -> None:
    group = rng.choice([g for g in ("xml", "text") if g in pools])
    data = vary(rng.choice(pools[group]), i, group)
    if i % 2:
        stem.with_suffix(".gz").write_bytes(gzip.compress(data, compresslevel=5))
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("a/form.txt", data)
            archive.writestr("b/form2.txt", vary(data, i + 1, group))
        stem.with_suffix(".zip").write_bytes(buffer.getvalue())


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------- measuring

def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str], env=None) -> tuple[float, int, int, float]:
    """(seconds, peak RSS of the process tree in bytes, exit code, CPU seconds of the tree).

    CPU seconds do not depend on what else the machine is doing; wall time does.
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return elapsed, peak, proc.returncode, cpu


def extract_cmd(folder: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "insiders", "extract", str(folder), "-f", "jsonl", "-o", os.devnull,
            "--jobs", str(jobs), "--no-progress"]


def _floor_chunk(paths: list[str]) -> int:
    from insiders.errors import InsidersError
    from insiders.read import read_documents

    chars = 0
    for path in paths:
        _, items = read_documents(path)
        for item in items:
            if not isinstance(item, InsidersError):
                try:
                    chars += len(item.text)
                except InsidersError:
                    pass
    return chars


def floor(folder: Path, jobs: int) -> float:
    """Seconds to walk, read and decode every file (no parsing), with ``jobs`` processes."""
    from insiders.batch import tasks

    start = time.perf_counter()
    chunks = [t for t in tasks([str(folder)]) if isinstance(t, list)]
    if jobs <= 1:
        for chunk in chunks:
            _floor_chunk(chunk)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_floor_chunk, chunks, chunksize=4))
    return time.perf_counter() - start


def startup(cmd: list[str], repeat: int = 15) -> float:
    """Best-of wall time in ms (the median is noisier on a shared machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def profile(folder: Path, limit: int = 300, top: int = 15) -> None:
    """The hottest functions when parsing up to ``limit`` files of ``folder`` in this process."""
    import cProfile
    import pstats

    from insiders.batch import Options, process_path, tasks

    paths = [p for t in tasks([str(folder)]) if isinstance(t, list) for p in t][:limit]
    for path in paths[:20]:
        process_path(path, Options())  # warm up imports
    prof = cProfile.Profile()
    prof.enable()
    for path in paths:
        process_path(path, Options())
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout)
    print(f"\n--- profile: {folder.name} ({len(paths)} files), by own time")
    stats.sort_stats("tottime").print_stats(top)
    print(f"--- profile: {folder.name}, by cumulative time")
    stats.sort_stats("cumulative").print_stats(top)


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000, help="files in the corpus (default 20,000)")
    parser.add_argument("--only", help="comma-separated groups: " + ", ".join(MIX))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' (default: all)")
    parser.add_argument("--per-format", action=argparse.BooleanOptionalAction, default=True,
                        help="also time each format's folder alone with all cores")
    parser.add_argument("--serial", action=argparse.BooleanOptionalAction, default=True,
                        help="also time --jobs 1 over the whole corpus (default on)")
    parser.add_argument("--profile", action="store_true", help="print the hottest functions per format")
    parser.add_argument("--keep", help="build the corpus here and keep it")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="insiders-bench-"))
    try:
        t0 = time.perf_counter()
        folders = build(workdir / "corpus", args.files, only)
        corpus = workdir / "corpus"
        n_files, n_bytes = count_files(corpus), folder_bytes(corpus)
        print(f"corpus: {n_files:,} files, {n_bytes / 1e6:.1f} MB in {workdir} (built in {time.perf_counter() - t0:.1f} s)")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other work skews wall times; "
              "files per CPU-second does not depend on it)")
        print(f"{'run':28s} {'files/s':>8s} {'MB/s':>6s} {'files/CPU-s':>11s} {'peak RSS':>9s} {'floor files/s':>13s}")

        def line(label, folder, jobs):
            files, size = count_files(folder), folder_bytes(folder)
            seconds, peak, code, cpu = run_measured(extract_cmd(folder, jobs))
            base = floor(folder, jobs)
            print(f"{label:28s} {files / seconds:8,.0f} {size / 1e6 / seconds:6.1f} {files / max(cpu, 1e-9):11,.0f} "
                  f"{peak / 2**20:6.0f} MB {files / base:13,.0f}   (exit {code}, {seconds:.1f} s, "
                  f"load {os.getloadavg()[0]:.1f})", flush=True)

        if args.serial:
            line("all formats, --jobs 1", corpus, 1)
        line(f"all formats, --jobs {args.jobs}", corpus, args.jobs)
        if args.per_format:
            for group, folder in folders.items():
                line(f"{group}, --jobs {args.jobs}", folder, args.jobs)
        print()
        python = startup([sys.executable, "-c", "pass"])
        version = startup([sys.executable, "-m", "insiders", "--version"])
        script = shutil.which("insiders")
        print(f"start-up: python -c pass {python:.0f} ms; python -m insiders --version {version:.0f} ms", end="")
        if script:
            print(f"; insiders --version {startup([script, '--version']):.0f} ms; "
                  f"insiders --help {startup([script, '--help']):.0f} ms")
        else:
            print()
        if args.profile:
            for group, folder in folders.items():
                profile(folder)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
