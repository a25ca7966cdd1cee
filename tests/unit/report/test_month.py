"""The month model on case data: 环比/同比/累计 from the facts, 承诺提速率 from items."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin import open_month
from bulletin.report import narrative
from bulletin.report.fmt import fmt_rate
from bulletin.report.month import MonthlyBulletin
from support.cases import GOOD, HEADER, UNITS
from support.paths import DATA


@pytest.fixture(scope="module")
def b() -> MonthlyBulletin:
    return open_month(DATA / "synthetic", "2021-02")


def test_month_over_month_from_the_facts(b):
    facts = b.facts
    now = facts.filter(pl.col("month") == "2021-02")["applied"].sum()
    before = facts.filter(pl.col("month") == "2021-01")["applied"].sum()
    change = b.change("全市", "applied")
    assert (change.current, change.previous) == (now, before)
    d = now - before
    word = "增加" if d > 0 else "减少"
    expected = f"申请件较上月{word} {abs(d)} 件（{'+' if d > 0 else '-'}{fmt_rate(abs(d) / before)}）"
    assert expected in narrative.comparison_sentence(b, "全市")


def test_year_to_date_sums_january_and_february(b):
    ytd = b.year_to_date.filter(pl.col("scope") == "全市").row(0, named=True)
    jan_feb = b.facts.filter(pl.col("month").is_in(["2021-01", "2021-02"]))
    assert ytd["completed"] == jan_feb["completed"].sum()
    assert f"1—2月累计申请 {jan_feb['applied'].sum()} 件" in narrative.comparison_sentence(b, "全市")


def test_no_year_ago_month_means_no_year_over_year(b):
    assert not b.has("2020-02")
    assert "去年同期" not in narrative.comparison_sentence(b, "全市")


def test_rollups_are_sums_of_units(b):
    units = b.units_of()
    city = b.scope("全市")
    for column in ["applied", "accepted", "completed", "promise_saved_days", "active_evaluations"]:
        assert city[column] == units[column].sum(), column
    counties = b.scope("各县（市、区）")
    assert counties["completed"] == units.filter(pl.col("level") == "县（市、区）")["completed"].sum()


def test_promise_speedup_from_distinct_items(write, tmp_path):
    write("units.csv", UNITS)
    extra = ("C5,市公安局,X1,户口迁移,2021-02-11 09:00:00,2021-02-18 09:00:00,2021-02-19 10:00:00,"
             "20,5,线上,张三,510101199001011234,13800000000")
    write("cases/a.csv", HEADER + "\n".join([*GOOD, extra]) + "\n")
    b = open_month(tmp_path, "2021-02")
    rows = {r["unit"]: r for r in b.units_of().iter_rows(named=True)}
    # 市公安局: item X1 twice (20/5) counts once: (20 − 5) / 20 = 75%
    assert rows["市公安局"]["promise_items"] == 1
    assert fmt_rate(rows["市公安局"]["promise_speedup_rate"]) == "75.00%"
    # 市住房和城乡建设局: X2 (10/1) = 90%; 全市: (0.75 + 0.9) / 2 items = 82.5%
    assert fmt_rate(rows["市住房和城乡建设局"]["promise_speedup_rate"]) == "90.00%"
    assert fmt_rate(b.scope("全市")["promise_speedup_rate"]) == "82.50%"
    # C3 is a 即办件 (promised 0) and not completed: no item
    assert rows["北山镇"]["promise_items"] == 0
