"""Months as ``YYYY-MM`` strings and as consecutive integers (year × 12 + month − 1), and
the months a bulletin compares with (上月, 上年同月).
"""

from __future__ import annotations

import datetime as dt

import polars as pl


def month_key(expr: pl.Expr) -> pl.Expr:
    """Months as consecutive integers (year × 12 + month − 1), cheap to filter and group."""
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


MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
