"""The `insiders` command line: a thin typer shell over the library.

Each command parses its options, builds ``commands.OutputOptions`` and calls a
function in ``insiders.commands`` (or the library).  Exit codes: 0 every file
read and recognised; 1 some files failed, were not recognised, or (``--strict``)
had warnings; 2 usage errors.  stdout is data; people read stderr.
"""

from __future__ import annotations

import sys
from typing import Annotated, List, Optional

import typer

from . import __version__
from .commands import EXIT_USAGE, OutputOptions, UsageError

app = typer.Typer(
    name="insiders",
    help="Read SEC Forms 3, 4 and 5 (XML, EDGAR .txt, HTML, or text from any converter), "
    "press releases and powers of attorney into clean data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

FORMAT_HELP = "table, json, jsonl, csv or sqlite (default: table on a terminal, jsonl in a pipe)"

Paths = Annotated[List[str], typer.Argument(metavar="PATH", help="Files, folders, .zip/.gz archives, or - for standard input.", show_default=False)]
Format = Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP)]
Output = Annotated[Optional[str], typer.Option("--output", "-o", metavar="PATH", help="Write here instead of stdout (a folder for csv with every table; a file for the others). Written atomically.")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", help="Worker processes (default: all cores).", min=1)]
Progress = Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress on stderr (default: when stderr is a terminal).")]
Errors = Annotated[Optional[str], typer.Option("--errors", metavar="FILE", help="Write one JSON line per failed file here (path, error, message).")]
MaxBytes = Annotated[Optional[int], typer.Option("--max-bytes", metavar="BYTES", help="Refuse files (and archive members) larger than this; default 64 MiB.", min=1)]
CsvSafe = Annotated[bool, typer.Option("--csv-safe/--no-csv-safe", help="Quote CSV cells a spreadsheet would run as formulas (default on).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"insiders {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """insiders: SEC insider-ownership documents into clean data."""


def _fail_usage(message: str) -> None:
    typer.echo(f"insiders: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _check_format(fmt: str | None, allowed=("table", "json", "jsonl", "csv", "sqlite")) -> None:
    if fmt is not None and fmt not in allowed:
        _fail_usage(f"unknown --format {fmt!r}; choose one of {', '.join(allowed)}")


@app.command()
def extract(
    paths: Paths,
    format: Format = None,
    output: Output = None,
    table: Annotated[Optional[str], typer.Option("--table", "-t", metavar="TABLE", help="With csv (or table): just this table, e.g. trades, derivative, owners.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Add an evidence map (text, line, column) to each record.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any record has a warning.")] = False,
    jobs: Jobs = None,
    unordered: Annotated[bool, typer.Option("--unordered", help="Emit records as they finish instead of in input order.")] = False,
    progress: Progress = None,
    errors: Errors = None,
    max_bytes: MaxBytes = None,
    csv_safe: CsvSafe = True,
    time_budget: Annotated[Optional[float], typer.Option("--time-budget", metavar="SECONDS", help="Seconds one file may take before it is reported as failed (default 30).", min=0.01)] = None,
    engine: Annotated[str, typer.Option("--engine", metavar="ENGINE", help="local (processes on this machine) or dask.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster).")] = None,
) -> None:
    """Extract every document under PATHS into records."""
    _check_format(format)
    if engine not in ("local", "dask"):
        _fail_usage(f"unknown --engine {engine!r}; choose local or dask")
    opts = OutputOptions(
        format=format, output=output, table=table, csv_safe=csv_safe, jobs=jobs, unordered=unordered,
        progress=progress, errors=errors, max_bytes=max_bytes, explain=explain, strict=strict,
        time_budget=time_budget, engine=engine, scheduler=scheduler,
    )
    from .commands.extract import run

    _finish(lambda: run(paths, opts))


@app.command()
def show(
    path: Annotated[str, typer.Argument(metavar="PATH", help="One document (file, or - for standard input).", show_default=False)],
    source: Annotated[bool, typer.Option("--source", help="Print the document text with each span used highlighted and labelled.")] = False,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour (default: when stdout is a terminal).")] = None,
    width: Annotated[Optional[int], typer.Option("--width", metavar="COLUMNS", help="Columns to lay out for (default: the terminal's).")] = None,
) -> None:
    """Show one document: header, tables, footnotes, vesting, warnings."""
    from .commands.show import run

    _finish(lambda: run(path, source=source, color=color, width=width))


@app.command()
def vesting(
    paths: Paths,
    start: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only tranches on or after this date (YYYY-MM-DD).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only tranches on or before this date.")] = None,
    person: Annotated[Optional[str], typer.Option("--person", metavar="NAME", help="Only this person (any way of writing the name).")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", metavar="TICKER", help="Only this issuer (ticker or name).")] = None,
    format: Format = None,
    output: Output = None,
    jobs: Jobs = None,
    progress: Progress = None,
    errors: Errors = None,
    csv_safe: CsvSafe = True,
) -> None:
    """A calendar of vesting tranches across PATHS, sorted by date."""
    _check_format(format)
    opts = OutputOptions(format=format, output=output, jobs=jobs, progress=progress, errors=errors, csv_safe=csv_safe)
    from .commands.vesting import run

    _finish(lambda: run(paths, opts, start=start, end=end, person=person, issuer=issuer))


def _roster_command(name: str, summary: str) -> None:
    """Register a command that reads PATHS and prints one flat table (people, holdings)."""

    def command(
        paths: Paths,
        format: Format = None,
        output: Output = None,
        jobs: Jobs = None,
        progress: Progress = None,
        errors: Errors = None,
        csv_safe: CsvSafe = True,
    ) -> None:
        _check_format(format)
        opts = OutputOptions(format=format, output=output, jobs=jobs, progress=progress, errors=errors,
                             csv_safe=csv_safe)
        from importlib import import_module

        module = import_module(f"insiders.commands.{name}")
        _finish(lambda: module.run(paths, opts))

    command.__doc__ = summary
    app.command(name)(command)


_roster_command("people", "The insider roster: one row per issuer and person, with roles, holdings and options.")
_roster_command("holdings", "The position ledger per person and security over time, with mismatches flagged.")


def _finish(action) -> None:
    """Run a command body and turn its result into the exit code."""
    try:
        code = action()
    except UsageError as exc:
        _fail_usage(str(exc))
        return
    raise typer.Exit(code or 0)


def main() -> None:
    """Entry point: quiet on a closed pipe, clean on Ctrl-C."""
    if sys.argv[1:] == ["--version"]:  # answer before importing anything heavy
        sys.stdout.write(f"insiders {__version__}\n")
        return
    try:
        app()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("insiders: interrupted\n")
        sys.exit(130)


def _silence_stdout() -> None:
    """After the reader went away, point stdout at /dev/null so the final flush is quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
