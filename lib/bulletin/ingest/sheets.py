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
from bulletin.ingest.readers import decode_csv

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
    """Every sheet of an XLSX (or the one table of a CSV) as text cells with row numbers."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        reader = csv.reader(io.StringIO(decode_csv(path), newline=""))
        rows = [(i, [_cell_text(v) for v in row]) for i, row in enumerate(reader, start=1)]
        return [Sheet(None, rows)]
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
        finally:
            wb.close()
    raise InputError(Problem(display_path(path), None, None, None,
                             f"不支持的文件类型「{suffix}」，运行情况表应为 CSV 或 XLSX"))


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
