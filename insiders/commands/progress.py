"""Progress on stderr: files done, files/s, failures, elapsed.

Used by ``insiders.commands.outcome_stream``.  On a terminal, a rich live line
(rich is imported only then); when stderr is a file or a pipe and ``--progress``
was asked for, a plain line every few seconds.  The number of files is not
known in advance (folders are walked lazily so memory stays flat), so progress
shows throughput rather than an ETA.
"""

from __future__ import annotations

import os
import sys
import time

# Seconds between plain lines when stderr is not a terminal (INSIDERS_PROGRESS_EVERY overrides).
PLAIN_EVERY = float(os.environ.get("INSIDERS_PROGRESS_EVERY", "5"))


def _text(summary) -> str:
    rate = summary.files / summary.elapsed if summary.elapsed else 0
    parts = [f"{summary.files:,} files", f"{rate:,.0f} files/s", f"{summary.failed:,} failed"]
    if summary.skipped:
        parts.append(f"{summary.skipped:,} unchanged")
    return ", ".join(parts) + f", {summary.elapsed:.0f} s"


class ProgressBar:
    """A live line on a terminal; ``update`` is cheap (it redraws at most a few times a second)."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.live = None
        self._last = time.monotonic()  # plain lines: the first one after PLAIN_EVERY seconds
        if self.stream.isatty():
            from rich.console import Console
            from rich.live import Live
            from rich.text import Text

            self._Text = Text
            self.console = Console(file=self.stream)
            self.live = Live(Text(""), console=self.console, refresh_per_second=4, transient=True)
            self.live.start()
            self._last = 0.0

    def update(self, summary) -> None:
        now = time.monotonic()
        if now - self._last < (0.2 if self.live is not None else PLAIN_EVERY):
            return
        self._last = now
        if self.live is None:
            self.stream.write("insiders: " + _text(summary) + "\n")
            self.stream.flush()
            return
        rate = summary.files / summary.elapsed if summary.elapsed else 0
        line = self._Text.assemble(
            ("reading ", "dim"), (f"{summary.files:,}", "bold"), " files  ",
            (f"{rate:,.0f}/s", "cyan"), "  ",
            (f"{summary.failed:,} failed", "red" if summary.failed else "dim"),
            (f"  {summary.skipped:,} unchanged" if summary.skipped else "", "dim"),
            (f"  {summary.elapsed:.0f}s", "dim"),
        )
        self.live.update(line)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None
