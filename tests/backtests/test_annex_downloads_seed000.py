"""The published annex files of seed 000 (2021-02), cell by cell: what
``bulletin.report.outputs.write_outputs`` writes as CSV and XLSX, checked against the annex
tables seed 000 prints (tests/fixtures/seeds/ holds its text).

The 合计 rows are sums of the printed unit rows (附件1: the 41 市级部门 = 市本级; 附件2: the 8
counties = 各县（市、区）), added up by hand below. Seed 000 has no month before February:
the annexes have no 较上月 column, as the seed prints none (it used to be a column of 「—」).
"""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from bulletin import open_month
from bulletin.report.outputs import write_outputs
from support.paths import DATA
from support.scopes import shared

ANNEX1, ANNEX2 = "附件1_市级部门运行情况表", "附件2_县（市、区）运行情况表"

HEADER = ["序号", "单位", "办件情况（件）/申请", "办件情况（件）/受理", "办件情况（件）/办结",
          "办件情况（件）/超时办结", "承诺件办件情况（件）/办结", "承诺件办件情况（件）/提前办结",
          "承诺件办件效率（%）/承诺提速", "承诺件办件效率（%）/办理提速", "承诺件办件效率（%）/提前办结",
          "线上办件情况（件）/申请", "线上办件情况（件）/受理", "线上办件情况（件）/办结",
          "线上承诺件办件情况（件）/办结", "线上承诺件办件情况（件）/提前办结",
          "线上承诺办件效率/网上办理", "线上承诺办件效率/办理提速", "线上承诺办件效率/提前办结",
          "办件主动评价/主动评价数", "办件主动评价/主动评价率"]

# 附件1 rows as the seed prints them (序号, 单位, then its 19 figures).
SEED_ROWS_1 = {
    2: "2 市发展和改革委员会 0 1 5 0 4 4 69.79% 16.25% 100.00% 0 1 1 0 0 0.00% 0.00% 0.00% 2 40.00%",
    8: "8 市公安局 1129 1129 1129 0 1128 1128 54.69% 94.73% 100.00% 1129 1129 1129 1128 1128 "
       "100.00% 94.73% 100.00% 2 0.00%",
    13: "13 市人力资源和社会保障局 1131 1131 859 0 266 266 24.71% 99.97% 100.00% 27 26 26 0 0 "
        "0.00% 0.00% 0.00% 1106 128.75%",
    17: "17 市交通运输局 1752 1753 1750 0 365 365 47.52% 100.00% 100.00% 1463 1464 1461 364 364 "
        "99.73% 0.00% 100.00% 574 32.80%",
    # 主动评价数 printed as "-": not stated, shown as "-", never 0
    37: "37 市邮政管理局 0 0 0 0 0 0 0.00% 0.00% 0.00% 0 0 0 0 0 0.00% 0.00% 0.00% - 0.00%",
    41: "41 市消防救援支队 1 1 1 0 1 1 0.00% 100.00% 100.00% 1 1 1 1 1 100.00% 100.00% 100.00% 0 0.00%",
}

# 合计 of 附件1 = 市本级, summed by hand from the seed's annex 1:
#   申请 6545 (the table; the text says 6548), 受理 6595, 办结 6367, 超时 0,
#   承诺件办结 3163 = 提前办结 3163 (every unit's 提前办结 equals its 办结),
#   线上 申请 2699, 受理 2686, 办结 2661; 线上承诺件办结 1512 = 1128 + 364 + 19 + 1, 提前 1512;
#   主动评价数 rows 1–13: 2 + 8 + 1 + 5 + 2 + 29 + 1 + 1106 = 1154, rows 14–29: 84 + 3 + 403
#   + 574 + 6 + 11 + 45 + 13 + 117 + 4 + 1 + 35 = 1296, rows 30–41: 1662 + 2 + 20 + 281 = 1965;
#   1154 + 1296 + 1965 = 4415.
# Rates from the sums: 提前办结 3163 / 3163 = 100.00%; 网上办理 1512 / 3163 = 47.80…%;
# 线上提前办结 1512 / 1512 = 100.00%; 主动评价率 4415 / 6367 = 69.34…%. 承诺提速 and both 办理提速
# are given per unit by the export and cannot be pooled from it: "-".
TOTAL_1 = ("合计 6545 6595 6367 0 3163 3163 - - 100.00% 2699 2686 2661 1512 1512 47.80% - 100.00% "
           "4415 69.34%")

# 附件2 as printed, and its 合计 = 各县（市、区）:
#   申请 9380 + 33556 + 10228 + 50311 + 75940 + 16429 + 46818 + 472 = 243134,
#   受理 242912, 办结 237619, 承诺件办结 491 + 6876 + 3960 + 19453 + 14151 + 2388 + 16135 + 176
#   = 63630, 线上申请 103562, 线上受理 5977 + 3704 + 2519 + 45149 + 37952 + 2137 + 5616 + 463
#   = 103517 (the text says 68251), 线上办结 5886 + 3668 + 2488 + 44707 + 36369 + 2138 + 5606
#   + 463 = 101325, 线上承诺件办结 201 + 128 + 985 + 16708 + 8200 + 367 + 3075 + 171 = 29835;
#   主动评价数 8172 + 12863 + 2476 + 17750 + 12683 + 7145 + 15624 + 352 = 77065.
#   网上办理 29835 / 63630 = 46.88…%; 主动评价率 77065 / 237619 = 32.43…%.
SEED_ROWS_2 = """
1 通川区 9380 9379 9319 0 491 491 50.61% 92.98% 100.00% 5972 5977 5886 201 201 40.94% -160.00% 100.00% 8172 87.69%
2 达川区 33556 33553 32857 0 6876 6876 64.51% 99.71% 100.00% 3701 3704 3668 128 128 1.86% 100.00% 100.00% 12863 39.15%
3 万源市 10228 10217 10075 0 3960 3960 67.35% 99.94% 100.00% 2525 2519 2488 985 985 24.87% 99.88% 100.00% 2476 24.58%
4 宣汉县 50311 50291 49872 0 19453 19453 50.06% 99.54% 100.00% 45166 45149 44707 16708 16708 85.89% 99.53% 100.00% 17750 35.59%
5 大竹县 75940 75921 74586 0 14151 14151 49.05% 98.48% 100.00% 37968 37952 36369 8200 8200 57.95% 99.68% 100.00% 12683 17.00%
6 渠县 16429 16108 16047 0 2388 2388 44.89% 99.89% 100.00% 2145 2137 2138 367 367 15.37% 99.66% 100.00% 7145 44.53%
7 开江县 46818 46980 44393 0 16135 16135 51.20% 99.89% 100.00% 5621 5616 5606 3075 3075 19.06% 99.75% 100.00% 15624 35.19%
8 达州高新区 472 463 470 0 176 176 62.09% 99.98% 100.00% 464 463 463 171 171 97.16% 99.98% 100.00% 352 74.89%
""".splitlines()[1:]
TOTAL_2 = ("合计 243134 242912 237619 0 63630 63630 - - 100.00% 103562 103517 101325 29835 29835 "
           "46.88% - 100.00% 77065 32.43%")


@pytest.fixture(scope=shared)
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed000-out")
    written = write_outputs(open_month(DATA / "seed000", "2021-02"), folder)
    assert sorted(written.downloads) == sorted(
        [f"{ANNEX1}.csv", f"{ANNEX1}.xlsx", f"{ANNEX2}.csv", f"{ANNEX2}.xlsx"])
    return folder


def read_csv(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so that Excel opens it"
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_annex1_csv_unit_rows_are_the_seed_rows(out):
    rows = read_csv(out / f"{ANNEX1}.csv")
    assert rows[0] == HEADER
    assert len(rows) == 1 + 41 + 1  # header, 41 departments, 合计
    assert [r[1] for r in rows[1:4]] == ["市委宣传部", "市发展和改革委员会", "市经济和信息化局"]
    for number, printed in SEED_ROWS_1.items():
        assert rows[number] == printed.split(), number


def test_annex1_csv_total_is_the_city_level_sum(out):
    total = read_csv(out / f"{ANNEX1}.csv")[-1]
    assert total == [""] + TOTAL_1.split()


def test_annex2_csv_rows_and_total(out):
    rows = read_csv(out / f"{ANNEX2}.csv")
    assert rows[0] == ["序号", "地区", *HEADER[2:]]
    assert rows[1:-1] == [r.split() for r in SEED_ROWS_2]
    assert rows[-1] == [""] + TOTAL_2.split()


def cells(sheet, row: int) -> list:
    """A row's values up to its last filled cell (the notes below the table may reach further)."""
    values = [c.value for c in sheet[row]]
    while values and values[-1] is None:
        values.pop()
    return values


def test_annex1_xlsx_header_numbers_and_total(out):
    sheet = load_workbook(out / f"{ANNEX1}.xlsx").active
    assert sheet["A1"].value == "达州市一体化政务服务平台市级部门运行情况表（2021年2月）"
    assert "A1:U1" in {str(r) for r in sheet.merged_cells.ranges}  # 序号, 单位 and 19 figures
    assert (sheet["A2"].value, sheet["B2"].value, sheet["C2"].value) == ("序号", "单位", "办件情况（件）")
    assert [sheet.cell(3, c).value for c in range(3, 7)] == ["申请", "受理", "办结", "超时办结"]
    assert (sheet["U3"].value, sheet["V2"].value, sheet["V3"].value) == ("主动评价率", None, None)
    # row 4 + 12 = 市人力资源和社会保障局 (序号 13): counts are numbers, rates the numbers their
    # printed text shows (24.71% = 0.2471) in the format 0.00%, "-" and "—" the printed text
    assert cells(sheet, 16) == [13, "市人力资源和社会保障局", 1131, 1131, 859, 0, 266, 266,
                                0.2471, 0.9997, 1.0, 27, 26, 26, 0, 0, 0.0,
                                0.0, 0.0, 1106, 1.2875]
    assert sheet["I16"].number_format == "0.00%" and sheet["C16"].number_format == "0"
    assert sheet.max_row == 3 + 41 + 1
    assert cells(sheet, 45)[1:] == ["合计", 6545, 6595, 6367, 0, 3163, 3163, "-", "-", 1.0,
                                    2699, 2686, 2661, 1512, 1512, 0.478, "-", 1.0,
                                    4415, 0.6934]


def test_annex2_xlsx_total(out):
    sheet = load_workbook(out / f"{ANNEX2}.xlsx").active
    assert sheet["B2"].value == "地区"
    assert cells(sheet, 4)[:3] == [1, "通川区", 9380]
    assert cells(sheet, 4)[17] == -1.6  # a negative rate as given: -160.00%
    assert cells(sheet, 12)[1:] == ["合计", 243134, 242912, 237619, 0, 63630, 63630, "-", "-",
                                    1.0, 103562, 103517, 101325, 29835, 29835, 0.4688, "-",
                                    1.0, 77065, 0.3243]
