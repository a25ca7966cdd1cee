"""The explorer's tables on MonthlyBulletin (unit_table, rollup_table, changes, ranking,
findings_table, series) and the public names of ``bulletin``, checked against sums and
rates worked out here with plain polars from the facts and the dataset's units.csv."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest
import yaml

import bulletin
from bulletin import open_month
from bulletin.core.definitions import FIGURES
from bulletin.report.month import MonthlyBulletin
from support.paths import DATA
from support.scopes import shared
from support.units_csv import units_with_county

MONTH, PREVIOUS = "2021-04", "2021-03"
SYNTHETIC_MONTHS = ["2020-10", "2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-04"]
DEPARTMENT, COUNTY = "市级部门", "县（市、区）"


@pytest.fixture(scope=shared)
def b() -> MonthlyBulletin:
    return open_month(DATA / "synthetic", MONTH)


@pytest.fixture(scope=shared)
def facts(b) -> pl.DataFrame:
    """The facts with units.csv's columns (not the model's registry)."""
    return b.facts.join(units_with_county(DATA / "synthetic"), on="unit", how="left")


def on_time(completed: int, overdue: int) -> float | None:
    return None if completed == 0 else 1 - overdue / completed


# ---------------------------------------------------------------- unit_table


def test_unit_table_holds_each_unit_of_the_month_with_chinese_labels(b, facts):
    table = b.unit_table(month=PREVIOUS)
    expected = facts.filter(pl.col("month") == PREVIOUS).sort("order")
    assert table.columns[:5] == ["单位", "层级", "申请件", "受理件", "办结件"]
    assert {"超时办结件", "线上申请", "主动评价数", "按时办结率", "线上申请占比", "满意率"} \
        <= set(table.columns)
    assert table["单位"].to_list() == expected["unit"].to_list()
    assert table["层级"].to_list() == expected["level"].to_list()
    assert table.height == 49
    assert table["申请件"].to_list() == expected["applied"].to_list()
    assert table["超时办结件"].to_list() == expected["completed_overdue"].to_list()
    for row, r in zip(table.iter_rows(named=True), expected.iter_rows(named=True), strict=True):
        want = on_time(r["completed"], r["completed_overdue"])
        assert row["按时办结率"] == (None if want is None else pytest.approx(want)), r["unit"]
        share = None if r["applied"] == 0 else r["online_applied"] / r["applied"]
        assert row["线上申请占比"] == (None if share is None else pytest.approx(share)), r["unit"]


def test_unit_table_of_a_level_by_name_or_alias_and_with_keys(b, facts):
    counties = b.unit_table("county")
    assert counties.equals(b.unit_table(COUNTY))
    assert counties["单位"].to_list() == (
        facts.filter((pl.col("month") == MONTH) & (pl.col("level") == COUNTY))
        .sort("order")["unit"].to_list())
    keys = b.unit_table("department", chinese=False)
    assert keys.columns[:3] == ["unit", "level", "applied"]
    assert keys.height == 41 and set(keys["level"]) == {DEPARTMENT}
    assert [bulletin.LABELS[k] for k in keys.columns[2:]] == b.unit_table("department").columns[2:]


def test_unit_table_leaves_out_rates_the_input_cannot_give():
    seed = open_month(DATA / "seed000", "2021-02")  # an export without evaluations
    table = seed.unit_table()
    assert "满意率" not in table.columns and "差评整改率" not in table.columns
    assert "按时办结率" in table.columns and "主动评价率" in table.columns


# ---------------------------------------------------------------- rollup_table


def test_rollup_table_sums_the_units_of_each_scope(b, facts):
    table = b.rollup_table()
    month = facts.filter(pl.col("month") == MONTH)
    listed = units_with_county(DATA / "synthetic")
    county_names = listed.filter(pl.col("level") == COUNTY)["unit"].to_list()
    assert table["范围"].to_list() == ["全市", "市本级", "各县（市、区）", *county_names]
    rows = {r["范围"]: r for r in table.iter_rows(named=True)}
    members = {"全市": month, "市本级": month.filter(pl.col("level") == DEPARTMENT),
               "各县（市、区）": month.filter(pl.col("county").is_not_null()),
               "大竹县": month.filter(pl.col("county") == "大竹县")}
    for scope, units in members.items():
        assert rows[scope]["办结件"] == units["completed"].sum(), scope
        assert rows[scope]["线上申请"] == units["online_applied"].sum(), scope
        assert rows[scope]["按时办结率"] == pytest.approx(
            on_time(units["completed"].sum(), units["completed_overdue"].sum())), scope
    assert rows["全市"]["办结件"] == rows["市本级"]["办结件"] + rows["各县（市、区）"]["办结件"]


def test_rollup_table_of_one_kind_of_scope_and_another_month(b, facts):
    counties = b.rollup_table(kind="county", month=PREVIOUS, chinese=False)
    assert counties.height == 8 and "全市" not in counties["scope"].to_list()
    assert counties.columns[:2] == ["scope", "applied"]
    assert counties["applied"].sum() == facts.filter(
        (pl.col("month") == PREVIOUS) & pl.col("county").is_not_null())["applied"].sum()
    assert b.rollup_table(kind="city")["范围"].to_list() == ["全市"]


def test_rollup_table_of_a_kind_the_registry_lacks_is_empty(tmp_path):
    """A registry of departments only: no county to roll up, an empty table (the explorer's
    notebook asks every dataset the same question); an unknown kind is an error."""
    from support.handmade import done, make

    units = "单位名称,别名,层级,上级单位,考核分组,序号\n市甲局,,市级部门,,,1\n"
    only = bulletin.open_month(make(tmp_path, [done("C1", "市甲局", "2021-03-01 09:00:00",
                                                    "2021-03-01 10:00:00")], units=units),
                               "2021-03")
    assert only.rollup_table(kind="county").height == 0
    with pytest.raises(ValueError, match="not one of"):
        only.rollup_table(kind="counties_and_towns")


# ---------------------------------------------------------------- changes


def test_changes_per_unit_of_a_rate(b, facts):
    table = b.changes("按时办结率", level="department")
    assert table.columns == ["单位", "层级", "按时办结率（2021-04）", "按时办结率（2021-03）",
                             "增减", "增减幅度"]
    by_month = {m: {r["unit"]: on_time(r["completed"], r["completed_overdue"])
                    for r in facts.filter((pl.col("month") == m) & (pl.col("level") == DEPARTMENT))
                    .iter_rows(named=True)} for m in (MONTH, PREVIOUS)}
    assert table.height == 41
    for row in table.iter_rows(named=True):
        now, before = by_month[MONTH][row["单位"]], by_month[PREVIOUS][row["单位"]]
        if now is None or before is None:
            assert row["增减"] is None, row
        else:
            assert row["增减"] == pytest.approx(now - before), row
        assert row["增减幅度"] is None  # a rate changes by points, not by a percentage
    fell = table.sort("增减", nulls_last=True).head(2)
    assert fell["单位"].to_list() == ["市住房公积金管理中心", "市公安局"]
    assert fell["增减"].to_list() == pytest.approx([0.9 - 1, 25 / 26 - 1])


def test_changes_per_scope_of_a_count_and_against_another_month(b, facts):
    table = b.changes("applied", by="scope", earlier="2020-10", chinese=False)
    city = table.row(0, named=True)
    now = facts.filter(pl.col("month") == MONTH)["applied"].sum()
    then = facts.filter(pl.col("month") == "2020-10")["applied"].sum()
    assert city == {"scope": "全市", "value": now, "previous": then, "difference": now - then,
                    "percent": pytest.approx((now - then) / then)}
    assert table["scope"].to_list() == b.rollup_table()["范围"].to_list()
    # the numbers of b.change, scope by scope
    for r in table.iter_rows(named=True):
        c = b.change(r["scope"], "applied", "2020-10")
        assert (r["value"], r["previous"], r["difference"]) == (c.current, c.previous, c.difference)


def test_changes_against_a_month_not_held_are_null(b):
    table = b.changes("completed", "county", earlier="2020-04")
    assert table["办结件（2020-04）"].null_count() == table.height == 8
    assert table["增减"].null_count() == 8


# ---------------------------------------------------------------- ranking


def test_ranking_of_a_count(b, facts):
    table = b.ranking("办结件", "department", n=5)
    expected = (facts.filter((pl.col("month") == MONTH) & (pl.col("level") == DEPARTMENT))
                .sort(["completed", "order"], descending=[True, False]).head(5))
    assert table.columns == ["名次", "单位", "办结件"]
    assert table["名次"].to_list() == [1, 2, 3, 4, 5]
    assert table["单位"].to_list() == expected["unit"].to_list()
    assert table["办结件"].to_list() == expected["completed"].to_list()
    assert table.equals(b.ranking("completed", DEPARTMENT, n=5))


def test_ranking_of_a_rate_ascending_shows_its_counts(b, facts):
    table = b.ranking("on_time_rate", "county", n=3, ascending=True, chinese=False)
    month = facts.filter((pl.col("month") == MONTH) & (pl.col("level") == COUNTY)
                         & (pl.col("completed") > 0))
    worst = sorted(month.iter_rows(named=True),
                   key=lambda r: (on_time(r["completed"], r["completed_overdue"]), r["order"]))[:3]
    assert table.columns == ["rank", "unit", "on_time_rate", "completed_overdue", "completed"]
    assert table["unit"].to_list() == [r["unit"] for r in worst]
    assert table["completed_overdue"].to_list() == [r["completed_overdue"] for r in worst]
    assert table["on_time_rate"].to_list() == pytest.approx(
        [on_time(r["completed"], r["completed_overdue"]) for r in worst])


# ---------------------------------------------------------------- findings_table


def test_findings_table_lists_the_findings(b, facts):
    table = b.findings_table()
    assert table.columns == ["类别", "内容", "数据"]
    assert table["内容"].to_list() == [f.text for f in b.findings]
    overdue = table.filter(pl.col("类别") == "overdue").row(0, named=True)
    month = facts.filter((pl.col("month") == MONTH) & (pl.col("completed_overdue") > 0))
    assert json.loads(overdue["数据"]) == {"units": month.height,
                                          "total": month["completed_overdue"].sum()}


def test_findings_table_of_stated_totals_against_hand_sums():
    seed = open_month(DATA / "seed000", "2021-02")
    units = seed.facts.join(units_with_county(DATA / "seed000"), on="unit", how="left")
    stated = yaml.safe_load((DATA / "seed000" / "dataset.yml").read_text(encoding="utf-8"))
    members = {"全市": units, "市本级": units.filter(pl.col("level") == DEPARTMENT),
               "各县（市、区）": units.filter(pl.col("county").is_not_null())}
    members |= {c: units.filter(pl.col("county") == c) for c in units["county"].drop_nulls()}
    expected = []
    for scope, figures in stated["stated_totals"]["2021-02"].items():
        if scope not in members:
            continue  # a single department: not a roll-up
        for column, value in figures.items():
            rows = members[scope]
            if isinstance(value, str):  # a rate, 「32.10%」: the rate of the hand sums
                figure = FIGURES[column]
                if not all(c in rows.columns for c in figure.inputs):
                    continue  # not computable from the export (办理提速率)
                computed = sum(sign * rows[c].sum() for c, sign in figure.parts) \
                    / rows[figure.denominator].sum()
                if int(computed * 10000) != round(float(value.rstrip("%")) * 100):
                    expected.append(("2021-02", scope, bulletin.LABELS[column], computed,
                                     float(value.rstrip("%")) / 100))
                continue
            if column not in rows.columns:
                continue  # stated, but the export has no such count
            computed = rows[column].sum()
            if computed != value:
                expected.append(("2021-02", scope, bulletin.LABELS[column], computed, value))
    table = seed.findings_table(rule="inconsistent_input")
    assert table.columns == ["类别", "内容", "月份", "范围", "指标", "计算值", "声明值"]
    assert sorted(table.drop("类别", "内容").rows()) == sorted(expected)
    assert ("2021-02", "全市", "申请件", 249679, 249682) in expected
    # the text's 主动评价率 32.10% (80165 / 申请件 249682) against 81480 / 243986
    assert ("2021-02", "全市", "主动评价率", 81480 / 243986, 0.321) in expected
    assert seed.findings_table(rule="no such rule").height == 0


# ---------------------------------------------------------------- series


def test_series_of_a_county_every_month_held(b, facts):
    table = b.series("大竹县", "办结件", "completed_overdue", "按时办结率")
    assert table.columns == ["月份", "办结件", "超时办结件", "按时办结率"]
    assert table["月份"].to_list() == SYNTHETIC_MONTHS
    by_hand = (facts.filter(pl.col("county") == "大竹县").group_by("month")
               .agg(pl.col("completed", "completed_overdue").sum()).sort("month"))
    assert table["办结件"].to_list() == by_hand["completed"].to_list()
    assert table["超时办结件"].to_list() == by_hand["completed_overdue"].to_list()
    assert table["按时办结率"].to_list() == pytest.approx(
        [on_time(c, o) for c, o in by_hand.select("completed", "completed_overdue").rows()])
    assert b.series("大竹县", "办结件").equals(table.select("月份", "办结件"))


def test_series_of_a_unit_and_of_the_city(b, facts):
    police = b.series("市公安局", "on_time_rate", chinese=False)
    rows = facts.filter(pl.col("unit") == "市公安局").sort("month")
    assert police.columns == ["month", "on_time_rate"]
    assert police["on_time_rate"].to_list() == pytest.approx(
        [on_time(r["completed"], r["completed_overdue"]) for r in rows.iter_rows(named=True)])
    city = b.series("全市", "applied", chinese=False)
    assert city["applied"].to_list() == (
        facts.group_by("month").agg(pl.col("applied").sum()).sort("month")["applied"].to_list())


def test_series_holds_the_months_from_a_year_before():
    early = open_month(DATA / "synthetic", "2021-01")
    assert early.series("全市", "申请件")["月份"].to_list() == SYNTHETIC_MONTHS[:4]


# ---------------------------------------------------------------- errors and the public names


@pytest.mark.parametrize("call, error", [
    (lambda b: b.unit_table("counties"), ValueError),
    (lambda b: b.unit_table(month="2019-01"), ValueError),
    (lambda b: b.rollup_table(kind="town"), ValueError),
    (lambda b: b.changes("no such figure"), KeyError),
    (lambda b: b.changes("applied", by="county"), ValueError),
    (lambda b: b.ranking("办结率", "department"), KeyError),
    (lambda b: b.series("不存在的单位", "applied"), KeyError),
    (lambda b: b.series("全市"), TypeError),
])
def test_a_wrong_name_is_an_error_not_an_empty_table(b, call, error):
    with pytest.raises(error):
        call(b)


def test_public_names():
    assert {"open_month", "available_months", "MonthlyBulletin", "LABELS", "UNIT_LEVELS",
            "FIGURES"} <= set(bulletin.__all__)
    for name in ["open_month", "available_months", "MonthlyBulletin", "LABELS", "UNIT_LEVELS"]:
        assert getattr(bulletin, name) is not None, name
    assert bulletin.LABELS["on_time_rate"] == "按时办结率"
    assert bulletin.UNIT_LEVELS[:2] == (DEPARTMENT, COUNTY)
    for method in ["unit_table", "rollup_table", "changes", "ranking", "findings_table", "series"]:
        assert callable(getattr(bulletin.MonthlyBulletin, method)), method


def test_importing_the_catalogue_stays_cheap():
    """`bulletin facts` starts without the report layer's altair and great-tables."""
    code = ("import sys, bulletin; bulletin.LABELS; bulletin.UNIT_LEVELS; bulletin.FIGURES; "
            "print(sorted(m for m in ('altair', 'great_tables') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
