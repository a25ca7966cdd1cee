"""The shared sheet reader: every sheet of an XLSX (or a CSV) as text cells with the row
numbers Excel shows, header normalisation, and count / rate cell parsing. The unit_stats,
scores, items, hall and targets readers are built on it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bulletin.core.errors import InputError, Problem
from bulletin.ingest.files import display_path
from bulletin.ingest.readers import decode_csv, several_sheets, unreadable

NULL_VALUES = ("", "-", "—", "--", "/", "－")


_UNIT_SUFFIX = re.compile(r"[（(]\s*(件|%|％|条|个)\s*[）)]")


_SPACE = re.compile(r"[\s\u3000]+")


_COUNT = re.compile(r"^\d+$|^\d{1,3}(,\d{3})+$")


def normalise_header(text: object) -> str:
    """Header text without whitespace, line breaks and unit marks: 办件情况（件） → 办件情况."""
    if text is None:
        return ""
    return _UNIT_SUFFIX.sub("", _SPACE.sub("", str(text)))


@dataclass
class Sheet:
    name: str | None  # None for CSV
    rows: list[tuple[int, list[str | None]]]  # (1-based row number, cell texts)


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
    """A count cell: whole number, "-" or blank (null). Raises ValueError otherwise."""
    if text is None or text.strip() in NULL_VALUES:
        return None
    t = text.strip()
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
    t = text.strip().replace("％", "%").replace(",", "")
    is_percent = t.endswith("%")
    try:
        d = Decimal(t.rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(t) from None
    if not d.is_finite():
        raise ValueError(t)
    return float(d / 100) if (is_percent or percent_column) else float(d)


def no_rows(shown: str) -> Problem:
    """A table with its header but not one row of data."""
    return Problem(shown, None, None, None, "表中只有表头，没有任何数据行")
