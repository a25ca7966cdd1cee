"""report.sections.operation.narrative: the sentences the mutation run found untested
(bench/mutation-notes/report.md) — a month compared with the same month a year earlier but
not with the previous month, an aggregated export that leaves the 承诺件 and some 主动评价 cells
blank, a February export without its county sheet, and the tenth / eleventh unit with an
overdue case."""

from __future__ import annotations

import pytest

from bulletin import open_month
from bulletin.report.sections.operation.narrative import (
    comparison_sentence,
    evaluation_paragraphs,
    operation_paragraphs,
    overdue_paragraphs,
    sentence,
)
from support.handmade import CONFIG, UNITS, done, make, write
from support.scopes import shared

# ---------------------------------------------------------------------- 同比 without 环比


def early(case_id: str, day: str) -> str:
    """A 承诺件 (承诺时限 3) completed the day it was accepted: elapsed 0 < 3, early."""
    return done(case_id, "市甲局", f"{day} 09:00:00", f"{day} 15:00:00", "", 3)


def on_time(case_id: str, day: str, next_day: str) -> str:
    """A 承诺件 (承诺时限 1) completed the next working day: elapsed 1 = 1, on time."""
    return done(case_id, "市甲局", f"{day} 09:00:00", f"{next_day} 15:00:00", "", 1)


# March 2020 (03-02 a Monday): 1 early + 3 on time = 4 承诺件, 提前办结率 1 / 4 = 25%.
# March 2021 (03-02 a Tuesday): 3 early + 1 on time + 1 即办件 = 5 cases, 提前办结率 3 / 4 = 75%.
# No month in between: no 环比 and no 累计 (January and February 2021 are missing).
TWO_MARCHES = [
    early("A1", "2020-03-02"),
    *[on_time(f"A{i}", "2020-03-02", "2020-03-03") for i in (2, 3, 4)],
    *[early(f"B{i}", "2021-03-02") for i in (1, 2, 3)],
    on_time("B4", "2021-03-02", "2021-03-03"),
    done("B5", "市甲局", "2021-03-02 09:00:00", "2021-03-02 10:00:00"),
]


def test_year_ago_compared_when_the_previous_month_is_missing(tmp_path):
    b = open_month(make(tmp_path, TWO_MARCHES), "2021-03")
    # 申请 and 办结 5 against 4: +1 (+25.00%); 提前办结率 (75% against 25%) is compared
    # month over month only, so the 同比 leaves it out; no word of the missing 环比
    assert comparison_sentence(b, "全市") == (
        "与去年同期相比，申请件较去年同期增加 1 件（+25.00%），办结件较去年同期增加 1 件（+25.00%）。")


# ---------------------------------------------------------------------- an aggregated export

HEADER = ("序号,单位,办件情况（件）,,,,承诺件办件情况（件）,,承诺件办件效率（%）,,,线上办件情况（件）,,,"
          "线上承诺件办件情况（件）,,线上承诺办件效率,,,办件主动评价,\n"
          ",,申请,受理,办结,超时办结,办结,提前办结,承诺提速,办理提速,提前办结,申请,受理,办结,"
          "办结,提前办结,网上办理,办理提速,提前办结,主动评价数,主动评价率\n")
BLANK_PROMISE = ",,,,"  # 承诺件 办结, 提前办结 and its three rates: not stated
BLANK_ONLINE_PROMISE = ",,,,"  # 线上承诺件 办结, 提前办结 and the three rates after them


def stats_row(order: int, unit: str, counts: str, online: str, evaluated: str) -> str:
    return f"{order},{unit},{counts},{BLANK_PROMISE},{online},{BLANK_ONLINE_PROMISE},{evaluated}\n"


#            申请 受理 办结 超时   线上 申请 受理 办结   主动评价数, 率
MARCH_ROWS = [
    stats_row(1, "市甲局", "10,9,8,1", "4,4,3", "4,50.00%"),
    stats_row(2, "市乙局", "5,5,5,0", "1,1,1", "2,40.00%"),
    stats_row(1, "丙县", "7,7,6,2", "2,2,2", ","),  # 主动评价 left blank
    stats_row(2, "戊区", "4,4,4,0", "0,0,0", "1,25.00%"),
    stats_row(1, "丙县丁镇", "3,3,3,0", "0,0,0", ","),  # 主动评价 left blank
]


def aggregated(folder, exports: dict[str, list[str]]):
    write(folder, "dataset.yml", CONFIG)
    write(folder, "units.csv", UNITS)
    for month, rows in exports.items():
        write(folder, f"unit_stats/{month}.csv", HEADER + "".join(rows))
    return folder


@pytest.fixture(scope=shared)
def blank_cells(tmp_path_factory):
    return open_month(aggregated(tmp_path_factory.mktemp("agg"), {"2021-03": MARCH_ROWS}),
                      "2021-03")


def test_operation_without_promise_figures_has_no_promise_clause(blank_cells):
    first, online, compared = operation_paragraphs(blank_cells, "全市", "city")
    # 申请 10 + 5 + 7 + 4 + 3 = 29, 受理 9 + 5 + 7 + 4 + 3 = 28, 办结 8 + 5 + 6 + 4 + 3 = 26;
    # no 承诺件 figure: the sentence ends after 办结, no "；承诺件…"
    assert first == ("2021年3月，全市通过一体化政务服务平台共申请依申请政务服务事项 29 件，"
                     "受理 28 件，办结 26 件。")
    # 线上 申请 4 + 1 + 2 = 7 of 29 = 24.137…%, 受理 7, 办结 3 + 1 + 2 = 6; no 承诺件线上
    # sentence at all (not an empty "。")
    assert online == "其中，公众通过线上申请依申请政务服务事项 7 件，占比 24.13%，受理 7 件，办结 6 件。"
    assert compared == ""  # no previous month: no 环比, and nothing said of it


def test_a_county_without_evaluation_cells_is_left_out(blank_cells):
    _, detail = evaluation_paragraphs(blank_cells)
    # 市本级 (4 + 2) / (8 + 5) = 46.153…%; 丙县 (with 丙县丁镇) states no 主动评价: left out,
    # and 戊区 after it is still named (its own row: 1 条, 25.00% as given)
    assert detail == ("其中，市本级主动评价数为 6 条，主动评价率为 46.15%；"
                      "戊区主动评价数为 1 条，主动评价率为 25.00%。"
                      "主动评价数较多的部门为市甲局、市乙局；主动评价数较多的地区为戊区。")


def test_previous_export_without_counties_gives_no_county_comparison(tmp_path):
    departments = [r for r in MARCH_ROWS if "局" in r]  # February: the 市级部门 sheet only
    b = open_month(aggregated(tmp_path, {"2021-02": departments, "2021-03": MARCH_ROWS}),
                   "2021-03")
    # February states nothing of any county: 各县（市、区） has no 环比 clause, and no
    # empty "与上月相比，。"; January is missing, so no 累计 either
    assert comparison_sentence(b, "各县（市、区）") == ""
    # 市本级 is compared: 申请 and 办结 the same as in February
    assert comparison_sentence(b, "市本级") == "与上月相比，申请件与上月持平，办结件与上月持平。"


def test_sentence_of_nothing_is_empty():
    assert sentence() == "" and sentence("", "") == ""
    assert sentence("甲", "", "乙") == "甲，乙。"


# ---------------------------------------------------------------------- ten overdue units


@pytest.mark.parametrize(("late_units", "tail"), [
    (10, " 10 个单位。"),  # all ten listed: no 等
    (11, "等 11 个单位。"),  # the first ten listed, then 等
])
def test_overdue_units_listed_up_to_ten(tmp_path, late_units, tail):
    """One late case (a 即办件 completed the working day after acceptance) per department."""
    units = "单位名称,别名,层级,上级单位,考核分组,序号\n" + "".join(
        f"市局{i:02d},,市级部门,,,{i}\n" for i in range(1, late_units + 1))
    late = [done(f"L{i:02d}", f"市局{i:02d}", "2021-03-01 09:00:00", "2021-03-02 09:00:00")
            for i in range(1, late_units + 1)]
    b = open_month(make(tmp_path, late, units=units), "2021-03")
    listed = "、".join(f"市局{i:02d}（1 件）" for i in range(1, 11))
    # every completed case late: 按时办结率 1 − n / n = 0.00%
    assert overdue_paragraphs(b) == [
        (f"2021年3月，全市一体化政务服务平台超时办结件 {late_units} 件，按时办结率为 0.00%。"
         f"超时办结件分布在{listed}{tail}")]


def test_evaluations_of_a_district_s_towns_are_detailed_as_areas(tmp_path):
    """A registry of one 街道 without 上级单位 (a district's own bulletin): 全市 has its
    evaluations; there is no 市本级, and the 街道 is an area (地区), detailed and ranked
    as the counties are."""
    from support.handmade import evaluation

    units = "单位名称,别名,层级,上级单位,考核分组,序号\n甲街道,,乡镇（街道）,,,1\n"
    cases = [done(f"C{i}", "甲街道", "2021-03-01 09:00:00", "2021-03-01 10:00:00") for i in (1, 2)]
    rated = [evaluation("V1", "甲街道", "2021-03-02 09:00:00", "满意")]
    b = open_month(make(tmp_path, cases, rated, units=units), "2021-03")
    # 主动 1 of 2 completed = 50.00%; 1 evaluation, 满意: 满意率 100.00%
    assert evaluation_paragraphs(b) == [
        ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 1 条，差评数 0 条，"
         "满意率为 100.00%，主动评价率为 50.00%。"
         "（备注：主动评价率=群众办件主动评价数/办结件总数×100%）。"),
        "其中，甲街道主动评价数为 1 条，主动评价率为 50.00%。主动评价数较多的地区为甲街道。",
    ]
