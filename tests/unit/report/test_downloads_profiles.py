"""Every table of every sample profile has its XLSX and CSV, listed in meta.json, and one
figure per profile, read by hand from its seed, is the same in the download (a number with
the format that prints it) as in the table the month page shows.

The figures, as the seeds print them:
- 000 附件2: 渠县 主动评价率 44.53%;
- 001 附件1: 市城管执法局 证照生产率 100.00%, 综合得分 90.18;
- 002 目标表: 政务服务事项不见面审批事项占比, 2020 年达到水平 97.2%;
- 003 附件1: 区农业农村和交通运输局 主动评价率 69.32%;
- 004 附件2 (its first table, 各部门): 区交通局 承诺时限压缩比 92.47%, 平均到现场次数 0.08.
"""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from bulletin import open_month
from bulletin.core.blocks import Table
from bulletin.core.meta import read_meta
from bulletin.report.outputs import write_outputs
from bulletin.report.sections.common import for_readers
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA
from support.scopes import shared

MONTHS = {"seed000": "2021-02", "seed001": "2023-06", "seed002": "2020-12",
          "seed003": "2022-09", "seed004": "2021-09", "synthetic": "2021-03"}

# dataset → (file stem prefix, row's name, column label, printed text, stored value, format)
FIGURES = {
    "seed000": ("附件2_", "渠县", "主动评价率", "44.53%", 0.4453, "0.00%"),
    "seed001": ("附件1_", "市城管执法局", "证照生产率", "100.00%", 1.0, "0.00%"),
    "seed002": ("表", "政务服务事项不见面审批事项占比", "达到水平", "97.2%", 0.972, "0.0%"),
    "seed003": ("附件1_", "区农业农村和交通运输局", "主动评价率", "69.32%", 0.6932, "0.00%"),
    "seed004": ("附件2_", "区交通局", "承诺时限压缩比", "92.47%", 0.9247, "0.00%"),
}


@pytest.fixture(scope=shared, params=sorted(MONTHS))
def published(request, tmp_path_factory):
    name = request.param
    b = open_month(DATA / name, MONTHS[name])
    blocks = profile_blocks(b, skip=("title",))
    out = tmp_path_factory.mktemp(name)
    written = write_outputs(b, out, blocks)
    tables = [block for block in for_readers(blocks) if isinstance(block, Table)]
    return name, out, written, tables


def test_every_table_has_both_files_listed_in_meta(published):
    name, out, written, tables = published
    assert tables, f"{name} shows no table"
    assert len(written.downloads) == 2 * len(tables)
    assert read_meta(out / "meta.json").downloads == written.downloads
    stems = [d.removesuffix(".xlsx") for d in written.downloads[::2]]
    assert written.downloads == [f"{s}{ext}" for s in stems for ext in (".xlsx", ".csv")]
    for stem, table in zip(stems, tables, strict=True):
        assert (out / f"{stem}.xlsx").is_file() and (out / f"{stem}.csv").is_file()
        assert "_" in stem and "/" not in stem and not stem.startswith(".")
        sheet = load_workbook(out / f"{stem}.xlsx").active
        assert sheet["A1"].value == table.title  # the table's own title
        rows = list(csv.reader((out / f"{stem}.csv").read_text(encoding="utf-8-sig")
                               .splitlines()))
        assert len(rows) == 1 + len(table.rows)  # header line, then every row


def cell(sheet, row_name: str, label: str):
    """The cell in the row naming ``row_name`` and the column headed ``label``."""
    rows = [r for r in sheet.iter_rows() if any(c.value == row_name for c in r)]
    columns = [c.column for r in sheet.iter_rows(max_row=4) for c in r if c.value == label]
    assert len(rows) == 1 and len(columns) == 1, (row_name, label, len(rows), columns)
    return sheet.cell(rows[0][0].row, columns[0])


def test_a_figure_of_the_seed_is_the_same_in_download_and_page(published):
    name, out, written, tables = published
    if name not in FIGURES:
        pytest.skip("the synthetic dataset has no printed source")
    prefix, row_name, label, printed, value, number_format = FIGURES[name]
    found = []
    for stem, table in zip(written.downloads[::2], tables, strict=True):
        if not stem.startswith(prefix) or not any(c.text == row_name for r in table.rows
                                                  for c in r):
            continue
        target = cell(load_workbook(out / stem).active, row_name, label)
        found.append(stem)
        assert (target.value, target.number_format) == (value, number_format), stem
        assert printed in [c.text for r in table.rows for c in r], stem  # the page prints it
    assert found, f"{name}: no download has {row_name} / {label}"


def test_seed001_score_is_a_number_with_two_places(published):
    name, out, written, _ = published
    if name != "seed001":
        pytest.skip("seed 001 only")
    target = cell(load_workbook(out / written.downloads[0]).active, "市城管执法局", "综合得分")
    assert (target.value, target.number_format) == (90.18, "0.00")


def test_seed004_visits_are_a_number_with_two_places(published):
    name, out, written, _ = published
    if name != "seed004":
        pytest.skip("seed 004 only")
    # 附件1 is the 办件情况反馈表; 附件2 holds the 部门 table, then the 街镇 one
    assert written.downloads[:6] == [
        "附件1_办件情况反馈表.xlsx", "附件1_办件情况反馈表.csv",
        "附件2_各部门事项指标情况.xlsx", "附件2_各部门事项指标情况.csv",
        "附件2_各镇（街道）事项指标情况.xlsx", "附件2_各镇（街道）事项指标情况.csv"]
    target = cell(load_workbook(out / "附件2_各部门事项指标情况.xlsx").active, "区交通局",
                  "平均到现场次数")
    assert (target.value, target.number_format) == (0.08, "0.00")


def test_seed000_annex_print_setup_and_definitions(published):
    name, out, _, _ = published
    if name != "seed000":
        pytest.skip("seed 000 only")
    book = load_workbook(out / "附件1_市级部门运行情况表.xlsx")
    sheet = book["市级部门运行情况表"]
    assert sheet["B4"].value == "市委宣传部" and sheet["B4"].data_type == "s"  # annex 1, row 1
    assert (sheet.page_setup.orientation, sheet.print_title_rows, sheet.freeze_panes) == (
        "landscape", "$2:$3", "C4")
    rows = [[c.value for c in row] for row in book["口径说明"].iter_rows()]
    # the seed's masthead: 达州市一体化政务服务平台运行情况通报, 2021 年第 2 期, 达州市政务服务管理局
    assert rows[1][0] == "数据来源：达州市政务服务管理局《达州市一体化政务服务平台运行情况通报》（2021 年第 2 期）"
    assert rows[2][0] == "统计月份：2021年2月"
    assert ["办件主动评价/主动评价率", "主动评价率", "%",
            "主动评价率 = 主动评价数 / 办结件 × 100%"] in rows  # the 口径, no method note
