"""The month model on case data: figures, 环比 and 累计 of data/synthetic against counts made
without the library; roll-ups as sums of units; 承诺提速率 from items."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin import open_month
from bulletin.report.fmt import fmt_rate
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.operation import narrative
from support.cases import GOOD, HEADER, UNITS
from support.paths import DATA
from support.scopes import shared


@pytest.fixture(scope=shared)
def b() -> MonthlyBulletin:
    return open_month(DATA / "synthetic", "2021-02")


# data/synthetic, counted from its raw files with plain Python (csv/xlsx/parquet read
# as text, working days with chinese_calendar, no bulletin code), not with the code under
# test: 2021-01 申请 5046, 办结 4975, 承诺件办结 1305 (提前 1233), 超时 43;
# 2021-02 申请 4419, 受理 4387, 办结 4349, 承诺件办结 1196 (提前 1128), 超时 29;
# 2021-02 市本级 申请 106, 受理 107, 办结 108; 96 承诺件 items (法定 > 0) completed in
# 2021-02, mean (法定 − 承诺) / 法定 = 55 / 96; 好差评 2021-02: 1616, 主动 1413, 差评 1 (整改 1).


def test_city_figures_of_february(b):
    city = b.scope("全市")
    assert (city["applied"], city["accepted"], city["completed"]) == (4419, 4387, 4349)
    assert city["completed_overdue"] == 29
    assert (city["promise_completed"], city["promise_early"]) == (1196, 1128)
    assert city["on_time_rate"] == pytest.approx(1 - 29 / 4349)
    assert city["promise_speedup_rate"] == pytest.approx(55 / 96)  # 57.29%
    assert (city["evaluations"], city["active_evaluations"], city["bad_evaluations"]) \
        == (1616, 1413, 1)
    assert city["satisfaction_rate"] == pytest.approx(1615 / 1616)
    level = b.scope("市本级")
    assert (level["applied"], level["accepted"], level["completed"]) == (106, 107, 108)


def test_month_over_month_and_year_to_date(b):
    # 4419 − 5046 = −627 (−12.425…%); 4349 − 4975 = −626 (−12.582…%);
    # 提前办结率 1128 / 1196 − 1233 / 1305 = 94.314…% − 94.482…% = −0.168… points;
    # 累计 5046 + 4419 = 9465, 4975 + 4349 = 9324
    assert narrative.comparison_sentence(b, "全市") == (
        "与上月相比，申请件较上月减少 627 件（-12.42%），办结件较上月减少 626 件（-12.58%），"
        "提前办结率较上月下降 0.16 个百分点。1—2月累计申请 9465 件，办结 9324 件。")
    ytd = b.year_to_date.filter(pl.col("scope") == "全市").row(0, named=True)
    assert (ytd["applied"], ytd["completed"], ytd["promise_completed"]) == (9465, 9324, 2501)


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
