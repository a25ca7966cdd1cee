"""The type an input column gets when its file lacks it (``expr_dtype``), called directly:
the pipeline only ever leaves out optional columns (str, datetime, int), and every
mapped column (unit, channel, evaluation kind and level) is required, so the mapped branch
is reached only this way."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.ingest.schema import CASES, EVALUATIONS
from bulletin.ingest.validate import expr_dtype

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
