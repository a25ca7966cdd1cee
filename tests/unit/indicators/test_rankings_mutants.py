"""Rankings by hand: three units by default, ties by registry order in either direction,
units without a value left out, and a filter applied before the cut."""

from __future__ import annotations

import polars as pl

from bulletin.indicators.rankings import top

# registry order = ``order``; rate 0.9 is shared by 乙 and 丁 (乙 first in the registry)
FRAME = pl.DataFrame({
    "unit": ["甲", "乙", "丙", "丁", "戊", "己"],
    "order": [1, 2, 3, 4, 5, 6],
    "rate": [0.5, 0.9, None, 0.9, 0.7, 0.95],
    "level": ["市级部门", "市级部门", "市级部门", "县（市、区）", "县（市、区）", "县（市、区）"],
})


def test_three_units_by_default_largest_first():
    # 己 0.95, then the tie at 0.9 in registry order: 乙 (2) before 丁 (4)
    assert top(FRAME, "rate")["unit"].to_list() == ["己", "乙", "丁"]


def test_smallest_first_keeps_registry_order_in_ties():
    # 甲 0.5, 戊 0.7, then 乙 and 丁 at 0.9 (乙 first); 丙 has no value
    assert top(FRAME, "rate", 4, ascending=True)["unit"].to_list() == ["甲", "戊", "乙", "丁"]


def test_units_without_a_value_are_never_ranked():
    assert top(FRAME, "rate", 10)["unit"].to_list() == ["己", "乙", "丁", "戊", "甲"]


def test_filter_before_the_cut():
    where = pl.col("level") == "市级部门"
    # 市级部门 only: 乙 0.9, 甲 0.5 (丙 has no value)
    assert top(FRAME, "rate", 3, where=where)["unit"].to_list() == ["乙", "甲"]
