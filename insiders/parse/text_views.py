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
HTML tables become rows of cells separated by `` | `` (as html2text prints them:
``text_views_gfm``); a pandoc grid becomes a wide grid with each cell's text
reassembled and its markup dropped (as ``pandoc -t plain`` prints it: here).
Every character of the view keeps where it came from (``OffsetMap``), so evidence
still cuts the original text.
Tables I and II are not read through views (``text_tables`` reads the text as given).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress
from operator import itemgetter

from .text_views_gfm import gfm_pieces

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


def _finish(pieces: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """The view written as pieces ``(original offset, original length, text)``: its
    text and its map, in one pass.  Neighbouring pieces merge: copies of contiguous
    original text, and insertions standing at one original offset."""
    m = OffsetMap()
    add_ostart, add_olen, add_vlen = m.ostarts.append, m.olens.append, m.vlens.append
    cur_o = cur_olen = cur_vlen = 0  # the piece being grown (cur_vlen 0: none yet)
    for ostart, olen, text in pieces:
        size = len(text)
        if not size:
            continue
        if cur_vlen:
            if olen == 0:
                if cur_olen == 0 and cur_o == ostart:
                    cur_vlen += size
                    continue
            elif olen == size and cur_olen == cur_vlen and cur_o + cur_olen == ostart:
                cur_olen += size
                cur_vlen += size
                continue
            add_ostart(cur_o)
            add_olen(cur_olen)
            add_vlen(cur_vlen)
        cur_o, cur_olen, cur_vlen = ostart, olen, size
    if cur_vlen:
        add_ostart(cur_o)
        add_olen(cur_olen)
        add_vlen(cur_vlen)
    m.vstarts = list(accumulate(m.vlens, initial=0))
    m.vstarts.pop()
    return "".join(map(itemgetter(2), pieces)), m


def view_of(text: str) -> tuple[str, OffsetMap] | None:
    """A reading view of ``text`` when its converter needs one, else None."""
    if text.find("</td>", 0, 40000) != -1 and _TABLE_LINE.search(text, 0, 40000):
        return _finish(gfm_pieces(text))
    if "]{." in text and text.count("\n+-", 0, 40000) + text.count("\n+:", 0, 40000) >= 3:
        return _pandoc_markdown_view(text)
    return None


_TABLE_LINE = re.compile(r"(?m)^<table\b")


# ---------------------------------------------------------------- pandoc markdown: grid tables

_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+[ \t]*$")
# Markup of pandoc markdown: the group ``keep`` (an escaped character) stays.  Every
# branch starts with one of ``_MARKUP_STARTS`` (lookbehinds come after it): ``_markup``
# tries the pattern only there.  A ``[`` opens a span or link when its ``]`` comes
# within 400 units (characters or ``[inner]`` groups); the common case, no inner
# group, is tested first in one fast run.
_MARKUP = re.compile(
    r"""
      \]\{[^{}\n]*\}                         # ]{.FormData}: a span's attributes
    | \]\((?:[^()\s]|\([^()\s]*\))*\)        # ](link target)
    | \[(?=[^\[\]]{0,400}+\][{(]              # [ opening a span or a link
      |(?=[^\[\]]{0,400}+\[)(?:[^\[\]]|\[[^\[\]]*+\]){0,400}+\][{(])
    | \\(?=\n|$)                             # a hard line break
    | \\(?P<keep>[^\sA-Za-z0-9])             # an escaped character: keep the character
    | \*\*                                   # bold
    | \*(?<![\w*\\]\*)(?=\w) | \*(?<=\w\*)(?![\w*])   # *emphasis*
    | \^                                     # ^superscript^ carets
    """,
    re.X,
)
_MARKUP_STARTS = "][\\*^"


_PLUS_ONE = (1).__add__


def _pandoc_markdown_view(text: str) -> tuple[str, OffsetMap]:
    out: list[tuple[int, int, str]] = []  # the view, as pieces for ``_finish``
    low = _Words(text)
    lines = text.split("\n")
    starts = list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=0))  # line starts, in C
    n = 0
    plain_from = 0  # first line of the current run outside grids
    while n < len(lines):
        if lines[n][:1] == "+" and _GRID_BORDER.match(lines[n]):
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
    return _finish(out)


def _plain_lines(out: list, text: str, lines, starts, lo: int, hi: int) -> None:
    """Lines lo..hi-1 outside grids: one contiguous stretch of the text, copied
    without its markup."""
    a = starts[lo]
    b = starts[hi] if hi < len(lines) else len(text)
    segment = text[a:b]
    add = out.append
    last = 0
    for m in _markup(segment):
        start = m.start()
        if start > last:
            add((a + last, start - last, segment[last:start]))
        keep = m.group("keep")
        if keep:
            add((a + start + 1, 1, keep))  # the character after the backslash
        last = m.end()
    if last < len(segment):
        add((a + last, len(segment) - last, segment[last:]))


def _grid(out: list, lines, starts, lo: int, hi: int, low: "_Words") -> None:
    """One grid table (lines lo..hi-1): cells reassembled, re-printed wide.

    Each cell is read on its own (``_cell``: its logical lines), then its markup
    dropped (``_cell_view``); the rows are printed as wide as their cells."""
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
    shown = [[_cell_view(cell) for cell in row] for row in rows]
    widths = [max([max(row[c][1]) for row in shown], default=0) for c in range(ncols)]
    _print_rows(out, starts[lo], shown, widths)


def _cell_view(cell: list) -> tuple[list, list[int]]:
    """A cell's logical lines as view lines (trailing blanks and markup dropped;
    markup spans lines) and the length of each."""
    if not cell:
        return [[]], [0]
    view_lines = []
    texts = []
    for logical in cell:
        if logical:
            o, olen, t = logical[-1]
            if olen == len(t) and t[-1].isspace():  # a copy ending the line: its trailing blanks
                t = t.rstrip()
                logical = logical[:-1] + [(o, len(t), t)] if t else logical[:-1]
            texts.append(t if len(logical) == 1 else "".join([t for _o, _l, t in logical]))
        else:
            texts.append("")
        view_lines.append(logical)
    joined = "\n".join(texts)
    if "]" in joined or "[" in joined or "\\" in joined or "*" in joined or "^" in joined:
        return _strip(view_lines, texts, joined)
    return view_lines, list(map(len, texts))


def _markup(text: str) -> list[re.Match]:
    """The matches of ``_MARKUP`` in ``text``, as ``finditer`` finds them.  A match
    starts only at one of ``] [ \\ * ^``: those are found with ``str.find`` and the
    pattern tried there alone (the regex engine's own search tests every character
    against the set: several times slower on long lines of plain text)."""
    starts = []
    for char in _MARKUP_STARTS:
        at = text.find(char)
        while at != -1:
            starts.append(at)
            at = text.find(char, at + 1)
    starts.sort()
    match = _MARKUP.match
    found = []
    end = 0  # matches do not overlap: the next one starts at or after the last one's end
    for at in starts:
        if at >= end:
            m = match(text, at)  # lookbehinds still see the text before ``at``
            if m is not None:
                found.append(m)
                end = m.end()
    return found


def _strip(view_lines: list, texts: list[str], joined: str) -> tuple[list, list[int]]:
    """View lines without markup, and their lengths.  Markup is found in the cell's
    whole text (``joined``: the lines' ``texts`` joined by ``\\n``); no piece of markup
    holds a line break, so only the lines it falls on are cut, each on its own."""
    # spans of ``joined`` to drop, in order (of an escape, only the backslash)
    removed = [(m.start(), m.start() + 1) if m.lastindex else m.span() for m in _markup(joined)]
    out = list(view_lines)
    lengths = list(map(len, texts))
    line_starts = list(accumulate(map(_PLUS_ONE, lengths), initial=0))
    i = 0
    while i < len(removed):
        n = bisect.bisect_right(line_starts, removed[i][0]) - 1  # the line of the next span
        line_end = line_starts[n] + lengths[n]
        j = i + 1
        while j < len(removed) and removed[j][0] < line_end:
            j += 1
        out[n] = _cut_line(view_lines[n], line_starts[n], removed[i:j])
        lengths[n] = sum([len(t) for _o, _l, t in out[n]])
        i = j
    return out, lengths


def _cut_line(pieces: list, pos: int, removed: list) -> list:
    """The pieces of a line that starts at ``pos`` without the spans ``removed`` (in
    order, within the line).  A copied piece cut keeps its offsets; the parts of a
    stand-in (another length than its text) each stand for all of it."""
    kept: list[tuple[int, int, str]] = []
    removed = removed + [(pos + sum([len(t) for _o, _l, t in pieces]) + 1, 0)]  # a sentinel
    r = 0  # the first span not wholly before the current piece
    at = pos  # where the current piece starts
    for piece in pieces:
        o, olen, t = piece
        p_end = at + len(t)
        if removed[r][0] >= p_end:  # nothing to drop in this piece
            kept.append(piece)
            at = p_end
            continue
        copy = olen == len(t)
        a = at  # kept from here
        while removed[r][0] < p_end:
            r_start, r_end = removed[r]
            if r_start > a:
                kept.append((o + (a - at), r_start - a, t[a - at:r_start - at]) if copy
                            else (o, olen, t[a - at:r_start - at]))
            a = max(a, r_end)
            if r_end > p_end:  # the span goes on in the next piece
                break
            r += 1
        if a < p_end:
            kept.append((o + (a - at), p_end - a, t[a - at:]) if copy else (o, olen, t[a - at:]))
        at = p_end
    return kept


def _print_rows(out: list, origin: int, shown: list, widths: list[int]) -> None:
    """Print a grid's rows wide.  Separators, padding and rules are insertions
    standing at ``origin``: gathered and written at once before each piece of a cell
    (the map is the same); view lines blank in every cell are written at once."""
    put = out
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+\n"
    blank = "| " + " | ".join(" " * w for w in widths) + " |\n"
    lead = ["| "] + [" | "] * (len(widths) - 1)
    empty = [sep + " " * w for sep, w in zip(lead, widths)]  # a cell without text on a view line
    pending = [rule]
    for row in shown:
        height = max((len(view_lines) for view_lines, _n in row), default=0)
        filled = sorted({h for view_lines, _n in row for h, vl in enumerate(view_lines) if vl})
        done = 0
        for h in filled:
            if h > done:
                pending.append(blank * (h - done))
            for c, (view_lines, lengths) in enumerate(row):
                if h < len(view_lines) and view_lines[h]:
                    pending.append(lead[c])
                    put.append((origin, 0, "".join(pending)))
                    pending.clear()
                    put.extend(view_lines[h])
                    if lengths[h] < widths[c]:
                        pending.append(" " * (widths[c] - lengths[h]))
                else:
                    pending.append(empty[c])
            pending.append(" |\n")
            done = h + 1
        if height > done:
            pending.append(blank * (height - done))
        pending.append(rule)
    put.append((origin, 0, "".join(pending)))


_BLANK_LINE = ("", False)


def _cell(lines, starts, r0: int, r1: int, a: int, b: int, low: "_Words") -> list:
    """The logical lines of one cell (columns a..b of printed lines r0..r1-1), each
    a list of pieces ``(original offset, original length, text)``.

    pandoc cuts what does not fit from the right, in chunks of the cell's width: a
    nested table's line (it starts indented, or after a blank line with a full
    chunk; its chunks follow at the cell's left edge, spaces included) or a word
    longer than the cell (it starts a line; its chunks are full and hold no space).
    Those are joined as they were; the wrapped lines of a paragraph are joined with
    a space; a blank line, a rule, a hard break (``\\``) or an indented line starts
    a new logical line.  ``low`` (the document's words) settles a cut between two
    letters of a nested line (``_spaced``).  Most printed lines of a cell are blank
    (another cell of the row is taller): they are handled in runs."""
    cell: list = []
    nested = False  # whether the current logical line is a nested table's line
    prev = before = None  # (text, full) of the printed line above and the one above it
    width = b - a
    done = r0  # lines before ``done`` are read
    contents = list(map(itemgetter(slice(a, b)), lines[r0:r1]))
    for k, content in compress(enumerate(contents, r0), map(str.strip, contents)):  # lines with text
        gap = k - done
        done = k + 1
        if gap:  # a run of blank lines: empty logical lines (never appended to: one list shared)
            cell.extend([[]] * gap)
            nested = False
            before = _BLANK_LINE if gap >= 2 else prev
            prev = _BLANK_LINE
        body = content.rstrip()
        full = len(body) >= width
        offset = starts[k] + a
        how = None
        if prev is not None and prev[0]:  # the printed line above has text: its logical line
            line = cell[-1]
            if nested:  # a nested table's line: chunks follow at the left edge
                how = "chunk" if body[0] != " " or full else None
            else:
                how = _joins(line, body, full, prev, before, width)
        if how == "chunk":
            if nested and len(line) == 1 and _spaced(line[0][2], body, low):
                line.append((offset, 0, " "))
            line.append((offset, len(content), content))
        elif how == "wrap":
            o, _l, t = line[-1]
            t = t.rstrip()
            line[-1] = (o, len(t), t)
            line.append((offset, 0, " "))
            line.append((offset, len(body), body))
        else:
            cell.append([(offset, len(body), body)])
            nested = body[0] == " " or (full and prev is not None and not prev[0])
        before, prev = prev, (body, full)
    gap = r1 - done
    if gap:
        cell.extend([[]] * gap)
    return cell


def _joins(line: list, body: str, full: bool, prev, before, width: int) -> str | None:
    """How a printed line ``body`` goes on from the paragraph line ``line`` (whose
    last printed line is ``prev``): ``"chunk"`` (a cut: joined as it was), ``"wrap"``
    (joined with a space) or None (it starts a logical line of its own)."""
    p_text, p_full = prev
    if body[0] in " |+" or p_text[0] in "|+" or not body.strip("-=+: ") or not p_text.strip("-=+: "):
        return None  # an indented line, a rule or a nested grid's line (``_is_rule``)
    token = p_text.strip()
    if " " not in token and (p_full or (full and " " not in body)) and (
            _open_markup(_last_word(line))
            or _would_fit(before, token, width)):
        return "chunk"
    return None if p_text.endswith("\\") else "wrap"


def _last_word(line: list) -> str:
    """The text after the last space of a logical line (read from its end: a long
    paragraph is not joined again for each of its lines)."""
    parts = []
    for _o, _l, t in reversed(line):
        at = t.rfind(" ")
        if at != -1:
            parts.append(t[at + 1:])
            break
        parts.append(t)
    return "".join(reversed(parts))


_ESCAPED = re.compile(r"\\.")


def _open_markup(text: str) -> bool:
    """Whether ``text`` leaves a bracket of markup open (``[``, ``(`` or ``{``)."""
    if "\\" in text:
        text = _ESCAPED.sub("", text)
    return (text.count("[") > text.count("]") or text.count("(") > text.count(")")
            or text.count("{") > text.count("}"))


def _is_rule(text: str) -> bool:
    """Whether a printed line (not empty) is a rule or a nested grid's own line."""
    return text[0] in "|+" or not text.strip("-=+: ")


def _would_fit(before, token: str, width: int) -> bool:
    """Whether ``token`` would have fitted on the paragraph line above it: then it
    was not a word of its own (pandoc would have put it there) but a chunk's start."""
    if before is None or not before[0] or before[0].endswith("\\") or _is_rule(before[0]):
        return False
    return len(before[0]) + 1 + len(token) <= width


_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


class _Words:
    """How often words occur in the document (lowered), as whole words (maximal runs
    of ``[a-z0-9]``): counted by ``find`` only as far as a caller needs.

    The search runs over the UTF-8 bytes with ASCII letters lowered and every byte
    that is not a word character made a space (``bytes.translate``: fast, where
    ``str.lower`` of a text with a few non-ASCII characters is slow): a whole word
    is then `` word `` in the padded bytes.  Only two characters lower to ASCII
    letters: with them the text is lowered as a string first."""

    __slots__ = ("text", "_padded", "_known")

    def __init__(self, text: str) -> None:
        self.text = text
        self._padded: bytes | None = None  # made when first needed
        self._known: dict[tuple[str, int], bool] = {}  # answers given (cut words repeat)

    def at_least(self, word: str, n: int) -> bool:
        """Whether ``word`` (lowered ASCII letters and digits) occurs ``n`` times or
        more as a whole word."""
        key = (word, n)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._count_at_least(word, n)
        return known

    def _count_at_least(self, word: str, n: int) -> bool:
        padded = self._padded
        if padded is None:
            text = self.text
            if "\u0130" in text or "\u212a" in text:
                text = text.lower()
            padded = self._padded = b" " + text.encode().translate(_WORD_BYTES) + b" "
        # The word is looked for without its spaces, which are then checked: a needle
        # of letters lets ``find`` skip ahead over the many spaces of the padded text.
        needle = word.encode()
        size = len(needle)
        found = 0
        at = padded.find(needle)
        while at != -1:  # (never at either end: the padding is a space)
            if padded[at - 1] == 32 and padded[at + size] == 32:
                found += 1
                if found >= n:
                    return True
            at = padded.find(needle, at + 1)
        return False


# bytes -> themselves if a word character (a-z, 0-9), lowered if an ASCII capital, else a space
_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


def _spaced(left: str, right: str, words: "_Words") -> bool:
    """A nested line cut between two letters: were they two words?  Yes when both
    halves are words the document uses elsewhere too (a half of a cut word occurs
    only here) and the joined word does not occur."""
    x = left[len(left.rstrip(_ALNUM)):]  # the run of ASCII letters and digits ending ``left``
    y = right[:len(right) - len(right.lstrip(_ALNUM))]  # ... and starting ``right``
    if len(x) < 2 or len(y) < 2:
        return False
    x, y = x.lower(), y.lower()
    if words.at_least(x + y, 1):
        return False
    return words.at_least(x, 2) and words.at_least(y, 2)
