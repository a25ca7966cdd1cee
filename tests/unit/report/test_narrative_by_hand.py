"""The bulletin's sentences for March 2021 of the hand-made dataset
(support.handmade.BOUNDARIES and EVALUATIONS), every figure worked out by hand.

March 2021, case by case (see support/handmade.py):
  市甲局: P1..P6 (承诺件) and I1, I2 (即办件), all applied, accepted and completed in March;
          overdue P3, P6, I2; early P1, P4; 线上 P1, P3, I2; 法定 26, saved 13.
  市乙局: M3 applied (即办件, not accepted); M2 completed (承诺件, on time, 线上, 法定 5,
          saved 4), applied and accepted in February.
  全市 = 市本级 for cases; 各县（市、区） has none.
February: 市乙局 applied M2, accepted M1 and M2, completed M1 (early).
January: 市乙局 applied M1.
Evaluations in March: 市甲局 7 (主动 4, 差评 3, 整改 2), 丙县丁镇 1 (回访, 满意).
"""

from __future__ import annotations

import pytest

from bulletin import open_month
from bulletin.report.sections.operation.narrative import (
    evaluation_paragraphs,
    operation_paragraphs,
    overdue_paragraphs,
)
from support.handmade import BOUNDARIES, CONFIG, EVALUATIONS, done, make
from support.scopes import shared


@pytest.fixture(scope=shared)
def march(tmp_path_factory):
    return open_month(make(tmp_path_factory.mktemp("march"), BOUNDARIES, EVALUATIONS), "2021-03")


def test_city_paragraphs(march):
    first, online, compared = operation_paragraphs(march, "全市", "city")
    # 申请 8 + M3 = 9; 受理 8 (M2 was accepted in February); 办结 8 + M2 = 9;
    # 承诺件: 申请 6, 受理 6, 办结 6 + M2 = 7; 办理提速率 (13 + 4) / (26 + 5) = 54.838…%;
    # 提前办结率 2 / 7 = 28.571…%
    assert first == ("2021年3月，全市通过一体化政务服务平台共申请依申请政务服务事项 9 件，"
                     "受理 8 件，办结 9 件；承诺件申请 6 件，受理 6 件，办结 7 件，"
                     "办理提速率为 54.83%，提前办结率 28.57%。")
    # 线上: 申请 3 (P1, P3, I2) of 9 = 33.33%, 受理 3, 办结 3 + M2 = 4;
    # 承诺件线上办结 P1, P3, M2 = 3, of which early P1: 33.33%
    assert online == ("其中，公众通过线上申请依申请政务服务事项 3 件，占比 33.33%，受理 3 件，"
                      "办结 4 件。承诺件线上办结 3 件，提前办结率为 33.33%。")
    # February: 申请 1 (M2), 办结 1 (M1, early: 100%).
    # 9 − 1 = +8 (+800%); 28.57% − 100% = −71.428… points; 累计 1 + 1 + 9 = 11, 0 + 1 + 9 = 10
    assert compared == ("与上月相比，申请件较上月增加 8 件（+800.00%），办结件较上月增加 8 件"
                        "（+800.00%），提前办结率较上月下降 71.42 个百分点。"
                        "1—3月累计申请 11 件，办结 10 件。")


def test_city_level_paragraph_names_the_units_that_completed_most(march):
    first = operation_paragraphs(march, "市本级", "city_level")[0]
    assert first == ("市本级部门一体化政务服务平台共申请依申请政务服务事项 9 件，受理 8 件，"
                     "办结 9 件；承诺件申请 6 件，受理 6 件，办结 7 件，办理提速率为 54.83%，"
                     "提前办结率 28.57%。市甲局、市乙局办结件较多，分别为 8 件、1 件。")


def test_counties_paragraphs_without_cases_leave_rates_out(march):
    first, online, compared = operation_paragraphs(march, "各县（市、区）", "counties")
    # no case: counts 0, no rate (no denominator), nobody "completed most"
    assert first == ("各县（市、区）通过一体化政务服务平台共申请依申请政务服务事项 0 件，受理 0 件，"
                     "办结 0 件；承诺件申请 0 件，受理 0 件，办结 0 件。")
    assert online == ("其中，公众通过线上申请依申请政务服务事项 0 件，受理 0 件，办结 0 件。"
                      "承诺件线上办结 0 件。")
    assert compared == ("与上月相比，申请件与上月持平，办结件与上月持平。"
                        "1—3月累计申请 0 件，办结 0 件。")


def test_evaluation_paragraphs(march):
    head, detail = evaluation_paragraphs(march)
    # 主动 4 (E1, E2, E4, E6) of 9 completed: 44.44…%; with the 回访 E3, E5, E14, E12: 8
    # evaluations, 差评 3 (E4, E5, E6: one of them 回访, so named over the 8);
    # 满意率 (8 − 3) / 8 = 62.50%
    assert head == ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 4 条，主动评价率为 44.44%；"
                    "主动评价与回访评价合计 8 条，其中差评数 3 条，满意率为 62.50%。"
                    "（备注：主动评价率=群众办件主动评价数/办结件总数×100%）。")
    # 丙县 (with 丙县丁镇) and 戊区 completed nothing: their rate has no denominator ("-")
    assert detail == ("其中，市本级主动评价数为 4 条，主动评价率为 44.44%；"
                      "丙县主动评价数为 0 条，主动评价率为 -；戊区主动评价数为 0 条，主动评价率为 -。"
                      "主动评价数较多的部门为市甲局。")


def test_zero_denominator_shown_as_configured(tmp_path):
    config = CONFIG + "zero_denominator: 0.00%\n"
    b = open_month(make(tmp_path, BOUNDARIES, EVALUATIONS, config=config), "2021-03")
    assert "丙县主动评价数为 0 条，主动评价率为 0.00%；" in evaluation_paragraphs(b)[1]


def test_overdue_paragraph(march):
    # 超时 3 (P3, P6, I2), all at 市甲局; 按时办结率 1 − 3 / 9 = 66.66…%; February had 0
    assert overdue_paragraphs(march) == [
        ("2021年3月，全市一体化政务服务平台超时办结件 3 件，按时办结率为 66.66%。"
         "超时办结件分布在市甲局（3 件） 1 个单位。超时办结件较上月增加 3 件。")]


def test_without_evaluations_the_bulletin_says_so(tmp_path):
    b = open_month(make(tmp_path, BOUNDARIES), "2021-03")
    assert evaluation_paragraphs(b) == ["本数据集未提供好差评数据。"]


def test_overdue_paragraph_lists_ten_units_most_late_first(tmp_path):
    """Thirteen departments: 市局01 two late cases, 市局02 … 市局12 one each, 市局13 none.
    Late = a 即办件 completed the working day after acceptance (elapsed 1 > 0)."""
    units = "单位名称,别名,层级,上级单位,考核分组,序号\n" + "".join(
        f"市局{i:02d},,市级部门,,,{i}\n" for i in range(1, 14))
    late = [done(f"L{i:02d}", f"市局{i:02d}", "2021-03-01 09:00:00", "2021-03-02 09:00:00")
            for i in range(1, 13)]
    late.append(done("L00", "市局01", "2021-03-01 09:00:00", "2021-03-02 09:00:00"))
    on_time = [done("T13", "市局13", "2021-03-01 09:00:00", "2021-03-01 10:00:00")]
    b = open_month(make(tmp_path, late + on_time, units=units), "2021-03")
    listed = "、".join(f"市局{i:02d}（1 件）" for i in range(2, 11))
    # 13 late of 14 completed: 1 − 13 / 14 = 7.142…%; the first month: no change stated
    assert overdue_paragraphs(b) == [
        ("2021年3月，全市一体化政务服务平台超时办结件 13 件，按时办结率为 7.14%。"
         f"超时办结件分布在市局01（2 件）、{listed}等 12 个单位。")]


# Five departments and two counties, one of them (甲县) with a town; March 2021, every case
# a 即办件 completed the day it was accepted.
#            completed  主动评价  回访
#   市一局       4         3
#   市二局       2         2
#   市三局       2         2
#   市四局       1         1
#   市五局       1         0       2
#   甲县         2         1
#   甲县乙镇     2         3
#   丙区         2         2
RANKED_UNITS = """单位名称,别名,层级,上级单位,考核分组,序号
市一局,,市级部门,,,1
市二局,,市级部门,,,2
市三局,,市级部门,,,3
市四局,,市级部门,,,4
市五局,,市级部门,,,5
甲县,,县（市、区）,,,1
丙区,,县（市、区）,,,2
甲县乙镇,,乡镇（街道）,甲县,,1
"""
COMPLETED = {"市一局": 4, "市二局": 2, "市三局": 2, "市四局": 1, "市五局": 1, "甲县": 2,
             "甲县乙镇": 2, "丙区": 2}
ACTIVE = {"市一局": 3, "市二局": 2, "市三局": 2, "市四局": 1, "甲县": 1, "甲县乙镇": 3, "丙区": 2}


def ranked(folder, kind: str = "主动评价"):
    from support.handmade import evaluation

    cases = [done(f"{u}{i}", u, "2021-03-02 09:00:00", "2021-03-02 10:00:00")
             for u, n in COMPLETED.items() for i in range(n)]
    evaluations = [evaluation(f"V{u}{i}", u, "2021-03-03 09:00:00", "满意", kind)
                   for u, n in ACTIVE.items() for i in range(n)]
    evaluations += [evaluation(f"F{i}", "市五局", "2021-03-03 09:00:00", "满意", "回访评价")
                    for i in range(2)]
    return open_month(make(folder, cases, evaluations, units=RANKED_UNITS), "2021-03")


def test_evaluation_rankings_and_county_rollups(tmp_path):
    head, detail = evaluation_paragraphs(ranked(tmp_path))
    # 全市: 主动 3 + 2 + 2 + 1 + 1 + 3 + 2 = 14 of 16 completed (87.50%); with 市五局's
    # two 回访: 16 evaluations, no 差评
    assert head == ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 14 条，主动评价率为 87.50%；"
                    "主动评价与回访评价合计 16 条，其中差评数 0 条，满意率为 100.00%。"
                    "（备注：主动评价率=群众办件主动评价数/办结件总数×100%）。")
    # 市本级 8 of 10; 甲县 with its town: (1 + 3) of (2 + 2); 丙区 2 of 2.
    # Most by department: 市一局 3, then 市二局 and 市三局 with 2 each (registry order), not
    # 市四局; by region each county with everything under it: 甲县 1 + 3 = 4, 丙区 2.
    assert detail == ("其中，市本级主动评价数为 8 条，主动评价率为 80.00%；"
                      "甲县主动评价数为 4 条，主动评价率为 100.00%；"
                      "丙区主动评价数为 2 条，主动评价率为 100.00%。"
                      "主动评价数较多的部门为市一局、市二局、市三局；主动评价数较多的地区为甲县、丙区。")


def test_without_active_evaluations_nobody_is_named(tmp_path):
    head, detail = evaluation_paragraphs(ranked(tmp_path, kind="回访评价"))
    assert "主动评价总数 0 条" in head and "主动评价率为 0.00%" in head
    assert detail == ("其中，市本级主动评价数为 0 条，主动评价率为 0.00%；"
                      "甲县主动评价数为 0 条，主动评价率为 0.00%；"
                      "丙区主动评价数为 0 条，主动评价率为 0.00%。")


def test_units_that_completed_most(tmp_path):
    b = ranked(tmp_path)
    level = operation_paragraphs(b, "市本级", "city_level")[0]
    assert level.endswith("市一局、市二局、市三局办结件较多，分别为 4 件、2 件、2 件。")
    counties = operation_paragraphs(b, "各县（市、区）", "counties")[0]
    # 甲县 with its town 2 + 2 = 4 (the county's figure everywhere), 丙区 2
    assert counties.endswith("甲县、丙区办结件较多，分别为 4 件、2 件。")
    city = operation_paragraphs(b, "全市", "city")[0]
    assert city == ("2021年3月，全市通过一体化政务服务平台共申请依申请政务服务事项 16 件，受理 16 件，"
                    "办结 16 件；承诺件申请 0 件，受理 0 件，办结 0 件。")  # nobody named for 全市
