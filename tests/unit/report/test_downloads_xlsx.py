"""The downloads of one hand-made table, cell by cell: what ``report.downloads.write_tables``
writes as XLSX (figures as numbers with the format that prints them as the page does, text
as strings, formula-like text with Excel's quote prefix, red marks, widths, print setup, the
口径说明 sheet) and as CSV (the printed strings, UTF-8 with BOM); how files are named; what
a cell an input gives as printed reads as (``Cell.printed``).
"""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from bulletin.core.blocks import Cell, Column, Table
from bulletin.report.blocks import table as typed_table
from bulletin.report.downloads import name_tables, safe_name, short_title, write_tables
from bulletin.report.downloads_xlsx import text_width
from bulletin.report.sections.common import as_blocks
from support.scopes import shared

TITLE = "示例市一体化政务服务平台市级部门运行情况表（2021年2月）"


def table() -> Table:
    columns = [Column(id="order", label="序号"), Column(id="unit", label="单位", align="left"),
               Column(id="c0_applied", label="申请", spanners=("办件情况（件）",)),
               Column(id="c0_promise_early_rate", label="提前办结", spanners=("办件情况（件）",)),
               Column(id="change", label="较上月")]
    rows = [["1", "=1+1", "1129", "39.14%", "-12"], ["2", "@SUM(A1)", "0", "-", "↑1"],
            ["", "合计", "1129", "-160.00%", "+12"]]
    cells = [dict(zip([c.id for c in columns], map(Cell.printed, row), strict=True))
             for row in rows]
    cells[0]["c0_applied"] = cells[0]["c0_applied"].marked(bold=True, color="#c00000")
    for row in cells:  # names are text, whatever they look like
        row["unit"] = Cell(text=row["unit"].text)
    return typed_table(TITLE, columns, cells, ["注：示例表注。"])


CONTEXT = ["数据来源：示例市政务服务管理局《示例市运行情况通报》（2021 年第 2 期）",
           "统计月份：2021年2月"]


@pytest.fixture(scope=shared)
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("downloads") / "not" / "yet"  # made with its parents
    written = write_tables([("附件1_市级部门运行情况表", "市级部门运行情况表", table())], folder,
                           CONTEXT)
    assert written == ["附件1_市级部门运行情况表.xlsx", "附件1_市级部门运行情况表.csv"]
    return folder


def test_sheets_title_and_header(out):
    book = load_workbook(out / "附件1_市级部门运行情况表.xlsx")
    assert book.sheetnames == ["市级部门运行情况表", "口径说明"]
    sheet = book["市级部门运行情况表"]
    assert sheet["A1"].value == TITLE
    # title over 5 columns; 序号, 单位, 较上月 without a spanner merged down; the spanner over 2
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:E1", "A2:A3", "B2:B3", "C2:D2",
                                                           "E2:E3"}
    assert [c.value for c in sheet[2]] == ["序号", "单位", "办件情况（件）", None, "较上月"]
    assert [c.value for c in sheet[3]] == [None, None, "申请", "提前办结", None]


def test_figures_are_numbers_shown_as_printed(out):
    sheet = load_workbook(out / "附件1_市级部门运行情况表.xlsx").active
    assert [c.value for c in sheet[4]] == [1, "=1+1", 1129, 0.3914, -12]  # 39.14% = 0.3914
    assert [c.number_format for c in sheet[4]][2:] == ["0", "0.00%", "0"]
    assert [c.value for c in sheet[5]] == [2, "@SUM(A1)", 0, "-", "↑1"]
    assert [c.value for c in sheet[6]] == [None, "合计", 1129, -1.6, 12]  # −160.00% = −1.6
    assert sheet["E6"].number_format == "+0;-0;0"  # 「+12」 keeps its sign
    assert sheet["D5"].data_type == "s" and not sheet["D5"].quotePrefix  # 「-」 as printed


def test_hostile_text_is_a_string_never_a_formula(out):
    sheet = load_workbook(out / "附件1_市级部门运行情况表.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for ref in ("B4", "B5"):
        assert sheet[ref].data_type == "s" and sheet[ref].quotePrefix, ref
    assert not sheet["B6"].quotePrefix  # 合计: ordinary text


def test_marks_alignment_and_widths(out):
    sheet = load_workbook(out / "附件1_市级部门运行情况表.xlsx").active
    assert sheet["C4"].font.color.rgb == "FFC00000" and sheet["C4"].font.b  # the red mark
    assert sheet["C5"].font.color is None or sheet["C5"].font.color.rgb != "FFC00000"
    assert sheet["B4"].alignment.horizontal == "left" and sheet["C4"].alignment.horizontal == "center"
    # B: widest text 「@SUM(A1)」 8 + 2 = 10; D: label 「提前办结」 4 CJK = 8, + 2 = 10;
    # E: 「较上月」 6, cells at most 3, + 2 = 8 (Excel stores a width of n as n + 5/7)
    widths = {c: sheet.column_dimensions[c].width for c in "BDE"}
    assert widths == {"B": 10.7109375, "D": 10.7109375, "E": 8.7109375}


def test_print_setup_and_frozen_header(out):
    sheet = load_workbook(out / "附件1_市级部门运行情况表.xlsx").active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToHeight == 0  # one page wide, as many pages down as needed
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
    assert sheet.print_title_rows == "$2:$3"  # the header rows on every page
    assert sheet.freeze_panes == "C4"  # header rows and 序号, 单位 in view


def test_definitions_sheet(out):
    sheet = load_workbook(out / "附件1_市级部门运行情况表.xlsx")["口径说明"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == TITLE and rows[1][0] == CONTEXT[0] and rows[2][0] == CONTEXT[1]
    assert ["列", "指标", "计量单位", "口径"] in rows
    assert ["办件情况（件）/申请", "申请件", "件", "统计时间段内申请的件数"] in rows
    assert ["办件情况（件）/提前办结", "提前办结率", "%",
            "提前办结率 = 提前办结件 / 承诺件办结件 × 100%（办结用时 < 承诺时限）"] in rows
    assert not [r for r in rows if r[0] in ("序号", "单位", "较上月")]  # no 口径 in the catalogue
    assert [r[0] for r in rows[-2:]] == ["表注", "注：示例表注。"]
    assert sheet.page_setup.orientation == "landscape"


def test_csv_is_the_printed_table_with_bom(out):
    raw = (out / "附件1_市级部门运行情况表.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [["序号", "单位", "办件情况（件）/申请", "办件情况（件）/提前办结", "较上月"],
                    ["1", "'=1+1", "1129", "39.14%", "-12"],
                    ["2", "'@SUM(A1)", "0", "-", "↑1"],
                    ["", "合计", "1129", "-160.00%", "+12"]]


@pytest.mark.parametrize(("text", "value", "number_format"), [
    ("39.14%", 0.3914, "0.00%"), ("100.00%", 1.0, "0.00%"), ("-160.00%", -1.6, "0.00%"),
    ("97.2%", 0.972, "0.0%"), ("80%", 0.8, "0%"), ("−1.50%", -0.015, "0.00%"),
    ("+1.23%", 0.0123, "+0.00%;-0.00%;0.00%"),
    ("1129", 1129, "0"), ("0", 0, "0"), ("-12", -12, "0"), ("+12", 12, "+0;-0;0"),
    ("95.50", 95.5, "0.00"), ("0.08", 0.08, "0.00"), ("-0.50", -0.5, "0.00"),
    # text stays text: codes with a leading zero, more digits than Excel keeps, marks, words
    ("007", "007", None), ("1234567890123456", "1234567890123456", None), ("-", "-", None),
    ("—", "—", None), ("↑1", "↑1", None), ("-0", "-0", None), ("=1+1", "=1+1", None),
    ("80%以上", "80%以上", None), ("+5.00 个百分点", "+5.00 个百分点", None),
])
def test_a_printed_cell_is_a_number_where_a_spreadsheet_shows_it_so(text, value, number_format):
    cell = Cell.printed(text)
    shown = text if cell.sheet_value is None else cell.sheet_value
    assert (shown, cell.format) == (value, number_format)
    assert cell.text == text


def test_text_width_counts_cjk_twice():
    assert (text_width("市公安局"), text_width("39.14%"), text_width("（件）")) == (8, 6, 6)


@pytest.mark.parametrize(("text", "name"), [
    ("附件1_市级部门运行情况表", "附件1_市级部门运行情况表"),
    ("表1_../../etc/passwd", "表1_etc_passwd"),
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("附件1_市级部门（单位）A 组“一网通办”", "附件1_市级部门（单位）A组“一网通办”"),
    ("表2_“互联网+监管”%20#x&y", "表2_“互联网+监管”_20_x_y"),
    ("表3_\u202egnp.exe\x00", "表3_gnp_exe"),
    ("...", "表"), ("", "表"),
])
def test_safe_name(text, name):
    assert safe_name(text) == name


def test_safe_name_is_at_most_sixty_characters():
    assert safe_name("表1_" + "很长的标题" * 20) == ("表1_" + "很长的标题" * 20)[:60]


def test_short_title():
    assert short_title(TITLE, "示例市", "2021年2月") == "市级部门运行情况表"
    assert short_title("2022年9月江北区街道（镇）、社区（村）便民服务中心办件情况统计表", "江北区",
                       "2022年9月") == "街道（镇）、社区（村）便民服务中心办件情况统计表"
    assert short_title("平顶山市指标整改提升目标及完成情况", "平顶山市", "2020年12月") == \
        "指标整改提升目标及完成情况"


def test_names_from_numbered_headings_else_table_order():
    def titled(title: str) -> Table:
        return Table(title=title, columns=[Column(id="a", label="a")], rows=[[Cell(text="1")]])

    blocks = ["## 正文", "### 附件1", titled("示例市甲表（2021年2月）"), "一段文字。",
              titled("示例市乙表"), "### 事项指标表 2", titled("示例市丙表"),
              "### 附件1", titled("甲表（3）"), "### 附件1", titled("示例市甲表（2021年2月）"),
              "### 附件1", titled("示例市甲表"),
              "### 附件2", "#### 附件的标题", titled("戊表"), titled("己表"),
              "### 说明\n\n一段文字。", titled("丁表"), "## 附件3", titled("庚表")]
    stems = [stem for stem, _, _ in name_tables(as_blocks(blocks), "示例市", "2021年2月")]
    # a repeated name gets the first free number: （3） is taken by a title of its own;
    # text, a table or a deeper heading after 「附件1」 leave the tables below in 附件1 (乙表;
    # seed 004's 附件2 holds its title and two tables: 戊表, 己表); a heading of the same
    # level ends it (丁表 is the 9th table, 「表9」), a higher one too (庚表)
    assert stems == ["附件1_甲表", "附件1_乙表", "事项指标表2_丙表", "附件1_甲表（3）",
                     "附件1_甲表（2）", "附件1_甲表（4）", "附件2_戊表", "附件2_己表",
                     "表9_丁表", "附件3_庚表"]


def test_an_empty_column_is_wide_enough_to_fill_in(tmp_path):
    form = Table(title="办件情况反馈表", columns=[
        Column(id="item", label="事项名称"), Column(id="count", label="办件量"),
        Column(id="reason", label="办件量为 0 的事项请说明原因")], rows=[[Cell()] * 3] * 2)
    write_tables([("表1_办件情况反馈表", "办件情况反馈表", form)], tmp_path, CONTEXT)
    sheet = load_workbook(tmp_path / "表1_办件情况反馈表.xlsx").active
    # no text in any cell: 24 wide (stored 24 + 5/7), whatever the label; the three
    # equal widths are stored as one range A:C
    columns = sheet.column_dimensions["A"]
    assert (columns.min, columns.max, columns.width) == (1, 3, 24.7109375)
    assert sheet["A3"].value is None and sheet["A3"].border.top.style == "thin"  # blank, framed


def test_a_form_s_lines_are_in_its_definitions_sheet(tmp_path):
    form = Table(title="办件情况反馈表", form=True, intro=["填报单位：　填报人：", "本单位共××项事项。"],
                 columns=[Column(id="item", label="事项名称")], rows=[[Cell()]])
    write_tables([("表1_办件情况反馈表", "办件情况反馈表", form)], tmp_path, CONTEXT)
    sheet = load_workbook(tmp_path / "表1_办件情况反馈表.xlsx")["口径说明"]
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "办件情况反馈表", "填报单位：　填报人：", "本单位共××项事项。"]
