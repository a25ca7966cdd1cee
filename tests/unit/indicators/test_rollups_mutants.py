"""Roll-up sums and unit rows by hand on the hand-made registry (support.handmade.UNITS):

    registry order  level          序号  parent   county roll-up
    市甲局          市级部门        1              市本级
    市乙局          市级部门        2              市本级
    丙县            县（市、区）     1              丙县
    戊区            县（市、区）     2              戊区
    丙县丁镇        乡镇（街道）     1     丙县     丙县

Counts are powers of two per unit so that every sum names its members: applied 1, 2, 4, 8,
16 in March and ten times that in February; completed is stated by 丙县 only (5), every
other unit leaves it null.
"""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.indicators.rollups import membership, own_rows, rollup, scopes, unit_rows
from bulletin.ingest.dataset import Dataset
from support.handmade import make

APPLIED = {"市甲局": 1, "市乙局": 2, "丙县": 4, "戊区": 8, "丙县丁镇": 16}


@pytest.fixture
def registry(tmp_path):
    return Dataset.open(make(tmp_path, [])).registry


def _facts() -> pl.DataFrame:
    # months and units deliberately not in order
    rows = [{"month": m, "unit": u, "applied": n * f, "completed": 5 if u == "丙县" else None}
            for m, f in (("2021-03", 1), ("2021-02", 10))
            for u, n in reversed(APPLIED.items())]
    return pl.DataFrame(rows, schema={"month": pl.String, "unit": pl.String,
                                      "applied": pl.Int64, "completed": pl.Int64})


def test_rollup_sums_members_in_scope_order(registry):
    out = rollup(_facts(), scopes(registry, "市本级"))
    assert out.columns == ["month", "scope", "kind", "applied", "completed"]
    assert out.rows() == [
        # February: 10 + 20 + 40 + 80 + 160 = 310; 市本级 10 + 20; 各县 40 + 80 + 160;
        # 丙县 40 + 160 (with its town); 戊区 80. completed: only 丙县 states it (5); a scope
        # none of whose members states it keeps null, not 0
        ("2021-02", "全市", "city", 310, 5),
        ("2021-02", "市本级", "city_level", 30, None),
        ("2021-02", "各县（市、区）", "counties", 280, 5),
        ("2021-02", "丙县", "county", 200, 5),
        ("2021-02", "戊区", "county", 80, None),
        # March: 1 + 2 + 4 + 8 + 16 = 31; 1 + 2; 4 + 8 + 16; 4 + 16; 8
        ("2021-03", "全市", "city", 31, 5),
        ("2021-03", "市本级", "city_level", 3, None),
        ("2021-03", "各县（市、区）", "counties", 28, 5),
        ("2021-03", "丙县", "county", 20, 5),
        ("2021-03", "戊区", "county", 8, None),
    ]


def test_rollup_with_another_name_for_the_city_level(registry):
    out = rollup(_facts().filter(pl.col("month") == "2021-03"), scopes(registry, "市直部门"))
    assert out["scope"].to_list() == ["全市", "市直部门", "各县（市、区）", "丙县", "戊区"]
    assert out.row(1) == ("2021-03", "市直部门", "city_level", 3, None)


def test_membership_columns_and_types(registry):
    rows = membership(scopes(registry))
    assert rows.schema == pl.Schema({"scope": pl.String, "kind": pl.String, "unit": pl.String})
    # 全市 5 + 市本级 2 + 各县 3 + 丙县 2 + 戊区 1
    assert rows.filter(pl.col("scope") == "丙县")["unit"].to_list() == ["丙县", "丙县丁镇"]
    assert membership([]).schema == rows.schema  # no scope: the same three columns, no row
    assert membership([]).height == 0


def test_unit_rows_in_registry_order_with_registry_columns(registry):
    out = unit_rows(_facts(), registry)
    assert out.columns == ["month", "unit", "applied", "completed", "level", "parent", "order"]
    march = out.filter(pl.col("month") == "2021-03")
    # registry order (level, then 序号), not 序号 alone: 序号 restarts for each level; a
    # unit's row holds everything under it: 丙县 = its own 4 + 丙县丁镇's 16
    assert march.select("unit", "level", "parent", "order", "applied").rows() == [
        ("市甲局", "市级部门", None, 1, 1),
        ("市乙局", "市级部门", None, 2, 2),
        ("丙县", "县（市、区）", None, 1, 20),
        ("戊区", "县（市、区）", None, 2, 8),
        ("丙县丁镇", "乡镇（街道）", "丙县", 1, 16),
    ]
    assert out["month"].to_list() == ["2021-02"] * 5 + ["2021-03"] * 5  # months ascending


def test_own_rows_count_each_case_once_and_name_the_county_s_own_office(registry):
    out = own_rows(_facts(), registry).filter(pl.col("month") == "2021-03")
    assert out.select("unit", "name", "applied").rows() == [
        ("市甲局", "市甲局", 1), ("市乙局", "市乙局", 2), ("丙县", "丙县本级", 4),
        ("戊区", "戊区", 8), ("丙县丁镇", "丙县丁镇", 16)]
    assert out["applied"].sum() == 31  # = 全市


def test_the_city_level_is_called_shiben_ji_by_default(registry):
    assert [(s.name, s.kind) for s in scopes(registry)][:3] == [
        ("全市", "city"), ("市本级", "city_level"), ("各县（市、区）", "counties")]
