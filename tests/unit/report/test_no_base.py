"""Readers get only what an office writes: a month without a previous month leaves its
comparisons out and says nothing of them (no sentence, no 较上月 column, charts titled for
the one month they draw); the annexes' notes give the 口径 only. What is left out, and how
rates are shown, is told to the analyst in the review."""

from __future__ import annotations

import shutil

import altair as alt
import pytest

import bulletin
from bulletin.core.blocks import Table
from bulletin.report.blocks import table_gt
from bulletin.report.sections.common import for_readers
from bulletin.report.sections.operation.annexes import annex_table
from bulletin.report.sections.registry import profile_blocks
from bulletin.report.sections.review import review_markdown
from support.paths import DATA
from support.scopes import shared

METHOD_WORDS = ["截断", "四舍五入", "可超过", "可为负", "不对比率取平均", "无数据", "不作比较", "不作环比"]


@pytest.fixture(scope=shared)
def alone():
    """seed 000's February: its January is not in the data."""
    return bulletin.open_month(DATA / "seed000", "2021-02")


@pytest.fixture(scope=shared)
def with_january(tmp_path_factory):
    """seed 000 with its February export copied as January: the same counts both months."""
    folder = tmp_path_factory.mktemp("jan") / "seed000"
    shutil.copytree(DATA / "seed000", folder, ignore=shutil.ignore_patterns("*.py"))
    shutil.copy(folder / "unit_stats" / "2021-02.xlsx", folder / "unit_stats" / "2021-01.xlsx")
    return bulletin.open_month(folder, "2021-02")


def charts(b) -> list[dict]:
    return [block.to_dict() for block in profile_blocks(b) if isinstance(block, alt.TopLevelMixin)]


def periods(spec: dict) -> set[str]:
    values = next(iter(spec["datasets"].values()))
    return {row["时期"] for row in values if "时期" in row}


def test_charts_are_titled_for_the_one_month_they_draw(alone):
    specs = charts(alone)
    assert [s["title"] for s in specs] == [
        "图1. 全市办理政务服务事项情况", "图2. 市本级部门办理政务服务事项情况",
        "图3. 县（市、区）办结政务服务事项情况", "图4. 主动评价数情况"]
    assert [periods(s) for s in specs[:3]] == [{"本月（2021年2月）"}] * 3


def test_charts_with_the_previous_month_say_they_compare(with_january):
    specs = charts(with_january)
    assert [s["title"] for s in specs[:3]] == [
        "图1. 全市办理政务服务事项与上月对比情况", "图2. 市本级部门办理政务服务事项与上月对比情况",
        "图3. 县（市、区）办结政务服务事项与上月对比情况"]
    assert [periods(s) for s in specs[:3]] == [{"本月（2021年2月）", "上月（2021年1月）"}] * 3


def spanners(table: Table) -> list[str]:
    return list(dict.fromkeys(s for c in table.columns for s in c.spanners))


def test_the_annex_has_no_change_column_without_a_previous_month(alone, with_january):
    assert "较上月" not in spanners(annex_table(alone, "县（市、区）"))
    assert spanners(annex_table(with_january, "县（市、区）"))[-1] == "较上月"
    # 通川区 completed 9319 both months: 持平 (the February export copied as January)
    html = table_gt(annex_table(with_january, "县（市、区）")).as_raw_html()
    assert "持平" in html and "—" not in html


def test_no_sentence_of_the_bulletin_speaks_of_method_or_missing_data(alone):
    blocks = for_readers(profile_blocks(alone))
    text = "\n".join(b if isinstance(b, str) else table_gt(b).as_raw_html() for b in blocks
                     if isinstance(b, str | Table))
    assert [w for w in METHOD_WORDS if w in text] == []
    assert "与上月相比" not in text  # no 环比 at all


def test_the_review_says_what_was_left_out_and_how_rates_are_shown(alone):
    review = review_markdown(alone, profile_blocks(alone))
    assert "2021年1月无数据：本期正文不作环比，图1—图3只绘本月，附件不列“较上月”一栏" in review
    assert "附件中的比率按两位小数截断显示（不四舍五入）" in review
    # seed 000's annex 2 prints 通川区's 线上办理提速率 as -160.00%, as the seed does
    assert "附件2中线上办理提速率为负的有：通川区（-160.00%）。说明：办理用时超过法定时限" in review
    # 市卫生健康委员会: 主动评价数 over 办结件 is 204.55% in the seed's annex 1
    assert "附件1中主动评价率超过 100%的有：" in review and "市卫生健康委员会（204.55%）" in review


def test_scores_without_the_previous_month(tmp_path):
    b = bulletin.open_month(DATA / "seed001", "2023-06")
    blocks = profile_blocks(b)
    tables = [x for x in for_readers(blocks) if isinstance(x, Table)]
    html = "".join(table_gt(t).as_raw_html() for t in tables)
    text = "\n".join(x for x in for_readers(blocks) if isinstance(x, str))
    assert "较上月" not in html and "不作比较" not in text and "四舍五入" not in html
    review = review_markdown(b, blocks)
    assert "2023年5月无考核得分数据：排名变化不作比较，附表不列“较上月”一栏" in review
    assert "附表的综合得分按四舍五入保留两位小数显示" in review
