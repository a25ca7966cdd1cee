"""The 好差评 head sentence keeps one base per clause (issue 17): 主动评价数 and 主动评价率
count the 主动评价 only, 差评数 and 满意率 every evaluation (主动 and 回访). A month with
回访评价 names both bases; a month without them has one base and the seed's sentence.

A tiny dataset, March 2021 (every case a 即办件 completed the hour it was accepted):

    unit     completed  主动评价                      回访评价
    市甲局   4          满意, 不满意, 非常满意          非常不满意, 满意
    甲县     1          基本满意

主动评价 4 (one 差评), all evaluations 6 (two 差评: one 主动, one 回访).
"""

from __future__ import annotations

from bulletin import open_month
from bulletin.report.sections.operation.narrative import evaluation_paragraphs
from support.aggregated import write_csv
from support.export_rows import UNIT_STATS_HEADER
from support.handmade import CONFIG, done, evaluation, make, write

UNITS = """单位名称,别名,层级,上级单位,考核分组,序号
市甲局,,市级部门,,,1
甲县,,县（市、区）,,,1
"""

CASES = [done(f"C{i}", "市甲局", "2021-03-02 09:00:00", "2021-03-02 10:00:00") for i in range(4)]
CASES.append(done("C9", "甲县", "2021-03-03 09:00:00", "2021-03-03 10:00:00"))

ACTIVE = [
    evaluation("A1", "市甲局", "2021-03-04 09:00:00", "满意"),
    evaluation("A2", "市甲局", "2021-03-04 10:00:00", "不满意"),
    evaluation("A3", "市甲局", "2021-03-05 09:00:00", "非常满意"),
    evaluation("A4", "甲县", "2021-03-05 10:00:00", "基本满意"),
]
FOLLOW_UP = [
    evaluation("F1", "市甲局", "2021-03-10 09:00:00", "非常不满意", "回访评价"),
    evaluation("F2", "市甲局", "2021-03-11 09:00:00", "满意", "回访评价"),
]
NOTE = "（备注：主动评价率=群众办件主动评价数/办结件总数×100%）。"


def head_of(folder) -> str:
    return evaluation_paragraphs(open_month(folder, "2021-03"))[0]


def test_follow_up_evaluations_name_both_bases(tmp_path):
    head = head_of(make(tmp_path, CASES, ACTIVE + FOLLOW_UP, units=UNITS))
    # 主动 4 of 5 completed: 80.00%. Every evaluation: 4 + 2 = 6, 差评 A2 and F1 = 2;
    # 满意率 (6 − 2) / 6 = 66.666…% → 66.66%. The 差评 of the 主动 base alone (1) is not
    # printed, so no 差评数 stands beside 主动评价总数 as if it were of the 4.
    assert head == ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 4 条，主动评价率为 80.00%；"
                    "主动评价与回访评价合计 6 条，其中差评数 2 条，满意率为 66.66%。" + NOTE)


def test_only_active_evaluations_keep_the_seed_sentence(tmp_path):
    head = head_of(make(tmp_path, CASES, ACTIVE, units=UNITS))
    # every evaluation is a 主动评价: 4, 差评 1 (A2), 满意率 (4 − 1) / 4 = 75.00%,
    # 主动评价率 4 / 5 = 80.00% — one base throughout
    assert head == ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 4 条，差评数 1 条，"
                    "满意率为 75.00%，主动评价率为 80.00%。" + NOTE)


def test_only_follow_up_evaluations(tmp_path):
    head = head_of(make(tmp_path, CASES, FOLLOW_UP, units=UNITS))
    # 主动 0 of 5: 0.00%; every evaluation 2, 差评 1 (F1): 满意率 1 / 2 = 50.00%
    assert head == ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 0 条，主动评价率为 0.00%；"
                    "主动评价与回访评价合计 2 条，其中差评数 1 条，满意率为 50.00%。" + NOTE)


# An aggregated export states 主动评价数 and 主动评价率 only: no 评价数, 差评数 or 满意率.
def test_an_export_gives_the_active_base_only(tmp_path):
    write(tmp_path, "dataset.yml", CONFIG)
    write(tmp_path, "units.csv", UNITS)
    write_csv(tmp_path / "unit_stats" / "2021-03.csv", UNIT_STATS_HEADER + [
        [1, "市甲局", 120, 118, 110, 0, 60, 45, "80.00%", "75.50%", "75.00%", 50, 49, 47, 30, 25,
         "42.73%", "70.00%", "83.33%", 40, "36.36%"],
        [2, "甲县", 30, 30, 40, 0, 0, 0, "-", "-", "-", 0, 0, 0, 0, 0, "-", "-", "-", 9, "22.50%"],
    ])
    # 全市 主动 40 + 9 = 49 of 110 + 40 = 150 completed: 32.666…% → 32.66%
    assert head_of(tmp_path) == ("2021年3月，全市在一体化政务服务平台上办件主动评价总数 49 条，"
                                 "主动评价率为 32.66%。" + NOTE)
