"""Months as keys (year × 12 + month − 1) and back, bounds, 上月 / 上年同月 and the Chinese
label, by hand, at the year boundaries."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from bulletin.core.months import (
    MONTH_PATTERN,
    key_of,
    month_bounds,
    month_cn,
    month_key,
    month_of,
    previous_month,
    year_ago,
)


@pytest.mark.parametrize(("month", "key"), [
    ("2021-01", 24252),  # 2021 × 12 + 1 − 1
    ("2021-12", 24263),  # 2021 × 12 + 12 − 1
    ("2020-12", 24251),  # 2020 × 12 + 11
    ("0001-01", 12),  # 1 × 12 + 0
])
def test_key_of_and_month_of(month, key):
    assert key_of(month) == key
    assert month_of(key) == month


def test_month_key_of_datetimes_is_consecutive_across_new_year():
    frame = pl.DataFrame({"t": [dt.datetime(2020, 12, 31, 23, 59, 59), dt.datetime(2021, 1, 1),
                                dt.datetime(2021, 12, 1), None]})
    keys = frame.select(month_key(pl.col("t")).alias("k"))["k"]
    assert keys.to_list() == [24251, 24252, 24263, None]  # 2020 × 12 + 11, then + 1, + 12
    assert keys.dtype == pl.Int32


@pytest.mark.parametrize(("first", "last", "bounds"), [
    ("2021-02", "2021-02", (dt.date(2021, 2, 1), dt.date(2021, 2, 28))),
    ("2020-02", "2020-02", (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),  # leap year
    ("2020-11", "2020-12", (dt.date(2020, 11, 1), dt.date(2020, 12, 31))),  # ends at New Year
    ("2021-01", "2021-03", (dt.date(2021, 1, 1), dt.date(2021, 3, 31))),
    ("2019-12", "2021-01", (dt.date(2019, 12, 1), dt.date(2021, 1, 31))),
])
def test_month_bounds(first, last, bounds):
    assert month_bounds(first, last) == bounds


@pytest.mark.parametrize(("month", "previous", "a_year_ago"), [
    ("2021-01", "2020-12", "2020-01"),
    ("2021-02", "2021-01", "2020-02"),
    ("2020-12", "2020-11", "2019-12"),
])
def test_previous_month_and_year_ago(month, previous, a_year_ago):
    assert previous_month(month) == previous
    assert year_ago(month) == a_year_ago


@pytest.mark.parametrize(("month", "label"), [
    ("2021-01", "2021年1月"), ("2021-10", "2021年10月"), ("2020-12", "2020年12月"),
])
def test_month_cn(month, label):
    assert month_cn(month) == label


@pytest.mark.parametrize(("text", "ok"), [
    ("2021-01", True), ("2021-09", True), ("2021-10", True), ("2021-12", True),
    ("2021-00", False), ("2021-13", False), ("2021-1", False), ("21-01", False),
    ("2021-01-01", False), ("x2021-01", False), ("2021/01", False),
])
def test_month_pattern(text, ok):
    assert bool(re.match(MONTH_PATTERN, text)) is ok
