"""A month page's annex tables as the site shows them (``annex_view``).

Runs on great-tables HTML that ``publish.sanitise`` has already cleaned, and adds only
markup of its own making, with values it computes (numbers) or text it escapes itself:

* the table's title row (``gt_heading``, a cell spanning every column) is lifted out of the
  table and becomes the annex's caption, shown above the scrolling region: inside the
  table it was centred over the whole scroll width, half of it out of sight on a phone;
* the body cells' ``headers`` attributes go: they name the column ids great-tables gives
  its header cells, which the sanitiser drops, so every one of them pointed nowhere;
* each leaf header cell (the one at the bottom of its column) gets ``data-col`` = its
  column's index, which tables.js uses to sort by that column;
* the key column (the unit, indicator or centre each row is about) is marked
  ``data-key`` in its leaf header and in every body cell: the stylesheet keeps it fixed
  on the left while the other columns scroll under it, and tables.js filters on it.

The key column is the left-aligned column (``gt_left``) with the most non-empty body cells,
the first of equals: 单位 beside 序号, 中心 beside a 镇（街道） column filled on the first row
of each town only, 指标 before 国内前沿水平.
"""

from __future__ import annotations

import html
import re

_TITLE_ROW = re.compile(r'<tr class="gt_heading">.*?</tr>\s*', re.DOTALL)
_TITLE_CELL = re.compile(r'<td\b[^>]*class="[^"]*\bgt_(?:title|subtitle)\b[^"]*"[^>]*>(.*?)</td>',
                         re.DOTALL)
_HEADERS = re.compile(r'(<td\b[^>]*?)\s+headers="[^"]*"')
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.DOTALL)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</t[hd]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPAN = {name: re.compile(rf'\b{name}="(\d+)"') for name in ("colspan", "rowspan")}


def _text(fragment: str) -> str:
    """The text a cell shows: tags dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def _span(attributes: str, name: str) -> int:
    found = _SPAN[name].search(attributes)
    return int(found.group(1)) if found else 1


def table_caption(table: str) -> str:
    """The text of the table's title (and subtitle) cells: '' when it has none."""
    return " ".join(t for t in map(_text, _TITLE_CELL.findall(table)) if t)


def header_leaves(head: str) -> list[tuple[int, int, int]]:
    """(row, cell, column) of each header cell that ends its column at the bottom of the
    header: rows are counted from 0 in ``head``, cells within their row, columns from 0
    with earlier cells' colspan and the rowspans from rows above taken into account."""
    rows = [_CELL.findall(body) for _, body, _ in _ROW.findall(head)]
    taken: set[tuple[int, int]] = set()  # (row, column) covered by a cell above
    leaves = []
    for r, cells in enumerate(rows):
        column = 0
        for c, (_, attributes, _) in enumerate(cells):
            while (r, column) in taken:
                column += 1
            colspan, rowspan = _span(attributes, "colspan"), _span(attributes, "rowspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, column + dc))
            if colspan == 1 and r + rowspan == len(rows):
                leaves.append((r, c, column))
            column += colspan
    return leaves


def key_column(body: str) -> int | None:
    """The left-aligned column with the most non-empty cells (the first of equals)."""
    filled: dict[int, int] = {}
    for _, row, _ in _ROW.findall(body):
        for column, (_, attributes, content) in enumerate(_CELL.findall(row)):
            if re.search(r'class="[^"]*\bgt_left\b', attributes):
                filled[column] = filled.get(column, 0) + bool(_text(content))
    if not filled:
        return None
    return max(filled, key=lambda column: (filled[column], -column))


def _mark_cells(section: str, marks: dict[tuple[int, int], str]) -> str:
    """``section`` with the attributes ``marks[(row, cell)]`` added to those cells."""
    counter = {"row": -1}

    def row(match: re.Match) -> str:
        counter["row"] += 1
        cells = iter(range(10_000))

        def cell(m: re.Match) -> str:
            extra = marks.get((counter["row"], next(cells)))
            return m.group(0) if extra is None else m.group(0).replace(
                f"<{m.group(1)}", f"<{m.group(1)} {extra}", 1)

        return match.group(1) + _CELL.sub(cell, match.group(2)) + match.group(3)

    return _ROW.sub(row, section)


def annex_view(table: str, number: int) -> dict:
    """The view of a sanitised great-tables table: its ``html`` (title row lifted out,
    columns and key column marked), ``caption`` (its title, '' when it has none), ``label``
    (the caption, or 「表 N」) and ``id`` (``annex-N``, unique on the page)."""
    caption = table_caption(table)
    table = _HEADERS.sub(r"\1", _TITLE_ROW.sub("", table, count=1))
    start, end = table.find("<tbody"), table.find("</tbody>")
    if start < 0 or end < 0:
        return {"html": table, "caption": caption, "label": caption or f"表 {number}",
                "id": f"annex-{number}"}
    head, body, foot = table[:start], table[start:end], table[end:]
    leaves = header_leaves(head)
    key = key_column(body)
    marks = {(r, c): f'data-col="{column}"' + (" data-key" if column == key else "")
             for r, c, column in leaves}
    head = _mark_cells(head, marks)
    if key is not None:  # rows of every column only: a cell spanning several is never fixed
        full = [i for i, (_, row, _) in enumerate(_ROW.findall(body))
                if len(_CELL.findall(row)) == len(leaves)]
        body = _mark_cells(body, {(r, key): "data-key" for r in full})
    return {"html": head + body + foot, "caption": caption,
            "label": caption or f"表 {number}", "id": f"annex-{number}"}
