"""The review tells the analyst what reading the inputs set aside: each file with quarantined
rows (read = used + quarantined), every bad cell (file, Excel row, column, value, what was
expected), files not read and months without data. A publish quarantines bad rows instead
of stopping, so without this they would be left out of every figure without a word."""

from __future__ import annotations

from bulletin import open_month
from bulletin.report.sections.common import CLUES, INPUTS, Review
from bulletin.report.sections.review import PROBLEM_LIMIT, literal, review_markdown
from support.handmade import BOUNDARIES, CONFIG, EVALUATIONS, done, make

# The bad rows of support.handmade, in Excel rows (header = row 1): cases.csv data rows
# P1..P6, I1, I2 are rows 2..9, so the repeated P1 is row 10 and Q2..Q5 rows 11..14;
# evaluations.csv E1..E6, E14 are rows 2..8, so E7 is row 9, E1 again 10, E9 11, E13 12.
# The losses come first (report.losses): 市未知局 once, with its rows in both files (Q3 and
# E13); 5 of 16 case rows quarantined (31.25 %) and 4 of 14 evaluation rows (28.57 %), each
# over 1 %; 全市申请件 9 in March (P1..P6, I1, I2, M3) against 1 in February (M2): +800 %.
# The two unknown-unit cells are not listed again one by one.
LOSS = "数据损失（bulletin publish 拒绝发布本月，除非使用 --accept-loss）："
EXPECTED = f"""## 输入数据

读取输入时未使用的行和文件：隔离的行不计入通报的任何数字。请核实，更正输入后重新发布。

1. {LOSS}单位名录中没有的单位「市未知局」：2 行（ds/cases/cases.csv 1 行、ds/evaluations/evaluations.csv 1 行），已隔离，不计入任何数字；名录中最相近的：市甲局、市乙局
2. {LOSS}ds/cases/cases.csv：隔离 5 行，占读取的 16 行的 31.25%，超过 1%（dataset.yml 的 loss\\_gates.quarantined\\_share\\_max）；主要问题：「办件编号」列 1 处：应为在数据集中唯一的办件编号（此编号已在前面出现）；「办结时间」列 1 处：应为不早于受理时间的办结时间
3. {LOSS}ds/evaluations/evaluations.csv：隔离 4 行，占读取的 14 行的 28.57%，超过 1%（dataset.yml 的 loss\\_gates.quarantined\\_share\\_max）；主要问题：「评价等级」列 1 处：应为非常满意、满意、基本满意、不满意、非常不满意 之一；「评价编号」列 1 处：应为唯一的评价编号（此编号已在前面出现）
4. {LOSS}全市申请件 9 件，较上月（2021-02）1 件增加 8 件（\\+800%），增减超过 50%（dataset.yml 的 loss\\_gates.applied\\_change\\_max）
5. ds/cases/cases.csv：读取 16 行 = 使用 11 行 + 隔离 5 行
6. ds/evaluations/evaluations.csv：读取 14 行 = 使用 10 行 + 隔离 4 行
7. 文件 ds/cases/cases.csv 第 10 行「办件编号」列：值「P1」不符合要求，应为在数据集中唯一的办件编号（此编号已在前面出现）
8. 文件 ds/cases/cases.csv 第 11 行「办结时间」列：值「2021-03-01 10:00:00」不符合要求，应为不早于受理时间的办结时间
9. 文件 ds/cases/cases.csv 第 13 行「承诺时限」列：值「-1」不符合要求，应为不小于 0 的整数（工作日）
10. 文件 ds/cases/cases.csv 第 14 行「申请方式」列：值「邮寄」不符合要求，应为线上或线下（或 网上、网办、在线、窗口、现场、大厅）
11. 文件 ds/evaluations/evaluations.csv 第 9 行「评价等级」列：值「一般」不符合要求，应为非常满意、满意、基本满意、不满意、非常不满意 之一
12. 文件 ds/evaluations/evaluations.csv 第 10 行「评价编号」列：值「E1」不符合要求，应为唯一的评价编号（此编号已在前面出现）
13. 文件 ds/evaluations/evaluations.csv 第 11 行「整改完成时间」列：值「2021-03-14 10:00:00」不符合要求，应为不早于评价时间的整改完成时间
"""


def review(folder, cases, evaluations=None, blocks=(), config=CONFIG) -> str:
    return review_markdown(open_month(make(folder / "ds", cases, evaluations, config), "2021-03"),
                           list(blocks))


def test_every_quarantined_row_is_in_the_review_with_its_file_counts(tmp_path):
    text = review(tmp_path, BOUNDARIES, EVALUATIONS, [Review(CLUES, "一条线索")])
    assert EXPECTED in text
    # the full list: the real dataset and months (March back to January, the first month
    # with a case: M1), not placeholders
    command = (f"bulletin facts --dataset {tmp_path / 'ds'} --month 2021-01 --to 2021-03 "
               "--out ds-2021-03.parquet")
    assert (f"14. 每处问题的行号、列和值的完整清单：{literal(command)}"
            "（写出 ds-2021-03.quarantine.csv）") in text
    assert text.index(f"## {INPUTS}") < text.index(f"## {CLUES}")  # the inputs come first


def test_clean_inputs_add_nothing_to_the_review(tmp_path):
    good = BOUNDARIES[:8] + BOUNDARIES[13:]  # without the five bad rows
    # 9 cases applied in March against 1 in February (+800 %) is no loss here
    text = review(tmp_path, good, config=CONFIG + "loss_gates:\n  applied_change_max: 9\n")
    assert f"## {INPUTS}" not in text and "隔离" not in text


def test_a_bad_cell_holding_an_id_or_mobile_number_is_masked(tmp_path):
    bad = [done("X1", "110101199003074514", "2021-03-01 09:00:00", "2021-03-02 09:00:00"),
           done("X2", "市甲局 13812345678", "2021-03-01 09:00:00", "2021-03-02 09:00:00")]
    text = review(tmp_path, BOUNDARIES[:8] + bad)
    assert "110101199003074514" not in text and "13812345678" not in text
    # each an unknown unit: one line each, masked, with the registry's nearest names
    assert "单位名录中没有的单位「［身份证号已隐去］」：1 行（ds/cases/cases.csv 1 行）" in text
    assert ("单位名录中没有的单位「市甲局 138＊＊＊＊5678」：1 行（ds/cases/cases.csv 1 行），"
            "已隔离，不计入任何数字；名录中最相近的：市甲局") in text
    assert "ds/cases/cases.csv：读取 10 行 = 使用 8 行 + 隔离 2 行" in text


def test_past_the_limit_the_bad_cells_are_counted_and_the_full_list_named(tmp_path):
    many = [done(f"Z{n}", "市甲局", "2021-03-01 09:00:00", "2021-03-02 09:00:00", channel="邮寄")
            for n in range(PROBLEM_LIMIT + 3)]  # 23 bad 申请方式, rows 10..32
    text = review(tmp_path, BOUNDARIES[:8] + many)
    assert "ds/cases/cases.csv：读取 31 行 = 使用 8 行 + 隔离 23 行" in text
    assert text.count("」不符合要求，应为线上或线下") == PROBLEM_LIMIT == 20
    assert "第 29 行「申请方式」" in text and "第 30 行「申请方式」" not in text  # the 20th: 10 + 19
    command = f"bulletin facts --dataset {tmp_path / 'ds'} --month 2021-03 --out ds-2021-03.parquet"
    assert f"另有 3 处问题未列出；每处问题的行号、列和值的完整清单：{literal(command)}" in text
    assert "数据集" + " --month 月份" not in text


def test_an_unknown_unit_is_one_line_with_its_rows_and_nearest_names(tmp_path):
    """23 rows of one unknown unit and 2 of another: two lines, not 25 (nor 20 and a count)."""
    many = [done(f"Z{n}", "市未知局", "2021-03-01 09:00:00", "2021-03-02 09:00:00")
            for n in range(PROBLEM_LIMIT + 3)]  # rows 10..32
    many += [done(f"Y{n}", "丙县丁", "2021-03-01 09:00:00", "2021-03-02 09:00:00")
             for n in range(2)]  # rows 33, 34
    text = review(tmp_path, BOUNDARIES[:8] + many)
    assert text.count("单位名录中没有的单位") == 2 and "不符合要求，应为单位名录中的单位" not in text
    assert ("单位名录中没有的单位「市未知局」：23 行（ds/cases/cases.csv 23 行），已隔离，不计入任何数字；"
            "名录中最相近的：市甲局、市乙局") in text
    # 丙县丁 is nearest 丙县丁镇 (6/7), then 丙县 (4/5), then 丁镇, the alias of 丙县丁镇
    assert "「丙县丁」：2 行（ds/cases/cases.csv 2 行），已隔离，不计入任何数字；名录中最相近的：丙县丁镇、丙县" \
        in text
    assert text.index("「市未知局」") < text.index("「丙县丁」")  # most rows first
    assert "每处问题的行号、列和值的完整清单：bulletin facts --dataset" in text  # rows listed there
