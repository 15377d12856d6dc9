"""The reading view of ``pandoc -t gfm`` output: raw HTML tables as rows of cells.

Used by ``text_views.view_of`` (which turns the pieces into the view's text and
its ``OffsetMap``).  pandoc's gfm writer keeps tables with row spans as raw HTML
(``<table>`` ... ``<td>``), wrapped at 72 columns, with entities; the region
readers (``text_regions``) walk rows of cells separated by `` | `` (as html2text
prints them).  Each piece of the view keeps where it came from in the original
text, so evidence still cuts the document as given.
"""

from __future__ import annotations

import html
import re
from itertools import accumulate
from operator import methodcaller

# A tag (as a whole, its slash, its name): it starts with its literal "<", so the
# regex engine searches fast (an alternation with entities would test each character
# against a set: several times slower).  Entities are split out of the text between
# tags afterwards (inside a tag they are part of the tag).
_TAG_SPLIT = re.compile(r"(<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>)")
_ENTITY_SPLIT = re.compile(r"(&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});)")
_BLOCK_TAGS = frozenset({"tr", "br", "hr", "table", "p", "div", "tbody", "thead", "li", "ul", "ol"})
_CELL_TAGS = frozenset({"td", "th"})
_GFM_EVENTS = _BLOCK_TAGS | _CELL_TAGS | {"table", None}  # tags that write or change the state; None: an entity
_LINE_BREAK_AS_SPACE = methodcaller("replace", "\n", " ")


def _gfm_tokens(text: str) -> tuple[list, list[int], list, list, list]:
    """The text as chunks and the tokens between them: ``chunks[k]`` (at
    ``chunk_at[k]``) comes before ``tokens[k]``; a tag has its ``slashes[k]`` and
    ``names[k]``, an entity None for both."""
    parts = _TAG_SPLIT.split(text)  # chunk, tag, slash, name, chunk, ...
    chunks, tokens, slashes, names = parts[0::4], parts[1::4], parts[2::4], parts[3::4]
    spans = [""] * (len(chunks) + len(tokens))  # chunks and tags in text order
    spans[0::2] = chunks
    spans[1::2] = tokens
    chunk_at = list(accumulate(map(len, spans), initial=0))[0::2]
    if "&" in "".join(chunks):  # entities: split out of their chunks (from the last)
        for k in reversed([k for k, chunk in enumerate(chunks) if "&" in chunk]):
            parts = _ENTITY_SPLIT.split(chunks[k])  # chunk, entity, chunk, ...
            none = [None] * (len(parts) // 2)
            chunk_at[k:k + 1] = list(accumulate(map(len, parts), initial=chunk_at[k]))[0::2]
            chunks[k:k + 1] = parts[0::2]
            tokens[k:k], slashes[k:k], names[k:k] = parts[1::2], none, none
    return chunks, chunk_at, tokens, slashes, names


def gfm_pieces(text: str) -> list[tuple[int, int, str]]:
    """Raw HTML tables as html2text prints them (a row per line, cells after `` | ``);
    inline tags elsewhere dropped; entities decoded: the view as pieces ``(original
    offset, original length, text)`` for ``text_views._finish``.

    Only the tokens that write something or change the state (``_GFM_EVENTS``) are
    looked at one by one; the chunks between them are written as a run."""
    chunks, chunk_at, tokens, slashes, names = _gfm_tokens(text)
    sizes = list(map(len, chunks))
    # each chunk as a copied piece, as written inside a table (most are)
    in_table = list(zip(chunk_at, sizes, map(_LINE_BREAK_AS_SPACE, chunks)))
    pieces: list[tuple[int, int, str]] = []  # the view, as pieces for ``_finish``
    depth = 0
    cells: list[int] = []  # cells seen in the current row of each open table
    done = 0  # chunks before ``done`` are written
    seen = 0  # pieces before ``seen`` are known to end a line or not (``at_nl``)
    at_nl = True  # whether the last text other than spaces ends a line
    for i, name in enumerate(names):
        if name not in _GFM_EVENTS:
            if name.islower():
                continue  # inline markup: dropped
            name = name.lower()
            if name not in _GFM_EVENTS:
                continue
        closing = slashes[i] == "/"
        if closing and name in _CELL_TAGS:
            continue  # the end of a cell writes nothing
        pieces.extend(in_table[done:i + 1] if depth  # the chunks up to this token
                      else zip(chunk_at[done:i + 1], sizes[done:i + 1], chunks[done:i + 1]))
        done = i + 1
        start = chunk_at[i] + sizes[i]
        if name is None:  # an entity
            pieces.append((start, len(tokens[i]), html.unescape(tokens[i])))
            continue
        if name == "table":
            if closing:
                depth = max(0, depth - 1)
                if cells:
                    cells.pop()
            else:
                depth += 1
                cells.append(0)
        elif not depth:
            continue  # block markup outside tables: dropped
        elif name in _CELL_TAGS:  # a cell begins
            if cells and cells[-1]:
                pieces.append((start, 0, " | "))
            if cells:
                cells[-1] += 1
            continue
        elif name == "tr" and cells:
            cells[-1] = 0
        # a table or a block: a line break, unless the text written ends a line
        for j in range(len(pieces) - 1, seen - 1, -1):  # (the pieces written since the last look)
            last = pieces[j][2].rstrip(" ")
            if last:
                at_nl = last[-1] == "\n"
                break
        if not at_nl:
            pieces.append((start, 0, "\n"))
            at_nl = True
        seen = len(pieces)
    end = len(names)
    pieces.extend(in_table[done:end] if depth else zip(chunk_at[done:end], sizes[done:end], chunks[done:end]))
    pieces.append((chunk_at[-1], sizes[-1], chunks[-1]))  # the text after the last token is written as it is
    return pieces
