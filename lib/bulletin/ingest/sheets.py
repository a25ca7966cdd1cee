"""The shared sheet reader: every sheet of an XLSX (or a CSV) as text cells with the row
numbers Excel shows, header normalisation and the province's two-row header, rows that do
not line up with their header, personal data in free text, and count / rate cell parsing.
The unit_stats, scores, items, hall and targets readers are built on it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bulletin.core.errors import InputError, Problem
from bulletin.core.invisible import refuse_invisible
from bulletin.core.privacy import PersonalData, find_lines, redact
from bulletin.core.spreadsheet import column_letter
from bulletin.ingest.cells import ascii_digits
from bulletin.ingest.encoding import decode_csv
from bulletin.ingest.files import display_path
from bulletin.ingest.readers import several_sheets, unreadable

NULL_VALUES = ("", "-", "—", "--", "/", "－")


_UNIT_SUFFIX = re.compile(r"[（(]\s*(件|%|％|条|个)\s*[）)]")


SPACE = re.compile(r"[\s\u3000]+")


_COUNT = re.compile(r"^\d+$|^\d{1,3}(,\d{3})+$")


def normalise_header(text: object) -> str:
    """Header text without whitespace, line breaks and unit marks: 办件情况（件） → 办件情况."""
    if text is None:
        return ""
    return _UNIT_SUFFIX.sub("", SPACE.sub("", str(text)))


# Headers of the unit column of the province's tables (scores, items), and the serial column.
UNIT_HEADERS = ("部门", "地区", "单位", "部门名称", "单位名称", "地区名称", "区划")


SERIAL = "序号"


@dataclass
class Sheet:
    name: str | None  # None for CSV
    rows: list[tuple[int, list[str | None]]]  # (1-based row number, cell texts)


@dataclass
class HeaderColumn:
    """One column of a table as printed: its spanner (or None) and label."""

    spanner: str | None
    label: str
    position: int


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet with content of an XLSX (or the one table of a CSV) as text cells with
    row numbers; a file without any content is an error."""
    sheets = [s for s in _all_sheets(Path(path)) if any(any(cells) for _, cells in s.rows)]
    if not sheets:
        raise InputError(Problem(display_path(path), None, None, None, "文件为空，没有表头"))
    for s in sheets:  # bidi controls, zero-width characters … (core.invisible)
        refuse_invisible(((n, column_letter(j), c) for n, cells in s.rows for j, c in enumerate(cells)),
                         f"{display_path(path)}（工作表「{s.name}」）" if s.name else display_path(path))
    return sheets


def _all_sheets(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [Sheet(None, csv_rows(path))]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as err:
            raise InputError(Problem(display_path(path), None, None, None,
                                     f"无法读取 Excel 文件：{err}")) from err
        try:
            return [Sheet(ws.title, [(i, [_cell_text(v) for v in row])
                                     for i, row in enumerate(ws.iter_rows(values_only=True), start=1)])
                    for ws in wb.worksheets]
        except Exception as err:  # a damaged sheet inside a readable archive
            raise unreadable(path, err) from err
        finally:
            wb.close()
    raise InputError(Problem(display_path(path), None, None, None,
                             f"不支持的文件类型「{suffix}」，运行情况表应为 CSV 或 XLSX"))


def csv_rows(path: Path) -> list[tuple[int, list[str | None]]]:
    """A CSV's rows with their numbers; a quote never closed is an error naming its row."""
    rows: list[tuple[int, list[str | None]]] = []
    reader = csv.reader(io.StringIO(decode_csv(path), newline=""), strict=True)
    try:
        for i, row in enumerate(reader, start=1):
            rows.append((i, [_cell_text(v) for v in row]))
    except csv.Error as err:
        raise InputError(Problem(
            display_path(path), len(rows) + 1, None, None,
            f"CSV 格式错误（{err}）：引号未配对。含逗号、引号或换行的值须整体用英文双引号括起，"
            "值中的引号写作两个引号（\"\"）")) from err
    return rows


def first_sheet(path: Path) -> Sheet:
    """The one table of an input read from a single sheet (hall, targets): an empty file
    and a workbook with content on more than one sheet are errors, naming the sheets."""
    sheets = read_sheets(path)
    if len(sheets) > 1:
        raise several_sheets(Path(path), [s.name for s in sheets])
    return sheets[0]


def parse_count(text: str | None) -> int | None:
    """A count cell: whole number (also １２, 1,234, 1，234), "-" or blank (null). Raises
    ValueError otherwise."""
    if text is None or text.strip() in NULL_VALUES:
        return None
    t = ascii_digits(text).strip()
    if _COUNT.match(t):
        return int(t.replace(",", ""))
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ValueError(t) from None
    if d.is_finite() and d == d.to_integral_value() and d >= 0:
        return int(d)
    raise ValueError(t)


def parse_rate(text: str | None, percent_column: bool = False) -> float | None:
    """A rate cell as a fraction: "69.79%" → 0.6979; "-" or blank → null."""
    if text is None or text.strip() in NULL_VALUES:
        return None
    t = ascii_digits(text).strip().replace("％", "%").replace(",", "")
    is_percent = t.endswith("%")
    try:
        d = Decimal(t.rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(t) from None
    if not d.is_finite():
        raise ValueError(t)
    return float(d / 100) if (is_percent or percent_column) else float(d)


def holds_figure(texts: list[str | None]) -> bool:
    """Whether any of the cells is a number or a rate (a header text or a note is not)."""
    for text in texts:
        try:
            if parse_rate(text) is not None:
                return True
        except ValueError:
            continue
    return False


def no_rows(shown: str) -> Problem:
    """A table with its header but not one row of data."""
    return Problem(shown, None, None, None, "表中只有表头，没有任何数据行")


def header_at(sheet: Sheet) -> int | None:
    """Index (into ``sheet.rows``) of the first row holding 序号 and a unit header."""
    for i, (_, cells) in enumerate(sheet.rows):
        names = {normalise_header(c) for c in cells if c}
        if SERIAL in names and names & set(UNIT_HEADERS):
            return i
    return None


def header_columns(top: list[str | None], leaves: list[str | None]) \
        -> tuple[int | None, str, list[HeaderColumn]]:
    """A two-row header (``leaves`` empty for one row): the unit column, its header, and
    every other column but 序号 as (spanner, label)."""
    width = max(len(top), len(leaves))
    unit_col, unit_header, spanner = None, "", None
    columns: list[HeaderColumn] = []
    for i in range(width):
        t = top[i] if i < len(top) else None
        leaf = leaves[i] if i < len(leaves) else None
        t_n, leaf_n = normalise_header(t), normalise_header(leaf)
        if t and (not leaf or leaf_n == t_n):  # stand-alone, merged over both rows
            spanner = None
            if t_n == SERIAL:
                continue
            if t_n in UNIT_HEADERS and unit_col is None:
                unit_col, unit_header = i, t_n
                continue
            columns.append(HeaderColumn(None, t_n, i))
        elif leaf:
            if t:
                spanner = t_n
            columns.append(HeaderColumn(spanner, leaf_n, i))
    return unit_col, unit_header, columns



def _filled(cells: list[str | None]) -> int:
    """How many cells up to the last one with a value."""
    return next((i + 1 for i in range(len(cells) - 1, -1, -1) if cells[i]), 0)


def header_width(sheet: Sheet, *header_rows: list[str | None]) -> int:
    """The columns a header spans: a CSV's header line has as many values as every data
    line must have; a worksheet's header ends at its last filled cell."""
    if sheet.name is None:
        return max((len(cells) for cells in header_rows), default=0)
    return max((_filled(cells) for cells in header_rows), default=0)


def misaligned(shown: str, sheet: Sheet, number: int, cells: list[str | None],
               width: int) -> Problem | None:
    """A data row that does not line up with its header of ``width`` columns, else None.

    A CSV line must have exactly as many values as the header: one more (a comma inside an
    unquoted value) or one fewer (a comma left out) moves every value after it into the
    next column. Blank lines and a line of text in its first cell alone (a title or a note
    such as 「注：…」) are not data. In a worksheet the cells cannot move, but a value right
    of the header's last column belongs to no column."""
    if not any(cells):
        return None
    if sheet.name is None:
        n = len(cells)
        if n == width or (n < width and not any(cells[1:])):
            return None
        if n > width:
            return Problem(shown, number, None, None,
                           f"此行有 {n} 个值，比表头的 {width} 列多 {n - width} 个，其后的值会错列："
                           "含逗号的值须整体用英文双引号括起（如 \"甲,乙\"），多余的逗号请删除")
        return Problem(shown, number, None, None,
                       f"此行只有 {n} 个值，比表头的 {width} 列少 {width - n} 个，其后的值会错列："
                       "空白的值也须保留它的逗号（如 1,,3），请补上漏掉的逗号")
    extra = next((i for i in range(width, len(cells)) if cells[i]), None)
    if extra is None:
        return None
    return Problem(shown, number, column_letter(extra), cells[extra],
                   f"空白：表头只有 {width} 列（A 至 {column_letter(width - 1)} 列），"
                   "表头右侧的值不属于任何一列，此行可能错列；请删除该值或把它移回所属的列")


def masked(text: str | None, shown: str, number: int, column: str,
           found: list[PersonalData]) -> str | None:
    """Free text of a table (a name, a note) with ID and mobile numbers masked; each one
    found is added to ``found`` with its file, row and column."""
    if not text:
        return text
    hits = find_lines(text.replace("\n", " "), shown, number)
    if not hits:
        return text
    found.extend(replace(hit, column=column) for hit in hits)
    return redact(text)
