"""The annex downloads and headline of a hand-made month, cell by cell: January 2021 of
support.handmade.YEARS, where 市本级 (市甲局) and 全市 (市甲局 + 丙县) differ and the month
before is December 2020, so that 合计 and 较上月 are both checked.

January 2021 (support/handmade.py): 市甲局 6 cases (2 early 承诺件, 2 on-time 承诺件,
2 即办件), 丙县 4 即办件, all offline and completed. December 2020: 市甲局 5, 丙县 3.
No 好差评 input: 主动评价数 is not stated ("-"), never 0.
"""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from bulletin import open_month
from bulletin.core.meta import read_meta
from bulletin.report.outputs import write_outputs
from support.handmade import YEARS, make
from support.scopes import shared

ANNEX1, ANNEX2 = "附件1_市级部门运行情况表", "附件2_县（市、区）运行情况表"


@pytest.fixture(scope=shared)
def out(tmp_path_factory):
    folder = make(tmp_path_factory.mktemp("years"), YEARS)
    target = tmp_path_factory.mktemp("out")
    write_outputs(open_month(folder, "2021-01"), target)
    return target


def rows(path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_departments_annex_total_is_the_city_level(out):
    body = rows(out / f"{ANNEX1}.csv")[1:]
    # 市甲局: 申请 受理 办结 6, 超时 0; 承诺件办结 4, 提前 2; 承诺提速 and 办理提速 without any
    # 法定时限: "-"; 提前办结 2 / 4 = 50.00%; 线上 0; 网上办理 0 / 4 = 0.00%; 线上 rates "-";
    # 主动评价 not stated: "-", "-"; 较上月 6 against December's 5: ↑1
    a = ["1", "市甲局", "6", "6", "6", "0", "4", "2", "-", "-", "50.00%", "0", "0", "0", "0", "0",
         "0.00%", "-", "-", "-", "-", "↑1"]
    b = ["2", "市乙局", "0", "0", "0", "0", "0", "0", "-", "-", "-", "0", "0", "0", "0", "0",
         "-", "-", "-", "-", "-", "持平"]
    total = ["", "合计", *a[2:]]  # 市本级 = 市甲局 + 市乙局 (not 全市: 10 cases)
    assert body == [a, b, total]


def test_counties_annex_total_is_the_sum_of_the_counties(out):
    body = rows(out / f"{ANNEX2}.csv")[1:]
    # 丙县: 4 即办件 (no 承诺件), December 3: ↑1
    c = ["1", "丙县", "4", "4", "4", "0", "0", "0", "-", "-", "-", "0", "0", "0", "0", "0",
         "-", "-", "-", "-", "-", "↑1"]
    e = ["2", "戊区", "0", "0", "0", "0", "0", "0", "-", "-", "-", "0", "0", "0", "0", "0",
         "-", "-", "-", "-", "-", "持平"]
    # under 丙县, indented: its own 4 cases (丙县本级) and 丙县丁镇's none
    own = ["", "\u3000丙县本级", *c[2:]]
    town = ["", "\u3000丙县丁镇", *e[2:]]
    assert body == [c, own, town, e, ["", "合计", *c[2:]]]


def test_xlsx_holds_the_same_cells(out):
    sheet = load_workbook(out / f"{ANNEX1}.xlsx").active
    assert sheet["A1"].value == "示例市一体化政务服务平台市级部门运行情况表（2021年1月）"
    assert [c.value for c in sheet[6]][1:8] == ["合计", 6, 6, 6, 0, 4, 2]
    assert sheet["V6"].value == "↑1"
    assert (sheet["K6"].value, sheet["K6"].number_format) == (0.5, "0.00%")  # 50.00%


def test_headline_is_the_whole_city(out):
    meta = read_meta(out / "meta.json")
    shown = {f.key: f.display for f in meta.headline}
    # 全市: 10 applied, accepted, completed; 0 late; on time 100%; 提前办结率 2 / 4;
    # 线上申请占比 0 / 10; no 好差评 input: no 主动评价 figures
    assert shown == {"applied": "10", "accepted": "10", "completed": "10",
                     "completed_overdue": "0", "on_time_rate": "100.00%",
                     "promise_early_rate": "50.00%", "online_share": "0.00%"}
    assert (meta.month, meta.issue_label) == ("2021-01", "2021 年第 1 期")
