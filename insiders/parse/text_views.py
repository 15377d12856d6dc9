"""Reading views of converter markup: what a form's header says, without the markup.

Used by ``text_regions.Doc`` (and so by ``text_header``, ``text_owners`` and
``text_notes``).  Two converters leave the header in a shape the region readers
cannot walk:

* ``pandoc -t gfm`` keeps tables with row spans as raw HTML (``<table>`` ...
  ``<td>``), wrapped at 72 columns, with entities;
* ``pandoc -t markdown`` writes narrow grid tables whose cells break words mid-word
  (``Barrowclough Si`` / ``mone K``: a nested table's line is cut into chunks of the
  cell's width) and wraps values in ``[...]{.FormData}`` spans and ``\\`` escapes.

A view is a new text in the reading shape of a converter the readers know: raw
HTML tables become rows of cells separated by `` | `` (as html2text prints them);
a pandoc grid becomes a wide grid with each cell's text reassembled and its markup
dropped (as ``pandoc -t plain`` prints it).  Every character of the view keeps
where it came from (``OffsetMap``), so evidence still cuts the original text.
Tables I and II are not read through views (``text_tables`` reads the text as given).
"""

from __future__ import annotations

import bisect
import html
import re

# ---------------------------------------------------------------- the offset map


class OffsetMap:
    """View offsets -> original offsets.  The view is a sequence of pieces; a piece
    either copies original text (same length: offsets move together) or stands for
    an original span of another length (an entity, an inserted separator: every
    view offset inside maps to the whole span)."""

    __slots__ = ("vstarts", "ostarts", "olens", "vlens")

    def __init__(self) -> None:
        self.vstarts: list[int] = []
        self.ostarts: list[int] = []
        self.olens: list[int] = []
        self.vlens: list[int] = []

    def _piece(self, v: int) -> int:
        return max(0, bisect.bisect_right(self.vstarts, v) - 1)

    def start(self, v: int) -> int:
        if not self.vstarts:
            return v
        i = self._piece(v)
        if self.olens[i] == self.vlens[i]:
            return self.ostarts[i] + min(v - self.vstarts[i], self.olens[i])
        return self.ostarts[i]

    def end(self, v_last: int) -> int:
        """Original end of a span whose last view character is ``v_last``."""
        if not self.vstarts:
            return v_last + 1
        i = self._piece(v_last)
        if self.olens[i] == self.vlens[i]:
            return self.ostarts[i] + min(v_last - self.vstarts[i] + 1, self.olens[i])
        return self.ostarts[i] + self.olens[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.start(start)
            return o, o
        s, e = self.start(start), self.end(end - 1)
        if e < s:  # a span across reordered cells: keep its first character's piece
            i = self._piece(start)
            e = max(s, self.ostarts[i] + self.olens[i])
        return s, e


class _Builder:
    """Accumulates view text and its map."""

    __slots__ = ("parts", "map", "pos", "at_nl")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.pos = 0
        self.at_nl = True  # whether the last text other than spaces ends a line

    def copy(self, ostart: int, text: str) -> None:
        self._add(ostart, len(text), text)

    def stand_in(self, ostart: int, olen: int, text: str) -> None:
        self._add(ostart, olen, text)

    def _add(self, ostart: int, olen: int, text: str) -> None:
        if not text:
            return
        m = self.map
        size = len(text)
        self.parts.append(text)
        if text[-1] != " ":
            self.at_nl = text[-1] == "\n"
        else:
            stripped = text.rstrip(" ")
            if stripped:
                self.at_nl = stripped[-1] == "\n"
        if m.vstarts:  # one piece with the last: contiguous copies, or insertions at one place
            last_olen = m.olens[-1]
            if olen == 0:
                if last_olen == 0 and m.vlens[-1] and m.ostarts[-1] == ostart:
                    m.vlens[-1] += size
                    self.pos += size
                    return
            elif olen == size and last_olen == m.vlens[-1] and m.ostarts[-1] + last_olen == ostart:
                m.olens[-1] += olen
                m.vlens[-1] += olen
                self.pos += size
                return
        m.vstarts.append(self.pos)
        m.ostarts.append(ostart)
        m.olens.append(olen)
        m.vlens.append(size)
        self.pos += size

    def newline(self, ostart: int) -> None:
        if not self.at_nl:
            self.stand_in(ostart, 0, "\n")

    def text(self) -> str:
        return "".join(self.parts)


def view_of(text: str) -> tuple[str, OffsetMap] | None:
    """A reading view of ``text`` when its converter needs one, else None."""
    head = text[:40000]
    if "</td>" in head and re.search(r"(?m)^<table\b", head):
        return _gfm_view(text)
    if "]{." in text and head.count("\n+-") + head.count("\n+:") >= 3:
        return _pandoc_markdown_view(text)
    return None


# ---------------------------------------------------------------- gfm: raw HTML tables

_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_TOKEN_SPLIT = re.compile(r"(<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});)")
_BLOCK_TAGS = frozenset({"tr", "br", "hr", "table", "p", "div", "tbody", "thead", "li", "ul", "ol"})
_CELL_TAGS = frozenset({"td", "th"})


def _gfm_view(text: str) -> tuple[str, OffsetMap]:
    """Raw HTML tables as html2text prints them (a row per line, cells after `` | ``);
    inline tags elsewhere dropped; entities decoded."""
    out = _Builder()
    add = out._add
    depth = 0
    cells: list[int] = []  # cells seen in the current row of each open table
    # text, token, slash, tag name, text, token, ... (split in C: no match objects)
    parts = _TOKEN_SPLIT.split(text)
    pos = 0
    for i in range(0, len(parts) - 1, 4):
        chunk, token, slash, name = parts[i], parts[i + 1], parts[i + 2], parts[i + 3]
        if chunk:
            if depth and "\n" in chunk:
                chunk = chunk.replace("\n", " ")
            add(pos, len(chunk), chunk)
            pos += len(chunk)
        start = pos
        pos += len(token)
        if not name:  # an entity
            add(start, len(token), html.unescape(token))
            continue
        name = name.lower()
        closing = slash == "/"
        if name == "table":
            if closing:
                depth = max(0, depth - 1)
                if cells:
                    cells.pop()
            else:
                depth += 1
                cells.append(0)
            out.newline(start)
        elif not depth:
            continue  # inline markup around text outside tables: dropped
        elif name in _CELL_TAGS and not closing:
            if cells and cells[-1]:
                out.stand_in(start, 0, " | ")
            if cells:
                cells[-1] += 1
        elif name in _BLOCK_TAGS:
            if name == "tr" and cells:
                cells[-1] = 0
            out.newline(start)
    if parts[-1]:
        add(pos, len(parts[-1]), parts[-1])
    return out.text(), out.map


# ---------------------------------------------------------------- pandoc markdown: grid tables

_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+[ \t]*$")
# Markup of pandoc markdown: the group ``keep`` (an escaped character) stays.  Every
# branch starts with its literal character (lookbehinds come after it), so the
# regex engine skips ahead to the next ``] [ \ * ^`` instead of trying each position.
_MARKUP = re.compile(
    r"""
      \]\{[^{}\n]*\}                         # ]{.FormData}: a span's attributes
    | \]\((?:[^()\s]|\([^()\s]*\))*\)        # ](link target)
    | \[(?=(?:[^\[\]]|\[[^\[\]]*\]){0,400}\](?:\{|\())   # [ opening a span or a link
    | \\(?=\n|$)                             # a hard line break
    | \\(?P<keep>[^\sA-Za-z0-9])             # an escaped character: keep the character
    | \*\*                                   # bold
    | \*(?<![\w*\\]\*)(?=\w) | \*(?<=\w\*)(?![\w*])   # *emphasis*
    | \^                                     # ^superscript^ carets
    """,
    re.X,
)


def _strip(pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``pieces`` (original offset, original length, text) without markup, as the
    same kind of pieces (a copied piece keeps its length; a stand-in stays whole)."""
    joined = "".join(t for _o, _l, t in pieces)
    if not joined:
        return []
    starts = []
    pos = 0
    for _o, _l, t in pieces:
        starts.append(pos)
        pos += len(t)
    kept: list[tuple[int, int]] = []
    last = 0
    for m in _MARKUP.finditer(joined):
        if m.start() > last:
            kept.append((last, m.start()))
        if m.group("keep"):
            kept.append((m.start("keep"), m.end("keep")))
        last = m.end()
    if last == 0:
        return pieces  # no markup: the pieces as they are
    if last < len(joined):
        kept.append((last, len(joined)))
    out: list[tuple[int, int, str]] = []
    for a, b in kept:
        i = bisect.bisect_right(starts, a) - 1
        while a < b:
            o, olen, t = pieces[i]
            p_end = starts[i] + len(t)
            cut = min(b, p_end)
            if cut > a:
                if olen == len(t):
                    out.append((o + (a - starts[i]), cut - a, joined[a:cut]))
                else:
                    out.append((o, olen, joined[a:cut]))
            a = cut
            i += 1
    return out


def _emit(out: _Builder, pieces: list[tuple[int, int, str]]) -> int:
    add = out._add
    written = 0
    for o, olen, t in pieces:
        add(o, olen, t)
        written += len(t)
    return written


def _pandoc_markdown_view(text: str) -> tuple[str, OffsetMap]:
    out = _Builder()
    low = _Words(text.lower())
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    n = 0
    plain_from = 0  # first line of the current run outside grids
    while n < len(lines):
        if _GRID_BORDER.match(lines[n]):
            end = n + 1
            while end < len(lines) and lines[end][:1] in ("|", "+"):
                end += 1
            if plain_from < n:
                _plain_lines(out, text, lines, starts, plain_from, n)
            _grid(out, lines, starts, n, end, low)
            n = plain_from = end
            continue
        n += 1
    if plain_from < len(lines):
        _plain_lines(out, text, lines, starts, plain_from, len(lines))
    return out.text(), out.map


def _plain_lines(out: _Builder, text: str, lines, starts, lo: int, hi: int) -> None:
    """Lines lo..hi-1 outside grids: one contiguous stretch of the text, copied
    without its markup."""
    a = starts[lo]
    b = starts[hi] if hi < len(lines) else len(text)
    segment = text[a:b]
    last = 0
    for m in _MARKUP.finditer(segment):
        if m.start() > last:
            out.copy(a + last, segment[last:m.start()])
        if m.group("keep"):
            out.copy(a + m.start("keep"), m.group("keep"))
        last = m.end()
    if last < len(segment):
        out.copy(a + last, segment[last:])


def _grid(out: _Builder, lines, starts, lo: int, hi: int, low: "_Words") -> None:
    """One grid table (lines lo..hi-1): cells reassembled, re-printed wide.

    Most printed lines of a cell are blank (another cell of the row is taller):
    blank lines are handled in runs, only lines with text go through
    ``_add_cell_line``, and view lines blank in every cell are written at once."""
    border = lines[lo]
    xs = [i for i, c in enumerate(border) if c == "+"]
    ncols = len(xs) - 1
    # rows: the printed lines between two borders
    blocks: list[tuple[int, int]] = []
    top = None
    for k in range(lo, hi):
        if lines[k].startswith("+"):
            if top is not None:
                blocks.append((top, k))
            top = k + 1
    trailing = top is not None and top < hi
    if trailing:
        blocks.append((top, hi))
    rows: list[list[list]] = []  # row -> column -> logical lines -> pieces (offset, length, text)
    for r0, r1 in blocks:
        row = []
        for c in range(ncols):
            a, b = xs[c] + 2, xs[c + 1] - 1
            row.append(_cell(lines, starts, r0, r1, a, b, low))
        rows.append(row)
    if trailing and not any(rows[-1]):
        rows.pop()
    # each cell's text without markup (markup spans lines), split into view lines
    widths = [0] * ncols
    shown: list[list[list[list[tuple[int, int, str]]]]] = []
    for row in rows:
        shown_row = []
        for c, cell in enumerate(row):
            pieces: list[tuple[int, int, str]] = []
            breaks = 0  # line breaks between logical lines, written as one run
            for i, logical in enumerate(cell):
                if i:
                    breaks += 1
                if not logical:
                    continue
                if breaks:
                    pieces.append((0, 0, "\n" * breaks))
                    breaks = 0
                last_j = len(logical) - 1
                for j, (o, olen, t) in enumerate(logical):
                    if j == last_j and olen == len(t):
                        t = t.rstrip()
                        olen = len(t)
                    if t:
                        pieces.append((o, olen, t))
            view_lines: list[list[tuple[int, int, str]]] = [[]]
            for o, olen, t in _strip(pieces):
                if olen == 0 and t[0] == "\n":
                    view_lines.extend([] for _ in range(len(t)))
                else:
                    view_lines[-1].append((o, olen, t))
            if breaks:
                view_lines.extend([] for _ in range(breaks))
            shown_row.append(view_lines)
            for vl in view_lines:
                if vl:
                    widths[c] = max(widths[c], sum(len(t) for _o, _l, t in vl))
        shown.append(shown_row)
    origin = starts[lo]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+\n"
    blank = "| " + " | ".join(" " * w for w in widths) + " |\n"
    # separators and padding are inserted text standing at ``origin``: gathered and
    # written at once before each piece of a cell (the map is the same)
    pending = [rule]
    for row in shown:
        height = max((len(cell) for cell in row), default=0)
        filled = sorted({h for cell in row for h, vl in enumerate(cell) if vl})
        done = 0
        for h in filled:
            if h > done:
                pending.append(blank * (h - done))
            for c, cell in enumerate(row):
                pending.append("| " if c == 0 else " | ")
                written = 0
                if h < len(cell) and cell[h]:
                    out.stand_in(origin, 0, "".join(pending))
                    pending.clear()
                    written = _emit(out, cell[h])
                if written < widths[c]:
                    pending.append(" " * (widths[c] - written))
            pending.append(" |\n")
            done = h + 1
        if height > done:
            pending.append(blank * (height - done))
        pending.append(rule)
    out.stand_in(origin, 0, "".join(pending))


def _cell(lines, starts, r0: int, r1: int, a: int, b: int, low: "_Words") -> list:
    """The logical lines of one cell (columns a..b of printed lines r0..r1-1)."""
    cell: list = []
    state = {"nested": False, "prev": None, "before": None}
    width = b - a
    done = r0  # lines before ``done`` are read
    for k in range(r0, r1):
        content = lines[k][a:b]
        if not content or content.isspace():
            continue
        gap = k - done
        if gap:  # a run of blank lines (what _add_cell_line does for each)
            cell.extend([[]] * gap)  # empty logical lines are never appended to: one list shared
            state["nested"] = False
            state["before"] = ("", False) if gap >= 2 else state["prev"]
            state["prev"] = ("", False)
        _add_cell_line(cell, state, starts[k] + a, content, width, low)
        done = k + 1
    gap = r1 - done
    if gap:
        cell.extend([[]] * gap)
    return cell


_ESCAPED = re.compile(r"\\.")


def _open_markup(text: str) -> bool:
    """Whether ``text`` leaves a bracket of markup open (``[``, ``(`` or ``{``)."""
    if "\\" in text:
        text = _ESCAPED.sub("", text)
    return (text.count("[") > text.count("]") or text.count("(") > text.count(")")
            or text.count("{") > text.count("}"))


_RULE = re.compile(r"^[-=+: ]+$|^[|+]")  # rules, and a nested grid's own lines


def _add_cell_line(cell: list, state: dict, offset: int, content: str, width: int, low: "_Words") -> None:
    """Add one printed line of a cell to its logical lines (lists of pieces
    ``(original offset, original length, text)``).

    pandoc cuts what does not fit from the right, in chunks of the cell's width: a
    nested table's line (it starts indented, or after a blank line with a full
    chunk; its chunks follow at the cell's left edge, spaces included) or a word
    longer than the cell (it starts a line; its chunks are full and hold no space).
    Those are joined as they were; the wrapped lines of a paragraph are joined with
    a space; a blank line, a rule, a hard break (``\\``) or an indented line starts
    a new logical line.  ``low`` (the document's words) settles a cut between two
    letters of a nested line (``_spaced``)."""
    body = content.rstrip()
    prev = state["prev"]
    before = state["before"]
    state["before"], state["prev"] = prev, None
    if not body:
        cell.append([])
        state["nested"] = False
        state["prev"] = ("", False)
        return
    full = len(body) >= width
    line = cell[-1] if cell and cell[-1] else None
    how = None  # "chunk", "wrap" or None (a new logical line)
    if line is not None and prev is not None and prev[0]:
        p_text, p_full = prev
        if state["nested"]:
            if body[0] != " " or full:
                how = "chunk"
        elif body[0] != " " and not _RULE.match(body) and not _RULE.match(p_text):
            token = p_text.strip()
            if " " not in token and (p_full or (full and " " not in body)) and (
                    _open_markup("".join(t for _o, _l, t in line).rsplit(" ", 1)[-1])
                    or _would_fit(before, token, width)):
                how = "chunk"
            elif not p_text.endswith("\\"):
                how = "wrap"
    if how == "chunk":
        last = line[-1]
        if state["nested"] and len(line) == 1 and _spaced(last[2], body, low):
            line.append((offset, 0, " "))
        line.append((offset, len(content), content))
    elif how == "wrap":
        last = line[-1]
        line[-1] = (last[0], len(last[2].rstrip()), last[2].rstrip())
        line.append((offset, 0, " "))
        line.append((offset, len(body), body))
    else:
        cell.append([(offset, len(body), body)])
        state["nested"] = body[0] == " " or (full and prev is not None and not prev[0])
    state["prev"] = (body, full)


def _would_fit(before, token: str, width: int) -> bool:
    """Whether ``token`` would have fitted on the paragraph line above it: then it
    was not a word of its own (pandoc would have put it there) but a chunk's start."""
    if before is None or not before[0] or before[0].endswith("\\") or _RULE.match(before[0]):
        return False
    return len(before[0]) + 1 + len(token) <= width


_EDGE_WORDS = re.compile(r"([A-Za-z0-9]+)$")
_LEAD_WORD = re.compile(r"^([A-Za-z0-9]+)")




class _Words:
    """How often words occur in the document (lowered), as whole words (maximal runs
    of ``[a-z0-9]``): counted by ``str.find`` only as far as a caller needs."""

    __slots__ = ("low",)

    def __init__(self, low: str) -> None:
        self.low = low

    def at_least(self, word: str, n: int) -> bool:
        """Whether ``word`` occurs ``n`` times or more as a whole word."""
        low = self.low
        size = len(word)
        found = 0
        at = low.find(word)
        while at != -1:
            end = at + size
            if (at == 0 or not _word_char(low[at - 1])) and (end == len(low) or not _word_char(low[end])):
                found += 1
                if found >= n:
                    return True
            at = low.find(word, at + 1)
        return False


def _word_char(c: str) -> bool:
    return ("a" <= c <= "z") or ("0" <= c <= "9")


def _spaced(left: str, right: str, words: "_Words") -> bool:
    """A nested line cut between two letters: were they two words?  Yes when both
    halves are words the document uses elsewhere too (a half of a cut word occurs
    only here) and the joined word does not occur."""
    a = _EDGE_WORDS.search(left)
    b = _LEAD_WORD.match(right)
    if a is None or b is None:
        return False
    x, y = a.group(1).lower(), b.group(1).lower()
    if len(x) < 2 or len(y) < 2 or words.at_least(x + y, 1):
        return False
    return words.at_least(x, 2) and words.at_least(y, 2)
