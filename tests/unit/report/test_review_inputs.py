"""The review tells the analyst what reading the inputs set aside: each file with quarantined
rows (read = used + quarantined), every bad cell (file, Excel row, column, value, what was
expected), files not read and months without data. A publish quarantines bad rows instead
of stopping, so without this they would be left out of every figure without a word."""

from __future__ import annotations

from bulletin import open_month
from bulletin.report.sections.common import CLUES, INPUTS, Review
from bulletin.report.sections.review import PROBLEM_LIMIT, review_markdown
from support.handmade import BOUNDARIES, EVALUATIONS, done, make

# The bad rows of support.handmade, in Excel rows (header = row 1): cases.csv data rows
# P1..P6, I1, I2 are rows 2..9, so the repeated P1 is row 10 and Q2..Q5 rows 11..14;
# evaluations.csv E1..E6, E14 are rows 2..8, so E7 is row 9, E1 again 10, E9 11, E13 12.
EXPECTED = """## 输入数据

读取输入时未使用的行和文件：隔离的行不计入通报的任何数字。请核实，更正输入后重新发布。

1. ds/cases/cases.csv：读取 16 行 = 使用 11 行 + 隔离 5 行
2. ds/evaluations/evaluations.csv：读取 14 行 = 使用 10 行 + 隔离 4 行
3. 文件 ds/cases/cases.csv 第 10 行「办件编号」列：值「P1」不符合要求，应为在数据集中唯一的办件编号（此编号已在前面出现）
4. 文件 ds/cases/cases.csv 第 11 行「办结时间」列：值「2021-03-01 10:00:00」不符合要求，应为不早于受理时间的办结时间
5. 文件 ds/cases/cases.csv 第 12 行「办理单位」列：值「市未知局」不符合要求，应为单位名录中的单位或其别名
6. 文件 ds/cases/cases.csv 第 13 行「承诺时限」列：值「-1」不符合要求，应为不小于 0 的整数（工作日）
7. 文件 ds/cases/cases.csv 第 14 行「申请方式」列：值「邮寄」不符合要求，应为线上或线下（或 网上、网办、在线、窗口、现场、大厅）
8. 文件 ds/evaluations/evaluations.csv 第 9 行「评价等级」列：值「一般」不符合要求，应为非常满意、满意、基本满意、不满意、非常不满意 之一
9. 文件 ds/evaluations/evaluations.csv 第 10 行「评价编号」列：值「E1」不符合要求，应为唯一的评价编号（此编号已在前面出现）
10. 文件 ds/evaluations/evaluations.csv 第 11 行「整改完成时间」列：值「2021-03-14 10:00:00」不符合要求，应为不早于评价时间的整改完成时间
11. 文件 ds/evaluations/evaluations.csv 第 12 行「被评价单位」列：值「市未知局」不符合要求，应为单位名录中的单位或其别名
"""


def review(folder, cases, evaluations=None, blocks=()) -> str:
    return review_markdown(open_month(make(folder / "ds", cases, evaluations), "2021-03"),
                           list(blocks))


def test_every_quarantined_row_is_in_the_review_with_its_file_counts(tmp_path):
    text = review(tmp_path, BOUNDARIES, EVALUATIONS, [Review(CLUES, "一条线索")])
    assert EXPECTED in text
    assert text.index(f"## {INPUTS}") < text.index(f"## {CLUES}")  # the inputs come first


def test_clean_inputs_add_nothing_to_the_review(tmp_path):
    good = BOUNDARIES[:8] + BOUNDARIES[13:]  # without the five bad rows
    text = review(tmp_path, good)
    assert f"## {INPUTS}" not in text and "隔离" not in text


def test_a_bad_cell_holding_an_id_or_mobile_number_is_masked(tmp_path):
    bad = [done("X1", "110101199003074514", "2021-03-01 09:00:00", "2021-03-02 09:00:00"),
           done("X2", "市甲局 13812345678", "2021-03-01 09:00:00", "2021-03-02 09:00:00")]
    text = review(tmp_path, BOUNDARIES[:8] + bad)
    assert "110101199003074514" not in text and "13812345678" not in text
    assert "第 10 行「办理单位」列：值「［身份证号已隐去］」不符合要求" in text
    assert "第 11 行「办理单位」列：值「市甲局 138＊＊＊＊5678」不符合要求" in text
    assert "ds/cases/cases.csv：读取 10 行 = 使用 8 行 + 隔离 2 行" in text


def test_past_the_limit_the_bad_cells_are_counted_and_the_full_list_named(tmp_path):
    many = [done(f"Z{n}", "市未知局", "2021-03-01 09:00:00", "2021-03-02 09:00:00")
            for n in range(PROBLEM_LIMIT + 3)]  # 23 unknown units, rows 10..32
    text = review(tmp_path, BOUNDARIES[:8] + many)
    assert "ds/cases/cases.csv：读取 31 行 = 使用 8 行 + 隔离 23 行" in text
    assert text.count("应为单位名录中的单位或其别名") == PROBLEM_LIMIT == 20
    assert "第 29 行「办理单位」" in text and "第 30 行「办理单位」" not in text  # the 20th: 10 + 19
    assert "另有 3 处问题未列出；完整清单：bulletin facts" in text
