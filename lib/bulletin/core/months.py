"""Months as ``YYYY-MM`` strings and as consecutive integers (year × 12 + month − 1), and
the months a bulletin compares with (上月, 上年同月).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from bulletin.core.errors import ConfigError

if TYPE_CHECKING:
    import polars as pl


def month_key(expr: pl.Expr) -> pl.Expr:
    """Months as consecutive integers (year × 12 + month − 1), cheap to filter and group.
    (polars imported here: ``bulletin publish`` parses its months with this module before
    it launches the first kernel, and needs polars only later.)"""
    import polars as pl

    return (expr.dt.year().cast(pl.Int32) * 12 + expr.dt.month().cast(pl.Int32) - 1)


def key_of(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def month_of(key: int) -> str:
    return f"{key // 12:04d}-{key % 12 + 1:02d}"


def month_bounds(first: str, last: str) -> tuple[dt.date, dt.date]:
    """First day of ``first`` and last day of ``last``."""
    k = key_of(last) + 1
    end = dt.date(k // 12, k % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(int(first[:4]), int(first[5:]), 1), end


def previous_month(month: str) -> str:
    return month_of(key_of(month) - 1)


def year_ago(month: str) -> str:
    return month_of(key_of(month) - 12)


def month_cn(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


# The pattern of a month as written (for schemas; Python code uses ``is_month`` or
# ``parse_month``, which also refuse a trailing newline that ``$`` lets through).
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


# ---------------------------------------------------------------- a month as typed

_TYPED = re.compile(r"([0-9]{4})-([0-9]{2})")


class MonthError(ConfigError):
    """A month that is not ``YYYY-MM`` (``reason`` "format") or names no month of the
    calendar (``reason`` "month"); the message says which, in Chinese."""

    def __init__(self, message: str, value: str, reason: str):
        super().__init__(message, key="month")
        self.value = value
        self.reason = reason


def shown(text: str) -> str:
    """Text as a message quotes it: control and format characters (a newline, a tab, a
    right-to-left override) written as escapes, so that what was typed is seen."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" else
                   ch.encode("unicode_escape").decode("ascii") for ch in text)


def parse_month(value: object, where: str = "") -> str:
    """A month as typed (a command-line option, an argument of ``open_month``) as
    ``YYYY-MM``, or a :class:`MonthError` saying whether the format or the month is wrong.

    NFKC comes first, so full-width digits and hyphens typed with a Chinese input method
    (２０２４－０６) are the month they show. Then exactly four ASCII digits, a hyphen and
    two digits: nothing before or after (no blank, no trailing newline, no control
    character), and a month from 01 to 12. ``where`` (「数据集文件夹 …」) leads the message.
    """
    text = unicodedata.normalize("NFKC", str(value))
    lead = f"{where}：" if where else ""
    found = _TYPED.fullmatch(text)
    if found is None:
        controls = sorted({shown(ch) for ch in text if unicodedata.category(ch)[0] == "C"})
        detail = f"含控制字符或不可见字符 {'、'.join(controls)}，" if controls else ""
        raise MonthError(f"{lead}月份「{shown(str(value))}」{detail}格式应为 YYYY-MM，如 2024-06",
                         str(value), "format")
    year, mon = int(found.group(1)), int(found.group(2))
    if not 1 <= mon <= 12:
        raise MonthError(f"{lead}月份「{text}」不存在：月份应为 01–12", str(value), "month")
    if year == 0:
        raise MonthError(f"{lead}月份「{text}」不存在：年份应为 0001–9999", str(value), "month")
    return text


def is_month(text: str) -> bool:
    """``text`` is exactly a month ``YYYY-MM`` (a folder's or a file's name), as written —
    no normalisation, nothing around it."""
    found = _TYPED.fullmatch(text)
    return found is not None and 1 <= int(found.group(2)) <= 12 and int(found.group(1)) > 0


def file_month(stem: str) -> tuple[str, str | None] | None:
    """The month a file's name starts with, and what follows its 「_」: 「2021-02」 →
    ("2021-02", None), 「2023-06_A组」 → ("2023-06", "A组"), 「2021-09_部门」 → ("2021-09",
    "部门"); None for any other name (「03」, 「2021-13」, 「2021-02 副本」). The one reading
    of a month from a file name, for every input folder named by month."""
    head, sep, rest = stem.partition("_")
    if not is_month(head):
        return None
    return head, (rest or None) if sep else None
