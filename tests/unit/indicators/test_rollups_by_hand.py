"""Roll-up scopes and year-to-date sums, worked out by hand on the hand-made registry
(support.handmade.UNITS)."""

from __future__ import annotations

import polars as pl

from bulletin import open_month
from bulletin.facts.cube import FACT_COLUMNS
from bulletin.indicators.comparisons import year_to_date
from bulletin.indicators.rollups import membership, scopes
from bulletin.ingest.dataset import Dataset
from support.handmade import done, make


def test_scopes_of_the_registry(tmp_path):
    registry = Dataset.open(make(tmp_path, [])).registry
    got = [(s.name, s.kind, s.members) for s in scopes(registry, "市本级")]
    assert got == [
        ("全市", "city", ("市甲局", "市乙局", "丙县", "戊区", "丙县丁镇")),
        ("市本级", "city_level", ("市甲局", "市乙局")),
        ("各县（市、区）", "counties", ("丙县", "戊区", "丙县丁镇")),
        ("丙县", "county", ("丙县", "丙县丁镇")),  # with its town
        ("戊区", "county", ("戊区",)),
    ]
    assert [s.name for s in scopes(registry, "市直部门")][1] == "市直部门"
    rows = membership(scopes(registry, "市本级"))
    assert rows.height == 5 + 2 + 3 + 2 + 1
    assert rows.row(0) == ("全市", "city", "市甲局") and rows.row(-1) == ("戊区", "county", "戊区")


def test_a_registry_of_one_county(tmp_path):
    # 全市 {丙县}, 市本级 {}, 各县 {丙县}, 丙县 {丙县}: three membership rows of three columns
    units = "单位名称,别名,层级,上级单位,考核分组,序号\n丙县,,县（市、区）,,,1\n"
    b = open_month(make(tmp_path, [done("A", "丙县", "2021-03-01 09:00:00",
                                        "2021-03-01 10:00:00")], units=units), "2021-03")
    rows = membership(b.scopes)
    assert rows.rows() == [("全市", "city", "丙县"), ("各县（市、区）", "counties", "丙县"),
                           ("丙县", "county", "丙县")]
    assert b.scope("全市")["completed"] == 1 and b.scope("丙县")["completed"] == 1
    assert b.rolled.filter(pl.col("month") == "2021-03")["kind"].to_list() == [
        "city", "counties", "county"]


def test_year_to_date_is_labelled_with_its_months():
    base = {c: 1 for c in FACT_COLUMNS}
    facts = pl.DataFrame([{"month": m, "unit": u, **base}
                          for m in ("2020-12", "2021-01", "2021-02") for u in ("b", "a")])
    ytd = year_to_date(facts, "2021-02")
    assert ytd["month"].to_list() == ["2021-01..2021-02"] * 2
    assert ytd["unit"].to_list() == ["b", "a"]  # in the order of the facts
    assert ytd["applied"].to_list() == [2, 2]  # January and February, not December
