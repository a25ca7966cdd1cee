"""Column widths from a table's content, one rule for the PDF and the Word file: what each
cell needs in ems (``demand``, measured by ``core.phrases.text_width`` in the widest of
the faces a table may be shown in, the open faces and the 公文 faces alike), shared out
across the text block (``share``) much as a browser lays out an automatic table — every
column its wanted width when all fit (a name on one line, a header in two lines at most),
then one-line headers for as many columns as the rest allows.

A header breaks only between its phrases (``core.phrases.header_phrases``), so its
narrowest width is its widest phrase; a body cell as it prints (core.cell_breaks: a name
between its phrases only, its widest phrase wanted before its line, a sentence as running
text), and the body's lines are counted by that rule; a number or a Latin word never
breaks. When not even the narrowest widths fit, the text columns give way first, down to
two characters a line (``core.phrases.split_phrase`` then cuts a phrase, never leaving one
character on a line, and the review names it: ``cut_headers``, ``cut_cells``) — a number
keeps its width, and a unit's name its phrases and its line before a header its phrases.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache, lru_cache

from bulletin.core.blocks import Table
from bulletin.core.cell_breaks import cell_lines, cell_pieces, least_width, run_widths
from bulletin.core.phrases import (
    UNBREAKABLE,
    cell_phrases,
    header_phrases,
    header_pieces,
    is_sentence,
    split_phrase,
    text_width,
)
from bulletin.core.width_search import least_lines

# Ems a cell adds to its text: the cell's margins, and slack for the face it is shown in
# (the Word file: any face an office suite puts in place of the 公文 faces). The PDF, whose
# faces typst embeds, adds its cells' inset (4 pt a side at 10.5 pt: 0.76 em) and a little;
# on a landscape page, 2 pt a side at 7.5 pt (0.53 em) and the same little.
PADDING = 1.0
TYPESET_PADDING = 0.9
WIDE_TYPESET_PADDING = 0.67
# The widest a body cell asks for before the headers have their phrases: a long unit's
# name (「市人力资源和社会保障局」, 11 characters) on one line; a sentence in a cell
# (seed 002's 国内前沿水平) wraps, and takes its share of what room is left.
LINE_CAP = 14.0
# The longest name a table turns the page for: a unit's (「市公共资源交易服务中心」, 11
# characters); an indicator's longer name may take two lines on a portrait page.
NAME_CAP = 12.0
# The narrowest a column goes: two characters.
NARROWEST = 2.0

# The text block in ems of a printed table: 156 mm at 10.5 pt (五号) on a portrait page,
# 267 mm at 7.5 pt on a landscape one (the typst template's wide-table, word.layout).
TEXT_EMS = 156 / (10.5 * 25.4 / 72)
WIDE_EMS = 267 / (7.5 * 25.4 / 72)

# (grid column, columns spanned, text, whether a header cell) of each cell of a table.
CellText = tuple[int, int, str, bool]


def _unbroken(text: str) -> float:
    """The width in ems of ``text``'s widest number or Latin word, two characters at least."""
    return max([min(text_width(text), NARROWEST),
                *(text_width(t) for t in UNBREAKABLE.findall(text))])


@lru_cache(maxsize=1 << 16)  # a table repeats its cells; the PDF, Word file and site ask alike
def demand(text: str, header: bool) -> tuple[float, float, float, float]:
    """(unbroken, phrase, wanted, one-line) widths in ems of a cell's text: what it can never
    go below (its numbers and Latin words, two characters — a phrase cut in pieces of two
    characters at least), its widest phrase (a body cell's by ``core.phrases.cell_phrases``,
    its indent included; a sentence's: its unbroken width, as it wraps), what it wants (a
    header: two lines at most, at phrases; a body cell: its line) and its one line."""
    text = text.rstrip() if not header else text.strip()
    full, hard = text_width(text), _unbroken(text)
    if not header:  # (core.cell_breaks)
        hard = max(hard, least_width(text))
        words = hard if is_sentence(text) else max([hard, *(text_width(p.rstrip())
                                                            for p in cell_phrases(text))])
        return hard, words, full, full
    phrases = [p.strip() for p in header_phrases(text)]
    # a phrase cut in pieces of two characters at least (no line of one character)
    hard = max([hard, *(text_width(piece) for p in phrases for piece in split_phrase(p, 0.0))])
    phrase = max([hard, *(text_width(p) for p in phrases)])
    return hard, phrase, max(phrase, float(math.ceil(full / 2))), max(phrase, full)


def _levels(*levels: list[float]) -> list[list[float]]:
    """Each level held by the one above it."""
    out = [levels[0]]
    for level in levels[1:]:
        out.append([max(a, b) for a, b in zip(out[-1], level, strict=True)])
    return out


def names_fit(table: Table, room: float, padding: float = PADDING) -> bool:
    """Whether the names of ``table``'s key column (``Table.key_column``: the unit each row
    is about) fit on one line (up to NAME_CAP) across ``room`` ems, every other cell its
    narrowest: else the table goes on a landscape page. A body cell's narrowest is here its
    numbers and two characters, as a line of text would break it (``_unbroken``): a table
    turns the page by its names and its numbers, never for the phrases of its other cells
    (seed 002's 「80%以上」, which a portrait page keeps whole)."""
    count, key = len(table.columns), table.key_column()
    hard, body = [NARROWEST + padding] * count, [NARROWEST + padding] * count
    for column, span, text, header in table_cells(table):
        if span == 1:
            least, _, _, whole = demand(text, header)
            least = least if header else _unbroken(text.rstrip())
            hard[column] = max(hard[column], least + padding)
            if not header and column == key:
                body[column] = max(body[column], min(whole, NAME_CAP) + padding)
    return sum(_levels(hard, body)[-1]) <= room


def _rows(cells: list[CellText], count: int) -> list[list[tuple[int, str]]]:
    """The body's rows of (column, text): a row starts where a cell's column is not to the
    right of the one before (cells come row by row, left to right)."""
    rows: list[list[tuple[int, str]]] = []
    last = count
    for column, span, text, header in cells:
        if header or span != 1 or column >= count:
            continue
        if column <= last and (not rows or rows[-1]):
            rows.append([])
        rows[-1].append((column, text.rstrip()))
        last = column
    return rows


@cache
def _lines(text: str, width: float) -> int:
    """Lines a body cell's ``text`` takes across ``width`` ems (a line at least), as it is
    printed (``core.cell_breaks.cell_lines``: a name broken between its phrases only, a
    sentence as running text) — whole characters a line."""
    return max(1, len(cell_lines(text, width)))


def _breaks(texts: list[str], low: float, high: float, padding: float) -> list[float]:
    """``low`` and the widths up to ``high`` at which a cell of ``texts`` loses a line
    (``_lines``; it changes only at the width of a run of its tokens,
    ``core.cell_breaks.run_widths``): between two of them, a column's cells take as many
    lines as at the narrower."""
    points = {low}
    for text in texts:
        last = _lines(text, low - padding)
        for width in run_widths(text, low - padding, high - padding):
            if (lines := _lines(text, width)) < last:
                points.add(width + padding)
                last = lines
    return sorted(points)


def _whole(text: str, width: float) -> bool:
    """Whether a header is printed in whole phrases ``width`` ems wide (``cut_headers``)."""
    return header_pieces(text.strip(), width) == [p for p in header_phrases(text.strip()) if p.strip()]


def _floors(low: list[float], even: list[float], headers: list[tuple[int, int, str]],
            padding: float) -> tuple[list[float], list[tuple[int, int, str]]]:
    """``low`` raised to keep whole each one-column header ``even`` keeps whole (its widest
    phrase), and the spanners ``even`` keeps whole (checked on the sum of their columns)."""
    floor, spans = list(low), []
    for column, span, text in headers:
        if not _whole(text, sum(even[column:column + span]) - padding):
            continue
        if span > 1:
            spans.append((column, span, text))
            continue
        least = max([0.0, *(text_width(p.strip()) for p in header_phrases(text.strip()))]) + padding
        least = least if _whole(text, least - padding) else even[column]
        floor[column] = min(max(floor[column], least), even[column])
    return floor, spans


def _by_height(low: list[float], high: list[float], room: float,
               rows: list[list[tuple[int, float]]], padding: float,
               headers: list[tuple[int, int, str]]) -> list[float]:
    """From ``low`` towards ``high`` within ``room``: the widths whose body rows take the
    fewest lines (a row as tall as its tallest cell; then the fewest lines of the cells),
    each column at ``low`` or at a width where one of its cells loses a line (``_breaks``),
    no header cut that the widths in proportion keep whole (``_floors``); what is left
    shared out in proportion to what each column still wants. The widths in proportion
    when nothing takes fewer lines. Text columns so get width by their content."""
    t = (room - sum(low)) / ((sum(high) - sum(low)) or 1.0)
    even = [lo + (hi - lo) * t for lo, hi in zip(low, high, strict=True)]
    floor, spans = _floors(low, even, headers, padding)
    texts = [[text for row in rows for c, text in row if c == j] for j in range(len(low))]
    options = [_breaks(texts[j], floor[j], max(high[j], floor[j]), padding)
               for j in range(len(low))]
    lines = [[[max([0, *(_lines(text, w - padding) for c, text in row if c == j)])
               for row in rows] for w in column] for j, column in enumerate(options)]
    now = [[_lines(text, even[c] - padding) for c, text in row] for row in rows]
    best = (sum(max(row, default=1) for row in now), sum(map(sum, now)))
    found = least_lines(options, lines, room, best, lambda widths: all(
        _whole(text, sum(widths[c:c + s]) - padding) for c, s, text in spans))
    if found is None:
        return even
    spare = room - sum(found)
    want = [max(0.0, h - n) for h, n in zip(high, found, strict=True)]
    return [n + spare * w / (sum(want) or 1.0) for n, w in zip(found, want, strict=True)]


def _whole_first(low: list[float], high: list[float], room: float) -> list[float]:
    """From ``low`` towards ``high`` within ``room``: the columns that want the least more
    first get all they want (as many headers as the room allows kept in whole phrases),
    the rest shared out in proportion to what the others still want."""
    need, spare = list(low), room - sum(low)
    for j in sorted(range(len(need)), key=lambda c: high[c] - low[c]):
        if 0 < high[j] - need[j] <= spare:
            spare -= high[j] - need[j]
            need[j] = high[j]
    want = [h - n for h, n in zip(high, need, strict=True)]
    return [n + spare * w / (sum(want) or 1.0) for n, w in zip(need, want, strict=True)]


def _spanned(levels: list[list[float]], spans: list[tuple[int, int, list[float]]]) -> None:
    """Each spanner's needs (a header over ``span`` columns) at each level: what its columns
    lack of it shared out evenly among them."""
    for column, span, needs in spans:
        for level, need in zip(levels, needs, strict=True):
            lack = need - sum(level[column:column + span])
            if lack > 0:
                for j in range(column, column + span):
                    level[j] += lack / span


def _needs(cells: list[CellText], count: int,
           padding: float) -> tuple[list[list[float]], list[float]]:
    """The levels of need of ``count`` columns (``share``), each held by the one above it,
    and each column's widest one-line cell."""
    hard, names, body, phrase, want, line = ([NARROWEST + padding] * count for _ in range(6))
    spans: list[tuple[int, int, list[float]]] = []
    for column, span, text, header in cells:
        if column >= count:
            continue
        least, words, wanted, whole = (size + padding for size in demand(text, header))
        if span > 1:
            spans.append((column, min(span, count - column), [least] * 3 + [words, wanted]))
            continue
        hard[column] = max(hard[column], least)
        if header:
            phrase[column] = max(phrase[column], words)
        else:  # a name in whole phrases, then on its line; a sentence no wider than a long name
            names[column] = max(names[column], min(words, LINE_CAP + padding))
            body[column] = max(body[column], min(whole, LINE_CAP + padding))
            phrase[column] = max(phrase[column], whole)
        want[column] = max(want[column], wanted)
        line[column] = max(line[column], whole)
    levels = _levels(hard, names, body, phrase, want)
    _spanned(levels, spans)
    return _levels(*levels), line


def share(cells: Iterable[CellText], count: int, room: float,
          padding: float = PADDING) -> list[float]:
    """Ems for each of ``count`` grid columns, ``room`` in all, by levels of need: every
    column unbroken (numbers whole, two characters a line); then the body's names in whole
    phrases (``core.phrases.cell_phrases``: its widest phrase, a sentence aside); then the
    body's cells on one line (a unit's name); then the headers broken at phrases only (a
    spanner's over its columns); then two-line headers. The highest level that fits, and of
    the next one's extra: towards the body's lines, the widths that save the most lines
    (``_by_height``: from the names' phrases, or when they do not fit, from the unbroken
    widths); towards the headers' phrases, as many headers whole as fit (``_whole_first``);
    else each column a share in proportion. When the wanted widths fit, one-line headers
    for as many columns as the rest allows (narrowest first), the spare room shared out in
    proportion."""
    cells = list(cells)
    levels, line = _needs(cells, count, padding)
    fits = [k for k, level in enumerate(levels) if sum(level) <= room]
    if not fits:  # not even the numbers fit: in proportion
        need = levels[0]
    elif fits[-1] <= 1:
        need = _by_height(levels[fits[-1]], levels[2], room, _rows(cells, count), padding,
                          [(c, min(s, count - c), t) for c, s, t, h in cells if h and c < count])
    elif fits[-1] == 2:
        need = _whole_first(levels[2], levels[3], room)
    elif fits[-1] < len(levels) - 1:
        low, high = levels[fits[-1]], levels[fits[-1] + 1]
        t = (room - sum(low)) / ((sum(high) - sum(low)) or 1.0)
        need = [lo + (hi - lo) * t for lo, hi in zip(low, high, strict=True)]
    else:
        need, spare = list(levels[-1]), room - sum(levels[-1])
        for column in sorted(range(count), key=lambda c: line[c] - need[c]):
            if 0 < line[column] - need[column] <= spare:
                spare -= line[column] - need[column]
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


def column_widths(table: Table, room: float, padding: float = PADDING) -> list[float]:
    """Ems for each column of ``table`` across ``room`` ems, ``padding`` a cell."""
    return share(table_cells(table), len(table.columns), room, padding)


def printed(table: Table) -> tuple[bool, float, float]:
    """(on a landscape page, the text block in ems, a typeset cell's padding) of ``table``
    in the PDF: landscape when it is wide or its names do not fit the portrait page."""
    wide = table.wide or not names_fit(table, TEXT_EMS)
    return wide, WIDE_EMS if wide else TEXT_EMS, WIDE_TYPESET_PADDING if wide else TYPESET_PADDING


def header_cells(table: Table, widths: list[float]) -> list[tuple[str, float]]:
    """Each header cell's text (a spanner's once) and the width of the columns under it."""
    return [(text, sum(widths[column:column + span]))
            for column, span, text, header in table_cells(table) if header]


def cut_headers(table: Table, widths: list[float], padding: float) -> list[str]:
    """The headers of ``table`` whose lines at ``widths`` are not whole phrases
    (``core.phrases.header_phrases``): a column too narrow for one of its phrases."""
    return [text.strip() for text, width in header_cells(table, widths)
            if header_pieces(text.strip(), width - padding)
            != [p for p in header_phrases(text.strip()) if p.strip()]]


def cut_cells(table: Table, widths: list[float], padding: float) -> list[tuple[int, str]]:
    """(column, text) of the body's names (a text cell, a sentence aside: ``demand``) whose
    lines at ``widths`` are not whole phrases (``core.phrases.cell_phrases``): a column too
    narrow for one of their phrases; each text once."""
    cut: dict[str, int] = {}
    for row in table.rows:
        for j, cell in enumerate(row):
            text = cell.text.rstrip()
            if text.strip() and not cell.is_figure and not is_sentence(text) \
                    and cell_pieces(text, widths[j] - padding) != cell_phrases(text):
                cut.setdefault(text.strip(), j)
    return [(j, text) for text, j in cut.items()]
