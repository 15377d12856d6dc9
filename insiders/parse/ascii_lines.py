"""The lines of a pre-2003 EDGAR ASCII form: offsets, visual columns, words, rules.

Shared by ``ascii_form`` (the boxes at the top), ``ascii_owners``,
``ascii_tables`` and ``ascii_notes``.  A ``Sheet`` indexes the lines of the form
body once; every ``Word`` keeps both its character offsets into the document text
(for ``Evidence``) and its visual columns (tabs expanded to stops of 8), which is
what fixed-width geometry is measured in.  Box-drawing pipes separate words.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass

TAB = 8

# A word: anything between blanks and box pipes.
_WORD = re.compile(r"[^\s|]+")
# A ruled line: dashes, equals signs or underscores (maybe boxed with | and +), nothing else.
RULE = re.compile(r"^[ \t|+]*[-=_][-=_ \t|+]{7,}$")
# A line of plain dashes or plus-dashes separates rows; '=' and '_' rules close a table.
CLOSING_RULE = re.compile(r"^[ \t|+]*[=_]{8,}")


@dataclass(slots=True)
class Word:
    text: str
    start: int  # offset into the document text
    end: int
    x0: int  # visual column of the first character
    x1: int  # visual column after the last character


class Sheet:
    """The lines of ``text[start:end]``, with offsets into ``text``."""

    __slots__ = ("text", "starts", "ends", "_words", "_cols", "_windowed", "window")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        end = len(text) if end is None else end
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl == -1 else nl
            line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
            self.starts.append(pos)
            self.ends.append(line_end)
            pos = stop + 1
        self._words: dict[int, list[Word]] = {}
        self._cols: dict[int, list[int]] = {}  # visual columns of lines holding tabs
        self._windowed: dict[tuple[int, int, int], str] = {}
        # (lo, hi): while set, ``clean`` keeps only the chunks starting in these columns
        # (one box of a row of boxes side by side).
        self.window: tuple[int, int] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, n: int) -> str:
        return self.text[self.starts[n]:self.ends[n]]

    def clean(self, n: int) -> str:
        """The line with box pipes as blanks (same length, so offsets hold); inside a
        ``window``, chunks starting outside it are blanked too."""
        line = self.line(n).replace("|", " ")
        if self.window is None:
            return line
        lo, hi = self.window
        cached = self._windowed.get((n, lo, hi))
        if cached is None:
            out = [" "] * len(line)
            for m in _CHUNK.finditer(line):
                if lo <= m.start() < hi:
                    out[m.start():m.end()] = m.group()
            cached = self._windowed[(n, lo, hi)] = "".join(out)
        return cached

    @contextmanager
    def windowed(self, lo: int, hi: int):
        """Read one box of a row of boxes: ``clean`` sees only columns [lo, hi)."""
        saved, self.window = self.window, ((lo, hi) if lo > 0 or hi < 10**6 else None)
        try:
            yield self
        finally:
            self.window = saved

    def is_blank(self, n: int) -> bool:
        if self.window is not None:
            return not self.clean(n).strip()
        return not self.line(n).strip(" \t|+\r")

    def is_rule(self, n: int) -> bool:
        if self.window is not None:
            return bool(RULE.match(self.clean(n).strip()))
        return bool(RULE.match(self.line(n)))

    def words(self, n: int) -> list[Word]:
        """The words of line ``n`` with offsets and visual columns (cached)."""
        cached = self._words.get(n)
        if cached is not None:
            return cached
        line, base = self.line(n), self.starts[n]
        out: list[Word] = []
        if "\t" not in line:
            for m in _WORD.finditer(line):
                out.append(Word(m.group(), base + m.start(), base + m.end(), m.start(), m.end()))
        else:
            cols = self._columns(n, line)
            for m in _WORD.finditer(line):
                out.append(Word(m.group(), base + m.start(), base + m.end(), cols[m.start()],
                                cols[m.start()] + (m.end() - m.start())))
        self._words[n] = out
        return out

    def x_of(self, n: int, index: int) -> int:
        """Visual column of character ``index`` of line ``n``."""
        line = self.line(n)
        if "\t" not in line:
            return index
        return self._columns(n, line)[index] if index < len(line) else len(line.expandtabs(TAB))

    def _columns(self, n: int, line: str) -> list[int]:
        cols = self._cols.get(n)
        if cols is None:
            cols = self._cols[n] = visual_columns(line)
        return cols

    def line_of(self, offset: int) -> int:
        """The line holding document offset ``offset`` (binary search)."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def visual_columns(line: str) -> list[int]:
    """For each character of ``line``, its column once tabs are expanded."""
    cols, x = [], 0
    for ch in line:
        cols.append(x)
        x = (x // TAB + 1) * TAB if ch == "\t" else x + 1
    return cols


# Chunks of a value line: runs of text separated by two blanks, a tab or a pipe.
_CHUNK = re.compile(r"[^\s|](?:[^\t|\n]*?[^\s|])?(?=\s{2,}|\t|\||\s*$)")


def chunks(text: str, base: int) -> list[tuple[str, int, int]]:
    """``(chunk, start, end)`` for each column-separated piece of one line."""
    return [(m.group(), base + m.start(), base + m.end()) for m in _CHUNK.finditer(text)]
