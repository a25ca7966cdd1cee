"""Column widths from a table's content, one rule for the PDF and the Word file: what each
cell needs in ems (``demand``, measured by ``core.phrases.text_width`` in the widest of
the faces a table may be shown in, the open faces and the 公文 faces alike), shared out
across the text block (``share``) much as a browser lays out an automatic table — every
column its wanted width when all fit (a name on one line, a header in two lines at most),
then one-line headers for as many columns as the rest allows.

A header breaks only between its phrases (``core.phrases.header_phrases``), so its
narrowest width is its widest phrase; a number or a Latin word never breaks. When not even
the narrowest widths fit, the text columns give way first, down to two characters a line
(``core.phrases.split_phrase`` then cuts a header's phrase, never leaving one character
on a line) — a number keeps its width.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from bulletin.core.blocks import Table
from bulletin.core.phrases import UNBREAKABLE, header_phrases, text_width

# Ems a cell adds to its text: the cell's margins, and slack for the face it is shown in.
PADDING = 1.0
# The narrowest a column goes: two characters.
NARROWEST = 2.0

# (grid column, columns spanned, text, whether a header cell) of each cell of a table.
CellText = tuple[int, int, str, bool]


def demand(text: str, header: bool) -> tuple[float, float, float]:
    """(narrowest, wanted, one-line) widths in ems of a cell's text. A header breaks
    between its phrases only and wants two lines at most; a body cell wants its line
    (Chinese text breaks between any two characters, a number or a Latin word never)."""
    full = text_width(text)
    piece = max((text_width(t) for t in UNBREAKABLE.findall(text)), default=0.0)
    if header:
        least = max([piece, 1.0, *(text_width(p.strip()) for p in header_phrases(text))])
        return least, max(least, float(math.ceil(full / 2))), max(least, full)
    least = max(piece, min(full, 4.0), 1.0)
    return least, max(least, full), max(least, full)


def _hard(text: str, header: bool) -> float:
    """What a cell can never go below: its numbers unbroken, two characters of a header."""
    pieces = [text_width(t) for t in UNBREAKABLE.findall(text)]
    return max([NARROWEST if header and text.strip() else 0.0, *pieces])


def share(cells: Iterable[CellText], count: int, room: float) -> list[float]:
    """Ems for each of ``count`` grid columns, ``room`` in all: when every column's wanted
    width fits, that, and one-line headers for as many columns as the rest allows
    (narrowest first); else each column its narrowest width and a share of the rest for
    what it lacks; the spare room shared out in proportion."""
    low, want, line = [3.0] * count, [3.0] * count, [3.0] * count  # 2 ems + 1 em padding
    hard = [NARROWEST + PADDING] * count
    for column, span, text, header in cells:
        if span == 1 and column < count:
            text = text.strip()
            for widths, size in zip((low, want, line), demand(text, header), strict=True):
                widths[column] = max(widths[column], size + PADDING)
            hard[column] = max(hard[column], _hard(text, header) + PADDING)
    if sum(low) > room:  # not even the narrowest fit: the text columns give way first
        give = sum(lo - h for lo, h in zip(low, hard, strict=True)) or 1.0
        cut = min((sum(low) - room) / give, 1.0)
        low = [lo - (lo - h) * cut for lo, h in zip(low, hard, strict=True)]
        want = list(low)
    if sum(want) > room:
        lacking = sum(w - lo for w, lo in zip(want, low, strict=True)) or 1.0
        spare = max(room - sum(low), 0.0) / lacking
        need = [lo + (w - lo) * min(spare, 1.0) for w, lo in zip(want, low, strict=True)]
    else:
        need, spare = list(want), room - sum(want)
        for column in sorted(range(count), key=lambda c: line[c] - want[c]):
            if 0 < line[column] - want[column] <= spare:
                spare -= line[column] - want[column]
                need[column] = line[column]
    return [n * room / sum(need) for n in need]


def table_cells(table: Table) -> list[CellText]:
    """The cells of a table value as ``share`` reads them: the header rows (a spanner over
    its columns) and the body."""
    cells: list[CellText] = []
    j = 0
    while j < len(table.columns):
        column = table.columns[j]
        end = j
        while column.spanners and end + 1 < len(table.columns) \
                and table.columns[end + 1].spanners == column.spanners:
            end += 1
        if column.spanners:
            cells.append((j, end - j + 1, column.spanners[0], True))
        cells += [(k, 1, table.columns[k].label, True) for k in range(j, end + 1)]
        j = end + 1
    cells += [(j, 1, cell.text, False) for row in table.rows for j, cell in enumerate(row)]
    return cells


def column_widths(table: Table, room: float) -> list[float]:
    """Ems for each column of ``table`` across ``room`` ems."""
    return share(table_cells(table), len(table.columns), room)
