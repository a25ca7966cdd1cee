"""A bulletin table as an XLSX workbook fit for use: the table's sheet and a 「口径说明」 sheet.

The table's sheet: the title over the whole width, the header as the page prints it (a
spanner over its columns, a column without one merged down), then the rows. A figure is
stored as the number its cell shows, in the cell's format (``Cell.sheet_value``,
``Cell.format``: 「39.14%」 → 0.3914 as 0.00%, 「1129」 → 1129, 「95.50」 → 95.5 as 0.00,
「+12」 → 12 as +0), so it sorts and adds up and agrees with the page; anything else (「-」,
「↑1」, names) is a string. Red and
bold marks are kept, columns are as wide as their text (a CJK character counts two), the
header is frozen and repeated on every printed page, printed landscape on A4, one page wide.

The 「口径说明」 sheet: where the figures come from and their month, the 口径 of each column
the catalogue (``core.definitions``) defines, and the table's footnotes.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import xlsxwriter

from bulletin.core.blocks import Table
from bulletin.report.shown_tables import catalogue_entry, spreadsheet_text

DEFINITIONS_SHEET = "口径说明"

HEAD = {"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True}
BODY = {"valign": "vcenter", "border": 1, "text_wrap": True}

# Column widths in characters (Excel's unit): a header label wider than LABEL_WIDTH wraps.
MIN_WIDTH, MAX_WIDTH, LABEL_WIDTH, FORM_WIDTH = 6, 50, 8, 24

# Points per line of wrapped text: Excel and LibreOffice do not grow a row for merged or
# wrapped cells of a written file, so rows are given their height.
LINE_HEIGHT = 16

READING = "表中数值与通报所印相同：比率以数值存放、按百分数显示，可排序、计算；“-”“—”等文字照印。"

# The 口径说明 sheet's columns: 列, 指标, 计量单位, 口径.
DEFINITION_WIDTHS = (36, 16, 10, 80)


def text_width(text: str) -> int:
    """Width in Excel characters: a CJK (wide or full-width) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_widths(table: Table) -> list[float]:
    """Each column as wide as its widest cell (its label wraps), within MIN_WIDTH and
    MAX_WIDTH; a column with no text at all (a form to fill in, 办件情况反馈表) FORM_WIDTH."""
    widths = []
    for j, column in enumerate(table.columns):
        cells = [text_width(row[j].text) for row in table.rows]
        widest = max([*cells, min(text_width(column.label), LABEL_WIDTH)])
        if not any(cells):
            widest = max(widest, FORM_WIDTH - 2)
        widths.append(float(min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def lines(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a cell ``width`` characters wide."""
    return max(1, -(-text_width(text) // max(int(width) - 1, 1)))


def set_heights(sheet, table: Table, widths: list[float], head_rows: int) -> None:
    """Heights of the rows whose text wraps: header labels (a spanner over the width of its
    columns) and body cells."""
    need = [1] * (head_rows + len(table.rows))
    for j, column in enumerate(table.columns):
        for level, spanner in enumerate(column.spanners):
            span = sum(w for c, w in zip(table.columns, widths, strict=True)
                       if c.spanners[level:level + 1] == (spanner,))
            need[1 + level] = max(need[1 + level], lines(spanner, span))
        if len(column.spanners) == head_rows - 2:  # a label not merged down
            need[head_rows - 1] = max(need[head_rows - 1], lines(column.label, widths[j]))
    for i, row in enumerate(table.rows):
        need[head_rows + i] = max(lines(cell.text, w) for cell, w in zip(row, widths, strict=True))
    for row, count in enumerate(need):
        if row and count > 1:
            sheet.set_row(row, LINE_HEIGHT * count)
    sheet.set_row(0, 24)


def frozen_columns(table: Table) -> int:
    """The columns kept in view: up to the last of the first run of left-aligned columns
    (序号 and 单位, 镇（街道） and 中心) when it starts among the first two."""
    aligns = [c.align for c in table.columns]
    if "left" not in aligns[:2]:
        return 0
    end = aligns.index("left")
    while end < len(aligns) and aligns[end] == "left":
        end += 1
    return end if end < len(aligns) else 0


def sheet_name(text: str) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\."""
    name = re.sub(r"[\[\]:*?/\\']", "_", text).strip()[:31]
    return name if name and name != DEFINITIONS_SHEET else "表"


class _Formats:
    """xlsxwriter formats made once per distinct set of properties."""

    def __init__(self, book) -> None:
        self.book, self.made = book, {}

    def __call__(self, base: dict, **extra) -> object:
        props = base | {k: v for k, v in extra.items() if v is not None}
        key = tuple(sorted(props.items()))
        if key not in self.made:
            self.made[key] = self.book.add_format(props)
        return self.made[key]


def _write_text(sheet, row: int, col: int, value: str, fmt: _Formats, base: dict, **extra):
    """A text cell as a string, never a formula; formula-like text with the quote prefix
    (Excel's leading "'", hidden in the cell, kept when the cell is edited)."""
    if not value:
        sheet.write_blank(row, col, None, fmt(base, **extra))  # its frame, no empty string
        return
    quote = True if spreadsheet_text(value) != value else None
    sheet.write_string(row, col, value, fmt(base, quote_prefix=quote, **extra))


def write_header(sheet, table: Table, fmt: _Formats) -> int:
    """Title and header rows; the number of rows written."""
    last = len(table.columns) - 1
    depth = max((len(c.spanners) for c in table.columns), default=0)
    if last > 0:
        sheet.merge_range(0, 0, 0, last, "", fmt(HEAD))
    _write_text(sheet, 0, 0, table.title, fmt, HEAD)
    for j, column in enumerate(table.columns):
        top = 1 + len(column.spanners)
        if top < 1 + depth:
            sheet.merge_range(top, j, 1 + depth, j, "", fmt(HEAD))
        _write_text(sheet, top, j, column.label, fmt, HEAD)
    for level in range(depth):
        j = 0
        while j < len(table.columns):
            spanners = table.columns[j].spanners
            if len(spanners) <= level:
                j += 1
                continue
            end = j
            while end + 1 < len(table.columns) and \
                    table.columns[end + 1].spanners[level:level + 1] == spanners[level:level + 1]:
                end += 1
            if end > j:
                sheet.merge_range(1 + level, j, 1 + level, end, "", fmt(HEAD))
            _write_text(sheet, 1 + level, j, spanners[level], fmt, HEAD)
            j = end + 1
    return 2 + depth


def write_body(sheet, table: Table, first: int, fmt: _Formats) -> None:
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row):
            base = BODY | {"align": table.columns[j].align} | _marks(cell)
            number = cell.sheet_value
            if number is None:
                _write_text(sheet, first + i, j, cell.text, fmt, base)
            else:
                sheet.write_number(first + i, j, number, fmt(base, num_format=cell.format))


def _marks(cell) -> dict:
    """A cell's red and bold as xlsxwriter format properties."""
    mark: dict = {}
    if cell.color:
        mark["font_color"] = cell.color
    if cell.bold:
        mark["bold"] = True
    if cell.fill:
        mark["bg_color"] = cell.fill
    return mark


def print_setup(sheet, table: Table, head_rows: int) -> None:
    """Landscape A4, one page wide, the header rows on every page, page numbers below."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(1, head_rows - 1)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer(f"&L口径见“{DEFINITIONS_SHEET}”工作表&R第 &P 页，共 &N 页")
    sheet.freeze_panes(head_rows, frozen_columns(table))


def write_definitions(book, table: Table, context: list[str], fmt: _Formats) -> None:
    """The 口径说明 sheet: source and month, each catalogued column's 口径, the footnotes."""
    sheet = book.add_worksheet(DEFINITIONS_SHEET)
    wrap = {"text_wrap": True, "valign": "top", "align": "left"}

    def line(row: int, text: str, **extra) -> None:
        sheet.merge_range(row, 0, row, len(DEFINITION_WIDTHS) - 1, "", fmt(wrap, **extra))
        _write_text(sheet, row, 0, text, fmt, wrap, **extra)
        count = lines(text, sum(DEFINITION_WIDTHS))
        if count > 1:
            sheet.set_row(row, LINE_HEIGHT * count)

    line(0, table.title, bold=True)
    context = [*table.intro, *context]  # a form's lines under its title (Table.intro)
    for row, text in enumerate([*context, READING], 1):
        line(row, text)
    row = len(context) + 3
    defined = [(c, e) for c in table.columns
               if (e := catalogue_entry(c.id)) is not None and e.definition]
    if defined:
        for j, text in enumerate(("列", "指标", "计量单位", "口径")):
            _write_text(sheet, row, j, text, fmt, HEAD)
        for column, entry in defined:
            row += 1
            cells = (column.header, entry.label, entry.unit, entry.definition)
            for j, text in enumerate(cells):
                _write_text(sheet, row, j, text, fmt, BODY)
            count = max(lines(t, w) for t, w in zip(cells, DEFINITION_WIDTHS, strict=True))
            if count > 1:
                sheet.set_row(row, LINE_HEIGHT * count)
        row += 2
    if table.notes:
        line(row, "表注", bold=True)
        for note in table.notes:
            row += 1
            line(row, note)
    for j, width in enumerate(DEFINITION_WIDTHS):
        sheet.set_column(j, j, width)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def write_xlsx(table: Table, path: Path, sheet: str, context: list[str]) -> None:
    """``table`` as the workbook ``path``: its sheet (named ``sheet``) and 口径说明."""
    book = xlsxwriter.Workbook(str(path))
    fmt = _Formats(book)
    main = book.add_worksheet(sheet_name(sheet))
    head_rows = write_header(main, table, fmt)
    write_body(main, table, head_rows, fmt)
    widths = column_widths(table)
    for j, width in enumerate(widths):
        main.set_column(j, j, width)
    set_heights(main, table, widths, head_rows)
    print_setup(main, table, head_rows)
    write_definitions(book, table, context, fmt)
    book.close()
