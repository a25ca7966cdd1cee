"""The annex tables as laid out: the great-tables HTML of 附件1 (title, the seed's two-row
header, the figures, 合计 in bold, overdue counts in red, the footnotes) and the XLSX
download (merged header cells, formats, frozen panes), on March 2021 of the hand-made
dataset (support.handmade: 市甲局 8 completed of which 3 late; 市乙局 1 completed, on time).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from bulletin import open_month
from bulletin.report.blocks import table_gt
from bulletin.report.sections.operation.annexes import annex_table, write_annex_files
from support.handmade import BOUNDARIES, EVALUATIONS, make
from support.scopes import shared

SPANNERS = [("办件情况（件）", 4), ("承诺件办件情况（件）", 2), ("承诺件办件效率（%）", 3),
            ("线上办件情况（件）", 3), ("线上承诺件办件情况（件）", 2), ("线上承诺办件效率", 3),
            ("办件主动评价", 2), ("较上月", 1)]
LEAVES = ["申请", "受理", "办结", "超时办结", "办结", "提前办结", "承诺提速", "办理提速", "提前办结",
          "申请", "受理", "办结", "办结", "提前办结", "网上办理", "办理提速", "提前办结",
          "主动评价数", "主动评价率", "办结"]


@pytest.fixture(scope=shared)
def march(tmp_path_factory):
    return open_month(make(tmp_path_factory.mktemp("march"), BOUNDARIES, EVALUATIONS), "2021-03")


@pytest.fixture  # per test, not per module: mutmut maps a function to the tests that call
def table(march):  # it, and a module-scoped call counts for the first test only
    return BeautifulSoup(table_gt(annex_table(march, "市级部门")).as_raw_html(), "html.parser")


def test_title_and_two_row_header(table):
    assert table.select_one(".gt_title").get_text(strip=True) == \
        "示例市一体化政务服务平台市级部门运行情况表（2021年3月）"
    first, second = table.select("tr.gt_col_headings")
    heads = first.find_all("th")
    assert [h.get_text(strip=True) for h in heads[:2]] == ["序号", "单位"]
    assert [h.get("rowspan") for h in heads[:2]] == ["2", "2"]
    assert [(h.get_text(strip=True), int(h["colspan"])) for h in heads[2:]] == SPANNERS
    assert [h.get_text(strip=True) for h in second.find_all("th")] == LEAVES


def test_rows_figures_bold_total_and_red_overdue(table):
    rows = table.select("tbody tr")
    cells = [[td.get_text(strip=True) for td in r.find_all("td")] for r in rows]
    # 市甲局: 8 8 8, 3 late; 承诺件 6, early 2; 承诺提速 (0.7 + 0.25 + 0.5) / 3 items
    # (A1 10/3, A2 4/3, A5 2/1; A3 has no 法定时限, A4 法定 0) = 48.33%; 办理提速 13 / 26
    assert cells[0][:11] == ["1", "市甲局", "8", "8", "8", "3", "6", "2", "48.33%", "50.00%",
                             "33.33%"]
    # 合计 = 市本级: 9 8 9 3 7 2; 承诺提速 with 市乙局's B2 (5/1 → 0.8): 2.25 / 4 = 56.25%
    assert cells[2][:11] == ["", "合计", "9", "8", "9", "3", "7", "2", "56.25%", "54.83%", "28.57%"]
    assert [r[1] for r in cells] == ["市甲局", "市乙局", "合计"]
    total = rows[2].find_all("td")
    assert all("font-weight: bold" in td.get("style", "") for td in total)
    assert not any("font-weight" in td.get("style", "") for td in rows[0].find_all("td")[:5])
    overdue = [r.find_all("td")[5] for r in rows]  # 超时办结: 3, 0, 3
    assert ["#c00000" in td.get("style", "") for td in overdue] == [True, False, True]
    assert [td.get_text(strip=True) for td in overdue] == ["3", "0", "3"]


def test_footnotes_give_every_definition_in_order(table):
    notes = [n.get_text(strip=True) for n in table.select(".gt_sourcenote")]
    assert notes == [
        "申请件、受理件、办结件：统计时间段内申请、受理、办结的件数。",
        "办理用时按工作日计算（法定节假日不计，调休上班日计入），受理当日不计。",
        "提前办结件：办理用时 < 承诺时限的承诺件；超时办结件：办理用时 > 承诺时限的办结件。",
        "承诺提速率 = 各承诺件事项 (法定时限 − 承诺时限) / 法定时限 的平均值（法定时限 > 0 的事项）。",
        "办理提速率 = Σ(法定时限 − 实际办理工作日) / Σ法定时限 × 100%（按承诺件计算）。",
        "提前办结率 = 提前办结件 / 承诺件办结件 × 100%（办结用时 < 承诺时限）。",
        "网上办理率 = 线上承诺件办结件 / 承诺件办结件 × 100%。",
        "主动评价率 = 主动评价数 / 办结件 × 100%。",
    ]  # the 口径 an office prints; how rates are shown is the review's (annexes.method_notes)


def test_table_font_and_alignment(march):
    html = table_gt(annex_table(march, "县（市、区）")).as_raw_html()
    assert "font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif" in html
    soup = BeautifulSoup(html, "html.parser")
    first = soup.select("tbody tr")[0].find_all("td")
    assert "gt_left" in first[1]["class"] and "gt_center" in first[2]["class"]
    assert soup.select("tr.gt_col_headings th")[1].get_text(strip=True) == "地区"
    css = {m.group(1): m.group(2) for m in re.finditer(r"\.(gt_\w+) \{([^}]*)\}", html)}
    assert "font-size: 12px" in css["gt_table"]  # table_font_size
    assert "font-size: 12px" in css["gt_col_heading"]  # column_labels_font_size
    assert "padding-top: 2px; padding-bottom: 2px" in css["gt_row"]  # data_row_padding


def test_xlsx_layout(march, tmp_path):
    folder = tmp_path / "not" / "yet"  # made, with its parents
    written = write_annex_files(march, folder)
    assert written == ["附件1_市级部门运行情况表.xlsx", "附件1_市级部门运行情况表.csv",
                       "附件2_县（市、区）运行情况表.xlsx", "附件2_县（市、区）运行情况表.csv"]
    sheet = load_workbook(folder / written[0]).active
    assert sheet.title == "市级部门运行情况表"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    #          title  序号     单位     办件情况 承诺件办件情况 效率      线上      线上承诺  线上效率  主动评价
    assert merged == {"A1:V1", "A2:A3", "B2:B3", "C2:F2", "G2:H2", "I2:K2", "L2:N2", "O2:P2",
                      "Q2:S2", "T2:U2"}
    assert [sheet.cell(2, c).value for c in (3, 7, 9, 12, 15, 17, 20, 22)] == [
        s for s, _ in SPANNERS]
    assert [sheet.cell(3, c).value for c in range(3, 23)] == LEAVES
    assert sheet.freeze_panes == "C4"
    # 单位 as wide as its widest name: 「市甲局」, 3 CJK characters = 6, + 2 = 8 (stored as n + 5/7)
    assert sheet.column_dimensions["B"].width == 8.7109375
    head, body = sheet["C2"], sheet["C4"]
    assert head.font.b and head.alignment.horizontal == "center"
    assert head.alignment.vertical == "center" and head.alignment.wrap_text
    assert head.border.left.style == "thin" and body.border.top.style == "thin"
    assert body.alignment.horizontal == "center" and not body.font.b
    for ref in ("C3", "V3", "A2"):  # leaves, 较上月, 序号: header format
        cell = sheet[ref]
        assert cell.font.b and cell.alignment.wrap_text and cell.border.top.style == "thin", ref
    text = sheet["B4"]  # a unit name: body format
    assert text.border.top.style == "thin" and text.alignment.horizontal == "left"  # as the page
    # merged cells keep the frame of their merge: title, a spanner, 序号
    assert sheet["D1"].border.top.style == "thin" and sheet["D2"].border.top.style == "thin"
    assert sheet["A3"].border.left.style == "thin"
    assert [c.value for c in sheet[4]][:8] == [1, "市甲局", 8, 8, 8, 3, 6, 2]
    assert [c.value for c in sheet[6]][1:4] == ["合计", 9, 8]
    # ordinary text is written as it is, without Excel's quote prefix
    assert not sheet["B4"].quotePrefix and not sheet["A1"].quotePrefix
    assert not sheet["K4"].quotePrefix  # "33.33%"


def test_definition_notes_from_the_catalogue(monkeypatch):
    import dataclasses

    from bulletin.core.definitions import FIGURES
    from bulletin.report.sections.operation.annexes import definition_note

    assert definition_note("applied", "accepted", "completed", shared=True) == \
        "申请件、受理件、办结件：统计时间段内申请、受理、办结的件数。"
    assert definition_note("accepted", "completed", shared=True) == \
        "受理件、办结件：统计时间段内受理、办结的件数。"
    assert definition_note("promise_early", "completed_overdue") == \
        "提前办结件：办理用时 < 承诺时限的承诺件；超时办结件：办理用时 > 承诺时限的办结件。"
    assert definition_note("online_share", "promise_early_rate") == (
        "线上申请占比 = 线上申请件 / 申请件 × 100%；"
        "提前办结率 = 提前办结件 / 承诺件办结件 × 100%（办结用时 < 承诺时限）。")
    with pytest.raises(ValueError, match="more than one word"):
        definition_note("applied", "promise_early", shared=True)
    # every figure of the catalogue has its 口径 (docs/definitions.md); one without it
    # cannot be a footnote
    monkeypatch.setitem(FIGURES, "online_applied",
                        dataclasses.replace(FIGURES["online_applied"], definition=""))
    with pytest.raises(ValueError, match=r"no 口径 in the catalogue for \['online_applied'\]"):
        definition_note("applied", "online_applied")


def test_common_prefix():
    from bulletin.report.sections.operation.annexes import _common_prefix

    assert _common_prefix(["统计申请", "统计受理"]) == "统计"
    assert _common_prefix(["abc", "xbc"]) == ""  # differs at the first character
    assert _common_prefix(["abc", "ab"]) == "ab" and _common_prefix(["ab", "abc"]) == "ab"
    assert _common_prefix(["abc", "abc"]) == "abc"
    assert _common_prefix(["abc"]) == "abc"
