"""`insiders vesting`: a calendar of vesting tranches across every document under the paths.

Thin shell: reads all records (``commands.collect_records``), builds the
calendar with ``insiders.calendar.vesting_calendar`` and writes it with
``commands.emit_flat`` in any format.  In a terminal (table format, no ``-o``) a
compact timeline follows the table: shares vesting per month or quarter as bars,
so the shape shows at a glance.  The counts go to stderr.
"""

from __future__ import annotations

import sys
from datetime import date

from . import OutputOptions, UsageError, check_output_not_input, collect_records, emit_flat, exit_code, stderr_line

TABLE_COLUMNS = ("date", "person", "ticker", "security", "shares", "exercise_price", "type", "condition", "source")
BAR_WIDTH = 40


def parse_day(value: str | None, option: str) -> date | None:
    """``--from`` / ``--to`` as a date; a wrong one is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} wants a date as YYYY-MM-DD, not {value!r}") from None


def run(paths: list[str], opts: OutputOptions, *, start: str | None = None, end: str | None = None,
        person: str | None = None, issuer: str | None = None) -> int:
    from ..calendar import CALENDAR_COLUMNS, vesting_calendar

    start_d, end_d = parse_day(start, "--from"), parse_day(end, "--to")
    if start_d and end_d and start_d > end_d:
        raise UsageError("--from is after --to")
    check_output_not_input(paths, opts.output)
    records, summary = collect_records(paths, opts)
    rows = vesting_calendar(records, start=start_d, end=end_d, person=person, issuer=issuer)
    fmt = opts.resolved_format()
    terminal = fmt == "table" and not opts.output
    table_rows = [dict(r, source=_short(r["source"])) for r in rows] if terminal else rows
    emit_flat(table_rows, TABLE_COLUMNS if fmt == "table" else CALENDAR_COLUMNS, opts, title="Vesting")
    if terminal:
        print_timeline(rows)
    dated = sum(1 for r in rows if r["date"])
    stderr_line(summary.line() + f"; {dated:,} tranches, {len(rows) - dated:,} undated terms")
    return exit_code(summary, opts)


def _short(source: str | None) -> str | None:
    if not source:
        return source
    return source.rsplit("::", 1)[-1].rsplit("/", 1)[-1]


def print_timeline(rows: list[dict], stream=None, by: str = "auto") -> None:
    """Shares vesting per month or quarter as bars (rich), for a person at a terminal."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..calendar import bucket_totals

    unit, buckets = bucket_totals(rows, by)
    console = Console(file=stream or sys.stdout, highlight=False, soft_wrap=False)
    if not buckets:
        console.print(Text("No dated tranches to draw.", style="dim"))
        return
    peak = max(total for _, total in buckets) or 1
    table = Table(title=f"Shares vesting per {unit}", title_justify="left", box=None, show_header=False,
                  pad_edge=False)
    table.add_column(unit, style="bold")
    table.add_column("bar")
    table.add_column("shares", justify="right")
    for label, total, quiet in _collapse_quiet(buckets):
        if quiet:  # a long run of empty buckets is one line, so the shape stays visible
            table.add_row(Text("⋮", style="dim"), Text(f"{quiet} {unit}s with nothing vesting", style="dim"), "")
            continue
        width = max(1, round(total / peak * BAR_WIDTH)) if total else 0
        bar = Text("█" * width if total else "·", style="green" if total else "dim")
        table.add_row(label, bar, f"{total:,.0f}" if total else "")
    console.print(table)


def _collapse_quiet(buckets: list[tuple[str, float]], run: int = 3):
    """(label, total, 0) per bucket, with runs of ``run`` or more empty ones as (None, 0, count)."""
    out, empty = [], []
    for label, total in buckets:
        if total:
            out.extend(_flush(empty, run))
            empty = []
            out.append((label, total, 0))
        else:
            empty.append((label, total, 0))
    out.extend(_flush(empty, run))
    return out


def _flush(empty: list, run: int) -> list:
    return [(None, 0, len(empty))] if len(empty) >= run else empty
