"""publish.compare: the printed figures of two versions of a month compared — meta.json's
title block, headline and unit cells, the tables' cells as printed, the body text by
sentence — and the inputs by hash. Every expected change is written out by hand."""

from __future__ import annotations

from bulletin.core.meta import HeadlineFigure, MonthMeta, UnitCell, UnitFigures, UnitRow, unit_slug
from bulletin.core.provenance import HashedFile, InputFile, Provenance
from bulletin.publish.compare import (
    ABSENT,
    FigureChange,
    InputChange,
    MonthFigures,
    compare_figures,
    compare_inputs,
    compare_month,
    compare_tables,
    compare_text,
    table_cells,
)

SHA = {c: c * 64 for c in "abcd"}


def meta(applied: int, unit_applied: str, issue_date: str = "2021 年 4 月 10 日") -> MonthMeta:
    cells = [UnitCell(column="办件情况（件）/申请", kind="count", display=unit_applied,
                      value=float(unit_applied))]
    return MonthMeta(
        month="2021-03", dataset="ds", profile_title="示例市运行情况通报",
        title_lines=["示例市运行情况通报"], authority="示例市政务服务管理局",
        issue_label="2021 年第 3 期", issue_date=issue_date,
        headline=[HeadlineFigure(key="applied", label="申请件", kind="count", unit="件",
                                 value=applied, display=str(applied))],
        units=[UnitFigures(name="市甲局", slug=unit_slug("市甲局"), level="市级部门",
                           rows=[UnitRow(table="市级部门运行情况表", cells=cells)])])


def test_the_figures_of_meta_json_that_print_differently():
    old, new = meta(200, "100"), meta(201, "101", "2021 年 4 月 12 日")
    assert compare_figures(old, new) == [
        FigureChange("文头", "", "印发日期", "2021 年 4 月 10 日", "2021 年 4 月 12 日"),
        FigureChange("主要指标", "全市", "申请件", "200", "201"),
        FigureChange("市级部门运行情况表", "市甲局", "办件情况（件）/申请", "100", "101"),
    ]
    assert compare_figures(old, meta(200, "100")) == []


def test_a_figure_only_one_side_prints_is_absent_on_the_other():
    old = meta(200, "100")
    new = old.model_copy(update={"headline": []})
    assert compare_figures(old, new) == [FigureChange("主要指标", "全市", "申请件", "200", ABSENT)]


TABLE = [["序号", "单位", "申请", "较上月"],
         ["1", "市甲局", "100", "持平"],
         ["2", "市乙局", "100", "持平"],
         ["", "合计", "200", "持平"]]


def test_a_row_is_named_by_its_label_not_its_number():
    cells = table_cells(TABLE)
    assert cells[("市甲局", "申请")] == "100" and cells[("合计", "序号")] == ""
    assert len(cells) == 12  # 3 rows × 4 columns


def test_a_label_met_twice_and_a_blank_label_are_told_apart():
    rows = [["单位", "申请"], ["合计", "1"], ["", "2"], ["合计", "3"]]
    assert table_cells(rows) == {("合计", "单位"): "合计", ("合计", "申请"): "1",
                                 ("第 2 行", "单位"): "", ("第 2 行", "申请"): "2",
                                 ("合计（第 2 处）", "单位"): "合计", ("合计（第 2 处）", "申请"): "3"}


def test_the_cells_of_a_table_that_changed():
    new = [row[:] for row in TABLE]
    new[1][2], new[1][3] = "101", "↑1"
    new[2][2], new[2][3] = "99", "↓1"
    assert compare_tables({"附件1": TABLE}, {"附件1": new}) == [
        FigureChange("附件1", "市甲局", "申请", "100", "101"),
        FigureChange("附件1", "市甲局", "较上月", "持平", "↑1"),
        FigureChange("附件1", "市乙局", "申请", "100", "99"),
        FigureChange("附件1", "市乙局", "较上月", "持平", "↓1"),
    ]


def test_a_table_one_side_lacks_is_one_change():
    assert compare_tables({"附件1": TABLE}, {}) == [
        FigureChange("附件1", "", "", "整表 3 行", ABSENT)]
    assert compare_tables({}, {"附件2": TABLE}) == [
        FigureChange("附件2", "", "", ABSENT, "整表 3 行")]


def test_the_sentences_of_the_text_that_changed_under_their_heading():
    old = ["### 一、总体情况", "全市申请 200 件。其中线上 0 件。\n\n与上月相比持平。",
           "### 二、超时情况", "超时 0 件。"]
    new = ["### 一、总体情况", "全市申请 201 件。其中线上 0 件。\n\n与上月相比持平。",
           "### 二、超时情况", "超时 0 件。新增一句。"]
    assert compare_text(old, new) == [
        FigureChange("正文", "一、总体情况", "", "全市申请 200 件。", "全市申请 201 件。"),
        FigureChange("正文", "二、超时情况", "", ABSENT, "新增一句。"),
    ]
    assert compare_text(old, old) == []


def test_a_unit_cell_is_named_once_as_its_table_prints_it():
    table = [["序号", "单位", "办件情况（件）/申请"], ["1", "市甲局", "100"]]
    changed = [table[0], ["1", "市甲局", "101"]]
    old = MonthFigures(meta(200, "100"), {"附件1_市级部门运行情况表": table}, ["全市 200 件。"])
    new = MonthFigures(meta(201, "101"), {"附件1_市级部门运行情况表": changed}, ["全市 201 件。"])
    assert compare_month(old, new) == [
        FigureChange("主要指标", "全市", "申请件", "200", "201"),
        FigureChange("附件1_市级部门运行情况表", "市甲局", "办件情况（件）/申请", "100", "101"),
        FigureChange("正文", "", "", "全市 200 件。", "全市 201 件。"),
    ]
    assert compare_month(old, old) == []


def test_a_change_reads_as_one_line():
    assert FigureChange("附件1", "市甲局", "申请", "100", "101").line() == "附件1｜市甲局｜申请：100 → 101"
    assert FigureChange("文头", "", "期号", "第 3 期", "第 4 期").line() == "文头｜期号：第 3 期 → 第 4 期"


def provenance(cases: str, notes: str | None, extra: bool = False) -> Provenance:
    inputs = [InputFile(path="units.csv", size=10, sha256=SHA["a"]),
              InputFile(path="cases/2021-03.csv", size=20, sha256=cases, read=2, used=2,
                        quarantined=0)]
    if extra:
        inputs.append(InputFile(path="cases/2021-04.csv", size=5, sha256=SHA["d"]))
    return Provenance(inputs=inputs, config=HashedFile(path="dataset.yml", sha256=SHA["a"]),
                      notes=HashedFile(path="notes/2021-03.md", sha256=notes) if notes else None)


def test_the_inputs_changed_added_and_removed():
    old = provenance(SHA["b"], SHA["c"])
    assert compare_inputs(old, old) == []
    changes = compare_inputs(old, provenance(SHA["c"], None, extra=True))
    assert changes == [InputChange("cases/2021-03.csv", SHA["b"], SHA["c"]),
                       InputChange("notes/2021-03.md", SHA["c"], None),
                       InputChange("cases/2021-04.csv", None, SHA["d"])]
    assert [c.line() for c in changes] == [
        "cases/2021-03.csv：内容已改变（SHA-256 bbbbbbbbbbbb… → cccccccccccc…）",
        "notes/2021-03.md：已不存在（发布时 SHA-256 cccccccccccc…）",
        "cases/2021-04.csv：新增（发布时没有此文件）"]
