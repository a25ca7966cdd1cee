"""The type an input column gets when its file lacks it (``expr_dtype``), called directly:
the pipeline only ever leaves out optional columns (str, datetime, int), and every
mapped column (unit, channel, evaluation kind and level) is required, so the mapped branch
is reached only this way."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from bulletin.ingest.rules import future
from bulletin.ingest.schema import CASES, EVALUATIONS
from bulletin.ingest.typed import expr_dtype, parse_datetime, parse_int, plausible

# a mapping as validate builds it: spelling → canonical value, canonical values repeated
CHANNELS = {"线上": "线上", "网办": "线上", "线下": "线下", "窗口": "线下", "在线": "线上"}
ENUMS = {"channel": CHANNELS}


@pytest.mark.parametrize(("schema", "name", "dtype"), [
    (CASES, "item_code", pl.String),
    (CASES, "item_name", pl.String),
    (CASES, "accepted_at", pl.Datetime("us")),
    (CASES, "completed_at", pl.Datetime("us")),
    (CASES, "legal_limit_days", pl.Int32),
    (CASES, "promised_limit_days", pl.Int32),
    (EVALUATIONS, "case_id", pl.String),
    (EVALUATIONS, "rectified_at", pl.Datetime("us")),
])
def test_absent_column_types(schema, name, dtype):
    assert expr_dtype(schema.column(name), ENUMS) == dtype


def test_a_mapped_column_is_an_enum_of_its_canonical_values_in_first_seen_order():
    dtype = expr_dtype(CASES.column("channel"), ENUMS)
    assert dtype == pl.Enum(["线上", "线下"])
    assert dtype.categories.to_list() == ["线上", "线下"]  # each value once, first-seen order


# ---------------------------------------------------------------------- cell parsers, directly

def _one(expr: pl.Expr, values: list, dtype: pl.DataType) -> list:
    return pl.DataFrame({"x": values}, schema={"x": dtype}).select(expr.alias("y"))["y"].to_list()


def test_plausible_years_are_2000_to_2100_inclusive():
    values = [dt.datetime(1999, 12, 31, 23, 59, 59), dt.datetime(2000, 1, 1),
              dt.datetime(2100, 12, 31, 23, 59, 59), dt.datetime(2101, 1, 1), None]
    # the first moment of 2000 and the last of 2100 are kept; a second outside is a bad cell
    assert _one(plausible(pl.col("x")), values, pl.Datetime("us")) == [
        None, dt.datetime(2000, 1, 1), dt.datetime(2100, 12, 31, 23, 59, 59), None, None]


def test_parse_datetime_of_typed_columns():
    # a Date column: midnight of the day; a year outside 2000..2100 is null
    dates = [dt.date(2021, 3, 1), dt.date(1999, 1, 1)]
    assert _one(parse_datetime("x", pl.Date), dates, pl.Date) == [dt.datetime(2021, 3, 1), None]
    # a naive Datetime in ms: the same instants in µs
    naive = [dt.datetime(2021, 3, 1, 9, 30)]
    out = pl.DataFrame({"x": naive}, schema={"x": pl.Datetime("ms")}).select(
        parse_datetime("x", pl.Datetime("ms")).alias("y"))
    assert out["y"].to_list() == naive and out.schema["y"] == pl.Datetime("us")
    # a time-zone-aware UTC time is Beijing time (UTC+8), then naive: 01:30Z → 09:30
    utc = pl.Datetime("us", "UTC")
    aware = pl.DataFrame({"x": [dt.datetime(2021, 3, 1, 1, 30)]}, schema={"x": pl.Datetime("us")})
    aware = aware.with_columns(pl.col("x").dt.replace_time_zone("UTC"))
    assert aware.select(parse_datetime("x", utc).alias("y"))["y"].to_list() == [
        dt.datetime(2021, 3, 1, 9, 30)]
    # an all-blank column read as Null: typed null
    out = pl.DataFrame({"x": [None, None]}).select(parse_datetime("x", pl.Null).alias("y"))
    assert out["y"].to_list() == [None, None] and out.schema["y"] == pl.Datetime("us")


def test_parse_int_whole_numbers_only():
    # text: blanks around a number are fine, "5.0" is 5, "5.5" and "五" are not whole numbers
    text = [" 5 ", "5.0", "5.5", "五", "-3", None]
    assert _one(parse_int("x", pl.String), text, pl.String) == [5, 5, None, None, -3, None]
    # floats: 7.0 is 7, 7.25 is not
    assert _one(parse_int("x", pl.Float64), [7.0, 7.25], pl.Float64) == [7, None]
    # integers beyond Int32 are bad cells (null), not an overflow
    assert _one(parse_int("x", pl.Int64), [2**31 - 1, 2**31, -(2**31)], pl.Int64) == [
        2**31 - 1, None, -(2**31)]


def test_future_starts_at_tomorrow_midnight():
    today = dt.date.today()
    end_of_today = dt.datetime.combine(today, dt.time(23, 59, 59))
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    assert _one(future("x"), [end_of_today, tomorrow, None], pl.Datetime("us")) == [
        False, True, None]
