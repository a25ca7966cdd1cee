"""环比, 同比 and 累计 across the year boundary, worked out by hand on fourteen months of a
tiny dataset (support.handmade.YEARS: 2020-01 … 2021-02) and checked through
``bulletin.open_month``, the narrative and the annex's 较上月 column.

全市 申请件 = 办结件 per month (from the table in support/handmade.py):
2020-01: 4, 2020-02: 5, 2020-03 … 2020-11: 1 each, 2020-12: 8, 2021-01: 10, 2021-02: 6.
提前办结率: 2020-12 3 / 4 = 75%, 2021-01 2 / 4 = 50%, 2021-02 1 / 2 = 50%; no 承诺件 before.
"""

from __future__ import annotations

import polars as pl
import pytest

from bulletin import open_month
from bulletin.report.sections.operation import base_reviews
from bulletin.report.sections.operation.annexes import annex_display
from bulletin.report.sections.operation.narrative import comparison_sentence, overdue_paragraphs
from support.handmade import YEARS, make
from support.scopes import shared


@pytest.fixture(scope=shared)
def folder(tmp_path_factory):
    return make(tmp_path_factory.mktemp("years"), YEARS)


@pytest.fixture(scope=shared)
def jan(folder):
    return open_month(folder, "2021-01")


@pytest.fixture(scope=shared)
def feb(folder):
    return open_month(folder, "2021-02")


def test_the_months_around_january(jan):
    assert (jan.previous, jan.year_ago) == ("2020-12", "2020-01")
    assert jan.has("2020-12") and jan.has("2020-01")


def test_month_over_month_across_the_year_boundary(jan):
    applied = jan.change("全市", "applied")
    assert (applied.current, applied.previous) == (10, 8)
    assert (applied.difference, applied.percent) == (2, pytest.approx(0.25))  # 2 / 8
    rate = jan.change("全市", "promise_early_rate")
    assert rate.current == pytest.approx(0.5) and rate.previous == pytest.approx(0.75)
    assert rate.difference == pytest.approx(-0.25) and rate.percent is None


def test_january_sentence(jan):
    # 环比 against 2020-12: 10 − 8 = +2 (+25.00%); 50% − 75% = −25 points.
    # 同比 against 2020-01: 10 − 4 = +6 (+150.00%). No 累计 in January.
    assert comparison_sentence(jan, "全市") == (
        "与上月相比，申请件较上月增加 2 件（+25.00%），办结件较上月增加 2 件（+25.00%），"
        "提前办结率较上月下降 25.00 个百分点。"
        "与去年同期相比，申请件较去年同期增加 6 件（+150.00%），"
        "办结件较去年同期增加 6 件（+150.00%）。")


def test_february_sentence(feb):
    # 环比 against 2021-01: 6 − 10 = −4 (−40.00%); 50% = 50%.
    # 同比 against 2020-02 (not 2020-03, not 2021-01): 6 − 5 = +1 (+20.00%).
    # 累计 2021-01 … 02 (not 2020-12): 10 + 6 = 16.
    assert comparison_sentence(feb, "全市") == (
        "与上月相比，申请件较上月减少 4 件（-40.00%），办结件较上月减少 4 件（-40.00%），"
        "提前办结率与上月持平。"
        "与去年同期相比，申请件较去年同期增加 1 件（+20.00%），"
        "办结件较去年同期增加 1 件（+20.00%）。"
        "1—2月累计申请 16 件，办结 16 件。")


def test_february_sentence_of_the_city_level_and_a_county(feb):
    # 市本级 = 市甲局: 2021-02 2, 2021-01 6 (−4, −66.66…%: truncated), 2020-02 4 (−2, −50%);
    # 累计 6 + 2 = 8.
    assert comparison_sentence(feb, "市本级") == (
        "与上月相比，申请件较上月减少 4 件（-66.66%），办结件较上月减少 4 件（-66.66%），"
        "提前办结率与上月持平。"
        "与去年同期相比，申请件较去年同期减少 2 件（-50.00%），"
        "办结件较去年同期减少 2 件（-50.00%）。"
        "1—2月累计申请 8 件，办结 8 件。")
    # 丙县: 4 and 4 (持平), 2020-02 1 (+3, +300%), no 承诺件 (no 提前办结率 either month);
    # 累计 4 + 4 = 8.
    assert comparison_sentence(feb, "丙县") == (
        "与上月相比，申请件与上月持平，办结件与上月持平。"
        "与去年同期相比，申请件较去年同期增加 3 件（+300.00%），"
        "办结件较去年同期增加 3 件（+300.00%）。"
        "1—2月累计申请 8 件，办结 8 件。")


def test_year_to_date_sums_january_to_the_month_of_the_same_year(feb):
    ytd = feb.year_to_date.filter(pl.col("scope") == "全市").row(0, named=True)
    assert (ytd["applied"], ytd["completed"]) == (16, 16)  # 10 + 6
    assert (ytd["promise_completed"], ytd["promise_early"]) == (6, 3)  # 4 + 2, 2 + 1
    assert ytd["promise_early_rate"] == pytest.approx(0.5)  # 3 / 6, from the sums
    level = feb.year_to_date.filter(pl.col("scope") == "市本级").row(0, named=True)
    assert level["applied"] == 8  # 6 + 2


def test_december_sums_the_whole_year(folder):
    dec = open_month(folder, "2020-12")
    # 环比 against 2020-11 (1 case): +7 (+700.00%); 2020-11 has no 承诺件, so no 提前办结率
    # change; 2019-12 has no data, so no 同比; 累计 4 + 5 + 9 × 1 + 8 = 26.
    assert comparison_sentence(dec, "全市") == (
        "与上月相比，申请件较上月增加 7 件（+700.00%），办结件较上月增加 7 件（+700.00%）。"
        "1—12月累计申请 26 件，办结 26 件。")
    ytd = dec.year_to_date.filter(pl.col("scope") == "全市").row(0, named=True)
    assert (ytd["applied"], ytd["promise_completed"], ytd["promise_early"]) == (26, 4, 3)


def test_the_first_month_has_nothing_to_compare_with(folder):
    first = open_month(folder, "2020-01")
    assert first.previous == "2019-12"
    # nothing to compare with, and nothing said of it: no sentence, no 较上月 column
    assert comparison_sentence(first, "全市") == ""
    assert "change_completed" not in annex_display(first, "市级部门").columns
    assert [r.text for r in base_reviews(first)] == [
        "2019年12月无数据：本期正文不作环比，图1—图3只绘本月，附件不列“较上月”一栏；通报中对此不作说明。"]


def test_annex_change_column_across_the_year_boundary(jan, feb):
    # 办结 against the month before: 市甲局 6 vs 5 (2020-12), 市乙局 0 vs 0, 合计 = 市本级.
    assert annex_display(jan, "市级部门")["change_completed"].to_list() == ["↑1", "持平", "↑1"]
    # 丙县 4 vs 3 (丙县本级 4 vs 3, 丙县丁镇 0 vs 0), 戊区 0 vs 0, 合计 = 各县（市、区） 4 vs 3.
    assert annex_display(jan, "县（市、区）")["change_completed"].to_list() == [
        "↑1", "↑1", "持平", "持平", "↑1"]
    # February: 市甲局 2 vs 6.
    assert annex_display(feb, "市级部门")["change_completed"].to_list() == ["↓4", "持平", "↓4"]
    assert annex_display(feb, "县（市、区）")["change_completed"].to_list() == ["持平"] * 5


def test_overdue_change_is_stated(jan):
    # no case is late in either month: 0 and 0
    assert overdue_paragraphs(jan) == [
        ("2021年1月，全市一体化政务服务平台超时办结件 0 件，按时办结率为 100.00%。"
         "超时办结件与上月持平。")]


def test_explorer_changes_year_over_year(feb):
    table = feb.changes("applied", by="scope", earlier=feb.year_ago, chinese=False)
    city = table.filter(pl.col("scope") == "全市").row(0, named=True)
    assert (city["value"], city["previous"], city["difference"]) == (6, 5, 1)
    assert city["percent"] == pytest.approx(0.2)
