"""A rich progress line on stderr: files done, files/s, errors, elapsed.

The number of files is not known in advance (folders are walked lazily so memory
stays flat), so the bar shows throughput rather than an ETA.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.live import Live
from rich.text import Text


class ProgressBar:
    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.live = Live(Text(""), console=self.console, refresh_per_second=4, transient=True)
        self.live.start()
        self._last = 0.0

    def update(self, summary) -> None:
        now = time.monotonic()
        if now - self._last < 0.2:
            return
        self._last = now
        rate = summary.files / summary.elapsed if summary.elapsed else 0
        line = Text.assemble(
            ("reading ", "dim"), (f"{summary.files:,}", "bold"), " files  ",
            (f"{rate:,.0f}/s", "cyan"), "  ",
            (f"{summary.failed:,} failed", "red" if summary.failed else "dim"),
            ("  " + f"{summary.elapsed:.0f}s", "dim"),
        )
        self.live.update(line)

    def stop(self) -> None:
        self.live.stop()
