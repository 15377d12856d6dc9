"""`insiders holdings`: the position ledger per person and security over time.

Thin shell: reads all records (``commands.collect_records``), builds the ledger
with ``insiders.roster.build_ledger`` and writes it with ``commands.emit_flat``.
Rows whose reported "owned following" is not the previous position plus or
minus the change carry a ``flag``; their count goes to stderr.
"""

from __future__ import annotations

from . import OutputOptions, check_output_not_input, collect_records, emit_flat, exit_code, stderr_line

# Most needed first: a narrow terminal drops columns from the end.
TABLE_COLUMNS = ("person", "security", "date", "transaction_code", "change", "position", "flag", "reported",
                 "previous", "direct_indirect", "exercise_price", "document_type")


def run(paths: list[str], opts: OutputOptions) -> int:
    from ..roster import LEDGER_COLUMNS, build_ledger

    check_output_not_input(paths, opts.output)
    records, summary = collect_records(paths, opts)
    rows = build_ledger(records)
    fmt = opts.resolved_format()
    emit_flat(rows, TABLE_COLUMNS if fmt == "table" else LEDGER_COLUMNS, opts, title="Holdings")
    flagged = sum(1 for row in rows if row["flag"])
    stderr_line(summary.line() + f"; {len(rows):,} ledger rows, {flagged:,} flagged")
    return exit_code(summary, opts)
